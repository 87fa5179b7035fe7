"""Benchmarks: each a ratio to its bare baseline. Run with ``make bench``."""
