"""Whether a failed post may have gone out (adapters/outcome.py), through the wrappers the
Bot Framework client puts around transport errors."""

from __future__ import annotations

import aiohttp
import pytest
from msrest.exceptions import ClientRequestError

from adapters.outcome import raise_if_outcome_unknown
from bot.features.reminders.service import PostMayHaveGone


def wrapped(inner: BaseException) -> ClientRequestError:
    try:
        try:
            raise inner
        except BaseException as exc:
            raise ClientRequestError("Error occurred in request.") from exc
    except ClientRequestError as outer:
        return outer


@pytest.mark.parametrize(
    "error", [aiohttp.ServerDisconnectedError(), TimeoutError(), aiohttp.ClientPayloadError("cut")]
)
def test_an_answer_that_never_came_may_have_posted(error: BaseException) -> None:
    for exc in (error, wrapped(error)):
        with pytest.raises(PostMayHaveGone):
            raise_if_outcome_unknown(exc)


def test_a_refusal_or_no_connection_did_not_post() -> None:
    never = aiohttp.ClientConnectorError(None, OSError(111, "Connection refused"))  # type: ignore[arg-type]
    for exc in (never, wrapped(never), ValueError("channel_not_found"), wrapped(ValueError("403"))):
        raise_if_outcome_unknown(exc)  # returns: a plain failure, tried again later
