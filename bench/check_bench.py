"""Draft checking speed: ``check_text`` against plain ``re`` and against itself at 100× size.

The ``re`` baseline takes the very terms and patterns of the knowledge base's checks
(read back from its YAML files, terms turned into regexes by the same
:func:`bot.checks.patterns.term_regex`) and the detectors' patterns, compiles each once
with ``re.IGNORECASE`` and runs one ``finditer`` pass of each over the draft. It
does no normalisation, validation, offset mapping or reporting: it is the floor.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from bench.synth import draft, draft_texts
from bench.timing import Row, fmt_seconds, interleaved
from bot.checks.checker import check_text
from bot.checks.detectors import DETECTORS
from bot.checks.patterns import term_regex
from bot.domain.policy import KnowledgeBase

RE_MAX_RATIO = 5.0
SIZE_MAX_RATIO = 100.0
_MATCH_KEYS = ("forbid", "require", "when")
LANGS = ("en", "ja")


def check_sources(kb: KnowledgeBase) -> list[str]:
    """The regex source of every term, pattern and detector the checks of ``kb`` use."""
    sources: list[str] = []
    for entry in _check_entries(kb.files):
        for key in _MATCH_KEYS:
            for part in _match_parts(entry.get(key)):
                if isinstance(part, Mapping):
                    sources += [term_regex(t) for t in _texts(part.get("terms")) if t.strip()]
                    sources += _texts(part.get("patterns"))
        name = entry.get("detector")
        if isinstance(name, str) and name in DETECTORS:
            sources.append(DETECTORS[name].pattern)
    return sources


def _match_parts(spec: object) -> list[object]:
    """A rule's ``{terms, patterns}`` block with its ``near`` and the ``except`` of either."""
    if not isinstance(spec, Mapping):
        return []
    near = spec.get("near")
    parts = [spec, spec.get("except"), near]
    if isinstance(near, Mapping):
        parts.append(near.get("except"))
    return parts


def _texts(value: object) -> list[str]:
    """A list of texts, or a mapping of language -> list of texts, as one list."""
    if isinstance(value, Mapping):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list | tuple):
        return [str(t) for t in value]
    return []


def _check_entries(files: Iterable[str]) -> list[Mapping[str, Any]]:
    entries: list[Mapping[str, Any]] = []
    for file in files:
        doc = yaml.safe_load(Path(file).read_text(encoding="utf-8"))
        if isinstance(doc, Mapping):
            entries += [c for c in doc.get("checks") or () if isinstance(c, Mapping)]
    return entries


class ReBaseline:
    """Each source compiled once by ``re``; one ``finditer`` pass each."""

    def __init__(self, sources: Sequence[str]) -> None:
        self.patterns = [re.compile(s, re.IGNORECASE) for s in sources]

    def run(self, text: str) -> int:
        found = 0
        for rx in self.patterns:
            for _ in rx.finditer(text):
                found += 1
        return found


def bench_check(kb: KnowledgeBase, small: int = 10_000, large: int = 1_000_000, reps: int = 7) -> list[Row]:
    """Rows for targets 3 and 4 (drafts of ``small`` and ``large`` characters).

    Drafts come in paragraphs and, to catch work that grows with line length, also
    as one single line.
    """
    baseline = ReBaseline(check_sources(kb))
    drafts: dict[str, str] = {}
    for lang in LANGS:
        texts = draft_texts(lang, kb)
        for size in (small, large):
            drafts[f"{lang}_{size}"] = text = draft(lang, size, texts)
            drafts[f"{lang}_{size}_line"] = text.replace("\n", " ")
    fns: dict[str, Callable[[], object]] = {
        f"check_{key}": partial(check_text, kb, text) for key, text in drafts.items()
    }
    fns |= {f"re_{lang}": partial(baseline.run, drafts[f"{lang}_{small}"]) for lang in LANGS}
    t = interleaved(fns, reps)
    ks, kl = f"{small / 1000:,g} k", f"{large / 1000:,g} k"
    rows: list[Row] = []
    for lang in LANGS:
        check_s, re_s = t[f"check_{lang}_{small}"], t[f"re_{lang}"]
        ratio = check_s / re_s
        is_target = lang == "en"
        rows += [
            Row(f"check_text, {ks} chars {lang}", fmt_seconds(check_s)),
            Row(f"  re, {len(baseline.patterns)} patterns, {ks} chars {lang}", fmt_seconds(re_s)),
            Row(
                f"check_text / re, {ks} chars {lang}",
                f"{ratio:.2f}×",
                "≤ 5×" if is_target else "",
                ratio <= RE_MAX_RATIO if is_target else None,
            ),
        ]
    for lang in LANGS:
        for suffix, label in (("", ""), ("_line", ", one line")):
            large_s = t[f"check_{lang}_{large}{suffix}"]
            growth = large_s / t[f"check_{lang}_{small}{suffix}"]
            rows += [
                Row(f"check_text, {kl} chars {lang}{label}", fmt_seconds(large_s)),
                Row(
                    f"check_text {kl} / {ks} chars {lang}{label}",
                    f"{growth:.1f}×",
                    f"≤ {SIZE_MAX_RATIO:g}×",
                    growth <= SIZE_MAX_RATIO,
                ),
            ]
    return rows
