"""Secret and personal-data detection on the external detector corpus.

The corpus (``external/corpus.jsonl.gz`` in the evaluation data) holds short post-like
texts labelled ``secret``, ``personal-data`` or ``none``, taken from other projects' test
suites and generators. Each text goes through ``guidebot check --jsonl`` itself, as a
separate process over the bundled knowledge base: a finding of category ``secret`` or
``personal-data`` is a hit of that label.

``python -m bench.external [--corpus FILE] [--kb PATH] [-v]`` prints recall and precision
per label, per kind and per source, and with ``-v`` the misses.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.evaldata import missing_message, shared_eval_dir

LABELS = ("secret", "personal-data")
BUNDLED_KB = Path(__file__).resolve().parent.parent / "knowledge"


def corpus_path() -> Path | None:
    """The corpus in the evaluation data, or None when this machine does not have it."""
    data = shared_eval_dir()
    path = data / "external" / "corpus.jsonl.gz" if data else None
    return path if path and path.exists() else None


def read_corpus(path: Path) -> list[dict[str, object]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def check_jsonl(texts: Sequence[str], kb: Path = BUNDLED_KB) -> list[set[str]]:
    """The categories ``guidebot check --jsonl`` finds in each text (one process for all)."""
    lines = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts)
    argv = [sys.executable, "-m", "adapters.cli.main", "check", "--kb", str(kb), "--jsonl"]
    done = subprocess.run(argv, input=lines.encode(), capture_output=True, check=True)
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    if len(out) != len(texts):
        raise RuntimeError(f"check --jsonl gave {len(out)} lines for {len(texts)} texts")
    return [{str(f["category"]) for f in r.get("findings", ())} for r in out]


@dataclass(slots=True)
class Tally:
    """Hits for one label within a group of items."""

    positives: int = 0
    found: int = 0  # positives the checker flagged with the label
    flagged: int = 0  # items flagged with the label
    negatives: int = 0
    false_alarms: int = 0  # items without the label flagged with it

    def recall(self) -> float | None:
        return self.found / self.positives if self.positives else None

    def precision(self) -> float | None:
        return self.found / self.flagged if self.flagged else None


@dataclass(slots=True)
class Figures:
    by_label: dict[str, Tally] = field(default_factory=dict)
    by_kind: dict[tuple[str, str], Tally] = field(default_factory=dict)
    by_source: dict[tuple[str, str], Tally] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)


def _source(row: dict[str, object]) -> str:
    """The project or generator an item comes from ("gitleaks", "presidio-research", "faker" …)."""
    src = str(row.get("source", ""))
    return src.split("@", 1)[0].split(" ", 1)[0] if "@" in src.split(" ", 1)[0] else src.split(" ", 1)[0]


def score(rows: Iterable[dict[str, object]], got: Iterable[set[str]]) -> Figures:
    fig = Figures()
    for row, cats in zip(rows, got, strict=True):
        labels = row.get("labels")
        want = set(labels) if isinstance(labels, list) else {str(row.get("label"))} - {"none"}
        kind, lang, src = str(row["kind"]), str(row.get("lang", "")), _source(row)
        for label in LABELS:
            groups = [fig.by_label.setdefault(label, Tally())]
            if label in want or kind.startswith("neg-"):
                groups.append(fig.by_kind.setdefault((label, kind), Tally()))
            groups.append(fig.by_source.setdefault((label, src), Tally()))
            hit = label in cats
            for t in groups:
                if label in want:
                    t.positives += 1
                    t.found += hit
                else:
                    t.negatives += 1
                    t.false_alarms += hit
                t.flagged += hit
            if label in want and not hit:
                fig.misses.append(f"missed {label:13} {row['id']} {kind:16} {lang} {_short(row['text'])}")
            elif hit and label not in want:
                fig.misses.append(f"false   {label:13} {row['id']} {kind:16} {lang} {_short(row['text'])}")
    return fig


def _short(text: object, limit: int = 110) -> str:
    flat = " ".join(str(text).split())
    return json.dumps(flat if len(flat) <= limit else flat[: limit - 1] + "…", ensure_ascii=False)


def _rate(value: float | None) -> str:
    return "   –" if value is None else f"{value:.2f}"


def report(fig: Figures, verbose: bool = False) -> list[str]:
    lines = ["external   label            recall  precision  positives  false alarms"]
    for label, t in fig.by_label.items():
        lines.append(
            f"           {label:16} {_rate(t.recall())}    {_rate(t.precision())}       {t.positives:4}"
            f"       {t.false_alarms:3} of {t.negatives}"
        )
    lines.append("           per kind (positives: found/n; negatives: false alarms/n)")
    for (label, kind), t in sorted(fig.by_kind.items()):
        if t.positives:
            lines.append(f"             {label:14} {kind:22} {t.found:3}/{t.positives:<3} {_rate(t.recall())}")
        elif t.false_alarms:
            lines.append(f"             {label:14} {kind:22} {t.false_alarms:3}/{t.negatives:<3} false alarms")
    lines.append("           per source (recall / precision)")
    for (label, src), t in sorted(fig.by_source.items()):
        if t.positives or t.false_alarms:
            lines.append(
                f"             {label:14} {src:22} {_rate(t.recall())} / {_rate(t.precision())}"
                f"  ({t.found}/{t.positives}, {t.false_alarms} false)"
            )
    if verbose:
        lines += [f"             {m}" for m in fig.misses]
    else:
        lines.append(f"           {len(fig.misses)} misses and false alarms (-v lists them)")
    return lines


def evaluate(path: Path, kb: Path = BUNDLED_KB) -> Figures:
    rows = read_corpus(path)
    return score(rows, check_jsonl([str(r["text"]) for r in rows], kb))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.external", description=__doc__.splitlines()[0])
    p.add_argument("--corpus", help="labelled texts (default: the evaluation data's external/corpus.jsonl.gz)")
    p.add_argument("--kb", default=str(BUNDLED_KB), help="knowledge base (default: the bundled one)")
    p.add_argument("-v", "--verbose", action="store_true", help="list the misses and false alarms")
    args = p.parse_args(argv)
    path = Path(args.corpus) if args.corpus else corpus_path()
    if path is None:
        print(missing_message(), file=sys.stderr)
        return 2
    print("\n".join(report(evaluate(path, Path(args.kb)), args.verbose)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
