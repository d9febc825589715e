"""Posting without a conversation: the reminder senders and the every-minute delivery loop.

``serve`` gets its senders from the mounted Slack and Teams adapters; the one-shot
``guidebot reminders run-due`` builds the same sender classes from the settings here.
"""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from bot.app import App
from bot.features.reminders.service import ReminderService, reminder_loop

log = logging.getLogger("guidebot.reminders")


def build_senders(app: App) -> dict[str, Any]:
    """Slack (when ``SLACK_BOT_TOKEN`` is set, at ``SLACK_API_URL``) and Teams senders from the settings."""
    from adapters.teams import conversation_store
    from adapters.teams.bf import BotFrameworkTransport
    from adapters.teams.sender import TeamsSender

    senders: dict[str, Any] = {}
    if app.settings.slack_bot_token:
        from adapters.slack.bolt_app import web_client
        from adapters.slack.sender import SlackSender

        senders["slack"] = SlackSender(web_client(app.settings))
    store = conversation_store(app)
    senders["teams"] = TeamsSender(BotFrameworkTransport(app, store), store)
    return senders


def start_reminders(web_app: web.Application, app: App) -> None:
    """Run due reminders every minute while the server runs (a background task)."""
    service: ReminderService | None = app.extras.get("reminders")
    if service is None:
        return

    loop = reminder_loop(service)

    async def start(_: web.Application) -> None:
        loop.start()

    async def stop(_: web.Application) -> None:
        await loop.stop()

    web_app.on_startup.append(start)
    web_app.on_cleanup.append(stop)
