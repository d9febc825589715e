"""The storage layer: migrations, UTC times, conversation references, atomic claims."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text

from bot.features.reminders.store import NewDelivery, ReminderRepo
from bot.storage import MIGRATIONS, Storage, engine_url


def head_revision() -> str | None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def make_reminder(storage: Storage, next_run: datetime = T0):
    return ReminderRepo(storage.engine).create(
        platform="slack", team_id="T1", channel_id="C1", schedule="every day 09:00", cron="0 9 * * *",
        timezone="UTC", clause_ids=[], lang=None, created_by="UMGR", now=T0 - timedelta(days=1), next_run_at=next_run,
    )  # fmt: skip


def test_engine_url_uses_psycopg3() -> None:
    assert engine_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert engine_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert engine_url("sqlite:///guidebot.db") == "sqlite:///guidebot.db"


def test_open_migrates_to_head_and_is_idempotent(db_url: str) -> None:
    first = Storage.open(db_url)
    tables = set(inspect(first.engine).get_table_names())
    assert {"reminders", "deliveries", "acks", "conversation_refs", "usage_events", "quiz_scores"} <= tables
    first.close()
    second = Storage.open(db_url)  # a restart: nothing to do, nothing lost
    with second.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    second.close()


def test_times_come_back_as_aware_utc(db_url: str) -> None:
    storage = Storage.open(db_url)
    tokyo = datetime(2026, 3, 2, 18, 0, tzinfo=timezone(timedelta(hours=9)))
    reminder = make_reminder(storage, tokyo)
    assert reminder.next_run_at == T0
    assert reminder.next_run_at is not None and reminder.next_run_at.tzinfo is not None
    assert [r.id for r in ReminderRepo(storage.engine).due(T0, ["slack"])] == [reminder.id]
    assert ReminderRepo(storage.engine).due(T0 - timedelta(seconds=1), ["slack"]) == []
    storage.close()


def test_a_due_time_is_claimed_once(db_url: str) -> None:
    storage = Storage.open(db_url)
    reminder = make_reminder(storage)
    nxt = T0 + timedelta(days=1)
    claim = [NewDelivery(T0, "claimed", ("AC-SCOPE",))]
    first = ReminderRepo(storage.engine).advance(reminder, nxt, claim, 1, T0)
    # A second process that read the same row before the first one committed:
    second = ReminderRepo(storage.engine).advance(reminder, nxt, claim, 1, T0)
    assert first is not None and [d.status for d in first] == ["claimed"]
    assert first[0].clause_ids == ("AC-SCOPE",)
    assert second is None
    with storage.engine.connect() as conn:
        assert conn.execute(select(storage.tables.deliveries.c.id)).all() == [(first[0].id,)]
    storage.close()


def test_one_acknowledgement_per_person(db_url: str) -> None:
    storage = Storage.open(db_url)
    reminder = make_reminder(storage)
    assert ReminderRepo(storage.engine).ack(reminder.id, None, "slack", "U1", T0) is True
    assert ReminderRepo(storage.engine).ack(reminder.id, None, "slack", "U1", T0) is False
    assert ReminderRepo(storage.engine).ack(reminder.id, None, "teams", "U1", T0) is True
    assert [s.acks for s in ReminderRepo(storage.engine).stats()] == [2]
    storage.close()


async def test_conversation_store_protocol(db_url: str) -> None:
    storage = Storage.open(db_url)
    store = storage.conversations
    assert await store.get("19:abc@thread") is None
    await store.save("19:abc@thread", {"serviceUrl": "http://x", "conversation": {"id": "19:abc"}}, {"kind": "channel"})
    await store.save("19:abc@thread", {"serviceUrl": "http://y", "conversation": {"id": "19:abc"}}, {"kind": "channel"})
    assert (await store.get("19:abc@thread")) == {"serviceUrl": "http://y", "conversation": {"id": "19:abc"}}
    assert [(k, meta) for k, _, meta in await store.all()] == [("19:abc@thread", {"kind": "channel"})]
    storage.close()


def test_cancel_stays_within_the_workspace_that_made_the_reminder(db_url: str) -> None:
    storage = Storage.open(db_url)
    reminder = make_reminder(storage)  # made in workspace T1
    assert ReminderRepo(storage.engine).cancel(reminder.id, "slack", "T2") is None  # another workspace's admin
    assert ReminderRepo(storage.engine).cancel(reminder.id, "teams", "T1") is None  # another platform
    cancelled = ReminderRepo(storage.engine).cancel(reminder.id, "slack", "T1")
    assert cancelled is not None and not cancelled.active
    storage.close()
