"""Cases: situations inside a clause with a verdict of their own, from the YAML to the reply."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from adapters.slack.blocks import to_blocks
from adapters.teams.cards import to_adaptive_card
from adapters.teams.markdown import literal
from bench.evaluate import (
    BUNDLED_KB,
    SITUATION_SETS,
    SITUATIONS,
    evaluate_situations,
    print_situation_sets,
    read_jsonl,
)
from bot.assistant.engine import GuideBot
from bot.assistant.render_text import to_text
from bot.data.messages import msg
from bot.domain.policy import KnowledgeBase
from bot.knowledge.export import export
from bot.knowledge.lint import lint
from bot.knowledge.loader import load
from tests.conftest import FIXTURES, KbWriter, run_cli

from .kb_text import line_of

CASES_KB = FIXTURES / "kb-cases"
CASES_TEXT = (CASES_KB / "policy.yaml").read_text(encoding="utf-8")


def variant(old: str, new: str, text: str = CASES_TEXT) -> str:
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


@pytest.fixture(scope="module")
def cases_kb() -> KnowledgeBase:
    return load(CASES_KB)


@pytest.fixture(scope="module")
def bot(cases_kb: KnowledgeBase) -> GuideBot:
    return GuideBot(cases_kb)


# -- loading -------------------------------------------------------------------------


def test_cases_load_with_their_verdicts_and_default_answer(cases_kb: KnowledgeBase) -> None:
    rivals = cases_kb.by_id["C-RIVALS"]
    assert [(c.id, c.verdict) for c in rivals.cases] == [("mocking", "prohibited"), ("congratulate", "allowed")]
    mocking, congratulate = rivals.cases
    assert mocking.answer is not None and mocking.answer["ja"].startswith("競合他社を嘲笑")
    assert congratulate.answer is None  # the clause's answer stands
    assert mocking.source.line == line_of(CASES_TEXT, "- id: mocking")
    assert rivals.case("congratulate") is congratulate and rivals.case("nope") is None
    assert cases_kb.by_id["C-GARDEN"].cases == ()


MOCKING = "      - id: mocking\n"
# (old, new, needle marking the reported line, field, words of the message)
REJECTIONS = [
    (
        "        verdict: prohibited\n",
        "        verdict: prohibited\n        colour: red\n",
        "colour: red",
        "clauses[C-RIVALS].cases[mocking].colour",  # named by its written id, as for clauses
        "unknown key",
    ),
    (
        "        verdict: prohibited\n",
        "        verdict: forbidden\n",
        "verdict: forbidden",
        "clauses[C-RIVALS].cases[mocking].verdict",
        "must be one of",
    ),
    (
        "        when: {en: mocking a rival firm, ja: 競合他社を嘲笑する}\n",
        "",
        MOCKING.strip(),
        "clauses[C-RIVALS].cases[mocking].when",
        "required",
    ),
    (
        "      - id: congratulate\n",
        "      - id: mocking\n",
        "- id: mocking#2",
        "clauses[C-RIVALS].cases[1].id",
        "duplicate case id 'mocking'",
    ),
    (
        '          en: ["Can I congratulate a rival firm on an award?"]\n',
        "",
        'ja: ["競合他社の受賞',  # the questions mapping starts there
        "clauses[C-RIVALS].cases[congratulate].questions.en",
        "missing the default language",
    ),
    (
        "        when: {en: congratulating a rival firm, ja: 競合他社を祝福する}\n",
        "        when: {ja: 競合他社を祝福する}\n",
        "when: {ja:",
        "clauses[C-RIVALS].cases[congratulate].when.en",
        "missing the default language",
    ),
    (
        MOCKING,
        "      - id: mock ing\n",
        "- id: mock ing",
        "clauses[C-RIVALS].cases[0].id",
        "letters, digits",
    ),
    (
        "    keywords: {en: [garden, flowers], ja: [庭園, 花]}\n",
        "    keywords: {en: [garden, flowers], ja: [庭園, 花]}\n    cases: nope\n",
        "cases: nope",
        "clauses[C-GARDEN].cases",
        "must be a list",
    ),
]


@pytest.mark.parametrize(("old", "new", "needle", "field", "words"), REJECTIONS, ids=[r[3] for r in REJECTIONS])
def test_each_case_rejection_names_file_line_and_field(write_kb: KbWriter, old, new, needle, field, words) -> None:
    text = variant(old, new)
    kb_dir = write_kb(text)
    kb, issues = lint(kb_dir)
    errors = [i for i in issues if i.level == "error"]
    assert kb is None
    assert len(errors) == 1, [str(e) for e in errors]
    needle, _, nth = needle.partition("#")
    assert Path(errors[0].file) == kb_dir / "policy.yaml"
    assert (errors[0].line, errors[0].field) == (line_of(text, needle, int(nth or 1)), field)
    assert words in errors[0].message


def test_a_case_without_questions_is_an_error(write_kb: KbWriter) -> None:
    text = variant(
        '        questions:\n          en: ["Can I congratulate a rival firm on an award?"]\n'
        '          ja: ["競合他社の受賞をお祝いしてもいいですか？"]\n',
        "",
    )
    kb, issues = lint(write_kb(text))
    assert kb is None
    [error] = [i for i in issues if i.level == "error"]
    assert error.field == "clauses[C-RIVALS].cases[congratulate].questions"
    assert error.line == line_of(text, "- id: congratulate")


# -- lint warnings -------------------------------------------------------------------


def test_the_fixture_lints_clean_but_for_its_thin_cases(cases_kb: KnowledgeBase) -> None:
    """Its cases have one or two example questions a language: enough for these tests, fewer than
    an author should give (each is named at its ``questions:`` line)."""
    kb, issues = lint(CASES_KB)
    assert kb is not None
    text = (CASES_KB / "policy.yaml").read_text(encoding="utf-8")
    expected = {
        (f"clauses[{c.id}].cases[{k.id}].questions.{lang}", _below(text, k.source.line, "questions:"))
        for c in cases_kb.clauses
        for k in c.cases
        for lang in ("en", "ja")
    }
    assert {(i.field, i.line) for i in issues} == expected
    assert all(i.level == "warning" and i.message.startswith("only ") for i in issues)


def test_lint_warns_of_a_missing_language_and_a_verdict_that_does_not_differ(write_kb: KbWriter) -> None:
    text = variant("        verdict: allowed\n", "        verdict: conditional\n")
    text = variant('          ja: ["競合他社の受賞をお祝いしてもいいですか？"]\n', "", text)
    kb, issues = lint(write_kb(text))
    assert kb is not None  # warnings never refuse a base
    by_field = {i.field: i for i in issues if i.level == "warning"}
    case_at = line_of(text, "- id: congratulate")  # each warning names its field's own line
    missing = by_field["clauses[C-RIVALS].cases[congratulate].questions"]
    assert (missing.line, missing.message) == (_below(text, case_at, "questions:"), "no ja")
    same = by_field["clauses[C-RIVALS].cases[congratulate].verdict"]
    assert same.line == _below(text, case_at, "verdict: conditional")
    assert "same as the clause's (conditional)" in same.message


def _below(text: str, line: int, needle: str) -> int:
    """The 1-based number of the first line after ``line`` that contains ``needle``."""
    return next(i for i, row in enumerate(text.splitlines(), 1) if i > line and needle in row)


@pytest.mark.parametrize(
    ("claimed", "answered_by"),
    [
        ("Can I mock and insult a rival firm as junk?", "C-RIVALS/mocking"),  # another case
        ("Can I post a photo of the flowers in the garden?", "C-GARDEN"),  # another clause
    ],
)
def test_lint_warns_when_a_case_question_is_answered_elsewhere(
    write_kb: KbWriter, claimed: str, answered_by: str
) -> None:
    # The congratulating case now also claims a question that is plainly about something else.
    text = variant(
        '          en: ["Can I congratulate a rival firm on an award?"]\n',
        f'          en: ["Can I congratulate a rival firm on an award?", "{claimed}"]\n',
    )
    kb, issues = lint(write_kb(text))
    assert kb is not None  # warnings never refuse a base
    warnings = [i for i in issues if i.level == "warning"]
    assert any(
        w.field == "clauses[C-RIVALS].cases[congratulate].questions.en"
        and w.line == line_of(text, claimed)  # the question's own line, not the case's
        and f"answered by {answered_by} instead" in w.message
        for w in warnings
    ), [str(w) for w in warnings]


def test_a_case_question_answered_elsewhere_is_warned_at_the_question_line(write_kb: KbWriter) -> None:
    # The congratulating case's questions, a plain list (every language), claim a garden question second.
    text = variant(
        '        questions:\n          en: ["Can I congratulate a rival firm on an award?"]\n'
        '          ja: ["競合他社の受賞をお祝いしてもいいですか？"]\n',
        "        questions:\n"
        '          - "Can I congratulate a rival firm on an award?"\n'
        '          - "Can I post a photo of the flowers in the garden?"\n',
    )
    kb, issues = lint(write_kb(text))
    assert kb is not None  # warnings never refuse a base
    routed = [(w.line, w.field, w.message) for w in issues if "answered by" in w.message]
    assert routed == [
        (
            32,
            "clauses[C-RIVALS].cases[congratulate].questions",
            "'Can I post a photo of the flowers in the garden?' is answered by C-GARDEN instead",
        )
    ]
    assert line_of(text, "flowers in the garden") == 32


# -- matching ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "case", "verdict"),
    [
        ("Is it ok to ridicule a rival firm's new product in a post?", "mocking", "prohibited"),
        ("Can I say congratulations to a rival firm that won a prize?", "congratulate", "allowed"),
        ("What am I allowed to say about rival firms?", None, "conditional"),
        ("競合他社の製品を悪く言う投稿をしてもいい？", "mocking", "prohibited"),
        ("競合他社の受賞を祝福するコメントを書きたいです", "congratulate", "allowed"),
        ("競合他社について書くときの注意点は？", None, "conditional"),
    ],
)
def test_the_answer_carries_the_situations_verdict(
    bot: GuideBot, question: str, case: str | None, verdict: str
) -> None:
    reply = bot.ask(question)
    assert reply.clause is not None and reply.clause.id == "C-RIVALS"
    assert (reply.case.id if reply.case else None, reply.verdict) == (case, verdict)


def test_a_clause_without_cases_answers_in_general(bot: GuideBot) -> None:
    reply = bot.ask("Can I post a photo of the garden flowers?")
    assert reply.clause is not None and reply.clause.id == "C-GARDEN"
    assert (reply.case, reply.verdict) == (None, "allowed")


def test_an_unsure_answer_has_no_case(bot: GuideBot) -> None:
    reply = bot.ask("What is the best pizza topping?")
    assert (reply.outcome, reply.case, reply.verdict) == ("unsure", None, None)


def test_ask_json_reports_case_and_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "ask", "--kb", str(CASES_KB), "--json", "Can I mock a rival firm?")
    assert code == 0
    obj = json.loads(out)
    assert (obj["outcome"], obj["verdict"], obj["case"]) == ("answered", "prohibited", "mocking")
    assert obj["matches"][0]["clause"] == "C-RIVALS"
    assert list(obj).index("case") == list(obj).index("verdict") + 1
    _, out, _ = run_cli(capsys, "ask", "--kb", str(CASES_KB), "--json", "Can I talk about rival firms?")
    assert (json.loads(out)["verdict"], json.loads(out)["case"]) == ("conditional", None)


# -- replies on every surface --------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "question"), [("en", "Can I mock a rival firm?"), ("ja", "競合他社を馬鹿にしてもいいですか？")]
)
def test_every_surface_leads_with_the_situations_verdict_and_shows_the_general_rule(
    bot: GuideBot, lang: str, question: str
) -> None:
    reply = bot.ask(question)
    assert reply.lang == lang and reply.case is not None
    clause, case = bot.kb.by_id["C-RIVALS"], reply.case
    situation = msg("case.situation", lang, when=case.when[lang])
    case_answer = case.answer[lang] if case.answer else ""
    prohibited, conditional = msg("verdict.prohibited", lang), msg("verdict.conditional", lang)
    general = msg("case.general", lang, clause="C-RIVALS", verdict=f"⚠️ {conditional}")

    text = to_text(reply)
    assert text.splitlines()[0].startswith(f"⛔ {prohibited} · C-RIVALS")
    assert text.index(situation) < text.index(case_answer) < text.index(general) < text.index(clause.answer[lang])

    blocks = to_blocks(reply)["blocks"]
    assert f"⛔ *{prohibited}*" in blocks[0]["text"]["text"]
    assert situation in blocks[1]["text"]["text"] and case_answer in blocks[1]["text"]["text"]
    context = blocks[2]["elements"][0]["text"]
    assert general in context and clause.answer[lang] in context

    # Adaptive Card text is Markdown with every Markdown character escaped (shown as typed).
    body = [b["text"] for b in to_adaptive_card(reply)["body"] if b.get("type") == "TextBlock"]
    assert body[0] == literal(f"⛔ {prohibited}")
    situation, case_answer, general = literal(situation), literal(case_answer), literal(general)
    assert (
        body.index(situation) < body.index(case_answer) < body.index(general) < body.index(literal(clause.answer[lang]))
    )


def test_a_case_without_its_own_answer_shows_the_clauses_answer_once(bot: GuideBot) -> None:
    reply = bot.ask("Can I congratulate a rival firm on an award?")
    assert reply.case is not None and reply.case.id == "congratulate"
    text = to_text(reply)
    assert text.startswith(f"✅ {msg('verdict.allowed', 'en')} · C-RIVALS")
    assert text.count("Be fair and factual about rival firms.") == 1
    assert msg("case.general", "en", clause="C-RIVALS", verdict=f"⚠️ {msg('verdict.conditional', 'en')}") in text


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_policy_show_lists_the_clauses_situations_on_every_surface(bot: GuideBot, lang: str) -> None:
    reply = bot.show("C-RIVALS", lang)
    assert reply is not None
    heading = msg("case.cases", lang)
    lines = [
        msg("case.line", lang, verdict=f"⛔ {msg('verdict.prohibited', lang)}", when=reply.clause.cases[0].when[lang]),
        msg("case.line", lang, verdict=f"✅ {msg('verdict.allowed', lang)}", when=reply.clause.cases[1].when[lang]),
    ]
    text = to_text(reply)
    assert text.index(heading) < text.index(lines[0]) < text.index(lines[1])
    slack = "\n".join(b["text"]["text"] for b in to_blocks(reply)["blocks"] if b["type"] == "section")
    assert all(f"• {line}" in slack for line in lines)
    teams = [b["text"] for b in to_adaptive_card(reply)["body"] if b.get("type") == "TextBlock"]
    assert teams.index(literal(heading)) < teams.index(literal(f"• {lines[0]}")) < teams.index(literal(f"• {lines[1]}"))
    garden = bot.show("C-GARDEN", lang)  # a clause without cases lists none
    assert garden is not None and heading not in to_text(garden)


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_export_lists_each_clauses_situations(cases_kb: KnowledgeBase, fmt: str, lang: str) -> None:
    doc = export(cases_kb, fmt, lang)
    assert msg("case.cases", lang) in doc
    mocking = cases_kb.by_id["C-RIVALS"].cases[0]
    assert mocking.when[lang] in doc
    assert mocking.answer is not None and mocking.answer[lang] in doc
    assert doc.index(mocking.when[lang]) > doc.index(cases_kb.by_id["C-RIVALS"].answer[lang])


# -- the situation figure of make eval -----------------------------------------------


def test_the_situation_figure_counts_clause_and_verdict_both_right(bot: GuideBot) -> None:
    rows: list[dict[str, object]] = [
        {"q": "Can I mock a rival firm?", "lang": "en", "expect": ["C-RIVALS"], "verdict": "prohibited"},
        {"q": "Can I talk about rival firms?", "lang": "en", "expect": ["C-RIVALS"], "verdict": "prohibited"},
        {"q": "Can I post a photo of the garden?", "lang": "en", "expect": ["C-RIVALS"], "verdict": "allowed"},
        {"q": "競合他社を馬鹿にしてもいいですか？", "lang": "ja", "expect": ["C-RIVALS"], "verdict": "prohibited"},
    ]
    figures = evaluate_situations(bot, rows)
    en, ja = figures["en"], figures["ja"]
    assert (en.total, en.clause, en.both, ja.total, ja.both) == (3, 2, 1, 1, 1)
    assert en.rate == pytest.approx(1 / 3) and ja.rate == 1.0
    assert len(en.misses) == 2 and "C-RIVALS/conditional want C-RIVALS/prohibited" in en.misses[0]


def test_the_bundled_policy_gets_the_situations_verdict_right() -> None:
    """The figure `make eval` prints for the bundled policy (bench/data/situations.jsonl),
    computed by the same function: clause and verdict both right in each language."""
    bundled = GuideBot(load(BUNDLED_KB))
    figures = evaluate_situations(bundled, read_jsonl(SITUATIONS))
    assert set(figures) == {"en", "ja"}
    for lang, fig in figures.items():
        assert fig.total >= 40, lang
        assert fig.rate >= 0.85, (lang, fig.rate, fig.misses)


def test_make_eval_prints_the_situation_sets_of_the_bundled_policy(capsys: pytest.CaptureFixture[str]) -> None:
    kb = load(BUNDLED_KB)
    sets = SITUATION_SETS
    for path in sets[1:]:
        _check_situation_rows(kb, read_jsonl(path))
    print_situation_sets([str(path) for path in sets])
    out = capsys.readouterr().out
    assert all(path.name in out for path in sets)
    assert len([line for line in out.splitlines() if line.split()[:1] in (["en"], ["ja"])]) == 16


def _check_situation_rows(kb: KnowledgeBase, rows: list[dict[str, object]]) -> None:
    for row in rows:  # every row names clauses of the bundled policy and a verdict it can give
        expect = row["expect"]
        assert isinstance(expect, list) and expect and all(i in kb.by_id for i in expect), row
        verdicts = {v for i in expect for v in (kb.by_id[i].verdict, *(c.verdict for c in kb.by_id[i].cases))}
        assert row["lang"] in ("en", "ja") and row["verdict"] in verdicts, row
    assert min(sum(r["lang"] == lang for r in rows) for lang in ("en", "ja")) >= 40


@pytest.mark.parametrize(
    ("question", "case", "verdict"),
    [
        ("can I bad-mouth competitors on X?", "disparaging", "prohibited"),
        ("競合他社の悪口をXに書いてもいい?", "disparaging", "prohibited"),
        ("can I use my personal account to defend the company against criticism?", "defending", "prohibited"),
        ("Can I talk about competitors?", None, "conditional"),
        ("can I share our quarterly results before they are published?", None, "prohibited"),
        ("決算が公表される前に数字をシェアしてもいい？", None, "prohibited"),
        ("Now that the earnings are published, can I share the IR link?", "published", "allowed"),
        ("Can I trash a competitor's product?", "disparaging", "prohibited"),
        ("can I praise a competitor's new product on X?", "factual", "allowed"),
        ("Xで競合の新製品を褒めてもいい？", "factual", "allowed"),
        # It shares the words of the case "while saying that you work here"; it says the opposite.
        ("can I leave glowing reviews for our branch? wouldn't mention I work there", "undisclosed", "prohibited"),
        ("Can I recommend our app if I say that I work here?", "disclosed", "allowed"),
        ("can I leave glowing reviews for our branch? wouldn’t mention I work there", "undisclosed", "prohibited"),
        # About the subject's rules as a whole: the words brush one case, the general rule answers.
        ("whats the deal with using our brand on my own socials?", None, "conditional"),
        ("お客様のことってSNSでどこまで書いていい？", None, "conditional"),
        ("any rules on posting pics from the team offsite?", None, "conditional"),
        # A subject named as a whole, or how to deal with one (the margin is four times the usual).
        ("お客様のことってSNSに書いていいんですか？", None, "conditional"),
        ("政治の話ってSNSでしてもいいの？", None, "conditional"),
        ("会社がネットで悪く言われてるのを見かけたら、社員としてはどう動けばいいの？", None, "conditional"),
        ("do I have to say who I work for whenever I post stuff?", None, "conditional"),
        # ... unless the question states its situation in full.
        ("Any rules on posting a photo of a coworker without asking her?", "without-consent", "prohibited"),
        # It fits the hobby case 1.13 times as well as the general rule: enough in English.
        (
            "I have a nickname account where I only post my knitting projects, zero job stuff. "
            "That's totally fine, isn't it?",
            "hobby",
            "allowed",
        ),
    ],
)
def test_the_bundled_policy_answers_the_reported_situations(question: str, case: str | None, verdict: str) -> None:
    reply = GuideBot(load(BUNDLED_KB)).ask(question)
    assert (reply.case.id if reply.case else None, reply.verdict) == (case, verdict)


VAGUE = ["Can I post a photo?", "写真を投稿してもいい？", "can I post about a competitor?", "競合について投稿していい?"]


@pytest.mark.parametrize("question", VAGUE)
def test_a_question_that_states_no_situation_gets_the_clauses_general_rule(question: str) -> None:
    """It fits every situation about as well: no case's verdict ("Not allowed") for it."""
    reply = _bundled_bot().ask(question)
    assert reply.clause is not None and reply.case is None
    assert reply.verdict == reply.clause.verdict == "conditional"


