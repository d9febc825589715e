"""``kb lint``'s warnings about how texts are written: a text cut short by a YAML comment,
half-width punctuation in Japanese running text, terms the policy's style sheet forbids."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.lint import lint
from bot.knowledge.loader import Issue
from bot.runtime.settings import BUNDLED_KB
from tests.conftest import KbWriter

from .kb_text import line_of, variant


def warnings_of(path: Path) -> list[Issue]:
    kb, issues = lint(path, routing=False)
    assert kb is not None, [str(i) for i in issues]  # warnings never make a base unusable
    return [i for i in issues if i.level == "warning"]


def test_an_unquoted_text_followed_by_a_comment_is_warned_at_its_line(write_kb: KbWriter):
    text = variant(
        "    answer: {en: Check the background first., ja: 背景を確認してください。}\n",
        "    answer:\n      en: Check the background first. Ask #ask-comms when unsure.\n"
        "      ja: 背景を確認してください。迷ったら #ask-comms に相談してください。\n",
    )
    path = write_kb(text)
    found = {(w.line, w.field) for w in warnings_of(path)}
    assert found == {
        (line_of(text, "Ask #ask-comms"), "clauses[T-PHOTOS].answer.en"),
        (line_of(text, "迷ったら #ask-comms"), "clauses[T-PHOTOS].answer.ja"),
    }
    w = warnings_of(path)[0]
    assert Path(w.file) == path / "policy.yaml"
    assert "#ask-comms" in w.message and "quote" in w.message


def test_a_cut_item_of_a_question_list_is_warned(write_kb: KbWriter):
    text = variant(
        '      ja: ["オフィスの写真を投稿してもいいですか?"]\n',
        "      ja:\n        - オフィスの写真を #office に投稿してもいいですか?\n",
    )
    (w,) = warnings_of(write_kb(text))
    assert (w.line, w.field) == (line_of(text, "#office"), "clauses[T-PHOTOS].questions.ja[0]")


def test_quoted_texts_hashes_inside_words_and_comments_after_other_fields_are_fine(write_kb: KbWriter):
    text = variant(
        "    answer: {en: Check the background first., ja: 背景を確認してください。}\n",
        '    answer:\n      en: "Check the background first. Ask #ask-comms."\n'
        "      ja: C#やF#の話題は問題ありません。\n",
    )
    text = variant("    verdict: conditional\n", "    verdict: conditional  # reviewed by legal\n", text)
    assert warnings_of(write_kb(text)) == []


def test_the_bundled_knowledge_base_has_no_style_warnings():
    kb, issues = lint(BUNDLED_KB, routing=False)
    assert kb is not None
    assert [str(i) for i in issues] == []


def test_half_width_marks_in_japanese_running_text_are_warned(write_kb: KbWriter):
    text = variant(
        "    answer: {en: Check the background first., ja: 背景を確認してください。}\n",
        '    answer:\n      en: "Check the background (screens, badges): ok?"\n'
        '      ja: "背景(画面など)を確認してください。例:「写真」。いいですか? '
        'API (Application Programming Interface)、`policy list`、https://example.com/a?b=1 はそのままです。"\n',
    )
    found = warnings_of(write_kb(text))
    assert {w.field for w in found} == {"clauses[T-PHOTOS].answer.ja"}
    assert {w.line for w in found} == {line_of(text, "背景(画面など)")}
    assert sorted(w.message.split("'")[1] for w in found) == ["(", ")", ":", "?"]
    assert any("write '（'" in w.message and "背景(画面など)" in w.message for w in found)


STYLE = """  style:
    ja:
      terms:
        - {use: 当社, avoid: [自社, 我が社]}
        - {use: 漏えい, avoid: [漏洩]}
    en:
      terms:
        - {use: Corporate Communications, avoid: [PR team]}
"""


def test_terms_the_style_sheet_avoids_are_warned_in_the_policys_voice_only(write_kb: KbWriter):
    text = variant("  default_language: en\n", "  default_language: en\n" + STYLE)
    text = variant(
        "    answer: {en: Check the background first., ja: 背景を確認してください。}\n",
        "    answer: {en: Ask the PR team first., ja: 自社の情報が漏洩しないよう背景を確認してください。}\n",
        text,
    )
    # Example questions and keywords are how people ask: slang and variants stay there.
    text = variant(
        '      ja: ["オフィスの写真を投稿してもいいですか?"]', '      ja: ["自社の写真を投稿してもいい?"]', text
    )
    found = sorted((w.field, w.message.split(": write ")[1]) for w in warnings_of(write_kb(text)))
    assert found == [
        ("clauses[T-PHOTOS].answer.en", "'Corporate Communications' (policy.style.en)"),
        ("clauses[T-PHOTOS].answer.ja", "'当社' (policy.style.ja)"),
        ("clauses[T-PHOTOS].answer.ja", "'漏えい' (policy.style.ja)"),
    ]


@pytest.mark.parametrize(
    ("style", "field", "words"),
    [
        ("  style:\n    ja:\n      terms:\n        - {use: 当社}\n", "policy.style.ja.terms[0].avoid", "required"),
        (
            "  style:\n    ja:\n      terms:\n        - {use: 当社, avoid: [当社]}\n",
            "policy.style.ja.terms[0].avoid",
            "lists",
        ),
        ("  style:\n    ja:\n      words: []\n", "policy.style.ja.words", "unknown key"),
        ("  style:\n    japanese:\n      terms: []\n", "policy.style.japanese", "not a language code"),
        ("  style: [当社]\n", "policy.style", "must be a mapping"),
    ],
)
def test_an_invalid_style_section_is_an_error_naming_its_field(write_kb: KbWriter, style: str, field: str, words: str):
    path = write_kb(variant("  default_language: en\n", "  default_language: en\n" + style))
    kb, issues = lint(path, routing=False)
    errors = [i for i in issues if i.level == "error"]
    assert kb is None and [e.field for e in errors] == [field] and words in errors[0].message


def test_an_answer_longer_than_chats_show_whole_is_warned_at_its_clause(write_kb: KbWriter):
    from bot.knowledge.lint import LONG_ANSWER

    long = "Check the background first. " * 80  # 2,320 characters
    assert len(long.strip()) > LONG_ANSWER
    text = variant(
        "    answer: {en: Check the background first., ja: 背景を確認してください。}\n",
        f"    answer: {{en: {long.strip()}, ja: 背景を確認してください。}}\n",
    )
    (warning,) = [i for i in warnings_of(write_kb(text)) if "chats cut" in i.message]
    assert warning.field.endswith("].answer.en") and warning.message.startswith(f"{len(long.strip()):,} characters")
