"""Background loops that stop between passes, never in the middle of one.

A pass (due reminders, retention pruning, a knowledge-base poll) does its work in a
worker thread, often holding a database connection. Cancelling the task that awaits
it would leave the thread running while the storage closes under it, so these loops
wait for a stop signal between passes instead, and stopping awaits the pass in flight.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

from bot.runtime.logsafe import describe_failure

log = logging.getLogger(__name__)


class Loop:
    """Run ``work`` now and then again after ``delay()`` seconds, until stopped."""

    def __init__(self, name: str, work: Callable[[], Awaitable[object]], delay: Callable[[], float]) -> None:
        self.name = name
        self.work = work
        self.delay = delay
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=self.name)

    async def _run(self) -> None:
        while not self._stop.is_set():
            try:
                await self.work()
            except Exception as exc:  # one failing pass must not end the loop; the next one retries
                log.error("%s failed: %s", self.name, describe_failure(exc))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), max(0.0, self.delay()))

    async def stop(self) -> None:
        """Ask the loop to end and wait for the pass in flight, if any, to finish."""
        self._stop.set()
        if self._task is not None:
            await self._task
            self._task = None


@contextlib.asynccontextmanager
async def running(*loops: Loop) -> AsyncIterator[None]:
    """Run ``loops`` for the duration of a ``with`` block."""
    for loop in loops:
        loop.start()
    try:
        yield
    finally:
        for loop in loops:
            await loop.stop()
