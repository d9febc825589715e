"""The SDK-free parts of the Teams adapter: message text, conversation keys, store and sender."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.teams.cards import OutMessage
from adapters.teams.sender import TeamsSender, UnknownConversation
from adapters.teams.store import InMemoryConversationStore
from adapters.teams.turns import conversation_key, html_to_text, message_text
from bot.domain.replies import NoticeReply


def test_message_payload_html_becomes_plain_text() -> None:
    payload = {
        "body": {
            "contentType": "html",
            "content": "<div><p>Tom &amp; Jerry&#39;s <b>launch</b></p><p>line&nbsp;two<br>three</p>"
            "<ul><li>one</li></ul><at>Ann</at></div>",
        }
    }
    assert message_text(payload) == "Tom & Jerry's launch\nline two\nthree\n\n• one\nAnn"


def test_text_payload_and_missing_payload() -> None:
    assert message_text({"body": {"contentType": "text", "content": " a <b> "}}) == "a <b>"
    assert message_text(None) == "" and message_text({"body": None}) == ""
    assert html_to_text("&lt;script&gt;") == "<script>"


def test_conversation_key_drops_the_thread() -> None:
    assert conversation_key("19:abc@thread.tacv2;messageid=17") == "19:abc@thread.tacv2"
    assert conversation_key("a:1on1") == "a:1on1"


class RecordingTransport:
    def __init__(self) -> None:
        self.sent: list[tuple[dict[str, Any], OutMessage]] = []

    async def send(self, reference: dict[str, Any], message: OutMessage) -> str:
        self.sent.append((reference, message))
        return "activity-1"

    async def update(self, reference: dict[str, Any], activity_id: str, message: OutMessage) -> None:
        raise RuntimeError("the connector is down")


async def test_sender_posts_through_the_stored_reference_and_updates_best_effort() -> None:
    store = InMemoryConversationStore()
    await store.save("19:c@thread.tacv2", {"conversation": {"id": "19:c@thread.tacv2"}}, {"team_id": "t"})
    transport = RecordingTransport()
    sender = TeamsSender(transport, store)
    assert await sender.post("19:c@thread.tacv2;messageid=5", NoticeReply("en", "hi")) == "activity-1"
    assert transport.sent == [({"conversation": {"id": "19:c@thread.tacv2"}}, OutMessage("hi"))]
    await sender.update("19:c@thread.tacv2", "activity-1", NoticeReply("en", "edited"))  # logged, not raised
    with pytest.raises(UnknownConversation):
        await sender.post("19:unknown@thread.tacv2", NoticeReply("en", "hi"))
    assert await store.all() == [("19:c@thread.tacv2", {"conversation": {"id": "19:c@thread.tacv2"}}, {"team_id": "t"})]
