"""Where a piece of input came from: a file, line and column with the text of that line, or, for data
built in Python, the path of the value inside it (``$.evidence.ia_in_timescale``)."""

from __future__ import annotations

import attrs

from judgement._attrs import frozen
from judgement._text import clip, visible

__all__ = ["Location", "data_path"]


def data_path(keys: tuple[str | int, ...]) -> str:
    """``("evidence", "a", 0)`` as ``$.evidence.a[0]``."""
    return "$" + "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in keys)


@frozen
class Location:
    """A position in an input. ``line`` and ``column`` count from 1; 0 means the value did not come from a
    file, and then ``path`` says where it sits in the data (``$.evidence.a``)."""

    file: str
    line: int
    column: int
    source_line: str | None = attrs.field(default=None, eq=False, repr=False)
    length: int = attrs.field(default=1, eq=False, repr=False)
    path: str | None = None
    #: For a value written as a YAML block (``when: |``), the source lines of the block: text further
    #: into the value is then found on the line it is written on (see :meth:`shifted`).
    block: tuple[str, ...] = attrs.field(default=(), eq=False, repr=False)
    #: For a plain or quoted value over several lines, where its text starts on each line of ``block`` (0-based
    #: columns): YAML joins such lines with one space, leaving out their indentation and trailing spaces.
    starts: tuple[int, ...] = attrs.field(default=(), eq=False, repr=False)

    def __str__(self) -> str:
        if self.line == 0:
            return f"{self.file}:{self.path}" if self.path else self.file
        return f"{self.file}:{self.line}:{self.column}"

    def shifted(self, offset: int, length: int = 1) -> Location:
        """The location ``offset`` characters into the value that starts here (for text inside a scalar):
        on the same line, or, in a block of several lines, on the line that character is written on."""
        if self.line == 0:
            return self
        if self.starts:
            return self._folded(offset, length)
        indent = self.column - 1
        remaining = offset
        for number, raw in enumerate(self.block):
            content = raw[indent:]
            if remaining <= len(content) or number == len(self.block) - 1:
                return Location(self.file, self.line + number, indent + remaining + 1, raw, max(1, length))
            remaining -= len(content) + 1  # the line break between the block's lines
        return attrs.evolve(self, column=self.column + offset, length=max(1, length))

    def _folded(self, offset: int, length: int) -> Location:
        """:meth:`shifted` in a plain or quoted value over several lines, which YAML folds: lines joined by one
        space, a blank line kept as a line break (and the break before it dropped)."""
        remaining = offset
        last = len(self.block) - 1
        for number, raw in enumerate(self.block):
            content = raw[self.starts[number] :].rstrip()
            if number and not content:  # a blank line: one "\n" in the value
                remaining -= 1
                continue
            if number and self.block[number - 1][self.starts[number - 1] :].strip():
                remaining -= 1  # the space that joins it to the line before
            if remaining <= len(content) or number == last:
                column = self.starts[number] + max(0, remaining) + 1
                return Location(self.file, self.line + number, column, raw, max(1, length))
            remaining -= len(content)
        return self

    def excerpt(self) -> list[str]:
        """The source line and a caret under the fault, indented for a message: at most a window of the
        line around the fault, with anything that would act on a terminal written as an escape."""
        if self.source_line is None:
            return []
        text, column = clip(self.source_line.rstrip("\n").expandtabs(1), self.column)
        before = visible(text[: column - 1])
        marked = visible(text[column - 1 : column - 1 + max(1, self.length)])
        shown = before + visible(text[column - 1 :])
        caret = " " * len(before) + "^" * max(1, min(len(marked), len(shown) - len(before)))
        return [f"    {shown}", f"    {caret}"]

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"file": self.file, "line": self.line, "column": self.column}
        if self.path is not None:
            data["path"] = self.path
        return data
