"""Ranking clauses for a question: a field-weighted BM25 over an inverted index.

Each clause is one document built from its titles, questions, keywords and answers
in every language, fields weighted by how directly they say what the clause is
about. Postings hold precomputed BM25 term weights, so a question costs time in
proportion to the postings of its own terms, not to the size of the base.
Question words missing from the vocabulary are corrected to a close known word
(rapidfuzz), which absorbs typos. Each question word is weighted by how rare it is
in everyday English (:mod:`bot.search.commonness`), so chatty wording does not steer.

English questions are then re-ordered by meaning: the lexical candidates' scores are
fused with a sentence-embedding model's similarity (:mod:`bot.search.sentence_model`), which
understands paraphrase that shares no word with the policy.

Whether the best clause is a confident answer is decided against two rivals:
the built-in help-desk documents of :mod:`bot.search.helpdesk` (a question about leave
or laptops is explained better by them than by any clause), and the question's
own words that the base does not know at all (they count in the score's
denominator, so a question the base only brushes scores low). The margin over the
help-desk documents is smaller when the question talks about posting or social media
and the rival document does not explain that, and larger when the question names
neither a publishing channel nor a distinctive policy subject.
"""

from __future__ import annotations

import math
import re
import threading
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from bot.domain.policy import Clause, KnowledgeBase
from bot.domain.texts import ANY, all_strings, detect_language, has_japanese
from bot.search import sentence_model as semantic
from bot.search.analysis import (
    CONCEPT_PREFIX,
    WORD_PATTERN,
    concept_words,
    fold,
    question_terms,
    stem,
    terms,
    word_concepts,
)
from bot.search.commonness import is_common, query_weight
from bot.search.helpdesk import OFF_TOPIC, WORDS_ONLY
from bot.search.helpdesk_examples import HELP_DESK_QUESTIONS
from bot.search.thesaurus import CONCEPTS
from bot.search.thesaurus_glosses import GLOSSES

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

# Meaning-based re-ordering of English questions (bot.search.sentence_model): the best lexical
# candidates are re-scored as lexical score / best lexical score + SEMANTIC_WEIGHT x
# their similarity to the question, scaled so the most similar candidate gets 1 and
# the candidates' mean 0. A clause's similarity is the mean of its two closest English texts.
SEMANTIC_CANDIDATES = 30
SEMANTIC_WEIGHT = 1.0
# A non-English question's concept descriptions are coarser evidence than the question
# itself: a quarter of the weight (over ten sets, Japanese top-1 0.769 -> 0.786).
BRIDGE_WEIGHT = 0.25
# An English question closer in meaning to a help-desk area than to every clause, by
# this much, is not answered even when its words match a clause.
HELP_DESK_MEANING_MARGIN = 0.1
# ... and one this close to a clause, and this much closer than to any help-desk area, is
# answered even when few of its words are the policy's.
CLAUSE_MEANING_FLOOR = 0.45
CLAUSE_MEANING_MARGIN = 0.1
# The words' thresholds for a question the model also checks (English): over nine question
# sets, in-scope unsure 0.049 -> 0.036 and top-1 +0.006 for out-of-scope unsure -0.005.
# Japanese questions, which have no such check, keep the wider ones (there the narrower
# ones cost 0.03 out-of-scope unsure for nothing).
GUARDED_CONFIDENT_SCORE = 0.04
GUARDED_OFF_TOPIC_MARGIN = 1.1
GUARDED_NO_CHANNEL_MARGIN = 1.3
# What the sentence model compares a question with on the help-desk side: the areas'
# English word lines and their example questions.
HELP_DESK_TEXTS = tuple(t for doc in OFF_TOPIC.values() for t in doc if not has_japanese(t)) + tuple(
    q for questions in HELP_DESK_QUESTIONS.values() for q in questions
)


@dataclass(frozen=True, slots=True)
class _Meaning:
    order: np.ndarray  # candidates, best first, by lexical and sentence similarity
    clause: float  # the closest candidate clause's similarity to the question
    first: float  # the similarity of the clause now first in ``order``
    help_desk: float  # the closest help-desk area's
    bridged: bool = False  # a non-English question, stood for by its concepts' descriptions


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


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
MIN_SENTENCE_CHARS = 15


def semantic_texts(clause: Clause, default_language: str = "en") -> tuple[str, ...]:
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
        if key in clause.answer:
            answer = clause.answer[key]
            texts.append(answer)
            sentences = [t for t in _SENTENCE_END.split(answer) if len(t) >= MIN_SENTENCE_CHARS]
            if len(sentences) > 1:
                texts.extend(sentences)
    return tuple(dict.fromkeys(texts))


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


