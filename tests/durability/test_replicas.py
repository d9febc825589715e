"""Two ``guidebot serve`` processes on one database behave as one: a Slack event and its
retry reaching different replicas are answered once, and a quiz started on one is
answered on the other. SQLite always; PostgreSQL too when GUIDEBOT_TEST_POSTGRES is set."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import select
from storage.databases import DATABASES, database

from bot.storage import Storage
from bot.storage.schema import quiz_scores
from tests.serving import Served, serve_env, serving
from tests.slack.support import MockSlack, blocks_text, dm_event, event_body, payload_body, start_mock

QUIZ_BUTTON = re.compile(r"^quiz_answer(_\d+)?$")


Replicas = tuple[MockSlack, Served, Served, str]


@pytest.fixture(params=DATABASES)
async def replicas(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Replicas]:
    mock, mock_server = await start_mock()
    with database(request.param, tmp_path) as url:
        Storage.open(url).close()  # migrated once, before either starts
        env = serve_env(tmp_path, url, mock.url)
        async with serving(env, tmp_path / "a.log") as a, serving(env, tmp_path / "b.log") as b:
            yield mock, a, b, url
    await mock_server.close()


def quiz_buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = message.get("blocks")
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks or []
    return [e for b in blocks if b.get("type") == "actions" for e in b["elements"] if QUIZ_BUTTON.match(e["action_id"])]


async def test_a_retry_on_the_other_replica_is_answered_once(replicas: Replicas) -> None:
    mock, a, b, _ = replicas
    body = event_body(dm_event("policy show AC-SCOPE"), event_id="EvTwice")
    async with aiohttp.ClientSession() as session:
        assert (await a.post(session, body, "application/json"))[0] == 200
        assert (await b.post(session, body, "application/json", retry=1))[0] == 200  # Slack's retry, elsewhere
        # Something B does answer, sent after the retry: once it is posted, the retry had its turn.
        marker = event_body(dm_event("policy show AC-WORKTIME", channel="D2"), event_id="EvMarker")
        assert (await b.post(session, marker, "application/json"))[0] == 200
        posts = await mock.wait_for("chat.postMessage", 2)
    assert sorted(p.body["channel"] for p in posts) == ["D1", "D2"]
    assert "already handled" in b.output()


async def test_a_quiz_started_on_one_replica_is_answered_on_the_other(
    replicas: Replicas,
) -> None:
    mock, a, b, url = replicas
    async with aiohttp.ClientSession() as session:
        start = event_body(dm_event("policy quiz", user="U7"))
        assert (await a.post(session, start, "application/json"))[0] == 200
        (question,) = await mock.wait_for("chat.postMessage")
        button = quiz_buttons(question.body)[0]
        click = {
            "type": "block_actions", "team": {"id": "T1"}, "user": {"id": "U7"}, "api_app_id": "A1",
            "channel": {"id": "D1"}, "trigger_id": "1.2", "response_url": f"{mock.url}/response/quiz",
            "container": {"type": "message", "channel_id": "D1", "message_ts": "1.000100"},
            "actions": [{"type": "button", "action_id": button["action_id"], "block_id": "quiz|en",
                         "value": button["value"]}],
        }  # fmt: skip
        assert (await b.post(session, payload_body(click), "application/x-www-form-urlencoded"))[0] == 200
        (answered,) = await mock.wait_for("response_url")
        # The same button again, now on A: the question was answered, so it counts once.
        assert (await a.post(session, payload_body(click), "application/x-www-form-urlencoded"))[0] == 200
        await mock.wait_for("response_url", 2)
    text = blocks_text(answered.body)
    assert "Question 2 of 3" in text  # B knew the quiz A started, and moved on
    storage = Storage.open(url)
    try:
        with storage.engine.connect() as conn:
            row = conn.execute(select(quiz_scores).where(quiz_scores.c.user_id == "U7")).mappings().one()
    finally:
        storage.close()
    assert row["attempts"] == 1
