"""The policy owner's report: usage, knowledge gaps, checks, feedback, quiz, reminders.

Figures are computed here from usage events and reminder statistics (pure; the
queries live in :mod:`bot.features.owner.store`). Knowledge gaps are unsure
questions grouped by their keywords with a greedy, order-independent clustering.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from bot.search.analysis import stem

if TYPE_CHECKING:
    from bot.features.owner.usage import UsageEvent

GAP_THRESHOLD = 1 / 3  # Jaccard similarity a question needs to join a gap
GAP_KEYWORDS = 5
TOP_CLAUSES = 10
VERDICTS = ("pass", "warn", "block")


@dataclass(frozen=True, slots=True)
class DayCount:
    day: date
    questions: int
    unsure: int
    checks: int


@dataclass(frozen=True, slots=True)
class Gap:
    """Unsure questions about one topic: what the policy may be missing."""

    keywords: tuple[str, ...]
    count: int
    questions: tuple[str, ...] = ()  # their text, only when the operator keeps it


@dataclass(frozen=True, slots=True)
class ClauseStat:
    clause_id: str
    title: str
    asked: int
    helpful_yes: int
    helpful_no: int


@dataclass(frozen=True, slots=True)
class CheckStat:
    check_id: str
    fired: int
    wrong_reports: int


@dataclass(frozen=True, slots=True)
class ReminderStat:
    id: int
    channel: str
    schedule: str
    active: bool
    deliveries: int
    failed: int
    acks: int
    name: str | None = None  # the channel's name, recorded when the bot was added to it

    @property
    def where(self) -> str:
        """The channel as people know it: its name when recorded, else its id."""
        return self.name or self.channel

    @property
    def acks_per_delivery(self) -> float:
        return round(self.acks / self.deliveries, 2) if self.deliveries else 0.0


@dataclass(frozen=True, slots=True)
class Report:
    since: date
    until: date
    policy_version: str
    questions: int
    answered: int
    unsure: int
    per_day: tuple[DayCount, ...]
    clauses: tuple[ClauseStat, ...]  # most asked first, then those with feedback
    gaps: tuple[Gap, ...]
    checks: dict[str, int]  # verdict -> count
    categories: dict[str, int]
    check_stats: tuple[CheckStat, ...]
    helpful_yes: int
    helpful_no: int
    quiz_attempts: int
    quiz_correct: int
    quiz_people: int
    reminders: tuple[ReminderStat, ...]
    median_ms: float | None
    suggestions: int = 0  # example questions learnt from corrections, waiting for the owner (kb suggest)

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def to_json(self) -> dict[str, object]:
        """The contract's ``report --json`` object."""
        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "days": self.days,
            "policy_version": self.policy_version,
            "questions": self.questions,
            "answered": self.answered,
            "unsure": self.unsure,
            "per_day": [
                {"day": d.day.isoformat(), "questions": d.questions, "unsure": d.unsure, "checks": d.checks}
                for d in self.per_day
            ],
            "clauses": [
                {
                    "clause": c.clause_id,
                    "title": c.title,
                    "asked": c.asked,
                    "helpful": {"yes": c.helpful_yes, "no": c.helpful_no},
                }
                for c in self.clauses
            ],
            "gaps": [
                {"keywords": list(g.keywords), "count": g.count, "questions": list(g.questions)} for g in self.gaps
            ],
            "checks": dict(self.checks),
            "categories": dict(self.categories),
            "findings": [{"check": c.check_id, "fired": c.fired, "wrong": c.wrong_reports} for c in self.check_stats],
            "helpful": {"yes": self.helpful_yes, "no": self.helpful_no},
            "quiz": {"attempts": self.quiz_attempts, "correct": self.quiz_correct, "people": self.quiz_people},
            "reminders": [
                {
                    "id": r.id,
                    "channel": r.channel,
                    "schedule": r.schedule,
                    "active": r.active,
                    "deliveries": r.deliveries,
                    "failed": r.failed,
                    "acks": r.acks,
                    "acks_per_delivery": r.acks_per_delivery,
                }
                for r in self.reminders
            ],
            "median_ms": self.median_ms,
            "suggestions": self.suggestions,
        }


