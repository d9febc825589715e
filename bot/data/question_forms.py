"""The forms a question takes, read from ``bot/data/question_forms.yaml``.

Form -> language -> regular expressions. Errors (:class:`~bot.data.datafile.DataFileError`):
an unknown form, a pattern that does not compile, an empty list.

Many patterns open with a guard, ``^(?!.*GUARD).*BODY``: BODY, unless the text holds GUARD
("who do I ask for a new badge", unless the text says "post" or "share"). Python scans the
whole text for the guard before it looks for the body, which most texts lack, so such a
pattern is kept as its two parts (:class:`Guarded`): the body is searched first and the
guard only in a text that holds it. Both parts read the whole text, where the single
pattern read its first line only.

A form's patterns in one language are read behind a screen (:class:`Patterns`): one RE2
pattern that finds every text one of them finds, so a text it passes over is not scanned
by each pattern in turn.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from functools import cache, cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Protocol

import re2

from bot.data.datafile import DATA_DIR, line_of, read_yaml
from bot.runtime.compiled import CompiledBefore, Deferred, compile_once, prepare
from bot.runtime.regex_source import group_end, loosened

QUESTION_FORMS_FILE = DATA_DIR / "question_forms.yaml"
FLAGS = re.IGNORECASE


def _engine_name() -> str:
    """Python's own build and the flags, which decide what compiles."""
    version = ".".join(map(str, sys.version_info[:3]))
    return f"python-{sys.implementation.cache_tag}-{version}-{int(FLAGS)}"


_KNOWN = CompiledBefore(_engine_name())
FORMS = ("how_to", "procedure", "failure", "request", "permission", "before", "after", "hidden", "open", "general")


Compiled = re.Pattern[str] | Deferred[re.Pattern[str]]


class Guarded:
    """A pattern ``^(?!.*GUARD).*BODY`` as its two parts: found when ``body`` is and
    ``guard`` is not (the guard is searched only in a text that holds the body)."""

    __slots__ = ("body", "guard")

    def __init__(self, body: Compiled, guard: Compiled) -> None:
        self.body = body
        self.guard = guard

    def search(self, text: str, /) -> bool:
        return self.body.search(text) is not None and self.guard.search(text) is None

    @property
    def parts(self) -> tuple[Compiled, Compiled]:
        return (self.body, self.guard)


Pattern = Compiled | Guarded


class Screen(Protocol):
    """A compiled RE2 pattern, as the screen reads it."""

    def search(self, text: str, /) -> object: ...


class Patterns(tuple[Pattern, ...]):
    """One language's patterns of a form, read behind a screen: one RE2 pattern, the union of
    their sources loosened (:func:`~bot.runtime.regex_source.loosened`), that finds every
    text any of them finds. Most questions take few forms, and a text the screen passes over
    is not read by each pattern: on 6,000 English questions the forms took about 150 µs a
    question without screens and 35 µs with them."""

    _sources: tuple[str, ...]

    def __new__(cls, patterns: Sequence[tuple[Pattern, str]] = ()) -> Patterns:
        self = super().__new__(cls, (pattern for pattern, _ in patterns))
        self._sources = tuple(source for _, source in patterns)
        return self

    def search(self, text: str) -> bool:
        """True when one of the patterns finds something in ``text``."""
        screen = self.screen
        if screen is not None and screen.search(text) is None:
            return False
        return any(p.search(text) for p in self)

    @cached_property
    def screen(self) -> Screen | None:
        """The screen, built on first use; None when a source cannot be loosened into RE2, or
        one loosens into a pattern that finds every text."""
        try:
            loose = [loosened(source) for source in self._sources]
        except ValueError:
            return None
        if not loose or not all(loose):
            return None
        try:
            screen: Screen = re2.compile("(?is)" + "|".join(f"(?:{part})" for part in [*loose, _CASE_APART]))
        except re2.error:
            return None
        return screen


