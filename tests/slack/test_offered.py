"""Clauses offered beside an answer ("Also see"): real Slack payloads through bolt."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.server import create_web_app
from bot.app import build_app
from bot.data.messages import msg
from bot.storage import Storage
from tests.conftest import CLOSE_QUESTION, SITUATION_QUESTION

from .conftest import Slack, slack_settings
from .support import BUNDLED_KB, MockSlack, blocks_text, dm_event, event_body, payload_body


@pytest.fixture
async def bundled(mock: MockSlack, tmp_path: Path, storage: Storage) -> AsyncIterator[Slack]:
    """guidebot serving Slack with the bundled policy, whose clauses have cases."""
    app = build_app(slack_settings(mock, tmp_path / "guidebot.db", kb_path=str(BUNDLED_KB)), storage=storage)
    client = TestClient(TestServer(await create_web_app(app), host="127.0.0.1"))
    await client.start_server()
    yield Slack(client, app, mock)
    await client.close()


def press_payload(slack: Slack, block: dict[str, Any], button: dict[str, Any], name: str) -> dict[str, Any]:
    """A block_actions payload pressing ``button`` of ``block``, as Slack sends it."""
    return {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": "U1"},
        "channel": {"id": "D1"},
        "response_url": f"{slack.mock.url}/response/{name}",
        "actions": [
            {"type": "button", **{k: button[k] for k in ("action_id", "value")}, "block_id": block["block_id"]}
        ],
    }


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
    assert picked != answered and button["text"]["text"].startswith(
        f"{msg('offered.also', 'ja')}：{picked} · "
    )  # the language's colon
    assert (await slack.form(payload_body(press_payload(slack, block, button, "offered")))).status == 200
    (reply,) = await slack.mock.wait_for("response_url")
    text = blocks_text(reply.body)
    clause = slack.app.bot.clause(picked)
    assert clause is not None and clause.title["ja"] in text and msg("verdict." + clause.verdict, "ja") in text
    helpful = [b for b in reply.body["blocks"] if b["type"] == "actions" and b["block_id"].startswith("helpful|")]
    assert [e["value"] for e in helpful[0]["elements"]] == [picked, picked]  # the new answer can be rated


async def test_an_offered_clause_no_longer_in_the_policy_is_explained(slack: Slack) -> None:
    block, button = {"block_id": "offered|en|AC-SCOPE"}, {"action_id": "offered_clause|0", "value": "AC-GONE"}
    assert (await slack.form(payload_body(press_payload(slack, block, button, "gone")))).status == 200
    (reply,) = await slack.mock.wait_for("response_url")
    assert msg("offered.unknown", "en") in blocks_text(reply.body)


async def test_an_offered_clause_button_keeps_the_situation_asked(bundled: Slack) -> None:
    await bundled.event(event_body(dm_event(SITUATION_QUESTION)))
    (post,) = await bundled.mock.wait_for("chat.postMessage")
    block = offered_block(post.body)
    with_case = [b for b in block["elements"] if "|" in b["value"]]
    assert with_case, "an offered clause of this question has a case that fits"
    button = with_case[0]
    clause_id, case_id = button["value"].split("|")
    clause = bundled.app.bot.clause(clause_id)
    case = clause.case(case_id) if clause else None
    assert clause is not None and case is not None and case.verdict != clause.verdict
    assert SITUATION_QUESTION not in json.dumps(block, ensure_ascii=False)  # the button never carries the question
    assert (await bundled.form(payload_body(press_payload(bundled, block, button, "case")))).status == 200
    (reply,) = await bundled.mock.wait_for("response_url")
    blocks = reply.body["blocks"]
    lead = blocks[0]["text"]["text"]
    assert msg("verdict." + case.verdict, "ja") in lead and clause_id in lead  # the situation's verdict leads
    text = blocks_text(reply.body)
    assert case.when["ja"] in text  # the situation, then the clause's general rule as context
    assert msg("verdict." + clause.verdict, "ja") in text.split(case.when["ja"], 1)[1]


async def test_a_case_no_longer_in_the_policy_answers_with_the_clause_in_general(bundled: Slack) -> None:
    block = {"block_id": "offered|en|SM-COMPETITORS"}
    button = {"action_id": "offered_clause|0", "value": "SM-CRITICISM|no-such-case"}
    assert (await bundled.form(payload_body(press_payload(bundled, block, button, "stale")))).status == 200
    (reply,) = await bundled.mock.wait_for("response_url")
    clause = bundled.app.bot.clause("SM-CRITICISM")
    assert clause is not None
    lead = reply.body["blocks"][0]["text"]["text"]
    assert msg("verdict." + clause.verdict, "en") in lead and "SM-CRITICISM" in lead
    assert msg("offered.unknown", "en") not in blocks_text(reply.body)


# A question that states none of the competitors clause's situations: its general rule answers.
VAGUE_QUESTION = "Can I talk about competitors?"


async def test_a_general_answer_offers_each_situation_as_a_button(bundled: Slack) -> None:
    """Each situation of the clause, with its own verdict, is a button; pressing one
    answers in that situation, its verdict first."""
    await bundled.event(event_body(dm_event(VAGUE_QUESTION)))
    (post,) = await bundled.mock.wait_for("chat.postMessage")
    blocks = post.body["blocks"]
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    (block,) = [b for b in blocks if b["type"] == "actions" and b["block_id"].startswith("situation|")]
    clause = bundled.app.bot.clause("SM-COMPETITORS")
    assert clause is not None and block["block_id"] == "situation|en|SM-COMPETITORS"
    assert [e["value"] for e in block["elements"]] == [f"SM-COMPETITORS|{c.id}" for c in clause.cases]
    assert msg("case.each", "en") in blocks_text(post.body)
    button = next(e for e in block["elements"] if e["value"].endswith("|disparaging"))
    case = clause.case("disparaging")
    assert case is not None and button["text"]["text"] == f"⛔ {case.when['en']}"
    assert (await bundled.form(payload_body(press_payload(bundled, block, button, "situation")))).status == 200
    (reply,) = await bundled.mock.wait_for("response_url")
    lead = reply.body["blocks"][0]["text"]["text"]
    assert msg("verdict.prohibited", "en") in lead and "SM-COMPETITORS" in lead
    assert case.when["en"] in blocks_text(reply.body)
    assert not [b for b in reply.body["blocks"] if b.get("block_id", "").startswith("situation|")]
