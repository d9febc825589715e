"""Japanese replies as a Japanese reader expects them: labels, brackets, punctuation, the
clause's title where a reader wants it, and a how-to question answered with guidance."""

from __future__ import annotations

import pytest

from bot.assistant.engine import GuideBot
from bot.assistant.render_text import to_text
from bot.domain.policy import KnowledgeBase
from bot.knowledge.loader import load
from bot.runtime.settings import BUNDLED_KB


@pytest.fixture(scope="module")
def bundled() -> KnowledgeBase:
    return load(BUNDLED_KB)


@pytest.fixture(scope="module")
def bot(bundled: KnowledgeBase) -> GuideBot:
    return GuideBot(bundled)


def test_a_japanese_check_result_reads_as_japanese(bot: GuideBot):
    reply = bot.check("新製品、個人的には競合よりずっといいと思う!連絡は taro.yamada@example.com まで")
    text = to_text(reply)
    lines = text.splitlines()
    assert lines[0].startswith("⚠️ 投稿前に見直してください")
    assert lines[1].startswith("1.【要確認】")
    assert "   該当箇所：「" in text and "」" in text
    assert "   直し方：" in text
    opinion = bot.kb.clause("SM-OPINION")
    assert opinion is not None
    assert f"   （関連条項：SM-OPINION「{opinion.title['ja']}」）" in lines
    assert lines[-1] == "（ソーシャルメディア・ガイドライン／2026年11月28日改定）"
    for english in ("[warning]", "[error]", "“", "”", "Where", "opinion-needs-disclaimer", "(", ")", ":", "?"):
        assert english not in text, english


def test_an_english_check_result_keeps_its_english_format(bot: GuideBot):
    text = to_text(bot.check("I think our product is better than theirs, honestly."))
    assert "1. [Review] " in text and "   Where: “I think" in text
    assert "(Clause SM-OPINION: Official view vs personal opinion)" in text
    assert text.endswith("(Social Media Guidelines, version 2026-11-28)")


def test_an_error_is_labelled_must_fix(bot: GuideBot):
    text = to_text(bot.check("管理画面のパスワードは Zq8#vLp2Rt9w です"))
    assert "【要修正】" in text and text.splitlines()[0].startswith("⛔ このままでは投稿できません")


@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("オフィスの窓から見える景色の写真を投稿してもいいですか？", "⚠️ 条件付きで可"),
        ("インサイダー情報をもとに株を買ってもいい？", "⛔ 不可"),
    ],
)
def test_verdict_labels_are_bare_labels(bot: GuideBot, question: str, label: str):
    assert to_text(bot.ask(question)).startswith(label + " · ")


def test_an_unsure_answer_says_no_clause_covers_it(bot: GuideBot):
    text = to_text(bot.ask("社員食堂の今日の日替わりメニューは何ですか？"))
    assert text.startswith("❓ 該当する条項が見つかりません")
    assert "お問い合わせください。" in text


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("取材の依頼がDMで来ました。どう対応すれば?", "ja"),
        ("APIキーをSNSに載せちゃった、どうしよう?", "ja"),
        ("A reporter sent me a DM asking about our launch. How should I respond?", "en"),
        ("I accidentally posted an API key. What should I do?", "en"),
    ],
)
def test_a_how_to_question_gets_guidance_not_a_verdict(bot: GuideBot, question: str, lang: str):
    reply = bot.ask(question)
    assert reply.outcome == "answered" and reply.how_to
    text = to_text(reply)
    first = text.splitlines()[0]
    assert first.startswith("💡 " + ("対応のしかた" if lang == "ja" else "What to do") + " · ")
    assert "⛔" not in first and "不可" not in first and "Not allowed" not in first


def test_a_may_i_question_about_the_same_subject_keeps_its_verdict(bot: GuideBot):
    reply = bot.ask("取材を受けて、会社の新製品についてコメントしてもいいですか？")
    assert not reply.how_to and to_text(reply).splitlines()[0].startswith(("⛔ 不可", "⚠️ 条件付きで可"))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_quiz_asks_is_this_allowed_only_of_may_i_questions_with_the_bots_verdict(bot: GuideBot, lang: str):
    from bot.domain.policy import VERDICTS
    from bot.features.owner.quiz import QuizMaster
    from bot.search.question_form import asks_how_to

    verdict_items = 0
    for seed in range(12):
        for q in QuizMaster(bot, seed=seed).make_questions(lang):
            if not q.id.startswith("verdict:"):
                continue
            verdict_items += 1
            asked = q.prompt.split("「", 1)[1].rsplit("」", 1)[0] if lang == "ja" else q.prompt.split("“")[1][:-1]
            assert not asks_how_to(asked), asked
            assert q.answer == VERDICTS.index(bot.ask(asked, lang).verdict or "")
            if lang == "ja":
                assert q.options == ("可", "条件付きで可", "不可")
    assert verdict_items > 0


def test_the_insider_trading_clause_tells_trading_from_tipping(bundled: KnowledgeBase):
    clause = bundled.clause("SM-FINANCIAL")
    assert clause is not None
    ja = clause.answer["ja"]
    assert "インサイダー取引" in ja and "金融商品取引法" in ja
    assert "売買を勧め" in ja and "別に禁止" in ja
