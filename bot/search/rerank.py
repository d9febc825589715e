"""Re-ordering the lexical candidates by meaning, with the sentence model.

Words alone miss paraphrase that shares no word with the policy. An English question
is embedded (:mod:`bot.search.sentence_model`, typos spelled out first) and compared with
each candidate clause's English texts (:func:`semantic_texts`): a clause's similarity is
the mean of its two closest texts. Candidates are re-scored as lexical score / best
lexical score + :attr:`~bot.search.params.Params.semantic_weight` x similarity (scaled so
the most similar candidate gets 1 and the candidates' mean 0).

A question in another language is stood for by the descriptions of the thesaurus
concepts it names (:data:`bot.search.thesaurus.GLOSSES`; posting, social networks and
photos left out: they name no subject), summed, at a lower weight; it only re-orders and
takes no part in the answered/unsure decision. An English question's vector leans
towards the same descriptions for ranking (:attr:`~bot.search.params.Params.gloss_weight`):
the thesaurus knows what a chat phrase is about when the model reads its scenery. An
English question's similarity to the help-desk areas (:data:`HELP_DESK_TEXTS`) is
measured too, for that decision (:mod:`bot.search.decide`).

Clause vectors are made the first time their clause is a candidate (or all at once by
:meth:`Reranker.warm`) and kept for the life of the index.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from bot.domain.policy import Clause
from bot.domain.texts import ANY, detect_language, has_japanese, spoken_language
from bot.search.analysis import CONCEPT_PREFIX, WORD_PATTERN, fold, stem
from bot.search.helpdesk import HELP_DESK_QUESTIONS, OFF_TOPIC
from bot.search.params import DEFAULT, Params
from bot.search.sentence_model import Semantic, SentenceModel
from bot.search.thesaurus import GLOSSES
from bot.search.typos import Typos


def help_desk_texts(help_desk: Mapping[str, Sequence[str]] = OFF_TOPIC) -> tuple[str, ...]:
    """What the sentence model compares a question with on the help-desk side: the areas'
    English word lines and their example questions."""
    return tuple(t for doc in help_desk.values() for t in doc if not has_japanese(t)) + tuple(
        q for questions in HELP_DESK_QUESTIONS.values() for q in questions
    )


HELP_DESK_TEXTS = help_desk_texts()

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def semantic_texts(
    clause: Clause, default_language: str = "en", *, min_sentence_chars: int = DEFAULT.min_sentence_chars
) -> tuple[str, ...]:
    """The clause's English texts the sentence model compares a question with: the title,
    each question, the keywords, the answer and, when it has several, each of its sentences
    (one point of a long answer is blurred in the whole). Plain (language-neutral) texts
    count as English only in a base whose default language is English."""
    texts: list[str] = []
    for key in ("en", ANY) if default_language == "en" else ("en",):
        if key in clause.title:
            texts.append(clause.title[key])
        texts.extend(clause.questions.get(key, ()))
        if clause.keywords.get(key):
            texts.append(", ".join(clause.keywords[key]))
        for case in clause.cases:
            texts.extend(t for t in (case.when.get(key), *case.questions.get(key, ())) if t)
        if key in clause.answer:
            answer = clause.answer[key]
            texts.append(answer)
            sentences = [t for t in _SENTENCE_END.split(answer) if len(t) >= min_sentence_chars]
            if len(sentences) > 1:
                texts.extend(sentences)
    return tuple(dict.fromkeys(texts))


@dataclass(frozen=True, slots=True)
class Meaning:
    order: np.ndarray  # candidates, best first, by lexical and sentence similarity
    clause: float  # the closest candidate clause's similarity to the question
    first: float  # the similarity of the clause the question's own vector puts first (before leaning)
    help_desk: float  # the closest help-desk area's
    bridged: bool = False  # a non-English question, stood for by its concepts' descriptions
    fused: np.ndarray | None = None  # the candidates' fused scores, in ``order``
    similarity: np.ndarray | None = None  # the candidates' similarities to the question, in ``order``
    closest: np.ndarray | None = None  # each candidate's closest text's similarity, in ``order``


def _unit(vector: np.ndarray) -> np.ndarray:
    unit: np.ndarray = (vector / np.linalg.norm(vector)).astype(np.float32)
    return unit


def _two_closest(sims: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per clause (``counts`` texts each, in order), the highest and second-highest of
    ``sims`` (-inf when a clause has one text)."""
    padded = np.full((len(counts), int(counts.max())), -np.inf, dtype=np.float32)
    padded[
        np.repeat(np.arange(len(counts)), counts),
        np.arange(len(sims)) - np.repeat(np.cumsum(counts) - counts, counts),
    ] = sims
    padded.sort(axis=1)
    return padded[:, -1], padded[:, -2] if padded.shape[1] > 1 else np.full(len(counts), -np.inf, dtype=np.float32)


