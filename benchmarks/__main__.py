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


def figure(row: dict[str, Any]) -> str:
    """The headline number of a row: what its target is judged on."""
    if "figure" in row:
        return str(row["figure"])
    if "cpu_p95_ms" in row:
        text = f"CPU p95 {row['cpu_p95_ms']:.2f} ms (wall p95 {row['p95_ms']:.2f} ms)"
    else:
        text = f"p95 {row['p95_ms']:.2f} ms"
    if "cpu_ratio_p95" in row:
        text += f"; {row['cpu_ratio_p95']:.2f}x baseline CPU p95 (wall {row['ratio_p95']:.2f}x)"
    elif "ratio_p95" in row:
        text += f"; {row['ratio_p95']:.2f}x baseline p95"
    if "rss_max_mb" in row:
        text += f"; RSS max {row['rss_max_mb']:.0f} MB"
    return text


def verdict(row: dict[str, Any]) -> str:
    if "pass" not in row:
        return "-"
    return "PASS" if row["pass"] else "FAIL"


SHOWN = {"name", "target", "figure", "pass", "n"}


def print_table(rows: list[dict[str, Any]]) -> None:
    """One line per benchmark: name, target, figure, PASS/FAIL; then its details."""
    lines = [(r["name"], r.get("target", "") or "-", figure(r), verdict(r)) for r in rows]
    heads = ("benchmark", "target", "figure", "verdict")
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(heads)]
    print("  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)))
    for row, line in zip(rows, lines, strict=True):
        print("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)))
        details = {k: v for k, v in row.items() if k not in SHOWN}
        print("    " + ", ".join(f"{k}={fmt(v)}" for k, v in details.items()))


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
        rows.append(summarise(name, bench.target, bench.run(), bench.check))
    print_table(rows)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "machine": platform.platform()}
    out.write_text(json.dumps({"meta": meta, "results": rows}, indent=2) + "\n")
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
