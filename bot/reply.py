"""The platform-neutral conversation model: what comes in, what goes out.

Adapters convert a platform's payload to :class:`Incoming`, hand it to the core
and render the :data:`Reply` they get back (text, Block Kit, Adaptive Card).
Replies carry structured data, never platform markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.checker import CheckResult
from bot.model import Clause


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


Reply = AnswerReply | CheckReply | ClauseReply | ClauseListReply | HelpReply | NoticeReply | FormReply
