"""Checking: documents to the frozen model, every problem at once. :mod:`~judgement.check.rulebook` for
rulebooks, :mod:`~judgement.check.case` for cases, :mod:`~judgement.check.against` for a case against
the rulebook it is judged with."""
