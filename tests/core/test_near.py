"""The ``near`` companion of a match spec: a match counts only with another close by."""

from __future__ import annotations

import pytest

from bot.checks.checker import check_text
from bot.checks.rules import ExceptSpec, Matcher, MatchSpec, NearSpec, RuleError
from bot.knowledge.loader import load, load_with_issues
from tests.conftest import KbWriter

from .kb_text import line_of, variant

OPINION = MatchSpec(("clunky", "微妙"), (), NearSpec(20, ("our app", "弊社"), ()))


def test_a_match_needs_its_companion_within_reach_on_either_side():
    m = Matcher(OPINION, "when")
    assert m.spans("our app is clunky") == [(0, 17)]  # the pair's span
    assert m.spans("clunky" + "." * 30 + " clunky, our app") == [(37, 52)]  # only the close one
    assert m.spans("the seat is clunky") == []
    assert m.spans("our app" + "." * 30 + "clunky") == []
    assert m.spans("弊社のアプリは微妙") == [(0, 9)]
    assert m.first("clunky bus" + " " * 25 + "; our app rocks") is None


def test_within_counts_the_gap_between_the_two_matches():
    m = Matcher(MatchSpec(("a",), (), NearSpec(3, ("b",), ())), "when")
    assert m.spans("a   b") == [(0, 5)]  # three characters apart
    assert m.spans("a    b") == []  # four


def test_overlapping_matches_are_near():
    m = Matcher(MatchSpec(("our pricing",), (), NearSpec(0, ("pricing is",), ())), "when")
    assert m.spans("our pricing is odd") == [(0, 14)]


def test_many_matches_stay_linear_in_practice():
    # No timing: a long draft full of both words must simply finish with every pair found.
    m = Matcher(OPINION, "when")
    text = "our app is clunky. " * 20_000
    assert len(m.spans(text)) == 20_000


def test_an_empty_or_out_of_range_near_is_a_rule_error():
    with pytest.raises(RuleError, match="terms or patterns"):
        Matcher(MatchSpec(("x",), (), NearSpec(5, (), ())), "when")
    with pytest.raises(RuleError) as exc:
        Matcher(MatchSpec(("x",), (), NearSpec(5000, ("y",), ())), "when")
    assert exc.value.field == "when.near.within"


NEAR_WHEN = "when: {patterns: ['\\bi think\\b', '思う'], near: {within: 30, terms: [our app, 弊社]}}"


def test_near_in_a_knowledge_base_file(write_kb: KbWriter):
    text = variant("when: {patterns: ['\\bi think\\b', '思う']}", NEAR_WHEN)
    kb = load(write_kb(text))
    disclaimer = next(c for c in kb.checks if c.id == "disclaimer")
    assert disclaimer.rule.find("I think our app is great") != []
    assert disclaimer.rule.find("I think the weather is great") == []
    assert check_text(kb, "弊社の新機能、いいと思う", "ja").verdict == "warn"


@pytest.mark.parametrize(
    ("near", "field", "words"),
    [
        ("{within: soon, terms: [our app]}", "checks[disclaimer].when.near.within", "whole number"),
        ("{terms: [our app]}", "checks[disclaimer].when.near.within", "required"),
        ("{within: 30}", "checks[disclaimer].when.near", "terms or patterns"),
        ("{within: 30, terms: [our app], near: {}}", "checks[disclaimer].when.near.near", "unknown key"),
        ("{within: 30, patterns: ['(']}", "checks[disclaimer].when.near.patterns", "invalid RE2"),
    ],
)
def test_a_broken_near_names_file_line_and_field(write_kb: KbWriter, near, field, words):
    text = variant(
        "when: {patterns: ['\\bi think\\b', '思う']}", f"when: {{patterns: ['\\bi think\\b'], near: {near}}}"
    )
    kb, issues = load_with_issues(write_kb(text))
    assert kb is None
    errors = [i for i in issues if i.field == field]
    assert errors, [str(i) for i in issues]
    assert words in errors[0].message
    assert errors[0].line == line_of(text, "near:")


EXCEPT = MatchSpec(
    (),
    ((r"\bour\s+\w+", 1),),
    NearSpec(20, ("clunky",), (), ExceptSpec(("not clunky",), ())),
    ExceptSpec(("our kids", "our house"), ()),
)


def test_a_match_that_overlaps_an_exception_does_not_count():
    m = Matcher(EXCEPT, "when")
    assert m.spans("our app is clunky") == [(0, 17)]
    assert m.spans("our kids find it clunky") == []  # the match is an exception
    assert m.spans("our app is not clunky") == []  # so is its companion
    assert m.first("our house: fine. our app: clunky") == (17, 32)  # the next match still counts


def test_exceptions_stay_linear_in_practice():
    m = Matcher(EXCEPT, "when")
    text = "our kids are clunky, our app is clunky. " * 10_000
    assert len(m.spans(text)) == 10_000


def test_an_empty_exception_is_a_rule_error():
    with pytest.raises(RuleError, match="terms or patterns") as exc:
        Matcher(MatchSpec(("x",), (), None, ExceptSpec((), ())), "when")
    assert exc.value.field == "when.except"


def test_except_in_a_knowledge_base_file(write_kb: KbWriter):
    written = "when: {patterns: ['\\bi think\\b', '思う'], except: {terms: [i think so]}}"
    kb = load(write_kb(variant("when: {patterns: ['\\bi think\\b', '思う']}", written)))
    disclaimer = next(c for c in kb.checks if c.id == "disclaimer")
    assert disclaimer.rule.find("I think our app is great") != []
    assert disclaimer.rule.find("Our app is out? I think so!") == []


@pytest.mark.parametrize(
    ("written", "field"),
    [
        ("except: {}", "checks[disclaimer].when.except"),
        ("except: {terms: ['  ']}", "checks[disclaimer].when.except"),
        ("near: {within: 5, terms: [' ']}", "checks[disclaimer].when.near"),
    ],
)
def test_an_empty_or_blank_exception_or_companion_names_its_own_line(write_kb: KbWriter, written, field):
    old = "when: {patterns: ['\\bi think\\b', '思う']}"
    new = "when:\n      patterns: ['\\bi think\\b', '思う']\n      " + written
    text = variant(old, new)
    kb, issues = load_with_issues(write_kb(text))
    assert kb is None
    (issue,) = [i for i in issues if i.level == "error"]
    assert (issue.field, issue.line) == (field, line_of(text, written))
    assert "terms or patterns" in issue.message
