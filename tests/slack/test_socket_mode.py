"""Slack over Socket Mode: the same listeners, reached through a WebSocket instead of HTTP."""

from __future__ import annotations

import json
from pathlib import Path

from aiohttp.test_utils import TestServer

from adapters.server import create_web_app
from bot.app import build_app
from bot.runtime.settings import Settings

from .conftest import kb_path
from .support import APP_TOKEN, BOT_TOKEN, MockSlack, blocks_text, dm_event, event_body


async def test_socket_mode_answers_a_dm_and_acks_the_envelope(mock: MockSlack, tmp_path: Path) -> None:
    envelope = json.loads(event_body(dm_event("policy show AC-PRIVACY"), event_id="EvSocket"))
    mock.socket_frames = [
        {"type": "events_api", "envelope_id": "env-1", "accepts_response_payload": False, "payload": envelope},
        # Slack's retry of the same event over the socket: acknowledged, not answered again.
        {
            "type": "events_api",
            "envelope_id": "env-2",
            "retry_attempt": 1,
            "retry_reason": "timeout",
            "payload": envelope,
        },
    ]
    settings = Settings(
        kb_path=kb_path(),
        database_url=f"sqlite:///{tmp_path / 'guidebot.db'}",
        slack_bot_token=BOT_TOKEN,
        slack_app_token=APP_TOKEN,
        slack_api_url=f"{mock.url}/api/",
    )
    app = build_app(settings)
    web_app = await create_web_app(app)
    assert "/slack/events" not in {r.resource.canonical for r in web_app.router.routes() if r.resource}
    server = TestServer(web_app, host="127.0.0.1")
    await server.start_server()  # on_startup opens the Socket Mode connection
    try:
        (post,) = await mock.wait_for("chat.postMessage")
        acks = await mock.wait_for("socket_ack", 2)
        (opened,) = mock.answered("apps.connections.open")
    finally:
        await server.close()  # on_cleanup closes it
    assert opened.headers["Authorization"] == f"Bearer {APP_TOKEN}"
    assert "AC-PRIVACY" in blocks_text(post.body)
    assert sorted(a.body["envelope_id"] for a in acks) == ["env-1", "env-2"]
    assert len(mock.answered("chat.postMessage")) == 1
