"""Text that reaches storage (knowledge-gap keywords, kept questions) carries no secret or personal datum."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from adapters.console import converse
from bot.app import build_app
from bot.storage.schema import usage_events
from tests.report.conftest import make_settings
from tests.report.test_privacy import _dump

API_KEY = "sk-proj-" + "Mq7xW3vB7nM2kL5pR8tY1uI4oP6aS0dF"
CANARIES = {
    "password": "qzvnqf",
    "api key": API_KEY,
    "e-mail": "kestrel.owner@acme-corp.co.jp",
    "phone": "090-4417-2286",
}
QUESTIONS = [
    "Who pays for parking when the staging login admin / qzvnqf stops working?",
    f"Who pays for parking if I paste {API_KEY} somewhere?",
    "Who pays for parking? Ask kestrel.owner@acme-corp.co.jp maybe",
    "Who pays for parking, can I call 090-4417-2286 to ask?",
]


async def test_unsure_questions_keep_no_canary(tmp_path: Path) -> None:
    app = build_app(make_settings(tmp_path, keep_questions_days=30))  # question texts kept too
    try:
        await converse(app, QUESTIONS)
        with app.storage.engine.connect() as conn:
            rows = conn.execute(select(usage_events.c.outcome, usage_events.c.keywords, usage_events.c.question_text))
            kept = [r for r in rows if r.outcome == "unsure"]
        assert len(kept) == len(QUESTIONS)  # every question was kept, as keywords and text
        assert all(r.keywords and "parking" in r.keywords and r.question_text for r in kept)
        database = _dump(app.storage.engine)
        for what, canary in CANARIES.items():
            for part in (canary, canary.split("@")[0], canary.split("-")[-1]):
                assert part not in database, f"{what} canary {part!r} reached the database"
    finally:
        app.storage.close()
