"""Getting a reply to the right person: privately (checks), in a thread, or in a DM.

A check result is only ever shown to the person who asked. Slack offers three
private routes and each can fail (an expired ``response_url``, a channel the bot
is not in), so :func:`deliver_private` tries them in turn. Failures are logged
without the message: it may quote a confidential draft.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.slack.blocks import to_blocks
from bot.data.messages import msg
from bot.domain.replies import NoticeReply
from bot.runtime.logsafe import describe_failure

log = logging.getLogger("guidebot.slack")

Message = dict[str, Any]


def log_failure(where: str, exc: BaseException) -> None:
    """Log a failure with its traceback frames but not its message (it may hold text)."""
    detail = f" ({slack_error(exc)})" if isinstance(exc, SlackApiError) else ""
    log.error("slack %s failed%s: %s", where, detail, describe_failure(exc))


def slack_error(exc: SlackApiError) -> str:
    """The ``error`` code of a failed Web API call (its HTTP status when there is none)."""
    data = exc.response.data
    return str(data.get("error", "")) if isinstance(data, dict) else f"HTTP {exc.response.status_code}"


def render(reply: Any) -> Message:
    """``to_blocks(reply)``; a renderer bug becomes the apology rather than silence."""
    try:
        return to_blocks(reply)
    except Exception as exc:
        log_failure("render", exc)
        lang = str(getattr(reply, "lang", "en"))
        return to_blocks(NoticeReply(lang, msg("error.apology", lang), "error"))


async def deliver_private(
    client: AsyncWebClient,
    message: Message,
    *,
    user_id: str,
    response_url: str | None = None,
    channel_id: str | None = None,
    thread_ts: str | None = None,
) -> str:
    """Show ``message`` to ``user_id`` only; returns the route that worked (or "")."""
    if response_url:
        try:
            webhook = AsyncWebhookClient(response_url, timeout=10, session=client.session)
            sent = await webhook.send(**message, response_type="ephemeral", replace_original=False)
            if sent.status_code == 200:
                return "response_url"
            log.warning("slack response_url answered %d", sent.status_code)
        except Exception as exc:
            log_failure("response_url", exc)
    if channel_id and not channel_id.startswith("D"):
        try:
            await client.chat_postEphemeral(channel=channel_id, user=user_id, thread_ts=thread_ts, **message)
            return "ephemeral"
        except SlackApiError as exc:  # typically not_in_channel: the DM below still works
            log_failure("chat.postEphemeral", exc)
    try:
        await client.chat_postMessage(channel=user_id, **message)  # the app's DM with the person
        return "dm"
    except SlackApiError as exc:
        log_failure("chat.postMessage (DM)", exc)
    return ""


async def post_public(client: AsyncWebClient, message: Message, *, channel_id: str, thread_ts: str | None) -> None:
    """Post in a channel or DM (in the thread when given); failures are logged."""
    try:
        await client.chat_postMessage(channel=channel_id, thread_ts=thread_ts, **message)
    except SlackApiError as exc:
        log_failure("chat.postMessage", exc)


async def replace_message(response_url: str | None, message: Message) -> bool:
    """Replace the message a button was clicked in (ephemeral ones too); False when that failed."""
    if not response_url:
        return False
    try:
        sent = await AsyncWebhookClient(response_url, timeout=10).send(**message, replace_original=True)
    except Exception as exc:
        log_failure("response_url (replace)", exc)
        return False
    if sent.status_code != 200:
        log.warning("slack response_url answered %d", sent.status_code)
    return sent.status_code == 200
