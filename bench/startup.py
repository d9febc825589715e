"""Start-up time of the real ``guidebot`` console script, against a bare interpreter.

Each run is a fresh process, so the figure includes the interpreter, every import
and loading the bundled knowledge base: what a person typing ``guidebot ask`` waits.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from bench.timing import Row, fmt_seconds

STARTUP_TARGET_S = 1.0
QUESTION = "Can I post a photo of our office on Instagram?"


def guidebot_script() -> str:
    """The console script installed next to the running interpreter (the venv's)."""
    beside = Path(sys.executable).with_name("guidebot")
    if beside.exists():
        return str(beside)
    found = shutil.which("guidebot")
    if found is None:
        raise FileNotFoundError("the guidebot console script is not installed (run `make` first)")
    return found


def time_command(argv: Sequence[str], reps: int, env: Mapping[str, str] | None = None, *, cold: bool = False) -> float:
    """Median wall time of running ``argv`` to completion (one untimed warm-up run, which
    also writes the modules' bytecode, as a first run does on an installed machine).
    ``cold``: each run gets a new, empty vector cache directory."""
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | dict(env or {})
    subprocess.run(argv, check=True, capture_output=True, env=base)
    times = []
    for _ in range(reps):
        with tempfile.TemporaryDirectory() as tmp:
            run_env = {**base, "GUIDEBOT_CACHE_DIR": tmp} if cold else base
            start = time.perf_counter()
            subprocess.run(argv, check=True, capture_output=True, env=run_env)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_startup(reps: int = 5) -> list[Row]:
    """Rows for target 5."""
    argv = [guidebot_script(), "ask", QUESTION]
    ask = time_command(argv, reps)
    cold = time_command(argv, reps, cold=True)
    lexical = time_command(argv, reps, {"GUIDEBOT_SEMANTIC": "off"})
    floor = time_command([sys.executable, "-c", "pass"], reps)
    return [
        Row("start-up: guidebot ask", fmt_seconds(ask), "< 1 s", ask < STARTUP_TARGET_S),
        Row("  first run (empty vector cache)", fmt_seconds(cold), "< 1 s", cold < STARTUP_TARGET_S),
        Row("  lexical only (GUIDEBOT_SEMANTIC=off)", fmt_seconds(lexical)),
        Row("  floor: python -c pass", fmt_seconds(floor)),
    ]