# The letters Python's case-insensitive matching takes for an ASCII letter and RE2's does not
# (dotted İ and dotless ı for i): the screen lets a text holding one through to the patterns.
_CASE_APART = "[\u0130\u0131]"


class FormPatterns(tuple[Pattern, ...]):
    """A form's patterns in every language; ``anywhere`` are read in any text, ``japanese``
    (the ``ja`` ones) only in a text with a Japanese letter: a question in English is not
    scanned for Japanese wording that cannot be in it."""

    anywhere: Patterns
    japanese: Patterns

    def __new__(cls, anywhere: Patterns, japanese: Patterns) -> FormPatterns:
        self = super().__new__(cls, anywhere + japanese)
        self.anywhere = anywhere
        self.japanese = japanese
        return self


@cache
def question_forms() -> Mapping[str, FormPatterns]:
    """The bundled forms: form -> its patterns in every language (read and checked once)."""
    return load_question_forms(QUESTION_FORMS_FILE)


def prepare_question_forms() -> None:
    """Compile now the bundled forms that wait for their first match (a server's warm-up)."""
    for patterns in question_forms().values():
        for group in (patterns.anywhere, patterns.japanese):
            _ = group.screen
        for pattern in patterns:
            for part in parts(pattern):
                prepare(part)


def parts(pattern: Pattern) -> tuple[Compiled, ...]:
    """What ``pattern`` is compiled as: itself, or a guarded pattern's body and guard."""
    return pattern.parts if isinstance(pattern, Guarded) else (pattern,)


def load_question_forms(path: Path) -> Mapping[str, FormPatterns]:
    """Read and check a question-forms file. A pattern this machine has compiled before
    is compiled on its first match (:mod:`bot.runtime.compiled`)."""
    doc = read_yaml(path)
    out: dict[str, FormPatterns] = {}
    compiled: dict[str, Compiled] = {}  # one object for a part many patterns share (a guard)
    for form, key_node, per_lang in doc.mapping(doc.root, ""):
        if form not in FORMS:
            doc.fail(key_node, form, f"unknown form (known: {', '.join(FORMS)})")
        anywhere: list[tuple[Pattern, str]] = []
        japanese: list[tuple[Pattern, str]] = []
        for lang, _, items in doc.mapping(per_lang, form):
            for text, node in doc.texts(items, f"{form}.{lang}"):
                try:
                    (japanese if lang == "ja" else anywhere).append((_pattern(text, compiled), text))
                except re.error as exc:
                    doc.fail(line_of(node), f"{form}.{lang}", f"not a valid pattern: {exc}")
        out[form] = FormPatterns(Patterns(anywhere), Patterns(japanese))
    return MappingProxyType(out)


def _pattern(source: str, compiled: dict[str, Compiled]) -> Pattern:
    """``source`` compiled, as its two parts when it opens with a guard (:class:`Guarded`)."""
    split = guard_and_body(source)
    if split is not None:
        try:
            guard, body = (_compiled(part, compiled) for part in split)
        except re.error:
            pass  # a part that does not stand alone (a group the other part defines)
        else:
            return Guarded(body, guard)
    return _compiled(source, compiled)


def _compiled(source: str, compiled: dict[str, Compiled]) -> Compiled:
    if source not in compiled:
        compiled[source] = compile_once(source, _compile, _KNOWN)
    return compiled[source]


_GUARD_OPENS = "^(?!.*"


def guard_and_body(source: str) -> tuple[str, str] | None:
    """``(GUARD, BODY)`` of a pattern ``^(?!.*GUARD).*BODY``; None for any other pattern."""
    if not source.startswith(_GUARD_OPENS):
        return None
    end = group_end(source, 1)
    if end < 0 or not source.startswith(".*", end):
        return None
    guard, body = source[len(_GUARD_OPENS) : end - 1], source[end + 2 :]
    return (guard, body) if guard and body else None


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, FLAGS)
