"""``judgement serve``: the pages and the JSON API through Starlette's test client (in process), and the
command itself as a process (it starts, answers, and stops on SIGTERM)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytest.importorskip("starlette")

from starlette.testclient import TestClient

import judgement
from judgement.errors import CODES
from judgement.serve.app import CSP, ServeConfig, make_app
from tests.conftest import FIXTURES, ROOT

STAFFS = FIXTURES / "staffordshire-2010.yaml"


@pytest.fixture(scope="module")
def client():
    with TestClient(make_app(), raise_server_exceptions=False) as made:
        yield made


def _document(path: Path = STAFFS) -> dict:
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def _problems(response, status: int) -> list[dict]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"problems"}
    for problem in body["problems"]:
        assert problem["code"] in CODES
        assert problem["message"]
        assert "Traceback" not in problem["message"]
    return body["problems"]


# --------------------------------------------------------------------------------------------------- API


def test_judging_a_case_file_gives_the_library_s_grades(client, staffordshire):
    response = client.post("/api/judge", json={"case": _document()})
    assert response.status_code == 200
    body = response.json()
    expected = judgement.judge(judgement.rulebook_for(staffordshire), staffordshire)  # found as the server finds it
    assert {a["area"]: a["grade"] for a in body["areas"]} == {a.area: a.grade.id for a in expected}
    assert body | {"case_path": None} == json.loads(json.dumps(expected.to_dict(), default=str)) | {"case_path": None}


def test_a_council_is_judged_from_the_statistics(client):
    body = client.post("/api/judge", json={"authority": "Staffordshire", "year": 2025, "trace": False}).json()
    assert body["case"]["authority"].startswith("Staffordshire")
    assert all("trace" not in area for area in body["areas"])
    again = judgement.judge(
        judgement.rulebook_for(case := judgement.data.cases(year=2025, authority="Staffordshire")[0]), case
    )
    assert {a["area"]: a["grade"] for a in body["areas"]} == {a.area: a.grade.id for a in again}


def test_a_bad_case_is_refused_with_the_library_s_problems_located(client):
    document = _document()
    document["evidence"]["ia_in_timescale"] = {"value": 140}
    problems = _problems(client.post("/api/judge", json={"case": document}), 422)
    assert problems[0]["code"] == "case.out-of-range"
    assert problems[0]["ctx"]["value"] == 140
    assert problems[0]["location"]["file"] == "<request>"


def test_explain_whatif_and_simulate(client):
    explained = client.post("/api/explain", json={"case": _document(), "area": "assessments"}).json()
    assert set(explained["areas"]) == {"assessments"}
    assert explained["areas"]["assessments"]["grade"]
    moved = client.post(
        "/api/whatif", json={"case": _document(), "changes": {"ia_in_timescale": 20, "ca_in_timescale": "25"}}
    ).json()
    assessments = next(s for s in moved["shifts"] if s["area"] == "assessments")
    assert assessments["changed"]
    assert moved["case"]["evidence"]["ia_in_timescale"]["value"] == 20
    chances = client.post("/api/simulate", json={"case": _document(), "draws": 200, "seed": 5}).json()
    assert chances["draws"] == 200
    assert chances == client.post("/api/simulate", json={"case": _document(), "draws": 200, "seed": 5}).json()


def test_the_case_a_what_if_judged_is_a_link_that_judges_the_same(client):
    changed = client.get("/case.json?authority=Staffordshire&year=2025&set.caseload=30").json()
    judged = client.post("/api/judge", json={"case": changed, "trace": False}).json()
    after = client.post(
        "/api/whatif", json={"authority": "Staffordshire", "year": 2025, "changes": {"caseload": 30}}
    ).json()["after"]
    assert [a["grade"] for a in judged["areas"]] == [a["grade"] for a in after["areas"]]


def test_rulebooks_councils_and_the_openapi_document(client):
    keys = [r["key"] for r in client.get("/api/rulebooks").json()]
    assert "ucra-2010@2.0.0" in keys or any(k.startswith("ucra-2010@") for k in keys)
    assert any(k.startswith("ilacs-2018@") for k in keys)
    councils = client.get("/api/councils?year=2025").json()
    assert len(councils) > 140
    assert {"name", "code", "number", "year"} <= set(councils[0])
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    assert {"/api/judge", "/api/explain", "/api/whatif", "/api/simulate", "/api/diff"} <= set(spec["paths"])


@pytest.mark.slow
def test_a_rule_change_over_every_council_of_a_year_and_over_the_back_test(tmp_path):
    changed = tmp_path / "rules" / "ilacs-2018"
    shutil.copytree(ROOT / "rules" / "ilacs-2018", changed)
    manifest = changed / "rulebook.yaml"
    text = manifest.read_text(encoding="utf-8")
    version = yaml.safe_load(text)["version"]
    stricter = text.replace(f'version: "{version}"', 'version: "9.9.9"', 1)
    stricter = stricter.replace("- {value: 2, from: 2013-03-31", "- {value: 0.5, from: 2013-03-31", 1)
    assert stricter.count("9.9.9") == 1
    assert "value: 0.5" in stricter
    manifest.write_text(stricter, encoding="utf-8")
    (changed / "calibration.json").unlink()
    with TestClient(make_app(ServeConfig(rules=(tmp_path / "rules",))), raise_server_exceptions=False) as client:
        keys = [r["key"] for r in client.get("/api/rulebooks").json()]
        assert f"ilacs-2018@{version}" in keys
        assert "ilacs-2018@9.9.9" in keys
        report = client.post(
            "/api/diff", json={"old": f"ilacs-2018@{version}", "new": "ilacs-2018@9.9.9", "year": 2025}
        )
        assert report.status_code == 200, report.text
        assert report.json()["cases"] > 140
        assert report.json()["grade_changes"]  # a stricter caseload margin moves some councils
        page = client.get(f"/rule-change?old=ilacs-2018@{version}&new=ilacs-2018@9.9.9&year=2025")
        assert page.status_code == 200
        assert "grades changed in" in page.text
        backtested = client.post(
            "/api/diff", json={"old": f"ilacs-2018@{version}", "new": "ilacs-2018@9.9.9", "over": "backtest"}
        )
        assert backtested.status_code == 200, backtested.text
        change = backtested.json()
        assert change["changed"]  # a stricter margin moves some screened grades
        assert {"old", "new"} <= set(change["agreement"]["all"])
        page = client.get(f"/rule-change?old=ilacs-2018@{version}&new=ilacs-2018@9.9.9&over=backtest")
        assert "against Ofsted's judgements" in page.text
        assert "Spearman" in page.text


# ---------------------------------------------------------------------------------------------- refusals


def test_a_body_too_large_is_refused_before_it_is_read(client):
    problems = _problems(client.post("/api/judge", content=b"{" + b" " * 3_000_000 + b"}"), 413)
    assert problems[0]["code"] == "serve.too-large"


def test_bodies_that_are_not_a_json_object_and_unknown_paths(client):
    assert _problems(client.post("/api/judge", content=b"not json"), 400)[0]["code"] == "usage.bad-argument"
    assert _problems(client.post("/api/judge", json=[1, 2]), 400)[0]["code"] == "usage.bad-argument"
    assert _problems(client.post("/api/judge", json={}), 400)[0]["message"] == "the request names no case"
    assert _problems(client.get("/api/nothing"), 404)[0]["code"] == "usage.unknown-name"
    assert _problems(client.get("/api/judge"), 405)[0]["code"] == "usage.bad-argument"
    assert _problems(client.post("/api/simulate", json={"case": _document(), "draws": 10**9}), 400)


def test_no_request_names_a_path(client):
    """Rulebooks are named by the keys the server lists; a path is an unknown name."""
    for name in ("../../etc/passwd", str(ROOT / "rules" / "ucra-2010"), "/etc"):
        problems = _problems(client.post("/api/diff", json={"old": name, "new": name}), 400)
        assert problems[0]["code"] == "usage.unknown-name"


def test_a_simulation_past_the_time_limit_is_stopped():
    with TestClient(make_app(ServeConfig(time_limit=0.0)), raise_server_exceptions=False) as client:
        problems = _problems(client.post("/api/simulate", json={"case": _document(), "draws": 5000}), 503)
        assert problems[0]["code"] == "serve.too-slow"


# ------------------------------------------------------------------------------------------------- pages


def test_the_start_page_shows_staffordshire_with_its_explanations(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Staffordshire" in response.text
    assert response.text.count('class="card') >= 5
    assert 'name="authority"' in response.text  # and the choice of another council


def test_every_page_carries_the_security_headers_and_escapes_what_it_was_given(client):
    response = client.get("/council", params={"authority": "<script>alert(1)</script>", "year": "2025"})
    assert response.status_code == 400
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;alert(1)" in response.text


def test_a_council_page_shows_every_area_s_explanation_and_the_calibration_statement(client):
    response = client.get("/council", params={"authority": "Staffordshire", "year": "2025"})
    assert response.status_code == 200
    text = response.text
    for area in judgement.data.cases(year=2025, authority="Staffordshire")[0].evidence:
        del area  # the areas' titles are checked below
    assert text.count('class="card') >= 5
    assert "What would change it" in text or "what would change it" in text
    assert "Ofsted judged" in text  # the calibration statement
    assert 'href="/whatif?authority=Staffordshire&amp;year=2025"' in text


def test_the_what_if_page_marks_the_grades_a_change_moves(client):
    plain = client.get("/whatif", params={"authority": "Staffordshire", "year": "2025"})
    assert plain.status_code == 200
    assert 'class="moved"' not in plain.text
    moved = client.get("/whatif", params={"authority": "Staffordshire", "year": "2025", "set.caseload": "40"})
    assert moved.status_code == 200
    assert 'class="moved"' in moved.text
    assert "set.caseload=40" in moved.text  # the link to the case judged


def test_side_by_side_and_the_grid(client):
    compare = client.get("/compare", params={"authority": "Staffordshire", "years": "2023-2025"})
    assert compare.status_code == 200
    assert "<svg" in compare.text
    grid = client.get("/grid", params=[("year", "2025"), ("authority", "Staffordshire"), ("authority", "Hull")])
    assert grid.status_code == 200
    assert "2 councils, 2025" in grid.text


def test_an_uploaded_case_with_an_error_is_shown_at_its_line_and_column(client):
    text = STAFFS.read_text(encoding="utf-8").replace("value: 90", "value: ninety", 1)
    response = client.post("/upload", files={"file": ("mine.yaml", text.encode(), "application/x-yaml")})
    assert response.status_code == 200
    assert "mine.yaml" in response.text
    assert "could not be" in response.text
    assert "ninety" in response.text
    assert not list(Path(os.environ.get("TMPDIR", "/tmp")).glob("judgement-upload-*"))  # nothing kept


def test_an_uploaded_spreadsheet_is_judged_row_by_row(client):
    rows = (ROOT / "fixtures" / "spreadsheets" / "ucra-2010-councils.csv").read_text(encoding="utf-8").splitlines()
    sheet = "\n".join(rows[:3]) + "\n"  # the header and two councils
    response = client.post("/upload", files={"file": ("councils.csv", sheet.encode(), "text/csv")})
    assert response.status_code == 200
    assert "councils.csv: 2 judged" in response.text


# Starlette's form parser leaves the spool file of a part cut off before its end to the garbage collector
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_an_upload_that_is_not_a_file_in_a_form_is_refused(client):
    broken = b'--xx\r\nContent-Disposition: form-data; name="file"; filename="a.yaml"\r\n\r\nabc'
    for body, kind in ((broken, "multipart/form-data; boundary=xx"), (b"plain", "text/plain")):
        response = client.post("/upload", content=body, headers={"content-type": kind})
        assert response.status_code == 400
        assert "no file was uploaded" in response.text


def test_uploads_of_the_wrong_kind_or_too_large_are_refused(client):
    wrong = client.post("/upload", files={"file": ("notes.txt", b"hello", "text/plain")})
    assert wrong.status_code == 400
    assert "cannot judge a .txt" in wrong.text
    big = client.post("/upload", files={"file": ("big.yaml", b"a: 1\n" * 600_000, "application/x-yaml")})
    assert big.status_code == 413


# ----------------------------------------------------------------------------------------------- process


def test_the_command_starts_answers_and_stops_on_sigterm():
    import httpx

    command = [sys.executable, "-m", "judgement", "serve", "--port", "0"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        try:
            line = process.stdout.readline()  # waits for the address: the condition, not a fixed sleep
            assert line.startswith("judgement serve: http://127.0.0.1:"), line + process.stderr.read()
            address = line.split()[2]
            assert httpx.get(address + "api/rulebooks", timeout=60).status_code == 200
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)
        stopped = process.stderr.read()
        assert process.returncode in (0, -signal.SIGTERM), stopped  # shut down, then the signal passed on
        assert "Traceback" not in stopped


def test_listening_beyond_this_machine_is_warned_about():
    command = [sys.executable, "-m", "judgement", "serve", "--port", "0", "--host", "0.0.0.0"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        try:
            warning = process.stderr.readline()
            assert "warning: listening on 0.0.0.0" in warning
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)


# ---------------------------------------------------------------------------------------------- fuzzing


def _request_schemas(spec: dict) -> dict[str, dict]:
    """Each POST path's request schema from the OpenAPI document, with a council named (the case
    document's own schema is exercised by the case-file tests) so generated bodies stay self-contained."""
    out = {}
    for path, item in spec["paths"].items():
        post = item.get("post")
        if post is None:
            continue
        schema = post["requestBody"]["content"]["application/json"]["schema"]
        if "allOf" in schema:
            council = schema["allOf"][0]["oneOf"][1]
            extra = schema["allOf"][1]["properties"]
            schema = {**council, "properties": {**council["properties"], **extra}}
        out[path] = schema
    return out


