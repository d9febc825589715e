"""``guidebot kb export``: the whole policy as a document to publish (Markdown or HTML).

Clauses are grouped by verdict (not allowed, with conditions, allowed), each with
its answer, its situations (cases) with their own verdicts, example questions, related
clauses and the checks that enforce it;
the header names the policy, its version and its owner. HTML output is a
standalone page (inline CSS, no external assets) with every value escaped.
"""

from __future__ import annotations

import re
import textwrap
from html import escape

from bot.data.messages import msg
from bot.domain.policy import Clause, KnowledgeBase
from bot.domain.texts import pick, pick_list

GROUP_ORDER = ("prohibited", "conditional", "allowed")
_LABELS = {
    "version": {"en": "Version", "ja": "版"},
    "owner": {"en": "Questions to", "ja": "お問い合わせ先"},
    "examples": {"en": "Typical questions", "ja": "よくある質問"},
    "checks": {"en": "Checked in drafts", "ja": "投稿チェックの項目"},
    "contents": {"en": "Contents", "ja": "目次"},
}


def _label(key: str, lang: str) -> str:
    return pick(_LABELS[key], lang, "en")


def grouped(kb: KnowledgeBase) -> list[tuple[str, list[Clause]]]:
    """Clauses by verdict, in :data:`GROUP_ORDER`, each group in knowledge-base order."""
    return [
        (v, [c for c in kb.clauses if c.verdict == v]) for v in GROUP_ORDER if any(c.verdict == v for c in kb.clauses)
    ]


def _md(text: str) -> str:
    """A policy text as Markdown that shows it as written: the characters that would change
    how it renders escaped (also a heading, quote or list marker that starts a line), and
    each of its line breaks kept (a hard break, where Markdown would join the lines)."""
    for ch in "\\`*_[]<>|":
        text = text.replace(ch, "\\" + ch)
    text = _LINE_START.sub(r"\1\\\2", text)
    return "  \n".join(line.rstrip() for line in text.splitlines())


_LINE_START = re.compile(r"^([ \t]*)([#>+\-=]|\d+[.)])", re.MULTILINE)


