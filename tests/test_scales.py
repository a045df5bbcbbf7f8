"""A manifest's grade scales: every problem with them is refused with its message, place and code."""

from __future__ import annotations

from typing import Any

import pytest

import judgement
from judgement.check.scales import MAX_GRADES


def _book(**manifest: Any) -> dict[str, Any]:
    """A one-area rulebook whose manifest has ``manifest`` besides its id, title, version and dates."""
    return {
        "id": "t",
        "title": "t",
        "version": "1",
        "effective_from": "2020-01-01",
        "measures": {"m": {"title": "M", "unit": "percent", "better": "higher"}},
        "areas": [
            {
                "area": "a",
                "title": "A",
                "requires": ["m"],
                "rules": [{"id": "a.ok", "grade": "strong", "default": True, "because": "ok"}],
            }
        ],
        **manifest,
    }


def _problems(**manifest: Any) -> list[judgement.Problem]:
    with pytest.raises(judgement.RulebookError) as caught:
        judgement.load_rulebook(_book(**manifest))
    return list(caught.value.problems)


@pytest.mark.parametrize(
    ("manifest", "message", "place", "expected"),
    [
        ({"grades": ["strong"]}, "a scale has 1 grade", "$.grades", f"between 2 and {MAX_GRADES} grades"),
        ({"grades": ["weak", "weak", "strong"]}, "grade 'weak' is listed twice", "$.grades[1]", "each grade once"),
        ({"grades": ["not_judged", "strong"]}, "not_judged is not a grade on a scale", "$.grades[0]", "graded"),
        (
            {"grades": [{"id": "weak", "code": "S"}, {"id": "strong", "code": "S"}]},
            "grades 'strong' and 'weak' have the same code 'S'",
            "$.grades[1].code",
            "a different code for each grade",
        ),
        (
            {"grades": [{"id": "weak", "code": "WEAKEST"}, "strong"]},
            "grade code 'WEAKEST' is not 1 to 4 letters or digits",
            "$.grades[0].code",
            "a short code",
        ),
        (
            {"grades": [{"id": "weak", "colour": "red"}, "strong"]},
            "colour 'red' is not a colour",
            "$.grades[0].colour",
            "six hexadecimal digits",
        ),
        ({"scales": []}, "the manifest must declare its grade scales", "$.scales", "scales: a list"),
        (
            {"scales": [{"id": "s", "grades": ["weak", "strong"]}, {"id": "s", "grades": ["low", "high"]}]},
            "scale 's' is declared twice",
            "$.scales[1].id",
            "unique scale ids",
        ),
        (
            {"scales": [{"id": "s", "grades": "weak, strong"}]},
            "a scale's grades must be a list, worst first",
            "$.scales[0].grades",
            "a non-empty list",
        ),
    ],
)
def test_a_scale_that_cannot_be_used_is_refused_at_its_place(manifest, message, place, expected):
    problem = _problems(**manifest)[0]
    assert problem.message == message
    assert problem.code == "rulebook.grades"
    assert problem.location is not None
    assert str(problem.location).endswith(place)
    assert expected in (problem.expected or "")


def test_grade_ids_that_are_not_names_are_each_refused_and_nothing_else_goes_wrong():
    """An id with an empty word (``_``, ``a__b``, ``_c``) is refused as a name; working out the grade's
    default code from its words' initials does not fail on the empty word."""
    problems = _problems(grades=["_", "a__b", "_c", "strong"])
    assert [p.message for p in problems] == [
        "grade id '_' is not a valid name",
        "grade id 'a__b' is not a valid name",
        "grade id '_c' is not a valid name",
    ]
    assert {p.code for p in problems} == {"data.bad-name"}


def test_each_grade_gets_a_default_code_of_its_own():
    rulebook = judgement.load_rulebook(_book(grades=["needs_work", "needs_watching", "nearly", "strong"]))
    codes = [g.code for g in rulebook.scales[0].grades]
    assert codes == ["NW", "NEE", "NE", "ST"]  # initials, else the first letters, one more until free
    assert len(set(codes)) == len(codes)
