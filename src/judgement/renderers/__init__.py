"""Renderers: each turns judgements (or an explanation, a diff report, lint findings) into a string.
Nothing here decides anything. :mod:`~judgement.renderers.formats` is the one registry of judgement output
formats; every renderer takes grade labels, headings, codes and colours from
:data:`judgement.model.GRADE_STYLES`.

The four names below are imported when first used, so that a command importing one renderer does not
import the others (the explanation's renderer brings the search for what would change a grade)."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from judgement.renderers.explanation import render_explanation
    from judgement.renderers.json import render_json
    from judgement.renderers.markdown import render_markdown
    from judgement.renderers.text import render_text

__all__ = ["render_explanation", "render_json", "render_markdown", "render_text"]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = name.removeprefix("render_")
    import importlib

    return getattr(importlib.import_module(f"judgement.renderers.{module}"), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
