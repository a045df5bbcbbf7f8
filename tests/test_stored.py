"""Checked rulebooks kept on disk between runs (``judgement.check.stored``): what is read back is the
rulebook the files check to, and anything wrong with an entry, its folder or the files behind it means
the files are read again."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import judgement
from judgement import resolve
from judgement.check import rulebook as rulebook_module
from judgement.check import stored
from judgement.engine import compile as compile_module
from judgement.engine.compile import compile_rulebook, compiled_for
from judgement.errors import RulebookError
from judgement.judging.judge import clear_judges
from judgement.source import Location

ROOT = Path(__file__).resolve().parents[1]
BOOKS = [
    ROOT / "rules" / "ucra-2010",
    ROOT / "rules" / "ilacs-2018",
    ROOT / "tests" / "data" / "mini",
    ROOT / "tests" / "data" / "lintbase",
    ROOT / "docs" / "examples" / "family-help" / "rules" / "family-help-2024",
]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A cache folder of the test's own, empty."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(stored.ENV_DIR, str(folder))
    monkeypatch.delenv(stored.ENV_SWITCH, raising=False)
    return folder


def _uncached(path: Path, monkeypatch) -> judgement.Rulebook:
    with monkeypatch.context() as m:
        m.setenv(stored.ENV_SWITCH, "off")
        return judgement.load_rulebook(path)


def _stored_text(value: object) -> str:
    return json.dumps(stored.encode(value), sort_keys=True)


@pytest.mark.parametrize("path", BOOKS, ids=lambda p: p.name)
def test_a_rulebook_reads_back_as_the_one_its_files_check_to(path, monkeypatch):
    """Equal, with equal fields that equality leaves out (locations, derived fields), sharing what it
    shares, and judging every fixture the same."""
    checked = _uncached(path, monkeypatch)
    back = stored.decode(json.loads(json.dumps(stored.encode(checked))))
    assert back == checked
    assert _stored_text(back) == _stored_text(checked)  # locations and every field equality leaves out
    assert back.digest == checked.digest
    assert back.path == checked.path
    assert back.calibration == checked.calibration
    grades = {g.id: g for g in back.grades}
    for area in back.areas:  # a rule's grade is the scale's own object, as when checked
        for rule in area.rules:
            assert rule.grade is grades[rule.grade.id] or rule.grade in back.scale_of(area).grades
    for first, second in zip(checked.areas, back.areas, strict=True):
        for a, b in zip(first.rules, second.rules, strict=True):
            assert str(a.location) == str(b.location)
            assert (a.normal is None) == (b.normal is None)
            if a.normal is not None:
                assert [t.at for t in _tests(a.normal)] == [t.at for t in _tests(b.normal)]


def _tests(condition):
    from judgement.lang.normal import tests

    return list(tests(condition))


@pytest.mark.usefixtures("cache")
@pytest.mark.parametrize("name", ["ucra-2010", pytest.param("ilacs-2018", marks=pytest.mark.slow)])
def test_a_case_judged_under_the_kept_rulebook_is_judged_the_same(name, monkeypatch):
    path = ROOT / "rules" / name
    fresh = judgement.load_rulebook(path)  # checked from the files, and kept
    assert len(list(stored.entries())) == 1
    monkeypatch.setattr(rulebook_module, "document_of", _refuse)
    kept = judgement.load_rulebook(path)
    assert kept == fresh
    assert kept is not fresh
    if name == "ucra-2010":
        cases = [judgement.load_case(f) for f in sorted((ROOT / "fixtures" / name).glob("*.yaml"))[:6]]
    else:
        from judgement.data import cases as council_cases

        cases = council_cases(2024, ["Staffordshire", "Hull", "Camden", "Cornwall", "Wigan", "Rutland"])
    assert len(cases) == 6
    for case in cases:
        assert judgement.Judge(kept).judge(case).to_dict() == judgement.Judge(fresh).judge(case).to_dict()


def _refuse(_raw: bytes, name: str) -> None:
    raise AssertionError(f"{name} was parsed")


@pytest.mark.usefixtures("cache")
def test_an_edited_file_is_read_again(tmp_path):
    book = tmp_path / "book"
    shutil.copytree(ROOT / "tests" / "data" / "mini", book)
    first = judgement.load_rulebook(book)
    manifest = book / "rulebook.yaml"
    manifest.write_text(manifest.read_text().replace(f"title: {first.title}", "title: Edited title"))
    second = judgement.load_rulebook(book)
    assert second.title == "Edited title" != first.title
    assert len(list(stored.entries())) == 2
    (book / "areas" / "three.yaml").unlink()  # a file gone is a new key too
    third = judgement.load_rulebook(book)
    assert [a.id for a in third.areas] == ["one", "two"]
    assert len(list(stored.entries())) == 3


@pytest.mark.usefixtures("cache")
def test_a_rulebook_with_problems_is_never_kept(tmp_path):
    book = tmp_path / "book"
    shutil.copytree(ROOT / "tests" / "data" / "mini", book)
    manifest = book / "rulebook.yaml"
    manifest.write_text(manifest.read_text() + "unknown_key: 1\n")
    for _ in range(2):  # reported from the files both times
        with pytest.raises(RulebookError, match="unknown_key"):
            judgement.load_rulebook(book)
    assert list(stored.entries()) == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda _text: "",
        lambda text: text[: len(text) // 2],
        lambda _text: "[1, 2, 3]",
        lambda text: text.replace(f'"format":{stored.FORMAT}', '"format":999'),
        lambda text: text.replace('"key":"', '"key":"0', 1),
        lambda text: text.replace("judgement.model.rulebook:Rule", "os:system"),
        lambda text: text.replace('"judgement.model.rulebook:Measure",', '"judgement.model.rulebook:Measure",1,', 1),
        lambda text: text.replace('["t"', '["?"', 1),
        lambda text: text.replace('"value":["o","judgement.model.rulebook:Rulebook"', '"value":["t"', 1),
        lambda text: text.replace('["l",', '["l",0,', 1),
        lambda text: re.sub(r'\["l",\d+', '["l",99999999', text, count=1),
    ],
    ids=[
        "empty",
        "cut-short",
        "not-an-entry",
        "other-format",
        "other-key",
        "unknown-class",
        "extra-field",
        "unknown-tag",
        "not-a-rulebook",
        "location-too-long",
        "location-text-missing",
    ],
)
@pytest.mark.usefixtures("cache")
def test_a_damaged_entry_is_ignored_and_written_again(damage):
    path = ROOT / "tests" / "data" / "mini"
    fresh = judgement.load_rulebook(path)
    (entry,) = stored.entries()
    whole = entry.read_text()
    damaged = damage(whole)
    assert damaged != whole
    entry.write_text(damaged)
    assert judgement.load_rulebook(path) == fresh
    assert entry.read_text() == whole  # written again from the files


@pytest.mark.usefixtures("cache")
def test_an_entry_past_the_size_limit_is_not_read(monkeypatch):
    path = ROOT / "tests" / "data" / "mini"
    judgement.load_rulebook(path)
    monkeypatch.setattr(stored, "MAX_ENTRY_BYTES", 100)
    monkeypatch.setattr(rulebook_module, "document_of", _refuse)
    with pytest.raises(AssertionError, match="was parsed"):
        judgement.load_rulebook(path)


@pytest.mark.parametrize("switch", ["off", "OFF", "0", "no", "false"])
def test_the_cache_can_be_turned_off(cache, monkeypatch, switch):
    monkeypatch.setenv(stored.ENV_SWITCH, switch)
    judgement.load_rulebook(ROOT / "tests" / "data" / "mini")
    assert stored.cache_folder() is None
    assert not cache.exists()


@pytest.mark.skipif(os.name != "posix", reason="folder ownership and modes are POSIX's")
def test_a_folder_others_may_write_to_is_neither_read_nor_written(cache, monkeypatch):
    path = ROOT / "tests" / "data" / "mini"
    judgement.load_rulebook(path)
    (entry,) = stored.entries()
    cache.chmod(0o777)
    try:
        monkeypatch.setattr(rulebook_module, "document_of", _refuse)
        with pytest.raises(AssertionError, match="was parsed"):  # the entry there is not trusted
            judgement.load_rulebook(path)
        entry.unlink()
        monkeypatch.undo()
        monkeypatch.setenv(stored.ENV_DIR, str(cache))
        judgement.load_rulebook(path)
        assert list(stored.entries()) == []  # and nothing is written there
    finally:
        cache.chmod(0o700)


def test_a_folder_that_cannot_be_made_keeps_nothing_and_loads_all_the_same(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(stored.ENV_DIR, str(blocker / "cache"))
    rulebook = judgement.load_rulebook(ROOT / "tests" / "data" / "mini")
    assert rulebook.id
    assert stored.keep("k", rulebook) is False
    assert stored.fetch("k") is None


def test_the_folder_is_made_for_the_user_alone(cache):
    judgement.load_rulebook(ROOT / "tests" / "data" / "mini")
    (entry,) = stored.entries()
    if os.name == "posix":
        assert cache.stat().st_mode & 0o777 == 0o700
        assert entry.stat().st_mode & 0o777 == 0o600
    assert not [p for p in cache.iterdir() if p.name.startswith(".")]  # no temporary file left behind


def test_the_user_cache_folder_is_found_from_the_platform(monkeypatch, tmp_path):
    monkeypatch.delenv(stored.ENV_DIR, raising=False)
    monkeypatch.delenv(stored.ENV_SWITCH, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert stored.cache_folder() == tmp_path / "xdg" / "judgement" / "rulebooks"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert stored.cache_folder() == Path.home() / ".cache" / "judgement" / "rulebooks"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # the XDG rule: a relative folder is ignored
    assert stored.cache_folder() == Path.home() / ".cache" / "judgement" / "rulebooks"

    def homeless() -> Path:
        raise RuntimeError("Could not determine home directory.")

    with monkeypatch.context() as m:
        m.setattr(Path, "home", staticmethod(homeless))
        assert stored.cache_folder() is None  # a user without a home folder keeps nothing
        m.setenv(stored.ENV_DIR, str(tmp_path / "cache"))
        assert judgement.load_rulebook(ROOT / "tests" / "data" / "mini").id
        m.delenv(stored.ENV_DIR)
        assert judgement.load_rulebook(ROOT / "tests" / "data" / "mini").id
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(sys, "platform", "darwin")
    assert stored.cache_folder() == Path.home() / "Library" / "Caches" / "judgement" / "rulebooks"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    assert stored.cache_folder() == tmp_path / "local" / "judgement" / "rulebooks"


def test_the_key_holds_the_library_and_where_the_rulebook_was_read(monkeypatch):
    key = stored.entry_key("digest", "place")
    assert stored.entry_key("digest", "place") == key
    assert stored.entry_key("digest", "other place") != key
    assert stored.entry_key("other digest", "place") != key
    monkeypatch.setattr(stored, "__version__", "0.0.0-other")
    assert stored.entry_key("digest", "place") != key
    monkeypatch.undo()
    monkeypatch.setattr(stored, "_code_stamp", lambda: "an edited module")
    assert stored.entry_key("digest", "place") != key


def test_the_code_stamp_covers_every_module_of_the_library():
    from judgement._digest import sha256

    package = Path(stored.__file__).resolve().parents[1]
    written = []  # the size and time of every module, folder by folder as os.walk goes
    for folder, subfolders, files in os.walk(package):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(f for f in files if f.endswith(".py")):
            info = os.stat(os.path.join(folder, name))
            written.append(f"{os.path.relpath(os.path.join(folder, name), package)}:{info.st_size}:{info.st_mtime_ns}")
    assert len(written) > 100
    stored._code_stamp.cache_clear()
    assert stored._code_stamp() == sha256("\n".join(written).encode()).hexdigest()


@pytest.mark.usefixtures("cache")
def test_locations_are_named_from_where_the_rulebook_is_read(tmp_path, monkeypatch):
    """Locations are written relative to the working folder: the same files read from another folder
    are another entry, named as a fresh check names them."""
    book = tmp_path / "here" / "book"
    shutil.copytree(ROOT / "tests" / "data" / "mini", book)
    monkeypatch.chdir(tmp_path / "here")
    near = judgement.load_rulebook(Path("book"))
    monkeypatch.chdir(tmp_path)
    far = judgement.load_rulebook(Path("here") / "book")
    fresh = _uncached(Path("here") / "book", monkeypatch)
    assert len(list(stored.entries())) == 2
    assert str(near.areas[0].location) != str(far.areas[0].location)
    assert _stored_text(far) == _stored_text(fresh)


def test_a_value_the_model_does_not_use_is_refused():
    with pytest.raises(TypeError, match="cannot hold a set"):
        stored.encode({1, 2})
    with pytest.raises(TypeError, match="cannot hold a Judge"):
        stored.encode(object.__new__(judgement.Judge))
    with pytest.raises(ValueError, match="not stored data"):
        stored.decode({"value": 1})


def test_every_class_of_the_model_is_known():
    """Each attrs class a rulebook can hold, reached from the Rulebook's fields, can be stored."""
    seen: set[type] = set()

    def reach(cls: type) -> None:
        if cls in seen or not attrs.has(cls):
            return
        seen.add(cls)
        assert cls in stored.CLASSES.values(), cls
        for field in attrs.fields(cls):
            for candidate in stored.CLASSES.values():
                if candidate.__name__ in str(field.type):
                    reach(candidate)

    reach(judgement.Rulebook)
    assert len(seen) > 10


