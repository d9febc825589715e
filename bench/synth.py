"""Deterministic synthetic inputs for the benchmarks: large knowledge bases and drafts.

Bases are grown from a real knowledge base: every synthetic clause mixes sentences,
titles and questions of the real ones and adds words drawn (Zipf-weighted) from a
seeded list of invented words, so the vocabulary keeps growing with the base the
way a real policy library's does. Drafts are built from realistic sentences,
paragraph by paragraph. The same seed always gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import random
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from bench.evaldata import eval_dir
from bot.domain.policy import Clause, KnowledgeBase
from bot.domain.texts import all_strings, detect_language

EVAL_DIR = eval_dir()
SEED = 20_261_101
VOCABULARY_SIZE = 60_000

_CONSONANTS = "bcdfghjklmnprstvwz"
_VOWELS = "aeiou"
_KANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモラリルレロガギグゲゴパピプペポ"
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s*")


@lru_cache(maxsize=4)
def word_list(seed: int = SEED, size: int = VOCABULARY_SIZE) -> tuple[str, ...]:
    """Invented but pronounceable words (``"motavel"``), distinct, in a seeded order."""
    rng = random.Random(seed)
    seen: dict[str, None] = {}
    while len(seen) < size:
        syllables = rng.randint(2, 4)
        word = "".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(syllables))
        if rng.random() < 0.3:
            word += rng.choice(_CONSONANTS)
        seen[word] = None
    return tuple(seen)


@lru_cache(maxsize=4)
def _zipf_cum_weights(size: int) -> tuple[float, ...]:
    # Word frequencies in natural text fall off roughly as 1/rank (Zipf's law).
    return tuple(itertools.accumulate(1.0 / (rank + 1) for rank in range(size)))


class _Pools:
    """Sentences, titles, questions and keywords of the real clauses, per language."""

    def __init__(self, clauses: Sequence[Clause]) -> None:
        self.sentences: dict[str, list[str]] = {}
        self.titles: dict[str, list[str]] = {}
        self.questions: dict[str, list[str]] = {}
        self.keywords: dict[str, list[str]] = {}
        for c in clauses:
            for lang, text in c.answer.items():
                self.sentences.setdefault(lang, []).extend(s for s in _SENTENCE_END.split(text) if s)
            for lang, text in c.title.items():
                self.titles.setdefault(lang, []).append(text)
            for lang, items in c.questions.items():
                self.questions.setdefault(lang, []).extend(items)
            for lang, items in c.keywords.items():
                self.keywords.setdefault(lang, []).extend(items)


class _Generator:
    def __init__(self, base: KnowledgeBase, seed: int) -> None:
        self.rng = random.Random(seed)
        self.pools = _Pools(base.clauses)
        self.vocab = word_list()
        self.cum = _zipf_cum_weights(len(self.vocab))

    def new_words(self, k: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.cum, k=k)

    def new_katakana(self) -> str:
        return "".join(self.rng.choice(_KANA) for _ in range(self.rng.randint(3, 5)))

    def sprinkle(self, text: str, lang: str, k: int) -> str:
        """Insert ``k`` new words at random places in ``text``."""
        if lang == "ja":
            for _ in range(k):
                cut = self.rng.randint(0, len(text))
                text = f"{text[:cut]} {self.new_katakana()} {text[cut:]}"
            return text.strip()
        words = text.split()
        for w in self.new_words(k):
            words.insert(self.rng.randint(0, len(words)), w)
        return " ".join(words)

    def pick(self, pool: dict[str, list[str]], lang: str, k: int) -> list[str]:
        items = pool.get(lang) or [""]
        return [self.rng.choice(items) for _ in range(k)]

    def clause(self, template: Clause, number: int) -> Clause:
        sep = {"ja": ""}
        answer, title, questions, keywords = {}, {}, {}, {}
        for lang in template.answer:
            body = sep.get(lang, " ").join(self.pick(self.pools.sentences, lang, self.rng.randint(2, 4)))
            answer[lang] = self.sprinkle(body, lang, self.rng.randint(3, 8))
        for lang, text in template.title.items():
            title[lang] = self.sprinkle(text, lang, 1)
        for lang in template.questions:
            asked = self.pick(self.pools.questions, lang, self.rng.randint(1, 3))
            questions[lang] = [self.sprinkle(q, lang, self.rng.randint(0, 2)) for q in asked]
        for lang, items in template.keywords.items():
            keywords[lang] = [*items[:2], *self.pick(self.pools.keywords, lang, 2), self.sprinkle("", lang, 1)]
        return dataclasses.replace(
            template,
            id=f"SYN-{number:05d}",
            title=title,
            answer=answer,
            questions=questions,
            keywords=keywords,
            see_also=(),
        )


def synthetic_kb(base: KnowledgeBase, n_clauses: int, seed: int = SEED) -> KnowledgeBase:
    """``base`` grown to ``n_clauses`` clauses (its own clauses first, unchanged)."""
    gen = _Generator(base, seed)
    clauses = list(base.clauses[:n_clauses])
    templates = base.clauses
    while len(clauses) < n_clauses:
        clauses.append(gen.clause(templates[len(clauses) % len(templates)], len(clauses)))
    return dataclasses.replace(base, clauses=tuple(clauses), by_id={c.id: c for c in clauses})


def read_questions(kb: KnowledgeBase, path: Path = EVAL_DIR / "questions-dev.jsonl") -> list[str]:
    """The evaluation's dev questions; without them, the questions written in ``kb``."""
    if path.exists():
        with open(path, encoding="utf-8") as f:
            return [str(json.loads(line)["q"]) for line in f if line.strip()]
    return [q for c in kb.clauses for q in all_strings(c.questions)]


def draft_texts(lang: str, kb: KnowledgeBase, path: Path = EVAL_DIR / "drafts-dev.jsonl") -> list[str]:
    """The evaluation's dev drafts in ``lang``; without them, the check examples and
    clause answers of ``kb`` in that language."""
    if path.exists():
        with open(path, encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        return [str(r["text"]) for r in rows if r.get("lang") == lang]
    examples = [t for c in kb.checks for t in (*c.examples.flag, *c.examples.passes)]
    texts = [t for t in examples if detect_language(t) == lang]
    return texts + [c.answer[lang] for c in kb.clauses if lang in c.answer]


# Full-width Latin and digits, half-width katakana with voicing marks and ㈱-style
# symbols: NFKC changes all of them, some to a different length (ｶﾞ -> ガ, ㈱ -> (株)).
_WIDE_EXTRAS = ("ＡＣＭＥの新製品", "ｶﾞｲﾄﾞﾗｲﾝ", "㈱アクメ", "№１２３", "（社外秘）", "ﾊﾟｽﾜｰﾄﾞ")


def draft(lang: str, chars: int, texts: Sequence[str], seed: int = SEED) -> str:
    """A draft of exactly ``chars`` characters: paragraphs of ``texts`` in ``lang``.

    Japanese drafts also carry full-width and half-width forms that NFKC rewrites.
    """
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < chars:
        paragraph = " ".join(rng.choice(texts) for _ in range(rng.randint(1, 3)))
        if lang == "ja":
            paragraph = rng.choice(_WIDE_EXTRAS) + paragraph + rng.choice(_WIDE_EXTRAS)
        parts.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(parts)[:chars]
