"""Reminders end to end on Teams over the real Bot Framework protocol: guidebot serves /api/messages
on a loopback port, activities are POSTed to it as Teams sends them, and a local HTTP connector records
what the bot sends (replies and proactive posts). The reminder service's clock is pinned before the
server starts, so its every-minute background pass never finds anything due on its own."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiohttp import web
from sqlalchemy import select

from adapters.server import create_web_app
from bot.app import build_app
from bot.runtime.settings import Settings
from bot.storage.schema import acks, conversation_refs, deliveries, reminders
from tests.teams.support import (
    BOT,
    EVAL_KB,
    TENANT,
    USER,
    Connector,
    Server,
    activity,
    card_of,
    card_text,
    running_connector,
    serve,
)

CHANNEL = "19:general@thread.tacv2"

MANAGER = {"id": "29:mia", "name": "Mia", "aadObjectId": "aad-mia"}  # managers are listed by aadObjectId
BOB = {"id": "29:bob", "name": "Bob", "aadObjectId": "aad-bob"}
MONDAY_0859 = datetime(2026, 3, 2, 8, 59, tzinfo=UTC)  # Monday 2 March 2026
MONDAY_0900 = datetime(2026, 3, 2, 9, 0, 20, tzinfo=UTC)

Start = Callable[[datetime], Awaitable[Server]]


@pytest.fixture
async def connector() -> AsyncIterator[Connector]:
    async with running_connector() as mock:
        yield mock


@pytest.fixture
async def start(connector: Connector, db_url: str) -> AsyncIterator[Start]:
    """``await start(clock)``: guidebot serving on ``db_url``; call again for a restart on the same database."""
    running: list[tuple[web.AppRunner, Server]] = []

    async def start_at(clock: datetime) -> Server:
        app = build_app(Settings(kb_path=str(EVAL_KB), database_url=db_url, managers=frozenset({"aad-mia"})))
        app.reminders.clock = lambda: clock  # before start-up, which runs a first pass at once
        runner, url = await serve(await create_web_app(app))
        running.append((runner, Server(url, app, connector)))
        return running[-1][1]

    yield start_at
    for runner, server in running:
        await runner.cleanup()
        server.app.close()


async def run_due(server: Server, now: datetime) -> int:
    return (await server.app.reminders.run_due(now)).sent


def rows(server: Server, query: Any) -> list[tuple[Any, ...]]:
    with server.app.storage.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query)]


async def mention(server: Server, text: str, user: dict[str, str] = MANAGER) -> dict[str, Any]:
    """``@guidebot TEXT`` (a manager command) posted in the channel; returns the bot's reply.

    The reply goes to the asker's 1:1 chat; the thread only hears that it went there.
    """
    before, calls = len(server.connector.sent()), len(server.connector.calls)
    thread = f"{CHANNEL};messageid=1700000000{before:03d}"
    message = activity(
        server.connector, text=f"<at>guidebot</at> {text}", conversation=thread, conversation_type="channel",
        entities=[{"type": "mention", "mentioned": BOT, "text": "<at>guidebot</at>"}],
        id=f"1700000000{before:03d}", **{"from": user},
    )  # fmt: skip
    status, _ = await server.post(message)
    assert status == 201
    [notice] = [sent for sent in server.connector.sent()[before:] if sent.get("replyToId") == message["id"]]
    assert notice["text"] == "I sent you the result in a private chat."
    [reply] = private_posts(server.connector, calls)
    return reply


def private_posts(connector: Connector, since: int) -> list[dict[str, Any]]:
    """What the bot posted in 1:1 chats it opened (``a:private-N``) after the first ``since`` calls."""
    return [
        body
        for method, path, body in connector.calls[since:]
        if method == "POST" and path.startswith("/v3/conversations/a:private-")
    ]


async def personal(server: Server, text: str, user: dict[str, str] = MANAGER) -> dict[str, Any]:
    """TEXT in the person's 1:1 chat with guidebot; returns the bot's reply."""
    chat = f"a:personal-{user['id']}"
    message = activity(
        server.connector, text=text, conversation=chat, id=f"dm-{len(server.connector.calls)}", **{"from": user}
    )
    status, _ = await server.post(message)
    assert status == 201
    [reply] = [sent for sent in server.connector.sent() if sent.get("replyToId") == message["id"]]
    return reply


async def click(server: Server, card_activity_id: str, data: dict[str, Any], user: dict[str, str]) -> str:
    """A press of the card's Action.Submit, as Teams posts it: a message with ``value`` = the submit data,
    in the thread of the card; returns the text the bot replied with, in the clicker's 1:1 chat."""
    before, calls = len(server.connector.sent()), len(server.connector.calls)
    submit = activity(
        server.connector, conversation=f"{CHANNEL};messageid={card_activity_id}", conversation_type="channel",
        value=data, replyToId=card_activity_id, id=f"submit-{before}", **{"from": user},
    )  # fmt: skip
    status, _ = await server.post(submit)
    assert status == 201
    [reply] = server.connector.sent()[before:]  # nothing in the channel's thread
    assert private_posts(server.connector, calls) == [reply]
    return str(reply["text"])


