"""The condition language: parsing, printing, normal form, and the YAML loader's scalars."""

import pytest

from judgement.errors import InputError
from judgement.lang import normal
from judgement.lang.normal import AllOf, AnyOf, normalize
from judgement.lang.parser import ParseFailure, parse
from judgement.lang.printer import unparse
from judgement.read.documents import parse_document
from judgement.source import Location

Test = normal.Test  # the normal-form comparison (not a test class)

AT = Location("r.yaml", 3, 11, "    when: x", 1)


@pytest.mark.parametrize(
    "text",
    [
        "(a < 50 or b < 50) and c > 0",
        "a < a.england - 10 or b < 60",
        "a - (b - c) > 1",
        "not (a < 1 and b)",
        "-a * 2 >= 3",
    ],
)
def test_unparse_round_trips(text):
    assert unparse(parse(text, AT)) == text


def test_errors_point_into_the_rule_file():
    with pytest.raises(ParseFailure) as info:
        parse("a >= >= 1", AT)
    assert str(info.value.problem.location) == "r.yaml:3:16"


def test_depth_limit_is_an_error_not_a_recursion_error():
    with pytest.raises(ParseFailure, match="nested more than"):
        parse("(" * 100 + "a > 1" + ")" * 100, AT)


def test_normal_form_pushes_negation_and_isolates_a_field():
    cond = normalize(parse("not (a < 1 and 50 > b)", AT))
    assert isinstance(cond, AnyOf)
    first, second = cond.items
    assert isinstance(first, Test)
    assert (first.field.key, first.op) == ("a", ">=")
    assert isinstance(second, Test)
    assert (second.field.key, second.op) == ("b", ">=")
    linear = normalize(parse("a + b > 100", AT))
    assert isinstance(linear, Test)
    assert linear.field.key == "a"


def test_and_or_nest():
    assert isinstance(normalize(parse("a > 1 and (b > 1 or c > 1)", AT)), AllOf)


def test_yaml_scalars_follow_the_core_schema():
    doc = parse_document("a: 1e-05\nb: 1:20\nc: yes\nd: 2010-07-13\n", "x.yaml")
    assert doc.data["a"] == 1e-05
    assert doc.data["b"] == "1:20"
    assert doc.data["c"] == "yes"


def test_alias_bomb_fails_fast():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    with pytest.raises(InputError, match="expands to more than"):
        parse_document("\n".join(lines), "bomb.yaml")


def test_a_condition_that_means_nothing_is_the_languages_own_error_with_a_code():
    from judgement.lang.normal import normalize
    from judgement.lang.parser import ConditionError, MeaningFailure

    with pytest.raises(MeaningFailure) as info:
        normalize(parse("a - a > 1", Location("x.yaml", 4, 11, "    when: a - a > 1")))
    assert isinstance(info.value, ConditionError)
    assert not isinstance(info.value, ParseFailure)  # it parsed: what it means is the trouble
    assert info.value.problem.code == "condition.no-measure"
    assert (
        info.value.problem.message == "comparison 'a - a > 1' does not depend on any measure (the measures cancel out)"
    )
