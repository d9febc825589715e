"""Background loops stop between passes: a pass in flight always finishes first."""

from __future__ import annotations

import asyncio
import threading

from bot.runtime.background import Loop, running

SECRET = " ".join(["confidential", "draft", "words"])


async def test_stop_waits_for_the_pass_in_flight_instead_of_cancelling_it():
    started, release, finished = threading.Event(), threading.Event(), threading.Event()

    def slow_pass() -> None:  # a database pass in a worker thread
        started.set()
        release.wait(timeout=30)
        finished.set()

    loop = Loop("test pass", lambda: asyncio.to_thread(slow_pass), lambda: 3600.0)
    loop.start()
    await asyncio.to_thread(started.wait, 30)
    stopping = asyncio.create_task(loop.stop())
    await asyncio.sleep(0)  # stop() is now waiting on the pass ...
    assert not stopping.done() and not finished.is_set()
    release.set()
    await stopping  # ... and returns only once it has finished
    assert finished.is_set()


async def test_a_failing_pass_is_logged_and_the_loop_goes_on(caplog):
    passes: list[int] = []
    two_done = asyncio.Event()

    async def flaky() -> None:
        passes.append(len(passes))
        if len(passes) == 1:
            raise RuntimeError(SECRET)  # frames show source lines, so the text comes from a value
        two_done.set()

    async with running(Loop("flaky pass", flaky, lambda: 0.0)):
        await asyncio.wait_for(two_done.wait(), 30)
    assert len(passes) >= 2
    assert "flaky pass failed: RuntimeError" in caplog.text
    assert SECRET not in caplog.text
