"""Branch coverage of each layer of the package, from coverage's JSON report, the layers read from the
import-linter contract in pyproject.toml (one owner of the layering):

    python -m coverage json -o coverage.json && python .ci/coverage_by_layer.py coverage.json
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def layers() -> list[list[str]]:
    """The contract's layers, top first, each a list of its modules or packages."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contract = config["tool"]["importlinter"]["contracts"][0]
    return [[part.strip() for part in layer.split("|")] for layer in contract["layers"]]


def main(report: str) -> None:
    files = json.loads(Path(report).read_text())["files"]
    rows = []
    for layer in layers():
        covered = total = 0
        for name, data in files.items():
            parts = Path(name).parts
            if "judgement" not in parts:
                continue
            inside = parts[parts.index("judgement") + 1 :]
            top = inside[0].removesuffix(".py") if inside else ""
            if top in layer:
                summary = data["summary"]
                covered += summary["covered_lines"] + summary.get("covered_branches", 0)
                total += summary["num_statements"] + summary.get("num_branches", 0)
        if total:
            rows.append((" | ".join(layer), covered, total))
    width = max(len(r[0]) for r in rows)
    print(f"{'layer'.ljust(width)}  lines and branches covered")
    for name, covered, total in rows:
        print(f"{name.ljust(width)}  {100 * covered / total:5.1f}%  ({covered} of {total})")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "coverage.json")
