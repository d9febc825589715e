"""A knowledge base may add languages of other scripts than English and Japanese: Korean
(Hangul), Cyrillic, Greek. Their words are terms like any others."""

from __future__ import annotations

import pytest

from bot.assistant.engine import GuideBot
from bot.knowledge.lint import lint
from bot.knowledge.loader import load
from bot.search.analysis import fold, other_script_terms
from tests.conftest import KbWriter

KOREAN_KB = """\
policy:
  id: ko-test
  title: {en: Social media rules, ko: 소셜 미디어 규정}
  version: "1"
  owner: {en: "Comms, #ask-comms", ko: "홍보팀 #ask-comms"}
  default_language: en
clauses:
  - id: K-UNIFORM
    title: {en: Posting in uniform, ko: 유니폼 착용 게시물}
    verdict: conditional
    answer: {en: Photos in uniform are fine if no badge shows., ko: 배지가 보이지 않으면 유니폼 사진은 괜찮습니다.}
    questions:
      en: ["Can I post a selfie in my uniform?"]
      ko: ["유니폼 입고 셀카 올려도 되나요?", "제복 사진을 인스타에 올려도 돼요?"]
    keywords: {en: [uniform, selfie], ko: [유니폼, 제복, 셀카]}
  - id: K-CONFIDENTIAL
    title: {en: Confidential information, ko: 기밀 정보}
    verdict: prohibited
    answer: {en: Never post confidential information., ko: 기밀 정보는 절대 게시하지 마세요.}
    questions:
      en: ["Can I share internal documents?"]
      ko: ["내부 자료를 공유해도 될까요?", "기밀 문서를 보여줘도 되나요?"]
    keywords: {en: [confidential, internal], ko: [기밀, 내부, 자료]}
"""


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("유니폼 입고", ["유니", "니폼", "입고"]),
        ("Vérifiez l'arrière-plan", []),  # Latin letters, accented or not, are read as words already
        ("Can I share my résumé?", []),
        ("Можно ли публиковать фото?", ["можно", "ли", "публиковать", "фото"]),
        ("Can I post a photo?", []),  # English words are read as words, with their stems
        ("写真を投稿してもいい？", []),  # Japanese is read as kanji pairs and katakana words
    ],
)
def test_other_scripts_give_terms(text: str, terms: list[str]) -> None:
    assert other_script_terms(fold(text)) == terms


def test_a_korean_knowledge_base_answers_its_own_questions_and_korean_ones(write_kb: KbWriter) -> None:
    path = write_kb(KOREAN_KB)
    _, issues = lint(path)
    assert [i for i in issues if "answered by" in i.message] == []
    bot = GuideBot(load(path))
    uniform = bot.ask("유니폼 입고 셀카 올려도 되나요?", lang="ko")
    assert uniform.clause is not None and uniform.clause.id == "K-UNIFORM"
    secret = bot.ask("기밀 자료를 공유해도 돼요?", lang="ko")
    assert secret.clause is not None and secret.clause.id == "K-CONFIDENTIAL" and secret.verdict == "prohibited"
