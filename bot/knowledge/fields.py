"""Typed readers for YAML nodes: mappings with known keys, strings, texts per language, lists.

Each reader returns the value, or None (or an empty value) after logging an issue
that names the field and the node's line; callers build objects only from values
that all came back, so one bad field never hides the others.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.domain.policy import Source, Text, TextList
from bot.knowledge.issues import IssueLog, WrittenText

# A language key of a text: ``en``, ``ja``, ``pt-BR``... (``--lang`` accepts the same shape).
LANG_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")
_NULL = "tag:yaml.org,2002:null"
# After a plain (unquoted) scalar, blanks then '#' open a YAML comment: the text stops there.
_COMMENT_AFTER = re.compile(r"[ \t]+#")


def mapping(node: Node, log: IssueLog, fld: str, allowed: Iterable[str]) -> dict[str, Node] | None:
    """The values of a mapping by key; unknown and duplicate keys are errors."""
    if not isinstance(node, MappingNode):
        log.error(node, fld, "must be a mapping")
        return None
    out: dict[str, Node] = {}
    allowed = set(allowed)
    for k, v in node.value:
        key = k.value if isinstance(k, ScalarNode) else None
        if key is None or key not in allowed:
            log.error(k, f"{fld}.{key}" if fld else str(key), f"unknown key (allowed: {', '.join(sorted(allowed))})")
        elif key in out:
            log.error(k, f"{fld}.{key}" if fld else key, "duplicate key")
        else:
            out[key] = v
    return out


def written_id(node: Node) -> str | None:
    """The ``id`` written in a clause, case or check mapping, whether or not the entry is valid."""
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if isinstance(k, ScalarNode) and k.value == "id" and isinstance(v, ScalarNode):
                return str(v.value)
    return None


def repeated(node: Node, log: IssueLog, fld: str, seen: dict[str, Source], what: str = "id") -> bool:
    """Whether an entry repeats the written id of an earlier one: an error, reported even
    when either entry has errors of its own. Remembers where each id was first written."""
    written = written_id(node)
    if not written:  # no id, or an empty one: its own error says so
        return False
    if written in seen:
        log.error(node, f"{fld}.id", f"duplicate {what} {written!r} (first at {seen[written]})")
        return True
    seen[written] = Source(log.file, node.start_mark.line + 1)
    return False


def named(node: Node, fld: str, pattern: str) -> str:
    """The field name errors of an entry use: ``pattern`` filled with its written id
    (``clauses[SM-CITE]``) when it has a plain one, else ``fld`` (``clauses[3]``)."""
    written = written_id(node)
    return pattern.format(written) if written and not re.search(r"[\s\[\]]", written) else fld


def string(
    node: Node | None, log: IssueLog, fld: str, *, required: bool = True, parent: Node | None = None
) -> str | None:
    """A scalar as a string; a missing required one is reported at ``parent``'s line."""
    if node is None:
        if required:
            log.error(parent, fld, "required")
        return None
    if not isinstance(node, ScalarNode) or node.tag == _NULL:
        log.error(node, fld, "must be a string")
        return None
    return str(node.value)


def text(
    node: Node | None, log: IssueLog, fld: str, default_lang: str, *, parent: Node | None = None, required: bool = True
) -> Text | None:
    """One string for every language, or a map from language to string that has the default language."""
    if node is None:
        if required:
            log.error(parent, fld, "required")
        return None
    if isinstance(node, ScalarNode):
        value = string(node, log, fld)
        cut_by_comment(node, log, fld)
        if value is not None:
            log.texts.append(WrittenText(node, fld, "*", value))
        return {"*": value} if value is not None else None
    if isinstance(node, MappingNode):
        out: dict[str, str] = {}
        for k, v in node.value:
            lang = _language_key(k, log, fld, out)
            if lang is None:
                continue
            s = string(v, log, f"{fld}.{lang}")
            cut_by_comment(v, log, f"{fld}.{lang}")
            if s is not None:
                log.texts.append(WrittenText(v, f"{fld}.{lang}", lang, s))
                if not s.strip():
                    log.error(v, f"{fld}.{lang}", "must not be empty")
                out[lang] = s
        if out and default_lang not in out:
            log.error(node, f"{fld}.{default_lang}", f"missing the default language {default_lang!r}")
        if not out:
            log.error(node, fld, "must not be empty")
        return out or None
    log.error(node, fld, "must be a string or a map from language to string")
    return None