def _from_schema(schema: dict):
    """Values a JSON Schema of the API's request bodies describes (the kinds it uses: objects with
    properties and required keys, strings, numbers, integers with bounds, booleans, maps, type unions),
    with now and then a value of the wrong kind, as a careless client sends."""
    from hypothesis import strategies as st

    kinds = schema.get("type")
    if isinstance(kinds, list):
        return st.one_of(*(_from_schema({**schema, "type": kind}) for kind in kinds))
    if kinds == "object" and "properties" in schema:
        required = set(schema.get("required", ()))
        fields = {k: _from_schema(v) for k, v in schema["properties"].items()}
        return st.fixed_dictionaries(
            {k: v for k, v in fields.items() if k in required},
            optional={k: v for k, v in fields.items() if k not in required},
        )
    if kinds == "object":
        values = _from_schema(schema.get("additionalProperties", {"type": "number"}))
        return st.dictionaries(st.sampled_from(["caseload", "agency_percent", "nothing", "ia_in_timescale"]), values)
    if kinds == "string":
        return st.sampled_from(
            ["Staffordshire", "Hull", "E10000028", "", "assessments", "caseloads", "nowhere"]
        ) | st.text(max_size=12)
    if kinds == "integer":
        low, high = schema.get("minimum", -5), schema.get("maximum", 3000)
        return st.integers(low, min(high, low + 3000)) | st.sampled_from([2024, 2025, 2026])
    if kinds == "number":
        return st.floats(-10, 1000, allow_nan=False) | st.integers(-10, 1000)
    if kinds == "boolean":
        return st.booleans()
    if kinds == "null":
        return st.none()
    return st.none() | st.booleans() | st.text(max_size=5)


