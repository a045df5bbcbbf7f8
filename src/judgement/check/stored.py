"""Checked rulebooks kept on disk between runs, so that a command judging one case does not parse and check
the same YAML files again.

An entry is JSON: data, never code, read back only into the model's own classes (:data:`CLASSES`), each
made through its constructor, so its converters and derived fields run as they do when the files are
checked. An entry is found by a key that holds the content of every file the rulebook was read from,
where it was read from and how its locations name it, the library's version and the size and time of
every module of the library (so an edited checkout never reads an entry an older checker wrote). An
entry that does not match its key, or cannot be read back, is ignored and written again.

The folder is ``$JUDGEMENT_CACHE_DIR`` when set, otherwise the user's cache folder (``$XDG_CACHE_HOME``
or ``~/.cache`` on Linux, ``~/Library/Caches`` on macOS, ``%LOCALAPPDATA%`` on Windows), under
``judgement/rulebooks``. ``JUDGEMENT_CACHE=off`` turns the cache off. On POSIX systems a folder another
user owns, or that others may write to, is neither read nor written. Entries are written whole (a
temporary file renamed over the old one); a folder that cannot be written only means no entry is kept.

An entry may also keep, beside its rulebook, what a layer above makes from the rulebook's value alone
(:func:`keep_extra`, :func:`extra`): the engine's rulesets compiled from it
(:func:`judgement.engine.compile.compiled_for`), so that a command judging one case does not compile them.

Beside the entries, one file keeps the id each rulebook manifest declared, by the SHA-256 of its bytes
(:func:`manifest_id`), so that finding the rulebook a case names does not parse every manifest again.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import os
import stat
import sys
import threading
import weakref
from collections.abc import Callable, Iterator, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from judgement._digest import sha256
from judgement._files import write_whole
from judgement._fmt import json_text
from judgement._frozen import FrozenMap
from judgement._version import __version__
from judgement.lang import ast, normal, units
from judgement.model import grades, rulebook
from judgement.model.rulebook import Rulebook
from judgement.source import Location

__all__ = [
    "CLASSES",
    "ENV_DIR",
    "ENV_SWITCH",
    "FORMAT",
    "MAX_ENTRIES",
    "MAX_ENTRY_BYTES",
    "cache_folder",
    "decode",
    "encode",
    "entries",
    "entry_key",
    "extra",
    "fetch",
    "forget_manifest_ids",
    "keep",
    "keep_extra",
    "keep_manifest_id",
    "manifest_id",
]

#: The layout of an entry; an entry of another layout is ignored.
FORMAT = 2
#: The folder entries are kept in (overrides the user's cache folder).
ENV_DIR = "JUDGEMENT_CACHE_DIR"
#: ``off`` (or ``0``, ``no``, ``false``) keeps no entries and reads none.
ENV_SWITCH = "JUDGEMENT_CACHE"
#: An entry larger than this is not read (rulebooks are limited far below it).
MAX_ENTRY_BYTES = 64 * 1024 * 1024
#: At most this many entries are kept; writing one more deletes the one least recently written.
MAX_ENTRIES = 64

#: Texts longer than this are written once, in a table, and referred to by their place in it.
_SHORT = 24

_MODULES = (units, ast, normal, grades, rulebook)


def _named(kind: Callable[[type], bool]) -> dict[str, type]:
    return {
        f"{m.__name__}:{v.__qualname__}": v
        for m in _MODULES
        for v in vars(m).values()
        if isinstance(v, type) and v.__module__ == m.__name__ and kind(v)
    }


#: The classes an entry may hold, by ``module:name``: the attrs classes of the rulebook model.
CLASSES: dict[str, type] = {f"{Location.__module__}:{Location.__qualname__}": Location, **_named(attrs.has)}
_ENUMS: dict[str, type] = _named(lambda v: issubclass(v, enum.Enum))
_NAMES = {v: k for k, v in {**CLASSES, **_ENUMS}.items()}


@functools.cache
def _init_names(cls: type) -> tuple[bool, tuple[str, ...]]:
    """Whether a class's constructor takes its fields in order, and their keyword names in field order
    (fields it derives itself left out)."""
    taken = [f for f in attrs.fields(cls) if f.init]
    return not any(f.kw_only for f in taken), tuple(f.alias for f in taken)


# ------------------------------------------------------------------------------------------ encoding


def _name(value: object, more: Mapping[type, str]) -> str:
    """How an entry names the class of a value of the model (or one of ``more``)."""
    name = _NAMES.get(value.__class__) or more.get(value.__class__)
    if name is None:
        raise TypeError(f"a stored rulebook cannot hold a {value.__class__.__qualname__}")
    return name


def encode(value: object, classes: Mapping[str, type] = FrozenMap()) -> object:
    """A rulebook (or any value of the model, or of the attrs ``classes``, by the names given them) as JSON
    data. An object reached twice is written once and referred to after, so the value read back shares what
    this one shares. Raises ``TypeError`` for a value of a kind the model does not use."""
    more = {cls: name for name, cls in classes.items()}
    every = {**CLASSES, **classes} if classes else CLASSES
    seen: dict[int, int] = {}
    keep_alive: list[object] = []
    texts: dict[str, int] = {}

    def walk(v: object) -> object:
        if isinstance(v, enum.Enum):
            return ["e", _name(v, more), v.value]
        if isinstance(v, str):
            return v if len(v) <= _SHORT else ["s", texts.setdefault(v, len(texts))]
        if v is None or isinstance(v, int | float):
            return v
        if isinstance(v, tuple | list) and v.__class__ in (tuple, list):
            return ["t" if v.__class__ is tuple else "L", *map(walk, v)]
        if isinstance(v, dict | FrozenMap) and v.__class__ in (dict, FrozenMap):
            flat: list[object] = ["d" if v.__class__ is dict else "F"]
            for key, item in v.items():
                flat.extend((walk(key), walk(item)))
            return flat
        if isinstance(v, Fraction):
            return ["q", v.numerator, v.denominator]
        if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
            return ["D", v.isoformat()]
        if isinstance(v, Path):
            return ["p", str(v)]
        name = _name(v, more)
        index = seen.get(id(v))
        if index is not None:
            return ["r", index]
        seen[id(v)] = len(seen)
        keep_alive.append(v)  # ids stay unique while the walk lasts
        if v.__class__ is Location:  # a third of a rulebook's objects: flat, its texts in the table
            text = texts.setdefault
            line, block = v.source_line, [text(part, len(texts)) for part in v.block]
            at = -1 if line is None else text(line, len(texts))
            return ["l", text(v.file, len(texts)), v.line, v.column, at, v.length, v.path, block, list(v.starts)]
        return ["o", name, *(walk(getattr(v, f.name)) for f in attrs.fields(every[name]) if f.init)]

    body = walk(value)
    return {"texts": list(texts), "value": body}


def decode(data: object, classes: Mapping[str, type] = FrozenMap()) -> Any:
    """The value :func:`encode` wrote (with the same ``classes``), made again through the constructors of
    the model's classes and of ``classes``. Raises ``ValueError`` (or the error a constructor raises) for
    data it did not write."""
    if not isinstance(data, dict) or not isinstance(data.get("texts"), list):
        raise ValueError("not stored data: no table of texts")
    texts: list[str] = data["texts"]
    made: list[object] = []
    every = {**CLASSES, **classes} if classes else CLASSES

    def walk(v: list[Any]) -> object:
        tag = v[0]
        if tag == "s":
            return texts[v[1]]
        if tag == "o":
            cls = every[v[1]]
            index = len(made)
            made.append(None)  # numbered before the objects it holds, as encode numbered it
            values = [walk(x) if x.__class__ is list else x for x in v[2:]]  # the others are JSON's scalars
            positional, names = _init_names(cls)
            if len(values) != len(names):
                raise ValueError(f"{v[1]} stored with {len(values)} fields, not {len(names)}")
            made[index] = obj = cls(*values) if positional else cls(**dict(zip(names, values, strict=True)))
            return obj
        if tag == "l":
            _, file, line, column, at, length, path, block, starts = v
            shown, lines = None if at < 0 else texts[at], tuple([texts[i] for i in block])
            made.append(obj := Location(texts[file], line, column, shown, length, path, lines, tuple(starts)))
            return obj
        if tag == "t":
            return tuple([walk(x) if x.__class__ is list else x for x in v[1:]])
        if tag == "r":
            return made[v[1]]
        if tag == "e":
            return _ENUMS[v[1]](v[2])
        if tag == "L":
            return [walk(x) if x.__class__ is list else x for x in v[1:]]
        if tag in ("d", "F"):
            items = iter([walk(x) if x.__class__ is list else x for x in v[1:]])
            pairs = dict(zip(items, items, strict=True))
            return pairs if tag == "d" else FrozenMap.adopt(pairs)
        if tag == "q":
            return Fraction(v[1], v[2])
        if tag == "D":
            return dt.date.fromisoformat(v[1])
        if tag == "p":
            return Path(v[1])
        raise ValueError(f"not stored data: unknown tag {tag!r:.40}")

    value = data.get("value")
    return walk(value) if value.__class__ is list else value


# ------------------------------------------------------------------------------------------ the folder


def cache_folder() -> Path | None:
    """Where entries are kept, or None when the cache is off."""
    if os.environ.get(ENV_SWITCH, "").strip().lower() in ("off", "0", "no", "false"):
        return None
    given = os.environ.get(ENV_DIR)
    if given:
        return Path(given)
    try:
        if sys.platform == "win32":
            base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        elif sys.platform == "darwin":
            base = Path.home() / "Library" / "Caches"
        else:
            xdg = os.environ.get("XDG_CACHE_HOME", "")
            base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"  # a relative one is ignored
    except (RuntimeError, KeyError, OSError):  # a user without a home folder: nothing is kept
        return None
    return base / "judgement" / "rulebooks"


def _safe(folder: Path) -> bool:
    """Whether entries in ``folder`` can be trusted: on POSIX, the folder is the user's own and no one else
    may write to it."""
    if os.name != "posix":
        return True
    try:
        info = folder.stat()
    except OSError:
        return False
    others_write = info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not others_write


@functools.cache
def _code_stamp() -> str:
    """The size and time of every module of the library: what an edited checkout changes."""
    found: list[str] = []
    # each folder's modules by name, then its folders' in turn (os.walk's order, without its overheads)
    folders = [(str(Path(__file__).resolve().parents[1]), "")]
    while folders:
        folder, prefix = folders.pop()
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
        below = []
        for entry in entries:
            if entry.is_dir():
                if entry.name != "__pycache__" and not entry.is_symlink():
                    below.append((entry.path, f"{prefix}{entry.name}{os.sep}"))
            elif entry.name.endswith(".py"):
                info = entry.stat()
                found.append(f"{prefix}{entry.name}:{info.st_size}:{info.st_mtime_ns}")
        folders.extend(reversed(below))
    return sha256("\n".join(found).encode()).hexdigest()


def entry_key(*parts: str) -> str:
    """The key of an entry: ``parts`` (the rulebook's content digest, where it was read from, how it is
    named), the layout, the library's version and its modules."""
    text = "\0".join([str(FORMAT), __version__, _code_stamp(), *parts])
    return sha256(text.encode("utf-8", "surrogateescape")).hexdigest()  # a path's bytes as the system gave them


