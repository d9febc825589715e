"""Checking drafts: rule kinds, verdicts, offsets, masking, and the knowledge bases' own checks."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.checks.checker import MAX_DRAFT_CHARS, InputTooLarge, check_text, flags, mask
from bot.checks.patterns import PatternError, compile_pattern, self_contained
from bot.knowledge.lint import lint
from bot.runtime.settings import BUNDLED_KB


def by_check(result) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in result.findings:
        out.setdefault(f.check, []).append(f)
    return out


def test_forbid_reports_each_match_with_offsets(small_kb):
    draft = "Bluefin, then ＢＬＵＥＦＩＮ and project-x7."
    result = check_text(small_kb, draft)
    spans = [draft[f.start : f.end] for f in by_check(result)["codename"]]
    assert spans == ["Bluefin", "ＢＬＵＥＦＩＮ", "project-x7"]
    assert result.verdict == "block"


def test_forbid_terms_match_on_word_boundaries_and_in_japanese(small_kb):
    assert "codename" not in by_check(check_text(small_kb, "A bluefinch sang"))
    ja = check_text(small_kb, "来月ﾌﾞﾙｰﾌｨﾝ計画を発表")
    (f,) = by_check(ja)["codename"]
    assert "来月ﾌﾞﾙｰﾌｨﾝ計画を発表"[f.start : f.end] == "ﾌﾞﾙｰﾌｨﾝ"
    assert ja.lang == "ja" and f.message == "社内コードネームです。" and f.suggestion == "削除してください。"


def test_require_with_trigger(small_kb):
    flagged = check_text(small_kb, "Honestly, I think our app rocks")
    (f,) = by_check(flagged)["disclaimer"]
    assert "Honestly, I think our app rocks"[f.start : f.end] == "I think"
    assert flagged.verdict == "warn"
    assert "disclaimer" not in by_check(check_text(small_kb, "I think our app rocks. Views are my own."))
    assert "disclaimer" not in by_check(check_text(small_kb, "Our app rocks"))
    assert "disclaimer" in by_check(check_text(small_kb, "うちのアプリは最高だと思う"))
    assert "disclaimer" not in by_check(check_text(small_kb, "最高だと思う(個人の見解です)"))


def test_require_without_trigger_has_no_span(small_kb):
    (f,) = by_check(check_text(small_kb, "Lovely day"))["hashtag"]
    assert (f.start, f.end, f.excerpt) == (None, None, None)
    assert f.severity == "info"
    assert "hashtag" not in by_check(check_text(small_kb, "Lovely day #acmelife"))


def test_verdicts_follow_the_worst_severity(small_kb):
    assert check_text(small_kb, "Lovely day #AcmeLife").verdict == "pass"  # nothing
    assert check_text(small_kb, "Lovely day").verdict == "pass"  # info only
    assert check_text(small_kb, "mail jane@example.com #AcmeLife").verdict == "warn"
    assert check_text(small_kb, "mail jane@example.com, Bluefin #AcmeLife").verdict == "block"


def test_findings_are_sorted_by_position(small_kb):
    result = check_text(small_kb, "Bluefin: mail jane@example.com or call 03-1234-5678")
    starts = [-1 if f.start is None else f.start for f in result.findings]
    assert starts == sorted(starts)
    assert [f.check for f in result.findings] == ["hashtag", "codename", "email", "phone"]


SECRETS = {
    "email": "jane.doe@example.com",
    "phone": "090-1234-5678",
    "card": "4111 1111 1111 1111",
    "apikey": "AKIAHP64RAVYBJZNBL43",
    "password": "Tanuki!88x",
}


@pytest.mark.parametrize(("check", "secret"), SECRETS.items())
def test_secrets_and_personal_data_are_never_echoed_in_full(small_kb, check, secret):
    draft = f"Note: password: {secret} #AcmeLife" if check == "password" else f"Note {secret} #AcmeLife"
    result = check_text(small_kb, draft)
    (f,) = by_check(result)[check]
    assert draft[f.start : f.end] == secret
    dumped = json.dumps(result.to_json(), ensure_ascii=False)
    assert secret not in dumped
    assert f.excerpt is not None and ("•" in f.excerpt or "…" in f.excerpt)


def test_mask_shapes():
    assert mask("jane.doe@example.com") == "j…@example.com"
    assert mask("abc") == "•••"
    assert "AKIAIOSFODNN7EXAMPLE" not in mask("AKIAIOSFODNN7EXAMPLE")


def test_non_sensitive_excerpts_are_shown(small_kb):
    (f,) = by_check(check_text(small_kb, "see https://example.com/a #AcmeLife"))["link"]
    assert f.excerpt == "https://example.com/a"


def test_result_json_keys(small_kb):
    out = check_text(small_kb, "Bluefin").to_json()
    assert list(out)[:3] == ["verdict", "lang", "findings"]
    f = out["findings"][0]
    assert list(f)[:8] == ["check", "category", "severity", "clause", "start", "end", "message", "suggestion"]


def test_forced_language(small_kb):
    assert check_text(small_kb, "Bluefin", "ja").findings[-1].message == "社内コードネームです。"


def test_draft_size_limit(small_kb):
    with pytest.raises(InputTooLarge, match="limit"):
        check_text(small_kb, "a" * (MAX_DRAFT_CHARS + 1))


def test_examples_of_the_small_fixture_behave(small_kb):
    for check in small_kb.checks:
        assert check.examples.flag, check.id
        for text in check.examples.flag:
            assert flags(check, text), (check.id, text)
        for text in check.examples.passes:
            assert not flags(check, text), (check.id, text)


# The evaluation base has no examples: its checks' definitions say what they do.
EVAL_DRAFTS = [
    ("Sneak peek at Project Bluefin!", {"confidential-codenames"}, "block"),
    ("Slides for internal-only use, do not share", {"confidential-codenames"}, "block"),
    ("ブルーフィン計画の資料は社外秘です", {"confidential-codenames"}, "block"),
    ("I think our new app beats every competitor.", {"opinion-needs-disclaimer"}, "warn"),
    ("I think our new app beats every competitor. Views are my own.", set(), "pass"),
    ("正直、うちの新サービスはイマイチだと思う", {"opinion-needs-disclaimer"}, "warn"),
    ("正直、うちの新サービスはイマイチだと思う。個人の見解です。", set(), "pass"),
    ('According to the report, "sales will double next year".', {"quote-needs-source"}, "warn"),
    ('"Sales will double next year", source: https://example.com/report', set(), "pass"),
    ("日経の記事によると市場は拡大するそうです", {"quote-needs-source"}, "warn"),
    ("Questions? Ask jane.doe@example.com", {"personal-email"}, "warn"),
    ("Call our recruiter on +81-3-1234-5678", {"personal-phone"}, "warn"),
    ("電話は090-1234-5678です", {"personal-phone"}, "warn"),
    ("Demo key: sk-proj-Yt4RkP8vQw2LmN6sHc3JzA9bXe7UfG5iDo1KqV0TnWrMyE8s", {"leaked-credential"}, "block"),
    ("Our launch is on 2026-11-01, tickets $1,299.99, app v2.10.3 #SummerSale2026Launch", set(), "pass"),
    ("Great team lunch today!", set(), "pass"),
]


@pytest.mark.parametrize(("draft", "checks", "verdict"), EVAL_DRAFTS)
def test_eval_kb_checks_behave_as_defined(eval_kb, draft, checks, verdict):
    result = check_text(eval_kb, draft)
    assert {f.check for f in result.findings} == checks
    assert result.verdict == verdict


def test_eval_kb_lints_clean_of_errors():
    from tests.conftest import EVAL_KB

    kb, issues = lint(EVAL_KB)
    assert kb is not None
    assert [str(i) for i in issues if i.level == "error"] == []


@pytest.mark.parametrize("name", ["kb/policy.yaml", "questions-dev.jsonl", "drafts-dev.jsonl"])
def test_eval_fixtures_are_copies_of_the_evaluation_data(name: str) -> None:
    """Byte for byte where the full evaluation data is on this machine; else a usable copy."""
    import json

    from bench.evaldata import FIXTURE_DIR, shared_eval_dir

    copy = (FIXTURE_DIR / name).read_bytes()
    shared = shared_eval_dir()
    if shared is not None:
        assert copy == (shared / name).read_bytes()
    elif name.endswith(".jsonl"):
        rows = [json.loads(line) for line in copy.decode().splitlines()]
        assert len(rows) >= 30 and all(row.get("lang") in ("en", "ja") for row in rows)
    else:
        from bot.knowledge.loader import load

        assert load(FIXTURE_DIR / "kb").clauses


def test_bundled_kb_lints_without_errors():
    if not any(BUNDLED_KB.glob("*.y*ml")):
        pytest.skip("knowledge/ holds no YAML yet")
    kb, issues = lint(BUNDLED_KB)
    assert [str(i) for i in issues if i.level == "error"] == []
    assert kb is not None and kb.clauses
    for check in kb.checks:  # the shipped examples, run as tests
        for text in check.examples.flag:
            assert flags(check, text), (check.id, text)
        for text in check.examples.passes:
            assert not flags(check, text), (check.id, text)


def test_full_width_email_is_masked_like_an_ascii_one():
    from bot.checks.checker import mask

    assert mask("ｊｏｈｎ.ｓｍｉｔｈ＠example.com") == "j…@example.com"
    assert mask("john.smith@example.com") == "j…@example.com"


_SECRETS_KB = """\
policy: {id: p, title: Rules, version: "1", owner: comms@example.com, default_language: en}
clauses:
  - id: C-SECRETS
    title: Secrets
    verdict: prohibited
    answer: Never post keys or passwords.
