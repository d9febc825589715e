"""What a question asks for: its known terms with their weights, and what it names.

A question's words are analysed as the clauses' are (:func:`bot.search.analysis.question_terms`),
typos corrected (:mod:`bot.search.typos`). Each term is weighted by how much it says
about the topic: a rare word fully, an everyday English word
(:mod:`bot.search.commonness`) or a concept named only by one little, the name of a
social network half (it is where something would be posted, not what it is about).
Words the base does not know at all are counted: they weigh against every clause.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

from bot.runtime.compiled import LazyRe
from bot.search.analysis import CONCEPT_PREFIX, question_terms, stem, word_concepts
from bot.search.commonness import query_weight
from bot.search.params import Params
from bot.search.thesaurus import CONCEPTS
from bot.search.typos import Typos

# Generic channel words of the social concept ("public", "online", "blog") are not names
# of social networks.
_CHANNEL_WORDS = frozenset(
    stem(w)
    for w in (
        "blog",
        "dm",
        "dms",
        "feed",
        "follow",
        "followers",
        "forum",
        "internet",
        "line",
        "medium",
        "note",
        "online",
        "public",
        "publicly",
        "social",
        "sns",
        "thread",
        "threads",
        "timeline",
    )
)
# Sharing a thing with a person, not a post ("can I share my parking spot with a coworker?",
# "share my desk with another team"): "share" names posting only when nothing else does.
_SHARED_WITH = LazyRe(
    r"\bshar(?:e|ing)\s+(?:my|a|an|the|our|his|her|their|this|that)\s+(?:[\w'-]+\s+){0,3}?with\s+"
    r"(?:(?:a|an|my|the|another|other|our|his|her|their|some|two|three)\s+)?(?:[\w-]+\s+)?"
    r"(?:co-?workers?|colleagues?|teammates?|team|friends?|sister|brother|family|roommates?|neighbou?rs?"
    r"|partner|department|dept|drivers?|nurses?|staff|people|someone|others|part-?timers?|agents?|managers?"
    r"|boss|supervisors?|interns?|new\s+hires?|temps?)\b",
    re.IGNORECASE,
)
# Posting a letter, a parcel or a payment, not a post ("can I post a parcel to a customer from the
# branch?", "how do I post a payment to a customer's account?").
_MAILED = LazyRe(
    r"\bpost(?:ing|ed)?\s+(?:(?:a|an|the|my|our|this|that|these|those|some|their)\s+)?(?:[\w'-]+\s+){0,2}?"
    r"(?:parcels?|letters?|cheques?|checks?|packages?|invoices?|payments?|envelopes?|samples?|journal\s+entr(?:y|ies))"
    r"\s+(?:to|from|through|via|by|into|on|in)\b",
    re.IGNORECASE,
)
# Where the asker saw a thing, not where they would post ("saw on Instagram there's a family
# day at the plant, do I need to register?", 「インスタで見た巡回ロボ、うちも導入する予定ある?」):
# read as if the network were not named, so that the question is not taken for one about posting.
_SEEN_ON = LazyRe(
    r"\b(?:i\s+|we\s+)?(?:saw|seen|spotted|read)\s+(?:it\s+|this\s+|that\s+|an?\s+ad\s+)?(?:on|in)\s+(?:the\s+)?"
    r"(?:instagram|insta|ig|tiktok|facebook|fb|twitter|youtube|linkedin|threads|reddit|social\s+media|socials)\b"
    r"(?:\s+(?:that|there(?:'s|\s+is|\s+are)?))?"
    r"|\b(?:found|heard\s+(?:about|of))\s+us\s+(?:on|through|via)\s+(?:instagram|insta|tiktok|facebook|twitter|youtube|linkedin|social\s+media)\b"
    r"|(?:インスタ|Instagram|TikTok|ティックトック|Twitter|ツイッター|Facebook|フェイスブック|YouTube|ユーチューブ|SNS|(?<![A-Za-z])X(?![A-Za-z]))"
    r"(?:で|に)(?:見た|見かけた|みた|流れてきた|話題の|話題になってる|紹介されてた|載ってた|出てた|バズってた)(?:けど|んだけど|って)?",
    re.IGNORECASE,
)


# A network's product for work is a tool, not the network ("can I expense LinkedIn Premium for
# sourcing?", "does the Excel course on LinkedIn Learning count toward CPE?"): read as the product.
_NETWORK_PRODUCT = LazyRe(r"\b(?:linkedin|youtube)\s+(learning|premium|sales\s+navigator|music)\b", re.IGNORECASE)


def unsourced(question: str) -> str:
    """``question`` without where the asker saw something (:data:`_SEEN_ON`), and a network's
    product named as the product alone (:data:`_NETWORK_PRODUCT`), unless nothing else is left."""
    out = _NETWORK_PRODUCT.sub(r"\1", _SEEN_ON.sub(" ", question))
    return out if out.strip(" 、,.?？!") else question


_POSTING = CONCEPT_PREFIX + "post"
# Media of one's own writing: naming one says what a question is about ("Can I blog?").
_MEDIA = frozenset(
    {stem("blog"), stem("blogging"), stem("podcast"), stem("vlog"), stem("newsletter"), "ブログ", "ポッドキャスト"}
)
# The names of social networks and sites ("linkedin", "reddit", "glassdoor").
PLATFORMS = (
    frozenset(stem(form.lower()) for form in CONCEPTS["social"] if form.isascii() and " " not in form) - _CHANNEL_WORDS
)

_KATAKANA_WORD = re.compile(r"[ァ-ヶー]+")
# Japanese words of the social-media concept that name no network (an account, followers).
_JA_CHANNEL_WORDS = frozenset(
    {"アカウント", "フォロワー", "タイムライン", "オンライン", "ソーシャルメディア", "ネット", "ブログ",
     "フォロバ", "フォローバック", "ユーチューバー", "プライベートアカウント", "オープンチャット",
     "インスタライブ", "ネットパトロール", "レビューサイト", "ライン"}
)  # fmt: skip
# A network's name or a verb made of one: it says the question is about posting even inside a
# longer form of another subject ("tweeted the wrong", a mistake; 「会社のインスタ」, an official
# account), where an everyday word ("job posting", "production line") does not.
_NETWORK_WORDS = (
    PLATFORMS
    | frozenset(stem(w) for w in ("tweet", "retweet", "subtweet"))
    | (frozenset(f for f in CONCEPTS["social"] if _KATAKANA_WORD.fullmatch(f)) - _JA_CHANNEL_WORDS)
    | frozenset({"ツイート", "リツイート"})
)


@dataclass(frozen=True, slots=True)
class Query:
    """A question as the index sees it."""

    weights: dict[str, float]  # each indexed term (typos corrected) and its weight
    unknown: int  # how many of its words no document holds
    on_topic: frozenset[str]  # the on-topic concepts (posting, social media) it names
    subject: bool  # it names a distinctive policy subject by a telling word
    concepts: frozenset[str]  # every concept it names
    # The distinctive subjects it names by a telling word (not a generic or on-topic concept).
    subjects: frozenset[str] = frozenset()
    # It names nothing but posting or a social network ("Can I post?", "can I tweet?",
    # 「投稿してもいいですか？」): every clause is about that, so none answers it.
    only_posting: bool = False


class QueryParser:
    """Turns questions into :class:`Query` values for one index."""

    def __init__(self, vocabulary: Container[str], typos: Typos, params: Params) -> None:
        self._vocabulary = vocabulary
        self._typos = typos
        self._concept_weight = params.concept_weight
        self._platform_weight = params.platform_weight
        self._strong_subject = params.strong_subject
        self._generic = frozenset(CONCEPT_PREFIX + c for c in params.generic_concepts)
        self._on_topic = frozenset(CONCEPT_PREFIX + c for c in params.on_topic_concepts)
        self._medium = frozenset(CONCEPT_PREFIX + c for c in params.medium_concepts)
        self._medium_weight = params.medium_weight
        self._other_sense_weight = params.other_sense_weight
        self._not_a_subject = self._medium | self._on_topic
        self._medium_ja = tuple(
            form for c in params.medium_concepts for form in CONCEPTS.get(c, ()) if not form.isascii()
        )
        # The Japanese forms of the on-topic concepts (投稿, ツイート): a question's Japanese
        # terms inside one of them name posting and nothing else.
        self._on_topic_ja = tuple(
            form for c in params.on_topic_concepts for form in CONCEPTS.get(c, ()) if not form.isascii()
        )
        # The on-topic concepts each network's name or posting verb names (:data:`_NETWORK_WORDS`).
        self._network_concepts = {
            word: self._on_topic.intersection(
                word_concepts(word)
                if word.isascii()
                else (CONCEPT_PREFIX + c for c in params.on_topic_concepts if word in CONCEPTS.get(c, ()))
            )
            for word in _NETWORK_WORDS
        }

    def term_weight(self, term: str) -> float:
        """How much a known question term says about the topic."""
        if term.startswith(CONCEPT_PREFIX):
            return self._concept_weight
        if term in PLATFORMS:
            return self._platform_weight
        # Chatty everyday English words say less about the topic than rare ones.
        return query_weight(term) if term.isascii() else 1.0

    def parse(self, question: str) -> Query:
        weights: dict[str, float] = {}
        unknown: set[str] = set()
        # A concept named by an everyday word weighs little, a word read in another sense too.
        found, strengths, other_sense = question_terms(question)
        for term in found:
            known = self._typos.correct(term)
            if known is None:
                unknown.add(term)
                continue
            if known != term:  # a corrected typo also brings the concepts it names
                found.extend(c for c in word_concepts(known) if c not in found)
            if known not in self._vocabulary:
                continue
            w = self.term_weight(known) * strengths.get(known, 1.0)
            if known in other_sense:
                w *= self._other_sense_weight
            weights[known] = max(weights.get(known, 0.0), w)
        strong = frozenset(c for c, w in strengths.items() if w >= self._strong_subject)
        subject = bool(strong - self._generic)
        subjects = strong - self._generic - self._on_topic
        if strong - self._not_a_subject:
            for term in [t for t in weights if self._names_only(t, self._medium, self._medium_ja)]:
                weights[term] *= self._medium_weight
        concepts = frozenset(t for t in found if t.startswith(CONCEPT_PREFIX))
        only_posting = bool(weights) and not unknown and all(self._names_posting(t) for t in weights)
        on_topic = self._on_topic.intersection(found)
        # A posting word inside a longer form still says the question is about posting ("I
        # tweeted the wrong time, how do I fix it" names a mistake, and tweeting).
        on_topic |= frozenset(c for t in weights for c in self._network_concepts.get(t, ()))
        if on_topic == {_POSTING} and (_SHARED_WITH.search(question) or _MAILED.search(question)):
            on_topic = frozenset()
        return Query(
            weights,
            len(unknown),
            on_topic,
            subject,
            concepts,
            subjects=subjects,
            only_posting=only_posting,
        )

    @staticmethod
    def _names_only(term: str, concepts: frozenset[str], ja_forms: tuple[str, ...]) -> bool:
        """Whether ``term`` names one of ``concepts`` and nothing else: the concept term itself,
        an English word that names only them ("photo", "pic"), a Japanese term inside one of
        their forms (写真)."""
        if term.startswith(CONCEPT_PREFIX):
            return term in concepts
        if term.isascii():
            named = word_concepts(term)
            return bool(named) and set(named) <= concepts
        return any(term in form for form in ja_forms)

    def _names_posting(self, term: str) -> bool:
        """Whether ``term`` names posting or a social network and nothing else. A medium of
        one's own ("blog", 「ブログ」, "podcast") says what kind of writing: "Can I blog?" is
        a question a policy answers."""
        if term.startswith(CONCEPT_PREFIX):
            return term in self._on_topic
        if term in _MEDIA:
            return False
        return term in PLATFORMS or self._names_only(term, self._on_topic, self._on_topic_ja)
