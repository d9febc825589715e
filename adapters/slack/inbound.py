"""What may reach bolt from ``POST /slack/events``: signed, decodable, shaped as Slack sends it.

Bolt parses a request's body when it builds its request object, before its own
signature check runs, so a hostile body used to fail there with a 500. Here the
signature is verified on the raw bytes first (:func:`verify`, 401), then the body is
decoded and parsed the way bolt does (:func:`parse`, 400), and finally a correctly
signed payload is checked for the fields the listeners rely on
(:func:`payload_problem`): one Slack would never send is answered 200 (so Slack does
not retry it) and logged with a one-line reason, never handed to a listener.

Reasons name fields and types only, never values: a payload may carry a draft.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from slack_bolt.request.internals import parse_body

from adapters.payloads import Field, json_type, shape_problem

MAX_AGE = 5 * 60  # seconds a signed request stays valid (Slack's replay window)
TIMESTAMP_DIGITS = 12  # a Unix time in seconds has 10 digits until the year 2286

Payload = dict[str, Any]


@dataclass(frozen=True)
class Rejected(Exception):
    """A request refused before bolt sees it: its HTTP status and a short reason for the log."""

    status: int
    reason: str


def verify(raw: bytes, headers: Mapping[str, str], secret: str, now: Callable[[], float] = time.time) -> None:
    """Raise :class:`Rejected` (401) unless ``raw`` carries a fresh signature made with ``secret``."""
    timestamp = headers.get("X-Slack-Request-Timestamp", "")
    signature = headers.get("X-Slack-Signature", "")
    if not signature or not timestamp:
        raise Rejected(401, "unsigned")
    if not (timestamp.isascii() and timestamp.isdigit()) or len(timestamp) > TIMESTAMP_DIGITS:
        raise Rejected(401, "timestamp is not a Unix time")
    if abs(now() - int(timestamp)) > MAX_AGE:
        raise Rejected(401, "stale timestamp")
    base = b"v0:" + timestamp.encode() + b":" + raw
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
        raise Rejected(401, "bad signature")


def parse(raw: bytes, content_type: str | None) -> tuple[str, Payload]:
    """The body as text and as bolt will parse it; :class:`Rejected` (400) when it cannot be."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Rejected(400, "body is not UTF-8") from None
    try:
        body = parse_body(text, content_type)
    except ValueError:  # json.JSONDecodeError included
        raise Rejected(400, "body is not JSON nor a form") from None
    if not isinstance(body, dict):
        raise Rejected(400, f"body is a JSON {json_type(body)}, not an object")
    return text, body


# -- the fields the listeners read, per kind of payload ------------------------------------

_INTERACTIVE: list[Field] = [("user", dict, True), ("user.id", str, True), ("channel", dict, False)]
_SHAPES: dict[str, list[Field]] = {
    "url_verification": [("challenge", str, True)],
    "event_callback": [("event", dict, True), ("event.type", str, True), ("event_id", str, False)],
    "command": [("user_id", str, True), ("command", str, True), ("trigger_id", str, True), ("text", str, False)],
    "view_submission": [
        *_INTERACTIVE,
        ("view", dict, True),
        ("view.type", str, True),
        ("view.callback_id", str, False),
        ("view.private_metadata", str, False),
        ("view.state", dict, True),
        ("view.state.values", dict, True),
    ],
    "view_closed": [*_INTERACTIVE, ("view", dict, True), ("view.type", str, True)],
    "block_actions": [
        *_INTERACTIVE,
        ("actions", list, True),
        ("actions.*", dict, True),
        ("actions.*.action_id", str, True),
        ("response_url", str, False),
    ],
    "message_action": [
        *_INTERACTIVE,
        ("callback_id", str, True),
        ("message", dict, False),
        ("message.text", str, False),
        ("response_url", str, False),
    ],
    "shortcut": [*_INTERACTIVE, ("callback_id", str, True)],
}
# Events the listeners answer need a place to answer in.
_EVENTS: dict[str, list[Field]] = {
    kind: [
        ("event.channel", str, True),
        ("event.text", str, False),
        ("event.user", str, False),
        ("event.thread_ts", str, False),
        ("event.ts", str, False),
    ]
    for kind in ("message", "app_mention")
}


def payload_kind(body: Payload) -> str:
    """``command`` for a slash command, else the payload's ``type`` (or ``""``)."""
    if "command" in body and "type" not in body:
        return "command"
    kind = body.get("type")
    return kind if isinstance(kind, str) else ""


def payload_problem(body: Payload) -> str | None:
    """Why a signed, parsed payload cannot be handled (None when it can)."""
    kind = payload_kind(body)
    if not kind:
        return "payload has no type"
    fields = _SHAPES.get(kind, [])
    if kind == "event_callback" and isinstance(body.get("event"), dict):
        fields = fields + _EVENTS.get(str(body["event"].get("type")), [])
    return shape_problem(body, fields, kind)
