"""The condition language has one printer: every text the trace shows for a comparison re-parses to the
same expression, and computes to the value the trace shows as required."""

from __future__ import annotations

import shutil

from click.testing import CliRunner
from hypothesis import assume, given
from hypothesis import strategies as st

import judgement
from judgement.cli import main
from judgement.judging.facts import case_fact
from judgement.lang import normal
from judgement.lang.evaluate import as_number, evaluate_expr
from judgement.lang.normal import expr_text, normalize, to_expr
from judgement.lang.parser import ConditionError, parse
from judgement.lang.printer import unparse
from judgement.source import Location
from tests.conftest import DATA, one_area_rulebook

AT = Location("p.yaml", 1, 1)
FIELDS = ("a", "b", "a.england", "b.neighbours", "a.n")
NUMBERS = st.one_of(st.integers(0, 200), st.integers(-300, 3000).map(lambda x: x / 10))


@st.composite
def values(draw: st.DrawFn, depth: int = 3) -> str:
    """A linear value expression over a few fields (text as a rule author writes it)."""
    if depth == 0 or draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from(FIELDS)) if draw(st.booleans()) else str(draw(NUMBERS))
    kind = draw(st.sampled_from(["+", "-", "*", "/", "neg"]))
    if kind == "neg":
        return f"-({draw(values(depth - 1))})"
    left = draw(values(depth - 1))
    if kind in "*/":  # linear: a measure times or divided by a number
        number = draw(st.integers(1, 9)) if kind == "/" else draw(NUMBERS)
        return f"({left}) {kind} {number}" if draw(st.booleans()) or kind == "/" else f"{number} {kind} ({left})"
    return f"({left}) {kind} ({draw(values(depth - 1))})"


@st.composite
def comparisons(draw: st.DrawFn) -> str:
    op = draw(st.sampled_from(["<", "<=", ">", ">=", "==", "!="]))
    return f"{draw(values())} {op} {draw(values())}"


@given(comparisons())
def test_the_normal_form_prints_text_that_parses_back_to_it(text):
    try:
        condition = normalize(parse(text, AT))
    except ConditionError:  # the measures cancel out, or the constants fold to something out of range
        assume(False)
        return
    for test in normal.tests(condition):
        shown = test.rhs_text
        assert shown == expr_text(test.rhs)
        assert to_expr(parse(f"{shown} < 1", AT).left) == test.rhs, shown


@given(comparisons())
def test_source_text_round_trips_through_the_printer(text):
    tree = parse(text, AT)
    assert parse(unparse(tree), AT) == tree


def _rulebook(condition: str) -> judgement.Rulebook:
    measures = {
        "a": {"title": "Measure a", "unit": "percent", "better": "higher"},
        "b": {"title": "Measure b", "unit": "percent", "better": "higher"},
    }
    return one_area_rulebook("printer", measures, [condition], requires=("a",))


PERCENT = st.integers(0, 1000).map(lambda x: x / 10)


@given(comparisons().filter(lambda t: ".n" not in t), PERCENT, PERCENT, PERCENT, PERCENT)
def test_every_comparison_in_a_trace_computes_to_the_required_value_it_shows(text, a, b, england, neighbours):
    try:
        rulebook = _rulebook(text)
    except judgement.RulebookError:  # units that do not match, measures that cancel out
        assume(False)
        return
    case = judgement.load_case(
        {
            "case": "p",
            "authority": "P",
            "inspected": "2010-06-01",
            "rulebook": "printer",
            "evidence": {"a": {"value": a, "england": england}, "b": {"value": b, "neighbours": neighbours}},
        }
    )
    fact = case_fact(rulebook, case)
    step = judgement.judge(rulebook, case).areas["one"].trace.rules[0]
    for comparison in step.comparisons:
        expr = to_expr(parse(f"{comparison.right} < 1", AT).left)
        required, missing = evaluate_expr(expr, fact)
        assert not missing
        assert required is not None
        assert as_number(required) == comparison.required, comparison  # the exact value, shown as a number


def test_a_parenthesised_right_hand_side_keeps_its_parentheses_in_explain(tmp_path):
    root = tmp_path / "rb"
    shutil.copytree(DATA / "mini", root)
    (root / "areas" / "one.yaml").write_text(
        "area: one\ntitle: Area one\nrequires: [a]\nrules:\n"
        "  - id: one.bad\n    grade: area_for_development\n    when: a < b - (a.england - 5)\n    because: low\n"
        "  - id: one.met\n    grade: satisfactory\n    default: true\n    because: ok\n"
    )
    for extra in ("two.yaml", "three.yaml"):
        (root / "areas" / extra).unlink()
    case = tmp_path / "case.yaml"
    case.write_text(
        "case: p\nauthority: P\ninspected: 2010-06-01\nrulebook: mini\n"
        "evidence:\n  a: {value: 60, england: 70}\n  b: 80\n"
    )
    result = CliRunner().invoke(main, ["explain", str(case), "--area", "one", "--rules", str(root)])
    assert result.exit_code == 0, result.stderr
    # 80 - (70 - 5) = 15: the text shown computes to the value shown
    assert "a 60 < b - (a.england - 5) = 15: fails (margin +45)" in result.stdout
