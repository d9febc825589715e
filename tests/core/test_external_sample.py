"""A sample of the external secret and personal-data corpus, kept as regression cases.

The items (``tests/fixtures/external/corpus-sample.jsonl``, provenance in its README) go
through ``guidebot check --jsonl`` as ``make eval`` sends the whole corpus: a finding of
category ``secret`` or ``personal-data`` is that label.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.external import LABELS, check_jsonl, read_corpus, score

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "external" / "corpus-sample.jsonl"
ROWS = read_corpus(SAMPLE)


@pytest.fixture(scope="module")
def categories() -> dict[str, set[str]]:
    found = check_jsonl([str(r["text"]) for r in ROWS])
    return {str(r["id"]): cats & set(LABELS) for r, cats in zip(ROWS, found, strict=True)}


def test_the_sample_covers_every_label_and_both_languages():
    assert {r["label"] for r in ROWS} == {"secret", "personal-data", "none"}
    assert {r["lang"] for r in ROWS} == {"en", "ja"}
    assert all(r["source"] for r in ROWS)


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['id']}-{r['kind']}" for r in ROWS])
def test_each_item_is_labelled_as_the_corpus_says(row, categories):
    want = {str(row["label"])} - {"none"}
    assert categories[str(row["id"])] == want, row["text"]


def test_score_counts_recall_and_precision_per_label(categories):
    fig = score(ROWS, [categories[str(r["id"])] for r in ROWS])
    for label in LABELS:
        tally = fig.by_label[label]
        assert tally.recall() == 1.0 and tally.precision() == 1.0
    assert fig.misses == []
