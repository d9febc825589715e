"""``guidebot serve`` as a real subprocess on loopback, for tests that kill it, run two of
it on one database, or record what it connects to.

The Slack side is configured against a local mock Web API (``tests.slack.support``);
requests are signed like Slack's.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from tests.slack.support import BOT_TOKEN, EVAL_KB, SECRET, signed

NETAUDIT = Path(__file__).resolve().parent / "fixtures" / "netaudit"
START_WAIT = 120.0  # a guard against hangs (a loaded machine, the model's first load), not a timing assertion


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cli() -> str:
    return str(Path(sys.executable).with_name("guidebot"))


def serve_env(tmp_path: Path, database_url: str, slack_api: str, **more: str) -> dict[str, str]:
    """The environment of a ``serve`` on ``database_url`` with Slack pointed at ``slack_api``;
    HOME and the caches live in ``tmp_path``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "Microsoft", "GUIDEBOT_", "ORT_"))}
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env |= {
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "GUIDEBOT_CACHE_DIR": os.environ.get("GUIDEBOT_CACHE_DIR", str(tmp_path / "vectors")),
        "DATABASE_URL": database_url,
        "GUIDEBOT_KB": str(EVAL_KB),
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": f"{slack_api}/api/",
        **more,
    }
    return env


@dataclass
class Served:
    """One running ``guidebot serve``."""

    proc: asyncio.subprocess.Process
    url: str
    log: Path

    async def post(
        self, session: aiohttp.ClientSession, body: str, content_type: str, *, retry: int = 0
    ) -> tuple[int, str]:
        headers = signed(body, content_type, retry=retry)
        async with session.post(f"{self.url}/slack/events", data=body.encode(), headers=headers) as response:
            return response.status, await response.text()

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind runs."""
        with contextlib.suppress(ProcessLookupError):
            self.proc.send_signal(signal.SIGKILL)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""


async def start_serve(env: Mapping[str, str], log: Path) -> Served:
    """Start ``guidebot serve`` and wait until ``/healthz`` answers."""
    port = free_port()
    out = log.open("ab")
    proc = await asyncio.create_subprocess_exec(
        cli(), "serve", "--port", str(port), env={**env, "PORT": str(port)}, stdout=out, stderr=out
    )
    out.close()
    served = Served(proc, f"http://127.0.0.1:{port}", log)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + START_WAIT
    async with aiohttp.ClientSession() as session:
        while True:
            if proc.returncode is not None:
                raise AssertionError(f"serve exited with {proc.returncode}:\n{served.output()}")
            with contextlib.suppress(aiohttp.ClientError):
                async with session.get(f"{served.url}/healthz") as response:
                    if response.status == 200:
                        return served
            if loop.time() > deadline:
                served.kill()
                raise AssertionError(f"serve did not become ready:\n{served.output()}")
            await asyncio.sleep(0.1)


@contextlib.asynccontextmanager
async def serving(env: Mapping[str, str], log: Path) -> AsyncIterator[Served]:
    """A ``serve`` for the block; stopped with SIGTERM (then SIGKILL) afterwards."""
    served = await start_serve(env, log)
    try:
        yield served
    finally:
        await stop(served)


async def stop(served: Served) -> None:
    if served.proc.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            served.proc.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(served.proc.wait(), 30)
        except TimeoutError:
            served.kill()
            await served.proc.wait()