def test_the_command_keeps_the_rulebook_for_the_next_run(tmp_path):
    """Two runs of the command on one case: the first keeps the checked rulebook, the second reads it,
    and both write the same judgement."""
    env = {**os.environ, stored.ENV_DIR: str(tmp_path / "cache")}
    env.pop(stored.ENV_SWITCH, None)
    command = [
        sys.executable,
        "-m",
        "judgement",
        "judge",
        str(ROOT / "fixtures" / "ucra-2010" / "staffordshire-2010.yaml"),
    ]
    first = subprocess.run([*command, "--format", "json"], capture_output=True, text=True, env=env, check=True)
    entries = sorted((tmp_path / "cache").glob("*.json"))
    assert len(entries) == 1
    stamp = entries[0].stat().st_mtime_ns
    second = subprocess.run([*command, "--format", "json"], capture_output=True, text=True, env=env, check=True)
    assert second.stdout == first.stdout
    assert entries[0].stat().st_mtime_ns == stamp  # read, not written again


def test_the_entries_least_recently_written_go_first(cache, monkeypatch):
    monkeypatch.setattr(stored, "MAX_ENTRIES", 3)
    rulebook = _uncached(ROOT / "tests" / "data" / "mini", monkeypatch)
    for n in range(5):
        assert stored.keep(f"k{n}", rulebook)
        os.utime(cache / f"k{n}.json", ns=(n * 10**9, (n + 1000) * 10**9))
    assert sorted(p.name for p in stored.entries()) == ["k2.json", "k3.json", "k4.json"]
    assert stored.fetch("k4") == rulebook


