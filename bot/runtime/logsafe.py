"""Logging failures without the text that caused them.

A draft is confidential, and an exception's message may quote it (a parser error,
an API error echoing a payload). Failures are logged with their type and the
traceback frames (file, line, function), never the message.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable


def describe_failure(exc: BaseException) -> str:
    """``TypeName`` and the traceback frames of ``exc``, without its message; a database
    error adds the database's own reason (``OperationalError: attempt to write a readonly
    database``), which holds no bound values (engines are built with ``hide_parameters``)."""
    frames = "".join(traceback.format_tb(exc.__traceback__)).rstrip()
    reason = database_reason(exc)
    head = f"{type(exc).__name__}: {reason}" if reason else type(exc).__name__
    return f"{head}\n{frames}" if frames else head


def clipped(value: object, limit: int = 60) -> str:
    """``repr(value)``, cut to ``limit`` characters: for an identifier a request carries (an
    action name, a command id), which a hostile request can make a megabyte long."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def database_reason(exc: BaseException) -> str | None:
    """The first line of the driver's message under a SQLAlchemy database error, else None."""
    orig = getattr(exc, "orig", None)
    if orig is None or not type(exc).__module__.startswith("sqlalchemy"):
        return None
    lines = str(orig).strip().splitlines()
    return lines[0][:200] if lines else None


class RateLimitedLog:
    """At most ``burst`` lines every ``period`` seconds; lines over the budget are counted, not written.

    For what an outsider can cause at will (refused requests): a flood costs a few
    lines a minute, and the next line written says how many were left out.
    """

    def __init__(
        self,
        logger: logging.Logger,
        burst: int = 20,
        period: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.logger = logger
        self.burst = burst
        self.period = period
        self._clock = clock
        self._window = -period
        self._written = 0
        self.dropped = 0

    def allow(self) -> bool:
        """True when one more line fits in this period's budget (counted as written); else counted as left out."""
        now = self._clock()
        if now - self._window >= self.period:
            self._window, self._written = now, 0
        if self._written >= self.burst:
            self.dropped += 1
            return False
        self._written += 1
        return True

    def warning(self, message: str, *args: object) -> bool:
        """Log ``message % args`` at WARNING if the budget allows; True when written."""
        if not self.allow():
            return False
        if self.dropped:
            message, args = message + " (%d similar lines left out)", (*args, self.dropped)
            self.dropped = 0
        self.logger.warning(message, *args)
        return True


class RejectionLog:
    """One short line per request refused (4xx/5xx) or payload ignored (2xx), rate-limited per endpoint."""

    def __init__(self, platform: str, burst: int = 20, period: float = 60.0) -> None:
        self.platform = platform
        self.lines = RateLimitedLog(logging.getLogger("guidebot.rejected"), burst, period)

    def __call__(self, status: int, reason: str) -> None:
        """Log it; ``reason`` names fields and types, never user text."""
        verdict = "refused" if status >= 400 else "ignored"
        self.lines.warning("%s request %s (%d): %s", self.platform, verdict, status, reason[:120])
