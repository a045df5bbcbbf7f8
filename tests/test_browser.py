"""The HTML report in a real browser: headless Chromium loads it with no console errors, shows every area
card and draws every chart. .ci/run installs Debian's chromium and chromium-driver when they are missing.

The screenshot is written to $JUDGEMENT_SCREENSHOT_DIR (or the test's temporary directory).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import judgement
from judgement import explain
from judgement.renderers.html import render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER), reason="needs chromium and chromedriver (Debian: chromium chromium-driver)"
)


def _driver(webdriver, service, tmp_path):
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1200,2000",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=service(str(DRIVER)), options=options)


def _page(tmp_path, name: str, *args: str) -> Path:
    """An HTML report written by the command line (``--format html -o``), for the browser to load."""
    from click.testing import CliRunner

    from judgement.cli import main

    page = tmp_path / name
    made = CliRunner().invoke(main, [*args, "--format", "html", "-o", str(page)])
    assert made.exit_code == 0, made.stderr
    return page


def _no_errors_and_a_screenshot(driver, tmp_path, name: str) -> None:
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
    shots = Path(os.environ.get("JUDGEMENT_SCREENSHOT_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    assert driver.save_screenshot(str(shots / name))


@pytest.mark.slow
def test_html_report_in_headless_chromium(ucra, staffordshire, tmp_path):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    result = judgement.judge(ucra, staffordshire)
    page = tmp_path / "staffordshire.html"
    page.write_text(render_html([(result, {a.area: explain(result, a.area) for a in result})]), encoding="utf-8")

    driver = _driver(webdriver, Service, tmp_path)
    try:
        driver.get(page.as_uri())
        assert driver.title == "Staffordshire County Council - judgement report"
        cards = driver.find_elements(By.CSS_SELECTOR, "article.card")
        assert len(cards) == len(result.areas) == 24  # the letter's 16 findings, none at risk, 7 not judged
        for card in cards:
            driver.execute_script("arguments[0].scrollIntoView()", card)
            assert card.is_displayed()
            assert card.size["height"] > 40
        charts = driver.find_elements(By.CSS_SELECTOR, "svg.chart")
        assert len(charts) >= 16
        for chart in charts:
            assert chart.size["width"] > 100
            assert chart.find_elements(By.CSS_SELECTOR, "line.threshold, circle.value")
        dots = driver.find_elements(By.CSS_SELECTOR, "svg.chart circle.value")
        assert len(dots) >= 16
        driver.execute_script("window.scrollTo(0, 0)")
        _no_errors_and_a_screenshot(driver, tmp_path, "staffordshire-report.png")
    finally:
        driver.quit()


@pytest.mark.slow
def test_a_council_s_funnel_plots_and_time_series_in_headless_chromium(tmp_path):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    page = _page(tmp_path, "staffordshire-2024.html", "judge", "--authority", "Staffordshire", "--year", "2024")
    for external in ("http://", "https://", "<script"):
        assert external not in page.read_text()
    driver = _driver(webdriver, Service, tmp_path)
    try:
        driver.get(page.as_uri())
        funnels = driver.find_elements(By.CSS_SELECTOR, "svg.funnel")
        assert len(funnels) == 4  # the indicators with a denominator
        for funnel in funnels:
            driver.execute_script("arguments[0].scrollIntoView()", funnel)
            assert funnel.size["width"] > 300
            assert len(funnel.find_elements(By.CSS_SELECTOR, "circle.other")) > 80  # every council with a figure
            assert len(funnel.find_elements(By.CSS_SELECTOR, "circle.this")) == 1
            assert funnel.find_elements(By.CSS_SELECTOR, "circle.neighbour")
            assert len(funnel.find_elements(By.CSS_SELECTOR, "polyline.limit")) == 4  # 95% and 99.8%, both sides
        series = driver.find_elements(By.CSS_SELECTOR, "svg.series")
        assert len(series) == 12  # every indicator: rates per 10,000 children and care leavers included
        for chart in series:
            assert chart.find_elements(By.CSS_SELECTOR, "polyline.council")
            assert chart.find_elements(By.CSS_SELECTOR, "polyline.england")
        figures = driver.find_element(By.CSS_SELECTOR, "div.figures")
        driver.execute_script("arguments[0].scrollIntoView()", figures)
        _no_errors_and_a_screenshot(driver, tmp_path, "staffordshire-2024-figures.png")
    finally:
        driver.quit()


@pytest.mark.slow
def test_the_chances_of_each_grade_are_drawn_as_bars_in_headless_chromium(tmp_path):
    """`explain --simulate --format html`: a bar per judged area, its parts as wide as their chances."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    from tests.conftest import FIXTURES

    page = _page(tmp_path, "chances.html", "explain", str(FIXTURES / "staffordshire-2010.yaml"), "--simulate", "500")
    driver = _driver(webdriver, Service, tmp_path)
    try:
        driver.get(page.as_uri())
        bars = driver.find_elements(By.CSS_SELECTOR, "div.chances")
        assert len(bars) == 17
        for bar in bars:
            driver.execute_script("arguments[0].scrollIntoView()", bar)
            parts = bar.find_elements(By.CSS_SELECTOR, "span.chance")
            assert parts
            widths = [p.size["width"] for p in parts]
            assert abs(sum(widths) - bar.size["width"]) <= len(parts) + 1  # the parts fill the bar
        driver.execute_script("arguments[0].scrollIntoView()", bars[0])
        _no_errors_and_a_screenshot(driver, tmp_path, "staffordshire-chances.png")
    finally:
        driver.quit()


