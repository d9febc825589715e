"""Usage records, quiz scores and the figures the owner's report reads (synchronous).

Implements :class:`bot.features.owner.usage.UsageSink`. Retention: usage rows older than the
retention period are deleted, and kept question texts are cleared after
``GUIDEBOT_KEEP_QUESTIONS_DAYS``.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import asdict, replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, and_, case, func, select
from sqlalchemy.exc import IntegrityError

from bot.features.owner.report import ReminderStat
from bot.features.owner.usage import UsageEvent
from bot.storage.schema import (
    acks,
    conversation_refs,
    deliveries,
    installation,
    quiz_scores,
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

    def add_quiz_answer(self, platform: str, user_id: str, correct: bool) -> tuple[int, int]:
        """Count one answered quiz question for a person; returns (attempts, correct)."""
        key = and_(quiz_scores.c.platform == platform, quiz_scores.c.user_id == user_id)
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            done = conn.execute(
                quiz_scores.update()
                .where(key)
                .values(
                    attempts=quiz_scores.c.attempts + 1, correct=quiz_scores.c.correct + int(correct), updated_at=now
                )
            )
            if done.rowcount == 0:
                conn.execute(
                    quiz_scores.insert().values(
                        platform=platform, user_id=user_id, attempts=1, correct=int(correct), updated_at=now
                    )
                )
        return self.quiz_score(platform, user_id)

    def quiz_score(self, platform: str, user_id: str) -> tuple[int, int]:
        key = and_(quiz_scores.c.platform == platform, quiz_scores.c.user_id == user_id)
        with self.engine.connect() as conn:
            row = conn.execute(select(quiz_scores.c.attempts, quiz_scores.c.correct).where(key)).first()
        return (int(row[0]), int(row[1])) if row else (0, 0)

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
            names = self._channel_names(conn, {channel for _, channel, _, _ in rows})
        out = []
        for rid, channel, schedule, active in rows:
            if active or rid in delivered or rid in acked:
                n_sent, n_failed = delivered.get(rid, (0, 0))
                stat = ReminderStat(rid, channel, schedule, bool(active), n_sent, n_failed, int(acked.get(rid, 0)))
                out.append(replace(stat, name=names.get(channel)))
        return out

    @staticmethod
    def _channel_names(conn: Connection, channels: set[str]) -> dict[str, str]:
        """The names recorded for ``channels`` when the bot was added to them (Teams' conversationUpdate)."""
        if not channels:
            return {}
        query = select(conversation_refs.c.key, conversation_refs.c.meta).where(conversation_refs.c.key.in_(channels))
        names = {}
        for key, meta in conn.execute(query):
            try:
                name = json.loads(meta or "{}").get("name")
            except (ValueError, AttributeError):
                continue
            if isinstance(name, str) and name.strip():
                names[key] = name.strip()
        return names
