"""How much a question word says: general-English frequency as a query-term weight.

With a few dozen clauses, a knowledge base's own idf cannot tell a topical word from a
chatty one: "know", "problem" or "today" may appear in one clause only and then look as
telling as "glassdoor". General word frequency can: a question word common in everyday
English ("need", "anything", "people") is down-weighted, a rare one keeps its full weight.
The table (``common_words.json``, Zipf frequency per Snowball stem, made from ``wordfreq``
by ``python -m bench.make_common_words``) holds only the common stems; thesaurus concepts
and Japanese terms are not weighted here.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

# Zipf frequency at or below which a word keeps its full weight ("tweet" 4.2, "monitor" 4.4) ...
FULL_WEIGHT_ZIPF = 4.5
# ... and at or above which it has only the floor weight ("know" 6.1, "need" 6.0).
FLOOR_ZIPF = 6.0
FLOOR = 0.1

_TABLE = Path(__file__).with_name("common_words.json")


@cache
def _zipf() -> dict[str, float]:
    with _TABLE.open(encoding="utf-8") as f:
        table: dict[str, float] = json.load(f)
    return table


def zipf(stem: str) -> float:
    """The Zipf frequency of an English word stem in everyday text (0 for a rare one)."""
    return _zipf().get(stem, 0.0)


def query_weight(stem: str) -> float:
    """The weight of an English word stem in a question, in [FLOOR, 1]."""
    z = zipf(stem)
    if z <= FULL_WEIGHT_ZIPF:
        return 1.0
    share = min(1.0, (z - FULL_WEIGHT_ZIPF) / (FLOOR_ZIPF - FULL_WEIGHT_ZIPF))
    return max(FLOOR, 1.0 - (1.0 - FLOOR) * share)


def is_common(stem: str) -> bool:
    """Whether an English word stem is in the everyday-frequency table (a real word)."""
    return stem in _zipf()
