"""Whether a failed post may have gone out anyway, for the reminder senders of every platform.

A request that never reached the platform (the connection could not be opened) or that the
platform refused (an error answer) did not post. One that went out and then lost its
connection or timed out before the answer came may have: it is reported as
:class:`~bot.features.reminders.service.PostMayHaveGone`, so that it is not posted twice.
"""

from __future__ import annotations

import asyncio

import aiohttp

from bot.features.reminders.service import PostMayHaveGone


def raise_if_outcome_unknown(exc: BaseException) -> None:
    """Raise :class:`PostMayHaveGone` (from ``exc``) when ``exc``, or what it wraps (the Bot
    Framework client wraps transport errors in its own), leaves a post's outcome unknown."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, aiohttp.ClientConnectorError):  # never connected: nothing went out
            return
        if isinstance(cause, asyncio.TimeoutError | aiohttp.ClientConnectionError | aiohttp.ClientPayloadError):
            raise PostMayHaveGone(type(cause).__name__) from exc
        cause = cause.__cause__ or cause.__context__
