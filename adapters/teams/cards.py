"""Adaptive Cards for Teams: pure functions from the core's :class:`~bot.domain.replies.Reply` to card JSON.

Nothing here imports the Bot Framework SDK; the cards are plain dicts, so a move
to another Teams SDK leaves this module as it is. The renderers own Teams' limits
(a message holds about 28 KB): long texts and long finding lists are cut visibly.
Every text placed in a TextBlock or a fact, whoever wrote it, goes through
:func:`adapters.teams.markdown.literal` in :func:`_text` and :func:`facts`, so Teams shows
it as typed; emphasis comes from the blocks' ``weight``, ``size`` and ``color``, never
from Markdown.
:func:`to_adaptive_card` dispatches on the reply's type: the conversation's replies
are registered here, the quiz and the report in :mod:`adapters.teams.owner_cards`
(imported by this package, so the registration holds wherever this module is
used). A reply type with no registered card raises ``TypeError``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import singledispatch
from typing import Any

from adapters.teams.markdown import commands, literal
from bot.assistant.dispatch import OFFERED_CLAUSE
from bot.assistant.render_text import (
    CHECK_MARK,
    VERDICT_MARK,
    clause_heading,
    offered_label,
    policy_line,
    quote,
    situation,
    situation_label,
    situation_lines,
    to_text,
    unsure_text,
)
from bot.checks.checker import MAX_DRAFT_CHARS
from bot.data.messages import listing, msg
from bot.domain.findings import CheckResult, Finding
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
    ScoredClause,
)
from bot.domain.texts import pick

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
CARD_VERSION = "1.5"
MAX_FINDINGS = 12  # past this the card says how many more there are
# Buttons a row shows: Teams hides those past its host's maxActions (6 on desktop).
MAX_ROW_ACTIONS = 6
# Teams refuses a message over about 28 KB as sent: JSON in which the SDK escapes every non-ASCII
# character as \uXXXX (a Japanese character costs 6 bytes). A card stays under MAX_CARD_BYTES so
# that the activity around it stays under 25 KB.
MAX_CARD_BYTES = 24_000
WORD_JOINER = "\u2060"
MAX_FALLBACK = 400  # characters of fallbackText: the gist; the card carries the rest
MAX_TEXT = 2_000  # characters of one text block
MAX_EXCERPT = 200
DRAFT_INPUT_ID = "draft"
FINDING_WRONG = "finding_wrong"  # submit action of "This finding is wrong"; its data names the check

Card = dict[str, Any]
Element = dict[str, Any]

# Text colours people can read: Teams' "good" green (2.1:1 on white) and "warning" yellow (1.5:1)
# fall short of the 4.5:1 WCAG asks for text, so those verdicts keep the default colour and
# their mark (✅ ⚠️) and words carry the meaning; "attention" red (5.4:1) marks what must not go out.
TEXT_COLORS = frozenset({"default", "attention"})
VERDICT_COLOR = {
    "allowed": "default",
    "conditional": "default",
    "prohibited": "attention",
    "unsure": "default",
    "guidance": "default",
}
CHECK_COLOR = {"pass": "default", "warn": "default", "block": "attention"}
LEVEL_COLOR = {"info": "default", "success": "default", "warning": "default", "error": "attention"}


@dataclass(frozen=True, slots=True)
class OutMessage:
    """What goes to Teams for one reply: a card (with its text fallback) or plain text."""

    text: str
    card: Card | None = None


def to_message(reply: Reply) -> OutMessage:
    """The message for a reply: short notices go as text, everything else as a card."""
    if isinstance(reply, NoticeReply):
        return OutMessage(commands(reply.text))
    card = to_adaptive_card(reply)
    return OutMessage(str(card.get("fallbackText", "")), card)


@singledispatch
def to_adaptive_card(reply: Reply) -> Card:
    """Render any reply as an Adaptive Card (with ``fallbackText`` from the text renderer)."""
    raise TypeError(f"no Teams renderer for {type(reply).__name__}")


@to_adaptive_card.register
def answer_card(reply: AnswerReply) -> Card:
    body, actions = _answer(reply)
    return card(body, actions, to_text(reply), reply.lang)


@to_adaptive_card.register
def check_card(reply: CheckReply) -> Card:
    note = [_text(msg("check.as_draft", reply.lang), subtle=True)] if reply.read_as_draft else []
    policy, fallback = _policy(reply.policy, reply.lang), to_text(reply)
    budget = MAX_CARD_BYTES - wire_bytes(card([*note, policy], [], fallback, reply.lang))
    body = [*note, *_check(reply.result, reply.lang, reply.clauses, budget), policy]
    return card(body, [], fallback, reply.lang)


@to_adaptive_card.register
def clause_card(reply: ClauseReply) -> Card:
    return card(_clause(reply), [], to_text(reply), reply.lang)


@to_adaptive_card.register
def clause_list_card(reply: ClauseListReply) -> Card:
    return card(_clause_list(reply), [], to_text(reply), reply.lang)


@to_adaptive_card.register
def help_card(reply: HelpReply) -> Card:
    return card(_help(reply), [], to_text(reply), reply.lang)


@to_adaptive_card.register
def notice_card(reply: NoticeReply) -> Card:
    return card([_text(reply.text, color=LEVEL_COLOR.get(reply.level, "default"))], [], to_text(reply), reply.lang)


@to_adaptive_card.register
def form_card(reply: FormReply) -> Card:
    return draft_form_card(reply.lang)


@to_adaptive_card.register
def reminder_card(reply: ReminderReply) -> Card:
    body, actions = _reminder(reply)
    return card(body, actions, to_text(reply), reply.lang)


@to_adaptive_card.register
def reminder_list_card(reply: ReminderListReply) -> Card:
    text = to_text(reply)
    return card([_text(line) for line in text.splitlines()], [], text, reply.lang)


def wire_bytes(obj: object) -> int:
    """The size of ``obj`` as the Bot Framework SDK sends it: JSON with non-ASCII escaped as ``\\uXXXX``."""
    return len(json.dumps(obj))


def card(body: list[Element], actions: list[Element] | None = None, fallback: str = "", lang: str = "en") -> Card:
    """An Adaptive Card envelope around ``body`` and ``actions``, cut to :data:`MAX_CARD_BYTES` as sent.

    A body too big loses elements from its end (the last, the policy line, stays) for a
    "…and N more" note; the renderers of long lists budget them first so that this rarely cuts.
    """
    out = _envelope(body, actions, fallback, lang)
    dropped = 0
    while wire_bytes(out) > MAX_CARD_BYTES and len(body) > 2:
        body = [*body[:-2], body[-1]]
        dropped += 1
        note = _text(msg("more.items", lang, n=dropped), subtle=True)
        out = _envelope([*body[:-1], note, body[-1]], actions, fallback, lang)
    return out


def _envelope(body: list[Element], actions: list[Element] | None, fallback: str, lang: str) -> Card:
    out: Card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": CARD_VERSION,
        "lang": lang,
        "body": body,
    }
    if actions:
        out["actions"] = actions
    if fallback:
        out["fallbackText"] = _cut(commands(fallback), MAX_FALLBACK)
    out["msteams"] = {"width": "Full"}
    return out


def draft_form_card(lang: str) -> Card:
    """The paste-a-draft form (chat card and task module); its submit carries ``draft``."""
    body = [
        _text(msg("form.title", lang), size="Medium", weight="Bolder"),
        {
            "type": "Input.Text",
            "id": DRAFT_INPUT_ID,
            "isMultiline": True,
            "maxLength": MAX_DRAFT_CHARS,
            "placeholder": msg("form.placeholder", lang),
            "label": msg("form.label", lang),
            "isRequired": True,
            "errorMessage": msg("form.required", lang),
        },
        _text(msg("form.private", lang), size="Small", subtle=True),
    ]
    submit = {"type": "Action.Submit", "title": msg("form.submit", lang), "data": {"action": "checkpost"}}
    return card(body, [submit], msg("checkpost.empty", lang), lang)


def helpful_actions(clause_id: str, lang: str) -> list[Element]:
    """The "was this helpful?" buttons; their submit value names the clause."""
    return [
        {
            "type": "Action.Submit",
            "title": msg("helpful." + ("yes" if value else "no"), lang),
            "data": {"action": "helpful", "clause": clause_id, "helpful": value, "lang": lang},
        }
        for value in (True, False)
    ]


def offered_actions(offered: tuple[ScoredClause, ...], answered: str, lang: str) -> Element:
    """A button per offered clause ("Also see: SM-DISCLOSE · Saying that you work here"); the
    submit data names the clause, its case the question asked about (when one fits; never
    the question itself) and the clause answered (empty when unsure)."""
    also = msg("offered.also", lang)
    return {
        "type": "ActionSet",
        "actions": [
            _pick(
                msg("labelled", lang, label=also, value=offered_label(o.clause, lang)), o.clause, o.case, answered, lang
            )
            for o in offered
        ],
    }


def situation_actions(clause: Clause, lang: str) -> Element:
    """A button per situation of ``clause`` ("⛔ Not allowed: putting down a competitor"):
    it answers in that situation, as an offered clause's button does."""
    return {
        "type": "ActionSet",
        "actions": [_pick(situation_label(case, lang), clause, case, clause.id, lang) for case in clause.cases],
    }


