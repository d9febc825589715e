"""A real local HTTP server standing in for Slack's Web API (and response_url), recording calls."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web
from aiohttp.test_utils import TestServer

WAIT = 10.0  # a guard against hangs, not a timing assertion


@dataclass
class FakeSlack:
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    failing_channels: set[str] = field(default_factory=set)  # chat.postMessage answers channel_not_found
    dropping_channels: set[str] = field(default_factory=set)  # chat.postMessage posts, then drops the connection
    admins: set[str] = field(default_factory=set)
    url: str = ""
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def wait_for(self, method: str, count: int) -> list[dict[str, Any]]:
        """Wait (bounded, not timed) until ``count`` calls of ``method`` arrived: bolt answers Slack first
        and runs the listener afterwards."""

        async def reached() -> None:
            async with self._changed:
                await self._changed.wait_for(lambda: len(self.named(method)) >= count)

        await asyncio.wait_for(reached(), WAIT)
        return self.named(method)

    async def _record(self, method: str, body: dict[str, Any]) -> None:
        async with self._changed:
            self.calls.append((method, body))
            self._changed.notify_all()

    def named(self, method: str) -> list[dict[str, Any]]:
        return [body for m, body in self.calls if m == method]

    async def web_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        raw = await request.text()
        body = json.loads(raw) if request.content_type == "application/json" and raw else dict(parse_qsl(raw))
        body.update(request.query)  # users.info comes as a GET with query parameters
        await self._record(method, body)
        if method == "chat.postMessage":
            if body.get("channel") in self.failing_channels:
                return web.json_response({"ok": False, "error": "channel_not_found"})
            if body.get("channel") in self.dropping_channels and request.transport is not None:
                request.transport.close()  # the message is posted; its answer never comes
                return web.Response()
            return web.json_response({"ok": True, "channel": body["channel"], "ts": f"{len(self.calls)}.000100"})
        if method == "users.info":
            user = str(body.get("user"))
            return web.json_response({"ok": True, "user": {"id": user, "is_admin": user in self.admins}})
        if method == "auth.test":
            return web.json_response({"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1"})
        return web.json_response({"ok": True})

    async def response_url(self, request: web.Request) -> web.Response:
        await self._record("response_url", json.loads(await request.text()))
        return web.Response(text="ok")


async def start_fake_slack() -> tuple[FakeSlack, TestServer]:
    fake = FakeSlack()
    web_app = web.Application()
    web_app.router.add_route("*", "/api/{method}", fake.web_api)
    web_app.router.add_post("/response/{id}", fake.response_url)
    server = TestServer(web_app, host="127.0.0.1", port=0)
    await server.start_server()
    fake.url = str(server.make_url("")).rstrip("/")
    return fake, server
