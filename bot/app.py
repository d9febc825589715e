"""The application object that adapters share: the core, the dispatcher, the settings.

Built once per process by ``serve`` or ``chat``; services added by later modules
(storage, reminders, usage records) hang off it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.assistant.dispatch import Dispatcher
from bot.assistant.engine import GuideBot
from bot.domain.replies import Incoming
from bot.knowledge.loader import load
from bot.runtime.logsafe import describe_failure
from bot.runtime.settings import Settings

if TYPE_CHECKING:
    from bot.storage import Storage

log = logging.getLogger(__name__)


@dataclass
class App:
    settings: Settings
    bot: GuideBot
    dispatcher: Dispatcher
    extras: dict[str, Any] = field(default_factory=dict)

    async def is_manager(self, incoming: Incoming) -> bool:
        """GUIDEBOT_MANAGERS, plus Slack workspace admins and owners (the Slack adapter's hook)."""
        if self.settings.is_listed_manager(incoming.platform, incoming.user_id):
            return True
        admin_check = self.extras.get("slack_admin_check")
        if incoming.platform != "slack" or admin_check is None:
            return False
        try:
            return bool(await admin_check(incoming.user_id))
        except Exception as exc:  # users.info failed: not a manager this time, and say why in the log
            log.warning("Slack admin check failed; treating the user as not a manager: %s", describe_failure(exc))
            return False


def build_app(settings: Settings, kb_path: str | None = None, storage: Storage | None = None) -> App:
    """Load the knowledge base, open the database and wire the core; raises ``KnowledgeBaseError``."""
    from bot.features.owner.feature import install as install_owner_tools
    from bot.features.owner.store import UsageRepo
    from bot.features.reminders.feature import install as install_reminders
    from bot.storage import Storage

    bot = GuideBot(load(kb_path or settings.kb_path))
    dispatcher = Dispatcher(bot)
    app = App(settings, bot, dispatcher)
    dispatcher.is_manager = app.is_manager
    app.extras["storage"] = storage or Storage.open(settings.database_url)
    install_reminders(app)
    install_owner_tools(app, kb_path or settings.kb_path, UsageRepo(app.extras["storage"].engine))
    return app
