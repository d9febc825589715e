"""Slack's text formats, both ways: escaping what we send, decoding what we receive.

Slack's mrkdwn gives ``&``, ``<`` and ``>`` control meaning (``<!channel>`` pings a
whole channel), so every text we did not write ourselves is escaped. Incoming
message text arrives in the same format (``<https://x|label>``, ``<@U123>``,
``&amp;``) and is decoded before the core sees it, so a draft is checked as the
person wrote it.
"""

from __future__ import annotations

import re

from bot.domain.texts import clean_text

ELLIPSIS = "…"

_ENTITY_TAIL = re.compile(r"&[a-z]{0,4}$")
_ANGLE = re.compile(r"<([^<>]*)>")


def escape(text: str) -> str:
    """Escape the three characters Slack reserves in mrkdwn and plain text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, visibly (with an ellipsis).

    A cut never leaves half an escape entity (``&am``) behind.
    """
    if len(text) <= limit:
        return text
    head = _ENTITY_TAIL.sub("", text[: max(limit - 1, 0)])
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
