"""Question ranking on the evaluation knowledge base: behaviours, and figures on the dev and proxy sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.evaldata import eval_dir
from bench.evaluate import evaluate_questions, read_jsonl
from bot.assistant.engine import GuideBot
from bot.knowledge.loader import load
from bot.runtime.settings import BUNDLED_KB
from bot.search.analysis import fold, japanese_forms, stem, terms
from bot.search.commonness import FLOOR, query_weight
from bot.search.helpdesk import OFF_TOPIC, WORDS_ONLY
from bot.search.index import ClauseIndex
from bot.search.params import DEFAULT, Params
from bot.search.typos import Typos

EVAL = eval_dir()  # the full evaluation data, or the repository copy of its dev part
PROXY = Path(__file__).resolve().parents[2] / "bench" / "data" / "questions-proxy.jsonl"
CLASSES = PROXY.with_name("questions-classes.jsonl")


@pytest.fixture(scope="module")
def index() -> ClauseIndex:
    return ClauseIndex(load(EVAL / "kb"))


@pytest.fixture(scope="module")
def bundled_index() -> ClauseIndex:
    return ClauseIndex(load(BUNDLED_KB))


@pytest.fixture(scope="module")
def words_before_form() -> ClauseIndex:
    """The same base, with a question's form (asking how to operate something) not weighed, and
    the meaning's help-desk margin the same whatever the question names."""
    return ClauseIndex(
        load(EVAL / "kb"),
        Params(procedure_margin=1.0, procedure_unnamed_floor=0.0, help_desk_meaning_margin_unnamed=0.1),
    )


def best(index: ClauseIndex, question: str) -> str:
    ranking = index.search(question)
    assert ranking.confident, question
    return ranking.matches[0].clause.id


def test_scores_are_in_unit_interval_and_sorted(index: ClauseIndex) -> None:
    matches = index.rank("can I post a photo of the office whiteboard?", 5)
    assert 1 < len(matches) <= 5
    scores = [m.score for m in matches]
    assert all(0.0 < s <= 1.0 for s in scores)
    assert scores == sorted(scores, reverse=True)


def test_a_typo_equally_close_to_two_words_is_corrected_the_same_way_whatever_their_order() -> None:
    # "ping" is as close to "png" as to "pin": the word it starts like wins, in every process
    # (the known words arrive as a set, whose order changes with the hash seed).
    for known in (["png", "pin"], ["pin", "png"], ["pnga", "png", "pin", "pint"]):
        assert Typos(set(), known, DEFAULT).correct("ping") == "pin", known
    # Equally close and starting alike: the first alphabetically.
    assert Typos(set(), ["layoffb", "layoffa"], DEFAULT).correct("layoffz") == "layoffa"
    assert Typos(set(), ["layoffa", "layoffb"], DEFAULT).correct("layoffz") == "layoffa"


def test_an_everyday_english_word_is_never_taken_for_a_typo() -> None:
    # "freezing" (a laptop) is not a misspelt "free" (a gift), "patients" not "patent".
    typos = Typos(set(), ["free", "patent", "lightn", "layoff"], DEFAULT)
    assert typos.correct(stem("freezing")) is None
    assert typos.correct(stem("patients")) is None
    assert typos.correct(stem("lights")) is None
    assert typos.correct(stem("layofs")) == "layoff"


def test_a_clipped_katakana_word_is_read_as_the_base_s_full_word() -> None:
    # Japanese chat clips loanwords: 「プロフ」 is 「プロフィール」, 「パンフ」 「パンフレット」.
    typos = Typos(
        {"プロフィール": 1, "プロフェッショナル": 1, "パンフレット": 1, "メンテ": 1, "サーバ": 1}, [], DEFAULT
    )
    assert typos.correct("プロフ") == "プロフィール"  # the shortest word it starts
    assert typos.correct("パンフ") == "パンフレット"
    assert typos.correct("メンテ") == "メンテ"  # a word the base knows stays itself
    assert typos.correct("プロ") is None  # too short to stand for a word
    assert typos.correct("スクショ") is None  # the start of no word of the base
    assert typos.correct("サーバー") == "サーバ"  # the base's spelling without the final long vowel mark