def _pick(title: str, clause: Clause, case: Case | None, answered: str, lang: str) -> Element:
    """A button that answers with ``clause`` (in ``case``, when given): its submit data."""
    data = {"action": OFFERED_CLAUSE, "clause": clause.id, **({"case": case.id} if case else {})}
    return {"type": "Action.Submit", "title": title, "data": {**data, "answered": answered, "lang": lang}}


def _answer(reply: AnswerReply) -> tuple[list[Element], list[Element]]:
    lang, clause = reply.lang, reply.clause
    actions: list[Element] = []
    if clause is None:
        body = [_verdict(VERDICT_MARK["unsure"], msg("verdict.unsure", lang), VERDICT_COLOR["unsure"])]
        body.append(_text(unsure_text(reply)))
        close = [a.clause for a in reply.alternatives]
        if close:
            body.append(_text(msg("unsure.closest", lang), weight="Bolder", spacing="Medium"))
            body += [_text(f"• {clause_heading(c, lang)}", spacing="None") for c in close]
            body.append(offered_actions(reply.alternatives, "", lang))
    else:
        body = [
            _verdict(
                VERDICT_MARK[reply.headline], msg("verdict." + reply.headline, lang), VERDICT_COLOR[reply.headline]
            ),
            _text(clause_heading(clause, lang), weight="Bolder"),
            _text(pick(clause.answer, lang)),
        ]
        if reply.situations:
            body.append(_text(msg("case.each", lang), size="Small", subtle=True, spacing="Medium"))
            if len(clause.cases) <= MAX_ROW_ACTIONS:
                body.append(situation_actions(clause, lang))
            else:  # more than a row of buttons shows: each one as a line
                body += [_text(f"• {line}", spacing="None") for line in situation_lines(clause, lang)]
        if reply.case is not None:
            # The verdict for the situation asked leads; the clause's general rule follows as context.
            sit = situation(clause, reply.case, lang)
            body[2:] = [_text(sit.situation, weight="Bolder"), _text(sit.answer)]
            body.append(_text(sit.general, size="Small", subtle=True, spacing="Medium"))
            if sit.general_answer:
                body.append(_text(sit.general_answer, size="Small", subtle=True, spacing="None"))
        if reply.alternatives:
            body.append(_text(msg("offered.close", lang), size="Small", subtle=True, spacing="Medium"))
            body.append(offered_actions(reply.alternatives, clause.id, lang))
        # The buttons sit under the answer they rate, above a quoted draft's check.
        body.append(_text(msg("helpful.question", lang), size="Small", subtle=True, spacing="Medium"))
        body.append({"type": "ActionSet", "actions": helpful_actions(clause.id, lang)})
    policy = _policy(reply.policy, lang)
    if reply.check is not None:
        body.append(_text(msg("quoted.check", lang), weight="Bolder", spacing="Large", separator=True))
        budget = MAX_CARD_BYTES - wire_bytes(card([*body, policy], actions, to_text(reply), lang))
        body += _check(reply.check, lang, reply.cited, budget)
    body.append(policy)
    return body, actions


