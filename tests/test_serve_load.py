"""``judgement serve`` under load on loopback: 50 clients at once for 20 seconds against /api/judge, each
answer compared with the library's own judgement of the same case. Bounded in count and time; the
throughput and 95th-percentile latency are printed (and measured again by benchmarks/bench_serve.py),
never asserted."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

pytest.importorskip("starlette")
pytestmark = pytest.mark.slow


def test_fifty_clients_for_twenty_seconds_get_the_library_s_answers(capsys):
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1] / "benchmarks"))
    import bench_serve

    command = [sys.executable, "-m", "judgement", "serve", "--port", "0"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        try:
            line = process.stdout.readline()
            assert line.startswith("judgement serve: http://"), line + process.stderr.read()
            figures = bench_serve.load(line.split()[2].rstrip("/"), clients=50, seconds=20, most=20_000)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)
    with capsys.disabled():
        print("\n" + bench_serve.describe(figures))
    assert figures["errors"] == 0, figures["first_error"]
    assert figures["wrong"] == 0
    assert figures["requests"] > 0
