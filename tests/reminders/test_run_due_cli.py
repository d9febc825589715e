"""``guidebot reminders run-due --now T`` as separate processes: one pass each, one post per due time,
also with four processes started at the same moment on one PostgreSQL database."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from storage.databases import EVAL_KB, PG_ADMIN, fresh_postgres, needs_postgres

from bot.features.reminders.store import ReminderRepo
from bot.storage import Storage

from .fake_slack import FakeSlack, start_fake_slack

DUE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
WAIT = 120.0  # a guard against hangs, not a timing assertion


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    fake, server = await start_fake_slack()
    yield fake
    await server.close()


def schedule(url: str) -> None:
    storage = Storage.open(url)
    ReminderRepo(storage.engine).create(
        platform="slack", team_id="T1", channel_id="C9", schedule="every monday 09:00", cron="0 9 * * 1",
        timezone="UTC", clause_ids=["AC-SCOPE"], lang=None, created_by="UMGR", now=DUE, next_run_at=DUE,
    )  # fmt: skip
    storage.close()


async def run_due(fake: FakeSlack, url: str, now: str, processes: int = 1) -> list[tuple[int, str]]:
    env = {
        **os.environ, "DATABASE_URL": url, "GUIDEBOT_KB": str(EVAL_KB), "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_URL": f"{fake.url}/api/", "SLACK_SIGNING_SECRET": "s",
    }  # fmt: skip
    cli = Path(sys.executable).with_name("guidebot")
    procs = [
        await asyncio.create_subprocess_exec(
            str(cli),
            "reminders",
            "run-due",
            "--now",
            now,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for _ in range(processes)
    ]
    results = []
    for proc in procs:
        out, err = await asyncio.wait_for(proc.communicate(), WAIT)
        assert proc.returncode == 0, err.decode()
        results.append((proc.returncode, out.decode()))
    return results


async def test_run_due_posts_once_across_runs(fake: FakeSlack, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'guidebot.db'}"
    schedule(url)
    [(_, out)] = await run_due(fake, url, "2026-03-02T08:59:00Z")
    assert out.startswith("sent 0,") and fake.named("chat.postMessage") == []
    [(_, out)] = await run_due(fake, url, "2026-03-02T09:00:30Z")
    assert out.startswith("sent 1,")
    [(_, out)] = await run_due(fake, url, "2026-03-02T09:01:00Z")
    assert out.startswith("sent 0,")
    [posted] = fake.named("chat.postMessage")
    assert posted["channel"] == "C9" and "AC-SCOPE" in posted["text"]


async def test_bad_now_is_a_usage_error(tmp_path: Path) -> None:
    cli = Path(sys.executable).with_name("guidebot")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'g.db'}", "GUIDEBOT_KB": str(EVAL_KB)}
    proc = await asyncio.create_subprocess_exec(
        str(cli), "reminders", "run-due", "--now", "next tuesday", env=env, stderr=asyncio.subprocess.PIPE
    )
    _, err = await asyncio.wait_for(proc.communicate(), WAIT)
    assert proc.returncode == 2 and b"ISO-8601" in err and b"Traceback" not in err


@pytest.mark.postgres
@needs_postgres
async def test_four_processes_at_once_post_exactly_once(fake: FakeSlack) -> None:
    assert PG_ADMIN
    with fresh_postgres() as url:
        schedule(url)
        results = await run_due(fake, url, "2026-03-02T09:00:10Z", processes=4)
        sent = sorted(out.split(",")[0] for _, out in results)
        assert sent == ["sent 0", "sent 0", "sent 0", "sent 1"]
        assert len(fake.named("chat.postMessage")) == 1
        storage = Storage.open(url)
        assert [(s.deliveries, s.missed) for s in ReminderRepo(storage.engine).stats()] == [(1, 0)]
        storage.close()
