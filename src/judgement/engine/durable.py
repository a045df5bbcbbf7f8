"""The only module that touches durable_rules.

durable_rules 2.0.28 has sharp edges (segfaults, silently dropped batches, swallowed exceptions, global
state). This adapter drives the engine's compiled core (``durable_rules_engine``) directly and keeps to
a pattern in which none of them can occur:

* **No Host, no threads.** The Python ``Host`` starts timer threads that run actions late and race the
  caller; this adapter never creates one, so nothing runs behind the caller's back.
* **No user code in actions.** An engine "action" here is only the name of the rule that fired, read
  from the engine's queue; there is no callback to swallow an exception or be mistaken for an async one.
* **One fact per case and level, asserted alone.** No batches (empty or mixed batches crash or drop
  facts); a catch-all rule means every fact is handled. A rulebook with derived judgements asserts, to
  the rulesets of each further level, a fact that adds the grades of the levels below.
* **One kept session per ruleset, emptied after every case.** Making a session costs the engine more
  than judging in it (it clears a large state node), so each ruleset keeps one: a case's fact is
  asserted into it, its rules fire, and the fact is retracted. Every rule is a test of that one fact
  (no joins and no negation: the compiler's guarantees), so the retraction can fire nothing
  and the next case finds the session as the first found it. The adapter checks that it did: the
  retraction must succeed and leave no action queued. Anything else (or any failure while judging)
  deletes the session, and the next case makes a fresh one.
* **Delete only after an action ran.** Deleting a session in which no action ran frees uninitialised
  pointers; the catch-all rule guarantees one ran before a session is kept or deleted, and a fresh
  session whose assert failed is never touched.
* **At most one session in use.** A process-wide lock spans assert-to-retract, so sessions never
  collide in the engine's 32-bit hash, and the limit of 1,024 live sessions per ruleset is never
  approached: a session that cannot be deleted stays counted, and a ruleset with too many is replaced.
* **Rulesets registered once per process**, named by rulebook id and digest, so two versions of a
  rulebook live side by side and re-loading one reuses its handle.
* **Values are checked before they arrive** (validation) and written so the engine's JSON parser reads
  them exactly (:func:`judgement.engine.compile.to_json`).
"""

from __future__ import annotations

import itertools
import json
import threading
import weakref
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import durable_rules_engine as _core

from judgement.engine.compile import CASE_MARK, CATCH_ALL, CompiledRulebook, number_json, to_json
from judgement.errors import EngineError, Problem

__all__ = [
    "FACTS_RECALLED",
    "MAX_LIVE_SESSIONS",
    "MAX_RULESETS",
    "Engine",
    "Recall",
    "RulesetRefused",
    "engine_for",
    "fact_text",
    "fired_rule",
    "kept_sessions",
    "live_sessions",
    "rulesets",
]

#: durable_rules keeps ruleset handles in a fixed global table.
MAX_RULESETS = 100_000
#: The engine allows 1,024 live sessions per ruleset. After every case a session is emptied and kept for
#: the next, or deleted; one that cannot be deleted safely (the engine failed before any action ran)
#: stays counted, and a ruleset with this many such sessions is replaced by a fresh copy, so the limit
#: is never reached.
MAX_LIVE_SESSIONS = 512

#: What :meth:`Engine.run` calls between levels: (level, engine names fired) -> the fields to add.
Settle = Callable[[int, Sequence[str]], Mapping[str, float | int]]

#: What :meth:`Engine.run` may be given to remember: the rules each ruleset fired, by (its place, the text
#: of the fact it was given).
Recall = dict[tuple[int, str], list[str]]
#: At most this many facts' firings kept in one :data:`Recall` (cleared when full).
FACTS_RECALLED = 4_096

_LOCK = threading.RLock()
_HANDLES: dict[str, int] = {}
_LIVE: dict[int, int] = {}  # handle -> sessions created and not yet deleted (kept ones included)
_KEPT: dict[int, str] = {}  # handle -> its kept session: empty, an action has run in it, ready for a case
_SIDS = itertools.count(1)


def live_sessions() -> int:
    """How many engine sessions hold a case or could not be deleted (always 0 between judgements); the
    empty session each ruleset keeps for the next case is counted by :func:`kept_sessions`."""
    with _LOCK:
        return sum(_LIVE.values()) - len(_KEPT)


def kept_sessions() -> int:
    """How many empty sessions are kept for the next case (at most one per ruleset in use)."""
    with _LOCK:
        return len(_KEPT)