@pytest.mark.skipif(sys.platform != "linux", reason="a file name that is not UTF-8 is Linux's")
def test_a_folder_whose_name_is_not_utf8_is_read_and_not_kept(cache, tmp_path, monkeypatch):
    """Its locations hold the name as the system gave it, which JSON in UTF-8 cannot: nothing is kept, and
    the rulebook is read from its files every time."""
    book = tmp_path / os.fsdecode(b"book\xff")
    shutil.copytree(ROOT / "tests" / "data" / "mini", book)
    monkeypatch.chdir(tmp_path)
    first = judgement.load_rulebook(book.name)
    second = judgement.load_rulebook(book.name)
    assert second == first
    assert str(second.areas[0].location).startswith(book.name)
    assert list(stored.entries()) == []
    assert cache.exists() is False


# ------------------------------------------------------------------------------------ manifests' ids


@pytest.fixture
def ids(cache):
    """The cache folder, with no manifest's id read from it or found yet in this process."""
    resolve.clear_rulebooks()
    yield cache
    resolve.clear_rulebooks()


def _parsed_manifests(monkeypatch) -> list[str]:
    """The manifests parsed from now on (by name)."""
    parsed: list[str] = []
    real = resolve.document_of

    def counting(raw: bytes, name: str):  # type: ignore[no-untyped-def]
        parsed.append(name)
        return real(raw, name)

    monkeypatch.setattr(resolve, "document_of", counting)
    return parsed