def test_a_question_with_a_clipped_word_finds_the_clause_that_writes_it_out(index: ClauseIndex) -> None:
    assert best(index, "インスタのプロフに「〇〇ホテル フロント」って書いていい?") == "AC-PROFILE"


def test_typos_are_tolerated(index: ClauseIndex) -> None:
    assert best(index, "can I tweet about the compettitor's anounced layofs?") == best(
        index, "can I tweet about the competitor's announced layoffs?"
    )
    assert best(index, "someone got my pasword, my instagarm was hacked") == "AC-ACCOUNT-SECURITY"


def test_japanese_without_spaces(index: ClauseIndex) -> None:
    assert best(index, "決算の数字を発表前にSNSでつぶやいてもいい?") == "AC-FINANCIAL"
    assert best(index, "取材の依頼が記者から来たらどうすればいい") == "AC-MEDIA"


def test_paraphrase_through_the_thesaurus(index: ClauseIndex) -> None:
    # "logo" and "merch" are not the clause's own wording for trademarks.
    assert best(index, "is it fine to sell merch with our logo on it at a fan event?") == "AC-TRADEMARKS"
    # English question, answered by way of shared concepts with the clause.
    assert best(index, "a journalist wants to quote me, ok to talk?") == "AC-MEDIA"


@pytest.mark.parametrize(
    "question",
    [
        "how many vacation days do I have left this year?",
        "where do I submit my travel expense receipts?",
        "my keyboard stopped working, can I get a new one?",
        "社食の今日のメニューは?",
        "健康診断の予約はどこでできますか",
    ],
)
def test_help_desk_questions_are_unsure(index: ClauseIndex, question: str) -> None:
    assert not index.search(question).confident


def test_nonsense_and_empty_questions_are_unsure(index: ClauseIndex) -> None:
    assert index.search("").matches == ()
    assert not index.search("").confident
    assert not index.search("zxqv blorf").confident


@pytest.mark.parametrize(
    "question",
    [
        "how do I add a shared mailbox in outlook",  # "shared" is not posting here
        "is the office open on the national holiday?",
        "how do I make a pivot table in excel",
        "Teamsで画面共有ができない",
        "how long do instagram stories last before they disappear?",  # a platform how-to
    ],
)
def test_other_workplace_topics_are_unsure(index: ClauseIndex, question: str) -> None:
    assert not index.search(question).confident


def test_common_words_weigh_less_than_rare_ones() -> None:
    assert query_weight("glassdoor") == 1.0
    assert query_weight("tweet") == 1.0
    assert FLOOR <= query_weight("know") < 0.5
    assert query_weight("problem") < query_weight("leak") <= 1.0


def test_a_concept_named_by_an_everyday_word_weighs_little(index: ClauseIndex) -> None:
    # "pay" names the work-concerns concept, but here it is a help-desk question.
    assert not index.search("Who pays for parking at the office?").confident


def test_chatty_wording_does_not_change_the_answer(index: ClauseIndex) -> None:
    plain = best(index, "can I post my salary complaints on Glassdoor?")
    chatty = best(index, "hey so quick question, can I actually post my salary complaints on Glassdoor or not?")
    assert plain == chatty == "AC-WORK-CONCERNS"


def test_a_screen_is_not_surveillance() -> None:
    # "monitor" the screen must not bring the monitoring concept; being monitored does.
    assert "@monitoring" not in terms("my second monitor is in the background of the photo")
    assert "@monitoring" in terms("are we being monitored on our personal accounts?")


