"""Writing a file whole or not at all: the one owner of how judgement replaces a file."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["write_whole"]


def write_whole(path: Path, text: str | bytes, mode: int | None = None) -> None:
    """Write ``text`` to ``path`` all at once: a temporary file beside it (given ``mode``, a file's
    permissions, when the file it replaces had them), then renamed over it, so a failure leaves the old file
    whole and no half-written one. Raises ``OSError`` when the folder cannot be written."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
