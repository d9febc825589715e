"""Answer each Slack event once: the event ids already taken, in the database.

Slack retries an event it believes failed (no 2xx within 3 s). A retry of an event
we already took must not be answered again; a retry of one we never saw (our first
delivery was lost) must be. Hence idempotency on ``event_id`` rather than dropping
every request with ``X-Slack-Retry-Num``. :class:`StoredEvents` keeps the ids in the
``slack_events`` table, so that with several replicas on one database a retry that
reaches another replica is still answered once; :class:`SeenEvents` is the in-memory
set of one process.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from bot.storage.schema import slack_events

TTL = timedelta(hours=1)  # Slack's last retry comes about 5 minutes after the event
PRUNE_EVERY = 500  # taken ids: expired ones are deleted after this many new ones


class EventLedger(Protocol):
    def first_time(self, event_id: str) -> bool:
        """True the first time ``event_id`` is offered, False after."""


class StoredEvents:
    """Event ids taken, in the database, shared by every replica; kept for :data:`TTL`."""

    def __init__(self, engine: Engine, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.engine = engine
        self._clock = clock
        self._lock = threading.Lock()
        self._taken = 0

    def first_time(self, event_id: str) -> bool:
        now = self._clock()
        try:
            with self.engine.begin() as conn:
                conn.execute(slack_events.insert().values(event_id=event_id[:128], taken_at=now))
        except IntegrityError:
            return False  # taken before, here or on another replica
        with self._lock:
            self._taken += 1
            prune = self._taken % PRUNE_EVERY == 0
        if prune:
            self.prune(now)
        return True

    def prune(self, now: datetime) -> int:
        with self.engine.begin() as conn:
            return int(conn.execute(slack_events.delete().where(slack_events.c.taken_at < now - TTL)).rowcount)


class SeenEvents:
    """Remembers event ids for ``ttl`` seconds, at most ``capacity`` of them."""

    def __init__(self, capacity: int = 10_000, ttl: float = 3_600.0, clock: Callable[[], float] = time.monotonic):
        self._seen: OrderedDict[str, float] = OrderedDict()
        self.capacity = capacity
        self.ttl = ttl
        self._clock = clock

    def first_time(self, event_id: str) -> bool:
        """True the first time ``event_id`` is offered (within the TTL), False after."""
        now = self._clock()
        self._expire(now)
        if event_id in self._seen:
            return False
        self._seen[event_id] = now
        while len(self._seen) > self.capacity:
            self._seen.popitem(last=False)
        return True

    def _expire(self, now: float) -> None:
        # Insertion order is time order, so expired ids are at the front.
        while self._seen:
            oldest, at = next(iter(self._seen.items()))
            if now - at < self.ttl:
                break
            del self._seen[oldest]

    def __len__(self) -> int:
        return len(self._seen)
