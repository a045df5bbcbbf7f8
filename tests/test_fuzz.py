"""Fuzzing: arbitrary conditions, reason templates, rule files and case files either load and judge, or
raise the library's own error with a location. Never another exception, never a crash, never a hang.

CI runs the short profile; ``HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_fuzz.py`` runs the
long one (2,000 examples per property).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import example, given
from hypothesis import strategies as st

import judgement
from judgement.judging.facts import case_fact
from judgement.lang.evaluate import evaluate
from judgement.lang.parser import ParseFailure, parse
from judgement.resolve import rulebook_for
from judgement.source import Location
from tests.conftest import DATA, UCRA_BOOK

UCRA = UCRA_BOOK
TOKENS = [
    "a",
    "b",
    "c",
    "d",
    "f",
    "limit_days",
    "zz",
    "a.england",
    "a.neighbours",
    "a.n",
    "a.x",
    "__import__",
    "__class__",
    "0",
    "1",
    "85",
    "0.5",
    "1e-05",
    "1.5e3",
    "1e400",
    "99999999999999999999",
    "true",
    "false",
    "and",
    "or",
    "not",
    "<",
    "<=",
    ">",
    ">=",
    "==",
    "!=",
    "=",
    "+",
    "-",
    "*",
    "/",
    "(",
    ")",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    ":",
    ";",
    ".",
    ",",
    "\\",
    "é",
    "\t",
    "#",
    "!",
    "%",
    "@",
]
conditions = st.lists(st.sampled_from(TOKENS), max_size=30).map(" ".join)
templates = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "{a}",
                "{a.england}",
                "{limit_days}",
                "{zz}",
                "{a.__class__}",
                "{",
                "}",
                "{{",
                "}}",
                "{0}",
                "{a!r}",
                "{a:>9}",
                "{}",
                "text ",
            ]
        ),
        st.text(max_size=5),
    ),
    max_size=8,
).map("".join)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(["1e-05", "85", ".nan", "yes", "2010-13-45", "2010-07-13", "1:20", "!!python/object:os.system"]),
)


def _located(error: judgement.JudgementError) -> None:
    assert error.problems
    for problem in error.problems:
        assert problem.message
        # every problem points at a place: a location, or at least the file named in its message
        assert problem.location is not None or ".yaml" in problem.message or ".json" in problem.message


@given(conditions)
def test_any_condition_parses_or_fails_with_a_location(text):
    try:
        parse(text, Location("fuzz.yaml", 3, 11, "    when: " + text))
    except ParseFailure as failure:
        where = failure.problem.location
    else:
        return
    assert where is not None
    assert where.line == 3


def _mini_with(tmp: Path, condition: str, because: str) -> Path:
    root = tmp / "rb"
    shutil.copytree(DATA / "mini", root)
    rule = {"id": "one.fuzz", "grade": "strength", "when": condition, "because": because}
    default = {"id": "one.met", "grade": "satisfactory", "default": True, "because": "ok"}
    area = {"area": "one", "title": "One", "requires": ["a"], "rules": [rule, default]}
    (root / "areas" / "one.yaml").write_text(yaml.safe_dump(area, allow_unicode=True))
    return root


@given(conditions, templates, st.lists(st.sampled_from([0, 1e-05, 49.9, 50, 90, 100]), min_size=1, max_size=3))
@example(condition="f", because="{a}", values=[0])  # a rule that loads and does not fire (found under load)
def test_any_rule_file_loads_and_judges_or_fails_with_a_location(condition, because, values):
    with tempfile.TemporaryDirectory() as tmp:
        try:
            rulebook = judgement.load_rulebook(_mini_with(Path(tmp), condition, because))
        except judgement.JudgementError as error:
            _located(error)
            return
        for value in values:
            case = judgement.load_case(
                {
                    "case": "f",
                    "authority": "F",
                    "inspected": "2010-06-01",
                    "rulebook": "mini",
                    "evidence": {"a": value, "d": 8},
                }
            )
            result = judgement.judge(rulebook, case)
            # the fuzzed rule gives strength exactly when the reference evaluator says its condition holds;
            # otherwise the default rule's satisfactory stands
            rule = rulebook.area("one").rules[0]
            holds = evaluate(rule.normal, case_fact(rulebook, case)).outcome is True
            expected = "strength" if holds else "satisfactory"
            assert result.areas["one"].grade.id == expected, (condition, value)


def _document(draw: st.DrawFn) -> Any:
    evidence = draw(
        st.dictionaries(
            st.sampled_from([*list(UCRA.measures)[:8], "bogus", "id", "$x", ""]),
            st.one_of(
                SCALARS,
                st.dictionaries(
                    st.sampled_from(["value", "n", "england", "neighbours", "source", "x"]), SCALARS, max_size=4
                ),
            ),
            max_size=6,
        )
    )
    doc = {
        "case": draw(st.sampled_from(["c1", "bad id", "", 7])),
        "authority": draw(SCALARS),
        "inspected": draw(st.sampled_from(["2010-07-13", "2010-02-30", "", 2010, "2009-01-01"])),
        "rulebook": draw(st.sampled_from(["ucra-2010", "nope", ""])),
        "evidence": evidence,
    }
    for key in draw(st.lists(st.sampled_from(["case", "authority", "inspected", "rulebook", "evidence"]), max_size=2)):
        doc.pop(key, None)
    return doc


@st.composite
def case_texts(draw: st.DrawFn) -> tuple[str, str]:
    kind = draw(st.sampled_from(["yaml", "json", "mangled"]))
    doc = _document(draw)
    if kind == "json":
        return "json", json.dumps(doc, default=str)
    text = yaml.safe_dump(doc, allow_unicode=True, default_flow_style=draw(st.booleans()))
    if kind == "mangled":
        cut = draw(st.integers(0, len(text)))
        junk = draw(st.sampled_from(["", ":", "- ", "&a ", "*a", "!!python/object:x ", "{", "[", "'", "\t", "\x00"]))
        text = text[:cut] + junk + text[cut:]
    return "yaml", text


@given(case_texts())
def test_any_case_file_judges_or_fails_with_a_location(kind_and_text):
    kind, text = kind_and_text
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"case.{kind}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            case = judgement.load_case(path)
            rulebook = rulebook_for(case)
            result = judgement.judge(rulebook, case)
            assert list(result.areas) == [a.id for a in rulebook.areas]
        except judgement.JudgementError as error:
            _located(error)