def test_a_candid_photo_is_not_an_election_candidate() -> None:
    # Snowball stems both words to "candid"; the candidate keeps a stem of its own.
    assert "@politics" not in terms("took a candid of my deskmate napping, can i post it")
    assert "@photo" in terms("took a candid of my deskmate napping, can i post it")
    assert "@politics" in terms("can I endorse a candidate for mayor?")


def test_x_the_platform_in_japanese() -> None:
    assert "@social" in terms("Xで聞かれてる")
    assert "@social" not in terms("Excelで表を作る")


def test_japanese_thesaurus_forms_are_read_leftmost_longest() -> None:
    # 「個人情報」 is one form, not 「個人」 and 「情報」; forms do not overlap, and a text
    # without kana or kanji names none.
    assert japanese_forms(fold("個人情報を投稿していい？")) == ["個人情報", "投稿"]
    assert japanese_forms(fold("投稿投稿")) == ["投稿", "投稿"]
    assert japanese_forms("") == []
    assert "@privacy" in terms("個人情報を投稿していい？")


def test_posing_as_an_outsider_and_asking_whether_the_rules_apply_name_their_subjects() -> None:
    assert "@disclose" in terms("can I chime in on a teachers forum as just another teacher?")
    assert "@disclose" in terms("can I comment in a farming group like I'm just a regular grower?")
    assert "@scope" in terms("vented about our industry in a Discord server last night, does that even count?")
    assert "@scope" in terms("I only post on my personal Reddit. still covered by this?")
    # Where an executive is right now is the physical-security subject.
    assert "@facility" in terms("I tweeted that our CEO is at the airport heading to Berlin right now")
    assert "@facility" in terms("部長が今どこの空港にいるか、Xでつぶやいちゃった")
    # Answering for the company is speaking for it.
    assert "@spokesperson" in terms("someone asked why we changed the loyalty program, can I answer for us?")
    assert "@spokesperson" in terms("people keep asking about holiday returns, can I reply officially as Acme?")
    # Guessing at an executive change or a takeover is a rumour.
    assert "@rumour" in terms("someone on Twitter claims our CEO is stepping down, can I reply 'not true'?")
    assert "@rumour" in terms("everyone at the depot says we're getting bought out, can I tweet about it?")
    # 案件 is a client's project or a sponsored job: the words around it say which.
    assert "@paid" not in terms("〇〇銀行さんの案件を担当してるってLinkedInに書いていい?")
    assert "@customer" in terms("〇〇銀行さんの案件を担当してるってLinkedInに書いていい?")
    assert "@paid" in terms("取引先からインフルエンサー案件の依頼きた")
    assert "@side_job" in terms("会社のライセンスで個人の案件やってもいい?")


def test_english_thesaurus_forms_are_read_leftmost_longest() -> None:
    # A single word inside a longer form names nothing of its own, as in Japanese:
    # answering "officially" is speaking for the company, not answering criticism.
    assert [t for t in terms("can I reply to him?") if t.startswith("@")] == ["@criticism"]
    assert [t for t in terms("people keep asking about our plans, can I reply officially?") if t.startswith("@")] == [
        "@spokesperson"
    ]
    assert "@media" not in terms("I manage our social media")
    assert "@media" in terms("a reporter from the media called")


def test_a_japanese_word_that_holds_a_form_but_means_something_else_names_no_concept() -> None:
    # 部署名 (a department's name) holds 署名 (a petition's signature): read as one word.
    assert japanese_forms(fold("プロフが前の部署名のまま")) == ["プロフ", "部署名"]
    assert "@politics" not in terms("プロフが前の部署名のまま")
    assert "@politics" in terms("署名活動のリンクを拡散していい？")


