"""Logging failures without the text that caused them.

A draft is confidential, and an exception's message may quote it (a parser error,
an API error echoing a payload). Failures are logged with their type and the
traceback frames (file, line, function), never the message.
"""

from __future__ import annotations

import traceback


def describe_failure(exc: BaseException) -> str:
    """``TypeName`` and the traceback frames of ``exc``, without its message."""
    frames = "".join(traceback.format_tb(exc.__traceback__)).rstrip()
    return f"{type(exc).__name__}\n{frames}" if frames else type(exc).__name__
