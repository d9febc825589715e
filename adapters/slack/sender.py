"""Messages the bot starts on its own (reminders, announcements), the admin check and the person's locale.

Registered at mount time as ``app.senders["slack"]`` (a :class:`SlackSender`) and
``app.admin_checks["slack"]`` (an ``async (user_id) -> bool`` bound to the bot's client), so services never import
the Slack SDK themselves.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncConnectionErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from adapters.outcome import raise_if_outcome_unknown
from adapters.slack.blocks import to_blocks
from adapters.slack.delivery import slack_error

log = logging.getLogger(__name__)


class SlackSender:
    """Posts and updates rendered replies in a channel (or a DM: pass the user id)."""

    platform = "slack"

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client
        # Posts go through a copy of the client that never re-sends after a dropped
        # connection: the first request may have been posted (at most once per due time).
        self._poster = AsyncWebClient(
            token=client.token,
            base_url=client.base_url,
            timeout=client.timeout,
            retry_handlers=[h for h in client.retry_handlers if not isinstance(h, AsyncConnectionErrorRetryHandler)],
        )

    async def post(self, channel_id: str, reply: Any) -> str:
        """Post ``reply`` to ``channel_id``; returns the message ``ts``. Raises
        :class:`~bot.features.reminders.service.PostMayHaveGone` when the outcome is unknown."""
        try:
            response = await self._poster.chat_postMessage(channel=channel_id, **to_blocks(reply))
        except Exception as exc:
            raise_if_outcome_unknown(exc)
            raise
        return str(response["ts"])

    async def update(self, channel_id: str, ts: str, reply: Any) -> None:
        """Replace the message ``ts`` in ``channel_id`` by ``reply``."""
        await self.client.chat_update(channel=channel_id, ts=ts, **to_blocks(reply))


async def user_is_admin(client: AsyncWebClient, user_id: str) -> bool:
    """Whether ``user_id`` is a workspace admin or owner (``users.info``); False on error."""
    try:
        response = await client.users_info(user=user_id)
    except SlackApiError as exc:
        log.warning("users.info failed: %s", slack_error(exc))
        return False
    user = response.get("user") or {}
    return bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))


class UserLocales:
    """A person's Slack language (``users.info`` with ``include_locale``), remembered for an
    hour so that a person's commands cost one lookup, not one each."""

    TTL_SECONDS = 3600.0
    MAX_PEOPLE = 10_000

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client
        self._known: dict[str, tuple[float, str | None]] = {}

    async def locale(self, user_id: str) -> str | None:
        """``ja-JP``, ``en-US``...; None when Slack does not say (or the lookup failed)."""
        now = time.monotonic()
        known = self._known.get(user_id)
        if known is not None and now - known[0] < self.TTL_SECONDS:
            return known[1]
        try:
            response = await self.client.users_info(user=user_id, include_locale=True)
        except SlackApiError as exc:
            log.warning("users.info (locale) failed: %s", slack_error(exc))
            return None
        locale = (response.get("user") or {}).get("locale")
        if len(self._known) >= self.MAX_PEOPLE:
            self._known.clear()
        self._known[user_id] = (now, locale if isinstance(locale, str) and locale else None)
        return self._known[user_id][1]