def _entry_name(key: str) -> str:
    return f"{key}.json"


def _read(name: str, limit: int) -> Any:
    """The JSON data of the file ``name`` in the cache folder, or None: the cache off or its folder not the
    user's own, no such file, more than ``limit`` bytes, or not JSON."""
    folder = cache_folder()
    if folder is None or not _safe(folder):
        return None
    try:
        with open(folder / name, "rb") as file:
            raw = file.read(limit + 1)
        return None if len(raw) > limit else json.loads(raw)
    except (OSError, ValueError):
        return None


_WRITING = threading.Lock()


def _write(name: str, text: bytes, then: Callable[[Path], None] | None = None) -> bool:
    """Write the file ``name`` of the cache folder whole (and then ``then(folder)``, under the same lock);
    whether it was written (a folder that cannot be made or written, or one that is not the user's own,
    keeps nothing)."""
    folder = cache_folder()
    if folder is None:
        return False
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _safe(folder):
            return False
        with _WRITING:  # threads of one process share a temporary name
            write_whole(folder / name, text, 0o600)
            if then is not None:
                then(folder)
    except OSError:
        return False
    return True


def _entry(key: str) -> dict[str, Any] | None:
    """The data of the entry kept under ``key``, or None (no entry, the cache off or untrusted, or not an
    entry of this layout and key)."""
    data = _read(_entry_name(key), MAX_ENTRY_BYTES)
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
        return None
    return data


