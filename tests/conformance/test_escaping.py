"""User and knowledge-base text is shown as typed on every surface: a property test.

Random strings made of markup characters, mentions and links go into every text field of
every reply type; each rendered message is then read the way its surface reads it
(:mod:`tests.surfaces`). The text must be shown literally, and no link, mention,
formatting or block quote may come of it.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from adapters.slack.blocks import to_blocks
from adapters.slack.mrkdwn import escape
from adapters.teams.bf import to_activity
from adapters.teams.cards import to_adaptive_card, to_message
from adapters.teams.markdown import literal
from bot.assistant.engine import GuideBot
from bot.data.messages import msg
from bot.domain.replies import NoticeReply
from bot.knowledge.loader import load
from tests.conftest import EVAL_KB
from tests.surfaces import card_texts, slack_objects, slack_shown, slack_texts, teams_shown

from .gallery import MARKUP, every_reply

BOT = GuideBot(load(EVAL_KB))
FRAGMENTS = (
    "*", "_", "~", "`", "**", "__", "~~", "```", "[", "]", "(", ")", "](", "<", ">", "&", "&amp;", "&lt;", "\\",
    "|", "#", "# ", "- ", "+ ", "1. ", "> ", "\n", "\n\n", " ", "    ", "=", "---", "!", ":", "@",
    "<@U123>", "<@U123|bob>", "<!channel>", "<!here>", "<!subteam^S1|@team>", "@here", "@channel", "<#C0GEN>",
    "<#C0GEN|general>", "#general", "<https://evil.example|click>", "[click](https://evil.example/x)",
    "https://evil.example/x", "http://a.b", "evil.example", "www.evil.example", "a@b.example", "mailto:a@b.example",
    "<at>Bob</at>", ":smile:", "![img](https://evil.example/i.png)", "profits", "x", "売上", "社外秘", "Ａ",
)  # fmt: skip
hostile = (
    st.lists(
        st.sampled_from(FRAGMENTS) | st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=3),
        min_size=1,
        max_size=12,
    )
    .map("".join)
    .filter(lambda s: s.strip() != "" and len(s) <= 80)
)
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _flat(text: str) -> str:
    return " ".join(text.split())


def _slack_problems(message: dict[str, Any], text: str) -> list[str]:
    problems = []
    for kind, obj in slack_objects(message):
        if kind == "mrkdwn" and obj.get("verbatim") is not True:
            problems.append(f"mrkdwn without verbatim: {obj['text']!r}")
    shown = slack_texts(message)
    for s in shown:
        problems += [f"link or mention {link!r}" for link in s.links]
    visible = _flat(" ".join(s.text for s in shown))
    if _flat(text) not in visible:
        problems.append(f"{text!r} not shown as typed in {visible!r}")
    return problems


def _teams_problems(card: dict[str, Any], text: str) -> list[str]:
    shown = card_texts(card)
    problems = [f"markup {tag!r} in {s.text!r}" for s in shown for tag in s.formats]
    problems += [f"link {link!r}" for s in shown for link in s.links]
    visible = _flat(" ".join(s.text for s in shown))
    if _flat(text) not in visible:
        problems.append(f"{text!r} not shown as typed in {visible!r}")
    return problems


@PROPERTY
@given(text=hostile, lang=st.sampled_from(["en", "ja"]))
def test_slack_shows_user_text_as_typed_and_links_nothing(text: str, lang: str) -> None:
    for name, reply in every_reply(BOT, lang, text).items():
        if name in ("help", "form", "quiz_done", "report_empty", "reminder_list_empty"):
            continue  # no user text in them; they are checked for markup all the same below
        assert not _slack_problems(to_blocks(reply), text), name


@PROPERTY
@given(text=hostile, lang=st.sampled_from(["en", "ja"]))
@example(text="**売上", lang="en")  # a Japanese fact title kept on one line must stay escaped
def test_teams_shows_user_text_as_typed_and_links_nothing(text: str, lang: str) -> None:
    for name, reply in every_reply(BOT, lang, text).items():
        if name in ("help", "form", "quiz_done", "report_empty", "reminder_list_empty", "notice"):
            continue  # a notice goes as plain text (see test_teams_notices_are_plain_text)
        assert not _teams_problems(to_adaptive_card(reply), text), name


@PROPERTY
@given(text=hostile)
def test_the_escaping_functions_round_trip(text: str) -> None:
    assert slack_shown(escape(text)).text == text
    assert not slack_shown(escape(text)).links and not slack_shown(escape(text)).formats
    shown = teams_shown(literal(text))
    assert not shown.links and not shown.formats
    assert _flat(shown.text) == _flat(text)


def test_the_issue_examples_are_shown_as_typed() -> None:
    """The cases people saw: a quoted draft in Teams, excerpts in Slack, the manager's channel link."""
    card = to_adaptive_card(every_reply(BOT, "en", "**revenue** [click here](evil.example/x)")["answer_quoting_draft"])
    assert not _teams_problems(card, "**revenue** [click here](evil.example/x)")
    message = to_blocks(every_reply(BOT, "en", "*profits*, _x_, ~soon~")["check"])
    assert not _slack_problems(message, "*profits*, _x_, ~soon~")
    assert not _slack_problems(to_blocks(every_reply(BOT, "ja", MARKUP)["answer_quoting_draft"]), MARKUP)


