"""``judgement serve`` as a person uses it, in headless Chromium: a council's page, a what-if slider moved
until a grade changes, a spreadsheet with an error uploaded, the rule-change page; each at a desktop's
width and a phone's, with nothing wider than the window. Screenshots go to $JUDGEMENT_SCREENSHOT_DIR (or
the test's temporary directory): serve-council-1366.png, serve-whatif-390.png, ...

The server runs as the command runs it, in its own process, on a free port; every wait is for a
condition (the address printed, an element shown), never a fixed sleep."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from tests.test_browser import CHROMIUM, DRIVER, _driver, _no_errors_and_a_screenshot

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="needs chromium and chromedriver (Debian)"),
]
pytest.importorskip("starlette")

WIDTHS = (1366, 390)


@pytest.fixture(scope="module")
def server():
    command = [sys.executable, "-m", "judgement", "serve", "--port", "0"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        try:
            line = process.stdout.readline()  # the address, printed once the port is listening
            assert line.startswith("judgement serve: http://"), line + process.stderr.read()
            yield line.split()[2].rstrip("/")
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)


@pytest.fixture
def browser(tmp_path):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    driver = _driver(webdriver, Service, tmp_path)
    yield driver
    driver.quit()


def _fits(driver, width: int) -> None:
    overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow} px wider than a {width} px window"


def _wait(driver, condition, seconds: float = 60):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(condition)


def test_a_council_s_page_with_its_explanations(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    for width in WIDTHS:
        browser.set_window_size(width, 1400)
        browser.get(f"{server}/council?authority=Staffordshire&year=2025")
        assert "Staffordshire" in browser.title
        cards = browser.find_elements(By.CSS_SELECTOR, ".card")
        assert len(cards) >= 5
        assert browser.find_elements(By.CSS_SELECTOR, "svg")  # the charts
        _fits(browser, width)
        _no_errors_and_a_screenshot(browser, tmp_path, f"serve-council-{width}.png")


def test_moving_a_what_if_slider_changes_a_grade_and_the_address(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    for width in WIDTHS:
        browser.set_window_size(width, 1400)
        browser.get(f"{server}/whatif?authority=Staffordshire&year=2025")
        assert not browser.find_elements(By.CSS_SELECTOR, "#grades tr.moved")
        slider = browser.find_element(By.CSS_SELECTOR, 'input[type=range][data-measure="caseload"]')
        # as a person drags it: the value moves, and the page hears an input event
        browser.execute_script(
            "arguments[0].value = arguments[0].max; arguments[0].dispatchEvent(new Event('input'))", slider
        )
        _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#grades tr.moved"))
        assert "set.caseload=" in browser.current_url
        assert "set.caseload=" in browser.find_element(By.ID, "case-link").get_attribute("href")
        assert "changed" in browser.find_element(By.ID, "status").text
        _fits(browser, width)
        _no_errors_and_a_screenshot(browser, tmp_path, f"serve-whatif-{width}.png")
        browser.get(browser.current_url)  # the address is the page: reloaded, the change is still there
        assert browser.find_elements(By.CSS_SELECTOR, "#grades tr.moved")


def test_a_spreadsheet_with_an_error_is_shown_at_its_row_and_column(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    sheet = tmp_path / "councils.csv"
    sheet.write_text(
        "authority,inspected,rulebook,ia_in_timescale,ca_in_timescale\n"
        "Ashcombe,2010-06-01,ucra-2010,78.4,81\n"
        "Brockton,2010-06-01,ucra-2010,seventy,81\n",
        encoding="utf-8",
    )
    for width in WIDTHS:
        browser.set_window_size(width, 1400)
        browser.get(f"{server}/upload")
        browser.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(sheet))
        browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        problem = _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "li.problem"))[0]
        assert "councils.csv" in problem.text
        assert "seventy" in problem.text
        assert "1 judged, 1 could not be" in browser.find_element(By.CSS_SELECTOR, "h1").text
        _fits(browser, width)
        _no_errors_and_a_screenshot(browser, tmp_path, f"serve-upload-{width}.png")


def test_the_rule_change_page(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    for width in WIDTHS:
        browser.set_window_size(width, 1400)
        browser.get(f"{server}/rule-change")
        options = browser.find_elements(By.CSS_SELECTOR, "select[name=old] option")
        assert any(o.get_attribute("value").startswith("ilacs-2018@") for o in options)
        ilacs = next(o for o in options if o.get_attribute("value").startswith("ilacs-2018@"))
        ilacs.click()
        next(
            o
            for o in browser.find_elements(By.CSS_SELECTOR, "select[name=new] option")
            if o.get_attribute("value") == ilacs.get_attribute("value")
        ).click()
        browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        summary = _wait(browser, lambda d: d.find_elements(By.ID, "summary"))[0]
        assert "0 grades changed" in summary.text  # a rulebook against itself changes nothing
        _fits(browser, width)
        _no_errors_and_a_screenshot(browser, tmp_path, f"serve-rule-change-{width}.png")
