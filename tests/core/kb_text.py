"""The small fixture knowledge base as text, for tests that write broken variants of it."""

from __future__ import annotations

from pathlib import Path

SMALL_TEXT = (Path(__file__).parent.parent / "fixtures" / "kb-small" / "policy.yaml").read_text(encoding="utf-8")


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line number of the ``nth`` line of ``text`` containing ``needle``."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) >= nth, f"{needle!r} not in the text"
    return hits[nth - 1]


def variant(old: str, new: str, text: str = SMALL_TEXT) -> str:
    """``text`` with exactly one occurrence of ``old`` replaced."""
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)
