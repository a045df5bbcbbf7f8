"""Analysis of rulebooks: :mod:`~judgement.analysis.lint` (rules that never fire or never decide, and
other flaws) and :mod:`~judgement.analysis.diff` (what a rule change does to every case)."""
