"""A base that learns from people's choices, with the policy owner in the loop.

When someone marks an answer "not helpful" and then picks another clause (one the reply
offered, or any through ``policy show``), their question is a candidate example question
of the clause they picked. An unsure reply needs no "not helpful": picking a clause it
listed is the correction. ``guidebot kb suggest`` prints the candidates as YAML additions,
grouped by clause, for the owner to review and paste; the report says how many wait.
Nothing changes the base by itself.

Question text is kept only when the operator opts in (``GUIDEBOT_KEEP_QUESTIONS_DAYS`` > 0),
masked by :func:`bot.checks.masking.mask_sensitive`, never when it quotes a draft, and for
that many days at most. Each person's last question waits (status ``asked``, or
``rejected`` after "not helpful") until their next question replaces it; a choice made
more than :data:`CORRECTION_WINDOW` after the answer is not taken as a correction.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import yaml
from sqlalchemy import Engine, and_, delete, func, or_, select, update

from bot.assistant.dispatch import OFFERED_CLAUSE
from bot.assistant.drafts import asks_something, possible_draft
from bot.checks.masking import mask_sensitive
from bot.domain.commands import Ask, ButtonPress, Incoming, PolicyCommand
from bot.domain.policy import KnowledgeBase
from bot.domain.replies import AnswerReply, ClauseReply, Reply
from bot.features.owner.usage import keywords
from bot.runtime.logsafe import describe_failure
from bot.storage.schema import learned_questions

log = logging.getLogger(__name__)

CORRECTION_WINDOW = timedelta(hours=1)
MAX_QUESTION_CHARS = 500  # longer questions are not kept (an example question is short)
_YES = frozenset({"yes", "true"})


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A question a person confirmed belongs to ``clause_id`` (in its situation ``case_id``,
    when the answer they picked was in one)."""

    clause_id: str
    lang: str
    question: str
    at: datetime
    case_id: str | None = None


class LearningRepo:
    """The ``learned_questions`` table (synchronous; called in a worker thread)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def asked(self, who: str, lang: str, question: str, answered: str | None, at: datetime) -> None:
        """A person's new question replaces their previous one still waiting."""
        t = learned_questions.c
        with self.engine.begin() as conn:
            conn.execute(delete(learned_questions).where(and_(t.user_hash == who, t.status != "chosen")))
            conn.execute(
                learned_questions.insert().values(
                    at=at,
                    user_hash=who,
                    lang=lang,
                    question=question,
                    answered_clause=answered,
                    status="asked" if answered else "rejected",
                )
            )

    def reject(self, who: str, clause_id: str, at: datetime) -> bool:
        """ "Not helpful" on ``clause_id``: the person's waiting question, if it was answered so."""
        t = learned_questions.c
        with self.engine.begin() as conn:
            done = conn.execute(
                update(learned_questions)
                .where(and_(t.user_hash == who, t.status == "asked", t.answered_clause == clause_id))
                .values(status="rejected", at=at)
            )
        return bool(done.rowcount)

    def choose(self, who: str, clause_id: str, at: datetime, case_id: str | None = None) -> bool:
        """The person picked ``clause_id`` (answered in its case ``case_id``, if any) after a
        rejected answer: a candidate example question. Picking the answer's own clause again
        counts only in one of its situations (the general rule was rejected, the situation
        chosen)."""
        t = learned_questions.c
        rejected = [t.user_hash == who, t.status == "rejected", t.at >= at - CORRECTION_WINDOW]
        if not case_id:
            rejected.append(or_(t.answered_clause.is_(None), t.answered_clause != clause_id))
        with self.engine.begin() as conn:
            done = conn.execute(
                update(learned_questions)
                .where(and_(*rejected))
                .values(status="chosen", chosen_clause=clause_id, chosen_case=case_id, at=at)
            )
        return bool(done.rowcount)

    def suggestions(self, since: datetime | None = None) -> list[Suggestion]:
        """Chosen questions (since ``since``), oldest first."""
        t = learned_questions.c
        query = select(t.chosen_clause, t.lang, t.question, t.at, t.chosen_case).where(t.status == "chosen")
        if since is not None:
            query = query.where(t.at >= since)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(t.at, t.id)).all()
        return [Suggestion(str(r.chosen_clause), r.lang, r.question, r.at, r.chosen_case) for r in rows]

    def waiting(self, since: datetime | None = None) -> int:
        """How many candidate example questions (chosen since ``since``) wait for the owner's review."""
        t = learned_questions.c
        where = t.status == "chosen" if since is None else and_(t.status == "chosen", t.at >= since)
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).where(where)).scalar_one())

    def prune(self, now: datetime, keep_days: int) -> int:
        """Delete what is past ``keep_days`` (everything when it is 0), and waiting questions
        past the correction window."""
        t = learned_questions.c
        stale = now - CORRECTION_WINDOW
        with self.engine.begin() as conn:
            done = conn.execute(
                delete(learned_questions).where(
                    or_(t.at < now - timedelta(days=max(keep_days, 0)), and_(t.status != "chosen", t.at < stale))
                )
            )
        return int(done.rowcount)


