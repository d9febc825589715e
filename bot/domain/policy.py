"""Typed knowledge-base objects, built once when a file is parsed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal, Protocol

Text = Mapping[str, str]
TextList = Mapping[str, Sequence[str]]
Verdict = Literal["allowed", "conditional", "prohibited"]
Severity = Literal["info", "warning", "error"]

VERDICTS: tuple[str, ...] = ("allowed", "conditional", "prohibited")
SEVERITIES: tuple[str, ...] = ("info", "warning", "error")
CATEGORIES: tuple[str, ...] = ("disclaimer", "citation", "confidential", "personal-data", "secret", "conduct")
EMPTY_LIST: TextList = MappingProxyType({})

Span = tuple[int, int]
"""``(start, end)`` character offsets into the normalised draft."""
NO_SPAN: Span = (-1, -1)
"""The span of an absence (a missing disclaimer): it has no place in the draft."""


class Rule(Protocol):
    """A check's compiled rule (the kinds are in :mod:`bot.checks.rules`): a pure function of the draft."""

    kind: str

    def find(self, text: str) -> list[Span]:
        """Spans of normalised ``text`` to report; :data:`NO_SPAN` for an absence
        that has no place in the draft."""
        ...

    def prepare(self) -> None:
        """Compile now whatever waits for its first match (a server's warm-up)."""
        ...


@dataclass(frozen=True, slots=True)
class Source:
    """Where a value was written: file and 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class Policy:
    id: str
    title: Text
    version: str
    owner: Text
    default_language: str
    source: Source
    # The optional ``style:`` section: language -> (term to use, variants to avoid) pairs.
    style_terms: Mapping[str, tuple[tuple[str, tuple[str, ...]], ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )


@dataclass(frozen=True, slots=True)
class Case:
    """A situation inside a clause whose verdict differs from the clause's general rule
    ("mentioning a competitor factually" vs "putting a competitor down")."""

    id: str  # unique within its clause
    when: Text  # the situation, in a few words
    verdict: Verdict
    answer: Text | None  # None: the clause's answer
    questions: TextList  # phrasings of this situation
    keywords: TextList
    source: Source


@dataclass(frozen=True, slots=True)
class Clause:
    id: str
    title: Text
    verdict: Verdict
    answer: Text
    questions: TextList
    keywords: TextList
    see_also: tuple[str, ...]
    source: Source
    cases: tuple[Case, ...] = ()

    def case(self, case_id: str | None) -> Case | None:
        """The case with id ``case_id``, or None."""
        return next((c for c in self.cases if c.id == case_id), None)


@dataclass(frozen=True, slots=True)
class Examples:
    flag: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    category: str
    severity: Severity
    clause: str
    message: Text
    suggestion: Text | None
    rule: Rule
    examples: Examples
    source: Source


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    policy: Policy
    clauses: tuple[Clause, ...]
    checks: tuple[Check, ...]
    files: tuple[str, ...] = ()
    by_id: Mapping[str, Clause] = field(default_factory=dict)

    @property
    def languages(self) -> tuple[str, ...]:
        langs = {self.policy.default_language, "en", "ja"}
        for c in self.clauses:
            langs.update(k for k in c.answer if k != "*")
        return tuple(sorted(langs))

    def clause(self, clause_id: str) -> Clause | None:
        return self.by_id.get(clause_id) or self.by_id.get(clause_id.upper())
