"""Slack conversations end to end: questions, /checkpost, the modal, the shortcut, buttons."""

from __future__ import annotations

import asyncio
import json
import logging
import re

import pytest

from bot.assistant.dispatch import CommandContext, CommandSpec
from bot.domain.commands import ButtonPress
from bot.domain.replies import NoticeReply, Reply

from .conftest import Slack
from .support import BOT_USER, blocks_text, command_body, dm_event, event_body, payload_body

DRAFT_EN = "I think our new app beats Globex. Internal only: Project Bluefin ships in May. Mail jane.doe@example.com"
DRAFT_JA = "正直うちの新製品は微妙だと思う。社外秘の資料も見せたい。連絡は yui.sato@example.com まで"


async def test_dm_question_is_answered_with_clause_and_buttons(slack: Slack) -> None:
    await slack.event(event_body(dm_event("can I log into my personal Facebook on the work laptop?")))
    (post,) = await slack.mock.wait_for("chat.postMessage")
    assert post.body["channel"] == "D1"
    text = blocks_text(post.body)
    (actions,) = [b for b in post.body["blocks"] if b["type"] == "actions"]
    buttons = [(e["action_id"], e["value"]) for e in actions["elements"]]
    clause = buttons[0][1]
    assert buttons == [("helpful_yes", clause), ("helpful_no", clause)]
    assert clause in text and "Clause" in text  # the answer names the clause the buttons rate


async def test_mention_is_answered_in_the_thread_without_the_mention(slack: Slack) -> None:
    event = {
        "type": "app_mention",
        "channel": "C1",
        "user": "U1",
        "ts": "1700000000.000100",
        "text": f"<@{BOT_USER}> can I log into my personal Facebook on the work laptop?",
    }
    await slack.event(event_body(event, "EvMention"))
    (post,) = await slack.mock.wait_for("chat.postMessage")
    assert post.body["channel"] == "C1"
    assert post.body["thread_ts"] == "1700000000.000100"
    text = blocks_text(post.body)
    assert re.search(r"Clause AC-[A-Z-]+", text) and f"<@{BOT_USER}>" not in text


async def test_a_check_asked_by_mention_is_shown_only_to_the_asker(slack: Slack) -> None:
    event = {
        "type": "app_mention",
        "channel": "C1",
        "user": "U1",
        "ts": "5.5",
        "text": f"<@{BOT_USER}> checkpost {DRAFT_EN}",
    }
    await slack.event(event_body(event, "EvMentionCheck"))
    (private,) = await slack.mock.wait_for("chat.postEphemeral")
    assert (private.body["channel"], private.body["user"], private.body["thread_ts"]) == ("C1", "U1", "5.5")
    assert slack.mock.named("chat.postMessage") == []


async def test_japanese_question_gets_a_japanese_answer(slack: Slack) -> None:
    await slack.event(event_body(dm_event("サブ垢で自社製品をべた褒めするのはアリ?"), "EvJa"))
    (post,) = await slack.mock.wait_for("chat.postMessage")
    text = blocks_text(post.body)
    assert re.search(r"AC-[A-Z-]+", text)  # which clause is the matcher's business, not this test's
    assert "条項" in text and "この回答は役に立ちましたか" in text and "はい" in text


async def test_checkpost_with_text_replies_ephemerally_with_findings(slack: Slack) -> None:
    resp = await slack.form(command_body("/checkpost", DRAFT_EN, slack.mock))
    assert resp.status == 200
    (result,) = await slack.mock.wait_for("response_url")
    assert result.body["response_type"] == "ephemeral"
    text = blocks_text(result.body)
    assert "Do not post this" in text
    for clause in ("AC-CONFIDENTIAL", "AC-OPINION", "AC-PRIVACY"):
        assert clause in text
    assert "jane.doe@example.com" not in text  # masked


async def test_checkpost_in_japanese(slack: Slack) -> None:
    await slack.form(command_body("/checkpost", DRAFT_JA, slack.mock))
    (result,) = await slack.mock.wait_for("response_url")
    text = blocks_text(result.body)
    assert "このままでは投稿できません" in text and "直し方" in text
    assert "yui.sato@example.com" not in text


