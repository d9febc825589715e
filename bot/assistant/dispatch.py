"""Chat commands, the same on Slack, Teams and the console.

The dispatcher routes an :class:`~bot.domain.commands.Incoming` on the type of its
command: a question to the engine, a draft to the checker, a ``policy`` subcommand to
the :class:`CommandSpec` registered under its name. Features register their own
subcommands (with the permission they need, enforced here once) and the handlers of the
buttons on their messages (:class:`~bot.domain.commands.ButtonPress`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from bot.assistant.engine import GuideBot
from bot.checks.checker import InputTooLarge
from bot.data.messages import msg
from bot.domain.commands import Ask, ButtonPress, CheckDraft, Command, Incoming, PolicyCommand
from bot.domain.replies import CheckReply, FormReply, HelpReply, NoticeReply, Reply
from bot.domain.texts import locale_language
from bot.runtime.logsafe import clipped, describe_failure

log = logging.getLogger(__name__)

CHECK_IN_THREAD_CHARS = 50_000  # longer drafts are checked in a worker thread (tens of ms and up)
MAX_BARE_NUMBER = 3  # digits of a bare answer ("2"); longer numbers are questions as usual
OFFERED_CLAUSE = "offered_clause"  # the button of a clause an answer offers ("Also see"): values clause, case, answered


@dataclass(frozen=True, slots=True)
class CommandContext:
    """What a subcommand handler may use: the core, the person, their language and the arguments."""

    bot: GuideBot
    incoming: Incoming
    lang: str
    args: str
    is_manager: bool = False


Handler = Callable[[CommandContext], Awaitable[Reply]]
ActionHandler = Callable[[ButtonPress], Awaitable[Reply | None]]
ManagerCheck = Callable[[Incoming], Awaitable[bool]]
Recorder = Callable[[Incoming, Reply, float], Awaitable[None]]
Pending = Callable[[Incoming], bool]
LocaleLookup = Callable[[Incoming], Awaitable[str | None]]
Observer = Callable[[Incoming | ButtonPress, Reply | None], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """A ``policy`` subcommand: its name, its handler and who may run it.

    ``manager_only`` commands are refused to everyone else, here and nowhere else; their
    replies (figures, confirmations, refusals) go to the asker alone, also when asked in a
    channel. ``asks_role`` commands are told whether the person is a manager (``help``
    lists the managers' commands to them); the others are not, since asking may cost a
    platform call.
    """

    name: str
    handler: Handler
    manager_only: bool = False
    asks_role: bool = False


class Dispatcher:
    """Routes an :class:`Incoming` to the command it carries, and a button press to its handler."""

    def __init__(self, bot: GuideBot, *, recorder: Recorder | None = None) -> None:
        self.bot = bot
        self.commands: dict[str, CommandSpec] = {}
        self.actions: dict[str, ActionHandler] = {}
        # Asked only where it matters (see CommandSpec): in Slack it may cost a users.info call.
        self.is_manager: ManagerCheck | None = None
        # The person's platform locale when the Incoming does not carry it (Slack: users.info),
        # asked only when their words do not show their language.
        self.locale_of: LocaleLookup | None = None
        # Called with (incoming, reply, duration in ms) after every reply: usage records.
        self.recorder = recorder
        # Subcommands waiting for a bare number from a person (a quiz question in progress):
        # name -> "is one pending for this person?". A bare "2" then means "policy NAME 2".
        self.awaiting: dict[str, Pending] = {}
        # Told of every message and button press with its reply, after it (a feature that
        # learns from what people do next). Their failures are logged, never the reply's.
        self.observers: list[Observer] = []
        for spec in (
            CommandSpec("help", self._help, asks_role=True),
            CommandSpec("list", self._list),
            CommandSpec("show", self._show),
        ):
            self.add_command(spec)
        self.add_action(OFFERED_CLAUSE, self._offered)

    def add_command(self, spec: CommandSpec) -> None:
        if spec.name in self.commands:
            raise ValueError(f"policy subcommand {spec.name!r} is registered twice")
        self.commands[spec.name] = spec

    def add_action(self, name: str, handler: ActionHandler) -> None:
        self.actions[name] = handler

    def await_number(self, name: str, pending: Pending) -> None:
        """A bare number from a person for whom ``pending`` holds answers ``policy NAME N``."""
        self.awaiting[name] = pending

    # -- messages ------------------------------------------------------------------

    async def handle(self, incoming: Incoming) -> Reply:
        """Reply to one message; failures become a short apology, never a traceback."""
        started = time.perf_counter()
        incoming = replace(incoming, lang=await self.person_language(incoming))
        incoming, reply = await self._reply(incoming)
        if self.recorder is not None:
            try:
                await self.recorder(incoming, reply, (time.perf_counter() - started) * 1000)
            except Exception as exc:  # a usage record is not worth losing the reply over
                log.error("usage record failed (platform=%s): %s", incoming.platform, describe_failure(exc))
        await self._notify(incoming, reply)
        return reply

    async def _notify(self, event: Incoming | ButtonPress, reply: Reply | None) -> None:
        for observer in self.observers:
            try:
                await observer(event, reply)
            except Exception as exc:
                log.error("observer failed (platform=%s): %s", event.platform, describe_failure(exc))

    def replies_privately(self, incoming: Incoming, reply: Reply) -> bool:
        """True when ``reply`` to ``incoming`` must be shown to the asker only: a draft's check,
        the paste form, and whatever a manager subcommand answers."""
        if isinstance(reply, CheckReply | FormReply) or isinstance(incoming.command, CheckDraft):
            return True
        spec = self._spec(incoming.command)
        return spec is not None and spec.manager_only

    def language(self, incoming: Incoming) -> str:
        """The reply's language, without asking the platform: forced, else the language the
        person's words show, else their locale (when the Incoming carries it), else the default."""
        return incoming.lang or self._spoken(incoming) or self._from_locale(incoming.locale) or self._default

    async def person_language(self, incoming: Incoming) -> str:
        """The reply's language for every reply type, commands included: forced, else the
        person's words, else their Slack/Teams locale, else the policy's default language."""
        if incoming.lang or self._spoken(incoming) or incoming.locale or self.locale_of is None:
            return self.language(incoming)
        try:
            locale = await self.locale_of(incoming)
        except Exception as exc:  # the person still gets an answer, in the default language
            log.warning("locale lookup failed (platform=%s): %s", incoming.platform, describe_failure(exc))
            locale = None
        return self._from_locale(locale) or self._default

    def _spoken(self, incoming: Incoming) -> str | None:
        return incoming.spoken(self.bot.kb.languages)

    @property
    def _default(self) -> str:
        return self.bot.kb.policy.default_language

    def _from_locale(self, locale: str | None) -> str | None:
        return locale_language(locale, self.bot.kb.languages)

    async def _reply(self, incoming: Incoming) -> tuple[Incoming, Reply]:
        """The reply, and the message as it was taken (a bare number or clause id becomes the
        command it stands for, which usage records and observers see too)."""
        lang = self.language(incoming)
        try:
            incoming = replace(incoming, command=self._awaited(incoming))
            return incoming, await self._route(incoming, incoming.command)
        except InputTooLarge as exc:
            said = str(exc) if exc.size is None else msg("too_long", lang, n=exc.size, limit=exc.limit)
            return incoming, NoticeReply(lang, said, "warning")
        except Exception as exc:
            # Never log the text, nor the exception's message, which may quote it: a draft
            # is confidential. The type and the frames say where it failed.
            log.error(
                "command failed (platform=%s, length=%d): %s",
                incoming.platform,
                len(incoming.text),
                describe_failure(exc),
            )
            return incoming, NoticeReply(lang, msg("error.apology", lang), "error")

    def _awaited(self, incoming: Incoming) -> Command:
        """A bare number answers what this person has open (a quiz question), on every platform;
        a bare clause id (every answer cites one) shows that clause, as ``policy show ID`` does."""
        command = incoming.command
        if isinstance(command, Ask):
            text = command.question.strip()
            if text.isdecimal() and len(text) <= MAX_BARE_NUMBER:
                for name, pending in self.awaiting.items():
                    if pending(incoming):
                        return PolicyCommand(name, text)
            if self.bot.named_clause(text) is not None:
                return PolicyCommand("show", text)
        return command

    async def _route(self, incoming: Incoming, command: Command) -> Reply:
        match command:
            case CheckDraft(draft):
                return await self._check(draft.strip(), incoming)
            case PolicyCommand():
                return await self._policy(command, incoming)
            case Ask(question):
                # In a thread: the sentence model (and, on a cold start, embedding the base's
                # texts) must never hold up the event loop and other people's messages.
                # A message that reads as a draft is checked as one (bot.assistant.drafts).
                return await asyncio.to_thread(self.bot.answer, question.strip(), incoming.lang)

    async def _check(self, draft: str, incoming: Incoming) -> Reply:
        lang = self.language(incoming)
        if not draft:
            if incoming.platform == "console":
                return NoticeReply(lang, msg("checkpost.empty", lang))
            return FormReply(lang)
        if len(draft) > CHECK_IN_THREAD_CHARS:  # keep the event loop free for other people's messages
            return await asyncio.to_thread(self.bot.check, draft, incoming.lang)
        return self.bot.check(draft, incoming.lang)

    def _spec(self, command: Command) -> CommandSpec | None:
        return self.commands.get(command.sub) if isinstance(command, PolicyCommand) else None

    async def _policy(self, command: PolicyCommand, incoming: Incoming) -> Reply:
        args = command.args
        lang = self.language(incoming)
        spec = self._spec(command)
        if spec is None:
            return NoticeReply(lang, msg("unknown.sub", lang, sub=command.sub), "warning")
        manager = await self._manager(incoming) if spec.manager_only or spec.asks_role else False
        if spec.manager_only and not manager:
            owner = self.bot.policy_info(lang).owner
            return NoticeReply(lang, msg("manager.refused", lang, sub=spec.name, owner=owner), "warning")
        return await spec.handler(CommandContext(self.bot, incoming, lang, args, manager))

    async def _manager(self, incoming: Incoming) -> bool:
        return await self.is_manager(incoming) if self.is_manager else False

    # -- the assistant's own subcommands ----------------------------------------------

    async def _help(self, ctx: CommandContext) -> Reply:
        return HelpReply(ctx.lang, self.bot.policy_info(ctx.lang), ctx.is_manager)

    async def _list(self, ctx: CommandContext) -> Reply:
        return self.bot.list(ctx.lang)

    async def _show(self, ctx: CommandContext) -> Reply:
        if not ctx.args:
            return NoticeReply(ctx.lang, msg("show.usage", ctx.lang), "warning")
        clause_id = ctx.args.split()[0]
        shown = self.bot.show(clause_id, ctx.lang)
        return shown or NoticeReply(ctx.lang, msg("show.unknown", ctx.lang, id=clause_id), "warning")

    # -- buttons ---------------------------------------------------------------------

    async def _offered(self, press: ButtonPress) -> Reply:
        """An offered clause was picked: answer with it, in the situation the question asked
        about when the button names one (:meth:`GuideBot.answer_with`)."""
        lang = press.lang or self.bot.kb.policy.default_language
        answer = self.bot.answer_with(press.value("clause"), lang, press.value("case"))
        return answer or NoticeReply(lang, msg("offered.unknown", lang), "warning")

    async def press(self, press: ButtonPress) -> Reply | None:
        """The reply to a button of one of the bot's messages; None when nobody handles it
        or the handler failed (logged without the values)."""
        handler = self.actions.get(press.action)
        if handler is None:
            log.info("ignored a button press with action %s", clipped(press.action))
            return None
        try:
            reply = await handler(press)
        except Exception as exc:
            action = clipped(press.action)
            log.error("button %s failed (platform=%s): %s", action, press.platform, describe_failure(exc))
            return None
        await self._notify(press, reply)
        return reply
