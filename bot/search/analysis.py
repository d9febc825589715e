"""Turning text into index terms, for questions and clauses alike.

English: words, stop words dropped, Snowball stems. Japanese (written without
spaces): kanji runs as overlapping bigrams, katakana runs as words. Both: the
concepts of :mod:`bot.search.thesaurus` as extra terms, so paraphrases and the other
language meet on a shared term.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

import snowballstemmer

from bot.data.lexicon import JAPANESE_LETTER
from bot.data.stoplists import stop_words
from bot.search.commonness import query_weight
from bot.search.thesaurus import CONCEPTS, OTHER_WORDS, SENSES

_STEMMER = snowballstemmer.stemmer("english")
WORD_PATTERN = _WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_KANJI_CHARS = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005"
_KATAKANA_CHARS = r"\u30a0-\u30ff"
_KANJI = re.compile(f"[{_KANJI_CHARS}]+")
_KATAKANA = re.compile(f"[{_KATAKANA_CHARS}]{{2,}}")

# English stop words (bot/data/stopwords/en.txt).
STOP_WORDS = stop_words("en")

CONCEPT_PREFIX = "@"


# Words whose Snowball stem would merge them with a word of another meaning ("candidate"
# and "candid" both become "candid"): each keeps a stem of its own.
_STEM_EXCEPTIONS = {"candidate": "candidat", "candidates": "candidat"}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    word = word.replace("'", "")
    return _STEM_EXCEPTIONS.get(word) or str(_STEMMER.stemWord(word))


def fold(text: str) -> str:
    """NFKC and case folding: the form every analysis starts from."""
    return unicodedata.normalize("NFKC", text).casefold()


def words(folded: str) -> list[str]:
    """English word stems, stop words included (for phrase lookup)."""
    return [stem(w) for w in _WORD.findall(folded)]


def _build_concepts() -> tuple[dict[tuple[str, ...], set[str]], dict[str, set[str]]]:
    phrases: dict[tuple[str, ...], set[str]] = {}
    ja: dict[str, set[str]] = {}
    for concept, forms in CONCEPTS.items():
        for form in forms:
            f = fold(form)
            if JAPANESE_LETTER.search(f):
                ja.setdefault(f, set()).add(concept)
            else:
                key = tuple(words(f))
                if key:
                    phrases.setdefault(key, set()).add(concept)
    # Read leftmost-longest like a form, an other word hides the form it holds.
    for word in OTHER_WORDS:
        ja.setdefault(fold(word), set())
    return phrases, ja


_PHRASES, _JA_FORMS = _build_concepts()
# Words whose concepts are different meanings ("candidate": politics or recruiting).
_SENSES = frozenset(stem(word) for word in SENSES)


def _sizes_by_first(keys: Iterable[Sequence[str]], *, longest_first: bool) -> dict[str, tuple[int, ...]]:
    """The lengths of the ``keys`` that start with each first item."""
    sizes: dict[str, set[int]] = {}
    for key in keys:
        sizes.setdefault(key[0], set()).add(len(key))
    return {first: tuple(sorted(lengths, reverse=longest_first)) for first, lengths in sizes.items()}


# The phrase lengths that start with each stem, shortest first; the lengths of the Japanese
# forms that start with each character, longest first.
_SIZES_BY_FIRST = _sizes_by_first(_PHRASES, longest_first=False)
_JA_SIZES = _sizes_by_first(_JA_FORMS, longest_first=True)


def _name(found: dict[str, float], concepts: Iterable[str], weight: float) -> None:
    """Record ``concepts`` as named with ``weight``, keeping the strongest naming of each."""
    for c in concepts:
        if weight > found.get(c, 0.0):
            found[c] = weight


def _phrase_hits(stems: list[str]) -> list[tuple[int, int, set[str]]]:
    """The English forms in ``stems`` as (start, length, concepts), every one found."""
    hits = []
    n = len(stems)
    for i in range(n):
        # Only the phrase lengths that start with this word (most words start none).
        for size in _SIZES_BY_FIRST.get(stems[i], ()):
            if size > n - i:
                break
            hit = _PHRASES.get(tuple(stems[i : i + size]))
            if hit:
                hits.append((i, size, hit))
    return hits


def concept_strengths(folded: str, stems: list[str]) -> dict[str, float]:
    """The lexicon concepts a text mentions, each weighted by the most telling form that
    named it: an everyday single word ("pay", "office") names its concept as weakly as it
    says anything itself (:func:`bot.search.commonness.query_weight`); phrases and Japanese forms
    keep full weight. A single word inside a longer form names nothing of its own, as in
    Japanese: "reply for us" is speaking for the company, not the "reply" of answering
    criticism. A word with senses (``bot/data/thesaurus/senses.yaml``) names only the
    meanings the text's other English forms name, if they name any."""
    found: dict[str, float] = {}
    hits = _phrase_hits(stems)
    inside = {j for i, size, _ in hits if size > 1 for j in range(i, i + size)}
    senses: list[tuple[set[str], float]] = []  # the concepts and weight of each word with senses
    named: set[str] = set()  # the concepts the other forms name
    for i, size, hit in hits:
        if size == 1:
            if i in inside:
                continue
            w = query_weight(stems[i])
            if stems[i] in _SENSES:
                senses.append((hit, w))
                continue
        else:
            w = 1.0
        named.update(hit)
        _name(found, hit, w)
    # A word with senses names the meanings the rest of the text names too (other words
    # with senses included: "the candidate I interviewed" is recruiting), or all of them.
    for j, (hit, w) in enumerate(senses):
        context = named.union(*(other for k, (other, _) in enumerate(senses) if k != j))
        _name(found, (hit & context) or hit, w)
    if not folded.isascii():  # every Japanese form has kana or kanji
        for form in japanese_forms(folded):
            for c in _JA_FORMS[form]:
                found[c] = 1.0
    return found


