"""Files to raw documents: plain Python data plus the source position of every value.

YAML (and JSON, which is read by the same parser) goes through PyYAML's *composer* only; values are
built here from the node tree so that each one keeps its line and column, duplicate keys are caught
(never silently keeping the last), tags outside YAML's plain scalars are refused, and alias expansion is
bounded. PyYAML was chosen over a hand-written parser because it is the reference YAML implementation for
Python and exposes the node tree with marks; only its safe constructors are used. Short text is parsed by
its libyaml binding (when installed) and anything libyaml refuses, or longer text, by its own parser,
which owns every message about text that is not valid YAML.

Scalars follow YAML 1.2's core schema rather than PyYAML's YAML 1.1 defaults, so ``1e-05`` is a number
(as in JSON), ``1:20`` stays text instead of becoming 80, and ``yes``/``no``/``on``/``off`` stay text.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import Any

import attrs
import yaml

from judgement._attrs import frozen
from judgement._numbers import FLOAT_TEXT, INT_TEXT, inexact
from judgement._text import join_surrogates, text_problem
from judgement.errors import InputError, Problem
from judgement.source import Location, data_path

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "MAX_STRING_LENGTH",
    "Document",
    "document_of",
    "files_read",
    "forget_files_read",
    "load_document",
    "parse_document",
    "read_bounded",
]

#: Largest rule or case file read, in bytes.
MAX_FILE_BYTES = 2 * 1024 * 1024
#: Most values (after alias expansion) in one document.
MAX_NODES = 100_000
#: Deepest nesting of mappings and lists.
MAX_DEPTH = 32
#: Longest string value, in characters.
MAX_STRING_LENGTH = 60_000

Path_ = tuple[str | int, ...]

_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class _TooManyNodes(Exception):
    def __init__(self, mark: Any) -> None:
        super().__init__("too many nodes")
        self.mark = mark


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.2 core-schema scalars: only these plain forms are read as anything but text."""


_Resolver.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag.endswith((":str", ":timestamp", ":merge", ":value"))]
    for key, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Resolver.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)


class _Constructor(yaml.constructor.SafeConstructor):
    """The safe constructor, with numbers read as :func:`_construct_int` and :func:`_construct_float` say."""


class _Loader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _Constructor,
    _Resolver,
):
    """PyYAML's own parser, which stops composing past :data:`MAX_NODES` nodes (a flat list of a million
    numbers is refused as it is read, not after it has all been built). It owns every message about text
    that is not valid YAML."""

    composed = 0

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Constructor.__init__(self)
        _Resolver.__init__(self)

    def compose_node(self, parent: Any, index: Any) -> Any:
        self.composed += 1
        if self.composed > MAX_NODES:
            raise _TooManyNodes(self.peek_event().start_mark)  # type: ignore[no-untyped-call]
        return super().compose_node(parent, index)


try:
    from yaml import cyaml as _cyaml
except ImportError:  # PyYAML built without libyaml
    _cyaml = None  # type: ignore[assignment]
_CParser: Any = getattr(_cyaml, "CParser", None)

#: Longest text given to libyaml's parser. A document holds at most about two values per character, so
#: text this short cannot compose past :data:`MAX_NODES`; longer text goes through :class:`_Loader`,
#: which counts as it composes.
_FAST_TEXT = MAX_NODES // 3

