"""Adaptive Cards for quiz steps and the owner's report, against golden files.

Regenerate after an intended change with ``GUIDEBOT_UPDATE_GOLDEN=1 pytest tests/teams``
and review the diff.
"""

from __future__ import annotations

import json
import os

import pytest

from adapters.teams.cards import to_adaptive_card
from adapters.teams.owner_cards import MAX_ROWS, QUIZ_ANSWER, QUIZ_CHOICE
from bot.assistant.engine import GuideBot
from bot.domain.replies import Reply
from bot.features.owner.replies import QuizQuestion, QuizReply
from bot.knowledge.loader import load
from tests.report.samples import empty_report_reply, huge_report_reply, quiz_steps, report_reply

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


def test_quiz_options_are_a_choice_set_submitted_with_the_answer_value() -> None:
    reply = quiz_steps(BOT)["start"]
    assert reply.question is not None
    card = to_adaptive_card(reply)
    (choices,) = [e for e in card["body"] if e["type"] == "Input.ChoiceSet"]
    assert (choices["id"], choices["style"], choices["wrap"]) == (QUIZ_CHOICE, "expanded", True)
    assert [c["value"] for c in choices["choices"]] == [reply.question.value(i) for i in range(3)]
    assert [c["title"] for c in choices["choices"]] == [f"{i}. {o}" for i, o in enumerate(reply.question.options, 1)]
    (submit,) = card["actions"]
    assert submit["data"] == {"action": QUIZ_ANSWER, "lang": "en"}  # Teams adds "value": the chosen option
    assert "actions" not in to_adaptive_card(quiz_steps(BOT)["done"])  # nothing left to answer


def test_long_options_wrap_in_full() -> None:
    """Clause titles as options: radio buttons whose labels wrap, so none is cut off or hidden."""
    long = "An option longer than a Teams button shows in full, " * 2
    question = QuizQuestion("clause:AC-SCOPE", "Which?", (long, "short", "a third option"), 1, "AC-SCOPE")
    card = to_adaptive_card(QuizReply("en", BOT.policy_info("en"), 1, 3, question))
    (choices,) = [e for e in card["body"] if e["type"] == "Input.ChoiceSet"]
    assert [c["title"] for c in choices["choices"]] == [f"1. {long}", "2. short", "3. a third option"]


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
