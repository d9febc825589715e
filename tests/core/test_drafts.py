"""A chat message that reads as a draft is checked as one, and the reply says so."""

from __future__ import annotations

import pytest

from adapters.slack.blocks import to_blocks
from adapters.teams.cards import to_adaptive_card
from bot.assistant.drafts import reads_as_draft
from bot.assistant.engine import GuideBot
from bot.assistant.render_text import to_text
from bot.data.messages import msg
from bot.domain.policy import KnowledgeBase
from bot.domain.replies import AnswerReply, CheckReply
from tests.surfaces import slack_shown, teams_shown

DRAFTS = [
    # several sentences that ask nothing
    "Excited to share that our team shipped the new release today. Huge thanks to everyone involved!",
    # long, one sentence, asks nothing
    "Just wrapped up an amazing week at the Acme offsite in Kyoto with the whole platform team and "
    "I cannot wait to tell everyone about the roadmap we drew up for next year and the launch we are planning now",
    # a login pair, however short
    "staging login: admin / qzvnqf",
    # a detector fires, even inside a question
    "Can I post my number 090-4417-2286 on LinkedIn?",
    "is it ok to tweet sk-proj-Zq9xW3vB7nM2kL5pR8tY1uI4oP6aS0dF",
    # Japanese: two sentences that ask nothing; a detector
    "新製品を本日発表しました。ぜひチェックしてください！",
    "連絡は yui.sato@acme-corp.co.jp までお願いします",
]
QUESTIONS = [
    "Can I post photos from the team offsite on Instagram?",
    "how do I disclose that I work here",
    "Thanks. Which clause covers hashtags?",
    "personal Facebook on the work laptop",
    "Can I share https://www.example.com/press/launch on LinkedIn?",  # a link is not personal data
    "I want to share our launch video. Is that allowed",
    'Can I post this: "I think our app beats theirs. Mail me at jane.doe@acme-corp.co.jp"?',  # quoted: ask checks it
    "Can I post this?\nMy number is 090-4417-2286, call me",  # pointed at, on a line of its own: ask checks it
    "有給休暇は何日?",
    "社内の写真をSNSに載せてもいいですか",
    "競合について投稿しても大丈夫？",
    "Slack / Teams policy",
]


@pytest.mark.parametrize("text", DRAFTS)
def test_drafts_read_as_drafts(eval_kb: KnowledgeBase, text: str) -> None:
    assert reads_as_draft(eval_kb, text)


@pytest.mark.parametrize("text", QUESTIONS)
def test_questions_read_as_questions(eval_kb: KnowledgeBase, text: str) -> None:
    assert not reads_as_draft(eval_kb, text)


def test_answer_checks_a_draft_and_says_so_on_every_surface(eval_bot: GuideBot) -> None:
    reply = eval_bot.answer(DRAFTS[3])
    assert isinstance(reply, CheckReply) and reply.read_as_draft
    assert any(f.category == "personal-data" for f in reply.result.findings)
    note = msg("check.as_draft", "en")
    assert to_text(reply).startswith(note)
    assert slack_shown(to_blocks(reply)["blocks"][0]["elements"][0]["text"]).text == note
    assert teams_shown(to_adaptive_card(reply)["body"][0]["text"]).text == note
    ja = eval_bot.answer(DRAFTS[-1])
    assert isinstance(ja, CheckReply) and to_text(ja).startswith(msg("check.as_draft", "ja"))
    # A draft sent with checkpost is not "read as" one: no note.
    assert not to_text(eval_bot.check(DRAFTS[3])).startswith(note)


def test_answer_asks_a_question(eval_bot: GuideBot) -> None:
    assert isinstance(eval_bot.answer(QUESTIONS[0]), AnswerReply)


@pytest.fixture(scope="module")
def bundled_bot() -> GuideBot:
    from bot.knowledge.loader import load
    from tests.conftest import REPO

    return GuideBot(load(REPO / "knowledge"))


def _every_surface(reply: AnswerReply) -> dict[str, str]:
    """What a person reads of ``reply`` in the terminal, in Slack and in Teams, flattened."""
    from tests.surfaces import card_texts, slack_texts

    return {
        "text": " ".join(to_text(reply).split()),
        "slack": " ".join(s.flat for s in slack_texts(to_blocks(reply))),
        "teams": " ".join(s.flat for s in card_texts(to_adaptive_card(reply))),
    }


