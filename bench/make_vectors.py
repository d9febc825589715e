"""Write bot/search/models/minilm/seed-vectors.npz: sentence vectors of the bundled policy's and the
help-desk areas' texts, so that the first ``guidebot ask`` on a new machine need not embed them.

Run after editing ``knowledge/`` or ``bot/data/helpdesk.yaml``: ``python -m bench.make_vectors``.
A test fails while the file misses any of those texts. Texts already in the file keep their
vectors; ``--full`` embeds every text again (after a change to the tokenizer or to how a
text is encoded: the file is keyed by the model file's hash only).
"""

from __future__ import annotations

import argparse

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.make_vectors", description="Write the sentence vectors of the bundled texts."
    )
    parser.add_argument("--full", action="store_true", help="embed every text again, not only the new ones")
    args = parser.parse_args(argv)
    model = semantic.Encoder()
    n = semantic.write_seed(semantic.SEED_VECTORS, model, seed_texts(), keep=not args.full)
    print(f"{semantic.SEED_VECTORS}: {n} texts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
