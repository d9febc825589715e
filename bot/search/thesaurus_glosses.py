"""A short English description of each thesaurus concept, for the sentence model
(``bot/data/thesaurus/glosses.yaml``; see :data:`bot.search.thesaurus.GLOSSES`)."""

from __future__ import annotations

from bot.search.thesaurus import GLOSSES

__all__ = ["GLOSSES"]
