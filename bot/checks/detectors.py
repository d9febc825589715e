"""Built-in detectors of personal data and secrets.

Each detector is an RE2 pattern that finds candidates in normalised text and a
validator that rejects look-alikes (Luhn for card numbers, entropy for secrets).
"""

from __future__ import annotations

import math
import re as _stdre
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from bot.checks import credentials, numbers
from bot.checks.patterns import compile_pattern

Validator = Callable[[str, str, int, int], bool]  # (text, match, start, end) -> keep?


@dataclass(frozen=True, slots=True)
class Detector:
    name: str
    description: str
    pattern: str
    validate: Validator | None = None
    # The capture group that is the finding; when another alternative of the pattern
    # matched and the group took no part, the whole match is the finding.
    group: int = 0
    # Further (pattern, group, validator) triples searched on their own: a match of one
    # pattern that its validator rejects must not hide a match of another that starts
    # at the same place, as it would inside a single alternation.
    more: tuple[tuple[str, int, Validator | None], ...] = ()

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        passes = ((self.pattern, self.group, self.validate), *self.more)
        found: list[tuple[int, int]] = []
        for i, (pattern, group, validate) in enumerate(passes):
            for m in _compiled(self.name, i, pattern).finditer(text):
                start, end = m.span(group)
                if start < 0:
                    start, end = m.span()
                if validate is None or validate(text, text[start:end], start, end):
                    found.append((start, end))
        if not self.more:
            yield from found
            return
        last_end = -1
        for start, end in sorted(set(found)):
            if start >= last_end:  # the same value found by two patterns is one finding
                yield start, end
                last_end = end


_CACHE: dict[tuple[str, int], Any] = {}


def _compiled(name: str, index: int, pattern: str) -> Any:
    rx = _CACHE.get((name, index))
    if rx is None:
        rx = _CACHE[name, index] = compile_pattern(pattern)
    return rx


# The "password@host" of "scheme://user:password@host" is credentials, not an address.
_URL_USERINFO = _stdre.compile(r"[a-z][a-z0-9+.\-]*://[^\s/@]*$", _stdre.I)


# Domains reserved for examples (RFC 2606 / 6761): an address there is someone's only when
# it is written as one; a placeholder local part or an example framing says it is not.
_EXAMPLE_DOMAIN = _stdre.compile(
    r"@(?:[\w-]+\.)*(?:example(?:\.(?:com|net|org|jp|co\.jp|ne\.jp))?|test|invalid|localhost)$", _stdre.I
)
_ROLE_LOCAL = _stdre.compile(
    r"^(?:press|pr|media|news|info|information|contact|hello|support|help|helpdesk|service|customer[._-]?service"
    r"|sales|marketing|recruit(?:ing|ment)?|careers?|jobs|hr|saiyo|koho|ir|investors?|partners?|events?|feedback"
    r"|privacy|legal|security|abuse|webmaster|noreply|no-reply)$",
    _stdre.I,
)
_PLACEHOLDER_LOCAL = _stdre.compile(
    r"^(?:test|user|sample|dummy|demo|foo|bar|baz|qux|someone|somebody|anyone|name|your[._-]?name|yourname|you|me"
    r"|noreply|no-reply)[\w.+-]*$",
    _stdre.I,
)
_EXAMPLE_FRAMING = _stdre.compile(
    r"(?:\blike\b|\bsuch\s+as\b|\be\.g\.|\bfor\s+example\b|\bsample\b|\bmade[\s-]up\b|\bfake\b|\bdummy\b|\bplaceholder\b"
    r"|のような|みたいな|例えば|たとえば|ダミー|サンプル|テスト用|架空)",
    _stdre.I,
)


