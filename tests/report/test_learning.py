"""Learning from corrections: what is kept, when, masked, and for how long."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from bot.app import App, build_app
from bot.domain.commands import Ask, ButtonPress, Incoming, PolicyCommand
from bot.domain.replies import AnswerReply
from bot.features.owner.learning import CORRECTION_WINDOW, Learning, LearningRepo, additions, additions_yaml
from bot.storage.schema import learned_questions
from tests.conftest import UNSURE_IN_SCOPE
from tests.report.conftest import make_settings
from tests.report.test_privacy import _dump

QUESTION = "can i post a sneak peek of the new dashboard UI we're shipping next month"  # answered wrongly
RIGHT = "AC-CONFIDENTIAL"


async def ask(app: App, question: str, user: str = "U1") -> AnswerReply:
    reply = await app.dispatcher.handle(Incoming("console", user, Ask(question)))
    assert isinstance(reply, AnswerReply)
    return reply


async def not_helpful(app: App, clause_id: str, user: str = "U1") -> None:
    await app.dispatcher.press(ButtonPress("console", user, "helpful", {"clause": clause_id, "helpful": "no"}, "en"))


async def show(app: App, clause_id: str, user: str = "U1") -> None:
    await app.dispatcher.handle(Incoming("console", user, PolicyCommand("show", clause_id)))


def rows(app: App) -> list[tuple[str, str | None, str | None]]:
    t = learned_questions.c
    with app.storage.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(t.status, t.chosen_clause, t.question).order_by(t.id))]


async def test_nothing_is_kept_unless_question_texts_are(tmp_path: Path) -> None:
    app = build_app(make_settings(tmp_path))  # GUIDEBOT_KEEP_QUESTIONS_DAYS=0
    try:
        reply = await ask(app, QUESTION)
        assert reply.clause is not None and reply.clause.id != RIGHT
        await not_helpful(app, reply.clause.id)
        await show(app, RIGHT)
        assert rows(app) == []
    finally:
        app.close()


async def test_a_correction_is_kept_and_a_plain_choice_is_not(tmp_path: Path) -> None:
    app = build_app(make_settings(tmp_path, keep_questions_days=30))
    try:
        reply = await ask(app, QUESTION)
        assert reply.clause is not None
        right = next(c.id for c in app.bot.kb.clauses if c.id != reply.clause.id)
        await show(app, right)  # no "not helpful" first: just reading another clause
        assert [r[0] for r in rows(app)] == ["asked"]
        await not_helpful(app, reply.clause.id)
        await show(app, reply.clause.id)  # the answer it rejected is no correction
        await show(app, right)
        assert rows(app) == [("chosen", right, QUESTION)]
        # The next question waits in its turn; the correction stays.
        await ask(app, "can I post photos of the office?")
        assert [r[0] for r in rows(app)] == ["chosen", "asked"]
    finally:
        app.close()


async def test_what_is_kept_is_masked(tmp_path: Path) -> None:
    app = build_app(make_settings(tmp_path, keep_questions_days=30))
    try:
        repo = LearningRepo(app.storage.engine)
        learning = Learning(repo, lambda platform, user: f"{platform}:{user}", 30, lambda: app.bot.kb)
        email = "kestrel.owner@acme-corp.co.jp"
        question = f"who do I ask about posting, {email}?"
        reply = AnswerReply("en", "en", "unsure", (), app.bot.policy_info("en"))
        await learning.observe(Incoming("console", "U1", Ask(question)), reply)
        (kept,) = [s for s in rows(app)]
        assert kept[2].startswith("who do I ask about posting") and email not in _dump(app.storage.engine)
        assert repo.waiting() == 0
    finally:
        app.close()


async def test_picking_an_offered_clause_after_unsure_needs_no_not_helpful(tmp_path: Path) -> None:
    app = build_app(make_settings(tmp_path, keep_questions_days=30))
    try:
        reply = await ask(app, UNSURE_IN_SCOPE)
        assert reply.outcome == "unsure" and reply.alternatives
        picked = reply.alternatives[0].clause.id
        await app.dispatcher.press(ButtonPress("console", "U1", "offered_clause", {"clause": picked}, "en"))
        assert [(s, c) for s, c, _ in rows(app)] == [("chosen", picked)]
    finally:
        app.close()


async def test_a_quoted_draft_is_never_kept(tmp_path: Path) -> None:
    app = build_app(make_settings(tmp_path, keep_questions_days=30))
    try:
        reply = await ask(app, "can I post 'our Q3 numbers beat every forecast, buy the stock now'?")
        assert reply.check is not None
        assert rows(app) == []
    finally:
        app.close()


async def test_pruning_keeps_corrections_for_the_keep_period_only(tmp_path: Path) -> None:
    app = build_app(make_settings(tmp_path, keep_questions_days=2))
    try:
        repo = LearningRepo(app.storage.engine)
        now = datetime.now(UTC)
        repo.asked("a", "en", "old correction", "AC-SCOPE", now - timedelta(days=3))
        repo.reject("a", "AC-SCOPE", now - timedelta(days=3))
        repo.choose("a", "AC-TRAINING", now - timedelta(days=3) + CORRECTION_WINDOW / 2)
        repo.asked("b", "en", "recent correction", "AC-SCOPE", now - timedelta(hours=3))
        repo.reject("b", "AC-SCOPE", now - timedelta(hours=3))
        repo.choose("b", "AC-TRAINING", now - timedelta(hours=3))
        repo.asked("c", "en", "waiting too long", "AC-SCOPE", now - CORRECTION_WINDOW * 2)
        repo.asked("d", "en", "still waiting", "AC-SCOPE", now)
        app.owner.prune(now)
        assert sorted(r[2] for r in rows(app)) == ["recent correction", "still waiting"]
        assert [s.question for s in repo.suggestions()] == ["recent correction"]
        assert repo.waiting() == 1
    finally:
        app.close()


def test_suggestions_are_grouped_by_clause_without_repeats(tmp_path: Path) -> None:
    app = build_app(make_settings(tmp_path, keep_questions_days=30))
    try:
        repo = LearningRepo(app.storage.engine)
        now = datetime.now(UTC)
        known = app.bot.kb.by_id["AC-SCOPE"].questions["en"][0]
        for who, (question, lang, clause) in enumerate(
            [("q one", "en", "AC-TRAINING"), ("q one", "en", "AC-TRAINING"), ("質問", "ja", "AC-TRAINING"),
             (known, "en", "AC-SCOPE"), ("gone", "en", "AC-GONE")]
        ):  # fmt: skip
            repo.asked(str(who), lang, question, None, now)
            repo.choose(str(who), clause, now)
        found = additions(repo.suggestions(), app.bot.kb)
        assert [(a.clause_id, a.questions) for a in found] == [("AC-TRAINING", {"en": ["q one"], "ja": ["質問"]})]
        assert additions_yaml(found).startswith("clauses:\n- id: AC-TRAINING\n  questions:\n    en:\n    - q one\n")
    finally:
        app.close()


async def test_a_pick_answered_in_a_situation_is_suggested_under_that_case(tmp_path: Path) -> None:
    # Bundled policy: a rival spreading a false claim reads as competitors; the person says
    # it is not helpful and picks the criticism clause offered in its "defending" case. Their
    # question is an example of that case, not of the clause in general (the clause's own
    # questions stand for its general rule, so adding it there would pull the next such
    # question away from the case).
    from bot.runtime.settings import BUNDLED_KB

    app = build_app(make_settings(tmp_path, BUNDLED_KB, keep_questions_days=30))
    try:
        question = "ライバル会社が当社製品の嘘を広めているので、個人アカウントで反論していい?"
        reply = await ask(app, question)
        assert reply.clause is not None and reply.clause.id == "SM-COMPETITORS"
        offered = next(a for a in reply.alternatives if a.clause.id == "SM-CRITICISM")
        assert offered.case is not None and offered.case.id == "defending"
        await not_helpful(app, reply.clause.id)
        values = {"clause": "SM-CRITICISM", "case": "defending", "answered": reply.clause.id}
        await app.dispatcher.press(ButtonPress("console", "U1", "offered_clause", values, "ja"))
        (suggestion,) = LearningRepo(app.storage.engine).suggestions()
        assert (suggestion.clause_id, suggestion.case_id) == ("SM-CRITICISM", "defending")
        found = additions([suggestion], app.bot.kb)
        assert [(a.clause_id, a.questions, a.cases) for a in found] == [
            ("SM-CRITICISM", {}, {"defending": {"ja": [question]}})
        ]
        assert additions_yaml(found) == (
            "clauses:\n- id: SM-CRITICISM\n  cases:\n  - id: defending\n"
            f"    questions:\n      ja:\n      - {question}\n"
        )
        # Added where it was suggested, the question is answered in that situation.
        kb = app.bot.kb
        criticism = kb.by_id["SM-CRITICISM"]
        cases = tuple(
            replace(c, questions={**c.questions, "ja": (*c.questions.get("ja", ()), question)})
            if c.id == "defending"
            else c
            for c in criticism.cases
        )
        learnt = replace(criticism, cases=cases)
        app.bot.replace(
            replace(
                kb,
                clauses=tuple(learnt if c.id == learnt.id else c for c in kb.clauses),
                by_id={**kb.by_id, learnt.id: learnt},
            )
        )
        again = await ask(app, question, user="U2")
        assert again.clause is not None and again.case is not None
        assert (again.clause.id, again.case.id, again.verdict) == ("SM-CRITICISM", "defending", "prohibited")
    finally:
        app.close()


def test_a_case_the_base_no_longer_has_is_suggested_for_the_clause(tmp_path: Path) -> None:
    app = build_app(make_settings(tmp_path, keep_questions_days=30))
    try:
        repo = LearningRepo(app.storage.engine)
        now = datetime.now(UTC)
        repo.asked("u", "en", "q about training", None, now)
        repo.choose("u", "AC-TRAINING", now, "a-case-since-removed")
        found = additions(repo.suggestions(), app.bot.kb)
        assert [(a.clause_id, a.questions, a.cases) for a in found] == [
            ("AC-TRAINING", {"en": ["q about training"]}, {})
        ]
    finally:
        app.close()


async def test_what_asks_nothing_and_says_little_is_never_an_example_question(tmp_path: Path) -> None:
    """ "thanks!", "ok" or a stray "n" is unsure; reading a clause after it is no correction."""
    app = build_app(make_settings(tmp_path, keep_questions_days=30))
    try:
        for said in ("thanks!", "ok", "n", "ありがとう"):
            assert (await ask(app, said)).outcome == "unsure"
            await show(app, "AC-OPINION")
        assert rows(app) == []
        assert LearningRepo(app.storage.engine).suggestions() == []
        # A question says something even without a question mark.
        await ask(app, "parking permit rules for visitors")
        await show(app, "AC-OPINION")
        assert rows(app) == [("chosen", "AC-OPINION", "parking permit rules for visitors")]
    finally:
        app.close()


def test_a_question_left_uncorrected_is_forgotten_within_minutes_of_the_hour(tmp_path: Path) -> None:
    """Not at the next daily pruning: serve and chat expire waiting questions every few minutes."""
    from bot.features.owner.feature import EXPIRE_EVERY

    app = build_app(make_settings(tmp_path, keep_questions_days=30))
    try:
        repo = LearningRepo(app.storage.engine)
        now = datetime.now(UTC)
        repo.asked("a", "en", "waiting past the hour", "AC-SCOPE", now - CORRECTION_WINDOW - EXPIRE_EVERY)
        repo.asked("b", "en", "still waiting", "AC-SCOPE", now - CORRECTION_WINDOW + EXPIRE_EVERY)
        app.owner.expire_questions(now)
        assert [r[2] for r in rows(app)] == ["still waiting"]
        assert timedelta(minutes=10) >= EXPIRE_EVERY
    finally:
        app.close()


async def test_a_situation_picked_after_its_general_rule_was_not_helpful_is_suggested_under_it(tmp_path: Path) -> None:
    """The general rule answered; the person says it is not helpful and presses one of the
    clause's situations. Same clause, but their question is an example of that situation.
    The report counts the question once, not once per situation pressed."""
    from bot.features.owner.feature import load_report
    from bot.runtime.settings import BUNDLED_KB

    app = build_app(make_settings(tmp_path, BUNDLED_KB, keep_questions_days=30))
    try:
        question = "Can I talk about competitors?"
        reply = await ask(app, question)
        assert reply.clause is not None and reply.clause.id == "SM-COMPETITORS" and reply.situations
        await not_helpful(app, reply.clause.id)
        for case in ("disparaging", "factual"):
            values = {"clause": "SM-COMPETITORS", "case": case, "answered": "SM-COMPETITORS"}
            await app.dispatcher.press(ButtonPress("console", "U1", "offered_clause", values, "en"))
        (suggestion,) = LearningRepo(app.storage.engine).suggestions()
        assert (suggestion.clause_id, suggestion.case_id, suggestion.question) == (
            "SM-COMPETITORS",
            "disparaging",
            question,
        )
        report = load_report(app.owner.repo, app.bot.kb, 30, "en")
        assert [(c.clause_id, c.asked) for c in report.clauses] == [("SM-COMPETITORS", 1)]
    finally:
        app.close()
