"""Checking a draft against the knowledge base's checks."""

from __future__ import annotations

import unicodedata

from bot.checks.normalize import normalize
from bot.domain.errors import UserFacingError
from bot.domain.findings import CheckResult, Finding
from bot.domain.policy import NO_SPAN, Check, KnowledgeBase
from bot.domain.texts import detect_language, pick

MAX_DRAFT_CHARS = 2_000_000
MASKED_CATEGORIES = frozenset({"secret", "personal-data"})
_EXCERPT_MAX = 120


class InputTooLarge(UserFacingError, ValueError):
    """The input is past its documented size limit (a bad value, hence also a ValueError).
    ``size`` and ``limit`` (in characters, when the limit is one) let a chat say so in the
    person's language."""

    def __init__(self, message: str, size: int | None = None, limit: int | None = None) -> None:
        super().__init__(message)
        self.size, self.limit = size, limit


def mask(value: str) -> str:
    """Show only the edges of a secret or personal datum: ``sk-p…8s``, ``y…@example.com``."""
    value = unicodedata.normalize("NFKC", value)  # a full-width "＠" is an "@" too
    if "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}…@{domain}"
    if len(value) <= 4:
        return "•" * len(value)
    keep = 2 if len(value) < 12 else 4
    return f"{value[:keep]}{'•' * 4}{value[-2:] if len(value) >= 12 else ''}"


def _excerpt(text: str, start: int, end: int, masked: bool) -> str:
    part = text[start:end]
    if masked:
        return mask(part)
    if len(part) > _EXCERPT_MAX:
        part = part[: _EXCERPT_MAX - 1] + "…"
    return " ".join(part.split())


def run_check(check: Check, norm_text: str) -> list[tuple[int, int]]:
    """Spans of the normalised text that ``check`` flags (``NO_SPAN`` for absences)."""
    return check.rule.find(norm_text)


def check_text(kb: KnowledgeBase, text: str, lang: str | None = None) -> CheckResult:
    """Check a draft; offsets in findings are character offsets into ``text``."""
    if len(text) > MAX_DRAFT_CHARS:
        raise InputTooLarge(
            f"draft too long: {len(text):,} characters (limit {MAX_DRAFT_CHARS:,})", len(text), MAX_DRAFT_CHARS
        )
    lang = lang or detect_language(text, kb.policy.default_language)
    norm = normalize(text)
    findings: list[Finding] = []
    for check in kb.checks:
        for span in check.rule.find(norm.text):
            if span == NO_SPAN:
                start = end = None
                excerpt = None
            else:
                start, end = norm.span(*span)
                excerpt = _excerpt(text, start, end, check.category in MASKED_CATEGORIES)
            findings.append(
                Finding(
                    check.id,
                    check.category,
                    check.severity,
                    check.clause,
                    start,
                    end,
                    pick(check.message, lang, kb.policy.default_language),
                    pick(check.suggestion, lang, kb.policy.default_language) if check.suggestion else None,
                    excerpt,
                )
            )
    findings.sort(key=lambda f: (f.start if f.start is not None else -1, f.check))
    severities = {f.severity for f in findings}
    verdict = "block" if "error" in severities else "warn" if "warning" in severities else "pass"
    return CheckResult(verdict, lang, tuple(findings))


def flags(check: Check, text: str) -> bool:
    """Whether ``check`` raises at least one finding on ``text`` (used for examples)."""
    return bool(check.rule.find(normalize(text).text))