def fetch(key: str) -> Rulebook | None:
    """The rulebook kept under ``key``, or None (no entry, the cache off or untrusted, or an entry that
    does not read back whole)."""
    data = _entry(key)
    if data is None:
        return None
    try:
        found = decode(data["rulebook"])
    except Exception:  # whatever is wrong with an entry, the rulebook is read from its files instead
        return None
    if not isinstance(found, Rulebook):
        return None
    extras = data.get("extras")
    _remember(found, key, extras if isinstance(extras, dict) else {})
    return found


def keep(key: str, value: Rulebook) -> bool:
    """Keep a checked rulebook under ``key``; whether it was kept (a folder that cannot be made or written,
    or one that is not the user's own, keeps nothing)."""
    if cache_folder() is None:
        return False
    try:
        text = json_text({"format": FORMAT, "key": key, "rulebook": encode(value)}, compact=True).encode("utf-8")
    except (TypeError, ValueError):  # a value the model does not use, not a finite number, or a name not UTF-8
        return False
    kept = _write(_entry_name(key), text, _prune)
    if kept:
        _remember(value, key, {})
    return kept


# --------------------------------------------------------------------------------- what is kept beside


#: Per rulebook read back from an entry, or kept in one, in this process: its entry's key, and what layers
#: above keep in the entry beside it (see :func:`extra`). Rulebooks are compared as values, so an equal
#: rulebook finds them too: what is kept beside a rulebook derives from its value alone.
_KEPT: weakref.WeakKeyDictionary[Rulebook, tuple[str, dict[str, Any]]] = weakref.WeakKeyDictionary()
_KEPT_LOCK = threading.Lock()


