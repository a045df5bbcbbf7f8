"""The library's version: defined here once, read by the packaging (``pyproject.toml``) and the stamp."""

__version__ = "0.2.0"
