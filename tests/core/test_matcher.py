"""Question ranking on the evaluation knowledge base: behaviours, and figures on the dev and proxy sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.evaluate import evaluate_questions, read_jsonl
from bot.analyze import terms
from bot.commonness import FLOOR, query_weight
from bot.loader import load
from bot.matcher import ClauseIndex

EVAL = Path("/work/shared/eval")
PROXY = Path(__file__).resolve().parents[2] / "bench" / "data" / "questions-proxy.jsonl"
pytestmark = pytest.mark.skipif(not (EVAL / "kb").exists(), reason="evaluation data not available")


@pytest.fixture(scope="module")
def index() -> ClauseIndex:
    return ClauseIndex(load(EVAL / "kb"))


def best(index: ClauseIndex, question: str) -> str:
    ranking = index.search(question)
    assert ranking.confident, question
    return ranking.matches[0].clause.id


def test_scores_are_in_unit_interval_and_sorted(index: ClauseIndex) -> None:
    matches = index.rank("can I post a photo of the office whiteboard?", 5)
    assert 1 < len(matches) <= 5
    scores = [m.score for m in matches]
    assert all(0.0 < s <= 1.0 for s in scores)
    assert scores == sorted(scores, reverse=True)


def test_typos_are_tolerated(index: ClauseIndex) -> None:
    assert best(index, "can I tweet about the compettitor's anounced layofs?") == best(
        index, "can I tweet about the competitor's announced layoffs?"
    )
    assert best(index, "someone got my pasword, my instagarm was hacked") == "AC-ACCOUNT-SECURITY"


def test_japanese_without_spaces(index: ClauseIndex) -> None:
    assert best(index, "決算の数字を発表前にSNSでつぶやいてもいい?") == "AC-FINANCIAL"
    assert best(index, "取材の依頼が記者から来たらどうすればいい") == "AC-MEDIA"


def test_paraphrase_through_the_thesaurus(index: ClauseIndex) -> None:
    # "logo" and "merch" are not the clause's own wording for trademarks.
    assert best(index, "is it fine to sell merch with our logo on it at a fan event?") == "AC-TRADEMARKS"
    # English question, answered by way of shared concepts with the clause.
    assert best(index, "a journalist wants to quote me, ok to talk?") == "AC-MEDIA"


@pytest.mark.parametrize(
    "question",
    [
        "how many vacation days do I have left this year?",
        "where do I submit my travel expense receipts?",
        "my keyboard stopped working, can I get a new one?",
        "社食の今日のメニューは?",
        "健康診断の予約はどこでできますか",
    ],
)
def test_help_desk_questions_are_unsure(index: ClauseIndex, question: str) -> None:
    assert not index.search(question).confident


def test_nonsense_and_empty_questions_are_unsure(index: ClauseIndex) -> None:
    assert index.search("").matches == ()
    assert not index.search("").confident
    assert not index.search("zxqv blorf").confident


@pytest.mark.parametrize(
    "question",
    [
        "how do I add a shared mailbox in outlook",  # "shared" is not posting here
        "is the office open on the national holiday?",
        "how do I make a pivot table in excel",
        "Teamsで画面共有ができない",
        "how long do instagram stories last before they disappear?",  # a platform how-to
    ],
)
def test_other_workplace_topics_are_unsure(index: ClauseIndex, question: str) -> None:
    assert not index.search(question).confident


def test_common_words_weigh_less_than_rare_ones() -> None:
    assert query_weight("glassdoor") == 1.0
    assert query_weight("tweet") == 1.0
    assert FLOOR <= query_weight("know") < 0.5
    assert query_weight("problem") < query_weight("leak") <= 1.0


def test_a_concept_named_by_an_everyday_word_weighs_little(index: ClauseIndex) -> None:
    # "pay" names the work-concerns concept, but here it is a help-desk question.
    assert not index.search("Who pays for parking at the office?").confident


def test_chatty_wording_does_not_change_the_answer(index: ClauseIndex) -> None:
    plain = best(index, "can I post my salary complaints on Glassdoor?")
    chatty = best(index, "hey so quick question, can I actually post my salary complaints on Glassdoor or not?")
    assert plain == chatty == "AC-WORK-CONCERNS"


def test_a_screen_is_not_surveillance() -> None:
    # "monitor" the screen must not bring the monitoring concept; being monitored does.
    assert "@monitoring" not in terms("my second monitor is in the background of the photo")
    assert "@monitoring" in terms("are we being monitored on our personal accounts?")


def test_x_the_platform_in_japanese() -> None:
    assert "@social" in terms("Xで聞かれてる")
    assert "@social" not in terms("Excelで表を作る")


def test_everyday_descriptions_reach_the_subject(index: ClauseIndex) -> None:
    assert best(index, "people say there was an explosion at one of our sites, can I comment on it?") == "AC-CRISIS"
    assert best(index, "the power is out and everyone is being evacuated, ok to tweet about it?") == "AC-CRISIS"
    assert best(index, "a fan asked for the cell number of our store manager, can I give it out?") == "AC-PRIVACY"


def _assert_figures(path: Path, top1: float, top3: float, oos: float, in_unsure: float) -> None:
    figures = evaluate_questions(ClauseIndex(load(EVAL / "kb")), read_jsonl(path))
    assert set(figures) == {"en", "ja"}
    for lang, fig in figures.items():
        r = fig.rates()
        assert r["top1"] >= top1, (lang, r)
        assert r["top3"] >= top3, (lang, r)
        assert r["oos_unsure"] >= oos, (lang, r)
        assert r["in_unsure"] <= in_unsure, (lang, r)


def test_dev_set_figures_meet_the_targets() -> None:
    # Achieved: en 0.81 / 0.94 / 1.00 / 0.02, ja 0.82 / 0.94 / 0.86 / 0.00.
    _assert_figures(EVAL / "questions-dev.jsonl", top1=0.78, top3=0.90, oos=0.80, in_unsure=0.05)


@pytest.mark.skipif(not PROXY.exists(), reason="proxy question set not available")
def test_proxy_set_figures() -> None:
    # Achieved: en 0.77 / 0.89 / 0.91 / 0.02, ja 0.84 / 0.97 / 1.00 / 0.00.
    _assert_figures(PROXY, top1=0.74, top3=0.86, oos=0.85, in_unsure=0.05)
