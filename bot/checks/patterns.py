"""RE2 compilation of knowledge-base terms and patterns.

Every pattern from a knowledge base runs on RE2, so matching time is linear in the
draft whatever the pattern: drafts are untrusted input.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Iterable
from typing import Any

import re2

from bot.runtime.compiled import CompiledBefore, compile_once
from bot.runtime.regex_source import class_end

_OPTIONS = re2.Options()
_OPTIONS.case_sensitive = False
_OPTIONS.log_errors = False
_OPTIONS.max_mem = 256 << 20  # a long alternation on a one-line draft needs more DFA states than 64 MB

PatternError = re2.error


def _engine() -> str | None:
    """RE2's build (its extension module's size and time) and every option, which together
    decide what compiles; None (nothing kept between runs) when the build cannot be told."""
    try:
        st = os.stat(re2._re2.__file__)
    except (AttributeError, OSError):
        return None
    options = hashlib.sha256(repr([(n, getattr(_OPTIONS, n)) for n in re2.Options.NAMES]).encode()).hexdigest()[:12]
    return f"re2-{st.st_size}-{st.st_mtime_ns}-{options}"


_KNOWN = CompiledBefore(_engine())


def compile_pattern(pattern: str) -> Any:
    """Compile one case-insensitive RE2 pattern; raises :data:`PatternError`."""
    return re2.compile(pattern, _OPTIONS)


def compile_known(pattern: str) -> Any:
    """:func:`compile_pattern` now, or on first match when this machine has compiled the
    very same pattern before (:mod:`bot.runtime.compiled`); raises :data:`PatternError`."""
    return compile_once(pattern, compile_pattern, _KNOWN)


def _is_word_char(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c == "_")


def term_regex(term: str) -> str:
    """A literal term as RE2: NFKC-normalised; Latin-script edges on word boundaries."""
    norm = unicodedata.normalize("NFKC", term).strip()
    body = re2.escape(norm)
    # Spaces in a term match any run of whitespace ("views  are my own"), and an apostrophe
    # either a straight or a typographic one (phones type "employer’s").
    body = body.replace(r"\ ", r"\s+").replace(r"\'", "['’]")
    left = r"\b" if norm and _is_word_char(norm[0]) else ""
    right = r"\b" if norm and _is_word_char(norm[-1]) else ""
    return f"{left}{body}{right}"


def alternation(terms: Iterable[str], patterns: Iterable[str]) -> str:
    """One RE2 alternation of literal terms and patterns (``""`` when empty)."""
    parts = [term_regex(t) for t in terms if t.strip()]
    parts += [f"(?:{p})" for p in patterns]
    # Longest terms first so that "views are my own" wins over "views".
    parts.sort(key=len, reverse=True)
    return "|".join(parts)


def self_contained(pattern: str) -> bool:
    """Whether ``pattern`` closes every group and character class it opens and ends on no
    lone backslash: wrapped as ``(?:pattern)`` in an alternation that compiles, it then
    compiles alone too, so one compile of the alternation validates it. False for anything
    this reading does not follow (``\\Q`` quoting), which is then compiled alone."""
    depth, i, n = 0, 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 >= n or pattern[i + 1] in "QE":
                return False
            i += 2
            continue
        if c == "[":
            i = class_end(pattern, i)
            if i < 0:
                return False
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return False
        i += 1
    return depth == 0