def cut_by_comment(node: Node, log: IssueLog, fld: str) -> None:
    """Warn when a plain (unquoted) text is followed by `` #`` on its line: YAML read the
    rest of the line as a comment, so the text silently stops short."""
    if not isinstance(node, ScalarNode) or node.style or node.tag == _NULL:  # "" or None: plain
        return
    rest = log.rest_of_line(node)
    if _COMMENT_AFTER.match(rest):
        log.warn(
            node,
            fld,
            f"the text stops before {rest.strip()[:40]!r}: in an unquoted value ' #' starts a YAML comment; "
            "quote the whole value",
        )


def strings(node: Node, log: IssueLog, fld: str, *, texts: bool = False) -> list[tuple[str, int]]:
    """A list of strings, each with its line (check patterns report errors at their own line);
    each item's source is also kept in ``log.item_sources`` under ``(fld, item)``, for problems
    found once the knowledge base is put together (a dangling reference, an example that fails).

    ``texts``: the items are prose (questions, keywords, terms), checked for a cut by a comment."""
    if not isinstance(node, SequenceNode):
        log.error(node, fld, "must be a list of strings")
        return []
    out = []
    for i, item in enumerate(node.value):
        s = string(item, log, f"{fld}[{i}]")
        if texts:
            cut_by_comment(item, log, f"{fld}[{i}]")
        if s is not None:
            where = source(log, item)
            log.item_sources.setdefault((fld, s), where)  # an item written twice: its first line
            out.append((s, where.line))
    return out


def _language_key(key: Node, log: IssueLog, fld: str, seen: Container[str]) -> str | None:
    """The language code a text's key names, or None after logging why it is not one: not a
    code, or a language given twice (YAML would keep only the last of the two texts)."""
    lang = str(key.value)[:20] if isinstance(key, ScalarNode) else "?"
    if not isinstance(key, ScalarNode) or not LANG_CODE.match(lang):
        # {en: Ask first, then post} reads "then post" as a key: the comma ended the text.
        cut = isinstance(key, ScalarNode) and not key.style and " " in str(key.value)  # plain, not quoted
        hint = "; inside { }, a comma ends an unquoted text: quote the whole text" if cut else ""
        log.error(key, f"{fld}.{lang}", f"not a language code (e.g. en, ja){hint}")
        return None
    if lang in seen:
        log.error(key, f"{fld}.{lang}", "duplicate language: write its text once")
        return None
    return lang


def text_list_lines(node: Node | None, log: IssueLog, fld: str) -> dict[str, list[tuple[str, int]]]:
    """A list of strings for every language (key ``*``), or a map from language to list."""
    if node is None:
        return {}
    if isinstance(node, SequenceNode):
        return {"*": strings(node, log, fld, texts=True)}
    if isinstance(node, MappingNode):
        out: dict[str, list[tuple[str, int]]] = {}
        for k, v in node.value:
            lang = _language_key(k, log, fld, out)
            if lang is None:
                continue
            out[lang] = strings(v, log, f"{fld}.{lang}", texts=True)
        return out
    log.error(node, fld, "must be a list of strings or a map from language to list")
    return {}


def text_list(node: Node | None, log: IssueLog, fld: str) -> TextList:
    """:func:`text_list_lines` without the line numbers."""
    return {lang: tuple(s for s, _ in items) for lang, items in text_list_lines(node, log, fld).items()}


def items(node: Node | None, log: IssueLog, fld: str) -> list[tuple[Node, int]]:
    """The entries of an optional list (absent or null: none), with their index."""
    if node is None or (isinstance(node, ScalarNode) and node.tag == _NULL):
        return []
    if not isinstance(node, SequenceNode):
        log.error(node, fld, "must be a list")
        return []
    return [(n, i) for i, n in enumerate(node.value)]


def source(log: IssueLog, node: Node) -> Source:
    """Where ``node`` was written, for messages that point back to the file."""
    return Source(log.file, node.start_mark.line + 1)