async def test_empty_checkpost_opens_the_modal(slack: Slack) -> None:
    resp = await slack.form(command_body("/checkpost", "", slack.mock))
    assert resp.status == 200
    (opened,) = await slack.mock.wait_for("views.open")
    assert opened.body["trigger_id"] == "trigger-1"
    view = opened.body["view"] if isinstance(opened.body["view"], dict) else json.loads(opened.body["view"])
    assert view["callback_id"] == "checkpost_modal"
    element = view["blocks"][0]["element"]
    assert element["type"] == "plain_text_input" and element["multiline"] is True
    assert json.loads(view["private_metadata"])["channel_id"] == "C1"


async def test_modal_submission_gets_the_result_privately(slack: Slack) -> None:
    metadata = json.dumps({"channel_id": "C1", "response_url": f"{slack.mock.url}/response/modal"})
    payload = {
        "type": "view_submission",
        "team": {"id": "T1"},
        "user": {"id": "U1"},
        "api_app_id": "A1",
        "trigger_id": "trigger-2",
        "view": {
            "id": "V1",
            "type": "modal",
            "callback_id": "checkpost_modal",
            "private_metadata": metadata,
            "state": {"values": {"draft": {"draft": {"type": "plain_text_input", "value": DRAFT_EN}}}},
        },
    }
    resp = await slack.form(payload_body(payload))
    assert resp.status == 200
    assert await resp.text() == ""  # the modal closes
    (result,) = await slack.mock.wait_for("response_url")
    assert result.body["response_type"] == "ephemeral"
    assert "AC-CONFIDENTIAL" in blocks_text(result.body)


async def test_modal_submission_without_response_url_posts_ephemeral_in_the_channel(slack: Slack) -> None:
    payload = {
        "type": "view_submission",
        "user": {"id": "U1"},
        "team": {"id": "T1"},
        "view": {
            "type": "modal",
            "callback_id": "checkpost_modal",
            "private_metadata": json.dumps({"channel_id": "C9"}),
            "state": {"values": {"draft": {"draft": {"value": "Views are my own. Lovely day at the beach!"}}}},
        },
    }
    await slack.form(payload_body(payload))
    (result,) = await slack.mock.wait_for("chat.postEphemeral")
    assert (result.body["channel"], result.body["user"]) == ("C9", "U1")
    assert "Looks good to post" in blocks_text(result.body)


async def test_message_shortcut_checks_that_message_for_the_clicker(slack: Slack) -> None:
    payload = {
        "type": "message_action",
        "callback_id": "check_post",
        "team": {"id": "T1"},
        "user": {"id": "U7"},
        "channel": {"id": "C1"},
        "trigger_id": "trigger-3",
        "response_url": f"{slack.mock.url}/response/shortcut",
        "message": {"type": "message", "user": "U2", "ts": "9.9", "text": "Mail me at bob&amp;co@example.com &lt;3"},
    }
    resp = await slack.form(payload_body(payload))
    assert resp.status == 200
    (result,) = await slack.mock.wait_for("response_url")
    assert result.body["response_type"] == "ephemeral"
    assert "AC-PRIVACY" in blocks_text(result.body)


async def test_shortcut_on_a_message_without_text(slack: Slack) -> None:
    payload = {
        "type": "message_action",
        "callback_id": "check_post",
        "user": {"id": "U7"},
        "channel": {"id": "C1"},
        "response_url": f"{slack.mock.url}/response/empty",
        "message": {"type": "message", "ts": "9.9", "text": ""},
    }
    await slack.form(payload_body(payload))
    (result,) = await slack.mock.wait_for("response_url")
    assert "no text I can check" in blocks_text(result.body)


