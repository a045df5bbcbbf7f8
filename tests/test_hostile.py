"""Hostile input handled exactly: numbers only in ASCII digits, names matched whole, versions as text,
JSON without non-finite numbers, and files written only where that is safe."""

from __future__ import annotations

import os
import shutil
import stat

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import judgement
from judgement._fmt import json_text
from judgement.cli import main
from judgement.lang.parser import ParseFailure, parse
from judgement.source import Location
from tests.conftest import DATA, FIXTURES, ROOT, make_case

AT = Location("r.yaml", 1, 1)


@pytest.mark.parametrize("text", ["a < ৪0", "a < ４０", "a < ٤٠"])
def test_digits_of_other_scripts_are_not_numbers_in_conditions(text):
    with pytest.raises(ParseFailure) as info:
        parse(text, AT)
    assert info.value.problem.code == "condition.syntax"
    assert "unexpected character" in info.value.problem.message


@pytest.mark.parametrize("scalar", ['!!int "8_5"', '!!int "８５"', '!!float "７.５"', '!!float "1_0.5"'])
def test_explicitly_tagged_yaml_numbers_must_be_written_in_ascii_digits(tmp_path, scalar):
    case = tmp_path / "case.yaml"
    case.write_text(
        f"case: c\nauthority: C\ninspected: 2010-07-13\nrulebook: ucra-2010\nevidence:\n  ia_in_timescale: {scalar}\n"
    )
    with pytest.raises(judgement.InputError) as info:
        judgement.load_case(case)
    (problem,) = info.value.problems
    assert problem.code == "input.bad-value"
    assert "written in digits 0-9" in problem.message
    line = f"  ia_in_timescale: {scalar}"
    assert (problem.location.line, problem.location.column) == (6, line.index('"') + 2)  # inside the quotes


def test_set_values_and_spreadsheet_cells_are_read_as_numbers_only_in_ascii_digits(tmp_path):
    result = CliRunner().invoke(
        main, ["whatif", str(FIXTURES / "staffordshire-2010.yaml"), "--set", "ia_in_timescale=8_5"]
    )
    assert result.exit_code == 2
    assert "ia_in_timescale must be a number, not text '8_5'" in result.stderr
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("authority,inspected,ia_in_timescale\nA,2010-07-13,৪0\n", encoding="utf-8")
    judged = CliRunner().invoke(main, ["judge", str(sheet), "--rulebook", "ucra-2010"])
    assert judged.exit_code == 2
    assert "ia_in_timescale must be a number, not text '৪0'" in judged.stderr


def test_names_are_matched_whole_so_a_trailing_newline_is_refused():
    with pytest.raises(judgement.CaseError) as info:
        judgement.load_case(
            {"case": "c1\n", "authority": "A", "inspected": "2010-07-13", "rulebook": "ucra-2010", "evidence": {}}
        )
    assert [p.code for p in info.value.problems] == ["data.bad-name"]
    with pytest.raises(judgement.CaseError) as info:
        make_case({"ia_in_timescale\n": 50})
    assert info.value.problems[0].code == "case.bad-measure-name"


@pytest.mark.parametrize(
    ("written", "hint"),
    [("1.10", "quote it: version: '1.10'"), ("", None), ("[1, 2]", None), ("'  '", None)],
)
def test_a_rulebook_version_is_text(tmp_path, written, hint):
    root = tmp_path / "rb"
    shutil.copytree(DATA / "mini", root)
    manifest = root / "rulebook.yaml"
    manifest.write_text(manifest.read_text().replace('version: "0.1"', f"version: {written}"))
    with pytest.raises(judgement.RulebookError) as info:
        judgement.load_rulebook(root)
    (problem,) = info.value.problems
    assert problem.code == "data.not-text"
    assert problem.message.startswith("version must be text")
    assert problem.location.line == 3  # the manifest's version line
    if hint:
        assert hint in (problem.hint or "")


