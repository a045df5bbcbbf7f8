"""The engine: :mod:`~judgement.engine.compile` turns a rulebook into durable_rules ruleset definitions
(data only), and :mod:`~judgement.engine.durable`, the only module that imports durable_rules, asserts
one case's fact and reads which rules fired."""
