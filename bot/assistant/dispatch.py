"""Chat commands, the same on Slack, Teams and the console.

``checkpost DRAFT``, ``policy SUB ...`` and plain questions. Subcommands that need
storage or the platform (reminders, quiz, report) are registered by the services
that implement them, so this module stays the one dispatcher.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.assistant.engine import GuideBot
from bot.checks.checker import InputTooLarge
from bot.data.messages import msg
from bot.domain.replies import FormReply, HelpReply, Incoming, NoticeReply, Reply
from bot.runtime.logsafe import describe_failure

log = logging.getLogger(__name__)

Subcommand = Callable[["CommandContext", str], Awaitable[Reply]]
CHECK_IN_THREAD_CHARS = 50_000  # longer drafts are checked in a worker thread (tens of ms and up)
MAX_BARE_NUMBER = 3  # digits of a bare answer ("2"); longer numbers are questions as usual


@dataclass
class CommandContext:
    """What a command handler may use: the core, the person and their language."""

    bot: GuideBot
    incoming: Incoming
    lang: str
    is_manager: bool = False


@dataclass
class Dispatcher:
    """Routes an :class:`Incoming` message to the command or question it is."""

    bot: GuideBot
    subcommands: dict[str, Subcommand] = field(default_factory=dict)
    is_manager: Callable[[Incoming], Awaitable[bool]] | None = None
    # Called with (incoming, reply, duration in ms) after every reply: usage records.
    recorder: Callable[[Incoming, Reply, float], Awaitable[None]] | None = None
    # Subcommands waiting for a bare number from a person (a quiz question in progress):
    # name -> "is one pending for this person?". A bare "2" then means "policy NAME 2".
    awaiting: dict[str, Callable[[Incoming], bool]] = field(default_factory=dict)

    def register(self, name: str, handler: Subcommand) -> None:
        self.subcommands[name] = handler

    async def handle(self, incoming: Incoming) -> Reply:
        """Reply to one message; failures become a short apology, never a traceback."""
        started = time.perf_counter()
        reply = await self._reply(incoming)
        if self.recorder is not None:
            try:
                await self.recorder(incoming, reply, (time.perf_counter() - started) * 1000)
            except Exception as exc:  # a usage record is not worth losing the reply over
                log.error("usage record failed (platform=%s): %s", incoming.platform, describe_failure(exc))
        return reply

    async def _reply(self, incoming: Incoming) -> Reply:
        text = incoming.text.strip()
        lang = self.bot.language(text, incoming.lang)
        try:
            return await self._route(incoming, text, lang)
        except InputTooLarge as exc:
            return NoticeReply(lang, str(exc), "warning")
        except Exception as exc:
            # Never log the text, nor the exception's message, which may quote it: a draft
            # is confidential. The type and the frames say where it failed.
            log.error(
                "command failed (platform=%s, length=%d): %s", incoming.platform, len(text), describe_failure(exc)
            )
            return NoticeReply(lang, msg("error.apology", lang), "error")

    async def _route(self, incoming: Incoming, text: str, lang: str) -> Reply:
        if text.isdecimal() and len(text) <= MAX_BARE_NUMBER:
            for name, waiting in self.awaiting.items():
                if waiting(incoming):
                    return await self.policy(f"{name} {text}", incoming)
        word, _, rest = text.partition(" ")
        head = word.lower().lstrip("/")
        if "\n" in word:  # "checkpost\nDRAFT": the first word ends at the line break
            first, _, more = word.partition("\n")
            head, rest = first.lower().lstrip("/"), more + (" " + rest if rest else "")
        if head == "checkpost":
            return await self.checkpost(rest.strip(), incoming)
        if head == "policy":
            return await self.policy(rest.strip(), incoming)
        if head in ("help", "ヘルプ") and not rest:
            return await self.policy("help", incoming)
        # In a thread: the sentence model (and, on a cold start, embedding the base's texts)
        # must never hold up the event loop and other people's messages.
        return await asyncio.to_thread(self.bot.ask, text, incoming.lang)

    async def checkpost(self, draft: str, incoming: Incoming) -> Reply:
        lang = self.bot.language(draft, incoming.lang)
        if not draft:
            return (
                FormReply(lang) if incoming.platform != "console" else NoticeReply(lang, msg("checkpost.empty", lang))
            )
        if len(draft) > CHECK_IN_THREAD_CHARS:  # keep the event loop free for other people's messages
            return await asyncio.to_thread(self.bot.check, draft, incoming.lang)
        return self.bot.check(draft, incoming.lang)

    async def policy(self, args: str, incoming: Incoming) -> Reply:
        sub, _, rest = args.partition(" ")
        sub = sub.lower() or "help"
        rest = rest.strip()
        lang = incoming.lang or (self.bot.language(rest) if rest else self.bot.kb.policy.default_language)
        if sub == "help":
            manager = await self._manager(incoming)
            return HelpReply(incoming.lang or self.bot.kb.policy.default_language, self.bot.policy_info(lang), manager)
        if sub == "list":
            return self.bot.list(incoming.lang or self.bot.kb.policy.default_language)
        if sub == "show":
            if not rest:
                return NoticeReply(lang, msg("show.usage", lang), "warning")
            shown = self.bot.show(rest.split()[0], incoming.lang or self.bot.kb.policy.default_language)
            return shown or NoticeReply(lang, msg("show.unknown", lang, id=rest.split()[0]), "warning")
        handler = self.subcommands.get(sub)
        if handler is None:
            return NoticeReply(lang, msg("unknown.sub", lang, sub=sub), "warning")
        return await handler(CommandContext(self.bot, incoming, lang, await self._manager(incoming)), rest)

    async def _manager(self, incoming: Incoming) -> bool:
        # Asked only where it matters: in Slack it may cost a users.info call.
        return await self.is_manager(incoming) if self.is_manager else False
