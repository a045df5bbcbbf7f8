"""``python -m judgement``: the same command line as ``judgement``."""

from judgement._entry import main

main()
