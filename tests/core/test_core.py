"""The core object: questions, quoted drafts, size limits and swapping the knowledge base."""

from __future__ import annotations

import pytest

from bot.assistant.engine import MAX_QUESTION_CHARS, GuideBot, InputTooLarge, quoted_draft


def test_quoted_draft_takes_the_longest_quote():
    assert quoted_draft('Is "ok" fine, or "this longer draft text" instead?') == "this longer draft text"
    assert quoted_draft("「来月の新製品発表が楽しみです」って投稿していい?") == "来月の新製品発表が楽しみです"
    assert quoted_draft("no quotes at all") is None


def test_ask_answers_cites_and_checks_a_quoted_draft(eval_bot: GuideBot):
    reply = eval_bot.ask("Can I post 'Kestrel launches next month, so excited'?")
    assert reply.check is not None
    assert [f.check for f in reply.check.findings] == ["confidential-codenames"]
    plain = eval_bot.ask("Who may speak for Acme online?")
    assert plain.check is None
    assert plain.outcome == "answered" and plain.matches[0].clause.id == "AC-SPOKESPERSON"


def test_the_clause_a_quoted_draft_breaks_answers_the_question(eval_bot: GuideBot):
    question = "is this ok for my X: 'honestly our new pricing model is a mess imo and I hope leadership rethinks'"
    reply = eval_bot.ask(question)
    assert reply.check is not None
    assert [f.clause for f in reply.check.findings] == ["AC-OPINION"]
    assert reply.outcome == "answered" and reply.matches[0].clause.id == "AC-OPINION"
    scores = [m.score for m in reply.matches]
    assert scores == sorted(scores, reverse=True) and len({m.clause.id for m in reply.matches}) == len(scores)
    # A quoted draft with nothing to flag leaves the ranking to the question.
    calm = eval_bot.ask("can I tell my followers 'we are hiring nurses in Osaka, apply on our careers page'?")
    assert calm.check is not None and not calm.check.findings
    assert calm.matches[0].clause.id == "AC-RECRUITING"


def test_question_size_limit(eval_bot: GuideBot):
    with pytest.raises(InputTooLarge):
        eval_bot.ask("q" * (MAX_QUESTION_CHARS + 1))


def test_replace_swaps_the_knowledge_base(eval_bot: GuideBot, small_kb):
    assert eval_bot.check("Bluefin").result.verdict == "pass"  # eval: only "Project Bluefin"
    eval_bot.replace(small_kb)
    assert eval_bot.check("Bluefin").result.verdict == "block"
    assert eval_bot.show("T-PHOTOS", "en") is not None and eval_bot.show("AC-CITE", "en") is None