def _mean_of_two(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The mean of each clause's two closest texts' similarities (its closest alone when it has one text)."""
    mean: np.ndarray = np.where(np.isfinite(second), (first + second) / 2, first)
    return mean


def fuse(lexical: np.ndarray, similarity: np.ndarray, weight: float) -> np.ndarray:
    """Candidates' fused scores: lexical / best lexical (``lexical[0]``) + ``weight`` x
    similarity scaled so the most similar gets 1 and the mean 0 (-1 marks a candidate
    without English texts: it gets 0)."""
    known = similarity > -1.0
    mean = float(similarity[known].mean())
    spread = float(similarity.max()) - mean
    scaled = np.where(known, (similarity - mean) / spread if spread > 0 else 0.0, 0.0)
    fused: np.ndarray = lexical / lexical[0] + weight * scaled
    return fused


class Reranker:
    """The sentence model's opinion on one knowledge base's candidates."""

    def __init__(
        self,
        clauses: Sequence[Clause],
        default_language: str,
        model: SentenceModel | None,
        typos: Typos,
        params: Params,
        help_desk: Sequence[str] = HELP_DESK_TEXTS,
    ) -> None:
        self._model = model
        self._typos = typos
        self._semantic_weight = params.semantic_weight
        self._bridge_weight = params.bridge_weight
        self._gloss_weight = params.gloss_weight
        # Posting, social networks and the medium ("photo") name no subject of their own: their
        # descriptions would pull every question towards the same clauses.
        self._gloss_skip = frozenset(CONCEPT_PREFIX + c for c in params.on_topic_concepts | params.medium_concepts)
        self._default_language = default_language
        self._help_desk_texts = tuple(help_desk)
        self._texts = [
            semantic_texts(c, default_language, min_sentence_chars=params.min_sentence_chars) for c in clauses
        ]
        # Sentence vectors of each clause's English texts, embedded when first needed.
        self._vectors: dict[int, np.ndarray] = {}
        self._help_desk_vectors: np.ndarray | None = None
        self._surfaces: dict[str, str] | None = None

    def model(self) -> Semantic | None:
        """The sentence model, loaded; None when it is off or cannot load."""
        return None if self._model is None else self._model.load()

    def rerank(self, question: str, top: np.ndarray, lexical: np.ndarray, concepts: frozenset[str]) -> Meaning | None:
        """``top`` (best lexical first, with their ``lexical`` scores) re-ordered by lexical
        and sentence similarity fused; None when the model is off or has nothing to compare."""
        if len(top) < 1:
            return None
        # The model reads English: a question in words of another script (한국어) is not.
        english = detect_language(question, self._default_language) == "en" and spoken_language(question) == "en"
        if not english and not concepts:
            return None
        sem = self.model()
        if sem is None or not any(self._texts[i] for i in top):
            return None
        subjects = self._glosses(sem, concepts - self._gloss_skip)
        if english:
            query = sem.model.encode(self.spelled(question))
            leaning = query if subjects is None else _unit(query + self._gloss_weight * subjects)
        elif subjects is None:
            return None
        else:
            query = leaning = subjects
        rows = [pos for pos, i in enumerate(top) if self._texts[i]]
        blocks = [self._clause_vectors(sem, int(top[pos])) for pos in rows]
        counts = np.array([len(b) for b in blocks])
        texts = np.concatenate(blocks)
        # A clause's similarity is the mean of its two closest texts (one lucky phrase is
        # weaker evidence than two): to the question itself (the meaning's own first choice,
        # and with its closest text the answered/unsure decision), and to the leaning
        # vector (the order).
        first, second = _two_closest(texts @ query, counts)
        closest = np.full(len(top), -1.0, dtype=np.float32)
        similarity = np.full(len(top), -1.0, dtype=np.float32)
        closest[rows] = first
        similarity[rows] = _mean_of_two(first, second)
        leaning_similarity = similarity
        if leaning is not query:
            leaning_similarity = np.full(len(top), -1.0, dtype=np.float32)
            leaning_similarity[rows] = _mean_of_two(*_two_closest(texts @ leaning, counts))
        help_desk = -1.0
        if english:
            help_desk = float((self._help_desk(sem) @ query).max()) if len(self._help_desk_texts) else -1.0
        weight = self._semantic_weight if english else self._bridge_weight
        fused = fuse(lexical, leaning_similarity, weight)
        order = np.argsort(-fused, kind="stable")
        # The decision reads the clause the question itself puts first: leaning only re-orders.
        own_first = order[0] if leaning is query else int(np.argmax(fuse(lexical, similarity, weight)))
        return Meaning(
            top[order],
            float(closest.max()),
            float(closest[own_first]),
            help_desk,
            not english,
            fused[order],
            similarity[order],
            closest[order],
        )

    @staticmethod
    def _glosses(sem: Semantic, concepts: frozenset[str]) -> np.ndarray | None:
        """The summed descriptions of ``concepts``, unit length; None when none has one."""
        named = [g for c in sorted(concepts) if (g := GLOSSES.get(c.removeprefix(CONCEPT_PREFIX)))]
        return _unit(sem.texts.get(named).sum(axis=0)) if named else None

    def warm(self, stop: threading.Event | None = None) -> int:
        """Embed every clause's and the help-desk areas' texts now; returns how many
        clauses were embedded. ``stop`` ends it early."""
        sem = self.model()
        if sem is None:
            return 0
        self._help_desk(sem)
        done = 0
        for i, texts in enumerate(self._texts):
            if stop is not None and stop.is_set():
                break
            if texts:
                self._clause_vectors(sem, i)
                done += 1
        return done

    @property
    def warmed(self) -> int:
        """How many clauses have their sentence vectors ready."""
        return len(self._vectors)

    @property
    def help_desk_ready(self) -> int:
        """How many help-desk texts have their sentence vectors ready."""
        return 0 if self._help_desk_vectors is None else len(self._help_desk_vectors)

    def _help_desk(self, sem: Semantic) -> np.ndarray:
        if self._help_desk_vectors is None:
            self._help_desk_vectors = sem.texts.get(self._help_desk_texts)
        return self._help_desk_vectors

    def _clause_vectors(self, sem: Semantic, i: int) -> np.ndarray:
        vectors = self._vectors.get(i)
        if vectors is None:
            vectors = self._vectors[i] = sem.texts.get(self._texts[i])
        return vectors

    def spelled(self, question: str) -> str:
        """The question as the sentence model reads it: misspelt English words replaced
        by the base's words they are corrected to ("layofs" -> "layoffs")."""
        return self._typos.spell_out(question, self._surface)

    def _surface(self) -> dict[str, str]:
        """A word the knowledge base writes for each English stem (built on first use)."""
        if self._surfaces is None:
            surfaces: dict[str, str] = {}
            for texts in self._texts:
                for text in texts:
                    for word in WORD_PATTERN.findall(fold(text)):
                        surfaces.setdefault(stem(word), word)
            self._surfaces = surfaces
        return self._surfaces
