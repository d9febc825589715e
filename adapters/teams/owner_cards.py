"""Adaptive Cards for the policy owner's loop: quiz steps with answer buttons, and the report.

Registered with :func:`adapters.teams.cards.to_adaptive_card` when imported (the
:mod:`adapters.teams` package does so). A question's options are an ``Input.ChoiceSet``
(radio buttons whose labels wrap, so a long clause title is read in full) with its id
``value``; the answer button submits ``{"action": "quiz_answer", "value": "ID|INDEX"}``
(Teams merges the chosen option into the data), which :mod:`adapters.teams.turns` routes
to the ``quiz_answer`` action. Lists are capped so a card stays far below Teams' ~28 KB.
"""

from __future__ import annotations

from typing import Any

from adapters.teams.cards import Card, Element, _cut, _policy, _text, card, facts, to_adaptive_card
from bot.assistant.render_text import CHECK_MARK, clause_heading, to_text
from bot.data.messages import date_text, msg
from bot.domain.texts import pick
from bot.features.owner.render_text import category_name, headline_figures
from bot.features.owner.replies import QuizReply, ReportReply
from bot.features.owner.report import ReminderStat

QUIZ_ANSWER = "quiz_answer"
QUIZ_CHOICE = "value"  # the ChoiceSet's id: Teams adds the chosen option's value to the submit data under it
MAX_CHOICE = 300  # characters of one option (a clause id and title)
MAX_ROWS = 10  # rows of each report list; past this the count of the rest is shown


@to_adaptive_card.register
def quiz_card(reply: QuizReply) -> Card:
    """The last answer's outcome with its clause, then the next question as buttons, or the score."""
    lang = reply.lang
    body: list[Element] = []
    actions: list[Element] = []
    if reply.outcome is not None:
        o = reply.outcome
        if o.correct:
            body.append(_text(f"✅ {msg('quiz.right', lang)}", size="Large", weight="Bolder"))
        else:
            wrong = msg("quiz.wrong", lang, right=o.right)
            body.append(_text(f"❌ {wrong}", size="Medium", weight="Bolder", color="attention"))
        body += [_text(clause_heading(o.clause, lang), weight="Bolder"), _text(pick(o.clause.answer, lang))]
    if reply.question is not None:
        q = reply.question
        labels = [f"{i}. {option}" for i, option in enumerate(q.options, 1)]
        number = msg("quiz.number", lang, n=reply.number, total=reply.total)
        choices = {
            "type": "Input.ChoiceSet",
            "id": QUIZ_CHOICE,
            "style": "expanded",
            "wrap": True,
            "isRequired": True,
            "errorMessage": msg("quiz.choose", lang),
            "choices": [{"title": _cut(label, MAX_CHOICE), "value": q.value(i)} for i, label in enumerate(labels)],
        }
        body += [
            _text(number, weight="Bolder", spacing="Large", separator=bool(body)),
            _text(q.prompt),
            choices,
        ]
        data = {"action": QUIZ_ANSWER, "lang": lang}
        actions = [{"type": "Action.Submit", "title": msg("quiz.answer", lang), "data": data}]
    if reply.score is not None:
        done = msg("quiz.done", lang, correct=reply.score[0], total=reply.score[1])
        body.append(_text(f"🏁 {done}", weight="Bolder", spacing="Large"))
        if reply.overall is not None:
            overall = msg("quiz.overall", lang, correct=reply.overall[0], attempts=reply.overall[1])
            body.append(_text(overall, subtle=True, spacing="None"))
    body.append(_policy(reply.policy, lang))
    return card(body, actions, to_text(reply), lang)


@to_adaptive_card.register
def report_card(reply: ReportReply) -> Card:
    """The owner's report: headline figures, gaps, top clauses, checks, quiz, reminders."""
    r, lang = reply.report, reply.lang
    title = msg("report.title", lang, since=date_text(r.since, lang), until=date_text(r.until, lang))
    body: list[Element] = [_text(f"📊 {title}", size="Large", weight="Bolder"), _facts(headline_figures(r, lang))]
    gaps = [(f"{g.count}×", " · ".join(g.keywords) or "—") for g in r.gaps]
    body += section(msg("report.gaps", lang), gaps, lang)
    top = [
        (f"{c.asked}×", f"{c.clause_id}{': ' + c.title if c.title else ''} (👍 {c.helpful_yes} / 👎 {c.helpful_no})")
        for c in r.clauses
    ]
    body += section(f"{msg('report.top', lang)} ({msg('report.helpful', lang)} 👍/👎)", top, lang)
    verdicts = [(f"{CHECK_MARK[v]} {msg('check.' + v, lang)}", str(n)) for v, n in r.checks.items()]
    body += section(msg("report.checks", lang), verdicts, lang)
    if r.categories:
        body += section(
            msg("report.categories", lang), [(category_name(k, lang), str(n)) for k, n in r.categories.items()], lang
        )
    wrong = [
        (c.check_id, msg("report.wrong", lang, fired=c.fired, wrong=c.wrong_reports))
        for c in r.check_stats
        if c.wrong_reports
    ]
    if wrong:
        body += section(msg("report.findings", lang), wrong, lang)
    quiz = msg("report.quiz", lang, attempts=r.quiz_attempts, correct=r.quiz_correct, people=r.quiz_people)
    body.append(_text(f"🎓 {quiz}", weight="Bolder", spacing="Large", separator=True))
    body += section(msg("report.reminders", lang), [reminder_fact(m, lang) for m in r.reminders], lang)
    body.append(_policy(reply.policy, lang))
    return card(body, [], to_text(reply), lang)


def reminder_fact(m: ReminderStat, lang: str) -> tuple[str, str]:
    """(``#1 19:general…``, ``every monday 09:00 · 4 posted, 7 read · 1.75 reads per post``)."""
    line = msg("report.reminder", lang, id=m.id, channel=m.where, schedule=m.schedule,
               deliveries=m.deliveries, acks=m.acks)  # fmt: skip
    if m.deliveries:
        line += " · " + msg("report.ackrate", lang, rate=m.acks_per_delivery)
    return f"#{m.id}", line.removeprefix(f"#{m.id} ")


def section(title: str, rows: list[tuple[str, str]], lang: str) -> list[Element]:
    """A bold title over a FactSet of at most :data:`MAX_ROWS` rows (the rest counted)."""
    out = [_text(title, weight="Bolder", spacing="Large", separator=True)]
    if not rows:
        return [*out, _text(msg("report.none", lang), subtle=True, spacing="None")]
    out.append(_facts(rows[:MAX_ROWS]))
    if len(rows) > MAX_ROWS:
        out.append(_text(msg("more.items", lang, n=len(rows) - MAX_ROWS), subtle=True, spacing="None"))
    return out


def _facts(rows: list[tuple[str, str]]) -> dict[str, Any]:
    return facts(rows, 100, 500)
