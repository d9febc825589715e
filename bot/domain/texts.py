"""Multilingual texts: the ``text`` and ``text list`` values of the knowledge base,
and detection of the language a person writes in."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

# Any kana or kanji (incl. half-width katakana and the iteration mark) means Japanese.
_JA = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\u3005]")

ANY = "*"  # key of a plain (language-independent) string or list

# Half of a UTF-16 surrogate pair on its own: JSON can carry one ("\\ud800"), UTF-8 cannot.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


# Digits of the longest number a person or a button may give for an id or an answer.
MAX_NUMBER_DIGITS = 9


def whole_number(text: str, max_digits: int = MAX_NUMBER_DIGITS) -> int | None:
    """``text`` as a whole number when it is one of at most ``max_digits`` decimal digits (in any
    script: ``3``, ``３``), else None: ``²`` (a digit, not a decimal one) and a 30-digit number
    are no reminder id, option number or count."""
    return int(text) if text.isdecimal() and len(text) <= max_digits else None


def clean_text(text: str) -> str:
    """``text`` with any lone surrogate replaced by U+FFFD, so that it can be encoded (and searched)."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def detect_language(text: str, default: str = "en") -> str:
    """The language of ``text``: ``ja`` when it holds any kana or kanji, ``en`` when it is
    English words (Latin-script words, one of them an English function word: "can", "the",
    "my", ...), else ``default`` (an id, a number, or words of the base's own language). So
    an English question to a Japanese-first base is English, and a French one to a
    French-first base stays French."""
    if has_japanese(text):
        return "ja"
    if default != "en" and spoken_language(text) == "en" and _ENGLISH.search(text):
        return "en"
    return default


# Words nearly every English sentence has and other Latin-script languages do not spell
# alike ("a", "in", "on", "do", "me", "i" and "was" are words of other languages too).
_ENGLISH = re.compile(
    r"(?i)\b(?:the|is|are|can|could|would|should|does|did|my|you|your|we|our|this|that|"
    r"what|how|when|who|why|which|to|of|for|with|about|it|its|if|and|not|be|have|has|"
    r"i'm|i'd|i've|don't|can't|isn't|it's)\b"
)


def has_japanese(text: str) -> bool:
    return _JA.search(text) is not None


# A word of running Latin-script text: letters only (ids such as SM-SCOPE, channels and
# numbers are not words), at least two of them, at least one lower-case.
_LATIN_WORD = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*[.,;:!?'\"]*")
_WORDS_SEEN = 4000  # characters of a text read for its Latin-script words


def spoken_language(text: str, languages: Collection[str] = ()) -> str | None:
    """The language a person's words show: ``ja`` for any kana or kanji; for two or more
    Latin-script words, ``en``, unless ``languages`` (a knowledge base's) has others
    besides English and Japanese and the words have no English function word: then the
    other one ("Darf ich Fotos teilen?" to a base in German and English), or None when
    there are several. None when they show none (an id, a number, nothing)."""
    if has_japanese(text):
        return "ja"
    # Two words tell; the first few thousand characters of a long text hold them if it has any.
    seen = text[:_WORDS_SEEN]
    words = sum(1 for w in seen.split() if len(w) >= 2 and _LATIN_WORD.fullmatch(w))
    if words < 2:
        return None
    others = sorted(lang for lang in languages if lang not in ("en", "ja", ANY))
    if others and not _ENGLISH.search(seen):
        return others[0] if len(others) == 1 else None
    return "en"


def locale_language(locale: str | None, languages: Collection[str]) -> str | None:
    """The language of a platform locale (``ja-JP``, ``ja_JP``, ``en-US``) when it is one of ``languages``."""
    if not locale:
        return None
    lang = locale.replace("_", "-").split("-")[0].lower()
    return lang if lang in languages else None


def pick(text: Mapping[str, str], lang: str, default: str = "en") -> str:
    """The string of ``text`` for ``lang``, falling back to ``default`` and then any."""
    for key in (lang, ANY, default):
        if key in text:
            return text[key]
    return next(iter(text.values()), "")


def pick_list(texts: Mapping[str, Sequence[str]], lang: str) -> Sequence[str]:
    """The list for ``lang`` plus the language-independent list."""
    return [*texts.get(ANY, ()), *texts.get(lang, ())]


def all_strings(texts: Mapping[str, Sequence[str]]) -> list[str]:
    """Every string of a text list, whatever its language."""
    return [s for items in texts.values() for s in items]