@pytest.mark.slow
def test_the_back_test_page_in_headless_chromium(tmp_path):
    """`judgement backtest --format html`: the summary and a confusion matrix per judgement, with the cells
    where Ofsted and the screen agree marked, readable at a desktop's width and a phone's."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    page = _page(tmp_path, "backtest.html", "backtest")
    assert "<script" not in page.read_text()
    driver = _driver(webdriver, Service, tmp_path)
    try:
        for width in (1366, 390):
            driver.set_window_size(width, 1600)
            driver.get(page.as_uri())
            summary = driver.find_elements(By.CSS_SELECTOR, "table:not(.confusion)")[0]
            rows = summary.find_elements(By.CSS_SELECTOR, "tbody tr")
            assert [r.find_element(By.CSS_SELECTOR, "td").text for r in rows] == [
                "Overall effectiveness",
                "Leaders",
                "Help and protection",
                "Children in care",
                "Care leavers",
                "All judgements",
            ]
            matrices = driver.find_elements(By.CSS_SELECTOR, "table.confusion")
            assert len(matrices) == 5
            assert len(matrices[0].find_elements(By.CSS_SELECTOR, "td.same")) == 4  # the diagonal
            overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"the page is {overflow} px wider than a {width} px window"
            _no_errors_and_a_screenshot(driver, tmp_path, f"backtest-{width}.png")
    finally:
        driver.quit()


def _made(tmp_path, name: str, *args: str) -> Path:
    """A page the command line writes with the format ``args`` name."""
    from click.testing import CliRunner

    from judgement.cli import main

    page = tmp_path / name
    made = CliRunner().invoke(main, [*args, "-o", str(page)])
    assert made.exit_code == 0, made.stderr
    return page


@pytest.mark.slow
def test_the_directors_summary_shows_no_rule_code_and_no_long_numbers(tmp_path):
    """Staffordshire 2025's page for the director, as a person sees it: plain words and figures rounded to
    one decimal place; the rules are only in the technical appendix, which is closed until opened."""
    import re

    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    args = ("judge", "--authority", "Staffordshire", "--year", "2025", "--format", "summary")
    page = _made(tmp_path, "summary.html", *args)
    rulebook = judgement.find_rulebook("ilacs-2018", __import__("datetime").date(2025, 3, 31))
    rule_ids = [r.id for a in rulebook.areas for r in a.rules]
    driver = _driver(webdriver, Service, tmp_path)
    try:
        driver.get(page.as_uri())
        section = driver.find_element(By.CSS_SELECTOR, "section.summary")
        appendix = section.find_element(By.TAG_NAME, "details")
        shown = section.text  # what is visible: the appendix's body is closed
        assert "Judgements" in shown
        assert "The figures behind them" in shown
        assert "Overall effectiveness (screen)" in shown
        assert "rank correlation (Spearman: 1 the same order, 0 none) of 0.4" in shown  # the calibration
        assert not re.search(r"\d+\.\d\d", shown), re.findall(r"\S*\d+\.\d\d\S*", shown)
        assert not [r for r in rule_ids if r in shown]
        assert "significantly_below" not in shown
        assert "england" not in shown
        badges = {b.text for b in section.find_elements(By.CSS_SELECTOR, ".badge")}
        assert {"good", "to look into", "better than England", "in line with England"} <= badges
        assert "area for development" not in shown
        assert "strength" not in badges
        _no_errors_and_a_screenshot(driver, tmp_path, "staffordshire-2025-summary.png")
        appendix.click()  # the rules are there for whoever opens it
        assert "caseloads.in_line" in appendix.text
    finally:
        driver.quit()


@pytest.mark.slow
def test_a_council_side_by_side_in_headless_chromium(tmp_path):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    page = _made(tmp_path, "compare.html", "compare", "--authority", "Hull", "--years", "2021-2025", "--format", "html")
    driver = _driver(webdriver, Service, tmp_path)
    try:
        driver.get(page.as_uri())
        charts = driver.find_elements(By.CSS_SELECTOR, "figure.small svg polyline")
        assert len(charts) >= 3 * 10  # the council, its neighbours and England, per indicator
        assert all(c.size["width"] > 0 for c in charts)
        headings = [h.text for h in driver.find_elements(By.TAG_NAME, "h1")]
        assert headings == [
            "Kingston upon Hull, City of, 2021 to 2025",
            "Kingston upon Hull, City of against its statistical neighbours, 2025",
        ]
        _no_errors_and_a_screenshot(driver, tmp_path, "hull-side-by-side.png")
    finally:
        driver.quit()
