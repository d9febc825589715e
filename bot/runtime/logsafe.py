"""Logging failures without the text that caused them.

A draft is confidential, and an exception's message may quote it (a parser error,
an API error echoing a payload). Failures are logged with their type and the
traceback frames (file, line, function), never the message.
"""

from __future__ import annotations

import traceback


def describe_failure(exc: BaseException) -> str:
    """``TypeName`` and the traceback frames of ``exc``, without its message; a database
    error adds the database's own reason (``OperationalError: attempt to write a readonly
    database``), which holds no bound values (engines are built with ``hide_parameters``)."""
    frames = "".join(traceback.format_tb(exc.__traceback__)).rstrip()
    reason = database_reason(exc)
    head = f"{type(exc).__name__}: {reason}" if reason else type(exc).__name__
    return f"{head}\n{frames}" if frames else head


def database_reason(exc: BaseException) -> str | None:
    """The first line of the driver's message under a SQLAlchemy database error, else None."""
    orig = getattr(exc, "orig", None)
    if orig is None or not type(exc).__module__.startswith("sqlalchemy"):
        return None
    lines = str(orig).strip().splitlines()
    return lines[0][:200] if lines else None
