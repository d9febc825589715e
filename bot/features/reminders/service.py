"""Policy reminders: scheduling, exactly-once delivery, acknowledgements.

:class:`ReminderService` is platform-neutral: it posts through *senders*
(``App.senders[platform]``, see :class:`Sender`) that the Slack and Teams
adapters register. ``serve`` calls :meth:`ReminderService.run_due` every minute and
``guidebot reminders run-due`` calls it once; the database makes either safe to run
in several processes at the same moment (see :mod:`bot.features.reminders.store`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Protocol

from bot.assistant.engine import GuideBot
from bot.data.messages import listing, msg
from bot.domain.policy import Clause
from bot.domain.replies import NoticeReply, ReminderReply, Reply
from bot.features.reminders.schedule import next_run
from bot.features.reminders.store import Delivery, NewDelivery, Reminder, ReminderRepo
from bot.runtime.background import Loop
from bot.storage import Storage

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3  # a failing send is tried this many times (once per pass), then given up
# A failed send is tried again once this long has passed since its last try: the next
# minute's pass, whichever process (replica) runs it, never one running the same minute.
RETRY_SPACING = timedelta(seconds=50)
GRACE = timedelta(hours=1)  # a due time missed by more than this is recorded as missed, not sent
MAX_MISSED_RECORDS = 100  # after a long outage, record at most this many missed runs per reminder


class PostMayHaveGone(Exception):
    """A post whose outcome is unknown: the request went out, then the connection dropped or
    timed out before the platform answered. It may be in the channel, so it is never tried
    again (a reminder is posted at most once per due time)."""


class Sender(Protocol):
    """What an adapter gives the service to post and edit messages in a channel."""

    async def post(self, channel_id: str, reply: Reply) -> str: ...

    async def update(self, channel_id: str, message_ref: str, reply: Reply) -> None: ...


@dataclass(frozen=True, slots=True)
class RunReport:
    """What one pass did (for logs and the CLI)."""

    sent: int = 0
    failed: int = 0
    gave_up: int = 0
    missed: int = 0
    skipped: int = 0  # due times another process had already claimed

    def __add__(self, other: RunReport) -> RunReport:
        return RunReport(*(a + b for a, b in zip(self._values(), other._values(), strict=True)))

    def _values(self) -> tuple[int, int, int, int, int]:
        return self.sent, self.failed, self.gave_up, self.missed, self.skipped


class ReminderService:
    """Schedules, delivers and counts policy reminders."""

    def __init__(
        self,
        bot: GuideBot,
        storage: Storage,
        senders: Mapping[str, Sender],
        timezone: str = "UTC",
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.bot = bot
        self.storage = storage
        self.repo = ReminderRepo(storage.engine)
        self.senders = senders  # a live mapping: adapters may register senders after start-up
        self.timezone = timezone
        self.clock = clock

    # -- what a reminder shows -------------------------------------------------------------

    def lang_of(self, reminder: Reminder) -> str:
        return reminder.lang or self.bot.kb.policy.default_language

    def pick_clauses(self, reminder: Reminder, rotation_index: int) -> tuple[str, ...]:
        """The next clause in rotation: over the reminder's clauses, or all clauses when it names none.

        Empty when every clause the reminder names has left the knowledge base: it must not
        quietly turn into a rotation over the whole policy.
        """
        kb = self.bot.kb
        if reminder.clause_ids:
            pool = [c for c in reminder.clause_ids if kb.clause(c) is not None]
        else:
            pool = [c.id for c in kb.clauses]
        return (pool[rotation_index % len(pool)],) if pool else ()

    def gone(self, reminder: Reminder) -> tuple[str, ...]:
        """The reminder's clauses, when every one of them has left the knowledge base (else ())."""
        kb = self.bot.kb
        return () if any(kb.clause(c) is not None for c in reminder.clause_ids) else reminder.clause_ids

    def attention(self, reminder: Reminder, lang: str, last_status: str | None = None) -> str | None:
        """Why ``policy reminders`` should flag this reminder, or None: its clauses have all
        left the policy, or its last post could not be made (``last_status``, the status of
        its latest delivery that was sent or given up)."""
        if ids := self.gone(reminder):
            return msg("reminders.attention", lang, why=msg("reminders.clause_gone", lang, ids=listing(ids, lang)))
        if last_status == "gave_up":
            return msg("reminders.failing", lang)
        return None

    def _clauses(self, ids: Sequence[str]) -> tuple[Clause, ...]:
        return tuple(c for c in (self.bot.kb.clause(i) for i in ids) if c is not None)

    def reply_for(self, reminder: Reminder, delivery: Delivery, active: bool = True) -> ReminderReply:
        """The post for ``delivery``; its clauses are empty when none can be shown any more."""
        lang = self.lang_of(reminder)
        clauses = self._clauses(delivery.clause_ids)
        if not clauses:  # the clause left the knowledge base since the run was claimed
            clauses = self._clauses(self.pick_clauses(reminder, reminder.rotation_index))
        return ReminderReply(lang, reminder.id, delivery.id, clauses, self.bot.policy_info(lang), active)

    # -- delivery ----------------------------------------------------------------------------

    async def run_due(self, now: datetime | None = None) -> RunReport:
        """Deliver every reminder due at ``now`` that was not yet delivered; retry failed sends."""
        now = (now or self.clock()).astimezone(UTC)
        # Only the platforms this process posts to: another process (a server sharing the
        # database with the terminal chat) delivers the others'.
        platforms = tuple(self.senders)
        report = await self._retry_failed(now, platforms)
        for reminder in await asyncio.to_thread(self.repo.due, now, platforms):
            report += await self._run_one(reminder, now)
        if report != RunReport():
            log.info("reminders: %s", report)
        return report

    def plan(self, reminder: Reminder, now: datetime) -> tuple[list[NewDelivery], datetime, int]:
        """The due times up to ``now`` (missed or to send), the next run after them, the new rotation."""
        assert reminder.next_run_at is not None
        records: list[NewDelivery] = []
        due = reminder.next_run_at
        missed = 0
        while due <= now:
            if now - due > GRACE:
                if missed >= MAX_MISSED_RECORDS:  # skip ahead to the grace window
                    due = next_run(reminder.cron, reminder.timezone, now - GRACE)
                    continue
                records.append(NewDelivery(due, "missed"))
                missed += 1
            else:
                records.append(NewDelivery(due, "claimed"))
            due = next_run(reminder.cron, reminder.timezone, due)
        # Several runs inside the grace window (an outage under an hour): send the latest once.
        claimed = [i for i, r in enumerate(records) if r.status == "claimed"]
        for i in claimed[:-1]:
            records[i] = NewDelivery(records[i].due_at, "missed")
        # The rotation moves on when a post goes out (RemindersRepo.mark_sent), so a clause
        # whose post failed is the one shown next time.
        rotation = reminder.rotation_index
        if claimed:
            last = claimed[-1]
            records[last] = replace(records[last], clause_ids=self.pick_clauses(reminder, rotation))
        return records, due, rotation

    async def _run_one(self, reminder: Reminder, now: datetime) -> RunReport:
        records, following, rotation = self.plan(reminder, now)
        done = await asyncio.to_thread(self.repo.advance, reminder, following, records, rotation, now)
        if done is None:
            return RunReport(skipped=1)
        report = RunReport(missed=sum(d.status == "missed" for d in done))
        for delivery in done:
            if delivery.status == "claimed":
                report += await self.send(reminder, delivery, now)
        return report

    async def _retry_failed(self, now: datetime, platforms: Sequence[str]) -> RunReport:
        """Retry failed sends of live reminders (the repo skips cancelled ones); a send that
        could not go out within the grace period is recorded as missed, like a late due time."""
        report = RunReport()
        for delivery in await asyncio.to_thread(self.repo.retryable, MAX_ATTEMPTS, platforms, now - RETRY_SPACING):
            if now - delivery.due_at > GRACE:
                if await asyncio.to_thread(self.repo.mark_missed, delivery.id):
                    report += RunReport(missed=1)
                continue
            reminder = await asyncio.to_thread(self.repo.get, delivery.reminder_id)
            if reminder is None or not await asyncio.to_thread(self.repo.reclaim, delivery.id, now):
                continue
            report += await self.send(reminder, delivery, now)
        return report

    async def send(self, reminder: Reminder, delivery: Delivery, now: datetime, retry: bool = True) -> RunReport:
        """Post one claimed delivery; record the outcome; retire the previous post's button.
        ``retry``: a refused post is tried again on later passes (an announcement is not: the
        manager is told at once, and repeats it if they want)."""
        sender = self.senders.get(reminder.platform)
        reply = self.reply_for(reminder, delivery)
        if not reply.clauses:  # nothing left to show: say why rather than post another clause
            ids = ", ".join(delivery.clause_ids or reminder.clause_ids)
            error = f"clause {ids} is no longer in the policy" if ids else "the policy has no clauses"
            log.warning("reminder %d delivery %d not sent: %s", reminder.id, delivery.id, error)
            await asyncio.to_thread(self.repo.mark_failed, delivery, error, True)
            return RunReport(gave_up=1)
        try:
            if sender is None:
                raise LookupError(f"no sender for platform {reminder.platform!r}")
            ref = await sender.post(reminder.channel_id, reply)
        except PostMayHaveGone as exc:
            log.warning("reminder %d delivery %d: outcome unknown, not tried again: %s", reminder.id, delivery.id, exc)
            await asyncio.to_thread(self.repo.mark_failed, delivery, f"outcome unknown: {exc}", True)
            return RunReport(gave_up=1)
        except Exception as exc:
            give_up = not retry or delivery.attempts + 1 >= MAX_ATTEMPTS
            error = f"{type(exc).__name__}: {exc}"
            log.warning(
                "reminder %d delivery %d failed (try %d): %s", reminder.id, delivery.id, delivery.attempts + 1, error
            )
            await asyncio.to_thread(self.repo.mark_failed, delivery, error, give_up)
            return RunReport(gave_up=1) if give_up else RunReport(failed=1)
        previous = await asyncio.to_thread(self.repo.mark_sent, delivery, ref or None, now)
        if previous and previous != ref and sender is not None:
            await self._retire(reminder, previous, sender)
        return RunReport(sent=1)

    async def _retire(self, reminder: Reminder, message_ref: str, sender: Sender) -> None:
        """Replace an older post's button with a note, so channels don't fill with stale prompts.

        The post is redrawn with its own clauses only: when they have left the knowledge base
        it is left as it is (button included) rather than rewritten with another clause.
        """
        old = await asyncio.to_thread(self.repo.delivery_by_ref, reminder.id, message_ref)
        clauses = self._clauses(old.clause_ids) if old is not None else ()
        if old is None or not clauses:
            return
        lang = self.lang_of(reminder)
        reply = ReminderReply(lang, reminder.id, old.id, clauses, self.bot.policy_info(lang), active=False)
        try:
            await sender.update(reminder.channel_id, message_ref, reply)
        except Exception as exc:  # cosmetic: the new reminder is already out
            log.info("could not retire reminder %d's previous post: %s", reminder.id, type(exc).__name__)

    async def announce(
        self,
        *,
        platform: str,
        team_id: str | None,
        channel_id: str,
        clause_ids: Sequence[str],
        lang: str | None,
        created_by: str,
    ) -> tuple[Reminder, Delivery, RunReport]:
        """Post a one-off reminder now (recorded like a scheduled one, so acks are counted)."""
        now = self.clock().astimezone(UTC)
        reminder = await asyncio.to_thread(
            lambda: self.repo.create(
                platform=platform,
                team_id=team_id,
                channel_id=channel_id,
                schedule="announce",
                cron="",
                timezone=self.timezone,
                clause_ids=clause_ids,
                lang=lang,
                created_by=created_by,
                now=now,
                next_run_at=None,
                active=False,
            )
        )
        ids = tuple(clause_ids) or self.pick_clauses(reminder, reminder.id - 1)
        delivery = await asyncio.to_thread(self.repo.claim_once, reminder, now, ids, now)
        assert delivery is not None  # a brand-new reminder has no deliveries yet
        return reminder, delivery, await self.send(reminder, delivery, now, retry=False)

    # -- acknowledgements --------------------------------------------------------------------

    async def acknowledge(self, platform: str, user_id: str, reminder_id: int, delivery_id: int | None) -> Reply:
        """The ``ack_reminder`` button: one acknowledgement per person per reminder."""
        reminder = await asyncio.to_thread(self.repo.get, reminder_id)
        default = self.bot.kb.policy.default_language
        if reminder is None or reminder.platform != platform:
            return NoticeReply(default, msg("ack.unknown", default), "warning")
        lang = self.lang_of(reminder)
        delivery = await asyncio.to_thread(self.repo.delivery, delivery_id) if delivery_id else None
        if delivery is None or delivery.reminder_id != reminder_id:
            delivery_id = None
        now = self.clock().astimezone(UTC)
        first = await asyncio.to_thread(self.repo.ack, reminder_id, delivery_id, platform, user_id, now)
        return NoticeReply(lang, msg("ack.thanks" if first else "ack.already", lang), "success" if first else "info")


def reminder_loop(service: ReminderService, interval: float = 60.0) -> Loop:
    """Due reminders about every ``interval`` seconds, just after each minute starts."""

    def delay() -> float:
        now = service.clock()
        return interval - (now.second + now.microsecond / 1e6) % interval + 1

    return Loop("reminder pass", service.run_due, delay)
