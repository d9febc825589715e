"""The forms a question takes, read from ``bot/data/question_forms.yaml``.

Form -> language -> regular expressions. Errors (:class:`~bot.data.datafile.DataFileError`):
an unknown form, a pattern that does not compile, an empty list.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

from bot.data.datafile import DATA_DIR, line_of, read_yaml
from bot.runtime.compiled import CompiledBefore, Deferred, compile_once, prepare

QUESTION_FORMS_FILE = DATA_DIR / "question_forms.yaml"
FLAGS = re.IGNORECASE


def _engine_name() -> str:
    """Python's own build and the flags, which decide what compiles."""
    version = ".".join(map(str, sys.version_info[:3]))
    return f"python-{sys.implementation.cache_tag}-{version}-{int(FLAGS)}"


_KNOWN = CompiledBefore(_engine_name())
FORMS = ("how_to", "procedure", "failure", "request", "permission", "before", "after", "hidden", "open", "general")


Pattern = re.Pattern[str] | Deferred[re.Pattern[str]]


class FormPatterns(tuple[Pattern, ...]):
    """A form's patterns in every language; ``anywhere`` are read in any text, ``japanese``
    (the ``ja`` ones) only in a text with a Japanese letter: a question in English is not
    scanned for Japanese wording that cannot be in it."""

    anywhere: tuple[Pattern, ...]
    japanese: tuple[Pattern, ...]

    def __new__(cls, anywhere: tuple[Pattern, ...], japanese: tuple[Pattern, ...]) -> FormPatterns:
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
        for pattern in patterns:
            prepare(pattern)


def load_question_forms(path: Path) -> Mapping[str, FormPatterns]:
    """Read and check a question-forms file. A pattern this machine has compiled before
    is compiled on its first match (:mod:`bot.runtime.compiled`)."""
    doc = read_yaml(path)
    out: dict[str, FormPatterns] = {}
    for form, key_node, per_lang in doc.mapping(doc.root, ""):
        if form not in FORMS:
            doc.fail(key_node, form, f"unknown form (known: {', '.join(FORMS)})")
        anywhere: list[Pattern] = []
        japanese: list[Pattern] = []
        for lang, _, items in doc.mapping(per_lang, form):
            for text, node in doc.texts(items, f"{form}.{lang}"):
                try:
                    (japanese if lang == "ja" else anywhere).append(compile_once(text, _compile, _KNOWN))
                except re.error as exc:
                    doc.fail(line_of(node), f"{form}.{lang}", f"not a valid pattern: {exc}")
        out[form] = FormPatterns(tuple(anywhere), tuple(japanese))
    return MappingProxyType(out)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, FLAGS)
