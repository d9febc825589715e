"""Slack's Block Kit limits, enforced on the way out by cutting visibly.

A message Slack rejects (``invalid_blocks``) is a reply the person never sees, so the
renderer never relies on content being short: texts are clipped with an ellipsis,
and blocks past the limit are replaced by a note saying how many were left out.
"""

from __future__ import annotations

from typing import Any

from adapters.slack.mrkdwn import clip, escape
from bot.data.messages import msg

MAX_BLOCKS = 50  # blocks in a message
MAX_SECTION = 3_000  # characters of a section's text
MAX_FIELDS = 10  # fields of a section
MAX_FIELD = 2_000  # characters of one field
MAX_HEADER = 150  # characters of a header's plain_text
MAX_CONTEXT = 2_000  # characters of one context element
MAX_CONTEXT_ELEMENTS = 10
MAX_BUTTON = 75  # characters of a button label
MAX_ACTIONS = 25  # elements of an actions block (a clause may list more situations)
MAX_FALLBACK = 3_000  # the notification text; Slack truncates far later, people read far less

Block = dict[str, Any]


def fallback_text(plain: str) -> str:
    """The ``text`` of a message: escaped plain text, clipped."""
    return clip(escape(plain), MAX_FALLBACK)


def enforce_limits(blocks: list[Block], lang: str) -> list[Block]:
    """``blocks`` made valid for Slack: texts clipped, counts capped with a visible note."""
    fixed = [_fix(block) for block in blocks]
    if len(fixed) > MAX_BLOCKS:
        dropped = len(fixed) - (MAX_BLOCKS - 1)
        more = {"type": "mrkdwn", "text": escape(msg("more.items", lang, n=dropped)), "verbatim": True}
        note = {"type": "context", "elements": [more]}
        fixed = [*fixed[: MAX_BLOCKS - 1], note]
    return fixed


def _fix(block: Block) -> Block:
    kind = block.get("type")
    if kind == "section":
        block = dict(block)
        if "text" in block:
            block["text"] = _clip_text(block["text"], MAX_SECTION)
        if "fields" in block:
            block["fields"] = [_clip_text(f, MAX_FIELD) for f in block["fields"][:MAX_FIELDS]]
        if isinstance(block.get("accessory"), dict):
            block["accessory"] = _fix_element(block["accessory"])
    elif kind == "header":
        block = {**block, "text": _clip_text(block["text"], MAX_HEADER)}
    elif kind == "context":
        elements = block["elements"][:MAX_CONTEXT_ELEMENTS]
        block = {**block, "elements": [_clip_text(e, MAX_CONTEXT) if "text" in e else e for e in elements]}
    elif kind == "actions":
        block = {**block, "elements": [_fix_element(e) for e in block["elements"][:MAX_ACTIONS]]}
    return block


def _fix_element(element: Block) -> Block:
    if element.get("type") == "button":
        return {**element, "text": _clip_text(element["text"], MAX_BUTTON)}
    return element


def _clip_text(obj: Block, limit: int) -> Block:
    return {**obj, "text": clip(obj["text"], limit)}
