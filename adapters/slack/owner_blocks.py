"""Block Kit for the policy owner's loop: quiz steps with answer buttons, and the report.

Pure functions from :class:`~bot.features.owner.replies.QuizReply` and
:class:`~bot.features.owner.replies.ReportReply` to blocks, registered with
:func:`adapters.slack.blocks.reply_blocks` when this module is imported (the
:mod:`adapters.slack` package imports it). Slack's limits are enforced by
:func:`adapters.slack.blocks.to_blocks` on the way out; lists are capped here so that
what is cut is said, not silently lost.
"""

from __future__ import annotations

import re

from adapters.slack.blocks import (
    Block,
    button,
    chunk_lines,
    clause_ref,
    clause_ref_of,
    context,
    header,
    mrkdwn,
    policy_context,
    reply_blocks,
    section,
)
from adapters.slack.limits import MAX_BUTTON
from adapters.slack.mrkdwn import SLACK_CHANNEL_ID, channel_link, escape
from bot.assistant.render_text import CHECK_MARK, heading
from bot.data.messages import date_text, listing, msg
from bot.domain.texts import pick
from bot.features.owner.render_text import category_name, headline_figures
from bot.features.owner.replies import QuizReply, ReportReply
from bot.features.owner.report import ReminderStat, Report

QUIZ_ANSWER = "quiz_answer"  # button action ids are quiz_answer_<i>; the value is QuizQuestion.value(i): "ID|INDEX"
# Block Kit wants action ids unique within a block, so each option's id carries its index.
QUIZ_ANSWER_ACTION = re.compile(rf"^{QUIZ_ANSWER}(_\d+)?$")  # the bare id: buttons sent before the change
QUIZ_BLOCK = "quiz"  # block id "quiz|LANG|N"
MAX_ROWS = 10  # lines of each report list; past this the count of the rest is shown


# -- quiz --------------------------------------------------------------------------


@reply_blocks.register
def quiz_blocks(reply: QuizReply) -> list[Block]:
    """The last answer's outcome with its clause, then the next question as buttons, or the score."""
    lang = reply.lang
    blocks: list[Block] = []
    if reply.outcome is not None:
        o = reply.outcome
        verdict = (
            f"✅ *{escape(msg('quiz.right', lang))}*"
            if o.correct
            else f"❌ *{escape(msg('quiz.wrong', lang, right=o.right))}*"
        )
        blocks.append(section(f"{verdict}\n{clause_ref(o.clause, lang)}\n{escape(pick(o.clause.answer, lang))}"))
    if reply.question is not None:
        q = reply.question
        labels = [f"{i}. {option}" for i, option in enumerate(q.options, 1)]
        lines = [f"*{escape(msg('quiz.number', lang, n=reply.number, total=reply.total))}*", escape(q.prompt)]
        if any(len(label) > MAX_BUTTON for label in labels):  # the buttons will be clipped: list in full
            lines += [escape(label) for label in labels]
        if blocks:
            blocks.append({"type": "divider"})
        blocks.append(section("\n".join(lines)))
        buttons = [button(label, f"{QUIZ_ANSWER}_{i}", q.value(i), None) for i, label in enumerate(labels)]
        blocks.append({"type": "actions", "block_id": f"{QUIZ_BLOCK}|{lang}|{reply.number}", "elements": buttons})
        blocks.append(context(escape(msg("quiz.choose", lang))))
    if reply.score is not None:
        done = f"🏁 *{escape(msg('quiz.done', lang, correct=reply.score[0], total=reply.score[1]))}*"
        blocks.append(section(done))
        if reply.overall is not None:
            overall = msg("quiz.overall", lang, correct=reply.overall[0], attempts=reply.overall[1])
            blocks.append(context(escape(overall)))
    blocks.append(policy_context(reply.policy, lang))
    return blocks


# -- report ------------------------------------------------------------------------