def test_a_manifest_read_before_is_not_parsed_again(ids, monkeypatch):
    parsed = _parsed_manifests(monkeypatch)
    first = judgement.find_rulebook("ucra-2010", dt.date(2010, 7, 13))
    assert any(name.endswith("ucra-2010/rulebook.yaml") for name in parsed)
    assert (ids / stored.MANIFEST_IDS).is_file()
    resolve.clear_rulebooks()  # as a new process finds it: from the ids kept on disk
    parsed.clear()
    again = judgement.find_rulebook("ucra-2010", dt.date(2010, 7, 13))
    assert parsed == []
    assert again == first


def test_a_manifest_that_does_not_parse_is_never_kept_and_still_reported(ids, tmp_path, monkeypatch):
    folder = tmp_path / "rules" / "broken-2010"
    shutil.copytree(ROOT / "rules" / "ucra-2010", folder)
    manifest = folder / "rulebook.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("id: ucra-2010", "id: [broken"), encoding="utf-8")
    parsed = _parsed_manifests(monkeypatch)
    for _ in range(2):  # reported each time, parsed each time: nothing was kept for it
        resolve.clear_rulebooks()
        with pytest.raises(judgement.ResolutionError, match="unreadable manifests in"):
            judgement.find_rulebook("nowhere-2010", dt.date(2010, 7, 13), [tmp_path / "rules"])
        assert sum(name.endswith("broken-2010/rulebook.yaml") for name in parsed) == 1
        parsed.clear()
    kept = json.loads((ids / stored.MANIFEST_IDS).read_text(encoding="utf-8"))["ids"]
    assert "[broken" not in json.dumps(kept)


@pytest.mark.usefixtures("ids")
def test_an_id_kept_for_a_manifest_that_its_rulebook_does_not_declare_chooses_nothing():
    import hashlib

    digest = hashlib.sha256((ROOT / "rules" / "ucra-2010" / "rulebook.yaml").read_bytes()).hexdigest()
    stored.keep_manifest_id(digest, "ilacs-2018")  # as a damaged cache folder might say
    resolve.clear_rulebooks()
    found = judgement.find_rulebook("ilacs-2018", dt.date(2024, 1, 8))
    assert found.id == "ilacs-2018"  # the folder the id was kept for was read, and passed over


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"format": 1, "ids": [1, 2]}', b'{"format": 99, "ids": {}}'])
def test_a_damaged_file_of_ids_is_ignored_and_written_again(ids, damage):
    ids.mkdir(mode=0o700, parents=True, exist_ok=True)
    (ids / stored.MANIFEST_IDS).write_bytes(damage)
    assert judgement.find_rulebook("ucra-2010", dt.date(2010, 7, 13)).id == "ucra-2010"
    kept = json.loads((ids / stored.MANIFEST_IDS).read_text(encoding="utf-8"))
    assert "ucra-2010" in kept["ids"].values()


