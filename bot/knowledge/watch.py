"""Live edits: ``serve`` and ``chat`` reload the knowledge base when its files change.

A background task polls the files' modification times (no extra dependency).
A changed base goes through ``kb lint``; one with errors is refused, each error
logged with file and line, and the last good base stays in service.

The watcher knows only a :class:`KnowledgeTarget` (the conversation engine is one),
so knowledge bases stay below the conversation that serves them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Protocol

from bot.domain.policy import KnowledgeBase
from bot.knowledge.lint import lint
from bot.knowledge.yaml_files import kb_files
from bot.runtime.background import Loop, running

log = logging.getLogger(__name__)

POLL_SECONDS = 2.0
Fingerprint = tuple[tuple[str, int, int, int], ...]


def fingerprint(path: str | os.PathLike[str]) -> Fingerprint:
    """Name, mtime, size and mode of every knowledge-base file (added and removed files count;
    so does ``chmod``: a file made readable again is read again)."""
    out = []
    p = Path(path)
    files = kb_files(p) if p.exists() else []
    for f in files:
        with contextlib.suppress(OSError):  # removed between listing and stat
            st = f.stat()
            out.append((str(f), st.st_mtime_ns, st.st_size, st.st_mode))
    return tuple(out)


class KnowledgeTarget(Protocol):
    """What serves a knowledge base: the watcher swaps a good edit into it."""

    @property
    def kb(self) -> KnowledgeBase:
        """The base in service (its version is logged when an edit is refused)."""
        ...

    def replace(self, kb: KnowledgeBase) -> None:
        """Put a new, already validated base into service."""
        ...

    def warm(self, stop: threading.Event | None = None) -> object:
        """Prepare what the new base needs before the next question (may stop early on ``stop``)."""
        ...


class KbWatcher:
    """Polls a knowledge-base path and hot-swaps the target's base on a good edit."""

    def __init__(self, path: str | os.PathLike[str], target: KnowledgeTarget, interval: float = POLL_SECONDS) -> None:
        self.path = path
        self.target = target
        self.interval = interval
        self.seen = fingerprint(path)
        self.pending: Fingerprint | None = None  # a change seen once, read when it holds still
        self.reloads = 0  # good edits put into service
        self.refusals = 0  # edits refused by lint
        self.stop = threading.Event()  # set at shutdown: ends warming a reloaded base early

    def poll(self) -> bool | None:
        """Check once: None when nothing changed or a change is still settling, True when
        reloaded, False when refused. A change is read once the files have stayed the same
        for one poll, so a file an editor or a copy writes in steps is not read half-written."""
        now = fingerprint(self.path)
        if now == self.seen:
            self.pending = None
            return None
        if now != self.pending:
            self.pending = now
            return None
        self.seen, self.pending = now, None
        kb, issues = lint(self.path, routing=False)
        if kb is None:
            errors = [i for i in issues if i.level == "error"]
            log.error(
                "knowledge base edit refused (%d error(s)); still serving version %s",
                len(errors),
                self.target.kb.policy.version,
            )
            for issue in errors:
                log.error("kb lint: %s", issue)  # file:line: field: message
            self.refusals += 1  # counted once logged: watchers of the count may read the log
            return False
        self.target.replace(kb)
        self.reloads += 1
        log.info("knowledge base reloaded: version %s, %d clauses", kb.policy.version, len(kb.clauses))
        self.target.warm(self.stop)  # still in the polling thread: the next question finds the vectors ready
        return True

    async def _poll_in_thread(self) -> None:
        await asyncio.to_thread(self.poll)

    def loop(self) -> Loop:
        """Polling every ``interval`` seconds (read at each pass, so tests may shorten it)."""
        return Loop("knowledge base reload", self._poll_in_thread, lambda: self.interval)

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[KbWatcher]:
        """Poll in the background for the duration of a ``with`` block."""
        async with running(self.loop()):
            yield self
