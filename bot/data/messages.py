"""The bot's own words in every language it speaks (not the policy's words).

They live in ``bot/data/messages.yaml``: message key -> one text per language of
:data:`LANGUAGES`, each a :meth:`str.format` template. Errors
(:class:`~bot.data.datafile.DataFileError`): a message listed twice, missing a language
or with an unknown one, a template that does not parse, languages whose ``{placeholders}``
differ.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from pathlib import Path
from types import MappingProxyType

from yaml.nodes import Node

from bot.data.datafile import DATA_DIR, YamlFile, read_yaml
from bot.domain.texts import pick

MESSAGES_FILE = DATA_DIR / "messages.yaml"
LANGUAGES = ("en", "ja")

_FORMATTER = string.Formatter()
# A command the messages name in backticks (`policy list`, `checkpost DRAFT`, `@guidebot policy remind ...`):
# each chat surface shows it as that platform takes it (Slack: /policy list in code; Teams: no backticks).
COMMAND_SPAN = re.compile(r"`((?:@guidebot )?(?:policy|checkpost)\b[^`\n]*)`")


def msg(key: str, lang: str, **values: object) -> str:
    """The bot's message ``key`` in ``lang`` (English when missing), formatted."""
    text = pick(messages()[key], lang, "en")
    return text.format(**values) if values else text


def listing(items: Iterable[str], lang: str) -> str:
    """Items joined by the language's list separator (``, `` or ``、``)."""
    return msg("list.separator", lang).join(items)


def date_text(day: date, lang: str) -> str:
    """A date as the language writes it (``2026-11-28``, ``2026年11月28日``)."""
    return msg("date", lang, year=day.year, month=day.month, day=day.day)


@cache
def messages() -> Mapping[str, Mapping[str, str]]:
    """The bundled catalogue: message key -> language -> template (read and checked once)."""
    return load_messages(MESSAGES_FILE)


def load_messages(path: Path) -> Mapping[str, Mapping[str, str]]:
    """Read and check a message catalogue."""
    doc = read_yaml(path)
    out: dict[str, Mapping[str, str]] = {}
    for key, key_node, value in doc.mapping(doc.root, ""):
        fields = doc.record(value, key, required=LANGUAGES, at=key_node)
        texts: dict[str, str] = {}
        names: dict[str, frozenset[str]] = {}
        for lang in LANGUAGES:
            field = f"{key}.{lang}"
            texts[lang] = doc.text(fields[lang], field)
            names[lang] = _placeholders(doc, fields[lang], field, texts[lang])
        base = LANGUAGES[0]
        for lang in LANGUAGES[1:]:
            if names[lang] != names[base]:
                doc.fail(
                    fields[lang],
                    f"{key}.{lang}",
                    f"placeholders {_show(names[lang])} differ from {base}'s {_show(names[base])}",
                )
        out[key] = MappingProxyType(texts)
    return MappingProxyType(out)


def _placeholders(doc: YamlFile, node: Node, field: str, text: str) -> frozenset[str]:
    try:
        return frozenset(name for _, name, _, _ in _FORMATTER.parse(text) if name is not None)
    except ValueError as exc:
        doc.fail(node, field, f"not a valid template ({exc}); write a literal brace as {{{{ or }}}}")


def _show(names: frozenset[str]) -> str:
    return " ".join(f"{{{name}}}" for name in sorted(names)) if names else "(none)"