@pytest.mark.parametrize(
    ("question", "named", "not_named"),
    [
        ("can I post for a city council candidate I volunteer for?", "@politics", "@recruit"),
        ("can I post about the candidate I interviewed today?", "@recruit", "@politics"),
        ("a reporter wants an interview about our launch", "@media", "@recruit"),
        ("can I congratulate a coworker on her promotion to manager?", "@colleague", "@endorse"),
    ],
)
def test_a_word_with_senses_names_the_meaning_the_other_words_name(question: str, named: str, not_named: str) -> None:
    assert named in terms(question)
    assert not_named not in terms(question)


@pytest.mark.parametrize(
    ("question", "concept"),
    [
        ("leaving next month. once im out can I write about how things work here?", "@scope"),
        ("changing the number in the link shows someone else's notes, can I post that?", "@security"),
        ("I want to post my thoughts on whether robo-advisers will replace people", "@opinion"),
        ("the branch is being folded into the head office next year, can I say so?", "@confidential"),
        ("our manager wants a tiktok for the store, can we just make one?", "@official_account"),
        ("can I post a sneak peek of the feature we're shipping next month?", "@confidential"),
        ("来月出る新商品の値段、グループLINEで聞かれた。どう答えれば?", "@confidential"),
        ("can I joke online that our chief nurse is about to get the sack?", "@rumour"),
        ("a mum on Facebook is slagging off our care home, should I stick up for us?", "@criticism"),
        ("one of my drivers filmed the crash at our depot, can he post it?", "@crisis"),
        ("found a great infographic on healthy eating, can I just repost it?", "@copyright"),
        ("is checking insta between deliveries ok?", "@worktime"),
        ("来年分院ができるって内々に聞いた、インスタで言っていい?", "@confidential"),
        ("病棟で院内感染が出たらしい、Xで注意喚起してもいい?", "@crisis"),
        ("I want to tweet that I think our new pricing is a mistake, what should I add?", "@opinion"),
        ("our train derailed outside town this morning, can I post what I saw?", "@crisis"),
        ("a client asked for my coworker's personal cell, can I just reply with it?", "@privacy"),
        ("「当ホテルとしては〜」って個人垢で返信するのはNG?", "@spokesperson"),
        ("上司に個人のインスタのパスワードを教えろって言われた。これって普通？", "@monitoring"),
        ("heard the hotel might be sold to a big chain, can I post about it?", "@rumour"),
        ("can I post about why our pastry chef got written up last week?", "@colleague"),
        ("slow day on the shop floor, can I scroll TikTok between customers?", "@worktime"),
        ("one of my accounts is a big bakery chain, can I tweet that we supply them?", "@customer"),
        ("our sales playbook has killer objection tips, ok to share a few on my blog?", "@confidential"),
        ("i film wheel truing videos at home and some started earning ad money, ok?", "@side_job"),
        ("Could I chime in without letting on I'm a store supervisor?", "@disclose"),
        ("マスターキー持った自撮りを載せてもいい?", "@facility"),
        ("今月の客室稼働率が過去最高ってつぶやいてもいい?", "@financial"),
        ("梅田店が移転するって話、まだ公式に出てないけど常連さんに教えてもいい？", "@confidential"),
        ("友達に「うち来なよ、年収上がるよ」ってDMしてもいい?", "@recruit"),
        ("行員だって言わずに普通の利用者っぽく答えてもいいかな？", "@disclose"),
        ("a local reporter DMed me about the bus strike, can I give a quote?", "@media"),
        ("can I blog about the audit sampling method our team built in-house?", "@confidential"),
        ("荷待ちの間にちょっとインスタ見てても大丈夫?", "@worktime"),
        ("相方ドライバーの寝顔がおもしろいからTikTokに上げたい", "@colleague"),
        ("only I know the password for the help centre's instagram, is that a problem?", "@official_account"),
        ("the consumer watchdog is looking into our complaints process, can I comment on it?", "@legal"),
        ("can I post about how our call targets are impossible to hit?", "@concerns"),
        ("one of our agents is going on maternity leave, can I announce it on facebook?", "@colleague"),
        ("can I share our troubleshooting scripts on my blog? they took ages to write", "@confidential"),
        ("a WhatsApp forward says rates jump next week, can I pass it on to my followers?", "@rumour"),
        ("our donor database got hacked, can I warn people about it on Facebook?", "@crisis"),
        ("a 'recruiter' on LinkedIn keeps asking which EDR we use, how should I handle it?", "@security"),
        ("my manager wants to follow my private Instagram, do I have to accept?", "@monitoring"),
        ("does the stuff I say in a public Discord server for support agents count too?", "@scope"),
        ("うちが受託してる保険会社の名前、プロフに書いていい?", "@customer"),
        ("トイレ休憩も取れないセンターの実態、noteに書いてもいい?", "@concerns"),
        ("新しい問い合わせシステムのコード名、投稿に書いたらまずい?", "@confidential"),
        ("配信中にお客様の注文画面が一瞬映っちゃった…", "@mistake"),
        ("障害の振り返りツイート、出す前に誰かに見てほしい", "@training"),
        ("出向で来てる人も、うちのSNSの決まりを守る必要ありますか", "@scope"),
        ("倉庫の場所がわかる写真って投稿していいの?", "@facility"),
        ("店のロゴを使った知らないアカウントが、お客さんにカード番号を聞くDMを送ってるらしい", "@security"),
        ("有料で小さな会を開こうかと。会社的に大丈夫?", "@side_job"),
        ("リプで「その情報古いですよ」と指摘された。どう対応するのがいい?", "@mistake"),
    ],
)
def test_a_situation_put_in_everyday_words_names_its_subject(question: str, concept: str) -> None:
    assert concept in terms(question)


