"""Plain-text rendering of replies: the terminal chat, the CLI and chat fallbacks.

:func:`to_text` dispatches on the reply's type (:func:`functools.singledispatch`).
The conversation's own replies are registered here; a feature registers the text of
its reply types with ``@to_text.register`` in its own package (the owner's quiz and
report: :mod:`bot.features.owner.render_text`). A reply type nobody registered
raises ``TypeError``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import singledispatch

from bot.data.messages import date_text, listing, msg
from bot.domain.findings import CheckResult
from bot.domain.policy import Case, Clause
from bot.domain.replies import (
    AnswerReply,
    CheckReply,
    ClauseListReply,
    ClauseReply,
    FormReply,
    HelpReply,
    NoticeReply,
    PolicyInfo,
    ReminderListReply,
    ReminderReply,
    Reply,
)
from bot.domain.texts import pick

# "guidance" heads the answer to a how-to question (see AnswerReply.headline).
VERDICT_MARK = {"allowed": "✅", "conditional": "⚠️", "prohibited": "⛔", "unsure": "❓", "guidance": "💡"}
CHECK_MARK = {"pass": "✅", "warn": "⚠️", "block": "⛔"}


def clause_heading(clause: Clause, lang: str) -> str:
    return msg("clause.heading", lang, id=clause.id, title=pick(clause.title, lang))


def verdict_line(verdict: str, lang: str) -> str:
    return f"{VERDICT_MARK[verdict]} {msg('verdict.' + verdict, lang)}"


def offered_label(clause: Clause, lang: str) -> str:
    """``SM-DISCLOSE · Saying that you work here``: an offered clause, on a line or a button."""
    return f"{clause.id} · {pick(clause.title, lang)}"


def policy_line(policy: PolicyInfo, lang: str) -> str:
    """The policy's title and version; a version that is an ISO date is written as a date."""
    day = iso_date(policy.version)
    if day is None:
        return msg("policy.version", lang, title=policy.title, version=policy.version)
    return msg("policy.dated", lang, title=policy.title, date=date_text(day, lang))


def footer(policy: PolicyInfo, lang: str) -> str:
    """The last line of a reply: which policy (and version) it rests on, in brackets."""
    return msg("policy.footer", lang, policy=policy_line(policy, lang))


def iso_date(text: str) -> date | None:
    """``text`` as a calendar date when it is one (``2026-11-28``), else None."""
    try:
        return date.fromisoformat(text.strip()) if len(text.strip()) == 10 else None
    except ValueError:
        return None


def unsure_text(reply: AnswerReply) -> str:
    """Why an unsure reply is unsure: the policy may not cover it (ask its owner), or the
    question names nothing but posting (say what about)."""
    if reply.vague:
        return msg("unsure.vague", reply.lang)
    return msg("unsure.text", reply.lang, owner=reply.policy.owner)


def labelled(label_key: str, value: str, lang: str) -> str:
    """``Label: value`` with the language's colon (``：`` in Japanese)."""
    return msg("labelled", lang, label=msg(label_key, lang), value=value)


def heading(label_key: str, lang: str) -> str:
    """A line that introduces a list (``Label:``; a Japanese heading has no colon)."""
    return msg("heading", lang, label=msg(label_key, lang))


def quote(text: str, lang: str) -> str:
    """Quoted as the language quotes (“…” or 「…」)."""
    return msg("quote", lang, text=text)


def clause_reference(clause_id: str, clauses: Mapping[str, Clause], lang: str) -> str:
    """The clause a finding rests on, by its title where it is known."""
    clause = clauses.get(clause_id)
    title = pick(clause.title, lang) if clause is not None else clause_id
    return msg("check.clause", lang, id=clause_id, title=title)


@dataclass(frozen=True, slots=True)
class Situation:
    """The words of an answer about one case of a clause, for every surface: the situation,
    its answer, and the clause's general rule as context."""

    situation: str  # "Your situation: putting a competitor down"
    answer: str  # the case's answer, else the clause's
    general: str  # "General rule of SM-COMPETITORS: ⚠️ Allowed with conditions"
    general_answer: str | None  # the clause's answer, when the case has one of its own


def situation_lines(clause: Clause, lang: str) -> list[str]:
    """One line per case of a clause: its verdict and situation ("⛔ Not allowed: putting
    a competitor down"), for ``policy show``."""
    return [
        msg("case.line", lang, verdict=verdict_line(c.verdict, lang), when=pick(c.when, lang)) for c in clause.cases
    ]


def situation_label(case: Case, lang: str) -> str:
    """``⛔ putting a competitor down``: a situation on a button, its verdict as a mark (the
    words a label can hold go to what tells the situations apart)."""
    return f"{VERDICT_MARK[case.verdict]} {pick(case.when, lang)}"


def situation(clause: Clause, case: Case, lang: str) -> Situation:
    general = msg("case.general", lang, clause=clause.id, verdict=verdict_line(clause.verdict, lang))
    own = pick(case.answer, lang) if case.answer is not None else None
    return Situation(
        msg("case.situation", lang, when=pick(case.when, lang)),
        own if own is not None else pick(clause.answer, lang),
        general,
        pick(clause.answer, lang) if own is not None else None,
    )


@singledispatch
def to_text(reply: Reply) -> str:
    """Render any reply as plain text."""
    raise TypeError(f"no text renderer for {type(reply).__name__}")


