"""Ranking clauses for a question: a field-weighted BM25 over an inverted index.

Each clause is one document built from its titles, questions, keywords and answers
in every language, fields weighted by how directly they say what the clause is
about. Postings hold precomputed BM25 term weights, so a question costs time in
proportion to the postings of its own terms, not to the size of the base.
Question words missing from the vocabulary are corrected to a close known word
(rapidfuzz), which absorbs typos.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from bot.analyze import CONCEPT_PREFIX, terms
from bot.model import Clause, KnowledgeBase
from bot.texts import all_strings

K1 = 1.2
B = 0.5
# How much one occurrence in a field counts.
FIELD_WEIGHTS = {"title": 2.0, "questions": 1.0, "keywords": 2.0, "answer": 0.35}
CONCEPT_WEIGHT = 0.7  # a shared concept counts less than a shared word
MIN_TYPO_LENGTH = 4
TYPO_CUTOFF = 85.0


CONFIDENT_SCORE = 0.25  # below this the best clause is not a confident answer


@dataclass(frozen=True, slots=True)
class Match:
    clause: Clause
    score: float  # in [0, 1]


@dataclass(frozen=True, slots=True)
class Ranking:
    matches: tuple[Match, ...]  # best first
    confident: bool  # False: the policy does not clearly cover the question


def clause_fields(clause: Clause) -> Iterable[tuple[str, str]]:
    for text in clause.title.values():
        yield "title", text
    for text in all_strings(clause.questions):
        yield "questions", text
    for text in all_strings(clause.keywords):
        yield "keywords", text
    for text in clause.answer.values():
        yield "answer", text


class ClauseIndex:
    """An inverted index of a knowledge base's clauses."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.clauses = kb.clauses
        tfs: list[dict[str, float]] = []
        for clause in kb.clauses:
            tf: dict[str, float] = defaultdict(float)
            for fld, text in clause_fields(clause):
                w = FIELD_WEIGHTS[fld]
                for term in terms(text):
                    tf[term] += w * (CONCEPT_WEIGHT if term.startswith(CONCEPT_PREFIX) else 1.0)
            tfs.append(tf)
        n = len(tfs)
        lengths = np.array([sum(tf.values()) for tf in tfs], dtype=np.float64)
        avg = float(lengths.mean()) if n else 1.0
        postings: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for doc, tf in enumerate(tfs):
            norm = K1 * (1 - B + B * lengths[doc] / avg)
            for term, f in tf.items():
                ids, ws = postings[term]
                ids.append(doc)
                ws.append(f * (K1 + 1) / (f + norm))
        self._postings = {
            t: (np.asarray(ids, dtype=np.int32), np.asarray(ws, dtype=np.float32)) for t, (ids, ws) in postings.items()
        }
        self._idf = {t: math.log(1 + (n - len(ids) + 0.5) / (len(ids) + 0.5)) for t, (ids, _) in self._postings.items()}
        self._n = n
        words = [t for t in self._postings if t.isascii() and not t.startswith(CONCEPT_PREFIX)]
        self._by_initial: dict[str, list[str]] = defaultdict(list)
        for word in words:
            if len(word) >= MIN_TYPO_LENGTH - 1:
                self._by_initial[word[0]].append(word)

    def _correct(self, term: str) -> str | None:
        if term in self._postings:
            return term
        if len(term) < MIN_TYPO_LENGTH or not term.isascii() or term.startswith(CONCEPT_PREFIX):
            return None
        best = process.extractOne(term, self._by_initial.get(term[0], ()), scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
        return best[0] if best else None

    def rank(self, question: str, limit: int = 5) -> list[Match]:
        """The best clauses for ``question``, best first, with scores in [0, 1]."""
        if not self._n:
            return []
        weights: dict[str, float] = {}
        for term in terms(question):
            known = self._correct(term)
            if known is None:
                continue
            w = CONCEPT_WEIGHT if known.startswith(CONCEPT_PREFIX) else 1.0
            weights[known] = max(weights.get(known, 0.0), w)
        if not weights:
            return []
        scores = np.zeros(self._n, dtype=np.float32)
        ceiling = 0.0
        for term, w in weights.items():
            ids, ws = self._postings[term]
            idf = self._idf[term] * w
            scores[ids] += ws * idf
            ceiling += idf * (K1 + 1)
        k = min(limit, self._n)
        top = np.argpartition(-scores, k - 1)[:k] if k < self._n else np.arange(self._n)
        top = top[np.argsort(-scores[top], kind="stable")]
        return [Match(self.clauses[i], min(1.0, float(scores[i]) / ceiling)) for i in top if scores[i] > 0]

    def search(self, question: str, limit: int = 5) -> Ranking:
        """Rank clauses and decide whether the best one confidently answers."""
        matches = self.rank(question, limit)
        confident = bool(matches) and matches[0].score >= CONFIDENT_SCORE
        return Ranking(tuple(matches), confident)
