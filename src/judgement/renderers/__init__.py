"""Renderers: each turns judgements (or an explanation, a diff report, lint findings) into a string.
Nothing here decides anything. :mod:`~judgement.renderers.formats` is the one registry of judgement output
formats; every renderer takes grade labels, headings, codes and colours from
:data:`judgement.model.GRADE_STYLES`."""

from judgement.renderers.explanation import render_explanation
from judgement.renderers.json import render_json
from judgement.renderers.markdown import render_markdown
from judgement.renderers.text import render_text

__all__ = ["render_explanation", "render_json", "render_markdown", "render_text"]
