"""Teams conversation references, kept so the bot can post proactively (reminders).

Implements the adapters' ``conversation_store`` Protocol: ``save``, ``get``, ``all``.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import IntegrityError

from bot.storage.schema import conversation_refs


def conversation_names(conn: Connection, keys: set[str]) -> dict[str, str]:
    """The names recorded for ``keys`` when the bot was added to them (Teams' conversationUpdate)."""
    if not keys:
        return {}
    query = select(conversation_refs.c.key, conversation_refs.c.meta).where(conversation_refs.c.key.in_(keys))
    names = {}
    for key, meta in conn.execute(query):
        try:
            name = json.loads(meta or "{}").get("name")
        except (ValueError, AttributeError):
            continue
        if isinstance(name, str) and name.strip():
            names[key] = name.strip()
    return names


class ConversationStore:
    """Conversation references by key (the Teams conversation id)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def save_sync(self, key: str, reference: dict[str, Any], meta: Mapping[str, str] | None = None) -> None:
        row = {
            "platform": str((meta or {}).get("platform", "teams")),
            "reference": json.dumps(reference, ensure_ascii=False, sort_keys=True),
            "meta": json.dumps(dict(meta or {}), ensure_ascii=False, sort_keys=True),
            "updated_at": datetime.now(UTC),
        }
        with self.engine.begin() as conn:
            # Update first: the common case is a conversation we already know.
            done = conn.execute(conversation_refs.update().where(conversation_refs.c.key == key).values(**row))
            if done.rowcount == 0:
                try:
                    with conn.begin_nested():
                        conn.execute(conversation_refs.insert().values(key=key, **row))
                except IntegrityError:  # another replica saved it first: ours is as fresh
                    conn.execute(conversation_refs.update().where(conversation_refs.c.key == key).values(**row))

    def get_sync(self, key: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            raw = conn.execute(select(conversation_refs.c.reference).where(conversation_refs.c.key == key)).scalar()
        return json.loads(raw) if raw else None

    def all_sync(self) -> list[tuple[str, dict[str, Any], dict[str, str]]]:
        query = select(conversation_refs.c.key, conversation_refs.c.reference, conversation_refs.c.meta)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(conversation_refs.c.key)).all()
        return [(key, json.loads(ref), json.loads(meta or "{}")) for key, ref, meta in rows]

    def names_sync(self, keys: set[str]) -> dict[str, str]:
        with self.engine.connect() as conn:
            return conversation_names(conn, keys)

    async def save(self, key: str, reference_json: dict[str, Any], meta: Mapping[str, str] | None = None) -> None:
        await asyncio.to_thread(self.save_sync, key, reference_json, meta)

    async def get(self, key: str) -> dict[str, Any] | None:
        return await asyncio.to_thread(self.get_sync, key)

    async def all(self) -> list[tuple[str, dict[str, Any], dict[str, str]]]:
        return await asyncio.to_thread(self.all_sync)
