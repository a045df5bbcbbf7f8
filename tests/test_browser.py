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
from judgement.render.html import render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER), reason="needs chromium and chromedriver (Debian: chromium chromium-driver)"
)


def test_html_report_in_headless_chromium(ucra, staffordshire, tmp_path):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    result = judgement.judge(ucra, staffordshire)
    page = tmp_path / "staffordshire.html"
    page.write_text(render_html([(result, {a.area: explain(result, a.area) for a in result})]), encoding="utf-8")

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
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    try:
        driver.get(page.as_uri())
        assert driver.title == "Staffordshire County Council - judgement report"
        cards = driver.find_elements(By.CSS_SELECTOR, "article.card")
        assert len(cards) == 16
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
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        assert errors == []
        driver.execute_script("window.scrollTo(0, 0)")
        shots = Path(os.environ.get("JUDGEMENT_SCREENSHOT_DIR", tmp_path))
        shots.mkdir(parents=True, exist_ok=True)
        assert driver.save_screenshot(str(shots / "staffordshire-report.png"))
    finally:
        driver.quit()
