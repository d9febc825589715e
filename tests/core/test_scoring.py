"""BM25 scoring (bot.search.scoring), the answered/unsure decision (bot.search.decide) and Params."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from bot.domain.policy import KnowledgeBase
from bot.search import decide, scoring
from bot.search.decide import Evidence, MeaningCheck
from bot.search.index import ClauseIndex
from bot.search.params import DEFAULT, FieldWeights, Params
from bot.search.query import QueryParser, unsourced
from bot.search.typos import Typos

# --- BM25 ---


def test_idf_falls_with_document_frequency_and_stays_positive() -> None:
    assert scoring.idf(10, 0) == pytest.approx(math.log(22))
    values = [scoring.idf(10, df) for df in range(11)]
    assert values == sorted(values, reverse=True)
    assert values[-1] > 0  # a term in every document still counts a little


def test_length_norm_scales_with_relative_length() -> None:
    assert scoring.length_norm(10, 10, k1=2.0, b=0.5) == pytest.approx(2.0)  # an average document
    assert scoring.length_norm(30, 10, k1=2.0, b=0.0) == pytest.approx(2.0)  # b = 0: length ignored
    assert scoring.length_norm(30, 10, k1=2.0, b=1.0) == pytest.approx(6.0)  # b = 1: fully relative
    assert scoring.length_norm(5, 10, k1=2.0, b=0.5) < scoring.length_norm(20, 10, k1=2.0, b=0.5)


def test_term_weight_saturates_towards_k1_plus_one() -> None:
    assert scoring.saturated(0.0, 2.0, 2.0) == 0.0
    assert scoring.saturated(1.0, 2.0, 2.0) == pytest.approx(1.0)
    weights = [scoring.saturated(f, 2.0, 2.0) for f in (1.0, 2.0, 4.0, 100.0, 1e6)]
    assert weights == sorted(weights)
    assert all(w < 3.0 for w in weights) and weights[-1] == pytest.approx(3.0, rel=1e-5)


def _postings() -> dict[str, scoring.Postings]:
    return {
        "a": (np.array([0, 2], dtype=np.int32), np.array([1.0, 0.5], dtype=np.float32)),
        "b": (np.array([1], dtype=np.int32), np.array([2.0], dtype=np.float32)),
    }


def test_score_adds_idf_times_query_weight_times_posting_weight() -> None:
    scores = scoring.score({"a": 1.0, "b": 0.5}, _postings(), {"a": 1.0, "b": 2.0}, docs=4)
    assert scores.dtype == np.float32
    assert scores.tolist() == pytest.approx([1.0, 2.0, 0.5, 0.0])
    assert scoring.score({}, _postings(), {}, docs=3).tolist() == [0.0, 0.0, 0.0]


def test_ceiling_is_a_fully_saturated_document_plus_unknown_words() -> None:
    idfs = {"a": 1.0, "b": 2.0}
    query = {"a": 1.0, "b": 0.5}
    assert scoring.ceiling(query, idfs, unknown=0, unknown_idf=0.5, k1=2.0) == pytest.approx(3.0 + 3.0)
    assert scoring.ceiling(query, idfs, unknown=2, unknown_idf=0.5, k1=2.0) == pytest.approx(6.0 + 3.0)
    # A document holding every term at the saturated weight k1 + 1 covers the whole question.
    full = {t: (np.array([0], dtype=np.int32), np.array([3.0], dtype=np.float32)) for t in idfs}
    best = float(scoring.score(query, full, idfs, docs=1)[0])
    assert best == pytest.approx(scoring.ceiling(query, idfs, unknown=0, unknown_idf=0.5, k1=2.0))


def test_top_is_best_first_without_zeros_and_ties_keep_document_order() -> None:
    scores = np.array([0.0, 0.5, 2.0, 0.5, 0.0, 1.0], dtype=np.float32)
    assert scoring.top(scores, 10).tolist() == [2, 5, 1, 3]
    assert scoring.top(scores, 2).tolist() == [2, 5]
    assert scoring.top(scores, 0).tolist() == []
    assert scoring.top(np.zeros(3, dtype=np.float32), 5).tolist() == []


# --- Answered or unsure ---


def evidence(**changes: object) -> Evidence:
    base = Evidence(best=0.3, help_desk=0.1, names_channel=True, channel_unexplained=False, names_subject=True)
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_a_clause_covering_enough_and_beating_the_help_desk_answers() -> None:
    assert decide.confident(evidence(), DEFAULT)
    assert not decide.confident(evidence(best=0.05), DEFAULT)  # covers too little of the question
    assert decide.confident(evidence(best=0.06, help_desk=0.0), DEFAULT)  # the floor itself is enough
    assert not decide.confident(evidence(best=0.3, help_desk=0.25), DEFAULT)  # 0.3 < 0.25 x 1.25


def test_a_procedure_naming_no_channel_needs_a_clause_covering_half_of_it() -> None:
    # "How do I order a new lab coat?" shares a word with a clause and with no help-desk area.
    how = evidence(names_channel=False, names_subject=False, asks_procedure=True, help_desk=0.0)
    assert not decide.confident(dataclasses.replace(how, best=0.4), DEFAULT)
    strong = MeaningCheck(clause=0.9, first=0.9, help_desk=0.1)  # the meaning cannot overrule it
    assert not decide.confident(dataclasses.replace(how, best=0.4, meaning=strong), DEFAULT)
    # The clause's own term ("when does the quiet period start?") covers most of it.
    assert decide.confident(dataclasses.replace(how, best=0.7), DEFAULT)
    # Naming a subject of the policy is not enough ("how do I order a new ID badge?" names the
    # security clause's badge); naming a channel leaves it to the margins.
    assert not decide.confident(dataclasses.replace(how, best=0.4, names_subject=True), DEFAULT)
    assert decide.confident(dataclasses.replace(how, best=0.4, names_channel=True), DEFAULT)
    assert decide.confident(
        evidence(best=0.4, asks_procedure=False, names_channel=False, names_subject=False, help_desk=0.0), DEFAULT
    )


def test_the_margin_over_the_help_desk_depends_on_what_the_question_names() -> None:
    assert decide.margin(evidence(), DEFAULT) == DEFAULT.off_topic_margin
    # Posting or social media, which the rival area does not explain: matching it is enough.
    assert decide.margin(evidence(channel_unexplained=True), DEFAULT) == DEFAULT.on_topic_margin
    assert decide.confident(evidence(best=0.3, help_desk=0.3, channel_unexplained=True), DEFAULT)
    # Neither a channel nor a policy subject: the widest margin.
    vague = evidence(names_channel=False, names_subject=False)
    assert decide.margin(vague, DEFAULT) == DEFAULT.no_channel_margin
    assert not decide.confident(dataclasses.replace(vague, best=0.3, help_desk=0.2), DEFAULT)  # 0.3 < 0.32
    # A subject alone keeps the ordinary margin.
    assert decide.margin(evidence(names_channel=False), DEFAULT) == DEFAULT.off_topic_margin


def test_asking_whether_one_may_post_where_no_help_desk_area_explains_needs_less_of_a_margin() -> None:
    # 「シフト削られて生活きついってツイートしても大丈夫?」: シフト is the help desk's word as much as
    # the rest is the clause's; the question asks whether it may be tweeted.
    asks = evidence(best=0.09, help_desk=0.1, channel_unexplained=True, asks_permission=True)
    assert decide.margin(asks, DEFAULT) == DEFAULT.posting_margin < DEFAULT.on_topic_margin
    assert decide.confident(asks, DEFAULT)
    assert not decide.confident(dataclasses.replace(asks, asks_permission=False), DEFAULT)
    # Not for a procedure. Where the help-desk area explains the channel's word too
    # (「予約システムの画面、スクショ載せたい」), matching it is enough; without asking, the full margin.
    assert decide.margin(dataclasses.replace(asks, asks_procedure=True), DEFAULT) == DEFAULT.procedure_margin
    explained = dataclasses.replace(asks, channel_unexplained=False)
    assert decide.margin(explained, DEFAULT) == DEFAULT.on_topic_margin
    assert decide.margin(dataclasses.replace(explained, asks_permission=False), DEFAULT) == DEFAULT.off_topic_margin
    assert decide.margin(dataclasses.replace(explained, names_channel=False), DEFAULT) == DEFAULT.off_topic_margin
    # Checked by the sentence model too (English: "how much scrolling tiktok is ok on a quiet
    # night shift?"), the same margin; the explained channel keeps the model's own margin.
    neutral = MeaningCheck(clause=0.3, first=0.3, help_desk=0.3)
    assert decide.margin(dataclasses.replace(asks, meaning=neutral), DEFAULT) == DEFAULT.posting_margin
    guarded = dataclasses.replace(explained, meaning=neutral)
    assert decide.margin(guarded, DEFAULT) == DEFAULT.guarded_off_topic_margin


def test_the_sentence_model_narrows_the_words_thresholds() -> None:
    neutral = MeaningCheck(clause=0.3, first=0.3, help_desk=0.3)
    assert not decide.confident(evidence(best=0.05), DEFAULT)
    assert decide.confident(evidence(best=0.05, help_desk=0.0, meaning=neutral), DEFAULT)  # guarded floor 0.04
    assert decide.margin(evidence(meaning=neutral), DEFAULT) == DEFAULT.guarded_off_topic_margin
    vague = evidence(names_channel=False, names_subject=False, meaning=neutral)
    assert decide.margin(vague, DEFAULT) == DEFAULT.guarded_no_channel_margin


def test_meaning_overrides_the_words() -> None:
    # Closer in meaning to a help-desk area than to every clause: unsure, whatever the words say.
    help_desk_like = MeaningCheck(clause=0.3, first=0.3, help_desk=0.5)
    assert not decide.confident(evidence(best=0.9, help_desk=0.0, meaning=help_desk_like), DEFAULT)
    # Plainly about the clause ranked first: answered, though few words match.
    plainly = MeaningCheck(clause=0.6, first=0.6, help_desk=0.3)
    assert decide.confident(evidence(best=0.01, help_desk=0.2, meaning=plainly), DEFAULT)
    # Close, but not by the margin over the help desk: the words decide.
    close = MeaningCheck(clause=0.5, first=0.5, help_desk=0.45)
    assert not decide.confident(evidence(best=0.01, meaning=close), DEFAULT)
    assert decide.confident(evidence(best=0.3, meaning=close), DEFAULT)


def test_asking_whether_one_may_post_outweighs_a_help_desk_meaning() -> None:
    # "how much scrolling tiktok is ok on a quiet night shift?": nearer a help-desk area on
    # rosters in meaning, but it asks whether it may use TikTok, which no help-desk area explains.
    rosters = MeaningCheck(clause=0.30, first=0.30, help_desk=0.45)
    asks = evidence(best=0.15, help_desk=0.1, channel_unexplained=True, asks_permission=True, meaning=rosters)
    assert decide.confident(asks, DEFAULT)
    # A question that does not ask, one about doing a thing (a procedure), or one whose channel a
    # help-desk area explains stays the help desk's.
    assert not decide.confident(dataclasses.replace(asks, asks_permission=False), DEFAULT)
    assert not decide.confident(dataclasses.replace(asks, asks_procedure=True), DEFAULT)
    assert not decide.confident(dataclasses.replace(asks, channel_unexplained=False), DEFAULT)


def test_sharing_a_thing_with_a_person_is_not_posting() -> None:
    parser = QueryParser(frozenset(), Typos((), (), DEFAULT), DEFAULT)
    assert not parser.parse("can I share my parking spot with a coworker?").on_topic
    assert not parser.parse("can I share my desk with another team on Fridays?").on_topic
    assert not parser.parse("can I share my calendar with the new part-timer so she sees my shifts?").on_topic
    assert parser.parse("can I share a photo of the new desk?").on_topic
    # Sharing on a social network is posting, whoever it is shared with.
    assert parser.parse("can I share my desk setup on instagram with my friends?").on_topic


def test_posting_a_letter_or_a_parcel_is_not_posting() -> None:
    parser = QueryParser(frozenset(), Typos((), (), DEFAULT), DEFAULT)
    assert not parser.parse("can I post a parcel to a customer from the branch?").on_topic
    assert not parser.parse("can I post a letter to a policyholder from the office mailroom?").on_topic
    assert parser.parse("found a wallet, can I post the owner's ID card to find them?").on_topic
    assert parser.parse("can I post a photo of the parcel on instagram?").on_topic


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("インスタで見た巡回ロボ、うちも導入する予定ある?", " 巡回ロボ、うちも導入する予定ある?"),
        (
            "saw on facebook there's a family day at the plant, do I need to register?",
            "  a family day at the plant, do I need to register?",
        ),
        # seen somewhere and then posted: the posting stays
        ("インスタで見た投稿、シェアしていい?", " 投稿、シェアしていい?"),
        ("can I post this on instagram?", "can I post this on instagram?"),
        ("インスタで見た", "インスタで見た"),
        # a network's product is the product
        ("can I expense LinkedIn Premium for sourcing?", "can I expense Premium for sourcing?"),
        ("customer found us on instagram and wants a quote", "customer   and wants a quote"),
        ("a linkedin recruiter keeps asking about our systems", "a linkedin recruiter keeps asking about our systems"),
    ],
)
def test_where_the_asker_saw_a_thing_is_not_where_they_post(question: str, read: str) -> None:
    assert unsourced(question) == read


def test_a_question_read_without_where_it_was_seen_names_no_channel() -> None:
    parser = QueryParser(frozenset(), Typos((), (), DEFAULT), DEFAULT)
    assert not parser.parse(unsourced("saw on instagram there's a new menu, when does it start?")).on_topic


def test_a_question_that_names_nothing_of_the_policys_is_the_help_desks_by_a_narrower_margin() -> None:
    # "How do I order a new lab coat?": its words match a clause, its meaning is the help desk's.
    slightly = MeaningCheck(clause=0.40, first=0.40, help_desk=0.47)
    named = evidence(best=0.6, help_desk=0.05, meaning=slightly)
    assert decide.confident(named, DEFAULT)  # it names a channel: closer by 0.07 is not enough
    unnamed = dataclasses.replace(named, names_channel=False, names_subject=False)
    assert not decide.confident(unnamed, DEFAULT)
    assert decide.confident(unnamed, Params(help_desk_meaning_margin_unnamed=0.1))


def test_a_question_that_asks_to_post_and_means_a_clause_is_answered_over_the_help_desks_words() -> None:
    # "Can I post a congrats on IG before her maternity leave starts?": "maternity leave" is
    # the help desk's, the question is a colleague's news to post.
    leaning = MeaningCheck(clause=0.41, first=0.41, help_desk=0.37)
    posting = evidence(best=0.12, help_desk=0.16, names_channel=True, meaning=leaning)
    assert decide.confident(posting, DEFAULT)
    assert not decide.confident(dataclasses.replace(posting, names_channel=False), DEFAULT)
    assert not decide.confident(dataclasses.replace(posting, asks_procedure=True), DEFAULT)
    assert not decide.confident(posting, Params(posting_meaning_margin=0.1))
    # The clause answered is the one ranked first: a closer one further down does not count.
    assert not decide.confident(dataclasses.replace(posting, meaning=MeaningCheck(0.41, 0.10, 0.37)), DEFAULT)


def test_params_move_the_decision() -> None:
    assert decide.confident(evidence(best=0.05, help_desk=0.0), Params(confident_score=0.05))
    assert not decide.confident(evidence(best=0.3, help_desk=0.2), Params(off_topic_margin=2.0))


# --- Params through the index ---


def test_default_params_are_the_tuned_figures() -> None:
    assert Params() == DEFAULT
    assert DEFAULT.fields == FieldWeights(title=2.0, questions=1.0, keywords=2.0, answer=0.7, offtopic=1.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT.k1 = 1.2  # type: ignore[misc]


def test_an_index_uses_the_params_it_is_given(eval_kb: KnowledgeBase) -> None:
    question = "can I post a photo of the office whiteboard?"
    words = ClauseIndex(eval_kb, sentence_model=None)
    assert words.search(question).confident
    strict = ClauseIndex(eval_kb, Params(confident_score=1.01), sentence_model=None)
    ranking = strict.search(question)
    assert not ranking.confident and ranking.matches == words.search(question).matches
    # Titles that count for nothing change the scores.
    no_titles = ClauseIndex(eval_kb, Params(fields=FieldWeights(title=0.0)), sentence_model=None)
    assert [m.score for m in no_titles.rank(question)] != [m.score for m in words.rank(question)]


def test_a_question_about_operating_something_needs_the_widest_margin() -> None:
    procedure = evidence(asks_procedure=True)
    assert decide.margin(procedure, DEFAULT) == DEFAULT.procedure_margin
    assert decide.confident(evidence(best=0.3, help_desk=0.2), DEFAULT)  # 0.3 >= 0.2 x 1.25
    assert not decide.confident(evidence(best=0.3, help_desk=0.2, asks_procedure=True), DEFAULT)  # < 0.2 x 2.5
    assert decide.confident(evidence(best=0.3, help_desk=0.0, asks_procedure=True), DEFAULT)  # no help-desk rival
    # Never narrower than the margin the question would get anyway.
    assert decide.margin(evidence(asks_procedure=True), Params(procedure_margin=1.0)) == DEFAULT.off_topic_margin


def test_a_subject_the_help_desk_does_not_name_beside_a_channel_it_explains_needs_less_of_a_margin() -> None:
    # 「売店のインスタ、店長の私物スマホでしかログインできない」: an app how-to explains Instagram, not
    # the shop's official account. Matching the area is enough ...
    said = evidence(best=0.12, help_desk=0.11, subject_unexplained=True)
    assert decide.margin(said, DEFAULT) == DEFAULT.on_topic_margin
    assert decide.confident(said, DEFAULT)
    assert not decide.confident(dataclasses.replace(said, subject_unexplained=False), DEFAULT)
    # ... and far less when it asks whether it may post (「うち独自の熟成マグロのやり方、YouTubeで
    # 解説してもいい?」: the area explains YouTube and やり方, not the know-how).
    asks = dataclasses.replace(said, best=0.07, help_desk=0.12, asks_permission=True)
    assert decide.margin(asks, DEFAULT) == DEFAULT.subject_margin < DEFAULT.posting_margin
    assert decide.confident(asks, DEFAULT)
    # Not for a procedure.
    assert not decide.confident(dataclasses.replace(asks, asks_procedure=True), DEFAULT)
    # With the sentence model, the same margin, and nearer a help-desk area in meaning is no veto
    # ("want to vent on reddit about the new on-call rotation, am i allowed?").
    nearer = MeaningCheck(clause=0.38, first=0.38, help_desk=0.44)
    assert decide.margin(dataclasses.replace(asks, meaning=nearer), DEFAULT) == DEFAULT.subject_margin
    assert decide.confident(dataclasses.replace(asks, meaning=nearer), DEFAULT)
    assert not decide.confident(dataclasses.replace(asks, meaning=nearer, subject_unexplained=False), DEFAULT)


def test_asking_about_a_subject_the_help_desk_does_not_name_needs_no_channel_when_it_means_a_clause() -> None:
    # "is it ok to compare pay with the other carpenters in our group chat?": no channel the words
    # know, but nearer a clause than any help-desk area in meaning.
    asks = evidence(best=0.16, help_desk=0.15, names_channel=False, subject_unexplained=True, asks_permission=True)
    near = MeaningCheck(clause=0.45, first=0.45, help_desk=0.32)
    assert decide.margin(dataclasses.replace(asks, meaning=near), DEFAULT) == DEFAULT.subject_margin
    assert decide.confident(dataclasses.replace(asks, meaning=near), DEFAULT)
    # As near a help-desk area in meaning, or without the sentence model: the ordinary margin.
    level = MeaningCheck(clause=0.4, first=0.4, help_desk=0.38)
    assert decide.margin(dataclasses.replace(asks, meaning=level), DEFAULT) == DEFAULT.guarded_off_topic_margin
    assert decide.margin(asks, DEFAULT) == DEFAULT.off_topic_margin
