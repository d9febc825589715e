"""The bolt ``AsyncApp`` for guidebot: Web API client, global middleware, error handling.

Bolt is configured so that every request Slack sends gets a 2xx unless its
signature is wrong: unhandled requests (events nobody listens to) are answered 200
instead of bolt's default 404, and retried events are answered once.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.error import BoltUnhandledRequestError
from slack_bolt.response import BoltResponse
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.dedupe import SeenEvents
from adapters.slack.delivery import log_failure
from bot.settings import Settings

log = logging.getLogger("guidebot.slack")

RATE_LIMIT_RETRIES = 3  # Web API 429s: wait Retry-After, then try again this many times


def web_client(settings: Settings) -> AsyncWebClient:
    """The Web API client: ``SLACK_API_URL`` when set, 429s and dropped connections retried."""
    return AsyncWebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url or AsyncWebClient.BASE_URL,
        retry_handlers=[
            AsyncConnectionErrorRetryHandler(),
            AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        ],
    )


def build_bolt_app(settings: Settings, seen: SeenEvents | None = None) -> AsyncApp:
    """An ``AsyncApp`` with guidebot's middleware; listeners are added by the caller."""
    secret = settings.slack_signing_secret
    bolt = AsyncApp(
        name="guidebot",
        client=web_client(settings),
        signing_secret=secret or None,
        # Socket Mode alone needs no signing secret (bolt skips verification there).
        request_verification_enabled=bool(secret),
        raise_error_for_unhandled_request=True,
        logger=logging.getLogger("guidebot.slack.bolt"),
    )
    events = seen or SeenEvents()

    async def answer_each_event_once(body: dict[str, Any], next: Any) -> BoltResponse | None:
        """Idempotency on event_id: a retry of an event already taken is acknowledged only."""
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not events.first_time(str(event_id)):
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
