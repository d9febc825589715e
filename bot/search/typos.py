"""Typo correction: an unknown English question word becomes a close known word.

Known words are the base's own English words and the thesaurus's (rapidfuzz ratio of
at least :attr:`~bot.search.params.Params.typo_cutoff`), so "layofs" finds "layoff" and
the concepts it names. The sentence model is shown the question with its typos spelled
out (:meth:`Typos.spell_out`), since it does not know "layofs" either.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping

from rapidfuzz import fuzz, process

from bot.search.analysis import CONCEPT_PREFIX, WORD_PATTERN, fold, stem
from bot.search.commonness import is_common
from bot.search.params import Params


class Typos:
    """Corrects words towards ``vocabulary`` (the index's terms) and the ``known`` words."""

    def __init__(self, vocabulary: Collection[str], known: Iterable[str], params: Params) -> None:
        self._vocabulary = vocabulary
        self._min_length = params.min_typo_length
        self._cutoff = params.typo_cutoff
        self._cache_size = params.correction_cache
        # Candidates by (first letter, length): a high ratio rules out much longer or shorter words.
        self._candidates: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in known:
            if len(word) >= self._min_length - 1:
                self._candidates[word[0], len(word)].append(word)
        self._corrections: dict[str, str | None] = {}
        # The base's katakana words, sorted: a clipped word (「プロフ」) is the start of its full one.
        self._katakana = sorted(t for t in vocabulary if len(t) >= 4 and _KATAKANA_WORD.fullmatch(t))

    def correct(self, term: str) -> str | None:
        """``term`` itself when the index knows it (or it is a concept), else the closest
        known word, else None (too short, not English, an everyday English word, or nothing
        close enough). An everyday word is what it says: a laptop "freezing" is not a
        misspelt "free", "patients" not "patent"."""
        if term in self._vocabulary or term.startswith(CONCEPT_PREFIX):
            return term
        if len(term) >= 3 and _KATAKANA_WORD.fullmatch(term):
            return self._unclipped(term)
        if len(term) < self._min_length or not term.isascii() or is_common(term):
            return None
        if term in self._corrections:
            return self._corrections[term]
        n = len(term)
        spread = max(1, int(n * (100 - self._cutoff) / 50))
        candidates = [
            w for size in range(n - spread, n + spread + 1) for w in self._candidates.get((term[0], size), ())
        ]
        close = process.extract(term, candidates, scorer=fuzz.ratio, score_cutoff=self._cutoff, limit=None)
        # Of equally close words, the one sharing the longest start with the typo ("ping" is
        # "pin", not "png"), then the first alphabetically: a total order, so the answer is the
        # same in every process, whatever order the known words came in (a set's order
        # changes with the hash seed).
        ranked = sorted((-score, -_shared_start(term, word), word) for word, score, _ in close)
        corrected = ranked[0][2] if ranked else None
        if len(self._corrections) >= self._cache_size:
            self._corrections.clear()
        self._corrections[term] = corrected
        return corrected

    def _unclipped(self, term: str) -> str | None:
        """The base's shortest katakana word that ``term`` starts (「プロフ」 -> 「プロフィール」), or
        the base's spelling without a final long vowel mark (「サーバー」 -> 「サーバ」)."""
        if term.endswith("ー") and term[:-1] in self._vocabulary:
            return term[:-1]
        # Sorted, the words that start with ``term`` lie together, before ``term`` + the last character.
        words = self._katakana
        full = words[bisect.bisect_left(words, term) : bisect.bisect_left(words, term + "\uffff")]
        return min(full, key=lambda w: (len(w), w)) if full else None

    def spell_out(self, question: str, surfaces: Callable[[], Mapping[str, str]]) -> str:
        """The question with misspelt English words replaced by the known words they are
        corrected to ("layofs" -> "layoffs"), written as ``surfaces()`` maps a stem to a
        word. Words the index knows, and everyday words, are left alone."""
        folded = fold(question)
        parts: list[str] = []
        last = 0
        for m in WORD_PATTERN.finditer(folded):
            word = m.group()
            root = stem(word)
            known = self.correct(root)  # itself when the base knows it, None for an everyday word
            if known is not None and known != root:
                parts += [folded[last : m.start()], surfaces().get(known, known)]
                last = m.end()
        return "".join([*parts, folded[last:]]) if parts else question


# A katakana word: letters and the long vowel mark, not the middle dot that joins words
# (「ツール・メール」 is two).
_KATAKANA_WORD = re.compile(r"[\u30a1-\u30fa\u30fc]+")


def _shared_start(a: str, b: str) -> int:
    """How many leading characters ``a`` and ``b`` share."""
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
