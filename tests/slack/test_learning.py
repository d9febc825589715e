"""A base that learns: corrections made with Slack's buttons become example questions.

Ten questions the evaluation base answers with the wrong clause are asked in a DM; each
answer is marked "not helpful" and the right clause is picked, with its "Also see"
button when the answer offered it, else with ``/policy show``. ``guidebot kb suggest``
prints what was learnt; pasted into a copy of the base, the same questions are answered
right.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from aiohttp.test_utils import TestClient, TestServer

from adapters.server import create_web_app
from bot.app import build_app
from bot.assistant.engine import GuideBot
from bot.domain.texts import detect_language
from bot.features.owner.feature import load_report
from bot.features.owner.store import UsageRepo
from bot.knowledge.loader import load
from bot.storage import Storage
from tests.conftest import run_cli

from .conftest import Slack, slack_settings
from .support import EVAL_KB, MockSlack, command_body, dm_event, event_body, payload_body

# Question, the clause that answers it. Each is answered with another clause today.
CORRECTIONS = [
    ("a customer on twitter asked if acme is pulling out of brazil. can i just reply 'nope, we're staying'?",
     "AC-SPOKESPERSON"),
    ("can i post a sneak peek of the new dashboard UI we're shipping next month", "AC-CONFIDENTIAL"),
    ("not sure if the partner program tiers are public yet, can I mention them in a LinkedIn post?",
     "AC-CONFIDENTIAL"),
    ("we did an onsite at a big hospital chain last week, can i post that we're helping them out?", "AC-CUSTOMERS"),
    ("got a candid of my deskmate asleep at the offsite lol, fine for insta stories?", "AC-COLLEAGUES"),
    ("want to use a trending sound for a tiktok about our office, is that allowed?", "AC-COPYRIGHT"),
    ("プレスリリースで出た内容をそのままリポストするのはOK？", "AC-SPOKESPERSON"),
    ("ホットペッパーの口コミで星1。個人アカから返信してもいい?", "AC-CRITICISM"),
    ("自社アプリ叩かれてる 擁護する？", "AC-CRITICISM"),
    ("先輩が産休に入ることをXで報告してもいいですか?", "AC-COLLEAGUES"),
]  # fmt: skip


@pytest.fixture
async def learning_slack(mock: MockSlack, tmp_path: Path) -> AsyncIterator[Slack]:
    """guidebot on Slack with question texts kept (learning needs them), on its own database."""
    settings = dataclasses.replace(slack_settings(mock, tmp_path / "g.db"), keep_questions_days=30)
    storage = Storage.open(settings.database_url)
    app = build_app(settings, storage=storage)
    client = TestClient(TestServer(await create_web_app(app), host="127.0.0.1"))
    await client.start_server()
    yield Slack(client, app, mock)
    await client.close()
    storage.close()


def blocks_of(message: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = message["blocks"]
    return list(json.loads(blocks) if isinstance(blocks, str) else blocks)


def actions(message: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    found = [b for b in blocks_of(message) if b["type"] == "actions" and b["block_id"].startswith(prefix)]
    return found[0] if found else None


def press(slack: Slack, n: int, block: dict[str, Any], element: dict[str, Any]) -> str:
    return payload_body(
        {
            "type": "block_actions",
            "team": {"id": "T1"},
            "user": {"id": "U1"},
            "channel": {"id": "D1"},
            "response_url": f"{slack.mock.url}/response/press{n}",
            "actions": [
                {"type": "button", "action_id": element["action_id"], "block_id": block["block_id"],
                 "value": element["value"]}
            ],
        }
    )  # fmt: skip


def apply_suggestions(suggested: str, kb_dir: Path) -> None:
    """Paste ``kb suggest``'s questions under each clause's ``questions``, as the owner would."""
    additions = yaml.safe_load(suggested)["clauses"]
    path = kb_dir / "policy.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    clauses = {c["id"]: c for c in data["clauses"]}
    for addition in additions:
        questions = clauses[addition["id"]].setdefault("questions", {})
        for lang, new in addition["questions"].items():
            questions.setdefault(lang, []).extend(new)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


async def test_corrections_through_the_buttons_teach_the_base(
    learning_slack: Slack, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    slack = learning_slack
    today = GuideBot(load(str(EVAL_KB)))
    assert all(today.ask(q).matches[0].clause.id != want for q, want in CORRECTIONS)  # wrong today

    by_button = 0
    for n, (question, want) in enumerate(CORRECTIONS):
        await slack.event(event_body(dm_event(question, ts=f"{n}.1"), f"EvLearn{n}"))
        answer = (await slack.mock.wait_for("chat.postMessage", n + 1))[n].body
        helpful = actions(answer, "helpful|")
        assert helpful is not None
        no = next(e for e in helpful["elements"] if e["action_id"] == "helpful_no")
        assert no["value"] != want
        await slack.form(press(slack, 2 * n, helpful, no))
        await slack.mock.wait_for("response_url", 2 * n + 1)  # thanked: the "no" is recorded
        offered = actions(answer, "offered|")
        button = next((e for e in offered["elements"] if e["value"] == want), None) if offered else None
        if offered is not None and button is not None:
            by_button += 1
            await slack.form(press(slack, 2 * n + 1, offered, button))
        else:
            await slack.form(command_body("/policy", f"show {want}", slack.mock, channel="D1"))
        await slack.mock.wait_for("response_url", 2 * (n + 1))
    assert 0 < by_button < len(CORRECTIONS)  # both ways of picking were used

    report = load_report(UsageRepo(slack.app.storage.engine), slack.app.bot.kb, 1, "en")
    assert report.suggestions == len(CORRECTIONS)

    # The owner's shell has the server's settings (its .env): the same database and keep period.
    monkeypatch.setenv("DATABASE_URL", slack.app.settings.database_url)
    monkeypatch.setenv("GUIDEBOT_KEEP_QUESTIONS_DAYS", str(slack.app.settings.keep_questions_days))
    code, suggested, err = run_cli(capsys, "kb", "suggest", str(EVAL_KB))
    assert code == 0, err
    assert suggested.startswith("# 10 example question(s) for 6 clause(s)")
    kb_copy = tmp_path / "kb"
    shutil.copytree(EVAL_KB, kb_copy)
    apply_suggestions(suggested, kb_copy)
    assert run_cli(capsys, "kb", "lint", str(kb_copy))[0] == 0

    learnt = GuideBot(load(str(kb_copy)))
    for question, want in CORRECTIONS:
        reply = learnt.ask(question)
        assert reply.outcome == "answered" and reply.matches[0].clause.id == want, question
        assert question in learnt.kb.by_id[want].questions[detect_language(question)]