class Learning:
    """Watches the dispatcher's turns and button presses for corrections."""

    def __init__(
        self,
        repo: LearningRepo,
        hash_user: Callable[[str, str], str],
        keep_questions_days: int,
        kb: Callable[[], KnowledgeBase | None],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.repo = repo
        self.hash_user = hash_user
        self.enabled = keep_questions_days > 0
        self.kb = kb
        self.clock = clock

    async def observe(self, event: Incoming | ButtonPress, reply: Reply | None) -> None:
        """The dispatcher's observer: storage errors are logged, never raised."""
        if not self.enabled or reply is None:
            return
        try:
            await asyncio.to_thread(self._observe, event, reply)
        except Exception as exc:
            log.error("could not record a correction: %s", describe_failure(exc))

    def _observe(self, event: Incoming | ButtonPress, reply: Reply) -> None:
        now = self.clock()
        who = self.hash_user(event.platform, event.user_id)
        if isinstance(event, ButtonPress):
            if event.action == "helpful" and event.value("helpful") not in _YES and event.value("clause"):
                self.repo.reject(who, event.value("clause"), now)
            elif event.action == OFFERED_CLAUSE and isinstance(reply, AnswerReply) and reply.clause is not None:
                # The button answered in the situation the question asked about: the question is
                # an example of that case (the clause's own questions stand for it in general).
                self.repo.choose(who, reply.clause.id, now, reply.case.id if reply.case else None)
            return
        command = event.command
        if isinstance(command, PolicyCommand) and command.sub == "show" and isinstance(reply, ClauseReply):
            self.repo.choose(who, reply.clause.id, now)
        elif isinstance(command, Ask) and isinstance(reply, AnswerReply) and reply.check is None:
            question = " ".join(command.question.split())
            keep = question and len(question) <= MAX_QUESTION_CHARS and possible_draft(command.question) is None
            if keep and _is_a_question(question, self.kb()):
                clause = reply.clause
                masked = mask_sensitive(self.kb(), question)
                self.repo.asked(who, reply.question_lang, masked, clause.id if clause else None, now)


@dataclass(frozen=True, slots=True)
class Addition:
    """Example questions to add to one clause, per language, and to its cases (by case id)."""

    clause_id: str
    questions: dict[str, list[str]]
    cases: dict[str, dict[str, list[str]]] = field(default_factory=dict)


def additions(suggestions: list[Suggestion], kb: KnowledgeBase) -> list[Addition]:
    """The candidates per clause (in the base's order), per language: the questions to add
    under the clause's ``questions``, or under one of its cases' when the answer picked was
    in that situation, without repeats or questions already listed there. A clause that left
    the policy is dropped; a case it no longer has counts as the clause in general."""
    grouped: dict[str, dict[str | None, dict[str, list[str]]]] = {}
    for s in suggestions:
        clause = kb.clause(s.clause_id)
        if clause is None:
            continue
        case = clause.case(s.case_id)
        listed = (case or clause).questions.get(s.lang, ())
        questions = grouped.setdefault(clause.id, {}).setdefault(case.id if case else None, {}).setdefault(s.lang, [])
        if s.question not in questions and s.question not in listed:
            questions.append(s.question)
    out = []
    for clause in kb.clauses:
        by_case = {
            case_id: {lang: qs for lang, qs in sorted(per_lang.items()) if qs}
            for case_id, per_lang in grouped.get(clause.id, {}).items()
        }
        general = by_case.pop(None, {})
        cases = {case_id: per_lang for case_id, per_lang in by_case.items() if case_id is not None and per_lang}
        if general or cases:
            out.append(Addition(clause.id, general, cases))
    return out


def question_count(clauses: list[Addition]) -> int:
    return sum(len(qs) for c in clauses for per_lang in (c.questions, *c.cases.values()) for qs in per_lang.values())


def additions_yaml(clauses: list[Addition]) -> str:
    """The additions as YAML, in the knowledge base's own shape (``clauses:``, ``id``,
    ``questions``, and ``cases:`` with each case's ``id`` and ``questions``)."""
    data = []
    for c in clauses:
        entry: dict[str, object] = {"id": c.clause_id}
        if c.questions:
            entry["questions"] = c.questions
        if c.cases:
            entry["cases"] = [{"id": case_id, "questions": qs} for case_id, qs in c.cases.items()]
        data.append(entry)
    return yaml.safe_dump({"clauses": data}, allow_unicode=True, sort_keys=False, width=1000)


def _is_a_question(text: str, kb: KnowledgeBase | None) -> bool:
    """Whether ``text`` could be an example question: it asks something ("Can I ...?",
    「…いいですか」) or says enough to be about something (two content words); "thanks!",
    "ok" or a stray "n" is not."""
    return asks_something(text) or len(keywords(text, kb)) >= 2
