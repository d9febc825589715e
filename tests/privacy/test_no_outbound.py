"""Nothing leaves the machine but what the operator configured: ``serve`` and ``ask`` run as
real processes with every outbound connection recorded (a socket audit hook), and the
sentence model loaded, which in official onnxruntime builds starts Microsoft's telemetry
client unless it is turned off (``bot.search.sentence_model.import_onnxruntime``)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import aiohttp

from tests.serving import NETAUDIT, cli, serve_env, serving
from tests.slack.support import EVAL_KB, dm_event, event_body, start_mock

LOOPBACK = {"127.0.0.1", "::1", "localhost"}
# getaddrinfo(None, port): the server resolving the addresses to listen on, not a connection.
LISTENING = ("socket.getaddrinfo", "None")
QUESTION = "Can I post photos from the team offsite on Instagram?"


def recorded(audit: Path) -> list[tuple[str, str]]:
    lines = audit.read_text(encoding="utf-8").splitlines() if audit.exists() else []
    return [(event, host) for event, _, host in (line.partition("\t") for line in lines)]


def telemetry_store(home: Path) -> list[Path]:
    """What onnxruntime's telemetry client leaves when it starts: a device id and an event store."""
    return sorted((home / ".cache" / "Microsoft").rglob("*")) if (home / ".cache" / "Microsoft").exists() else []


async def test_serve_and_ask_connect_to_loopback_only(tmp_path: Path) -> None:
    mock, mock_server = await start_mock()
    audit = tmp_path / "net.log"
    env = serve_env(
        tmp_path,
        f"sqlite:///{tmp_path / 'guidebot.db'}",
        mock.url,
        PYTHONPATH=os.pathsep.join(p for p in (str(NETAUDIT), os.environ.get("PYTHONPATH", "")) if p),
        GUIDEBOT_TEST_NET_AUDIT=str(audit),
    )
    try:
        async with serving(env, tmp_path / "serve.log") as served, aiohttp.ClientSession() as session:
            status, _ = await served.post(session, event_body(dm_event(QUESTION)), "application/json")
            assert status == 200
            (posted,) = await mock.wait_for("chat.postMessage")
            assert posted.body["channel"] == "D1"
        serve_events = recorded(audit)
        audit.unlink()
        ask = await asyncio.create_subprocess_exec(
            cli(), "ask", "--kb", str(EVAL_KB), QUESTION, env=env, stdout=asyncio.subprocess.PIPE
        )
        out, _ = await ask.communicate()
        assert ask.returncode == 0 and out
        ask_events = recorded(audit)
    finally:
        await mock_server.close()

    for events in (serve_events, ask_events):
        assert ("import", "onnxruntime") in events  # the sentence model was loaded
        hosts = {host for event, host in events if event != "import" and (event, host) != LISTENING}
        assert hosts <= LOOPBACK, f"connections to {sorted(hosts - LOOPBACK)}"
    assert any(event == "socket.connect" for event, _ in serve_events)  # the recorder saw the Web API calls
    assert telemetry_store(Path(env["HOME"])) == []
