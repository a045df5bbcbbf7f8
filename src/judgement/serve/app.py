"""The ASGI application: pages, the JSON API and the rules every response follows.

* Every page is a GET whose query reproduces it (a link to it is the page); forms submit by GET, except
  the upload.
* Judging runs in worker threads (:func:`starlette.concurrency.run_in_threadpool`), never on the event
  loop, so one slow request does not hold up the others; searches and simulations stop at the
  configured time limit (``serve.too-slow``).
* Bodies and uploads are bounded before they are read in full (``serve.too-large``, 413).
* Every response carries a Content-Security-Policy that allows scripts from this server alone (one
  static file, never inline), and every text from a request is escaped (Jinja2's autoescaping; the
  reports escape their own).
* An error is the library's problems (code, message, location, expected, hint), as JSON for the API and
  as a page otherwise, with a 4xx status for anything the request got wrong and 500, without a
  traceback, for anything else.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any

from judgement._fmt import json_text
from judgement.errors import EngineError, JudgementError, Problem, UsageError

try:
    from jinja2 import Environment, PackageLoader, select_autoescape
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles
except ImportError as missing:  # the serve extra is not installed
    raise UsageError.of(
        "usage.missing-extra",
        f"judgement serve needs the serve extra ({missing.name} is not installed)",
        hint="pip install 'judgement[serve]'",
    ) from None

from judgement.serve import api, pages
from judgement.serve.service import ServeConfig

__all__ = ["CSP", "ServeConfig", "make_app"]

#: The Content-Security-Policy of every response: scripts and styles from this server only (the reports'
#: styles and charts are written inline as attributes and SVG, never scripts), nothing framed, no
#: plugins, forms posted only here.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


def status_of(error: JudgementError) -> int:
    """The HTTP status for a library error: the request's fault is 4xx, an internal failure 500."""
    codes = {p.code for p in error.problems}
    if "serve.too-large" in codes:
        return 413
    if "serve.too-slow" in codes:
        return 503
    if isinstance(error, EngineError):
        return 500
    if isinstance(error, UsageError):
        return 400
    return 422


def problems_json(error: JudgementError) -> dict[str, Any]:
    return {"problems": [p.to_dict() for p in error.problems]}


INTERNAL = Problem(
    "an internal error stopped this request; it is a bug in judgement: please report it with what you did",
    code="engine.failure",
)


class Guard:
    """ASGI middleware: the security headers on every response, and bodies bounded before they are read
    (a declared length over the limit is refused at once; a body that grows past it is cut off)."""

    def __init__(self, app: App, max_body: int) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *_HEADERS]
            await send(message)

        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            response = _too_large(self.max_body, scope["path"].startswith("/api/"))
            await response(scope, receive, send_with_headers)
            return
        seen = 0

        async def bounded_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, bounded_receive, send_with_headers)
        except _BodyTooLarge:
            response = _too_large(self.max_body, scope["path"].startswith("/api/"))
            await response(scope, receive, send_with_headers)


class _BodyTooLarge(Exception):
    pass


def _too_large(limit: int, as_json: bool) -> Response:
    error = UsageError.of("serve.too-large", f"the request is larger than {limit:,} bytes")
    if as_json:
        return JSONResponse(problems_json(error), status_code=413)
    return HTMLResponse(pages.error_page(error), status_code=413)


