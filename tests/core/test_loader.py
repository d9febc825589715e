"""Loading and validation: every rejection of the contract names file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.checks.checker import check_text
from bot.checks.patterns import compile_pattern
from bot.knowledge.lint import lint
from bot.knowledge.loader import Issue, KnowledgeBaseError, load, load_with_issues
from tests.conftest import SMALL_KB, SPLIT_KB, KbWriter

from .kb_text import SMALL_TEXT, line_of, variant


def only_error(path: Path) -> Issue:
    """The single error that linting ``path`` reports."""
    kb, issues = lint(path)
    errors = [i for i in issues if i.level == "error"]
    assert kb is None
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


def assert_names(issue: Issue, path: Path, line: int, field: str) -> None:
    assert Path(issue.file) == path
    assert (issue.line, issue.field) == (line, field)
    assert str(issue).startswith(f"{path}:{line}: {field}: ")


def test_the_small_fixture_loads_with_every_rule_kind(small_kb):
    assert [c.id for c in small_kb.clauses] == ["T-PHOTOS", "T-SECRET", "T-OPINION"]
    assert {c.rule.kind for c in small_kb.checks} == {"forbid", "require", "detector"}
    assert small_kb.policy.version == "T-1"
    assert small_kb.clause("t-photos") is small_kb.clause("T-PHOTOS")


EXTRA_CLAUSE = "\n  - id: {id}\n    title: Extra\n    verdict: allowed\n    answer: Yes.\n"

# (old, new, needle marking the reported line, field, words of the message)
REJECTIONS = [
    (
        "    verdict: conditional\n",
        "    verdict: conditional\n    colour: red\n",
        "colour: red",
        "clauses[T-PHOTOS].colour",  # named by its id, written below the key it is read before
        "unknown key",
    ),
    ("  default_language: en\n", "  default_language: en\n  motto: hi\n", "motto", "policy.motto", "unknown key"),
    (
        '      pass: ["Lovely day #AcmeLife"]',
        '      passes: ["Lovely day #AcmeLife"]',
        "passes:",
        "checks[hashtag].examples.passes",
        "unknown key",
    ),
    (
        "    answer: {en: Check the background first., ja: 背景を確認してください。}\n",
        "",
        "- id: T-PHOTOS",
        "clauses[T-PHOTOS].answer",
        "required",
    ),
    (
        "    message: {en: Internal codename., ja: 社内コードネームです。}\n",
        "",
        "- id: codename",
        "checks[codename].message",
        "required",
    ),
    ('  version: "T-1"\n', "", "id: small", "policy.version", "required"),
    (
        "\nchecks:",
        EXTRA_CLAUSE.format(id="T-PHOTOS") + "\nchecks:",
        "- id: T-PHOTOS#2",
        "clauses[3].id",
        "duplicate id 'T-PHOTOS'",
    ),
    ("  - id: disclaimer", "  - id: codename", "- id: codename#2", "checks[1].id", "duplicate id 'codename'"),
    (
        "    category: confidential\n",
        "    category: confidential\n    severty: error\n",
        "severty",
        "checks[codename].severty",
        "unknown key",
    ),
    (
        "see_also: [T-SECRET]",
        "see_also: [T-NOPE]",
        "see_also: [T-NOPE]",
        "clauses[T-PHOTOS].see_also",
        "unknown clause 'T-NOPE'",
    ),
    (
        "    clause: T-SECRET\n    message: {en: Internal",
        "    clause: T-GONE\n    message: {en: Internal",
        "clause: T-GONE",
        "checks[codename].clause",
        "unknown clause 'T-GONE'",
    ),
    ("'\\bproject[\\s_-]*x\\d+\\b'", "'(unclosed'", "(unclosed", "checks[codename].forbid.patterns", "missing )"),
    ("'\\bproject[\\s_-]*x\\d+\\b'", "'(a)\\1'", "(a)\\1", "checks[codename].forbid.patterns", "invalid RE2"),
    ("'\\bproject[\\s_-]*x\\d+\\b'", "'blue(?=fin)'", "blue(?=fin)", "checks[codename].forbid.patterns", "(?="),
    ("'\\bproject[\\s_-]*x\\d+\\b'", "'(?<!x)fin'", "(?<!x)fin", "checks[codename].forbid.patterns", "(?<!"),
    (
        "when: {patterns: ['\\bi think\\b', '思う']}",
        "when: {patterns: ['\\bi think\\b', '(?P<a>x)(?P=a)']}",
        "(?P=a)",
        "checks[disclaimer].when.patterns",
        "invalid RE2",
    ),
    ('    require: {terms: ["#AcmeLife"]}\n', "", "- id: hashtag", "checks[hashtag]", "found: none"),
    (
        '    require: {terms: ["#AcmeLife"]}\n',
        '    require: {terms: ["#AcmeLife"]}\n    detector: url\n',
        "- id: hashtag",
        "checks[hashtag]",
        "found: require, detector",
    ),
    (
        '    require: {terms: ["#AcmeLife"]}\n',
        "    when: {terms: [day]}\n",
        "- id: hashtag",
        "checks[hashtag]",
        "found: none",
    ),
    (
        '    require: {terms: ["#AcmeLife"]}\n',
        "    forbid: {terms: [x]}\n    when: {terms: [day]}\n",
        "when: {terms: [day]}",
        "checks[hashtag].when",
        "not allowed with forbid",
    ),
    (
        '    require: {terms: ["#AcmeLife"]}\n',
        "    require: {}\n",
        "require: {}",
        "checks[hashtag].require",
        "at least one of terms or patterns",
    ),
    ("detector: url,", "detector: fax,", "detector: fax", "checks[link].detector", "unknown detector 'fax'"),
    (
        "message: {en: Add a disclaimer., ja: 免責文を添えてください。}",
        "message: {ja: 免責文を添えてください。}",
        "message: {ja: 免責文",
        "checks[disclaimer].message.en",
        "missing the default language 'en'",
    ),
    (
        "    title: {en: Office photos, ja: オフィスの写真}",
        "    title: {ja: オフィスの写真}",
        "title: {ja:",
        "clauses[T-PHOTOS].title.en",
        "missing the default language",
    ),
    ("verdict: prohibited", "verdict: maybe", "verdict: maybe", "clauses[T-SECRET].verdict", "must be one of"),
    ("category: conduct", "category: gossip", "category: gossip", "checks[hashtag].category", "must be one of"),
    (
        "severity: info\n    clause: T-OPINION\n    message: Add",
        "severity: fatal\n    clause: T-OPINION\n    message: Add",
        "severity: fatal",
        "checks[hashtag].severity",
        "must be one of",
    ),
    ("\nchecks:", EXTRA_CLAUSE.format(id="T NEW") + "\nchecks:", "id: T NEW", "clauses[3].id", "letters, digits"),
    (
        "answer: {en: Never post unreleased work., ja: 未発表の情報は投稿しないでください。}",
        "answer: {en: '', ja: 未発表の情報は投稿しないでください。}",
        "answer: {en: ''",
        "clauses[T-SECRET].answer.en",
        "must not be empty",
    ),
    (
        '  version: "T-1"',
        '  version: !!python/object/apply:os.system ["true"]',
        "os.system",
        "policy.version",
        "must be a string",
    ),
    ('  version: "T-1"\n', '  version: "T-1"\n  version: "T-2"\n', "T-2", "policy.version", "duplicate key"),
]


@pytest.mark.parametrize(("old", "new", "needle", "field", "words"), REJECTIONS, ids=[r[3] for r in REJECTIONS])
def test_each_rejection_names_file_line_and_field(write_kb: KbWriter, old, new, needle, field, words):
    text = variant(old, new)
    kb_dir = write_kb(text)
    needle, _, nth = needle.partition("#")
    issue = only_error(kb_dir)
    assert_names(issue, kb_dir / "policy.yaml", line_of(text, needle, int(nth or 1)), field)
    assert words in issue.message
    with pytest.raises(KnowledgeBaseError) as err:
        load(kb_dir)
    assert "\n" not in str(err.value)
    assert f"policy.yaml:{issue.line}: {field}" in str(err.value)


def test_all_errors_are_collected_not_just_the_first(write_kb: KbWriter):
    text = variant("verdict: prohibited", "verdict: maybe")
    text = variant("category: conduct", "category: gossip", text)
    text = variant("detector: url,", "detector: fax,", text)
    kb, issues = lint(write_kb(text))
    assert kb is None
    assert {i.field for i in issues} == {
        "clauses[T-SECRET].verdict",
        "checks[hashtag].category",
        "checks[link].detector",
    }


def test_a_repeated_id_is_reported_even_when_the_entries_have_other_errors(write_kb: KbWriter):
    # The second T-PHOTOS lacks its title; the first codename check lacks its message.
    extra = "\n  - id: T-PHOTOS\n    verdict: allowed\n    answer: Yes.\n"
    text = variant("\nchecks:", extra + "\nchecks:")
    text = variant("    message: {en: Internal codename., ja: 社内コードネームです。}\n", "", text)
    text = variant("  - id: disclaimer", "  - id: codename", text)
    kb, issues = lint(write_kb(text))
    assert kb is None
    fields = {i.field: i.message for i in issues}
    assert "duplicate id 'T-PHOTOS'" in fields["clauses[3].id"]
    assert "required" in fields["clauses[T-PHOTOS].title"]
    assert "duplicate id 'codename'" in fields["checks[1].id"]
    assert "required" in fields["checks[codename].message"]


def test_entries_without_an_id_are_not_duplicates_of_each_other(write_kb: KbWriter):
    extra = '\n  - id: ""\n    title: A\n    verdict: allowed\n    answer: Yes.\n'
    kb, issues = lint(write_kb(variant("\nchecks:", extra * 2 + "\nchecks:")))
    assert kb is None
    assert not [i for i in issues if "duplicate" in i.message]


def test_an_invalid_clause_referenced_elsewhere_reports_one_error_not_a_cascade(write_kb: KbWriter):
    # T-SECRET is referenced by see_also and by two checks; its own error is the only one.
    issue = only_error(write_kb(variant("verdict: prohibited", "verdict: maybe")))
    assert issue.field == "clauses[T-SECRET].verdict"


def test_failing_examples_are_lint_errors_naming_the_check(write_kb: KbWriter):
    text = variant('pass: ["Blue fins are pretty", "Bluefinch", "projection x"]', 'pass: ["Bluefin again"]')
    text = variant('flag: ["call 03-1234-5678"]', 'flag: ["call me maybe"]', text)
    kb_dir = write_kb(text)
    kb, issues = lint(kb_dir)
    assert kb is None
    by_field = {i.field: i for i in issues}
    assert set(by_field) == {"checks[codename].examples.pass", "checks[phone].examples.flag"}
    assert by_field["checks[codename].examples.pass"].line == line_of(text, 'pass: ["Bluefin again"]')
    assert "raises this check: 'Bluefin again'" in by_field["checks[codename].examples.pass"].message
    assert by_field["checks[phone].examples.flag"].line == line_of(text, "call me maybe")
    assert "does not raise this check" in by_field["checks[phone].examples.flag"].message
    # Loading alone does not run examples: the base is structurally valid.
    assert load(kb_dir).policy.id == "small"


def test_routing_warning_when_a_clause_question_is_answered_elsewhere(write_kb: KbWriter):
    # T-SECRET now claims photos of the office more strongly than T-PHOTOS does.
    text = variant(
        "keywords: {en: [codename, confidential, unreleased], ja: [機密, コードネーム]}",
        "keywords: {en: [codename, photo of the office, post a photo, office photo, office], ja: [機密]}",
    )
    text = variant(
        'questions: {en: ["Can I mention an internal codename?"]}',
        'questions: {en: ["Can I post a photo of the office?", "Can I mention an internal codename?"]}',
        text,
    )
    kb, issues = lint(write_kb(text))
    assert kb is not None  # a warning does not make the base unusable
    warnings = [i for i in issues if i.level == "warning"]
    # Both clauses now hold that question: whichever loses it is warned, at the question's line.
    assert any(
        (w.field, w.line) == (f"clauses[{mine}].questions.en", line_of(text, needle))
        and f"answered by {other}" in w.message
        for w in warnings
        for mine, other, needle in (
            ("T-PHOTOS", "T-SECRET", 'en: ["Can I post a photo of the office?"]'),
            ("T-SECRET", "T-PHOTOS", 'questions: {en: ["Can I post a photo of the office?"'),
        )
    ), [str(w) for w in warnings]


# -- problems found once the base is put together name the offending item's own line ------


def test_a_dangling_see_also_names_the_line_of_its_entry(write_kb: KbWriter):
    text = variant(
        "    see_also: [T-SECRET]\n",
        "    see_also:\n      - T-SECRET\n      - [T-OPINION]\n      - T-NOPE\n",
    )
    kb_dir = write_kb(text)
    kb, issues = lint(kb_dir)
    assert kb is None
    by_field = {i.field: i for i in issues if i.level == "error"}
    assert set(by_field) == {"clauses[T-PHOTOS].see_also", "clauses[T-PHOTOS].see_also[1]"}
    assert_names(by_field["clauses[T-PHOTOS].see_also"], kb_dir / "policy.yaml", 21, "clauses[T-PHOTOS].see_also")
    assert line_of(text, "- T-NOPE") == 21
    assert by_field["clauses[T-PHOTOS].see_also"].message == "unknown clause 'T-NOPE'"
    # An entry that is not a string does not shift the others: it is reported at its own line.
    assert by_field["clauses[T-PHOTOS].see_also[1]"].line == line_of(text, "- [T-OPINION]") == 20


def test_a_dangling_see_also_in_another_file_names_that_file_and_line(write_kb: KbWriter):
    more = (
        "clauses:\n"
        "  - id: T-MORE\n"
        "    title: More\n"
        "    verdict: allowed\n"
        "    answer: Yes.\n"
        "    see_also:\n"
        "      - T-SECRET\n"
        "      - T-GONE\n"
    )
    kb_dir = write_kb({"policy.yaml": SMALL_TEXT, "z-more.yaml": more})
    issue = only_error(kb_dir)
    assert_names(issue, kb_dir / "z-more.yaml", 8, "clauses[T-MORE].see_also")
    assert issue.message == "unknown clause 'T-GONE'"


def test_failing_examples_name_the_line_of_the_example(write_kb: KbWriter):
    text = variant(
        '      flag: ["Bluefin ships soon", "ＢＬＵＥＦＩＮ", "ﾌﾞﾙｰﾌｨﾝ計画", "see PROJECT_X42"]\n'
        '      pass: ["Blue fins are pretty", "Bluefinch", "projection x"]\n',
        "      flag:\n"
        '        - "Bluefin ships soon"\n'
        '        - "nothing to see here"\n'
        "      pass:\n"
        '        - "Blue fins are pretty"\n'
        '        - "Bluefin again"\n',
    )
    kb_dir = write_kb(text)
    kb, issues = lint(kb_dir)
    assert kb is None
    found = sorted((i.line, i.field, i.message) for i in issues)
    assert found == [
        (44, "checks[codename].examples.flag", "does not raise this check: 'nothing to see here'"),
        (47, "checks[codename].examples.pass", "raises this check: 'Bluefin again'"),
    ]
    assert (line_of(text, "nothing to see here"), line_of(text, "Bluefin again")) == (44, 47)
    assert all(Path(i.file) == kb_dir / "policy.yaml" for i in issues)


def test_a_routing_warning_names_the_line_of_the_question(write_kb: KbWriter):
    # T-SECRET lists, second, a question that plainly belongs to T-PHOTOS.
    text = variant(
        '    questions: {en: ["Can I mention an internal codename?"]}\n',
        "    questions:\n"
        "      en:\n"
        '        - "Can I mention an internal codename?"\n'
        '        - "Can I post a picture of the office?"\n',
    )
    kb, issues = lint(write_kb(text))
    assert kb is not None  # a warning does not make the base unusable
    warnings = [(w.line, w.field, w.message) for w in issues if w.level == "warning"]
    assert warnings == [
        (26, "clauses[T-SECRET].questions.en", "'Can I post a picture of the office?' is answered by T-PHOTOS instead")
    ]
    assert line_of(text, "Can I post a picture of the office?") == 26


def test_malformed_yaml_reports_the_line(write_kb: KbWriter):
    text = variant('  version: "T-1"\n', '  version: "T-1\n  broken: [\n')
    issue = only_error(write_kb(text))
    assert issue.field == "yaml"
    assert issue.line > 1


def test_tab_indentation_reports_its_line(write_kb: KbWriter):
    text = variant("  id: small", "\tid: small")
    issue = only_error(write_kb(text))
    assert (issue.field, issue.line) == ("yaml", line_of(text, "\tid: small"))


def test_invalid_utf8_names_the_line(write_kb: KbWriter):
    raw = SMALL_TEXT.encode().replace(b"Small Test Policy", b"Small \xff\xfe Policy")
    kb_dir = write_kb(raw)
    issue = only_error(kb_dir)
    assert (issue.field, issue.line) == ("file", line_of(SMALL_TEXT, "Small Test Policy"))
    assert "UTF-8" in issue.message


@pytest.mark.parametrize("raw", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"policy:\x00\x00\x00 id: x\n"])
def test_binary_file_is_rejected(write_kb: KbWriter, raw: bytes):
    issue = only_error(write_kb(raw))
    assert issue.field == "file"
    assert "binary" in issue.message or "UTF-8" in issue.message


def test_byte_order_mark_is_accepted(write_kb: KbWriter):
    assert load(write_kb(b"\xef\xbb\xbf" + SMALL_TEXT.encode())).policy.id == "small"


def test_empty_directory_and_missing_path(tmp_path: Path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("policy: no")
    assert only_error(empty).message == "no *.yaml or *.yml files here"
    missing = tmp_path / "nope"
    issue = only_error(missing)
    assert (issue.file, issue.field) == (str(missing), "path")


@pytest.mark.parametrize("content", ["", "# only a comment\n", "clauses: []\n"])
def test_no_policy_header(write_kb: KbWriter, content: str):
    kb_dir = write_kb(content)
    issue = only_error(kb_dir)
    assert (Path(issue.file), issue.field) == (kb_dir / "policy.yaml", "policy")


def test_two_policy_headers(write_kb: KbWriter):
    header = SMALL_TEXT[: SMALL_TEXT.index("clauses:")]
    kb_dir = write_kb({"a.yaml": SMALL_TEXT, "b.yaml": "# second\n" + header})
    issue = only_error(kb_dir)
    # The line of the header's value (its first key).
    assert_names(issue, kb_dir / "b.yaml", 4, "policy")
    assert "a.yaml" in issue.message


def test_top_level_must_be_a_mapping(write_kb: KbWriter):
    issue = only_error(write_kb("- just\n- a list\n"))
    assert (issue.field, issue.line) == ("file", 1)


def test_several_documents_in_one_file_are_rejected(write_kb: KbWriter):
    text = SMALL_TEXT + "---\nclauses: []\n"
    issue = only_error(write_kb(text))
    assert (issue.field, issue.line) == ("yaml", line_of(text, "---"))


def test_files_are_merged_and_duplicates_across_files_name_both(write_kb: KbWriter):
    kb = load(SPLIT_KB)
    assert [c.id for c in kb.clauses] == ["S-ONE"] and [c.id for c in kb.checks] == ["no-kestrel"]
    assert kb.policy.title == {"*": "Split Policy"}
    dup = "clauses:\n  - id: T-SECRET\n    title: t\n    verdict: allowed\n    answer: a\n"
    kb_dir = write_kb({"a.yaml": SMALL_TEXT, "b.yml": dup})
    issue = only_error(kb_dir)
    assert_names(issue, kb_dir / "b.yml", 2, "clauses[0].id")
    assert f"{kb_dir / 'a.yaml'}:{line_of(SMALL_TEXT, '- id: T-SECRET')}" in issue.message


def test_a_single_file_is_a_knowledge_base():
    kb = load(SMALL_KB / "policy.yaml")
    assert kb.files == (str(SMALL_KB / "policy.yaml"),)
    assert len(kb.checks) == 9


def test_the_default_language_is_the_one_every_text_map_needs(write_kb: KbWriter):
    # With ja as default, plain strings (any language) and maps with ja all pass ...
    text = variant("default_language: en", "default_language: ja")
    kb, issues = load_with_issues(write_kb(text))
    assert kb is not None and issues == []
    # ... and a map without ja is the error, even though it has en.
    text = variant(
        "answer: {en: Say the views are your own., ja: 個人の見解であることを書いてください。}",
        "answer: {en: Say the views are your own.}",
        text,
    )
    issue = only_error(write_kb(text))
    assert (issue.field, issue.line) == ("clauses[T-OPINION].answer.ja", line_of(text, "answer: {en: Say the"))


def test_catastrophic_backtracking_pattern_is_accepted_and_runs_linearly(write_kb: KbWriter):
    text = variant("'\\bproject[\\s_-]*x\\d+\\b'", "'(a+)+$'")
    text = variant('"see PROJECT_X42"', '"aaaa"', text)
    kb = load(write_kb(text))
    codename = next(c for c in kb.checks if c.id == "codename")
    assert codename.rule.find("a" * 50_000 + "!") == []  # must simply finish
    result = check_text(kb, "a" * 50_000 + "!")
    assert all(f.check != "codename" for f in result.findings)
    assert codename.rule.find("b aaaa") == [(2, 6)]


# -- hostile files: a clear error, never a traceback, a hang or gigabytes


def test_anchors_and_aliases_are_refused(write_kb: KbWriter):
    """An alias repeats a node wherever it is written: a 1 KB file could stand for gigabytes."""
    photos = "    title: {en: Office photos, ja: オフィスの写真}\n"
    text = variant(photos, photos.replace("title: ", "title: &t "))
    text = variant("    title: {en: Confidential work, ja: 機密情報}\n", "    title: *t\n", text)
    issue = only_error(write_kb(text))
    assert issue.field == "yaml" and "aliases" in issue.message


def test_an_alias_bomb_as_a_language_key_is_refused_at_once(write_kb: KbWriter):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    bomb = "\n".join(lines) + "\n"
    text = variant("    title: {en: Office photos, ja: オフィスの写真}\n", "    title: {*a9 : x, en: Office photos}\n")
    issues = lint(write_kb({"bomb.yaml": bomb, "policy.yaml": text}))[1]
    assert any(i.field == "yaml" and "aliases" in i.message for i in issues)
    assert all(len(str(i)) < 300 for i in issues)


def test_a_fifo_is_not_read(tmp_path: Path):
    import os

    fifo = tmp_path / "policy.yaml"
    os.mkfifo(fifo)
    kb, issues = load_with_issues(fifo)  # would block on open/read if it were read
    assert kb is None and [(i.field, i.message) for i in issues] == [("file", "not a regular file")]


def test_a_language_given_twice_is_an_error(write_kb: KbWriter):
    photos = "    title: {en: Office photos, ja: オフィスの写真}\n"
    text = variant(photos, "    title: {en: Office photos, en: Other, ja: 写真}\n")
    issue = only_error(write_kb(text))
    assert (issue.field, issue.line) == ("clauses[T-PHOTOS].title.en", line_of(text, "en: Other"))
    assert "duplicate language" in issue.message


def test_a_key_that_is_not_a_string_is_an_error(write_kb: KbWriter):
    text = variant("    verdict: conditional\n", "    verdict: conditional\n    ? [a, b]\n    : x\n")
    issue = only_error(write_kb(text))
    assert issue.field.startswith("clauses[T-PHOTOS].") and "unknown key" in issue.message


@pytest.mark.parametrize("within", ["'²'", "'1" + "0" * 5000 + "'"])
def test_a_near_distance_that_is_no_small_number_is_an_error(write_kb: KbWriter, within: str):
    near = "      near: {within: " + within + ", terms: [soon]}\n"
    patterns = "      patterns: ['\\bproject[\\s_-]*x\\d+\\b']\n"
    text = variant(patterns, patterns + near)
    kb, issues = lint(write_kb(text))
    assert kb is None
    assert any(i.field.endswith("near.within") and "whole number" in i.message for i in issues)


def test_patterns_too_large_together_for_re2_are_an_error(write_kb: KbWriter):
    big = "[^x]{1000}" * 600  # compiles alone; two of them do not (RE2 may use 256 MB)
    text = variant("      patterns: ['\\bproject[\\s_-]*x\\d+\\b']\n", f"      patterns: ['a{big}', 'b{big}']\n")
    issue = only_error(write_kb(text))
    assert issue.field == "checks[codename].forbid" and "too large" in issue.message


def test_a_permission_change_is_a_change_the_watcher_sees(tmp_path: Path):
    """A file made readable again (chmod, same content and time) is read again by a live server."""
    import os

    from bot.knowledge.watch import fingerprint

    policy = tmp_path / "policy.yaml"
    policy.write_text(SMALL_TEXT, encoding="utf-8")
    os.chmod(policy, 0o644)
    before = fingerprint(tmp_path)
    os.chmod(policy, 0o600)
    assert fingerprint(tmp_path) != before


def test_a_symlink_to_nothing_says_so(tmp_path: Path):
    loop = tmp_path / "policy.yaml"
    loop.symlink_to(loop)  # a link to itself
    dangling = tmp_path / "kb"
    dangling.symlink_to(tmp_path / "moved-away")
    for path in (loop, dangling):
        kb, issues = load_with_issues(path)
        assert kb is None and [i.message for i in issues] == ["a symbolic link to nothing (or to itself)"]
    assert [i.message for i in load_with_issues(tmp_path / "absent")[1]] == ["no such file or directory"]


def test_a_comma_that_ends_an_unquoted_text_in_braces_is_named(write_kb: KbWriter):
    """{en: Ask first, then post} gives "then post" as a key: the error says why."""
    photos = "    title: {en: Office photos, ja: オフィスの写真}\n"
    text = variant(photos, "    title: {en: Photos of the office, the garden and the lobby, ja: 写真}\n")
    issue = only_error(write_kb(text))
    assert (issue.field, issue.line) == ("clauses[T-PHOTOS].title.the garden and the l", line_of(text, "the garden"))
    assert issue.message.endswith("inside { }, a comma ends an unquoted text: quote the whole text")
    quoted = variant(photos, '    title: {en: "Photos of the office, the garden and the lobby", ja: 写真}\n')
    assert lint(write_kb(quoted))[0] is not None
    code = variant(photos, "    title: {en: Office photos, EN!: 写真}\n")  # not text: no hint
    assert only_error(write_kb(code)).message == "not a language code (e.g. en, ja)"


@pytest.mark.parametrize(
    "title", ["    title: Office photos: what you can share\n", "    title: {en: Office photos: a guide, ja: 写真}\n"]
)
def test_a_colon_in_an_unquoted_text_says_to_quote_it(write_kb: KbWriter, title: str):
    text = variant("    title: {en: Office photos, ja: オフィスの写真}\n", title)
    issue = only_error(write_kb(text))
    assert (issue.field, issue.line) == ("yaml", line_of(text, title.strip()))
    assert issue.message.endswith("quote a text that has ': ' in it (title: \"Fares: what you can share\")")


def test_a_pattern_character_that_normalisation_changes_is_a_warning(write_kb: KbWriter):
    # Drafts are NFKC-normalised: "…" arrives as "...", "（" as "(". [:：] holds both forms.
    old = "'\\bproject[\\s_-]*x\\d+\\b'"
    text = variant(old, old + ", 'だよね…', '[:：]x', '（社外秘）'")
    kb, issues = lint(write_kb(text))
    assert kb is not None
    warned = [i for i in issues if i.field == "checks[codename].forbid.patterns"]
    assert [i.level for i in warned] == ["warning", "warning"]
    assert "'…' never matches" in warned[0].message and "\\.\\.\\." in warned[0].message
    assert "'（' never matches" in warned[1].message


def test_a_term_in_capitals_that_is_an_everyday_word_is_a_warning(write_kb: KbWriter):
    # Terms ignore case: "WHO" (the organisation) would be satisfied by every "who".
    old = '    require: {terms: ["#AcmeLife"]}\n'
    text = variant(old, '    require: {terms: ["#AcmeLife", WHO, NASA, Source]}\n')
    kb, issues = lint(write_kb(text))
    assert kb is not None
    warned = [i for i in issues if i.field == "checks[hashtag].require.terms"]
    assert [i.level for i in warned] == ["warning"] and warned[0].line == line_of(text, "WHO")
    assert "'WHO' also matches the everyday word 'who'" in warned[0].message
    assert "(?-i:\\bWHO\\b)" in warned[0].message
    # The pattern it suggests matches the capitals only, in a base that loads without the warning.
    suggested = "(?-i:\\bWHO\\b)"
    rx = compile_pattern(suggested)
    assert rx.search("per the WHO report") and not rx.search("kids who brush")
    fixed = variant(old, f"    require: {{terms: ['#AcmeLife'], patterns: ['{suggested}']}}\n")
    kb, issues = lint(write_kb(fixed))
    assert kb is not None and not [i for i in issues if "everyday word" in i.message]


def test_a_term_written_as_a_regular_expression_is_a_warning(write_kb: KbWriter):
    # Terms match literally: a pattern written under terms never matches, and says so.
    old = '    require: {terms: ["#AcmeLife"]}\n'
    text = variant(old, "    require: {terms: ['#AcmeLife', '(?:^|\\s)personally\\b', 'views (mine)']}\n")
    kb, issues = lint(write_kb(text))
    assert kb is not None
    warned = [i for i in issues if i.field == "checks[hashtag].require.terms"]
    assert [i.level for i in warned] == ["warning"]
    assert "written as a regular expression" in warned[0].message and "move it to patterns" in warned[0].message
    assert "personally" in warned[0].message
    # Under patterns it loads without the warning.
    fixed = variant(old, "    require: {terms: ['#AcmeLife'], patterns: ['(?:^|\\s)personally\\b']}\n")
    kb, issues = lint(write_kb(fixed))
    assert kb is not None and not [i for i in issues if "regular expression" in i.message]
