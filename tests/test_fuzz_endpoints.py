"""Generated malformed requests against the running server: never a 500, never a traceback in the log.

Two real ``serve`` applications run on loopback ports in a background event loop: one
with Slack over HTTP and Teams with an app id (tokens from a local identity provider),
one with Teams unauthenticated (the local-testing mode, where bodies reach the bot
without a token). Hypothesis generates bodies shaped like Slack's and the Bot
Framework's payloads with wrong types, missing fields and junk, signed or not, and
sends them over HTTP.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlencode

import pytest
import requests
from botframework.connector.auth import JwtTokenExtractor, MicrosoftAppCredentials
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.server import create_web_app
from bot.app import build_app
from bot.runtime.settings import Settings
from tests.slack.support import SECRET, MockSlack, signed, signed_bytes, start_mock
from tests.teams.identity import APP_ID, IdentityProvider, point_sdk_at, rsa_key, token
from tests.teams.support import EVAL_KB, Connector, running_connector, serve

T = TypeVar("T")
EXAMPLES = 60  # per test; five tests
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same requests on every run
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
NEVER = {500, 502, 504}


class Loop:
    """An event loop in a thread of its own: the servers run there while Hypothesis drives requests."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(60)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()


@dataclass
class Servers:
    secured: str  # Slack, and Teams with an app id
    open: str  # Teams without an app id
    connector: Connector
    slack: MockSlack
    token: str


class LogRecorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def tracebacks(self) -> list[str]:
        """Tracebacks logged since the last call (a reply's failure may surface after its request)."""
        new, self.records = self.records, []
        return [
            r.getMessage()[:300]
            for r in new
            if r.exc_info or "Traceback" in r.getMessage() or 'File "' in r.getMessage()
        ]


@pytest.fixture(scope="module")
def log() -> Iterator[LogRecorder]:
    recorder = LogRecorder()
    root = logging.getLogger()
    level = root.level
    root.addHandler(recorder)
    root.setLevel(logging.INFO)
    yield recorder
    root.removeHandler(recorder)
    root.setLevel(level)


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory, log: LogRecorder) -> Iterator[Servers]:
    loop = Loop()
    stack: list[Any] = []
    tmp = tmp_path_factory.mktemp("fuzz")

    async def start() -> Servers:
        slack, slack_server = await start_mock()
        connector_context = running_connector()
        connector = await connector_context.__aenter__()
        provider = IdentityProvider(rsa_key())
        idp_runner, provider.url = await serve(provider.app())
        secured_app = build_app(
            Settings(
                kb_path=str(EVAL_KB),
                database_url=f"sqlite:///{tmp / 'secured.db'}",
                microsoft_app_id=APP_ID,
                microsoft_app_password="secret",
                slack_bot_token="xoxb-test",
                slack_signing_secret=SECRET,
                slack_api_url=f"{slack.url}/api/",
            )
        )
        open_app = build_app(Settings(kb_path=str(EVAL_KB), database_url=f"sqlite:///{tmp / 'open.db'}"))
        secured_runner, secured = await serve(await create_web_app(secured_app))
        open_runner, opened = await serve(await create_web_app(open_app))
        stack.extend([secured_runner, open_runner, idp_runner, slack_server, connector_context])
        stack.extend([secured_app, open_app, provider])
        valid = token(connector.url + "/", provider.key)
        return Servers(secured, opened, connector, slack, valid)

    async def stop() -> None:
        secured_runner, open_runner, idp_runner, slack_server, connector_context, *apps, provider = stack
        provider.release.set()
        for runner in (secured_runner, open_runner, idp_runner):
            await runner.cleanup()
        await slack_server.close()
        await connector_context.__aexit__(None, None, None)
        for app in apps:
            app.close()

    with pytest.MonkeyPatch.context() as patch:
        started = loop.run(start())
        provider = stack[-1]
        point_sdk_at(provider, patch)
        # Replies are posted to the local connector; the Entra ID token they would carry is not fetched.
        patch.setattr(MicrosoftAppCredentials, "get_access_token", lambda self, force_refresh=False: "local-token")
        JwtTokenExtractor.metadataCache.clear()
        try:
            yield started
        finally:
            loop.run(stop())
            loop.stop()
            JwtTokenExtractor.metadataCache.clear()


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    return requests.post(url, data=body, headers=headers, timeout=30).status_code


