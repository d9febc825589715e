"""Assembling guidebot: one typed :class:`App` from the settings.

:func:`build_app` is the one place that wires the program, used by ``serve``, ``chat``,
``ask`` and the owner's command line: it loads the knowledge base, opens storage, builds
the engine and the dispatcher, and activates each feature, which registers its own
subcommands, buttons and background loops. Chat adapters then add what only they know:
their sender (for reminders) and, in Slack, the workspace-admin check.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

from bot.assistant.dispatch import Dispatcher
from bot.assistant.engine import GuideBot
from bot.domain.commands import Incoming
from bot.features.owner.feature import OwnerTools
from bot.features.owner.store import UsageRepo
from bot.features.reminders import feature as reminders_feature
from bot.features.reminders.service import ReminderService, Sender, reminder_loop
from bot.knowledge.loader import load
from bot.runtime.background import running
from bot.runtime.logsafe import describe_failure
from bot.runtime.settings import Settings
from bot.storage import Storage

log = logging.getLogger(__name__)

AdminCheck = Callable[[str], Awaitable[bool]]
LocaleLookup = Callable[[str], Awaitable[str | None]]


@dataclass(slots=True)
class App:
    """Everything a running guidebot holds, each part typed."""

    settings: Settings
    bot: GuideBot
    dispatcher: Dispatcher
    storage: Storage
    owner: OwnerTools
    reminders: ReminderService
    # Filled by the chat adapters as they mount: platform -> sender, platform -> admin check.
    senders: dict[str, Sender] = field(default_factory=dict)
    admin_checks: dict[str, AdminCheck] = field(default_factory=dict)
    # platform -> the person's locale (Slack: users.info), asked when their words show no language.
    locale_lookups: dict[str, LocaleLookup] = field(default_factory=dict)
    platforms: list[str] = field(default_factory=list)

    async def is_manager(self, incoming: Incoming) -> bool:
        """GUIDEBOT_MANAGERS, plus what the person's platform says (Slack: workspace admins and owners)."""
        if self.settings.is_listed_manager(incoming.platform, incoming.user_id):
            return True
        check = self.admin_checks.get(incoming.platform)
        if check is None:
            return False
        try:
            return await check(incoming.user_id)
        except Exception as exc:  # the platform's lookup failed: not a manager this time, and say why
            log.warning("admin check failed; treating the user as not a manager: %s", describe_failure(exc))
            return False

    async def locale_of(self, incoming: Incoming) -> str | None:
        """The person's locale as their platform knows it; None when it cannot tell."""
        lookup = self.locale_lookups.get(incoming.platform)
        return await lookup(incoming.user_id) if lookup is not None and incoming.user_id else None

    @contextlib.asynccontextmanager
    async def background(self, *, deliver_reminders: bool) -> AsyncIterator[None]:
        """The features' background work while ``serve`` or ``chat`` runs: live reload, warm-up,
        retention and, where there is a chat platform to post to, reminder delivery every minute."""
        loops = [reminder_loop(self.reminders)] if deliver_reminders else []
        async with self.owner.background(), running(*loops):
            yield

    def close(self) -> None:
        self.storage.close()


def build_app(
    settings: Settings, kb_path: str | None = None, storage: Storage | None = None, *, quiz_seed: int | None = None
) -> App:
    """Load the knowledge base, open the database and wire the core and its features.

    Raises ``KnowledgeBaseError`` or ``StorageError`` (both one line for a person)."""
    path = kb_path or settings.kb_path
    bot = GuideBot(load(path))
    storage = storage or Storage.open(settings.database_url)
    dispatcher = Dispatcher(bot)
    senders: dict[str, Sender] = {}
    owner = OwnerTools.activate(bot, settings, dispatcher, path, UsageRepo(storage.engine), quiz_seed=quiz_seed)
    reminders = reminders_feature.activate(bot, storage, senders, settings.timezone, dispatcher)
    app = App(settings, bot, dispatcher, storage, owner, reminders, senders)
    dispatcher.is_manager = app.is_manager
    dispatcher.locale_of = app.locale_of
    return app
