"""Block Kit for Slack: pure functions from the core's :class:`~bot.domain.replies.Reply` to message JSON.

``to_blocks(reply)`` returns ``{"text": ..., "blocks": [...]}`` ready for
``chat.postMessage`` or a ``response_url``. Every text placed in mrkdwn, whoever wrote
it, goes through :func:`adapters.slack.mrkdwn.escape` (shown as typed), and every
mrkdwn object is ``verbatim`` (no automatic links or mentions); the only markup is the
renderers' own. Slack's limits are enforced here, visibly, so nothing fails at send
time (see :mod:`adapters.slack.limits`). The blocks come from :func:`reply_blocks`,
which dispatches on the reply's type: the conversation's replies are registered
here, the quiz and the report in :mod:`adapters.slack.owner_blocks` (imported by
this package, so the registration holds wherever this module is used). A reply
type with no registered renderer raises ``TypeError``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import singledispatch
from typing import Any

from adapters.slack.limits import MAX_BLOCKS, MAX_CONTEXT, MAX_SECTION, enforce_limits, fallback_text
from adapters.slack.mrkdwn import SLACK_CHANNEL_ID, channel_link, clip, escape, quote
from bot.assistant.render_text import (
    CHECK_MARK,
    VERDICT_MARK,
    clause_heading,
    offered_label,
    policy_line,
    situation,
    situation_label,
    situation_lines,
    to_text,
    unsure_text,
)
from bot.data.messages import listing, msg
from bot.domain.findings import CheckResult, Finding
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
    ReminderListReply,
    ReminderReply,
    Reply,
    ScoredClause,
)
from bot.domain.texts import pick

Block = dict[str, Any]
Message = dict[str, Any]

HELPFUL_YES = "helpful_yes"
HELPFUL_NO = "helpful_no"
HELPFUL_BLOCK = "helpful"  # block id prefix; the reply language follows a "|"
OFFERED_ACTION = "offered_clause"  # action id prefix of an offered clause's button ("offered_clause|N")
OFFERED_BLOCK = "offered"  # block id "offered|LANG|ANSWERED" (ANSWERED: the answer's clause id, or empty)
# Block id "situation|LANG|CLAUSE": a button per situation of the clause whose general rule answered,
# pressed like an offered clause's (value "CLAUSE|CASE").
SITUATION_BLOCK = "situation"
FINDING_WRONG = "finding_wrong"  # "This finding is wrong": the value is the check id
FINDING_BLOCK = "finding"  # block id "finding|LANG|N" of a finding's section
SEVERITY_MARK = {"error": "⛔", "warning": "⚠️", "info": "ℹ️"}
LEVEL_MARK = {"info": "ℹ️", "success": "✅", "warning": "⚠️", "error": "❗"}
MAX_EXCERPT = 300  # characters of a quoted draft part: enough to find it again


def to_blocks(reply: Reply) -> Message:
    """The Slack message for ``reply``: a notification ``text`` and Block Kit ``blocks``."""
    return {"text": fallback_text(to_text(reply)), "blocks": enforce_limits(reply_blocks(reply), reply.lang)}


@singledispatch
def reply_blocks(reply: Reply) -> list[Block]:
    """The blocks of ``reply``, before Slack's limits are enforced; register a type with ``@reply_blocks.register``."""
    raise TypeError(f"no Slack renderer for {type(reply).__name__}")


# -- building blocks ---------------------------------------------------------------


def mrkdwn(text: str) -> Block:
    """A mrkdwn text object; ``verbatim`` so Slack links and mentions only what the markup says."""
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def section(text: str) -> Block:
    return {"type": "section", "text": mrkdwn(clip(text, MAX_SECTION))}


def context(*texts: str) -> Block:
    return {"type": "context", "elements": [mrkdwn(t) for t in texts]}


def with_channels(text: str, channels: Iterable[str]) -> str:
    """Escaped ``text`` with each ``#ID`` of ``channels`` (Slack channel ids) made a channel link."""
    for channel in filter(SLACK_CHANNEL_ID.match, channels):
        text = text.replace(escape(f"#{channel}"), channel_link(channel))
    return text