@functools.cache
def _bundled_bot() -> GuideBot:
    return GuideBot(load(BUNDLED_KB))


TIMED_KB = """\
policy:
  id: school
  title: {en: School Posting Policy, ja: 学校の投稿方針}
  version: "S-1"
  owner: {en: "Office, #ask-office", ja: "事務室 #ask-office"}
  default_language: en
clauses:
  - id: S-GRADES
    title: {en: Exam grades, ja: 試験の成績}
    verdict: prohibited
    answer: {en: Grades stay private until the school releases them., ja: 成績は学校が公開するまで非公開です。}
    questions:
      en: ["Can I post the exam grades?", "Can I share my students' marks?"]
      ja: ["試験の成績を投稿してもいいですか？", "生徒の点数をシェアしていい？"]
    keywords: {en: [grades, marks, exam], ja: [成績, 点数, 試験]}
    cases:
      - id: released
        when: {en: grades after the school has released them, ja: 学校が公開した後の成績}
        verdict: allowed
        answer: {en: "Once released, link the school's own page.", ja: 公開後は学校のページをリンクしてください。}
        questions:
          en: ["The grades are released, can I post the link?", "Can I share the released grade report?"]
          ja: ["成績が公開されたのでリンクを投稿していい？", "公開された成績表をシェアしていい？"]
        keywords: {en: [released, grade report], ja: [公開, 成績表]}
"""