def build_report(
    events: Iterable[UsageEvent],
    since: date,
    until: date,
    *,
    policy_version: str = "",
    titles: dict[str, str] | None = None,
    reminders: Sequence[ReminderStat] = (),
    suggestions: int = 0,
) -> Report:
    """Aggregate usage events of ``since``..``until`` (inclusive, UTC days)."""
    titles = titles or {}
    evs = [e for e in events if since <= _day(e.at) <= until]
    questions = [e for e in evs if e.kind == "question"]
    choices = [e for e in evs if e.kind == "choice"]  # an offered clause picked: it answered too
    checks = [e for e in evs if e.kind == "check"]
    feedback = [e for e in evs if e.kind == "feedback"]
    quiz = [e for e in evs if e.kind == "quiz"]
    unsure = [e for e in questions if e.outcome == "unsure"]

    asked = Counter(e.clause_id for e in (*questions, *choices) if e.clause_id and e.outcome == "answered")
    yes = Counter(e.clause_id for e in feedback if e.outcome == "yes" and e.clause_id)
    no = Counter(e.clause_id for e in feedback if e.outcome == "no" and e.clause_id)
    ranked = sorted(set(asked) | set(yes) | set(no), key=lambda c: (-asked[c], -(yes[c] + no[c]), c))
    clause_stats = tuple(ClauseStat(c, titles.get(c, ""), asked[c], yes[c], no[c]) for c in ranked[:TOP_CLAUSES])

    fired: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    for e in checks:
        fired.update((e.check_id or "").split(",") if e.check_id else ())
        categories.update((e.categories or "").split(",") if e.categories else ())
    wrong = Counter(e.check_id for e in feedback if e.outcome == "wrong_finding" and e.check_id)
    check_stats = tuple(
        CheckStat(c, fired[c], wrong[c])
        for c in sorted(set(fired) | set(wrong), key=lambda c: (-wrong[c], -fired[c], c))
    )
    verdicts = Counter(e.outcome for e in checks)
    durations = sorted(e.duration_ms for e in questions + checks if e.duration_ms is not None)
    return Report(
        since=since,
        until=until,
        policy_version=policy_version,
        questions=len(questions),
        answered=len(questions) - len(unsure),
        unsure=len(unsure),
        per_day=_per_day(evs, since, until),
        clauses=clause_stats,
        gaps=tuple(cluster_gaps(unsure)),
        checks={v: verdicts[v] for v in VERDICTS},
        categories=dict(sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))),
        check_stats=check_stats,
        helpful_yes=sum(yes.values()),
        helpful_no=sum(no.values()),
        quiz_attempts=len(quiz),
        quiz_correct=sum(e.outcome == "correct" for e in quiz),
        quiz_people=len({e.user_hash for e in quiz}),
        reminders=tuple(reminders),
        median_ms=durations[len(durations) // 2] if durations else None,
        suggestions=suggestions,
    )


def _day(at: datetime) -> date:
    return at.date()


def _per_day(events: list[UsageEvent], since: date, until: date) -> tuple[DayCount, ...]:
    counts: dict[date, Counter[str]] = defaultdict(Counter)
    for e in events:
        c = counts[_day(e.at)]
        if e.kind == "question":
            c["questions"] += 1
            c["unsure"] += e.outcome == "unsure"
        elif e.kind == "check":
            c["checks"] += 1
    out = []
    day = since
    while day <= until:
        c = counts.get(day, Counter())
        out.append(DayCount(day, c["questions"], c["unsure"], c["checks"]))
        day += timedelta(days=1)
    return tuple(out)


def _key(word: str) -> str:
    """Words of one topic share a key: English stems; Japanese terms as they are."""
    return stem(word) if word.isascii() else word


def cluster_gaps(unsure: Iterable[UsageEvent]) -> list[Gap]:
    """Group unsure questions whose keywords overlap (Jaccard >= 1/3 with a gap's core).

    Greedy and deterministic: questions are taken in a canonical order (by their
    keyword keys), each joins the most similar existing gap or starts a new one.
    A gap's core is the set of keys shared by more than half of its questions.
    """
    items: list[tuple[frozenset[str], tuple[str, ...], str | None]] = []
    for e in unsure:
        words = tuple((e.keywords or "").split())
        items.append((frozenset(_key(w) for w in words), words, e.question_text))
    items.sort(key=lambda it: (sorted(it[0]), it[1], it[2] or ""))
    clusters: list[list[tuple[frozenset[str], tuple[str, ...], str | None]]] = []
    for item in items:
        best, best_sim = None, 0.0
        for cluster in clusters:
            core = _core(cluster)
            union = item[0] | core
            sim = len(item[0] & core) / len(union) if union else 1.0
            if sim > best_sim:
                best, best_sim = cluster, sim
        if best is not None and best_sim >= GAP_THRESHOLD - 1e-9:
            best.append(item)
        else:
            clusters.append([item])
    gaps = [_gap(c) for c in clusters]
    gaps.sort(key=lambda g: (-g.count, g.keywords))
    return gaps


def _core(cluster: list[tuple[frozenset[str], tuple[str, ...], str | None]]) -> frozenset[str]:
    counts = Counter(k for keys, _, _ in cluster for k in keys)
    return frozenset(k for k, n in counts.items() if n * 2 > len(cluster))


def _gap(cluster: list[tuple[frozenset[str], tuple[str, ...], str | None]]) -> Gap:
    key_counts = Counter(k for keys, _, _ in cluster for k in keys)
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    for _, words, _ in cluster:
        for w in words:
            surface[_key(w)][w] += 1
    top = sorted(key_counts, key=lambda k: (-key_counts[k], k))[:GAP_KEYWORDS]
    shown = tuple(sorted(surface[k], key=lambda w: (-surface[k][w], w))[0] for k in top)
    texts = tuple(sorted({t for _, _, t in cluster if t}))
    return Gap(shown, len(cluster), texts)
