"""Explaining: why a grade and why not the others (:mod:`~judgement.explaining.why`), what would change it
(:mod:`~judgement.explaining.counterfactual`) and what if (:mod:`~judgement.explaining.whatif`)."""
