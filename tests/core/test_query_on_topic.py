"""Whether a question talks about posting or social media (``Query.on_topic``): a posting
word or a network's name says so even when a longer thesaurus form holds it ("tweeted the
wrong", a mistake; 「会社のインスタ」, an official account), while a Japanese term that is only
part of a longer form of a network (支店 in 「支店のX」) does not."""

from __future__ import annotations

import pytest

from bot.search.params import DEFAULT
from bot.search.query import QueryParser
from bot.search.typos import Typos

VOCABULARY = {
    "tweet", "wrong", "time", "event", "fix", "instagram", "set", "branch",
    "インスタ", "ログイン", "会社", "支店", "駐車", "車場", "使",
    "@mistake", "@post", "@social", "@official_account", "@account_security",
}  # fmt: skip


@pytest.fixture(scope="module")
def parser() -> QueryParser:
    return QueryParser(VOCABULARY, Typos(VOCABULARY, VOCABULARY, DEFAULT), DEFAULT)


@pytest.mark.parametrize(
    ("question", "on_topic"),
    [
        # the word stands alone
        ("can I tweet about the event?", {"@post"}),
        # inside a longer form of another concept
        ("I tweeted the wrong time for the event, how do I fix it", {"@post"}),
        ("our branch wants its own Instagram, how do we set it up?", {"@social"}),
        ("会社のインスタ、ログイン情報をみんなで共有してるけど大丈夫?", {"@social"}),
        # a term that is only part of a network's longer form names no network
        ("支店の駐車場って使っていい?", set()),
    ],
)
def test_a_posting_word_names_the_channel_wherever_it_stands(
    parser: QueryParser, question: str, on_topic: set[str]
) -> None:
    assert parser.parse(question).on_topic == on_topic
