"""A bilingual thesaurus of the social-media-policy domain.

People ask in chat words ("tweet", "サブ垢", "pic") that policies write in formal
ones ("post", "匿名アカウント", "photo"). Each concept groups surface forms in
English and Japanese; the matcher adds the concept as an extra term to both the
knowledge base and the question, so that paraphrases and the other language meet.
English forms are matched on word stems (so "posting" finds "post"), Japanese
forms as substrings of the normalised text.

The concepts, their forms (core vocabulary, everyday chat words in English and
Japanese, general subject words) and a one-line English gloss of each are data:
``bot/data/thesaurus/`` (:mod:`bot.data.lexicon`).
"""

from __future__ import annotations

from bot.data.lexicon import thesaurus

# Concept id -> its surface forms, in the order of the data files.
CONCEPTS: dict[str, tuple[str, ...]] = dict(thesaurus().concepts)
# Concept id -> a short English description, for the sentence model
# (:meth:`bot.search.rerank.Reranker.rerank`).
GLOSSES: dict[str, str] = dict(thesaurus().glosses)
# Japanese words that hold a concept's form but name no concept (部署名 holds 署名).
OTHER_WORDS: tuple[str, ...] = thesaurus().other_words
# English words whose concepts are different meanings ("candidate": politics or recruiting).
SENSES: tuple[str, ...] = thesaurus().senses
