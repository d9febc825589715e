"""Slack's entry points, each a thin conversion: payload -> Incoming -> core -> Block Kit.

Every listener acknowledges first (Slack allows 3 seconds; events are acknowledged
by bolt before they run) and only then asks the core and replies. The core never
raises into here: :meth:`SlackListeners.reply_to` turns any failure into the short
apology, and nothing logged carries the person's text.
"""

from __future__ import annotations

import inspect
import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.private_replies import is_private
from adapters.slack.blocks import ACK_REMINDER, FINDING_BLOCK, FINDING_WRONG, HELPFUL_YES, to_blocks
from adapters.slack.delivery import deliver_private, log_failure, post_public, render, replace_message
from adapters.slack.mrkdwn import from_slack, strip_mention
from adapters.slack.owner_blocks import QUIZ_ANSWER_ACTION  # also registers the quiz and report renderers
from adapters.slack.views import CHECKPOST_VIEW, checkpost_modal, submitted_draft, submitted_metadata
from bot.app import App
from bot.data.messages import msg
from bot.domain.replies import FormReply, Incoming, NoticeReply, QuizReply, Reply, parse_ack_value

log = logging.getLogger("guidebot.slack")

PLATFORM = "slack"
CHECK_POST = "check_post"  # callback id of the message shortcut (contract §3)
HELPFUL_ACTIONS = ("helpful_yes", "helpful_no")

Payload = dict[str, Any]


