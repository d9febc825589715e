"""``guidebot serve``: one aiohttp server for Slack (/slack/events) and Teams (/api/messages).

Each platform is mounted only when its settings are present (Teams without a
``MicrosoftAppId`` only for local testing: see :func:`_teams_enabled`); ``GET /healthz``
answers 200 once the knowledge base is loaded and the routes are ready.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable

from aiohttp import web, web_log

from bot.app import App, build_app
from bot.domain.errors import UserFacingError
from bot.runtime.logsafe import RateLimitedLog
from bot.runtime.settings import Settings

log = logging.getLogger("guidebot")

APP_KEY = web.AppKey("guidebot", App)
Mounter = Callable[[web.Application, App], None]


async def healthz(request: web.Request) -> web.Response:
    app = request.app[APP_KEY]
    return web.json_response(
        {
            "status": "ok",
            "policy_version": app.bot.kb.policy.version,
            "platforms": sorted(app.platforms),
        }
    )


async def create_web_app(app: App) -> web.Application:
    """The aiohttp application with every configured platform mounted."""
    web_app = web.Application(client_max_size=4 * 1024 * 1024)
    web_app[APP_KEY] = app
    web_app.router.add_get("/healthz", healthz)
    web_app.cleanup_ctx.append(_background)
    for mount in _mounters(app.settings):
        mount(web_app, app)
    return web_app


async def _background(web_app: web.Application) -> AsyncIterator[None]:
    """The features' background work (live reload, retention, reminders every minute) while the server runs."""
    async with web_app[APP_KEY].background(deliver_reminders=True):
        yield


def _mounters(settings: Settings) -> list[Mounter]:
    mounters: list[Mounter] = []
    if (settings.slack_bot_token and settings.slack_signing_secret) or settings.slack_app_token:
        from adapters.slack import mount as mount_slack

        mounters.append(mount_slack)
    if _teams_enabled(settings):
        from adapters.teams import mount as mount_teams

        mounters.append(mount_teams)
    else:
        log.info("Teams not enabled (set MicrosoftAppId)")
    return mounters


def _teams_enabled(settings: Settings) -> bool:
    """With an app id, always; without one (unauthenticated), only for clear local testing.

    An unauthenticated /api/messages lets anyone claim any user id and have replies posted to a
    serviceUrl of their choosing, so a deployment with Slack configured keeps it off unless
    GUIDEBOT_TEAMS_UNAUTHENTICATED=1 says otherwise.
    """
    if settings.microsoft_app_id:
        return True
    return not settings.slack_configured or settings.teams_unauthenticated


class AccessLog(web_log.AccessLogger):
    """aiohttp's access log, with refused requests (4xx) rate-limited: a flood of them costs a few lines a minute."""

    def __init__(self, logger: logging.Logger, log_format: str = web_log.AccessLogger.LOG_FORMAT) -> None:
        super().__init__(logger, log_format)
        self.refusals = RateLimitedLog(logger)

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        if 400 <= response.status < 500 and not self.refusals.allow():
            return
        super().log(request, response, time)


def run_server(settings: Settings, port: int) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)  # migration chatter on every start
    app = build_app(settings)  # an invalid base raises; the command line says why
    try:
        web.run_app(
            create_web_app(app),
            port=port,
            access_log_class=AccessLog,
            print=lambda _: log.info("guidebot listening on port %d", port),
        )
    except OSError as exc:  # the port is taken or not ours to bind
        raise UserFacingError(f"cannot listen on port {port}: {exc.strerror or exc}") from None
    finally:
        app.close()
    return 0