@pytest.mark.usefixtures("ids")
def test_at_most_so_many_ids_are_kept(monkeypatch):
    monkeypatch.setattr(stored, "MAX_MANIFEST_IDS", 3)
    for n in range(5):
        stored.keep_manifest_id(f"{n:064x}", f"book-{n}")
    stored.forget_manifest_ids()
    assert [stored.manifest_id(f"{n:064x}") for n in range(5)] == [None, None, "book-2", "book-3", "book-4"]


def test_no_ids_are_kept_with_the_cache_off(ids, monkeypatch):
    monkeypatch.setenv(stored.ENV_SWITCH, "off")
    judgement.find_rulebook("ucra-2010", dt.date(2010, 7, 13))
    assert not (ids / stored.MANIFEST_IDS).exists()


# ------------------------------------------------------------------------------------------------- digests


@given(st.lists(st.binary(max_size=300), max_size=4))
def test_the_digest_is_sha256_as_hashlib_computes_it(parts):
    import hashlib

    from judgement import _digest

    ours, theirs = _digest.sha256(), hashlib.sha256()
    for part in parts:
        ours.update(part)
        theirs.update(part)
    assert ours.hexdigest() == theirs.hexdigest()
    assert _digest.sha256(b"".join(parts)).hexdigest() == theirs.hexdigest()


def test_without_the_interpreter_s_own_sha256_the_digest_comes_from_hashlib(monkeypatch):
    import hashlib
    import importlib

    from judgement import _digest

    def missing(name: str):  # type: ignore[no-untyped-def]
        raise ImportError(name)

    monkeypatch.setattr(importlib, "import_module", missing)
    assert _digest._builtin() is hashlib.sha256