def to_markdown(kb: KnowledgeBase, lang: str) -> str:
    d = kb.policy.default_language
    title = pick(kb.policy.title, lang, d)
    lines = [
        f"# {_md(title)}",
        "",
        f"**{_label('version', lang)}:** {_md(kb.policy.version)} · "
        f"**{_label('owner', lang)}:** {_md(pick(kb.policy.owner, lang, d))}",
        "",
    ]
    for verdict, clauses in grouped(kb):
        lines += [f"## {msg('verdict.' + verdict, lang)}", ""]
        for c in clauses:
            # An explicit anchor: see-also links work whatever the site's heading slugs are.
            lines += [f'<a id="{c.id.lower()}"></a>', "", f"### {_md(c.id)}: {_md(pick(c.title, lang, d))}", ""]
            lines += [f"*{msg('verdict.' + c.verdict, lang)}*", "", _md(pick(c.answer, lang, d)), ""]
            if c.cases:
                lines += [f"{msg('case.cases', lang)}:", ""]
                for case in c.cases:
                    own = "\n" + textwrap.indent(_md(pick(case.answer, lang, d)), "  ") if case.answer else ""
                    lines.append(f"- **{msg('verdict.' + case.verdict, lang)}**: {_md(pick(case.when, lang, d))}{own}")
                lines.append("")
            questions = pick_list(c.questions, lang)
            if questions:
                lines += [f"{_label('examples', lang)}:", ""] + [f"- {_md(q)}" for q in questions] + [""]
            checks = [pick(k.message, lang, d) for k in kb.checks if k.clause == c.id]
            if checks:
                lines += [f"{_label('checks', lang)}:", ""] + [f"- {_md(m)}" for m in checks] + [""]
            if c.see_also:
                lines += [f"{msg('see_also', lang)}: " + ", ".join(f"[{_md(s)}](#{s.lower()})" for s in c.see_also), ""]
    return "\n".join(lines).rstrip() + "\n"


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP",sans-serif;max-width:52rem;
margin:2rem auto;padding:0 1rem;line-height:1.6;color:#1f2328}
header{border-bottom:2px solid #d0d7de;margin-bottom:1.5rem}
h2{margin-top:2.5rem;border-bottom:1px solid #d0d7de}
section.clause{margin:1.5rem 0;padding:0.5rem 1rem;border-left:4px solid #8c959f}
section.prohibited{border-color:#cf222e}section.conditional{border-color:#bf8700}section.allowed{border-color:#1a7f37}
.verdict{display:inline-block;font-size:.85rem;font-weight:600;padding:0 .5rem;border-radius:1rem;background:#eaeef2}
.id{font-family:ui-monospace,monospace;color:#57606a}
.text{white-space:pre-line}
nav ul{columns:2}
@media print{nav{display:none}}
"""


def to_html(kb: KnowledgeBase, lang: str) -> str:
    d = kb.policy.default_language
    title = escape(pick(kb.policy.title, lang, d))
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title><style>{_CSS}</style></head><body>",
        f"<header><h1>{title}</h1><p>{escape(_label('version', lang))}: <strong>{escape(kb.policy.version)}</strong>"
        f" · {escape(_label('owner', lang))}: {escape(pick(kb.policy.owner, lang, d))}</p></header>",
        f"<nav><h2>{escape(_label('contents', lang))}</h2><ul>",
    ]
    out += [
        f'<li><a href="#{escape(c.id.lower())}">{escape(c.id)}: {escape(pick(c.title, lang, d))}</a></li>'
        for c in kb.clauses
    ]
    out.append("</ul></nav>")
    for verdict, clauses in grouped(kb):
        out.append(f"<h2>{escape(msg('verdict.' + verdict, lang))}</h2>")
        for c in clauses:
            out.append(_clause_html(kb, c, lang))
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _clause_html(kb: KnowledgeBase, c: Clause, lang: str) -> str:
    d = kb.policy.default_language
    parts = [
        f'<section class="clause {escape(c.verdict)}" id="{escape(c.id.lower())}">',
        f'<h3><span class="id">{escape(c.id)}</span> {escape(pick(c.title, lang, d))}</h3>',
        f'<p><span class="verdict">{escape(msg("verdict." + c.verdict, lang))}</span></p>',
        f'<p class="text">{escape(pick(c.answer, lang, d))}</p>',
    ]
    if c.cases:
        parts.append(f"<p>{escape(msg('case.cases', lang))}:</p><ul>")
        for case in c.cases:
            own = f'<br><span class="text">{escape(pick(case.answer, lang, d))}</span>' if case.answer else ""
            verdict = escape(msg("verdict." + case.verdict, lang))
            parts.append(f'<li><span class="verdict">{verdict}</span> {escape(pick(case.when, lang, d))}{own}</li>')
        parts.append("</ul>")
    questions = pick_list(c.questions, lang)
    if questions:
        parts.append(f"<p>{escape(_label('examples', lang))}:</p><ul>")
        parts += [f"<li>{escape(q)}</li>" for q in questions]
        parts.append("</ul>")
    checks = [pick(k.message, lang, d) for k in kb.checks if k.clause == c.id]
    if checks:
        parts.append(f"<p>{escape(_label('checks', lang))}:</p><ul>")
        parts += [f"<li>{escape(m)}</li>" for m in checks]
        parts.append("</ul>")
    if c.see_also:
        links = ", ".join(f'<a href="#{escape(s.lower())}">{escape(s)}</a>' for s in c.see_also)
        parts.append(f"<p>{escape(msg('see_also', lang))}: {links}</p>")
    parts.append("</section>")
    return "\n".join(parts)


def export(kb: KnowledgeBase, fmt: str, lang: str) -> str:
    """The policy as ``md`` or ``html`` in ``lang``."""
    return to_html(kb, lang) if fmt == "html" else to_markdown(kb, lang)
