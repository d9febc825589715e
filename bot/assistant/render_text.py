"""Plain-text rendering of replies: the terminal chat, the CLI and chat fallbacks."""

from __future__ import annotations

from bot.checks.checker import CheckResult
from bot.data.messages import msg
from bot.domain.policy import Clause
from bot.domain.replies import (
    AnswerReply,
    CheckReply,
    ClauseListReply,
    ClauseReply,
    FormReply,
    HelpReply,
    NoticeReply,
    PolicyInfo,
    QuizReply,
    ReminderListReply,
    ReminderReply,
    Reply,
    ReportReply,
)
from bot.domain.texts import pick
from bot.features.owner.render_text import quiz_text, report_text

VERDICT_MARK = {"allowed": "✅", "conditional": "⚠️", "prohibited": "⛔", "unsure": "❓"}
CHECK_MARK = {"pass": "✅", "warn": "⚠️", "block": "⛔"}


def clause_heading(clause: Clause, lang: str) -> str:
    return f"{clause.id}: {pick(clause.title, lang)}"


def verdict_line(verdict: str, lang: str) -> str:
    return f"{VERDICT_MARK[verdict]} {msg('verdict.' + verdict, lang)}"


def policy_line(policy: PolicyInfo, lang: str) -> str:
    return msg("policy.version", lang, title=policy.title, version=policy.version)


def answer_text(reply: AnswerReply) -> str:
    """The answer as a person reads it (also the ``text`` of ``ask --json``)."""
    lang = reply.lang
    clause = reply.clause
    if clause is None:
        lines = [verdict_line("unsure", lang), msg("unsure.text", lang, owner=reply.policy.owner)]
        close = [m.clause for m in reply.matches[:3]]
        if close:
            lines.append(f"{msg('unsure.closest', lang)}: " + ", ".join(clause_heading(c, lang) for c in close))
    else:
        lines = [
            f"{verdict_line(clause.verdict, lang)} · {clause_heading(clause, lang)}",
            pick(clause.answer, lang),
        ]
    if reply.check is not None:
        lines += ["", f"{msg('quoted.check', lang)}:", check_text_lines(reply.check, lang)]
    lines.append(f"({policy_line(reply.policy, lang)})")
    return "\n".join(lines)


def check_text_lines(result: CheckResult, lang: str) -> str:
    lines = [f"{CHECK_MARK[result.verdict]} {msg('check.' + result.verdict, lang)}"]
    if not result.findings:
        lines.append(msg("check.none", lang))
    for i, f in enumerate(result.findings, 1):
        where = f"“{f.excerpt}”" if f.excerpt else msg("check.whole", lang)
        lines.append(f"{i}. [{f.severity}] {f.message} ({f.clause}, {f.check})")
        lines.append(f"   {msg('check.where', lang)}: {where}")
        if f.suggestion:
            lines.append(f"   {msg('check.fix', lang)}: {f.suggestion}")
    return "\n".join(lines)


def to_text(reply: Reply) -> str:
    """Render any reply as plain text."""
    if isinstance(reply, AnswerReply):
        return answer_text(reply)
    if isinstance(reply, CheckReply):
        return check_text_lines(reply.result, reply.lang) + f"\n({policy_line(reply.policy, reply.lang)})"
    if isinstance(reply, ClauseReply):
        c, lang = reply.clause, reply.lang
        lines = [clause_heading(c, lang), verdict_line(c.verdict, lang), pick(c.answer, lang)]
        if reply.see_also:
            lines.append(f"{msg('see_also', lang)}: " + ", ".join(clause_heading(s, lang) for s in reply.see_also))
        lines.append(f"({policy_line(reply.policy, lang)})")
        return "\n".join(lines)
    if isinstance(reply, ClauseListReply):
        lang = reply.lang
        lines = [msg("list.title", lang, title=reply.policy.title)]
        lines += [f"{VERDICT_MARK[c.verdict]} {clause_heading(c, lang)}" for c in reply.clauses]
        lines.append(f"({policy_line(reply.policy, lang)})")
        return "\n".join(lines)
    if isinstance(reply, HelpReply):
        lines = [msg("help.title", reply.lang), msg("help.body", reply.lang)]
        if reply.is_manager:
            lines.append(msg("help.managers", reply.lang))
        lines.append(f"({policy_line(reply.policy, reply.lang)})")
        return "\n".join(lines)
    if isinstance(reply, NoticeReply):
        return reply.text
    if isinstance(reply, FormReply):
        return msg("checkpost.empty", reply.lang)
    if isinstance(reply, QuizReply):
        return quiz_text(reply)
    if isinstance(reply, ReportReply):
        return report_text(reply.report, reply.lang)
    if isinstance(reply, ReminderReply):
        return reminder_text(reply)
    if isinstance(reply, ReminderListReply):
        return reminder_list_text(reply)
    raise TypeError(f"cannot render {type(reply).__name__}")


def reminder_text(reply: ReminderReply) -> str:
    """A posted policy reminder: each clause with its verdict and answer."""
    lang = reply.lang
    lines = [f"📌 {msg('reminder.heading', lang)}"]
    for c in reply.clauses:
        lines += [f"{verdict_line(c.verdict, lang)} · {clause_heading(c, lang)}", pick(c.answer, lang)]
    lines.append(f"({policy_line(reply.policy, lang)})")
    if not reply.active:
        lines.append(f"_{msg('reminder.superseded', lang)}_")
    return "\n".join(lines)


def reminder_list_text(reply: ReminderListReply) -> str:
    lang = reply.lang
    if not reply.items:
        return msg("reminders.empty", lang)
    lines = [msg("reminders.title", lang, tz=reply.timezone)]
    for it in reply.items:
        line = msg(
            "reminders.line", lang, id=it.id, channel=it.channel_id, schedule=it.schedule,
            next=it.next_run or "-", deliveries=it.deliveries, acks=it.acks,
        )  # fmt: skip
        line += f" · {', '.join(it.clause_ids)}" if it.clause_ids else ""
        lines.append(line + (f" · {it.attention}" if it.attention else ""))
    return "\n".join(lines)