async def test_helpful_buttons_thank_and_call_the_feedback_hook(slack: Slack) -> None:
    seen: list[tuple[str, str, str, bool]] = []

    real = slack.app.dispatcher.actions["helpful"]

    async def feedback(press: ButtonPress) -> Reply | None:
        seen.append((press.platform, press.user_id, press.value("clause"), press.value("helpful") == "yes"))
        return await real(press)

    slack.app.dispatcher.add_action("helpful", feedback)
    for action_id, lang in (("helpful_yes", "en"), ("helpful_no", "ja")):
        payload = {
            "type": "block_actions",
            "team": {"id": "T1"},
            "user": {"id": "U1"},
            "channel": {"id": "D1"},
            "response_url": f"{slack.mock.url}/response/{action_id}",
            "actions": [
                {"type": "button", "action_id": action_id, "block_id": f"helpful|{lang}", "value": "AC-WORKTIME"}
            ],
        }
        assert (await slack.form(payload_body(payload))).status == 200
    thanks = await slack.mock.wait_for("response_url", 2)
    texts = sorted(blocks_text(t.body) for t in thanks)
    assert "Thanks for the feedback" in texts[0] and "フィードバックありがとうございます" in texts[1]
    assert sorted(seen) == [("slack", "U1", "AC-WORKTIME", False), ("slack", "U1", "AC-WORKTIME", True)]


async def test_policy_command_and_registered_subcommands(slack: Slack) -> None:
    received: list[str] = []

    async def echo(ctx: CommandContext) -> Reply:
        received.append(ctx.args)
        return NoticeReply(ctx.lang, f"echo from {ctx.incoming.platform}")

    slack.app.dispatcher.add_command(CommandSpec("echo", echo))
    await slack.form(command_body("/policy", "show AC-PRIVACY", slack.mock))
    await slack.form(command_body("/policy", "echo <#C42|general> hi &amp; bye", slack.mock))
    results = await slack.mock.wait_for("response_url", 2)
    texts = [blocks_text(r.body) for r in results]
    assert any("AC-PRIVACY" in t for t in texts)
    assert any("echo from slack" in t for t in texts)
    # Channel references keep Slack's form, with the id that reminders post to.
    assert received == ["<#C42|general> hi & bye"]
    assert all(r.body["response_type"] == "ephemeral" for r in results)


async def test_a_failure_becomes_a_short_apology_without_the_draft_in_the_log(
    slack: Slack, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(draft: str, lang: str | None = None) -> Reply:
        raise RuntimeError("core exploded")

    caplog.set_level(logging.INFO)  # production's level; Slack's libraries log bodies at DEBUG
    await slack.form(command_body("/checkpost", "fine draft: Kestrel launch", slack.mock))
    await slack.mock.wait_for("response_url")
    slack.app.bot.check = broken  # type: ignore[method-assign]
    await slack.form(command_body("/checkpost", "secret plan: Project Bluefin", slack.mock))
    results = await slack.mock.wait_for("response_url", 2)
    assert "Sorry, something went wrong" in blocks_text(results[1].body)
    assert "Bluefin" not in caplog.text and "Kestrel" not in caplog.text
    assert "command failed" in caplog.text  # the failure itself is logged


async def test_a_channel_the_bot_joins_is_named_in_the_report(slack: Slack) -> None:
    slack.mock.channel_names["C0GEN"] = "general"
    joined = {"type": "member_joined_channel", "user": BOT_USER, "channel": "C0GEN", "team": "T1"}
    other = {"type": "member_joined_channel", "user": "U2", "channel": "C0RANDOM", "team": "T1"}
    for i, event in enumerate((joined, other)):
        assert (await slack.event(event_body(event, f"EvJoin{i}"))).status == 200
    await slack.mock.wait_for("conversations.info")

    async def recorded() -> dict[str, str | None]:
        while not (rows := await slack.app.storage.conversations.all()):  # noqa: ASYNC110 (a database row, no event)
            await asyncio.sleep(0.01)  # the listener stores the name after Slack's answer
        return {key: meta.get("name") for key, _, meta in rows}

    assert await asyncio.wait_for(recorded(), 10) == {"C0GEN": "#general"}  # someone else joining records nothing
