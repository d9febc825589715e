"""Adaptive Cards for quiz steps and the owner's report, against golden files.

Regenerate after an intended change with ``GUIDEBOT_UPDATE_GOLDEN=1 pytest tests/teams``
and review the diff.
"""

from __future__ import annotations

import json
import os

import pytest

from adapters.teams.cards import to_adaptive_card
from adapters.teams.owner_cards import MAX_BUTTON, MAX_ROWS, QUIZ_ANSWER
from bot.assistant.engine import GuideBot
from bot.domain.replies import Reply
from bot.features.owner.replies import QuizQuestion, QuizReply
from bot.knowledge.loader import load
from tests.report.samples import empty_report_reply, huge_report_reply, quiz_steps, report_reply
from tests.surfaces import teams_shown

from .support import EVAL_KB, GOLDEN, card_text

BOT = GuideBot(load(EVAL_KB))
MAX_CARD_BYTES = 28_000  # what Teams accepts in one message, about

CASES: dict[str, Reply] = {
    "quiz_start": quiz_steps(BOT)["start"],
    "quiz_next_ja": quiz_steps(BOT, "ja")["next"],
    "quiz_done": quiz_steps(BOT)["done"],
    "report": report_reply(BOT),
    "report_empty_ja": empty_report_reply(BOT, "ja"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_card_matches_golden_file(name: str) -> None:
    card = to_adaptive_card(CASES[name])
    path = GOLDEN / f"{name}.json"
    rendered = json.dumps(card, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("GUIDEBOT_UPDATE_GOLDEN") or not path.exists():
        path.write_text(rendered, encoding="utf-8")
    assert rendered == path.read_text(encoding="utf-8")
    assert card["fallbackText"].strip()


def test_quiz_buttons_submit_the_answer_value() -> None:
    reply = quiz_steps(BOT)["start"]
    assert reply.question is not None
    card = to_adaptive_card(reply)
    data = [a["data"] for a in card["actions"]]
    assert data == [
        {"action": QUIZ_ANSWER, "value": reply.question.value(i), "lang": "en"}
        for i in range(len(reply.question.options))
    ]
    assert [a["title"] for a in card["actions"]] == [f"{i}. {o}" for i, o in enumerate(reply.question.options, 1)]
    assert "actions" not in to_adaptive_card(quiz_steps(BOT)["done"])  # nothing left to answer


def test_long_options_are_listed_in_the_body() -> None:
    long = "An option longer than a Teams button shows in full, " * 2
    question = QuizQuestion("clause:AC-SCOPE", "Which?", (long, "short"), 1, "AC-SCOPE")
    card = to_adaptive_card(QuizReply("en", BOT.policy_info("en"), 1, 3, question))
    assert all(len(a["title"]) <= MAX_BUTTON for a in card["actions"])
    assert any(teams_shown(b["text"]).text == f"1. {long}".strip() for b in card["body"] if b["type"] == "TextBlock")


def test_report_card_shows_gaps_checks_and_reminder_reads() -> None:
    text = card_text(to_adaptive_card(report_reply(BOT)))
    for part in (
        "days · vacation · carry · unused",
        "AC-DISCLOSE: Saying that you work for Acme (👍 1 / 👎 1)",
        "fired 1×, reported wrong 1×",
        "Quiz: 3 answers, 2 right, 2 people",
        "C0123ABCD (every monday 09:00): 4 posted, 7 read · 1.75 reads per post",
    ):
        assert part in text, part


def test_a_huge_report_card_is_cut_visibly_and_stays_small() -> None:
    card = to_adaptive_card(huge_report_reply(BOT))
    assert len(json.dumps(card, ensure_ascii=False).encode()) < MAX_CARD_BYTES
    text = card_text(card)
    assert "…and 290 more not shown here" in text and "…and 50 more not shown here" in text
    fact_sets = [b for b in card["body"] if b["type"] == "FactSet"]
    assert all(len(f["facts"]) <= MAX_ROWS for f in fact_sets[1:])  # the headline has its own few
