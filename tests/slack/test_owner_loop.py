"""The owner's loop in Slack, through signed requests: quiz buttons, "this finding is wrong", the report.

Each test gets its own database, so the figures it reads are its own.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from adapters.cli.main import main
from adapters.server import create_web_app
from bot.app import App, build_app
from bot.data.messages import msg
from bot.storage import Storage
from bot.storage.schema import quiz_scores, usage_events

from .conftest import Slack, slack_settings
from .support import MockSlack, blocks_text, command_body, dm_event, event_body, payload_body

MANAGER = "UBOSS"
DRAFT = "I think our new app beats Globex. Internal only: Project Bluefin ships in May."


@pytest.fixture
async def owner_slack(mock: MockSlack, tmp_path: Path) -> AsyncIterator[Slack]:
    database = tmp_path / "owner.db"
    app = build_app(slack_settings(mock, database, managers=frozenset({MANAGER})))
    client = TestClient(TestServer(await create_web_app(app), host="127.0.0.1"))
    await client.start_server()
    yield Slack(client, app, mock)
    await client.close()
    storage: Storage = app.storage
    storage.close()


def click(slack: Slack, action_id: str, block_id: str, value: str, name: str, user: str = "U1") -> str:
    """A block_actions payload for a button in an ephemeral message, as Slack sends it."""
    return payload_body(
        {
            "type": "block_actions",
            "team": {"id": "T1"},
            "user": {"id": user},
            "api_app_id": "A1",
            "container": {"type": "message", "is_ephemeral": True},
            "channel": {"id": "C1"},
            "response_url": f"{slack.mock.url}/response/{name}",
            "actions": [{"type": "button", "action_id": action_id, "block_id": block_id, "value": value}],
        }
    )


def buttons(message: dict[str, Any], action_id: str) -> list[tuple[str, str, str]]:
    """(block id, label, value) of the buttons with ``action_id`` (or ``action_id_N``), in blocks and accessories."""
    blocks = message["blocks"]
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    found = []
    for block in blocks:
        for e in [*block.get("elements", []), block.get("accessory") or {}]:
            if re.fullmatch(rf"{action_id}(_\d+)?", e.get("action_id", "")):
                found.append((block["block_id"], e["text"]["text"], e["value"]))
    return found


def right_value(app: App, quiz_buttons: list[tuple[str, str, str]]) -> str:
    """The value of the right option, worked out from the question id and the labels alone."""
    kind, _, clause_id = quiz_buttons[0][2].rpartition("|")[0].partition(":")
    clause = app.bot.clause(clause_id)
    assert clause is not None
    right = msg(f"verdict.{clause.verdict}", "en") if kind == "verdict" else f"{clause.id}:"
    return next(value for _, label, value in quiz_buttons if label.partition(". ")[2].startswith(right))


async def test_quiz_started_by_command_is_answered_by_button(owner_slack: Slack) -> None:
    slack = owner_slack
    await slack.form(command_body("/policy", "quiz", slack.mock))
    (question,) = await slack.mock.wait_for("response_url")
    assert question.body["response_type"] == "ephemeral"
    options = buttons(question.body, "quiz_answer")
    assert len(options) == 3 and "Question 1 of 3" in blocks_text(question.body)

    right = right_value(slack.app, options)
    right_id = f"quiz_answer_{[value for _, _, value in options].index(right)}"  # the id the clicked button has
    response = await slack.form(click(slack, right_id, options[0][0], right, "q1"))
    assert response.status == 200
    _, answered = await slack.mock.wait_for("response_url", 2)
    assert answered.body["replace_original"] is True  # the question turns into its outcome
    text = blocks_text(answered.body)
    assert "Right!" in text and "Question 2 of 3" in text
    assert len(buttons(answered.body, "quiz_answer")) == 3  # the next question's buttons

    # The same (now stale) question again, with the bare id of buttons sent before ids were numbered:
    # still routed, said to be stale, alongside, without scoring twice.
    await slack.form(click(slack, "quiz_answer", options[0][0], options[0][2], "q1-again"))
    *_, stale = await slack.mock.wait_for("response_url", 3)
    assert stale.body.get("replace_original") is False and "already answered" in blocks_text(stale.body)

    engine = slack.app.storage.engine
    with engine.connect() as conn:
        score = conn.execute(select(quiz_scores)).mappings().one()
        kinds = conn.execute(select(usage_events.c.kind, usage_events.c.outcome)).all()
    assert (score["platform"], score["user_id"], score["attempts"], score["correct"]) == ("slack", "U1", 1, 1)
    assert ("quiz", "correct") in kinds


async def test_a_bare_number_in_a_dm_answers_the_pending_quiz(owner_slack: Slack) -> None:
    slack = owner_slack
    await slack.event(event_body(dm_event("2"), "EvNoQuiz"))  # no quiz yet: a question like any other
    (plain,) = await slack.mock.wait_for("chat.postMessage")
    assert "Question 2 of 3" not in blocks_text(plain.body)
    await slack.form(command_body("/policy", "quiz", slack.mock))
    await slack.mock.wait_for("response_url")
    await slack.event(event_body(dm_event("2", ts="2.2"), "EvAnswer"))
    _, reply = await slack.mock.wait_for("chat.postMessage", 2)
    text = blocks_text(reply.body)
    assert ("Right!" in text or "Not quite" in text) and "Question 2 of 3" in text
    with slack.app.storage.engine.connect() as conn:
        assert conn.execute(select(quiz_scores.c.attempts)).scalar_one() == 1


async def test_finding_wrong_is_thanked_and_counted_in_the_report(
    owner_slack: Slack, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    slack = owner_slack
    await slack.form(command_body("/checkpost", DRAFT, slack.mock))
    (result,) = await slack.mock.wait_for("response_url")
    reports = buttons(result.body, "finding_wrong")
    assert reports, "every finding carries a 'This finding is wrong' button"
    block_id, label, check_id = reports[0]
    assert label == "This finding is wrong"
    await slack.form(click(slack, "finding_wrong", block_id, check_id, "wrong"))
    _, thanks = await slack.mock.wait_for("response_url", 2)
    assert thanks.body["response_type"] == "ephemeral"
    assert "the policy owner will review this check" in blocks_text(thanks.body)

    monkeypatch.setenv("DATABASE_URL", slack.app.settings.database_url)
    monkeypatch.setenv("GUIDEBOT_KB", slack.app.settings.kb_path)
    assert main(["report", "--json"]) == 0
    findings = {f["check"]: f for f in json.loads(capsys.readouterr().out)["findings"]}
    assert findings[check_id]["wrong"] == 1 and findings[check_id]["fired"] == 1


async def test_report_is_rendered_for_a_manager_only(owner_slack: Slack) -> None:
    slack = owner_slack
    await slack.event(event_body(dm_event("How many vacation days do I get?"), "EvGap"))
    await slack.mock.wait_for("chat.postMessage")
    await slack.form(command_body("/policy", "report", slack.mock))  # U1 is no manager
    await slack.form(command_body("/policy", "report 7d", slack.mock, user=MANAGER))
    results = await slack.mock.wait_for("response_url", 2)
    by_user = {"refused" if "managers" in blocks_text(r.body).lower() else "report": r for r in results}
    report = by_user["report"].body
    blocks = report["blocks"] if isinstance(report["blocks"], list) else json.loads(report["blocks"])
    assert blocks[0]["type"] == "header" and "Policy report" in blocks[0]["text"]["text"]
    text = blocks_text(report)
    assert "Questions\n1" in text and "Unsure\n1" in text
    assert "vacation" in text  # the knowledge gap, as keywords
    assert "refused" in by_user and "Policy report" not in blocks_text(by_user["refused"].body)
