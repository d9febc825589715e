"""Fixtures: a local connector that records what the bot sends, and guidebot serving on a loopback port."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from .support import Connector, Server, running_connector, start_server


@pytest.fixture
async def connector() -> AsyncIterator[Connector]:
    async with running_connector() as mock:
        yield mock


@pytest.fixture
async def server(connector: Connector, tmp_path: Path) -> AsyncIterator[Server]:
    """guidebot with no app id: the local-testing mode (no tokens)."""
    runner, srv = await start_server(connector, tmp_path / "guidebot.db")
    yield srv
    await runner.cleanup()
    srv.app.close()