def japanese_forms(folded: str) -> list[str]:
    """The thesaurus's Japanese forms in ``folded``, leftmost-longest and not overlapping
    (「個人情報」, not 「個人」 and 「情報」). One pass, a set lookup for each length a form
    starting with the character has: linear in the text, and no automaton to build
    before the first question."""
    return [form for _, form in _japanese_form_spans(folded)]


def _japanese_form_spans(folded: str) -> list[tuple[int, str]]:
    """:func:`japanese_forms` with where each starts."""
    out: list[tuple[int, str]] = []
    i, n = 0, len(folded)
    while i < n:
        for size in _JA_SIZES.get(folded[i], ()):
            if folded[i : i + size] in _JA_FORMS:
                out.append((i, folded[i : i + size]))
                i += size
                break
        else:
            i += 1
    return out


# A kanji or katakana character: a word it touches is part of a compound.
_COMPOUND = re.compile(f"[{_KANJI_CHARS}{_KATAKANA_CHARS}]")


@lru_cache(maxsize=8192)
def _other_senses(form: str) -> tuple[tuple[int, int], ...]:
    """The spans (start, end) in a Japanese ``form`` of the shorter forms it holds that name
    none of its concepts: the word read in another sense (「口コミ」, a recommendation, inside
    「口コミで叩かれ」, criticism)."""
    mine = _JA_FORMS[form]
    if not mine:
        return ()
    spans = []
    for size in range(len(form) - 1, 1, -1):
        for start in range(len(form) - size + 1):
            end = start + size
            inner = _JA_FORMS.get(form[start:end])
            if not inner or inner & mine:
                continue
            # A word of its own in the phrase, not part of a compound (「社内」 in 「社内報」).
            if not _COMPOUND.search((form[start - 1] if start else "") + form[end : end + 1]):
                spans.append((start, end))
    return tuple(spans)


def _english_other_senses(stems: list[str]) -> frozenset[str]:
    """The English stems of ``stems`` that only occur as a single-word form inside a
    longer form naming none of its concepts ("review", a recommendation, inside "bad
    review", criticism)."""
    longer = [(i, size, hit) for i, size, hit in _phrase_hits(stems) if size > 1]
    inside = {
        stems[j]
        for i, size, hit in longer
        for j in range(i, i + size)
        if (own := _PHRASES.get((stems[j],))) and not own & hit
    }
    if not inside:
        return frozenset()
    covered = {j for i, size, _ in longer for j in range(i, i + size)}
    return frozenset(inside - {s for j, s in enumerate(stems) if j not in covered})


def other_sense_terms(folded: str, stems: list[str]) -> frozenset[str]:
    """The terms of a text (``folded``, its English ``stems``) found only inside a longer
    form that names none of the concepts their own word names: the word read in another
    sense, which says less about what the text is about. The thesaurus lists a longer form
    under the shorter one's concept too when that meaning stays (「口コミサイト」 is still
    about recommendations)."""
    english = _english_other_senses(stems)
    if folded.isascii():
        return english
    spans = [(start + a, start + b) for start, form in _japanese_form_spans(folded) for a, b in _other_senses(form)]
    if not spans:
        return english
    inside: set[str] = set()
    outside: set[str] = set()
    for term, a, b in _japanese_term_spans(folded):
        (inside if any(s <= a and b <= e for s, e in spans) else outside).add(term)
    return english | frozenset(inside - outside)


