"""``judgement serve``: a local web app and JSON API over the library.

Pages for a council and year (or an uploaded case file or spreadsheet) with every area's why, why not
and what would change it; "what if" with a field per piece of evidence, re-judged through the engine as
it changes; a council over the years and against its statistical neighbours; several councils in a
grid; and what a rule change does. Every page has a URL that reproduces it. The JSON API (``/api/...``,
described at ``/api/openapi.json``) judges, explains, tries changes, simulates and compares rulebooks,
with the library's problems as its errors.

It needs the ``serve`` extra (Starlette, uvicorn, Jinja2, python-multipart):
``pip install 'judgement[serve]'``. :func:`judgement.serve.app.make_app` builds the ASGI application (for
tests, or to mount it in another server); ``judgement serve`` runs it on 127.0.0.1.

The parts: :mod:`~judgement.serve.service` (what the app does, without the web),
:mod:`~judgement.serve.api` (the JSON handlers and the OpenAPI document), :mod:`~judgement.serve.pages`
(the pages) and :mod:`~judgement.serve.app` (the application, its limits and headers).
"""