@pytest.mark.slow
def test_the_api_fuzzed_from_its_own_openapi_document_never_fails_inside(client):
    """Bodies generated from the API's own description, and arbitrary JSON: every answer is a success
    or the library's problems with a 4xx status, never a 5xx."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    schemas = _request_schemas(client.get("/api/openapi.json").json())
    assert set(schemas) == {"/api/judge", "/api/explain", "/api/whatif", "/api/simulate", "/api/diff"}
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
        max_leaves=8,
    )
    bodies = st.one_of(
        *(st.tuples(st.just(path), _from_schema(schema)) for path, schema in schemas.items()),
        st.tuples(st.sampled_from(sorted(schemas)), json_values),
    )

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(bodies)
    def check(request):
        path, body = request
        if isinstance(body, dict) and isinstance(body.get("draws"), int):
            body["draws"] = min(body["draws"], 50)  # bounded work per example
        response = client.post(path, json=body)
        assert response.status_code < 500, (path, body, response.text)
        if response.status_code >= 400:
            _problems(response, response.status_code)

    check()


@pytest.mark.slow
def test_a_rulebook_as_git_has_it_at_a_revision():
    """A revision of a listed rulebook is read from the repository that keeps it (here the project's own
    rules folder, named to the server); a revision is never an option or a path."""
    with TestClient(make_app(ServeConfig(rules=(ROOT / "rules",))), raise_server_exceptions=False) as client:
        _revisions(client)


def _revisions(client) -> None:
    key = next(r["key"] for r in client.get("/api/rulebooks").json() if r["key"].startswith("ilacs-2018@"))
    same = client.post("/api/diff", json={"old": key, "new": key, "old_revision": "HEAD", "year": 2025})
    if same.status_code == 400 and "is not kept in git here" in same.text:
        pytest.skip("this checkout is not a git repository")
    assert same.status_code == 200, same.text
    assert same.json()["grade_changes"] == []
    for bad in ("-rf", "HEAD:../../etc", "a b", "x" * 200):
        problems = _problems(client.post("/api/diff", json={"old": key, "new": key, "old_revision": bad}), 400)
        assert problems[0]["code"] == "usage.bad-argument"
    missing = client.post("/api/diff", json={"old": key, "new": key, "old_revision": "no-such-branch-at-all"})
    assert missing.status_code == 422
    assert _problems(missing, 422)[0]["code"] == "input.git"