def concepts(folded: str, stems: list[str]) -> set[str]:
    """The lexicon concepts a text mentions."""
    return set(concept_strengths(folded, stems))


def char_pairs(run: str) -> list[str]:
    """A run of a script written without spaces, as its overlapping pairs of characters
    (one character alone stays itself)."""
    return [run[i : i + 2] for i in range(len(run) - 1)] if len(run) > 1 else [run]


def japanese_terms(folded: str) -> list[str]:
    if folded.isascii():  # most of an English base's texts: no kanji or katakana to look for
        return []
    return [term for term, _, _ in _japanese_term_spans(folded)]


def _japanese_term_spans(folded: str) -> list[tuple[str, int, int]]:
    """:func:`japanese_terms`, each with its span (start, end)."""
    out: list[tuple[str, int, int]] = []
    for m in _KANJI.finditer(folded):
        at = m.start()
        out.extend((pair, at + i, at + i + len(pair)) for i, pair in enumerate(char_pairs(m.group())))
    out.extend((m.group(), m.start(), m.end()) for m in _KATAKANA.finditer(folded))
    return out


# Hangul, read as pairs of syllables like kanji (a Korean word carries its particles).
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+")
# A word of any other alphabet (Cyrillic, Greek, Arabic...). Latin letters, accented or not,
# are read by :func:`words` ("vérifiez" as its pieces, the same in a question and a base).
_OTHER_WORD = re.compile(r"[^\W\d_]+")
_LATIN_OR_EAST_ASIAN_CHARS = (
    r"a-z\u00c0-\u024f\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u3005"
)
_LATIN_OR_EAST_ASIAN = re.compile(f"[{_LATIN_OR_EAST_ASIAN_CHARS}]+")
# A letter outside those scripts: a text without one has no word of another alphabet.
_OTHER_LETTER = re.compile(rf"[^\W\d_{_LATIN_OR_EAST_ASIAN_CHARS}]")


def other_script_terms(folded: str) -> list[str]:
    """Terms of the scripts a knowledge base may add besides English and Japanese: Hangul
    syllable pairs, and whole words of any alphabet but the Latin one (Latin words and
    Japanese are read by :func:`words` and :func:`japanese_terms`)."""
    if folded.isascii():
        return []
    out = [pair for m in _HANGUL.finditer(folded) for pair in char_pairs(m.group())]
    if _OTHER_LETTER.search(folded):  # only then can a word be of another alphabet
        out.extend(w for w in _OTHER_WORD.findall(folded) if len(w) > 1 and not _LATIN_OR_EAST_ASIAN.fullmatch(w))
    return out


def _word_terms(folded: str, stems: list[str]) -> list[str]:
    out = [s for s, w in zip(stems, _WORD.findall(folded), strict=False) if w not in STOP_WORDS and len(s) > 1]
    out.extend(japanese_terms(folded))
    out.extend(other_script_terms(folded))
    return out


def terms(text: str, *, with_concepts: bool = True) -> list[str]:
    """Index terms of ``text`` (with repeats, in order)."""
    folded = fold(text)
    stems = words(folded)
    out = _word_terms(folded, stems)
    if with_concepts:
        out.extend(CONCEPT_PREFIX + c for c in sorted(concepts(folded, stems)))
    return out


def question_terms(text: str) -> tuple[list[str], dict[str, float], frozenset[str]]:
    """:func:`terms` of a question, the strength of each concept term among them, and the
    terms read only in another sense (:func:`other_sense_terms`)."""
    folded = fold(text)
    stems = words(folded)
    out = _word_terms(folded, stems)
    strengths = {CONCEPT_PREFIX + c: w for c, w in concept_strengths(folded, stems).items()}
    out.extend(sorted(strengths))
    return out, strengths, other_sense_terms(folded, stems)


def concept_words() -> frozenset[str]:
    """Single-word English stems that name a concept (targets for typo correction)."""
    return frozenset(k[0] for k in _PHRASES if len(k) == 1 and len(k[0]) > 1)


def word_concepts(stem_: str) -> list[str]:
    """The concept terms of one English word stem."""
    return [CONCEPT_PREFIX + c for c in sorted(_PHRASES.get((stem_,), ()))]
