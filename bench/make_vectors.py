"""Write bot/search/models/minilm/seed-vectors.npz: sentence vectors of the bundled policy's and the
help-desk areas' texts, so that the first ``guidebot ask`` on a new machine need not embed them.

Run after editing ``knowledge/`` or ``bot/data/helpdesk.yaml``: ``python -m bench.make_vectors``.
A test fails while the file misses any of those texts.
"""

from __future__ import annotations

from bot.knowledge.loader import load
from bot.runtime.settings import BUNDLED_KB
from bot.search import sentence_model as semantic
from bot.search.rerank import HELP_DESK_TEXTS, semantic_texts
from bot.search.thesaurus import GLOSSES


def seed_texts() -> list[str]:
    """The texts the seed file must hold."""
    kb = load(BUNDLED_KB)
    texts = [t for clause in kb.clauses for t in semantic_texts(clause, kb.policy.default_language)]
    return texts + list(HELP_DESK_TEXTS) + list(GLOSSES.values())


def main() -> int:
    model = semantic.Encoder()
    n = semantic.write_seed(semantic.SEED_VECTORS, model, seed_texts())
    print(f"{semantic.SEED_VECTORS}: {n} texts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
