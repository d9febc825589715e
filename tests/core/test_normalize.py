"""NFKC normalisation with offsets mapped back to what the person wrote."""

from __future__ import annotations

import random
import unicodedata

import pytest

from bot.checks.checker import check_text
from bot.checks.normalize import normalize

# Marks that attach to the character before them under NFKC.
_MARKS = "\u0301\u0308\u3099\u309a\uff9e\uff9f"
_ALPHABET = [
    *"abc XYZ09-.,!",
    *"ＡＢｃ０１！～",  # full-width
    *"ｶｷｸﾊﾋｰｧ",  # half-width katakana
    *"ﬁﬂﬃ㍿㌔…①Ⅻ½™",  # ligatures, squared and compatibility forms that change length
    *"がア漢🙂e",
    *_MARKS,
]


@pytest.mark.parametrize(
    ("original", "normalised", "needle", "expected"),
    [
        ("Ｂｌｕｅｆｉｎ ships", "Bluefin ships", "Bluefin", "Ｂｌｕｅｆｉｎ"),
        ("新製品ｶﾞｲﾄﾞ公開", "新製品ガイド公開", "ガイド", "ｶﾞｲﾄﾞ"),
        ("the ﬁnal ﬂow", "the final flow", "final", "ﬁnal"),
        ("cafe\u0301 time", "café time", "café", "cafe\u0301"),
        ("㍿アクメ", "株式会社アクメ", "株式会社", "㍿"),
        ("wait… ok", "wait... ok", "ok", "ok"),
    ],
)
def test_offsets_map_back_to_the_original(original, normalised, needle, expected):
    norm = normalize(original)
    assert norm.text == normalised
    start = norm.text.index(needle)
    o_start, o_end = norm.span(start, start + len(needle))
    assert original[o_start:o_end] == expected


def test_ascii_and_already_normal_text_map_to_themselves():
    for text in ("plain ascii", "もう正規化済みの日本語"):
        norm = normalize(text)
        assert norm.text == text
        assert norm.span(2, 5) == (2, 5)


def test_a_span_inside_a_changed_segment_snaps_to_the_whole_original_character():
    norm = normalize("xﬃy")  # "ﬃ" -> "ffi"
    assert norm.text == "xffiy"
    assert norm.span(2, 3) == (1, 2)  # the middle "f" is the ligature
    assert norm.span(0, 2) == (0, 2)


def test_long_text_across_chunk_boundaries():
    # Half-width kana with dakuten straddle every 4096-character chunk boundary.
    original = "ｶﾞ" * 5000 + " Ｂｌｕｅｆｉｎ"
    norm = normalize(original)
    assert norm.text == unicodedata.normalize("NFKC", original)
    start = norm.text.index("Bluefin")
    o_start, o_end = norm.span(start, start + 7)
    assert original[o_start:o_end] == "Ｂｌｕｅｆｉｎ"


def _random_text(rng: random.Random) -> str:
    return "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 40)))


def test_property_spans_stay_in_bounds_and_are_ordered():
    rng = random.Random(20261101)
    for _ in range(400):
        text = _random_text(rng)
        norm = normalize(text)
        assert norm.text == unicodedata.normalize("NFKC", text)
        n = len(norm.text)
        for _ in range(20):
            a = rng.randint(0, n)
            b = rng.randint(a, n)
            o_start, o_end = norm.span(a, b)
            assert 0 <= o_start <= o_end <= len(text)


def test_property_aligned_slices_normalise_to_the_matched_text():
    # Cut the original where no mark attaches: the normalised prefix gives the
    # normalised span, which must map back to exactly the cut.
    rng = random.Random(7)
    checked = 0
    for _ in range(400):
        text = _random_text(rng)
        cuts = [i for i in range(len(text) + 1) if i == len(text) or text[i] not in _MARKS]
        norm = normalize(text)
        for _ in range(10):
            lo, hi = sorted(rng.sample(cuts, 2)) if len(cuts) > 1 else (0, 0)
            if lo == hi:
                continue
            a = len(unicodedata.normalize("NFKC", text[:lo]))
            piece = unicodedata.normalize("NFKC", text[lo:hi])
            assert norm.text[a : a + len(piece)] == piece
            assert norm.span(a, a + len(piece)) == (lo, hi)
            checked += 1
    assert checked > 1000


def test_finding_offsets_point_into_the_original_draft(small_kb):
    draft = "ｶﾞｶﾞｶﾞ ﬁne… ＢＬＵＥＦＩＮ is coming"
    result = check_text(small_kb, draft)
    codename = [f for f in result.findings if f.check == "codename"]
    assert len(codename) == 1
    f = codename[0]
    assert draft[f.start : f.end] == "ＢＬＵＥＦＩＮ"


def test_property_finding_spans_are_within_the_draft(small_kb):
    rng = random.Random(3)
    words = ["Bluefin", "ＢＬＵＥＦＩＮ", "ﾌﾞﾙｰﾌｨﾝ", "I think", "jane@example.com", "03-1234-5678", "ﬁ", "…", "ｶﾞ", " "]
    for _ in range(200):
        draft = "".join(rng.choice(words + _ALPHABET) for _ in range(rng.randint(1, 30)))
        for f in check_text(small_kb, draft).findings:
            if f.start is None:
                assert f.end is None
                continue
            assert 0 <= f.start < f.end <= len(draft)
