"""Text from input that will reach a terminal, a report or a spreadsheet: what is refused, and how a
line is shown safely in a message.

Refused in every text value (case and rulebook files, spreadsheet cells): control characters other
than tab and line feed (an escape such as ``"\\e]0;...\\a"`` in YAML could retitle a terminal or hide
text), the Unicode line and paragraph separators, and the bidirectional overrides that make text read
differently from how it is stored. Lone UTF-16 surrogates (half a character, as a JSON file written
with ``\\ud83d`` escapes but no pair has) are refused too; a pair is joined into its character.
"""

from __future__ import annotations

import re

__all__ = ["MAX_EXCERPT", "clip", "join_surrogates", "text_problem", "visible"]

#: Characters an excerpt shows on each side of the fault in a long line.
MAX_EXCERPT = 80

_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNSEEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def join_surrogates(text: str) -> str:
    """``text`` with every UTF-16 surrogate pair joined into its character (lone halves are kept)."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")


def text_problem(text: str) -> str | None:
    """What makes ``text`` unsafe to put in output, or None."""
    found = _FORBIDDEN.search(text) or _SURROGATE.search(text)
    if found is None:
        return None
    char = found.group()
    what = "half of a UTF-16 character (a lone surrogate)" if _SURROGATE.match(char) else "a control character"
    return f"holds {what}, U+{ord(char):04X}, at character {found.start() + 1}"


def visible(text: str) -> str:
    """``text`` with every character that would act on a terminal written as an escape (``\\x1b``)."""
    return _UNSEEN.sub(
        lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) > 0xFF else f"\\x{ord(m.group()):02x}", text
    )


def clip(text: str, column: int, width: int = MAX_EXCERPT) -> tuple[str, int]:
    """A window of ``text`` around ``column`` (1-based) and the column in it: long lines are cut with
    an ellipsis on either side, so a message never quotes a megabyte."""
    if len(text) <= 2 * width + 1:
        return text, column
    start = max(0, column - 1 - width)
    end = min(len(text), column - 1 + width)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + text[start:end] + suffix, column - start + len(prefix)
