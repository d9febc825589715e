"""Question answering speed: ``ask`` against rank_bm25, scaling, index build and memory.

rank_bm25 gets the same clause documents as our index, tokenised by the same
:func:`bot.search.analysis.terms`; its questions are tokenised before the clock starts, so
it is timed on ``get_scores`` plus the top-k selection only, while our figures
include analysing the question. That makes the comparison strict for us.
"""

from __future__ import annotations

import statistics
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from rank_bm25 import BM25Okapi

from bench.synth import synthetic_kb
from bench.timing import Row, fmt_bytes, fmt_seconds, interleaved
from bot.assistant.engine import MATCH_LIMIT, GuideBot
from bot.domain.policy import KnowledgeBase
from bot.domain.texts import detect_language
from bot.search.analysis import terms
from bot.search.index import ClauseIndex
from bot.search.inverted_index import clause_fields

ASK_TARGET_S = 2e-3  # an English question (the sentence model included)
ASK_JA_TARGET_S = 5e-3  # a Japanese question
BM25_MAX_RATIO = 0.5
SCALE_MAX_RATIO = 3.0


@dataclass(frozen=True, slots=True)
class Base:
    """A synthetic knowledge base with everything built on it, ready to time."""

    kb: KnowledgeBase
    build_s: float
    bot: GuideBot


def build_base(base: KnowledgeBase, n_clauses: int, reps: int) -> tuple[Base, ClauseIndex]:
    kb = synthetic_kb(base, n_clauses)
    times = []
    for _ in range(max(1, reps)):
        start = time.perf_counter()
        index = ClauseIndex(kb)
        times.append(time.perf_counter() - start)
    return Base(kb, statistics.median(times), GuideBot(kb)), index


class Bm25Baseline:
    """rank_bm25's BM25Okapi over the clause documents, our tokeniser on both sides."""

    def __init__(self, kb: KnowledgeBase, questions: Sequence[str]) -> None:
        docs = [[t for _, text in clause_fields(c) for t in terms(text)] for c in kb.clauses]
        self.bm25 = BM25Okapi(docs)
        self.queries = [terms(q) for q in questions]

    def run(self) -> None:
        for query in self.queries:
            scores = self.bm25.get_scores(query)
            top = np.argpartition(-scores, MATCH_LIMIT - 1)[:MATCH_LIMIT]
            top[np.argsort(-scores[top], kind="stable")]


def peak_index_memory(kb: KnowledgeBase) -> tuple[int, int]:
    """(peak, retained) bytes allocated while building the index of ``kb``."""
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    before, _ = tracemalloc.get_traced_memory()
    index = ClauseIndex(kb)
    current, peak = tracemalloc.get_traced_memory()
    del index
    if not was_tracing:
        tracemalloc.stop()
    return peak - before, current - before


def slowest_question(bot: GuideBot, questions: Sequence[str], reps: int) -> tuple[float, str]:
    per_question = [statistics.median(_time_one(bot, q) for _ in range(max(3, reps))) for q in questions]
    worst = max(range(len(questions)), key=per_question.__getitem__)
    return per_question[worst], questions[worst]


def _encoder(bot: GuideBot, english: Sequence[str]) -> Callable[[], None] | None:
    """Embedding the English questions alone, as ``ask`` reads them (typos spelled out), or
    None when the sentence model is off."""
    reranker = bot.index.reranker
    sem = reranker.model()
    if sem is None:
        return None
    spelled = [reranker.spelled(q) for q in english]

    def run() -> None:
        for q in spelled:
            sem.model.encode(q)

    return run


def _time_one(bot: GuideBot, question: str) -> float:
    start = time.perf_counter()
    bot.ask(question)
    return time.perf_counter() - start