if _CParser is not None:

    class _FastLoader(_CParser, _Constructor, _Resolver):  # type: ignore[misc]
        """libyaml's parser (PyYAML's C binding: a case file is read in about a quarter of the time) with
        the same scalars and constructors. Only valid text is taken from it: whatever it refuses is read
        again by :class:`_Loader`, so every message and position about invalid YAML is PyYAML's own."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _Constructor.__init__(self)
            _Resolver.__init__(self)


def _construct_int(loader: Any, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    if not INT_TEXT.fullmatch(text):  # an explicit !!int on text Python's int() would still read ("8_5")
        raise ValueError(f"{text!r} is not a whole number written in digits 0-9")
    return int(text)


def _construct_float(loader: Any, node: yaml.ScalarNode) -> float:
    text = str(loader.construct_scalar(node)).lower()
    if text.lstrip("+-") == ".inf":
        return float("-inf") if text.startswith("-") else float("inf")
    if text == ".nan":
        return float("nan")
    if not FLOAT_TEXT.fullmatch(text):
        raise ValueError(f"{text!r} is not a number written in digits 0-9")
    number = float(text)
    problem = inexact(text, number)
    if problem:
        raise ValueError(problem)
    return number


_Constructor.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Constructor.add_constructor("tag:yaml.org,2002:float", _construct_float)


@frozen
class Document:
    """A parsed file: its data and where each value (and each mapping key) came from.

    ``base`` is where ``data`` sits inside the file, for a part of a document taken with :meth:`part`.
    """

    path: str
    data: Any
    positions: dict[Path_, Location] = attrs.field(eq=False, repr=False)
    key_positions: dict[Path_, Location] = attrs.field(eq=False, repr=False)
    base: Path_ = ()

    def loc(self, path: Path_ = (), *, key: bool = False) -> Location:
        """The location of the value (or, with ``key``, of the mapping key) at ``path``.

        Falls back to the nearest enclosing value, so a missing field points at its parent mapping.
        """
        full = (*self.base, *path)
        if not self.positions:  # built from data, not read from a file: address the value by its path
            return Location(self.path, 0, 0, path=data_path(full))
        table = self.key_positions if key else self.positions
        if full in table:
            return table[full]
        for cut in range(len(full) - 1, -1, -1):
            if full[:cut] in self.positions:
                return self.positions[full[:cut]]
        return Location(self.path, 1, 1)

    def part(self, *keys: str | int, data: Any = None) -> Document:
        """The value at ``keys`` as a document of its own, keeping its positions in the file (``data``
        replaces the value, for a mapping with some keys taken out)."""
        value = self.data
        for key in keys:
            value = value[key]
        return attrs.evolve(self, data=value if data is None else data, base=(*self.base, *keys))


#: Every file this process has read as input (absolute paths; at most _MAX_REMEMBERED), so that ``-o`` can
#: refuse to replace one: a rulebook's file, a statistics release, a case, a spreadsheet. Links are resolved
#: when the record is asked for (:func:`files_read`), which few commands do, not as each file is read.
_READ: set[str] = set()
_MAX_REMEMBERED = 1_000_000


def files_read() -> frozenset[Path]:
    """The files (resolved) this process has read through :func:`read_bounded`."""
    return frozenset(Path(path).resolve() for path in list(_READ))


def forget_files_read() -> None:
    """Empty the record of files read (a long-lived process judging for many users)."""
    _READ.clear()


def read_bounded(path: str | Path, limit: int, name: str | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or a located :class:`InputError`.

    The size is checked before reading (a file that says it is too large is never read) and again on the
    bytes actually read (a file whose size the system does not know, such as one under ``/proc``). Pipes,
    devices and folders are refused without being opened, so nothing can block or read for ever.
    """
    file = Path(path)
    name = str(path) if name is None else name
    try:
        info = file.stat()
    except FileNotFoundError:
        raise InputError([Problem(f"{name}: no such file", code="input.not-found")]) from None
    except OSError as error:
        raise InputError([Problem(f"{name}: cannot read ({error.strerror})", code="input.unreadable")]) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError([Problem(f"{name}: is a directory", expected="a file", code="input.is-directory")])
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            [
                Problem(
                    f"{name}: is not a regular file (a pipe or a device)", expected="a file", code="input.not-regular"
                )
            ]
        )
    if info.st_size > limit:
        raise InputError(
            [
                Problem(
                    f"{name}: file is {info.st_size:,} bytes",
                    expected=f"at most {limit:,} bytes",
                    code="input.too-large",
                )
            ]
        )
    try:
        with file.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as error:
        raise InputError([Problem(f"{name}: cannot read ({error.strerror})", code="input.unreadable")]) from None
    if len(_READ) < _MAX_REMEMBERED:
        _READ.add(os.path.abspath(file))
    if len(raw) > limit:
        raise InputError(
            [
                Problem(
                    f"{name}: file is more than {limit:,} bytes",
                    expected=f"at most {limit:,} bytes",
                    code="input.too-large",
                )
            ]
        )
    return raw


