"""Usage records, quizzes and their scores, and the figures the owner's report reads (synchronous).

:class:`UsageRepo` implements :class:`bot.features.owner.usage.UsageSink`, :class:`QuizRepo`
:class:`bot.features.owner.quiz.QuizStore`. Retention: usage rows older than the
retention period are deleted, and kept question texts are cleared after
``GUIDEBOT_KEEP_QUESTIONS_DAYS``.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import asdict, replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, Connection, Engine, and_, case, func, select
from sqlalchemy.exc import IntegrityError

from bot.features.owner.quiz import QuizState
from bot.features.owner.replies import QuizQuestion
from bot.features.owner.report import ReminderStat
from bot.features.owner.usage import UsageEvent
from bot.storage.conversations import conversation_names
from bot.storage.schema import (
    acks,
    deliveries,
    installation,
    quiz_scores,
    quizzes,
    reminders,
    usage_events,
)

HASH_KEY = "usage_hash_key"
_FIELDS = tuple(UsageEvent.__dataclass_fields__)


class UsageRepo:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add_events(self, events: Sequence[UsageEvent]) -> None:
        if events:
            with self.engine.begin() as conn:
                conn.execute(usage_events.insert(), [asdict(e) for e in events])

    def events(self, since: datetime, until: datetime) -> list[UsageEvent]:
        """Events with ``since <= at < until``, oldest first."""
        cols = [usage_events.c[name] for name in _FIELDS]
        query = (
            select(*cols)
            .where(and_(usage_events.c.at >= since, usage_events.c.at < until))
            .order_by(usage_events.c.at, usage_events.c.id)
        )
        with self.engine.connect() as conn:
            return [UsageEvent(**row._asdict()) for row in conn.execute(query)]

    def prune(self, now: datetime, retention_days: int, keep_questions_days: int) -> tuple[int, int]:
        """Delete events past retention and clear question texts past their keep period."""
        with self.engine.begin() as conn:
            deleted = conn.execute(
                usage_events.delete().where(usage_events.c.at < now - timedelta(days=retention_days))
            )
            cleared = conn.execute(
                usage_events.update()
                .where(
                    and_(
                        usage_events.c.question_text.is_not(None),
                        usage_events.c.at < now - timedelta(days=max(keep_questions_days, 0)),
                    )
                )
                .values(question_text=None)
            )
        return deleted.rowcount, cleared.rowcount

    def hash_key(self) -> bytes:
        """The installation's random usage-hash key, created on first use (race-safe)."""
        with self.engine.connect() as conn:
            value = conn.execute(select(installation.c.value).where(installation.c.key == HASH_KEY)).scalar()
        if value is None:
            try:
                with self.engine.begin() as conn:
                    conn.execute(
                        installation.insert().values(
                            key=HASH_KEY, value=secrets.token_hex(32), created_at=datetime.now(UTC)
                        )
                    )
            except IntegrityError:
                pass  # another replica created it first: use theirs
            with self.engine.connect() as conn:
                value = conn.execute(select(installation.c.value).where(installation.c.key == HASH_KEY)).scalar_one()
        return bytes.fromhex(str(value))

    def reminder_stats(self, since: datetime, until: datetime) -> list[ReminderStat]:
        """Per reminder: deliveries sent and failed, and acknowledgements, in the window."""
        in_window = and_(deliveries.c.due_at >= since, deliveries.c.due_at < until)
        sent = func.sum(case((deliveries.c.status == "sent", 1), else_=0))
        failed = func.sum(case((deliveries.c.status.in_(("failed", "gave_up")), 1), else_=0))
        with self.engine.connect() as conn:
            delivered = {
                rid: (int(s or 0), int(f or 0))
                for rid, s, f in conn.execute(
                    select(deliveries.c.reminder_id, sent, failed).where(in_window).group_by(deliveries.c.reminder_id)
                )
            }
            acked: dict[int, int] = dict(
                conn.execute(
                    select(acks.c.reminder_id, func.count())
                    .where(and_(acks.c.acked_at >= since, acks.c.acked_at < until))
                    .group_by(acks.c.reminder_id)
                ).all()
            )
            rows = conn.execute(
                select(reminders.c.id, reminders.c.channel_id, reminders.c.schedule, reminders.c.active).order_by(
                    reminders.c.id
                )
            ).all()
            names = conversation_names(conn, {channel for _, channel, _, _ in rows})
        out = []
        for rid, channel, schedule, active in rows:
            if active or rid in delivered or rid in acked:
                n_sent, n_failed = delivered.get(rid, (0, 0))
                stat = ReminderStat(rid, channel, schedule, bool(active), n_sent, n_failed, int(acked.get(rid, 0)))
                out.append(replace(stat, name=names.get(channel)))
        return out


