"""Reading regular expressions' sources: the looser RE2 pattern that screens texts for the
question forms' Python patterns (``loosened``)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import re2

from bot.data.datafile import read_yaml
from bot.data.question_forms import QUESTION_FORMS_FILE, Patterns, load_question_forms, question_forms
from bot.runtime.regex_source import loosened

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [
    ROOT / "tests" / "fixtures" / "eval" / "questions-dev.jsonl",
    *sorted((ROOT / "bench" / "data" / "heldout").glob("questions-set1[0-2]?.jsonl")),
]


def _finds(source: str, text: str) -> bool:
    return re2.compile("(?is)" + loosened(source)).search(text) is not None


@pytest.mark.parametrize(
    ("source", "loose"),
    [
        (r"\bcan i\b", "can i"),
        (r"^who (?:do|should) i ask$", "who (?:do|should) i ask"),
        (r"work(?! (?:here|there)\b)", "work"),
        (r"(?<!\bnot\s)allowed", "allowed"),
        (r"a[^.?!\n]{0,40}b", r"a[^.?!\n]*b"),
        (r"x{2,3}y{3}", "x+y+"),
        (r"\w+ \d", r"[^\t\n\f\r ]+ [^\t\n\f\r ]"),
        (r"[\w-]+\s\S", "(?s:.)+(?s:.)(?s:.)"),
        (r"(?P<v>ok)(?P=v)", "(?:ok)(?s:.)*"),
        (r"(?-i:IT) team", "(?:IT) team"),
        (r"(?i)a.b", "a(?s:.)b"),
        (r"\{x\}|{,}", r"\{x\}|\{,}"),
    ],
)
def test_a_pattern_loosens_into_re2(source: str, loose: str) -> None:
    assert loosened(source) == loose
    re2.compile(loose)


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (r"\bwork(?! here\b)", "I work here"),  # what a lookahead kept out
        (r"(?<!\bnot\s)allowed", "not allowed"),
        (r"^can", "so can I?"),
        (r"a[^.]{0,2}b", "a1234b"),
        (r"\bcafé\b", "CAFÉS"),
        (r"投稿(?!用)", "投稿用"),
    ],
)
def test_the_loosened_pattern_finds_more_than_the_pattern(source: str, text: str) -> None:
    assert re.search(source, text, re.IGNORECASE) is None
    assert _finds(source, text)


@pytest.mark.parametrize("source", ["[abc", r"x(?=y", r"(?<!\bnot"])
def test_a_pattern_that_never_closes_is_not_loosened(source: str) -> None:
    with pytest.raises(ValueError):
        loosened(source)


def _bundled_sources() -> list[str]:
    doc = read_yaml(QUESTION_FORMS_FILE)
    return [
        text
        for _, _, per_lang in doc.mapping(doc.root, "")
        for _, _, items in doc.mapping(per_lang, "")
        for text, _ in doc.texts(items, "")
    ]


def test_every_bundled_form_pattern_loosens_into_one_that_finds_what_it_finds() -> None:
    """Over the labelled questions: wherever a bundled pattern finds something, its looser
    RE2 pattern does too (the screen never hides a form)."""
    texts = [json.loads(line)["q"] for path in TEXTS for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(texts) > 1_000
    for source in _bundled_sources():
        exact = re.compile(source, re.IGNORECASE)
        loose = re2.compile("(?is)" + loosened(source))
        missed = [t for t in texts if exact.search(t) and not loose.search(t)]
        assert not missed, (source, missed[:3])


def test_every_bundled_form_is_read_behind_a_screen() -> None:
    """A pattern RE2 cannot read, or one that finds every text, would leave its form unscreened
    and every question scanned by each of its patterns again."""
    for form, patterns in question_forms().items():
        for group in (patterns.anywhere, patterns.japanese):
            assert not group or group.screen is not None, form


def test_python_and_re2_fold_the_forms_letters_alike_but_for_the_screened_ones() -> None:
    """Python's case-insensitive matching takes a few letters for a pattern's letter that
    RE2's does not: the screen lets a text holding one of them through."""
    cased = sorted({c for source in _bundled_sources() for c in source if c.lower() != c.upper()})
    letters = "[" + "".join(re.escape(c) for c in cased) + "]"
    python, ours = re.compile(letters, re.IGNORECASE), re2.compile("(?i)" + letters)
    apart = [
        chr(cp)
        for cp in range(sys.maxunicode + 1)
        if not 0xD800 <= cp < 0xE000 and python.fullmatch(chr(cp)) and not ours.fullmatch(chr(cp))
    ]
    assert apart == ["\u0130", "\u0131"]
    screened = Patterns([(re.compile("ignore", re.IGNORECASE), "ignore")])
    assert screened.screen is not None
    assert screened.search("please IGNORE it") and screened.search("ıgnore it")
    assert not screened.search("ignite")


def test_a_form_group_re2_cannot_read_is_searched_without_a_screen(tmp_path: Path) -> None:
    path = tmp_path / "forms.yaml"
    path.write_text("how_to:\n  en: ['what now', 'a++b']\n  ja: ['どうすれば']\n", encoding="utf-8")
    forms = load_question_forms(path)["how_to"]
    assert forms.anywhere.screen is None and forms.japanese.screen is not None
    assert forms.anywhere.search("aaab") and forms.anywhere.search("so what now?")
    assert forms.japanese.search("どうすればいい?") and not forms.japanese.search("なるほど")


def test_a_pattern_that_finds_every_text_leaves_its_group_unscreened() -> None:
    group = Patterns([(re.compile(r"\b"), r"\b"), (re.compile("x"), "x")])
    assert group.screen is None
    assert group.search("anything")