@to_text.register
def answer_text(reply: AnswerReply) -> str:
    """The answer as a person reads it (also the ``text`` of ``ask --json``)."""
    lang = reply.lang
    clause = reply.clause
    if clause is None:
        lines = [verdict_line("unsure", lang), unsure_text(reply)]
        close = [a.clause for a in reply.alternatives]
        if close:
            lines.append(labelled("unsure.closest", listing((clause_heading(c, lang) for c in close), lang), lang))
    elif reply.case is not None:
        sit = situation(clause, reply.case, lang)
        lines = [
            f"{verdict_line(reply.headline, lang)} · {clause_heading(clause, lang)}",
            sit.situation,
            sit.answer,
        ]
        lines += ["", sit.general, *([sit.general_answer] if sit.general_answer else [])]
    else:
        lines = [
            f"{verdict_line(reply.headline, lang)} · {clause_heading(clause, lang)}",
            pick(clause.answer, lang),
        ]
        if reply.situations:
            lines += [msg("case.each", lang), *(f"• {line}" for line in situation_lines(clause, lang))]
    if clause is not None and reply.alternatives:
        also = listing((offered_label(a.clause, lang) for a in reply.alternatives), lang)
        lines.append(labelled("offered.also", also, lang))
    if reply.check is not None:
        lines += ["", msg("quoted.check", lang), check_text_lines(reply.check, lang, reply.cited)]
    lines.append(footer(reply.policy, lang))
    return "\n".join(lines)


def check_text_lines(result: CheckResult, lang: str, clauses: Mapping[str, Clause] | None = None) -> str:
    """A draft's verdict and numbered findings, each with where, how to fix it and its clause."""
    lines = [f"{CHECK_MARK[result.verdict]} {msg('check.' + result.verdict, lang)}"]
    if not result.findings:
        lines.append(msg("check.none", lang))
    for i, f in enumerate(result.findings, 1):
        where = quote(f.excerpt, lang) if f.excerpt else msg("check.whole", lang)
        lines.append(msg("check.item", lang, n=i, severity=msg("severity." + f.severity, lang), message=f.message))
        lines.append("   " + labelled("check.where", where, lang))
        if f.suggestion:
            lines.append("   " + labelled("check.fix", f.suggestion, lang))
        lines.append("   " + clause_reference(f.clause, clauses or {}, lang))
    return "\n".join(lines)


@to_text.register
def check_reply_text(reply: CheckReply) -> str:
    note = msg("check.as_draft", reply.lang) + "\n" if reply.read_as_draft else ""
    return note + check_text_lines(reply.result, reply.lang, reply.clauses) + "\n" + footer(reply.policy, reply.lang)


@to_text.register
def clause_text(reply: ClauseReply) -> str:
    c, lang = reply.clause, reply.lang
    lines = [clause_heading(c, lang), verdict_line(c.verdict, lang), pick(c.answer, lang)]
    if c.cases:
        lines += [f"{msg('case.cases', lang)}:", *(f"• {line}" for line in situation_lines(c, lang))]
    if reply.see_also:
        lines.append(labelled("see_also", listing((clause_heading(s, lang) for s in reply.see_also), lang), lang))
    lines.append(footer(reply.policy, lang))
    return "\n".join(lines)


@to_text.register
def clause_list_text(reply: ClauseListReply) -> str:
    lang = reply.lang
    lines = [msg("list.title", lang, title=reply.policy.title)]
    lines += [f"{VERDICT_MARK[c.verdict]} {clause_heading(c, lang)}" for c in reply.clauses]
    lines.append(footer(reply.policy, lang))
    return "\n".join(lines)


@to_text.register
def help_text(reply: HelpReply) -> str:
    # The terminal has no message actions, so ``help.action`` is Slack's and Teams' alone.
    lines = [msg("help.title", reply.lang), msg("help.body", reply.lang)]
    if reply.is_manager:
        lines.append(msg("help.managers", reply.lang))
    lines.append(footer(reply.policy, reply.lang))
    return "\n".join(lines)


@to_text.register
def notice_text(reply: NoticeReply) -> str:
    return reply.text


@to_text.register
def form_text(reply: FormReply) -> str:
    return msg("checkpost.empty", reply.lang)


@to_text.register
def reminder_text(reply: ReminderReply) -> str:
    """A posted policy reminder: each clause with its verdict and answer."""
    lang = reply.lang
    lines = [f"📌 {msg('reminder.heading', lang)}"]
    for c in reply.clauses:
        lines += [f"{verdict_line(c.verdict, lang)} · {clause_heading(c, lang)}", pick(c.answer, lang)]
    lines.append(footer(reply.policy, lang))
    if not reply.active:
        lines.append(f"_{msg('reminder.superseded', lang)}_")
    return "\n".join(lines)


@to_text.register
def reminder_list_text(reply: ReminderListReply) -> str:
    lang = reply.lang
    if not reply.items:
        return msg("reminders.empty", lang)
    lines = [msg("reminders.title", lang, tz=reply.timezone) if reply.timezone else msg("reminders.title_zones", lang)]
    for it in reply.items:
        line = msg(
            "reminders.line", lang, id=it.id, channel=it.channel_id, schedule=it.schedule,
            next=it.next_run or "-", deliveries=it.deliveries, acks=it.acks,
        )  # fmt: skip
        line += f" · {listing(it.clause_ids, lang)}" if it.clause_ids else ""
        lines.append(line + (f" · {it.attention}" if it.attention else ""))
    return "\n".join(lines)
