"""A photo is how something would be shown, not what it is about: when a question names
another subject, its photo terms weigh less (``Params.medium_weight``)."""

from __future__ import annotations

import dataclasses

import pytest

from bot.search.params import DEFAULT
from bot.search.query import QueryParser
from bot.search.typos import Typos

VOCABULARY = {
    "photo",
    "pic",
    "badge",
    "access",
    "card",
    "post",
    "@photo",
    "@facility",
    "@security",
    "@post",
    "写真",
    "社員",
    "員証",
    "@social",
}


def parser(weight: float = DEFAULT.medium_weight) -> QueryParser:
    params = dataclasses.replace(DEFAULT, medium_weight=weight)
    return QueryParser(VOCABULARY, Typos(VOCABULARY, VOCABULARY, params), params)


@pytest.mark.parametrize(
    ("alone", "with_subject", "term"),
    [
        ("can I post a photo?", "can I post a photo of my access badge?", "photo"),
        ("can I post a photo?", "can I post a photo of my access badge?", "@photo"),
        ("写真を載せてもいい？", "社員証の写真を載せてもいい？", "写真"),
    ],
)
def test_photo_terms_weigh_less_beside_another_subject(alone: str, with_subject: str, term: str) -> None:
    p = parser()
    plain, beside = p.parse(alone).weights, p.parse(with_subject).weights
    assert beside[term] == pytest.approx(plain[term] * DEFAULT.medium_weight)
    assert DEFAULT.medium_weight < 1.0


def test_at_full_weight_nothing_changes() -> None:
    p = parser(1.0)
    assert (
        p.parse("can I post a photo of my access badge?").weights["photo"]
        == p.parse("can I post a photo?").weights["photo"]
    )