def _remember(rulebook: Rulebook, key: str, extras: dict[str, Any]) -> None:
    with _KEPT_LOCK:
        _KEPT[rulebook] = (key, extras)


def extra(rulebook: Rulebook, name: str, classes: Mapping[str, type]) -> Any:
    """What a layer above kept beside ``rulebook`` in its entry under ``name`` (:func:`keep_extra`), read
    back through the constructors of the model's classes and of ``classes``; None when ``rulebook`` was
    not read from an entry, or nothing is kept under ``name``, or it does not read back whole. It is kept
    only from ``rulebook``'s value, by the same version of the library (the entry's key says so), so it
    is what that layer would make of it again."""
    with _KEPT_LOCK:
        found = _KEPT.get(rulebook)
    data = None if found is None else found[1].get(name)
    if data is None:
        return None
    try:
        return decode(data, classes)
    except Exception:  # whatever is wrong with it, the layer makes it again
        return None


def keep_extra(rulebook: Rulebook, name: str, value: object, classes: Mapping[str, type]) -> bool:
    """Keep ``value``, which a layer above made from ``rulebook``'s value alone, beside it in its entry under
    ``name`` (its attrs classes named by ``classes``); whether it was kept (``rulebook`` not read from an
    entry, nor kept in one, keeps nothing; nor does the cache off, or an entry gone or changed meanwhile)."""
    with _KEPT_LOCK:
        found = _KEPT.get(rulebook)
    if found is None:
        return False
    key, extras = found
    data = _entry(key)
    if data is None:
        return False
    try:
        written = encode(value, classes)
    except (TypeError, ValueError):
        return False
    given = data.get("extras")
    data["extras"] = {**(given if isinstance(given, dict) else {}), name: written}
    extras[name] = written
    return _write(_entry_name(key), json_text(data, compact=True).encode("utf-8"))


def _prune(folder: Path) -> None:
    """Delete the entries least recently written past the newest :data:`MAX_ENTRIES` (those of an older
    version of the library, or of files since edited, are never read again)."""
    found = []
    for entry in folder.glob("*.json"):
        try:
            found.append((entry.stat().st_mtime_ns, entry))
        except OSError:  # deleted meanwhile by another process
            continue
    for _, entry in sorted(found, reverse=True)[MAX_ENTRIES:]:
        entry.unlink(missing_ok=True)


#: The file, in the cache folder, of the ids rulebook manifests declare, by the SHA-256 of each manifest's
#: bytes: finding the rulebook a case names reads every manifest on the search path, and a manifest whose
#: bytes were read before need not be parsed again. Only an id a manifest parsed without a problem is kept.
MANIFEST_IDS = "manifest-ids.index"
#: At most this many ids are kept (the file is written afresh without the oldest past it).
MAX_MANIFEST_IDS = 256
#: A file of ids larger than this is not read (256 ids take about 20 KB).
MAX_MANIFEST_IDS_BYTES = 1024 * 1024
#: The ids read from the file, once per process (empty: not read yet).
_IDS: list[dict[str, str]] = []


def _manifest_ids() -> dict[str, str]:
    if _IDS:
        return _IDS[0]
    data = _read(MANIFEST_IDS, MAX_MANIFEST_IDS_BYTES)  # none yet, or not what keep_manifest_id wrote: ignored
    ids: dict[str, str] = {}
    if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("ids"), dict):
        ids = {k: v for k, v in data["ids"].items() if isinstance(k, str) and isinstance(v, str)}
    _IDS[:] = [ids]
    return ids


def manifest_id(digest: str) -> str | None:
    """The id a manifest whose bytes have the SHA-256 ``digest`` declared when it was parsed, if kept."""
    return _manifest_ids().get(digest)


def keep_manifest_id(digest: str, declared: str) -> None:
    """Keep the id a manifest declared, by the SHA-256 of its bytes (nothing is kept when the cache is off
    or its folder is not the user's own)."""
    ids = _manifest_ids()
    if ids.get(digest) == declared:
        return
    ids[digest] = declared
    while len(ids) > MAX_MANIFEST_IDS:
        del ids[next(iter(ids))]
    # a folder that cannot be written only means the manifest is parsed again next time
    _write(MANIFEST_IDS, json_text({"format": FORMAT, "ids": ids}, compact=True).encode("utf-8"))


def forget_manifest_ids() -> None:
    """Forget the ids read from the cache folder (read again when next asked for)."""
    _IDS.clear()


def entries() -> Iterator[Path]:
    """The entries kept in the cache folder (for tests and for clearing it by hand)."""
    folder = cache_folder()
    if folder is not None and folder.is_dir():
        yield from sorted(folder.glob("*.json"))
