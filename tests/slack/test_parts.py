"""The adapter's small parts: Slack text decoding, event de-duplication, sender, admin check."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from adapters.slack.bolt_app import web_client
from adapters.slack.dedupe import SeenEvents
from adapters.slack.mrkdwn import clip, escape, from_slack, strip_mention
from adapters.slack.sender import SlackSender, user_is_admin
from adapters.slack.views import checkpost_modal, submitted_draft, submitted_metadata
from bot.domain.replies import NoticeReply
from bot.runtime.settings import Settings

from .support import BOT_TOKEN, MockSlack, blocks_text, start_mock


def test_from_slack_decodes_links_mentions_and_entities() -> None:
    raw = "See <https://ex.com/a?b=1&amp;c=2|ex.com> by <@U123> in <#C42|general> &lt;3 &amp; <!here>"
    assert from_slack(raw) == "See https://ex.com/a?b=1&c=2 by @U123 in #general <3 & @here"
    assert from_slack("remind <#C42|general> every monday 09:00", keep_channels=True) == (
        "remind <#C42|general> every monday 09:00"
    )


def test_strip_mention_removes_only_the_bot() -> None:
    assert strip_mention("<@UBOT> can I tag <@U2>?", "UBOT") == "can I tag <@U2>?"
    assert strip_mention("  <@UBOT|guidebot>   hello", None) == "hello"


def test_escape_and_clip() -> None:
    assert escape("a & <b>") == "a &amp; &lt;b&gt;"
    assert clip("abc", 3) == "abc"
    assert clip(escape("x" * 8 + "&y"), 10) == "x" * 8 + "…"  # never half an entity


def test_seen_events_answers_once_and_forgets_after_ttl() -> None:
    now = [0.0]
    seen = SeenEvents(capacity=3, ttl=60, clock=lambda: now[0])
    assert seen.first_time("E1") and not seen.first_time("E1")
    now[0] = 61
    assert seen.first_time("E1")  # expired, so taken again
    for i in range(10):
        seen.first_time(f"X{i}")
    assert len(seen) == 3  # bounded


def test_modal_round_trip() -> None:
    view = checkpost_modal("ja", {"channel_id": "C1", "response_url": "https://hooks/x"})
    assert len(view["title"]["text"]) <= 24
    view["state"] = {"values": {"draft": {"draft": {"value": "下書き"}}}}
    assert submitted_draft(view) == "下書き"
    assert submitted_metadata(view) == {"channel_id": "C1", "response_url": "https://hooks/x"}
    assert submitted_metadata({"private_metadata": "not json"}) == {}


@pytest.fixture
async def api() -> AsyncIterator[MockSlack]:
    mock, server = await start_mock()
    yield mock
    await server.close()


async def test_sender_posts_and_updates_rendered_replies(api: MockSlack) -> None:
    sender = SlackSender(web_client(Settings(slack_bot_token=BOT_TOKEN, slack_api_url=f"{api.url}/api/")))
    ts = await sender.post("C5", NoticeReply("en", "Reminder: read AC-PRIVACY"))
    await sender.update("C5", ts, NoticeReply("en", "Reminder (updated)"))
    (post,) = api.answered("chat.postMessage")
    (update,) = api.answered("chat.update")
    assert post.body["channel"] == "C5" and "read AC-PRIVACY" in blocks_text(post.body)
    assert update.body["ts"] == ts and "updated" in blocks_text(update.body)
    assert post.headers["Authorization"] == f"Bearer {BOT_TOKEN}"


async def test_user_is_admin_reads_users_info(api: MockSlack) -> None:
    api.users = {"UA": {"is_admin": True}, "UO": {"is_owner": True}, "UN": {"is_admin": False}}
    client = web_client(Settings(slack_bot_token=BOT_TOKEN, slack_api_url=f"{api.url}/api/"))
    assert [await user_is_admin(client, u) for u in ("UA", "UO", "UN", "UNKNOWN")] == [True, True, False, False]
