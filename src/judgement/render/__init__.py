"""Renderers: each turns judgements (or one area's trace) into a string. Nothing here decides anything."""

from judgement.render.json import render_json
from judgement.render.markdown import render_markdown
from judgement.render.text import render_explain, render_text

__all__ = ["render_explain", "render_json", "render_markdown", "render_text"]
