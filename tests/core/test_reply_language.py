"""A reply speaks the person's language, for every reply type, commands included: their own
words first, then their Slack/Teams (or terminal) locale, then the policy's default."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from adapters.console import converse, terminal_locale
from bot.app import App, build_app
from bot.assistant.engine import GuideBot
from bot.data.messages import msg
from bot.domain.commands import Ask, CheckDraft, PolicyCommand, parse_command
from bot.domain.texts import detect_language, locale_language, spoken_language, whole_number
from bot.knowledge.loader import load
from bot.runtime.settings import Settings
from tests.conftest import EVAL_KB, REPO

MANAGER = "console:boss"


@pytest.fixture
async def app(tmp_path) -> AsyncIterator[App]:
    built = build_app(
        Settings(kb_path=str(EVAL_KB), database_url=f"sqlite:///{tmp_path}/g.db", managers=frozenset({MANAGER}))
    )
    try:
        yield built
    finally:
        built.close()


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("ヘルプ", PolicyCommand("help", "", "ヘルプ")),
        ("使い方", PolicyCommand("help", "", "使い方")),
        ("一覧", PolicyCommand("list", "", "一覧")),
        ("表示　AC-CITE", PolicyCommand("show", "AC-CITE", "表示")),
        ("クイズ", PolicyCommand("quiz", "", "クイズ")),
        ("レポート 30d", PolicyCommand("report", "30d", "レポート")),
        ("リマインダー", PolicyCommand("reminders", "", "リマインダー")),
        ("リマインド 毎週月曜 9:00", PolicyCommand("remind", "毎週月曜 9:00", "リマインド")),
        ("リマインド 平日 17:30 SM-SCOPE", PolicyCommand("remind", "平日 17:30 SM-SCOPE", "リマインド")),
        ("リマインド 毎月1日 10:00", PolicyCommand("remind", "毎月1日 10:00", "リマインド")),
        ("レポート 7日", PolicyCommand("report", "7日", "レポート")),
        ("レポート　３０日", PolicyCommand("report", "３０日", "レポート")),
        ("レポート 作成のコツは？", Ask("レポート 作成のコツは？")),
        ("policy 一覧", PolicyCommand("list", "", "policy 一覧")),
        ("policy help", PolicyCommand("help", "", "policy help")),
        ("投稿チェック 新製品、最高！", CheckDraft("新製品、最高！")),
        ("一覧を見せて", Ask("一覧を見せて")),
        ("表示されない写真は？", Ask("表示されない写真は？")),
        ("クイズ大会の写真を載せてもいい？", Ask("クイズ大会の写真を載せてもいい？")),
    ],
)
def test_japanese_command_aliases(text: str, command: object) -> None:
    assert parse_command(text) == command


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("quiz", PolicyCommand("quiz", "", "quiz")),
        ("/Quiz", PolicyCommand("quiz", "", "/Quiz")),
        ("list", PolicyCommand("list", "", "list")),
        ("quiz night photos, can I post them?", Ask("quiz night photos, can I post them?")),
        ("list my employer on LinkedIn?", Ask("list my employer on LinkedIn?")),
    ],
)
def test_quiz_and_list_alone_are_commands(text: str, command: object) -> None:
    """Typed alone, as the help names them; with more words, a question."""
    assert parse_command(text) == command


def test_what_shows_a_language() -> None:
    assert spoken_language("オフィスの写真") == "ja"
    assert spoken_language("Can I post this?") == "en"
    assert spoken_language("AC-CITE") is None and spoken_language("30d") is None and spoken_language("2") is None
    assert locale_language("ja-JP", ("en", "ja")) == "ja" and locale_language("ja_JP", ("en", "ja")) == "ja"
    assert locale_language("fr-FR", ("en", "ja")) is None and locale_language(None, ("en",)) is None
    assert terminal_locale({"LANG": "ja_JP.UTF-8"}) == "ja_JP"
    assert terminal_locale({"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}) is None
    assert terminal_locale({}) is None


def test_a_long_text_shows_its_language_in_its_first_few_thousand_characters() -> None:
    """A 2 MB message is not split into a million words to find two English ones."""
    assert spoken_language("AC-1 " * 400_000 + "Can I post this?") is None
    assert spoken_language("Can I post this? " + "AC-1 " * 400_000) == "en"
    assert spoken_language("AC-1 " * 400_000 + "写真") == "ja"  # kana and kanji anywhere


def test_a_whole_number_is_a_few_decimal_digits() -> None:
    assert whole_number("3") == 3 and whole_number("３") == 3 and whole_number("000000007") == 7
    assert whole_number("²") is None and whole_number("1234567890") is None
    assert whole_number("") is None and whole_number("-1") is None and whole_number("1.5") is None


def test_english_words_are_english_whatever_the_bases_default() -> None:
    assert detect_language("Can I post this?", "ja") == "en"
    assert detect_language("この写真を載せてもいい?", "en") == "ja"
    assert detect_language("AC-CITE", "ja") == "ja"  # no words: the base's default
    assert detect_language("Puis-je publier ceci sur LinkedIn ?", "fr") == "fr"  # the base's own language


def test_an_english_question_to_a_japanese_default_base_is_read_and_answered_in_english() -> None:
    # A hospital network's policy written Japanese-first, with English texts too: the question
    # is answered in English, and ranked as English (by meaning as well as words), which the
    # words alone get wrong here.
    bot = GuideBot(load(str(REPO / "bench" / "data" / "industry" / "kb")))
    assert bot.kb.policy.default_language == "ja"
    reply = bot.ask("I think my twitter was hacked, it's posting spam with my job in the bio")
    assert (reply.question_lang, reply.lang, reply.outcome) == ("en", "en", "answered")
    assert reply.matches[0].clause.id == "SH-ACCOUNT-SECURITY"


# (who, what they type, a piece of the English reply, a piece of the Japanese reply)
COMMANDS = [
    ("amy", "policy help", "How I can help", "ご利用方法"),
    ("amy", "policy list", "Clauses of Acme", "の条項一覧"),
    ("amy", "policy show AC-CITE", "AC-CITE: Quoting", "AC-CITE："),
    ("amy", "policy quiz", "Question 1 of", "第1問（全"),
    ("amy", "policy show", "Usage: `policy show", "`policy show 条項ID` の形で指定してください。"),
    ("amy", "policy show AC-NOPE", "There is no clause AC-NOPE", "条項「AC-NOPE」は見つかりません。"),
    (
        "amy",
        "policy frobnicate",
        "Unknown command `policy frobnicate`",
        "`policy frobnicate` というコマンドはありません。",
    ),
    ("amy", "policy report", "Sorry, `policy report` is for policy managers only", "`policy report` は管理者専用"),
    ("amy", "policy reminders", "Sorry, `policy reminders` is for policy managers", "は管理者専用のコマンドです。"),
    ("amy", "checkpost", "Paste the draft after `checkpost`", "`checkpost` の後に投稿文を貼り付けてください"),
    ("boss", "policy report", "Policy report,", "ガイドライン利用レポート（"),
    ("boss", "policy reminders", "No reminders are scheduled.", "設定中のリマインダーはありません。"),
    ("boss", "policy reminders cancel 9", "There is no active reminder 9.", "有効なリマインダー #9 はありません。"),
    ("boss", "policy remind", "Usage: `policy remind", "`policy remind [#チャンネル] スケジュール"),
    (
        "boss",
        "policy report 99999d",
        "Usage: `policy report [30d]`",
        "`policy report [30d]` の形で日数を指定してください（最大",
    ),
]


@pytest.mark.parametrize(("user", "typed", "english", "japanese"), COMMANDS)
async def test_a_command_answers_in_the_persons_locale(
    app: App, user: str, typed: str, english: str, japanese: str
) -> None:
    (en,) = await converse(app, [typed], user_id=user)
    (ja,) = await converse(app, [typed], user_id=user, locale="ja_JP")
    assert english in en
    assert japanese in ja


async def test_japanese_words_choose_japanese_without_a_locale(app: App) -> None:
    help_, listing, shown, quiz = await converse(app, ["ヘルプ", "一覧", "表示 AC-CITE", "クイズ"], user_id="ken")
    assert help_.startswith("ご利用方法") and "「一覧」" in help_
    assert "の条項一覧" in listing and "、" not in listing.splitlines()[0]
    assert shown.startswith("AC-CITE：") and shown.endswith("改定）")
    assert quiz.startswith("第1問（全")


async def test_the_persons_words_win_over_their_locale(app: App) -> None:
    (answer,) = await converse(app, ["Can I share a news article about us?"], user_id="yuki", locale="ja-JP")
    assert "(Acme Social Media Guidelines, version 2026-11-01)" in answer
    (japanese,) = await converse(app, ["ニュース記事をシェアしてもいい？"], user_id="amy", locale="en-US")
    assert "（アクメ ソーシャルメディア・ガイドライン／2026年11月1日改定）\n役に立ちましたか？" in japanese


async def test_a_quiz_answer_keeps_the_quizs_language(app: App) -> None:
    replies = await converse(app, ["policy quiz", "1"], user_id="yuki", locale="ja-JP")
    assert replies[0].startswith("第1問")
    assert replies[1].startswith(("✅ 正解です！", "❌ 惜しいですね。"))


GERMAN_KB = """\
policy:
  id: de-test
  title: {en: Social media rules, de: Social-Media-Regeln}
  version: "1"
  owner: {en: "Comms, #ask-comms", de: "Kommunikation, #ask-comms"}
  default_language: en
