"""``python -m judgement``: the same command line as ``judgement``."""

from judgement.cli import run

run()