def posts(connector: Connector) -> list[dict[str, Any]]:
    """Proactive posts into the channel itself, not replies in a thread (``CHANNEL;messageid=...``).

    The SDK sends them as a reply to its own continuation activity (a fresh uuid), hence the prefix.
    """
    top_level = f"/v3/conversations/{CHANNEL}/activities"
    return [body for method, path, body in connector.calls if method == "POST" and path.startswith(top_level)]


def message_refs(server: Server) -> list[str]:
    """The Teams activity ids of the posts, as the deliveries recorded them."""
    return [ref for (ref,) in rows(server, select(deliveries.c.message_ref).order_by(deliveries.c.id))]


def ack_action(post: dict[str, Any]) -> dict[str, Any]:
    [action] = card_of(post)["actions"]
    assert action["type"] == "Action.Submit" and action["title"] == "I have read this"
    return action  # type: ignore[no-any-return]


async def scheduled(start: Start) -> Server:
    """guidebot added to the channel, and the manager's Monday reminder of AC-CITE scheduled."""
    server = await start(MONDAY_0859)
    added = activity(
        server.connector, "conversationUpdate", conversation=CHANNEL, conversation_type="channel", membersAdded=[BOT]
    )
    assert (await server.post(added))[0] == 201
    reply = await mention(server, "policy remind every monday 09:00 AC-CITE")
    assert "2026-03-02 09:00 UTC" in reply["text"] and "AC-CITE" in reply["text"], reply
    return server


async def test_adding_the_bot_to_a_channel_stores_its_reference_in_the_database(start: Start) -> None:
    server = await start(MONDAY_0859)
    added = activity(
        server.connector, "conversationUpdate", conversation=CHANNEL, conversation_type="channel", membersAdded=[BOT]
    )
    assert (await server.post(added))[0] == 201
    [(key, platform, reference)] = rows(server, select(conversation_refs.c["key", "platform", "reference"]))
    assert (key, platform) == (CHANNEL, "teams")
    stored = json.loads(reference)
    assert stored["serviceUrl"] == f"{server.connector.url}/" and stored["conversation"]["id"] == CHANNEL
    assert stored["bot"]["id"] == BOT["id"] and stored["channelId"] == "msteams"
    assert server.connector.sent() == []  # no greeting in a channel


async def test_a_manager_schedules_by_mention_and_others_are_refused(start: Start) -> None:
    server = await scheduled(start)
    thread, first_message = f"{CHANNEL};messageid=1700000000000", "1700000000000"
    assert server.connector.calls[-1][1] == f"/v3/conversations/{thread}/activities/{first_message}"  # the notice
    query = select(reminders.c["platform", "team_id", "channel_id", "created_by", "clause_ids"])
    assert rows(server, query) == [("teams", TENANT["id"], CHANNEL, "aad-mia", '["AC-CITE"]')]

    for command in ("policy remind every day 08:00 AC-CITE", "policy reminders", "policy reminders cancel 1"):
        refusal = await mention(server, command, user=USER)
        assert "managers only" in refusal["text"] and "#ask-social" in refusal["text"]
    assert len(rows(server, select(reminders.c.id))) == 1  # still only the manager's
    assert posts(server.connector) == []

    # Teams text carries no channel reference a bot can use: "#general" is refused, not stored.
    elsewhere = await mention(server, "policy remind #general every day 08:00 AC-CITE")
    assert "in the channel itself" in elsewhere["text"]
    assert len(rows(server, select(reminders.c.id))) == 1


