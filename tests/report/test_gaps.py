"""Knowledge gaps: unsure questions clustered by their keywords, deterministically."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from bot.features.owner.report import cluster_gaps
from bot.features.owner.usage import UsageEvent, keywords

QUESTIONS = [
    "How many vacation days do I get?",
    "Can I carry over unused vacation days?",
    "Vacation days for new hires",
    "What is the dress code for the party?",
    "Is there a dress code at the office party?",
    "有給休暇は何日ありますか?",
    "有給休暇の申請方法は?",
    "Who pays for parking?",
]


def _events(questions: list[str]) -> list[UsageEvent]:
    at = datetime(2026, 11, 2, tzinfo=UTC)
    return [UsageEvent(at, "console", "question", "h", "unsure", keywords=" ".join(keywords(q))) for q in questions]


def test_keywords_drop_stop_words_quotes_and_digits() -> None:
    assert keywords("How many vacation days do I get?") == ["many", "vacation", "days"]
    assert keywords('Can I post "our secret roadmap for Q3" on LinkedIn?') == ["linkedin"]
    assert keywords("call 090-1234-5678 about parking") == ["call", "parking"]
    assert keywords("有給休暇は何日?") == ["有給", "給休", "休暇", "何日"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Can I send the deck to jane.doe@acme-corp.com with Kenji Tanaka?", ["send", "deck"]),
        (
            "Is https://intranet.acme.example/people/jdoe okay for slides? see www.linkedin.com/in/jdoe",
            ["slides", "see"],
        ),
        ("ask <@U024BE7LH|jane> or <!subteam^S1|design> about the logo", ["ask", "logo"]),
        ("ping @kenji.tanaka and <at>Jane Doe</at> about the logo", ["ping", "logo"]),
        ("my number +44 20 7946 0958 is on the slide", ["number", "slide"]),
        ("Does Instagram allow reposts by Maria Garcia Lopez?", ["allow", "reposts"]),
        ("Can I post about our new product on Instagram?", ["new", "product", "instagram"]),
    ],
)
def test_keywords_keep_no_personal_data(question: str, expected: list[str]) -> None:
    assert keywords(question) == expected


def test_questions_about_one_topic_form_one_gap() -> None:
    gaps = cluster_gaps(_events(QUESTIONS))
    assert [g.count for g in gaps] == [3, 2, 2, 1]
    assert {"vacation", "days"} <= set(gaps[0].keywords)
    by_word = {w: g.count for g in gaps for w in g.keywords}
    assert by_word["dress"] == 2 and by_word["休暇"] == 2 and by_word["parking"] == 1
    assert sum(g.count for g in gaps) == len(QUESTIONS)


def test_clustering_does_not_depend_on_order() -> None:
    expected = cluster_gaps(_events(QUESTIONS))
    for seed in range(5):
        shuffled = QUESTIONS[:]
        random.Random(seed).shuffle(shuffled)
        assert cluster_gaps(_events(shuffled)) == expected


def test_unrelated_questions_stay_apart() -> None:
    gaps = cluster_gaps(_events(["Who pays for parking?", "Can I bring my dog to work?", "Is the canteen open late?"]))
    assert [g.count for g in gaps] == [1, 1, 1]
