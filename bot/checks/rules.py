"""The registry of check kinds: one place that drives both validation and dispatch.

A rule kind declares which keys of a check belong to it and how to compile them.
Compilation happens once, at load time; running a rule is then a pure function of
the normalised draft.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from bot.checks.detectors import DETECTORS
from bot.checks.patterns import PatternError, alternation, compile_known, self_contained
from bot.domain.policy import NO_SPAN, Rule, Span
from bot.runtime.compiled import prepare
from bot.runtime.logsafe import clipped

MAX_WITHIN = 1000


@dataclass(frozen=True, slots=True)
class ExceptSpec:
    """``except: {terms, patterns}``: what a match must not overlap to count."""

    terms: tuple[str, ...]
    patterns: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class NearSpec:
    """``near: {within: N, terms, patterns, except}``: the companion a match needs close by."""

    within: int  # characters between the two matches, at most
    terms: tuple[str, ...]
    patterns: tuple[tuple[str, int], ...]
    exclude: ExceptSpec | None = None


@dataclass(frozen=True, slots=True)
class MatchSpec:
    """``{terms, patterns, near, except}`` of a rule, with the line of each pattern."""

    terms: tuple[str, ...]
    patterns: tuple[tuple[str, int], ...]  # (pattern, line)
    near: NearSpec | None = None
    exclude: ExceptSpec | None = None


class RuleError(Exception):
    """A rule that cannot be compiled; ``field`` and ``line`` say where."""

    def __init__(self, field: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.line = line


def _compile(terms: tuple[str, ...], patterns: tuple[tuple[str, int], ...], field: str) -> Any:
    # A term is escaped into a literal (:func:`bot.checks.patterns.term_regex`): only patterns can be invalid alone,
    # and a term too large for RE2 fails the alternation below. A pattern that closes what it opens is
    # validated by the alternation's one compile (hundreds of compiles fewer at start-up); any other is
    # compiled alone first, and so is every other pattern of the list, since it could reach into
    # its neighbours (an unclosed \\Q quotes the rest of the alternation).
    if not all(self_contained(p) for p, _ in patterns):
        _check_each(patterns, field)
    source = alternation(terms, (p for p, _ in patterns))
    if not source:
        return None
    try:
        return compile_known(source)
    except PatternError as exc:
        _check_each(patterns, field)  # name the pattern that fails alone, with its line
        # each compiles alone, all together not ("pattern too large")
        first: int | None = patterns[0][1] if patterns else None
        reason = f"its terms and patterns together are too large for RE2: {_reason(exc)}"
        raise RuleError(field, reason, first) from None


def _spans(rx: Any, text: str) -> list[Span]:
    return [m.span() for m in rx.finditer(text) if m.end() > m.start()]


def _blank(terms: tuple[str, ...], patterns: tuple[tuple[str, int], ...]) -> bool:
    """No term with a character to match and no pattern: a list that would match nothing."""
    return not any(t.strip() for t in terms) and not patterns


def _excluding(spec: ExceptSpec | None, field: str) -> Any:
    if spec is None:
        return None
    if _blank(spec.terms, spec.patterns):
        raise RuleError(field, "needs at least one of terms or patterns")
    return _compile(spec.terms, spec.patterns, field)


def _kept(found: list[Span], exclude: Any, text: str) -> list[Span]:
    """``found`` without the spans that overlap a match of ``exclude``: one pass over both,
    since each list is sorted and its spans do not overlap one another."""
    if exclude is None or not found:
        return found
    out = _spans(exclude, text)
    kept: list[Span] = []
    j = 0
    for span in found:
        while j < len(out) and out[j][1] <= span[0]:
            j += 1
        if j == len(out) or out[j][0] >= span[1]:
            kept.append(span)
    return kept


class Matcher:
    """Terms and patterns compiled into one RE2 alternation.

    With ``near``, a match counts only when a match of the near terms/patterns lies
    within ``within`` characters of it (either side, or overlapping); the span is
    then the pair's. Two short lists ("evaluative words" near "our product") say what
    one RE2 pattern could only say by spelling out every order and distance.

    With ``except`` (of the match or of ``near``), a match that overlaps a match of the
    except terms/patterns does not count: "our" + any word, except "our kids". RE2 has
    no lookarounds, so this is how a list says "all but".
    """

    __slots__ = ("_except", "_near", "_near_except", "_rx", "_within")

    def __init__(self, spec: MatchSpec, field: str) -> None:
        self._rx = _compile(spec.terms, spec.patterns, field)
        self._except = _excluding(spec.exclude, f"{field}.except")
        self._near: Any = None
        self._near_except: Any = None
        self._within = 0
        if spec.near is not None:
            near = spec.near
            if _blank(near.terms, near.patterns):
                raise RuleError(f"{field}.near", "needs at least one of terms or patterns")
            if not 0 <= near.within <= MAX_WITHIN:
                raise RuleError(f"{field}.near.within", f"must be between 0 and {MAX_WITHIN}")
            self._near = _compile(near.terms, near.patterns, f"{field}.near")
            self._near_except = _excluding(near.exclude, f"{field}.near.except")
            self._within = near.within

    def spans(self, text: str) -> list[Span]:
        if self._rx is None:
            return []
        found = _kept(_spans(self._rx, text), self._except, text)
        if self._near is None or not found:
            return found
        others = _kept(_spans(self._near, text), self._near_except, text)
        out = []
        for span in found:
            pair = _nearest(span, others, self._within)
            if pair is not None:
                out.append((min(span[0], pair[0]), max(span[1], pair[1])))
        return out

    def prepare(self) -> None:
        """Compile now the patterns that wait for their first match."""
        for rx in (self._rx, self._except, self._near, self._near_except):
            prepare(rx)

    def first(self, text: str) -> Span | None:
        if self._rx is None:
            return None
        if self._near is None and self._except is None:
            m = self._rx.search(text)
            return m.span() if m else None
        found = self.spans(text)
        return found[0] if found else None


def _nearest(span: Span, others: list[Span], within: int) -> Span | None:
    """The span of ``others`` (sorted, non-overlapping) closest to ``span``, if within reach."""
    i = bisect_left(others, span)
    best: Span | None = None
    best_gap = within + 1
    for j in (i - 1, i):  # the spans on either side of ``span``'s start
        if 0 <= j < len(others):
            o = others[j]
            gap = max(0, o[0] - span[1], span[0] - o[1])
            if gap < best_gap:
                best, best_gap = o, gap
    return best


def _check_each(patterns: tuple[tuple[str, int], ...], field: str) -> None:
    for pattern, line in patterns:
        _check(pattern, f"{field}.patterns", line)


def _check(pattern: str, field: str, line: int | None) -> None:
    try:
        compile_known(pattern)
    except PatternError as exc:
        shown = clipped(pattern, 80)  # a 2 MB pattern is not echoed whole
        raise RuleError(field, f"invalid RE2 pattern {shown}: {_reason(exc)}", line) from None


def _reason(exc: Exception) -> str:
    return exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)


@dataclass(frozen=True, slots=True)
class ForbidRule:
    kind = "forbid"
    matcher: Matcher

    def find(self, text: str) -> list[Span]:
        return self.matcher.spans(text)

    def prepare(self) -> None:
        self.matcher.prepare()


@dataclass(frozen=True, slots=True)
class RequireRule:
    kind = "require"
    required: Matcher
    trigger: Matcher | None

    def find(self, text: str) -> list[Span]:
        if self.trigger is not None:
            hit = self.trigger.first(text)
            if hit is None:
                return []
        else:
            hit = NO_SPAN
        if self.required.first(text) is not None:
            return []
        return [hit]

    def prepare(self) -> None:
        self.required.prepare()
        if self.trigger is not None:
            self.trigger.prepare()


@dataclass(frozen=True, slots=True)
class DetectorRule:
    kind = "detector"
    name: str
    # Detectors this check runs as well, for what the base has no check of its own (see
    # :func:`covering`): a policy that asks for ``api-key`` alone means passwords too.
    also: tuple[str, ...] = ()

    def find(self, text: str) -> list[Span]:
        spans = list(DETECTORS[self.name].find(text))
        for name in self.also:
            spans.extend(s for s in DETECTORS[name].find(text) if not any(_overlap(s, t) for t in spans))
        return sorted(spans) if self.also else spans

    def prepare(self) -> None:
        """Nothing to do: the detectors are the engine's own."""


