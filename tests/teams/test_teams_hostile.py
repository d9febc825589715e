"""Hostile requests to /api/messages with authentication on, against a local identity provider.

The identity provider serves OpenID metadata and a key set on a loopback port and can
answer, refuse or hang; the SDK's metadata URLs point at it. Forged tokens get 401,
unreadable bodies 400, and a provider that fails gives 503 while /healthz and Slack
carry on. Nothing here waits on the clock except generous hang guards.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import jwt
import pytest
from botframework.connector.auth import JwtTokenExtractor
from cryptography.hazmat.primitives.asymmetric import rsa

from adapters.teams import conversation_store, signing_keys
from bot.data.messages import msg
from tests.hostile import assert_no_traceback, rejections
from tests.slack.support import signed

from .identity import APP_ID, CHANNEL_ISSUER, EMULATOR_ISSUER, IdentityProvider, point_sdk_at, rsa_key, token
from .support import BOT, Connector, Server, activity, card_of, card_text, serve, start_server

SLACK_SECRET = "slack-secret"
GUARD = 30.0  # seconds: a hang guard, not a timing figure


@pytest.fixture(scope="module")
def idp_key() -> rsa.RSAPrivateKey:
    return rsa_key()


@pytest.fixture(scope="module")
def forger_key() -> rsa.RSAPrivateKey:
    return rsa_key()


@pytest.fixture
async def idp(idp_key: rsa.RSAPrivateKey, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[IdentityProvider]:
    provider = IdentityProvider(idp_key)
    runner, provider.url = await serve(provider.app())
    point_sdk_at(provider, monkeypatch)
    yield provider
    provider.release.set()
    await runner.cleanup()


@pytest.fixture(autouse=True)
def _fresh_key_cache() -> Iterator[None]:
    JwtTokenExtractor.metadataCache.clear()
    yield
    JwtTokenExtractor.metadataCache.clear()


@pytest.fixture
async def secured(connector: Connector, idp: IdentityProvider, tmp_path: Path) -> AsyncIterator[Server]:
    """guidebot with an app id (tokens required) and Slack over HTTP on the same server."""
    runner, server = await start_server(
        connector,
        tmp_path / "guidebot.db",
        microsoft_app_id=APP_ID,
        microsoft_app_password="secret",
        slack_bot_token="xoxb-test",
        slack_signing_secret=SLACK_SECRET,
        slack_api_url="http://127.0.0.1:9/api/",
    )
    yield server
    await runner.cleanup()
    server.app.close()


def signed_token(connector: Connector, key: Any, **claims: Any) -> str:
    """A token for requests whose activities name ``connector`` as their service URL."""
    return token(connector.url + "/", key, **claims)


def bearer(value: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {value}"}


def bot_added(connector: Connector, conversation: str = "19:general@thread.tacv2") -> dict[str, Any]:
    """The bot added to a channel: handled without any reply (the reference is stored)."""
    return activity(
        connector, "conversationUpdate", conversation=conversation, conversation_type="channel", membersAdded=[BOT]
    )


async def post_raw(server: Server, body: bytes, headers: dict[str, str]) -> int:
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"{server.url}/api/messages", data=body, headers={"Content-Type": "application/json", **headers}
        ) as response,
    ):
        await response.read()
        return response.status


async def test_a_token_signed_by_the_identity_provider_is_accepted(
    secured: Server, connector: Connector, idp: IdentityProvider, idp_key: rsa.RSAPrivateKey
) -> None:
    status, _ = await secured.post(bot_added(connector), bearer(signed_token(connector, idp_key)))
    assert status == 201
    stored = await conversation_store(secured.app).all()
    assert [key for key, _, _ in stored] == ["19:general@thread.tacv2"]


def _forgeries(connector: Connector, idp_key: Any, forger_key: Any) -> dict[str, str]:
    unsigned = jwt.encode({"iss": CHANNEL_ISSUER, "aud": APP_ID}, None, algorithm="none")
    return {
        "alg none": unsigned,
        "HS256": signed_token(connector, "shared-secret-of-32-bytes-at-least!", alg="HS256"),
        "self-signed RS256": signed_token(connector, forger_key),
        "self-signed, unknown kid": signed_token(connector, forger_key, kid="forged"),
        "emulator issuer": signed_token(connector, forger_key, iss=EMULATOR_ISSUER, appid=APP_ID, ver="1.0"),
        "expired": signed_token(connector, idp_key, expires_in=-3600),
        "unknown kid": signed_token(connector, idp_key, kid="k9"),
        "no kid": signed_token(connector, idp_key, kid=None),
        "another app": signed_token(connector, idp_key, aud="99999999-0000-0000-0000-000000000000"),
        "another service url": signed_token(connector, idp_key, serviceurl="https://evil.example/"),
        "not a JWT": "not.a.jwt",
        "garbage": "\u00e9\u00e9\u00e9",
    }


FORGERIES = [
    "alg none",
    "HS256",
    "self-signed RS256",
    "self-signed, unknown kid",
    "emulator issuer",
    "expired",
    "unknown kid",
    "no kid",
    "another app",
    "another service url",
    "not a JWT",
    "garbage",
]


@pytest.mark.parametrize("case", FORGERIES)
async def test_a_forged_token_is_refused_in_one_line(
    secured: Server,
    connector: Connector,
    idp_key: rsa.RSAPrivateKey,
    forger_key: rsa.RSAPrivateKey,
    caplog: pytest.LogCaptureFixture,
    case: str,
) -> None:
    caplog.set_level(logging.INFO)
    forged = _forgeries(connector, idp_key, forger_key)[case]
    status = await post_raw(secured, json.dumps(bot_added(connector)).encode(), {"Authorization": f"Bearer {forged}"})
    assert status == 401
    (line,) = rejections(caplog)
    assert line.startswith("teams request refused (401): ")
    assert_no_traceback(caplog)
    assert connector.calls == [] and await conversation_store(secured.app).all() == []


BAD_BODIES = {"broken JSON": b'{"type": "message",', "a JSON list": b"[1, 2]", "invalid UTF-8": b'{"type": "\xff"}'}


@pytest.mark.parametrize("case", sorted(BAD_BODIES))
async def test_a_bad_body_is_401_without_a_token_and_400_with_one(
    secured: Server, connector: Connector, idp: IdentityProvider, idp_key: rsa.RSAPrivateKey, case: str
) -> None:
    body = BAD_BODIES[case]
    assert await post_raw(secured, body, {}) == 401
    assert await post_raw(secured, body, bearer("not.a.jwt")) == 401
    assert idp.hits == 0  # refused before any key was fetched
    assert await post_raw(secured, body, bearer(signed_token(connector, idp_key))) == 400


async def test_forged_tokens_do_not_make_the_keys_be_fetched_again(
    secured: Server, connector: Connector, idp: IdentityProvider, idp_key: rsa.RSAPrivateKey
) -> None:
    for i in range(5):
        assert (
            await post_raw(
                secured,
                json.dumps(bot_added(connector)).encode(),
                bearer(signed_token(connector, idp_key, kid=f"k-{i}")),
            )
            == 401
        )
    assert idp.hits == 2  # metadata and key set, once


async def test_concurrent_first_requests_share_one_fetch(
    secured: Server, connector: Connector, idp: IdentityProvider, idp_key: rsa.RSAPrivateKey
) -> None:
    idp.mode = "hang"
    valid = bearer(signed_token(connector, idp_key))
    sends = [
        asyncio.ensure_future(secured.post(bot_added(connector, f"19:c{i}@thread.tacv2"), valid)) for i in range(10)
    ]
    await asyncio.wait_for(idp.asked.wait(), GUARD)
    idp.mode = "answer"
    idp.release.set()  # the held fetch fails; the requests waiting on it get 503
    statuses = [status for status, _ in await asyncio.wait_for(asyncio.gather(*sends), GUARD)]
    assert statuses == [503] * 10
    assert idp.hits == 1


async def test_a_hanging_identity_provider_is_bounded_and_blocks_nobody_else(
    secured: Server, connector: Connector, idp: IdentityProvider, idp_key: rsa.RSAPrivateKey
) -> None:
    idp.mode = "hang"
    teams = asyncio.ensure_future(secured.post(bot_added(connector), bearer(signed_token(connector, idp_key))))
    await asyncio.wait_for(idp.asked.wait(), GUARD)
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{secured.url}/healthz") as health:
            assert health.status == 200
        challenge = json.dumps({"type": "url_verification", "challenge": "c-1", "token": "t"})
        headers = signed(challenge, "application/json", secret=SLACK_SECRET)
        async with session.post(f"{secured.url}/slack/events", data=challenge, headers=headers) as slack:
            assert slack.status == 200 and (await slack.json())["challenge"] == "c-1"
    assert not teams.done()  # both answered while the Teams request still waited for its keys
    status, _ = await asyncio.wait_for(teams, GUARD)
    assert status == 503
    again, _ = await asyncio.wait_for(
        secured.post(bot_added(connector), bearer(signed_token(connector, idp_key))), GUARD
    )
    assert again == 503  # at once: the failure is remembered for a few seconds
    assert idp.hits == 1


async def test_a_refusing_identity_provider_gives_503_then_recovers(
    secured: Server,
    connector: Connector,
    idp: IdentityProvider,
    idp_key: rsa.RSAPrivateKey,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    idp.mode = "refuse"
    status, _ = await secured.post(bot_added(connector), bearer(signed_token(connector, idp_key)))
    assert status == 503
    idp.mode = "answer"
    monkeypatch.setattr(signing_keys, "FAILURE_PAUSE", 0.0)
    status, _ = await secured.post(bot_added(connector), bearer(signed_token(connector, idp_key)))
    assert status == 201


async def test_a_lone_surrogate_in_a_teams_message_still_gets_an_answer(server: Server, connector: Connector) -> None:
    status, _ = await server.post(activity(connector, text="Does the policy apply to contractors? \ud800"))
    assert status == 201
    text = card_text(card_of(connector.sent()[0]))
    assert "AC-SCOPE" in text and msg("error.apology", "en") not in text


def _invoke(connector: Connector, value: dict[str, Any]) -> dict[str, Any]:
    return activity(
        connector, "invoke", name="composeExtension/submitAction", value={"commandId": "checkPost", **value}
    )


# Activities whose fields a handler reads have the wrong shape: 400 and one line, never a traceback.
MALFORMED_ACTIVITIES = {
    "mention naming no object": lambda c: activity(
        c, text="<at>guidebot</at> help", entities=[{"type": "mention", "mentioned": "x"}]
    ),
    "mention id a number": lambda c: activity(
        c, text="<at>guidebot</at> help", entities=[{"type": "mention", "mentioned": {"id": 28}}]
    ),
    "channel a string": lambda c: activity(c, text="policy help", channelData={"channel": "x"}),
    "channel a string, bot added": lambda c: activity(
        c, "conversationUpdate", membersAdded=[BOT], channelData={"channel": "x"}
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED_ACTIVITIES))
async def test_an_activity_of_the_wrong_shape_is_refused_in_one_line(
    server: Server, connector: Connector, caplog: pytest.LogCaptureFixture, case: str
) -> None:
    caplog.set_level(logging.INFO)
    status, _ = await server.post(MALFORMED_ACTIVITIES[case](connector))
    assert status == 400
    assert len(rejections(caplog)) == 1
    assert_no_traceback(caplog)
    assert connector.sent() == []


async def test_a_mention_without_its_markup_still_reaches_the_command(server: Server, connector: Connector) -> None:
    """The mention entity of the bot without a ``text``: its name stands for the markup."""
    mention = {"type": "mention", "mentioned": {"id": BOT["id"], "name": "guidebot"}}
    status, _ = await server.post(activity(connector, text="<at>guidebot</at> policy show AC-CITE", entities=[mention]))
    assert status == 201
    assert "AC-CITE" in card_text(card_of(connector.sent()[0]))


async def test_a_mention_is_removed_as_written_not_as_a_pattern(server: Server, connector: Connector) -> None:
    """The SDK's remove_recipient_mention made a regular expression of the mention's text."""
    markup = "<at>(a+)+$</at>"
    mention = {"type": "mention", "mentioned": {"id": BOT["id"], "name": "(a+)+$"}, "text": markup}
    status, _ = await server.post(activity(connector, text=f"{markup} policy show AC-CITE", entities=[mention]))
    assert status == 201
    assert "AC-CITE" in card_text(card_of(connector.sent()[0]))


async def test_a_channel_check_with_a_null_tenant_still_reaches_the_person(
    server: Server, connector: Connector, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    body = activity(
        connector, text="checkpost hello world", conversation="19:general@thread.tacv2", conversation_type="channel"
    )
    body["channelData"]["tenant"] = None
    status, _ = await server.post(body)
    assert status == 201
    assert_no_traceback(caplog)
    assert connector.sent(), "neither the result nor a note reached anyone"


@pytest.mark.parametrize("action", [["helpful"], {"a": 1}, 7])
async def test_a_dialog_submit_with_an_action_that_is_no_name_is_a_draft_form(
    server: Server, connector: Connector, caplog: pytest.LogCaptureFixture, action: Any
) -> None:
    caplog.set_level(logging.INFO)
    status, body = await server.post(_invoke(connector, {"data": {"action": action}}))
    assert status == 200 and body["task"]["type"] == "continue"
    assert_no_traceback(caplog)


async def test_a_huge_command_id_is_logged_short(
    server: Server, connector: Connector, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    status, _ = await server.post(
        activity(connector, "invoke", name="composeExtension/submitAction", value={"commandId": "x" * 1_000_000})
    )
    assert status == 404
    assert max(len(r.getMessage()) for r in caplog.records) < 500
    assert_no_traceback(caplog)
