"""Who may reach /api/messages, and what Teams shows in a channel versus to one person.

Through the running server and the recording connector: an unauthenticated endpoint is
mounted only for local testing; manager replies and card-click answers asked in a channel
go to the person's 1:1 chat; when that chat cannot be opened (403), the thread is told
how to open one and nothing else.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.data.messages import msg
from bot.domain.commands import ButtonPress
from bot.domain.replies import Reply
from bot.runtime.settings import Settings

from .support import BOT, USER, Connector, Server, activity, card_of, card_text, start_server

CHANNEL = "19:general@thread.tacv2"
THREAD = f"{CHANNEL};messageid=1700000000000"
BOB = {"id": "29:bob", "name": "Bob", "aadObjectId": "aad-bob"}
SLACK = {"slack_bot_token": "xoxb-test", "slack_signing_secret": "secret"}
DRAFT = (
    "Not yet announced: our new AI assistant ships in May. Key sk-proj-Yt4RkP8vQw2LmN6sHc3JzA9bXe7UfG5iDo1KqV0TnWrMyE8s"
)
SENT_PRIVATELY = msg("checkpost.private", "en")
OPEN_A_CHAT = msg("private.unavailable", "en")

Start = Callable[..., Awaitable[Server]]


@pytest.fixture
async def start(connector: Connector, tmp_path: Path) -> AsyncIterator[Start]:
    started: list[tuple[Any, Server]] = []

    async def run(**settings: Any) -> Server:
        runner, server = await start_server(connector, tmp_path / f"g{len(started)}.db", **settings)
        started.append((runner, server))
        return server

    yield run
    for runner, server in started:
        await runner.cleanup()
        server.app.close()


def in_channel(connector: Connector, text: str = "", user: dict[str, str] = USER, **extra: Any) -> dict[str, Any]:
    """A message (an @mention, or with ``value=`` a card click) in the channel's thread."""
    if text:
        extra |= {"entities": [{"type": "mention", "mentioned": BOT, "text": "<at>guidebot</at>"}]}
        text = f"<at>guidebot</at> {text}"
    return activity(connector, text=text, conversation=THREAD, conversation_type="channel", **{"from": user}, **extra)