class QuizRepo:
    """Quizzes in progress (one per person) and scores: every answer is one transaction, and
    a question answered twice (a double click, two replicas) counts once."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def quiz_state(self, platform: str, user_id: str) -> QuizState | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(quizzes).where(_quiz_key(platform, user_id))).mappings().first()
        if row is None:
            return None
        questions = tuple(
            QuizQuestion(q["id"], q["prompt"], tuple(q["options"]), q["answer"], q["clause_id"])
            for q in json.loads(row["questions"])
        )
        return QuizState(row["lang"], questions, row["position"], row["correct"])

    def begin_quiz(self, platform: str, user_id: str, state: QuizState) -> None:
        values = {
            "lang": state.lang,
            "questions": json.dumps([asdict(q) for q in state.questions], ensure_ascii=False),
            "position": state.index,
            "correct": state.correct,
            "updated_at": datetime.now(UTC),
        }
        with self.engine.begin() as conn:
            done = conn.execute(quizzes.update().where(_quiz_key(platform, user_id)).values(**values))
            if done.rowcount == 0:
                try:
                    with conn.begin_nested():
                        conn.execute(quizzes.insert().values(platform=platform, user_id=user_id, **values))
                except IntegrityError:  # started at the same moment elsewhere: the later start wins
                    conn.execute(quizzes.update().where(_quiz_key(platform, user_id)).values(**values))

    def answer_quiz(self, platform: str, user_id: str, index: int, correct: bool, last: bool) -> tuple[int, int] | None:
        current = and_(_quiz_key(platform, user_id), quizzes.c.position == index)
        with self.engine.begin() as conn:
            if last:
                done = conn.execute(quizzes.delete().where(current))
            else:
                done = conn.execute(
                    quizzes.update()
                    .where(current)
                    .values(
                        position=quizzes.c.position + 1,
                        correct=quizzes.c.correct + int(correct),
                        updated_at=datetime.now(UTC),
                    )
                )
            if done.rowcount != 1:
                return None
            return _add_score(conn, platform, user_id, correct)

    def end_quiz(self, platform: str, user_id: str) -> QuizState | None:
        state = self.quiz_state(platform, user_id)
        if state is not None:
            with self.engine.begin() as conn:
                conn.execute(quizzes.delete().where(_quiz_key(platform, user_id)))
        return state

    def prune(self, before: datetime) -> int:
        """Forget quizzes left unanswered since ``before``."""
        with self.engine.begin() as conn:
            return int(conn.execute(quizzes.delete().where(quizzes.c.updated_at < before)).rowcount)


def _quiz_key(platform: str, user_id: str) -> ColumnElement[bool]:
    return and_(quizzes.c.platform == platform, quizzes.c.user_id == user_id)


def _add_score(conn: Connection, platform: str, user_id: str, correct: bool) -> tuple[int, int]:
    """Count one answered quiz question for a person, in ``conn``'s transaction; returns (attempts, correct)."""
    key = and_(quiz_scores.c.platform == platform, quiz_scores.c.user_id == user_id)
    now = datetime.now(UTC)
    done = conn.execute(
        quiz_scores.update()
        .where(key)
        .values(attempts=quiz_scores.c.attempts + 1, correct=quiz_scores.c.correct + int(correct), updated_at=now)
    )
    if done.rowcount == 0:
        conn.execute(
            quiz_scores.insert().values(
                platform=platform, user_id=user_id, attempts=1, correct=int(correct), updated_at=now
            )
        )
    row = conn.execute(select(quiz_scores.c.attempts, quiz_scores.c.correct).where(key)).one()
    return int(row[0]), int(row[1])
