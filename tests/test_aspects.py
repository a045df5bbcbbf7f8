"""Areas split into aspects: each aspect graded, reasoned and traced on its own, the area's grade the
worst (or best) of theirs, one letter bullet per aspect, and a located message for each mistake."""

from __future__ import annotations

import pytest

import judgement
from judgement.renderers.letter import render_letter
from tests.example import BOOK, FIXTURES, extra_area
from tests.example import book_copy as _book
from tests.example import case as _case


def test_each_aspect_is_graded_and_the_area_takes_the_worst():
    result = judgement.judge(BOOK, judgement.load_case(FIXTURES / "carrow-2024.yaml"))
    regularity, reflection = result.areas["supervision.regularity"], result.areas["supervision.reflection"]
    assert (regularity.grade.id, reflection.grade.id) == ("typical", "concern")
    area = result.areas["supervision"]
    assert (area.grade.id, area.status, area.rules_fired) == (
        "concern",
        judgement.AreaStatus.JUDGED,
        ("supervision.reflection",),
    )
    assert area.reason == reflection.reason
    assert [(g.area, g.grade.id) for g in area.trace.grades] == [
        ("supervision.regularity", "typical"),
        ("supervision.reflection", "concern"),
    ]
    assert "the worst of its aspects" in area.trace.policy.note


def test_the_letter_gives_one_bullet_per_aspect_and_none_for_the_area():
    letter = render_letter(judgement.judge(BOOK, judgement.load_case(FIXTURES / "carrow-2024.yaml")))
    assert letter.count("Supervision is rarely reflective") == 1
    assert letter.count("Social workers are sometimes supervised") == 1


def test_an_aspect_without_evidence_leaves_the_area_partial_unless_the_rest_already_decide():
    one = {"supervision_regularity": {"value": "usually"}}
    area = judgement.judge(BOOK, _case(one)).areas["supervision"]
    assert (area.grade.id, area.status) == ("typical", judgement.AreaStatus.PARTIAL)
    assert area.reason.endswith("(Judged without how reflective supervision is, which could change this grade.)")
    worst = judgement.judge(BOOK, _case({"supervision_regularity": {"value": "never"}})).areas["supervision"]
    assert (worst.grade.id, worst.status) == ("concern", judgement.AreaStatus.JUDGED)  # nothing is worse
    none = judgement.judge(BOOK, _case({})).areas["supervision"]
    assert none.grade.id == "not_judged"
    assert none.reason.startswith("Not judged: none of its aspects could be judged")


def test_a_derived_area_can_read_an_area_split_into_aspects(tmp_path):
    root = _book(tmp_path, area=extra_area("grade(supervision) <= concern"))
    book = judgement.load_rulebook(root)
    assert {a.id: a.level for a in book.areas}["extra"] == 1
    case = _case({"supervision_regularity": {"value": "never"}, "supervision_reflective": {"value": 90}})
    assert judgement.judge(book, case).areas["extra"].grade.id == "concern"


_HEAD = "area: s\ntitle: S\nscale: indicator\n"
_A = "  - {aspect: a, title: A, rules: [{id: s.a, grade: typical, default: true, because: x}]}\n"
_B = "  - {aspect: b, title: B, rules: [{id: s.b, grade: typical, default: true, because: x}]}\n"
_NO_DEFAULT = (
    "  - {aspect: a, title: A, rules: [{id: s.a, grade: typical, when: rereferral_percent > 1, because: x}]}\n"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_HEAD + "rules: []\naspects:\n" + _A + _B, "an area split into aspects has no rules of its own"),
        (_HEAD + "aspects:\n" + _A, "aspects must list two or more aspects"),
        (_HEAD + "aspects:\n" + _A + _A.replace("title: A", "title: B"), "aspect 'a' is listed twice"),
        (_HEAD + "aspects:\n" + _NO_DEFAULT + _B, "aspect 's.a' has no default rule"),
        (_HEAD + "combine: average\naspects:\n" + _A + _B, "combine 'average' is not known"),
    ],
)
def test_bad_aspects_are_refused(tmp_path, text, message):
    root = _book(tmp_path)
    (root / "areas" / "s.yaml").write_text(text)
    with pytest.raises(judgement.RulebookError) as info:
        judgement.load_rulebook(root)
    problem = next(p for p in info.value.problems if message in p.message)
    assert problem.location is not None
    assert problem.location.file.endswith("s.yaml")
