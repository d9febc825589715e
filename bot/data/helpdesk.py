"""The help-desk ("none of the above") areas, read from ``bot/data/helpdesk.yaml``.

The file maps an area id to ``texts`` (its words, one index field a line), ``examples``
(typical questions, for the sentence model) and optionally ``words_only: true`` (indexed
without thesaurus concepts). Errors (:class:`~bot.data.datafile.DataFileError`): an area
listed twice, an unknown or missing key, an empty list, a value that is not text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.data.datafile import DATA_DIR, read_yaml

HELPDESK_FILE = DATA_DIR / "helpdesk.yaml"
_AREA_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class HelpDeskArea:
    """One help-desk area: its document's fields, its example questions, how it is indexed."""

    name: str
    texts: tuple[str, ...]
    examples: tuple[str, ...]
    words_only: bool = False


@cache
def helpdesk_areas() -> tuple[HelpDeskArea, ...]:
    """The bundled help-desk areas, in file order (read and checked once)."""
    return load_helpdesk(HELPDESK_FILE)


def load_helpdesk(path: Path) -> tuple[HelpDeskArea, ...]:
    """Read and check a help-desk file."""
    doc = read_yaml(path)
    areas: list[HelpDeskArea] = []
    for name, key_node, value in doc.mapping(doc.root, ""):
        if not _AREA_ID.fullmatch(name):
            doc.fail(key_node, name, "an area id is lowercase words joined by -")
        fields = doc.record(value, name, required=("texts", "examples"), optional=("words_only",), at=key_node)
        words_only = doc.flag(fields["words_only"], f"{name}.words_only") if "words_only" in fields else False
        areas.append(
            HelpDeskArea(
                name=name,
                texts=tuple(t for t, _ in doc.texts(fields["texts"], f"{name}.texts")),
                examples=tuple(t for t, _ in doc.texts(fields["examples"], f"{name}.examples")),
                words_only=words_only,
            )
        )
    return tuple(areas)
