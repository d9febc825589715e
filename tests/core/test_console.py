"""The terminal chat: message in, reply out, through the same dispatcher as Slack and Teams."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from adapters.console import Conversation, converse
from bot.app import App, build_app
from bot.data.messages import msg
from bot.features.owner.learning import LearningRepo
from bot.runtime.settings import BUNDLED_KB, Settings
from tests.conftest import EVAL_KB


async def chat(*lines: str) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        app = build_app(Settings(kb_path=str(EVAL_KB), database_url=f"sqlite:///{tmp}/guidebot.db"))
        try:
            return await converse(app, list(lines))
        finally:
            close = getattr(app.storage, "close", None)
            if close:
                close()


async def test_policy_help_list_and_show():
    help_, listing, shown, missing, usage = await chat(
        "policy help", "policy list", "policy show ac-cite", "policy show AC-NOPE", "policy show"
    )
    assert "checkpost" in help_ and "policy show" in help_
    assert listing.count("AC-") == 35 and "AC-SCOPE: Who and what these guidelines cover" in listing
    assert shown.startswith("AC-CITE: Quoting articles and citing sources")
    assert "AC-COPYRIGHT" in shown  # see_also
    assert "AC-NOPE" in missing
    assert "policy show" in usage


async def test_checkpost_checks_the_draft_and_masks_personal_data():
    (reply,) = await chat("checkpost Project Bluefin is coming, mail me at jane.doe@example.com")
    assert "AC-CONFIDENTIAL" in reply and "AC-PRIVACY" in reply
    assert "jane.doe@example.com" not in reply and "@example.com" in reply


async def test_checkpost_without_a_draft_explains_itself():
    (reply,) = await chat("checkpost")
    assert "checkpost" in reply


async def test_japanese_question_is_answered_in_japanese():
    (reply,) = await chat("会社のロゴをアイコンにしてもいいですか?")
    assert "AC-TRADEMARKS" in reply and "アクメのロゴ" in reply


async def test_unknown_subcommand_and_conversation_end():
    replies = await chat("policy frobnicate", "", "quit", "policy help")
    assert len(replies) == 1  # blank lines are skipped, "quit" ends the chat
    assert "frobnicate" in replies[0] and "policy help" in replies[0]


def test_banner_speaks_the_policy_default_language(write_kb, tmp_path):
    from adapters.console import banner
    from tests.core.kb_text import variant

    kb = write_kb(variant("default_language: en", "default_language: ja"))
    app = build_app(Settings(kb_path=str(kb), database_url=f"sqlite:///{tmp_path}/guidebot.db"))
    try:
        assert (
            banner(app) == "小さなテスト方針／版：T-1。使い方は「ヘルプ」と入力すると表示されます。"
            "終了するときは quit と入力してください。\n"
        )
    finally:
        app.close()
    english = build_app(Settings(kb_path=str(EVAL_KB), database_url=f"sqlite:///{tmp_path}/other.db"))
    try:
        assert banner(english).endswith("How I can help: type `policy help`; `quit` to leave.\n")
    finally:
        english.close()


WRONGLY_ANSWERED = "teammate's leaving next month, ok to post a goodbye before she tells people?"


def open_app(tmp: str, **settings: object) -> App:
    return build_app(Settings(kb_path=str(EVAL_KB), database_url=f"sqlite:///{tmp}/guidebot.db", **settings))


async def test_typed_y_n_and_an_offered_id_stand_for_the_answer_buttons(tmp_path: Path) -> None:
    """Was this helpful? and Also see, typed: recorded as the buttons are, and learnt from."""
    app = open_app(str(tmp_path), keep_questions_days=30)
    try:
        talk = Conversation(app, "alice", None, lambda text: None)
        first = await talk.reply_to(WRONGLY_ANSWERED)
        assert talk.choices.rated == "AC-PROFILE" and "AC-COLLEAGUES" in talk.choices.offered
        assert first.endswith(
            "\nHelpful? Type `y` or `n`.\n" + msg("console.pick", "en", id=next(iter(talk.choices.offered)))
        )
        assert msg("helpful.sorry", "en") in await talk.reply_to("n")  # and where to find the right clause
        picked = await talk.reply_to("ac-colleagues")  # any case, as typed
        assert picked.startswith("⚠️ Allowed with conditions · AC-COLLEAGUES: ")
        assert talk.choices.rated == "AC-COLLEAGUES" and "Helpful? Type `y` or `n`." in picked
        assert msg("helpful.thanks", "en") in await talk.reply_to("YES")
        # Nothing left to rate: "y" is a message again, and no answer was rated twice.
        assert "Helpful?" not in await talk.reply_to("y")
        suggestions = LearningRepo(app.storage.engine).suggestions()
        assert [(x.clause_id, x.question) for x in suggestions] == [("AC-COLLEAGUES", WRONGLY_ANSWERED)]
    finally:
        app.close()


async def test_typed_choices_speak_the_reply_language(tmp_path: Path) -> None:
    app = open_app(str(tmp_path))
    try:
        talk = Conversation(app, "alice", None, lambda text: None)
        reply = await talk.reply_to("サブ垢で自社製品をべた褒めするのはアリ?")
        assert "役に立ちましたか？ `y` または `n` を入力してください。" in reply
        assert "候補の条項を読むには、そのIDを入力してください。\n例： `AC-ANONYMOUS`" in reply
        assert msg("helpful.sorry", "ja") in await talk.reply_to("いいえ")
        assert "AC-ANONYMOUS" in (await talk.reply_to("AC-ANONYMOUS")).splitlines()[0]
    finally:
        app.close()


async def test_a_manager_schedules_and_announces_reminders_in_the_terminal(tmp_path: Path) -> None:
    """The terminal is its own channel: the announcement is shown in the chat, `read` acknowledges it."""
    app = open_app(str(tmp_path), managers=frozenset({"console:alice"}))
    try:
        shown = await converse(
            app,
            ["policy remind every monday 09:00 AC-CITE", "policy remind #general every day 09:00",
             "policy announce AC-PRIVACY", "read", "read", "policy reminders"],
            "alice",
        )  # fmt: skip
        stats = {s.reminder.schedule: s for s in app.reminders.repo.stats("console", active_only=False)}
    finally:
        app.close()
    scheduled, elsewhere, posted, announced, thanks, again, listing = shown
    assert "every monday 09:00" in scheduled and "AC-CITE" in scheduled
    assert msg("remind.no_channel_console", "en") in elsewhere
    assert posted.startswith("📌 ") and "AC-PRIVACY" in posted and posted.endswith(msg("console.read", "en"))
    assert announced == msg("announce.done", "en", channel="this chat")
    assert msg("ack.thanks", "en") in thanks and msg("ack.already", "en") in again
    assert "every monday 09:00" in listing
    assert set(stats) == {"every monday 09:00", "announce"}
    assert (stats["announce"].deliveries, stats["announce"].acks) == (1, 1)
    assert (stats["every monday 09:00"].deliveries, stats["every monday 09:00"].acks) == (0, 0)


async def test_the_terminal_delivers_only_its_own_reminders(tmp_path: Path) -> None:
    """A server and the terminal chat may share a database: each delivers its own platforms' reminders."""
    app = open_app(str(tmp_path), managers=frozenset({"console:alice"}))
    try:
        posted: list[str] = []
        Conversation(app, "alice", None, posted.append)  # registers the terminal's sender
        repo = app.reminders.repo
        now = datetime.now(UTC)
        common = {"team_id": None, "schedule": "every day 09:00", "cron": "0 9 * * *", "timezone": "UTC",
                  "clause_ids": ["AC-CITE"], "lang": "en", "created_by": "U1", "now": now - timedelta(minutes=5),
                  "next_run_at": now - timedelta(minutes=1)}  # fmt: skip
        slack = repo.create(platform="slack", channel_id="C1", **common)
        console = repo.create(platform="console", channel_id="console", **common)
        report = await app.reminders.run_due(now)
        assert report.sent == 1 and len(posted) == 1 and "AC-CITE" in posted[0]
        assert repo.deliveries_of(slack.id) == [] and repo.get(slack.id) == slack  # left for the server
        assert len(repo.deliveries_of(console.id)) == 1
    finally:
        app.close()


