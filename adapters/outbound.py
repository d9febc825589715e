"""Posting without a conversation: the reminder senders for the one-shot ``reminders run-due``.

``serve`` gets its senders from the mounted Slack and Teams adapters; ``guidebot reminders
run-due`` builds the same sender classes from the settings here.
"""

from __future__ import annotations

from bot.app import App
from bot.features.reminders.service import Sender


def build_senders(app: App) -> dict[str, Sender]:
    """Slack (when ``SLACK_BOT_TOKEN`` is set, at ``SLACK_API_URL``) and Teams senders from the settings."""
    from adapters.teams.bf import BotFrameworkTransport
    from adapters.teams.sender import TeamsSender

    senders: dict[str, Sender] = {}
    if app.settings.slack_bot_token:
        from adapters.slack.bolt_app import web_client
        from adapters.slack.sender import SlackSender

        senders["slack"] = SlackSender(web_client(app.settings))
    store = app.storage.conversations
    senders["teams"] = TeamsSender(BotFrameworkTransport(app, store), store)
    return senders
