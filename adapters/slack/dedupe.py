"""Answer each Slack event once: a small, bounded, in-memory TTL set of event ids.

Slack retries an event it believes failed (no 2xx within 3 s). A retry of an event
we already took must not be answered again; a retry of one we never saw (our first
delivery was lost) must be. Hence idempotency on ``event_id`` rather than dropping
every request with ``X-Slack-Retry-Num``. Memory is per process: with several
replicas a retry may land on another one, which Slack's own retry routing makes rare.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable


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