@reply_blocks.register
def report_blocks(reply: ReportReply) -> list[Block]:
    """The owner's report: headline figures, gaps, top clauses, checks, quiz, reminders."""
    r, lang = reply.report, reply.lang
    title = msg("report.title", lang, since=date_text(r.since, lang), until=date_text(r.until, lang))
    blocks: list[Block] = [header(f"📊 {title}"), headline(r, lang), {"type": "divider"}]
    none = f"_{escape(msg('report.none', lang))}_"
    gaps = [f"• *{g.count}×* {escape(' · '.join(g.keywords) or '—')}" for g in r.gaps]
    blocks += titled(msg("report.gaps", lang), capped(gaps, lang) or [none])
    top = [
        f"• *{c.asked}×* {clause_ref_of(c.clause_id, c.title, lang)}  👍 {c.helpful_yes} / 👎 {c.helpful_no}"
        for c in r.clauses
    ]
    blocks += titled(f"{msg('report.top', lang)} ({msg('report.helpful', lang)} 👍/👎)", capped(top, lang) or [none])
    blocks += titled(msg("report.checks", lang), check_lines(r, lang))
    quiz = msg("report.quiz", lang, attempts=r.quiz_attempts, correct=r.quiz_correct, people=r.quiz_people)
    blocks.append(section(f"🎓 {escape(quiz)}"))
    reminders = [reminder_line(m, lang) for m in r.reminders]
    blocks += titled(msg("report.reminders", lang), capped(reminders, lang) or [none])
    blocks.append(policy_context(reply.policy, lang))
    return blocks


def headline(r: Report, lang: str) -> Block:
    """The figures at a glance, as a two-column section (at most 10 fields)."""
    fields = [mrkdwn(f"*{escape(name)}*\n{escape(value)}") for name, value in headline_figures(r, lang)]
    return {"type": "section", "fields": fields}


def check_lines(r: Report, lang: str) -> list[str]:
    verdicts = "  ·  ".join(
        f"{CHECK_MARK[v]} " + msg("labelled", lang, label=escape(msg("check." + v, lang)), value=f"*{n}*")
        for v, n in r.checks.items()
    )
    lines = [verdicts]
    if r.categories:
        cats = listing((f"{escape(category_name(k, lang))} {n}" for k, n in r.categories.items()), lang)
        lines.append(msg("labelled", lang, label=f"*{escape(msg('report.categories', lang))}*", value=cats))
    wrong = [c for c in r.check_stats if c.wrong_reports]
    if wrong:
        lines.append(f"*{escape(heading('report.findings', lang))}*")
        rows = [
            "• "
            + msg(
                "labelled",
                lang,
                label=f"`{escape(c.check_id)}`",
                value=escape(msg("report.wrong", lang, fired=c.fired, wrong=c.wrong_reports)),
            )
            for c in wrong
        ]
        lines += capped(rows, lang)
    return lines


def reminder_line(m: ReminderStat, lang: str) -> str:
    """``#1 #general (every monday 09:00): 4 posted, 7 read · 1.75 reads per post``."""
    # The template is ours (no mrkdwn control characters); the values are escaped one by one.
    line = msg(
        "report.reminder", lang, id=m.id, channel=_channel(m), schedule=escape(m.schedule),
        deliveries=m.deliveries, acks=m.acks,
    )  # fmt: skip
    rate = f" · {escape(msg('report.ackrate', lang, rate=m.acks_per_delivery))}" if m.deliveries else ""
    return f"• {line}{rate}"


def titled(title: str, lines: list[str]) -> list[Block]:
    """A bold title over ``lines``, split into sections under Slack's size limit."""
    return [section(chunk) for chunk in chunk_lines([f"*{escape(title)}*", *lines])]


def capped(lines: list[str], lang: str) -> list[str]:
    """The first :data:`MAX_ROWS` lines, and a note of how many more there are."""
    if len(lines) <= MAX_ROWS:
        return lines
    return [*lines[:MAX_ROWS], f"_{escape(msg('more.items', lang, n=len(lines) - MAX_ROWS))}_"]


def _channel(m: ReminderStat) -> str:
    """A Slack channel as a link Slack names for the reader; another (Teams) by its recorded name, else its id."""
    return channel_link(m.channel) if SLACK_CHANNEL_ID.match(m.channel) else escape(m.where)
