"""The condition language: syntax tree (:mod:`~judgement.lang.ast`), the hand-written parser
(:mod:`~judgement.lang.parser`), units (:mod:`~judgement.lang.units`) and the type checker
(:mod:`~judgement.lang.types`), the normal form and fact-field naming (:mod:`~judgement.lang.normal`), its one printer
(:mod:`~judgement.lang.printer`) and the reference evaluator (:mod:`~judgement.lang.evaluate`).

Nothing here knows about rulebooks, cases or the engine.
"""
