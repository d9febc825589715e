"""BM25, as small pure functions over the inverted index's arrays.

At index time a document's term frequency ``f`` becomes its saturated weight
``f (k1 + 1) / (f + k1 (1 - b + b |d| / avgdl))`` (:func:`length_norm`, :func:`saturated`)
and each term gets its idf (:func:`idf`). At question time :func:`score` adds, for each
question term, idf x the question's weight of the term x the posting's weight, and
:func:`ceiling` is the score of a document holding every question term, unknown words
included: score / ceiling is the share of the question a document covers, in [0, 1].
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

# A term's postings: the documents that hold it, and its saturated weight in each.
Postings = tuple[np.ndarray, np.ndarray]


def idf(docs: int, df: int) -> float:
    """The inverse document frequency of a term found in ``df`` of ``docs`` documents
    (BM25's, kept positive by the ``1 +``)."""
    return math.log(1 + (docs - df + 0.5) / (df + 0.5))


def length_norm(length: float, average: float, k1: float, b: float) -> float:
    """The term-frequency denominator's document part: ``k1`` scaled by the document's
    length relative to the average."""
    return k1 * (1 - b + b * length / average)


def saturated(f: float, norm: float, k1: float) -> float:
    """A term's weight in a document: its frequency ``f``, saturating towards ``k1 + 1``."""
    return f * (k1 + 1) / (f + norm)


def score(
    query: Mapping[str, float], postings: Mapping[str, Postings], idfs: Mapping[str, float], docs: int
) -> np.ndarray:
    """Every document's BM25 score for the weighted question terms ``query`` (all of them
    in ``postings``)."""
    scores = np.zeros(docs, dtype=np.float32)
    for term, w in query.items():
        ids, ws = postings[term]
        scores[ids] += ws * (idfs[term] * w)
    return scores


def ceiling(
    query: Mapping[str, float], idfs: Mapping[str, float], unknown: int, unknown_idf: float, k1: float
) -> float:
    """The score of a document holding every term of ``query`` fully saturated, plus
    ``unknown`` words no document holds (each weighing ``unknown_idf``)."""
    total = unknown * unknown_idf * (k1 + 1)
    for term, w in query.items():
        total += idfs[term] * w * (k1 + 1)
    return total


def top(scores: np.ndarray, k: int) -> np.ndarray:
    """The indices of the (at most ``k``) documents with a non-zero score, best first;
    ties keep document order."""
    if k <= 0:
        return np.zeros(0, dtype=np.intp)
    touched = np.flatnonzero(scores)
    if len(touched) > k:
        touched = touched[np.argpartition(-scores[touched], k - 1)[:k]]
    return touched[np.argsort(-scores[touched], kind="stable")]