def test_a_word_with_senses_alone_names_every_meaning() -> None:
    assert {"@politics", "@recruit"} <= set(terms("can I post about a candidate?"))


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        (
            "I'm volunteering for a city council candidate, can I mention I'm an Acme engineer in posts for them?",
            "AC-POLITICS",
        ),
        ("can I congratulate my coworker on her promotion publicly before she announces it herself", "AC-COLLEAGUES"),
    ],
)
def test_a_word_with_senses_reaches_the_subject_of_its_meaning(index: ClauseIndex, question: str, clause: str) -> None:
    assert best(index, question) == clause


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("my supervisor wants me to friend her on facebook, do I have to?", "AC-MONITORING"),
        ("does the university watch what staff post on their personal instagram?", "AC-MONITORING"),
        ("店長にインスタのフォローを強制されるのっておかしくない?", "AC-MONITORING"),
        ("I answer car questions on a forum, do I have to mention I sell for Acme?", "AC-DISCLOSE"),
        ("can I joke on twitter that my whole team is about to get reorged?", "AC-RUMOURS"),
        ("保護者から学校の方針をDMで聞かれた。学校として答えていい?", "AC-SPOKESPERSON"),
        ("the card machines are down at every branch and people keep asking me on twitter", "AC-CRISIS"),
        ("寄付企業さんの名前、先方の了承なしでSNSに出していい?", "AC-CUSTOMERS"),
        ("来月出る新商品の値段、グループLINEで聞かれた。どう答えれば?", "AC-CONFIDENTIAL"),
        ("社員ってバレて変なリプが毎日来る。どうしたらいい?", "AC-RESPECT"),
    ],
)
def test_how_people_describe_a_situation_reaches_its_subject(index: ClauseIndex, question: str, clause: str) -> None:
    assert best(index, question) == clause


def test_everyday_descriptions_reach_the_subject(index: ClauseIndex) -> None:
    assert best(index, "people say there was an explosion at one of our sites, can I comment on it?") == "AC-CRISIS"
    assert best(index, "the power is out and everyone is being evacuated, ok to tweet about it?") == "AC-CRISIS"
    assert best(index, "a fan asked for the cell number of our store manager, can I give it out?") == "AC-PRIVACY"