def _email(text: str, match: str, start: int, _end: int) -> bool:
    token_start = start
    while token_start > 0 and not text[token_start - 1].isspace() and start - token_start < 200:
        token_start -= 1
    if _URL_USERINFO.search(text, token_start, start):
        return False
    local, _, domain = match.rpartition("@")
    if _ROLE_LOCAL.match(local):
        return False  # press@, recruit@, support@: a team's published address, not a person's
    if _EXAMPLE_DOMAIN.search("@" + domain):
        framed = _EXAMPLE_FRAMING.search(text, max(0, start - 60), min(len(text), start + len(match) + 30))
        if _PLACEHOLDER_LOCAL.match(local) or framed:
            return False  # "use addresses like test-user+1@example.com": an example, not a person
    return True


def _entropy(s: str) -> float:
    counts = Counter(s)
    n = len(s)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


_URL_START = _stdre.compile(r"(?:https?://|www\.)\S*$")


# A value written right after a credential's name ("AWS_SECRET_ACCESS_KEY=", "token:", "Bearer").
_ASSIGNED = _stdre.compile(r"(?:secret|token|key|credentials?|bearer)[\"']?\s*[:=]?\s*[\"']?$", _stdre.I)
_PLACEHOLDER = _stdre.compile(r"^(?:x+|\*+|\.+|<.*>|\$\{.*\}|\{\{.*\}\}|your[_\-].*|changeme|redacted)$", _stdre.I)


def _secret(text: str, match: str, start: int, _end: int) -> bool:
    if _KNOWN_SECRET.match(match):
        return True
    if _PLACEHOLDER.match(match):
        return False
    if _ASSIGNED.search(text, max(0, start - 40), start):
        # Named as a credential: any non-word value with two character classes counts.
        classes = sum(bool(_stdre.search(p, match)) for p in (r"[a-z]", r"[A-Z]", r"\d"))
        wordy = sum(len(w) for w in _WORDS.findall(match)) >= 0.6 * len(match)
        return classes >= 2 and not wordy and _entropy(match) >= 3.0
    # A generic token: long, mixed character classes, high entropy, not part of a URL.
    # Only the whitespace-free run that ends at the match can hold its URL: searching
    # there, not the whole line, keeps long one-line drafts linear instead of quadratic.
    token_start = start
    while token_start > 0 and not text[token_start - 1].isspace():
        token_start -= 1
    if _URL_START.search(text, token_start, start) and not _stdre.search(
        r"(?:key|token|secret|sig|password)=$", text[max(token_start, start - 10) : start], _stdre.I
    ):
        return False
    classes = sum(bool(_stdre.search(p, match)) for p in (r"[a-z]", r"[A-Z]", r"\d"))
    # Mostly whole words ("#SummerSale2024Launch", CamelCase names) is prose, not a key.
    wordy = sum(len(w) for w in _WORDS.findall(match)) >= 0.6 * len(match)
    return classes == 3 and not wordy and _entropy(match) >= 3.7


_WORDS = _stdre.compile(r"[A-Z]?[a-z]{3,}")


def _named(_text: str, match: str, _start: int, _end: int) -> bool:
    """A value the draft calls a token or key: two character classes, not words, not a placeholder."""
    if _PLACEHOLDER.match(match) or "://" in match:
        return False
    classes = sum(bool(_stdre.search(p, match)) for p in (r"[a-z]", r"[A-Z]", r"\d"))
    wordy = sum(len(w) for w in _WORDS.findall(match)) >= 0.6 * len(match)
    return classes >= 2 and not wordy and _entropy(match) >= 3.0


