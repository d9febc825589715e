"""What a person sees of a rendered reply: models of Slack's mrkdwn and of Teams' card Markdown.

Tests read replies through these models rather than through the raw JSON, so that an
assertion is about what is shown (``**x**`` shown as typed, not bold) and so that any
markup that user text would create is found:

- :func:`slack_shown` reads mrkdwn as Slack documents it: ``<...>`` makes a link or a
  mention, ``&amp;`` ``&lt;`` ``&gt;`` are entities, ``*bold*``, ``_italic_``,
  ``~strike~`` and ```code``` format a run that starts and ends at a word boundary,
  and a line starting with ``>`` (or ``&gt;``) is a block quote.
- :func:`teams_shown` reads a TextBlock's text with markdown-it (CommonMark, with link
  detection and strikethrough), the Markdown library the Adaptive Cards renderer uses; a
  single line break inside a paragraph shows as a space, as in HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from markdown_it import MarkdownIt

ZWSP = "\u200b"
_ANGLE = re.compile(r"<([^<>]*)>")
_BEFORE = r"(?:^|(?<=[\s(\[{'\"“‘*_~]))"  # a marker opens at the start or after these
_AFTER = r"(?=$|[\s.,!?;:)\]}'\"”’*_~\-])"  # and closes before these
_FORMAT = {
    name: re.compile(_BEFORE + re.escape(mark) + r"(?=\S)(.*?\S)" + re.escape(mark) + _AFTER, re.MULTILINE)
    for name, mark in (("code", "`"), ("bold", "*"), ("italic", "_"), ("strike", "~"))
}
_QUOTE = re.compile(r"^(?:>|&gt;) ?", re.MULTILINE)


@dataclass
class Shown:
    """The visible text of one text object, and what markup turned into."""

    text: str
    links: list[str] = field(default_factory=list)  # links, mentions and channel references
    formats: list[str] = field(default_factory=list)  # formatted runs, e.g. "bold:profits"

    @property
    def flat(self) -> str:
        return " ".join(self.text.split())


def slack_shown(mrkdwn: str) -> Shown:
    """``mrkdwn`` as Slack shows it (see the module docstring)."""
    shown = Shown("")

    def angle(m: re.Match[str]) -> str:
        target, _, label = m.group(1).partition("|")
        shown.links.append(m.group(1))
        return label or target

    text = _ANGLE.sub(angle, mrkdwn)
    for name, rx in _FORMAT.items():
        while m := rx.search(text):
            shown.formats.append(f"{name}:{m.group(1).replace(ZWSP, '')}")
            text = text[: m.start()] + m.group(1) + text[m.end() :]
    text = _QUOTE.sub("", text)
    shown.text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace(ZWSP, "")
    return shown


_MD = MarkdownIt("commonmark", {"linkify": True}).enable(["linkify", "strikethrough"])
_PLAIN_TAGS = {"p", "br"}


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _PLAIN_TAGS:
            self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        # A line break inside a paragraph (a soft break) shows as a space, as HTML shows it.
        self.parts.append(data.replace("\n", " "))


def teams_shown(markdown: str) -> Shown:
    """A TextBlock's or a fact's text as the Adaptive Cards renderer shows it."""
    html = _Html()
    html.feed(_MD.render(markdown))
    text = re.sub(r" *\n *", "\n", "".join(html.parts))  # spaces at a line's ends are not shown
    return Shown(text.replace("\u2060", "").strip(), html.links, html.tags)  # word joiners: invisible


def slack_objects(message: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every text object of a message or view, with its kind (``mrkdwn`` or ``plain_text``).

    The message's notification ``text`` counts as mrkdwn.
    """
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(message.get("text"), str):
        found.append(("mrkdwn", {"type": "mrkdwn", "text": message["text"], "verbatim": True}))

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") in ("mrkdwn", "plain_text") and isinstance(node.get("text"), str):
                found.append((node["type"], node))
                return
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(message.get("blocks") or [])
    return found


def slack_texts(message: dict[str, Any]) -> list[Shown]:
    """What a person sees of each text object of a Slack message."""
    return [slack_shown(o["text"]) if kind == "mrkdwn" else Shown(o["text"]) for kind, o in slack_objects(message)]


def card_strings(card: Any) -> list[tuple[str, str]]:
    """Every text of a card with how it is read: ``markdown`` (TextBlock texts, fact titles and
    values) or ``plain`` (action and choice titles, input labels, placeholders, error messages)."""
    out: list[tuple[str, str]] = []
    if isinstance(card, dict):
        kind = str(card.get("type", ""))
        if kind == "TextBlock":
            out.append(("markdown", card["text"]))
        elif kind == "FactSet":
            out += [("markdown", t) for fact in card["facts"] for t in (fact["title"], fact["value"])]
        elif kind.startswith("Action.") or (not kind and {"title", "value"} <= card.keys()):  # a choice
            out.append(("plain", str(card["title"])))
        elif kind.startswith("Input."):
            out += [("plain", str(card[k])) for k in ("label", "placeholder", "errorMessage") if k in card]
        for key, value in card.items():
            if key not in ("facts", "data"):
                out += card_strings(value)
    elif isinstance(card, list):
        for item in card:
            out += card_strings(item)
    return out


def card_markdown(card: Any) -> list[str]:
    """Every Markdown text of a card: TextBlock texts and fact titles and values."""
    return [text for how, text in card_strings(card) if how == "markdown"]


def card_texts(card: Any) -> list[Shown]:
    """What a person sees of each text of a card."""
    return [teams_shown(t) if how == "markdown" else Shown(t) for how, t in card_strings(card)]
