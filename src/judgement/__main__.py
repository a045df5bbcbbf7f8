"""``python -m judgement``: the same command line as ``judgement``."""

from judgement.cli import main

main(prog_name="judgement")
