"""Hostile and malformed requests to /slack/events: refused or ignored in one log line, never a 500."""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.server import AccessLog, create_web_app
from bot.app import build_app
from bot.data.messages import msg
from bot.storage import Storage
from tests.hostile import assert_no_traceback, rejections

from .conftest import Slack, slack_settings
from .support import WAIT, MockSlack, blocks_text, dm_event, event_body, payload_body, signed, signed_bytes

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"


def interactive(kind: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "user": {"id": "U1"}, "team": {"id": "T1"}, "api_app_id": "A1", **fields}


VIEW = {"type": "modal", "callback_id": "checkpost_modal", "private_metadata": "{}"}
NO_CHANNEL = {k: v for k, v in dm_event("policy help").items() if k != "channel"}

# A correctly signed payload Slack would never send: 200 (no retry), one line saying why, no reply.
SIGNED_MALFORMED = {
    "event null": (JSON, json.dumps({"type": "event_callback", "event_id": "E1", "event": None})),
    "event a string": (JSON, json.dumps({"type": "event_callback", "event_id": "E2", "event": "message"})),
    "DM without channel": (JSON, event_body(NO_CHANNEL, "E3")),
    "mention without channel": (JSON, event_body({"type": "app_mention", "user": "U1", "text": "hi", "ts": "1"}, "E4")),
    "view without type": (FORM, payload_body(interactive("view_submission", view={"callback_id": "x"}))),
    "view state null": (FORM, payload_body(interactive("view_submission", view={**VIEW, "state": None}))),
    "view values a list": (FORM, payload_body(interactive("view_submission", view={**VIEW, "state": {"values": []}}))),
    "actions not a list": (FORM, payload_body(interactive("block_actions", actions={"action_id": "helpful_yes"}))),
    "user a string": (FORM, payload_body({**interactive("message_action", callback_id="check_post"), "user": "U1"})),
    "payload without type": (FORM, payload_body({"user": {"id": "U1"}})),
}


@pytest.mark.parametrize("case", sorted(SIGNED_MALFORMED))
async def test_signed_malformed_payload_is_acknowledged_and_logged_once(
    slack: Slack, caplog: pytest.LogCaptureFixture, case: str
) -> None:
    caplog.set_level(logging.INFO)
    content_type, body = SIGNED_MALFORMED[case]
    resp = await slack.post(body, content_type)
    assert resp.status == 200
    (line,) = rejections(caplog)
    assert "ignored (200)" in line and "\n" not in line
    assert_no_traceback(caplog)
    assert [c.method for c in slack.mock.calls if c.method != "auth.test"] == []


async def test_slash_command_without_user_is_acknowledged_at_once(
    slack: Slack, caplog: pytest.LogCaptureFixture
) -> None:
    """Answered before bolt's 3-second ack timeout: it never reaches a listener."""
    caplog.set_level(logging.INFO)
    body = urlencode({"command": "/checkpost", "text": "hello", "team_id": "T1", "channel_id": "C1"})
    resp = await asyncio.wait_for(slack.form(body), 2.5)  # a hang guard below bolt's 3 s, not a timing figure
    assert resp.status == 200
    assert rejections(caplog) == ["slack request ignored (200): command: user_id is missing"]
    assert_no_traceback(caplog)


def _timestamped(ts: str) -> Callable[[bytes], dict[str, str]]:
    return lambda body: signed_bytes(body, JSON) | {"X-Slack-Request-Timestamp": ts}


def _signed_as(content_type: str, body: bytes | None = None) -> Callable[[bytes], dict[str, str]]:
    """Headers signing ``body`` (the request's own body when None) at the time of the request."""
    return lambda raw: signed_bytes(raw if body is None else body, content_type)


