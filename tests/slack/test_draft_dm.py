"""A draft pasted into a DM without /checkpost is checked as a draft, says so, and leaves no keywords."""

from __future__ import annotations

from sqlalchemy import select

from bot.data.messages import msg
from bot.storage.schema import usage_events

from .conftest import Slack
from .support import blocks_text, dm_event, event_body

DRAFT = "Big news: our team ships the new app in May. Reach me at kestrel.owner@acme-corp.co.jp for a demo."


def _kinds(slack: Slack) -> list[str]:
    with slack.app.storage.engine.connect() as conn:
        return sorted(r.kind for r in conn.execute(select(usage_events.c.kind)))


async def test_a_pasted_draft_is_checked_as_one(slack: Slack) -> None:
    before = _kinds(slack)
    await slack.event(event_body(dm_event(DRAFT), "EvPasted"))
    (post,) = await slack.mock.wait_for("chat.postMessage")
    assert post.body["channel"] == "D1"
    text = blocks_text(post.body)
    assert msg("check.as_draft", "en") in text
    assert "kestrel.owner@acme-corp.co.jp" not in text  # the finding masks it
    assert sorted([*before, "check"]) == _kinds(slack)  # a check, no question: no keywords kept
