"""The terminal chat: the same commands and replies as Slack and Teams, as text."""

from __future__ import annotations

import asyncio
import contextlib
import getpass

from bot.app import App, build_app
from bot.assistant.render_text import to_text
from bot.data.messages import msg
from bot.domain.commands import Incoming, parse_command
from bot.runtime.settings import Settings

PROMPT = "you> "


def to_incoming(line: str, user_id: str) -> Incoming:
    return Incoming("console", user_id, parse_command(line), channel_id="console", is_direct=True)


async def converse(app: App, lines: list[str] | None = None, user_id: str = "console") -> list[str]:
    """Run a conversation; with ``lines``, reply to each and return the replies (tests)."""
    replies: list[str] = []
    interactive = lines is None
    source = iter(lines or [])
    while True:
        try:
            line = await asyncio.to_thread(input, PROMPT) if interactive else next(source)
        except (EOFError, StopIteration):
            break
        line = line.strip()
        if not line:
            continue
        if line.lower() in ("quit", "exit", "bye"):
            break
        # A bare number answering a quiz is routed by the dispatcher, as on every platform.
        reply = await app.dispatcher.handle(to_incoming(line, user_id))
        text = to_text(reply)
        replies.append(text)
        if interactive:
            print(f"guidebot> {text}\n")
    return replies


def banner(app: App) -> str:
    """The greeting, in the policy's default language (a Japanese policy greets in Japanese)."""
    lang = app.bot.kb.policy.default_language
    return (
        f"{app.bot.policy_info(lang).title} ({app.bot.kb.policy.version}). "
        f"{msg('help.title', lang)}: {msg('console.hint', lang)}\n"
    )


def run_console(settings: Settings, kb_path: str | None = None) -> int:
    app = build_app(settings, kb_path)  # an invalid base raises; the command line says why
    user = getpass.getuser() or "console"
    print(banner(app))
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_chat(app, user))
    return 0


async def _chat(app: App, user: str) -> None:
    # Live knowledge-base reload and usage retention; the terminal has no channel to remind.
    async with app.background(deliver_reminders=False):
        await converse(app, None, user)
