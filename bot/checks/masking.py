"""Masking what must not be stored: secrets and personal data in text that is kept.

Whatever guidebot writes to its database from what a person typed (the keywords of an
unsure question, a kept question text) passes :func:`mask_sensitive` first. It masks
the spans of the knowledge base's ``secret`` and ``personal-data`` findings, of every
built-in detector, and, stricter than the draft checker, every password candidate the
password detector's patterns find even when its validators would let it pass: a false
alarm here costs one knowledge-gap keyword, a miss leaks a password into the report.
"""

from __future__ import annotations

from typing import Any

from bot.checks import credentials
from bot.checks.checker import MASKED_CATEGORIES, MAX_DRAFT_CHARS, check_text
from bot.checks.detectors import DETECTORS
from bot.checks.normalize import normalize
from bot.checks.patterns import compile_pattern
from bot.domain.policy import KnowledgeBase

MASK = "•••"
# Built-in detectors whose findings are neither a secret nor a personal datum on their own
# (masked in stored text all the same: a link's path may hold either).
_NOT_PERSONAL = frozenset({"url"})

# A user name and a value around a spaced slash or bar, with no word such as "login"
# before it: "admin / qzvnqf", "ops | Hikari2291". A draft check needs more evidence;
# for storage the shape is enough.
_SPACED_PAIR = (
    r"(?:^|[\s(（:：→>])[A-Za-z0-9._%+@\-]{2,40}\s+[/|]\s+"
    r"([^\s、。,\"'」』)）]{4,64})"
)

# Group 1 of each is the candidate value.
_CANDIDATES = (
    credentials.LABELLED,
    credentials.AFTER_FILLER,
    credentials.JA_THEN_VALUE,
    credentials.LOGIN_PAIR,
    credentials.BARE_PAIR,
    credentials.URL_USERINFO,
    credentials.ORACLE_USERINFO,
    _SPACED_PAIR,  # last: see password_candidates(bare_pairs=False)
)
_COMPILED: list[Any] = []


def _candidate_patterns() -> list[Any]:
    if not _COMPILED:
        _COMPILED.extend(compile_pattern(p) for p in _CANDIDATES)
    return _COMPILED


def detected_spans(kb: KnowledgeBase | None, text: str, *, urls: bool = True) -> list[tuple[int, int]]:
    """Spans the checker would flag as a secret or a personal datum: ``kb``'s ``secret`` and
    ``personal-data`` findings and every built-in detector's (web addresses unless ``urls``
    is false)."""
    spans: list[tuple[int, int]] = []
    if kb is not None:
        result = check_text(kb, text, kb.policy.default_language)
        spans += [
            (f.start, f.end)
            for f in result.findings
            if f.category in MASKED_CATEGORIES and f.start is not None and f.end is not None
        ]
    norm = normalize(text)
    for name, detector in DETECTORS.items():
        if urls or name not in _NOT_PERSONAL:
            spans += [norm.span(s, e) for s, e in detector.find(norm.text)]
    return _merged(spans)


def password_candidates(text: str, *, bare_pairs: bool = True) -> list[tuple[int, int]]:
    """Spans of whatever stands where a password would (after "password:", in a login pair),
    without the password detector's validators; ``bare_pairs``: also the second of any two
    words around a spaced slash ("admin / qzvnqf", but also "Slack / Teams")."""
    norm = normalize(text)
    spans = []
    patterns = _candidate_patterns()
    for rx in patterns if bare_pairs else patterns[:-1]:
        for m in rx.finditer(norm.text):
            start, end = m.span(1)
            if start >= 0 and end > start:
                spans.append(norm.span(start, end))
    return _merged(spans)


def sensitive_spans(kb: KnowledgeBase | None, text: str) -> list[tuple[int, int]]:
    """Character spans of ``text`` that hold a secret or a personal datum, merged and sorted."""
    return _merged(detected_spans(kb, text) + password_candidates(text))


def mask_sensitive(kb: KnowledgeBase | None, text: str) -> str:
    """``text`` with every secret and personal datum replaced by :data:`MASK`.

    ``kb`` adds the knowledge base's own ``secret`` and ``personal-data`` checks to the
    built-in detectors. Text past the checker's size limit is masked whole."""
    if len(text) > MAX_DRAFT_CHARS:
        return MASK
    out, pos = [], 0
    for start, end in sensitive_spans(kb, text):
        out.append(text[pos:start])
        out.append(MASK)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
