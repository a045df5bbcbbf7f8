"""The documentation names every area, rule and measure of the shipped rulebook, and every error kind."""

from tests.conftest import ROOT


def test_ucra_reference_lists_every_area_rule_and_measure(ucra):
    text = (ROOT / "docs" / "rulebooks" / "ucra-2010.md").read_text()
    for area in ucra.areas:
        assert f"`{area.id}`" in text
        for rule in area.rules:
            assert f"`{rule.id}`" in text
    for measure in ucra.measures:
        assert f"`{measure}`" in text


def test_rule_language_documents_every_grade_policy_and_unit():
    from judgement import Grade, Policy, Unit

    text = (ROOT / "docs" / "rule-language.md").read_text()
    for enum in (Grade, Policy, Unit):
        for member in enum:
            assert f"`{member.value}`" in text, member


def test_readme_commands_match_the_ci_script():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "python -m pytest" in readme
    assert "python -m pytest" in ci
    assert "pip install '.[dev]'" in readme
    assert "pip install -q '.[dev]'" in ci