@pytest.mark.parametrize(
    "question",
    [
        "how do I approve my team's expense claims in Coupa?",
        "can you give me access to the finance team's shared login for the bank portal",
        "a customer wants a refund because the box arrived crushed, what's the process",
        "do we get a day off in lieu for working the bank holiday?",
        "how do I make our team's Confluence page visible to the whole company?",
        "社内ポータルのアカウント作成を新入社員の分まとめて依頼したい",
    ],
)
def test_workplace_systems_and_admin_tasks_are_unsure(index: ClauseIndex, question: str) -> None:
    assert not index.search(question).confident, question


@pytest.mark.parametrize(
    "question",
    [
        "社内報の原稿の提出方法を教えてください",
        "新しいスマホにSlackを入れる手順を教えて",
        "how do I change my profile photo in Teams?",
    ],
)
def test_questions_about_operating_something_are_unsure(
    index: ClauseIndex, words_before_form: ClauseIndex, question: str
) -> None:
    assert not index.search(question).confident, question
    # Their words alone would answer them: the question's form decides.
    assert words_before_form.search(question).confident, question


@pytest.mark.parametrize(
    ("base", "question", "answered"),
    [
        ("industry-pharma", "How do I order a new lab coat in a different size?", False),
        ("industry-university", "How much are teaching assistants paid per hour?", False),
        ("industry-city", "転入届に必要な書類を市民に聞かれた", False),
        ("industry-bank", "沈黙期間っていつからいつまで?", True),
    ],
)
def test_a_procedure_naming_neither_a_channel_nor_a_policy_subject(base: str, question: str, answered: bool) -> None:
    """Answered only when the clause's own words cover most of it (another organisation's base)."""
    index = ClauseIndex(load(PROXY.parent / base / "kb"))
    assert index.search(question).confident is answered, question


@pytest.mark.parametrize("question", ["Xのパスワードを忘れた。再設定の手順は?", "how do I reset my twitter password?"])
def test_a_forgotten_password_is_the_help_desks_by_its_words_and_its_form(
    index: ClauseIndex, words_before_form: ClauseIndex, question: str
) -> None:
    assert not index.search(question).confident, question
    assert not words_before_form.search(question).confident, question


@pytest.mark.parametrize(
    "question",
    [
        "新メニューの情報はいつまで投稿NG?",
        "新メニューはいつから投稿できますか?",
        "店長に教えてもらった新メニューをインスタに載せたい",
        "店の制服を着た写真をSNSにあげてもいい?",
        "Can I post a photo of my uniform on TikTok?",
        "Can I post that we're going to merge with another company?",
        "Can I post about the new branch opening?",
        "Can I share our staff discount code with my followers?",
        "can I post about the data leak?",
        "Can I tweet that our system crashed?",
        "残業が多すぎるってXに書いてもいい?",
        "I was invited to talk about our product at a local meetup. Do I need approval?",
    ],
)
def test_posting_questions_with_a_help_desk_areas_everyday_words_are_answered(
    index: ClauseIndex, bundled_index: ClauseIndex, question: str
) -> None:
    # Uniforms, branches, discounts, leaks, overtime and invitations are the help desk's words too.
    assert index.search(question).confident, question
    assert bundled_index.search(question).confident, question


def test_asking_whether_something_may_be_posted_is_answered(index: ClauseIndex) -> None:
    assert best(index, "社内報の記事をXで紹介してもいいですか?") == "AC-INTERNAL-COMMS"  # answered, too


def test_subject_words_outweigh_incidental_platform_words(index: ClauseIndex) -> None:
    assert best(index, "my LinkedIn bio mentions acme, can I still campaign for a candidate in the election?") == (
        "AC-POLITICS"
    )
    assert best(index, "is it smart to invest in acme stock right now, a follower asked me") == "AC-FINANCIAL"
    assert best(index, "開発中の製品を社内の仮称で呼んだ投稿をしてもいい?") == "AC-CONFIDENTIAL"


