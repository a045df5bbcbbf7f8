"""The documentation names every area, rule and measure of the shipped rulebook, and every error kind."""

import re

import pytest

from tests.conftest import ROOT


def test_ucra_reference_lists_every_area_rule_and_measure(ucra):
    text = (ROOT / "docs" / "rulebooks" / "ucra-2010.md").read_text()
    for area in ucra.areas:
        assert f"`{area.id}`" in text
        for rule in area.rules:
            assert f"`{rule.id}`" in text
            if rule.when is not None:  # the condition quoted as written, so the reference cannot drift
                assert f"`{' '.join(rule.when.split())}`" in text, rule.id
    for measure in ucra.measures:
        assert f"`{measure}`" in text


def test_rule_language_documents_every_scale_key_policy_and_unit(ucra):
    from judgement import Policy, Unit
    from judgement.check.scales import _GRADE_KEYS

    text = (ROOT / "docs" / "rule-language.md").read_text()
    for enum in (Policy, Unit):
        for member in enum:
            assert f"`{member.value}`" in text, member
    for key in ("scales", "grades", "scale", *_GRADE_KEYS):
        assert f"`{key}`" in text, key
    for grade in ucra.grades:
        assert f"id: {grade.id}" in text, grade


def test_readme_commands_match_the_ci_script():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "python -m pytest" in readme
    assert "python -m pytest" in ci
    assert "pip install '.[dev]'" in readme
    assert "pip install -q '.[dev]'" in ci


def test_every_problem_code_is_documented_once_and_used():
    import re

    from judgement.errors import CODES

    documented = re.findall(r"^\| `([a-z-]+\.[a-z-]+)` \| (.+) \|$", (ROOT / "docs" / "errors.md").read_text(), re.M)
    assert documented == list(CODES.items())
    errors_py = (ROOT / "src" / "judgement" / "errors.py").read_text()
    table_end = errors_py.index("def suggest(")
    source = errors_py[table_end:] + "".join(
        p.read_text() for p in (ROOT / "src" / "judgement").rglob("*.py") if p.name != "errors.py"
    )
    lint = (ROOT / "src" / "judgement" / "analysis" / "lint.py").read_text()
    for code in CODES:
        used = f'"{code[5:]}"' in lint if code.startswith("lint.") else f'"{code}"' in source
        assert used, f"problem code {code} is never raised"


def test_an_unknown_problem_code_is_refused():
    import pytest

    from judgement.errors import Problem

    with pytest.raises(ValueError, match=r"unknown problem code 'no\.such'"):
        Problem("x", code="no.such")


@pytest.mark.slow
def test_the_api_reference_builds_without_warnings(tmp_path):
    import re
    import shlex
    import subprocess
    import sys

    import pytest

    pytest.importorskip("pdoc")
    command = re.search(r"^python -W error -m pdoc (.+) -o build/api$", (ROOT / "docs" / "api.md").read_text(), re.M)
    assert command, "docs/api.md gives the command that builds the reference"
    modules = shlex.split(command.group(1))
    done = subprocess.run(
        [sys.executable, "-W", "error", "-m", "pdoc", *modules, "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr
    facade = (tmp_path / "judgement.html").read_text()
    for name in ("load_rulebook", "load_case", "judge", "explain", "Judge", "Judgement", "Problem"):
        assert f'id="{name}"' in facade, name


def test_the_guide_to_another_framework_quotes_its_example_exactly():
    import re

    guide = (ROOT / "docs" / "another-framework.md").read_text()
    example = ROOT / "docs" / "examples" / "family-help"
    texts = [p.read_text() for p in example.rglob("*.yaml")]
    blocks = re.findall(r"```yaml\n(.*?)```", guide, re.S)
    assert len(blocks) >= 8
    for block in blocks:
        assert any(block in text for text in texts), block


@pytest.mark.slow
@pytest.mark.parametrize("doc", ["batch.md", "testing-rulebooks.md"])
def test_the_commands_of_the_batch_and_testing_guides_run_on_real_files(doc, tmp_path):
    """Every `judgement` command in the guide's shell blocks runs on the repository's own files (output
    redirected into a scratch folder) and ends as the guide says it does: without an error."""
    import os
    import shlex
    import subprocess
    import sys

    text = (ROOT / "docs" / doc).read_text()
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    commands = [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]
    commands = [c for c in commands if c.startswith("judgement ") and "HEAD~1" not in c]
    assert len(commands) >= 4
    for command in commands:
        words = shlex.split(command.split(" > ")[0])
        words = [
            str(tmp_path / w) if w.endswith((".csv", ".html", ".xml", ".jsonl")) and "/" not in w else w for w in words
        ]
        done = subprocess.run(
            [sys.executable, "-m", "judgement", *words[1:]],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=dict(os.environ, NO_COLOR="1"),
            check=False,
        )
        assert done.returncode == 0, (command, done.stderr[-2000:])
        assert "Traceback" not in done.stderr