checks:
  - id: api-keys
    category: secret
    severity: error
    clause: C-SECRETS
    message: A secret.
    detector: api-key
"""
_PASSWORD_CHECK = """\
  - id: passwords
    category: secret
    severity: error
    clause: C-SECRETS
    message: A password.
    detector: password
"""


def test_a_base_with_an_api_key_check_alone_has_passwords_found_by_it(write_kb):
    from bot.knowledge.loader import load

    draft = "Staff wifi on 3 East, password: Kango#7788 if your phone forgot it. Token ghp_" + "a" * 3
    alone = load(write_kb(_SECRETS_KB))
    (finding,) = check_text(alone, draft).findings
    assert (finding.check, draft[finding.start : finding.end]) == ("api-keys", "Kango#7788")
    assert check_text(alone, "Our wifi is fast and the password policy is strict.").verdict == "pass"


def test_a_base_with_its_own_password_check_gets_each_password_once(write_kb):
    from bot.knowledge.loader import load

    both = load(write_kb(_SECRETS_KB + _PASSWORD_CHECK))
    findings = check_text(both, "Staff wifi password: Kango#7788").findings
    assert [(f.check, f.excerpt is not None) for f in findings] == [("passwords", True)]


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(
        st.sampled_from(["(", ")", "[", "]", "^", "\\", ":", "a", "|", "*", "?", "{1}", "[:alpha:]", "(?:", "\\d"]),
        max_size=10,
    )
)
def test_a_self_contained_pattern_that_compiles_inside_an_alternation_compiles_alone(pieces: list[str]) -> None:
    """One compile of the alternation validates every pattern that closes what it opens."""
    pattern = "".join(pieces)
    if not self_contained(pattern):
        return
    try:
        compile_pattern(f"(?:{pattern})|(?:zz)")
    except PatternError:
        return
    compile_pattern(pattern)  # raises if the shortcut would have let an invalid pattern through


def test_a_pattern_that_quotes_its_neighbours_makes_every_pattern_compile_alone() -> None:
    from bot.checks.rules import Matcher, MatchSpec, RuleError

    spec = MatchSpec(terms=(), patterns=(("aaaa\\Q", 1), ("(bb\\8)", 2), ("\\Qk\\Ez", 3)))
    with pytest.raises(RuleError) as err:
        Matcher(spec, "checks[0].forbid")
    assert err.value.line == 2


def test_an_invalid_pattern_is_named_with_its_line_even_among_valid_ones(tmp_path) -> None:
    from bot.knowledge.loader import load_with_issues

    kb_dir = tmp_path / "kb"
    kb_dir.mkdir()
    (kb_dir / "policy.yaml").write_text(
        "policy:\n  title: {en: T}\n  version: '1'\n  owner: {en: o}\n  default_language: en\n"
        "clauses:\n  - id: C-1\n    title: {en: A clause}\n    verdict: allowed\n    answer: {en: Fine.}\n"
        "    questions: {en: [Can I post?]}\n",
        encoding="utf-8",
    )
    (kb_dir / "checks.yaml").write_text(
        "checks:\n  - id: x\n    category: confidential\n    severity: warning\n    clause: C-1\n"
        "    message: {en: m}\n    suggestion: {en: s}\n    forbid:\n      patterns:\n"
        "        - 'fine'\n        - 'a)|(?:b'\n",
        encoding="utf-8",
    )
    kb, issues = load_with_issues(kb_dir)
    assert kb is None
    text = "\n".join(str(i) for i in issues)
    assert "checks.yaml" in text and ":11:" in text and "invalid RE2 pattern" in text


def test_an_apostrophe_in_a_term_matches_a_typographic_one_too(write_kb):
    from bot.knowledge.loader import load

    kb = load(
        write_kb(
            _SECRETS_KB.split("checks:")[0]
            + """checks:
  - id: disclaimer
    category: disclaimer
    severity: warning
    clause: C-SECRETS
    message: Say it is your own view.
    when: {terms: [our app]}
    require: {terms: ["not my employer's"]}
"""
        )
    )
    assert check_text(kb, "Our app rocks (my view, not my employer's).").verdict == "pass"
    assert check_text(kb, "Our app rocks (my view, not my employer’s).").verdict == "pass"
    assert check_text(kb, "Our app rocks (my view, not my employers).").verdict == "warn"
