"""Judge 10,000 generated UCRA cases and the Staffordshire case; compare with durable_rules driven directly.

    python benchmarks/bench_judge.py                 # 10,000 cases, the default
    python benchmarks/bench_judge.py --cases 2000    # quicker
    python benchmarks/bench_judge.py --memory 100000 # RSS every 10% over 100,000 judgements

Prints median and p95 per-case time, throughput and peak memory for:
  judgement   the public API: grades and reasons, every engine firing checked (judgement.judge(rulebook, case));
  + trace     the same with every area's full trace and the stamp built;
  engine      judgement's engine adapter alone (no validation, no trace);
  floor       the same facts asserted into durable_rules' compiled core directly, same rulesets, no trace.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import random
import resource
import statistics
import sys
import time
from pathlib import Path

import durable_rules_engine as core

import judgement
from judgement.judging.facts import case_fact
from judgement.judging.judge import Judge
from judgement.lang.normal import field_name
from judgement.model import Unit

ROOT = Path(__file__).resolve().parents[1]


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(rulebook: judgement.Rulebook, count: int, seed: int = 2010) -> list[judgement.Case]:
    rnd = random.Random(seed)
    cases = []
    start = dt.date(2009, 6, 1)
    for i in range(count):
        evidence: dict[str, object] = {}
        for m in rulebook.measures.values():
            if rnd.random() < 0.05:
                continue  # some evidence missing, as in real returns
            if m.unit is Unit.FLAG:
                evidence[m.id] = rnd.random() < 0.2
            elif m.unit is Unit.COUNT:
                evidence[m.id] = rnd.choice([0, 0, 0, 1, 2, 5, 12])
            elif m.unit is Unit.LEVEL:
                evidence[m.id] = rnd.choice(m.levels)
            else:
                high = min(m.maximum, 100.0)
                item: dict[str, object] = {"value": round(rnd.uniform(m.minimum, high), 1)}
                if rnd.random() < 0.5:
                    item["england"] = round(rnd.uniform(m.minimum, high), 1)
                    item["neighbours"] = round(rnd.uniform(m.minimum, high), 1)
                evidence[m.id] = item
        for m in rulebook.measures.values():  # a count of one cause is at most the total it is a part of
            total = evidence.get(m.at_most) if m.at_most is not None else None
            if m.id in evidence and isinstance(total, int) and not isinstance(total, bool):
                evidence[m.id] = min(evidence[m.id], total)  # type: ignore[type-var]
        day = start + dt.timedelta(days=rnd.randrange(0, 1060))
        cases.append(
            judgement.load_case(
                {
                    "case": f"g{i}",
                    "authority": f"Authority {i}",
                    "inspected": day.isoformat(),
                    "rulebook": rulebook.id,
                    "evidence": evidence,
                }
            )
        )
    return cases


def timed(func, items, rounds: int = 3) -> list[float]:  # type: ignore[no-untyped-def]
    """Per-item times of the quietest of ``rounds`` passes (other load on the machine only adds time)."""
    best: list[float] | None = None
    clock = time.perf_counter
    for _ in range(rounds):
        times = []
        for item in items:
            t0 = clock()
            func(item)
            times.append(clock() - t0)
        if best is None or statistics.median(times) < statistics.median(best):
            best = times
    return best or []


def row(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    median = statistics.median(ordered) * 1e6
    p95 = ordered[int(len(ordered) * 0.95)] * 1e6
    rate = len(times) / sum(times)
    return f"{name:<12} {median:>10.1f} {p95:>10.1f} {rate:>12,.0f}"


def main() -> int:  # noqa: PLR0915 - a script: one step after another
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--memory", type=int, default=0, help="also judge this many cases and report RSS")
    args = parser.parse_args()

    t0 = time.perf_counter()
    rulebook = judgement.load_rulebook(ROOT / "rules" / "ucra-2010")
    prepared = Judge(rulebook)
    load_ms = (time.perf_counter() - t0) * 1000
    cases = generate(rulebook, args.cases)
    wanted = set(prepared.compiled.fields)
    facts = [{k: v for k, v in case_fact(rulebook, c).items() if k in wanted} for c in cases]
    # Derived judgements fire on the grades of the areas below them: each case's grades, settled once
    # here, are what the engine and the floor are given between levels.
    grade_keys = {field_name(a.id, grade=True) for a in rulebook.areas}
    grades = [{k: v for k, v in prepared.run(c, case_fact(rulebook, c))[1].items() if k in grade_keys} for c in cases]
    handles = [
        (core.create_ruleset(p.name + "/floor", p.definition), p.level, dict(p.fields)) for p in prepared.compiled.parts
    ]

    def floor(item: tuple[dict[str, object], dict[str, object]]) -> None:
        fact, settled = item
        for n, (handle, level, read) in enumerate(handles):  # each ruleset gets the fields it reads
            sid = f"f{n}"
            given = {**fact, **(settled if level else {})}
            body = {**{read[k]: v for k, v in given.items() if k in read}, "sid": sid, "__case__": level + 1}
            text = json.dumps(body)
            result = core.assert_fact(handle, text)
            message = core.start_action_for_state(handle, result[1])
            while message:
                message = core.complete_and_start_action(handle, result[1])
            core.retract_fact(handle, text)  # the session is kept for the next case, as judgement does

    staffs = judgement.load_case(ROOT / "fixtures" / "ucra-2010" / "staffordshire-2010.yaml")
    for case in cases[:200]:  # warm up
        prepared.judge(case)
    gc.collect()
    base_rss = rss_mb()
    t_judge = timed(prepared.judge, cases)

    def with_trace(case: judgement.Case) -> None:
        result = prepared.judge(case)
        for area in result:
            area.trace  # noqa: B018 - building the trace is what is measured
        result.stamp  # noqa: B018

    t_trace = timed(with_trace, cases)
    pairs = list(zip(facts, grades, strict=True))
    t_engine = timed(lambda item: prepared.engine.run(item[0], lambda _level, _names: item[1]), pairs)
    t_floor = timed(floor, pairs)
    t_staffs = timed(prepared.judge, [staffs] * 200)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(
        f"judgement {judgement.__version__}, Python {sys.version.split()[0]}, {len(cases):,} generated cases, "
        f"rulebook ucra-2010 ({len(prepared.compiled.parts)} engine rulesets, "
        f"{len(prepared.compiled.rules)} rules), load+compile {load_ms:.0f} ms"
    )
    print(f"{'':<12} {'median µs':>10} {'p95 µs':>10} {'cases/s':>12}")
    print(row("judgement", t_judge))
    print(row("+ trace", t_trace))
    print(row("engine", t_engine))
    print(row("floor", t_floor))
    print(row("staffordshire", t_staffs))
    floor = statistics.median(t_floor)
    print(
        f"judgement / floor (median): {statistics.median(t_judge) / floor:.2f}x;  with trace: "
        f"{statistics.median(t_trace) / floor:.2f}x;  engine / floor: {statistics.median(t_engine) / floor:.2f}x"
    )
    print(f"RSS before timing {base_rss:.1f} MB, peak {peak:.1f} MB")
    sample = json.dumps(judgement.judge(rulebook, cases[0]).to_dict())
    print(f"trace size for one case: {len(sample):,} bytes of JSON")
    judgement.simulate(rulebook, staffs, draws=200)  # warm up
    t0 = time.perf_counter()
    judgement.simulate(rulebook, staffs, draws=10_000, seed=0)
    spent = time.perf_counter() - t0
    print(f"probability of each grade, Staffordshire, 10,000 draws: {spent:.2f} s ({spent * 100:.0f} µs a draw)")

    if args.memory:
        print(f"memory over {args.memory:,} distinct judgements, every trace read as data (RSS MB):")
        step = max(1, args.memory // 10)
        for chunk in range(10):  # each tenth judges cases of its own (a fresh seed), as users judge distinct cases
            for case in generate(rulebook, step, seed=chunk + 1):
                result = prepared.judge(case)
                for area in result:
                    area.trace.to_dict()
                result.stamp.to_dict()
            print(f"  {(chunk + 1) * step:>9,}  {rss_mb():.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
