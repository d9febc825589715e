"""The policy owner's loop in a conversation: quiz steps and the owner's report.

Reply types of this feature (see :class:`bot.domain.replies.Reply`). Their plain
text is rendered by :mod:`bot.features.owner.render_text`, which this package
imports so that the renderers are registered whenever these types exist; the Block
Kit and Adaptive Card renderers are in :mod:`adapters.slack.owner_blocks` and
:mod:`adapters.teams.owner_cards`.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.policy import Clause
from bot.domain.replies import PolicyInfo, Reply
from bot.features.owner.report import Report


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
class QuizReply(Reply):
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
class ReportReply(Reply):
    """The policy owner's report (``policy report``)."""

    lang: str
    report: Report
    policy: PolicyInfo
