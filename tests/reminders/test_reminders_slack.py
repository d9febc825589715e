"""Reminders end to end on Slack's protocol: managers schedule, run-due posts through a real
local HTTP stand-in for the Web API (chat.postMessage), people click "I have read this"."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from slack_sdk.signature import SignatureVerifier
from sqlalchemy import select
from storage.databases import EVAL_KB

from adapters.server import create_web_app
from bot.app import App, build_app
from bot.assistant.render_text import to_text
from bot.domain.commands import Incoming, parse_command
from bot.domain.replies import NoticeReply, ReminderListReply
from bot.features.reminders.service import MAX_ATTEMPTS, ReminderService
from bot.runtime.settings import Settings

from .fake_slack import FakeSlack, start_fake_slack

SECRET = "reminder-test-secret"
MANAGER = "UMGR"
MONDAY_0859 = datetime(2026, 3, 2, 8, 59, tzinfo=UTC)  # Monday 2 March 2026
MONDAY_0900 = datetime(2026, 3, 2, 9, 0, 20, tzinfo=UTC)


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    fake, server = await start_fake_slack()
    yield fake
    await server.close()


_OPEN: list[App] = []  # apps made by slack_app(), closed after each test


@pytest.fixture(autouse=True)
def _close_apps() -> Iterator[None]:
    yield
    while _OPEN:
        _OPEN.pop().close()


async def slack_app(fake: FakeSlack, db_url: str, tz: str = "UTC", clock: datetime = MONDAY_0859) -> App:
    settings = Settings(
        kb_path=str(EVAL_KB), database_url=db_url, managers=frozenset({MANAGER}), timezone=tz,
        slack_bot_token="xoxb-test", slack_signing_secret=SECRET, slack_api_url=f"{fake.url}/api/",
    )  # fmt: skip
    app = build_app(settings)
    _WEB_APPS[id(app)] = await create_web_app(app)  # mounts Slack: its sender and admin check
    service(app).clock = lambda: clock
    _OPEN.append(app)
    return app


_WEB_APPS: dict[int, web.Application] = {}


def service(app: App) -> ReminderService:
    return app.reminders


async def say(app: App, text: str, user: str = MANAGER, channel: str = "C1") -> Any:
    return await app.dispatcher.handle(Incoming("slack", user, parse_command(text), channel, False, None, "T1"))


def deliveries(app: App) -> list[tuple[int, str, int]]:
    d = app.storage.tables.deliveries
    with app.storage.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(d.c.reminder_id, d.c.status, d.c.attempts).order_by(d.c.id))]


def ack_button(message: dict[str, Any]) -> dict[str, Any]:
    for block in message["blocks"]:
        for element in block.get("elements", []):
            if element.get("action_id") == "ack_reminder":
                return element  # type: ignore[no-any-return]
    raise AssertionError("no ack_reminder button")


async def test_manager_schedules_and_each_due_time_is_posted_once(fake: FakeSlack, db_url: str) -> None:
    app = await slack_app(fake, db_url)
    created = await say(app, "policy remind <#C9|general> every monday 09:00")
    assert isinstance(created, NoticeReply) and created.level == "success", to_text(created)
    assert "2026-03-02 09:00 UTC" in created.text

    assert (await service(app).run_due(MONDAY_0859)).sent == 0
    assert fake.named("chat.postMessage") == []
    report = await service(app).run_due(MONDAY_0900)
    assert report.sent == 1
    [posted] = fake.named("chat.postMessage")
    assert posted["channel"] == "C9"
    assert ack_button(posted)["value"] == "1:1"
    assert "AC-SCOPE" in posted["text"]  # rotation starts with the first clause of the policy
    assert (await service(app).run_due(MONDAY_0900 + timedelta(seconds=30))).sent == 0

    # A restart: a new App and Storage on the same database post nothing again.
    restarted = await slack_app(fake, db_url)
    assert (await service(restarted).run_due(MONDAY_0900 + timedelta(minutes=1))).sent == 0
    assert len(fake.named("chat.postMessage")) == 1

    # Next Monday: the next clause, and the previous post loses its button.
    assert (await service(restarted).run_due(MONDAY_0900 + timedelta(days=7))).sent == 1
    second = fake.named("chat.postMessage")[1]
    assert ack_button(second)["value"] == "1:2" and "AC-SCOPE" not in second["text"]
    [retired] = fake.named("chat.update")
    assert retired["ts"] and not any(b.get("type") == "actions" for b in retired["blocks"])
    assert deliveries(restarted) == [(1, "sent", 1), (1, "sent", 1)]

    listing = await say(restarted, "policy reminders")
    assert isinstance(listing, ReminderListReply)
    [item] = listing.items
    assert (item.id, item.deliveries, item.acks, item.next_run) == (1, 2, 0, "2026-03-16 09:00 UTC")


async def test_non_managers_are_refused_and_nothing_is_stored(fake: FakeSlack, db_url: str) -> None:
    app = await slack_app(fake, db_url)
    for command in (
        "policy remind every day 08:00",
        "policy reminders",
        "policy announce",
        "policy reminders cancel 1",
    ):
        reply = await say(app, command, user="UEMPLOYEE")
        assert isinstance(reply, NoticeReply) and reply.level == "warning"
        assert "managers only" in reply.text and "#ask-social" in reply.text
    assert app.reminders.repo.stats(active_only=False) == []
    assert fake.named("chat.postMessage") == []


async def test_slack_workspace_admins_are_managers(fake: FakeSlack, db_url: str) -> None:
    fake.admins.add("UADMIN")
    app = await slack_app(fake, db_url)
    reply = await say(app, "policy remind 毎週月曜 9:00 AC-DISCLOSE", user="UADMIN")
    assert isinstance(reply, NoticeReply) and reply.level == "success"
    assert "AC-DISCLOSE" in reply.text and "リマインダー" in reply.text  # a Japanese schedule: a Japanese reply
    assert [c["user"] for c in fake.named("users.info")] == ["UADMIN"]


async def test_unreadable_schedule_and_unknown_clause_get_help(fake: FakeSlack, db_url: str) -> None:
    app = await slack_app(fake, db_url)
    bad = await say(app, "policy remind every blursday 9")
    assert isinstance(bad, NoticeReply) and "`every monday 09:00`" in bad.text
    unknown = await say(app, "policy remind every day 09:00 AC-NOPE")
    assert isinstance(unknown, NoticeReply) and "AC-NOPE" in unknown.text
    assert app.reminders.repo.stats(active_only=False) == []


def signed_form(body: str) -> dict[str, str]:
    ts = str(int(time.time()))
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=body),
    }


async def test_the_button_click_is_counted_once_per_person(fake: FakeSlack, db_url: str) -> None:
    app = await slack_app(fake, db_url)
    await say(app, "policy remind <#C9> every day 09:00 AC-OPINION")
    await service(app).run_due(MONDAY_0900)
    value = ack_button(fake.named("chat.postMessage")[0])["value"]
    client = TestClient(TestServer(_WEB_APPS[id(app)], host="127.0.0.1"))
    await client.start_server()
    try:
        for user in ("U1", "U1", "U2"):
            payload = {
                "type": "block_actions", "team": {"id": "T1"}, "user": {"id": user}, "api_app_id": "A1",
                "channel": {"id": "C9"}, "trigger_id": "1.2", "response_url": f"{fake.url}/response/1",
                "container": {"type": "message", "channel_id": "C9", "message_ts": "1.000100"},
                "actions": [{"type": "button", "action_id": "ack_reminder", "block_id": "reminder|en", "value": value}],
            }  # fmt: skip
            body = urlencode({"payload": json.dumps(payload)})
            response = await client.post("/slack/events", data=body, headers=signed_form(body))
            assert response.status == 200
    finally:
        await client.close()
    answers = [c["text"] for c in await fake.wait_for("response_url", 3)]
    assert len(answers) == 3
    # The three clicks are answered concurrently: their replies may arrive in any order.
    assert sorted("already" if "already" in a else "recorded" if "recorded" in a else a for a in answers) == [
        "already",
        "recorded",
        "recorded",
    ]
    [stats] = app.reminders.repo.stats()
    assert (stats.deliveries, stats.acks) == (1, 2)


async def test_cancel_stops_delivery(fake: FakeSlack, db_url: str) -> None:
    app = await slack_app(fake, db_url)
    await say(app, "policy remind <#C9> every day 09:00")
    cancelled = await say(app, "policy reminders cancel 1")
    assert isinstance(cancelled, NoticeReply) and cancelled.level == "success"
    again = await say(app, "policy reminders cancel 1")
    assert isinstance(again, NoticeReply) and again.level == "warning"
    assert (await service(app).run_due(MONDAY_0900)).sent == 0
    assert fake.named("chat.postMessage") == []


async def test_late_runs_under_an_hour_are_sent_once_older_ones_recorded_missed(fake: FakeSlack, db_url: str) -> None:
    app = await slack_app(fake, db_url)
    await say(app, "policy remind <#C9> every day 09:00")
    # Down from Monday morning until Wednesday 09:40: Monday and Tuesday missed, Wednesday 40 minutes late.
    report = await service(app).run_due(datetime(2026, 3, 4, 9, 40, tzinfo=UTC))
    assert (report.sent, report.missed) == (1, 2)
    assert deliveries(app) == [(1, "missed", 0), (1, "missed", 0), (1, "sent", 1)]
    # Down again until Thursday 10:30: 90 minutes late is too late.
    report = await service(app).run_due(datetime(2026, 3, 5, 10, 30, tzinfo=UTC))
    assert (report.sent, report.missed) == (0, 1)
    assert len(fake.named("chat.postMessage")) == 1


async def test_a_failing_send_is_retried_then_given_up(fake: FakeSlack, db_url: str) -> None:
    fake.failing_channels.add("CGONE")
    app = await slack_app(fake, db_url)
    await say(app, "policy remind <#CGONE> every day 09:00")
    outcomes = []
    for minute in range(MAX_ATTEMPTS + 1):
        r = await service(app).run_due(MONDAY_0900 + timedelta(minutes=minute))
        outcomes.append((r.sent, r.failed, r.gave_up))
    assert outcomes == [(0, 1, 0), (0, 1, 0), (0, 0, 1), (0, 0, 0)]
    assert deliveries(app) == [(1, "gave_up", MAX_ATTEMPTS)]
    assert len(fake.named("chat.postMessage")) == MAX_ATTEMPTS
    fake.failing_channels.clear()  # the next due time is a fresh start
    assert (await service(app).run_due(MONDAY_0900 + timedelta(days=1))).sent == 1


async def test_daylight_saving_keeps_local_time(fake: FakeSlack, db_url: str) -> None:
    app = await slack_app(fake, db_url, tz="America/New_York", clock=datetime(2026, 3, 7, 20, tzinfo=UTC))
    await say(app, "policy remind <#C9> every day 09:00")
    assert (await service(app).run_due(datetime(2026, 3, 8, 13, 0, 5, tzinfo=UTC))).sent == 1  # 09:00 EDT
    assert (await service(app).run_due(datetime(2026, 3, 8, 14, 0, 5, tzinfo=UTC))).sent == 0  # 09:00 EST: no
    listing = await say(app, "policy reminders")
    assert isinstance(listing, ReminderListReply) and listing.items[0].next_run == "2026-03-09 09:00 EDT"


async def test_announce_posts_now_and_counts_acks(fake: FakeSlack, db_url: str) -> None:
    app = await slack_app(fake, db_url)
    done = await say(app, "policy announce <#C7|random> AC-SCOPE AC-DISCLOSE")
    assert isinstance(done, NoticeReply) and done.level == "success"
    [posted] = fake.named("chat.postMessage")
    assert posted["channel"] == "C7" and "AC-SCOPE" in posted["text"] and "AC-DISCLOSE" in posted["text"]
    reminder_id, delivery_id = (int(x) for x in ack_button(posted)["value"].split(":"))
    first = await app.reminders.acknowledge("slack", "U5", reminder_id, delivery_id)
    second = await app.reminders.acknowledge("slack", "U5", reminder_id, delivery_id)
    assert "recorded" in first.text and "already" in second.text
    assert (await service(app).run_due(MONDAY_0900 + timedelta(days=30))).sent == 0  # one-off
