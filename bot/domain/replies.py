"""The platform-neutral conversation model: what comes in, what goes out.

Adapters convert a platform's payload to :class:`~bot.domain.commands.Incoming`, hand it to the core
and render the :class:`Reply` they get back (text, Block Kit, Adaptive Card).
Replies carry structured data, never platform markup.

Every reply type subclasses :class:`Reply`. Each surface has one renderer that
dispatches on the reply's type (:func:`functools.singledispatch`):
:func:`bot.assistant.render_text.to_text`, :func:`adapters.slack.blocks.reply_blocks`
and :func:`adapters.teams.cards.to_adaptive_card`. A reply type without a renderer
raises ``TypeError`` there; ``tests/test_renderers.py`` checks that every reply type
has one on every surface. Features keep their own reply types next to them (the
quiz and the report: :mod:`bot.features.owner.replies`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.domain.findings import CheckResult
from bot.domain.policy import Case, Clause
from bot.domain.texts import whole_number


@dataclass(frozen=True, slots=True)
class PolicyInfo:
    """What every reply says about the policy it rests on."""

    title: str
    version: str
    owner: str


class Reply:
    """The base of every reply: structured data in the reply's language ``lang``.

    Concrete replies are frozen, slotted dataclasses; renderers dispatch on their type.
    """

    __slots__ = ()

    lang: str


@dataclass(frozen=True, slots=True)
class ScoredClause:
    clause: Clause
    score: float
    case: Case | None = None  # an offered clause's situation the question asks about (its button answers with it)


@dataclass(frozen=True, slots=True)
class AnswerReply(Reply):
    """An answer to a question, or ``unsure`` with the policy owner."""

    question_lang: str
    lang: str
    outcome: str  # answered | unsure
    matches: tuple[ScoredClause, ...]
    policy: PolicyInfo
    check: CheckResult | None = None  # when the question quoted a draft
    case: Case | None = None  # the situation of the answer's clause the question asks about
    # Answered: close runners-up offered besides the answer ("also see"); unsure: the
    # clauses the question is plausibly about. Best first.
    alternatives: tuple[ScoredClause, ...] = ()
    cited: dict[str, Clause] = field(default_factory=dict)  # the clauses the quoted draft's findings cite
    how_to: bool = False  # the question asks what to do, not whether something is allowed
    vague: bool = False  # unsure because it names nothing but posting ("Can I post?")

    @property
    def clause(self) -> Clause | None:
        return self.matches[0].clause if self.outcome == "answered" and self.matches else None

    @property
    def offered(self) -> tuple[Clause, ...]:
        """Every clause the reply shows, best first: the answer's, then the alternatives."""
        first = self.clause
        return (*((first,) if first else ()), *(a.clause for a in self.alternatives))

    @property
    def offered_cases(self) -> tuple[Case | None, ...]:
        """The situation of each clause in :attr:`offered` the question asks about, or None."""
        first = (self.case,) if self.clause else ()
        return (*first, *(a.case for a in self.alternatives))

    @property
    def situations(self) -> tuple[Case, ...]:
        """The situations of the answer's clause, each with a verdict of its own, when the
        question stated none of them and the clause's general rule answers: the person tells
        which is theirs (in chat, a button each answers with it)."""
        clause = self.clause
        return clause.cases if clause is not None and self.case is None else ()

    @property
    def verdict(self) -> str | None:
        """The verdict for the situation asked: the case's, else the clause's."""
        clause = self.clause
        if clause is None:
            return None
        return self.case.verdict if self.case is not None else clause.verdict

    @property
    def headline(self) -> str:
        """What the reply leads with, on every surface: the verdict, ``guidance`` for a how-to
        question (a clause's verdict does not answer "what should I do?"; a situation's does:
        "what should I do when I want to trash a rival's product?" is answered "Not
        allowed"), or ``unsure``."""
        verdict = self.verdict
        if verdict is None:
            return "unsure"
        return "guidance" if self.how_to and self.case is None else verdict


@dataclass(frozen=True, slots=True)
class CheckReply(Reply):
    """The verdict and findings for a draft; shown only to the person who asked."""

    lang: str
    result: CheckResult
    policy: PolicyInfo
    clauses: dict[str, Clause] = field(default_factory=dict)  # the clauses findings cite
    read_as_draft: bool = False  # a chat message that read as a draft, checked as one (say so)


@dataclass(frozen=True, slots=True)
class ClauseReply(Reply):
    lang: str
    clause: Clause
    policy: PolicyInfo
    see_also: tuple[Clause, ...] = ()


@dataclass(frozen=True, slots=True)
class ClauseListReply(Reply):
    lang: str
    clauses: tuple[Clause, ...]
    policy: PolicyInfo


@dataclass(frozen=True, slots=True)
class HelpReply(Reply):
    lang: str
    policy: PolicyInfo
    is_manager: bool = False


@dataclass(frozen=True, slots=True)
class NoticeReply(Reply):
    """A short message: a refusal, a confirmation, a usage hint or an apology."""

    lang: str
    text: str
    level: str = "info"  # info | success | warning | error
    channels: tuple[str, ...] = ()  # channel ids the text names as "#ID": a chat surface may show them as links


@dataclass(frozen=True, slots=True)
class FormReply(Reply):
    """Ask the platform to open a form where the person pastes a draft."""

    lang: str
    form: str = "checkpost"


@dataclass(frozen=True, slots=True)
class ReminderReply(Reply):
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
    reminder_id, delivery_id = whole_number(reminder), whole_number(delivery)
    return (reminder_id, delivery_id) if sep and reminder_id is not None and delivery_id is not None else None


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
class ReminderListReply(Reply):
    lang: str
    items: tuple[ReminderItem, ...]
    timezone: str  # the time zone every listed reminder runs in; "" when they differ
