"""Renderers against exact expected output for the Staffordshire case (tests/golden/).

After an intended change, regenerate with ``JUDGEMENT_UPDATE_GOLDEN=1 python -m pytest tests/test_render.py``
and review the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import judgement
from judgement import explain
from judgement.renderers import render_explanation, render_json, render_markdown, render_text
from judgement.renderers.html import render_html
from judgement.renderers.letter import mix_of_findings, render_letter
from tests.conftest import ROOT

GOLDEN = Path(__file__).resolve().parent / "golden"
SCHEMA = ROOT / "src" / "judgement" / "schema" / "judgement.schema.json"


def _judged(case: str) -> judgement.Judgement:
    """Judged from the repository root with relative paths, so locations in the output are stable."""
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        rulebook = judgement.load_rulebook("rules/ucra-2010")
        return judgement.judge(rulebook, judgement.load_case(case))
    finally:
        os.chdir(here)


@pytest.fixture(scope="module")
def partial():
    """Staffordshire without two optional measures: two areas judged partial."""
    return _judged("tests/data/staffordshire-partial.yaml")


def test_missing_optional_evidence_is_visible_in_every_renderer(partial):
    assert [a.area for a in partial if a.status is judgement.AreaStatus.PARTIAL] == ["supervision", "assessments"]
    _golden("partial-verbose.txt", render_text([partial], verbose=True))
    _golden("partial.md", render_markdown([partial], verbose=True))
    text = render_json([partial])
    _golden("partial.json", text)
    jsonschema.validate(json.loads(text), json.loads(SCHEMA.read_text()))
    _golden("partial-letter.txt", render_letter(partial))
    _golden("partial.html", render_html([(partial, {a.area: explain(partial, a.area) for a in partial})]))
    area = partial.areas["assessments"]
    header = f"{area.title} [{area.area}] - {partial.case.authority}, inspected {partial.case.inspected.isoformat()}"
    _golden("partial-assessments-explain.txt", render_explanation(explain(partial, "assessments"), area.trace, header))


@pytest.fixture(scope="module")
def result():
    """Judged from the repository root with relative paths, so locations in the output are stable."""
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        rulebook = judgement.load_rulebook("rules/ucra-2010")
        yield judgement.judge(rulebook, judgement.load_case("fixtures/ucra-2010/staffordshire-2010.yaml"))
    finally:
        os.chdir(here)


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("JUDGEMENT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {name}; run with JUDGEMENT_UPDATE_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8")


def test_text(result):
    _golden("staffordshire.txt", render_text([result]))


def test_text_verbose(result):
    _golden("staffordshire-verbose.txt", render_text([result], verbose=True))


def test_markdown(result):
    _golden("staffordshire.md", render_markdown([result]))


def test_json(result):
    text = render_json([result])
    assert judgement.render(result, "json") == text  # what --format json writes is what is checked here
    _golden("staffordshire.json", text)
    jsonschema.validate(json.loads(text), json.loads(SCHEMA.read_text()))


def test_letter(result):
    _golden("staffordshire-letter.txt", render_letter(result))


def test_html(result):
    _golden("staffordshire.html", render_html([(result, {a.area: explain(result, a.area) for a in result})]))


def test_explanation_plain_and_styled(result):
    area = result.areas["assessments"]
    header = f"{area.title} [{area.area}] - {result.case.authority}, inspected {result.case.inspected.isoformat()}"
    plain = render_explanation(explain(result, "assessments"), area.trace, header)
    _golden("staffordshire-assessments-explain.txt", plain)
    styled = render_explanation(explain(result, "assessments"), area.trace, header, style=True)
    assert "\x1b[" in styled  # colour on a terminal
    assert "├─ " in styled  # and a tree
    assert "\x1b[" not in plain


def test_schema_is_shipped_in_the_package():
    import importlib.resources

    text = importlib.resources.files("judgement").joinpath("schema/judgement.schema.json").read_text()
    jsonschema.Draft202012Validator.check_schema(json.loads(text))


def test_html_is_self_contained(result):
    page = render_html([(result, {a.area: explain(result, a.area) for a in result})])
    for external in ("http://", "https://", "<script", "@import", "url("):
        assert external not in page
    assert page.count('<article class="card') == 24  # the 16 findings and the 8 areas not judged
    assert page.count("<svg") >= 16


def test_letter_has_the_letters_findings_under_its_headings(result):
    letter = render_letter(result)
    assert (
        "The inspection found areas of strength and satisfactory practice, with some areas for development." in letter
    )
    sections = {}
    current = None
    for line in letter.splitlines():
        if line in ("Strengths", "Satisfactory practice", "Areas for development", "Areas for priority action"):
            current = line
            sections[current] = 0
        elif line.startswith("- ") and current:
            sections[current] += 1
    # the letter's own, and the case sample's (illustrative) none at risk under satisfactory practice
    assert sections == {"Strengths": 2, "Satisfactory practice": 11, "Areas for development": 4}


def test_mix_of_findings_covers_every_combination(ucra):
    g = ucra.scale("ucra").get

    def mix(*names):
        return mix_of_findings(ucra, {g(n) for n in names})

    assert mix("strength", "priority_action") == "areas of strength, with areas for priority action"
    assert mix("satisfactory") == "satisfactory practice"
    assert mix("area_for_development") == "some areas for development"
    assert mix("strength", "satisfactory", "area_for_development", "priority_action") == (
        "areas of strength and satisfactory practice, with some areas for development and areas for priority action"
    )
    assert mix() == "no area that could be judged"


@given(st.text(alphabet=st.sampled_from("ab &<>\"'é▼\n;#x0123"), max_size=40) | st.text(max_size=40))
def test_reports_escape_as_the_standard_library_does(text):
    import html

    from judgement.renderers._common import escape

    assert escape(text) == html.escape(text)
