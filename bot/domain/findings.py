"""What checking a draft finds: each finding, and the verdict over all of them.

Plain values: the checker (:mod:`bot.checks.checker`) builds them, replies carry
them and every renderer reads them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a check flagged; offsets are character offsets into the draft (None: an absence)."""

    check: str
    category: str
    severity: str
    clause: str
    start: int | None
    end: int | None
    message: str
    suggestion: str | None
    excerpt: str | None  # the flagged part of the draft, masked for secrets and personal data

    def to_json(self) -> dict[str, object]:
        return {
            "check": self.check,
            "category": self.category,
            "severity": self.severity,
            "clause": self.clause,
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "suggestion": self.suggestion,
            "excerpt": self.excerpt,
        }


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The verdict on a draft (``pass``, ``warn`` or ``block``) with its findings in draft order."""

    verdict: str  # pass | warn | block
    lang: str
    findings: tuple[Finding, ...]

    @property
    def categories(self) -> frozenset[str]:
        return frozenset(f.category for f in self.findings if f.severity != "info")

    def to_json(self) -> dict[str, object]:
        return {"verdict": self.verdict, "lang": self.lang, "findings": [f.to_json() for f in self.findings]}
