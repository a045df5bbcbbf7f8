"""The benchmark suite: one command, one table.

    pip install '.[bench]'            # the peer engines (zen-engine, rule-engine, clipspy)
    python benchmarks/run.py          # W1 on every engine, UCRA 2010, batch workers, cold start
    python benchmarks/run.py --quick  # 2,000 cases instead of 10,000
    python benchmarks/run.py --instructions   # W1 counted in CPU instructions under valgrind's callgrind
    python benchmarks/run.py --cold-start     # judgement judge of one case against importing its libraries

Each engine runs in its own process so that its load time and peak memory are its own, twice, in turn
with the other engines, and its quieter process is kept. Every engine's
grades are compared with the plain-Python floor; the table shows the mismatches (there must be none).
Figures are printed, never asserted by tests.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
W1_ENGINES = [
    "plain",
    "plain-read",
    "plain-compact",
    "durable-core",
    "durable-host",
    "judgement",
    "judgement-trace",
    "judgement-read",
    "zen",
    "clips",
    "rule-engine",
]
LABELS = {
    "plain": "plain Python (floor)",
    "plain-read": "plain Python, traces as data",
    "plain-compact": "plain Python, compact traces",
    "durable-core": "durable_rules core, no trace",
    "durable-host": "durable_rules Python API",
    "judgement": "judgement, grades",
    "judgement-trace": "judgement, traces left unread",
    "judgement-read": "judgement, every trace read",
    "zen": "zen-engine, trace on",
    "clips": "CLIPS (clipspy)",
    "rule-engine": "rule-engine",
}


#: Processes per W1 engine, run in turn with the other engines' (the quieter one's figures are kept).
W1_PASSES = 2


def w1_table(cases: int) -> None:
    rows: dict[str, dict[str, Any]] = {}
    # every engine once, then every engine again: a slow spell of the machine falls on one pass of each
    # engine rather than on every pass of one, and each engine's quieter pass counts
    for _ in range(W1_PASSES):
        for engine in W1_ENGINES:
            done = subprocess.run(
                [sys.executable, str(HERE / "w1.py"), "--engine", engine, "--cases", str(cases)],
                capture_output=True,
                text=True,
                check=False,
            )
            line = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "{}"
            row = json.loads(line) if done.returncode == 0 else {"engine": engine, "error": done.stderr[-300:]}
            if engine not in rows or row.get("median_us", math.inf) < rows[engine].get("median_us", math.inf):
                rows[engine] = row
    print(f"W1: 16 areas, 40 percentage measures, 3 rules per area, {cases:,} seeded cases")
    print(f"{'engine':<32}{'median µs':>10}{'p95 µs':>10}{'cases/s':>10}{'load ms':>9}{'peak MB':>9}{'mismatch':>9}")
    for engine, r in rows.items():
        if "median_us" not in r:
            print(f"{LABELS[engine]:<32}  not run: {r.get('missing') or r.get('error', '?')}")
            continue
        print(
            f"{LABELS[engine]:<32}{r['median_us']:>10.1f}{r['p95_us']:>10.1f}{r['per_second']:>10,.0f}"
            f"{r['load_ms']:>9.0f}{r['peak_mb']:>9.1f}{r['mismatches']:>9}"
        )
    measured = {e: r for e, r in rows.items() if "median_us" in r}
    print("\nratios of median per-case time (row / column):")
    names = [e for e in W1_ENGINES if e in measured]
    print(f"{'':<32}" + "".join(f"{e[:11]:>12}" for e in names))
    for a in ("judgement", "judgement-trace", "judgement-read"):
        if a in measured:
            print(
                f"{LABELS[a]:<32}"
                + "".join(f"{measured[a]['median_us'] / measured[b]['median_us']:>12.2f}" for b in names)
            )
    paired(cases)


#: Engines timed in turn in one process (see :func:`paired`): grades against durable_rules' core, and
#: every trace read as data against zen-engine with its trace.
PAIRS = (("judgement", "durable-core"), ("judgement-read", "zen"))


def paired(cases: int) -> None:
    """Each of :data:`PAIRS` timed in turn in one process, where a slow spell falls on both alike."""
    for first, second in PAIRS:
        done = subprocess.run(
            [sys.executable, str(HERE / "w1.py"), "--pair", first, second, "--cases", str(cases)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            print(f"\n{LABELS[first]} and {LABELS[second]} in turn: not run: {done.stderr[-300:]}")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        if "ratio" not in r:
            print(f"\n{LABELS[first]} and {LABELS[second]} in turn: not run: {r.get('missing')}")
            continue
        one, other = r["median_us"]
        low, high = r["quartiles"]
        print(
            f"\n{LABELS[first]} and {LABELS[second]} in turn in one process ({r['rounds']} passes of distinct "
            f"cases, each in stretches of {r['stretch']} judged by one then the other; mismatches "
            f"{r['mismatches'][0]} and {r['mismatches'][1]}): quietest passes {one:.1f} µs and {other:.1f} µs; "
            f"ratio {r['ratio']:.2f}x, the median over {r['stretches']} stretches (quartiles {low:.2f}, {high:.2f})"
        )


def _instructions(engine: str, cases: int, rounds: int, out: Path) -> int:
    """The instructions one run of w1.py makes under callgrind (every instruction of the process)."""
    subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            sys.executable,
            str(HERE / "w1.py"),
            "--engine",
            engine,
            "--cases",
            str(cases),
            "--rounds",
            str(rounds),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    for line in out.read_text().splitlines():
        if line.startswith(("summary:", "totals:")):
            return int(line.split()[1])
    raise RuntimeError(f"no instruction total in {out}")


def instructions_table(cases: int) -> None:
    """W1 in instructions per case, a figure a noisy machine does not move: each engine runs under
    callgrind twice, with one and with three timed passes, each pass over cases of its own, and the
    difference is two passes over distinct cases (loading, generating the cases and checking them are
    the same in both runs and cancel out)."""
    if subprocess.run(["valgrind", "--version"], capture_output=True, check=False).returncode != 0:
        print("valgrind is not installed: apt-get install -y valgrind (Debian), then run this again")
        return
    per_case = {}
    with tempfile.TemporaryDirectory() as tmp:
        for engine in W1_ENGINES:
            try:
                one = _instructions(engine, cases, 1, Path(tmp) / f"{engine}-1.out")
                three = _instructions(engine, cases, 3, Path(tmp) / f"{engine}-3.out")
            except (subprocess.CalledProcessError, RuntimeError) as error:
                print(f"{LABELS[engine]:<32}  not run: {str(error)[-200:]}")
                continue
            per_case[engine] = (three - one) / (2 * cases)
    print(f"W1 under callgrind, {cases:,} cases a pass, instructions per case (two passes of distinct cases)")
    for engine, count in per_case.items():
        print(f"{LABELS[engine]:<32}{count / 1e6:>10.2f} M")
    names = list(per_case)
    print("\nratios of instructions per case (row / column):")
    print(f"{'':<32}" + "".join(f"{e[:11]:>12}" for e in names))
    for a in ("judgement", "judgement-trace", "judgement-read"):
        if a in per_case:
            print(f"{LABELS[a]:<32}" + "".join(f"{per_case[a] / per_case[b]:>12.2f}" for b in names))


def batch_table(count: int) -> None:
    sys.path.insert(0, str(HERE))
    import bench_judge

    import judgement

    rulebook = judgement.load_rulebook(ROOT / "rules" / "ucra-2010")
    cases = bench_judge.generate(rulebook, count)
    with tempfile.TemporaryDirectory() as tmp:
        sheet = Path(tmp) / "councils.csv"
        measures = list(rulebook.measures)
        with sheet.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["authority", "inspected", "rulebook", *measures])
            for case in cases:
                row = [case.authority, case.inspected.isoformat(), "ucra-2010"]
                for m in measures:
                    item = case.evidence.get(m)
                    row.append("" if item is None else str(item.value).lower())
                writer.writerow(row)
        timings = {}
        for workers in (1, 2):
            runs = []
            for _ in range(3):  # the quietest of three runs counts
                start = time.perf_counter()
                done = subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "judgement",
                        "judge",
                        str(sheet),
                        "--format",
                        "jsonl",
                        "--workers",
                        str(workers),
                        "-o",
                        str(Path(tmp) / f"out{workers}.jsonl"),
                    ],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                runs.append(time.perf_counter() - start)
                if done.returncode != 0:
                    print(done.stderr[-500:])
            timings[workers] = min(runs)
        same = (Path(tmp) / "out1.jsonl").read_bytes() == (Path(tmp) / "out2.jsonl").read_bytes()
    print(f"\nbatch CLI, {count:,} UCRA rows from a spreadsheet to JSON lines with full traces:")
    for workers, seconds in timings.items():
        print(f"  --workers {workers}: {seconds:6.2f} s  ({count / seconds:,.0f} cases/s)")
    print(f"  speed-up with 2 workers: {timings[1] / timings[2]:.2f}x; identical output: {same}")


def cold_start(rounds: int = 21) -> None:
    """``judgement judge`` of one case against importing the libraries it cannot do without, each command
    in a fresh process, every command once in each round, in an order shuffled afresh each round (seeded),
    so that neither a slow spell of the machine nor the command run just before favours one. The judgement
    is timed with the checked rulebook kept from an earlier run (as every run after the first finds it) and
    with the cache off (as a first run, or one after an edit, reads it). Printed: each command's median,
    its ratio to the libraries' median, and the median (and quartiles) of its ratio to the libraries' time
    in the same round, which a machine whose speed drifts over the run moves less."""
    case = str(ROOT / "fixtures" / "ucra-2010" / "staffordshire-2010.yaml")
    # with bytecode cached, as an installed package has it (the first run writes what is missing)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "JUDGEMENT_CACHE")}
    libraries = "the libraries (attrs, PyYAML, durable_rules, click)"
    shuffle = random.Random(0).shuffle
    with tempfile.TemporaryDirectory() as kept:
        env["JUDGEMENT_CACHE_DIR"] = kept
        commands = {
            "python, nothing imported": ([sys.executable, "-c", "pass"], env),
            # the data model, the case's YAML, the engine, the command line
            libraries: ([sys.executable, "-c", "import attrs, yaml, durable_rules_engine, click"], env),
            "import judgement": ([sys.executable, "-c", "import judgement"], env),
            "judgement judge, one case, rulebook kept": ([sys.executable, "-m", "judgement", "judge", case], env),
            "judgement judge, one case, cache off": (
                [sys.executable, "-m", "judgement", "judge", case],
                {**env, "JUDGEMENT_CACHE": "off"},
            ),
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for cmd, cmd_env in commands.values():  # bytecode written, the rulebook kept
            subprocess.run(cmd, capture_output=True, check=True, env=cmd_env)
        for _ in range(rounds):
            order = list(commands.items())
            shuffle(order)
            for name, (cmd, cmd_env) in order:
                start = time.perf_counter()
                subprocess.run(cmd, capture_output=True, check=True, env=cmd_env)
                times[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(runs) for name, runs in times.items()}
    print(f"\ncold start ({rounds} rounds, each in a shuffled order; medians, their ratio to the libraries', and")
    print("the median [quartiles] of the ratio to the libraries' time in the same round):")
    for name, value in medians.items():
        ratios = [t / lib for t, lib in zip(times[name], times[libraries], strict=True)]
        low, mid, high = statistics.quantiles(ratios, n=4)
        paired = f"{mid:5.2f}x [{low:.2f}, {high:.2f}]"
        print(f"  {name:<55} {value * 1000:6.0f} ms  {value / medians[libraries]:5.2f}x  {paired}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="2,000 cases instead of 10,000")
    parser.add_argument(
        "--instructions",
        type=int,
        nargs="?",
        const=300,
        metavar="CASES",
        help="count W1 in CPU instructions under callgrind instead (300 cases unless given)",
    )
    parser.add_argument("--cold-start", action="store_true", help="time only the cold start of one case")
    args = parser.parse_args()
    if args.cold_start:
        cold_start()
        return 0
    if args.instructions:
        instructions_table(args.instructions)
        return 0
    count = 2_000 if args.quick else 10_000
    w1_table(count)
    print("\nUCRA 2010 rulebook:")
    subprocess.run([sys.executable, str(HERE / "bench_judge.py"), "--cases", str(count)], check=False)
    batch_table(count // 2)
    cold_start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
