"""Microsoft Teams adapter: guidebot over the Bot Framework at ``POST /api/messages``.

Module map: :mod:`.bf` and :mod:`.signing_keys` (token checks and signing keys fetched
off the event loop) are the only modules importing the Bot Framework SDK;
:mod:`.turns` decides what to do with a message or invoke; :mod:`.cards` renders
Adaptive Cards (:mod:`.owner_cards` those of the quiz and the report); :mod:`.store`
keeps conversation references; :mod:`.sender` posts proactively for the reminders;
:mod:`.package` builds the Teams app package.
"""

from __future__ import annotations

import logging

from aiohttp import web

from adapters.teams import owner_cards  # noqa: F401  (registers the quiz and report cards)
from adapters.teams.store import ConversationStore
from bot.app import App

log = logging.getLogger(__name__)

ROUTE = "/api/messages"


def conversation_store(app: App) -> ConversationStore:
    """Where the app keeps Teams conversation references (its database)."""
    return app.storage.conversations


def mount(web_app: web.Application, app: App) -> None:
    """Mount the Teams endpoint on the shared server and register the Teams sender."""
    from adapters.teams.bf import BotFrameworkTransport
    from adapters.teams.sender import TeamsSender

    store = conversation_store(app)
    transport = BotFrameworkTransport(app, store)
    web_app.router.add_post(ROUTE, transport.handle)
    app.senders["teams"] = TeamsSender(transport, store)
    app.platforms.append("teams")
    if not app.settings.microsoft_app_id:
        log.warning(
            "Teams: MicrosoftAppId is empty, so %s accepts UNAUTHENTICATED requests and replies to any "
            "serviceUrl. Use this for local testing only; set MicrosoftAppId/MicrosoftAppPassword in production.",
            ROUTE,
        )
    else:
        log.info("Teams: Bot Framework authentication on for app id %s at %s", app.settings.microsoft_app_id, ROUTE)
