"""The floor that ``guidebot check --jsonl`` is measured against: one plain ``re`` pass.

``python -m bench.re_pass SOURCES.json`` compiles the regex sources listed in the file (the
knowledge base's check terms and patterns and the detectors' candidate patterns) into one
``re`` alternation, then reads ``{"text": ...}`` lines from stdin and writes one JSON line
per draft with the spans it matched. No normalisation, validation or messages: it is
what the simplest regex scanner of the same rules would do.
"""

from __future__ import annotations

import json
import re
import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    with open(args[0], encoding="utf-8") as f:
        sources = json.load(f)
    rx = re.compile("|".join(f"(?:{s})" for s in sources), re.IGNORECASE)
    out = sys.stdout
    for raw in iter(sys.stdin.buffer.readline, b""):
        text = json.loads(raw)["text"]
        spans = [m.span() for m in rx.finditer(text)]
        out.write(json.dumps({"matches": spans}) + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