# What a detector a base lists stands for when the base does not list the narrower one too:
# a policy's "no API keys or secrets" check covers passwords unless a password check exists.
COVERS: Mapping[str, tuple[str, ...]] = {"api-key": ("password",)}


def covering(rule: Rule, listed: Collection[str]) -> Rule:
    """``rule``, running as well the detectors it stands for (:data:`COVERS`) that are not in
    ``listed`` (the names of the base's own detector checks)."""
    if not isinstance(rule, DetectorRule):
        return rule
    also = tuple(n for n in COVERS.get(rule.name, ()) if n not in listed)
    return DetectorRule(rule.name, also) if also else rule


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


ValueType = Literal["match", "name"]


@dataclass(frozen=True, slots=True)
class RuleKind:
    """One kind of check: its own key, the keys that may go with it, its builder."""

    key: str
    keys: Mapping[str, ValueType]  # every key this kind reads, the kind's own key first
    build: Callable[[Mapping[str, Any]], Rule]


def _build_forbid(values: Mapping[str, Any]) -> Rule:
    return ForbidRule(_matcher(values["forbid"], "forbid"))


def _build_require(values: Mapping[str, Any]) -> Rule:
    when = values.get("when")
    return RequireRule(_matcher(values["require"], "require"), _matcher(when, "when") if when else None)


def _build_detector(values: Mapping[str, Any]) -> Rule:
    name = values["detector"]
    if name not in DETECTORS:
        raise RuleError("detector", f"unknown detector {name!r} (known: {', '.join(sorted(DETECTORS))})")
    return DetectorRule(name)


def _matcher(spec: MatchSpec, field: str) -> Matcher:
    if _blank(spec.terms, spec.patterns):
        raise RuleError(field, "needs at least one of terms or patterns")
    return Matcher(spec, field)


RULE_KINDS: dict[str, RuleKind] = {
    k.key: k
    for k in (
        RuleKind("forbid", {"forbid": "match"}, _build_forbid),
        RuleKind("require", {"require": "match", "when": "match"}, _build_require),
        RuleKind("detector", {"detector": "name"}, _build_detector),
    )
}
RULE_KEYS: dict[str, ValueType] = {k: t for kind in RULE_KINDS.values() for k, t in kind.keys.items()}
