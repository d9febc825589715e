"""The terminal chat: the same commands and replies as Slack and Teams, as text."""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import os
from collections.abc import Mapping

from bot.app import App, build_app
from bot.assistant.render_text import policy_line, to_text
from bot.data.messages import msg
from bot.domain.commands import Incoming, parse_command
from bot.domain.texts import locale_language
from bot.runtime.settings import Settings

PROMPT = "you> "


def to_incoming(line: str, user_id: str, locale: str | None = None) -> Incoming:
    return Incoming("console", user_id, parse_command(line), channel_id="console", is_direct=True, locale=locale)


def terminal_locale(environ: Mapping[str, str] | None = None) -> str | None:
    """The terminal's locale (``LC_ALL``, ``LC_MESSAGES``, then ``LANG``: ``ja_JP.UTF-8``);
    None for the C/POSIX locale or none at all."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").split(".")[0]
        if value:
            return None if value in ("C", "POSIX") else value
    return None


async def converse(
    app: App, lines: list[str] | None = None, user_id: str = "console", locale: str | None = None
) -> list[str]:
    """Run a conversation; with ``lines``, reply to each and return the replies (tests).

    ``locale``: the person's (the terminal's) locale, which a reply follows when their words
    show no language (``policy help``)."""
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
        reply = await app.dispatcher.handle(to_incoming(line, user_id, locale))
        text = to_text(reply)
        replies.append(text)
        if interactive:
            print(f"guidebot> {text}\n")
    return replies


def banner(app: App, locale: str | None = None) -> str:
    """The greeting, in the terminal's language when the policy speaks it, else in the
    policy's default language (a Japanese policy greets in Japanese)."""
    kb = app.bot.kb
    lang = locale_language(locale, kb.languages) or kb.policy.default_language
    return msg("console.banner", lang, policy=policy_line(app.bot.policy_info(lang), lang)) + "\n"


def run_console(settings: Settings, kb_path: str | None = None) -> int:
    app = build_app(settings, kb_path)  # an invalid base raises; the command line says why
    user = getpass.getuser() or "console"
    locale = terminal_locale()
    print(banner(app, locale))
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_chat(app, user, locale))
    return 0


async def _chat(app: App, user: str, locale: str | None) -> None:
    # Live knowledge-base reload and usage retention; the terminal has no channel to remind.
    async with app.background(deliver_reminders=False):
        await converse(app, None, user, locale)
