"""Test helpers: a local Slack Web API that records calls, and requests signed like Slack's."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from aiohttp import WSMsgType, web
from aiohttp.test_utils import TestServer
from slack_sdk.signature import SignatureVerifier

from tests.surfaces import slack_texts

SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test"
APP_TOKEN = "xapp-test"
BOT_USER = "UBOT"
EVAL_KB = Path(__file__).resolve().parents[1] / "fixtures" / "eval" / "kb"
BUNDLED_KB = Path(__file__).resolve().parents[2] / "knowledge"
WAIT = 10.0  # a guard against hangs, not a timing assertion


@dataclass
class Call:
    method: str  # Web API method, or "response_url"
    body: dict[str, Any]
    headers: dict[str, str]
    status: int = 200
    target: str = ""  # the id in a response_url's path


@dataclass
class MockSlack:
    """The Slack Web API and response_url endpoints on 127.0.0.1, recording every call."""

    calls: list[Call] = field(default_factory=list)
    done: list[Call] = field(default_factory=list)  # calls that were answered
    rate_limited: dict[str, int] = field(default_factory=dict)  # method -> 429s still to give
    errors: dict[str, str] = field(default_factory=dict)  # method -> Slack error to answer
    expired: set[str] = field(default_factory=set)  # response_url ids answered 404 expired_url
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    channel_names: dict[str, str] = field(default_factory=dict)  # conversations.info
    hold: asyncio.Event | None = None  # when set, answers (except auth.test) wait for it
    auth_hold: asyncio.Event | None = None  # when set, auth.test answers wait for it
    socket_frames: list[dict[str, Any]] = field(default_factory=list)  # envelopes to push over Socket Mode
    socket_acks: list[dict[str, Any]] = field(default_factory=list)
    url: str = ""
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    def app(self) -> web.Application:
        web_app = web.Application()
        web_app.router.add_route("*", "/api/{method}", self.web_api)  # users.info is a GET
        web_app.router.add_post("/response/{id}", self.response_url)
        web_app.router.add_get("/socket", self.socket)
        return web_app

    def named(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and c.status == 200]

    def answered(self, method: str) -> list[Call]:
        return [c for c in self.done if c.method == method]

    async def wait_for(self, method: str, count: int = 1) -> list[Call]:
        """Wait until ``count`` calls of ``method`` were answered."""

        async def reached() -> list[Call]:
            async with self._changed:
                await self._changed.wait_for(lambda: len(self.answered(method)) >= count)
            return self.answered(method)

        return await asyncio.wait_for(reached(), WAIT)

    async def wait_for_call(self, method: str) -> None:
        """Wait until ``method`` was called (answered or not)."""

        async def reached() -> None:
            async with self._changed:
                await self._changed.wait_for(lambda: any(c.method == method for c in self.calls))

        await asyncio.wait_for(reached(), WAIT)

    async def wait_for_any(self, *methods: str) -> Call:
        """Wait until a call of one of ``methods`` was answered; the first such call."""

        def first() -> Call | None:
            return next((c for c in self.done if c.method in methods), None)

        async def reached() -> Call:
            async with self._changed:
                await self._changed.wait_for(lambda: first() is not None)
            call = first()
            assert call is not None
            return call

        return await asyncio.wait_for(reached(), WAIT)

    async def _record(self, call: Call, answered: bool = False) -> None:
        async with self._changed:
            (self.done if answered else self.calls).append(call)
            self._changed.notify_all()

    async def web_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        call = Call(method, await _body(request), dict(request.headers))
        if self.rate_limited.get(method):
            self.rate_limited[method] -= 1
            call.status = 429
            await self._record(call)
            return web.json_response({"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": "0"})
        await self._record(call)
        if self.hold is not None and method != "auth.test":
            await self.hold.wait()
        if self.auth_hold is not None and method == "auth.test":
            await self.auth_hold.wait()
        answer = self._answer(method, call.body)
        await self._record(call, answered=True)
        return web.json_response(answer)

    def _answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        if method in self.errors:
            return {"ok": False, "error": self.errors[method]}
        if method == "auth.test":
            return {"ok": True, "user_id": BOT_USER, "bot_id": "BBOT", "team_id": "T1", "user": "guidebot"}
        if method in ("chat.postMessage", "chat.update"):
            return {"ok": True, "channel": body.get("channel"), "ts": body.get("ts") or f"{len(self.calls)}.000100"}
        if method == "users.info":
            user = self.users.get(str(body.get("user")))
            return (
                {"ok": True, "user": {"id": body.get("user"), **user}}
                if user
                else {"ok": False, "error": "user_not_found"}
            )
        if method == "conversations.info":
            channel = str(body.get("channel"))
            return {"ok": True, "channel": {"id": channel, "name": self.channel_names.get(channel, channel.lower())}}
        if method == "apps.connections.open":
            return {"ok": True, "url": self.url.replace("http://", "ws://") + "/socket"}
        return {"ok": True}

    async def response_url(self, request: web.Request) -> web.Response:
        call = Call("response_url", await _body(request), dict(request.headers), target=request.match_info["id"])
        if call.target in self.expired:  # Slack's answer once the URL's 30 minutes (or 5 uses) are over
            call.status = 404
            await self._record(call)
            return web.Response(status=404, text="expired_url")
        await self._record(call)
        if self.hold is not None:
            await self.hold.wait()
        await self._record(call, answered=True)
        return web.Response(text="ok")

    async def socket(self, request: web.Request) -> web.WebSocketResponse:
        """A Socket Mode connection: hello, the queued envelopes, then record the acks."""
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"type": "hello", "num_connections": 1})
        for frame in self.socket_frames:
            await ws.send_json(frame)
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                await self._record(Call("socket_ack", json.loads(message.data), {}), answered=True)
        return ws


async def _body(request: web.Request) -> dict[str, Any]:
    if request.method == "GET":
        return dict(request.query)
    raw = await request.text()
    if request.content_type == "application/json":
        return json.loads(raw) if raw else {}
    return dict(parse_qsl(raw))


async def start_mock() -> tuple[MockSlack, TestServer]:
    mock = MockSlack()
    server = TestServer(mock.app(), host="127.0.0.1", port=0)
    await server.start_server()
    mock.url = str(server.make_url("")).rstrip("/")
    return mock, server


# -- requests signed like Slack's ------------------------------------------------------


def signed(body: str, content_type: str, *, secret: str = SECRET, age: int = 0, retry: int = 0) -> dict[str, str]:
    """Headers for ``body`` signed with ``secret``, ``age`` seconds ago."""
    ts = str(int(time.time()) - age)
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": SignatureVerifier(secret).generate_signature(timestamp=ts, body=body),
    }
    if retry:
        headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
    return headers


def signed_bytes(body: bytes, content_type: str, *, secret: str = SECRET) -> dict[str, str]:
    """Headers for a body that need not be UTF-8 (Slack signs the bytes: ``v0:TS:BODY``)."""
    ts = str(int(time.time()))
    digest = hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v0=" + digest}


def command_body(command: str, text: str, mock: MockSlack, *, user: str = "U1", channel: str = "C1") -> str:
    return urlencode(
        {
            "token": "legacy",
            "team_id": "T1",
            "channel_id": channel,
            "channel_name": "general",
            "user_id": user,
            "command": command,
            "text": text,
            "api_app_id": "A1",
            "response_url": f"{mock.url}/response/cmd",
            "trigger_id": "trigger-1",
        }
    )


def event_body(event: dict[str, Any], event_id: str | None = None) -> str:
    """An Events API envelope; each gets its own ``event_id`` unless one is given (a retry
    repeats its event's id; the ids taken are kept in the database, which tests share)."""
    return json.dumps(
        {
            "token": "legacy",
            "team_id": "T1",
            "api_app_id": "A1",
            "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex}",
            "event_time": int(time.time()),
            "event": event,
        }
    )


def payload_body(payload: dict[str, Any]) -> str:
    return urlencode({"payload": json.dumps(payload)})


def dm_event(text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "message", "channel_type": "im", "channel": "D1", "user": "U1", "text": text, "ts": "1.1", **extra}


def blocks_text(message: dict[str, Any]) -> str:
    """Every text of a rendered message as Slack shows it, joined: for assertions on what a person reads."""
    blocks = message.get("blocks")
    if isinstance(blocks, str):
        message = {**message, "blocks": json.loads(blocks)}
    return "\n".join(shown.text for shown in slack_texts(message))
