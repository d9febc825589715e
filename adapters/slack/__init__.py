"""Slack adapter: guidebot in Slack over HTTP (Events API) and Socket Mode.

``mount(web_app, app)`` is called by :func:`adapters.server.create_web_app` when the
Slack settings are present. It builds one bolt app whose listeners
(:mod:`adapters.slack.listeners`) serve both transports:

- ``SLACK_BOT_TOKEN`` + ``SLACK_SIGNING_SECRET``: ``POST /slack/events`` (events,
  slash commands, shortcuts and modals on one URL);
- ``SLACK_APP_TOKEN``: a Socket Mode connection opened on server start-up and
  closed on clean-up.

It also registers, for other services, ``app.senders["slack"]`` (post or update a
reply, for reminders), ``app.admin_checks["slack"]`` (``async (user_id) -> bool``:
workspace admins and owners are managers) and ``app.locale_lookups["slack"]`` (the person's
Slack language, for replies to commands whose words show none).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from functools import partial

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

from adapters.slack import owner_blocks  # noqa: F401  (registers the quiz and report blocks)
from adapters.slack.bolt_app import build_bolt_app
from adapters.slack.dedupe import StoredEvents
from adapters.slack.inbound import Rejected, parse, payload_problem, verify
from adapters.slack.listeners import SlackListeners
from adapters.slack.sender import SlackSender, UserLocales, user_is_admin
from bot.app import App
from bot.runtime.logsafe import RejectionLog

log = logging.getLogger("guidebot.slack")

EVENTS_PATH = "/slack/events"


def mount(web_app: web.Application, app: App) -> None:
    """Mount the Slack routes (and Socket Mode, when configured) on the shared server."""
    settings = app.settings
    if not settings.slack_bot_token:
        log.error("Slack is not started: SLACK_BOT_TOKEN is missing")
        return
    bolt = build_bolt_app(settings, StoredEvents(app.storage.engine))
    SlackListeners(app).register(bolt)
    app.senders["slack"] = SlackSender(bolt.client)
    app.admin_checks["slack"] = partial(user_is_admin, bolt.client)
    app.locale_lookups["slack"] = UserLocales(bolt.client).locale
    web_app.cleanup_ctx.append(_shared_session(bolt))
    modes = []
    if settings.slack_signing_secret:
        web_app.router.add_post(EVENTS_PATH, events_handler(bolt, settings.slack_signing_secret))
        modes.append("http")
    if settings.slack_app_token:
        _run_socket_mode(web_app, bolt, settings.slack_app_token)
        modes.append("socket")
    if modes:
        app.platforms.append("slack")
        log.info("Slack enabled (%s)", ", ".join(modes))


def events_handler(bolt: AsyncApp, secret: str) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """The aiohttp handler for ``/slack/events``: verified and parsed here, then dispatched by bolt.

    A forged or unreadable request gets 401/400, a signed payload no listener could handle a
    200 (Slack would retry anything else); each is logged as one short, rate-limited line.
    """

    log_rejection = RejectionLog("slack")

    async def slack_events(request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        try:
            verify(raw, request.headers, secret)
            bolt_request = _bolt_request(raw, request)
        except Rejected as rejected:
            log_rejection(rejected.status, rejected.reason)
            return web.Response(status=rejected.status)
        problem = "payload not readable by bolt" if bolt_request is None else payload_problem(bolt_request.body)
        if bolt_request is None or problem is not None:
            log_rejection(200, problem or "")
            return web.Response(status=200)
        try:
            return await to_aiohttp_response(await bolt.async_dispatch(bolt_request))
        except Exception as exc:  # a payload shape bolt itself cannot handle: answered, not retried
            log_rejection(200, f"payload not handled ({type(exc).__name__})")
            return web.Response(status=200)

    return slack_events


def _bolt_request(raw: bytes, request: web.Request) -> AsyncBoltRequest | None:
    """Bolt's request for a verified body (bolt parses it once); :class:`Rejected` (400) when unreadable.

    None when the body is readable but bolt cannot build a request from it (a signed payload
    of a shape Slack does not send).
    """
    try:
        text = raw.decode("utf-8")
        bolt_request = AsyncBoltRequest(body=text, query=request.query_string, headers=dict(request.headers))
    except Exception:
        parse(raw, request.content_type)  # raises Rejected (400) when the body itself is unreadable
        return None
    if not isinstance(bolt_request.body, dict):
        parse(raw, request.content_type)
        return None
    return bolt_request


def _shared_session(bolt: AsyncApp) -> Callable[[web.Application], AsyncIterator[None]]:
    """One HTTP session (kept-alive connections) for every Web API call and response_url post."""

    async def session(_: web.Application) -> AsyncIterator[None]:
        async with aiohttp.ClientSession() as shared:
            bolt.client.session = shared
            yield
            bolt.client.session = None

    return session


def _run_socket_mode(web_app: web.Application, bolt: AsyncApp, app_token: str) -> None:
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    handler = AsyncSocketModeHandler(bolt, app_token=app_token)

    async def connect(_: web.Application) -> None:
        try:
            await handler.connect_async()
            log.info("Slack Socket Mode connected")
        except Exception as exc:  # a bad app token must not take Teams and /healthz down with it
            log.error("Slack Socket Mode could not connect: %s", type(exc).__name__)

    async def close(_: web.Application) -> None:
        await handler.close_async()

    web_app.on_startup.append(connect)
    web_app.on_cleanup.append(close)
