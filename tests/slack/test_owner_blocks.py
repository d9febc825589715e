"""Block Kit for quiz steps and the owner's report: golden files, buttons, Slack's limits.

Regenerate the golden files after an intended change with
``GUIDEBOT_UPDATE_GOLDEN=1 pytest tests/slack/test_owner_blocks.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest

from adapters.slack.blocks import to_blocks
from adapters.slack.limits import MAX_BUTTON
from adapters.slack.owner_blocks import MAX_ROWS, QUIZ_ANSWER
from bot.assistant.engine import GuideBot
from bot.domain.replies import Reply
from bot.features.owner.replies import QuizQuestion, QuizReply
from tests.report.samples import empty_report_reply, huge_report_reply, quiz_steps, report_reply

from .support import blocks_text
from .test_blocks import GOLDEN, assert_within_limits


def cases(bot: GuideBot) -> dict[str, Reply]:
    en, ja = quiz_steps(bot, "en"), quiz_steps(bot, "ja")
    return {
        "quiz_start": en["start"],
        "quiz_next": en["next"],
        "quiz_done_ja": ja["done"],
        "report": report_reply(bot),
        "report_ja": report_reply(bot, "ja"),
        "report_empty": empty_report_reply(bot),
    }


NAMES = ["quiz_start", "quiz_next", "quiz_done_ja", "report", "report_ja", "report_empty"]


@pytest.mark.parametrize("name", NAMES)
def test_matches_golden_file(eval_bot: GuideBot, name: str) -> None:
    rendered = to_blocks(cases(eval_bot)[name])
    path = GOLDEN / f"{name}.json"
    if os.environ.get("GUIDEBOT_UPDATE_GOLDEN") == "1":
        path.write_text(json.dumps(rendered, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert path.exists(), f"{path.name} is missing: write it with GUIDEBOT_UPDATE_GOLDEN=1 and review it"
    assert rendered == json.loads(path.read_text(encoding="utf-8"))
    assert_within_limits(rendered)


def _buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]


def test_a_question_has_one_button_per_option_carrying_its_value(eval_bot: GuideBot) -> None:
    reply = quiz_steps(eval_bot)["next"]
    assert reply.question is not None
    message = to_blocks(reply)
    buttons = _buttons(message)
    assert [b["action_id"] for b in buttons] == [f"{QUIZ_ANSWER}_{i}" for i in range(len(reply.question.options))]
    assert [b["value"] for b in buttons] == [reply.question.value(i) for i in range(len(reply.question.options))]
    text = blocks_text(message)
    assert "Not quite" in text and reply.question.prompt in text
    assert reply.outcome is not None and reply.outcome.clause.id in text  # the answer is explained


def test_the_final_step_has_the_score_and_no_buttons(eval_bot: GuideBot) -> None:
    message = to_blocks(quiz_steps(eval_bot, "ja")["done"])
    assert _buttons(message) == []
    assert "3問中2問正解" in blocks_text(message) and "8問中5問正解" in blocks_text(message)


def test_long_options_are_listed_in_full_and_buttons_clipped(eval_bot: GuideBot) -> None:
    long = "An option far longer than a Slack button can show, " * 3
    question = QuizQuestion("clause:AC-SCOPE", "Which?", (long, "short"), 1, "AC-SCOPE")
    message = to_blocks(QuizReply("en", eval_bot.policy_info("en"), 1, 3, question))
    assert_within_limits(message)
    assert all(len(b["text"]["text"]) <= MAX_BUTTON for b in _buttons(message))
    assert f"1. {long}".strip() in blocks_text(message)


def test_report_shows_every_part_a_manager_needs(eval_bot: GuideBot) -> None:
    text = blocks_text(to_blocks(report_reply(eval_bot)))
    for part in (
        "Questions\n6",
        "Unsure\n3",
        "2× days · vacation",  # a gap with its keywords and count
        "AC-DISCLOSE: Saying that you work for Acme  👍 1 / 👎 1",
        "Review before posting: 1",
        "Confidential information 1, Disclaimer 1",  # category names from the catalogue
        "opinion-needs-disclaimer: fired 1×, reported wrong 1×",
        "Quiz: 3 answers, 2 right, 2 people",
        "#C0123ABCD (every monday 09:00): 4 posted, 7 read · 1.75 reads per post",  # a channel link
    ):
        assert part in text, part


def test_a_huge_report_is_cut_visibly_within_limits(eval_bot: GuideBot) -> None:
    message = to_blocks(huge_report_reply(eval_bot))
    assert_within_limits(message)
    text = blocks_text(message)
    assert text.count("…and 290 more not shown here") == 1  # gaps
    assert "…and 50 more not shown here" in text  # reminders
    assert "…and 30 more not shown here" in text  # checks reported wrong
    gaps = next(b for b in message["blocks"] if "Knowledge gaps" in b.get("text", {}).get("text", ""))
    assert gaps["text"]["text"].count("•") == MAX_ROWS
