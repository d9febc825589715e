"""The modal where a person pastes a draft (``/checkpost`` with no text).

Pure functions: the view JSON for ``views.open`` and reading the submitted draft
back out of a ``view_submission`` payload.
"""

from __future__ import annotations

import json
from typing import Any

from adapters.slack.mrkdwn import clip
from bot.data.messages import msg
from bot.domain.texts import clean_text

CHECKPOST_VIEW = "checkpost_modal"  # callback id of the modal
DRAFT_BLOCK = "draft"
DRAFT_ACTION = "draft"
MAX_TITLE = 24  # Slack's limit for a modal title
MAX_INPUT = 3_000  # Slack's limit for a plain_text_input
MAX_METADATA = 3_000

View = dict[str, Any]


def _plain(text: str, limit: int = 150) -> dict[str, Any]:
    return {"type": "plain_text", "text": clip(text, limit), "emoji": True}


def checkpost_modal(lang: str, metadata: dict[str, str]) -> View:
    """The "check a post" modal; ``metadata`` comes back with the submission."""
    private = json.dumps(metadata, separators=(",", ":"))
    return {
        "type": "modal",
        "callback_id": CHECKPOST_VIEW,
        "title": _plain(msg("form.short_title", lang), MAX_TITLE),
        "submit": _plain(msg("form.submit", lang), MAX_TITLE),
        "private_metadata": private if len(private) <= MAX_METADATA else "{}",
        "blocks": [
            {
                "type": "input",
                "block_id": DRAFT_BLOCK,
                "label": _plain(msg("form.label", lang)),
                "hint": _plain(msg("form.private", lang)),
                "element": {
                    "type": "plain_text_input",
                    "action_id": DRAFT_ACTION,
                    "multiline": True,
                    "max_length": MAX_INPUT,
                    "placeholder": _plain(msg("form.placeholder", lang)),
                },
            }
        ],
    }


def submitted_draft(view: dict[str, Any]) -> str:
    """The draft typed into the modal ('' when absent)."""
    node: Any = view
    for key in ("state", "values", DRAFT_BLOCK, DRAFT_ACTION, "value"):
        node = node.get(key) if isinstance(node, dict) else None
    return clean_text(node) if isinstance(node, str) else ""


def submitted_metadata(view: dict[str, Any]) -> dict[str, str]:
    """The metadata given to :func:`checkpost_modal` (empty when unreadable)."""
    try:
        data = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
