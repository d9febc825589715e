"""What guidebot does with a Teams turn, with no Bot Framework type in sight.

:mod:`adapters.teams.bf` turns an activity into a :class:`Turn`, calls
:func:`on_message` or :func:`on_invoke`, and delivers what comes back: replies
(rendered by :mod:`adapters.teams.cards`) or an invoke response body.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from adapters.teams.cards import ADAPTIVE_CARD, DRAFT_INPUT_ID, draft_form_card, to_adaptive_card
from bot.app import App
from bot.assistant.render_text import to_text
from bot.data.messages import msg
from bot.domain.commands import ButtonPress, CheckDraft, Command, Incoming, parse_command
from bot.domain.replies import NoticeReply, Reply
from bot.features.owner.replies import QuizReply
from bot.runtime.logsafe import clipped

log = logging.getLogger(__name__)

PLATFORM = "teams"
CHECK_POST_COMMAND = "checkPost"  # the message action's command id (fixed by the contract)
FETCH_TASK = "composeExtension/fetchTask"
SUBMIT_ACTION = "composeExtension/submitAction"
INVOKES = frozenset({FETCH_TASK, SUBMIT_ACTION})


@dataclass(frozen=True, slots=True)
class Turn:
    """The parts of a Teams activity guidebot uses."""

    user_id: str
    conversation_id: str  # without a thread's ";messageid=..."
    conversation_type: str  # personal | channel | groupChat
    text: str = ""  # the bot's @mention already removed
    value: Mapping[str, Any] | None = None  # card submit data or invoke payload
    team_id: str | None = None  # the tenant (the organisation), as Slack's workspace id
    locale: str | None = None  # the Teams client's locale (ja-JP): the person's language when their words show none

    @property
    def is_direct(self) -> bool:
        return self.conversation_type == "personal"


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A reply to deliver; ``private`` ones go to the person in a 1:1 chat.

    ``if_sent`` / ``if_failed``: what the thread is told once a private reply was sent, or
    when the 1:1 chat could not be opened (None: nothing; a failure is logged either way).
    """

    reply: Reply
    private: bool = False
    if_sent: Reply | None = None
    if_failed: Reply | None = None


def conversation_key(conversation_id: str) -> str:
    """The id a conversation is stored and addressed under (a channel, not one of its threads)."""
    return conversation_id.split(";messageid=", 1)[0]


def to_incoming(turn: Turn, command: Command | None = None) -> Incoming:
    """The turn as the core's :class:`Incoming`: ``command``, else the chat text read as one."""
    return Incoming(
        PLATFORM,
        turn.user_id,
        parse_command(turn.text) if command is None else command,
        channel_id=turn.conversation_id,
        is_direct=turn.is_direct,
        team_id=turn.team_id,
        locale=turn.locale,
    )


def to_button_press(turn: Turn, action: str, value: Mapping[str, Any]) -> ButtonPress:
    """A card's Action.Submit data as a :class:`ButtonPress` (booleans as ``yes``/``no``)."""
    values = {
        str(k): ("yes" if v else "no") if isinstance(v, bool) else str(v)
        for k, v in value.items()
        if k not in ("action", "lang") and isinstance(v, str | int | float | bool)
    }
    lang = value.get("lang")
    return ButtonPress(PLATFORM, turn.user_id, action, values, lang if isinstance(lang, str) and lang else None)


async def on_message(app: App, turn: Turn) -> list[Outgoing]:
    """Replies to a chat message or to a card's Action.Submit."""
    if turn.value:
        return await on_submit(app, turn, turn.value)
    if not turn.text.strip():
        return []
    incoming = to_incoming(turn)
    reply = await app.dispatcher.handle(incoming)
    return _deliver(app, incoming, turn, reply)


async def on_submit(app: App, turn: Turn, value: Mapping[str, Any]) -> list[Outgoing]:
    """A button or form of one of our cards was used in a chat."""
    action = str(value.get("action", ""))
    if action == "checkpost":
        incoming = to_incoming(turn, CheckDraft(str(value.get(DRAFT_INPUT_ID, ""))))
        reply = await app.dispatcher.handle(incoming)
        return _deliver(app, incoming, turn, reply)
    # A feature's button: "Was this helpful?", "I have read this", a quiz option, "This finding is wrong".
    answer = await app.dispatcher.press(to_button_press(turn, action, value))
    return [_to_clicker(turn, answer)] if answer is not None else []


