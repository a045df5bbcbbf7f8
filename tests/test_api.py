"""The public API is small and pinned."""

import judgement


def test_public_names_are_pinned():
    assert judgement.__all__ == sorted(judgement.__all__)
    assert judgement.__all__ == [
        "Area",
        "AreaJudgement",
        "Case",
        "CaseError",
        "EngineError",
        "Evidence",
        "Grade",
        "InputError",
        "Judgement",
        "JudgementError",
        "Location",
        "Measure",
        "Policy",
        "Problem",
        "ResolutionError",
        "Rule",
        "Rulebook",
        "RulebookError",
        "Unit",
        "ValidationError",
        "__version__",
        "check_case",
        "find_rulebook",
        "judge",
        "load_case",
        "load_rulebook",
        "rulebook_for",
        "rulebook_search_path",
    ]


def test_every_error_is_a_judgement_error_and_a_value_error():
    for name in ("CaseError", "EngineError", "InputError", "ResolutionError", "RulebookError", "ValidationError"):
        cls = getattr(judgement, name)
        assert issubclass(cls, judgement.JudgementError)
        assert issubclass(cls, ValueError)
