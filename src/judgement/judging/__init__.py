"""Judging: a :class:`~judgement.judging.judge.Judge` runs a case through the engine and the hit
policies (:mod:`~judgement.judging.policy`) and builds the trace (:mod:`~judgement.judging.trace`),
reasons (:mod:`~judgement.judging.reasons`), the stamp (:mod:`~judgement.judging.stamp`) and the
borderline flags (:mod:`~judgement.judging.stats`). Results are in :mod:`~judgement.judging.results`."""
