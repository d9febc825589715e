"""``kb lint``'s warnings about how texts are written: a text cut short by a YAML comment,
half-width punctuation in Japanese running text, terms the policy's style sheet forbids."""

from __future__ import annotations

from pathlib import Path

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