def test_after_so_many_digests_they_come_from_hashlib(monkeypatch):
    import hashlib
    import itertools

    from judgement import _digest

    monkeypatch.setattr(_digest, "_CALLS", itertools.count())
    monkeypatch.setattr(_digest, "_OPENSSL", [])
    monkeypatch.setattr(_digest, "OWN_FIRST", 3)
    made = [_digest.sha256(b"%d" % n) for n in range(5)]
    own, openssl = type(_digest._OWN(b"")), type(hashlib.sha256())
    assert [type(h) for h in made] == [own, own, own, openssl, openssl]
    assert [h.hexdigest() for h in made] == [hashlib.sha256(b"%d" % n).hexdigest() for n in range(5)]


@pytest.mark.parametrize(
    "location",
    [
        Location("rules/a.yaml", 3, 7),
        Location("rules/a.yaml", 3, 7, "  when: caseload > 20", 9),
        Location("case.json", 0, 0, path="$.evidence.a"),
        Location("rules/b.yaml", 12, 9, "    a > 1 and", 5, block=("    a > 1 and", "    b < 2"), starts=(4, 4)),
    ],
    ids=["bare", "with-its-line", "in-data", "a-block"],
)
def test_a_location_reads_back_with_every_field(location):
    """Locations are stored flat; their fields that equality leaves out (the line shown, the length, a
    block's lines) read back too."""
    back = stored.decode(json.loads(json.dumps(stored.encode((location, location)))))
    assert back[0] is back[1]  # shared as it was
    assert attrs.astuple(back[0]) == attrs.astuple(location)
    assert [f.name for f in attrs.fields(Location)] == [
        "file",
        "line",
        "column",
        "source_line",
        "length",
        "path",
        "block",
        "starts",
    ], "a field added to Location must be stored too (check/stored.py, its flat layout)"


# --------------------------------------------------------------------- the rulesets kept beside a rulebook


def _read_back_afresh(path: Path) -> judgement.Rulebook:
    """The rulebook at ``path`` read back from its entry as a new process reads it (nothing remembered)."""
    stored._KEPT.clear()
    return judgement.load_rulebook(path)


@pytest.mark.parametrize("path", BOOKS[:3], ids=lambda p: p.name)
@pytest.mark.usefixtures("cache")
def test_a_kept_rulebook_s_rulesets_are_kept_beside_it_and_read_back_whole(path, monkeypatch):
    fresh = judgement.load_rulebook(path)  # checked from its files, and kept
    compiled = compile_rulebook(fresh)
    assert compiled_for(fresh) == compiled  # compiled, and kept beside it
    (entry,) = stored.entries()
    assert list(json.loads(entry.read_text())["extras"]) == ["engine"]
    back = _read_back_afresh(path)

    def refused(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(compile_module, "compile_rulebook", refused)
    assert compiled_for(back) == compiled
    if path.name == "ucra-2010":  # judged through the rulesets read back, as through those compiled
        case = judgement.load_case(ROOT / "fixtures" / "ucra-2010" / "staffordshire-2010.yaml")
        clear_judges()
        assert judgement.Judge(back).judge(case) == judgement.Judge(fresh).judge(case)


@pytest.mark.usefixtures("cache")
def test_rulesets_that_do_not_read_back_are_compiled_again_and_kept_afresh():
    path = ROOT / "tests" / "data" / "mini"
    fresh = judgement.load_rulebook(path)
    compiled = compiled_for(fresh)
    (entry,) = stored.entries()
    data = json.loads(entry.read_text())
    data["extras"]["engine"]["value"][1] = "judgement.engine.compile:Nothing"
    entry.write_text(json.dumps(data))
    back = _read_back_afresh(path)
    assert compiled_for(back) == compiled
    assert json.loads(entry.read_text())["extras"]["engine"]["value"][1] == "judgement.engine.compile:CompiledRulebook"


def test_a_rulebook_not_read_from_an_entry_keeps_nothing_beside_it(cache, monkeypatch):
    stored._KEPT.clear()
    made = _uncached(ROOT / "tests" / "data" / "mini", monkeypatch)  # read from its files with the cache off
    assert compiled_for(made) == compile_rulebook(made)
    assert stored.keep_extra(made, "engine", compile_rulebook(made), {}) is False
    assert not cache.exists()