def check(log: LogRecorder, status: int, allowed: set[int]) -> None:
    assert status not in NEVER
    assert status in allowed, status
    assert log.tracebacks() == []


# -- strategies -----------------------------------------------------------------------------

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
junk = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
texts = st.text(max_size=40) | st.sampled_from(["policy help", "\ud800", "checkpost Our Q3 numbers", ""])


def maybe(value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``value``, or junk in its place."""
    return st.one_of(value, junk)


def shaped(fields: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    """A dict with some of ``fields``, each a plausible value or junk, plus junk keys."""
    return st.fixed_dictionaries({}, optional={k: maybe(v) for k, v in fields.items()}).flatmap(
        lambda d: st.dictionaries(st.sampled_from(["x", "team", "enterprise", "authorizations"]), junk, max_size=2).map(
            lambda extra: extra | d
        )
    )


users = shaped({"id": st.sampled_from(["U1", "U2"]), "team_id": st.just("T1")})
channels = shaped({"id": st.sampled_from(["C1", "D1"])})
slack_events = shaped(
    {
        "type": st.sampled_from(["message", "app_mention", "reaction_added", "app_home_opened"]),
        "channel": st.sampled_from(["C1", "D1"]),
        "channel_type": st.sampled_from(["im", "channel"]),
        "user": st.sampled_from(["U1", "UBOT"]),
        "text": texts,
        "ts": st.just("1.1"),
        "thread_ts": st.just("1.1"),
        "subtype": st.sampled_from(["bot_message", "message_changed"]),
    }
)
views = shaped(
    {
        "type": st.just("modal"),
        "callback_id": st.just("checkpost_modal"),
        "private_metadata": st.sampled_from(["{}", "[1]", "{", '{"channel_id": "C1"}']),
        "state": shaped({"values": st.dictionaries(st.sampled_from(["draft", "x"]), junk, max_size=2)}),
    }
)
actions = st.lists(
    shaped(
        {
            "action_id": st.sampled_from(["helpful_yes", "ack_reminder", "quiz_answer", "finding_wrong", "other"]),
            "value": st.text(max_size=10),
            "block_id": st.sampled_from(["finding|en", "x|", "reminder|ja"]),
        }
    ),
    max_size=2,
)
slack_payloads = shaped(
    {
        "type": st.sampled_from(
            ["event_callback", "url_verification", "view_submission", "block_actions", "message_action", "shortcut"]
        ),
        "event_id": st.text(min_size=1, max_size=6),
        "event": slack_events,
        "challenge": st.text(max_size=6),
        "user": users,
        "channel": channels,
        "view": views,
        "actions": actions,
        "callback_id": st.sampled_from(["check_post", "other"]),
        "message": shaped({"text": texts}),
        "team_id": st.just("T1"),
    }
)
commands = st.fixed_dictionaries(
    {},
    optional={
        "command": st.sampled_from(["/checkpost", "/policy", "/other"]),
        "user_id": st.sampled_from(["U1", ""]),
        "text": texts,
        "channel_id": st.sampled_from(["C1", "D1"]),
        "team_id": st.just("T1"),
        "trigger_id": st.just("t"),
        "channel_name": st.sampled_from(["directmessage", "general"]),
    },
)


@st.composite
def slack_bodies(draw: st.DrawFn) -> tuple[bytes, str]:
    """A body as Slack could send it (JSON event, form with ``payload=``, slash command form) or junk."""
    kind = draw(st.sampled_from(["json", "payload", "command", "bytes"]))
    if kind == "json":
        return json.dumps(draw(st.one_of(slack_payloads, junk))).encode(), "application/json"
    if kind == "payload":
        payload = draw(st.one_of(slack_payloads.map(json.dumps), st.text(max_size=30)))
        return urlencode({"payload": payload}, errors="surrogatepass").encode(), "application/x-www-form-urlencoded"
    if kind == "command":
        return urlencode(draw(commands), errors="surrogatepass").encode(), "application/x-www-form-urlencoded"
    return draw(st.binary(max_size=80)), draw(
        st.sampled_from(["application/json", "application/x-www-form-urlencoded"])
    )


activities = shaped(
    {
        "type": st.sampled_from(["message", "invoke", "conversationUpdate", "installationUpdate", "event", ""]),
        "id": st.just("a1"),
        "channelId": st.sampled_from(["msteams", "emulator"]),
        "from": shaped({"id": st.just("29:ann"), "aadObjectId": st.just("aad-ann")}),
        "recipient": shaped({"id": st.just("28:guidebot")}),
        "conversation": shaped(
            {"id": st.just("a:personal-ann"), "conversationType": st.sampled_from(["personal", "channel"])}
        ),
        "channelData": shaped({"tenant": shaped({"id": st.just("t1")}), "team": shaped({"id": st.just("19:t")})}),
        "text": texts,
        "name": st.sampled_from(["composeExtension/fetchTask", "composeExtension/submitAction", "task/fetch", "x"]),
        "value": shaped({"action": st.sampled_from(["helpful", "check", "quiz_answer"]), "draft": texts}),
        "membersAdded": st.lists(shaped({"id": st.just("28:guidebot")}), max_size=2),
        "entities": st.lists(junk, max_size=2),
    }
)


# -- the tests --------------------------------------------------------------------------------


@FUZZ
@given(body=slack_bodies())
def test_signed_slack_requests(servers: Servers, log: LogRecorder, body: tuple[bytes, str]) -> None:
    raw, content_type = body
    status = post(f"{servers.secured}/slack/events", raw, signed_bytes(raw, content_type))
    check(log, status, {200, 400})


@FUZZ
@given(
    body=slack_bodies(),
    timestamp=st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=30),
    signature=st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=70),
)
def test_forged_slack_requests(
    servers: Servers, log: LogRecorder, body: tuple[bytes, str], timestamp: str, signature: str
) -> None:
    raw, content_type = body
    headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature}
    check(log, post(f"{servers.secured}/slack/events", raw, headers), {401})


@FUZZ
@given(body=slack_bodies(), authorization=st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=60))
def test_teams_requests_without_a_valid_token(
    servers: Servers, log: LogRecorder, body: tuple[bytes, str], authorization: str
) -> None:
    raw, _ = body
    headers = {"Content-Type": "application/json", "Authorization": authorization}
    check(log, post(f"{servers.secured}/api/messages", raw, headers), {401})


@FUZZ
@given(activity=st.one_of(activities, junk))
def test_teams_bodies_with_a_valid_token(servers: Servers, log: LogRecorder, activity: Any) -> None:
    if isinstance(activity, dict):
        activity["serviceUrl"] = servers.connector.url + "/"
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {servers.token}"}
    check(log, post(f"{servers.secured}/api/messages", json.dumps(activity).encode(), headers), {200, 201, 400, 401})


@FUZZ
@given(activity=st.one_of(activities, junk))
def test_teams_bodies_unauthenticated(servers: Servers, log: LogRecorder, activity: Any) -> None:
    if isinstance(activity, dict):
        activity["serviceUrl"] = servers.connector.url + "/"
    headers = {"Content-Type": "application/json"}
    check(log, post(f"{servers.open}/api/messages", json.dumps(activity).encode(), headers), {200, 201, 400, 501})


def test_the_fuzzed_servers_still_answer(servers: Servers) -> None:
    """After the fuzzing, a plain request is answered as usual (nothing wedged)."""
    body = json.dumps({"type": "url_verification", "challenge": "after", "token": "t"})
    response = requests.post(
        f"{servers.secured}/slack/events", data=body.encode(), headers=signed(body, "application/json"), timeout=30
    )
    assert response.json()["challenge"] == "after"
    assert requests.get(f"{servers.open}/healthz", timeout=30).status_code == 200
