"""Many /checkpost commands at once: every one acknowledged, every result posted exactly once.

The speed of it (acknowledgement p50/p99) is measured by ``make bench``; here only the
counts are asserted.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from urllib.parse import parse_qsl, urlencode

from .conftest import Slack
from .support import command_body

COMMANDS = 60
CONCURRENCY = 20
DRAFTS = [
    "Our Q3 numbers look great, can't wait to share them!",
    "Internal only: Project Bluefin ships in May. Mail jane.doe@example.com",
    "正直うちの新製品は微妙だと思う。社外秘の資料も見せたい。",
    "Loving the new office coffee machine",
]


def command(slack: Slack, i: int) -> str:
    fields = dict(parse_qsl(command_body("/checkpost", DRAFTS[i % len(DRAFTS)], slack.mock, user=f"U{i % 7}")))
    return urlencode(fields | {"response_url": f"{slack.mock.url}/response/{i}"})


async def test_every_checkpost_is_acknowledged_and_answered_exactly_once(slack: Slack) -> None:
    gate = asyncio.Semaphore(CONCURRENCY)

    async def send(i: int) -> tuple[int, str]:
        async with gate:
            response = await slack.form(command(slack, i))
            return response.status, await response.text()

    acks = await asyncio.gather(*(send(i) for i in range(COMMANDS)))
    assert acks == [(200, "")] * COMMANDS  # the bare acknowledgement; results follow by response_url
    results = await slack.mock.wait_for("response_url", COMMANDS)
    await slack.event(
        '{"type": "url_verification", "challenge": "after", "token": "t"}'
    )  # a late duplicate lands first
    per_command = Counter(call.target for call in slack.mock.answered("response_url"))
    assert per_command == Counter({str(i): 1 for i in range(COMMANDS)})
    assert {r.body["response_type"] for r in results} == {"ephemeral"}
    assert not slack.mock.named("chat.postMessage") and not slack.mock.named("chat.postEphemeral")
