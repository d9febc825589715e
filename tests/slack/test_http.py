"""Slack over HTTP: signatures, url_verification, retries and the acknowledgement budget."""

from __future__ import annotations

import asyncio
import json
import logging
import uuid

import pytest

from adapters.slack.inbound import MAX_AGE, Rejected, verify
from bot.domain.replies import NoticeReply
from tests.hostile import rejections

from .conftest import Slack
from .support import SECRET, WAIT, blocks_text, command_body, dm_event, event_body, signed


async def _authorized(slack: Slack) -> None:
    """A running bot: its one auth.test done (by a signed event it does not answer)."""
    reaction = {"type": "reaction_added", "user": "U1", "reaction": "tada", "item": {"channel": "D1"}}
    assert (await slack.event(event_body(reaction))).status == 200
    assert len(slack.mock.named("auth.test")) == 1


async def _only_the_marker_is_answered(slack: Slack, event_id: str, caplog: pytest.LogCaptureFixture) -> None:
    """A correctly signed "policy help" with the refused request's event id: it is answered, and alone.

    Had the refused request reached bolt, it got there first: it took the event id (the marker
    is then dropped as a retry and the refused request's reply is the post) or, at worst, it
    was dropped as a retry of the marker (which is logged).
    """
    resp = await slack.event(event_body(dm_event("policy help"), event_id))
    assert resp.status == 200
    (post,) = await slack.mock.wait_for("chat.postMessage")
    assert post.body["channel"] == "D1" and "policy list" in blocks_text(post.body)
    assert [c.method for c in slack.mock.calls if c.method not in ("auth.test", "users.info")] == ["chat.postMessage"]
    assert "already handled" not in caplog.text


