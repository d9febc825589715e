"""A server whose database breaks under it keeps answering questions, and its log lines
carry the database's own reason."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.server import create_web_app
from bot.app import build_app

from .conftest import Slack, slack_settings
from .support import MockSlack, dm_event, event_body

GARBAGE = b"this is not a database, it was overwritten\n" * 200


@pytest.fixture
async def own_db_slack(mock: MockSlack, tmp_path: Path) -> AsyncIterator[Slack]:
    app = build_app(slack_settings(mock, tmp_path / "guidebot.db"))
    client = TestClient(TestServer(await create_web_app(app), host="127.0.0.1"))
    await client.start_server()
    yield Slack(client, app, mock)
    await client.close()
    app.close()


async def test_a_server_whose_database_breaks_keeps_answering(
    own_db_slack: Slack, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    slack = own_db_slack
    await slack.event(event_body(dm_event("policy show AC-SCOPE")))
    await slack.mock.wait_for("chat.postMessage")
    with (tmp_path / "guidebot.db").open("r+b") as fh:  # overwritten in place, under the running server
        fh.write(GARBAGE)
    caplog.set_level(logging.INFO)
    await slack.event(event_body(dm_event("can I log into my personal Facebook on the work laptop?")))
    posts = await slack.mock.wait_for("chat.postMessage", 2)
    assert "AC-" in str(posts[1].body)  # answered with a clause, not the apology
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors and all("file is not a database" in e for e in errors), errors
