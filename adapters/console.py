"""The terminal chat: the same commands and replies as Slack and Teams, as text.

What Slack and Teams show as buttons, the terminal asks to type: ``y`` / ``n`` rate an
answer ("was this helpful?"), an offered clause's id answers with it ("Also see"), a
situation's number answers in it (when the general rule answered a clause with cases),
and ``read`` acknowledges a policy reminder. The terminal is its own channel: a manager's
``policy remind`` and ``policy announce`` post there while the chat runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from bot.app import App, build_app
from bot.assistant.dispatch import OFFERED_CLAUSE
from bot.assistant.render_text import policy_line, to_text
from bot.data.messages import msg
from bot.domain.commands import ButtonPress, Incoming, parse_command
from bot.domain.replies import AnswerReply, NoticeReply, ReminderReply, Reply
from bot.domain.texts import locale_language
from bot.runtime.settings import Settings

PLATFORM = CHANNEL = "console"
PROMPT = "you> "

# Typed instead of pressing a button (any case).
YES = frozenset({"y", "yes", "はい"})
NO = frozenset({"n", "no", "いいえ"})
READ = frozenset({"read", "読みました", "既読"})


def to_incoming(line: str, user_id: str, locale: str | None = None) -> Incoming:
    return Incoming(PLATFORM, user_id, parse_command(line), channel_id=CHANNEL, is_direct=True, locale=locale)


def terminal_locale(environ: Mapping[str, str] | None = None) -> str | None:
    """The terminal's locale (``LC_ALL``, ``LC_MESSAGES``, then ``LANG``: ``ja_JP.UTF-8``);
    None for the C/POSIX locale or none at all."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").split(".")[0]
        if value:
            return None if value in ("C", "POSIX") else value
    return None


@dataclass(slots=True)
class Choices:
    """What the last reply lets the person type instead of pressing one of its buttons."""

    lang: str = ""
    rated: str | None = None  # the clause "was this helpful?" asks about
    offered: dict[str, str] = field(default_factory=dict)  # offered clause id -> its case id ("" in general)
    # The clause whose general rule answered, and its situations' case ids, in the order listed.
    situations: tuple[str, tuple[str, ...]] | None = None


class ConsoleSender:
    """Posts policy reminders into the terminal (the reminders service's ``Sender``)."""

    def __init__(self, show: Callable[[str], None]) -> None:
        self._show = show
        self.ack: tuple[str, str] | None = None  # the last reminder's button value and language

    async def post(self, channel_id: str, reply: Reply) -> str:
        if not isinstance(reply, ReminderReply):
            self._show(to_text(reply))
            return PLATFORM
        self.ack = (reply.ack_value, reply.lang)
        self._show(to_text(reply) + "\n" + msg("console.read", reply.lang))
        return f"{PLATFORM}:{reply.delivery_id}"

    async def update(self, channel_id: str, message_ref: str, reply: Reply) -> None:
        """A terminal cannot redraw what it printed; only the newest reminder takes ``read``."""


class Conversation:
    """One person's terminal chat: each typed line is a message or stands for a button."""

    def __init__(self, app: App, user_id: str, locale: str | None, show: Callable[[str], None]) -> None:
        self.app = app
        self.user_id = user_id
        self.locale = locale
        self.choices = Choices()
        self.sender = ConsoleSender(show)
        app.senders[PLATFORM] = self.sender

    async def reply_to(self, line: str) -> str:
        press = self._press(line)
        if press is None:
            # A bare number answering a quiz is routed by the dispatcher, as on every platform.
            reply: Reply = await self.app.dispatcher.handle(to_incoming(line, self.user_id, self.locale))
            self.choices = _choices(reply)
        else:
            pressed = await self.app.dispatcher.press(press)
            lang = press.lang or self.app.bot.kb.policy.default_language
            reply = pressed or NoticeReply(lang, msg("error.apology", lang), "error")
            if isinstance(reply, AnswerReply):  # an offered clause, answered: its own choices
                self.choices = _choices(reply)
            elif press.action == "helpful":  # rated once; what it offered stays on offer
                self.choices = replace(self.choices, rated=None)
        return "\n".join([to_text(reply), *_hints(self.choices)])

    def _press(self, line: str) -> ButtonPress | None:
        """The button a typed line stands for, if it stands for one."""
        word, choices = line.casefold(), self.choices
        if choices.rated and (word in YES or word in NO):
            values = {"clause": choices.rated, "helpful": "yes" if word in YES else "no"}
            return ButtonPress(PLATFORM, self.user_id, "helpful", values, choices.lang)
        clause_id = next((c for c in choices.offered if c.casefold() == word), None)
        if clause_id is not None:
            values = {"clause": clause_id, "case": choices.offered[clause_id]}
            return ButtonPress(PLATFORM, self.user_id, OFFERED_CLAUSE, values, choices.lang)
        if choices.situations and word.isdigit() and 1 <= int(word) <= len(choices.situations[1]):
            clause, cases = choices.situations
            values = {"clause": clause, "case": cases[int(word) - 1], "answered": clause}
            return ButtonPress(PLATFORM, self.user_id, OFFERED_CLAUSE, values, choices.lang)
        if word in READ and self.sender.ack is not None:
            value, lang = self.sender.ack
            return ButtonPress(PLATFORM, self.user_id, "ack_reminder", {"value": value}, lang)
        return None


