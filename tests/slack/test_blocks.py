"""The Block Kit renderer: golden files, Slack's limits and escaping.

Regenerate the golden files after an intended change with
``GUIDEBOT_UPDATE_GOLDEN=1 pytest tests/slack/test_blocks.py`` and review the diff.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

import pytest

from adapters.slack.blocks import to_blocks
from adapters.slack.limits import (
    MAX_ACTIONS,
    MAX_BLOCKS,
    MAX_BUTTON,
    MAX_CONTEXT,
    MAX_CONTEXT_ELEMENTS,
    MAX_FALLBACK,
    MAX_FIELD,
    MAX_FIELDS,
    MAX_HEADER,
    MAX_SECTION,
)
from bot.assistant.engine import GuideBot
from bot.domain.findings import CheckResult, Finding
from bot.domain.policy import Case
from bot.domain.replies import (
    AnswerReply,
    CheckReply,
    ClauseListReply,
    ClauseReply,
    FormReply,
    HelpReply,
    NoticeReply,
    ScoredClause,
)
from bot.domain.texts import pick
from bot.knowledge.loader import load

from .support import EVAL_KB

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("GUIDEBOT_UPDATE_GOLDEN") == "1"

pytestmark = pytest.mark.skipif(not EVAL_KB.is_dir(), reason="the goldens are rendered from the evaluation KB")


@pytest.fixture(scope="module")
def bot() -> GuideBot:
    return GuideBot(load(str(EVAL_KB)))


def finding(bot: GuideBot, check_id: str, lang: str, excerpt: str | None, start: int | None = 0) -> Finding:
    check = next(c for c in bot.kb.checks if c.id == check_id)
    return Finding(
        check.id,
        check.category,
        check.severity,
        check.clause,
        start,
        None if start is None else start + len(excerpt or ""),
        pick(check.message, lang),
        pick(check.suggestion, lang) if check.suggestion else None,
        excerpt,
    )


def check_reply(bot: GuideBot, lang: str, findings: list[Finding], verdict: str = "block") -> CheckReply:
    cited = {f.clause: bot.kb.by_id[f.clause] for f in findings}
    return CheckReply(lang, CheckResult(verdict, lang, tuple(findings)), bot.policy_info(lang), cited)


def replies(bot: GuideBot) -> dict[str, Any]:
    by_id = bot.kb.by_id
    en, ja = bot.policy_info("en"), bot.policy_info("ja")
    return {
        "answer": AnswerReply("en", "en", "answered", (ScoredClause(by_id["AC-WORKTIME"], 0.91),), en),
        "answer_ja": AnswerReply("ja", "ja", "answered", (ScoredClause(by_id["AC-ANONYMOUS"], 0.8),), ja),
        "unsure": AnswerReply(
            "en", "en", "unsure", tuple(ScoredClause(by_id[i], 0.2) for i in ("AC-SCOPE", "AC-TRAINING")), en
        ),
        "unsure_related": AnswerReply(
            "en", "en", "unsure", (), en, alternatives=(ScoredClause(by_id["AC-SCOPE"], 0.2),)
        ),
        "answer_offered": AnswerReply(
            "en",
            "en",
            "answered",
            (ScoredClause(by_id["AC-DISCLOSE"], 0.6),),
            en,
            alternatives=(ScoredClause(by_id["AC-PROFILE"], 0.5),),
        ),
        "check_en": check_reply(
            bot,
            "en",
            [
                finding(bot, "confidential-codenames", "en", "Project Bluefin", 34),
                finding(bot, "opinion-needs-disclaimer", "en", None, None),
                finding(bot, "personal-email", "en", "j…@example.com <not a tag> & co", 80),
            ],
        ),
        "check_ja": check_reply(
            bot,
            "ja",
            [
                finding(bot, "confidential-codenames", "ja", "社外秘", 18),
                finding(bot, "personal-email", "ja", "y…@example.com", 30),
            ],
        ),
        "check_pass": check_reply(bot, "en", [], "pass"),
        "clause": ClauseReply("en", by_id["AC-WORKTIME"], en, (by_id["AC-MONITORING"],)),
        "list": ClauseListReply("en", bot.kb.clauses, en),
        "help": HelpReply("en", en, is_manager=True),
        "help_ja": HelpReply("ja", ja),
        "notice": NoticeReply("en", "Reminder <!channel> & <@U1> scheduled", "success"),
        "form": FormReply("en"),
        "oversized_check": check_reply(
            bot, "en", [finding(bot, "personal-email", "en", "x" * 5_000 + f" #{i}", i) for i in range(60)]
        ),
    }


def golden_cases() -> list[str]:
    return ["answer", "answer_ja", "unsure", "check_en", "check_ja", "check_pass", "clause", "list", "help", "help_ja",
            "notice", "form", "oversized_check", "answer_offered", "unsure_related"]  # fmt: skip


@pytest.mark.parametrize("name", golden_cases())
def test_matches_golden_file(bot: GuideBot, name: str) -> None:
    rendered = to_blocks(replies(bot)[name])
    path = GOLDEN / f"{name}.json"
    if UPDATE:
        path.write_text(json.dumps(rendered, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert path.exists(), f"{path.name} is missing: write it with GUIDEBOT_UPDATE_GOLDEN=1 and review it"
    assert rendered == json.loads(path.read_text(encoding="utf-8"))


def assert_within_limits(message: dict[str, Any]) -> None:
    assert 0 < len(message["text"]) <= MAX_FALLBACK
    blocks = message["blocks"]
    assert 0 < len(blocks) <= MAX_BLOCKS
    for block in blocks:
        kind = block["type"]
        if kind == "section":
            assert "text" in block or block.get("fields")  # a section of fields alone is valid
            assert len(block.get("text", {}).get("text", "")) <= MAX_SECTION
            assert len(block.get("fields", [])) <= MAX_FIELDS
            assert all(len(f["text"]) <= MAX_FIELD for f in block.get("fields", []))
        elif kind == "header":
            assert block["text"]["type"] == "plain_text" and len(block["text"]["text"]) <= MAX_HEADER
        elif kind == "context":
            assert 0 < len(block["elements"]) <= MAX_CONTEXT_ELEMENTS
            assert all(len(e["text"]) <= MAX_CONTEXT for e in block["elements"])
        elif kind == "actions":
            assert 0 < len(block["elements"]) <= MAX_ACTIONS
            assert all(len(e["text"]["text"]) <= MAX_BUTTON for e in block["elements"])


@pytest.mark.parametrize("name", golden_cases())
def test_every_reply_is_within_slack_limits(bot: GuideBot, name: str) -> None:
    assert_within_limits(to_blocks(replies(bot)[name]))


def test_oversized_check_is_cut_visibly(bot: GuideBot) -> None:
    message = to_blocks(replies(bot)["oversized_check"])
    blocks = message["blocks"]
    assert MAX_BLOCKS - 1 <= len(blocks) <= MAX_BLOCKS
    assert "37 more finding(s)" in blocks[-2]["elements"][0]["text"]  # then the policy footer
    assert "60 finding(s)" in blocks[0]["text"]["text"]
    assert blocks[1]["text"]["text"].count("…") >= 1  # the long excerpt is clipped, not dropped
    assert message["text"].endswith("…")


def test_oversized_texts_lists_and_headers_are_clipped(bot: GuideBot) -> None:
    clause = bot.kb.by_id["AC-WORKTIME"]
    huge = dataclasses.replace(clause, title={"en": "T" * 400}, answer={"en": "word & " * 2_000})
    for reply in (
        ClauseReply("en", huge, bot.policy_info("en"), (huge,) * 30),
        ClauseListReply("en", (huge,) * 1_500, bot.policy_info("en")),
        AnswerReply("en", "en", "answered", (ScoredClause(huge, 1.0),), bot.policy_info("en")),
    ):
        message = to_blocks(reply)
        assert_within_limits(message)
        assert "…" in json.dumps(message, ensure_ascii=False)
    listing = to_blocks(ClauseListReply("en", (huge,) * 1_500, bot.policy_info("en")))["blocks"]
    assert "more not shown" in listing[-1]["elements"][0]["text"]


def test_a_clause_with_more_situations_than_an_actions_block_holds_is_still_sent(bot: GuideBot) -> None:
    """Its general rule lists every situation; Slack takes at most 25 buttons a block."""
    clause = bot.kb.by_id["AC-WORKTIME"]
    when = "a situation described at such length that its label is longer than a button holds"
    cases = tuple(
        Case(f"s{i}", {"en": f"{when} {i}"}, "prohibited", None, {"en": ("q",)}, {}, clause.source) for i in range(30)
    )
    reply = AnswerReply(
        "en", "en", "answered", (ScoredClause(dataclasses.replace(clause, cases=cases), 1.0),), bot.policy_info("en")
    )
    message = to_blocks(reply)
    assert_within_limits(message)
    (situations,) = [b for b in message["blocks"] if b.get("block_id", "").startswith("situation|")]
    assert [e["value"] for e in situations["elements"]] == [f"AC-WORKTIME|s{i}" for i in range(MAX_ACTIONS)]


def test_answer_with_a_huge_quoted_check_keeps_its_buttons(bot: GuideBot) -> None:
    many = replies(bot)["oversized_check"].result
    reply = AnswerReply(
        "en", "en", "answered", (ScoredClause(bot.kb.by_id["AC-PRIVACY"], 0.9),), bot.policy_info("en"), many
    )
    blocks = to_blocks(reply)["blocks"]
    assert len(blocks) <= MAX_BLOCKS
    kinds = [b["type"] for b in blocks]
    # The helpful buttons follow the answer they rate, before the quoted draft's check.
    assert kinds[:4] == ["section", "section", "context", "actions"] and blocks[3]["block_id"].startswith("helpful")
    assert kinds[4] == "divider" and blocks[-1]["type"] == "context"


def test_untrusted_text_is_escaped(bot: GuideBot) -> None:
    message = to_blocks(replies(bot)["notice"])
    text = message["blocks"][0]["text"]["text"]
    assert "&lt;!channel&gt; &amp; &lt;@U1&gt;" in text
    assert "<!channel>" not in json.dumps(message)


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.stem)
def test_action_and_block_ids_are_unique_in_every_golden_message(path: Path) -> None:
    """Block Kit refuses a message whose action ids repeat within a block, or whose block ids repeat."""
    blocks = json.loads(path.read_text(encoding="utf-8"))["blocks"]
    block_ids = [b["block_id"] for b in blocks if "block_id" in b]
    assert len(block_ids) == len(set(block_ids)), path.name
    for block in blocks:
        elements = [*block.get("elements", []), block.get("accessory") or {}]
        action_ids = [e["action_id"] for e in elements if "action_id" in e]
        assert len(action_ids) == len(set(action_ids)), f"{path.name}: {block.get('block_id')} repeats {action_ids}"
