"""A small benchmark harness: register, repeat, summarise, compare to a baseline.

Benchmarks are measurements, not tests: nothing here fails a build. Each one
reports its median and p95 and, where it has one, a bare baseline measured in
the same run, so the ratio means something on any machine.

Wall time on a shared 2-core machine swings several-fold with other load, so
a benchmark may also record CPU time (``repeat_cpu``: this process's user +
system seconds, which other processes do not inflate). A ``check`` turns the
summary into PASS or FAIL against the issue's target; targets are judged on
CPU time where it was measured, and ratios compare p95 with p95.

New benchmarks register with ``@benchmark(name, target=..., check=...)`` in a
``benchmarks/bench_*.py`` file; ``check`` is optional.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Result:
    samples: list[float]  # seconds (wall)
    baseline: list[float] | None = None
    baseline_name: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    cpu: list[float] | None = None  # seconds of CPU, one per sample
    baseline_cpu: list[float] | None = None


Check = Callable[[dict[str, Any]], bool]


@dataclass
class Benchmark:
    name: str
    target: str
    run: Callable[[], Result]
    check: Check | None = None


REGISTRY: dict[str, Benchmark] = {}


BenchFn = Callable[[], Result]


def benchmark(
    name: str, target: str = "", check: Check | None = None
) -> Callable[[BenchFn], BenchFn]:
    """Registers a function returning a ``Result`` under ``name``."""

    def register(fn: BenchFn) -> BenchFn:
        REGISTRY[name] = Benchmark(name, target, fn, check)
        return fn

    return register


def repeat(fn: Callable[[], object], n: int, warmup: int = 1) -> list[float]:
    """Wall-clock seconds of ``n`` calls of ``fn`` after ``warmup`` untimed ones."""
    return repeat_cpu(fn, n, warmup)[0]


def repeat_cpu(
    fn: Callable[[], object], n: int, warmup: int = 1
) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of ``n`` calls of ``fn`` after ``warmup`` untimed ones."""
    for _ in range(warmup):
        fn()
    wall, cpu = [], []
    for _ in range(n):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return wall, cpu


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def _ms(samples: list[float], q: float) -> float:
    return percentile(samples, q) * 1000


def summarise(name: str, target: str, result: Result, check: Check | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "name": name,
        "target": target,
        "n": len(result.samples),
        "median_ms": statistics.median(result.samples) * 1000,
        "p95_ms": _ms(result.samples, 95),
    }
    if result.cpu:
        row["cpu_median_ms"] = statistics.median(result.cpu) * 1000
        row["cpu_p95_ms"] = _ms(result.cpu, 95)
    if result.baseline:
        row["baseline"] = result.baseline_name
        row["baseline_median_ms"] = statistics.median(result.baseline) * 1000
        row["baseline_p95_ms"] = _ms(result.baseline, 95)
        row["ratio_median"] = row["median_ms"] / row["baseline_median_ms"]
        row["ratio_p95"] = row["p95_ms"] / row["baseline_p95_ms"]
    if result.baseline_cpu and result.cpu:
        row["baseline_cpu_p95_ms"] = _ms(result.baseline_cpu, 95)
        row["cpu_ratio_p95"] = row["cpu_p95_ms"] / max(row["baseline_cpu_p95_ms"], 1e-6)
    row.update(result.extra)
    if check is not None:
        row["pass"] = bool(check(row))
    return row
