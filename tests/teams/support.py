"""Test support for the Teams adapter: a local Bot Framework connector, the running server, activities.

The connector client posts with ``requests`` in a thread, so the connector here is a
real HTTP server on a loopback port (an in-process HTTP mock would not see it).
"""

from __future__ import annotations

import contextlib
import itertools
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import aiohttp
from aiohttp import web

from adapters.server import create_web_app
from bot.app import App, build_app
from bot.runtime.settings import Settings
from tests.surfaces import card_texts

# The repository copy of the evaluation knowledge base, so the suite runs anywhere.
EVAL_KB = Path(__file__).resolve().parents[1] / "fixtures" / "eval" / "kb"
BOT = {"id": "28:guidebot", "name": "guidebot"}
USER = {"id": "29:ann", "name": "Ann", "aadObjectId": "aad-ann"}
TENANT = {"id": "tenant-1"}


@dataclass
class Connector:
    """Records each call as (method, decoded path, JSON body)."""

    url: str = ""
    calls: list[tuple[str, str, Any]] = field(default_factory=list)
    # Answer 403 to "create a 1:1 chat", as Teams does when the person has not installed the app.
    refuse_private: bool = False
    # Answer 403 to a new post in a channel or chat, as Teams does once the bot was removed from it.
    refuse_posts: bool = False
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    sizes: list[int] = field(default_factory=list)  # bytes of each posted activity, as it came over the wire

    def sent(self) -> list[dict[str, Any]]:
        """The activities the bot posted (replies, sends and proactive posts), in order."""
        return [body for method, path, body in self.calls if method == "POST" and "/activities" in path]

    async def handle(self, request: web.Request) -> web.Response:
        raw = await request.read() if request.can_read_body else b""
        body = json.loads(raw) if raw else None
        path = unquote(request.path)
        if request.method == "POST" and "/activities" in path:
            self.sizes.append(len(raw))
        self.calls.append((request.method, path, body))
        if request.method == "GET" and "/members/" in path:
            return web.json_response({"id": path.rsplit("/", 1)[1], "name": "Member", "aadObjectId": "aad-member"})
        if self.refuse_posts and request.method == "POST" and "/activities" in path:
            error = {"code": "BotNotInConversationRoster", "message": "The bot is not part of the conversation roster."}
            return web.json_response({"error": error}, status=403)
        if request.method == "POST" and path.rstrip("/") == "/v3/conversations":
            if self.refuse_private:
                error = {"code": "Forbidden", "message": "The bot is not installed for this user"}
                return web.json_response({"error": error}, status=403)
            return web.json_response({"id": f"a:private-{next(self._ids)}"})
        return web.json_response({"id": f"activity-{next(self._ids)}"})


@dataclass
class Server:
    url: str
    app: App
    connector: Connector

    async def post(self, activity: dict[str, Any], headers: dict[str, str] | None = None) -> tuple[int, Any]:
        async with (
            aiohttp.ClientSession() as session,
            session.post(f"{self.url}/api/messages", json=activity, headers=headers) as response,
        ):
            text = await response.text()
            is_json = response.content_type == "application/json" and text not in ("", "null")
            return response.status, (await response.json() if is_json else None)


@contextlib.asynccontextmanager
async def running_connector() -> AsyncIterator[Connector]:
    """A recording stand-in for the Bot Framework connector, on a loopback port."""
    mock = Connector()
    web_app = web.Application()
    web_app.router.add_route("*", "/{tail:.*}", mock.handle)
    runner, mock.url = await serve(web_app)
    try:
        yield mock
    finally:
        await runner.cleanup()


async def serve(web_app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(web_app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    return runner, f"http://127.0.0.1:{port}"


async def start_server(connector: Connector, database: Path, **settings: Any) -> tuple[web.AppRunner, Server]:
    """guidebot serving Teams on a loopback port; ``kb_path`` defaults to the evaluation KB."""
    kb = str(settings.pop("kb_path", EVAL_KB))
    app = build_app(Settings(kb_path=kb, database_url=f"sqlite:///{database}", **settings))
    runner, url = await serve(await create_web_app(app))
    return runner, Server(url, app, connector)


def activity(
    connector: Connector, kind: str = "message", conversation: str = "a:personal-ann", **extra: Any
) -> dict[str, Any]:
    """A Teams activity as the Bot Framework service posts it."""
    conversation_type = extra.pop("conversation_type", "personal")
    channel_data: dict[str, Any] = {"tenant": TENANT}
    if conversation_type == "channel":
        channel_data |= {"team": {"id": "19:team@thread.tacv2", "name": "Comms"}, "channel": {"id": conversation}}
    out: dict[str, Any] = {
        "type": kind,
        "id": f"act-{kind}-1",
        "timestamp": "2026-11-02T09:00:00.000Z",
        "serviceUrl": connector.url + "/",
        "channelId": "msteams",
        "from": USER,
        "recipient": BOT,
        "conversation": {"id": conversation, "conversationType": conversation_type, "tenantId": TENANT["id"]},
        "channelData": channel_data,
        "locale": "en-US",
    }
    out.update(extra)
    return out


def card_of(sent: dict[str, Any]) -> dict[str, Any]:
    attachments = sent.get("attachments") or []
    assert attachments, f"no card in {sent}"
    assert attachments[0]["contentType"] == "application/vnd.microsoft.card.adaptive"
    return dict(attachments[0]["content"])


def card_text(card: Any) -> str:
    """Every text a card shows (texts, fact titles and values, action titles) as shown, joined."""
    return "\n".join(shown.text for shown in card_texts(card))


GOLDEN = Path(__file__).with_name("golden")
