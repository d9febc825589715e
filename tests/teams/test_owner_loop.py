"""The owner's loop in Teams, through real activities: quiz buttons, "this finding is wrong", the report."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.data.messages import msg
from bot.features.owner.feature import load_report
from bot.storage.schema import quiz_scores

from .support import USER, Connector, Server, activity, card_of, card_text, start_server

MANAGER = USER["aadObjectId"]
DRAFT = "I think our new app beats Globex. Internal only: Project Bluefin ships in May."


@pytest.fixture
async def manager_server(connector: Connector, tmp_path: Path) -> AsyncIterator[Server]:
    runner, srv = await start_server(connector, tmp_path / "guidebot.db", managers=frozenset({MANAGER}))
    yield srv
    await runner.cleanup()
    srv.app.close()


def submits(card: dict[str, Any], action: str) -> list[tuple[str, dict[str, Any]]]:
    """(title, data) of every Action.Submit with ``action``, in the card's actions and its ActionSets."""
    found: list[tuple[str, dict[str, Any]]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "Action.Submit" and node.get("data", {}).get("action") == action:
                found.append((node["title"], node["data"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card)
    return found


def quiz_options(card: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(title, submit data) of each quiz option: the answer button's data with the option chosen, as Teams sends it."""
    (choices,) = [e for e in card["body"] if e["type"] == "Input.ChoiceSet"]
    ((_, data),) = submits(card, "quiz_answer")
    return [(c["title"], {**data, choices["id"]: c["value"]}) for c in choices["choices"]]


def right_option(server: Server, options: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """The submit data of the right answer, worked out from the question id and the titles."""
    kind, _, clause_id = options[0][1]["value"].rpartition("|")[0].partition(":")
    clause = server.app.bot.clause(clause_id)
    assert clause is not None
    right = msg(f"verdict.{clause.verdict}", "en") if kind == "verdict" else f"{clause.id}:"
    return next(data for title, data in options if title.partition(". ")[2].startswith(right))


async def test_quiz_is_answered_with_card_buttons(server: Server, connector: Connector) -> None:
    await server.post(activity(connector, text="policy quiz"))
    question = card_of(connector.sent()[-1])
    options = quiz_options(question)
    assert len(options) == 3 and "Question 1 of 3" in card_text(question)
    # Teams sends an Action.Submit as a message activity whose value is the button's data.
    status, _ = await server.post(activity(connector, value=right_option(server, options)))
    assert status == 201
    answered = card_of(connector.sent()[-1])
    assert "Right!" in card_text(answered) and "Question 2 of 3" in card_text(answered)
    # A bare number typed in the chat answers the next question.
    await server.post(activity(connector, text="1"))
    assert "Question 3 of 3" in card_text(card_of(connector.sent()[-1]))
    with server.app.storage.engine.connect() as conn:
        row = conn.execute(select(quiz_scores)).mappings().one()
    assert (row["platform"], row["user_id"], row["attempts"]) == ("teams", MANAGER, 2)
    assert row["correct"] >= 1


async def test_finding_wrong_from_a_chat_card_and_from_the_dialog(server: Server, connector: Connector) -> None:
    await server.post(activity(connector, text=f"checkpost {DRAFT}"))
    reports = submits(card_of(connector.sent()[-1]), "finding_wrong")
    assert reports and reports[0][0] == "This finding is wrong"
    check_id = reports[0][1]["check"]
    await server.post(activity(connector, value=reports[0][1]))
    assert connector.sent()[-1]["text"] == "Thanks, the policy owner will review this check."
    # The same button in the message action's dialog comes back as a submitAction invoke.
    data = {**reports[0][1], "lang": "ja"}
    value = {"commandId": "checkPost", "commandContext": "message", "data": data}
    status, body = await server.post(activity(connector, "invoke", name="composeExtension/submitAction", value=value))
    assert status == 200 and body["task"] == {"type": "message", "value": msg("feedback.wrong", "ja")}
    report = load_report(server.app.owner.repo, server.app.bot.kb, 30, "en").to_json()
    findings = {f["check"]: f for f in report["findings"]}  # type: ignore[union-attr]
    assert findings[check_id]["wrong"] == 2


async def test_report_card_for_a_manager(manager_server: Server, connector: Connector) -> None:
    server = manager_server
    await server.post(activity(connector, text="How many vacation days do I get?"))
    await server.post(activity(connector, text=f"checkpost {DRAFT}"))
    await server.post(activity(connector, text="policy report"))
    card = card_of(connector.sent()[-1])
    text = card_text(card)
    assert "Policy report" in text and "Knowledge gaps" in text and "vacation" in text
    facts = {f["title"]: f["value"] for f in card["body"][1]["facts"]}
    assert facts["Questions"] == "1" and facts["Unsure"] == "1" and facts["Drafts checked"] == "1"


async def test_report_is_refused_to_others(server: Server, connector: Connector) -> None:
    await server.post(activity(connector, text="policy report"))
    assert "for policy managers only" in connector.sent()[-1]["text"]
