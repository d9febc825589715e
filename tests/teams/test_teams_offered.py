"""Clauses offered beside an answer ("Also see"): real Bot Framework activities."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.data.messages import msg
from bot.runtime.settings import BUNDLED_KB
from tests.conftest import CLOSE_QUESTION, SITUATION_QUESTION

from .support import Connector, Server, activity, card_of, card_text, start_server


@pytest.fixture
async def bundled(connector: Connector, tmp_path: Path) -> AsyncIterator[Server]:
    """guidebot serving Teams with the bundled policy, whose clauses have cases."""
    runner, srv = await start_server(connector, tmp_path / "guidebot.db", kb_path=str(BUNDLED_KB))
    yield srv
    await runner.cleanup()
    srv.app.close()


def action_sets(card: dict[str, Any], action: str) -> list[dict[str, Any]]:
    """The card's button rows whose buttons submit ``action``."""
    return [
        e for e in card["body"] if e["type"] == "ActionSet" and all(a["data"]["action"] == action for a in e["actions"])
    ]


async def test_an_offered_clause_submit_answers_with_that_clause(server: Server, connector: Connector) -> None:
    await server.post(activity(connector, text=CLOSE_QUESTION))
    card = card_of(connector.sent()[0])
    (offered,) = action_sets(card, "offered_clause")
    data = offered["actions"][0]["data"]
    answered, picked = data["answered"], data["clause"]
    assert answered in card_text(card) and picked != answered and data["lang"] == "ja"
    assert offered["actions"][0]["title"].startswith(
        f"{msg('offered.also', 'ja')}：{picked} · "
    )  # the language's colon
    status, _ = await server.post(activity(connector, value=data))
    assert status in (200, 201)
    reply = card_of(connector.sent()[1])
    clause = server.app.bot.clause(picked)
    assert clause is not None and clause.title["ja"] in card_text(reply)
    (helpful,) = action_sets(reply, "helpful")
    assert [a["data"]["clause"] for a in helpful["actions"]] == [picked, picked]  # the new answer can be rated


async def test_an_offered_clause_submit_keeps_the_situation_asked(bundled: Server, connector: Connector) -> None:
    await bundled.post(activity(connector, text=SITUATION_QUESTION))
    card = card_of(connector.sent()[0])
    (offered,) = action_sets(card, "offered_clause")
    with_case = [a["data"] for a in offered["actions"] if "case" in a["data"]]
    assert with_case, "an offered clause of this question has a case that fits"
    data = with_case[0]
    clause = bundled.app.bot.clause(data["clause"])
    case = clause.case(data["case"]) if clause else None
    assert clause is not None and case is not None and case.verdict != clause.verdict
    assert SITUATION_QUESTION not in json.dumps(offered, ensure_ascii=False)  # never the question itself
    status, _ = await bundled.post(activity(connector, value=data))
    assert status in (200, 201)
    reply = card_of(connector.sent()[1])
    lead = reply["body"][0]
    assert msg("verdict." + case.verdict, "ja") in card_text({"type": "AdaptiveCard", "body": [lead]})
    text = card_text(reply)
    assert clause.title["ja"] in text and case.when["ja"] in text  # the situation, then the general rule
    assert msg("verdict." + clause.verdict, "ja") in text.split(case.when["ja"], 1)[1]


async def test_a_case_no_longer_in_the_policy_answers_with_the_clause_in_general(
    bundled: Server, connector: Connector
) -> None:
    data = {"action": "offered_clause", "clause": "SM-CRITICISM", "case": "gone", "answered": "", "lang": "en"}
    status, _ = await bundled.post(activity(connector, value=data))
    assert status in (200, 201)
    reply = card_of(connector.sent()[0])
    clause = bundled.app.bot.clause("SM-CRITICISM")
    assert clause is not None
    assert msg("verdict." + clause.verdict, "en") in card_text({"type": "AdaptiveCard", "body": [reply["body"][0]]})
    assert clause.title["en"] in card_text(reply)


# A question that states none of the competitors clause's situations: its general rule answers.
VAGUE_QUESTION = "Can I talk about competitors?"


async def test_a_general_answer_offers_each_situation_as_a_button(bundled: Server, connector: Connector) -> None:
    """Each situation of the clause, with its own verdict, is a button; submitting one
    answers in that situation, its verdict first."""
    await bundled.post(activity(connector, text=VAGUE_QUESTION))
    card = card_of(connector.sent()[0])
    clause = bundled.app.bot.clause("SM-COMPETITORS")
    assert clause is not None and msg("case.each", "en") in card_text(card)
    (situations,) = [s for s in action_sets(card, "offered_clause") if all("case" in a["data"] for a in s["actions"])]
    assert [(a["data"]["clause"], a["data"]["case"]) for a in situations["actions"]] == [
        ("SM-COMPETITORS", c.id) for c in clause.cases
    ]
    data = next(a["data"] for a in situations["actions"] if a["data"]["case"] == "disparaging")
    status, _ = await bundled.post(activity(connector, value=data))
    assert status in (200, 201)
    reply = card_of(connector.sent()[1])
    lead = card_text({"type": "AdaptiveCard", "body": [reply["body"][0]]})
    case = clause.case("disparaging")
    assert case is not None and msg("verdict.prohibited", "en") in lead
    assert case.when["en"] in card_text(reply)
