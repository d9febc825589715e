"""Teams' message size, measured as sent: the bytes the Bot Framework SDK puts on the wire.

The SDK serialises an activity as JSON with every non-ASCII character escaped as ``\\uXXXX``
(6 bytes for one Japanese character), so a Japanese card is far larger on the wire than in
UTF-8. Teams refuses messages over about 28 KB; cards are cut to stay under 25 KB, visibly.
"""

from __future__ import annotations

import json

from adapters.teams.cards import MAX_CARD_BYTES, MAX_FALLBACK, MAX_FINDINGS, to_adaptive_card, wire_bytes
from bot.assistant.engine import GuideBot
from bot.domain.replies import ClauseListReply
from bot.knowledge.loader import load
from tests.conformance.gallery import every_reply

from .support import EVAL_KB, Connector, Server, activity, card_of, card_text

MAX_MESSAGE_BYTES = 25_000
# 30 lines, each with a confidentiality marking and an e-mail address: 60 findings in Japanese.
DRAFT = "\n".join(
    f"社外秘の資料{i}について、田中{i}さん tanaka{i}@example.co.jp に連絡してください。" for i in range(30)
)


async def test_a_japanese_check_with_60_findings_stays_under_25_kb_on_the_wire(
    server: Server, connector: Connector
) -> None:
    await server.post(activity(connector, text="checkpost " + DRAFT))
    (sent,) = connector.sent()
    (size,) = connector.sizes
    card = card_of(sent)
    assert size < MAX_MESSAGE_BYTES
    assert size > len(json.dumps(sent, ensure_ascii=False).encode())  # the wire, not UTF-8, is what counts
    assert wire_bytes(card) <= MAX_CARD_BYTES
    shown = card_text(card)
    assert "指摘60件" in shown
    findings = [e for e in card["body"] if e["type"] == "Container"]
    assert 1 <= len(findings) < 60
    assert f"…ほか{60 - len(findings)}件の指摘があります" in shown.splitlines()
    assert len(card["fallbackText"]) <= MAX_FALLBACK


def test_long_japanese_findings_are_cut_by_size_before_their_number() -> None:
    """Findings whose texts are long fill the byte budget first; the rest are counted, not lost."""
    bot = GuideBot(load(EVAL_KB))
    long = "社外秘の売上見込みについて" * 40
    reply = every_reply(bot, "ja", long, findings=60)["check"]
    card = to_adaptive_card(reply)
    findings = [e for e in card["body"] if e["type"] == "Container"]
    assert wire_bytes(card) <= MAX_CARD_BYTES < wire_bytes(card) + wire_bytes(findings[0])
    assert len(findings) < MAX_FINDINGS
    assert f"…ほか{60 - len(findings)}件の指摘があります" in card_text(card).splitlines()


def test_any_card_too_big_loses_its_last_parts_for_a_note() -> None:
    """The safety net of every card: a clause list of a huge knowledge base is cut with a count."""
    bot = GuideBot(load(EVAL_KB))
    reply = every_reply(bot, "ja", "長い条項の題名" * 30)["list"]
    assert isinstance(reply, ClauseListReply)
    many = ClauseListReply("ja", reply.clauses * 60, reply.policy)
    card = to_adaptive_card(many)
    assert wire_bytes(card) <= MAX_CARD_BYTES
    assert card["body"][-1] == to_adaptive_card(reply)["body"][-1]  # the policy line stays
    assert card_text({"body": card["body"][-2:-1]}).startswith("…ほか")


def test_a_long_clause_list_shows_the_clauses_that_fit_and_counts_the_rest() -> None:
    """Not the whole list dropped for a note: the first clauses, then how many more."""
    bot = GuideBot(load(EVAL_KB))
    clauses = tuple(bot.kb.clauses) * 6  # 210 clauses, Japanese titles
    many = ClauseListReply("ja", clauses, bot.policy_info("ja"))
    card = to_adaptive_card(many)
    assert wire_bytes(card) <= MAX_CARD_BYTES
    (listed,) = [e for e in card["body"] if e["type"] == "FactSet"]
    shown = len(listed["facts"])
    assert 50 < shown < len(clauses)
    assert f"…ほか{len(clauses) - shown}件は省略しました" in card_text(card).splitlines()


def test_a_reminder_too_big_loses_whole_clauses_and_counts_them() -> None:
    from bot.domain.replies import ReminderReply

    bot = GuideBot(load(EVAL_KB))
    clauses = tuple(bot.kb.clauses) * 2
    card = to_adaptive_card(ReminderReply("ja", 1, 1, clauses, bot.policy_info("ja")))
    assert wire_bytes(card) <= MAX_CARD_BYTES
    shown = [e for e in card["body"] if e["type"] == "Container"]
    assert 0 < len(shown) < len(clauses)
    assert all(len(c["items"]) == 2 for c in shown)  # each clause with its answer
    assert f"…ほか{len(clauses) - len(shown)}件は省略しました" in card_text(card).splitlines()