def _check(result: CheckResult, lang: str, clauses: dict[str, Clause], budget: int) -> list[Element]:
    """The verdict and the findings, in at most ``budget`` bytes as sent; the rest are counted."""
    n = len(result.findings)
    body = [_verdict(CHECK_MARK[result.verdict], msg("check." + result.verdict, lang), CHECK_COLOR[result.verdict])]
    if not n:
        return [*body, _text(msg("check.none", lang))]
    body.append(_text(msg("check.summary", lang, n=n), subtle=True, spacing="None"))
    room = budget - wire_bytes(body) - wire_bytes(_text(msg("check.more", lang, n=n), subtle=True))
    shown = 0
    for f in result.findings[:MAX_FINDINGS]:
        element = _finding(f, lang, clauses.get(f.clause))
        room -= wire_bytes(element) + 2  # and the ", " before it
        if room < 0:
            break
        body.append(element)
        shown += 1
    if shown < n:
        body.append(_text(msg("check.more", lang, n=n - shown), subtle=True))
    return body


def _finding(f: Finding, lang: str, clause: Clause | None) -> Element:
    rows = [(msg("clause", lang), clause_heading(clause, lang) if clause else f.clause)]
    where = quote(_cut(f.excerpt, MAX_EXCERPT), lang) if f.excerpt else msg("check.whole", lang)  # 「…」 in Japanese
    rows.append((msg("check.where", lang), where))
    if f.suggestion:
        rows.append((msg("check.fix", lang), f.suggestion))
    color = "attention" if f.severity == "error" else "default"
    wrong = {
        "type": "Action.Submit",
        "title": msg("finding.wrong", lang),
        "data": {"action": FINDING_WRONG, "check": f.check, "lang": lang},
    }
    return {
        "type": "Container",
        "separator": True,
        "spacing": "Medium",
        "items": [
            _text(f.message, weight="Bolder", color=color),
            facts(rows),
            {"type": "ActionSet", "actions": [wrong]},
        ],
    }


