"""A small benchmark harness: register, repeat, summarise, compare to a baseline.

Benchmarks are measurements, not tests: nothing here fails a build. Each one
reports its median and p95 and, where it has one, a bare baseline measured in
the same run, so the ratio means something on any machine.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Result:
    samples: list[float]  # seconds
    baseline: list[float] | None = None
    baseline_name: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Benchmark:
    name: str
    target: str
    run: Callable[[], Result]


REGISTRY: dict[str, Benchmark] = {}


BenchFn = Callable[[], Result]


def benchmark(name: str, target: str = "") -> Callable[[BenchFn], BenchFn]:
    """Registers a function returning a ``Result`` under ``name``."""

    def register(fn: BenchFn) -> BenchFn:
        REGISTRY[name] = Benchmark(name, target, fn)
        return fn

    return register


def repeat(fn: Callable[[], object], n: int, warmup: int = 1) -> list[float]:
    """Wall-clock seconds of ``n`` calls of ``fn`` after ``warmup`` untimed ones."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def summarise(name: str, target: str, result: Result) -> dict[str, Any]:
    row: dict[str, Any] = {
        "name": name,
        "target": target,
        "n": len(result.samples),
        "median_ms": statistics.median(result.samples) * 1000,
        "p95_ms": percentile(result.samples, 95) * 1000,
    }
    if result.baseline:
        row["baseline"] = result.baseline_name
        row["baseline_median_ms"] = statistics.median(result.baseline) * 1000
        row["baseline_p95_ms"] = percentile(result.baseline, 95) * 1000
        row["ratio_median"] = row["median_ms"] / row["baseline_median_ms"]
        row["ratio_p95"] = row["p95_ms"] / row["baseline_p95_ms"]
    row.update(result.extra)
    return row
