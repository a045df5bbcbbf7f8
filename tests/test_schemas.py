"""The JSON Schemas shipped for authors' editors: every shipped and example file is valid under them, they
accept exactly the keys the checker accepts, and `judgement schema` prints them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

import judgement
from judgement.cli import main
from judgement.read.folders import SCHEMAS, schema_text
from tests.conftest import DATA, FIXTURES, ROOT, RULES, printed_by

EXAMPLE = ROOT / "docs" / "examples" / "family-help"
RULEBOOKS = [RULES, EXAMPLE / "rules" / "family-help-2024", DATA / "mini", DATA / "lintbase"]


def _schema(kind: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(schema_text(kind))
    return data


def _valid(kind: str, path: Path) -> None:
    validator = jsonschema.Draft202012Validator(_schema(kind), format_checker=jsonschema.FormatChecker())
    data = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors, (path, errors)


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_each_schema_is_a_valid_schema(kind):
    jsonschema.Draft202012Validator.check_schema(_schema(kind))


@pytest.mark.parametrize("root", RULEBOOKS, ids=lambda p: p.name)
def test_every_rulebook_file_is_valid(root):
    _valid("rulebook", root / "rulebook.yaml")
    _valid("measures", root / "measures.yaml")
    for area in sorted((root / "areas").glob("*.y*ml")):
        _valid("area", area)


def test_every_fixture_is_valid():
    cases = [*FIXTURES.glob("*.yaml"), *(EXAMPLE / "fixtures").glob("*.yaml")]
    assert len(cases) >= 10
    for case in cases:
        _valid("case", case)


def _accepted(error: judgement.JudgementError) -> set[str]:
    """The keys the checker lists as allowed when it meets an unknown one."""
    (problem,) = [p for p in error.problems if p.code == "data.unknown-key"]
    return set(re.sub(r"^one of ", "", problem.expected or "").split(", "))


def test_the_schemas_accept_exactly_the_keys_the_checker_accepts(tmp_path):
    root = tmp_path / "rb"
    shutil.copytree(EXAMPLE / "rules" / "family-help-2024", root)

    def keys_of(edit) -> set[str]:
        edit()
        with pytest.raises(judgement.JudgementError) as info:
            judgement.load_rulebook(root)
        return _accepted(info.value)

    manifest, measures, area = root / "rulebook.yaml", root / "measures.yaml", root / "areas" / "timeliness.yaml"
    original = {p: p.read_text() for p in (manifest, measures, area)}

    def restore():
        for p, text in original.items():
            p.write_text(text)

    schema = _schema("rulebook")
    assert keys_of(lambda: manifest.write_text(original[manifest] + "bogus: 1\n")) == set(schema["properties"]) - {
        "measures",
        "areas",
    }  # type: ignore[arg-type]
    restore()
    measure = _schema("measures")["properties"]["measures"]["additionalProperties"]["properties"]  # type: ignore[index]
    assert keys_of(lambda: measures.write_text(original[measures] + "    bogus: 1\n")) == set(measure)
    restore()
    area_schema = _schema("area")
    assert keys_of(lambda: area.write_text(original[area] + "bogus: 1\n")) == set(area_schema["properties"])  # type: ignore[arg-type]
    restore()
    rule = area_schema["properties"]["rules"]["items"]["properties"]  # type: ignore[index]
    assert keys_of(
        lambda: area.write_text(original[area].replace("    grade: strong\n", "    grade: strong\n    bogus: 1\n"))
    ) == set(rule)
    restore()
    case = _schema("case")
    with pytest.raises(judgement.CaseError) as info:
        judgement.load_case(
            {"case": "c", "authority": "A", "inspected": "2024-01-01", "rulebook": "x", "evidence": {}, "bogus": 1}
        )
    assert _accepted(info.value) == set(case["properties"])  # type: ignore[arg-type]
    evidence = case["properties"]["evidence"]["additionalProperties"]["oneOf"][1]["properties"]  # type: ignore[index]
    with pytest.raises(judgement.CaseError) as info:
        judgement.load_case(
            {
                "case": "c",
                "authority": "A",
                "inspected": "2024-01-01",
                "rulebook": "x",
                "evidence": {"m": {"value": 1, "bogus": 1}},
            }
        )
    assert _accepted(info.value) == set(evidence)


def test_the_cli_prints_a_schema(tmp_path):
    result = CliRunner().invoke(main, ["schema", "area"])
    assert result.exit_code == 0
    assert json.loads(result.output)["title"] == "A judgement area file (areas/*.yaml)"
    out = tmp_path / "case.schema.json"
    assert CliRunner().invoke(main, ["schema", "case", "-o", str(out)]).exit_code == 0
    assert json.loads(out.read_text())["title"] == "A judgement case file"
    bad = CliRunner().invoke(main, ["schema", "areas"])
    assert bad.exit_code == 2
    assert "Traceback" not in bad.output


def test_an_area_file_may_end_in_yml(tmp_path):
    root = tmp_path / "rb"
    shutil.copytree(EXAMPLE / "rules" / "family-help-2024", root)
    (root / "areas" / "workforce.yaml").rename(root / "areas" / "workforce.yml")
    assert "workforce" in [a.id for a in judgement.load_rulebook(root).areas]


# ------------------------------------------------------------------------------------ entry points


def _distribution(site: Path, value: str, name: str = "council") -> None:
    info = site / f"{name}_rules-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}-rules\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[judgement.rulebooks]\n{name} = {value}\n")


def test_a_rulebook_shipped_by_another_package_is_found_by_id(tmp_path, monkeypatch):
    site = tmp_path / "site"
    package = site / "council_rules"
    shutil.copytree(EXAMPLE / "rules" / "family-help-2024", package / "family-help-2024")
    (package / "__init__.py").write_text("")
    _distribution(site, "council_rules")
    monkeypatch.syspath_prepend(str(site))
    from judgement.read.folders import plugin_rules

    assert plugin_rules() == [package]
    case = judgement.load_case(EXAMPLE / "fixtures" / "ashdown-2024.yaml")
    rulebook = judgement.rulebook_for(case)
    assert rulebook.id == "family-help-2024"
    assert rulebook.path == package / "family-help-2024"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("no_such_module_anywhere", "could not be loaded: ModuleNotFoundError"),
        ("json:__name__", "names no folder"),
    ],
)
def test_a_broken_entry_point_is_named(tmp_path, monkeypatch, value, message):
    site = tmp_path / "site"
    _distribution(site, value)
    monkeypatch.syspath_prepend(str(site))
    result = CliRunner().invoke(main, ["judge", str(EXAMPLE / "fixtures" / "ashdown-2024.yaml")])
    assert result.exit_code == 2
    assert "entry point 'council'" in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_plugins_are_contained_and_each_is_reported(tmp_path, monkeypatch):
    """A plugin that exits, one whose module has no file, and one whose message writes a terminal escape:
    each is its own problem, escaped, and the search goes on to report them all (exit 2)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "exits_plugin.py").write_text("import sys\nsys.exit(3)\n")
    (site / "escapes_plugin.py").write_text("raise RuntimeError('\\x1b]0;owned\\x07 title')\n")
    _distribution(site, "exits_plugin", "exits")
    _distribution(site, "escapes_plugin", "escapes")
    _distribution(site, "sys", "fileless")  # a built-in module: no file, so no folder
    monkeypatch.syspath_prepend(str(site))
    result = CliRunner().invoke(main, ["judge", str(EXAMPLE / "fixtures" / "ashdown-2024.yaml")])
    assert result.exit_code == 2
    assert "entry point 'exits' (exits_plugin) of group judgement.rulebooks could not be loaded: SystemExit" in (
        result.stderr
    )
    assert "entry point 'fileless' (sys) of group judgement.rulebooks names no folder" in result.stderr
    assert "RuntimeError: \\x1b]0;owned\\x07 title" in result.stderr
    assert "\x1b" not in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_the_schema_of_judgements_narrows_to_a_rulebook(tmp_path):
    out = tmp_path / "ilacs.schema.json"
    result = CliRunner().invoke(
        main, ["schema", "judgement", "--rules", str(ROOT / "rules" / "ilacs-2018"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    schema = json.loads(out.read_text())
    assert "outstanding" in schema["$defs"]["grade"]["enum"]
    assert "priority_action" not in schema["$defs"]["grade"]["enum"]
    judged = CliRunner().invoke(main, ["judge", "--authority", "Staffordshire", "--year", "2024", "--format", "json"])
    jsonschema.validate(json.loads(judged.stdout), schema)
    ucra = CliRunner().invoke(main, ["judge", str(FIXTURES / "staffordshire-2010.yaml"), "--format", "json"])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(json.loads(ucra.stdout), schema)  # UCRA's grades and areas are not ILACS's
    refused = CliRunner().invoke(main, ["schema", "area", "--rules", str(ROOT / "rules" / "ilacs-2018")])
    assert refused.exit_code == 2


def test_every_list_of_units_or_directions_in_a_schema_is_the_language_s_own():
    """The schemas are files, so their enumerations are copies: each must match the enum it copies (the
    judgement schema once lacked ``level``, and a judgement with a level measure failed to validate)."""
    from judgement.lang.types import Unit
    from judgement.model import Direction

    owners = {"percent": [u.value for u in Unit], "higher": [d.value for d in Direction]}
    seen = dict.fromkeys(owners, 0)

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "enum" and isinstance(value, list):
                    for word, owner in owners.items():
                        if word in value:
                            assert value == owner, value
                            seen[word] += 1
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in sorted((ROOT / "src" / "judgement" / "schema").glob("*.json")):
        walk(json.loads(path.read_text()))
    assert seen == {"percent": 3, "higher": 2}, seen  # measures, rulebook (units), judgement; measures, judgement


@pytest.mark.parametrize("group", ["judgement.rulebooks", "console_scripts", "pytest11", "no.such.group"])
def test_the_quick_look_for_plugins_never_misses_one(group):
    """``importlib.metadata`` is imported only when an installed package may declare a rulebook: where the
    quick look says none can, none does."""
    import importlib.metadata

    from judgement.read.folders import _may_declare

    if not _may_declare(group):
        assert list(importlib.metadata.entry_points(group=group)) == []
    if list(importlib.metadata.entry_points(group=group)):
        assert _may_declare(group)


def test_no_plugin_means_no_metadata_import():
    probe = (
        "import sys; from judgement.read.folders import plugin_rules; "
        "print(plugin_rules(), 'importlib.metadata' in sys.modules)"
    )
    assert printed_by(probe) == ["[]", "False"]


def test_the_quick_look_leaves_what_it_cannot_see_to_importlib_metadata(tmp_path, monkeypatch):
    from judgement.read.folders import ENTRY_POINTS, _may_declare

    def declares(*path: str) -> bool:
        with monkeypatch.context() as m:
            m.setattr("sys.path", list(path))
            return _may_declare(ENTRY_POINTS)

    quiet = tmp_path / "quiet"
    (quiet / "other-1.0.dist-info").mkdir(parents=True)
    (quiet / "other-1.0.dist-info" / "entry_points.txt").write_text("[console_scripts]\nother = other:main\n")
    (quiet / "metadata_only-1.0.egg-info").write_text("Metadata-Version: 1.0\n")  # an egg-info file, no entry points
    (quiet / "no_points-1.0.dist-info").mkdir()
    assert not declares(str(quiet), str(tmp_path / "missing"))
    _distribution(tmp_path / "loud", "council_rules")
    assert declares(str(quiet), str(tmp_path / "loud"))
    archive = tmp_path / "packages.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    assert declares(str(quiet), str(archive))  # an archive: importlib.metadata reads it
    egg = tmp_path / "eggs"
    (egg / "old-1.0-py3.11.egg").mkdir(parents=True)
    assert declares(str(egg))
    odd = tmp_path / "odd"
    (odd / "odd-1.0.dist-info" / "entry_points.txt").mkdir(parents=True)  # cannot be read as a file
    assert declares(str(odd))

    class Finder:
        @staticmethod
        def find_distributions(*_args: object) -> list[object]:
            return []

    monkeypatch.setattr("sys.meta_path", [Finder, *__import__("sys").meta_path])
    assert declares(str(quiet))  # an import hook of its own may find packages anywhere