def split(connector: Connector) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(posts in 1:1 chats the bot opened, replies in the channel's thread)."""
    private = [b for m, p, b in connector.calls if m == "POST" and p.startswith("/v3/conversations/a:private-")]
    thread = [b for m, p, b in connector.calls if m == "POST" and p.startswith(f"/v3/conversations/{THREAD}/")]
    return private, thread


def shown(bodies: list[dict[str, Any]]) -> str:
    return "\n".join(card_text(card_of(b)) if b.get("attachments") else str(b.get("text") or "") for b in bodies)


# -- who reaches /api/messages ----------------------------------------------------------


async def test_a_slack_deployment_without_an_app_id_has_no_teams_endpoint(
    start: Start, connector: Connector, caplog: pytest.LogCaptureFixture
) -> None:
    """The reviewed attack: an unsigned POST claiming a Slack manager's id, replies to the caller's serviceUrl."""
    with caplog.at_level(logging.INFO):
        server = await start(managers=frozenset({"U0SLACKBOSS"}), **SLACK)
    forged = activity(connector, text="policy report", **{"from": {"id": "U0SLACKBOSS", "name": "x"}})
    status, _ = await server.post(forged)
    assert status == 404 and connector.calls == []
    assert any(
        r.levelno == logging.INFO and r.getMessage() == "Teams not enabled (set MicrosoftAppId)" for r in caplog.records
    )
    assert not any("UNAUTHENTICATED" in r.getMessage() for r in caplog.records)
    async with aiohttp.ClientSession() as session, session.get(f"{server.url}/healthz") as response:
        assert (await response.json())["platforms"] == ["slack"]


async def test_the_unauthenticated_endpoint_next_to_slack_needs_the_explicit_opt_in(
    start: Start, connector: Connector, caplog: pytest.LogCaptureFixture
) -> None:
    assert Settings.from_env({"GUIDEBOT_TEAMS_UNAUTHENTICATED": "1"}).teams_unauthenticated
    assert not Settings.from_env({}).teams_unauthenticated
    with caplog.at_level(logging.WARNING):
        server = await start(teams_unauthenticated=True, **SLACK)
    assert any(r.levelno == logging.WARNING and "UNAUTHENTICATED" in r.getMessage() for r in caplog.records)
    status, _ = await server.post(activity(connector, text="policy list"))
    assert status == 201 and connector.sent()


async def test_with_an_app_id_next_to_slack_teams_is_mounted_and_authenticated(
    start: Start, connector: Connector
) -> None:
    server = await start(microsoft_app_id="11111111-2222-3333-4444-555555555555", microsoft_app_password="x", **SLACK)
    status, _ = await server.post(activity(connector, text="policy list"))
    assert status == 401 and connector.calls == []


@pytest.mark.parametrize(
    ("entry", "allowed"),
    [("teams:aad-ann", True), ("aad-ann", True), ("slack:aad-ann", False), ("teams:aad-bob", False)],
)
async def test_manager_entries_may_name_their_platform(
    start: Start, connector: Connector, entry: str, allowed: bool
) -> None:
    server = await start(managers=frozenset({entry}))
    await server.post(activity(connector, text="policy report"))
    text = shown(connector.sent())
    assert ("Policy report" in text) is allowed and ("managers only" in text) is not allowed


# -- what a channel sees ----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["checkpost " + DRAFT, DRAFT], ids=["checkpost", "read-as-a-draft"])
async def test_a_draft_mentioned_in_a_channel_is_checked_in_a_new_private_chat(
    start: Start, connector: Connector, text: str
) -> None:
    """``@guidebot checkpost DRAFT`` (or a bare draft, which the bot reads as one) in a channel: the
    result goes to a 1:1 chat the bot opens with the sender, the thread only hears that it went there."""
    server = await start()
    message = in_channel(connector, text)
    status, _ = await server.post(message)
    assert status == 201
    [created] = [b for m, p, b in connector.calls if m == "POST" and p.rstrip("/") == "/v3/conversations"]
    assert created["isGroup"] is False
    assert [m["id"] for m in created["members"]] == [USER["id"]]  # the sender only
    assert created["channelData"]["tenant"]["id"] == "tenant-1"
    posted = [p for m, p, _ in connector.calls if m == "POST" and "/activities" in p]
    assert [p.split("/")[3] for p in posted] == ["a:private-1", THREAD]  # the chat it opened, then the notice
    private, thread = split(connector)
    [result] = private
    assert "Do not post this" in card_text(card_of(result)) and result["conversation"]["id"] == "a:private-1"
    assert [b["text"] for b in thread] == [SENT_PRIVATELY] and thread[0]["replyToId"] == message["id"]
    in_the_channel = str([b for m, p, b in connector.calls if CHANNEL in p])
    assert "Do not post this" not in in_the_channel and "sk-proj" not in in_the_channel
    assert "AI assistant" not in in_the_channel


async def test_a_manager_report_asked_in_a_channel_goes_to_a_private_chat(start: Start, connector: Connector) -> None:
    server = await start(managers=frozenset({"aad-ann"}))
    await server.post(in_channel(connector, "policy report"))
    private, thread = split(connector)
    assert "Policy report" in card_text(card_of(private[0]))
    assert [b["text"] for b in thread] == [SENT_PRIVATELY]


async def test_a_refused_manager_command_in_a_channel_is_private_too(start: Start, connector: Connector) -> None:
    server = await start()
    await server.post(in_channel(connector, "policy reminders"))
    private, thread = split(connector)
    assert "managers only" in shown(private) and [b["text"] for b in thread] == [SENT_PRIVATELY]


async def test_card_clicks_in_a_channel_are_answered_privately(start: Start, connector: Connector) -> None:
    server = await start()
    await server.post(in_channel(connector, value={"action": "helpful", "clause": "AC-SCOPE", "helpful": True}))
    await server.post(in_channel(connector, value={"action": "finding_wrong", "check": "CHK-X", "lang": "en"}))
    private, thread = split(connector)
    assert [b["text"] for b in private] == [msg("helpful.thanks", "en"), msg("feedback.wrong", "en")]
    assert thread == []


async def test_an_ack_click_in_a_channel_is_answered_privately(start: Start, connector: Connector) -> None:
    server = await start(managers=frozenset({"aad-ann"}))
    added = activity(
        connector, "conversationUpdate", conversation=CHANNEL, conversation_type="channel", membersAdded=[BOT]
    )
    await server.post(added)
    await server.post(in_channel(connector, "policy announce"))
    [card] = [b for m, p, b in connector.calls if m == "POST" and p.startswith(f"/v3/conversations/{CHANNEL}/")]
    data = next(a["data"] for a in card_of(card)["actions"] if a["data"].get("action") == "ack_reminder")
    before = len(connector.calls)
    await server.post(in_channel(connector, value=data, user=BOB))
    new = [(p, b) for m, p, b in connector.calls[before:] if m == "POST" and "/activities" in p]
    assert len(new) == 1 and new[0][0].startswith("/v3/conversations/a:private-")
    assert "recorded" in new[0][1]["text"]


# -- when the 1:1 chat cannot be opened ---------------------------------------------------------


async def test_a_refused_private_chat_leaves_a_notice_without_the_result(start: Start, connector: Connector) -> None:
    server = await start(managers=frozenset({"aad-ann"}))
    connector.refuse_private = True
    status, _ = await server.post(in_channel(connector, "checkpost " + DRAFT))
    assert status == 201
    await server.post(in_channel(connector, "policy report"))
    private, thread = split(connector)
    assert private == [] and [b["text"] for b in thread] == [OPEN_A_CHAT, OPEN_A_CHAT]
    assert "open a chat with guidebot" in OPEN_A_CHAT
    text = shown(connector.sent())
    assert "Do not post this" not in text and "sk-proj" not in text and "Policy report" not in text


async def test_a_refused_private_chat_drops_click_thanks_silently(start: Start, connector: Connector) -> None:
    server = await start()
    recorded: list[bool] = []

    real = server.app.dispatcher.actions["helpful"]

    async def feedback(press: ButtonPress) -> Reply | None:
        recorded.append(press.value("helpful") == "yes")
        return await real(press)

    server.app.dispatcher.add_action("helpful", feedback)
    connector.refuse_private = True
    status, _ = await server.post(
        in_channel(connector, value={"action": "helpful", "clause": "AC-SCOPE", "helpful": False})
    )
    assert status == 201 and recorded == [False]
    assert connector.sent() == []  # the attempt was made; nothing is posted in the thread
    assert [p for m, p, _ in connector.calls] == ["/v3/conversations"]
