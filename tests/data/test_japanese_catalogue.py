"""Every Japanese string of the message catalogue reads as Japanese: it ends as a Japanese
sentence or label ends, uses full-width punctuation, and holds no English word except
product names, commands and the values filled in."""

from __future__ import annotations

import re

import pytest

from bot.data.messages import MESSAGES_FILE, load_messages

CATALOGUE = load_messages(MESSAGES_FILE)

# What may stay in Latin script inside Japanese text: product and platform names, the
# setting a message names, and abbreviations Japanese writes in Latin letters.
ALLOWED_WORDS = frozenset({"guidebot", "Slack", "Teams", "GUIDEBOT_TIMEZONE", "ID", "quit", "Check", "this", "post"})
# Code spans (commands), {placeholders}, channels and the UI name of the message shortcut.
_NOT_PROSE = re.compile(r"`[^`]*`|\{[^}]*\}|#[\w-]+|「Check this post」")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_]+")
_HALF_WIDTH = re.compile(r"[():?!]")
# A sentence ends with 。！？ or a closing bracket; a label (a button, a heading) ends with a
# word, never with a half-width or Western mark.
_SENTENCE_END = ("。", "！", "？", "）", "」")
_LABEL_END_FORBIDDEN = (".", ":", "：", ",", "、", " ")
_CODE_AT_END = re.compile(r"`[^`]*`$")
_CODE = re.compile(r"`[^`\n]*`")
STRUCTURAL = frozenset({"list.separator"})  # a piece of punctuation, not a text


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_japanese_text_has_no_english_word(key: str) -> None:
    prose = _NOT_PROSE.sub(" ", CATALOGUE[key]["ja"])
    words = set(_LATIN_WORD.findall(prose)) - ALLOWED_WORDS
    assert not words, f"{key}: {sorted(words)} in {CATALOGUE[key]['ja']!r}"


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_japanese_text_uses_full_width_punctuation(key: str) -> None:
    text = CATALOGUE[key]["ja"]
    prose = _NOT_PROSE.sub(" ", text)
    assert not _HALF_WIDTH.search(prose), f"{key}: half-width punctuation in {text!r}"


@pytest.mark.parametrize("key", sorted(set(CATALOGUE) - STRUCTURAL))
def test_japanese_text_ends_as_a_sentence_or_a_label(key: str) -> None:
    for line in CATALOGUE[key]["ja"].splitlines():
        line = line.rstrip()
        if "。" in line[:-1] or line.startswith("•"):  # a sentence, or a help line of sentences
            assert line.endswith(_SENTENCE_END) or _CODE_AT_END.search(line), (key, line)
        else:
            assert not line.endswith(_LABEL_END_FORBIDDEN), (key, line)


def test_japanese_text_has_no_stray_spaces_around_numbers() -> None:
    # 「第1問」「指摘3件」: no space between a number (or its placeholder) and a Japanese counter.
    spaced = re.compile(r"(?:\{[^}]*\}|\d) [件問回人日文]|[第全] (?:\{|\d)")
    bad = {k: t["ja"] for k, t in CATALOGUE.items() if spaced.search(t["ja"])}
    assert bad == {}


@pytest.mark.parametrize("key", sorted(k for k, t in CATALOGUE.items() if "`" in t["ja"]))
def test_a_command_in_japanese_text_is_set_off_by_spaces_or_line_breaks(key: str) -> None:
    # Slack formats `code` only between blanks (or the ends of a line), and Japanese
    # punctuation (。、：（) is not a blank to it: 「…ません。\n`policy list` で…」.
    text = CATALOGUE[key]["ja"]
    for code in _CODE.finditer(text):
        before = text[code.start() - 1] if code.start() else "\n"
        after = text[code.end()] if code.end() < len(text) else "\n"
        assert before in " \n" and after in " \n", (key, code.group())
