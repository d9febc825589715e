"""The dispatcher: one route for every platform, and failures that never lose a reply."""

from __future__ import annotations

import logging

from bot.assistant.dispatch import CommandSpec, Dispatcher
from bot.assistant.engine import GuideBot
from bot.domain.commands import Incoming, parse_command
from bot.domain.replies import AnswerReply, CheckReply, NoticeReply, Reply

DRAFT = "Honestly our new app is way better than anything Globex has put out."


def incoming(text: str) -> Incoming:
    return Incoming("console", "u1", parse_command(text))


async def test_a_failing_usage_recorder_keeps_the_reply_and_never_logs_the_text(eval_bot: GuideBot, caplog):
    async def broken(_incoming: Incoming, _reply: Reply, _ms: float) -> None:
        raise RuntimeError("database is down")

    dispatcher = Dispatcher(eval_bot, recorder=broken)
    with caplog.at_level(logging.INFO):
        reply = await dispatcher.handle(incoming(f"checkpost {DRAFT}"))
    assert isinstance(reply, CheckReply) and reply.result.verdict == "warn"
    assert "usage record failed" in caplog.text
    assert "Globex" not in caplog.text


async def test_a_failing_subcommand_becomes_an_apology(eval_bot: GuideBot, caplog):
    async def explode(_ctx: object) -> Reply:
        raise ValueError(DRAFT)

    dispatcher = Dispatcher(eval_bot)
    dispatcher.add_command(CommandSpec("explode", explode))
    with caplog.at_level(logging.INFO):
        reply = await dispatcher.handle(incoming("policy explode now"))
    assert isinstance(reply, NoticeReply) and reply.level == "error"
    assert "Sorry" in reply.text
    assert "command failed" in caplog.text and "ValueError" in caplog.text
    assert "Globex" not in caplog.text  # the exception's message quoted the draft


async def test_checkpost_on_a_new_line_and_questions_route_to_ask(eval_bot: GuideBot):
    dispatcher = Dispatcher(eval_bot)
    checked = await dispatcher.handle(incoming(f"checkpost\n{DRAFT}"))
    assert isinstance(checked, CheckReply)
    assert checked.result.findings[0].category == "disclaimer"
    answered = await dispatcher.handle(incoming("can I post a photo of our office?"))
    assert isinstance(answered, AnswerReply) and answered.clause is not None
    assert answered.clause.id == "AC-WORKPLACE-PHOTOS"
