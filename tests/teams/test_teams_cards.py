"""Adaptive Cards rendered from the core's replies, against golden files.

Regenerate after an intended change with ``GUIDEBOT_UPDATE_GOLDEN=1 pytest tests/teams``
and review the diff.
"""

from __future__ import annotations

import dataclasses
import json
import os
from typing import Any

import pytest

from adapters.teams.cards import MAX_FINDINGS, MAX_ROW_ACTIONS, to_adaptive_card, to_message
from bot.assistant.engine import GuideBot
from bot.data.messages import msg
from bot.domain.findings import CheckResult, Finding
from bot.domain.replies import AnswerReply, CheckReply, FormReply, NoticeReply, Reply, ScoredClause
from bot.knowledge.loader import load
from bot.runtime.settings import BUNDLED_KB
from tests.conftest import UNSURE_IN_SCOPE

from .support import EVAL_KB, GOLDEN, card_text

BOT = GuideBot(load(EVAL_KB))
JA_DRAFT = "ハッカソン用の検証環境:ユーザー admin/パスワード Tanuki!88。質問は結衣さん(yui.sato@example.com)まで"
EN_DRAFT = (
    "Not yet announced, but in my opinion our new AI assistant is miles ahead of Globex's. "
    "Want to try the beta? Use key sk-proj-Yt4RkP8vQw2LmN6sHc3JzA9bXe7UfG5iDo1KqV0TnWrMyE8s"
)

