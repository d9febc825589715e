"""Which situation of a clause a question asks about: one of its ``cases``, or the clause in general.

Once the index has picked the clause, the question is compared with the clause's own
texts (its title, questions and keywords: the general rule) and with each case's (its
``when``, questions, keywords and answer). The comparison is BM25 over these few
documents only, so what counts is what tells the situations apart: a word every one
of them uses ("competitor") weighs little, one only a case uses ("disparage",
"without consent") a lot. Unlike the clause index, stop words are kept ("without",
"not", "before" and "after" are what a situation turns on) and Japanese text is read
as overlapping character pairs of every script (「同意なし」, 「こっそり」). The sentence
model takes no part: on the base's own case questions (left out one at a time) and on
the situation sets, its similarity to each situation's texts never chose better than the
words (docs/answer-ranking.md).

A question placed before an event ("before they are published", 「発表前に」) is never
given a case whose ``when`` places it after ("after the company has published them",
「公表済み」), nor the other way round (:func:`~bot.search.question_form.timing`): the
words those two share are what the situations are about, and the one that tells them
apart is a stop word to the rest of the ranking. The same goes for saying who is posting
(:func:`~bot.search.question_form.disclosure`): "can I review our app? I wouldn't mention I
work there" is never given the case "recommending our products while saying that you work
here", whose words it shares.

A word that only a few of the situations use (at most
:attr:`~bot.search.params.Params.case_distinctive` of them) is left out of the general
rule's texts: a clause's general questions and keywords often name its situations'
deciding words too ("trash talk" among a competitors clause's keywords), and there they
would let the general rule answer a question that states one situation ("can I trash a
competitor's product?").

A case is chosen when it beats the general rule by
:attr:`~bot.search.params.Params.case_margin` (``case_margin_pairs`` for a question with
Japanese in it, read as character pairs) and covers at least
:attr:`~bot.search.params.Params.case_floor` of the question; otherwise the answer is
the clause in general.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from bot.domain.policy import Case, Clause, Text, TextList
from bot.domain.texts import all_strings, has_japanese
from bot.search import scoring
from bot.search.analysis import CONCEPT_PREFIX, char_pairs, concepts, fold, words
from bot.search.params import Params
from bot.search.question_form import asks_in_general, disclosure, timing

# Two hiragana: an ending or a particle (「につ」「いて」).
_KANA_PAIR = re.compile(r"[\u3040-\u309f]{2}")
# Runs of Japanese text of any script (kana, kanji, the iteration mark, the long vowel mark).
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005]+")


def situation_terms(text: str) -> list[str]:
    """Terms of ``text`` for telling situations apart: every English word stem (stop words
    too), Japanese character pairs of every script, and thesaurus concepts."""
    folded = fold(text)
    stems = words(folded)
    out = [s for s in stems if len(s) > 1]
    out.extend(pair for m in _JAPANESE.finditer(folded) for pair in char_pairs(m.group()))
    out.extend(CONCEPT_PREFIX + c for c in sorted(concepts(folded, stems)))
    return out


def situation_fields(
    title: Text, questions: TextList, keywords: TextList, answer: Text | None = None
) -> list[tuple[str, str]]:
    """A situation's texts with their field names: the clause in general (its title,
    questions and keywords) or a case (its ``when``, questions, keywords and own answer)."""
    return [
        *(("title", t) for t in title.values()),
        *(("questions", t) for t in all_strings(questions)),
        *(("keywords", t) for t in all_strings(keywords)),
        *(("answer", t) for t in (answer or {}).values()),
    ]


@dataclass(frozen=True, slots=True)
class CaseScores:
    """How well a question fits the clause in general and each of its cases, in [0, 1]."""

    general: float
    cases: tuple[float, ...]


class CaseMatcher:
    """The situations of one clause, ready to be told apart."""

    def __init__(self, clause: Clause, params: Params) -> None:
        self.clause = clause
        self._params = params
        # Which side of an event, and of saying who is posting, each case's `when` places it
        # (in any of its languages).
        self._sides = tuple(tuple(_side(read, c.when.values()) for read in _SIDES) for c in clause.cases)
        weights = params.fields.as_dict()
        docs = [
            situation_fields(clause.title, clause.questions, clause.keywords),
            *(situation_fields(c.when, c.questions, c.keywords, c.answer) for c in clause.cases),
        ]
        tfs: list[dict[str, float]] = []
        for doc in docs:
            tf: dict[str, float] = defaultdict(float)
            for fld, text in doc:
                for term in situation_terms(text):
                    tf[term] += weights[fld]
            tfs.append(tf)
        n = len(tfs)
        lengths = [sum(tf.values()) for tf in tfs]
        avg = max(1e-9, sum(lengths) / n)
        df: dict[str, int] = defaultdict(int)
        for tf in tfs:
            for term in tf:
                df[term] += 1
        self._idf = {t: scoring.idf(n, d) for t, d in df.items()}
        # A word only a few situations use tells them apart: it is their evidence, not the
        # general rule's, even where the general rule's texts use it too ("trash talk").
        # Pairs of hiragana are endings and particles (「について」), not a situation's detail.
        few = len(clause.cases) * params.case_distinctive
        general = tfs[0]
        for term in [t for t in general if not _KANA_PAIR.fullmatch(t) and 1 <= sum(t in tf for tf in tfs[1:]) <= few]:
            del general[term]
        self._weights = [
            {
                t: scoring.saturated(f, scoring.length_norm(lengths[i], avg, params.k1, params.b), params.k1)
                for t, f in tf.items()
            }
            for i, tf in enumerate(tfs)
        ]

    def scores(self, question: str) -> CaseScores:
        """The question's fit with the general rule and with each case."""
        terms = set(situation_terms(question))
        known = [t for t in terms if t in self._idf]
        ceiling = sum(self._idf[t] for t in known) * (self._params.k1 + 1)
        lexical = np.zeros(len(self._weights), dtype=np.float64)
        if ceiling > 0:
            for i, doc in enumerate(self._weights):
                lexical[i] = sum(self._idf[t] * doc[t] for t in known if t in doc) / ceiling
        return CaseScores(float(lexical[0]), tuple(float(s) for s in lexical[1:]))

    def pick(self, question: str) -> Case | None:
        """The case the question asks about, or None for the clause in general."""
        s = self.scores(question)
        if not s.cases:
            return None
        asked = tuple(read(question) for read in _SIDES)
        fits = [
            0.0 if any(a and side and side != a for a, side in zip(asked, sides, strict=True)) else score
            for score, sides in zip(s.cases, self._sides, strict=True)
        ]
        best = int(np.argmax(fits))
        score = fits[best]
        p = self._params
        margin = p.case_margin_pairs if has_japanese(question) else p.case_margin
        if asks_in_general(question):
            margin *= p.case_margin_general if score < p.case_full else p.case_margin_general_full
        if score >= p.case_floor and score > s.general * margin:
            return self.clause.cases[best]
        return None


# How a text is placed: before or after an event, keeping quiet or saying who is posting.
_SIDES: tuple[Callable[[str], str | None], ...] = (timing, disclosure)


def _side(read: Callable[[str], str | None], texts: Iterable[str]) -> str | None:
    """The one side (``"before"``/``"after"``, ``"hidden"``/``"open"``) that ``texts`` place a
    situation on as ``read`` reads them, or None."""
    sides = {side for text in texts if (side := read(text))}
    return sides.pop() if len(sides) == 1 else None