class Engine:
    """A compiled rulebook registered with durable_rules; :meth:`run` judges one case's fact."""

    __slots__ = ("__weakref__", "_generations", "_handles", "_levels", "_names", "_of_level", "compiled")

    def __init__(self, compiled: CompiledRulebook) -> None:
        self.compiled = compiled
        self._names = [dict(part.fields) for part in compiled.parts]  # plain dicts: read for every fact
        self._levels = compiled.levels
        #: The places of the rulesets of each level.
        self._of_level = tuple(
            tuple(i for i, part in enumerate(compiled.parts) if part.level == level) for level in range(self._levels)
        )
        with _LOCK:
            self._handles = [_register(part.name, part.definition) for part in compiled.parts]
            self._generations = [0 for _ in compiled.parts]
        # When nothing uses this engine any more, its rulesets are deleted from the engine's memory (the
        # finaliser holds the list of handles, not the engine).
        weakref.finalize(self, _release, self._handles)

    def field_texts(self, fields: Mapping[str, float | int]) -> tuple[tuple[tuple[str, str], ...], ...]:
        """Each field of ``fields`` that each ruleset reads, with its text as :func:`fact_text` writes it
        (so that the text of any of them is a join of theirs), in the ruleset's order."""
        return tuple(
            tuple((k, fact_text({k: fields[k]}, {k: name})) for k, name in names.items() if k in fields)
            for names in self._names
        )

    def fixed_text(self, fields: Mapping[str, float | int]) -> tuple[str, ...]:
        """Fields that stay the same over many runs of one case, written once for each ruleset (those it
        reads), for :meth:`run`'s ``fixed``."""
        return tuple(fact_text(fields, names) for names in self._names)

    def run(
        self,
        fields: Mapping[str, float | int],
        settle: Settle | None = None,
        fixed: Sequence[str] = (),
        recall: Recall | None = None,
        depth: int | None = None,
    ) -> list[str]:
        """Assert one case's fact and return the engine names of the rules that fired, in firing order.

        ``fields`` holds validated, finite numbers (ints and doubles) keyed by fact field names; each
        ruleset is given those its rules read, and the others are left out. A rule whose condition holds
        in several ways is reported once. ``fixed`` is more of the fact, from :meth:`fixed_text`.

        A rulebook with derived judgements runs in levels: after the rules of level L fired,
        ``settle(L, names)`` turns them into grades and returns the fields they add (each area's grade
        as ``__g__area``), and the fact of level L + 1, the evidence with those grades, is asserted to
        the rulesets of the next level, whose rules fire on it.

        ``recall``, kept by the caller over runs of one case that differ in a few values (the changes a
        search proposes), holds what each ruleset fired by the exact text of the fact it was given: what
        a ruleset fires depends on that text alone, so a ruleset given a fact it was given before, byte
        for byte, is answered with what it fired then (at most :data:`FACTS_RECALLED` kept; cleared when
        full). With ``depth``, only the rulesets of the first ``depth`` levels are given the fact (the
        areas of a level read only the grades of the levels below it).
        """
        levels = self._levels if depth is None else min(depth, self._levels)
        if levels > 1 and settle is None:
            raise EngineError.of("engine.failure", "a rulebook with derived judgements needs grades between levels")
        fired: dict[str, None] = {}
        current: Mapping[str, float | int] = fields
        for level in range(levels):
            names = self.fire(self._of_level[level], current, fixed, recall)
            fired.update(dict.fromkeys(names))
            if level + 1 < levels:
                assert settle is not None
                current = {**current, **settle(level, names)}
        return list(fired)

    def fire(
        self,
        parts: Sequence[int],
        fields: Mapping[str, float | int],
        fixed: Sequence[str] = (),
        recall: Recall | None = None,
    ) -> list[str]:
        """The engine names of the rules that fired when the rulesets ``parts`` (places in
        ``compiled.parts``, all of one level) are each given the fact of ``fields`` with ``fixed`` (as
        :meth:`run` gives them), in firing order, ruleset by ruleset."""
        names: list[str] = []
        for index in parts:
            # a ruleset given none of these fields is given its fixed text alone
            names_of = self._names[index]
            given = "" if names_of.keys().isdisjoint(fields) else fact_text(fields, names_of)
            body = (fixed[index] if fixed else "") + given
            mark = self.compiled.parts[index].level + 1
            if recall is None:
                names.extend(self._run_one(index, body, mark))
                continue
            key = (index, body)
            found = recall.get(key)
            if found is None:
                found = self._run_one(index, body, mark)
                if len(recall) >= FACTS_RECALLED:
                    recall.clear()
                recall[key] = found
            names.extend(found)
        return names

    def _run_one(self, index: int, body: str, mark: int = 1) -> list[str]:
        with _LOCK:
            handle = self._handles[index]
            sid = _KEPT.pop(handle, None)  # taken while it holds this case
            used = sid is not None  # an action has run in it before, so deleting it is safe
            if sid is None:
                sid = f"c{next(_SIDS)}"
                _LIVE[handle] += 1  # counted until deleted: a failed assert may still have made a session
            fact = f'{{{body}"{CASE_MARK}":{mark},"sid":"{sid}"}}'
            fired: list[str] = []
            caught = emptied = False
            try:
                result = _core.assert_fact(handle, fact)
                if result[0] != 0:
                    raise EngineError.of(
                        "engine.failure", f"the engine did not handle the case fact (result {result[0]})"
                    )
                message = _core.start_action_for_state(handle, result[1])
                text = message[1] if message else None
                while text:
                    fired.append(fired_rule(text))
                    text = _core.complete_and_start_action(handle, result[1])
                caught = CATCH_ALL in fired
                if caught:
                    emptied = _empty(handle, fact)
            except EngineError:
                raise
            except Exception as error:  # the core raises plain Exception with an error code
                raise EngineError.of("engine.failure", f"the engine failed on a case fact: {error}") from None
            finally:
                if emptied:
                    _KEPT[handle] = sid
                elif used or CATCH_ALL in fired:  # an action ran, so deleting the session is safe
                    _delete(handle, sid)
                elif _LIVE[handle] >= MAX_LIVE_SESSIONS:
                    self._retire(index)
        if not caught:
            raise EngineError.of(
                "engine.failure",
                "the engine did not fire the catch-all rule; the session was left undeleted to avoid a crash",
            )
        fired.remove(CATCH_ALL)
        return fired

    def _retire(self, index: int) -> None:
        """Replace a ruleset whose sessions could not all be deleted with a fresh copy (new name)."""
        self._generations[index] += 1
        part = self.compiled.parts[index]
        # The old ruleset keeps its undeletable sessions, so it is never deleted: it is left out of the
        # handles this engine releases.
        self._handles[index] = _register(f"{part.name}~{self._generations[index]}", part.definition)


