"""``guidebot check --jsonl`` against a process that does one plain ``re`` pass.

Both are fresh processes fed the same JSON lines (drafts made of the evaluation's dev
drafts and the knowledge base's check examples, English and Japanese). The baseline
(:mod:`bench.re_pass`) joins every term and pattern of the checks and every detector's
candidate pattern into one ``re`` alternation and writes a JSON line per draft. Each
process is also timed on no input at all, and that start-up is subtracted from its time:
the ratio compares the work per draft, not the interpreter's imports.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.check_bench import check_sources
from bench.startup import guidebot_script
from bench.synth import SEED, draft_texts
from bench.timing import Row, fmt_seconds
from bot.domain.policy import KnowledgeBase

JSONL_MAX_RATIO = 2.0


def jsonl_input(kb: KnowledgeBase, lines: int, seed: int = SEED) -> bytes:
    """``lines`` JSON lines of drafts, each one to three texts long."""
    texts = draft_texts("en", kb) + draft_texts("ja", kb)
    texts += [t for c in kb.checks for t in (*c.examples.flag, *c.examples.passes)]
    rng = random.Random(seed)
    out = []
    for _ in range(lines):
        draft = " ".join(rng.choice(texts) for _ in range(rng.randint(1, 3)))
        out.append(json.dumps({"text": draft}, ensure_ascii=False))
    return ("\n".join(out) + "\n").encode()


def _run(argv: Sequence[str], data: bytes) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, input=data, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{argv[0]} failed: {done.stderr.decode(errors='replace')[-500:]}")
    return elapsed


def bench_jsonl(kb: KnowledgeBase, kb_path: Path, lines: int = 4000, reps: int = 5) -> list[Row]:
    """Rows for the ``check --jsonl`` ≤ 2× a plain ``re`` pass target."""
    data = jsonl_input(kb, lines)
    with tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "sources.json"
        sources.write_text(json.dumps(check_sources(kb)), encoding="utf-8")
        commands = {
            "guidebot": [guidebot_script(), "check", "--kb", str(kb_path), "--jsonl"],
            "re": [sys.executable, "-m", "bench.re_pass", str(sources)],
        }
        for argv in commands.values():  # warm-up: caches, compiled bytecode
            _run(argv, data)
        samples: dict[str, list[float]] = {f"{k}{s}": [] for k in commands for s in ("", "_empty")}
        for _ in range(reps):  # interleaved, so a burst of load hits both alike
            for name, argv in commands.items():
                samples[name].append(_run(argv, data))
                samples[f"{name}_empty"].append(_run(argv, b""))
    t = {k: statistics.median(v) for k, v in samples.items()}
    work = {k: max(1e-9, t[k] - t[f"{k}_empty"]) for k in commands}
    ratio = work["guidebot"] / work["re"]
    n = len(check_sources(kb))
    return [
        Row(f"check --jsonl, {lines:,} drafts (start-up subtracted)", fmt_seconds(work["guidebot"])),
        Row("  start-up: check --jsonl on no input", fmt_seconds(t["guidebot_empty"])),
        Row(f"  re pass, one alternation of {n} sources (start-up subtracted)", fmt_seconds(work["re"])),
        Row("  start-up: re pass on no input", fmt_seconds(t["re_empty"])),
        Row("check --jsonl / re pass", f"{ratio:.2f}×", f"≤ {JSONL_MAX_RATIO:g}×", ratio <= JSONL_MAX_RATIO),
    ]
