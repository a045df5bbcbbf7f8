"""Renderers: each turns judgements (or an explanation, a diff report, lint findings) into a string.
Nothing here decides anything. :mod:`~judgement.render.formats` is the one registry of judgement output
formats; every renderer takes grade labels, headings, codes and colours from
:data:`judgement.model.GRADE_STYLES`."""

from judgement.render.explanation import render_explanation
from judgement.render.json import render_json
from judgement.render.markdown import render_markdown
from judgement.render.text import render_text

__all__ = ["render_explanation", "render_json", "render_markdown", "render_text"]