# Refused before anything parses the body: 401 (not from Slack) or 400 (from Slack, unreadable).
REFUSED: dict[str, tuple[bytes, Callable[[bytes], dict[str, str]], int]] = {
    "timestamp abc": (b"{}", _timestamped("abc"), 401),
    "timestamp of 400 digits": (b"{}", _timestamped("9" * 400), 401),
    "timestamp not ASCII": (b"{}", _timestamped("\u0661\u0662"), 401),
    "no signature": (b"{}", lambda _: {"Content-Type": JSON}, 401),
    "invalid UTF-8, forged": (b'{"a": "\xff\xfe"}', _signed_as(JSON, b"other"), 401),
    "invalid UTF-8, signed": (b'{"a": "\xff\xfe"}', _signed_as(JSON), 400),
    "brace but not JSON": (b"{not json", _signed_as(JSON), 400),
    "payload broken JSON": (b"payload=%7Bbroken", _signed_as(FORM), 400),
    "payload a list": (b"payload=%5B1%2C2%5D", _signed_as(FORM), 400),
    "payload a number": (b"payload=5", _signed_as(FORM), 400),
    "JSON a list": (b"[1, 2]", _signed_as(JSON), 400),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
async def test_malformed_request_is_refused_in_one_line(
    slack: Slack, caplog: pytest.LogCaptureFixture, case: str
) -> None:
    caplog.set_level(logging.INFO)
    raw, headers, status = REFUSED[case]
    resp = await slack.client.post("/slack/events", data=raw, headers=headers(raw))
    assert resp.status == status
    (line,) = rejections(caplog)
    assert f"refused ({status})" in line
    assert_no_traceback(caplog)
    assert slack.mock.calls == []


async def test_a_lone_surrogate_in_a_question_still_gets_an_answer(slack: Slack) -> None:
    question = "Does the social media policy apply to contractors and part-timers? \ud800"
    await slack.event(event_body(dm_event(question), "EvSurrogate"))
    (post,) = await slack.mock.wait_for("chat.postMessage")
    text = blocks_text(post.body)
    assert "AC-SCOPE" in text and msg("error.apology", "en") not in text


class _Applied(logging.Handler):
    """Counts bolt's "Applying <middleware>" lines for the authorization step; ``all_in`` is set at ``count``."""

    STEP = re.compile(r"^Applying \S+\.(AuthTestOnce|\w*Authorization)$")

    def __init__(self, count: int) -> None:
        super().__init__(logging.DEBUG)
        self.count = count
        self.seen = 0
        self.all_in = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if self.STEP.match(record.getMessage()):
            self.seen += 1
            if self.seen >= self.count:
                self.all_in.set()


async def test_fifty_concurrent_first_requests_make_one_auth_test(
    slack: Slack, caplog: pytest.LogCaptureFixture
) -> None:
    """The first auth.test is held until all fifty requests have entered authorization."""
    caplog.set_level(logging.DEBUG, logger="guidebot.slack.bolt")  # bolt logs each middleware it applies
    applied = _Applied(50)
    logging.getLogger("guidebot.slack.bolt").addHandler(applied)
    try:
        slack.mock.auth_hold = asyncio.Event()
        reaction = {"type": "reaction_added", "user": "U1", "reaction": "tada", "item": {"channel": "C1"}}
        sends = [asyncio.ensure_future(slack.event(event_body(reaction, f"EvAuth{i}"))) for i in range(50)]
        await slack.mock.wait_for_call("auth.test")
        await asyncio.wait_for(applied.all_in.wait(), WAIT)
        assert slack.mock.answered("auth.test") == []  # all fifty went in while the first call was held
        slack.mock.auth_hold.set()
        statuses = [r.status for r in await asyncio.gather(*sends)]
    finally:
        logging.getLogger("guidebot.slack.bolt").removeHandler(applied)
    assert statuses == [200] * 50
    assert len(slack.mock.named("auth.test")) == 1


async def test_a_flood_of_forged_requests_is_logged_in_a_few_lines(
    slack: Slack, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    body = event_body(dm_event("policy help"), "EvFlood")
    for _ in range(60):
        resp = await slack.client.post("/slack/events", data=body.encode(), headers=signed(body, JSON, secret="x"))
        assert resp.status == 401
    lines = rejections(caplog)
    assert 1 <= len(lines) < 60
    assert all("bad signature" in line for line in lines)


async def test_the_access_log_of_a_flood_of_refused_requests_is_rate_limited(
    mock: MockSlack, tmp_path: Path, storage: Storage, caplog: pytest.LogCaptureFixture
) -> None:
    """As `guidebot serve` runs it: 4xx lines of aiohttp's access log share a budget; others are all written."""
    caplog.set_level(logging.INFO)
    app = build_app(slack_settings(mock, tmp_path / "guidebot.db"), storage=storage)
    server = TestServer(await create_web_app(app), host="127.0.0.1")
    await server.start_server(access_log_class=AccessLog)
    client = TestClient(server)
    await client.start_server()
    try:
        body = event_body(dm_event("policy help"), "EvFloodAccess")
        for _ in range(60):
            forged = signed(body, JSON, secret="x")
            assert (await client.post("/slack/events", data=body.encode(), headers=forged)).status == 401
        for _ in range(30):
            assert (await client.get("/healthz")).status == 200
    finally:
        await client.close()
    access = [r.getMessage() for r in caplog.records if r.name == "aiohttp.access"]
    refused = [line for line in access if '" 401 ' in line]
    assert 1 <= len(refused) < 60
    assert len([line for line in access if "/healthz" in line]) == 30


def _button(action_id: str, value: str, block_id: str, mock: MockSlack, **fields: Any) -> str:
    actions = [{"action_id": action_id, "value": value, "block_id": block_id}]
    return payload_body(interactive("block_actions", actions=actions, response_url=f"{mock.url}/response/1", **fields))


# Fields a listener reads that Slack sends as objects, here null: treated as absent.
NULL_FIELDS = {
    "feedback, channel null": lambda mock: _button("helpful_yes", "AC-SCOPE", "helpful|en", mock, channel=None),
    "finding wrong, channel null": lambda mock: _button("finding_wrong", "x", "finding|en|1", mock, channel=None),
    "quiz answer, channel null": lambda mock: _button("quiz_answer", "Q|0", "quiz", mock, channel=None),
    "shortcut, message and channel null": lambda mock: payload_body(
        interactive(
            "message_action",
            callback_id="check_post",
            message=None,
            channel=None,
            response_url=f"{mock.url}/response/1",
        )
    ),
}


@pytest.mark.parametrize("case", sorted(NULL_FIELDS))
async def test_a_null_object_field_is_read_as_absent(slack: Slack, caplog: pytest.LogCaptureFixture, case: str) -> None:
    """The person still gets the reply (through the response URL), and nothing is logged as a failure."""
    caplog.set_level(logging.INFO)
    resp = await slack.form(NULL_FIELDS[case](slack.mock))
    assert resp.status == 200
    (reply,) = await slack.mock.wait_for("response_url")
    assert reply.body.get("response_type") == "ephemeral" and reply.body.get("text")
    assert_no_traceback(caplog)


@pytest.mark.parametrize(
    ("action_id", "value"),
    [("ack_reminder", "²:1"), ("ack_reminder", "99999999999999999999999:1"), ("quiz_answer", "x|²")],
)
async def test_numbers_no_button_makes_are_ignored(
    slack: Slack, caplog: pytest.LogCaptureFixture, action_id: str, value: str
) -> None:
    """A digit that is not a decimal one, or a number too long for an id, is no reminder or option."""
    caplog.set_level(logging.INFO)
    resp = await slack.form(_button(action_id, value, "x", slack.mock, channel={"id": "C1"}))
    assert resp.status == 200
    assert_no_traceback(caplog)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
