"""Ranking clauses for a question: a field-weighted BM25 over an inverted index.

Each clause is one document built from its titles, questions, keywords and answers
in every language, fields weighted by how directly they say what the clause is
about. Postings hold precomputed BM25 term weights, so a question costs time in
proportion to the postings of its own terms, not to the size of the base.
Question words missing from the vocabulary are corrected to a close known word
(rapidfuzz), which absorbs typos. Each question word is weighted by how rare it is
in everyday English (:mod:`bot.commonness`), so chatty wording does not steer.

Whether the best clause is a confident answer is decided against two rivals:
the built-in help-desk documents of :mod:`bot.offtopic` (a question about leave
or laptops is explained better by them than by any clause), and the question's
own words that the base does not know at all (they count in the score's
denominator, so a question the base only brushes scores low). The margin over the
help-desk documents is smaller when the question talks about posting or social media
and the rival document does not explain that, and larger when the question names
neither a publishing channel nor a distinctive policy subject.
"""

from __future__ import annotations

import math
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from bot.analyze import CONCEPT_PREFIX, concept_words, question_terms, terms, word_concepts
from bot.commonness import query_weight
from bot.model import Clause, KnowledgeBase
from bot.offtopic import OFF_TOPIC, WORDS_ONLY
from bot.texts import all_strings

K1 = 2.0
B = 0.5
# How much one occurrence in a field counts.
FIELD_WEIGHTS = {"title": 2.0, "questions": 1.0, "keywords": 2.0, "answer": 0.7, "offtopic": 1.0}
CONCEPT_WEIGHT = 1.0  # a shared concept counts as much as a shared word
UNKNOWN_WEIGHT = 0.5  # an unknown question word weighs this share of the rarest known term
MIN_TYPO_LENGTH = 4
TYPO_CUTOFF = 85.0
# Static index pruning: a term keeps only its highest-weight postings, so a question's
# cost stops growing with the base once its terms are common (their idf is low anyway).
MAX_POSTINGS = 2048
_CORRECTION_CACHE = 4096

# Help-desk documents never stand for posting itself: "shared folder" or "post a journal
# entry" are their own words, but the concept of publishing belongs to the policy.
OFF_TOPIC_SKIP = frozenset({CONCEPT_PREFIX + "post"})

CONFIDENT_SCORE = 0.06  # below this the best clause is not a confident answer
# The best clause must beat the best help-desk document by this factor ...
OFF_TOPIC_MARGIN = 1.25
# ... or only match it when the question talks about posting or social media and that
# document does not: the policy's whole subject is a thing no help-desk area explains
# (an app how-to does explain "LinkedIn", so it keeps the full margin).
ON_TOPIC_MARGIN = 1.0
# A question that names no publishing channel at all (no posting, no social media or
# online place) is about the policy only if its subject says so clearly: it needs a
# wider margin ("post my hours", "make the wiki page public", "a customer's refund").
NO_CHANNEL_MARGIN = 1.6
# A policy subject named by a telling word (not an everyday one) lifts that requirement;
# the concepts below name things every help-desk area talks about too.
STRONG_SUBJECT = 0.9
GENERIC_CONCEPTS = frozenset(
    CONCEPT_PREFIX + c
    for c in ("product", "customer", "workplace", "photo", "colleague", "opinion", "disclose", "policy_doc", "scope")
)
ON_TOPIC_CONCEPTS = frozenset({CONCEPT_PREFIX + "post", CONCEPT_PREFIX + "social"})


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


def _term_frequencies(
    fields: Iterable[tuple[str, str]], skip: frozenset[str] = frozenset(), *, words_only: bool = False
) -> dict[str, float]:
    tf: dict[str, float] = defaultdict(float)
    for fld, text in fields:
        w = FIELD_WEIGHTS[fld]
        for term in terms(text, with_concepts=not words_only):
            if term in skip:
                continue
            tf[term] += w * (CONCEPT_WEIGHT if term.startswith(CONCEPT_PREFIX) else 1.0)
    return tf


def _query_term_weight(term: str) -> float:
    if term.startswith(CONCEPT_PREFIX):
        return CONCEPT_WEIGHT
    # Chatty everyday English words say less about the topic than rare ones.
    return query_weight(term) if term.isascii() else 1.0