class SlackListeners:
    """The listeners, bound to the application they serve."""

    def __init__(self, app: App) -> None:
        self.app = app

    def register(self, bolt: AsyncApp) -> None:
        bolt.command("/checkpost")(self.checkpost_command)
        bolt.command("/policy")(self.policy_command)
        bolt.event("app_mention")(self.app_mention)
        bolt.event("message")(self.message)
        bolt.message_shortcut(CHECK_POST)(self.check_shortcut)
        bolt.view_submission(CHECKPOST_VIEW)(self.checkpost_submitted)
        for action_id in HELPFUL_ACTIONS:
            bolt.action(action_id)(self.helpful)
        bolt.action(ACK_REMINDER)(self.ack_reminder)
        bolt.action(QUIZ_ANSWER_ACTION)(self.quiz_answer)
        bolt.action(FINDING_WRONG)(self.finding_wrong)

    @property
    def default_lang(self) -> str:
        return self.app.bot.kb.policy.default_language

    async def reply_to(self, incoming: Incoming) -> Reply:
        """The core's reply; a failure becomes the apology (the dispatcher does so too)."""
        try:
            return await self.app.dispatcher.handle(incoming)
        except Exception as exc:
            log_failure("dispatch", exc)
            lang = self.app.bot.language(incoming.text, incoming.lang)
            return NoticeReply(lang, msg("error.apology", lang), "error")

    # -- slash commands ----------------------------------------------------------

    async def checkpost_command(self, ack: Any, command: Payload, client: AsyncWebClient) -> None:
        """``/checkpost DRAFT``: the result for the asker only; no text: the modal."""
        await ack()
        incoming = _incoming(command, "checkpost " + from_slack(command.get("text") or ""))
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
        incoming = _incoming(command, "policy " + from_slack(command.get("text") or "", keep_channels=True))
        reply = await self.reply_to(incoming)
        await self._private(client, reply, command["user_id"], command.get("response_url"), incoming.channel_id)

    # -- events (acknowledged by bolt before they run) ----------------------------

    async def message(self, event: Payload, body: Payload, client: AsyncWebClient) -> None:
        """A direct message is a question (or a command typed as text)."""
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return  # edits, joins, other bots and channel messages are not questions
        text = from_slack(event.get("text") or "", keep_channels=True).strip() or "policy help"
        incoming = Incoming(
            PLATFORM, event.get("user", ""), text, event.get("channel"), True, None, body.get("team_id")
        )
        reply = await self.reply_to(incoming)
        await post_public(client, render(reply), channel_id=event["channel"], thread_ts=event.get("thread_ts"))

    async def app_mention(self, event: Payload, body: Payload, context: Any, client: AsyncWebClient) -> None:
        """A mention in a channel: answered in the thread; a check or a manager's reply goes to the asker only."""
        if event.get("bot_id") or event.get("subtype"):
            return
        mention = strip_mention(event.get("text") or "", context.get("bot_user_id"))
        text = from_slack(mention, keep_channels=True).strip() or "policy help"
        user, channel = event.get("user", ""), event["channel"]
        incoming = Incoming(PLATFORM, user, text, channel, False, None, body.get("team_id"))
        reply = await self.reply_to(incoming)
        thread = event.get("thread_ts") or event.get("ts")
        if is_private(incoming, reply):  # drafts and manager figures are private, even when asked in public
            await deliver_private(client, render(reply), user_id=user, channel_id=channel, thread_ts=thread)
        else:
            await post_public(client, render(reply), channel_id=channel, thread_ts=thread)

    # -- interactivity ----------------------------------------------------------------

    async def check_shortcut(self, ack: Any, shortcut: Payload, client: AsyncWebClient) -> None:
        """Message shortcut "Check this post": checks that message for the person who clicked."""
        await ack()
        user = shortcut.get("user", {}).get("id", "")
        channel = shortcut.get("channel", {}).get("id")
        text = from_slack(shortcut.get("message", {}).get("text") or "").strip()
        if text:
            reply = await self.reply_to(Incoming(PLATFORM, user, "checkpost " + text, channel, False))
        else:
            reply = NoticeReply(self.default_lang, msg("checkpost.notext", self.default_lang), "warning")
        await self._private(client, reply, user, shortcut.get("response_url"), channel)

    async def checkpost_submitted(self, ack: Any, body: Payload, view: Payload, client: AsyncWebClient) -> None:
        """The modal's draft: the modal closes at once, the result follows privately."""
        await ack()
        user = body.get("user", {}).get("id", "")
        meta = submitted_metadata(view)
        channel = meta.get("channel_id") or None
        reply = await self.reply_to(Incoming(PLATFORM, user, "checkpost " + submitted_draft(view), channel, False))
        await self._private(client, reply, user, meta.get("response_url"), channel)

    async def helpful(self, ack: Any, body: Payload, action: Payload, client: AsyncWebClient) -> None:
        """ "Helpful? yes / no": recorded through the ``feedback`` hook when one is installed."""
        await ack()
        user = body.get("user", {}).get("id", "")
        lang = str(action.get("block_id", "")).partition("|")[2] or self.default_lang
        hook = self.app.extras.get("feedback")
        if callable(hook):
            try:
                result = hook(PLATFORM, user, str(action.get("value", "")), action.get("action_id") == HELPFUL_YES)
                if inspect.isawaitable(result):
                    await result
            except Exception as exc:
                log_failure("feedback hook", exc)
        thanks = to_blocks(NoticeReply(lang, msg("helpful.thanks", lang), "success"))
        channel = body.get("channel", {}).get("id")
        await deliver_private(client, thanks, user_id=user, response_url=body.get("response_url"), channel_id=channel)

    async def ack_reminder(self, ack: Any, body: Payload, action: Payload, client: AsyncWebClient) -> None:
        """ "I have read this" on a reminder: counted once per person (``app.extras["ack"]``)."""
        await ack()
        user = body.get("user", {}).get("id", "")
        ids = parse_ack_value(str(action.get("value", "")))
        hook = self.app.extras.get("ack")
        if ids is None or hook is None:
            return
        try:
            reply = await hook(PLATFORM, user, *ids)
        except Exception as exc:
            log_failure("ack hook", exc)
            return
        channel = body.get("channel", {}).get("id")
        await deliver_private(
            client, to_blocks(reply), user_id=user, response_url=body.get("response_url"), channel_id=channel
        )

    async def quiz_answer(self, ack: Any, body: Payload, action: Payload, client: AsyncWebClient) -> None:
        """A quiz option: scored by the ``quiz_answer`` hook; the question becomes its outcome and the next one."""
        await ack()
        user = body.get("user", {}).get("id", "")
        reply = await self._hook("quiz_answer", user, str(action.get("value", "")))
        if reply is None:
            return
        response_url = body.get("response_url")
        # Replacing the question also retires its buttons; notices (stale, no quiz) go alongside.
        if isinstance(reply, QuizReply) and await replace_message(response_url, render(reply)):
            return
        await self._private(client, reply, user, response_url, body.get("channel", {}).get("id"))

    async def finding_wrong(self, ack: Any, body: Payload, action: Payload, client: AsyncWebClient) -> None:
        """ "This finding is wrong" on a check result: recorded against the check id, then thanks."""
        await ack()
        user = body.get("user", {}).get("id", "")
        block = str(action.get("block_id", "")).split("|")
        lang = block[1] if len(block) > 1 and block[0] == FINDING_BLOCK and block[1] else self.default_lang
        reply = await self._hook("finding_wrong", user, str(action.get("value", "")), lang=lang)
        thanks = reply or NoticeReply(lang, msg("feedback.wrong", lang), "success")
        await self._private(client, thanks, user, body.get("response_url"), body.get("channel", {}).get("id"))

    async def _hook(self, name: str, *args: Any, **kwargs: Any) -> Reply | None:
        """Call ``app.extras[name](PLATFORM, ...)``; None when it is missing or failed (logged)."""
        hook = self.app.extras.get(name)
        if not callable(hook):
            return None
        try:
            result = hook(PLATFORM, *args, **kwargs)
            return await result if inspect.isawaitable(result) else result  # type: ignore[no-any-return]
        except Exception as exc:
            log_failure(f"{name} hook", exc)
            return None

    async def _private(
        self, client: AsyncWebClient, reply: Reply, user: str, response_url: str | None, channel: str | None
    ) -> None:
        route = await deliver_private(
            client, render(reply), user_id=user, response_url=response_url, channel_id=channel
        )
        if not route:
            log.error("slack reply could not be delivered (%s)", type(reply).__name__)


def _incoming(command: Payload, text: str) -> Incoming:
    """A slash command as the core's :class:`Incoming`."""
    channel = command.get("channel_id")
    direct = command.get("channel_name") == "directmessage"
    return Incoming(PLATFORM, command.get("user_id", ""), text, channel, direct, None, command.get("team_id"))
