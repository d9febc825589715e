"""What a reply offers besides its answer: close runners-up, or the clauses an unsure
question is plausibly about.

Closeness is read on the ranking's own normalised scale, whatever the base's words:
with the sentence model, the fused score (lexical share / best lexical share + weight x
similarity scaled so the most similar candidate gets 1 and the candidates' mean 0); on
words alone, the lexical score / the best lexical score. A runner-up within
:attr:`~bot.search.params.Params.close_margin` of the first on that scale is close. So
is the first choice of each signal on its own (the words' best clause, the meaning's
best clause for an English question) when the fused order put another first: the signals
disagree, and the person is the better judge. A question stood for by its concepts'
descriptions ("glosses") is too coarsely placed for their first choice to count. At
most :attr:`~bot.search.params.Params.max_alternatives`.

An unsure question lists a clause only when it is plausibly related: for an English
question, at least as close in meaning as the closest help-desk area ("what's for lunch
today?" shares "lunch" with a clause on posting during breaks, but means a canteen
question); otherwise, its words beat the best help-desk area's by the margin the
answered/unsure decision asks of the question. Either way, past the confidence floor of its covered share.
A help-desk question that names neither a publishing channel nor a policy subject lists none
(:meth:`bot.search.index.ClauseIndex.search`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.search.params import Params


@dataclass(frozen=True, slots=True)
class Candidates:
    """The ranked candidates of one question, as positions into ``order`` (best first)."""

    order: np.ndarray  # document indices, best first (fused when the sentence model took part)
    strengths: np.ndarray  # each one's score on the ranking's scale, in ``order``
    shares: np.ndarray  # each one's covered share of the question, in ``order``
    signal: str  # words | meaning | glosses
    similarity: np.ndarray | None = None  # the meaning's similarity (mean of two closest texts), in ``order``
    closest: np.ndarray | None = None  # each one's closest text's similarity, in ``order``


def close(c: Candidates, lexical_first: int, params: Params) -> list[int]:
    """Positions in ``c.order`` (never 0) of the runners-up close to the first, best first."""
    if len(c.order) < 2:
        return []
    margin = {"meaning": params.close_margin, "glosses": params.close_margin_glosses}.get(c.signal)
    if margin is None:  # words only: a share of the first's score
        near = c.strengths >= c.strengths[0] * (1 - params.close_margin_words)
    else:
        near = c.strengths >= c.strengths[0] - margin
    window = params.close_window_meaning if c.signal == "meaning" else params.close_window
    picked = [int(i) for i in np.flatnonzero(near[:window]) if i > 0]
    firsts = [int(np.flatnonzero(c.order == lexical_first)[0])] if lexical_first in c.order else []
    if c.similarity is not None and c.signal == "meaning":
        firsts.append(int(np.argmax(c.similarity)))
    picked += [i for i in firsts if i > 0 and i not in picked]
    return picked[: params.max_alternatives]


def related(
    c: Candidates, help_desk_share: float, help_desk_meaning: float | None, margin: float, params: Params
) -> list[int]:
    """Positions in ``c.order`` of the clauses an unsure question is plausibly about, best first.
    ``margin``: by how much the words must beat the best help-desk area's (the decision's own,
    :func:`bot.search.decide.margin`) when the meaning cannot tell."""
    meaning = c.closest if help_desk_meaning is not None else None
    floor = (
        params.guarded_confident_score if meaning is not None else max(help_desk_share * margin, params.confident_score)
    )
    out: list[int] = []
    for pos in range(min(len(c.order), params.unsure_listed)):
        if c.shares[pos] < floor:
            continue
        if meaning is not None and help_desk_meaning is not None and meaning[pos] < help_desk_meaning:
            continue
        out.append(pos)
    return out


def positions(order: np.ndarray, picked: Sequence[int]) -> np.ndarray:
    """The documents at ``picked`` positions of ``order``."""
    return order[list(picked)] if picked else np.zeros(0, dtype=np.intp)
