"""Where Teams conversation references are kept, for proactive messages (reminders).

A reference is the JSON the Bot Framework needs to post into a conversation
later; it holds ids and the service URL, never message text. A running app keeps
them in its database (:class:`bot.storage.conversations.ConversationStore`); the
in-memory store serves tests of the Teams turn logic alone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any, Protocol

StoredReference = tuple[str, dict[str, Any], dict[str, str]]  # key, reference JSON, meta


class ConversationStore(Protocol):
    """Keeps one conversation reference per key (the conversation id, without a thread)."""

    async def save(self, key: str, reference_json: dict[str, Any], meta: Mapping[str, str] | None = None) -> None: ...

    async def get(self, key: str) -> dict[str, Any] | None: ...

    async def all(self) -> list[StoredReference]:
        """Every stored reference, ordered by key."""
        ...


class InMemoryConversationStore:
    """A :class:`ConversationStore` in a dict: local testing and single-process use."""

    def __init__(self) -> None:
        self._items: dict[str, tuple[dict[str, Any], dict[str, str]]] = {}
        self._lock = asyncio.Lock()

    async def save(self, key: str, reference_json: dict[str, Any], meta: Mapping[str, str] | None = None) -> None:
        async with self._lock:
            self._items[key] = (dict(reference_json), dict(meta or {}))

    async def get(self, key: str) -> dict[str, Any] | None:
        item = self._items.get(key)
        return dict(item[0]) if item else None

    async def all(self) -> list[StoredReference]:
        return [(key, dict(ref), dict(meta)) for key, (ref, meta) in sorted(self._items.items())]