async def test_bad_signature_is_refused_nothing_is_sent_and_nothing_logged(
    slack: Slack, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await _authorized(slack)
    event_id = f"EvForged{uuid.uuid4().hex}"
    resp = await slack.event(event_body(dm_event("my draft: Project Bluefin"), event_id), secret="wrong-secret")
    assert resp.status == 401
    await _only_the_marker_is_answered(slack, event_id, caplog)
    assert "signature" in caplog.text and "Bluefin" not in caplog.text


async def test_stale_signature_is_refused(slack: Slack, caplog: pytest.LogCaptureFixture) -> None:
    """A replay of a request Slack signed 6 minutes ago."""
    caplog.set_level(logging.INFO)
    await _authorized(slack)
    event_id = f"EvStale{uuid.uuid4().hex}"
    resp = await slack.event(event_body(dm_event("policy show AC-WORKTIME"), event_id), age=6 * 60)
    assert resp.status == 401
    await _only_the_marker_is_answered(slack, event_id, caplog)


async def test_the_replay_window_is_enforced_before_bolt(slack: Slack, caplog: pytest.LogCaptureFixture) -> None:
    """Refused by guidebot's own check (bolt would refuse it too, later, without saying why)."""
    caplog.set_level(logging.INFO)
    resp = await slack.form(command_body("/policy", "help", slack.mock), age=6 * 60)
    assert resp.status == 401
    assert rejections(caplog) == ["slack request refused (401): stale timestamp"]


@pytest.mark.parametrize(("age", "fresh"), [(MAX_AGE, True), (MAX_AGE + 1, False), (-MAX_AGE - 1, False)])
def test_verify_accepts_a_signature_only_within_five_minutes_either_way(age: int, fresh: bool) -> None:
    raw = b'{"type": "event_callback"}'
    headers = signed(raw.decode(), "application/json")
    signed_at = int(headers["X-Slack-Request-Timestamp"])
    if fresh:
        verify(raw, headers, SECRET, now=lambda: signed_at + age)
        return
    with pytest.raises(Rejected) as refused:
        verify(raw, headers, SECRET, now=lambda: signed_at + age)
    assert refused.value == Rejected(401, "stale timestamp")


async def test_unsigned_request_is_refused(slack: Slack) -> None:
    resp = await slack.client.post("/slack/events", data=b"{}", headers={"Content-Type": "application/json"})
    assert resp.status == 401


async def test_url_verification_echoes_the_challenge(slack: Slack) -> None:
    body = json.dumps({"type": "url_verification", "challenge": "c-123", "token": "legacy"})
    resp = await slack.event(body)
    assert resp.status == 200
    assert (await resp.json())["challenge"] == "c-123"


async def test_healthz_lists_slack(slack: Slack) -> None:
    resp = await slack.client.get("/healthz")
    assert "slack" in (await resp.json())["platforms"]


async def test_a_retried_event_is_answered_once(slack: Slack) -> None:
    body = event_body(dm_event("policy show AC-WORKTIME"), event_id="EvRetry")
    first = await slack.event(body)
    await slack.mock.wait_for("chat.postMessage")
    retry = await slack.event(body, retry=1)
    again = await slack.event(body, retry=2)
    assert (first.status, retry.status, again.status) == (200, 200, 200)
    # A later, different event proves the retries had their chance to (wrongly) post first.
    await slack.event(event_body(dm_event("policy list"), event_id="EvOther"))
    posts = await slack.mock.wait_for("chat.postMessage", 2)
    assert len(posts) == 2
    assert "AC-WORKTIME" in blocks_text(posts[0].body)


async def test_a_retry_of_an_event_never_seen_is_processed(slack: Slack) -> None:
    resp = await slack.event(event_body(dm_event("policy show AC-PRIVACY"), event_id="EvLost"), retry=1)
    assert resp.status == 200
    (post,) = await slack.mock.wait_for("chat.postMessage")
    assert "AC-PRIVACY" in blocks_text(post.body)


async def test_command_is_acknowledged_before_the_work_is_done(slack: Slack) -> None:
    """By design, not by the clock: the result's delivery is held, yet the ack arrives."""
    slack.mock.hold = asyncio.Event()
    resp = await asyncio.wait_for(slack.form(command_body("/checkpost", "Our Q3 numbers look great", slack.mock)), WAIT)
    assert resp.status == 200
    assert await resp.text() == ""  # the bare ack; the result comes by response_url
    assert slack.mock.answered("response_url") == []
    slack.mock.hold.set()
    (result,) = await slack.mock.wait_for("response_url")
    assert result.body["response_type"] == "ephemeral"


async def test_event_is_acknowledged_before_the_answer_is_posted(slack: Slack) -> None:
    slack.mock.hold = asyncio.Event()
    resp = await asyncio.wait_for(slack.event(event_body(dm_event("policy help"))), WAIT)
    assert resp.status == 200
    assert slack.mock.answered("chat.postMessage") == []
    slack.mock.hold.set()
    await slack.mock.wait_for("chat.postMessage")


async def test_unhandled_events_get_200_not_404(slack: Slack) -> None:
    resp = await slack.event(event_body({"type": "reaction_added", "user": "U1", "reaction": "tada"}, "EvR"))
    assert resp.status == 200
    channel_message = event_body(dm_event("hello", channel_type="channel", channel="C1"), "EvC")
    assert (await slack.event(channel_message)).status == 200


async def test_the_bots_own_and_other_bots_messages_are_ignored(slack: Slack) -> None:
    await slack.event(event_body(dm_event("policy help", user="UBOT", bot_id="BBOT"), "EvSelf"))
    await slack.event(event_body(dm_event("policy help", bot_id="BOTHER", subtype="bot_message"), "EvBot"))
    await slack.event(event_body(dm_event("policy help", subtype="message_changed"), "EvEdit"))
    await slack.event(event_body(dm_event("policy list"), "EvReal"))
    posts = await slack.mock.wait_for("chat.postMessage")
    assert len(posts) == 1
    assert "AC-SCOPE" in blocks_text(posts[0].body)  # the list, not the help


async def test_rate_limited_post_is_retried(slack: Slack) -> None:
    slack.mock.rate_limited["chat.postMessage"] = 1
    await slack.event(event_body(dm_event("policy show AC-WORKTIME"), "Ev429"))
    (post,) = await slack.mock.wait_for("chat.postMessage")
    attempts = [c.status for c in slack.mock.calls if c.method == "chat.postMessage"]
    assert attempts == [429, 200]
    assert "AC-WORKTIME" in blocks_text(post.body)


async def test_mount_registers_the_sender_and_the_admin_check(slack: Slack) -> None:
    slack.mock.users = {"UADMIN": {"is_admin": True}, "UPLAIN": {}}
    check = slack.app.admin_checks["slack"]
    assert [await check("UADMIN"), await check("UPLAIN")] == [True, False]
    ts = await slack.app.senders["slack"].post("C3", NoticeReply("en", "hello"))
    (post,) = slack.mock.answered("chat.postMessage")
    assert post.body["channel"] == "C3" and ts
