"""mask_sensitive: secrets and personal data never survive into stored text."""

from __future__ import annotations

import pytest

from bot.checks.masking import MASK, mask_sensitive, sensitive_spans
from bot.domain.policy import KnowledgeBase
from bot.knowledge.loader import load
from tests.conftest import KbWriter
from tests.core.kb_text import variant

API_KEY = "sk-proj-" + "Zq9xW3vB7nM2kL5pR8tY1uI4oP6aS0dF"
AWS_KEY = "AKIA" + "IOSFODNN7QWERTYU"

CANARIES = [
    # (text, the canary that must go, words that must stay)
    ("can I share the staging login admin / qzvnqf on twitter?", "qzvnqf", ["staging", "twitter"]),
    ("admin / qzvnqf", "qzvnqf", ["admin"]),
    ("the wifi password: qzvnqf, may I post it", "qzvnqf", ["wifi", "post"]),
    ("パスワードは qzvnqf です、投稿していい?", "qzvnqf", ["投稿"]),
    (f"is it fine to paste {API_KEY} in a blog post?", API_KEY, ["blog", "paste"]),
    (f"our deploy key {AWS_KEY} leaked, who do I tell", AWS_KEY, ["leaked"]),
    ("reach me at jane.doe@acme-corp.co.jp about the campaign", "jane.doe", ["campaign"]),
    ("reach me at ｊａｎｅ＠ａｃｍｅ－ｃｏｒｐ．ｃｏｍ about it", "ｊａｎｅ", ["reach"]),
    ("can I post my number 090-1234-5678 on LinkedIn", "1234", ["LinkedIn"]),
    ("call +1 415 555 0132 for the photo shoot", "555", ["photo"]),
    ("db at postgres://app:Wq8vzr@db.internal/prod is down", "Wq8vzr", ["down"]),
]


@pytest.mark.parametrize(("text", "canary", "kept"), CANARIES)
def test_canaries_are_masked(eval_kb: KnowledgeBase, text: str, canary: str, kept: list[str]) -> None:
    masked = mask_sensitive(eval_kb, text)
    assert canary not in masked
    assert MASK in masked
    for word in kept:
        assert word in masked


@pytest.mark.parametrize(("text", "canary", "kept"), CANARIES)
def test_built_in_detectors_mask_without_a_knowledge_base(text: str, canary: str, kept: list[str]) -> None:
    assert canary not in mask_sensitive(None, text)


def test_ordinary_questions_are_left_alone(eval_kb: KnowledgeBase) -> None:
    ordinary = ("Can I post a photo of the team party?", "有給休暇は何日?", "Who pays for parking at the 2026 offsite?")
    for text in ordinary:
        assert mask_sensitive(eval_kb, text) == text
        assert sensitive_spans(eval_kb, text) == []


def test_the_knowledge_bases_own_personal_data_checks_count(write_kb: KbWriter) -> None:
    # A customer's own personal-data check (employee numbers), which no built-in detector knows.
    check = """  - id: employee-number
    category: personal-data
    severity: error
    clause: T-SECRET
    message: {en: An employee number., ja: 社員番号です。}
    forbid: {patterns: ['\\bemp-\\d{5}\\b']}
"""
    kb = load(write_kb(variant("checks:\n", "checks:\n" + check)))
    text = "may I post that EMP-12345 won the prize?"
    assert mask_sensitive(None, text) == text
    assert mask_sensitive(kb, text) == f"may I post that {MASK} won the prize?"


def test_overlapping_spans_make_one_mask(eval_kb: KnowledgeBase) -> None:
    text = "password: https://user:Wq8vzr@host.example.com/x"
    masked = mask_sensitive(eval_kb, text)
    assert "Wq8vzr" not in masked
    assert masked.count(MASK) == 1
