"""Posting without a conversation: the reminder senders and the every-minute delivery loop.

``serve`` gets its senders from the mounted Slack and Teams adapters; the one-shot
``guidebot reminders run-due`` builds the same sender classes from the settings here.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from aiohttp import web

from bot.app import App
from bot.reminders import ReminderService, run_forever

log = logging.getLogger("guidebot.reminders")

_TASK = web.AppKey("reminder_task", asyncio.Task[None])


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

    async def start(_: web.Application) -> None:
        web_app[_TASK] = asyncio.create_task(run_forever(service))

    async def stop(_: web.Application) -> None:
        task = web_app.get(_TASK)
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    web_app.on_startup.append(start)
    web_app.on_cleanup.append(stop)
