"""The public API: small, pinned, typed, and what a Python developer expects of it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest

import judgement
from judgement.judging.judge import MAX_CACHED_JUDGES, judge_for
from tests.conftest import FIXTURES, ROOT, RULES, assert_type_checks

np = pytest.importorskip("numpy")


def test_public_names_are_pinned():
    assert sorted(judgement.__all__) == [
        "Area",
        "AreaChances",
        "AreaChange",
        "AreaJudgement",
        "AreaShift",
        "AreaStatus",
        "AreaTrace",
        "Case",
        "CaseError",
        "Counterfactual",
        "DiffReport",
        "EngineError",
        "Evidence",
        "Explanation",
        "Grade",
        "InputError",
        "Judge",
        "Judgement",
        "JudgementError",
        "Location",
        "Measure",
        "NOT_JUDGED",
        "Policy",
        "Problem",
        "ResolutionError",
        "Rule",
        "RuleOutcome",
        "Rulebook",
        "RulebookError",
        "Scale",
        "Simulation",
        "Unit",
        "UsageError",
        "ValidationError",
        "__version__",
        "case_from_values",
        "check_case",
        "clear_caches",
        "data",
        "diff",
        "explain",
        "find_rulebook",
        "judge",
        "load_case",
        "load_rulebook",
        "render",
        "results_to_frame",
        "rulebook_for",
        "rulebook_search_path",
        "simulate",
        "whatif",
    ]
    for name in judgement.__all__:
        assert getattr(judgement, name) is not None
    assert sorted(dir(judgement)) == sorted(judgement.__all__)


def test_what_type_checkers_see_is_what_import_exposes():
    """The names imported for type checkers (each re-exported as itself) are the public names, each from
    the module the lazy table names: a name added to one and not the other fails here."""
    import ast
    import importlib

    tree = ast.parse((ROOT / "src" / "judgement" / "__init__.py").read_text())
    guarded = next(n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING")
    declared = {}
    for node in guarded.body:
        assert isinstance(node, ast.ImportFrom)
        for alias in node.names:
            assert alias.asname == alias.name, f"{alias.name} is not re-exported as itself"
            declared[alias.name] = node.module if node.module != "judgement" else f"judgement.{alias.name}"
    lazy = dict(judgement._LAZY)
    assert declared == lazy
    for name, module in lazy.items():
        found = importlib.import_module(module)
        assert getattr(judgement, name) is (found if module == f"judgement.{name}" else getattr(found, name))


def test_every_error_is_a_judgement_error_and_bad_input_a_value_error():
    names = ("CaseError", "InputError", "ResolutionError", "RulebookError", "UsageError", "ValidationError")
    for name in names:
        cls = getattr(judgement, name)
        assert issubclass(cls, judgement.JudgementError)
        assert issubclass(cls, ValueError)
        assert not issubclass(cls, RuntimeError)
    # the engine failing is an internal failure, never the input's fault
    assert issubclass(judgement.EngineError, judgement.JudgementError)
    assert issubclass(judgement.EngineError, RuntimeError)
    assert not issubclass(judgement.EngineError, ValueError)


def test_version_is_defined_once_and_matches_the_installed_metadata():
    from importlib.metadata import version

    assert judgement.__version__ == version("judgement")
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in pyproject
    assert judgement.__version__ not in pyproject


# -------------------------------------------------------------------------------------------- loading


def _data(evidence: dict[str, object], **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "case": "api",
        "authority": "API Council",
        "inspected": "2010-07-13",
        "rulebook": "ucra-2010",
        "evidence": evidence,
    }
    data.update(extra)
    return data


def test_load_rulebook_from_a_folder_a_string_or_a_dict(ucra):
    text = (
        "id: tiny\ntitle: Tiny\nversion: '1'\neffective_from: 2010-01-01\n"
        "grades: [priority_action, area_for_development, satisfactory, strength]\n"
        "measures:\n  a: {title: A, unit: percent, better: higher}\n"
        "areas:\n  - area: one\n    title: One\n    requires: [a]\n    rules:\n"
        "      - {id: one.good, grade: strength, when: a >= 90, because: 'good {a}'}\n"
        "      - {id: one.met, grade: satisfactory, default: true, because: 'ok {a}'}\n"
    )
    from_text = judgement.load_rulebook(text)
    import yaml

    from_dict = judgement.load_rulebook(yaml.safe_load(text))
    assert [a.id for a in from_text.areas] == [a.id for a in from_dict.areas] == ["one"]
    case = judgement.load_case(
        {"case": "t", "authority": "T", "inspected": "2010-05-01", "rulebook": "tiny", "evidence": {"a": 95}}
    )
    assert judgement.judge(from_text, case).areas["one"].grade.id == "strength"
    assert judgement.judge(from_dict, case).areas["one"].grade.id == "strength"
    assert judgement.load_rulebook(str(RULES)) == ucra  # a folder named by text


def test_rulebook_text_errors_are_located_in_the_text_and_dict_errors_by_path():
    with pytest.raises(judgement.RulebookError) as info:
        judgement.load_rulebook("id: tiny\ntitle: Tiny\nversion: '1'\neffective_from: 2010-01-01\nareas: 7\n")
    codes = {p.code for p in info.value.problems}
    assert "data.not-list" in codes
    assert "<string>:5:8: areas must be a list of areas" in info.value.format()
    with pytest.raises(judgement.RulebookError) as info:
        judgement.load_rulebook({"id": "tiny", "title": "T", "version": "1", "grades": ["strength"], "areas": []})
    assert "<dict>:$: the rulebook manifest is missing 'effective_from'" in info.value.format()


def test_case_from_text_and_errors_by_data_path(ucra):
    case = judgement.load_case(
        "case: t\nauthority: T\ninspected: 2010-07-13\nrulebook: ucra-2010\nevidence: {ia_in_timescale: 70}\n"
    )
    assert case.evidence["ia_in_timescale"].value == 70
    with pytest.raises(judgement.CaseError) as info:
        judgement.load_case(_data({"ia_in_timescale": "70 %"}))
    (problem,) = info.value.problems
    assert problem.code == "case.bad-value"
    # a word could be a level of an ordinal measure: it is refused once the rulebook says this one is not
    worded = judgement.load_case(_data({"ia_in_timescale": "seventy"}))
    with pytest.raises(judgement.CaseError) as info:
        judgement.judge(ucra, worded)
    (problem,) = info.value.problems
    assert problem.message == "ia_in_timescale must be a number, not text 'seventy'"
    assert problem.code == "case.bad-value"
    assert problem.location is not None
    assert (problem.location.file, problem.location.line, problem.location.path) == (
        "<dict>",
        0,
        "$.evidence.ia_in_timescale",
    )


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        (np.float64(78.4), 78.4),
        (np.int64(81), 81),
        (np.float32(0.5), 0.5),
        (Decimal("78.4"), 78.4),
        (Decimal("81"), 81),
        (Fraction(157, 2), 78.5),
        (Fraction(80, 1), 80),
    ],
)
def test_any_real_number_is_accepted_and_converted_once(given, kept, ucra):
    case = judgement.load_case(_data({"ia_in_timescale": {"value": given, "england": given}}))
    item = case.evidence["ia_in_timescale"]
    assert item.value == kept
    assert type(item.value) is type(kept)
    assert type(item.england) is type(kept)
    assert judgement.judge(ucra, case).areas["assessments"].grade.id == "not_judged"


def test_numpy_flags_and_sample_sizes_work(ucra):
    case = judgement.load_case(
        _data({"backup_systems_in_use": np.bool_(True), "ia_in_timescale": {"value": 80, "n": np.int64(30)}})
    )
    assert case.evidence["backup_systems_in_use"].value is True
    assert type(case.evidence["ia_in_timescale"].n) is int
    judgement.judge(ucra, case)


def test_evidence_built_in_python_converts_numbers_too(ucra, staffordshire):
    evidence = dict(staffordshire.evidence)
    evidence["ia_in_timescale"] = judgement.Evidence("ia_in_timescale", np.float64(55.0))
    case = attrs.evolve(staffordshire, evidence=evidence)
    assert type(case.evidence["ia_in_timescale"].value) is float
    assert judgement.judge(ucra, case).areas["assessments"].grade.id == "area_for_development"


def test_evidence_built_in_python_is_checked_before_judging(ucra, staffordshire):
    evidence = dict(staffordshire.evidence)
    evidence["ia_in_timescale"] = judgement.Evidence("ia_in_timescale", "55")
    with pytest.raises(judgement.CaseError, match="ia_in_timescale must be a number, not text '55'"):
        judgement.judge(ucra, attrs.evolve(staffordshire, evidence=evidence))


# --------------------------------------------------------------------------------- the case's identity


def test_a_case_for_another_rulebook_is_refused(ucra, staffordshire):
    with pytest.raises(judgement.CaseError) as info:
        judgement.judge(ucra, attrs.evolve(staffordshire, rulebook="ilacs-2018"))
    (problem,) = info.value.problems
    assert problem.code == "case.wrong-rulebook"
    assert "case staffordshire-2010 is for rulebook 'ilacs-2018', not 'ucra-2010'" in problem.message
    assert str(problem.location) == f"{FIXTURES.relative_to(ROOT) / 'staffordshire-2010.yaml'}:8:11"


def test_a_case_outside_the_rulebooks_dates_is_refused(ucra, staffordshire):
    with pytest.raises(judgement.CaseError) as info:
        judgement.judge(ucra, attrs.evolve(staffordshire, inspected=dt.date(2015, 3, 1)))
    (problem,) = info.value.problems
    assert problem.code == "case.out-of-dates"
    assert "inspected on 2015-03-01, outside the dates of rulebook ucra-2010" in problem.message


def test_unknown_area_names_raise_the_librarys_error_with_a_hint(ucra, staffordshire):
    result = judgement.judge(ucra, staffordshire)
    with pytest.raises(judgement.UsageError) as info:
        judgement.explain(result, "asessments")
    assert info.value.problems[0].code == "usage.unknown-name"
    assert "unknown area 'asessments' in rulebook ucra-2010" in info.value.format()
    assert "did you mean 'assessments'?" in info.value.format()
    with pytest.raises(judgement.UsageError):
        ucra.area("nope")


# --------------------------------------------------------------------------------------- immutability


def test_values_are_deeply_immutable_and_hashable(ucra, staffordshire):
    result = judgement.judge(ucra, staffordshire)
    for value in (ucra, staffordshire, result, result.areas["assessments"], result.areas["assessments"].trace):
        hash(value)
    with pytest.raises(TypeError):
        staffordshire.evidence["ia_in_timescale"] = None  # type: ignore[index]
    with pytest.raises(TypeError):
        ucra.measures["x"] = None  # type: ignore[index]
    with pytest.raises(TypeError):
        result.areas["x"] = None  # type: ignore[index]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.areas["assessments"].grade = "strength"  # type: ignore[misc]
    step = result.areas["assessments"].trace.rules[0]
    with pytest.raises(TypeError):
        step.values["x"] = 1  # type: ignore[index]


def test_equal_inputs_give_equal_judgements(ucra, staffordshire):
    again = judgement.load_case(FIXTURES / "staffordshire-2010.yaml")
    first, second = judgement.judge(ucra, staffordshire), judgement.judge(ucra, again)
    assert first == second
    assert hash(first) == hash(second)
    assert len({first, second}) == 1


def test_the_judge_owns_prepared_state_and_judges_are_bounded(ucra, staffordshire):
    judge = judgement.Judge(ucra)
    assert judge.judge(staffordshire) == judgement.judge(ucra, staffordshire)
    books = [attrs.evolve(ucra, version=f"v{i}") for i in range(MAX_CACHED_JUDGES + 5)]
    judges = [judge_for(book) for book in books]  # held, so no id is reused
    assert len({id(j) for j in judges}) == len(books)
    for book, kept in zip(books[-MAX_CACHED_JUDGES:], judges[-MAX_CACHED_JUDGES:], strict=True):
        assert judge_for(book) is kept  # the most recent are kept
    assert judge_for(books[0]) is not judges[0]  # the oldest were let go
    # the same files loaded again share one judge: no growth per load
    reloaded = [judgement.load_rulebook(RULES) for _ in range(3)]
    assert len({id(judge_for(book)) for book in reloaded}) == 1


# ---------------------------------------------------------------------------------------------- typing


USER_SCRIPT = """
    from __future__ import annotations

    import numpy as np

    import judgement


    def judged(path: str) -> list[tuple[str, str]]:
        rulebook: judgement.Rulebook = judgement.load_rulebook(path)
        case: judgement.Case = judgement.load_case(
            {
                "case": "typed",
                "authority": "Typed Council",
                "inspected": "2010-07-13",
                "rulebook": rulebook.id,
                "evidence": {"ia_in_timescale": np.float64(78.4), "unallocated_cases": np.int64(3)},
            }
        )
        result: judgement.Judgement = judgement.judge(rulebook, case)
        explanation: judgement.Explanation = judgement.explain(result, "assessments")
        grade: judgement.Grade = result.areas["assessments"].grade
        return [(explanation.area, grade.label)]
