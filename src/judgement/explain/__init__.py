"""Explaining: why a grade and why not the others (:mod:`~judgement.explain.why`), what would change it
(:mod:`~judgement.explain.counterfactual`) and what if (:mod:`~judgement.explain.whatif`)."""
