"""Live edits under a running server: a good edit is served, a broken one refused."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from adapters.server import create_web_app
from bot.app import App, build_app
from bot.domain.policy import KnowledgeBase
from bot.domain.replies import AnswerReply, CheckReply
from bot.knowledge.loader import load, load_with_issues
from bot.knowledge.watch import KbWatcher
from tests.conftest import EVAL_KB, SMALL_KB
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


@dataclass
class Served:
    """guidebot serving HTTP on a loopback port, its base in ``kb`` watched every 10 ms."""

    app: App
    watcher: KbWatcher
    http: aiohttp.ClientSession
    url: str

    async def health(self) -> dict[str, object]:
        async with self.http.get(f"{self.url}/healthz") as resp:
            assert resp.status == 200
            return dict(await resp.json())


@contextlib.asynccontextmanager
async def _serving(tmp_path: Path, kb: Path) -> AsyncIterator[Served]:
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
            yield Served(app, watcher, http, f"http://127.0.0.1:{port}")
    finally:
        await runner.cleanup()
        app.close()


async def test_hot_reload_under_a_running_server(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(EVAL_KB, kb)
    async with _serving(tmp_path, kb) as served:
        app, watcher, health = served.app, served.watcher, served.health
        assert (await health())["policy_version"] == "2026-11-01"
        # At start-up, a background thread prepares the sentence vectors of every clause.
        await _until(lambda: app.bot.index.warmed == len(app.bot.kb.clauses))
        before = await app.dispatcher.handle(_q(QUESTION))
        assert getattr(before, "clause", None) is None or before.clause.id != "AC-PETS"  # type: ignore[union-attr]

        # A good edit: a new clause and a new version.
        policy = kb / "policy.yaml"
        policy.write_text(policy.read_text(encoding="utf-8").replace("'2026-11-01'", "'2026-12-01'"), encoding="utf-8")
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


# A check with examples, as ``kb lint`` runs them: the codename sentence must raise the check.
EXAMPLES = """\
  clause: AC-CONFIDENTIAL
  examples:
    flag:
    - Kestrel ships next week, stay tuned.
    pass:
    - We had a lovely team lunch today.
"""
KESTREL_TERM = "    - Kestrel\n"  # in the same check's forbid.terms
DISCLOSE = "Do I need to say I work at Acme when I talk about our industry?"


async def test_an_edit_only_lint_refuses_is_not_served(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """An edit that loads cleanly but breaks a check's own example (the check no longer raises on
    its ``examples.flag`` item) is refused like a load error: the last good base stays in service."""
    kb = tmp_path / "kb"
    shutil.copytree(EVAL_KB, kb)
    policy = kb / "policy.yaml"
    text = policy.read_text(encoding="utf-8")
    check_head = "- id: confidential-codenames\n  category: confidential\n  severity: error\n"
    assert text.count(check_head + "  clause: AC-CONFIDENTIAL\n") == 1 and text.count(KESTREL_TERM) == 1
    policy.write_text(text.replace(check_head + "  clause: AC-CONFIDENTIAL\n", check_head + EXAMPLES), encoding="utf-8")
    # The edit: "Kestrel" leaves the forbidden terms (and the version moves on); its example stays.
    edited = policy.read_text(encoding="utf-8").replace(KESTREL_TERM, "").replace("'2026-11-01'", "'2026-12-01'")
    # Loading alone finds nothing wrong with the edit: only lint's run of the examples does.
    edited_kb = tmp_path / "edited"
    edited_kb.mkdir()
    (edited_kb / "policy.yaml").write_text(edited, encoding="utf-8")
    loaded, load_issues = load_with_issues(edited_kb)
    assert loaded is not None and loaded.policy.version == "2026-12-01"
    assert [i for i in load_issues if i.level == "error"] == []
    example_line = 1 + edited.splitlines().index("    - Kestrel ships next week, stay tuned.")

    async with _serving(tmp_path, kb) as served:
        app, watcher = served.app, served.watcher
        assert (await served.health())["policy_version"] == "2026-11-01"
        draft = "checkpost Kestrel ships next week, stay tuned."
        blocked = await app.dispatcher.handle(_q(draft))
        assert isinstance(blocked, CheckReply) and blocked.result.verdict == "block"
        assert [f.check for f in blocked.result.findings] == ["confidential-codenames"]
        answered = await app.dispatcher.handle(_q(DISCLOSE))
        assert isinstance(answered, AnswerReply) and answered.clause is not None
        assert answered.clause.id == "AC-DISCLOSE"

        with caplog.at_level(logging.ERROR, logger="bot.knowledge.watch"):
            policy.write_text(edited, encoding="utf-8")
            _touch(policy, 1)
            await _until(lambda: watcher.reloads + watcher.refusals >= 1)  # the watcher has decided
        assert (watcher.reloads, watcher.refusals) == (0, 1)
        errors = [r.getMessage() for r in caplog.records if r.name == "bot.knowledge.watch"]
        assert errors == [
            "knowledge base edit refused (1 error(s)); still serving version 2026-11-01",
            f"kb lint: {policy}:{example_line}: checks[confidential-codenames].examples.flag: "
            "does not raise this check: 'Kestrel ships next week, stay tuned.'",
        ]
        # The old base is still served, and answers as it did.
        assert (await served.health())["policy_version"] == "2026-11-01"
        assert app.bot.kb.policy.version == "2026-11-01"
        again = await app.dispatcher.handle(_q(draft))
        assert isinstance(again, CheckReply) and again.result.verdict == "block"
        assert [f.check for f in again.result.findings] == ["confidential-codenames"]
        assert again.policy.version == "2026-11-01"
        still = await app.dispatcher.handle(_q(DISCLOSE))
        assert isinstance(still, AnswerReply) and still.clause is not None and still.clause.id == "AC-DISCLOSE"
        assert still.policy.version == "2026-11-01"


def _q(text: str):  # type: ignore[no-untyped-def]
    from adapters.console import to_incoming

    return to_incoming(text, "tester")


class _Serving:
    """What the watcher swaps a base into: the base in service and how often it changed."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.swaps = 0

    def replace(self, kb: KnowledgeBase) -> None:
        self.kb, self.swaps = kb, self.swaps + 1

    def warm(self, stop: object = None) -> object:
        return None


def test_a_file_being_written_is_read_only_once_it_holds_still(tmp_path: Path):
    kb_dir = tmp_path / "kb"
    shutil.copytree(SMALL_KB, kb_dir)
    policy = next(kb_dir.glob("*.yaml"))
    text = policy.read_text(encoding="utf-8")
    served = _Serving(load(kb_dir))
    watcher = KbWatcher(kb_dir, served)
    # Half written: an editor has truncated the file and written its first line.
    policy.write_text(text.splitlines()[0] + "\n", encoding="utf-8")
    _touch(policy, 1)
    assert watcher.poll() is None  # a change, not read yet
    # The rest arrives before the next check: the complete edit is what gets read.
    policy.write_text(text.replace('version: "T-1"', 'version: "T-2"'), encoding="utf-8")
    _touch(policy, 2)
    assert watcher.poll() is None
    assert watcher.poll() is True
    assert (served.kb.policy.version, served.swaps, watcher.refusals) == ("T-2", 1, 0)
    assert watcher.poll() is None  # nothing new
