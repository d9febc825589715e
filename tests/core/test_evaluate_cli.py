"""`make eval` without the evaluation data: what is in the repository is still measured."""

from __future__ import annotations

import pytest

from bench.evaluate import main


def test_without_the_evaluation_data_the_repositorys_own_sets_are_measured(
    tmp_path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GUIDEBOT_EVAL_DIR", str(tmp_path / "absent"))
    # Words only: the sentence model's share of every figure is measured by `make eval`, and with it
    # this run over every base would take minutes.
    assert main(["--lexical"]) == 2
    out, err = capsys.readouterr()
    assert "evaluation data not found" in err
    assert "situations-2.jsonl" in out
    # The other industries' bases: questions per language and the draft checker's figures.
    assert out.count("another industry: ") == 184 and "industry-pharma/" in out and "industry-food/" in out
    assert out.count("right clause among those offered") == 184 and out.count("(clean drafts pass)") == 184
    assert main(["--no-industry", "--lexical"]) == 2
    assert "another industry" not in capsys.readouterr().out
