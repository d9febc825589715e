"""Live edits under a running server: a good edit is served, a broken one refused."""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from adapters.server import create_web_app
from bot.app import build_app
from bot.knowledge.watch import KbWatcher
from tests.conftest import EVAL_KB
from tests.report.conftest import make_settings

PETS = """\
clauses:
  - id: AC-PETS
    title: {en: Photos of pets in the office, ja: オフィスでのペットの写真}
    verdict: allowed
    answer: {en: Pets on office dog days may be photographed and posted., ja: ドッグデーのペットの写真は投稿できます。}
    questions:
      en:
        - Can I post photos of the office dog day with the puppies?
      ja:
        - オフィスのドッグデーの子犬の写真を投稿してもいいですか?
"""
QUESTION = "Can I post photos of the office dog day with the puppies?"


async def _until(condition: Callable[[], bool]) -> None:
    """Wait for the background watcher (it polls every few milliseconds here)."""
    loop = asyncio.get_running_loop()
    give_up = loop.time() + 120  # a generous bound for a loaded machine, not a speed check
    while not condition():
        if loop.time() > give_up:
            raise AssertionError("the watcher did not pick up the edit")
        await asyncio.sleep(0.01)


def _touch(path: Path, step: int) -> None:
    # Distinct mtimes even on file systems with coarse timestamps.
    ns = path.stat().st_mtime_ns + step * 10_000_000_000
    os.utime(path, ns=(ns, ns))


async def test_hot_reload_under_a_running_server(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(EVAL_KB, kb)
    app = build_app(make_settings(tmp_path, kb))
    watcher: KbWatcher = app.owner.watcher
    watcher.interval = 0.01
    runner = web.AppRunner(await create_web_app(app))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        async with aiohttp.ClientSession() as http:

            async def health() -> dict[str, object]:
                async with http.get(f"http://127.0.0.1:{port}/healthz") as resp:
                    assert resp.status == 200
                    return dict(await resp.json())

            assert (await health())["policy_version"] == "2026-11-01"
            # At start-up, a background thread prepares the sentence vectors of every clause.
            await _until(lambda: app.bot.index.warmed == len(app.bot.kb.clauses))
            before = await app.dispatcher.handle(_q(QUESTION))
            assert getattr(before, "clause", None) is None or before.clause.id != "AC-PETS"  # type: ignore[union-attr]

            # A good edit: a new clause and a new version.
            policy = kb / "policy.yaml"
            policy.write_text(
                policy.read_text(encoding="utf-8").replace("'2026-11-01'", "'2026-12-01'"), encoding="utf-8"
            )
            (kb / "pets.yaml").write_text(PETS, encoding="utf-8")
            _touch(policy, 1)
            await _until(lambda: app.bot.kb.policy.version == "2026-12-01" and app.bot.clause("AC-PETS") is not None)
            assert watcher.refusals == 0
            # ... and the watcher's thread does the same for the reloaded base.
            await _until(lambda: app.bot.index.warmed == len(app.bot.kb.clauses))
            assert (await health())["policy_version"] == "2026-12-01"
            after = await app.dispatcher.handle(_q(QUESTION))
            assert after.clause is not None and after.clause.id == "AC-PETS"  # type: ignore[union-attr]
            assert after.policy.version == "2026-12-01"  # type: ignore[union-attr]

            # A broken edit: refused, logged with file and line, the last good base still answers.
            with caplog.at_level(logging.ERROR, logger="bot.knowledge.watch"):
                (kb / "pets.yaml").write_text(PETS.replace("verdict: allowed", "verdict: maybe"), encoding="utf-8")
                _touch(kb / "pets.yaml", 2)
                await _until(lambda: watcher.refusals >= 1)
            errors = [r.getMessage() for r in caplog.records if r.name == "bot.knowledge.watch"]
            assert any("pets.yaml:" in e and "verdict" in e for e in errors), errors
            assert (await health())["policy_version"] == "2026-12-01"
            still = await app.dispatcher.handle(_q(QUESTION))
            assert still.clause is not None and still.clause.id == "AC-PETS"  # type: ignore[union-attr]
    finally:
        await runner.cleanup()
        app.close()


def _q(text: str):  # type: ignore[no-untyped-def]
    from adapters.console import to_incoming

    return to_incoming(text, "tester")
