"""Clauses offered beside an answer ("Also see"): real Slack payloads through bolt."""

from __future__ import annotations

import json
from typing import Any

from bot.data.messages import msg

from .conftest import Slack
from .support import blocks_text, dm_event, event_body, payload_body

CLOSE_QUESTION = "競合他社の悪口をXに書いてもいい?"  # close between competitors and criticism


def offered_block(message: dict[str, Any]) -> dict[str, Any]:
    blocks = message["blocks"]
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    (block,) = [b for b in blocks if b["type"] == "actions" and b["block_id"].startswith("offered|")]
    return dict(block)


async def test_an_offered_clause_button_answers_with_that_clause(slack: Slack) -> None:
    await slack.event(event_body(dm_event(CLOSE_QUESTION)))
    (post,) = await slack.mock.wait_for("chat.postMessage")
    block = offered_block(post.body)
    answered = block["block_id"].split("|")[2]
    assert block["block_id"] == f"offered|ja|{answered}" and answered in blocks_text(post.body)
    assert msg("offered.close", "ja") in blocks_text(post.body)
    button = block["elements"][0]
    picked = button["value"]
    assert picked != answered and button["text"]["text"].startswith(f"{msg('offered.also', 'ja')}: {picked} · ")
    payload = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": "U1"},
        "channel": {"id": "D1"},
        "response_url": f"{slack.mock.url}/response/offered",
        "actions": [
            {"type": "button", **{k: button[k] for k in ("action_id", "value")}, "block_id": block["block_id"]}
        ],
    }
    assert (await slack.form(payload_body(payload))).status == 200
    (reply,) = await slack.mock.wait_for("response_url")
    text = blocks_text(reply.body)
    clause = slack.app.bot.clause(picked)
    assert clause is not None and clause.title["ja"] in text and msg("verdict." + clause.verdict, "ja") in text
    helpful = [b for b in reply.body["blocks"] if b["type"] == "actions" and b["block_id"].startswith("helpful|")]
    assert [e["value"] for e in helpful[0]["elements"]] == [picked, picked]  # the new answer can be rated


async def test_an_offered_clause_no_longer_in_the_policy_is_explained(slack: Slack) -> None:
    payload = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": "U1"},
        "channel": {"id": "D1"},
        "response_url": f"{slack.mock.url}/response/gone",
        "actions": [
            {"type": "button", "action_id": "offered_clause|0", "block_id": "offered|en|AC-SCOPE", "value": "AC-GONE"}
        ],
    }
    assert (await slack.form(payload_body(payload))).status == 200
    (reply,) = await slack.mock.wait_for("response_url")
    assert msg("offered.unknown", "en") in blocks_text(reply.body)
