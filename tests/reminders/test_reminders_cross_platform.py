"""One guidebot serving Slack and Teams on one database: a reminder's "I have read this" counts only
on the platform the reminder was posted to.

Slack is the local Web API stand-in (fake_slack), Teams the loopback Bot Framework connector; both
talk to the same running server, whose reminder clock is pinned so its background pass posts nothing.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest
from sqlalchemy import select

from adapters.server import create_web_app
from bot.app import App, build_app
from bot.data.messages import msg
from bot.domain.replies import NoticeReply
from bot.runtime.settings import Settings
from bot.storage.schema import acks
from tests.teams.support import EVAL_KB, USER, Connector, activity, running_connector, serve

from .fake_slack import FakeSlack
from .test_reminders_slack import MANAGER, MONDAY_0859, MONDAY_0900, SECRET, ack_button, fake, say, signed_form

__all__ = ["fake"]  # the pytest fixture, shared with the Slack reminder tests


@pytest.fixture
async def connector() -> AsyncIterator[Connector]:
    async with running_connector() as mock:
        yield mock


@pytest.fixture
async def both(fake: FakeSlack, connector: Connector, db_url: str) -> AsyncIterator[tuple[App, str]]:
    """guidebot with Slack and (the local-testing, unauthenticated) Teams endpoint; yields it and its URL."""
    settings = Settings(
        kb_path=str(EVAL_KB), database_url=db_url, managers=frozenset({MANAGER}),
        slack_bot_token="xoxb-test", slack_signing_secret=SECRET, slack_api_url=f"{fake.url}/api/",
        teams_unauthenticated=True,
    )  # fmt: skip
    app = build_app(settings)
    app.reminders.clock = lambda: MONDAY_0859  # before start-up, which runs a first pass at once
    runner, url = await serve(await create_web_app(app))
    try:
        assert sorted(app.platforms) == ["slack", "teams"]
        yield app, url
    finally:
        await runner.cleanup()
        app.close()


def ack_rows(app: App) -> list[tuple[Any, ...]]:
    with app.storage.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(acks.c["reminder_id", "platform", "user_id"]))]


async def test_a_teams_press_with_a_slack_reminders_value_is_not_counted(
    both: tuple[App, str], fake: FakeSlack, connector: Connector
) -> None:
    app, url = both
    created = await say(app, "policy remind <#C9> every monday 09:00 AC-CITE")
    assert isinstance(created, NoticeReply) and created.level == "success", created
    assert (await app.reminders.run_due(MONDAY_0900)).sent == 1
    [posted] = fake.named("chat.postMessage")
    value = ack_button(posted)["value"]
    assert value == "1:1"  # reminder 1, delivery 1: on Slack

    # The same button value, submitted from a Teams card (as Teams posts an Action.Submit).
    submit = activity(connector, value={"action": "ack_reminder", "value": value, "lang": "en"}, id="submit-1")
    async with aiohttp.ClientSession() as http, http.post(f"{url}/api/messages", json=submit) as response:
        assert response.status == 201
    [reply] = connector.sent()
    assert reply["text"] == msg("ack.unknown", "en")
    assert ack_rows(app) == []
    assert [s.acks for s in app.reminders.repo.stats()] == [0]

    # On Slack, where it was posted, the same value is counted: the reminder and its delivery exist.
    payload = {
        "type": "block_actions", "team": {"id": "T1"}, "user": {"id": "U1"}, "api_app_id": "A1",
        "channel": {"id": "C9"}, "trigger_id": "1.2", "response_url": f"{fake.url}/response/1",
        "container": {"type": "message", "channel_id": "C9", "message_ts": posted.get("ts", "1.000100")},
        "actions": [{"type": "button", "action_id": "ack_reminder", "block_id": "reminder|en", "value": value}],
    }  # fmt: skip
    body = urlencode({"payload": json.dumps(payload)})
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{url}/slack/events", data=body, headers=signed_form(body)) as response,
    ):
        assert response.status == 200
    [answer] = await fake.wait_for("response_url", 1)
    assert "recorded" in answer["text"]
    assert ack_rows(app) == [(1, "slack", "U1")]
    assert USER["aadObjectId"] not in str(ack_rows(app))
