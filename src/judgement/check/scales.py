"""Grade scales in a rulebook manifest: ``scales:`` (the full form) or ``grades:`` (one scale, shown with
defaults), each to a :class:`~judgement.model.Scale`.

The full form lists scales, the first being the default for areas that name none::

    scales:
      - id: ilacs
        title: ILACS judgements
        grades:                      # worst first
          - {id: inadequate, label: inadequate, heading: Inadequate, code: IN, colour: "#b3261e"}
          - {id: requires_improvement, label: requires improvement to be good, code: RI}
          - {id: good, code: GD}
          - {id: outstanding, code: OU}

A grade's ``label`` defaults to its id with spaces, its ``heading`` to the label with a capital, its
``phrase`` to the label, its ``code`` to the initials of its label, and its ``colour`` to a red-to-green
ramp (:data:`~judgement.model.grades.DEFAULT_COLOURS`).
"""

from __future__ import annotations

import re
from typing import Any

from judgement.check._checker import ID, Checker, DocPath
from judgement.model.grades import DEFAULT_COLOURS, FALLBACK_COLOUR, NOT_JUDGED, Grade, Scale

__all__ = ["DEFAULT_SCALE", "read_scales"]

#: The id of the one scale that ``grades:`` declares.
DEFAULT_SCALE = "grades"
_GRADE_KEYS = ("id", "label", "heading", "phrase", "code", "colour")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_CODE = re.compile(r"[A-Za-z0-9]{1,4}")
MAX_GRADES = 12


def read_scales(c: Checker, data: dict[str, Any]) -> tuple[Scale, ...]:
    """The scales a manifest declares (every problem appended to the checker)."""
    if "scales" in data and "grades" in data:
        c.problem(
            ("grades",),
            "a manifest declares either 'scales' or 'grades', not both",
            "'scales:' (grades: is the short form of one scale)",
            key=True,
            code="rulebook.grades",
        )
        return ()
    if "grades" in data:
        raw = data["grades"]
        if not isinstance(raw, list) or not raw:
            c.problem(
                ("grades",),
                "grades must be a list of grade ids, worst first",
                "a list such as [inadequate, requires_improvement, good, outstanding]",
                code="rulebook.grades",
            )
            return ()
        scale = _scale(c, ("grades",), DEFAULT_SCALE, "Grades", raw)
        return () if scale is None else (scale,)
    raw_scales = data.get("scales")
    if not isinstance(raw_scales, list) or not raw_scales:
        c.problem(
            ("scales",) if "scales" in data else (),
            "the manifest must declare its grade scales",
            "scales: a list of {id, title, grades}, or grades: [worst, ..., best]",
            code="rulebook.grades",
        )
        return ()
    scales: list[Scale] = []
    for path, entry in c.entries(("scales",), raw_scales, "a scale", ("id", "title", "grades"), ("id", "grades")):
        sid = c.ident((*path, "id"), entry.get("id"), "scale id") if "id" in entry else ""
        if any(s.id == sid for s in scales):
            c.problem((*path, "id"), f"scale {sid!r} is declared twice", "unique scale ids", code="rulebook.grades")
            continue
        title = c.text((*path, "title"), entry.get("title"), "title", required=False) or sid.replace("_", " ")
        raw = entry.get("grades")
        if not isinstance(raw, list) or not raw:
            c.problem(
                (*path, "grades"),
                "a scale's grades must be a list, worst first",
                "a non-empty list of grades",
                code="rulebook.grades",
            )
            continue
        scale = _scale(c, (*path, "grades"), sid, title, raw)
        if scale is not None:
            scales.append(scale)
    return tuple(scales)


def _scale(c: Checker, path: DocPath, sid: str, title: str, raw: list[Any]) -> Scale | None:
    if len(raw) < 2 or len(raw) > MAX_GRADES:
        c.problem(
            path,
            f"a scale has {len(raw)} grade{'s' if len(raw) != 1 else ''}",
            f"between 2 and {MAX_GRADES} grades",
            code="rulebook.grades",
        )
        return None
    colours = DEFAULT_COLOURS.get(len(raw), ())
    grades: list[Grade] = []
    ok = True
    for rank, item in enumerate(raw):
        gpath: DocPath = (*path, rank)
        entry: dict[str, Any] | None
        if isinstance(item, str):
            entry = {"id": item}
        else:
            entry = c.mapping(gpath, item, "a grade (an id, or a mapping with 'id')")
            if entry is None:
                ok = False
                continue
            c.keys(gpath, entry, _GRADE_KEYS, ("id",), "a grade")
        gid = c.ident((*gpath, "id") if isinstance(item, dict) else gpath, entry.get("id"), "grade id")
        if gid == NOT_JUDGED.id:
            c.problem(gpath, "not_judged is not a grade on a scale", "graded outcomes only", code="rulebook.grades")
            ok = False
            continue
        if any(g.id == gid for g in grades):
            c.problem(gpath, f"grade {gid!r} is listed twice", "each grade once, worst first", code="rulebook.grades")
            ok = False
            continue
        label = _text(c, gpath, entry, "label") or gid.replace("_", " ")
        heading = _text(c, gpath, entry, "heading") or label[:1].upper() + label[1:]
        phrase = _text(c, gpath, entry, "phrase") or label
        code = entry.get("code")
        if code is None:
            code = _default_code(gid, {g.code for g in grades})
        elif not isinstance(code, str) or not _CODE.fullmatch(code):
            c.problem(
                (*gpath, "code"),
                f"grade code {code!r} is not 1 to 4 letters or digits",
                "a short code such as PA",
                code="rulebook.grades",
            )
            ok = False
        if any(g.code == code for g in grades):
            c.problem(
                (*gpath, "code") if "code" in entry else gpath,
                f"grades {gid!r} and {next(g.id for g in grades if g.code == code)!r} have the same code {code!r}",
                "a different code for each grade of a scale (set 'code:')",
                code="rulebook.grades",
            )
            ok = False
        colour = entry.get("colour")
        if colour is None:
            colour = colours[rank] if colours else FALLBACK_COLOUR
        elif not isinstance(colour, str) or not _COLOUR.fullmatch(colour):
            c.problem(
                (*gpath, "colour"),
                f"colour {colour!r} is not a colour",
                "six hexadecimal digits after '#', e.g. '#1b7f3b' (quote it: '#' starts a YAML comment)",
                code="rulebook.grades",
            )
            ok = False
        grades.append(Grade(gid, rank, label, heading, phrase, str(code), str(colour).lower(), sid))
    return Scale(sid, title, tuple(grades)) if ok and sid and ID.fullmatch(sid) else None


def _default_code(gid: str, taken: set[str]) -> str:
    """Initials of a grade id's words (the first two letters of a one-word id), lengthened until no
    earlier grade of the scale has it."""
    words = [w for w in gid.split("_") if w]  # "_", "a__b", "_a": no empty word has an initial
    code = "".join(w[0] for w in words)[:3] if len(words) > 1 else gid[:2]
    letters = gid.replace("_", "")
    for size in range(len(code), 5):
        trial = (code if size == len(code) else letters[:size]).upper()
        if trial not in taken and _CODE.fullmatch(trial):
            return trial
    return str(len(taken) + 1)


def _text(c: Checker, path: DocPath, entry: dict[str, Any], key: str) -> str:
    if key not in entry:
        return ""
    return c.text((*path, key), entry[key], key)