def make_app(config: ServeConfig | None = None) -> Starlette:
    """The web app and API for ``config`` (the shipped rulebooks and statistics by default)."""
    config = config or ServeConfig()
    templates = Environment(
        loader=PackageLoader("judgement.serve", "templates"), autoescape=select_autoescape(default=True)
    )
    pages.TEMPLATES[id(config)] = templates  # looked up by the pages of this app

    def page(handler: Callable[[ServeConfig, Environment, Mapping[str, Any]], str]) -> Callable[..., Any]:
        async def endpoint(request: Request) -> Response:
            query = _query(request)
            try:
                html = await run_in_threadpool(handler, config, templates, query)
            except JudgementError as error:
                return HTMLResponse(pages.error_page(error, templates), status_code=status_of(error))
            except Exception:
                return HTMLResponse(pages.error_page(EngineError([INTERNAL]), templates), status_code=500)
            return HTMLResponse(html)

        return endpoint

    def endpoint_json(handler: Callable[[ServeConfig, Mapping[str, Any]], Any], method: str) -> Callable[..., Any]:
        async def endpoint(request: Request) -> Response:
            try:
                if method == "POST":
                    body = await _json_body(request)
                else:
                    body = _query(request)
                data = await run_in_threadpool(handler, config, body)
            except JudgementError as error:
                return JSONResponse(problems_json(error), status_code=status_of(error))
            except Exception:
                return JSONResponse({"problems": [INTERNAL.to_dict()]}, status_code=500)
            return Response(json_text(data) + "\n", media_type="application/json")

        return endpoint

    async def not_found(request: Request, _exc: Exception) -> Response:
        error = UsageError.of("usage.unknown-name", f"no page {request.url.path!r} here", hint="start at /")
        if request.url.path.startswith("/api/"):
            return JSONResponse(problems_json(error), status_code=404)
        return HTMLResponse(pages.error_page(error, templates), status_code=404)

    async def not_allowed(request: Request, _exc: Exception) -> Response:
        error = UsageError.of("usage.bad-argument", f"{request.method} is not how {request.url.path} is asked")
        return JSONResponse(problems_json(error), status_code=405)

    routes = [
        Route("/", page(pages.index)),
        Route("/council", page(pages.council)),
        Route("/whatif", page(pages.whatif_page)),
        Route("/compare", page(pages.compare_page)),
        Route("/grid", page(pages.grid_page)),
        Route("/rule-change", page(pages.rule_change_page)),
        Route("/upload", _upload_endpoint(config, templates), methods=["GET", "POST"]),
        Route("/case.json", endpoint_json(api.case_document, "GET")),
        Route("/api/judge", endpoint_json(api.judge, "POST"), methods=["POST"]),
        Route("/api/explain", endpoint_json(api.explain, "POST"), methods=["POST"]),
        Route("/api/whatif", endpoint_json(api.whatif, "POST"), methods=["POST"]),
        Route("/api/simulate", endpoint_json(api.simulate, "POST"), methods=["POST"]),
        Route("/api/diff", endpoint_json(api.diff, "POST"), methods=["POST"]),
        Route("/api/rulebooks", endpoint_json(api.rulebooks, "GET")),
        Route("/api/councils", endpoint_json(api.councils, "GET")),
        Route("/api/openapi.json", endpoint_json(api.openapi, "GET")),
        Route("/static/report.css", page_css),
        Mount("/static", StaticFiles(packages=[("judgement.serve", "static")]), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={404: not_found, 405: not_allowed})
    app.add_middleware(Guard, max_body=config.max_body)
    return app


def _upload_endpoint(config: ServeConfig, templates: Environment) -> Callable[[Request], Awaitable[Response]]:
    """``/upload``: the form (GET), and a case file or spreadsheet judged (POST)."""

    async def upload(request: Request) -> Response:
        if request.method == "GET":
            return HTMLResponse(pages.upload_form(templates))
        try:
            form = await request.form(max_files=1, max_fields=4, max_part_size=config.max_body)
            try:  # every part the form spooled is closed, whatever it held
                sent = form.get("file")
                if sent is None or isinstance(sent, str):
                    raise UsageError.of(
                        "usage.bad-argument", "no file was uploaded", hint="choose a case file or spreadsheet"
                    )
                content = await sent.read(config.max_body + 1)
                name = sent.filename or ""
            finally:
                await form.close()
            html = await run_in_threadpool(pages.upload_result, config, templates, name, content)
        except JudgementError as error:
            return HTMLResponse(pages.upload_form(templates, error), status_code=status_of(error))
        except _BodyTooLarge:
            raise
        except Exception as error:
            if type(error).__module__.startswith(("multipart", "python_multipart", "starlette")):
                bad = UsageError.of("usage.bad-argument", "the upload could not be read as a form")
                return HTMLResponse(pages.upload_form(templates, bad), status_code=400)
            return HTMLResponse(pages.error_page(EngineError([INTERNAL]), templates), status_code=500)
        return HTMLResponse(html)

    return upload


async def page_css(_request: Request) -> Response:
    """The reports' style sheet, served as a file so pages need no inline style element."""
    return Response(pages.report_css(), media_type="text/css")


def _query(request: Request) -> dict[str, Any]:
    """The query as a mapping: each name's values, one value as itself."""
    out: dict[str, Any] = {}
    for key in request.query_params:
        values = request.query_params.getlist(key)
        out[key] = values[0] if len(values) == 1 else values
    return out


async def _json_body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    try:
        body = json.loads(raw or b"{}")
    except (ValueError, UnicodeDecodeError) as error:
        raise UsageError.of(
            "usage.bad-argument", f"the request body is not JSON: {error}", expected="a JSON object"
        ) from None
    if not isinstance(body, dict):
        raise UsageError.of("usage.bad-argument", "the request body must be a JSON object", expected="{...}")
    return body
