"""The bilingual thesaurus, read from ``bot/data/thesaurus/``.

``concepts.yaml`` declares the concepts (in order) with their core forms; ``chat.yaml``,
``ja_chat.yaml`` and ``subjects.yaml`` add forms to declared concepts, in that order;
``glosses.yaml`` gives each concept one line of English; ``other_words.yaml`` lists Japanese
words that hold a concept's form but mean something else (部署名 holds 署名, a petition's
signature), read as one word that names no concept; ``senses.yaml`` lists English words
that are forms of several concepts in different meanings ("candidate"), each read as the
meaning the text's other words name. Each form file is a mapping of
concept id -> list of forms. Errors (:class:`~bot.data.datafile.DataFileError`): a concept
declared twice, a form file or gloss naming an undeclared concept, a form listed twice
for one concept (across all the form files), a concept without a gloss, a form that is
not text, an other word that holds no Japanese form or is a form itself, a word with senses
that is not one English word or is a form of fewer than two concepts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from bot.data.datafile import DATA_DIR, DataFileError, line_of, read_yaml

THESAURUS_DIR = DATA_DIR / "thesaurus"
FORM_FILES = ("concepts.yaml", "chat.yaml", "ja_chat.yaml", "subjects.yaml")
GLOSS_FILE = "glosses.yaml"
OTHER_WORDS_FILE = "other_words.yaml"
SENSES_FILE = "senses.yaml"
_CONCEPT_ID = re.compile(r"[a-z][a-z0-9_]*")
# Kana or kanji: a form with one is Japanese, found as a substring of the normalised text.
JAPANESE_LETTER = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_ENGLISH_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class Thesaurus:
    """Concept id -> its surface forms (file order), concept id -> its English gloss, the
    Japanese words that name no concept though they hold a form, and the English words
    whose concepts are different meanings."""

    concepts: Mapping[str, tuple[str, ...]]
    glosses: Mapping[str, str]
    other_words: tuple[str, ...] = ()
    senses: tuple[str, ...] = ()


@cache
def thesaurus() -> Thesaurus:
    """The bundled thesaurus (read and checked once)."""
    return load_thesaurus(THESAURUS_DIR)


def load_thesaurus(directory: Path) -> Thesaurus:
    """Read and check the thesaurus files of ``directory``."""
    forms: dict[str, list[str]] = {}
    first_seen: dict[str, dict[str, str]] = {}  # concept -> form -> "file:line" it first appeared at
    declared_at: dict[str, int] = {}
    declaring = FORM_FILES[0]
    for name in FORM_FILES:
        doc = read_yaml(directory / name)
        for concept, key_node, value in doc.mapping(doc.root, ""):
            if name == declaring:
                if not _CONCEPT_ID.fullmatch(concept):
                    doc.fail(key_node, concept, "a concept id is lowercase letters, digits and _")
                forms[concept], first_seen[concept] = [], {}
                declared_at[concept] = line_of(key_node)
            elif concept not in forms:
                doc.fail(key_node, concept, f"unknown concept (concepts are declared in {declaring})")
            for form, node in doc.texts(value, concept):
                if form in first_seen[concept]:
                    doc.fail(node, concept, f"duplicate form {form!r} (first at {first_seen[concept][form]})")
                first_seen[concept][form] = f"{name}:{line_of(node)}"
                forms[concept].append(form)

    glosses: dict[str, str] = {}
    doc = read_yaml(directory / GLOSS_FILE)
    for concept, key_node, value in doc.mapping(doc.root, ""):
        if concept not in forms:
            doc.fail(key_node, concept, f"gloss of an unknown concept (concepts are declared in {declaring})")
        glosses[concept] = doc.text(value, concept)
    for concept, line in declared_at.items():
        if concept not in glosses:
            raise DataFileError(str(directory / declaring), line, concept, f"concept has no gloss in {GLOSS_FILE}")

    all_forms = {form for concept_forms in forms.values() for form in concept_forms}
    japanese = [form for form in all_forms if JAPANESE_LETTER.search(form)]
    other_words: list[str] = []
    doc = read_yaml(directory / OTHER_WORDS_FILE)
    for word, node in doc.texts(doc.root, "other_words"):
        if word in all_forms:
            doc.fail(node, "other_words", f"{word!r} is a concept's form")
        if not any(form in word for form in japanese):
            doc.fail(node, "other_words", f"{word!r} holds no Japanese form of a concept")
        other_words.append(word)

    senses: list[str] = []
    doc = read_yaml(directory / SENSES_FILE)
    for word, node in doc.texts(doc.root, "senses"):
        if not _ENGLISH_WORD.fullmatch(word):
            doc.fail(node, "senses", f"{word!r} is not one English word")
        if sum(word in concept_forms for concept_forms in forms.values()) < 2:
            doc.fail(node, "senses", f"{word!r} is not a form of two concepts")
        senses.append(word)

    return Thesaurus(
        concepts=MappingProxyType({c: tuple(f) for c, f in forms.items()}),
        glosses=MappingProxyType(glosses),
        other_words=tuple(other_words),
        senses=tuple(senses),
    )
