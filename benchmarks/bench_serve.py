"""``judgement serve`` on loopback: clients posting cases to /api/judge at once, each answer checked
against the library's own judgement of the same case.

    python benchmarks/bench_serve.py                 # starts the server, 50 clients for 20 s
    python benchmarks/bench_serve.py --clients 10 --seconds 5

Prints requests, errors, answers that differ from the library's, throughput and latency percentiles.
All of the server's work (reading the body, checking the case, judging, writing the JSON) and the
client's (sending, reading, parsing) is inside each request's clock.
"""

from __future__ import annotations

import argparse
import json
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _cases() -> list[tuple[dict[str, Any], dict[str, str]]]:
    """Case documents to post, with the grades the library gives each: the fixture cases and a spread
    of councils' cases from the official statistics."""
    import judgement

    out = []
    fixtures = sorted((ROOT / "fixtures" / "ucra-2010").glob("*.yaml"))[:10]
    councils = judgement.data.cases(year=2025)[::15]
    for case in [judgement.load_case(p) for p in fixtures] + councils:
        if case.expect_error is not None:
            continue
        try:
            result = judgement.judge(judgement.rulebook_for(case), case)
        except judgement.JudgementError:
            continue
        document = json.loads(json.dumps(case.to_dict(), default=str))
        out.append((document, {a.area: a.grade.id for a in result}))
    return out


def load(address: str, *, clients: int = 50, seconds: float = 20, most: int = 20_000) -> dict[str, Any]:
    """``clients`` threads posting cases in turn for ``seconds`` (at most ``most`` requests in all)."""
    import httpx

    cases = _cases()
    latencies: list[float] = []
    errors: list[str] = []
    wrong = 0
    count = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(k: int) -> None:
        nonlocal wrong, count
        with httpx.Client(base_url=address, timeout=60) as http:
            i = k
            while time.monotonic() < stop:
                with lock:
                    if count >= most:
                        return
                    count += 1
                document, expected = cases[i % len(cases)]
                i += clients
                start = time.perf_counter()
                try:
                    response = http.post("/api/judge", json={"case": document, "trace": False})
                    body = response.json()
                except (httpx.HTTPError, ValueError) as error:
                    with lock:
                        errors.append(repr(error))
                    continue
                spent = time.perf_counter() - start
                with lock:
                    latencies.append(spent)
                    if response.status_code != 200:
                        errors.append(f"{response.status_code}: {response.text[:200]}")
                    elif {a["area"]: a["grade"] for a in body["areas"]} != expected:
                        wrong += 1

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    ordered = sorted(latencies)
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "errors": len(errors),
        "first_error": errors[0] if errors else None,
        "wrong": wrong,
        "per_second": round(len(latencies) / elapsed, 1) if elapsed else 0.0,
        "median_ms": round(statistics.median(ordered) * 1000, 1) if ordered else None,
        "p95_ms": round(ordered[int(len(ordered) * 0.95)] * 1000, 1) if ordered else None,
        "cases": len(cases),
    }


def describe(figures: dict[str, Any]) -> str:
    return (
        f"{figures['clients']} clients, {figures['seconds']} s: {figures['requests']:,} requests "
        f"({figures['per_second']}/s) over {figures['cases']} distinct cases, {figures['errors']} errors, "
        f"{figures['wrong']} answers unlike the library's; latency median {figures['median_ms']} ms, "
        f"95th percentile {figures['p95_ms']} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    started = time.perf_counter()
    command = [sys.executable, "-m", "judgement", "serve", "--port", "0"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        try:
            line = process.stdout.readline()
            ready = time.perf_counter() - started
            address = line.split()[2].rstrip("/")
            import httpx

            httpx.get(address + "/api/rulebooks", timeout=60)
            answering = time.perf_counter() - started
            print(f"started: address printed after {ready:.2f} s, first answer after {answering:.2f} s")
            print(describe(load(address, clients=args.clients, seconds=args.seconds)))
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
