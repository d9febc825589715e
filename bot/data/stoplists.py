"""Stop words, read from ``bot/data/stopwords/<language>.txt``.

One word a line, lowercase; blank lines and ``#`` comments are skipped. Errors
(:class:`~bot.data.datafile.DataFileError`): a word listed twice, a line holding more
than one word, a word with capitals (text is case-folded before it is compared).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from bot.data.datafile import DATA_DIR, DataFileError, read_lines

STOPWORDS_DIR = DATA_DIR / "stopwords"


@cache
def stop_words(language: str = "en") -> frozenset[str]:
    """The bundled stop words of ``language`` (read and checked once)."""
    return load_stop_words(STOPWORDS_DIR / f"{language}.txt")


def load_stop_words(path: Path) -> frozenset[str]:
    """Read and check a stop-word file."""
    first: dict[str, int] = {}
    for word, line in read_lines(path):
        if len(word.split()) > 1:
            raise DataFileError(str(path), line, "word", f"one word a line, not {word!r}")
        if word != word.lower():
            raise DataFileError(str(path), line, "word", f"{word!r} must be lowercase")
        if word in first:
            raise DataFileError(str(path), line, "word", f"duplicate {word!r} (first at line {first[word]})")
        first[word] = line
    return frozenset(first)
