"""A word read in another sense says less: a question term found only inside a longer
thesaurus form that names none of its own word's concepts weighs
``Params.other_sense_weight`` ("review", a recommendation, inside "bad review", criticism)."""

from __future__ import annotations

import dataclasses

import pytest

from bot.assistant.engine import GuideBot
from bot.knowledge.loader import load
from bot.search.analysis import fold, other_sense_terms, words
from bot.search.params import DEFAULT
from bot.search.query import QueryParser
from bot.search.typos import Typos
from tests.conftest import KbWriter


def other_sense(text: str) -> frozenset[str]:
    folded = fold(text)
    return other_sense_terms(folded, words(folded))


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        # A review received is criticism: 「口コミ」 inside 「口コミで叩かれ」 / 「口コミに「」.
        ("ホットペッパーの口コミで叩かれてる。反論したい", {"口", "コミ"}),
        ("Googleの口コミに「接客が最悪」って書かれた", {"口", "コミ"}),
        ("someone left a bad review of our store, can I reply?", {"review"}),
        # Written by the asker, it is the recommendation itself.
        ("自社製品の口コミを書いていい?", set()),
        ("can I leave a review of our new blender?", set()),
        # The word also stands on its own elsewhere in the question: its own sense is there too.
        ("I saw a bad review and want to review the product myself", set()),
    ],
)
def test_terms_inside_a_form_of_another_sense(question: str, terms: set[str]) -> None:
    assert other_sense(question) == terms


VOCABULARY = {"口", "コミ", "反論", "review", "bad", "@criticism", "@endorse"}


def test_such_terms_weigh_other_sense_weight() -> None:
    params = dataclasses.replace(DEFAULT, other_sense_weight=0.3)  # not the default: the setting is read
    parser = QueryParser(VOCABULARY, Typos(VOCABULARY, VOCABULARY, params), params)
    received = parser.parse("口コミで叩かれた。反論したい").weights
    written = parser.parse("口コミを書きたい").weights
    assert received["コミ"] == pytest.approx(written["コミ"] * params.other_sense_weight)
    assert received["反論"] == pytest.approx(1.0)  # the rest of the question keeps its weight
    assert received["@criticism"] == pytest.approx(params.concept_weight)


POLICY = """\
policy:
  id: reviews
  title: {en: Reviews, ja: レビュー}
  version: "1"
  owner: {en: "Comms, #comms", ja: "広報部 #comms"}
  default_language: en
clauses:
  - id: R-RECOMMEND
    title: {en: Recommending our products, ja: 自社製品の推奨や口コミ}
    verdict: conditional
    answer:
      en: Say you work here when you recommend our products.
      ja: 自社製品をすすめるときは社員であることを明記してください。
    questions:
      en: [Can I recommend our products?]
      ja: [自社製品の口コミを書いてもいいですか?]
    keywords: {en: [recommend, review], ja: [口コミ, レビュー, おすすめ]}
  - id: R-CRITICISM
    title: {en: Criticism of the company, ja: 会社への批判}
    verdict: conditional
    answer:
      en: Do not argue with critics; send the link to the comms team.
      ja: 批判に反論せず、リンクを広報に知らせてください。
    questions:
      en: [Someone is criticising us online, should I answer?]
      ja: [会社への批判に反論してもいいですか?]
    keywords: {en: [criticism, complaint], ja: [批判, 苦情]}
"""


def test_a_review_received_is_answered_with_criticism(write_kb: KbWriter) -> None:
    bot = GuideBot(load(write_kb(POLICY)))
    received = bot.ask("口コミに「店員が最悪」って書かれた。言い返したい")
    assert received.outcome != "unsure" and received.matches[0].clause.id == "R-CRITICISM"
    written = bot.ask("自社製品の口コミを書いてもいい?")
    assert written.outcome != "unsure" and written.matches[0].clause.id == "R-RECOMMEND"
