"""Drafts and manager replies asked by @mention in a channel reach the asker only; GUIDEBOT_MANAGERS per platform."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.server import create_web_app
from bot.app import build_app
from bot.data.messages import msg

from .conftest import Slack, slack_settings
from .support import BOT_USER, MockSlack, blocks_text, command_body, event_body

BOSS = "UBOSS"
DRAFT = "Big news: our team ships the new app in May. Reach me at kestrel.owner@acme-corp.co.jp for a demo."


@pytest.fixture
async def serve(mock: MockSlack, tmp_path: Path) -> AsyncIterator[Any]:
    """Start guidebot over the mock Slack with the given GUIDEBOT_MANAGERS entries."""
    started: list[Slack] = []

    async def start(*managers: str) -> Slack:
        app = build_app(slack_settings(mock, tmp_path / f"g{len(started)}.db", managers=frozenset(managers)))
        client = TestClient(TestServer(await create_web_app(app), host="127.0.0.1"))
        await client.start_server()
        started.append(Slack(client, app, mock))
        return started[-1]

    yield start
    for slack in started:
        await slack.client.close()
        slack.app.close()


def mention(text: str, user: str, event_id: str | None = None) -> str:
    event = {"type": "app_mention", "channel": "C1", "user": user, "ts": "7.7", "text": f"<@{BOT_USER}> {text}"}
    return event_body(event, event_id)


@pytest.mark.parametrize(
    ("command", "shown"),
    [("policy report", "Policy report"), ("policy reminders", "No reminders"), ("policy remind", "policy remind")],
)
async def test_a_manager_command_by_mention_is_shown_to_the_asker_only(serve: Any, command: str, shown: str) -> None:
    slack = await serve(BOSS)
    await slack.event(mention(command, BOSS, "EvBoss"))
    (private,) = await slack.mock.wait_for("chat.postEphemeral")
    assert (private.body["channel"], private.body["user"], private.body["thread_ts"]) == ("C1", BOSS, "7.7")
    assert shown.lower() in blocks_text(private.body).lower()
    assert slack.mock.named("chat.postMessage") == []  # nothing in the thread


async def test_a_refused_manager_command_by_mention_is_private_too(serve: Any) -> None:
    slack = await serve(BOSS)
    await slack.event(mention("policy report", "U1", "EvOther"))
    (private,) = await slack.mock.wait_for("chat.postEphemeral")
    assert private.body["user"] == "U1" and "managers only" in blocks_text(private.body)
    assert slack.mock.named("chat.postMessage") == []


async def test_an_ordinary_question_by_mention_is_still_answered_in_the_thread(serve: Any) -> None:
    slack = await serve(BOSS)
    await slack.event(mention("policy list", BOSS, "EvList"))
    (post,) = await slack.mock.wait_for("chat.postMessage")
    assert post.body["thread_ts"] == "7.7" and slack.mock.named("chat.postEphemeral") == []


@pytest.mark.parametrize(
    ("entry", "allowed"), [("slack:UBOSS", True), ("UBOSS", True), ("teams:UBOSS", False), ("slack:UOTHER", False)]
)
async def test_manager_entries_may_name_their_platform(serve: Any, entry: str, allowed: bool) -> None:
    slack = await serve(entry)
    await slack.form(command_body("/policy", "report", slack.mock, user=BOSS))
    (reply,) = await slack.mock.wait_for("response_url")
    text = blocks_text(reply.body)
    assert ("Policy report" in text) is allowed and ("managers only" in text) is not allowed


@pytest.mark.parametrize(
    "text",
    [f"checkpost {DRAFT}", DRAFT],  # the command word, and a draft pasted bare (checked because it reads as one)
    ids=["checkpost", "pasted"],
)
async def test_a_draft_by_mention_is_checked_for_the_asker_only(slack: Slack, text: str) -> None:
    await slack.event(mention(text, "U1"))
    delivered = await slack.mock.wait_for_any("chat.postEphemeral", "chat.postMessage")
    assert delivered.method == "chat.postEphemeral"
    assert (delivered.body["channel"], delivered.body["user"], delivered.body["thread_ts"]) == ("C1", "U1", "7.7")
    shown = blocks_text(delivered.body)
    assert msg("check.block", "en") in shown and "k…@acme-corp.co.jp" in shown
    assert slack.mock.named("chat.postMessage") == []  # nothing in the channel, nor in its thread