def test_json_is_never_written_with_non_finite_numbers():
    assert json_text({"a": 1.5}) == '{\n  "a": 1.5\n}'
    for bad in (float("inf"), float("-inf"), float("nan")):
        with pytest.raises(ValueError, match="JSON compliant"):
            json_text({"a": bad})


def test_judge_output_files_keep_their_permissions(tmp_path):
    target = tmp_path / "report.txt"
    target.write_text("old")
    os.chmod(target, 0o600)
    result = CliRunner().invoke(main, ["judge", str(FIXTURES / "staffordshire-2010.yaml"), "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "Staffordshire County Council" in target.read_text()


def test_judge_never_overwrites_its_own_input(tmp_path):
    case = tmp_path / "case.yaml"
    shutil.copy(FIXTURES / "staffordshire-2010.yaml", case)
    before = case.read_bytes()
    result = CliRunner().invoke(main, ["judge", str(case), "-o", str(case)])
    assert result.exit_code == 2
    assert "is an input of this command" in result.stderr
    assert case.read_bytes() == before


def test_output_to_a_fifo_or_device_is_streamed_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = CliRunner().invoke(
            main, ["judge", str(FIXTURES / "staffordshire-2010.yaml"), "--format", "csv", "-o", str(fifo)]
        )
        assert result.exit_code == 0, result.stderr
        assert stat.S_ISFIFO(fifo.stat().st_mode)  # still a pipe, not a regular file put in its place
        assert os.read(reader, 65536).startswith(b"case,authority,inspected,rulebook")
    finally:
        os.close(reader)
    devnull = CliRunner().invoke(main, ["judge", str(FIXTURES / "staffordshire-2010.yaml"), "-o", os.devnull])
    assert devnull.exit_code == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


# ------------------------------------------------------------------------------------ rulebook folders


def _mini(tmp_path):
    root = tmp_path / "rb"
    shutil.copytree(DATA / "mini", root)
    return root


def test_a_link_out_of_the_rulebook_folder_is_refused_and_never_read(tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("area: x\npassword: hunter2\n")
    root = _mini(tmp_path)
    (root / "areas" / "zz.yaml").symlink_to(secret)
    result = CliRunner().invoke(main, ["check", str(root)])
    assert result.exit_code == 2
    assert "links outside the rulebook folder" in result.stderr
    assert "hunter2" not in result.stderr + result.stdout
    (root / "areas" / "zz.yaml").unlink()
    (root / "areas" / "zz.yaml").symlink_to("/dev/zero")
    with pytest.raises(judgement.InputError) as info:
        judgement.load_rulebook(root)
    assert info.value.problems[0].code == "input.outside-rulebook"
    (root / "areas" / "zz.yaml").unlink()
    elsewhere = tmp_path / "elsewhere"
    (root / "areas").rename(elsewhere)  # the folder of areas itself a link out of the rulebook
    (root / "areas").symlink_to(elsewhere)
    with pytest.raises(judgement.InputError) as info:
        judgement.load_rulebook(root)
    assert info.value.problems[0].code == "input.outside-rulebook"
    assert "links outside the rulebook folder" in info.value.problems[0].message


def test_a_pipe_in_a_rulebook_folder_is_refused_without_blocking(tmp_path):
    root = _mini(tmp_path)
    os.mkfifo(root / "areas" / "zz.yaml")
    with pytest.raises(judgement.InputError) as info:
        judgement.load_rulebook(root)
    (problem,) = info.value.problems
    assert problem.code == "input.not-regular"
    assert "zz.yaml: is not a regular file" in problem.message


def test_the_size_limit_holds_for_the_bytes_actually_read():
    from judgement.read.documents import read_bounded

    with pytest.raises(judgement.InputError) as info:
        read_bounded("/proc/self/maps", 10)  # the system says 0 bytes; there are more
    assert "is more than 10 bytes" in info.value.format()


# --------------------------------------------------------------------------------------------- outputs


def _case_text(authority: str) -> str:
    return (
        f"case: c\nauthority: {authority}\ninspected: 2010-07-13\nrulebook: ucra-2010\n"
        "evidence:\n  ia_in_timescale: 80\n"
    )


@pytest.mark.parametrize("escape", ["\\e]0;pwned\\a", "\\0", "\\r", "\\x9b2J", "\\u202e"])
def test_control_characters_written_as_yaml_escapes_are_refused(tmp_path, escape):
    case = tmp_path / "case.yaml"
    case.write_text(_case_text(f'"Evil {escape} Council"'))
    result = CliRunner().invoke(main, ["judge", str(case)])
    assert result.exit_code == 2
    assert "holds a control character" in result.stderr
    assert "\x1b" not in result.stderr + result.stdout
    assert "\x07" not in result.stderr + result.stdout


@pytest.mark.parametrize("escape", ["\\U00110000", "\\UFFFFFFFF"])
def test_an_escape_past_the_last_unicode_character_is_refused_at_its_place(tmp_path, escape):
    case = tmp_path / "case.yaml"
    case.write_text(_case_text(f'"Council {escape}"'))
    result = CliRunner().invoke(main, ["judge", str(case)])
    assert result.exit_code == 2, result.output
    line = next(n for n, text in enumerate(case.read_text().splitlines(), 1) if escape in text)
    column = case.read_text().splitlines()[line - 1].index(escape) + 3  # at the digits after \U
    assert f"case.yaml:{line}:{column}: YAML syntax error: an escape names no character" in result.stderr
    assert "expected: an escape of a character, at most \\U0010FFFF" in result.stderr
    assert "internal error" not in result.stderr
    with pytest.raises(judgement.InputError) as info:
        judgement.load_case(case)
    assert info.value.problems[0].code == "input.yaml-syntax"


def test_a_value_error_from_outside_the_yaml_scanner_is_not_taken_for_an_escape(monkeypatch):
    """Only PyYAML's scanner meeting an escape past U+10FFFF is reported as that: the same exception from
    anywhere else is a fault of the program, and stays one."""
    from judgement.read import documents

    def broken(_loader: object) -> None:
        raise ValueError("a fault elsewhere")

    monkeypatch.setattr(documents, "_fast_node", lambda _text: None)  # through PyYAML's own parser
    monkeypatch.setattr(documents._Loader, "get_single_node", broken)
    with pytest.raises(ValueError, match="a fault elsewhere"):
        documents.parse_document("case: c\n", "case.yaml")


def test_control_characters_in_data_built_in_python_are_refused():
    with pytest.raises(judgement.CaseError) as info:
        judgement.load_case(
            {"case": "c", "authority": "A\x1b[2J", "inspected": "2010-07-13", "rulebook": "ucra-2010", "evidence": {}}
        )
    assert info.value.problems[0].code == "input.control-character"


def test_surrogate_pairs_are_joined_and_lone_halves_refused(tmp_path):
    paired = tmp_path / "paired.json"
    paired.write_text(
        '{"case": "c", "authority": "Council \\ud83d\\ude00", "inspected": "2010-07-13", "rulebook": "ucra-2010", '
        '"evidence": {"ia_in_timescale": 80}}'
    )
    assert judgement.load_case(paired).authority == "Council \N{GRINNING FACE}"
    result = CliRunner().invoke(main, ["judge", str(paired), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    lone = tmp_path / "lone.json"
    lone.write_text(paired.read_text().replace("\\ude00", ""))
    with pytest.raises(judgement.InputError) as info:
        judgement.load_case(lone)
    assert "a lone surrogate" in info.value.format()
    assert info.value.problems[0].location.line == 1


def test_spreadsheet_cells_cannot_carry_control_characters_or_formulas(tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "authority,inspected,ia_in_timescale\n"
        '"=HYPERLINK(""http://x"",""y"")",2010-07-13,80\n'
        "Bell\x07 Council,2010-07-13,80\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["judge", str(sheet), "--rulebook", "ucra-2010", "--format", "csv"])
    assert result.exit_code == 2
    assert "sheet.csv:3:1: cell holds a control character, U+0007" in result.stderr
    assert "\x07" not in result.stderr + result.stdout
    row, failed = [line for line in result.stdout.splitlines()[1:] if line]
    assert row.split(",")[1].startswith("\"'=HYPERLINK")  # shown as text, never run as a formula
    assert ",,,,ERR,ERR" in failed  # a row that is not a case yet is named by its place: sheet.csv:3:1
    assert "sheet.csv:3:1: cell holds a control character, U+0007" in failed


def test_excerpts_of_long_lines_are_clipped(tmp_path):
    case = tmp_path / "long.yaml"
    case.write_text(_case_text("Council") + "notes: " + "x" * 1_000_000 + " : [\n")
    result = CliRunner().invoke(main, ["judge", str(case)])
    assert result.exit_code == 2
    assert len(result.stderr) < 2_000
    assert "…" in result.stderr


def test_markdown_output_treats_input_as_text(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text(_case_text("'<script>x</script> [link](javascript:alert(1)) *Council*'"))
    result = CliRunner().invoke(main, ["judge", str(case), "--format", "markdown"])
    assert result.exit_code == 0, result.stderr
    assert "<script>" not in result.stdout
    assert "\\<script\\>" in result.stdout
    assert "\\[link\\]" in result.stdout


# ------------------------------------------------------------------------------------------ spreadsheets


def test_rows_after_a_quoted_line_break_or_a_line_separator_keep_their_lines(tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "authority,inspected,ia_in_timescale,notes\n"
        'A,2010-07-13,80,"two\nlines"\n'
        "B,2010-07-13,80,one\u2028line\n"
        "C,2010-07-13,eighty,x\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["judge", str(sheet), "--rulebook", "ucra-2010"])
    assert result.exit_code == 2
    assert "sheet.csv:5:14: ia_in_timescale must be a number, not text 'eighty'" in result.stderr


def test_one_oversized_cell_loses_only_its_own_row(tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        f"authority,inspected,ia_in_timescale,notes\nA,2010-07-13,80,{'x' * 200_000}\nB,2010-07-13,80,fine\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["judge", str(sheet), "--rulebook", "ucra-2010", "--format", "csv"])
    assert result.exit_code == 2
    assert "sheet.csv:2:1: cannot read row: field larger than field limit" in result.stderr
    assert "1 of 2 cases could not be judged (1 judged)" in result.stderr
    assert ",B," in result.stdout


def test_the_row_limit_is_checked_before_any_row_is_judged(tmp_path, monkeypatch):
    from judgement.read import spreadsheet

    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 3)
    judged = []
    real = judgement.Judge.judge
    monkeypatch.setattr(judgement.Judge, "judge", lambda self, case: judged.append(case) or real(self, case))
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("authority,inspected,ia_in_timescale\n" + "A,2010-07-13,80\n" * 4, encoding="utf-8")
    result = CliRunner().invoke(main, ["judge", str(sheet), "--rulebook", "ucra-2010"])
    assert result.exit_code == 2
    assert "more than 3 rows" in result.stderr
    assert judged == []


@pytest.mark.slow
def test_a_huge_flat_list_is_refused_while_it_is_composed(tmp_path, monkeypatch):
    from judgement.read import documents

    flat = tmp_path / "flat.yaml"
    flat.write_text("case: c\nevidence: [" + "1," * 1_000_000 + "1]\n")
    composed = []
    real = documents._Loader.compose_node
    monkeypatch.setattr(documents._Loader, "compose_node", lambda self, *a: composed.append(1) or real(self, *a))
    with pytest.raises(judgement.InputError) as info:
        judgement.load_case(flat)
    assert f"holds more than {documents.MAX_NODES:,} values" in info.value.format()
    assert len(composed) <= documents.MAX_NODES + 2  # not a million nodes built first


def _read_both_ways(monkeypatch, text: str, name: str) -> list[object]:
    """What libyaml's parser and PyYAML's own make of ``text``: the data (as its repr, so that NaN equals
    itself), every position, or the message."""
    from judgement.read import documents

    read: list[object] = []
    for limit in (documents.MAX_NODES, 0):
        monkeypatch.setattr(documents, "_FAST_TEXT", limit)
        try:
            doc = documents.parse_document(text, name)
        except judgement.InputError as error:
            read.append(error.format())
        else:
            read.append((repr(doc.data), doc.positions, doc.key_positions))
    return read


def test_libyaml_is_used_for_short_text_and_the_counting_parser_for_long(monkeypatch):
    from judgement.read import documents

    if documents._CParser is None:
        pytest.skip("PyYAML is built without libyaml here")

    def refuse(*_: object) -> None:
        raise AssertionError("PyYAML's own parser was used")

    monkeypatch.setattr(documents._Loader, "__init__", refuse)
    assert documents.parse_document("a: [1, 2]\n", "x.yaml").data == {"a": [1, 2]}
    with pytest.raises(AssertionError, match="own parser"):
        documents.parse_document("a: [" + "1," * documents._FAST_TEXT + "1]\n", "x.yaml")
    with pytest.raises(AssertionError, match="own parser"):  # refused by libyaml: PyYAML says why
        documents.parse_document("a: [1, 2\n", "x.yaml")
    assert documents.parse_document("a: why?\n", "x.yaml").data == {"a": "why?"}  # no flow collection
    with pytest.raises(AssertionError, match="own parser"):  # a ? in a flow collection: PyYAML reads it
        documents.parse_document("a: [why?]\n", "x.yaml")


@pytest.mark.parametrize("text", ["v: [0?]\n", "v: [0?']\n", "v: {a?: 1}\n"])
def test_a_question_mark_in_a_flow_collection_is_refused_whichever_parser_is_installed(monkeypatch, text):
    """libyaml reads on past a ``?`` in a plain scalar inside ``[...]`` or ``{...}``, where PyYAML's parser
    ends the scalar and refuses the text; judgement refuses it either way, with PyYAML's message."""
    libyaml, pyyaml = _read_both_ways(monkeypatch, text, "q.yaml")
    assert libyaml == pyyaml
    assert isinstance(pyyaml, str)
    assert pyyaml.startswith("q.yaml:1:6: YAML syntax error: expected ',' or")
    assert "but got '?'" in pyyaml


@pytest.mark.slow
def test_every_bundled_file_reads_the_same_through_libyaml_and_pyyaml(monkeypatch):
    root = FIXTURES.parent
    files = sorted(
        path
        for folder in (root / "rules", FIXTURES, DATA)
        for pattern in ("*.yaml", "*.yml", "*.json")
        for path in folder.rglob(pattern)
    )
    assert len(files) > 100
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        libyaml, pyyaml = _read_both_ways(monkeypatch, text, str(path))
        assert libyaml == pyyaml, path


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, width=32),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8),
)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text("abcxyz_ :-#", max_size=4), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_DATA, flow=st.sampled_from([None, True, False]), cut=st.integers(0, 400), drop=st.integers(0, 3))
@example(data={"": None, ":": {"_": None}, "_": {"": {"": None}}}, flow=None, cut=58, drop=3)  # found under load
@example(data=[], flow=True, cut=4, drop=2)  # {v: }: a value written as nothing in a flow mapping
@example(data={":": False, ":_": ["0?"]}, flow=None, cut=23, drop=1)  # [0?']: libyaml reads on past the ?
def test_any_text_reads_the_same_through_libyaml_and_pyyaml(monkeypatch, data, flow, cut, drop):
    import yaml

    text = yaml.safe_dump({"v": data}, default_flow_style=flow, allow_unicode=True, sort_keys=False)
    cut = min(cut, len(text))
    text = text[:cut] + text[cut + drop :]  # valid text, or text spoiled by a few characters taken out
    libyaml, pyyaml = _read_both_ways(monkeypatch, text, "generated.yaml")
    assert _empty_keys_by_line(libyaml) == _empty_keys_by_line(pyyaml), text


@pytest.mark.parametrize(
    ("text", "column"),
    [("{v: }\n", 4), ("{a: 1, v: , b: 2}\n", 10), ("{a: 1, v:    }\n", 10), ("[{v: }]\n", 5), ("v:\n", 3)],
)
def test_a_value_written_as_nothing_is_placed_after_its_colon_by_both_parsers(monkeypatch, text, column):
    libyaml, pyyaml = _read_both_ways(monkeypatch, text, "nothing.yaml")
    assert libyaml == pyyaml
    path = next(p for p in libyaml[1] if p and p[-1] == "v")
    assert (libyaml[1][path].line, libyaml[1][path].column) == (1, column)


def _empty_keys_by_line(read: object) -> object:
    """What a parser made of a text, with a key written as nothing (``{? : null}``) placed by its line
    alone: libyaml puts such a key where the ':' after it is, PyYAML just after the '?', a column apart
    on the same line. Everything else must be the same to the column."""
    if not isinstance(read, tuple):
        return read
    data, positions, keys = read
    return data, positions, {path: (where.line if path and path[-1] == "" else where) for path, where in keys.items()}


# ---------------------------------------------------------------------------------------------- memory

RELOADS = """
    import gc, judgement
    from judgement.engine import durable

    def rss():
        return int(open('/proc/self/statm').read().split()[1]) * 4096 / 2**20

    text = open('tests/data/mini/rulebook.yaml').read()
    measures = open('tests/data/mini/measures.yaml').read()
    areas = [open(f'tests/data/mini/areas/{n}.yaml').read() for n in ('one', 'two', 'three')]
    case = {'case': 'm', 'authority': 'M', 'inspected': '2010-06-01', 'rulebook': 'mini',
            'evidence': {'a': 70, 'b': 60, 'c': 1, 'd': 3}}

    def variant(i):
        import yaml
        data = yaml.safe_load(text) | yaml.safe_load(measures)
        data['areas'] = [yaml.safe_load(a) for a in areas]
        data['areas'][0]['rules'][1]['when'] = f'a >= {80 + i / 1000}'  # a new rulebook every time
        return judgement.load_rulebook(data)

    for i in range(100):
        judgement.judge(variant(i), judgement.load_case(case)).to_json()
    gc.collect()
    start = rss()
    for i in range(100, 1100):
        judgement.judge(variant(i), judgement.load_case(case)).to_json()
    gc.collect()
    print(round(rss() - start, 1), durable.rulesets(), durable.live_sessions())
"""


@pytest.mark.slow
def test_reloading_rulebooks_keeps_memory_flat():
    import subprocess
    import sys
    import textwrap

    from tests.conftest import ROOT

    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(RELOADS)], capture_output=True, text=True, cwd=ROOT, check=False,
        timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    growth, rulesets, live = done.stdout.split()
    assert float(growth) < 8, f"RSS grew {growth} MiB over 1,000 reloads"  # about 0.8 MiB a reload before
    assert int(rulesets) <= 16  # the judges kept, and nothing else
    assert int(live) == 0


# ---------------------------------------------------------------------------------- finding rulebooks


def test_two_rulebooks_with_one_id_in_force_on_one_date_are_an_error(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(DATA / "mini", rules / "a-mini")
    shutil.copytree(DATA / "mini", rules / "b-mini")
    with pytest.raises(judgement.ResolutionError) as info:
        judgement.find_rulebook("mini", __import__("datetime").date(2010, 6, 1), [rules])
    (problem,) = info.value.problems
    assert problem.code == "resolve.ambiguous"
    assert "a-mini" in (problem.hint or "")
    assert "b-mini" in (problem.hint or "")


def test_a_broken_rulebook_elsewhere_does_not_stop_other_cases(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(DATA / "mini", rules / "mini")
    (rules / "broken").mkdir()
    (rules / "broken" / "rulebook.yaml").write_text("id: [unclosed\n")
    rulebook = judgement.find_rulebook("mini", __import__("datetime").date(2010, 6, 1), [rules])
    assert rulebook.id == "mini"
    with pytest.raises(judgement.ResolutionError) as info:
        judgement.find_rulebook("nope", __import__("datetime").date(2010, 6, 1), [rules])
    assert "unreadable manifests in" in (info.value.problems[0].hint or "")


def test_a_missing_rules_folder_is_an_error_not_ignored(tmp_path):
    result = CliRunner().invoke(
        main, ["judge", str(FIXTURES / "staffordshire-2010.yaml"), "--rules", str(tmp_path / "typo")]
    )
    assert result.exit_code == 2
    assert "typo: no such rulebook folder" in result.stderr


# --------------------------------------------------------------------------------------------- locations


@pytest.mark.parametrize("style", ["|", ">"])
def test_an_error_inside_a_block_condition_points_at_its_own_line(tmp_path, style):
    root = _mini(tmp_path)
    (root / "areas" / "one.yaml").write_text(
        "area: one\ntitle: Area one\nrequires: [a]\nrules:\n"
        f"  - id: one.bad\n    grade: area_for_development\n    when: {style}\n      a < 50 or\n      b < nosuch\n"
        "    because: low\n  - id: one.met\n    grade: satisfactory\n    default: true\n    because: ok\n"
    )
    with pytest.raises(judgement.RulebookError) as info:
        judgement.load_rulebook(root)
    (problem,) = info.value.problems
    assert (problem.location.line, problem.location.column) == (9, 11)
    assert problem.location.excerpt() == ["          b < nosuch", "              ^^^^^^"]


def test_engine_limits_and_hash_collisions_are_located(tmp_path):
    root = _mini(tmp_path)
    many = " and ".join(f"(a > {i} or b > {i})" for i in range(15))
    (root / "areas" / "one.yaml").write_text(
        "area: one\ntitle: Area one\nrequires: [a]\nrules:\n"
        f"  - id: one.bad\n    grade: area_for_development\n    when: {many}\n    because: low\n"
        "  - id: one.met\n    grade: satisfactory\n    default: true\n    because: ok\n"
    )
    with pytest.raises(judgement.RulebookError) as info:
        judgement.Judge(judgement.load_rulebook(root))
    (problem,) = info.value.problems
    assert problem.code == "rulebook.too-many-groups"
    assert str(problem.location).endswith("areas/one.yaml:5:9")  # the rule id


def test_a_ruleset_the_engine_refuses_is_reported_at_the_rule(monkeypatch, tmp_path):
    from judgement.engine import durable

    real = durable._core.create_ruleset

    def refuse_r1(name: str, definition: str) -> int:
        if '"r1":' in definition:
            raise Exception("Could not create ruleset, error code: 113")  # the core raises plain Exception
        return real(name, definition)

    root = _mini(tmp_path)
    one = root / "areas" / "one.yaml"
    one.write_text(one.read_text().replace("a >= 90", "a >= 90.4321"))  # rulesets no test has registered
    rulebook = judgement.load_rulebook(root)
    monkeypatch.setattr(durable._core, "create_ruleset", refuse_r1)
    with pytest.raises(judgement.EngineError) as info:
        judgement.Judge(rulebook)
    (problem,) = info.value.problems
    assert problem.message == "the engine refused rule one.good: Could not create ruleset, error code: 113"
    assert str(problem.location).endswith("rb/areas/one.yaml:10:9")


def test_too_many_values_for_one_engine_fact_is_located():
    measures = {f"m{i}": {"title": f"M{i}", "unit": "percent", "better": "higher"} for i in range(125)}
    conditions = [" and ".join(f"m{i} > m{i}.england" for i in range(k, k + 25)) for k in range(0, 125, 25)]
    rulebook = judgement.load_rulebook(
        {
            "id": "wide",
            "title": "Wide",
            "version": "1",
            "effective_from": "2010-01-01",
            "grades": ["priority_action", "area_for_development", "satisfactory", "strength"],
            "measures": measures,
            "areas": [
                {
                    "area": "one",
                    "title": "One",
                    "rules": [
                        *(
                            {"id": f"one.x{n}", "grade": "strength", "when": c, "because": "x"}
                            for n, c in enumerate(conditions)
                        ),
                        {"id": "one.met", "grade": "satisfactory", "default": True, "because": "ok"},
                    ],
                }
            ],
        }
    )
    with pytest.raises(judgement.RulebookError) as info:
        judgement.Judge(rulebook)
    (problem,) = info.value.problems
    assert problem.code == "rulebook.too-many-values"
    assert str(problem.location) == "<dict>:$.areas[0].rules[4].id"  # the rule that reads the 241st value


def test_output_to_dev_stdout_into_a_pipe_works():
    import subprocess
    import sys

    from tests.conftest import ROOT

    case = str(FIXTURES / "staffordshire-2010.yaml")
    done = subprocess.run(
        [sys.executable, "-m", "judgement", "judge", case, "--format", "csv", "-o", "/dev/stdout"],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("case,authority,inspected,rulebook")


@pytest.mark.parametrize("field", ["authority"])
@pytest.mark.parametrize("written", ["", "   "])
def test_blank_text_is_called_blank(field, written):
    """Blank text where text is needed is said to be blank, at its key."""
    data = {"case": "c", "authority": "A", "inspected": "2010-05-01", "rulebook": "ucra-2010", "evidence": {}}
    data[field] = written
    with pytest.raises(judgement.CaseError) as info:
        judgement.load_case(data)
    (problem,) = info.value.problems
    assert problem.code == "data.not-text"
    assert problem.message == f"{field} is blank"
    assert problem.expected == "text that is not blank"
    assert problem.location is not None
    assert problem.location.path.endswith(field)


def _places(node: object, base: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every place in a document's data, as the keys and indices leading to it (the whole document first)."""
    found = [base]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _places(value, (*base, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _places(value, (*base, index))
    return found


def _put(node: object, place: tuple[object, ...], new: object) -> object:
    if not place:
        return new
    node[place[0]] = _put(node[place[0]], place[1:], new)  # type: ignore[index]
    return node


_RULEBOOK_WORDS = st.sampled_from(
    ["and", "or", "strength", "good", "inadequate", "percent", "count", "higher", "worst", "x > 1", "grade(a) >= good"]
)
_RULEBOOK_VALUES = st.recursive(
    st.one_of(_SCALARS, st.dates(), _RULEBOOK_WORDS),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("book", "case"),
    [("ucra-2010", FIXTURES / "staffordshire-2010.yaml"), ("ilacs-2018", None)],
)
def test_a_rulebook_file_with_any_part_replaced_is_read_or_refused_never_failing_inside(
    tmp_path, monkeypatch, book, case
):
    """Any value of a shipped rulebook's files (a manifest, its measures, an area, down to one grade id or
    rule) replaced by other data, once or twice: the rulebook is read, or refused with the library's
    errors; never an internal error. Judging a case by a rulebook that is read fails no other way."""
    import yaml

    source = ROOT / "rules" / book
    files = sorted(p.relative_to(source) for p in source.rglob("*.yaml"))
    documents = {f: yaml.safe_load((source / f).read_text(encoding="utf-8")) for f in files}
    judged = judgement.load_case(case) if case else None
    root = tmp_path / "book"

    @settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(which=st.sampled_from(files), data=st.data())
    def replaced(which, data):
        import copy

        document = copy.deepcopy(documents[which])
        for _ in range(data.draw(st.integers(1, 2), label="replacements")):
            place = data.draw(st.sampled_from(_places(document)), label="place")
            document = _put(document, place, data.draw(_RULEBOOK_VALUES, label="new"))
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(source, root)
        (root / which).write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
        refused: judgement.JudgementError | None = None
        try:
            rulebook = judgement.load_rulebook(root)
        except judgement.JudgementError as error:
            refused = error
        if refused is not None:
            assert refused.problems
            assert all(p.code for p in refused.problems)
            return
        if judged is not None:
            try:
                for area in judgement.Judge(rulebook).judge(judged):
                    area.trace.to_dict()
            except judgement.JudgementError:
                pass

    monkeypatch.setenv("JUDGEMENT_CACHE", "off")  # every rulebook read afresh, not from the session's cache
    replaced()
