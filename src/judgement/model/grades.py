"""Grade scales: the ordered grades a rulebook declares, and how each one is shown.

A rulebook declares one or more :class:`Scale` values in its manifest (``scales:``); every area grades on
one of them. A :class:`Grade` carries everything a renderer needs (its label, the heading a letter files
it under, the phrase a letter's opening uses, a short code for grids and spreadsheets, and a colour), so
no renderer keeps a table of its own. :data:`NOT_JUDGED` is the one outcome that is on no scale.
"""

from __future__ import annotations

import attrs

from judgement._attrs import frozen

__all__ = ["DEFAULT_COLOURS", "NOT_JUDGED", "Grade", "Scale"]

#: Colours given to a scale's grades, worst first, when the rulebook names none (a red-to-green ramp
#: picked so that white text on each is legible).
DEFAULT_COLOURS: dict[int, tuple[str, ...]] = {
    2: ("#b3261e", "#1b7f3b"),
    3: ("#b3261e", "#1d5fa8", "#1b7f3b"),
    4: ("#b3261e", "#b26a00", "#1d5fa8", "#1b7f3b"),
    5: ("#b3261e", "#b26a00", "#6b6b00", "#1d5fa8", "#1b7f3b"),
}
#: The colour of a grade past the ramps above.
FALLBACK_COLOUR = "#44546a"


@frozen(eq=False)
class Grade:
    """One grade on a scale. ``rank`` is 0 for the worst grade; :data:`NOT_JUDGED` has rank -1.

    Two grades are equal when every field is; a grade is never equal to text: compare its id
    (``judgement.areas["supervision"].grade.id == "satisfactory"``). The hash is the id's.
    """

    id: str
    rank: int
    label: str
    heading: str  # the heading an inspection letter files it under
    phrase: str  # in "The inspection found areas of strength and satisfactory practice, with ..."
    code: str  # a few letters for grids and spreadsheets
    colour: str  # "#rrggbb"
    scale: str = ""  # the id of the scale it is on ("" for NOT_JUDGED)

    @property
    def value(self) -> str:
        """The grade's id, as written in rules and fixtures."""
        return self.id

    @property
    def judged(self) -> bool:
        return self.rank >= 0

    @property
    def css(self) -> str:
        """A CSS class name that no other grade of any scale shares."""
        return f"{self.scale}--{self.id}" if self.scale else self.id

    def __str__(self) -> str:
        return self.id

    def __eq__(self, other: object) -> bool:
        """Equal only to the same grade (compare ``grade.id`` with an id written as text): a grade equal to
        its id would make equality intransitive, and a set of grades' size depend on what went in first."""
        if other is self:
            return True
        if isinstance(other, Grade):  # the id first: grades of one scale differ in it
            return self.id == other.id and attrs.astuple(self, recurse=False) == attrs.astuple(other, recurse=False)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.id)


NOT_JUDGED = Grade("not_judged", -1, "not judged", "Not judged", "no area that could be judged", "NJ", "#6d4c9f", "")


@frozen(cache_hash=True)
class Scale:
    """An ordered grade scale, worst grade first."""

    id: str
    title: str
    grades: tuple[Grade, ...]

    def get(self, grade_id: str) -> Grade | None:
        """The grade with this id, or None when it is not on the scale."""
        return next((g for g in self.grades if g.id == grade_id), None)

    def __contains__(self, grade: object) -> bool:
        return grade in self.grades

    @property
    def best_first(self) -> tuple[Grade, ...]:
        return tuple(reversed(self.grades))

    @property
    def worst(self) -> Grade:
        return self.grades[0]

    @property
    def best(self) -> Grade:
        return self.grades[-1]

    def favourable(self, grade: Grade) -> bool:
        """Whether a grade is in the upper half of the scale: good news rather than a call for action
        (the middle grade of an odd scale counts as good news). The one owner of this split: letters and
        lint both read it."""
        return grade.rank >= len(self.grades) // 2

    def step(self, grade: Grade, by: int) -> Grade | None:
        """The grade ``by`` steps better (negative: worse), or None off the end of the scale."""
        rank = grade.rank + by
        return self.grades[rank] if grade.judged and 0 <= rank < len(self.grades) else None

    def names(self) -> str:
        return ", ".join(g.id for g in self.grades)