CASES: dict[str, Reply] = {
    "answer_en": BOT.ask("Does the social media policy apply to contractors and part-timers?"),
    "answer_ja": BOT.ask("派遣社員やアルバイトにもこのガイドラインは適用されますか?"),
    "answer_offered_ja": BOT.ask("ライバル社が倒産寸前ってうわさ、シェアしていい?"),
    "unsure_related_en": BOT.ask(UNSURE_IN_SCOPE),
    "check_en": BOT.check(EN_DRAFT),
    "check_ja": BOT.check(JA_DRAFT),
    "clause_ja": BOT.show("AC-OPINION", "ja") or NoticeReply("ja", "missing"),
    "form_ja": FormReply("ja"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_card_matches_golden_file(name: str) -> None:
    card = to_adaptive_card(CASES[name])
    path = GOLDEN / f"{name}.json"
    rendered = json.dumps(card, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("GUIDEBOT_UPDATE_GOLDEN"):
        path.write_text(rendered, encoding="utf-8")
    assert rendered == path.read_text(encoding="utf-8")


def test_offered_clauses_are_buttons_that_name_them() -> None:
    for name in ("answer_offered_ja", "unsure_related_en"):
        reply = CASES[name]
        assert isinstance(reply, AnswerReply) and reply.alternatives
        card = to_adaptive_card(reply)
        sets = [e for e in card["body"] if e["type"] == "ActionSet" and e["actions"][0]["data"]["action"] != "helpful"]
        assert [a["data"]["clause"] for s in sets for a in s["actions"]] == [a.clause.id for a in reply.alternatives]
        answered = reply.clause.id if reply.clause else ""
        assert all(
            a["data"]["action"] == "offered_clause" and a["data"]["answered"] == answered for a in sets[0]["actions"]
        )
        also = msg("offered.also", reply.lang)
        colon = msg("labelled", reply.lang, label="", value="")  # ": " or "："
        assert all(a["title"].startswith(also + colon) for a in sets[0]["actions"])


def test_japanese_input_gives_japanese_ui_words() -> None:
    text = card_text(to_adaptive_card(CASES["check_ja"]))
    # The password in the draft is a secret (the base's api-key check covers passwords): it blocks.
    assert "このままでは投稿できません" in text and "該当箇所" in text and "AC-PRIVACY" in text
    assert "Review before posting" not in text


def test_every_card_has_a_text_fallback() -> None:
    for reply in CASES.values():
        card = to_adaptive_card(reply)
        assert card["fallbackText"].strip(), reply


def test_notices_go_as_plain_text() -> None:
    message = to_message(NoticeReply("en", "Thanks for the feedback.", "success"))
    assert (message.text, message.card) == ("Thanks for the feedback.", None)


def test_long_finding_lists_are_cut_visibly() -> None:
    finding = Finding("c", "conduct", "warning", "AC-OPINION", 0, 4, "Watch the tone", None, "x" * 500)
    result = CheckResult("warn", "en", (finding,) * (MAX_FINDINGS + 5))
    card: dict[str, Any] = to_adaptive_card(CheckReply("en", result, BOT.policy_info("en")))
    containers = [e for e in card["body"] if e["type"] == "Container"]
    assert len(containers) == MAX_FINDINGS
    assert "…and 5 more finding(s)" in card_text(card)
    assert "x" * 200 not in json.dumps(card["body"])  # the excerpt is cut too


def test_reminder_card_has_the_ack_button_until_superseded() -> None:
    from bot.domain.replies import ReminderListReply, ReminderReply

    clause = BOT.clause("AC-OPINION")
    assert clause is not None
    reminder = ReminderReply("en", 7, 3, (clause,), BOT.policy_info("en"))
    card = to_adaptive_card(reminder)
    assert card["actions"][0]["data"]["action"] == "ack_reminder"
    assert card["actions"][0]["data"]["value"] == "7:3"
    assert "AC-OPINION" in card_text(card)
    old = to_adaptive_card(ReminderReply("en", 7, 3, (clause,), BOT.policy_info("en"), active=False))
    assert "actions" not in old
    listing = to_adaptive_card(ReminderListReply("en", (), "UTC"))
    assert listing["fallbackText"].strip()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_help_shows_each_command_line_in_a_block_of_its_own(lang: str) -> None:
    """Teams' Markdown joins single line breaks: the managers' list must not run together."""
    from bot.domain.replies import HelpReply
    from tests.surfaces import teams_shown

    card = to_adaptive_card(HelpReply(lang, BOT.policy_info(lang), is_manager=True))
    shown = [teams_shown(e["text"]).text for e in card["body"] if e.get("type") == "TextBlock"]
    for line in msg("help.managers", lang).splitlines():  # each line as typed, commands without backticks
        assert line.replace("`", "") in shown


def test_an_owners_line_breaks_and_bullets_show_as_written() -> None:
    """Teams joins single line breaks of a TextBlock into one paragraph: each line the owner
    wrote (a bullet list, a closing link) must still start a line of its own."""
    from dataclasses import replace as changed

    from tests.surfaces import card_texts

    clause = BOT.kb.by_id["AC-OPINION"]
    answer = "Before you post:\n- say it is your own view\n- keep numbers out\n\nMore: https://intranet.example/policy"
    reply = AnswerReply(
        "en", "en", "answered", (ScoredClause(changed(clause, answer={"en": answer}), 0.9),), BOT.policy_info("en")
    )
    shown = [s.text for s in card_texts(to_adaptive_card(reply))]
    (block,) = [t for t in shown if t.startswith("Before you post")]
    assert block.splitlines() == [
        "Before you post:",
        "- say it is your own view",
        "- keep numbers out",
        "More: https://intranet.example/policy",
    ]


def test_more_situations_than_a_row_of_buttons_shows_are_listed_as_lines() -> None:
    """Teams hides buttons past its host's maxActions: a clause with more situations lists them."""
    bot = GuideBot(load(str(BUNDLED_KB)))
    clause = bot.clause("SM-COMPETITORS")
    assert clause is not None
    many = tuple(dataclasses.replace(clause.cases[0], id=f"s{i}", when={"en": f"situation {i}"}) for i in range(7))
    wide = dataclasses.replace(clause, cases=many)
    card = to_adaptive_card(AnswerReply("en", "en", "answered", (ScoredClause(wide, 1.0),), bot.policy_info("en")))
    text = json.dumps(card["body"], ensure_ascii=False)  # not the fallback text, which lists them anyway
    assert all(f"situation {i}" in text for i in range(7))
    assert not [e for e in card["body"] if e["type"] == "ActionSet" and "case" in e["actions"][0]["data"]]
    few = to_adaptive_card(bot.ask("Can I talk about competitors?"))
    (row,) = [e for e in few["body"] if e["type"] == "ActionSet" and "case" in e["actions"][0]["data"]]
    assert len(row["actions"]) == len(clause.cases) <= MAX_ROW_ACTIONS