def bench_ask(
    base: KnowledgeBase, questions: Sequence[str], small: int = 2_000, large: int = 20_000, reps: int = 7
) -> list[Row]:
    """Rows for targets 1, 2 and 6 (``small`` and ``large`` clauses)."""
    # Building the large index takes seconds: one timed build of it is enough.
    small_base, small_index = build_base(base, small, max(1, min(reps, 3)))
    large_base, large_index = build_base(base, large, 1)
    bm25 = Bm25Baseline(small_base.kb, questions)
    # The same ranking with words only, like rank_bm25 (which has no sentence model).
    words_index = ClauseIndex(small_base.kb, sentence_model=None)
    n = len(questions)

    def rank(index: ClauseIndex) -> None:
        for q in questions:
            index.rank(q, MATCH_LIMIT)

    def ask(bot: GuideBot, subset: Sequence[str] = questions) -> None:
        for q in subset:
            bot.ask(q)

    english = [q for q in questions if detect_language(q) == "en"]
    japanese = [q for q in questions if detect_language(q) == "ja"]
    encode = _encoder(small_base.bot, english)

    t = interleaved(
        {
            "rank_small": lambda: rank(small_index),
            "ask_small": lambda: ask(small_base.bot),
            "bm25_small": bm25.run,
            "rank_small_words": lambda: rank(words_index),
            "rank_large": lambda: rank(large_index),
            "ask_large": lambda: ask(large_base.bot),
            "ask_small_en": lambda: ask(small_base.bot, english),
            "ask_small_ja": lambda: ask(small_base.bot, japanese),
            **({"encode_en": encode} if encode is not None else {}),
        },
        reps,
    )
    per_q = {name: seconds / n for name, seconds in t.items()}
    per_q["ask_small_en"] = t["ask_small_en"] / max(1, len(english))
    per_q["ask_small_ja"] = t["ask_small_ja"] / max(1, len(japanese))
    model = fmt_seconds(t["encode_en"] / max(1, len(english))) if "encode_en" in t else "model off"
    bm25_ratio = per_q["rank_small"] / per_q["bm25_small"]
    scale = per_q["ask_large"] / per_q["ask_small"]
    worst_s, _ = slowest_question(large_base.bot, questions, reps)
    peak, retained = peak_index_memory(large_base.kb)
    s, lg = f"{small:,}", f"{large:,}"
    return [
        Row(
            f"ask per English question ({len(english)}), {s} clauses",
            fmt_seconds(per_q["ask_small_en"]),
            "≤ 2 ms",
            per_q["ask_small_en"] <= ASK_TARGET_S,
        ),
        Row("  of which the sentence model (the question's vector)", model),
        Row(
            f"ask per Japanese question ({len(japanese)}), {s} clauses",
            fmt_seconds(per_q["ask_small_ja"]),
            "≤ 5 ms",
            per_q["ask_small_ja"] <= ASK_JA_TARGET_S,
        ),
        Row(f"  ask per question, both languages, {s} clauses", fmt_seconds(per_q["ask_small"])),
        Row(f"  rank per question, {s} clauses", fmt_seconds(per_q["rank_small"])),
        Row(f"  rank_bm25 per question, {s} clauses", fmt_seconds(per_q["bm25_small"])),
        Row(f"rank / rank_bm25, {s} clauses", f"{bm25_ratio:.3f}×", "≤ 0.5×", bm25_ratio <= BM25_MAX_RATIO),
        Row(f"  rank, words only (no sentence model), {s} clauses", fmt_seconds(per_q["rank_small_words"])),
        Row(f"  rank words only / rank_bm25, {s} clauses", f"{per_q['rank_small_words'] / per_q['bm25_small']:.3f}×"),
        Row(f"ask per question, {lg} clauses", fmt_seconds(per_q["ask_large"])),
        Row(f"  rank per question, {lg} clauses", fmt_seconds(per_q["rank_large"])),
        Row(f"  slowest question, {lg} clauses", fmt_seconds(worst_s)),
        Row(f"ask {lg} / ask {s} clauses", f"{scale:.2f}×", "≤ 3×", scale <= SCALE_MAX_RATIO),
        Row(f"  rank {lg} / rank {s} clauses", f"{per_q['rank_large'] / per_q['rank_small']:.2f}×"),
        Row(f"index build, {s} clauses", fmt_seconds(small_base.build_s)),
        Row(f"index build, {lg} clauses", fmt_seconds(large_base.build_s)),
        Row(f"index memory, {lg} clauses (peak / kept)", f"{fmt_bytes(peak)} / {fmt_bytes(retained)}"),
    ]