def _pruned(ids: Sequence[int], ws: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    # Copies, not views: a view would keep the (over-allocated) build arrays alive.
    id_array = np.array(ids, dtype=np.int32)
    w_array = np.array(ws, dtype=np.float32)
    if len(id_array) > MAX_POSTINGS:
        keep = np.sort(np.argpartition(-w_array, MAX_POSTINGS - 1)[:MAX_POSTINGS])
        id_array, w_array = id_array[keep], w_array[keep]
    return id_array, w_array


class ClauseIndex:
    """An inverted index of a knowledge base's clauses (plus the help-desk documents)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.clauses = kb.clauses
        self._n = n = len(kb.clauses)
        tfs = [_term_frequencies(clause_fields(c)) for c in kb.clauses]
        tfs += [
            _term_frequencies((("offtopic", t) for t in doc), OFF_TOPIC_SKIP, words_only=name in WORDS_ONLY)
            for name, doc in OFF_TOPIC.items()
        ]
        lengths = np.array([sum(tf.values()) for tf in tfs], dtype=np.float64)
        avg = float(lengths[:n].mean()) if n else 1.0
        # Help-desk documents are long lists of words: no length penalty, or they never win.
        lengths[n:] = avg
        # Compact typed arrays while building: a large base stays small in memory.
        postings: dict[str, tuple[array[int], array[float]]] = defaultdict(lambda: (array("i"), array("f")))
        for doc, tf in enumerate(tfs):
            norm = K1 * (1 - B + B * lengths[doc] / avg)
            for term, f in tf.items():
                ids, ws = postings[term]
                ids.append(doc)
                ws.append(f * (K1 + 1) / (f + norm))
            tfs[doc] = {}  # done with this document's counts
        total = len(tfs)
        # Words-only help-desk areas do not count towards document frequency: covering more
        # workplace systems must not shift how the clauses rank against each other.
        silent = {i for i, name in enumerate(OFF_TOPIC, start=n) if name in WORDS_ONLY}
        docs = total - len(silent)
        self._idf = {}
        for t, (ids, _) in postings.items():
            df = sum(1 for d in ids if d not in silent)
            self._idf[t] = math.log(1 + (docs - df + 0.5) / (df + 0.5))
        self._postings = {t: _pruned(ids, ws) for t, (ids, ws) in postings.items()}
        self._unknown_idf = math.log(1 + (docs + 0.5) / 0.5) * UNKNOWN_WEIGHT
        self._total = total
        # Which on-topic concepts each help-desk document's own words name (before OFF_TOPIC_SKIP).
        self._off_topic_concepts = [
            frozenset(ON_TOPIC_CONCEPTS.intersection(t for text in doc for t in terms(text)))
            for doc in OFF_TOPIC.values()
        ]
        # Typos are corrected towards the base's words and the thesaurus's words.
        words = {t for t in self._postings if t.isascii() and not t.startswith(CONCEPT_PREFIX)} | concept_words()
        # Candidates by (first letter, length): a ratio of 85 rules out much longer or shorter words.
        self._candidates: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in words:
            if len(word) >= MIN_TYPO_LENGTH - 1:
                self._candidates[word[0], len(word)].append(word)
        self._corrections: dict[str, str | None] = {}

    def _correct(self, term: str) -> str | None:
        if term in self._postings or term.startswith(CONCEPT_PREFIX):
            return term
        if len(term) < MIN_TYPO_LENGTH or not term.isascii():
            return None
        if term in self._corrections:
            return self._corrections[term]
        n = len(term)
        spread = max(1, int(n * (100 - TYPO_CUTOFF) / 50))
        candidates = [
            w for size in range(n - spread, n + spread + 1) for w in self._candidates.get((term[0], size), ())
        ]
        best = process.extractOne(term, candidates, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
        corrected = best[0] if best else None
        if len(self._corrections) >= _CORRECTION_CACHE:
            self._corrections.clear()
        self._corrections[term] = corrected
        return corrected

    def _scores(self, question: str) -> tuple[np.ndarray, float, frozenset[str], bool]:
        """Per-document scores (clauses, then help-desk documents), their ceiling, which
        of the on-topic concepts (posting, social media) the question mentions, and whether
        it names a distinctive policy subject by a telling word."""
        weights: dict[str, float] = {}
        unknown: set[str] = set()
        found, strengths = question_terms(question)  # a concept named by an everyday word weighs little
        for term in found:
            known = self._correct(term)
            if known is None:
                unknown.add(term)
                continue
            if known != term:  # a corrected typo also brings the concepts it names
                found.extend(c for c in word_concepts(known) if c not in found)
            if known not in self._postings:
                continue
            w = _query_term_weight(known) * strengths.get(known, 1.0)
            weights[known] = max(weights.get(known, 0.0), w)
        scores = np.zeros(self._total, dtype=np.float32)
        ceiling = len(unknown) * self._unknown_idf * (K1 + 1)
        for term, w in weights.items():
            ids, ws = self._postings[term]
            idf = self._idf[term] * w
            scores[ids] += ws * idf
            ceiling += idf * (K1 + 1)
        subject = any(w >= STRONG_SUBJECT and c not in GENERIC_CONCEPTS for c, w in strengths.items())
        return scores, ceiling, ON_TOPIC_CONCEPTS.intersection(found), subject

    def _top(self, scores: np.ndarray, ceiling: float, limit: int) -> list[Match]:
        n = self._n
        clause_scores = scores[:n]
        k = min(limit, n)
        if k <= 0 or ceiling <= 0:
            return []
        # Only clauses that share a term with the question can rank.
        touched = np.flatnonzero(clause_scores)
        if len(touched) > k:
            touched = touched[np.argpartition(-clause_scores[touched], k - 1)[:k]]
        top = touched[np.argsort(-clause_scores[touched], kind="stable")]
        return [
            Match(self.clauses[i], min(1.0, float(clause_scores[i]) / ceiling)) for i in top if clause_scores[i] > 0
        ]

    def rank(self, question: str, limit: int = 5) -> list[Match]:
        """The best clauses for ``question``, best first, with scores in [0, 1]."""
        if not self._n:
            return []
        scores, ceiling, _, _ = self._scores(question)
        return self._top(scores, ceiling, limit)

    def search(self, question: str, limit: int = 5) -> Ranking:
        """Rank clauses and decide whether the best one confidently answers."""
        if not self._n:
            return Ranking((), False)
        scores, ceiling, on_topic, subject = self._scores(question)
        matches = self._top(scores, ceiling, limit)
        if not matches:
            return Ranking((), False)
        off_scores = scores[self._n :]
        margin = OFF_TOPIC_MARGIN
        other = 0.0
        if len(off_scores):
            rival = int(off_scores.argmax())
            other = float(off_scores[rival]) / ceiling
            if not on_topic and not subject:
                margin = NO_CHANNEL_MARGIN
            elif on_topic - self._off_topic_concepts[rival]:
                margin = ON_TOPIC_MARGIN
        best = matches[0].score
        confident = best >= CONFIDENT_SCORE and best >= other * margin
        return Ranking(tuple(matches), confident)