async def test_a_bare_clause_id_shows_the_clause_and_corrects_an_answer(tmp_path: Path) -> None:
    """Every answer cites clause ids: typing one shows it (``policy show``), and after "not helpful"
    it is the person's correction, like an offered clause; it is no question, nor a knowledge gap."""
    app = open_app(str(tmp_path), keep_questions_days=30)
    try:
        talk = Conversation(app, "alice", None, lambda text: None)
        await talk.reply_to(WRONGLY_ANSWERED)
        await talk.reply_to("n")
        shown = await talk.reply_to("ac-scope")  # not among the offered: shown as policy show shows it
        assert shown.startswith("AC-SCOPE: Who and what these guidelines cover")
        suggestions = LearningRepo(app.storage.engine).suggestions()
        assert [(x.clause_id, x.question) for x in suggestions] == [("AC-SCOPE", WRONGLY_ANSWERED)]
        cited = app.bot.ask(" ac-cite ")  # guidebot ask ID: the clause, as an answer
        assert (cited.outcome, [m.clause.id for m in cited.matches], cited.case) == ("answered", ["AC-CITE"], None)
    finally:
        app.close()


async def test_a_situations_number_answers_in_it(tmp_path: Path) -> None:
    """The general rule answered a clause with situations: typing a number stands for its button."""
    app = build_app(Settings(kb_path=str(BUNDLED_KB), database_url=f"sqlite:///{tmp_path}/guidebot.db"))
    try:
        talk = Conversation(app, "alice", None, lambda text: None)
        first = await talk.reply_to("Can I talk about competitors?")
        clause = app.bot.clause("SM-COMPETITORS")
        assert clause is not None and msg("console.situation", "en", n=len(clause.cases)) in first
        second = await talk.reply_to("2")  # the second situation listed
        case = clause.cases[1]
        assert second.startswith("⛔ Not allowed · SM-COMPETITORS: ") and case.when["en"] in second
        assert msg("console.situation", "en", n=len(clause.cases)) not in second  # answered in it: none to pick
        assert "Not allowed" not in (await talk.reply_to("9")).splitlines()[0]  # out of range: a message
    finally:
        app.close()
