"""What a reply offers besides its answer: close alternatives, and related clauses when unsure."""

from __future__ import annotations

import json

import pytest

from adapters.console import converse
from bot.app import build_app
from bot.assistant.dispatch import OFFERED_CLAUSE, Dispatcher
from bot.assistant.engine import GuideBot
from bot.assistant.render_text import VERDICT_MARK, to_text
from bot.data.messages import msg
from bot.domain.commands import ButtonPress
from bot.domain.replies import AnswerReply
from bot.knowledge.loader import load
from bot.runtime.settings import BUNDLED_KB, Settings
from bot.search.index import ClauseIndex
from bot.search.params import Params
from tests.conftest import CLOSE_QUESTION, EVAL_KB, SITUATION_QUESTION, UNSURE_IN_SCOPE, UNSURE_RELATED, run_cli


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


def test_a_help_desk_question_naming_no_channel_or_subject_lists_no_clause(bot: GuideBot) -> None:
    # Their words are near the privacy and training clauses ("call", 「誰に言えば」), but they ask
    # how a chore is done.
    for question in ("how do I set up call forwarding on my desk phone?", "プリンタ詰まった、誰に言えばいい"):
        reply = bot.ask(question)
        assert reply.outcome == "unsure" and reply.offered == (), question
    # One that names a policy subject still lists the clause it is about.
    reply = bot.ask("where do i get the official logo files for a slide in my talk?")
    assert reply.outcome == "unsure" and "AC-TRADEMARKS" in [c.id for c in reply.offered]


def test_unsure_about_an_in_scope_question_lists_the_related_clause(bot: GuideBot) -> None:
    reply = bot.ask(UNSURE_IN_SCOPE)
    assert reply.outcome == "unsure" and UNSURE_RELATED in [c.id for c in reply.offered]


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


@pytest.fixture(scope="module")
def bundled() -> GuideBot:
    return GuideBot(load(str(BUNDLED_KB)))


def test_each_offered_clause_carries_the_case_the_question_asks_about(bundled: GuideBot) -> None:
    reply = bundled.ask(SITUATION_QUESTION)
    assert reply.outcome == "answered" and len(reply.offered_cases) == len(reply.offered)
    assert reply.offered_cases[0] == reply.case
    for alternative in reply.alternatives:
        assert alternative.case == bundled.index.case_for(alternative.clause, SITUATION_QUESTION)
    assert any(a.case is not None and a.case.verdict != a.clause.verdict for a in reply.alternatives)


def test_answering_with_an_offered_case(bundled: GuideBot) -> None:
    clause = bundled.clause("SM-CRITICISM")
    assert clause is not None and clause.cases
    case = clause.cases[0]
    reply = bundled.answer_with(clause.id, "en", case.id)
    assert reply is not None and reply.clause == clause and reply.case == case and reply.verdict == case.verdict
    general = bundled.answer_with(clause.id, "en")
    assert general is not None and general.case is None and general.verdict == clause.verdict


def test_a_stale_case_id_answers_with_the_clause_in_general(bundled: GuideBot) -> None:
    reply = bundled.answer_with("SM-CRITICISM", "ja", "no-longer-here")
    assert reply is not None and reply.case is None and reply.verdict == reply.matches[0].clause.verdict
    eval_bot = GuideBot(load(str(EVAL_KB)))  # a base without cases at all
    reply = eval_bot.answer_with("AC-SCOPE", "en", "defending")
    assert reply is not None and reply.clause is not None and reply.clause.id == "AC-SCOPE" and reply.case is None


async def test_the_offered_button_press_answers_in_the_case_it_names(bundled: GuideBot) -> None:
    dispatcher = Dispatcher(bundled)
    clause = bundled.clause("SM-CRITICISM")
    assert clause is not None
    for case_id, want in ((clause.cases[0].id, clause.cases[0]), ("stale", None), ("", None)):
        values = {"clause": clause.id, "case": case_id, "answered": "SM-COMPETITORS"}
        reply = await dispatcher.press(ButtonPress("console", "U1", OFFERED_CLAUSE, values, "en"))
        assert isinstance(reply, AnswerReply) and reply.clause == clause and reply.case == want, case_id


def test_ask_json_carries_each_offered_clauses_case(capsys) -> None:
    code, out, _ = run_cli(capsys, "ask", "--kb", str(BUNDLED_KB), "--json", SITUATION_QUESTION)
    data = json.loads(out)
    assert code == 0 and len(data["offered_cases"]) == len(data["offered"])
    assert data["offered_cases"][0] == data["case"]
    bot = GuideBot(load(str(BUNDLED_KB)))
    for clause_id, case_id in zip(data["offered"], data["offered_cases"], strict=True):
        clause = bot.clause(clause_id)
        assert clause is not None and (case_id is None or clause.case(case_id) is not None)
    assert any(data["offered_cases"][1:])


def test_a_general_answer_lists_each_situation_with_its_verdict(bundled: GuideBot, capsys) -> None:
    """The question states no situation: the general rule answers, and every situation of
    the clause follows with its own verdict (in chat, a button each)."""
    reply = bundled.ask("Can I talk about competitors?")
    clause = bundled.clause("SM-COMPETITORS")
    assert clause is not None and reply.clause == clause and reply.case is None
    assert reply.situations == clause.cases
    text = to_text(reply)
    listed = text.split(msg("case.each", "en"), 1)[1]
    for case in clause.cases:
        assert f"• {VERDICT_MARK[case.verdict]} {msg('verdict.' + case.verdict, 'en')}: {case.when['en']}" in listed
    code, out, _ = run_cli(capsys, "ask", "--kb", str(BUNDLED_KB), "--json", "Can I talk about competitors?")
    assert code == 0 and json.loads(out)["situations"] == [{"case": c.id, "verdict": c.verdict} for c in clause.cases]


def test_an_answer_in_a_situation_or_without_any_lists_none(bundled: GuideBot) -> None:
    in_case = bundled.ask("Can I trash a competitor's product?")
    assert in_case.case is not None and in_case.situations == ()
    assert msg("case.each", "en") not in to_text(in_case)
    eval_reply = GuideBot(load(str(EVAL_KB))).ask("can I post about competitors?")  # a base without cases
    assert eval_reply.clause is not None and eval_reply.situations == ()
