"""Every file in tests/data/invalid is rejected with its message at its location.

Each file starts with ``# error: <message fragment>`` and ``# at: <line>:<column>``. Case files are
judged against the UCRA rulebook; area files replace ``areas/one.yaml`` in a copy of the mini rulebook.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import judgement
from tests.conftest import DATA

INVALID = DATA / "invalid"


def _header(path: Path) -> tuple[str, str]:
    text = path.read_text()
    message = re.search(r"^# error: (.*)$", text, re.M)
    at = re.search(r"^# at: (\d+:\d+)$", text, re.M)
    assert message, f"{path} needs an '# error:' line"
    assert at, f"{path} needs an '# at:' line"
    return message.group(1), at.group(1)


def _check(error: judgement.JudgementError, file: Path, message: str, at: str) -> None:
    matching = [p for p in error.problems if message in p.message]
    assert matching, f"{message!r} not in {[p.message for p in error.problems]}"
    problem = matching[0]
    assert problem.location is not None
    assert f"{problem.location.line}:{problem.location.column}" == at, problem.format()
    assert Path(problem.location.file).name == file.name
    formatted = problem.format()
    assert "^" in formatted  # the source line with a caret under the fault


@pytest.mark.parametrize("path", sorted((INVALID / "cases").glob("*.yaml")), ids=lambda p: p.stem)
def test_bad_case_file(path, ucra):
    message, at = _header(path)
    with pytest.raises(judgement.JudgementError) as info:
        judgement.judge(ucra, judgement.load_case(path))
    _check(info.value, path, message, at)


@pytest.mark.parametrize("path", sorted((INVALID / "areas").glob("*.yaml")), ids=lambda p: p.stem)
def test_bad_area_file(path, tmp_path):
    message, at = _header(path)
    shutil.copytree(DATA / "mini", tmp_path / "rb")
    target = tmp_path / "rb" / "areas" / path.name
    (tmp_path / "rb" / "areas" / "one.yaml").unlink()
    shutil.copy(path, target)
    with pytest.raises(judgement.JudgementError) as info:
        judgement.load_rulebook(tmp_path / "rb")
    _check(info.value, path, message, at)


def test_corpus_is_large_enough():
    assert len(list(INVALID.rglob("*.yaml"))) >= 40
