"""Chat shorthand spelt out: "is 'opinions r mine' in my bio enough" reads as "... are mine ...".

The shorthand and its words are data (``bot/data/shorthand.yaml``). A question is read
with its shorthand spelt out by every part of the search (words, question forms, the
sentence model, the situation inside a clause); a draft never is. Errors
(:class:`~bot.data.datafile.DataFileError`): a shorthand listed twice, one that is not
tokens split by single spaces, an empty expansion.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.data.datafile import DATA_DIR, read_yaml

SHORTHAND_FILE = DATA_DIR / "shorthand.yaml"

# A shorthand is a token of letters, digits and "/" or "'" ("w/o", "b4", "LI"), or such tokens
# split by spaces (a name voice input writes in two words: "you tube", "insta gram").
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9/']*(?: [A-Za-z0-9][A-Za-z0-9/']*)*")
# Where a token of the question may start and end: not inside a word, an address or a path.
_BEFORE = r"(?<![\w/@.'-])"
_AFTER = r"(?![\w/@-]|'(?!s\b)|\.\w)"
# A single letter ("r", "w") is shorthand only between two English words.
_LETTER_BEFORE = r"(?<=[A-Za-z,] )"
_LETTER_AFTER = r"(?= [A-Za-z])"


@dataclass(frozen=True, slots=True)
class Shorthand:
    """The shorthand of a file: matched in any case (``words``) or only as written (``exact``)."""

    words: Mapping[str, str]
    exact: Mapping[str, str]
    pattern: re.Pattern[str]

    def spell_out(self, question: str) -> str:
        """``question`` with its shorthand replaced by the words it stands for."""
        return self.pattern.sub(self._words, question)

    def _words(self, m: re.Match[str]) -> str:
        token = " ".join(m.group().split())
        return self.exact.get(token) or self.words.get(token.lower(), m.group())


@cache
def shorthand() -> Shorthand:
    """The bundled shorthand (read and checked once)."""
    return load_shorthand(SHORTHAND_FILE)


def spell_out(question: str) -> str:
    """``question`` with the bundled shorthand spelt out."""
    return shorthand().spell_out(question)


def load_shorthand(path: Path) -> Shorthand:
    """Read and check a shorthand file."""
    doc = read_yaml(path)
    sections: dict[str, dict[str, str]] = {"words": {}, "exact": {}}
    for section, key_node, entries in doc.mapping(doc.root, ""):
        if section not in sections:
            doc.fail(key_node, section, "unknown section (known: words, exact)")
        for token, token_node, value in doc.mapping(entries, section):
            field = f"{section}.{token}"
            if not _TOKEN.fullmatch(token):
                doc.fail(
                    token_node, field, "a shorthand is tokens of letters, digits, '/' or \"'\" split by single spaces"
                )
            key = token if section == "exact" else token.lower()
            if key in sections["words"] or key in sections["exact"]:
                doc.fail(token_node, field, "listed twice")
            sections[section][key] = doc.text(value, field)
    tokens = sorted({*sections["words"], *sections["exact"]}, key=lambda t: (-len(t), t))
    longer = [re.escape(t).replace(r"\ ", r"\s+") for t in tokens if len(t) > 1]
    letters = [re.escape(t) for t in tokens if len(t) == 1]
    alternatives = []
    if longer:
        alternatives.append(f"{_BEFORE}(?i:{'|'.join(longer)}){_AFTER}")
    if letters:
        alternatives.append(f"{_LETTER_BEFORE}(?i:{'|'.join(letters)}){_LETTER_AFTER}")
    pattern = re.compile("|".join(alternatives) or r"(?!)")
    return Shorthand(sections["words"], sections["exact"], pattern)
