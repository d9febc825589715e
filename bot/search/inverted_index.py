"""The inverted index: every clause, and every help-desk area, as one weighted document.

A clause's document is built from its titles, questions, keywords and answers in every
language, fields weighted by how directly they say what the clause is about
(:attr:`~bot.search.params.Params.fields`). A help-desk area (:mod:`bot.search.helpdesk`)
is a document too, after the clauses: it is the rival that tells a question about leave
or laptops from one about the policy. Postings hold precomputed BM25 term weights
(:mod:`bot.search.scoring`), so a question costs time in proportion to the postings of
its own terms, not to the size of the base.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence, Set

import numpy as np

from bot.domain.policy import Clause
from bot.domain.texts import all_strings
from bot.search import scoring
from bot.search.analysis import CONCEPT_PREFIX, terms
from bot.search.helpdesk import OFF_TOPIC, WORDS_ONLY
from bot.search.params import Params


def clause_fields(clause: Clause) -> Iterable[tuple[str, str]]:
    """The clause's texts, each with the name of its field."""
    for text in clause.title.values():
        yield "title", text
    for text in all_strings(clause.questions):
        yield "questions", text
    for text in all_strings(clause.keywords):
        yield "keywords", text
    for text in clause.answer.values():
        yield "answer", text
    # A case's situation and questions are phrasings of its clause too.
    for case in clause.cases:
        for text in (*case.when.values(), *all_strings(case.questions)):
            yield "questions", text
        for text in all_strings(case.keywords):
            yield "keywords", text


def term_frequencies(
    fields: Iterable[tuple[str, str]],
    weights: Mapping[str, float],
    concept_weight: float,
    skip: Set[str] = frozenset(),
    *,
    words_only: bool = False,
) -> dict[str, float]:
    """A document's field-weighted term counts (its concepts too, unless ``words_only``)."""
    tf: dict[str, float] = defaultdict(float)
    for fld, text in fields:
        w = weights[fld]
        for term in terms(text, with_concepts=not words_only):
            if term in skip:
                continue
            tf[term] += w * (concept_weight if term.startswith(CONCEPT_PREFIX) else 1.0)
    return tf


def pruned(ids: Sequence[int], ws: Sequence[float], limit: int) -> scoring.Postings:
    """A term's postings as arrays, only its ``limit`` highest-weight ones kept (in document order)."""
    # Copies, not views: a view would keep the (over-allocated) build arrays alive.
    id_array = np.array(ids, dtype=np.int32)
    w_array = np.array(ws, dtype=np.float32)
    if len(id_array) > limit:
        keep = np.sort(np.argpartition(-w_array, limit - 1)[:limit])
        id_array, w_array = id_array[keep], w_array[keep]
    return id_array, w_array


class InvertedIndex:
    """Postings and idf of the clauses (documents ``0 .. clause_count - 1``) and the
    help-desk areas (the documents after them, in ``help_desk`` order)."""

    def __init__(
        self,
        clauses: Sequence[Clause],
        params: Params,
        help_desk: Mapping[str, Sequence[str]] = OFF_TOPIC,
        words_only: Set[str] = WORDS_ONLY,
    ) -> None:
        self.clause_count = n = len(clauses)
        weights = params.fields.as_dict()
        skip = frozenset(CONCEPT_PREFIX + c for c in params.help_desk_skip)
        k1, b = params.k1, params.b
        tfs = [term_frequencies(clause_fields(c), weights, params.concept_weight) for c in clauses]
        tfs += [
            term_frequencies(
                (("offtopic", t) for t in doc), weights, params.concept_weight, skip, words_only=name in words_only
            )
            for name, doc in help_desk.items()
        ]
        lengths = np.array([sum(tf.values()) for tf in tfs], dtype=np.float64)
        avg = float(lengths[:n].mean()) if n else 1.0
        # Help-desk documents are long lists of words: no length penalty, or they never win.
        lengths[n:] = avg
        # Compact typed arrays while building: a large base stays small in memory.
        postings: dict[str, tuple[array[int], array[float]]] = defaultdict(lambda: (array("i"), array("f")))
        for doc, tf in enumerate(tfs):
            norm = scoring.length_norm(lengths[doc], avg, k1, b)
            for term, f in tf.items():
                ids, ws = postings[term]
                ids.append(doc)
                ws.append(scoring.saturated(f, norm, k1))
            tfs[doc] = {}  # done with this document's counts
        self.document_count = total = len(tfs)
        # Words-only help-desk areas do not count towards document frequency: covering more
        # workplace systems must not shift how the clauses rank against each other.
        silent = {i for i, name in enumerate(help_desk, start=n) if name in words_only}
        docs = total - len(silent)
        self.idf: dict[str, float] = {}
        for t, (ids, _) in postings.items():
            self.idf[t] = scoring.idf(docs, sum(1 for d in ids if d not in silent))
        self.postings: dict[str, scoring.Postings] = {
            t: pruned(ids, ws, params.max_postings) for t, (ids, ws) in postings.items()
        }
        # An unknown question word weighs a share of the rarest possible term.
        self.unknown_idf = scoring.idf(docs, 0) * params.unknown_weight
        # The clauses whose titles name each concept.
        titled: dict[str, list[int]] = defaultdict(list)
        for doc, clause in enumerate(clauses):
            for concept in {t for text in clause.title.values() for t in terms(text) if t.startswith(CONCEPT_PREFIX)}:
                titled[concept].append(doc)
        self.titled: dict[str, np.ndarray] = {c: np.array(ids, dtype=np.intp) for c, ids in titled.items()}
        # Which on-topic concepts each help-desk document's own words name (skipped or not).
        on_topic = frozenset(CONCEPT_PREFIX + c for c in params.on_topic_concepts)
        self.help_desk_concepts = [
            frozenset(on_topic.intersection(t for text in doc for t in terms(text))) for doc in help_desk.values()
        ]

    def words(self) -> set[str]:
        """The base's English words (stems), not its concepts or Japanese terms."""
        return {t for t in self.postings if t.isascii() and not t.startswith(CONCEPT_PREFIX)}
