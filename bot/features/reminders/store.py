"""Reminders, their deliveries and acknowledgements: the rows and the atomic steps.

Exactly-once delivery rests on two database guarantees: a reminder's ``next_run_at``
only moves by compare-and-set (``UPDATE ... WHERE next_run_at = :seen``), and a due
time can be claimed once (``UNIQUE(reminder_id, due_at)`` on deliveries). Both happen
in one transaction, so a restart or a second replica finds the due time taken.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, func, or_, select
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError

from bot.storage.schema import acks, deliveries, reminders


@dataclass(frozen=True, slots=True)
class Reminder:
    id: int
    platform: str
    team_id: str | None
    channel_id: str
    schedule: str
    cron: str
    timezone: str
    clause_ids: tuple[str, ...]
    rotation_index: int
    lang: str | None
    created_by: str
    created_at: datetime
    active: bool
    next_run_at: datetime | None
    last_message_ref: str | None


@dataclass(frozen=True, slots=True)
class Delivery:
    id: int
    reminder_id: int
    due_at: datetime
    status: str  # claimed | sent | failed | missed | gave_up
    attempts: int
    clause_ids: tuple[str, ...]
    message_ref: str | None
    error: str | None


@dataclass(frozen=True, slots=True)
class NewDelivery:
    """A due time to record when a reminder advances: to send (``claimed``) or ``missed``."""

    due_at: datetime
    status: str
    clause_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReminderStats:
    reminder: Reminder
    deliveries: int  # messages actually posted
    acks: int
    missed: int
    failed: int  # gave up after the retries
    last_status: str | None = None  # of the latest delivery that was sent or given up


def _reminder(row: Row[tuple[object, ...]]) -> Reminder:
    m = row._mapping
    return Reminder(
        m["id"], m["platform"], m["team_id"], m["channel_id"], m["schedule"], m["cron"], m["timezone"],
        tuple(json.loads(m["clause_ids"] or "[]")), m["rotation_index"], m["lang"], m["created_by"],
        m["created_at"], bool(m["active"]), m["next_run_at"], m["last_message_ref"],
    )  # fmt: skip


def _delivery(row: Row[tuple[object, ...]]) -> Delivery:
    m = row._mapping
    ids = tuple(i for i in (m["clause_id"] or "").split(",") if i)
    return Delivery(
        m["id"], m["reminder_id"], m["due_at"], m["status"], m["attempts"], ids, m["message_ref"], m["error"]
    )


def _live(platforms: Collection[str] | None = None) -> ColumnElement[bool]:
    """The delivery's reminder is active, or is a one-off announcement (never active, no cron);
    with ``platforms``, it is also one of theirs."""
    owner = select(reminders.c.id).where(
        reminders.c.id == deliveries.c.reminder_id, or_(reminders.c.active.is_(True), reminders.c.cron == "")
    )
    if platforms is not None:
        owner = owner.where(reminders.c.platform.in_(platforms))
    return owner.exists()


class ReminderRepo:
    """Synchronous operations on reminders, deliveries and acks."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create(
        self,
        *,
        platform: str,
        team_id: str | None,
        channel_id: str,
        schedule: str,
        cron: str,
        timezone: str,
        clause_ids: Sequence[str],
        lang: str | None,
        created_by: str,
        now: datetime,
        next_run_at: datetime | None,
        active: bool = True,
    ) -> Reminder:
        values = {
            "platform": platform, "team_id": team_id, "channel_id": channel_id, "schedule": schedule,
            "cron": cron, "timezone": timezone, "clause_ids": json.dumps(list(clause_ids)), "rotation_index": 0,
            "lang": lang, "created_by": created_by, "created_at": now, "active": active, "next_run_at": next_run_at,
        }  # fmt: skip
        with self.engine.begin() as conn:
            new_id = conn.execute(reminders.insert().values(**values)).inserted_primary_key[0]  # type: ignore[index]
        found = self.get(int(new_id))
        assert found is not None
        return found

    def get(self, reminder_id: int) -> Reminder | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(reminders).where(reminders.c.id == reminder_id)).first()
        return _reminder(row) if row else None

    def due(self, now: datetime, platforms: Collection[str]) -> list[Reminder]:
        """Active reminders of ``platforms`` whose next run is at or before ``now``."""
        query = select(reminders).where(
            reminders.c.active.is_(True), reminders.c.next_run_at <= now, reminders.c.platform.in_(platforms)
        )
        with self.engine.connect() as conn:
            return [_reminder(r) for r in conn.execute(query.order_by(reminders.c.next_run_at, reminders.c.id))]

    def cancel(self, reminder_id: int, platform: str, team_id: str | None = None) -> Reminder | None:
        """Deactivate a reminder of this platform and workspace (reminders made outside any
        workspace match everyone); None when there is no such active reminder."""
        where = and_(
            reminders.c.id == reminder_id,
            reminders.c.platform == platform,
            reminders.c.active.is_(True),
            or_(reminders.c.team_id.is_(None), reminders.c.team_id == team_id),
        )
        with self.engine.begin() as conn:
            done = conn.execute(reminders.update().where(where).values(active=False, next_run_at=None))
            if done.rowcount:  # a failed send still waiting for its retry must not go out now
                conn.execute(
                    deliveries.update()
                    .where(deliveries.c.reminder_id == reminder_id, deliveries.c.status == "failed")
                    .values(status="gave_up", error="reminder cancelled")
                )
        return self.get(reminder_id) if done.rowcount else None

    def advance(
        self,
        reminder: Reminder,
        next_run_at: datetime | None,
        records: Sequence[NewDelivery],
        rotation_index: int,
        now: datetime,
    ) -> list[Delivery] | None:
        """Move ``reminder`` past its due time(s) and record them, atomically.

        Returns the recorded deliveries, or None when another process got there first.
        """
        seen = reminders.c.next_run_at == reminder.next_run_at
        where = and_(reminders.c.id == reminder.id, reminders.c.active.is_(True), seen)
        try:
            with self.engine.begin() as conn:
                moved = conn.execute(
                    reminders.update().where(where).values(next_run_at=next_run_at, rotation_index=rotation_index)
                )
                if moved.rowcount != 1:
                    conn.rollback()
                    return None
                ids = []
                for rec in records:
                    values = {
                        "reminder_id": reminder.id, "due_at": rec.due_at, "status": rec.status, "attempts": 0,
                        "clause_id": ",".join(rec.clause_ids) or None, "claimed_at": now,
                    }  # fmt: skip
                    result = conn.execute(deliveries.insert().values(**values))
                    ids.append(int(result.inserted_primary_key[0]))  # type: ignore[index]
        except IntegrityError:
            return None  # the due time was claimed by someone else
        return [d for d in (self.delivery(i) for i in ids) if d is not None]

    def claim_once(
        self, reminder: Reminder, due_at: datetime, clause_ids: Sequence[str], now: datetime
    ) -> Delivery | None:
        """Claim a one-off delivery (an announcement) for ``reminder`` at ``due_at``."""
        try:
            with self.engine.begin() as conn:
                result = conn.execute(
                    deliveries.insert().values(
                        reminder_id=reminder.id,
                        due_at=due_at,
                        status="claimed",
                        attempts=0,
                        clause_id=",".join(clause_ids) or None,
                        claimed_at=now,
                    )
                )
        except IntegrityError:
            return None
        return self.delivery(int(result.inserted_primary_key[0]))  # type: ignore[index]

    def delivery(self, delivery_id: int) -> Delivery | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(deliveries).where(deliveries.c.id == delivery_id)).first()
        return _delivery(row) if row else None

    def deliveries_of(self, reminder_id: int) -> list[Delivery]:
        query = select(deliveries).where(deliveries.c.reminder_id == reminder_id).order_by(deliveries.c.due_at)
        with self.engine.connect() as conn:
            return [_delivery(r) for r in conn.execute(query)]

    def retryable(self, max_attempts: int, platforms: Collection[str], tried_before: datetime) -> list[Delivery]:
        """Failed sends that still have tries left, last tried before ``tried_before``, of live
        reminders (see :func:`_live`) of ``platforms``."""
        where = and_(
            deliveries.c.status == "failed",
            deliveries.c.attempts < max_attempts,
            deliveries.c.claimed_at <= tried_before,
            _live(platforms),
        )
        with self.engine.connect() as conn:
            return [_delivery(r) for r in conn.execute(select(deliveries).where(where).order_by(deliveries.c.id))]

    def reclaim(self, delivery_id: int, now: datetime) -> bool:
        """Take a failed delivery for another try; False when another process took it or the
        reminder was cancelled meanwhile (checked in the same statement)."""
        where = and_(deliveries.c.id == delivery_id, deliveries.c.status == "failed", _live())
        with self.engine.begin() as conn:
            done = conn.execute(deliveries.update().where(where).values(status="claimed", claimed_at=now))
        return done.rowcount == 1

    def mark_sent(self, delivery: Delivery, message_ref: str | None, now: datetime) -> str | None:
        """Record a successful post; returns the reminder's previous message ref (to retire its button)."""
        with self.engine.begin() as conn:
            conn.execute(
                deliveries.update()
                .where(deliveries.c.id == delivery.id)
                .values(status="sent", attempts=delivery.attempts + 1, message_ref=message_ref, sent_at=now, error=None)
            )
            previous = conn.execute(
                select(reminders.c.last_message_ref).where(reminders.c.id == delivery.reminder_id)
            ).scalar()
            # The rotation moves on with each post that went out (see ReminderService.plan).
            values: dict[str, Any] = {"rotation_index": reminders.c.rotation_index + 1}
            if message_ref:
                values["last_message_ref"] = message_ref
            conn.execute(reminders.update().where(reminders.c.id == delivery.reminder_id).values(**values))
        return previous if isinstance(previous, str) else None

    def mark_missed(self, delivery_id: int) -> bool:
        """Record a failed send that is too late to retry as missed; False when another process
        had already moved it on."""
        where = and_(deliveries.c.id == delivery_id, deliveries.c.status == "failed")
        with self.engine.begin() as conn:
            done = conn.execute(deliveries.update().where(where).values(status="missed"))
        return done.rowcount == 1

    def mark_failed(self, delivery: Delivery, error: str, give_up: bool) -> None:
        status = "gave_up" if give_up else "failed"
        with self.engine.begin() as conn:
            conn.execute(
                deliveries.update()
                .where(deliveries.c.id == delivery.id)
                .values(status=status, attempts=delivery.attempts + 1, error=error[:500])
            )

    def delivery_by_ref(self, reminder_id: int, message_ref: str) -> Delivery | None:
        where = and_(deliveries.c.reminder_id == reminder_id, deliveries.c.message_ref == message_ref)
        with self.engine.connect() as conn:
            row = conn.execute(select(deliveries).where(where)).first()
        return _delivery(row) if row else None

    def ack(self, reminder_id: int, delivery_id: int | None, platform: str, user_id: str, now: datetime) -> bool:
        """Record one acknowledgement per person per reminder; False when they already had."""
        values = {
            "reminder_id": reminder_id, "delivery_id": delivery_id, "platform": platform, "user_id": user_id,
            "acked_at": now,
        }  # fmt: skip
        try:
            with self.engine.begin() as conn:
                conn.execute(acks.insert().values(**values))
        except IntegrityError:
            return False
        return True

    def stats(self, platform: str | None = None, active_only: bool = True) -> list[ReminderStats]:
        """Every reminder (of a platform) with its delivery and acknowledgement counts."""
        query = select(reminders).order_by(reminders.c.id)
        if platform is not None:
            query = query.where(reminders.c.platform == platform)
        if active_only:
            query = query.where(reminders.c.active.is_(True))
        status_counts = (
            select(deliveries.c.reminder_id, deliveries.c.status, func.count())
            .group_by(deliveries.c.reminder_id, deliveries.c.status)
        )  # fmt: skip
        ack_counts = select(acks.c.reminder_id, func.count()).group_by(acks.c.reminder_id)
        ended = deliveries.c.status.in_(("sent", "gave_up"))
        latest = (
            select(deliveries.c.reminder_id, func.max(deliveries.c.due_at).label("due_at"))
            .where(ended)
            .group_by(deliveries.c.reminder_id)
            .subquery()
        )
        last_status = select(deliveries.c.reminder_id, deliveries.c.status).join(
            latest, and_(deliveries.c.reminder_id == latest.c.reminder_id, deliveries.c.due_at == latest.c.due_at)
        )
        with self.engine.connect() as conn:
            rows = [_reminder(r) for r in conn.execute(query)]
            by_status: dict[tuple[int, str], int] = {(r, s): n for r, s, n in conn.execute(status_counts)}
            acked: dict[int, int] = {r: n for r, n in conn.execute(ack_counts)}
            last: dict[int, str] = {r: s for r, s in conn.execute(last_status)}  # (reminder, due time) is unique
        return [
            ReminderStats(
                r,
                by_status.get((r.id, "sent"), 0),
                acked.get(r.id, 0),
                by_status.get((r.id, "missed"), 0),
                by_status.get((r.id, "gave_up"), 0),
                last.get(r.id),
            )
            for r in rows
        ]
