"""The managers' chat commands for reminders: ``policy remind``, ``reminders``, ``announce``.

Also :func:`activate`, which wires the reminder service onto the dispatcher: the three
manager-only subcommands and the ``ack_reminder`` button ("I have read this").
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC

from bot.assistant.dispatch import CommandContext, CommandSpec, Dispatcher
from bot.assistant.engine import GuideBot
from bot.data.messages import listing, msg
from bot.domain.commands import ButtonPress
from bot.domain.replies import NoticeReply, ReminderItem, ReminderListReply, Reply, parse_ack_value
from bot.domain.texts import detect_language, whole_number
from bot.features.reminders.schedule import (
    EXAMPLES,
    EXAMPLES_JA,
    NeverRunsError,
    ScheduleError,
    TooOftenError,
    local_time,
    next_run,
    parse_schedule,
    zone,
)
from bot.features.reminders.service import ReminderService, Sender
from bot.storage import Storage

# Slack escapes a channel mention as <#C123|name> (or <#C123>); people may also type #name.
_CHANNEL = re.compile(r"^(?:<#(?P<id>[A-Z0-9]+)(?:\|[^>]*)?>|(?P<name>#[\w.-]+))$")
# A clause id as the knowledge base allows it; schedule words never look like this.
_CLAUSE_SHAPE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*-[A-Za-z0-9_-]+$")


@dataclass(frozen=True, slots=True)
class Target:
    """Where a command points: a channel (or None: ask) and the words after it."""

    channel_id: str | None
    words: list[str]


def split_channel(ctx: CommandContext, rest: str) -> Target:
    words = rest.split()
    if words and (m := _CHANNEL.match(words[0])):
        if ctx.incoming.platform != "slack":
            # Teams has no channel reference a bot can read from text: the command must be
            # run in the channel itself (None makes the caller say so).
            return Target(None, words[1:])
        return Target(m.group("id") or m.group("name"), words[1:])
    return Target(ctx.incoming.channel_id, words)


_NO_CHANNEL = {"slack": "remind.no_channel", "console": "remind.no_channel_console"}


def no_channel(ctx: CommandContext, lang: str) -> NoticeReply:
    key = _NO_CHANNEL.get(ctx.incoming.platform, "remind.no_channel_here")
    return NoticeReply(lang, msg(key, lang), "warning")


def split_clauses(ctx: CommandContext, words: list[str]) -> tuple[list[str], list[str], list[str]]:
    """``(schedule words, clause ids, unknown ids)``.

    A word the knowledge base knows is a clause id, and the schedule ends before it. Up to
    there, the longest run of words that reads as a schedule is the schedule, so cron day
    names (``MON-FRI``) stay in it; id-shaped words after it are unknown clause ids. When no
    prefix reads, clause ids start at the first id-shaped word (the schedule is then refused).
    """
    kb = ctx.bot.kb
    limit = next((i for i, w in enumerate(words) if kb.clause(w) is not None), len(words))
    cut = next((i for i in range(limit, 0, -1) if _reads(words[:i])), None)
    if cut is None or not all(kb.clause(w) is not None or _CLAUSE_SHAPE.match(w) for w in words[cut:]):
        cut = next((i for i, w in enumerate(words) if kb.clause(w) is not None or _CLAUSE_SHAPE.match(w)), len(words))
    found = [kb.clause(w) for w in words[cut:]]
    return words[:cut], [c.id for c in found if c], [w for w, c in zip(words[cut:], found, strict=True) if not c]


def _reads(words: list[str]) -> bool:
    try:
        parse_schedule(" ".join(words))
    except (TooOftenError, NeverRunsError):
        return True  # readable: the refusal will say it is too often, or never comes
    except ScheduleError:
        return False
    return True


class ReminderCommands:
    """Chat handlers over one :class:`ReminderService`."""

    def __init__(self, service: ReminderService) -> None:
        self.service = service

    def specs(self) -> tuple[CommandSpec, ...]:
        """The subcommands, all for managers only."""
        return (
            CommandSpec("remind", self.remind, manager_only=True),
            CommandSpec("reminders", self.reminders, manager_only=True),
            CommandSpec("announce", self.announce, manager_only=True),
        )

    async def remind(self, ctx: CommandContext) -> Reply:
        lang = ctx.lang
        target = split_channel(ctx, ctx.args)
        words, clause_ids, unknown = split_clauses(ctx, target.words)
        if not words:
            return NoticeReply(lang, msg("remind.usage", lang), "warning")
        if unknown:
            return NoticeReply(lang, msg("remind.unknown_clause", lang, ids=listing(unknown, lang)), "warning")
        text = " ".join(words)
        try:
            schedule = parse_schedule(text)
        except TooOftenError:
            return NoticeReply(lang, msg("remind.too_often", lang, schedule=text), "warning")
        except NeverRunsError:
            return NoticeReply(lang, msg("remind.never", lang, schedule=text), "warning")
        except ScheduleError:
            examples = msg("list.alternatives", lang).join(
                f"`{e}`" for e in (EXAMPLES_JA if lang == "ja" else EXAMPLES)
            )
            return NoticeReply(lang, msg("remind.bad_schedule", lang, schedule=text, examples=examples), "warning")
        if target.channel_id is None:
            return no_channel(ctx, lang)
        if ctx.incoming.platform not in self.service.senders:  # the terminal chat: nothing could ever post it
            return NoticeReply(lang, msg("remind.no_sender", lang), "warning")
        service = self.service
        try:
            zone(service.timezone)
        except ScheduleError:
            return NoticeReply(lang, msg("remind.bad_zone", lang, tz=service.timezone), "error")
        now = service.clock().astimezone(UTC)
        first = next_run(schedule.cron, service.timezone, now)
        # The message language: forced by the platform, else the manager's (a Japanese schedule: ja).
        reminder_lang = ctx.incoming.lang or (detect_language(text, "") or None)
        reminder = await asyncio.to_thread(
            lambda: service.repo.create(
                platform=ctx.incoming.platform,
                team_id=ctx.incoming.team_id,
                channel_id=target.channel_id or "",
                schedule=schedule.text,
                cron=schedule.cron,
                timezone=service.timezone,
                clause_ids=clause_ids,
                lang=reminder_lang,
                created_by=ctx.incoming.user_id,
                now=now,
                next_run_at=first,
            )
        )
        clauses = listing(clause_ids, lang) or msg("remind.rotation", lang)
        channel = _channel_label(reminder.platform, reminder.channel_id, lang)
        text = msg(
            "remind.created", lang, id=reminder.id, channel=channel,
            schedule=schedule.text, tz=service.timezone, next=local_time(first, service.timezone), clauses=clauses,
        )  # fmt: skip
        return NoticeReply(lang, text, "success", _linked(reminder.platform, reminder.channel_id))

    async def reminders(self, ctx: CommandContext) -> Reply:
        words = ctx.args.split()
        if words and words[0].lower() in ("cancel", "取消", "キャンセル"):
            return await self.cancel(ctx, words[1:])
        stats = await asyncio.to_thread(self.service.repo.stats, ctx.incoming.platform)
        names: Mapping[str, str] = {}
        if ctx.incoming.platform != "slack":  # Slack links its channels by id
            channels = {s.reminder.channel_id for s in stats}
            names = await asyncio.to_thread(self.service.storage.conversations.names_sync, channels)
        items = tuple(
            ReminderItem(
                s.reminder.id,
                _channel_label(s.reminder.platform, s.reminder.channel_id, ctx.lang, names),
                s.reminder.schedule,
                local_time(s.reminder.next_run_at, s.reminder.timezone) if s.reminder.next_run_at else None,
                s.deliveries,
                s.acks,
                s.reminder.clause_ids,
                attention=self.service.attention(s.reminder, ctx.lang, s.last_status),
            )
            for s in stats
            if s.reminder.team_id in (None, ctx.incoming.team_id)
        )
        # Each reminder keeps the zone it was scheduled in: the title names it when they share one.
        zones = {s.reminder.timezone for s in stats if s.reminder.team_id in (None, ctx.incoming.team_id)}
        return ReminderListReply(ctx.lang, items, zones.pop() if len(zones) == 1 else "")

    async def cancel(self, ctx: CommandContext, words: list[str]) -> Reply:
        lang = ctx.lang
        number = words[0].lstrip("#") if words else ""
        reminder_id = whole_number(number)
        if reminder_id is None:
            return NoticeReply(lang, msg("reminders.cancel_usage", lang), "warning")
        cancelled = await asyncio.to_thread(
            self.service.repo.cancel, reminder_id, ctx.incoming.platform, ctx.incoming.team_id
        )
        if cancelled is None:
            return NoticeReply(lang, msg("reminders.no_such", lang, id=number), "warning")
        return NoticeReply(lang, msg("reminders.cancelled", lang, id=number), "success")

    async def announce(self, ctx: CommandContext) -> Reply:
        lang = ctx.lang
        target = split_channel(ctx, ctx.args)
        words, clause_ids, unknown = split_clauses(ctx, target.words)
        if unknown or words:
            ids = listing(unknown or words, lang)
            return NoticeReply(lang, msg("remind.unknown_clause", lang, ids=ids), "warning")
        if target.channel_id is None:
            return no_channel(ctx, lang)
        platform = ctx.incoming.platform
        if platform not in self.service.senders:
            return NoticeReply(lang, msg("remind.no_sender", lang), "warning")
        _, _, report = await self.service.announce(
            platform=platform, team_id=ctx.incoming.team_id, channel_id=target.channel_id, clause_ids=clause_ids,
            lang=ctx.incoming.lang, created_by=ctx.incoming.user_id,
        )  # fmt: skip
        label = _channel_label(platform, target.channel_id, lang)
        linked = _linked(platform, target.channel_id)
        if report.sent:
            return NoticeReply(lang, msg("announce.done", lang, channel=label), "success", linked)
        return NoticeReply(lang, msg("announce.failed", lang, channel=label), "error", linked)


def _channel_label(platform: str, channel_id: str, lang: str, names: Mapping[str, str] | None = None) -> str:
    """How a channel is named in a reply's text: ``#ID`` in Slack (its renderer links it), "this
    chat" in the terminal, elsewhere the name recorded when the bot was added (Teams: "Team ›
    Channel"), else the id."""
    if platform == "slack" and not channel_id.startswith("#"):
        return f"#{channel_id}"
    if platform == "console":
        return msg("console.channel", lang)
    return (names or {}).get(channel_id, channel_id)


def _linked(platform: str, channel_id: str) -> tuple[str, ...]:
    """The channels a notice names, for :attr:`NoticeReply.channels` (Slack ids only)."""
    return (channel_id,) if platform == "slack" and not channel_id.startswith("#") else ()


def activate(
    bot: GuideBot, storage: Storage, senders: dict[str, Sender], timezone: str, dispatcher: Dispatcher
) -> ReminderService:
    """Wire reminders onto ``dispatcher``: the managers' subcommands and the ``ack_reminder`` button.

    ``senders`` is the app's live mapping of platform senders, filled as chat adapters mount."""
    service = ReminderService(bot, storage, senders, timezone)
    for spec in ReminderCommands(service).specs():
        dispatcher.add_command(spec)

    async def ack(press: ButtonPress) -> Reply | None:
        ids = parse_ack_value(press.value())
        return await service.acknowledge(press.platform, press.user_id, *ids) if ids else None

    dispatcher.add_action("ack_reminder", ack)
    return service
