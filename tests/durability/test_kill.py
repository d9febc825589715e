"""Every click answered 200 is in the database, even when the server is killed (SIGKILL)
while clicks pour in: "I have read this" acknowledgements, "was this helpful?" answers and
quiz answers."""

from __future__ import annotations

import asyncio
import contextlib
import json
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
from sqlalchemy import select

from bot.features.owner.quiz import QuizState
from bot.features.owner.replies import QuizQuestion
from bot.features.owner.store import QuizRepo, UsageRepo
from bot.features.owner.usage import user_hash
from bot.features.reminders.store import ReminderRepo
from bot.storage import Storage
from bot.storage.schema import acks, quiz_scores, usage_events
from tests.serving import Served, serve_env, start_serve
from tests.slack.support import MockSlack, start_mock

CLICKS = 400
CONCURRENCY = 25
KILL_AFTER = 120  # answered clicks before the kill: the kill lands in the middle of the load
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


QUESTION = QuizQuestion("verdict:AC-SCOPE", "?", ("Allowed", "Conditional", "Prohibited"), 1, "AC-SCOPE")


def quizzes_for(url: str, users: list[str]) -> None:
    """A quiz in progress for each of ``users``."""
    storage = Storage.open(url)
    repo = QuizRepo(storage.engine)
    for user in users:
        repo.begin_quiz("slack", user, QuizState("en", (QUESTION, QUESTION, QUESTION)))
    storage.close()


def a_reminder(url: str) -> str:
    """A reminder with one delivery; returns its "I have read this" button value."""
    storage = Storage.open(url)
    repo = ReminderRepo(storage.engine)
    reminder = repo.create(
        platform="slack", team_id="T1", channel_id="C9", schedule="every monday 09:00", cron="0 9 * * 1",
        timezone="UTC", clause_ids=["AC-SCOPE"], lang=None, created_by="UMGR", now=NOW, next_run_at=NOW,
    )  # fmt: skip
    delivery = repo.claim_once(repo.get(reminder.id) or reminder, NOW, ["AC-SCOPE"], NOW)
    assert delivery is not None
    storage.close()
    return f"{reminder.id}:{delivery.id}"


def click(mock: MockSlack, user: str, action_id: str, value: str) -> str:
    payload = {
        "type": "block_actions", "team": {"id": "T1"}, "user": {"id": user}, "api_app_id": "A1",
        "channel": {"id": "C9"}, "trigger_id": "1.2", "response_url": f"{mock.url}/response/{user}",
        "container": {"type": "message", "channel_id": "C9", "message_ts": "1.000100"},
        "actions": [{"type": "button", "action_id": action_id, "block_id": "reminder|en", "value": value}],
    }  # fmt: skip
    return urlencode({"payload": json.dumps(payload)})


async def pour(served: Served, bodies: list[tuple[str, str]]) -> set[str]:
    """Send every click, ``CONCURRENCY`` at a time; kill the server after ``KILL_AFTER`` 200s.
    Returns the users whose click was answered 200."""
    answered: set[str] = set()
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    for item in bodies:
        queue.put_nowait(item)

    async def worker(session: aiohttp.ClientSession) -> None:
        while not queue.empty():
            user, body = queue.get_nowait()
            with contextlib.suppress(aiohttp.ClientError, asyncio.TimeoutError):
                status, _ = await served.post(session, body, "application/x-www-form-urlencoded")
                if status == 200:
                    answered.add(user)
                    if len(answered) == KILL_AFTER:
                        served.kill()

    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        await asyncio.gather(*(worker(session) for _ in range(CONCURRENCY)))
    return answered


async def test_every_click_answered_200_survives_a_kill(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'guidebot.db'}"
    value = a_reminder(url)
    quizzes_for(url, [f"Q{i}" for i in range(2, CLICKS, 3)])
    mock, mock_server = await start_mock()
    try:
        served = await start_serve(serve_env(tmp_path, url, mock.url), tmp_path / "serve.log")
        try:
            kinds = [
                ("A", "ack_reminder", value),
                ("H", "helpful_yes", "AC-SCOPE"),
                ("Q", "quiz_answer", QUESTION.value(1)),
            ]
            bodies = [
                (f"{who}{i}", click(mock, f"{who}{i}", action, button))
                for i in range(CLICKS)
                for who, action, button in [kinds[i % 3]]
            ]
            answered = await pour(served, bodies)
        finally:
            served.kill()
            await served.proc.wait()
    finally:
        await mock_server.close()

    assert len(answered) >= KILL_AFTER  # the kill came in the middle of the load...
    assert len(answered) < CLICKS  # ...and some clicks were refused by the dead server
    storage = Storage.open(url)
    try:
        with storage.engine.connect() as conn:
            acked = {r.user_id for r in conn.execute(select(acks.c.user_id))}
            helpful = {r.user_hash for r in conn.execute(select(usage_events.c.user_hash))}
            scored = {r.user_id for r in conn.execute(select(quiz_scores.c.user_id))}
        key = UsageRepo(storage.engine).hash_key()
    finally:
        storage.close()
    lost_acks = {u for u in answered if u.startswith("A") and u not in acked}
    lost_helpful = {u for u in answered if u.startswith("H") and user_hash(key, "slack", u) not in helpful}
    lost_answers = {u for u in answered if u.startswith("Q") and u not in scored}
    errors = "\n".join(line for line in served.output().splitlines() if "ERROR" in line or "Error" in line)
    lost = sorted(lost_acks | lost_helpful | lost_answers)
    assert not lost, f"{len(lost)} click(s) answered 200 but not stored: {lost}\n{errors}"
