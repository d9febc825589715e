"""The Teams sender the reminders service posts through (``app.senders["teams"]``).

It finds the stored conversation reference for a channel and hands the rendered
card to a :class:`Transport` (the Bot Framework one lives in
:mod:`adapters.teams.bf`), so this module knows no SDK.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from adapters.outcome import raise_if_outcome_unknown
from adapters.teams.cards import OutMessage, to_message
from adapters.teams.store import ConversationStore
from adapters.teams.turns import conversation_key
from bot.domain.replies import Reply
from bot.runtime.logsafe import describe_failure

log = logging.getLogger(__name__)


class Transport(Protocol):
    """Sends into a conversation given its stored reference."""

    async def send(self, reference: dict[str, Any], message: OutMessage) -> str: ...

    async def update(self, reference: dict[str, Any], activity_id: str, message: OutMessage) -> None: ...


class UnknownConversation(LookupError):
    """guidebot was never added to (or never spoke in) this conversation."""


class TeamsSender:
    """Proactive posts and edits in Teams conversations guidebot has joined."""

    def __init__(self, transport: Transport, store: ConversationStore) -> None:
        self.transport = transport
        self.store = store

    async def post(self, channel_id: str, reply: Reply) -> str:
        """Post ``reply`` as a new message; returns the Teams activity id."""
        reference = await self.store.get(conversation_key(channel_id))
        if reference is None:
            raise UnknownConversation(f"no Teams conversation reference for {channel_id!r}")
        try:
            return await self.transport.send(reference, to_message(reply))
        except Exception as exc:
            raise_if_outcome_unknown(exc)
            raise

    async def update(self, channel_id: str, activity_id: str, reply: Reply) -> None:
        """Replace a message posted earlier; best effort (a failure is logged, not raised)."""
        reference = await self.store.get(conversation_key(channel_id))
        if reference is None:
            log.warning("cannot update a Teams message: unknown conversation")
            return
        try:
            await self.transport.update(reference, activity_id, to_message(reply))
        except Exception as exc:
            log.error("updating a Teams message failed: %s", describe_failure(exc))
