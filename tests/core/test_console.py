"""The terminal chat: message in, reply out, through the same dispatcher as Slack and Teams."""

from __future__ import annotations

import tempfile

from adapters.console import converse
from bot.app import build_app
from bot.runtime.settings import Settings
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


async def test_a_reminder_cannot_be_scheduled_from_the_terminal_and_says_why():
    """The terminal's manager is console:<login>; a reminder there could never be posted, so it is refused."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            kb_path=str(EVAL_KB), database_url=f"sqlite:///{tmp}/guidebot.db", managers=frozenset({"console:alice"})
        )
        app = build_app(settings)
        try:
            remind, announce = await converse(app, ["policy remind every monday 09:00", "policy announce"], "alice")
            assert app.reminders.repo.stats("console") == []  # nothing stored that could never be posted
        finally:
            app.storage.close()
    for reply in (remind, announce):
        assert "Slack or Teams channel" in reply and "LookupError" not in reply