def test_the_models_see_markup_when_it_is_not_escaped() -> None:
    """The readers are not blind: unescaped text gives the problems the escaping prevents."""
    raw = slack_shown("*profits* <@U123> <!channel> _x_ ~soon~ `code`")
    assert raw.links == ["@U123", "!channel"]
    assert sorted(raw.formats) == ["bold:profits", "code:code", "italic:x", "strike:soon"]
    md = teams_shown("**revenue** [click here](evil.example/x) https://evil.example")
    assert md.links == ["evil.example/x", "https://evil.example"] and "strong" in md.formats
    message = {"text": "x", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "@here"}}]}
    assert _slack_problems(message, "@here") == ["mrkdwn without verbatim: '@here'"]


def test_teams_notices_are_plain_text() -> None:
    """A notice may echo a word of user text: it goes as a plain-text activity, formatted by nothing."""
    notice = every_reply(BOT, "en", "**x** [y](https://evil.example)")["notice"]
    activity = to_activity(to_message(notice))
    assert activity.text_format == "plain" and activity.text == "No such clause: **x** [y](https://evil.example)"


def test_commands_are_named_as_each_platform_takes_them() -> None:
    """`policy list` in the catalogue: /policy list in Slack (as code), policy list in Teams (no backticks)."""
    help_ja = every_reply(BOT, "ja")["help"]
    slack = [s for s in slack_texts(to_blocks(help_ja))]
    assert any("code:/policy list" in s.formats for s in slack)
    card = to_adaptive_card(help_ja)
    shown = "\n".join(s.text for s in card_texts(card))
    assert "policy list" in shown and "`" not in shown and "`" not in card["fallbackText"]
    unknown = NoticeReply("en", msg("show.unknown", "en", id="X-1"), "warning")
    assert "`" not in to_message(unknown).text and "policy list" in to_message(unknown).text


def test_japanese_notifications_and_fallbacks_use_the_catalogue_labels() -> None:
    """The Slack notification text and Teams' fallbackText of a Japanese check: no English severity labels."""
    check = every_reply(BOT, "ja", findings=5)["check"]
    for text in (to_blocks(check)["text"], to_adaptive_card(check)["fallbackText"]):
        assert "[warning]" not in text and "[error]" not in text and "[info]" not in text
        assert msg("severity.error", "ja") in text or msg("severity.warning", "ja") in text


def test_japanese_replies_use_the_languages_punctuation_on_every_surface() -> None:
    """A Japanese label takes 「：」 and a Japanese list 「、」, from the catalogue, in Slack and
    Teams as in the terminal: never the English ": " or ", " built into a renderer."""
    import re

    english_after_japanese = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]\s?[:,] ")
    replies = every_reply(BOT, "ja")
    replies["answer_offered"] = BOT.ask("ライバル社が倒産寸前ってうわさ、シェアしていい?")
    replies["clause_see_also"] = BOT.show("AC-OPINION", "ja") or NoticeReply("ja", "missing")
    for name, reply in replies.items():
        shown = [s.text for s in slack_texts(to_blocks(reply))] + [s.text for s in card_texts(to_adaptive_card(reply))]
        bad = [t for t in shown if english_after_japanese.search(t)]
        assert bad == [], name
