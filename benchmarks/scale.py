"""``python -m benchmarks.scale`` (``make bench-scale``): each records path at 1k to 300k.

Prints one row per path with its CPU p95 at every size and how much it grew
from the smallest to the largest size, and writes
``benchmarks/results/scale.json``. The vaults are built once and cached
(``benchmarks/vaults.py``); the first run takes several minutes to build the
300,000-record vault. ``docs/performance.md`` states each path's growth.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

from benchmarks.harness import percentile
from benchmarks.records_paths import save_samples, scroll_child, search_samples, typing_samples
from benchmarks.vaults import vault_at

SIZES = (1_000, 10_000, 100_000, 300_000)
HERE = Path(__file__).resolve().parent


def p95_ms(samples: list[float]) -> float:
    return round(percentile(samples, 95) * 1000, 2)


def growth(first: float, last: float, sizes: tuple[int, ...]) -> str:
    """Flat, logarithmic or linear, from the smallest to the largest size."""
    grew = last / max(first, 1e-3)
    span = sizes[-1] / sizes[0]
    if grew < 2:
        return f"flat ({grew:.1f}x for {span:.0f}x records)"
    if grew < 2 * math.log2(span):
        return f"logarithmic-ish ({grew:.1f}x for {span:.0f}x records)"
    return f"linear-ish ({grew:.1f}x for {span:.0f}x records)"


def measure(sizes: tuple[int, ...]) -> dict[str, dict[int, float]]:
    table: dict[str, dict[int, float]] = {}

    def put(path: str, size: int, value: float) -> None:
        table.setdefault(path, {})[size] = value

    for size in sizes:
        print(f"{size:,} records …", file=sys.stderr, flush=True)
        vault_at(size)
        got = search_samples(size, 60, 2)
        put("search (count + 200 rows), CPU p95 ms", size, p95_ms(got["cpu"]))
        put("  plain FTS5 + ORDER BY date LIMIT 50, CPU p95 ms", size, p95_ms(got["base_cpu"]))
        _wall, cpu, _hits = typing_samples(size, repeats=10)
        put('typing "555", CPU p95 ms', size, p95_ms(cpu))
        scrolled = scroll_child(size, repeats=3)
        put("scroll to the end, CPU p95 ms", size, p95_ms(scrolled["end_cpu"]))
        put("list RSS max anywhere, MB", size, round(scrolled["rss_max_mb"], 1))
        saved = save_samples(size, 30)
        put("intake save storage, CPU p95 ms", size, p95_ms(saved["store_cpu"]))
        put("  plain sqlite3 save, CPU p95 ms", size, p95_ms(saved["base_cpu"]))
        put("wizard save() whole, CPU p95 ms", size, p95_ms(saved["cpu"]))
    return table


def show(table: dict[str, dict[int, float]], sizes: tuple[int, ...]) -> None:
    name_w = max(len(k) for k in table)
    heads = [f"{s:,}" for s in sizes]
    print("path".ljust(name_w), *(h.rjust(9) for h in heads), "  growth")
    for path, values in table.items():
        cells = [f"{values.get(s, float('nan')):9.2f}" for s in sizes]
        print(path.ljust(name_w), *cells, "  " + growth(values[sizes[0]], values[sizes[-1]], sizes))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale")
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--out", default=str(HERE / "results" / "scale.json"))
    args = parser.parse_args(argv)
    sizes = tuple(int(s) for s in args.sizes.split(","))
    table = measure(sizes)
    show(table, sizes)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    out.write_text(json.dumps({"when": stamp, "sizes": sizes, "table": table}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