def _clause(reply: ClauseReply) -> list[Element]:
    c, lang = reply.clause, reply.lang
    body = [
        _verdict(VERDICT_MARK[c.verdict], msg("verdict." + c.verdict, lang), VERDICT_COLOR[c.verdict]),
        _text(clause_heading(c, lang), weight="Bolder"),
        _text(pick(c.answer, lang)),
    ]
    if c.cases:
        body.append(_text(msg("case.cases", lang), weight="Bolder", spacing="Medium"))
        body += [_text(f"• {line}", spacing="None") for line in situation_lines(c, lang)]
    if reply.see_also:
        see = listing((clause_heading(s, lang) for s in reply.see_also), lang)
        body.append(_text(msg("labelled", lang, label=msg("see_also", lang), value=see), size="Small"))
    return [*body, _policy(reply.policy, lang)]


def _clause_list(reply: ClauseListReply) -> list[Element]:
    """The clauses as one FactSet; as many as the card holds, then "…and N more" (clauses)."""
    lang = reply.lang
    rows = [(c.id, f"{VERDICT_MARK[c.verdict]} {pick(c.title, lang)}") for c in reply.clauses]
    title = _text(msg("list.title", lang, title=reply.policy.title), size="Medium", weight="Bolder")
    policy = _policy(reply.policy, lang)
    note = _text(msg("more.items", lang, n=len(rows)), subtle=True)  # the longest the note gets
    room = MAX_CARD_BYTES - wire_bytes(card([title, facts([]), note, policy], [], to_text(reply), lang))
    cells = facts(rows)["facts"]
    kept = 0
    for cell in cells:
        room -= wire_bytes(cell) + 2  # ", " between cells
        if room < 0:
            break
        kept += 1
    body = [title, {"type": "FactSet", "facts": cells[:kept]}]
    if kept < len(rows):
        body.append(_text(msg("more.items", lang, n=len(rows) - kept), subtle=True))
    return [*body, policy]


def _help(reply: HelpReply) -> list[Element]:
    lang = reply.lang
    lines = [*msg("help.body", lang).splitlines(), msg("help.action", lang)]
    if reply.is_manager:
        lines += msg("help.managers", lang).splitlines()
    body = [_text(msg("help.title", lang), size="Medium", weight="Bolder")]
    # One block per line: Teams' markdown would otherwise join single line breaks.
    body += [_text(line, spacing="Small") for line in lines]
    return [*body, _policy(reply.policy, lang)]


def _verdict(mark: str, words: str, color: str) -> Element:
    return _text(f"{mark} {words}", size="Large", weight="Bolder", color=color)


def _policy(policy: PolicyInfo, lang: str) -> Element:
    return _text(policy_line(policy, lang), size="Small", subtle=True, spacing="Medium")


def _text(text: str, **style: Any) -> Element:
    """A wrapping TextBlock showing ``text`` as typed."""
    block: Element = {"type": "TextBlock", "text": literal(_cut(text, MAX_TEXT)), "wrap": True}
    if style.pop("subtle", False):
        block["isSubtle"] = True
    block.update({k: v for k, v in style.items() if v not in (None, "default")})
    return block


def facts(rows: list[tuple[str, str]], title_limit: int = 100, value_limit: int = MAX_TEXT) -> Element:
    """A FactSet of (title, value) rows, each shown as typed."""
    cells = [
        {"title": literal(_unbroken(_cut(t, title_limit))), "value": literal(_cut(v, value_limit))} for t, v in rows
    ]
    return {"type": "FactSet", "facts": cells}


def _unbroken(label: str) -> str:
    """A short Japanese label kept on one line: Japanese may break between any two characters,
    and a narrow fact title column would show 該当箇所 as 該当 / 箇所. Word joiners (U+2060) forbid it."""
    if len(label) > 8 or label.isascii():
        return label
    return WORD_JOINER.join(label)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _reminder(reply: ReminderReply) -> tuple[list[Element], list[Element]]:
    """A posted policy reminder with its "I have read this" submit (``ack_reminder``)."""
    lang = reply.lang
    body = [_text(f"📌 {msg('reminder.heading', lang)}", size="Large", weight="Bolder")]
    for c in reply.clauses:  # one element per clause: a card too big loses whole clauses, counted as such
        heading_ = _text(f"{VERDICT_MARK[c.verdict]} {clause_heading(c, lang)}", weight="Bolder")
        body.append({"type": "Container", "items": [heading_, _text(pick(c.answer, lang))]})
    body.append(_policy(reply.policy, lang))
    if not reply.active:
        return [*body, _text(msg("reminder.superseded", lang), subtle=True)], []
    data = {"action": "ack_reminder", "value": reply.ack_value, "lang": lang}
    return body, [{"type": "Action.Submit", "title": msg("reminder.button", lang), "data": data}]
