"""Regenerate ``bot/search/common_words.json``: how common each English word stem is in general use.

``python -m bench.make_common_words`` (needs the dev extra ``wordfreq``). The table maps a
Snowball stem (as :func:`bot.search.analysis.stem` makes it) to the Zipf frequency of its most common
surface form (6 = "know", 4 = "laptop", 3 = "glassdoor"), kept only for stems at or above
``MIN_ZIPF``: the words a chatty question is made of. The bot ships the table, so it does not
need ``wordfreq`` at run time.
"""

from __future__ import annotations

import json
from pathlib import Path

from bot.search.analysis import stem

MIN_ZIPF = 4.0
OUT = Path(__file__).resolve().parent.parent / "bot" / "common_words.json"


def build() -> dict[str, float]:
    from wordfreq import top_n_list, zipf_frequency

    table: dict[str, float] = {}
    for word in top_n_list("en", 60000):
        if not word.isascii():
            continue
        z = zipf_frequency(word, "en")
        if z < MIN_ZIPF:
            break  # the list is sorted by frequency
        s = stem(word)
        table[s] = max(table.get(s, 0.0), round(z, 2))
    return dict(sorted(table.items()))


def main() -> int:
    table = build()
    OUT.write_text(json.dumps(table, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(table)} stems -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
