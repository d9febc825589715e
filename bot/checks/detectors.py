"""Built-in detectors of personal data and secrets.

Each detector is an RE2 pattern that finds candidates in normalised text and a
validator that rejects look-alikes (Luhn for card numbers, entropy for secrets).
"""

from __future__ import annotations

import re as _stdre
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from bot.checks import credentials, numbers, secrets
from bot.checks.patterns import compile_pattern
from bot.runtime.compiled import LazyRe

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
    # A rejected candidate with spaces in it may run two numbers together (a street number,
    # then a phone number: "山下町12-3 045-681-2274"): its part after each space is tried too.
    resplit: bool = False

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        passes = ((self.pattern, self.group, self.validate), *self.more)
        found: list[tuple[int, int]] = []
        for i, (pattern, group, validate) in enumerate(passes):
            rx = _compiled(self.name, i, pattern)
            for m in rx.finditer(text):
                start, end = m.span(group)
                if start < 0:
                    start, end = m.span()
                if validate is None or validate(text, text[start:end], start, end):
                    found.append((start, end))
                elif self.resplit:
                    found.extend(self._resplit(rx, validate, text, start, end))
        if not self.more:
            yield from found
            return
        last_end = -1
        for start, end in sorted(set(found)):
            if start >= last_end:  # the same value found by two patterns is one finding
                yield start, end
                last_end = end

    @staticmethod
    def _resplit(rx: Any, validate: Validator, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The first part of a rejected candidate, after one of its spaces, that is a
        candidate of its own and passes. Not inside a longer token ("DE89 A704 0044 0532 …",
        an account number), and only after a short number (a street or a room number)."""
        glued = (start > 0 and text[start - 1].isascii() and text[start - 1].isalnum()) or (
            end < len(text) and text[end].isascii() and text[end].isalnum()
        )
        if glued:
            return
        for space in [i for i in range(start, end) if text[i] == " "]:
            if sum(c.isdigit() for c in text[start:space]) > 6:
                return
            part = text[space + 1 : end]
            if rx.fullmatch(part) and validate(text, part, space + 1, end):
                yield space + 1, end
                return


_CACHE: dict[tuple[str, int], Any] = {}


def _compiled(name: str, index: int, pattern: str) -> Any:
    rx = _CACHE.get((name, index))
    if rx is None:
        rx = _CACHE[name, index] = compile_pattern(pattern)
    return rx


# The "password@host" of "scheme://user:password@host" is credentials, not an address.
_URL_USERINFO = LazyRe(r"[a-z][a-z0-9+.\-]*://[^\s/@]*$", _stdre.I)


# Domains reserved for examples (RFC 2606 / 6761): an address there is someone's only when
# it is written as one; a placeholder local part or an example framing says it is not.
_EXAMPLE_DOMAIN = LazyRe(
    r"@(?:[\w-]+\.)*(?:example(?:\.(?:com|net|org|jp|co\.jp|ne\.jp))?|test|invalid|localhost)$", _stdre.I
)
_ROLE_LOCAL = LazyRe(
    r"^(?:(?:it|tech|web|app|shop|store)[._-])?(?:press|pr|media|news|info|information|contact|hello|support|help|helpdesk|service|customer[._-]?service"
    r"|sales|marketing|recruit(?:s|ing|ment)?|careers?|jobs|hr|saiyo|koho|ir|investors?|partners?|events?|feedback"
    r"|privacy|legal|security|abuse|webmaster|noreply|no-reply|alumni|members|membership|loyalty|rewards|community|club|office|team|admin|staff|groups?"
    r"|hiring|talent|graduates?|interns?|internships?|bookings?|reservations?|enquiries|inquiries|billing|orders"
    r"|care|customer[._-]?care|lost[._-]?(?:and|n)?[._-]?found|concierge|front[._-]?desk|reception|guest[._-]?(?:services|relations)"
    r"|volunteers?|volunteering|donations?|donate|giving|supporters?|fundraising|education|learning|outreach|schools"
    r"|tours?|visits?|tickets?|ticketing|admissions?|registrations?|catering|tips|newsdesk|news[._-]?tips|claims?"
    r"|trust|safety|trust[._-]?(?:and|n)?[._-]?safety|fraud|reports?|moderation|appeals"
    r"|gifts?|gifting|corporate[._-]?(?:gifts?|sales|orders|accounts|events|relations)"
    r"|business|biz|collabs?|collaborations?|partnerships?|sponsorships?|sponsors?|licensing|advertising|ads|brand[._-]?deals"
    r"|shop|store|online[._-]?(?:shop|store)|web[._-]?(?:shop|store)|merch|boutique)"
    r"(?:[._-](?:jp|en|uk|us|eu|global|team|desk|japan|demo|test|inbox))?(?:[._-]?(?:19|20)\d\d)?$"
    # a team's own desk: a word, then the desk's role ("logistics-help@", "billing.support@")
    r"|^[a-z]{2,15}[._-](?:help|helpdesk|support|desk|info|orders|bookings|enquiries|inquiries|ops)$",
    _stdre.I,
)
# A placeholder word as the whole local part, or before a digit or a separator ("test",
# "user01", "test-user+1", "demo.account"), never as the start of a name ("mei.sato",
# "youko", "barbara", "namiko").
_PLACEHOLDER_LOCAL = LazyRe(
    r"^(?:test|tester|testing|user|sample|dummy|demo|foo|bar|baz|qux|someone|somebody|anyone|name|your[._-]?name|yourname|you|me"
    r"|noreply|no-reply)(?:user|name|mail|email|account)?(?:[\d._+-][\w.+-]*)?$",
    _stdre.I,
)
_TEMPLATE_LOCAL = LazyRe(
    r"^(?:first[._-]?name|given[._-]?name|first|name)[._-](?:last[._-]?name|sur[._-]?name|family[._-]?name|last)$"
    r"|^(?:last[._-]?name|surname)[._-](?:first[._-]?name|first)$|^(?:your|my)[._-]?(?:name|email|address)$",
    _stdre.I,
)
_EXAMPLE_FRAMING = LazyRe(
    r"(?:\blike\b|\bsuch\s+as\b|\be\.g\.|\bfor\s+example\b|\bsample\b|\bmade[\s-]up\b|\bfake\b|\bdummy\b|\bplaceholder\b"
    r"|のような|みたいな|例えば|たとえば|ダミー|サンプル|テスト用|架空|入力例|記入例|記載例|設定例|例では|例として|(?<![事前条実判用慣好先通文類])例(?:は|:|：))",
    _stdre.I,
)


# An office's or a team's published address, named so just before it (「入試課の代表アドレス nyushi@…」,
# "the department's shared inbox:").
_TEAM_ADDRESS_BEFORE = LazyRe(
    r"(?:代表|公式|窓口|共通|部署)(?:の)?(?:メール)?アドレス(?:は)?\s*[:：]?\s*$"
    r"|\b(?:department|team|office|desk)(?:['’]s)?\s+(?:shared\s+|general\s+|main\s+)?(?:e-?mail|address|inbox|mailbox)"
    r"\s*(?:is\s*)?[:：]?\s*$",
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
    if _TEAM_ADDRESS_BEFORE.search(text, max(0, start - 40), start):
        return False  # 「入試課の代表アドレス nyushi@…」: named as an office's address
    if _TEMPLATE_LOCAL.match(local):
        return False  # "firstname.lastname@company.com": the shape of an address, on any domain
    if _EXAMPLE_DOMAIN.search("@" + domain):
        framed = _EXAMPLE_FRAMING.search(text, max(0, start - 60), min(len(text), start + len(match) + 30))
        if _PLACEHOLDER_LOCAL.match(local) or framed:
            return False  # "use addresses like test-user+1@example.com": an example, not a person
    return True


class SecretDetector(Detector):
    """The ``api-key`` detector: token families as data, then named and generic values
    (:mod:`bot.checks.secrets`); a placeholder or a public key found by a family is left
    alone by every later pass."""

    __slots__ = ()

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        return secrets.find(text)


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
            resplit=True,
        ),
        Detector(
            "credit-card",
            "payment card numbers (Luhn-checked, in an issuer's range)",
            numbers.CARD_PATTERN,
            numbers.card,
        ),
        Detector(
            "my-number",
            "Japanese Individual Numbers (マイナンバー: check digit, named in the draft)",
            numbers.MY_NUMBER_PATTERN,
            numbers.my_number,
        ),
        Detector(
            "ssn",
            "US Social Security numbers (valid area, group and serial, named SSN or social security number)",
            numbers.SSN_PATTERN,
            numbers.ssn,
        ),
        Detector(
            "iban",
            "international bank account numbers (IBAN, country format and check digits)",
            numbers.IBAN_PATTERN,
            numbers.iban,
        ),
        SecretDetector(
            "api-key",
            "API keys, tokens, private keys and webhook URLs (token families of bot/data/tokens.yaml, "
            "values named as credentials, high-entropy strings)",
            secrets.GENERIC_PATTERN,
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
                (credentials.KEY_THEN_ARROW, 1, credentials.distant),
                (credentials.NEW_ONE_LATER, 1, credentials.new_one),
                (credentials.JA_THEN_VALUE_WEAK, 1, credentials.key_like),
                (credentials.LICENCE_KEY, 1, None),
                (credentials.DEVICE_LOGIN, 1, credentials.distant),
                (credentials.JA_QUOTED_THEN, 1, credentials.quoted_then),
                (credentials.JA_QUOTED_WEAK, 1, credentials.key_like),
                (credentials.CHANGED_THEN, 1, credentials.key_like),
                (credentials.PIN_LATER, 1, credentials.pin_later),
                (credentials.PIN_CHANGED_TO, 1, credentials.pin_later),
                (credentials.LOCK_CODE, 1, credentials.lock_code),
                (credentials.LOGIN_PAIR, 1, credentials.distant),
                (credentials.LOGIN_SLASH, 1, credentials.distant),
                (credentials.PASSWORD_SLASH, 1, credentials.distant),
                (credentials.BARE_PAIR, 1, credentials.bare_pair),
                (credentials.STRONG_PAIR, 1, credentials.strong_pair),
                (credentials.WIFI_PAIR, 1, credentials.distant),
                (credentials.WIFI_JA_THEN, 1, credentials.key_like),
                (credentials.RESET_TO, 1, credentials.new_one),
                (credentials.RESET_MINE, 1, credentials.reset_mine),
                (credentials.ACCOUNT_RESET_TO, 1, credentials.reset_mine),
                (credentials.NOTED_HERE, 1, credentials.distant),
                (credentials.NOTED_HERE_EN, 1, credentials.distant),
                (credentials.URL_USERINFO, 1, credentials.in_url),
                (credentials.ORACLE_USERINFO, 1, credentials.in_url),
                *((pattern, 1, credentials.labelled) for pattern in credentials.CLI_PASSWORD),
                (credentials.TEMP_LOGIN, 1, credentials.key_like),
                (credentials.FIX_LOGON, 1, credentials.labelled),
                *((pattern, 1, credentials.labelled) for pattern in credentials.DEVICE_CONFIG),
                (credentials.KEYWORD_COMMA, 1, credentials.strong_pair),
                (credentials.QUOTED_ASSIGNMENT, 1, credentials.quoted_assignment),
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
