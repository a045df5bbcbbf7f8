"""Where a piece of input came from: file, line, column and the text of that line."""

from __future__ import annotations

import attrs

__all__ = ["Location"]


@attrs.frozen
class Location:
    """A position in an input file. ``line`` and ``column`` count from 1; 0 means "not from a file"."""

    file: str
    line: int
    column: int
    source_line: str | None = attrs.field(default=None, eq=False, repr=False)
    length: int = attrs.field(default=1, eq=False, repr=False)

    def __str__(self) -> str:
        if self.line == 0:  # data that did not come from a file: ``file`` holds a path such as <dict>:$.a.b
            return self.file
        return f"{self.file}:{self.line}:{self.column}"

    def shifted(self, offset: int, length: int = 1) -> Location:
        """The location ``offset`` characters to the right on the same line (for text inside a scalar)."""
        return attrs.evolve(self, column=self.column + offset, length=max(1, length))

    def excerpt(self) -> list[str]:
        """The source line and a caret under the fault, indented for a message."""
        if self.source_line is None:
            return []
        text = self.source_line.rstrip("\n").expandtabs(1)
        caret = " " * (self.column - 1) + "^" * max(1, min(self.length, len(text) - self.column + 1))
        return [f"    {text}", f"    {caret}"]

    def to_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "column": self.column}
