"""A batch stopped by a signal, or losing a worker, ends every process it started and says what it judged."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

SHEET = ROOT / "fixtures" / "spreadsheets" / "ucra-2010-councils.csv"


def _big_sheet(tmp_path: Path, copies: int = 250) -> Path:
    """A spreadsheet of 24 rows ``copies`` times: about 3,000 rows a worker, some 6 s of processor time at
    2 ms a row, four times what each worker must have used before a test interrupts it (:data:`_WORKED`)."""
    header, *rows = SHEET.read_text().splitlines()
    sheet = tmp_path / "many.csv"
    sheet.write_text("\n".join([header, *(rows * copies)]) + "\n")
    return sheet


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:  # the parent's pid
                found.append(int(entry.name))
    return found


def _start(sheet: Path, out: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "judgement", "judge", str(sheet), "--workers", "2", "--format", "csv"]
    return subprocess.Popen(
        [*command, "-o", str(out)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _cpu_seconds(pid: int) -> float:
    """The processor time a process has used (user and system), from /proc: 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


#: Processor time each worker must have used before a test interrupts the batch: well past starting up
#: (importing the package and loading the rulebook take a fraction of it), so cases have been judged, however
#: slow or loaded the machine (a condition on the work done, not a wait of fixed length).
_WORKED = 1.5


def _wait_for_workers(process: subprocess.Popen[str]) -> list[int]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        workers = _children(process.pid)
        if len(workers) >= 2 and all(_cpu_seconds(w) >= _WORKED for w in workers):
            return workers
        if process.poll() is not None:
            pytest.fail("the batch ended before its workers had judged anything")
        time.sleep(0.05)
    process.kill()
    pytest.fail("the batch's workers never judged anything")


def _gone(pids: list[int]) -> bool:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{pid}").exists() and "Z" not in _state(pid) for pid in pids):
            return True
        time.sleep(0.1)
    return False


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_sigterm_stops_the_batch_and_every_worker(tmp_path):
    process = _start(_big_sheet(tmp_path), tmp_path / "out.csv")
    workers = _wait_for_workers(process)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 143, stderr
    assert "interrupted (SIGTERM):" in stderr
    assert "cases judged and written; not judged: " in stderr
    assert "Traceback" not in stderr
    assert _gone(workers), "a worker outlived the batch"
    written = (tmp_path / "out.csv").read_text().splitlines()
    assert written[0].startswith("case,authority,inspected,rulebook")
    assert len(written) > 1  # what was judged is kept


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_a_killed_worker_loses_only_the_cases_not_yet_judged(tmp_path):
    process = _start(_big_sheet(tmp_path), tmp_path / "out.csv")
    workers = _wait_for_workers(process)
    os.kill(workers[0], signal.SIGKILL)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 2, stderr
    assert "error: not judged: a worker process was stopped before it judged this case: " in stderr
    assert len(stderr.splitlines()) < 10  # one line for every case left, not a line each
    assert "many.csv:" in stderr  # and it names them by file and row
    assert "cases could not be judged" in stderr
    assert "Traceback" not in stderr
    assert _gone(workers)
    assert len((tmp_path / "out.csv").read_text().splitlines()) > 1