@pytest.mark.parametrize(
    ("question", "case"),
    [
        ("Can I post the exam grades before the school has released them?", None),
        ("can I share the marks a day ahead of the release?", None),
        ("the grades aren't released yet, can I share them?", None),
        ("学校が成績を公開する前に投稿していい？", None),
        ("まだ公開されていない成績をシェアしていい？", None),
        ("Can I share the grades now that the school has released them?", "released"),
        ("成績が公開された後ならシェアしていい？", "released"),
    ],
)
def test_a_question_before_an_event_never_gets_the_case_after_it(
    write_kb: KbWriter, question: str, case: str | None
) -> None:
    """The words the question shares with the "after release" case ("released") are what
    every situation of the clause is about; "before" is what tells them apart."""
    reply = GuideBot(load(write_kb(TIMED_KB))).ask(question)
    assert reply.clause is not None and reply.clause.id == "S-GRADES"
    assert (reply.case.id if reply.case else None, reply.verdict) == (case, "allowed" if case else "prohibited")


PLAIN_KB = """\
policy:
  id: plain
  title: Plain Policy
  version: "1"
  owner: "Comms, #ask-comms"
  default_language: en
clauses:
  - id: P-RIVALS
    title: Talking about rival firms
    verdict: conditional
    answer: Be fair and factual about rival firms.
    questions: ["Can I talk about rival firms?", "What may I say about a rival firm?"]
    cases:
      - id: mocking
        when: mocking a rival firm
        verdict: prohibited
        questions: ["Can I mock a rival firm?", "Can I insult a rival's product?"]
"""


