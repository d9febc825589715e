"""``guidebot kb export``: every clause, in both languages, escaped."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from adapters.cli.main import main
from bot.domain.policy import KnowledgeBase
from bot.domain.texts import pick
from bot.knowledge.export import export
from tests.conftest import EVAL_KB, KbWriter


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_clause_in_both_formats(eval_kb: KnowledgeBase, lang: str) -> None:
    md = export(eval_kb, "md", lang)
    page = _Text()
    page.feed(export(eval_kb, "html", lang))
    text = "".join(page.text)
    assert eval_kb.policy.version in md and eval_kb.policy.version in text
    assert pick(eval_kb.policy.owner, lang) in text
    for clause in eval_kb.clauses:
        title = pick(clause.title, lang)
        assert f"### {clause.id}: " in md
        assert clause.id in text and title in text
        assert pick(clause.answer, lang)[:40] in text
    # Grouped by verdict: every prohibited clause comes before every allowed one.
    order = [c for c in eval_kb.clauses if f"### {c.id}:" in md]
    positions = {c.id: md.index(f"### {c.id}:") for c in order}
    prohibited = [positions[c.id] for c in eval_kb.clauses if c.verdict == "prohibited"]
    allowed = [positions[c.id] for c in eval_kb.clauses if c.verdict == "allowed"]
    assert max(prohibited) < min(allowed)
    assert "script" not in page.tags and "link" not in page.tags  # standalone: no external assets


def test_html_is_escaped(write_kb: KbWriter) -> None:
    kb_dir = write_kb(
        """\
policy: {id: p, title: "Rules <script>alert(1)</script>", version: "1 & 2", owner: "<b>Comms</b>", default_language: en}
clauses:
  - id: C-1
    title: "Use <em> wisely"
    verdict: allowed
    answer: "Say \\"hi\\" & <img src=x onerror=alert(1)>"
"""
    )
    from bot.knowledge.loader import load

    html = export(load(kb_dir), "html", "en")
    assert "<script>" not in html and "<img" not in html and "<em>" not in html
    assert "&lt;script&gt;" in html and "1 &amp; 2" in html
    md = export(load(kb_dir), "md", "en")
    assert "\\<img" in md


def test_cli_export_writes_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "policy.html"
    assert main(["kb", "export", str(EVAL_KB), "--format", "html", "--lang", "ja", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert '<html lang="ja">' in out.read_text(encoding="utf-8")
    assert main(["kb", "export", str(EVAL_KB)]) == 0
    assert capsys.readouterr().out.startswith("# Acme Social Media Guidelines")
    assert main(["kb", "export", str(tmp_path / "missing")]) == 2


LINES_KB = """\
policy: {id: p, title: Rules, version: "1", owner: Comms, default_language: en}
clauses:
  - id: C-1
    title: Uniform photos
    verdict: conditional
    answer: |-
      Before you post:
      - no badge in view
      # not a heading
      1. not a numbered list
    questions: ["Can I post a selfie in uniform?"]
    cases:
      - id: cabin
        when: inside the cabin
        verdict: prohibited
        answer: |-
          Never in the cabin.
          - not even empty
        questions: ["Can I film the cabin?"]
"""


def test_an_answer_keeps_its_lines_and_shows_its_markers_as_written(write_kb: KbWriter) -> None:
    """The owner's lines stay lines in both formats; "- ", "# " and "1. " are text, not Markdown."""
    from markdown_it import MarkdownIt

    from bot.knowledge.loader import load

    kb = load(write_kb(LINES_KB))
    rendered = MarkdownIt("commonmark").render(export(kb, "md", "en"))
    page = _Text()
    page.feed(rendered)
    shown = "".join(page.text)
    for line in ("Before you post:", "- no badge in view", "# not a heading", "1. not a numbered list"):
        assert line in shown
    assert page.tags.count("h1") == 1 and "ol" not in page.tags  # only the policy's own title
    assert rendered.count("<br />") >= 3  # each line break kept
    # A case's own answer stays inside its bullet, lines and all.
    (case_item,) = [li for li in rendered.split("<li>")[1:] if "inside the cabin" in li]
    assert "Never in the cabin." in case_item and "- not even empty" in case_item
    html = export(kb, "html", "en")
    assert '<p class="text">Before you post:\n- no badge in view' in html and ".text{white-space:pre-line}" in html
