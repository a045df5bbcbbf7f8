"""Nothing the user gave is lost or replaced: ``-o`` never writes over an input of any kind, and a copy of
the statistics is never built into the installed package or over the files it is built from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from judgement.cli import main
from judgement.data.statistics import SHIPPED

ROOT = Path(__file__).resolve().parents[1]
STAFFS = ROOT / "fixtures" / "ucra-2010" / "staffordshire-2010.yaml"
C1 = "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "rules" / "ucra-2010", tmp_path / "rb")
    shutil.copy(STAFFS, tmp_path / "case.yaml")
    shutil.copytree(SHIPPED, tmp_path / "stats")
    return tmp_path


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "target", "message"),
    [
        (["judge", "case.yaml", "--rules", "rb"], "rb/areas/07-supervision.yaml", "is an input of this command"),
        (["judge", "case.yaml", "--rules", "rb"], "rb/measures.yaml", "is an input of this command"),
        (["judge", "case.yaml"], "rb/areas/new.yaml", "is inside a rulebook folder"),
        (["judge", "case.yaml"], "case.yaml", "is an input of this command"),
        (
            ["judge", "--authority", "Hull", "--year", "2024", "--data", "stats"],
            f"stats/{C1}",
            "is an input of this command",
        ),
        (["backtest", "--data", "stats"], "stats/ofsted_ilacs_inspection_history.csv", "is an input of this command"),
    ],
)
def test_output_never_replaces_an_input(workspace, args, target, message):
    before = (workspace / target).read_bytes() if (workspace / target).exists() else None
    done = CliRunner().invoke(main, [*args, "-o", target])
    assert done.exit_code == 2, done.output
    assert f"{target}: {message}" in done.output
    after = (workspace / target).read_bytes() if (workspace / target).exists() else None
    assert after == before


@pytest.mark.usefixtures("workspace")
def test_an_earlier_report_may_be_written_again():
    runner = CliRunner()
    assert runner.invoke(main, ["judge", "case.yaml", "-o", "report.txt"]).exit_code == 0
    again = runner.invoke(main, ["judge", "case.yaml", "-o", "report.txt"])
    assert again.exit_code == 0, again.output


def test_data_build_needs_a_folder_of_its_own(workspace):
    runner = CliRunner()
    source = str(ROOT.parent / "shared" / "data" / "dfe-childrens-social-care")
    missing = runner.invoke(main, ["data", "build", source])
    assert missing.exit_code == 2
    assert "Missing option '-o'" in missing.output
    shutil.copytree(source, workspace / "download")
    onto = runner.invoke(main, ["data", "build", "download", "-o", "download"])
    assert onto.exit_code == 2
    assert "download is a folder the copy is built from" in onto.output
    (workspace / "a-file").write_text("x", encoding="utf-8")
    blocked = runner.invoke(main, ["data", "build", "download", "-o", "a-file"])
    assert blocked.exit_code == 2
    assert "a-file: cannot write the copy" in blocked.output
    assert (workspace / "a-file").read_text(encoding="utf-8") == "x"


def test_a_number_is_read_as_written_or_refused_where_it_is(workspace):
    runner = CliRunner()
    (workspace / "n.yaml").write_text(
        "case: n\nauthority: N\ninspected: 2010-07-13\nrulebook: ucra-2010\n"
        "evidence:\n  ia_in_timescale: {value: 70.000000000000001}\n",
        encoding="utf-8",
    )
    done = runner.invoke(main, ["judge", "n.yaml"])
    assert done.exit_code == 2
    assert "n.yaml:6:28: cannot read value: 70.000000000000001 cannot be held exactly (it would be read as 70.0)" in (
        done.stderr
    )
    tiny = runner.invoke(main, ["whatif", "case.yaml", "--set", "ia_in_timescale=1e-400"])
    assert tiny.exit_code == 2
    assert "1e-400 cannot be held exactly (it would be read as 0.0)" in tiny.stderr
    (workspace / "n.csv").write_text("authority,inspected,ia_in_timescale\nA,2010-07-13,70.000000000000001\n")
    sheet = runner.invoke(main, ["judge", "n.csv", "--rulebook", "ucra-2010"])
    assert sheet.exit_code == 2
    assert "n.csv:2:14: ia_in_timescale: 70.000000000000001 cannot be held exactly" in sheet.stderr
    assert runner.invoke(main, ["whatif", "case.yaml", "--set", "ia_in_timescale=78.4"]).exit_code == 0


def _repo(tmp_path: Path) -> tuple[Path, object]:
    import subprocess

    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "rules" / "ucra-2010", repo / "rb")

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
            cwd=repo,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    return repo, git


def test_diff_reads_a_revision_as_git_has_it(tmp_path):
    """An area file whose name is not ASCII is read (git quotes such names unless asked for -z), so a rulebook
    diffs as unchanged against its own commit."""
    from judgement.analysis.diff import load_rulebook_ref

    repo, git = _repo(tmp_path)
    (repo / "rb" / "areas" / "07-supervision.yaml").rename(repo / "rb" / "areas" / "07-supervisión.yaml")
    git("add", ".")
    git("commit", "-q", "-m", "rules")
    import judgement

    assert load_rulebook_ref("HEAD:rb", cwd=repo).digest == judgement.load_rulebook(repo / "rb").digest


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("HEAD:../rb", "a path inside the repository has no '..'"),
        ("HEAD:rb/../../x", "a path inside the repository has no '..'"),
        ("--output=OUT:rb", "git could not read it"),
    ],
)
def test_a_revision_path_cannot_climb_out_or_pass_options(tmp_path, spec, message):
    from judgement.analysis.diff import load_rulebook_ref
    from judgement.errors import InputError

    repo, git = _repo(tmp_path)
    git("add", ".")
    git("commit", "-q", "-m", "rules")
    out = tmp_path / "written-by-git"
    with pytest.raises(InputError) as caught:
        load_rulebook_ref(spec.replace("OUT", str(out)), cwd=repo)
    assert message in caught.value.problems[0].message
    assert not out.exists()  # the revision was never read as an option


def test_a_revision_s_blobs_are_bounded_and_decoded_with_a_located_error(tmp_path):
    from judgement.analysis.diff import load_rulebook_ref
    from judgement.errors import InputError

    repo, git = _repo(tmp_path)
    (repo / "rb" / "areas" / "99-big.yaml").write_bytes(b"# " + b"x" * (3 * 1024 * 1024) + b"\n")
    git("add", ".")
    git("commit", "-q", "-m", "big")
    with pytest.raises(InputError, match=r"99-big\.yaml: is 3,145,731 bytes at that revision"):
        load_rulebook_ref("HEAD:rb", cwd=repo)
    (repo / "rb" / "areas" / "99-big.yaml").write_bytes(b"area: x\ntitle: caf\xe9\n")
    git("add", ".")
    git("commit", "-q", "-m", "latin-1")
    with pytest.raises(InputError, match=r"HEAD:rb/areas/99-big\.yaml: is not UTF-8 text at that revision \(byte 19"):
        load_rulebook_ref("HEAD:rb", cwd=repo)


def test_the_older_corpus_s_last_findings(workspace):
    runner = CliRunner()
    # mostly UTF-8 with one bad byte: refused at that byte, never read as Windows-1252 (every £ as Â£)
    (workspace / "u.csv").write_bytes(
        b"authority,inspected,ia_in_timescale,notes\nA,2010-07-13,80,\xc2\xa3100\nB,2010-07-13,81,\xa3 bad\n"
    )
    mixed = runner.invoke(main, ["judge", "u.csv", "--rulebook", "ucra-2010"])
    assert mixed.exit_code == 2
    assert "u.csv:3:17: byte 81 (0xA3) is not UTF-8, though the rest of the file is" in mixed.stderr
    # a council whose name begins with a digit; two names that make one case id
    (workspace / "n.csv").write_text(
        "authority,inspected,ia_in_timescale\n3 Rivers District Council,2010-07-13,80\n"
        "St. Helens,2010-07-13,80\nSt Helens,2010-07-13,81\n"
    )
    grid = runner.invoke(main, ["judge", "n.csv", "--rulebook", "ucra-2010", "--format", "csv"])
    assert grid.exit_code == 0, grid.stderr
    ids = [line.split(",")[0] for line in grid.stdout.splitlines()[1:]]
    assert ids == ["case-3-rivers-district-council-2010-07-13", "st-helens-2010-07-13", "st-helens-2010-07-13-2"]
    # an error in a cell after a quoted line break, at its physical line and column
    (workspace / "q.csv").write_text('authority,inspected,notes,ia_in_timescale\nA,2010-07-13,"two\nlines",abc\n')
    quoted = runner.invoke(main, ["judge", "q.csv", "--rulebook", "ucra-2010"])
    assert "q.csv:3:8: ia_in_timescale must be a number, not text 'abc'" in quoted.stderr
    # a year DfE has not published
    future = runner.invoke(main, ["judge", "--authority", "Staffordshire", "--year", "2026"])
    assert future.exit_code == 2
    assert "DfE has not published children in need figures for 2026" in future.stderr
    # the hint for version: 1.10 quotes what was written
    manifest = workspace / "rb" / "rulebook.yaml"
    manifest.write_text(manifest.read_text().replace('version: "2.0.0"', "version: 1.10"))
    version = runner.invoke(main, ["check", "rb"])
    assert "hint: quote it: version: '1.10'" in version.stderr


def test_an_error_in_a_condition_over_several_lines_is_at_its_own_column(workspace):
    area = workspace / "rb" / "areas" / "07-supervision.yaml"
    text = area.read_text()
    start = text.index("    when: at_risk_supervision >= 1")
    end = text.index("\n", start)
    area.write_text(
        text[:start] + "    when:\n      at_risk_supervision >= 1 and\n      no_such_measure > 3" + text[end:]
    )
    done = CliRunner().invoke(main, ["check", "rb"])
    assert done.exit_code == 2
    line = text[:start].count("\n") + 3
    assert f"07-supervision.yaml:{line}:7: unknown measure 'no_such_measure'" in done.stderr


def test_markdown_escapes_html_from_rulebook_text(workspace):
    manifest = workspace / "rb" / "rulebook.yaml"
    manifest.write_text(manifest.read_text().replace("heading: Strengths", "heading: <img src=x onerror=alert(1)>"))
    done = CliRunner().invoke(main, ["judge", "case.yaml", "--rules", "rb", "--format", "markdown"])
    assert done.exit_code == 0, done.stderr
    assert "<img" not in done.stdout.replace("\\<img", "")  # only ever escaped
    assert "\\<img src=x onerror=alert(1)\\>" in done.stdout


def test_a_tampered_statistics_file_is_refused_at_its_file_and_line(workspace):
    release = workspace / "stats" / "csww_indicators_2017_to_2025.csv"
    lines = release.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("2023,") and "E10000028" in line)
    lines[at] = ",".join([*lines[at].split(",")[:-1], "1e400"])
    release.write_text("\n".join(lines), encoding="utf-8")
    done = CliRunner().invoke(main, ["judge", "--authority", "Staffordshire", "--year", "2024", "--data", "stats"])
    assert done.exit_code == 2
    assert f"csww_indicators_2017_to_2025.csv:{at + 1}:1: caseload_fte: 1e400 is not a finite number" in done.stderr


def test_two_copies_of_a_rulebook_are_ambiguous_wherever_they_are_found(workspace):
    shutil.copytree(workspace / "rb", workspace / "other" / "rb")
    runner = CliRunner()
    both = runner.invoke(main, ["judge", "case.yaml", "--rules", "rb", "--rules", "other"])
    assert both.exit_code == 2
    assert "2 rulebooks 'ucra-2010' are in force on 2010-07-13 in rb, other" in both.stderr
    assert runner.invoke(main, ["judge", "case.yaml", "--rules", "rb"]).exit_code == 0  # in place of the shipped
    assert runner.invoke(main, ["judge", "case.yaml", "--rules", "rb", "--rules", "rb"]).exit_code == 0
