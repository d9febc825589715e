"""``python -m bench`` (``make bench``): the speed targets of issue 2, as one table.

Every target is stated as a ratio or a bound measured within this one run (medians
of several repetitions after a warm-up), so a shared, noisy machine still gives
comparable figures. Benchmarks report; they never fail the build: exit status 0.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.ask_bench import bench_ask
from bench.check_bench import bench_check
from bench.jsonl_bench import bench_jsonl
from bench.load_bench import bench_load
from bench.startup import bench_startup
from bench.synth import EVAL_DIR, read_questions
from bench.timing import Row, table
from bot.domain.policy import KnowledgeBase
from bot.knowledge.loader import KnowledgeBaseError, load
from bot.runtime.settings import BUNDLED_KB

EVAL_KB = EVAL_DIR / "kb" / "policy.yaml"


def checks_kb() -> tuple[KnowledgeBase, Path, str]:
    """The bundled knowledge base if it loads and has checks, else the evaluation one."""
    try:
        bundled = load(BUNDLED_KB)
        if bundled.checks:
            return bundled, Path(BUNDLED_KB), f"bundled {BUNDLED_KB} ({len(bundled.checks)} checks)"
    except KnowledgeBaseError:
        pass
    kb = load(EVAL_KB)
    return kb, EVAL_KB, f"evaluation {EVAL_KB} ({len(kb.checks)} checks; bundled KB unusable or without checks)"


def _section(title: str, run: Callable[[], list[Row]]) -> list[Row]:
    print(f"… {title}", file=sys.stderr, flush=True)
    try:
        return run()
    except Exception as exc:  # a broken section must not hide the others' figures
        traceback.print_exc()
        return [Row(f"{title}: could not run", f"{type(exc).__name__}: {exc}", "", False)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=7, help="timed repetitions per figure (median taken)")
    parser.add_argument("--quick", action="store_true", help="smaller sizes and fewer repetitions (a rough look)")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one repetition: meaningless figures (tests)")
    parser.add_argument("--skip-startup", action="store_true", help="do not time the guidebot console script")
    parser.add_argument("--skip-load", action="store_true", help="do not run the /checkpost load on guidebot serve")
    args = parser.parse_args(argv)
    reps, clauses, chars, lines, traffic = args.reps, (2_000, 20_000), (10_000, 1_000_000), 4_000, (500, 50)
    if args.quick:
        reps, clauses, chars, lines, traffic = 3, (200, 2_000), (10_000, 100_000), 1_000, (200, 50)
    if args.smoke:
        reps, clauses, chars, lines, traffic = 1, (40, 80), (500, 2_000), 20, (10, 5)

    started = time.perf_counter()
    eval_kb = load(EVAL_KB)
    questions = read_questions(eval_kb)
    kb, kb_path, kb_note = checks_kb()
    print(f"guidebot benchmarks — Python {platform.python_version()}, {platform.machine()}, median of {reps} runs")
    print(f"ask: {len(questions)} dev questions on bases grown from {EVAL_KB}")
    print(f"check: {kb_note}\n", flush=True)
    rows = _section("ask", lambda: bench_ask(eval_kb, questions, *clauses, reps=reps))
    rows += _section("check", lambda: bench_check(kb, *chars, reps=reps))
    rows += _section("check --jsonl", lambda: bench_jsonl(kb, kb_path, lines, reps=min(reps, 5)))
    if not args.skip_startup:
        rows += _section("start-up", lambda: bench_startup(reps if args.smoke else 5))
    if not args.skip_load:
        rows += _section("load", lambda: bench_load(*traffic))
    print(table(rows))
    failed = [r.name for r in rows if r.passed is False]
    targets = sum(r.passed is not None for r in rows)
    print(f"\n{targets - len(failed)}/{targets} targets met in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
