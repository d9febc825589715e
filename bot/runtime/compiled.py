"""Patterns compiled on first use when this machine has compiled the same source before.

Compiling the knowledge base's checks (RE2) and the question forms (:mod:`re`) is the
largest part of start-up after the imports, and a ``guidebot ask`` uses few of them. A
pattern must still compile when it is loaded, since that is how a malformed one is
reported with its file and line. So the first load compiles every pattern and keeps a
digest of each source that compiled, per engine, in the cache directory
(:func:`cache_dir`, file ``compiled-<engine>.txt``); a later process that loads a source
with a known digest defers its compile to the first match. A source is known only after
it compiled with the very same engine (the RE2 library file and every RE2 option; Python's
build and the flags), so a deferred compile cannot fail. Nothing but digests of pattern
sources is written there.

The draft checks' own patterns, written in their modules (:class:`LazyRe`), are compiled on
first use too: an ``ask`` imports the detectors with the knowledge base's rules but never
runs them.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sys
import threading
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from bot.runtime.cachedir import cache_dir

log = logging.getLogger(__name__)


class Pattern(Protocol):
    """What the callers match with: a :class:`re.Pattern` or an RE2 pattern."""

    def search(self, text: str, /) -> Any: ...

    def finditer(self, text: str, /) -> Iterator[Any]: ...


P = TypeVar("P", bound=Pattern)

# A file of more digests than this is started afresh (a base edited for years leaves old ones).
MAX_KNOWN = 20_000
_DIGEST = re.compile(r"[0-9a-f]{32}")


class Deferred(Generic[P]):
    """A pattern whose source is known to compile, compiled on its first match (by any
    thread: two threads at once may both compile it, to the same result)."""

    __slots__ = ("_compile", "_compiled", "_source")

    def __init__(self, source: str, compile_: Callable[[str], P]) -> None:
        self._source = source
        self._compile = compile_
        self._compiled: P | None = None

    @property
    def waiting(self) -> bool:
        """True until the first match (or :func:`prepare`) compiles it."""
        return self._compiled is None

    @property
    def compiled(self) -> P:
        rx = self._compiled
        if rx is None:
            rx = self._compiled = self._compile(self._source)
        return rx

    def search(self, text: str, /) -> Any:
        return self.compiled.search(text)

    def finditer(self, text: str, /) -> Iterator[Any]:
        return self.compiled.finditer(text)


class CompiledBefore:
    """The digests of the sources one engine has compiled on this machine (read on first use).

    ``engine`` names the engine and everything that decides what compiles (its build, its
    options); its first part, up to the first ``-``, is the engine's family, and a new file of
    a family removes the family's files of other builds. None: memory only."""

    def __init__(self, engine: str | None) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._known: set[str] | None = None
        self._path: Path | None = None

    def _load(self) -> set[str]:
        with self._lock:
            if self._known is None:
                self._known = set()
                self._path = self._record()
                if self._path is not None:
                    self._read(self._path)
            return self._known

    def _record(self) -> Path | None:
        if self._engine is None:
            return None
        try:
            base = cache_dir()
        except (RuntimeError, OSError, ValueError, KeyError):  # no home directory to expand
            return None
        return None if base is None else base / f"compiled-{self._engine}.txt"

    def _read(self, path: Path) -> None:
        known = self._known
        assert known is not None
        try:
            lines = path.read_text(encoding="ascii").split()
        except FileNotFoundError:
            self._forget_other_builds(path)
            return
        except (OSError, UnicodeDecodeError):
            lines = [""]  # unreadable: started afresh below
        unique = set(lines)
        if len(unique) > MAX_KNOWN or not all(_DIGEST.fullmatch(line) for line in unique):
            self._write("", "w")  # overgrown or damaged: start afresh
        else:
            known.update(unique)
            if len(lines) > 2 * len(unique):  # processes that started together each wrote them all
                self._write("".join(f"{d}\n" for d in sorted(unique)), "w")

    def _forget_other_builds(self, path: Path) -> None:
        """Remove the records of this engine's other builds (an upgraded library, a new Python)."""
        family = path.name.split("-")[1]
        try:
            for other in path.parent.glob(f"compiled-{family}-*.txt"):
                if other != path:
                    other.unlink(missing_ok=True)
        except OSError:
            pass

    def _write(self, text: str, mode: str) -> None:
        if self._path is None:
            return
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            with self._path.open(mode, encoding="ascii") as f:
                f.write(text)
        except OSError as exc:  # a read-only cache costs start-up time only
            log.debug("compiled-pattern cache not written (%s)", type(exc).__name__)
            self._path = None

    def __contains__(self, digest: str) -> bool:
        return digest in self._load()

    def add(self, digest: str) -> None:
        known = self._load()
        if digest not in known:
            known.add(digest)
            with self._lock:
                self._write(digest + "\n", "a")


class LazyRe(Deferred[re.Pattern[str]]):
    """One of a module's own regular expressions (:mod:`re`), compiled on first use, so
    that importing a module of many patterns costs nothing until one is used (``guidebot
    ask`` imports the draft checks' detectors without running them). Its source is part of
    the code, so it cannot fail to compile (the tests use every one). A server's warm-up
    compiles them all (:func:`prepare_lazy`). It answers what the modules ask of a
    :class:`re.Pattern`, positions included."""

    __slots__ = ()

    def __init__(self, source: str, flags: int | re.RegexFlag = 0) -> None:
        super().__init__(source, partial(re.compile, flags=flags))
        _LAZY.append(self)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text, pos, endpos)

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled.findall(text, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        return self.compiled.sub(repl, text, count)

    def split(self, text: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled.split(text, maxsplit)


_LAZY: list[LazyRe] = []


def prepare_lazy() -> None:
    """Compile every :class:`LazyRe` of the modules imported so far (a server's warm-up)."""
    for pattern in list(_LAZY):
        prepare(pattern)


def prepare(pattern: object) -> None:
    """Compile ``pattern`` now if it is a :class:`Deferred` (anything else is left as it is)."""
    if isinstance(pattern, Deferred):
        _ = pattern.compiled


def digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def compile_once(source: str, compile_: Callable[[str], P], known: CompiledBefore) -> P | Deferred[P]:
    """``compile_(source)`` now, and remembered in ``known``; or, when ``known`` holds the
    source already, a :class:`Deferred` that compiles it on first match. Raises what
    ``compile_`` raises for a source that does not compile (such a source is never known)."""
    key = digest(source)
    if key in known:
        return Deferred(source, compile_)
    compiled = compile_(source)
    known.add(key)
    return compiled