def load_document(path: str | Path, *, name: str | None = None) -> Document:
    """Read and parse a YAML or JSON file, enforcing the size limit. ``name`` is how the file is named in
    locations (default: the path as given)."""
    name = str(path) if name is None else name
    return document_of(read_bounded(path, MAX_FILE_BYTES, name), name)


def document_of(raw: bytes, name: str) -> Document:
    """Parse the bytes of a YAML or JSON file (read with :func:`read_bounded`) named ``name``."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputError(
            [
                Problem(
                    "file is not valid UTF-8",
                    Location(name, line, column),
                    expected="UTF-8 text",
                    code="input.encoding",
                )
            ]
        ) from None
    return parse_document(text, name)


_FLOW_MARKS = re.compile(r"['\"#\[\]{}\n]")


def _flow_depth_problem(text: str, name: str, lines: list[str]) -> Problem | None:
    """A quick scan for ``[``/``{`` nested past the limit, before the YAML scanner (whose cost grows with
    the square of the nesting) sees them. Quoted text and comments are skipped. Only the characters that
    open or close something are visited."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    quote = ""
    line_no, line_start = 1, 0
    for mark in _FLOW_MARKS.finditer(text):
        ch = mark.group()
        if ch == "\n":
            line_no, line_start = line_no + 1, mark.end()
            quote = "" if quote == "#" else quote
            continue
        if quote:
            if quote != "#" and ch == quote:
                quote = ""
            continue
        if ch in "'\"#":
            quote = ch
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                source = lines[line_no - 1] if line_no <= len(lines) else None
                return Problem(
                    f"nesting deeper than {MAX_DEPTH} levels",
                    Location(name, line_no, mark.end() - line_start, source),
                    expected="flatter data",
                    code="input.too-deep",
                )
        else:
            depth = max(0, depth - 1)
    return None


def _raised_in_scanner(error: BaseException) -> bool:
    """Whether ``error`` was raised inside PyYAML's scanner (reading the text), not elsewhere."""
    import traceback  # noqa: PLC0415 - only for a document that fails this way

    frames = traceback.walk_tb(error.__traceback__)
    return any(frame.f_globals.get("__name__") == "yaml.scanner" for frame, _ in frames)


def parse_document(text: str, name: str = "<string>") -> Document:
    """Parse YAML or JSON text into a :class:`Document`."""
    lines = text.splitlines()
    too_deep = _flow_depth_problem(text, name, lines)
    if too_deep is not None:
        raise InputError([too_deep])
    fast = _fast_node(text)
    if fast is not None:
        return _built(name, lines, *fast)
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as error:
        before = text[: error.position]
        where = Location(
            name,
            before.count("\n") + 1,
            len(before) - (before.rfind("\n") + 1) + 1,
            lines[before.count("\n")] if before.count("\n") < len(lines) else None,
        )
        raise InputError(
            [
                Problem(
                    f"character U+{error.character:04X} is not allowed in YAML",
                    where,
                    expected="printable text (no control characters)",
                    code="input.control-character",
                )
            ]
        ) from None
    try:
        node = loader.get_single_node()
    except _TooManyNodes as stop:
        raise InputError(
            [
                Problem(
                    f"document holds more than {MAX_NODES:,} values",
                    _location(name, lines, stop.mark),
                    expected="a smaller document",
                    code="input.too-many-values",
                )
            ]
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        at = _location(name, lines, mark) if mark else None
        message = (error.problem or error.context or "invalid YAML").strip()
        raise InputError([Problem(f"YAML syntax error: {message}", at, code="input.yaml-syntax")]) from None
    except yaml.reader.ReaderError as error:  # found while reading further into the stream
        raise InputError(
            [
                Problem(
                    f"{name}: character U+{error.character:04X} is not allowed in YAML",
                    expected="printable text (no control characters)",
                    code="input.control-character",
                )
            ]
        ) from None
    except yaml.YAMLError as error:
        raise InputError([Problem(f"{name}: YAML error: {error}", code="input.yaml-syntax")]) from None
    except (ValueError, OverflowError) as error:  # PyYAML's scanner gives an escape to chr(), past U+10FFFF too
        if not _raised_in_scanner(error):
            raise
        raise InputError(
            [
                Problem(
                    "YAML syntax error: an escape names no character (it is past U+10FFFF)",
                    _location(name, lines, loader.get_mark()),
                    expected="an escape of a character, at most \\U0010FFFF",
                    code="input.yaml-syntax",
                )
            ]
        ) from None
    except RecursionError:
        raise InputError(
            [
                Problem(
                    f"{name}: nesting is too deep to read",
                    expected=f"at most {MAX_DEPTH} levels of lists and mappings",
                    code="input.too-deep",
                )
            ]
        ) from None
    finally:
        loader.dispose()
    return _built(name, lines, loader, node)


def _fast_node(text: str) -> tuple[Any, Any] | None:
    """The loader and node tree libyaml makes of ``text``, or None when libyaml is not installed, the
    text is too long for it, or it refuses the text (the full parser then says why). Text with a ``?``
    and a flow collection is left to the full parser too: inside ``[...]`` or ``{...}`` libyaml reads a
    ``?`` as part of a plain scalar (``[0?]``), where PyYAML's parser ends the scalar there, and may refuse
    the text. Whatever reads the text, it reads the same."""
    if _CParser is None or len(text) > _FAST_TEXT or ("?" in text and ("[" in text or "{" in text)):
        return None
    loader = _FastLoader(text)
    try:
        return loader, loader.get_single_node()
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError):
        return None
    finally:
        loader.dispose()


def _built(name: str, lines: list[str], loader: Any, node: Any) -> Document:
    builder = _Builder(name, lines, loader)
    data = builder.build(node, (), 0) if node is not None else None
    if builder.problems:
        raise InputError(builder.problems)
    return Document(name, data, builder.positions, builder.key_positions)


@frozen
class _Mark:
    """A place in a text as a parser's marks give it (both from 0)."""

    line: int
    column: int


def _location(name: str, lines: list[str], mark: Any, length: int = 1) -> Location:
    if mark.line >= len(lines) and lines:  # the end of the file: point just after the last line's text
        return Location(name, len(lines), len(lines[-1]) + 1, lines[-1], 1)
    source = lines[mark.line] if 0 <= mark.line < len(lines) else None
    return Location(name, mark.line + 1, mark.column + 1, source, length)


class _Builder:
    def __init__(self, name: str, lines: list[str], loader: _Constructor) -> None:
        self.name = name
        self.lines = lines
        self.loader = loader
        self.positions: dict[Path_, Location] = {}
        self.key_positions: dict[Path_, Location] = {}
        self.problems: list[Problem] = []
        self.count = 0

    def where(self, node: yaml.Node) -> Location:
        """Where a node's text starts: for a quoted scalar, just inside its opening quote (after any tag)."""
        start = node.start_mark
        end = node.end_mark
        if isinstance(node, yaml.ScalarNode) and node.value == "" and not node.style and end.index == start.index:
            start = self.empty(start)
        offset = 0
        if isinstance(node, yaml.ScalarNode) and node.style in ("'", '"') and 0 <= start.line < len(self.lines):
            quote = self.lines[start.line].find(node.style, start.column)
            offset = quote - start.column + 1 if quote >= 0 else 0
        length = 1
        if isinstance(node, yaml.ScalarNode) and node.end_mark.line == start.line:
            length = max(1, node.end_mark.column - start.column - offset - (1 if offset else 0))
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            return self.block(node)
        if isinstance(node, yaml.ScalarNode) and node.end_mark.line > start.line and start.line < len(self.lines):
            return self.folded(node, offset)
        loc = _location(self.name, self.lines, start, length)
        return loc.shifted(offset, length) if offset else loc

    def empty(self, mark: Any) -> Any:
        """Where a value written as nothing is: just after the ``:`` before it, when only blanks lie between.
        (In ``{v: }``, PyYAML's parser places it there and libyaml's at the ``}``.)"""
        line, column = mark.line, mark.column
        while 0 <= line < len(self.lines):
            text = self.lines[line]
            at = min(column, len(text)) - 1
            while at >= 0 and text[at] in " \t\r":
                at -= 1
            if at >= 0:
                return _Mark(line, at + 1) if text[at] == ":" else mark
            line -= 1
            column = len(self.lines[line]) if line >= 0 else 0
        return mark

    def folded(self, node: yaml.ScalarNode, offset: int) -> Location:
        """A plain or quoted scalar over several lines: where its text starts on each of them, so that text
        further into the value is found on the line it is written on."""
        first = node.start_mark.line
        last = min(node.end_mark.line, len(self.lines) - 1)
        raw = list(self.lines[first : last + 1])
        starts = [node.start_mark.column + offset] + [len(line) - len(line.lstrip()) for line in raw[1:]]
        return Location(self.name, first + 1, starts[0] + 1, raw[0], 1, block=tuple(raw), starts=tuple(starts))

    def block(self, node: yaml.ScalarNode) -> Location:
        """A block scalar (``|`` or ``>``) starts on the line after its indicator, at its indentation."""
        first = node.start_mark.line + 1
        last = min(node.end_mark.line, len(self.lines))
        content = list(self.lines[first:last])
        while content and not content[-1].strip():
            content.pop()
        if not content:
            return _location(self.name, self.lines, node.start_mark)
        indent = len(content[0]) - len(content[0].lstrip())
        return Location(self.name, first + 1, indent + 1, content[0], 1, block=tuple(content))

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise InputError(
                [
                    Problem(
                        f"document expands to more than {MAX_NODES:,} values (aliases included)",
                        self.where(node),
                        expected="a smaller document without alias bombs",
                        code="input.too-many-values",
                    )
                ]
            )
        if depth > MAX_DEPTH:
            raise InputError(
                [
                    Problem(
                        f"nesting deeper than {MAX_DEPTH} levels",
                        self.where(node),
                        expected="flatter data",
                        code="input.too-deep",
                    )
                ]
            )
        self.positions[path] = self.where(node)
        if node.tag not in _SAFE_TAGS:
            self.problems.append(
                Problem(
                    f"unsupported YAML tag {node.tag!r}",
                    self.where(node),
                    expected="plain values: text, numbers, true/false, dates, lists and mappings",
                    code="input.unsupported-tag",
                )
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self.scalar(node)

    def mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(
                    Problem(
                        "mapping keys must be plain names",
                        self.where(key_node),
                        expected="a name",
                        code="input.bad-key",
                    )
                )
                continue
            key = unicodedata.normalize("NFC", join_surrogates(str(key_node.value)))
            unsafe = text_problem(key)
            if unsafe:
                self.problems.append(
                    Problem(f"key {unsafe}", self.where(key_node), expected="a name", code="input.control-character")
                )
                continue
            if key in result:
                first = self.key_positions[(*path, key)]
                self.problems.append(
                    Problem(
                        f"duplicate key {key!r} (first given at line {first.line})",
                        self.where(key_node),
                        expected="each key once per mapping",
                        code="input.duplicate-key",
                    )
                )
                continue
            self.key_positions[(*path, key)] = self.where(key_node)
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        try:
            value = self.loader.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError) as error:
            if node.tag == "tag:yaml.org,2002:timestamp":  # looks like a date but is not one: keep the text
                return unicodedata.normalize("NFC", str(node.value))
            self.problems.append(Problem(f"cannot read value: {error}", self.where(node), code="input.bad-value"))
            return None
        if isinstance(value, str):
            value = join_surrogates(value)
            unsafe = text_problem(value)
            if unsafe:
                self.problems.append(
                    Problem(
                        f"text {unsafe}",
                        self.where(node),
                        expected="printable text (line breaks and tabs are fine)",
                        hint="YAML escapes such as \\e, \\0 or \\u001b write control characters; leave them out",
                        code="input.control-character",
                    )
                )
                return None
            if len(value) > MAX_STRING_LENGTH:
                self.problems.append(
                    Problem(
                        f"text is {len(value):,} characters long",
                        self.where(node),
                        expected=f"at most {MAX_STRING_LENGTH:,} characters",
                        code="input.text-too-long",
                    )
                )
                return None
            return unicodedata.normalize("NFC", value)
        return value
