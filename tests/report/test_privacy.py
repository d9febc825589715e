"""Privacy: a canary draft sent through every path never reaches logs, the database or reports."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from sqlalchemy import select

from adapters.cli.main import main
from adapters.console import converse
from adapters.slack.blocks import to_blocks
from adapters.teams.cards import to_adaptive_card
from bot.app import App, build_app
from bot.features.owner.feature import load_report
from bot.features.owner.render_text import report_text
from bot.features.owner.replies import ReportReply
from bot.features.owner.report_html import report_html
from bot.storage.schema import metadata, usage_events
from tests.report.conftest import make_settings
from tests.teams.support import Connector, activity, serve, start_server

CANARY = "zqxcanary"
SECRET_KEY = "sk-proj-" + "Zq9xW3vB7nM2kL5pR8tY1uI4oP6aS0dF"
DRAFT = f"I think {CANARY} beats theirs. Project Kestrel ships soon. Mail {CANARY}@example.com, key {SECRET_KEY}"
# A draft the checks find nothing wrong with, quoted in a question the policy does not cover: the
# answer stays unsure (no flagged clause takes over), so the question is a knowledge gap whose text
# would be kept under GUIDEBOT_KEEP_QUESTIONS_DAYS, were it not quoting a draft.
CLEAN_DRAFT = f"I had lunch with {CANARY} today at noon"
PLAIN_UNSURE = "Who pays for parking at the office?"
UNSURE_QUOTING = f"{PLAIN_UNSURE} '{CLEAN_DRAFT}'"


def _dump(engine: object) -> str:
    rows = []
    with engine.connect() as conn:  # type: ignore[attr-defined]
        for table in metadata.sorted_tables:
            rows += [repr(tuple(r)) for r in conn.execute(select(table))]
    return "\n".join(rows)


async def test_a_canary_draft_leaves_no_trace(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    settings = make_settings(tmp_path, keep_questions_days=30)  # even with question texts kept
    # Command-line batch runs.
    draft_file = tmp_path / "draft.txt"
    draft_file.write_text(DRAFT, encoding="utf-8")
    assert main(["check", "--kb", settings.kb_path, "--json", str(draft_file)]) == 1
    result = json.loads(capsys.readouterr().out)
    excerpts = " ".join(str(f["excerpt"]) for f in result["findings"])
    assert SECRET_KEY not in excerpts and f"{CANARY}@example.com" not in excerpts  # masked
    assert main(["ask", "--kb", settings.kb_path, "--json", f'Can I post "{DRAFT}"?']) == 0
    capsys.readouterr()

    # Console chat: a check, two questions quoting the draft (answered by the clause it breaks), and an
    # unsure question quoting a clean draft (a knowledge gap, whose text alone the opt-in could keep).
    app = build_app(settings)
    try:
        lines = [f"checkpost {DRAFT}", f'Can I post this: "{DRAFT}"', f"Who pays for parking? '{DRAFT}'"]
        *_, unsure = await converse(app, [*lines, UNSURE_QUOTING])
        assert "Not sure" in unsure and "I also checked the draft in your question" in unsure, unsure
        # Teams, through the HTTP endpoint.
        connector = Connector()
        from aiohttp import web

        web_app = web.Application()
        web_app.router.add_route("*", "/{tail:.*}", connector.handle)
        connector_runner, connector.url = await serve(web_app)
        # Same database, same opt-in: a server keeping no texts would clear them at start-up (retention).
        runner, server = await start_server(connector, tmp_path / "guidebot.db", keep_questions_days=30)
        try:
            status, _ = await server.post(activity(connector, text=f"checkpost {DRAFT}"))
            assert status in (200, 201, 202)
            assert connector.sent(), "the Teams check was not answered"
        finally:
            await runner.cleanup()
            server.app.close()
            await connector_runner.cleanup()

        engine = app.storage.engine
        with engine.connect() as conn:
            kinds = sorted(r.kind for r in conn.execute(select(usage_events.c.kind)))
        assert kinds.count("check") >= 5 and kinds.count("question") == 3  # the paths were recorded
        report = load_report(app.owner.repo, app.bot.kb, 30, "en")
        outputs = {
            "database": _dump(engine),
            "logs": "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records),
            "report json": json.dumps(report.to_json(), ensure_ascii=False),
            "report text": report_text(report, "en"),
            "report html": report_html(report, "en"),
        }
        for where, text in outputs.items():
            assert CANARY not in text.lower(), f"the draft reached the {where}"
            assert SECRET_KEY not in text and "Kestrel" not in text, f"the draft reached the {where}"
    finally:
        app.close()


async def test_a_canary_draft_through_slack_leaves_no_trace(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from aiohttp.test_utils import TestClient, TestServer

    from adapters.server import create_web_app
    from tests.slack.support import BOT_TOKEN, SECRET, command_body, payload_body, signed, start_mock

    caplog.set_level(logging.DEBUG)
    mock, mock_server = await start_mock()
    settings = make_settings(
        tmp_path,
        keep_questions_days=30,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=f"{mock.url}/api/",
    )
    app = build_app(settings)
    client = TestClient(TestServer(await create_web_app(app), host="127.0.0.1"))
    await client.start_server()
    try:

        async def post(body: str, content_type: str = "application/x-www-form-urlencoded") -> None:
            headers = signed(body, content_type)
            assert (await client.post("/slack/events", data=body.encode(), headers=headers)).status == 200

        await post(command_body("/checkpost", DRAFT, mock))  # the slash command
        shortcut = {
            "type": "message_action",
            "callback_id": "check_post",
            "trigger_id": "t1",
            "team": {"id": "T1"},
            "user": {"id": "U1"},
            "channel": {"id": "C1"},
            "message": {"type": "message", "ts": "1.1", "text": DRAFT},
            "response_url": f"{mock.url}/response/shortcut",
        }
        await post(payload_body(shortcut))  # the message shortcut "Check this post"
        replies = await mock.wait_for("response_url", 2)
        assert all("Do not post this" in str(r.body) for r in replies), "the Slack checks were not answered"
        await _assert_no_trace(app, caplog, checks=2)
    finally:
        await client.close()
        app.close()
        await mock_server.close()


async def _assert_no_trace(app: App, caplog: pytest.LogCaptureFixture, checks: int) -> None:
    """Neither the database, the log nor any form of the report holds the canary draft."""
    engine = app.storage.engine
    with engine.connect() as conn:
        kinds = sorted(r.kind for r in conn.execute(select(usage_events.c.kind)))
    assert kinds.count("check") == checks  # the paths were recorded
    report = load_report(app.owner.repo, app.bot.kb, 30, "en")
    chat_report = ReportReply("en", report, app.bot.policy_info("en"))
    outputs = {
        "database": _dump(engine),
        "logs": "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records),
        "report json": json.dumps(report.to_json(), ensure_ascii=False),
        "report text": report_text(report, "en"),
        "report html": report_html(report, "en"),
        "report blocks": json.dumps(to_blocks(chat_report), ensure_ascii=False),
        "report card": json.dumps(to_adaptive_card(chat_report), ensure_ascii=False),
    }
    for where, text in outputs.items():
        assert CANARY not in text.lower(), f"the draft reached the {where}"
        assert SECRET_KEY not in text and "Kestrel" not in text, f"the draft reached the {where}"


async def test_unsure_question_text_is_kept_only_on_opt_in(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    app = build_app(make_settings(tmp_path, keep_questions_days=2))
    try:
        await converse(app, ["Who pays for parking at the office?"])
        engine = app.storage.engine
        with engine.connect() as conn:
            (text,) = conn.execute(select(usage_events.c.question_text)).scalars()
        assert text == "Who pays for parking at the office?"
        app.owner.prune(now=datetime.now(UTC) + timedelta(days=3))
        with engine.connect() as conn:
            rows = conn.execute(select(usage_events.c.question_text, usage_events.c.keywords)).all()
        assert rows == [(None, "pays parking office")]  # text cleared, keywords kept for the gaps
    finally:
        app.close()


async def test_an_unsure_question_quoting_a_draft_is_never_kept_as_text(tmp_path: Path) -> None:
    quoting_question = UNSURE_QUOTING
    """With question texts kept (opt-in), an unsure question is kept, but not one that quoted a draft."""
    from bot.assistant.engine import quoted_draft

    app = build_app(make_settings(tmp_path, keep_questions_days=30))
    try:
        # The premise: the question really quotes a draft, the draft is checked and clean, the answer unsure.
        assert quoted_draft(quoting_question) == CLEAN_DRAFT
        asked = app.bot.ask(quoting_question)
        assert asked.outcome == "unsure" and asked.check is not None
        assert asked.check.verdict == "pass" and asked.check.findings == ()
        plain, quoting = await converse(app, [PLAIN_UNSURE, quoting_question])
        assert plain.startswith("❓ Not sure") and "draft" not in plain
        assert quoting.startswith("❓ Not sure") and "I also checked the draft in your question" in quoting

        engine = app.storage.engine
        with engine.connect() as conn:
            columns = usage_events.c["kind", "outcome", "question_text", "keywords"]
            rows = [tuple(r) for r in conn.execute(select(columns).order_by(usage_events.c.id))]
        assert rows[0] == ("question", "unsure", PLAIN_UNSURE, "pays parking office")  # the opt-in is in force ...
        kind, outcome, text, words = rows[1]  # ... but this one quoted a draft: keywords of the question only
        assert (kind, outcome, text) == ("question", "unsure", None) and words.startswith("pays parking office")
        assert rows[2:] == [("check", "pass", None, None)]  # the quoted draft's check: its outcome only
        database = _dump(engine)
        assert CANARY not in database.lower() and "lunch" not in database
        report = load_report(app.owner.repo, app.bot.kb, 30, "en")
        assert CANARY not in json.dumps(report.to_json(), ensure_ascii=False).lower()
    finally:
        app.close()


@pytest.mark.parametrize(
    "message",
    [
        f"Can I post this? {CLEAN_DRAFT}",  # maybe a remark about the post: not checked, never kept
        f"{CLEAN_DRAFT}. Ok to share this?",
        f"Can I post this:\n{CLEAN_DRAFT}",  # set apart: checked as a draft
        f"これ投稿していい？{CLEAN_DRAFT}",
        f"Ok to share this? {CANARY} parking permits for visitors are free on weekends",  # unsure: a gap
    ],
)
async def test_what_a_question_points_at_as_its_post_is_never_kept(tmp_path: Path, message: str) -> None:
    """With question texts kept (opt-in), neither the text nor its words (as a gap's keywords),
    nor a learnt question, hold what the question points at."""
    app = build_app(make_settings(tmp_path, keep_questions_days=30))
    try:
        (reply,) = await converse(app, [message])
        await converse(app, ["n", "policy show AC-SCOPE"])  # a correction would learn the question
        database = _dump(app.storage.engine)
        leaked = [w for w in (CANARY, "lunch", "noon", "parking", "weekends") if w in database.lower()]
        assert leaked == [], reply
        report = load_report(app.owner.repo, app.bot.kb, 30, "en", keep_questions_days=30)
        assert CANARY not in json.dumps(report.to_json(), ensure_ascii=False).lower()
    finally:
        app.close()
