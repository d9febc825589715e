"""The bolt ``AsyncApp`` for guidebot: Web API client, global middleware, error handling.

Bolt is configured so that every request Slack sends gets a 2xx unless its
signature is wrong: unhandled requests (events nobody listens to) are answered 200
instead of bolt's default 404, and retried events are answered once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.error import BoltUnhandledRequestError
from slack_bolt.middleware.authorization.async_single_team_authorization import AsyncSingleTeamAuthorization
from slack_bolt.middleware.authorization.internals import _is_no_auth_required, _is_no_auth_test_call_required
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.dedupe import EventLedger, SeenEvents
from adapters.slack.delivery import log_failure
from bot.runtime.settings import Settings

log = logging.getLogger("guidebot.slack")

RATE_LIMIT_RETRIES = 3  # Web API 429s: wait Retry-After, then try again this many times


def web_client(settings: Settings) -> AsyncWebClient:
    """The Web API client: ``SLACK_API_URL`` when set, 429s and dropped connections retried."""
    return configure_client(AsyncWebClient(token=settings.slack_bot_token), settings)


def configure_client(client: AsyncWebClient, settings: Settings) -> AsyncWebClient:
    """Point ``client`` at ``SLACK_API_URL`` (when set) and retry 429s and dropped connections."""
    if settings.slack_api_url:
        client.base_url = settings.slack_api_url.rstrip("/") + "/"
    client.retry_handlers = [
        AsyncConnectionErrorRetryHandler(),
        AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
    ]
    return client


class _NoBodyInLog(logging.Filter):
    """Bolt logs the body of a request whose signature fails; a replayed request may hold a draft."""

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith("Invalid request signature"):
            record.msg, record.args = "Invalid Slack request signature (request not logged)", ()
        return True


class AuthTestOnce(AsyncSingleTeamAuthorization):
    """Bolt's single-workspace authorization, with one ``auth.test`` per process.

    Bolt calls ``auth.test`` on the first request that needs it; requests arriving
    together all saw no result yet and each made the call. Here they wait for one.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._first = asyncio.Lock()

    async def async_process(
        self, *, req: AsyncBoltRequest, resp: BoltResponse, next: Callable[[], Awaitable[BoltResponse]]
    ) -> BoltResponse:
        if self.auth_test_result is None and not (_is_no_auth_required(req) or _is_no_auth_test_call_required(req)):
            async with self._first:
                # On failure, bolt's own attempt below reports it and answers the person.
                with contextlib.suppress(SlackApiError):
                    if self.auth_test_result is None:
                        self.auth_test_result = await req.context.client.auth_test()
        return await super().async_process(req=req, resp=resp, next=next)


def _auth_test_once(bolt: AsyncApp) -> None:
    middleware = bolt._async_middleware_list
    for i, step in enumerate(middleware):
        if type(step) is AsyncSingleTeamAuthorization:
            middleware[i] = AuthTestOnce(base_logger=bolt._base_logger)


async def _first_time(events: EventLedger, event_id: str) -> bool:
    """Whether ``event_id`` is new; when the database cannot tell, it is taken as new (a
    retry answered twice is better than an event never answered)."""
    try:
        return await asyncio.to_thread(events.first_time, event_id)
    except Exception as exc:
        log_failure("event de-duplication", exc)
        return True


def build_bolt_app(settings: Settings, seen: EventLedger | None = None) -> AsyncApp:
    """An ``AsyncApp`` with guidebot's middleware; listeners are added by the caller."""
    secret = settings.slack_signing_secret
    bolt = AsyncApp(
        name="guidebot",
        # The token, not a ready client: bolt warns about SLACK_BOT_TOKEN otherwise. Its
        # client is configured below; the per-request clients copy base URL and retries.
        token=settings.slack_bot_token,
        signing_secret=secret or None,
        # Socket Mode alone needs no signing secret (bolt skips verification there).
        request_verification_enabled=bool(secret),
        raise_error_for_unhandled_request=True,
        logger=logging.getLogger("guidebot.slack.bolt"),
    )
    configure_client(bolt.client, settings)
    _auth_test_once(bolt)
    # slack_sdk logs every request and response body at DEBUG, and check results quote parts
    # of drafts: its loggers stay at INFO unless the operator set a level for them on purpose.
    sdk_log = logging.getLogger("slack_sdk")
    if sdk_log.level == logging.NOTSET:
        sdk_log.setLevel(logging.INFO)
    verification_log = logging.getLogger("slack_bolt.RequestVerification")
    if not any(isinstance(f, _NoBodyInLog) for f in verification_log.filters):
        verification_log.addFilter(_NoBodyInLog())
    events = seen or SeenEvents()

    async def answer_each_event_once(body: dict[str, Any], next: Any) -> BoltResponse | None:
        """Idempotency on event_id: a retry of an event already taken is acknowledged only."""
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not await _first_time(events, str(event_id)):
            log.info("slack event retried, already handled")
            return BoltResponse(status=200, body="")
        await next()
        return None

    async def on_error(error: Exception, request: Any) -> BoltResponse | None:
        if isinstance(error, BoltUnhandledRequestError):
            # Events we subscribe to but do not answer (e.g. message subtypes) still get a 200,
            # or Slack counts failures and retries.
            return BoltResponse(status=200, body="")
        log_failure("listener", error)
        return None

    bolt.middleware(answer_each_event_once)
    bolt.error(on_error)
    return bolt