def test_more_help_desk_areas_do_not_reorder_the_clauses() -> None:
    """Words-only help-desk areas take no part in idf, so they cannot change clause ranking."""
    kb = load(EVAL / "kb")
    question = "can I post a photo of the whiteboard from our team meeting?"
    before = [(m.clause.id, m.score) for m in ClauseIndex(kb).rank(question, 5)]
    more = {**OFF_TOPIC, "test-extra": ("printer toner whiteboard meeting photo team",)}
    bigger = ClauseIndex(kb, help_desk=more, words_only=WORDS_ONLY | {"test-extra"})
    after = [(m.clause.id, m.score) for m in bigger.rank(question, 5)]
    assert after == before


def _assert_figures(path: Path, top1: float, top3: float, oos: float, in_unsure: float) -> None:
    figures = evaluate_questions(GuideBot(load(EVAL / "kb")), read_jsonl(path))
    assert set(figures) == {"en", "ja"}
    for lang, fig in figures.items():
        r = fig.rates()
        assert r["top1"] >= top1, (lang, r)
        assert r["top3"] >= top3, (lang, r)
        assert r["oos_unsure"] >= oos, (lang, r)
        assert r["in_unsure"] <= in_unsure, (lang, r)


def test_dev_set_figures_meet_the_targets() -> None:
    # Achieved: en 0.81 / 0.94 / 0.90 / 0.02, ja 0.82 / 0.94 / 1.00 / 0.00.
    _assert_figures(EVAL / "questions-dev.jsonl", top1=0.78, top3=0.90, oos=0.80, in_unsure=0.05)


@pytest.mark.skipif(not PROXY.exists(), reason="proxy question set not available")
def test_proxy_set_figures() -> None:
    # Achieved: en 0.82 / 0.98 / 0.95 / 0.03, ja 0.89 / 1.00 / 1.00 / 0.00.
    _assert_figures(PROXY, top1=0.78, top3=0.92, oos=0.85, in_unsure=0.05)


@pytest.mark.skipif(not CLASSES.exists(), reason="classes question set not available")
def test_classes_set_figures() -> None:
    # Achieved: en 0.93 / 1.00 / 0.96 / 0.00, ja 0.85 / 1.00 / 1.00 / 0.00 (round 3 before:
    # en 0.75 / 0.89 / 0.38, ja 0.70 / 0.95 / 0.17).
    _assert_figures(CLASSES, top1=0.78, top3=0.90, oos=0.85, in_unsure=0.05)


@pytest.fixture(scope="module")
def titles_unweighed() -> ClauseIndex:
    """The same base, with no lift for a clause whose title names the question's subject."""
    return ClauseIndex(load(EVAL / "kb"), Params(title_subject_boost=0.0))


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("does the company watch what I post on my personal TikTok?", "AC-MONITORING"),
        ("会社が社員の個人アカウントをチェックしているというのは本当でしょうか。", "AC-MONITORING"),
        ("we had a data leak last week, friends keep asking on insta. what do i tell them", "AC-CRISIS"),
        ("データセンターの場所ってSNSで言っちゃダメ?", "AC-FACILITY-SECURITY"),
    ],
)
def test_a_subject_the_question_names_lifts_the_clause_whose_title_names_it(
    index: ClauseIndex, titles_unweighed: ClauseIndex, question: str, clause: str
) -> None:
    assert best(index, question) == clause
    assert titles_unweighed.search(question).matches[0].clause.id != clause


def test_the_subjects_are_the_telling_concepts_and_their_titles_are_indexed(index: ClauseIndex) -> None:
    query = index._parser.parse("boss sent me a fb friend request, do i have to accept")
    assert "@monitoring" in query.subjects and not query.subjects & {"@post", "@social", "@colleague"}
    assert [index.clauses[i].id for i in index._index.titled["@monitoring"]] == ["AC-MONITORING"]