def _choices(reply: Reply) -> Choices:
    if not isinstance(reply, AnswerReply):
        return Choices()
    offered = {a.clause.id: a.case.id if a.case else "" for a in reply.alternatives}
    clause = reply.clause
    situations = (clause.id, tuple(c.id for c in reply.situations)) if clause and reply.situations else None
    return Choices(reply.lang, clause.id if clause else None, offered, situations)


def _hints(choices: Choices) -> list[str]:
    """How to type what Slack and Teams offer as buttons, in the reply's language."""
    lines = [msg("console.helpful", choices.lang)] if choices.rated else []
    if choices.situations:
        lines.append(msg("console.situation", choices.lang, n=len(choices.situations[1])))
    if choices.offered:
        lines.append(msg("console.pick", choices.lang, id=next(iter(choices.offered))))
    return lines


async def converse(
    app: App, lines: list[str] | None = None, user_id: str = "console", locale: str | None = None
) -> list[str]:
    """Run a conversation; with ``lines``, reply to each and return what the terminal shows:
    the replies, and the reminders posted meanwhile (tests).

    ``locale``: the person's (the terminal's) locale, which a reply follows when their words
    show no language (``policy help``)."""
    shown: list[str] = []
    interactive = lines is None
    replying = False

    def show(text: str) -> None:
        shown.append(text)
        if interactive and replying:  # "policy announce": the reminder, then the reply
            print(f"guidebot> {text}\n")
        elif interactive:  # posted while the person may be typing: a fresh prompt follows it
            print(f"\nguidebot> {text}\n\n{PROMPT}", end="", flush=True)

    conversation = Conversation(app, user_id, locale, show)
    source = iter(lines or [])
    while True:
        try:
            line = await asyncio.to_thread(input, PROMPT) if interactive else next(source)
        except (EOFError, StopIteration):
            break
        line = line.strip()
        if not line:
            continue
        if line.lower() in ("quit", "exit", "bye"):
            break
        replying = True
        try:
            text = await conversation.reply_to(line)
        finally:
            replying = False
        shown.append(text)
        if interactive:
            print(f"guidebot> {text}\n")
    return shown


def banner(app: App, locale: str | None = None) -> str:
    """The greeting, in the terminal's language when the policy speaks it, else in the
    policy's default language (a Japanese policy greets in Japanese)."""
    kb = app.bot.kb
    lang = locale_language(locale, kb.languages) or kb.policy.default_language
    return msg("console.banner", lang, policy=policy_line(app.bot.policy_info(lang), lang)) + "\n"


def run_console(settings: Settings, kb_path: str | None = None) -> int:
    app = build_app(settings, kb_path)  # an invalid base raises; the command line says why
    user = getpass.getuser() or "console"
    locale = terminal_locale()
    print(banner(app, locale))
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_chat(app, user, locale))
    return 0


async def _chat(app: App, user: str, locale: str | None) -> None:
    # Live knowledge-base reload, usage retention and the terminal's own reminders.
    async with app.background(deliver_reminders=True):
        await converse(app, None, user, locale)
