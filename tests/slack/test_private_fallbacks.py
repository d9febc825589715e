"""When Slack's private routes fail, a check result falls back to the next private one, never to the channel.

:func:`adapters.slack.delivery.deliver_private` tries the command's response_url, then an
ephemeral message in the channel, then the app's DM with the person.
"""

from __future__ import annotations

from bot.data.messages import msg

from .conftest import Slack
from .support import BOT_USER, blocks_text, command_body, event_body

DRAFT = "Big news: our team ships the new app in May. Reach me at kestrel.owner@acme-corp.co.jp for a demo."


def _is_the_check_result(message: dict[str, object]) -> bool:
    text = blocks_text(message)
    return msg("check.block", "en") in text and "k…@acme-corp.co.jp" in text and "kestrel.owner@" not in text


async def test_an_expired_response_url_falls_back_to_an_ephemeral_message(slack: Slack) -> None:
    slack.mock.expired.add("cmd")
    await slack.form(command_body("/checkpost", DRAFT, slack.mock))
    delivered = await slack.mock.wait_for_any("chat.postEphemeral", "chat.postMessage")
    assert delivered.method == "chat.postEphemeral"
    assert (delivered.body["channel"], delivered.body["user"]) == ("C1", "U1")
    assert _is_the_check_result(delivered.body)
    assert [c.status for c in slack.mock.calls if c.method == "response_url"] == [404]  # it was tried first
    assert slack.mock.named("chat.postMessage") == []


async def test_a_command_result_comes_by_dm_when_the_bot_is_not_in_the_channel(slack: Slack) -> None:
    slack.mock.expired.add("cmd")
    slack.mock.errors["chat.postEphemeral"] = "not_in_channel"
    await slack.form(command_body("/checkpost", DRAFT, slack.mock))
    (dm,) = await slack.mock.wait_for("chat.postMessage")
    assert dm.body["channel"] == "U1"  # the app's DM with the person who asked
    assert _is_the_check_result(dm.body)
    assert [c.status for c in slack.mock.calls if c.method == "response_url"] == [404]
    (ephemeral,) = slack.mock.answered("chat.postEphemeral")  # tried, and refused
    assert (ephemeral.body["channel"], ephemeral.body["user"]) == ("C1", "U1")
    assert [c.body["channel"] for c in slack.mock.calls if c.method == "chat.postMessage"] == ["U1"]


async def test_a_mentioned_draft_comes_by_dm_when_the_bot_is_not_in_the_channel(slack: Slack) -> None:
    slack.mock.errors["chat.postEphemeral"] = "not_in_channel"
    event = {"type": "app_mention", "channel": "C1", "user": "U1", "ts": "7.7", "text": f"<@{BOT_USER}> {DRAFT}"}
    await slack.event(event_body(event))
    (dm,) = await slack.mock.wait_for("chat.postMessage")
    assert dm.body["channel"] == "U1" and "thread_ts" not in dm.body
    assert _is_the_check_result(dm.body)
    assert [c.body["channel"] for c in slack.mock.calls if c.method == "chat.postMessage"] == ["U1"]
    assert [c.body["channel"] for c in slack.mock.answered("chat.postEphemeral")] == ["C1"]
