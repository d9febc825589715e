"""NFKC normalisation that remembers where each normalised character came from.

Checks match on the normalised text (full- and half-width forms alike) but report
character offsets into the text the person wrote.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

# Characters that attach to the one before them under NFKC: combining marks and the
# half-width (semi-)voiced sound marks, which compose with the preceding kana.
_ATTACHING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u3099\u309a\uff9e\uff9f]")
_CHUNK = 4096
# Characters NFKC maps to one ASCII or kana character of their own, whatever surrounds them:
# full-width ASCII (「？」「！」「Ａ」), the ideographic space, half-width punctuation and kana
# without a sound mark. Swapped by str.translate, a chunk that is then normal is its own NFKC
# form, character for character, so no offset changes.
_ONE_FOR_ONE = {
    cp: unicodedata.normalize("NFKC", chr(cp)) for cp in (0x3000, *range(0xFF01, 0xFF5F), *range(0xFF61, 0xFF9E))
}


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """``text`` is the NFKC form of ``original``; offsets map between the two."""

    original: str
    text: str
    # Sorted starts (in ``text``) of segments whose length changed, with their origins.
    _norm_starts: tuple[int, ...] = ()
    _segments: tuple[tuple[int, int, int, int], ...] = ()  # (norm_start, norm_end, orig_start, orig_end)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of ``text`` back to ``original``."""
        return self._to_original(start, is_end=False), self._to_original(end, is_end=True)

    def _to_original(self, pos: int, *, is_end: bool) -> int:
        if not self._segments:
            return pos
        i = bisect_right(self._norm_starts, pos) - 1
        if i < 0:
            return pos
        n_start, n_end, o_start, o_end = self._segments[i]
        if pos < n_end or (is_end and pos == n_end and pos > n_start):
            # Inside a changed segment: snap outwards to the whole original segment.
            if is_end:
                return o_end if pos > n_start else o_start
            return o_start
        return o_end + (pos - n_end)


def normalize(text: str) -> NormalizedText:
    """NFKC-normalise ``text`` keeping an offset map back to it."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return NormalizedText(text, text)
    parts: list[str] = []
    starts: list[int] = []
    segments: list[tuple[int, int, int, int]] = []
    norm_pos = 0
    pos = 0
    length = len(text)
    while pos < length:
        end = min(pos + _CHUNK, length)
        # Never split a character from the marks that attach to it.
        while end < length and _ATTACHING.match(text, end):
            end += 1
        chunk = text[pos:end]
        swapped = chunk.translate(_ONE_FOR_ONE)
        if unicodedata.is_normalized("NFKC", swapped):
            parts.append(swapped)
            norm_pos += len(swapped)
        else:
            norm_pos = _normalize_chunk(chunk, pos, norm_pos, parts, starts, segments)
        pos = end
    return NormalizedText(text, "".join(parts), tuple(starts), tuple(segments))


def _normalize_chunk(
    chunk: str,
    offset: int,
    norm_pos: int,
    parts: list[str],
    starts: list[int],
    segments: list[tuple[int, int, int, int]],
) -> int:
    i = 0
    n = len(chunk)
    while i < n:
        j = i + 1
        while j < n and _ATTACHING.match(chunk, j):
            j += 1
        piece = chunk[i:j]
        out = piece if piece.isascii() else unicodedata.normalize("NFKC", piece)
        # A multi-character piece that changed (composed, or its marks reordered) is one
        # segment too: offsets inside it have no counterpart in the original.
        if len(out) != len(piece) or (j - i > 1 and out != piece):
            starts.append(norm_pos)
            segments.append((norm_pos, norm_pos + len(out), offset + i, offset + j))
        parts.append(out)
        norm_pos += len(out)
        i = j
    return norm_pos
