"""The quiz in the terminal chat: numbered options, explanations, scores kept per person."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from adapters.console import converse, to_incoming
from bot.app import App
from bot.assistant.engine import GuideBot
from bot.assistant.render_text import to_text
from bot.domain.commands import ButtonPress
from bot.domain.replies import NoticeReply
from bot.domain.texts import pick_list
from bot.features.owner.quiz import QuizMaster, is_yes_no
from bot.features.owner.replies import QuizReply
from bot.storage.schema import quiz_scores, usage_events


async def _start(app: App, user: str, text: str = "policy quiz") -> QuizReply:
    reply = await app.dispatcher.handle(to_incoming(text, user))
    assert isinstance(reply, QuizReply) and reply.question is not None
    return reply


async def test_a_quiz_in_the_terminal(app: App) -> None:
    first = await _start(app, "erin")
    assert first.question is not None and (first.number, first.total) == (1, 3)
    assert len(first.question.options) == 3
    # A bare number typed in the terminal answers the pending question.
    (text,) = await converse(app, [str(first.question.answer + 1)], user_id="erin")
    assert text.startswith("✅ Right!")
    assert first.question.clause_id in text  # explained with its clause
    assert "Question 2 of 3" in text and "1. " in text
    second = await app.dispatcher.handle(to_incoming("policy quiz 9", "erin"))
    assert isinstance(second, NoticeReply) and "1 to 3" in second.text  # out of range: asked again
    quiz: QuizMaster = app.owner.quiz
    assert quiz.pending("console", "erin")
    replies = []
    for _ in range(2):
        current = quiz.state("console", "erin")
        assert current is not None
        question = current.questions[current.index]
        wrong = (question.answer + 1) % len(question.options) + 1
        replies.append(await app.dispatcher.handle(to_incoming(f"policy quiz {wrong}", "erin")))
    last = replies[-1]
    assert isinstance(last, QuizReply) and last.score == (1, 3) and last.overall == (1, 3)
    assert last.outcome is not None and not last.outcome.correct
    assert not quiz.pending("console", "erin")
    with app.storage.engine.connect() as conn:
        row = conn.execute(select(quiz_scores)).mappings().one()
        kinds = conn.execute(select(usage_events.c.kind, usage_events.c.outcome)).all()
    assert (row["platform"], row["user_id"], row["attempts"], row["correct"]) == ("console", "erin", 3, 1)
    assert sorted(kinds) == [("quiz", "correct"), ("quiz", "wrong"), ("quiz", "wrong")]
    # The score accumulates over quizzes.
    again = await _start(app, "erin")
    assert again.question is not None
    done = None
    for _ in range(3):
        current = quiz.state("console", "erin")
        assert current is not None
        done = await quiz.answer("console", "erin", current.questions[current.index].answer + 1)
    assert isinstance(done, QuizReply) and done.score == (3, 3) and done.overall == (4, 6)


async def test_quiz_in_japanese_and_stale_buttons(app: App) -> None:
    reply = await _start(app, "fumi", "policy quiz ja")
    assert reply.lang == "ja" and reply.question is not None
    assert to_text(reply).startswith("第1問（全3問）") and "答えの番号を入力してください。" in to_text(reply)
    quiz: QuizMaster = app.owner.quiz
    button = reply.question.value(reply.question.answer)
    answered = await app.dispatcher.press(ButtonPress("console", "fumi", "quiz_answer", {"value": button}))
    assert isinstance(answered, QuizReply) and answered.outcome is not None and answered.outcome.correct
    stale = await quiz.answer_value("console", "fumi", button)  # the same button pressed twice
    assert isinstance(stale, NoticeReply) and stale.text == "その問題には回答済みです。"
    assert await converse(app, ["policy quiz stop"], user_id="fumi") == ["クイズを終了しました。"]
    assert not quiz.pending("console", "fumi")
    nothing = await quiz.answer("console", "fumi", 1)
    assert isinstance(nothing, NoticeReply) and "policy quiz" in nothing.text


def test_quizzes_are_deterministic_with_a_seed(eval_bot: GuideBot) -> None:
    a = QuizMaster(eval_bot, seed=3).make_questions("en")
    b = QuizMaster(eval_bot, seed=3).make_questions("en")
    assert a == b and len(a) == 3
    assert {q.id.partition(":")[0] for q in a} == {"verdict", "clause"}
    for q in a:
        clause = eval_bot.clause(q.clause_id)
        assert clause is not None
        if q.id.startswith("verdict:"):
            assert (
                q.options[q.answer]
                == {"allowed": "Allowed", "conditional": "Allowed with conditions", "prohibited": "Not allowed"}[
                    clause.verdict
                ]
            )
        else:
            assert q.options[q.answer].startswith(clause.id + ":")
    ja = QuizMaster(eval_bot, seed=3).make_questions("ja")
    assert all("「" in q.prompt for q in ja)


@pytest.mark.parametrize(
    ("question", "lang", "yes_no"),
    [
        ("Can I post a photo of the office?", "en", True),
        ("Should I tell people I work here?", "en", True),
        ("Where should I raise a problem with my manager?", "en", False),
        ("How do I cite an article?", "en", False),
        ("オフィスの写真を載せてもいいですか？", "ja", True),
        ("どこに問題を報告すればいいですか？", "ja", False),
        ("引用するときは何を書けばいいですか？", "ja", False),
    ],
)
def test_a_verdict_answers_only_a_yes_no_question(question: str, lang: str, yes_no: bool) -> None:
    assert is_yes_no(question, lang) is yes_no


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_verdict_items_come_only_from_yes_no_questions(eval_bot: GuideBot, lang: str) -> None:
    for seed in range(12):
        for q in QuizMaster(eval_bot, seed=seed).make_questions(lang):
            if q.id.startswith("verdict:"):
                asked = next(s for s in pick_list(eval_bot.clause(q.clause_id).questions, lang) if s in q.prompt)
                assert is_yes_no(asked, lang), q.prompt
