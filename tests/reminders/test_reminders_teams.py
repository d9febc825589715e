"""Reminders on Teams: the Adaptive Card's "I have read this" submit, counted once per person,
and the database-backed conversation store the Teams adapter posts through."""

from __future__ import annotations

from storage.databases import EVAL_KB

from adapters.teams.cards import to_adaptive_card
from bot.app import build_app
from bot.reply import Incoming, NoticeReply
from bot.settings import Settings


class RecordingSender:
    """A sender implementing the Protocol, keeping what it was asked to post."""

    def __init__(self) -> None:
        self.posted: list[tuple[str, object]] = []

    async def post(self, channel_id: str, reply: object) -> str:
        self.posted.append((channel_id, reply))
        return f"activity-{len(self.posted)}"

    async def update(self, channel_id: str, message_ref: str, reply: object) -> None:
        self.posted.append((channel_id, reply))


async def test_teams_card_ack_is_counted_once(db_url: str) -> None:
    app = build_app(Settings(kb_path=str(EVAL_KB), database_url=db_url, managers=frozenset({"29:mgr"})))
    sender = RecordingSender()
    app.extras["senders"]["teams"] = sender
    done = await app.dispatcher.handle(Incoming("teams", "29:mgr", "policy announce AC-SCOPE", "19:chan@thread", False))
    assert isinstance(done, NoticeReply) and done.level == "success"
    [(channel, reply)] = sender.posted
    card = to_adaptive_card(reply)  # type: ignore[arg-type]
    [submit] = card["actions"]
    assert channel == "19:chan@thread" and submit["data"]["action"] == "ack_reminder"
    handler = app.extras["card_actions"]["ack_reminder"]
    first = await handler("teams", "29:alice", submit["data"])
    second = await handler("teams", "29:alice", submit["data"])
    assert "recorded" in first.text and "already" in second.text
    assert [s.acks for s in app.extras["storage"].reminders.stats(active_only=False)] == [1]


async def test_the_database_is_the_teams_conversation_store(db_url: str) -> None:
    app = build_app(Settings(kb_path=str(EVAL_KB), database_url=db_url))
    store = app.extras["conversation_store"]
    assert store is app.extras["storage"].conversations
    await store.save("19:chan@thread", {"conversation": {"id": "19:chan@thread"}}, {"team": "T"})
    again = build_app(Settings(kb_path=str(EVAL_KB), database_url=db_url))  # a restart keeps it
    assert await again.extras["conversation_store"].get("19:chan@thread") == {"conversation": {"id": "19:chan@thread"}}