_KNOWN_SECRET_PATTERN = (
    r"(?:sk|rk|pk)-(?:proj-|live_|test_|ant-)?[A-Za-z0-9_\-]{20,}"
    r"|(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}"
    r"|xox[abposr]-[A-Za-z0-9\-]{10,}"
    r"|xapp-\d-[A-Za-z0-9\-]{10,}"
    r"|gh[pousr]_[A-Za-z0-9]{30,}"
    r"|github_pat_[A-Za-z0-9_]{40,}"
    r"|glpat-[A-Za-z0-9_\-]{20,}"
    r"|(?:AKIA|ASIA)[0-9A-Z]{16}"
    r"|AIza[0-9A-Za-z_\-]{35}"
    r"|ya29\.[0-9A-Za-z_\-]{20,}"
    # A JWT, even cut short: "eyJ" is base64 for '{"', and 15 more characters of it are no word.
    r"|eyJ[A-Za-z0-9_\-]{15,}(?:\.[A-Za-z0-9_\-]+){0,2}"
    r"|hf_[A-Za-z0-9]{30,}"
    r"|npm_[A-Za-z0-9]{36}"
    r"|SG\.[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{16,}"
    r"|GOCSPX-[A-Za-z0-9_\-]{20,}"
    # Webhook URLs carry their token in the path: whoever has the URL can post.
    r"|https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_\-]{20,}"
    r"|https://(?:discord|discordapp)\.com/api/webhooks/\d+/[A-Za-z0-9_\-]{20,}"
    r"|-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----"
)
# NAME=value / NAME: value / Bearer value, where NAME says it is a credential; group 1 is the value.
_ASSIGNMENT_PATTERN = (
    r"(?:(?:[A-Za-z0-9]+[_\-.])*(?:secret|token|api[_\-]?key|apikey|access[_\-]?key|auth[_\-]?key|private[_\-]?key"
    r"|client[_\-]?secret|credentials?)(?:[_\-][A-Za-z0-9]+)*[\"']?\s*[:=]\s*[\"']?|\bbearer\s+)"
    r"([A-Za-z0-9+/_\-.~]{12,}={0,2})"
)
# A credential named a few words before its value: 「このトークンで叩けます: X」, "use this
# token → X", 「APIキーは X」. Group 1 is the value; `_named` tests it.
_NAMED_PATTERN = (
    r"(?:\btokens?\b|\bapi[\s_\-]?key\b|\baccess[\s_\-]?key\b|\bsecret\b|トークン|APIキー|アクセスキー|シークレット|認証キー)"
    r"[^\n。.]{0,30}?(?:→|->|=>|[:：=]|は|で)\s*[\"'「]?([A-Za-z0-9+/_\-.~]{12,}={0,2})"
)
_KNOWN_SECRET = _stdre.compile(_KNOWN_SECRET_PATTERN)

DETECTORS: dict[str, Detector] = {
    d.name: d
    for d in (
        Detector(
            "email",
            "e-mail addresses",
            r"[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}",
            _email,
        ),
        Detector(
            "phone",
            "telephone numbers valid in some region's numbering plan (libphonenumber)",
            numbers.PHONE_PATTERN,
            numbers.phone,
        ),
        Detector(
            "credit-card",
            "payment card numbers (Luhn-checked, in an issuer's range)",
            numbers.CARD_PATTERN,
            numbers.card,
        ),
        Detector(
            "iban",
            "international bank account numbers (IBAN, country format and check digits)",
            numbers.IBAN_PATTERN,
            numbers.iban,
        ),
        Detector(
            "api-key",
            "API keys, tokens and private keys (well-known shapes and high-entropy strings)",
            _ASSIGNMENT_PATTERN + "|" + _KNOWN_SECRET_PATTERN + r"|[A-Za-z0-9+/_\-]{24,}={0,2}",
            _secret,
            group=1,
            more=((_NAMED_PATTERN, 1, _named),),
        ),
        Detector(
            "password",
            "a password after the word password / パスワード / pw, in a login pair or in a URL",
            credentials.LABELLED,
            credentials.labelled,
            group=1,
            more=(
                (credentials.AFTER_FILLER, 1, credentials.distant),
                (credentials.JA_THEN_VALUE, 1, credentials.distant),
                (credentials.PIN_LATER, 1, credentials.pin_later),
                (credentials.LOGIN_PAIR, 1, credentials.distant),
                (credentials.BARE_PAIR, 1, credentials.bare_pair),
                (credentials.URL_USERINFO, 1, credentials.in_url),
            ),
        ),
        Detector(
            "url",
            "web addresses",
            # A URL does not end with the sentence's punctuation ("see https://x.com/a.").
            r"\b(?:https?://|www\.)[^\s<>\"'」』）)]*[^\s<>\"'」』）).,;:!?]",
        ),
    )
}
