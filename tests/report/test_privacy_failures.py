"""Privacy when things fail: a broken database never puts a question or draft in the log."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from adapters.console import to_incoming
from bot.app import App
from bot.domain.replies import AnswerReply, CheckReply

QUESTION = "what is the capital of Freedonia and its zoological gardens"
DRAFT = "checkpost Honestly our new app is way better than anything Globex has put out."


@pytest.fixture
def broken_usage(app: App) -> App:
    with app.storage.engine.begin() as conn:
        conn.execute(text("DROP TABLE usage_events"))
    return app


async def test_failed_usage_records_log_no_question_and_no_draft(
    broken_usage: App, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        asked = await broken_usage.dispatcher.handle(to_incoming(QUESTION, "u1"))
        checked = await broken_usage.dispatcher.handle(to_incoming(DRAFT, "u1"))
    assert isinstance(asked, AnswerReply) and asked.outcome == "unsure"  # the reply survives
    assert isinstance(checked, CheckReply)
    assert "could not record usage" in caplog.text  # the failure is logged ...
    for secret in ("Freedonia", "zoological", "Globex", "Honestly"):  # ... without any of the text
        assert secret.lower() not in caplog.text.lower()