def test_a_base_in_plain_strings_is_warned_of_thin_cases_too(write_kb: KbWriter) -> None:
    """Texts without language keys are the default language's: five questions are asked of them too."""
    _, issues = lint(write_kb(PLAIN_KB))
    thin = [i for i in issues if i.message.startswith("only 2 example question(s)")]
    assert [(i.field, i.line) for i in thin] == [
        ("clauses[P-RIVALS].cases[mocking].questions", line_of(PLAIN_KB, 'questions: ["Can I mock'))
    ]


def test_lint_lists_its_findings_in_the_order_of_the_file(write_kb: KbWriter) -> None:
    """Whatever pass found them: a question answered elsewhere (found last) at line 12 comes
    before a thin case at line 24."""
    garden = """\
  - id: P-GARDEN
    title: Photos of the garden
    verdict: allowed
    answer: Photos of the garden are fine.
    questions: ["Can I post a photo of the garden?", "Can I mock a rival firm about their garden?"]
"""
    text = PLAIN_KB.replace("clauses:\n", "clauses:\n" + garden, 1)
    _, issues = lint(write_kb(text))
    fields = [i.field for i in issues]
    assert "clauses[P-GARDEN].questions" in fields and "clauses[P-RIVALS].cases[mocking].questions" in fields
    assert [i.line for i in issues] == sorted(i.line for i in issues)