async def on_invoke(app: App, name: str, turn: Turn) -> tuple[int, dict[str, Any]]:
    """The status and body answering the message action's fetchTask (``name``) or submitAction.

    Both answer alike: a pasted draft (the form's ``data``) or the selected message
    is checked and the result shown in a dialog; with neither, the paste form opens.
    """
    value = turn.value or {}
    if value.get("commandId") not in (None, CHECK_POST_COMMAND):
        log.info("ignored %s for command %s", name, clipped(value.get("commandId")))
        return 404, {}
    data = value.get("data")
    if isinstance(data, Mapping) and isinstance(data.get("action"), str) and data["action"] in app.dispatcher.actions:
        # A button of a result shown in the dialog ("This finding is wrong"): answered in the dialog.
        replies = await on_submit(app, turn, data)
        return 200, {"task": {"type": "message", "value": "\n".join(to_text(o.reply) for o in replies)}}
    draft = str(data.get(DRAFT_INPUT_ID, "")).strip() if isinstance(data, Mapping) else ""
    payload = value.get("messagePayload")
    # The message's HTML is read in a worker thread: a long one must not hold up other requests.
    draft = draft or await asyncio.to_thread(message_text, payload)
    lang = app.bot.language(draft)
    if draft:
        reply = await app.dispatcher.handle(to_incoming(turn, CheckDraft(draft)))
        return 200, task_card(msg("form.title", reply.lang), to_adaptive_card(reply))
    if isinstance(payload, Mapping) and value.get("commandContext") == "message":  # e.g. an image-only post
        return 200, task_card(
            msg("form.title", lang), to_adaptive_card(NoticeReply(lang, msg("checkpost.notext", lang)))
        )
    return 200, task_card(msg("form.title", lang), draft_form_card(lang))


def task_card(title: str, card: dict[str, Any]) -> dict[str, Any]:
    """A ``task/continue`` response showing ``card`` in a task module (a dialog only the user sees)."""
    value = {
        "title": title,
        "height": "large",
        "width": "medium",
        "card": {"contentType": ADAPTIVE_CARD, "content": card},
    }
    return {"task": {"type": "continue", "value": value}}


def message_text(payload: object) -> str:
    """The plain text of a message action's ``messagePayload`` (HTML stripped, entities unescaped)."""
    if not isinstance(payload, Mapping):
        return ""
    body = payload.get("body")
    if not isinstance(body, Mapping):
        return ""
    content = str(body.get("content") or "")
    if str(body.get("contentType", "html")).lower() == "html":
        return html_to_text(content)
    return content.strip()


def html_to_text(markup: str) -> str:
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts)).replace("\xa0", " ")
    return re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+\n", "\n", text)).strip()


class _TextParser(HTMLParser):
    _BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "blockquote", "pre"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # unescaped once, at the end
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n• ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BREAKS and tag != "br":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_entityref(self, name: str) -> None:
        self.parts.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.parts.append(f"&#{name};")


def _deliver(app: App, incoming: Incoming, turn: Turn, reply: Reply) -> list[Outgoing]:
    # Teams has no ephemeral messages: a check or a manager's reply asked in a channel goes to
    # the asker's 1:1 chat, and the thread is told where it went (never what it says).
    if turn.is_direct or not app.dispatcher.replies_privately(incoming, reply):
        return [Outgoing(reply)]
    lang = reply.lang
    sent = NoticeReply(lang, msg("checkpost.private", lang))
    return [Outgoing(reply, private=True, if_sent=sent, if_failed=NoticeReply(lang, msg("private.unavailable", lang)))]


def _to_clicker(turn: Turn, reply: Reply) -> Outgoing:
    """A card click's answer (thanks, "counted", "already answered"): the clicker's alone.

    In a channel it goes to their 1:1 chat, or nowhere when that cannot be opened: a thread
    full of everyone's "thanks" is noise. A quiz step stays where the quiz is played.
    """
    if turn.is_direct or isinstance(reply, QuizReply):
        return Outgoing(reply)
    return Outgoing(reply, private=True)
