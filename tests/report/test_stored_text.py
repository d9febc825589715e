"""Text that reaches storage (knowledge-gap keywords, kept questions) carries no secret or personal datum."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from adapters.console import converse
from bot.app import build_app
from bot.data.messages import msg
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
# A login pair that no detector confirms, inside a question: asked, and its keywords masked.
QUESTION = "Who pays for parking when the staging login admin / qzvnqf stops working?"
# What a detector flags makes the message read as a draft: checked, and nothing of it kept.
DRAFTS = [
    "staging login: admin / qzvnqf",
    f"Who pays for parking if I paste {API_KEY} somewhere?",
    "Who pays for parking? Ask kestrel.owner@acme-corp.co.jp maybe",
    "Who pays for parking, can I call 090-4417-2286 to ask?",
    "パーキングの件、kestrel.owner@acme-corp.co.jp に連絡してください。",
]


async def test_stored_text_keeps_no_canary(tmp_path: Path) -> None:
    app = build_app(make_settings(tmp_path, keep_questions_days=30))  # question texts kept too
    try:
        replies = await converse(app, [QUESTION, *DRAFTS])
        assert msg("check.as_draft", "en") not in replies[0]
        for reply in replies[1:-1]:
            assert reply.startswith(msg("check.as_draft", "en"))
        assert replies[-1].startswith(msg("check.as_draft", "ja"))
        with app.storage.engine.connect() as conn:
            rows = conn.execute(
                select(
                    usage_events.c.kind, usage_events.c.outcome, usage_events.c.keywords, usage_events.c.question_text
                )
            ).all()
        (kept,) = [r for r in rows if r.kind == "question"]
        assert kept.outcome == "unsure"
        assert kept.keywords and "parking" in kept.keywords and "staging" in kept.keywords
        assert kept.question_text and "parking" in kept.question_text
        assert sorted(r.kind for r in rows) == ["check"] * len(DRAFTS) + ["question"]
        database = _dump(app.storage.engine)
        for what, canary in CANARIES.items():
            # the whole canary, an e-mail's local part, a number without its area code (no
            # shorter piece: four digits alone turn up by chance in ids and timestamps)
            for part in (canary, canary.split("@")[0], canary.split("-", 1)[-1]):
                assert part not in database, f"{what} canary {part!r} reached the database"
    finally:
        app.storage.close()