def header(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": text, "emoji": True}}


def policy_context(policy: PolicyInfo, lang: str) -> Block:
    return context(escape(policy_line(policy, lang)))


def clause_ref(clause: Clause, lang: str) -> str:
    """``*SM-OPINION*: Opinions about the company``, escaped."""
    return clause_ref_of(clause.id, pick(clause.title, lang), lang)


def clause_ref_of(clause_id: str, title: str, lang: str) -> str:
    """A clause named by its id (bold) and, when there is one, its title, escaped."""
    ref = f"*{escape(clause_id)}*"
    return msg("clause.heading", lang, id=ref, title=escape(title)) if title else ref


def verdict_words(verdict: str, lang: str) -> str:
    return f"{VERDICT_MARK[verdict]} *{escape(msg('verdict.' + verdict, lang))}*"


# -- answers -----------------------------------------------------------------------


@reply_blocks.register
def answer_blocks(reply: AnswerReply) -> list[Block]:
    lang, clause = reply.lang, reply.clause
    if clause is None:
        blocks = [section(f"{verdict_words('unsure', lang)}\n{escape(unsure_text(reply))}")]
        close = [a.clause for a in reply.alternatives]
        if close:
            refs = listing((clause_ref(c, lang) for c in close), lang)
            blocks.append(context(msg("labelled", lang, label=escape(msg("unsure.closest", lang)), value=refs)))
            blocks.append(offered_actions(reply.alternatives, "", lang))
    elif reply.case is not None:
        # The verdict for the situation asked leads; the clause's general rule follows as context.
        sit = situation(clause, reply.case, lang)
        general = escape(sit.general) + (f"\n{escape(sit.general_answer)}" if sit.general_answer else "")
        blocks = [
            section(f"{verdict_words(reply.headline, lang)}\n{escape(msg('clause', lang))} {clause_ref(clause, lang)}"),
            section(f"*{escape(sit.situation)}*\n{escape(sit.answer)}"),
            context(clip(general, MAX_CONTEXT)),
        ]
    else:
        blocks = [
            section(f"{verdict_words(reply.headline, lang)}\n{escape(msg('clause', lang))} {clause_ref(clause, lang)}"),
            section(escape(pick(clause.answer, lang))),
        ]
        if reply.situations:
            blocks += [context(escape(msg("case.each", lang))), situation_actions(clause, lang)]
    if clause is not None and reply.alternatives:
        blocks.append(context(escape(msg("offered.close", lang))))
        blocks.append(offered_actions(reply.alternatives, clause.id, lang))
    # "Was this helpful?" sits under the answer it rates, above a quoted draft's check.
    blocks += helpful_blocks(clause.id, lang) if clause else []
    footer = [policy_context(reply.policy, lang)]
    if reply.check is not None:
        blocks += [{"type": "divider"}, context(escape(msg("quoted.check", lang)))]
        blocks += check_blocks(reply.check, reply.cited, lang, MAX_BLOCKS - len(blocks) - len(footer))
    return blocks + footer


def helpful_blocks(clause_id: str, lang: str) -> list[Block]:
    """ "Was this helpful?" with yes/no buttons; the value is the clause id."""
    return [
        context(escape(msg("helpful.question", lang))),
        {
            "type": "actions",
            "block_id": f"{HELPFUL_BLOCK}|{lang}",
            "elements": [
                button(msg("helpful.yes", lang), HELPFUL_YES, clause_id, "primary"),
                button(msg("helpful.no", lang), HELPFUL_NO, clause_id, None),
            ],
        },
    ]


def offered_actions(offered: Iterable[ScoredClause], answered: str, lang: str) -> Block:
    """A button per offered clause ("Also see: SM-DISCLOSE · Saying that you work here"); the
    value is the clause id (:func:`offered_value`), the block id carries the language and the
    clause answered."""
    also = msg("offered.also", lang)
    return {
        "type": "actions",
        "block_id": f"{OFFERED_BLOCK}|{lang}|{answered}",
        "elements": [
            button(
                msg("labelled", lang, label=also, value=offered_label(o.clause, lang)),
                f"{OFFERED_ACTION}|{i}",
                offered_value(o),
                None,
            )
            for i, o in enumerate(offered)
        ],
    }


def situation_actions(clause: Clause, lang: str) -> Block:
    """A button per situation of ``clause`` ("⛔ Not allowed: putting down a competitor"):
    it answers in that situation, as an offered clause's button does."""
    return {
        "type": "actions",
        "block_id": f"{SITUATION_BLOCK}|{lang}|{clause.id}",
        "elements": [
            button(situation_label(case, lang), f"{OFFERED_ACTION}|{i}", f"{clause.id}|{case.id}", None)
            for i, case in enumerate(clause.cases)
        ],
    }


def offered_value(offered: ScoredClause) -> str:
    """An offered clause's button value: ``CLAUSE``, or ``CLAUSE|CASE`` when the question
    asked about one of its cases (ids are slugs; never the question itself)."""
    return offered.clause.id if offered.case is None else f"{offered.clause.id}|{offered.case.id}"


def offered_pick(value: str) -> tuple[str, str]:
    """The clause id and case id (empty for the clause in general) an offered button carries."""
    clause, _, case = value.partition("|")
    return clause, case


def button(label: str, action_id: str, value: str, style: str | None) -> Block:
    button: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": label, "emoji": True},
        "action_id": action_id,
        "value": value,
    }
    if style:
        button["style"] = style
    return button


