"""The grade scale and the one table of how each grade is shown: rank, label, the heading a letter files
it under, the phrase a letter's opening uses, a two-letter code for grids and spreadsheets, and a colour.
Every renderer reads this table; none keeps its own copy."""

from __future__ import annotations

import enum

import attrs

from judgement._frozen import FrozenMap

__all__ = ["GRADE_STYLES", "Grade", "GradeStyle"]


class Grade(enum.Enum):
    """The judgement scale, worst first, plus ``not_judged`` which is not on the scale."""

    PRIORITY_ACTION = "priority_action"
    AREA_FOR_DEVELOPMENT = "area_for_development"
    SATISFACTORY = "satisfactory"
    STRENGTH = "strength"
    NOT_JUDGED = "not_judged"

    @property
    def style(self) -> GradeStyle:
        return GRADE_STYLES[self]

    @property
    def rank(self) -> int:
        """0 for the worst grade, 3 for the best; -1 for ``not_judged``."""
        return GRADE_STYLES[self].rank

    @property
    def heading(self) -> str:
        """The heading an inspection letter files this grade under."""
        return GRADE_STYLES[self].heading

    @property
    def label(self) -> str:
        return GRADE_STYLES[self].label

    @property
    def code(self) -> str:
        """Two letters for grids and spreadsheets."""
        return GRADE_STYLES[self].code

    @property
    def colour(self) -> str:
        """A colour as ``#rrggbb``."""
        return GRADE_STYLES[self].colour

    @classmethod
    def scale(cls) -> tuple[Grade, ...]:
        """The graded outcomes, worst first."""
        return tuple(sorted((g for g in cls if g.rank >= 0), key=lambda g: g.rank))

    @classmethod
    def best_first(cls) -> tuple[Grade, ...]:
        """The order of a letter's headings: the best grade first, ``not_judged`` last."""
        return (*reversed(cls.scale()), cls.NOT_JUDGED)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(g.value for g in cls)


@attrs.frozen
class GradeStyle:
    """How one grade is shown."""

    rank: int
    label: str
    heading: str
    phrase: str  # in "The inspection found areas of strength and satisfactory practice, with ..."
    code: str
    colour: str


GRADE_STYLES: FrozenMap[Grade, GradeStyle] = FrozenMap(
    {
        Grade.PRIORITY_ACTION: GradeStyle(
            0, "priority action", "Areas for priority action", "areas for priority action", "PA", "#b3261e"
        ),
        Grade.AREA_FOR_DEVELOPMENT: GradeStyle(
            1, "area for development", "Areas for development", "some areas for development", "AD", "#b26a00"
        ),
        Grade.SATISFACTORY: GradeStyle(
            2, "satisfactory", "Satisfactory practice", "satisfactory practice", "SA", "#1d5fa8"
        ),
        Grade.STRENGTH: GradeStyle(3, "strength", "Strengths", "strength", "ST", "#1b7f3b"),
        Grade.NOT_JUDGED: GradeStyle(-1, "not judged", "Not judged", "no area that could be judged", "NJ", "#6d4c9f"),
    }
)