def _empty(handle: int, fact: str) -> bool:
    """Retract a judged case's fact from its session; whether the session is as empty as a fresh one
    (the retraction succeeded and queued no action), so the next case can use it."""
    try:
        result = _core.retract_fact(handle, fact)
    except Exception:  # the core raises plain Exception with an error code
        return False  # the grades stand (the rules fired); the session is deleted instead of kept
    if result[0] != 0:
        return False
    if _core.start_action_for_state(handle, result[1]) is None:
        return True
    # A rule fired on the retraction, which no compiled ruleset asks for: finish what it started, so
    # the session can be deleted, and report it rather than judge on.
    while _core.complete_and_start_action(handle, result[1]):
        pass
    raise EngineError.of("engine.failure", "the engine fired a rule when a judged case's fact was retracted")


def _delete(handle: int, sid: str) -> None:
    """Delete a session in which an action has run (deleting one in which none ran is unsafe)."""
    _core.delete_state(handle, sid)
    _LIVE[handle] -= 1


def _forget(handle: int) -> None:
    """Delete the kept session of a ruleset, if it has one."""
    sid = _KEPT.pop(handle, None)
    if sid is not None:
        _delete(handle, sid)


#: How many floats' texts :func:`fact_text` remembers (about 100 bytes each). Evidence repeats its numbers
#: (percentages to one decimal place, small counts), and ``repr`` of a float costs more than a lookup.
WRITTEN_FLOATS = 16_384
_WRITTEN: dict[float, str] = {}


def _written(value: float) -> str:
    """A float's text as :func:`~judgement.engine.compile.number_json` writes it, remembered for the next
    fact while fewer than :data:`WRITTEN_FLOATS` are (never zero, whose two signs are equal keys)."""
    text = repr(value)
    if "e" in text or "n" in text:  # an exponent, or inf or nan
        text = number_json(value)  # which mends the one and refuses the others
    if value and len(_WRITTEN) < WRITTEN_FLOATS:
        _WRITTEN[value] = text
    return text


