"""The benchmark code runs end to end on tiny sizes (no timing is asserted)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from bench.__main__ import main
from bench.ask_bench import bench_ask
from bench.check_bench import ReBaseline, bench_check, check_sources
from bench.jsonl_bench import jsonl_input
from bench.synth import draft, draft_texts, synthetic_kb
from bench.timing import Row, table
from bot.checks.checker import check_text
from bot.domain.policy import KnowledgeBase
from bot.domain.texts import all_strings
from bot.search.analysis import terms


def _vocabulary(kb: KnowledgeBase) -> set[str]:
    return {t for c in kb.clauses for text in (*c.answer.values(), *all_strings(c.questions)) for t in terms(text)}


def test_synthetic_base_is_deterministic_and_grows_its_vocabulary(eval_kb: KnowledgeBase) -> None:
    big = synthetic_kb(eval_kb, 120)
    again = synthetic_kb(eval_kb, 120)
    assert [c.id for c in big.clauses] == [c.id for c in again.clauses]
    assert [dict(c.answer) for c in big.clauses] == [dict(c.answer) for c in again.clauses]
    assert len(big.clauses) == 120 == len(big.by_id)
    assert big.clauses[: len(eval_kb.clauses)] == eval_kb.clauses
    assert len(_vocabulary(big)) > len(_vocabulary(eval_kb)) + 100


def test_drafts_have_the_exact_size_and_japanese_ones_need_nfkc(eval_kb: KnowledgeBase) -> None:
    en = draft("en", 3000, draft_texts("en", eval_kb))
    ja = draft("ja", 3000, draft_texts("ja", eval_kb))
    assert len(en) == len(ja) == 3000
    assert "\n\n" in en  # paragraphs
    assert not unicodedata.is_normalized("NFKC", ja)
    assert ja == draft("ja", 3000, draft_texts("ja", eval_kb))


def test_re_baseline_runs_the_checks_patterns(eval_kb: KnowledgeBase) -> None:
    sources = check_sources(eval_kb)
    assert len(sources) > len(eval_kb.checks)
    baseline = ReBaseline(sources)
    text = "Internal only: mail yui.sato@example.com about Project Bluefin."
    assert baseline.run(text) >= 2
    assert check_text(eval_kb, text).findings
    assert all(isinstance(re.compile(s), re.Pattern) for s in sources)


def _assert_rows(rows: list[Row]) -> None:
    assert rows
    assert all(r.value and "could not run" not in r.name for r in rows)
    assert any(r.passed is not None for r in rows)
    assert {r.status for r in rows if r.passed is not None} <= {"PASS", "FAIL"}


def test_ask_benchmark_on_tiny_bases(eval_kb: KnowledgeBase) -> None:
    questions = [q for c in eval_kb.clauses[:5] for q in all_strings(c.questions)]
    rows = bench_ask(eval_kb, questions, small=40, large=80, reps=1)
    _assert_rows(rows)
    assert any("rank_bm25" in r.name for r in rows)


def test_check_benchmark_on_tiny_drafts(eval_kb: KnowledgeBase) -> None:
    rows = bench_check(eval_kb, small=500, large=2000, reps=1)
    _assert_rows(rows)
    assert sum(r.target == "≤ 100×" for r in rows) == 4  # en, ja, each in paragraphs and on one line


def test_re_pass_writes_one_line_per_draft(eval_kb: KnowledgeBase, tmp_path: Path) -> None:
    sources = tmp_path / "sources.json"
    sources.write_text(json.dumps(check_sources(eval_kb)), encoding="utf-8")
    data = jsonl_input(eval_kb, 3)
    done = subprocess.run(
        [sys.executable, "-m", "bench.re_pass", str(sources)], input=data, capture_output=True, check=True
    )
    lines = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert len(lines) == 3 and all("matches" in line for line in lines)


def test_table_aligns_columns() -> None:
    out = table([Row("a figure", "1.0 ms", "≤ 2 ms", True), Row("  detail", "3 µs")])
    lines = out.splitlines()
    assert lines[0].split() == ["figure", "measured", "target", "result"]
    assert lines[2].endswith("PASS")
    assert lines[2].index("1.0 ms") == lines[3].index("3 µs") == lines[0].index("measured")


def test_make_bench_entry_point_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--smoke"]) == 0
    out = capsys.readouterr().out
    assert "start-up: guidebot ask" in out
    assert "check --jsonl / re pass" in out
    assert "targets met" in out