SHARED_WORDS_KB = """\
policy:
  id: shop
  title: Shop Posting Policy
  version: "1"
  owner: "Comms, #ask-comms"
  default_language: en
clauses:
  - id: R-RIVALS
    title: Talking about rival shops
    verdict: conditional
    answer: Be fair about rival shops.
    questions: ["Can I talk about a rival shop?", "Can I roast a rival shop for fun?", "What may I say about rivals?"]
    keywords: [rival, roast, shop]
    cases:
      - id: praise
        when: saying something kind about a rival shop
        verdict: allowed
        questions: ["Can I congratulate a rival shop?", "Can I say a rival shop is nice?"]
        keywords: [congratulate, kind, nice]
      - id: roasting
        when: roasting a rival shop
        verdict: prohibited
        questions: ["Can I roast a rival shop?", "Can I make fun of a rival?"]
        keywords: [roast, make fun of]
      - id: prices
        when: comparing prices with a rival shop
        verdict: prohibited
        questions: ["Can I compare our prices with a rival shop?", "Can I post a price table?"]
        keywords: [prices, compare]
"""


def test_a_word_only_one_situation_uses_is_its_evidence_even_where_the_general_rule_uses_it(
    write_kb: KbWriter,
) -> None:
    """The general rule's own texts name "roast" too; a question that says it states the
    roasting situation, and a question that states none still gets the general rule."""
    bot = GuideBot(load(write_kb(SHARED_WORDS_KB)))
    roast = bot.ask("may I roast a rival shop?")
    assert (roast.case.id if roast.case else None, roast.verdict) == ("roasting", "prohibited")
    vague = bot.ask("can I talk about a rival shop?")
    assert (vague.case, vague.verdict) == (None, "conditional")
