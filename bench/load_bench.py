"""Load on ``/checkpost``: signed slash commands at a fixed concurrency against ``guidebot serve``.

The server is the real console script in a process of its own (SQLite in a temporary
directory, the evaluation knowledge base), with ``SLACK_API_URL`` pointing at a local
stand-in for the Web API and the commands' ``response_url`` at the same stand-in, which
records every result posted. Each command's acknowledgement time is measured from send
to HTTP response; afterwards every command must have had its result posted exactly once.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import os
import signal
import socket
import statistics
import subprocess
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
from aiohttp import web

from bench.startup import guidebot_script
from bench.synth import EVAL_DIR, draft_texts
from bench.timing import Row, fmt_seconds
from bot.knowledge.loader import load

ACK_P99_TARGET_S = 0.3
SECRET = "bench-signing-secret"  # noqa: S105  (signs the benchmark's own requests)
WARM_UP = 3
REPLY_WAIT_S = 180.0  # how long the results may take to arrive, all together
START_WAIT_S = 120.0


@dataclass
class SlackStandIn:
    """The Slack Web API and response_url endpoints: answers ok, counts results per command."""

    results: Counter[str] = field(default_factory=Counter)
    api_calls: Counter[str] = field(default_factory=Counter)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    expected: int = 0

    def app(self) -> web.Application:
        web_app = web.Application(client_max_size=8 * 1024 * 1024)
        web_app.router.add_post("/api/{method}", self.web_api)
        web_app.router.add_post("/response/{id}", self.response_url)
        return web_app

    async def web_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        self.api_calls[method] += 1
        await request.read()
        if method == "auth.test":
            return web.json_response({"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1"})
        return web.json_response({"ok": True, "channel": "C1", "ts": "1.000100"})

    async def response_url(self, request: web.Request) -> web.Response:
        await request.read()
        self.results[request.match_info["id"]] += 1
        if sum(self.results.values()) >= self.expected:
            self.arrived.set()
        return web.Response(text="ok")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _signed(body: str) -> dict[str, str]:
    ts = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={digest}",
    }


def _command(draft: str, reply_to: str, user: int) -> str:
    return urlencode(
        {
            "token": "legacy",
            "team_id": "T1",
            "channel_id": "C1",
            "channel_name": "general",
            "user_id": f"U{user}",
            "command": "/checkpost",
            "text": draft,
            "api_app_id": "A1",
            "response_url": reply_to,
            "trigger_id": "trigger",
        }
    )


async def _wait_healthy(session: aiohttp.ClientSession, url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_WAIT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"guidebot serve exited with status {server.returncode}")
        try:
            async with session.get(f"{url}/healthz") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.2)
    raise TimeoutError("guidebot serve did not answer /healthz")


@dataclass
class LoadResult:
    acks: list[float]
    statuses: Counter[int]
    results: Counter[str]
    requests: int
    seconds: float
    tracebacks: int

    @property
    def exactly_once(self) -> int:
        return sum(1 for i in range(self.requests) if self.results.get(str(i)) == 1)

    @property
    def twice(self) -> int:
        return sum(1 for n in self.results.values() if n > 1)


async def drive(
    requests: int, concurrency: int, url: str, mock_port: int, server: subprocess.Popen[bytes]
) -> LoadResult:
    """Serve the stand-in on ``mock_port``, send the commands to ``url``, wait for every result."""
    kb = load(EVAL_DIR / "kb")
    drafts = [d for lang in ("en", "ja") for d in draft_texts(lang, kb)]
    stand_in = SlackStandIn(expected=requests + WARM_UP)
    runner = web.AppRunner(stand_in.app(), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", mock_port).start()
    mock_url = f"http://127.0.0.1:{mock_port}"
    acks: list[float] = []
    statuses: Counter[int] = Counter()
    try:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as session:
            await _wait_healthy(session, url, server)
            for i in range(WARM_UP):  # untimed: auth.test, the sentence model, the first checks
                body = _command(drafts[i], f"{mock_url}/response/warm-{i}", 0)
                async with session.post(f"{url}/slack/events", data=body, headers=_signed(body)) as r:
                    await r.read()
            gate = asyncio.Semaphore(concurrency)
            cycle = itertools.cycle(drafts)

            async def one(i: int) -> None:
                body = _command(next(cycle), f"{mock_url}/response/{i}", i % 40)
                async with gate:
                    sent = time.perf_counter()
                    async with session.post(f"{url}/slack/events", data=body, headers=_signed(body)) as r:
                        await r.read()
                        acks.append(time.perf_counter() - sent)
                        statuses[r.status] += 1

            started = time.perf_counter()
            await asyncio.gather(*(one(i) for i in range(requests)))
            await asyncio.wait_for(stand_in.arrived.wait(), REPLY_WAIT_S)
            seconds = time.perf_counter() - started
            await asyncio.sleep(1.0)  # a late second result for any command would land here
    finally:
        await runner.cleanup()
    results = Counter({k: v for k, v in stand_in.results.items() if not k.startswith("warm-")})
    return LoadResult(acks, statuses, results, requests, seconds, 0)


def run_load(requests: int, concurrency: int) -> LoadResult:
    """``guidebot serve`` in a process of its own, driven by :func:`drive`; its log is searched for tracebacks."""
    port, mock_port = _free_port(), _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "SLACK_BOT_TOKEN": "xoxb-bench",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": f"http://127.0.0.1:{mock_port}/api/",
            "GUIDEBOT_KB": str(EVAL_DIR / "kb"),
            "DATABASE_URL": f"sqlite:///{Path(tmp) / 'guidebot.db'}",
            "GUIDEBOT_CACHE_DIR": tmp,
        }
        log_path = Path(tmp) / "serve.log"
        with open(log_path, "wb") as log:
            server = subprocess.Popen(
                [guidebot_script(), "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT
            )
        try:
            result = asyncio.run(drive(requests, concurrency, f"http://127.0.0.1:{port}", mock_port, server))
        finally:
            server.send_signal(signal.SIGINT)  # a clean shutdown, as Ctrl-C
            server.wait(30)
        result.tracebacks = log_path.read_text(errors="replace").count("Traceback")
    return result


def bench_load(requests: int = 500, concurrency: int = 50) -> list[Row]:
    result = run_load(requests, concurrency)
    cuts = statistics.quantiles(result.acks, n=100)
    p50, p99 = statistics.median(result.acks), cuts[98]
    label = f"/checkpost load ({requests} at concurrency {concurrency}, {os.cpu_count()} cores)"
    statuses = ", ".join(f"{n}×{s}" for s, n in sorted(result.statuses.items()))
    return [
        Row(f"{label}: ack p50", fmt_seconds(p50)),
        Row(f"{label}: ack p99", fmt_seconds(p99), f"< {fmt_seconds(ACK_P99_TARGET_S)}", p99 < ACK_P99_TARGET_S),
        Row(
            f"{label}: results posted exactly once",
            f"{result.exactly_once}/{requests} (twice: {result.twice}; HTTP {statuses})",
            "all",
            result.exactly_once == requests and result.statuses == Counter({200: requests}),
        ),
        Row(f"{label}: all results in", f"{result.seconds:.1f} s ({requests / result.seconds:.0f}/s)"),
        Row(f"{label}: tracebacks in the server log", str(result.tracebacks)),
    ]
