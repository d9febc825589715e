"""The platform-neutral conversation model: what comes in, what goes out.

Adapters convert a platform's payload to :class:`Incoming`, hand it to the core
and render the :data:`Reply` they get back (text, Block Kit, Adaptive Card).
Replies carry structured data, never platform markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.checks.checker import CheckResult
from bot.domain.policy import Clause
from bot.features.owner.report import Report


@dataclass(frozen=True, slots=True)
class Incoming:
    """A message or command from a person, whatever the platform."""

    platform: str  # slack | teams | console
    user_id: str
    text: str
    channel_id: str | None = None
    is_direct: bool = True
    lang: str | None = None  # forced reply language; None: follow the text
    team_id: str | None = None


@dataclass(frozen=True, slots=True)
class PolicyInfo:
    """What every reply says about the policy it rests on."""

    title: str
    version: str
    owner: str


@dataclass(frozen=True, slots=True)
class ScoredClause:
    clause: Clause
    score: float


@dataclass(frozen=True, slots=True)
class AnswerReply:
    """An answer to a question, or ``unsure`` with the policy owner."""

    question_lang: str
    lang: str
    outcome: str  # answered | unsure
    matches: tuple[ScoredClause, ...]
    policy: PolicyInfo
    check: CheckResult | None = None  # when the question quoted a draft

    @property
    def clause(self) -> Clause | None:
        return self.matches[0].clause if self.outcome == "answered" and self.matches else None

    @property
    def verdict(self) -> str | None:
        clause = self.clause
        return clause.verdict if clause else None


@dataclass(frozen=True, slots=True)
class CheckReply:
    """The verdict and findings for a draft; shown only to the person who asked."""

    lang: str
    result: CheckResult
    policy: PolicyInfo
    clauses: dict[str, Clause] = field(default_factory=dict)  # the clauses findings cite


@dataclass(frozen=True, slots=True)
class ClauseReply:
    lang: str
    clause: Clause
    policy: PolicyInfo
    see_also: tuple[Clause, ...] = ()


@dataclass(frozen=True, slots=True)
class ClauseListReply:
    lang: str
    clauses: tuple[Clause, ...]
    policy: PolicyInfo


@dataclass(frozen=True, slots=True)
class HelpReply:
    lang: str
    policy: PolicyInfo
    is_manager: bool = False


@dataclass(frozen=True, slots=True)
class NoticeReply:
    """A short message: a refusal, a confirmation, a usage hint or an apology."""

    lang: str
    text: str
    level: str = "info"  # info | success | warning | error


@dataclass(frozen=True, slots=True)
class FormReply:
    """Ask the platform to open a form where the person pastes a draft."""

    lang: str
    form: str = "checkpost"


@dataclass(frozen=True, slots=True)
class ReminderReply:
    """A policy reminder posted to a channel, with an "I have read this" button (action ``ack_reminder``).

    ``active`` is False once a newer reminder replaced it: renderers then drop the button.
    """

    lang: str
    reminder_id: int
    delivery_id: int
    clauses: tuple[Clause, ...]
    policy: PolicyInfo
    active: bool = True

    @property
    def ack_value(self) -> str:
        """The button's value: ``"REMINDER:DELIVERY"`` (see :func:`parse_ack_value`)."""
        return f"{self.reminder_id}:{self.delivery_id}"


def parse_ack_value(value: str) -> tuple[int, int] | None:
    """``(reminder_id, delivery_id)`` from an ``ack_reminder`` button value; None when malformed."""
    reminder, sep, delivery = value.partition(":")
    if not (sep and reminder.isdigit() and delivery.isdigit()):
        return None
    return int(reminder), int(delivery)


@dataclass(frozen=True, slots=True)
class ReminderItem:
    """One line of ``policy reminders``; ``next_run`` is local wall-clock text."""

    id: int
    channel_id: str
    schedule: str
    next_run: str | None
    deliveries: int
    acks: int
    clause_ids: tuple[str, ...] = ()
    attention: str | None = None  # why the reminder cannot post as scheduled (e.g. its clause left the policy)


@dataclass(frozen=True, slots=True)
class ReminderListReply:
    lang: str
    items: tuple[ReminderItem, ...]
    timezone: str


@dataclass(frozen=True, slots=True)
class QuizQuestion:
    """One quiz question; ``answer`` indexes ``options``. Buttons send ``value(i)``."""

    id: str  # "verdict:CLAUSE" or "clause:CLAUSE"
    prompt: str
    options: tuple[str, ...]
    answer: int
    clause_id: str

    def value(self, index: int) -> str:
        return f"{self.id}|{index}"


@dataclass(frozen=True, slots=True)
class QuizOutcome:
    """How the previous question went, with the clause that explains it."""

    correct: bool
    right: str  # the right option's text
    clause: Clause


@dataclass(frozen=True, slots=True)
class QuizReply:
    """A quiz step: the outcome of the last answer and/or the next question, or the final score."""

    lang: str
    policy: PolicyInfo
    number: int  # of the question shown (1-based)
    total: int
    question: QuizQuestion | None = None
    outcome: QuizOutcome | None = None
    score: tuple[int, int] | None = None  # (correct, total) of this quiz, when it is over
    overall: tuple[int, int] | None = None  # the person's (correct, attempts) over all quizzes


@dataclass(frozen=True, slots=True)
class ReportReply:
    """The policy owner's report (``policy report``)."""

    lang: str
    report: Report
    policy: PolicyInfo


Reply = (
    AnswerReply
    | CheckReply
    | ClauseReply
    | ClauseListReply
    | HelpReply
    | NoticeReply
    | FormReply
    | ReminderReply
    | ReminderListReply
    | QuizReply
    | ReportReply
)
