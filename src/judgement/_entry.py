"""The ``judgement`` command's entry point (the console script, and ``python -m judgement``).

A command starts by importing the command line, the model and the judging core: tens of thousands of
objects (modules, classes, functions) that live until the command ends. The cyclic garbage collector,
counting those allocations, would search them again and again while they are made, and find nothing.
So the command line is imported with the collector paused; what it imported is then frozen
(:func:`gc.freeze`: out of the collector's sight, as :func:`~judgement.batch.freeze_survivors` does after
each case) and the collector resumes before any input is read. For ``judgement judge`` of one case this
is about a twentieth of the command's instructions. A program that imports judgement as a library is
not touched: only this entry point does it, in a process that ends with the command.
"""

from __future__ import annotations

import gc

__all__ = ["main"]


def main() -> None:
    """Run the ``judgement`` command (:func:`judgement.cli.run`)."""
    gc.disable()
    try:
        from judgement.cli import run  # noqa: PLC0415 - imported with the collector paused
    finally:
        gc.freeze()
        gc.enable()
    run()