"""


@pytest.mark.slow
def test_a_user_script_type_checks_strictly_against_the_package(tmp_path):
    assert_type_checks(tmp_path, USER_SCRIPT)


def test_the_package_is_marked_typed():
    from importlib.resources import files

    assert files("judgement").joinpath("py.typed").is_file()


def test_a_grade_equals_only_a_grade(ucra):
    satisfactory = ucra.scale("ucra").get("satisfactory")
    assert satisfactory is not None
    assert satisfactory != "satisfactory"
    assert "satisfactory" != satisfactory  # noqa: SIM300 - the other side of the comparison is the point
    assert satisfactory.id == "satisfactory"
    assert len({satisfactory, "satisfactory"}) == len({"satisfactory", satisfactory}) == 2
    assert satisfactory == ucra.scale("ucra").get("satisfactory")


def test_a_problem_carries_the_values_behind_its_message(ucra, staffordshire):
    with pytest.raises(judgement.UsageError) as unknown:
        ucra.area("assesments")
    problem = unknown.value.problems[0]
    assert problem.ctx["kind"] == "area"
    assert problem.ctx["name"] == "assesments"
    assert "assessments" in problem.ctx["choices"]
    assert problem.to_dict()["ctx"] == dict(problem.ctx)
    bad = attrs.evolve(
        staffordshire,
        evidence={
            **staffordshire.evidence,
            "ia_in_timescale": attrs.evolve(staffordshire.evidence["ia_in_timescale"], value=140.0),
        },
    )
    with pytest.raises(judgement.CaseError) as out_of_range:
        judgement.check_case(ucra, bad)
    found = next(p for p in out_of_range.value.problems if p.code == "case.out-of-range")
    assert dict(found.ctx) == {
        "measure": "ia_in_timescale",
        "attribute": None,
        "value": 140.0,
        "minimum": 0.0,
        "maximum": 100.0,
        "unit": "percent",
    }
    plain = judgement.Problem("x", code="usage.bad-argument")
    assert "ctx" not in plain.to_dict()
    assert plain == judgement.Problem("x", code="usage.bad-argument", ctx={"a": 1})  # the message says it all


def test_one_name_means_one_thing():
    """ "Outcome" is the testing API's (an expectation checked); a judged case in a batch and a rule's
    compiled outcome have names of their own, so reading one never suggests another."""
    import judgement.batch
    import judgement.lang.evaluate
    import judgement.testing

    assert hasattr(judgement.testing, "Outcome")
    assert not hasattr(judgement.batch, "Outcome")
    assert hasattr(judgement.batch, "CaseOutcome")
    assert not hasattr(judgement.lang.evaluate, "Outcome")
    assert hasattr(judgement.lang.evaluate, "CompiledOutcome")


def test_one_call_lets_go_of_everything_kept(staffordshire):
    """After ``clear_caches`` every kept thing is made afresh: judges, rulebooks, statistics, what the
    searches learnt; and the results are the same."""
    from judgement.data.statistics import statistics
    from judgement.judging.judge import judge_for

    rulebook = judgement.rulebook_for(staffordshire)
    judge = judge_for(rulebook)
    result = judgement.judge(rulebook, staffordshire)
    told = judgement.explain(result, "assessments")
    figures = statistics()
    assert judgement.rulebook_for(staffordshire) is rulebook  # kept, before
    assert judge_for(rulebook) is judge
    assert statistics() is figures
    judgement.clear_caches()
    again = judgement.rulebook_for(staffordshire)
    assert again is not rulebook
    assert again == rulebook
    assert judge_for(again) is not judge
    assert statistics() is not figures
    from judgement.explaining import counterfactual
    from judgement.lang import bounds

    assert not counterfactual._MEASURE_TESTS
    assert not bounds._SPREADS
    assert judgement.judge(again, staffordshire) == result  # and all comes back
    assert judgement.explain(judgement.judge(again, staffordshire), "assessments") == told


def test_the_small_tables_of_resolution_are_bounded(monkeypatch):
    from judgement import resolve

    monkeypatch.setattr(resolve, "MAX_REMEMBERED", 3)
    table: dict[int, int] = {}
    for key in range(10):
        resolve._kept(table, key, key)
    assert table == {7: 7, 8: 8, 9: 9}
