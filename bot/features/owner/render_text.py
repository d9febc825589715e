"""Plain-text rendering of quiz steps and of the policy owner's report.

Used by the terminal chat, ``guidebot report`` and as the chat fallback text. The
renderers of :class:`~bot.features.owner.replies.QuizReply` and
:class:`~bot.features.owner.replies.ReportReply` are registered with
:func:`bot.assistant.render_text.to_text` when this module is imported, which
:mod:`bot.features.owner` does: whenever the owner's reply types exist, so does
their text.
"""

from __future__ import annotations

from bot.assistant.render_text import clause_heading, heading, labelled, to_text
from bot.data.messages import date_text, listing, messages, msg
from bot.domain.texts import pick
from bot.features.owner.replies import QuizReply, ReportReply
from bot.features.owner.report import Report

BAR_WIDTH = 20


@to_text.register
def quiz_text(reply: QuizReply) -> str:
    lang = reply.lang
    lines: list[str] = []
    if reply.outcome is not None:
        o = reply.outcome
        lines.append("✅ " + msg("quiz.right", lang) if o.correct else "❌ " + msg("quiz.wrong", lang, right=o.right))
        lines.append(msg("labelled", lang, label=clause_heading(o.clause, lang), value=pick(o.clause.answer, lang)))
    if reply.question is not None:
        if lines:
            lines.append("")
        q = reply.question
        lines.append(
            msg("labelled", lang, label=msg("quiz.number", lang, n=reply.number, total=reply.total), value=q.prompt)
        )
        lines += [f"  {i}. {option}" for i, option in enumerate(q.options, 1)]
        lines.append(msg("quiz.type", lang))
    if reply.score is not None:
        lines.append("")
        lines.append(msg("quiz.done", lang, correct=reply.score[0], total=reply.score[1]))
        if reply.overall is not None:
            lines.append(msg("quiz.overall", lang, correct=reply.overall[0], attempts=reply.overall[1]))
    return "\n".join(lines).strip()


def category_name(category: str, lang: str) -> str:
    """A check category as the reader's language names it (``personal-data`` → 個人情報); unknown ones as stored."""
    key = f"category.{category}"
    return msg(key, lang) if key in messages() else category


def helpful_label(lang: str) -> str:
    """``Helpful? (👍 Helpful / 👎 Not helpful)``: the thumbs never stand alone."""
    return (
        f"{msg('report.helpful', lang)} ({msg('report.col.helpful_yes', lang)} / {msg('report.col.helpful_no', lang)})"
    )


def headline_figures(r: Report, lang: str) -> list[tuple[str, str]]:
    """The report's figures at a glance, as (label, value) pairs for any renderer."""
    figures = [
        (msg("report.f.questions", lang), str(r.questions)),
        (msg("report.f.answered", lang), str(r.answered)),
        (msg("report.f.unsure", lang), str(r.unsure)),
        (msg("report.f.checks", lang), str(sum(r.checks.values()))),
        (helpful_label(lang), f"{r.helpful_yes} / {r.helpful_no}"),
        (msg("report.f.quiz", lang), f"{r.quiz_correct} / {r.quiz_attempts}"),
    ]
    if r.median_ms is not None:
        figures.append((msg("report.f.median", lang), f"{r.median_ms:.0f} ms"))
    if r.suggestions:
        figures.append((msg("report.f.suggestions", lang), str(r.suggestions)))
    return figures


def _bar(n: int, most: int) -> str:
    return "█" * max(1 if n else 0, round(BAR_WIDTH * n / most)) if most else ""


def report_text(report: Report, lang: str) -> str:
    """The report as a readable chat message or terminal page."""
    r = report
    none = msg("report.none", lang)
    lines = [
        msg("report.title", lang, since=date_text(r.since, lang), until=date_text(r.until, lang))
        + (f" · v{r.policy_version}" if r.policy_version else ""),
        msg("report.questions", lang, questions=r.questions, answered=r.answered, unsure=r.unsure),
    ]
    busy = [d for d in r.per_day if d.questions or d.checks]
    most = max((d.questions for d in busy), default=0)
    for d in busy[-14:]:  # the last two weeks with activity keep a chat message short
        lines.append(f"  {d.day.isoformat()} {_bar(d.questions, most):<{BAR_WIDTH}} {d.questions} ({d.unsure}?)")
    lines += ["", heading("report.gaps", lang)]
    lines += [f"  {g.count}× {' · '.join(g.keywords) or '—'}" for g in r.gaps[:10]] or [f"  {none}"]
    lines += [
        "",
        msg(
            "heading",
            lang,
            label=msg("report.top", lang) + msg("aside", lang, text=msg("report.helpful", lang) + " 👍／👎"),
        ),
    ]
    lines += [
        f"  {c.asked}× {msg('clause.heading', lang, id=c.clause_id, title=c.title) if c.title else c.clause_id}"
        + msg("aside", lang, text=f"👍 {c.helpful_yes} / 👎 {c.helpful_no}")
        for c in r.clauses
    ] or [f"  {none}"]
    lines.append(f"  {msg('report.helpful', lang)} 👍 {r.helpful_yes} / 👎 {r.helpful_no}")
    if r.suggestions:
        lines.append("  " + labelled("report.f.suggestions", str(r.suggestions), lang))
    verdicts = " · ".join(msg("labelled", lang, label=msg("check." + v, lang), value=n) for v, n in r.checks.items())
    lines += ["", labelled("report.checks", verdicts, lang)]
    if r.categories:
        cats = listing((f"{category_name(k, lang)} {n}" for k, n in r.categories.items()), lang)
        lines.append("  " + labelled("report.categories", cats, lang))
    wrong = [c for c in r.check_stats if c.wrong_reports]
    if wrong:
        found = listing((f"{c.check_id} {c.wrong_reports}/{c.fired}" for c in wrong), lang)
        lines.append("  " + labelled("report.findings", found, lang))
    lines += ["", msg("report.quiz", lang, attempts=r.quiz_attempts, correct=r.quiz_correct, people=r.quiz_people)]
    lines += ["", heading("report.reminders", lang)]
    lines += [
        "  "
        + msg(
            "report.reminder",
            lang,
            id=m.id,
            channel=m.where,
            schedule=m.schedule,
            deliveries=m.deliveries,
            acks=m.acks,
        )
        for m in r.reminders
    ] or [f"  {none}"]
    return "\n".join(lines)


@to_text.register
def report_reply_text(reply: ReportReply) -> str:
    return report_text(reply.report, reply.lang)
