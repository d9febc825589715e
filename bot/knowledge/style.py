"""``kb lint``'s style rules for the policy's own words (titles, answers, situations, check
messages and suggestions; not the example questions and keywords, which are written the
way people ask, slang included).

Two rules, both warnings that name file, line and field:

- Japanese running text uses full-width brackets and marks: a half-width ``( ) : ? !``
  next to Japanese (``例:「…」``, ``(DMを含む)``, ``いいですか?``) is flagged; code
  spans (`` `policy list` ``), URLs and Latin-script asides (``API (Application ...)``)
  are left alone.
- The optional ``style:`` section of the policy header names, per language, the term to
  use and the variants to avoid (as textlint-rule-prh's ``expected``/``patterns`` and
  Vale's substitution rules do)::

      style:
        ja:
          terms:
            - {use: 当社, avoid: [自社, 我が社]}
            - {use: 漏えい, avoid: [漏洩]}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from yaml.nodes import MappingNode, Node

from bot.domain.texts import ANY, has_japanese
from bot.knowledge import fields
from bot.knowledge.issues import IssueLog, WrittenText

STYLE_LANG_KEYS = ("terms",)
TERM_KEYS = ("use", "avoid")
FULL_WIDTH = {"(": "（", ")": "）", ":": "：", "?": "？", "!": "！"}

# Spans that are not running text: code, URLs, e-mail addresses, channel names.
_NOT_PROSE = re.compile(r"`[^`\n]*`|https?://\S+|[\w.+-]+@[\w-]+\.[\w.-]+|#[\w-]+")
_JA_CHAR = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\uff66-\uff9f]")
_PAREN = re.compile(r"\(([^()\n]*)\)")
_MARK = re.compile(r"[:?!]")


StyleTerms = Mapping[str, tuple[tuple[str, tuple[str, ...]], ...]]  # language -> (use, avoid) pairs
NO_STYLE: StyleTerms = MappingProxyType({})


def build_style(node: Node | None, log: IssueLog) -> StyleTerms:
    """The ``style:`` section of the policy header (absent: no term rules)."""
    if node is None:
        return NO_STYLE
    if not isinstance(node, MappingNode):
        log.error(node, "policy.style", "must be a mapping from language to its rules")
        return NO_STYLE
    terms: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
    for key, lang_node in node.value:
        lang = str(key.value)
        fld = f"policy.style.{lang}"
        if lang in terms:
            log.error(key, fld, "duplicate key")
            continue
        if not fields.LANG_CODE.match(lang):
            log.error(key, fld, "not a language code (e.g. en, ja)")
            continue
        m = fields.mapping(lang_node, log, fld, STYLE_LANG_KEYS)
        if m is None:
            continue
        rules = []
        for rule_node, i in fields.items(m.get("terms"), log, f"{fld}.terms"):
            rule = _term_rule(rule_node, log, f"{fld}.terms[{i}]")
            if rule is not None:
                rules.append(rule)
        terms[lang] = tuple(rules)
    return MappingProxyType(terms)


def _term_rule(node: Node, log: IssueLog, fld: str) -> tuple[str, tuple[str, ...]] | None:
    m = fields.mapping(node, log, fld, TERM_KEYS)
    if m is None:
        return None
    use = fields.string(m.get("use"), log, f"{fld}.use", parent=node)
    if "avoid" not in m:
        log.error(node, f"{fld}.avoid", "required")
        return None
    avoid = tuple(s for s, _ in fields.strings(m["avoid"], log, f"{fld}.avoid"))
    if use is None or not avoid:
        return None
    if use in avoid:
        log.error(m["avoid"], f"{fld}.avoid", f"lists the term to use, {use!r}")
        return None
    return use, avoid


def _term_pattern(term: str) -> re.Pattern[str]:
    """A literal term; a Latin-script one matches whole words only."""
    body = re.escape(term)
    return re.compile(body if has_japanese(term) else rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def style_warnings(texts: list[WrittenText], terms: StyleTerms, log: IssueLog) -> None:
    """Warn about every half-width mark in Japanese text and every term to avoid."""
    patterns = {
        lang: [(use, term, _term_pattern(term)) for use, avoid in rules for term in avoid]
        for lang, rules in terms.items()
    }
    for written in texts:
        lang = written.lang if written.lang != ANY else ("ja" if has_japanese(written.text) else ANY)
        if lang == "ja":
            for offset, mark in halfwidth_marks(written.text):
                log.warn(
                    written.node,
                    written.field,
                    f"half-width {mark!r} in Japanese text ({_around(written.text, offset)}): write "
                    f"{FULL_WIDTH[mark]!r}",
                )
        for use, term, pattern in patterns.get(lang, ()):
            hit = pattern.search(written.text)
            if hit:
                log.warn(
                    written.node,
                    written.field,
                    f"{term!r} ({_around(written.text, hit.start())}): write {use!r} (policy.style.{lang})",
                )


def halfwidth_marks(text: str) -> list[tuple[int, str]]:
    """Offsets of half-width ``( ) : ? !`` in Japanese running text (see the module's doc)."""
    prose = _NOT_PROSE.sub(lambda m: " " * len(m.group()), text)
    found: list[tuple[int, str]] = []
    for m in _PAREN.finditer(prose):
        inside, before = m.group(1), prose[: m.start()].rstrip()[-1:]
        if _JA_CHAR.search(inside) or (before and _JA_CHAR.match(before)):
            found += [(m.start(), "("), (m.end() - 1, ")")]
    for m in _MARK.finditer(prose):
        before = prose[: m.start()][-1:]
        after = prose[m.end() :].lstrip()[:1]
        if (before and _JA_CHAR.match(before)) or (m.group() == ":" and after and _JA_CHAR.match(after)):
            found.append((m.start(), m.group()))
    return sorted(found)


def _around(text: str, offset: int, width: int = 12) -> str:
    start = max(0, offset - width)
    return (
        ("…" if start else "")
        + text[start : offset + width].replace("\n", " ")
        + ("…" if offset + width < len(text) else "")
    )
