"""How long explanations take where a reader waits for them.

    python benchmarks/bench_explain.py [--year 2025] [--rounds 3]

Prints, from the statistics shipped with the package:

* the HTML grid of every council for one year against the CSV grid of the same councils, both through
  the command line from the same case files (a fresh process each, as a user runs them; rounds in turn,
  medians), and their ratio;
* one council's HTML report (Staffordshire), through the command line from its name, as a user asks
  for it (everything inside the clock: start-up, statistics, rulebook, judging, explaining, figures);
* one council's HTML report in a process that has read the statistics and the rulebook, for each of six
  councils (judging, explaining every area, the figures and the page inside the clock);
* the explanation of one area (``judgement.explain``) after the rulebook is loaded and the case judged,
  for each area of a few councils, in a fresh process per council (nothing learnt from other cases),
  and again for the next councils in the same process (what the searches learnt is reused).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_COUNCILS = ("Staffordshire", "Hull", "Camden", "Cornwall", "Leeds", "Rutland")

_REPORT = r"""
import sys, time
import judgement
import judgement.data
year, name = int(sys.argv[1]), sys.argv[2]
warm = judgement.data.cases(year, "Rutland")[0]  # the statistics read, the rulebook loaded, a judge made
rulebook = judgement.rulebook_for(warm)
judgement.judge(rulebook, warm)
start = time.perf_counter()
case = judgement.data.cases(year, name)[0]
judgement.render(judgement.judge(rulebook, case), "html")
print(f"{time.perf_counter() - start:.6f}")
"""

_ONE_PROCESS = r"""
import sys, time
import judgement
import judgement.data
year = int(sys.argv[1])
rulebook = None
cold, later = [], []
for k, name in enumerate(sys.argv[2:]):
    case = judgement.data.cases(year, name)[0]
    rulebook = rulebook or judgement.rulebook_for(case)
    result = judgement.judge(rulebook, case)
    for area in result:
        start = time.perf_counter()
        judgement.explain(result, area.area)
        (cold if k == 0 else later).append(time.perf_counter() - start)
print(" ".join(f"{t:.6f}" for t in cold))
print(" ".join(f"{t:.6f}" for t in later))
"""


#: Every process with its bytecode cached, as an installed package has it (pip compiles it on installing;
#: a shell that sets PYTHONDONTWRITEBYTECODE would otherwise time compiling our modules from source).
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "judgement", *args], check=True, stdout=subprocess.DEVNULL, env=_ENV)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        cases = Path(folder) / "cases"
        subprocess.run(
            [sys.executable, "-m", "judgement", "data", "cases", "--year", str(options.year), "-o", str(cases)],
            check=True,
            stdout=subprocess.DEVNULL,
            env=_ENV,
        )
        count = len(list(cases.glob("*.yaml")))
        csv_times, html_times, report_times = [], [], []
        for _ in range(options.rounds):  # in turn, so a slow spell of the machine falls on each alike
            csv_times.append(_run(["judge", str(cases), "--format", "csv", "-o", f"{folder}/grid.csv"]))
            html_times.append(_run(["judge", str(cases), "--format", "html", "-o", f"{folder}/grid.html"]))
            report_times.append(
                _run(
                    [
                        "judge",
                        "--authority",
                        "Staffordshire",
                        "--year",
                        str(options.year),
                        "--format",
                        "html",
                        "-o",
                        f"{folder}/one.html",
                    ]
                )
            )
        size = (Path(folder) / "grid.html").stat().st_size
    csv_median, html_median = statistics.median(csv_times), statistics.median(html_times)
    print(f"every council, {options.year}: {count} cases, medians of {options.rounds} rounds")
    print(f"  CSV grid          {csv_median:8.2f} s")
    print(f"  HTML grid         {html_median:8.2f} s   ({size / 1e6:.1f} MB)")
    print(f"  HTML / CSV        {html_median / csv_median:8.2f}x")
    print(f"one council's HTML report (Staffordshire {options.year}), from the command line")
    print(
        f"  median            {statistics.median(report_times):8.2f} s   (rounds: "
        + ", ".join(f"{t:.2f}" for t in report_times)
        + ")"
    )
    cold: list[float] = []
    warm: list[float] = []
    reports: list[float] = []
    for k in range(len(_COUNCILS)):
        names = [_COUNCILS[k], *(_COUNCILS[j] for j in range(len(_COUNCILS)) if j != k)]
        out = subprocess.run(
            [sys.executable, "-c", _ONE_PROCESS, str(options.year), *names],
            check=True,
            capture_output=True,
            text=True,
            env=_ENV,
        ).stdout.splitlines()
        cold.extend(float(t) for t in out[0].split())
        if k == 0:
            warm.extend(float(t) for t in out[1].split())
        made = subprocess.run(
            [sys.executable, "-c", _REPORT, str(options.year), _COUNCILS[k]],
            check=True,
            capture_output=True,
            text=True,
            env=_ENV,
        )
        reports.append(float(made.stdout))
    print("one council's HTML report in a process with the statistics and rulebook loaded (judging, explaining")
    print("every area, figures and writing the page inside the clock; nothing learnt from other councils' searches)")
    print(
        f"  median            {statistics.median(reports):8.2f} s   (councils: "
        + ", ".join(f"{name} {t:.2f}" for name, t in zip(_COUNCILS, reports, strict=True))
        + ")"
    )
    for label, times in (("first council in a process", cold), ("later councils, same process", warm)):
        ordered = sorted(times)
        print(f"explain one area, after the rulebook is loaded and the case judged: {label}")
        print(
            f"  median {1000 * statistics.median(ordered):7.1f} ms   90th percentile "
            f"{1000 * ordered[int(0.9 * (len(ordered) - 1))]:7.1f} ms   slowest {1000 * ordered[-1]:7.1f} ms"
            f"   ({len(ordered)} explanations)"
        )


if __name__ == "__main__":
    main()
