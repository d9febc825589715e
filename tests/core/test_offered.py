"""What a reply offers besides its answer: close alternatives, and related clauses when unsure."""

from __future__ import annotations

import json

import pytest

from adapters.console import converse
from bot.app import build_app
from bot.assistant.engine import GuideBot
from bot.data.messages import msg
from bot.knowledge.loader import load
from bot.runtime.settings import BUNDLED_KB, Settings
from bot.search.index import ClauseIndex
from bot.search.params import Params
from tests.conftest import EVAL_KB, run_cli

CLOSE_QUESTION = "競合他社の悪口をXに書いてもいい?"


@pytest.fixture(scope="module")
def bot() -> GuideBot:
    return GuideBot(load(str(EVAL_KB)))


def test_a_close_runner_up_is_offered_after_the_answer(bot: GuideBot) -> None:
    reply = bot.ask(CLOSE_QUESTION)
    assert reply.outcome == "answered" and reply.alternatives
    assert reply.offered[0] == reply.clause and len(reply.offered) == 1 + len(reply.alternatives)
    assert reply.clause not in [a.clause for a in reply.alternatives]


def test_no_alternative_when_the_signals_agree_by_a_wide_margin(bot: GuideBot) -> None:
    reply = bot.ask("Does the social media policy apply to contractors and part-timers?")
    assert reply.outcome == "answered" and [c.id for c in reply.offered] == ["AC-SCOPE"]


def test_a_narrower_margin_offers_no_more() -> None:
    kb = load(str(EVAL_KB))
    wide, narrow = ClauseIndex(kb), ClauseIndex(kb, Params(close_margin=0.0, close_margin_glosses=0.0))
    question = "what hashtag should i use when i promote our stuff"
    assert len(narrow.search(question).offered) <= len(wide.search(question).offered)
    assert len(wide.search(question).offered) <= Params().max_alternatives


def test_unsure_lists_only_plausibly_related_clauses() -> None:
    bundled = GuideBot(load(str(BUNDLED_KB)))
    for question in ("what's for lunch today?", "今日のランチは何?", "how do I order a second monitor"):
        reply = bundled.ask(question)
        assert reply.outcome == "unsure" and reply.offered == (), question


def test_unsure_about_an_in_scope_question_lists_the_related_clause(bot: GuideBot) -> None:
    reply = bot.ask("I was invited to speak at a meetup about our architecture. need approval?")
    assert reply.outcome == "unsure" and "AC-MEDIA" in [c.id for c in reply.offered]


def test_ask_json_lists_what_the_reply_shows(capsys) -> None:
    code, out, _ = run_cli(capsys, "ask", "--kb", str(EVAL_KB), "--json", CLOSE_QUESTION)
    data = json.loads(out)
    assert code == 0 and data["offered"][0] == data["matches"][0]["clause"] and len(data["offered"]) >= 2
    for clause in data["offered"][1:]:
        assert clause in data["text"]  # "Also see: ..." names each


async def test_the_terminal_shows_the_alternatives_on_a_line(tmp_path) -> None:
    app = build_app(Settings(kb_path=str(EVAL_KB), database_url=f"sqlite:///{tmp_path}/g.db"))
    try:
        (reply,) = await converse(app, [CLOSE_QUESTION])
    finally:
        app.close()
    (line,) = [x for x in reply.splitlines() if x.startswith(msg("offered.also", "ja") + "：")]
    assert all(a.clause.id in line for a in app.bot.ask(CLOSE_QUESTION).alternatives)
