"""``python -m benchmarks [NAME ...]``: run benchmarks, print a table, write JSON."""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.harness import REGISTRY, summarise

HERE = Path(__file__).resolve().parent


def load_all() -> None:
    for path in sorted(HERE.glob("bench_*.py")):
        importlib.import_module(f"benchmarks.{path.stem}")


def fmt(value: Any) -> str:
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def print_table(rows: list[dict[str, Any]]) -> None:
    columns = ["name", "median_ms", "p95_ms", "baseline_median_ms", "ratio_median", "target"]
    widths = {c: max(len(c), *(len(fmt(r.get(c, ""))) for r in rows)) for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns))
    for row in rows:
        print("  ".join(fmt(row.get(c, "")).ljust(widths[c]) for c in columns))
        extras = {k: v for k, v in row.items() if k not in columns and not k.startswith("baseline")}
        extras.pop("n", None)
        extras.pop("ratio_p95", None)
        if extras:
            print("    " + ", ".join(f"{k}={fmt(v)}" for k, v in extras.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--out", default=str(HERE / "results" / "latest.json"))
    args = parser.parse_args(argv)
    load_all()
    unknown = [n for n in args.names if n not in REGISTRY]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(REGISTRY)}")
    rows = []
    for name in args.names or list(REGISTRY):
        bench = REGISTRY[name]
        print(f"running {name} …", file=sys.stderr, flush=True)
        rows.append(summarise(name, bench.target, bench.run()))
    print_table(rows)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "machine": platform.platform()}
    out.write_text(json.dumps({"meta": meta, "results": rows}, indent=2) + "\n")
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
