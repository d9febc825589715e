"""Adaptive Card text for Teams, shown as typed: the one escaping rule of the Teams renderers.

Teams renders Markdown in ``TextBlock.text`` and in fact titles and values: ``**bold**``,
``_italic_``, ``[label](url)`` links, lists, headings, and bare URLs become links. A draft
quoted in a thread, a word echoed in a notice or a knowledge-base title must show as
written, so :func:`literal` puts a backslash before every ASCII punctuation character
(CommonMark lets any of them be escaped, and the escaped character is shown without the
backslash). An escaped ``.``, ``:`` or ``@`` also splits what a link finder would read as
``evil.example``, ``https://...`` or ``name@example.com``. Leading spaces of a line are
dropped: four of them would make a code block. A line break becomes a paragraph break:
Teams, like CommonMark, joins the lines of one paragraph.
"""

from __future__ import annotations

import re

from bot.data.messages import COMMAND_SPAN

_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)


def commands(text: str) -> str:
    """``text`` with the backticks around command names dropped: Teams shows them literally."""
    return COMMAND_SPAN.sub(r"\1", text)


def literal(text: str) -> str:
    """``text`` for a TextBlock or a fact: every Markdown character escaped, no indented code,
    and every line break kept (a single one would join its lines into one paragraph, so each
    becomes a paragraph break: an owner's bullet list stays a list of lines).

    Commands named in backticks are shown as typed in Teams, without the backticks.
    """
    escaped = _PUNCTUATION.sub(r"\\\1", _INDENT.sub("", commands(text)))
    return "\n\n".join(line.rstrip(" \t") for line in escaped.splitlines() if line.strip())