async def test_each_due_time_is_posted_once_with_an_ack_card_across_a_restart(start: Start) -> None:
    server = await scheduled(start)
    connector = server.connector
    assert await run_due(server, MONDAY_0859) == 0
    assert await run_due(server, MONDAY_0900) == 1
    [first] = posts(connector)
    [first_id] = message_refs(server)
    assert first_id.startswith("activity-")  # the id the connector gave the post
    text = card_text(card_of(first))
    assert "AC-CITE" in text and "Policy reminder" in text
    assert ack_action(first)["data"] == {"action": "ack_reminder", "value": "1:1", "lang": "en"}
    assert await run_due(server, MONDAY_0900) == 0  # the same due time again
    assert await run_due(server, MONDAY_0900 + timedelta(seconds=30)) == 0

    # A restart: a new App and server on the same database post nothing twice, through the stored reference.
    restarted = await start(MONDAY_0900 + timedelta(minutes=1))
    assert await run_due(restarted, MONDAY_0900 + timedelta(minutes=1)) == 0
    assert len(posts(connector)) == 1
    assert await run_due(restarted, MONDAY_0900 + timedelta(days=7)) == 1
    assert await run_due(server, MONDAY_0900 + timedelta(days=7)) == 0  # the old process, same time
    [_, second] = posts(connector)
    assert ack_action(second)["data"]["value"] == "1:2" and "AC-CITE" in card_text(card_of(second))
    # The first post loses its button: an edit of that activity.
    [(path, retired)] = [(p, b) for m, p, b in connector.calls if m == "PUT"]
    assert path == f"/v3/conversations/{CHANNEL}/activities/{first_id}"
    assert "actions" not in card_of(retired) and "replaced" in card_text(card_of(retired))


async def test_button_clicks_are_counted_once_per_person(start: Start) -> None:
    server = await scheduled(start)
    await run_due(server, MONDAY_0900)
    [post], [card_id] = posts(server.connector), message_refs(server)
    data = ack_action(post)["data"]
    answers = [await click(server, card_id, data, user) for user in (USER, USER, BOB)]
    assert "recorded" in answers[0] and "already" in answers[1] and "recorded" in answers[2]
    assert sorted(rows(server, select(acks.c["reminder_id", "platform", "user_id"]))) == [
        (1, "teams", "aad-ann"),
        (1, "teams", "aad-bob"),
    ]
    listing = card_text(card_of(await mention(server, "policy reminders")))
    # the channel by the name the conversation had when the reminder was set there, not its id
    assert "#1 · Comms · every monday 09:00 · next: 2026-03-09 09:00 UTC" in listing
    assert "posted 1 · read by 2" in listing
    # The same list in the manager's 1:1 chat: reminders belong to the organisation (tenant), not one team.
    assert card_text(card_of(await personal(server, "policy reminders"))) == listing


async def test_cancel_by_the_manager_stops_further_posts(start: Start) -> None:
    server = await scheduled(start)
    assert await run_due(server, MONDAY_0900) == 1
    cancelled = await mention(server, "policy reminders cancel 1")
    assert cancelled["text"] == "Reminder 1 cancelled."
    assert await run_due(server, MONDAY_0900 + timedelta(days=7)) == 0
    assert len(posts(server.connector)) == 1
    listing = card_text(card_of(await mention(server, "policy reminders")))
    assert "No reminders are scheduled" in listing


async def test_announce_posts_now_into_the_channel(start: Start) -> None:
    server = await scheduled(start)
    done = await mention(server, "policy announce AC-SCOPE")
    assert done["text"] == f"Posted the reminder in {CHANNEL}."
    [post] = posts(server.connector)
    card_id = message_refs(server)[-1]
    assert "AC-SCOPE" in card_text(card_of(post))
    assert "recorded" in await click(server, card_id, ack_action(post)["data"], BOB)


async def test_the_report_and_the_list_name_the_channel_recorded_when_the_bot_was_added(start: Start) -> None:
    server = await start(MONDAY_0859)
    channel_data = {
        "tenant": TENANT,
        "team": {"id": "19:team@thread.tacv2", "name": "Comms"},
        "channel": {"id": CHANNEL, "name": "Announcements"},
    }
    added = activity(
        server.connector, "conversationUpdate", conversation=CHANNEL, conversation_type="channel",
        membersAdded=[BOT], channelData=channel_data,
    )  # fmt: skip
    assert (await server.post(added))[0] == 201
    await mention(server, "policy remind every monday 09:00 AC-CITE")
    report = card_text(card_of(await personal(server, "policy report")))
    assert "Comms › Announcements" in report and CHANNEL not in report
    listing = card_text(card_of(await personal(server, "policy reminders")))
    assert "Comms › Announcements" in listing and CHANNEL not in listing


async def test_a_post_teams_refuses_is_a_failure_not_a_delivery(start: Start) -> None:
    """The bot was removed from the channel: the post fails, is tried again on a later pass,
    and the reminder is not counted as delivered."""
    server = await scheduled(start)
    server.connector.refuse_posts = True
    report = await server.app.reminders.run_due(MONDAY_0900)
    assert (report.sent, report.failed) == (0, 1)
    assert message_refs(server) == [None]  # the due time, claimed, not posted
    server.connector.refuse_posts = False
    assert await run_due(server, MONDAY_0900 + timedelta(minutes=1)) == 1
    [ref] = message_refs(server)
    assert ref is not None and ref.startswith("activity-")
