"""Fixtures: a local Slack Web API, and guidebot's real server with Slack mounted over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer

from adapters.server import create_web_app
from bot.app import App, build_app
from bot.knowledge.loader import KnowledgeBaseError, load
from bot.runtime.settings import Settings
from bot.storage import Storage

from .support import BOT_TOKEN, BUNDLED_KB, EVAL_KB, SECRET, MockSlack, signed, start_mock


def kb_path() -> str:
    """The evaluation KB; the bundled one only when the former is absent and it loads."""
    if EVAL_KB.is_dir():
        return str(EVAL_KB)
    try:
        load(str(BUNDLED_KB))
    except KnowledgeBaseError:
        pytest.skip("no knowledge base to test with")
    return str(BUNDLED_KB)


@pytest.fixture(autouse=True)
def _clean_slack_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # Bolt reads these when arguments are missing; OAuth ones would switch it to OAuth mode.
    for name in (
        "SLACK_BOT_TOKEN",
        "SLACK_SIGNING_SECRET",
        "SLACK_APP_TOKEN",
        "SLACK_CLIENT_ID",
        "SLACK_CLIENT_SECRET",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def storage(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Storage]:
    """One database for the Slack tests: opening (migrating) one costs more than a test."""
    opened = Storage.open(f"sqlite:///{tmp_path_factory.mktemp('slack') / 'guidebot.db'}")
    yield opened
    opened.close()


@pytest.fixture
async def mock() -> AsyncIterator[MockSlack]:
    mock, server = await start_mock()
    yield mock
    if mock.hold is not None:
        mock.hold.set()
    await server.close()


@dataclass
class Slack:
    """guidebot serving Slack over HTTP, and what it needs to be talked to."""

    client: TestClient[Any, Any]
    app: App
    mock: MockSlack

    async def post(self, body: str, content_type: str, **signing: Any) -> ClientResponse:
        return await self.client.post(
            "/slack/events", data=body.encode(), headers=signed(body, content_type, **signing)
        )

    async def event(self, body: str, **signing: Any) -> ClientResponse:
        return await self.post(body, "application/json", **signing)

    async def form(self, body: str, **signing: Any) -> ClientResponse:
        return await self.post(body, "application/x-www-form-urlencoded", **signing)


def slack_settings(mock: MockSlack, database: Path, **extra: Any) -> Settings:
    """Settings for guidebot serving Slack against ``mock``; ``kb_path`` defaults to :func:`kb_path`."""
    return Settings(
        kb_path=extra.pop("kb_path", None) or kb_path(),
        database_url=f"sqlite:///{database}",
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=f"{mock.url}/api/",
        **extra,
    )


@pytest.fixture
async def slack(mock: MockSlack, tmp_path: Path, storage: Storage) -> AsyncIterator[Slack]:
    app = build_app(slack_settings(mock, tmp_path / "guidebot.db"), storage=storage)
    client = TestClient(TestServer(await create_web_app(app), host="127.0.0.1"))
    await client.start_server()
    yield Slack(client, app, mock)
    if mock.hold is not None:
        mock.hold.set()
    await client.close()