def test_a_quoted_drafts_findings_name_their_clauses_title_on_every_surface(bundled_bot: GuideBot) -> None:
    """The finding's clause need not be among the question's matches: its title is still shown."""
    reply = bundled_bot.ask('Can I post this: "I think our product beats theirs. Mail me at bob@example.com"?')
    assert reply.check is not None and "SM-PERSONAL-DATA" in reply.cited
    assert "SM-PERSONAL-DATA" not in [m.clause.id for m in reply.matches]
    title = reply.cited["SM-PERSONAL-DATA"].title["en"]
    for surface, shown in _every_surface(reply).items():
        assert title in shown, surface


def test_a_how_to_question_in_a_situation_leads_with_its_verdict_on_every_surface(bundled_bot: GuideBot) -> None:
    reply = bundled_bot.ask("What should I do when a competitor's product is garbage and I want to say so?")
    assert reply.how_to and reply.case is not None and reply.headline == reply.case.verdict == "prohibited"
    for surface, shown in _every_surface(reply).items():
        assert msg("verdict.prohibited", "en") in shown and msg("verdict.guidance", "en") not in shown, surface
    # Without a situation, a how-to question still leads with the clause's guidance.
    general = bundled_bot.ask("A journalist contacted me about the company, what should I do?")
    assert general.how_to and general.case is None and general.headline == "guidance"
    for surface, shown in _every_surface(general).items():
        assert msg("verdict.guidance", "en") in shown, surface


@pytest.mark.parametrize(
    ("message", "pointed", "checked"),
    [
        # set apart (a line, a colon), several sentences, or the marks of a post: checked as a draft
        ("Is this ok to post: we're hiring! DM me for details", "we're hiring! DM me for details", True),
        (
            "Can I post this on LinkedIn?\nThrilled to announce our new partner",
            "Thrilled to announce our new partner",
            True,
        ),
        ("Can I post this? Great day at the office 🎉 #teamwork", "Great day at the office 🎉 #teamwork", True),
        ("以下の文章をXに載せても大丈夫ですか？\n新製品、来月発売予定です！", "新製品、来月発売予定です！", True),
        # pointed at, but maybe a remark about the post: not checked, yet never kept
        ("Can I post this? Loving the ramen at Osaka Grill tonight", "Loving the ramen at Osaka Grill tonight", False),
        (
            "Loving the ramen at Osaka Grill tonight! Can I post this?",
            "Loving the ramen at Osaka Grill tonight!",
            False,
        ),
        (
            "Can I post this? I'm not sure whether it is confidential.",
            "I'm not sure whether it is confidential.",
            False,
        ),
        ("これシェアしてもいい？社内イベントの写真です。", "社内イベントの写真です。", False),
        # nothing pointed at: no asking sentence opens or closes on it, too short, or asking again
        (
            "Confidential: Q3 revenue hit 4.2 billion, not announced yet. So proud to share this on LinkedIn: yay!",
            None,
            False,
        ),
        ("Can I post this photo of my team on Instagram? My manager said it's fine.", None, False),
        ("Can I post photos of the office? I work in marketing.", None, False),
        ("is this ok? I think so", None, False),
        ("Can I post this? Or should I ask my manager first?", None, False),
    ],
)
def test_a_question_may_point_at_a_draft_it_carries_without_quotes(
    message: str, pointed: str | None, checked: bool
) -> None:
    from bot.assistant.drafts import possible_draft, unquoted_draft
    from bot.assistant.engine import quoted_draft

    assert possible_draft(message) == pointed  # never kept
    assert unquoted_draft(message) == (pointed if checked else None)  # checked as a draft
    assert quoted_draft(message) == (pointed if checked else None)


@pytest.mark.parametrize(
    "question",
    ["Can I post?", "Am I allowed to post this?", "can I tweet?", "これ投稿していい？", "SNSに投稿してもいい？"],
)
def test_a_question_that_names_nothing_but_posting_asks_what_about_on_every_surface(
    bundled_bot: GuideBot, question: str
) -> None:
    """Every clause is about posting: none answers "Can I post?", so no verdict is given."""
    reply = bundled_bot.ask(question)
    assert reply.outcome == "unsure" and reply.vague and reply.matches == () and reply.verdict is None
    asked = msg("unsure.vague", reply.lang).split("“")[0].split("（")[0]  # "Tell me what you would like to post"
    for surface, shown in _every_surface(reply).items():
        assert asked in shown and "checkpost" in shown, surface
    # Naming what, however briefly, is a question the policy answers; a medium of one's own says what too.
    assert bundled_bot.ask("Can I post a photo?").outcome == "answered"
    assert not bundled_bot.ask("Can I blog?").vague and not bundled_bot.ask("ブログを書いてもいい？").vague
