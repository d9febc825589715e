"""Slack's entry points, each a thin conversion: payload -> Incoming -> core -> Block Kit.

Every listener acknowledges first (Slack allows 3 seconds; events are acknowledged
by bolt before they run) and only then asks the core and replies; button presses that
are recorded ("I have read this", feedback, quiz answers) are acknowledged once the
record is committed, so that a click Slack saw succeed survives a crash. The core never
raises into here: :meth:`SlackListeners.reply_to` turns any failure into the short
apology, and nothing logged carries the person's text.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks import (
    ACK_REMINDER,
    FINDING_BLOCK,
    FINDING_WRONG,
    HELPFUL_YES,
    OFFERED_ACTION,
    OFFERED_BLOCK,
    SITUATION_BLOCK,
    offered_pick,
    to_blocks,
)
from adapters.slack.delivery import deliver_private, log_failure, post_public, render, replace_message
from adapters.slack.mrkdwn import from_slack, strip_mention
from adapters.slack.owner_blocks import QUIZ_ANSWER_ACTION  # also registers the quiz and report renderers
from adapters.slack.views import CHECKPOST_VIEW, checkpost_modal, submitted_draft, submitted_metadata
from bot.app import App
from bot.assistant.dispatch import OFFERED_CLAUSE
from bot.data.messages import msg
from bot.domain.commands import ButtonPress, CheckDraft, Command, Incoming, parse_command, policy_command
from bot.domain.replies import FormReply, NoticeReply, Reply
from bot.features.owner.replies import QuizReply
from bot.runtime.logsafe import clipped

log = logging.getLogger("guidebot.slack")

PLATFORM = "slack"
CHECK_POST = "check_post"  # callback id of the message shortcut (contract §3)
HELPFUL_ACTIONS = ("helpful_yes", "helpful_no")
RECORD_WAIT = 30  # seconds a recorded click may wait for its commit (the database's own lock wait)
CHECKS_AT_ONCE = 2  # /checkpost results worked on at the same time (the rest wait their turn)

Payload = dict[str, Any]


class SlackListeners:
    """The listeners, bound to the application they serve."""

    def __init__(self, app: App) -> None:
        self.app = app
        # Checks and their deliveries, a few at a time: under a burst of commands the event
        # loop keeps acknowledging new ones (Slack allows 3 s) while the results queue here.
        self.checks = asyncio.Semaphore(CHECKS_AT_ONCE)

    def register(self, bolt: AsyncApp) -> None:
        bolt.command("/checkpost")(self.checkpost_command)
        bolt.command("/policy")(self.policy_command)
        bolt.event("app_mention")(self.app_mention)
        bolt.event("message")(self.message)
        bolt.event("member_joined_channel")(self.member_joined)
        bolt.message_shortcut(CHECK_POST)(self.check_shortcut)
        bolt.view_submission(CHECKPOST_VIEW)(self.checkpost_submitted)
        for action_id in HELPFUL_ACTIONS:
            bolt.action(action_id)(self.helpful)
        bolt.action(ACK_REMINDER)(self.ack_reminder)
        bolt.action(QUIZ_ANSWER_ACTION)(self.quiz_answer)
        bolt.action(FINDING_WRONG)(self.finding_wrong)
        bolt.action(re.compile(f"^{re.escape(OFFERED_ACTION)}(\\|\\d+)?$"))(self.offered)
        # Bolt answers 200 on its own when ack() has not come within 3 s; a recorded click
        # waits for its commit instead (a late answer Slack shows as failed, never a false 200).
        recorded = (self.ack_reminder, self.quiz_answer, self.finding_wrong, self.helpful)
        for listener in bolt._async_listeners:
            if getattr(listener, "ack_function", None) in recorded:
                listener.ack_timeout = RECORD_WAIT

    @property
    def default_lang(self) -> str:
        return self.app.bot.kb.policy.default_language

    async def reply_to(self, incoming: Incoming) -> Reply:
        """The core's reply; a failure becomes the apology (the dispatcher does so too)."""
        try:
            return await self.app.dispatcher.handle(incoming)
        except Exception as exc:
            log_failure("dispatch", exc)
            lang = self.app.dispatcher.language(incoming)
            return NoticeReply(lang, msg("error.apology", lang), "error")

    # -- slash commands ----------------------------------------------------------

    async def checkpost_command(self, ack: Any, command: Payload, client: AsyncWebClient) -> None:
        """``/checkpost DRAFT``: the result for the asker only; no text: the modal."""
        await ack()
        async with self.checks:
            await self._checkpost(command, client)

    async def _checkpost(self, command: Payload, client: AsyncWebClient) -> None:
        incoming = _incoming(command, CheckDraft(from_slack(command.get("text") or "")))
        reply = await self.reply_to(incoming)
        if isinstance(reply, FormReply):
            metadata = {"channel_id": incoming.channel_id or "", "response_url": command.get("response_url", "")}
            try:
                await client.views_open(trigger_id=command["trigger_id"], view=checkpost_modal(reply.lang, metadata))
                return
            except Exception as exc:  # an expired trigger: say how to paste the draft instead
                log_failure("views.open", exc)
        await self._private(client, reply, command["user_id"], command.get("response_url"), incoming.channel_id)

    async def policy_command(self, ack: Any, command: Payload, client: AsyncWebClient) -> None:
        """``/policy SUB ...``: every subcommand goes through the dispatcher."""
        await ack()
        incoming = _incoming(command, policy_command(from_slack(command.get("text") or "", keep_channels=True)))
        reply = await self.reply_to(incoming)
        await self._private(client, reply, command["user_id"], command.get("response_url"), incoming.channel_id)

    # -- events (acknowledged by bolt before they run) ----------------------------

    async def message(self, event: Payload, body: Payload, client: AsyncWebClient) -> None:
        """A direct message is a question (or a command typed as text)."""
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return  # edits, joins, other bots and channel messages are not questions
        command = parse_command(from_slack(event.get("text") or "", keep_channels=True))
        incoming = Incoming(
            PLATFORM, event.get("user", ""), command, event.get("channel"), True, None, body.get("team_id")
        )
        reply = await self.reply_to(incoming)
        await post_public(client, render(reply), channel_id=event["channel"], thread_ts=event.get("thread_ts"))

    async def member_joined(self, event: Payload, context: Any, client: AsyncWebClient) -> None:
        """guidebot added to a channel: its name is recorded, so the owner's report names it."""
        channel = event.get("channel")
        if not channel or event.get("user") != context.get("bot_user_id"):
            return  # someone else joined
        try:
            info = await client.conversations_info(channel=channel)
        except SlackApiError as exc:
            error = clipped(exc.response.get("error"))
            log.warning("Slack: conversations.info for %s failed: %s", clipped(channel), error)
            return
        name = (info.get("channel") or {}).get("name")
        if isinstance(name, str) and name:
            meta = {"platform": PLATFORM, "team_id": str(event.get("team") or ""), "name": f"#{name}"}
            await self.app.storage.conversations.save(channel, {}, {k: v for k, v in meta.items() if v})

    async def app_mention(self, event: Payload, body: Payload, context: Any, client: AsyncWebClient) -> None:
        """A mention in a channel: answered in the thread; a check or a manager's reply goes to the asker only."""
        if event.get("bot_id") or event.get("subtype"):
            return
        mention = strip_mention(event.get("text") or "", context.get("bot_user_id"))
        command = parse_command(from_slack(mention, keep_channels=True))
        user, channel = event.get("user", ""), event["channel"]
        incoming = Incoming(PLATFORM, user, command, channel, False, None, body.get("team_id"))
        reply = await self.reply_to(incoming)
        thread = event.get("thread_ts") or event.get("ts")
        if self.app.dispatcher.replies_privately(
            incoming, reply
        ):  # drafts and manager figures are private, even when asked in public
            await deliver_private(client, render(reply), user_id=user, channel_id=channel, thread_ts=thread)
        else:
            await post_public(client, render(reply), channel_id=channel, thread_ts=thread)

    # -- interactivity ----------------------------------------------------------------

    async def check_shortcut(self, ack: Any, shortcut: Payload, client: AsyncWebClient) -> None:
        """Message shortcut "Check this post": checks that message for the person who clicked."""
        await ack()
        user = _inner(shortcut, "user", "id") or ""
        channel = _inner(shortcut, "channel", "id")
        text = from_slack(_inner(shortcut, "message", "text") or "").strip()
        if text:
            reply = await self.reply_to(Incoming(PLATFORM, user, CheckDraft(text), channel, False))
        else:
            reply = NoticeReply(self.default_lang, msg("checkpost.notext", self.default_lang), "warning")
        await self._private(client, reply, user, shortcut.get("response_url"), channel)

    async def checkpost_submitted(self, ack: Any, body: Payload, view: Payload, client: AsyncWebClient) -> None:
        """The modal's draft: the modal closes at once, the result follows privately."""
        await ack()
        user = _inner(body, "user", "id") or ""
        meta = submitted_metadata(view)
        channel = meta.get("channel_id") or None
        reply = await self.reply_to(Incoming(PLATFORM, user, CheckDraft(submitted_draft(view)), channel, False))
        await self._private(client, reply, user, meta.get("response_url"), channel)

    async def helpful(self, ack: Any, body: Payload, action: Payload, client: AsyncWebClient) -> None:
        """ "Helpful? yes / no": recorded by the ``helpful`` button's handler, then thanks."""
        user = _inner(body, "user", "id") or ""
        lang = str(action.get("block_id", "")).partition("|")[2] or self.default_lang
        helpful = "yes" if action.get("action_id") == HELPFUL_YES else "no"
        values = {"clause": str(action.get("value", "")), "helpful": helpful}
        try:
            reply = await self.app.dispatcher.press(ButtonPress(PLATFORM, user, "helpful", values, lang))
        finally:
            await ack()  # after the record is committed
        thanks = to_blocks(reply or NoticeReply(lang, msg("helpful.thanks", lang), "success"))
        channel = _inner(body, "channel", "id")
        await deliver_private(client, thanks, user_id=user, response_url=body.get("response_url"), channel_id=channel)

    async def ack_reminder(self, ack: Any, body: Payload, action: Payload, client: AsyncWebClient) -> None:
        """ "I have read this" on a reminder: counted once per person (the ``ack_reminder`` button's handler)."""
        user = _inner(body, "user", "id") or ""
        try:
            reply = await self._press(ACK_REMINDER, user, {"value": str(action.get("value", ""))})
        finally:
            await ack()  # after the acknowledgement is committed
        if reply is None:
            return
        channel = _inner(body, "channel", "id")
        await deliver_private(
            client, to_blocks(reply), user_id=user, response_url=body.get("response_url"), channel_id=channel
        )

    async def quiz_answer(self, ack: Any, body: Payload, action: Payload, client: AsyncWebClient) -> None:
        """A quiz option: scored by the ``quiz_answer`` hook; the question becomes its outcome and the next one."""
        user = _inner(body, "user", "id") or ""
        try:
            reply = await self._press("quiz_answer", user, {"value": str(action.get("value", ""))})
        finally:
            await ack()  # after the answer is committed
        if reply is None:
            return
        response_url = body.get("response_url")
        # Replacing the question also retires its buttons; notices (stale, no quiz) go alongside.
        if isinstance(reply, QuizReply) and await replace_message(response_url, render(reply)):
            return
        await self._private(client, reply, user, response_url, _inner(body, "channel", "id"))

    async def finding_wrong(self, ack: Any, body: Payload, action: Payload, client: AsyncWebClient) -> None:
        """ "This finding is wrong" on a check result: recorded against the check id, then thanks."""
        user = _inner(body, "user", "id") or ""
        block = str(action.get("block_id", "")).split("|")
        lang = block[1] if len(block) > 1 and block[0] == FINDING_BLOCK and block[1] else self.default_lang
        try:
            reply = await self._press(FINDING_WRONG, user, {"check": str(action.get("value", ""))}, lang)
        finally:
            await ack()  # after the report is committed
        thanks = reply or NoticeReply(lang, msg("feedback.wrong", lang), "success")
        await self._private(client, thanks, user, body.get("response_url"), _inner(body, "channel", "id"))

    async def offered(self, ack: Any, body: Payload, action: Payload, client: AsyncWebClient) -> None:
        """An offered clause ("Also see"): its answer, shown to the person who picked it."""
        await ack()
        user = _inner(body, "user", "id") or ""
        block = str(action.get("block_id", "")).split("|")
        known = len(block) == 3 and block[0] in (OFFERED_BLOCK, SITUATION_BLOCK)
        lang = block[1] if known and block[1] else self.default_lang
        clause, case = offered_pick(str(action.get("value", "")))
        values = {"clause": clause, "case": case, "answered": block[2] if known else ""}
        reply = await self._press(OFFERED_CLAUSE, user, values, lang)
        if reply is not None:
            await self._private(client, reply, user, body.get("response_url"), _inner(body, "channel", "id"))

    async def _press(self, action: str, user: str, values: dict[str, str], lang: str | None = None) -> Reply | None:
        """The reply of the handler a feature registered for ``action``; None when none or it failed (logged)."""
        return await self.app.dispatcher.press(ButtonPress(PLATFORM, user, action, values, lang))

    async def _private(
        self, client: AsyncWebClient, reply: Reply, user: str, response_url: str | None, channel: str | None
    ) -> None:
        route = await deliver_private(
            client, render(reply), user_id=user, response_url=response_url, channel_id=channel
        )
        if not route:
            log.error("slack reply could not be delivered (%s)", type(reply).__name__)


def _incoming(payload: Payload, command: Command) -> Incoming:
    """A slash command as the core's :class:`Incoming`."""
    channel = payload.get("channel_id")
    direct = payload.get("channel_name") == "directmessage"
    return Incoming(PLATFORM, payload.get("user_id", ""), command, channel, direct, None, payload.get("team_id"))


def _inner(payload: Payload, outer: str, key: str) -> str | None:
    """``payload[outer][key]``, None when either is absent or null (a signed payload's types
    are checked by :func:`adapters.slack.inbound.payload_problem`, where null counts as absent)."""
    node = payload.get(outer)
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, str) else None