clauses:
  - id: D-PHOTOS
    title: {en: Photos of colleagues, de: Fotos von Kollegen}
    verdict: conditional
    answer: {en: Ask colleagues before posting their photo., de: "Fragen Sie Kollegen, bevor Sie ihr Foto posten."}
    questions:
      en: ["Can I post a photo of my colleague?"]
      de: ["Darf ich ein Foto meiner Kollegin posten?"]
    keywords: {en: [photo, colleague], de: [Foto, Fotos, Kollege, Kollegen]}
"""


def test_a_base_with_another_latin_script_language_tells_it_from_english() -> None:
    languages = ("de", "en", "ja")
    assert spoken_language("Darf ich Fotos von Kollegen teilen?", languages) == "de"
    assert spoken_language("Was darf ich posten?", languages) == "de"  # "was" is German too
    assert spoken_language("Can I post photos of colleagues?", languages) == "en"
    assert spoken_language("Fotos?", languages) is None  # one word tells nothing
    assert spoken_language("Puis-je publier des photos ?", ("de", "en", "fr", "ja")) is None  # which one?
    # A base in English and Japanese only: any Latin-script words are English.
    assert spoken_language("Darf ich Fotos teilen?", ("en", "ja")) == "en"


async def test_chat_answers_a_german_question_in_german_and_an_english_one_in_english(write_kb, tmp_path) -> None:
    built = build_app(Settings(kb_path=str(write_kb(GERMAN_KB)), database_url=f"sqlite:///{tmp_path}/g.db"))
    try:
        german, english = await converse(
            built, ["Darf ich Fotos von Kollegen teilen?", "Can I share photos of colleagues?"], locale="en_US"
        )
    finally:
        built.close()
    assert "D-PHOTOS: Fotos von Kollegen" in german and "Fragen Sie Kollegen" in german
    assert "D-PHOTOS: Photos of colleagues" in english and "Ask colleagues" in english


async def test_too_long_input_is_refused_in_the_persons_language(app: App) -> None:
    from bot.assistant.engine import MAX_QUESTION_CHARS

    question = "写" * MAX_QUESTION_CHARS + "を投稿してもいいですか？"
    ja, en = await converse(app, [question, "checkpost " + "word " * 500_000])
    assert msg("too_long", "ja", n=len(question), limit=MAX_QUESTION_CHARS) in ja
    # The draft's last space is trimmed: 2,499,999 characters.
    assert "That is too long for me (2,499,999 characters; the limit is 2,000,000)." in en