# The names of social networks and sites ("linkedin", "reddit", "glassdoor"). In a question
# they are mostly where something would be posted, not what it is about ("can I name the
# client on LinkedIn" is about customers): half weight, so the clause that lists the
# platform does not win by the name alone; the sentence model reads the rest. The
# publishing concept they also bring keeps its full weight.
PLATFORM_WEIGHT = 0.5
# Generic channel words of the same concept ("public", "online", "blog") are not names.
_CHANNEL_WORDS = frozenset(
    stem(w)
    for w in (
        "blog",
        "dm",
        "dms",
        "feed",
        "follow",
        "followers",
        "forum",
        "internet",
        "line",
        "medium",
        "note",
        "online",
        "public",
        "publicly",
        "social",
        "sns",
        "thread",
        "threads",
        "timeline",
    )
)
PLATFORMS = (
    frozenset(stem(form.lower()) for form in CONCEPTS["social"] if form.isascii() and " " not in form) - _CHANNEL_WORDS
)


def _query_term_weight(term: str) -> float:
    if term.startswith(CONCEPT_PREFIX):
        return CONCEPT_WEIGHT
    if term in PLATFORMS:
        return PLATFORM_WEIGHT
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
        # Sentence vectors of each clause's English texts, embedded when first needed.
        self._default_language = kb.policy.default_language
        self._semantic_texts = [semantic_texts(c, self._default_language) for c in kb.clauses]
        self._semantic_vectors: dict[int, np.ndarray] = {}
        self._help_desk_vectors: np.ndarray | None = None
        self._surfaces: dict[str, str] | None = None

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

    def _scores(self, question: str) -> tuple[np.ndarray, float, frozenset[str], bool, frozenset[str]]:
        """Per-document scores (clauses, then help-desk documents), their ceiling, which
        of the on-topic concepts (posting, social media) the question mentions, whether
        it names a distinctive policy subject by a telling word, and every concept it names."""
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
        concepts = frozenset(t for t in found if t.startswith(CONCEPT_PREFIX))
        return scores, ceiling, ON_TOPIC_CONCEPTS.intersection(found), subject, concepts

    def _lexical_top(self, scores: np.ndarray, ceiling: float, limit: int) -> np.ndarray:
        """Clauses sharing a term with the question, best lexical score first (at most
        ``SEMANTIC_CANDIDATES`` or ``limit``, whichever is more)."""
        clause_scores = scores[: self._n]
        k = min(max(limit, SEMANTIC_CANDIDATES), self._n)
        if k <= 0 or ceiling <= 0:
            return np.zeros(0, dtype=np.intp)
        touched = np.flatnonzero(clause_scores)
        if len(touched) > k:
            touched = touched[np.argpartition(-clause_scores[touched], k - 1)[:k]]
        return touched[np.argsort(-clause_scores[touched], kind="stable")]

    def _meaning(
        self, question: str, top: np.ndarray, lexical: np.ndarray, concepts: frozenset[str]
    ) -> _Meaning | None:
        """``top`` (best lexical first) re-ordered by lexical and sentence similarity fused,
        when the sentence model is available. An English question is embedded itself;
        another language's is stood for by the descriptions of the thesaurus concepts it
        names (summed), at a lower weight, and takes no part in the unsure decision."""
        if len(top) < 1:
            return None
        english = detect_language(question, self._default_language) == "en"
        if not english and not concepts:
            return None
        sem = semantic.load()
        if sem is None or not any(self._semantic_texts[i] for i in top):
            return None
        if english:
            query = sem.model.encode(self._spelled(question))
        else:
            named = [g for c in sorted(concepts) if (g := GLOSSES.get(c.removeprefix(CONCEPT_PREFIX)))]
            if not named:
                return None
            total = sem.texts.get(named).sum(axis=0)
            query = (total / np.linalg.norm(total)).astype(np.float32)
        rows = [pos for pos, i in enumerate(top) if self._semantic_texts[i]]
        blocks = [self._clause_vectors(sem, int(top[pos])) for pos in rows]
        counts = np.array([len(b) for b in blocks])
        sims = np.concatenate(blocks) @ query
        # One row per clause, padded: its closest text, and the mean of its two closest
        # (one lucky phrase is weaker evidence than two).
        padded = np.full((len(rows), int(counts.max())), -np.inf, dtype=np.float32)
        padded[
            np.repeat(np.arange(len(rows)), counts),
            np.arange(len(sims)) - np.repeat(np.cumsum(counts) - counts, counts),
        ] = sims
        padded.sort(axis=1)
        first, second = padded[:, -1], padded[:, -2] if padded.shape[1] > 1 else padded[:, -1]
        closest = np.full(len(top), -1.0, dtype=np.float32)
        similarity = np.full(len(top), -1.0, dtype=np.float32)
        closest[rows] = first
        similarity[rows] = np.where(np.isfinite(second), (first + second) / 2, first)
        help_desk = -1.0
        if english:
            if self._help_desk_vectors is None:
                self._help_desk_vectors = sem.texts.get(HELP_DESK_TEXTS)
            help_desk = float((self._help_desk_vectors @ query).max()) if len(HELP_DESK_TEXTS) else -1.0
        known = similarity > -1.0
        mean = float(similarity[known].mean())
        spread = float(similarity.max()) - mean
        scaled = np.where(known, (similarity - mean) / spread if spread > 0 else 0.0, 0.0)
        fused = lexical / lexical[0] + (SEMANTIC_WEIGHT if english else BRIDGE_WEIGHT) * scaled
        order = np.argsort(-fused, kind="stable")
        return _Meaning(top[order], float(closest.max()), float(closest[order[0]]), help_desk, not english)

    def warm(self, stop: threading.Event | None = None) -> int:
        """Embed every clause's and the help-desk areas' texts now (a server does this in a
        background thread at start-up and after a reload, so that no question waits for
        it); returns how many clauses were embedded. ``stop`` ends it early."""
        sem = semantic.load()
        if sem is None:
            return 0
        if self._help_desk_vectors is None:
            self._help_desk_vectors = sem.texts.get(HELP_DESK_TEXTS)
        done = 0
        for i, texts in enumerate(self._semantic_texts):
            if stop is not None and stop.is_set():
                break
            if texts:
                self._clause_vectors(sem, i)
                done += 1
        return done

    @property
    def warmed(self) -> int:
        """How many clauses have their sentence vectors ready."""
        return len(self._semantic_vectors)

    def _clause_vectors(self, sem: semantic.Semantic, i: int) -> np.ndarray:
        vectors = self._semantic_vectors.get(i)
        if vectors is None:
            vectors = self._semantic_vectors[i] = sem.texts.get(self._semantic_texts[i])
        return vectors

    def _spelled(self, question: str) -> str:
        """The question with misspelt English words replaced by the known words the lexical
        ranking corrected them to, for the sentence model ("layofs" -> "layoffs")."""
        folded = fold(question)
        parts: list[str] = []
        last = 0
        for m in WORD_PATTERN.finditer(folded):
            word = m.group()
            root = stem(word)
            if len(root) < MIN_TYPO_LENGTH or root in self._postings or is_common(root):
                continue  # known to the base, or an everyday word the model knows
            known = self._correct(root)
            if known is not None and known != root:
                parts += [folded[last : m.start()], self._surface().get(known, known)]
                last = m.end()
        return "".join([*parts, folded[last:]]) if parts else question

    def _surface(self) -> dict[str, str]:
        """A word the knowledge base writes for each English stem (built on first use)."""
        if self._surfaces is None:
            surfaces: dict[str, str] = {}
            for texts in self._semantic_texts:
                for text in texts:
                    for word in WORD_PATTERN.findall(fold(text)):
                        surfaces.setdefault(stem(word), word)
            self._surfaces = surfaces
        return self._surfaces

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

    def rank(self, question: str, limit: int = 5) -> list[Match]:
        """The best clauses for ``question``, best first, with scores in [0, 1]."""
        return list(self.search(question, limit).matches)

    def search(self, question: str, limit: int = 5) -> Ranking:
        """Rank clauses and decide whether the best one confidently answers."""
        if not self._n:
            return Ranking((), False)
        scores, ceiling, on_topic, subject, concepts = self._scores(question)
        top = self._lexical_top(scores, ceiling, limit)
        if not len(top):
            return Ranking((), False)
        meaning = self._meaning(question, top, scores[top], concepts)
        best = min(1.0, float(scores[top[0]]) / ceiling)  # how much of the question the policy covers
        matches = self._matches(top if meaning is None else meaning.order, scores, ceiling, limit, best)
        off_scores = scores[self._n :]
        # The sentence model's own help-desk check guards an English question, so the
        # words' margins over the help-desk documents can be narrower there.
        guarded = meaning is not None and not meaning.bridged
        margin = GUARDED_OFF_TOPIC_MARGIN if guarded else OFF_TOPIC_MARGIN
        other = 0.0
        if len(off_scores):
            rival = int(off_scores.argmax())
            other = float(off_scores[rival]) / ceiling
            if not on_topic and not subject:
                margin = GUARDED_NO_CHANNEL_MARGIN if guarded else NO_CHANNEL_MARGIN
            elif on_topic - self._off_topic_concepts[rival]:
                margin = ON_TOPIC_MARGIN
        floor = GUARDED_CONFIDENT_SCORE if guarded else CONFIDENT_SCORE
        confident = best >= floor and best >= other * margin
        if guarded and meaning is not None:
            if meaning.clause < meaning.help_desk - HELP_DESK_MEANING_MARGIN:
                confident = False  # in meaning, a help-desk question ("how do I schedule a post")
            elif meaning.first >= max(CLAUSE_MEANING_FLOOR, meaning.help_desk + CLAUSE_MEANING_MARGIN):
                confident = True  # plainly about a clause, though in words the policy does not use
        return Ranking(tuple(matches), confident)
