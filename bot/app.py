"""The application object that adapters share: the core, the dispatcher, the settings.

Built once per process by ``serve`` or ``chat``; services added by later modules
(storage, reminders, usage records) hang off it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.commands import Dispatcher
from bot.core import GuideBot
from bot.loader import load
from bot.reply import Incoming
from bot.settings import Settings


@dataclass
class App:
    settings: Settings
    bot: GuideBot
    dispatcher: Dispatcher
    extras: dict[str, Any] = field(default_factory=dict)

    async def is_manager(self, incoming: Incoming) -> bool:
        return incoming.user_id in self.settings.managers


def build_app(settings: Settings, kb_path: str | None = None) -> App:
    """Load the knowledge base and wire the core; raises ``KnowledgeBaseError``."""
    bot = GuideBot(load(kb_path or settings.kb_path))
    dispatcher = Dispatcher(bot)
    app = App(settings, bot, dispatcher)
    dispatcher.is_manager = app.is_manager
    return app
