"""``kb lint`` warns, once per language at the policy's line, when clauses have fewer than
four example questions: people's questions are matched against them."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.knowledge.lint import CLAUSE_QUESTIONS, SMALL_BASE, lint

ROOT = Path(__file__).resolve().parents[2]


def _few_question_warnings(path: Path) -> list[str]:
    _kb, issues = lint(path, routing=False)
    return [i.message for i in issues if i.field == "clauses.questions"]


def test_the_bundled_policy_gives_every_clause_enough_questions() -> None:
    assert _few_question_warnings(ROOT / "knowledge") == []


def test_clauses_with_few_questions_are_named_once_per_language(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "knowledge" / "policy.yaml").read_text(encoding="utf-8"))
    first = data["clauses"][0]
    first["questions"] = {lang: qs[: CLAUSE_QUESTIONS - 1] for lang, qs in first["questions"].items()}
    (tmp_path / "policy.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    warnings = _few_question_warnings(tmp_path)
    assert len(warnings) == len(first["questions"])  # one per language
    assert all(w.startswith(f"1 of {len(data['clauses'])} clauses have fewer than") for w in warnings)
    assert all(first["id"] in w for w in warnings)


def test_a_handful_of_clauses_is_not_warned_about(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "knowledge" / "policy.yaml").read_text(encoding="utf-8"))
    data["clauses"] = data["clauses"][: SMALL_BASE - 1]
    for clause in data["clauses"]:
        clause["questions"] = {lang: qs[:1] for lang, qs in clause["questions"].items()}
        clause.pop("see_also", None)
    (tmp_path / "policy.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert _few_question_warnings(tmp_path) == []
