"""Every English council, every year: cases made from the shipped statistics and judged under ilacs-2018.

python benchmarks/bench_councils.py            # prints the time to make and judge every case, and the
                                               # distribution of the two derived judgements per year
"""

from __future__ import annotations

import collections
import time
from pathlib import Path

import judgement
from judgement.data.statistics import SHIPPED, load_statistics

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    started = time.perf_counter()
    stats = load_statistics(SHIPPED)
    loaded = time.perf_counter()
    judge = judgement.Judge(judgement.load_rulebook(ROOT / "rules" / "ilacs-2018"))
    made = judged = 0
    table: dict[int, dict[str, collections.Counter[str]]] = {}
    make_time = judge_time = 0.0
    for year in range(2018, max(stats.years()) + 1):
        counts = {"help_and_protection": collections.Counter[str](), "leaders": collections.Counter[str]()}
        for code in stats.councils(year):
            t0 = time.perf_counter()
            doc = stats.case(code, year)
            if doc is None:
                continue
            case = judgement.load_case(doc)
            t1 = time.perf_counter()
            result = judge.judge(case)
            t2 = time.perf_counter()
            make_time += t1 - t0
            judge_time += t2 - t1
            made += 1
            judged += 1
            for area, counter in counts.items():
                judged_area = result.areas[area]
                mark = "?" if judged_area.status is judgement.AreaStatus.PARTIAL else ""
                counter[judged_area.grade.code + mark] += 1
        table[year] = counts
    total = time.perf_counter() - started
    each = 1e6 * judge_time / max(judged, 1)
    print(
        f"statistics loaded in {loaded - started:.2f} s; {made:,} council-years made in {make_time:.2f} s, "
        f"judged in {judge_time:.2f} s ({each:.0f} µs each); {total:.2f} s in all"
    )
    print(f"{'year':<6}{'help_and_protection':<52}leaders   (? partial, NJ not judged)")
    for year, counts in table.items():
        cells = [
            "  ".join(f"{k} {v}" for k, v in sorted(counts[a].items())) for a in ("help_and_protection", "leaders")
        ]
        print(f"{year}  {cells[0]:<52}{cells[1]}")


if __name__ == "__main__":
    main()
