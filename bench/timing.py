"""Timing helpers and the result table.

Machines are shared and noisy, so every figure is the median of several
repetitions after a warm-up, and alternatives that are compared with each other
are timed interleaved (A, B, A, B, ...) so that a burst of load hits both alike.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the report: a measured figure and, for targets, its verdict."""

    name: str
    value: str
    target: str = ""
    passed: bool | None = None  # None: an informative figure, not a target

    @property
    def status(self) -> str:
        return "" if self.passed is None else "PASS" if self.passed else "FAIL"


def _once(fn: Callable[[], object], number: int) -> float:
    start = time.perf_counter()
    for _ in range(number):
        fn()
    return (time.perf_counter() - start) / number


def interleaved(fns: Mapping[str, Callable[[], object]], reps: int = 7, number: int = 1) -> dict[str, float]:
    """Median seconds per call of each function, timed in alternation.

    One untimed warm-up call each; the garbage collector is paused while timing,
    as :mod:`timeit` does, so a collection triggered by one does not bill another.
    """
    for fn in fns.values():
        fn()
    samples: dict[str, list[float]] = {name: [] for name in fns}
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(reps):
            for name, fn in fns.items():
                samples[name].append(_once(fn, number))
    finally:
        if enabled:
            gc.enable()
    return {name: statistics.median(times) for name, times in samples.items()}


def median_time(fn: Callable[[], object], reps: int = 7, number: int = 1) -> float:
    return interleaved({"fn": fn}, reps, number)["fn"]


def fmt_seconds(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def fmt_bytes(n: float) -> str:
    return f"{n / (1 << 20):.1f} MiB"


def table(rows: list[Row]) -> str:
    """The rows as an aligned plain-text table."""
    cells = [("figure", "measured", "target", "result")]
    cells += [(r.name, r.value, r.target, r.status) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(4)]
    lines = []
    for i, c in enumerate(cells):
        lines.append("  ".join(part.ljust(w) for part, w in zip(c, widths, strict=True)).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
