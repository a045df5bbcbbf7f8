"""Official statistics as cases: every English council's published figures, with England and its
statistical neighbours as comparators (:mod:`judgement.data.statistics`)."""
