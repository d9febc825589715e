"""Clauses offered beside an answer ("Also see"): real Bot Framework activities."""

from __future__ import annotations

from typing import Any

from bot.data.messages import msg

from .support import Connector, Server, activity, card_of, card_text

CLOSE_QUESTION = "競合他社の悪口をXに書いてもいい?"  # close between competitors and criticism


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
    assert offered["actions"][0]["title"].startswith(f"{msg('offered.also', 'ja')}: {picked} · ")
    status, _ = await server.post(activity(connector, value=data))
    assert status in (200, 201)
    reply = card_of(connector.sent()[1])
    clause = server.app.bot.clause(picked)
    assert clause is not None and clause.title["ja"] in card_text(reply)
    (helpful,) = action_sets(reply, "helpful")
    assert [a["data"]["clause"] for a in helpful["actions"]] == [picked, picked]  # the new answer can be rated
