"""Slack's text formats, both ways: escaping what we send, decoding what we receive.

Slack's mrkdwn gives ``&``, ``<`` and ``>`` control meaning (``<!channel>`` pings a
whole channel), and ``*``, ``_``, ``~`` and backticks format the text between them,
with no escape for those four. :func:`escape` is the one rule for every text the
renderers place in mrkdwn (drafts, knowledge-base text, catalogue messages): the three
reserved characters become entities, and each formatting marker is fenced by zero-width
spaces (U+200B), so it is neither at the start nor at the end of a word and Slack shows
it as typed; a line that starts with ``>`` gets one too, so it is no block quote. The
text objects are ``verbatim`` (see :mod:`adapters.slack.blocks`), so Slack does not
turn a bare ``@here``, ``#channel`` or URL into a mention or a link either. Incoming
message text arrives in the same format (``<https://x|label>``, ``<@U123>``,
``&amp;``) and is decoded before the core sees it, so a draft is checked as the
person wrote it.
"""

from __future__ import annotations

import re

from bot.data.messages import COMMAND_SPAN
from bot.domain.texts import clean_text

ELLIPSIS = "…"
ZWSP = "\u200b"  # zero-width space: fences a formatting marker so that it shows as typed

_MARKERS = re.compile(r"([*_~`])")
_QUOTE_START = re.compile(r"^&gt;", re.MULTILINE)
_FENCED_TAIL = re.compile("\u200b[*_~`]$")
SLACK_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{6,}$")

_ENTITY_TAIL = re.compile(r"&[a-z]{0,4}$")
_ANGLE = re.compile(r"<([^<>]*)>")


def escape(text: str) -> str:
    """``text`` for mrkdwn, shown as typed: no formatting, link, mention or block quote comes of it.

    A command the catalogue names in backticks (`` `policy list` ``) is shown as Slack's
    command, in code: ``/policy list`` (``@guidebot policy ...`` stays a mention's text).
    """
    out, last = [], 0
    for m in COMMAND_SPAN.finditer(text):
        command = m.group(1)
        if not command.startswith("@"):
            command = "/" + command
        out += [_literal(text[last : m.start()]), "`" + _entities(command) + "`"]
        last = m.end()
    return "".join([*out, _literal(text[last:])])


def _entities(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _literal(text: str) -> str:
    return _QUOTE_START.sub(ZWSP + "&gt;", _MARKERS.sub(ZWSP + r"\1" + ZWSP, _entities(text)))


def channel_link(channel_id: str) -> str:
    """A channel reference Slack shows as the channel's name (``<#C0GEN>``); the id is ours, not typed."""
    return f"<#{channel_id}>"


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, visibly (with an ellipsis).

    A cut never leaves half an escape entity (``&am``) behind.
    """
    if len(text) <= limit:
        return text
    head = _ENTITY_TAIL.sub("", text[: max(limit - 1, 0)]).removesuffix(ZWSP)
    if _FENCED_TAIL.search(head):  # a fenced marker cut from its closing fence
        head += ZWSP
    return head + ELLIPSIS


def quote(text: str) -> str:
    """An escaped mrkdwn block quote (every line starts with ``>``)."""
    return "\n".join("> " + escape(line) for line in text.splitlines() or [""])


def _angle(match: re.Match[str], keep_channels: bool) -> str:
    inner = match.group(1)
    target, _, label = inner.partition("|")
    if target.startswith("@"):  # <@U123> or <@U123|name>: a user mention
        return "@" + (label or target[1:])
    if target.startswith("#"):  # <#C123|general>: commands need the id, drafts read "#general"
        return match.group(0) if keep_channels else "#" + (label or target[1:])
    if target.startswith("!"):  # <!here>, <!subteam^S1|@team>
        return "@" + (label.lstrip("@") if label else target[1:].split("^")[0])
    return target  # a link: the URL itself is what checks look at


def from_slack(text: str, *, keep_channels: bool = False) -> str:
    """Slack message text decoded to what the person typed (links as URLs).

    With ``keep_channels``, channel references stay in Slack's ``<#C123|name>`` form:
    commands such as ``policy remind #channel`` need the channel id, not its name.
    """
    decoded = _ANGLE.sub(lambda m: _angle(m, keep_channels), clean_text(text))
    return decoded.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def strip_mention(text: str, bot_user_id: str | None) -> str:
    """The text of an ``app_mention`` without the mention of the bot."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>", " ", text)
    else:  # unknown bot id: drop a leading mention, which is how people address a bot
        text = re.sub(r"^\s*<@[A-Z0-9]+(?:\|[^>]*)?>", " ", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()