# -- checks ------------------------------------------------------------------------


def check_blocks(result: CheckResult, clauses: dict[str, Clause], lang: str, budget: int) -> list[Block]:
    """The verdict at a glance, then each finding with its clause, excerpt and fix.

    At most ``budget`` blocks: two a finding, and past that a note of how many more.
    """
    n = len(result.findings)
    summary = f"{CHECK_MARK[result.verdict]} *{escape(msg('check.' + result.verdict, lang))}*"
    if n:
        summary += f"  ·  {escape(msg('check.summary', lang, n=n))}"
    blocks = [section(summary)]
    if not n:
        return [*blocks, section(escape(msg("check.none", lang)))]
    room = n if 1 + 2 * n <= budget else max((budget - 2) // 2, 0)
    shown = result.findings[:room]
    for i, finding in enumerate(shown, 1):
        blocks += finding_blocks(i, finding, clauses.get(finding.clause), lang)
    if len(shown) < n:
        blocks.append(context(escape(msg("check.more", lang, n=n - len(shown)))))
    return blocks


@reply_blocks.register
def check_reply_blocks(reply: CheckReply) -> list[Block]:
    footer = policy_context(reply.policy, reply.lang)
    note = [context(escape(msg("check.as_draft", reply.lang)))] if reply.read_as_draft else []
    return [*note, *check_blocks(reply.result, reply.clauses, reply.lang, MAX_BLOCKS - 1 - len(note)), footer]


def finding_blocks(i: int, f: Finding, clause: Clause | None, lang: str) -> list[Block]:
    lines = [f"*{i}.* {SEVERITY_MARK.get(f.severity, '')} *{escape(f.message)}*"]
    if f.excerpt:
        lines.append(quote(clip(f.excerpt, MAX_EXCERPT)))
    else:
        lines.append(
            f"_{escape(msg('labelled', lang, label=msg('check.where', lang), value=msg('check.whole', lang)))}_"
        )
    if f.suggestion:
        fix = msg("labelled", lang, label=msg("check.fix", lang), value="").rstrip()  # the colon stays inside the bold
        lines.append(f"*{escape(fix)}* {escape(f.suggestion)}")
    cited = clause_ref(clause, lang) if clause else f"*{escape(f.clause)}*"
    # The report button rides on the finding's section (an accessory), so it costs no block.
    body = {
        **section("\n".join(lines)),
        "block_id": f"{FINDING_BLOCK}|{lang}|{i}",
        "accessory": button(msg("finding.wrong", lang), FINDING_WRONG, f.check, None),
    }
    return [body, context(f"{escape(msg('clause', lang))} {cited}  ·  `{escape(f.check)}`")]


# -- clauses, list, help -------------------------------------------------------------


@reply_blocks.register
def clause_blocks(reply: ClauseReply) -> list[Block]:
    c, lang = reply.clause, reply.lang
    blocks = [
        header(msg("clause.heading", lang, id=c.id, title=pick(c.title, lang))),
        section(f"{verdict_words(c.verdict, lang)}\n{escape(pick(c.answer, lang))}"),
    ]
    if c.cases:
        cases = "\n".join(f"• {escape(line)}" for line in situation_lines(c, lang))
        blocks.append(section(f"*{escape(msg('case.cases', lang))}*\n{cases}"))
    if reply.see_also:
        refs = listing((clause_ref(s, lang) for s in reply.see_also), lang)
        blocks.append(context(msg("labelled", lang, label=escape(msg("see_also", lang)), value=refs)))
    blocks.append(policy_context(reply.policy, lang))
    return blocks


@reply_blocks.register
def list_blocks(reply: ClauseListReply) -> list[Block]:
    lang = reply.lang
    lines = [f"{VERDICT_MARK[c.verdict]} {clause_ref(c, lang)}" for c in reply.clauses]
    return [
        header(msg("list.title", lang, title=reply.policy.title)),
        *(section(chunk) for chunk in chunk_lines(lines, MAX_SECTION)),
        policy_context(reply.policy, lang),
    ]


@reply_blocks.register
def help_blocks(reply: HelpReply) -> list[Block]:
    lang = reply.lang
    body = msg("help.body", lang) + "\n" + msg("help.action", lang)
    blocks = [header(msg("help.title", lang)), section(escape(body))]
    if reply.is_manager:
        blocks.append(section(escape(msg("help.managers", lang))))
    blocks.append(policy_context(reply.policy, lang))
    return blocks


@reply_blocks.register
def notice_blocks(reply: NoticeReply) -> list[Block]:
    text = with_channels(escape(reply.text), reply.channels)
    return [section(f"{LEVEL_MARK.get(reply.level, '')} {text}".strip())]


@reply_blocks.register
def form_blocks(reply: FormReply) -> list[Block]:
    return [section(escape(msg("checkpost.empty", reply.lang)))]


def chunk_lines(lines: Iterable[str], limit: int = MAX_SECTION, per_chunk: int = 20) -> list[str]:
    """Lines joined into texts of at most ``limit`` characters and ``per_chunk`` lines."""
    chunks: list[list[str]] = [[]]
    size = 0
    for line in lines:
        line = clip(line, limit)
        if chunks[-1] and (size + len(line) + 1 > limit or len(chunks[-1]) >= per_chunk):
            chunks.append([])
            size = 0
        chunks[-1].append(line)
        size += len(line) + 1
    return ["\n".join(c) for c in chunks if c]


# -- reminders -----------------------------------------------------------------------

ACK_REMINDER = "ack_reminder"


@reply_blocks.register
def reminder_blocks(reply: ReminderReply) -> list[Block]:
    """A posted policy reminder; the "I have read this" button goes once a newer one replaced it."""
    lang = reply.lang
    blocks: list[Block] = [header(f"📌 {msg('reminder.heading', lang)}")]
    for c in reply.clauses:
        mark = VERDICT_MARK[c.verdict]
        blocks.append(section(f"{mark} *{escape(clause_heading(c, lang))}*\n{escape(pick(c.answer, lang))}"))
    blocks.append(policy_context(reply.policy, lang))
    if reply.active:
        read = button(msg("reminder.button", lang), ACK_REMINDER, reply.ack_value, "primary")
        blocks.append({"type": "actions", "block_id": f"reminder|{lang}", "elements": [read]})
    else:
        blocks.append(context(f"_{escape(msg('reminder.superseded', lang))}_"))
    return blocks


@reply_blocks.register
def reminder_list_blocks(reply: ReminderListReply) -> list[Block]:
    """``policy reminders``: one line per reminder, in chunks under the section limit."""
    text = to_text(reply)
    channels = {it.channel_id.removeprefix("#") for it in reply.items}
    return [section(with_channels(escape(chunk), channels)) for chunk in chunk_lines(text.splitlines(), MAX_SECTION)]
