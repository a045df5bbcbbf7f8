"""Renderers: each turns judgements (or one area's explanation) into a string. Nothing here decides anything."""

from judgement.render.explanation import render_explanation
from judgement.render.json import render_json
from judgement.render.markdown import render_markdown
from judgement.render.text import render_text

__all__ = ["render_explanation", "render_json", "render_markdown", "render_text"]