def fact_text(fields: Mapping[str, float | int], names: Mapping[str, str] | None = None) -> str:
    """Fields of a case fact as the engine reads them (JSON members, each followed by a comma), each
    number as :func:`~judgement.engine.compile.number_json` writes it; with ``names`` (a ruleset's
    :attr:`~judgement.engine.compile.Part.fields`), only the fields it holds, each by the engine's name
    for it. A plain int is written by its own ``repr``, and a plain float by the text written for it
    before, when there was one."""
    if names is None:
        names = {k: k for k in fields}
    # a pass over whichever is smaller: the fields the ruleset reads, or those given
    pairs = names.items() if len(names) <= len(fields) else [(k, names[k]) for k in fields if k in names]
    known = _WRITTEN.get
    return "".join(
        [
            f'"{name}":{known(v) or _written(v)},'
            if (v := fields[k]).__class__ is float
            else (f'"{name}":{v!r},' if v.__class__ is int else f'"{name}":{number_json(v)},')
            for k, name in pairs
            if k in fields
        ]
    )


def fired_rule(message: str) -> str:
    """The rule an action message of the engine's core names. The core hands each action over as the
    state of the session it fires in, a JSON object whose first key is the rule's name
    (``{"r3":{"m":{...}},"sid":"c1",...}``); anything else is the engine misbehaving."""
    if message.startswith('{"'):
        end = message.find('"', 2)
        if end > 2 and message[end + 1 : end + 2] == ":":
            return message[2:end]
    raise EngineError.of(
        "engine.failure",
        f"the engine named a fired rule in a form judgement does not know: {message[:80]!r}",
        expected='an action message such as {"r3":{...}}',
    )


class RulesetRefused(EngineError):
    """The engine refused a ruleset; ``rule`` names the engine rule it refused, when one alone is refused."""

    def __init__(self, problems: Any, rule: str | None = None, reason: str = "") -> None:
        super().__init__(problems)
        self.rule = rule
        self.reason = reason  # what the engine said

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problems, self.rule, self.reason))


def _register(name: str, definition: str) -> int:
    handle = _HANDLES.get(name)
    if handle is None:
        if len(_HANDLES) >= MAX_RULESETS:
            raise EngineError.of("engine.failure", f"more than {MAX_RULESETS} engine rulesets loaded in one process")
        try:
            handle = _core.create_ruleset(name, definition)
        except Exception as error:  # the core raises plain Exception with an error code
            culprit = _refused_rule(name, definition)
            problem = Problem(
                f"the engine refused ruleset {name}" + (f" at rule {culprit}" if culprit else "") + f": {error}",
                code="engine.failure",
            )
            raise RulesetRefused([problem], culprit, str(error)) from None
        _HANDLES[name] = handle
        _LIVE[handle] = 0
    return handle


def _refused_rule(name: str, definition: str) -> str | None:
    """Which rule of a refused ruleset the engine refuses on its own (each tried in a ruleset of its own,
    deleted at once), so the refusal can be reported where the rule is written."""
    rules = json.loads(definition)
    for rule, body in rules.items():
        if rule == CATCH_ALL:
            continue
        probe = to_json({CATCH_ALL: rules[CATCH_ALL], rule: body})
        try:
            handle = _core.create_ruleset(f"{name}?{rule}", probe)
        except Exception:  # the core raises plain Exception with an error code
            return str(rule)
        _core.delete_ruleset(handle)
    return None


def _release(handles: list[int]) -> None:
    """Delete rulesets no engine uses any more. A ruleset with a live session (one that could not be
    deleted safely) is kept: deleting it would free that session's uninitialised memory."""
    with _LOCK:
        for handle in handles:
            _forget(handle)
            if _LIVE.get(handle, 1) != 0:
                continue
            _core.delete_ruleset(handle)
            del _LIVE[handle]
            for name, known in list(_HANDLES.items()):
                if known == handle:
                    del _HANDLES[name]


#: The engines in use, by compiled name: an engine lives while a judge (or a judgement) uses it.
_ENGINES: weakref.WeakValueDictionary[str, Engine] = weakref.WeakValueDictionary()


def engine_for(compiled: CompiledRulebook) -> Engine:
    """The process's engine for a compiled rulebook: shared while anything uses it, released after."""
    with _LOCK:
        engine = _ENGINES.get(compiled.name)
        if engine is None:
            engine = Engine(compiled)
            _ENGINES[compiled.name] = engine
        return engine


def rulesets() -> int:
    """How many rulesets the engine holds in this process (released ones are not counted)."""
    with _LOCK:
        return len(_HANDLES)
