"""Ranking clauses for a question, and deciding whether the best one answers it.

:class:`ClauseIndex` composes the stages, each in its own module:

- :mod:`bot.search.inverted_index` builds the field-weighted BM25 postings of the
  clauses and the help-desk areas;
- :mod:`bot.search.query` turns the question into weighted terms, correcting typos
  (:mod:`bot.search.typos`);
- :mod:`bot.search.scoring` scores every document (BM25) and picks the candidates;
- :mod:`bot.search.rerank` re-orders them by meaning with the sentence model
  (:mod:`bot.search.sentence_model`);
- :mod:`bot.search.decide` says whether the best clause is a confident answer.

Every tuning figure is in :class:`bot.search.params.Params`.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass

import numpy as np

from bot.data.shorthand import spell_out
from bot.domain.policy import Case, Clause, KnowledgeBase
from bot.search import alternatives, decide, scoring
from bot.search.analysis import concept_words
from bot.search.cases import CaseMatcher
from bot.search.helpdesk import OFF_TOPIC, WORDS_ONLY
from bot.search.inverted_index import InvertedIndex
from bot.search.params import DEFAULT, Params
from bot.search.query import QueryParser, unsourced
from bot.search.question_form import asking
from bot.search.rerank import HELP_DESK_TEXTS, Meaning, Reranker, help_desk_texts
from bot.search.sentence_model import CONFIGURED, Configured, SentenceModel, configured
from bot.search.typos import Typos


@dataclass(frozen=True, slots=True)
class Match:
    clause: Clause
    score: float  # in [0, 1]


@dataclass(frozen=True, slots=True)
class Ranking:
    matches: tuple[Match, ...]  # best first
    confident: bool  # False: the policy does not clearly cover the question
    # Confident: close runners-up the reply offers besides the first; unsure: the clauses
    # the question is plausibly about (:mod:`bot.search.alternatives`). Best first.
    offered: tuple[Match, ...] = ()
    vague: bool = False  # it names nothing but posting ("Can I post?"): unsure, whatever matched


def _read(question: str) -> str:
    """A question as every part of the search reads it: shorthand spelt out, and where the
    asker saw a thing left out (:func:`bot.search.query.unsourced`)."""
    return unsourced(spell_out(question))


class ClauseIndex:
    """An index of a knowledge base's clauses (plus the help-desk areas), tuned by
    ``params``. ``sentence_model`` re-orders English questions' candidates by meaning:
    by default the process's (:func:`bot.search.sentence_model.configured`), None for
    words only. ``help_desk`` and ``words_only`` are the help-desk areas and those of them
    indexed by their own words only (:mod:`bot.search.helpdesk`)."""

    def __init__(
        self,
        kb: KnowledgeBase,
        params: Params = DEFAULT,
        sentence_model: SentenceModel | Configured | None = CONFIGURED,
        *,
        help_desk: Mapping[str, Sequence[str]] = OFF_TOPIC,
        words_only: Set[str] = WORDS_ONLY,
    ) -> None:
        self.clauses = kb.clauses
        self.params = params
        self._n = len(kb.clauses)
        self._index = index = InvertedIndex(kb.clauses, params, help_desk, words_only)
        # Typos are corrected towards the base's words and the thesaurus's words.
        self._typos = typos = Typos(index.postings, index.words() | concept_words(), params)
        self._parser = QueryParser(index.postings, typos, params)
        model = configured() if sentence_model is CONFIGURED else sentence_model
        texts = HELP_DESK_TEXTS if help_desk is OFF_TOPIC else help_desk_texts(help_desk)
        self.reranker = Reranker(kb.clauses, kb.policy.default_language, model, typos, params, texts)
        # A clause's situations are read the first time a question lands on it: a one-off
        # `guidebot ask` reads one clause's, not every clause's.
        self._with_cases = {c.id: c for c in kb.clauses if c.cases}
        self._cases: dict[str, CaseMatcher] = {}

    def warm(self, stop: threading.Event | None = None) -> int:
        """Read every clause's situations and embed every clause's and the help-desk areas'
        texts now (a server does this in a background thread at start-up and after a reload,
        so that no question waits for it); returns how many clauses were embedded. ``stop``
        ends it early."""
        for clause in self._with_cases.values():
            if stop is not None and stop.is_set():
                break
            self._matcher(clause)
        return self.reranker.warm(stop)

    @property
    def warmed(self) -> int:
        """How many clauses have their sentence vectors ready."""
        return self.reranker.warmed

    def rank(self, question: str, limit: int = 5) -> list[Match]:
        """The best clauses for ``question``, best first, with scores in [0, 1]."""
        return list(self.search(question, limit).matches)

    def search(self, question: str, limit: int = 5) -> Ranking:
        """Rank clauses and decide whether the best one confidently answers."""
        if not self._n:
            return Ranking((), False)
        index, params = self._index, self.params
        question = _read(question)
        query = self._parser.parse(question)
        if query.only_posting:  # every clause is about posting: none answers "Can I post?"
            return Ranking((), False, vague=True)
        scores = scoring.score(query.weights, index.postings, index.idf, index.document_count)
        ceiling = scoring.ceiling(query.weights, index.idf, query.unknown, index.unknown_idf, params.k1)
        ranked = self._ranked(scores, query.subjects)
        k = min(max(limit, params.semantic_candidates), self._n)
        top = scoring.top(ranked[: self._n], k) if ceiling > 0 else np.zeros(0, dtype=np.intp)
        if not len(top):
            return Ranking((), False)
        meaning = self.reranker.rerank(question, top, ranked[top], query.concepts)
        best = min(1.0, float(scores[top[0]]) / ceiling)  # how much of the question the policy covers
        matches = self._matches(top if meaning is None else meaning.order, scores, ceiling, limit, best)
        help_desk, rival_concepts = 0.0, frozenset[str]()
        off_scores = scores[self._n :]
        if len(off_scores):
            rival = int(off_scores.argmax())
            help_desk = float(off_scores[rival]) / ceiling
            rival_concepts = index.help_desk_concepts[rival]
        # The sentence model's own help-desk check guards an English question.
        check = None
        if meaning is not None and not meaning.bridged:
            check = decide.MeaningCheck(meaning.clause, meaning.first, meaning.help_desk)
        form = asking(question)
        evidence = decide.Evidence(
            best=best,
            help_desk=help_desk,
            names_channel=bool(query.on_topic),
            channel_unexplained=bool(query.on_topic - rival_concepts),
            names_subject=query.subject,
            subject_unexplained=bool(query.subjects - rival_concepts),
            asks_procedure=form.procedure,
            asks_permission=form.permission,
            meaning=check,
        )
        confident = decide.confident(evidence, params)
        candidates = self._candidates(top, meaning, ranked, ceiling)
        if confident:
            picked = alternatives.close(candidates, int(top[0]), params)
        elif evidence.asks_procedure and not (evidence.names_channel or evidence.names_subject):
            # A help-desk question that names neither a channel nor a policy subject ("the app
            # keeps crashing at the gate, who do I call?") lists no clause: its words' nearest
            # clauses are not what it is about.
            picked = []
        else:
            factor = decide.margin(evidence, params)
            picked = alternatives.related(
                candidates, help_desk, None if check is None else check.help_desk, factor, params
            )
        offered = tuple(
            Match(self.clauses[i], min(1.0, float(scores[i]) / ceiling))
            for i in alternatives.positions(candidates.order, picked)
        )
        return Ranking(tuple(matches), confident, offered)

    def _ranked(self, scores: np.ndarray, subjects: frozenset[str]) -> np.ndarray:
        """The scores the clauses are ordered by: a clause whose title names one of the
        question's subjects counts ``title_subject_boost`` more."""
        titled = [self._index.titled[c] for c in subjects if c in self._index.titled]
        if not titled:
            return scores
        ranked = scores.copy()
        ranked[np.unique(np.concatenate(titled))] *= 1 + self.params.title_subject_boost
        return ranked

    @staticmethod
    def _candidates(
        top: np.ndarray, meaning: Meaning | None, scores: np.ndarray, ceiling: float
    ) -> alternatives.Candidates:
        """The candidates as :mod:`bot.search.alternatives` reads them."""
        if meaning is None or meaning.fused is None:
            lexical = scores[top]
            return alternatives.Candidates(top, lexical / lexical[0], lexical / ceiling, "words")
        order = meaning.order
        return alternatives.Candidates(
            order,
            meaning.fused,
            scores[order] / ceiling,
            "glosses" if meaning.bridged else "meaning",
            meaning.similarity,
            meaning.closest,
        )

    def case_for(self, clause: Clause, question: str) -> Case | None:
        """The situation of ``clause`` that ``question`` asks about (one of its ``cases``),
        or None for the clause in general (:mod:`bot.search.cases`)."""
        if self._with_cases.get(clause.id) is not clause:
            return None
        return self._matcher(clause).pick(_read(question))

    def _matcher(self, clause: Clause) -> CaseMatcher:
        """The clause's situations, read on first use (two threads may both read them: the
        same matcher either way)."""
        matcher = self._cases.get(clause.id)
        if matcher is None:
            matcher = self._cases.setdefault(clause.id, CaseMatcher(clause, self.params))
        return matcher

    def _matches(self, order: np.ndarray, scores: np.ndarray, ceiling: float, limit: int, best: float) -> list[Match]:
        """Matches in ``order``. Scores say how much of the question the policy covers: the
        first carries the best lexical share, the rest never exceed the one before them."""
        out: list[Match] = []
        score = best
        for i in order[:limit]:
            if out:
                score = min(score, float(scores[i]) / ceiling)
            out.append(Match(self.clauses[i], min(1.0, score)))
        return out
