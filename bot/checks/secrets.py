"""API keys, tokens and private keys: the ``api-key`` detector's passes.

1. The token families of ``bot/data/tokens.yaml`` (:mod:`bot.checks.tokens`): a value
   of a known shape is a secret, unless it is a placeholder or public by design (a
   publishable key), in which case no later pass may flag it either.
2. A value assigned to a name that says it is a credential (``API_KEY=…``,
   ``"client_secret": "…"``, ``Bearer …``); the name is read on its word boundaries,
   so ``io.jsonwebtoken`` and ``KeyMeshing`` name no credential.
3. A value the draft calls a token or key a few words before it (「このトークンで: X」).
4. A long, high-entropy string of mixed case and digits anywhere else.
5. A wallet's recovery words after the words that name them.

Every pass is one RE2 scan; the validators look at a bounded window around each
candidate, so the whole stays linear in the draft's length.
"""

from __future__ import annotations

import re as _stdre
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from bot.checks.patterns import compile_pattern
from bot.checks.tokens import Verdict, entropy, family_pattern, is_placeholder, judge, trim
from bot.runtime.compiled import LazyRe

Validator = Callable[[str, str, int, int], bool]

# NAME=value / NAME: value / NAME => value / Bearer value, where NAME holds a credential
# word; group 1 is the value. The name's word boundaries are checked by `assigned`.
ASSIGNMENT_PATTERN = (
    r"(?:[A-Za-z0-9]*(?:secret|token|api[_\-]?key|apikey|access[_\-]?key|auth[_\-]?key|private[_\-]?key"
    r"|client[_\-]?secret|credentials?|creds)(?:[_\-.]?[A-Za-z0-9]+)*[\"']?\]?[ \t]*(?::=|=>|[:=])[ \t]*[\"'`]?"
    r"|\bbearer\s+|\bauthorization:\s*(?:basic|token)\s+)"
    r"([A-Za-z0-9+/_\-.~#$!@%^&*]{8,}={0,2})"
)
# A credential named a few words before its value: 「このトークンで叩けます: X」, "use this
# token → X", 「ストリームキー貼っとくね→ X」,
# 「APIキーは X」, 「APIキーはとりあえずこれ使ってください X」, 「APIキー、…貼っとく X」. Group 1 is the value.
NAMED_PATTERN = (
    r"(?:\btokens?\b|\bapi[\s_\-]?key\b|\baccess[\s_\-]?key\b|\bstream[\s_\-]?key\b|\bsecret\b|トークン|APIキー|アクセスキー"
    r"|ストリームキー|配信キー|シークレット|認証キー)"
    r"[^\n。.]{0,30}?(?:→|->|=>|[:：=!！]|は|で|使って(?:ください|ね|な)?|(?:貼|置|載せ)っと(?:く|きます)(?:ね|よ)?)\s*[\"'「]?([A-Za-z0-9+/_\-.~]{12,}={0,2})"
)
# The same word right before a long value, with nothing between ("sent it using auth token
# 9f3a1c7e5b2d48a6f0c9e1b7d3a5f82c"): the value must be twenty characters or more.
NAMED_BARE_PATTERN = (
    r"(?:\btokens?\b|\bapi[\s_\-]?key\b|\baccess[\s_\-]?key\b|\bstream[\s_\-]?key\b|\bsecret\b|トークン|APIキー|アクセスキー"
    r"|ストリームキー|配信キー|シークレット|認証キー)\s+([A-Za-z0-9+/_\-.~]{20,}={0,2})"
)
# A vendor's key given as one: "staging Datadog key is cab43620ba9538921669e203a4dfa093",
# "use this VirusTotal key in the enrichment script: 551a5495…".
NAMED_KEY_PATTERN = (
    r"\b[A-Za-z][\w-]*\s+keys?\b[^\n。.]{0,40}?(?:\bis\b|→|->|=>|[:：=]|は)\s*[\"'「]?([A-Za-z0-9+/_\-.~]{20,}={0,2})"
)
# A key named in one camel-case word, then 128 or 256 bits in hex: LoRaWAN's
# "AppKey C50CF88E1F738AB9284456DA7B15248F", "NwkSKey: …".
HEX_KEY_PATTERN = r"\b(?-i:(?:[A-Z][a-z]+)+S?Key)\b[ \t]*[:：=]?[ \t]*([0-9A-Fa-f]{32}(?:[0-9A-Fa-f]{32})?)\b"
GENERIC_PATTERN = r"[A-Za-z0-9+/_\-]{24,}={0,2}"
# A wallet's recovery words after the words that name them ("my first paper wallet: "horn
# jealous degree …"", 「シードフレーズはこれ: …」): twelve to twenty-four short lowercase words.
SEED_PHRASE_PATTERN = (
    r"(?:\b(?:seed|recovery|mnemonic|backup|secret)\s+(?:phrase|words)\b|\bpaper\s+wallet\b|\bmnemonic\b"
    r"|シードフレーズ|リカバリーフレーズ|復元フレーズ|復元ワード|秘密のフレーズ)"
    r"[^\n]{0,60}?((?-i:[a-z]{3,8})(?:[ \t]+(?-i:[a-z]{3,8})){11,23})\b"
)

# The words a name is made of: "AWS_SECRET_ACCESS_KEY", "mySecretString", "github-token".
_NAME_WORDS = LazyRe(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_CREDENTIAL_WORDS = frozenset({"secret", "token", "credential", "credentials", "creds", "apikey", "bearer"})
# A name ending in one of these holds a reference to the credential, not the credential:
# SECRET_NAME, credentialsId, token_url, passwordVariable, key_vault_name.
REFERENCE_WORDS = frozenset(
    {
        "name",
        "names",
        "id",
        "ids",
        "path",
        "file",
        "filename",
        "url",
        "uri",
        "arn",
        "version",
        "type",
        "length",
        "len",
        "size",
        "field",
        "variable",
        "var",
        "env",
        "header",
        "prefix",
        "ref",
        "label",
        "manager",
        "store",
        "vault",
        "provider",
        "policy",
        "hint",
        "prompt",
        "regex",
        "pattern",
        "placeholder",
        "required",
        "min",
        "max",
        "reset",
        "rule",
        "rules",
        "chars",
        "count",
        "hash",
        "expiry",
        "expires",
        "endpoint",
        "location",
        "format",
    }
)
_KEY_QUALIFIERS = frozenset({"api", "access", "auth", "private", "secret", "client", "signing", "master", "app"})
_PUBLIC_WORDS = frozenset({"public", "pub", "publishable", "publish"})
_NAME_BEFORE = LazyRe(r"([A-Za-z0-9_.\-]*)[\"']?\]?[ \t]*(?::=|=>|[:=])[ \t]*[\"'`]?$")
_AUTH_BEFORE = LazyRe(r"(?:\bbearer\s+|\bauthorization:\s*(?:basic|token)\s+)$", _stdre.I)
_WORDS = LazyRe(r"[A-Z]?[a-z]{2,}")
# A run of letters reads as a word only when it has a vowel ("Meshing", "Launch"; not the
# "qzkfmwbxyd" of a random key).
_SAYABLE = LazyRe(r"[aeiouAEIOU]")
_URL_START = LazyRe(r"(?:https?://|www\.)\S*$")
_URL_SECRET_PARAM = LazyRe(r"(?:key|token|secret|sig|signature|password|auth)=$", _stdre.I)


def name_words(name: str) -> list[str]:
    return [w.lower() for w in _NAME_WORDS.findall(name)]


def names_credential(name: str) -> bool:
    """Whether an identifier, read word by word, names a credential: ``client_secret``,
    ``apiKey``, ``AWS_SECRET_ACCESS_KEY``, ``mySecretString``; not ``jsonwebtoken``
    (one word) or ``publicToken`` (public by design)."""
    words = name_words(name)
    if not words or any(w in _PUBLIC_WORDS for w in words) or words[-1] in REFERENCE_WORDS:
        return False
    for i, w in enumerate(words):
        if w in _CREDENTIAL_WORDS:
            return True
        if w in ("key", "keys") and i > 0 and words[i - 1] in _KEY_QUALIFIERS:
            return True
    return False


def named_public(text: str, start: int) -> bool:
    """The value is assigned to a name that says it is public (``public_key = …``)."""
    m = _NAME_BEFORE.search(text, max(0, start - 80), start)
    return m is not None and any(w in _PUBLIC_WORDS for w in name_words(m.group(1)))


def _classes(value: str) -> int:
    return sum(bool(_stdre.search(p, value)) for p in (r"[a-z]", r"[A-Z]", r"\d"))


def wordy(value: str) -> bool:
    """Mostly whole words and the separators between them ("id-Gost28147-89-None-KeyMeshing",
    "#SummerSale2024Launch"): an identifier or prose, not a random key."""
    words = sum(len(w) for w in _WORDS.findall(value) if len(w) >= 3 and _SAYABLE.search(w))
    separators = sum(value.count(c) for c in "-_.")
    return words + separators >= 0.6 * len(value)


def random_enough(value: str, min_entropy: float) -> bool:
    return _classes(value) >= 2 and not wordy(value) and entropy(value) >= min_entropy


def assigned(text: str, value: str, start: int, _end: int) -> bool:
    """A value assigned to a credential's name, or after ``Bearer`` / ``Authorization:``."""
    value = value.rstrip(".,;")
    if _AUTH_BEFORE.search(text, max(0, start - 30), start) is None:
        m = _NAME_BEFORE.search(text, max(0, start - 80), start)
        if m is None or not names_credential(m.group(1)):
            return False
    if is_placeholder(value) or "://" in value:
        return False
    return random_enough(value, 3.0)


_SITE_PATH = LazyRe(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/", _stdre.I)  # "qiita.com/items/…", "bit.ly/3Fq8…"


def named(_text: str, value: str, _start: int, _end: int) -> bool:
    """A value the draft calls a token or key a few words before it; not a link to a page."""
    if is_placeholder(value) or "://" in value or value.startswith("//") or _SITE_PATH.match(value):
        return False  # (a link's "//host/…" after "https" + ":" read as the separator)
    return random_enough(value, 3.0)


# A key named public, apart or in one camel-case word ("site key", "PublicKey", "HostKey").
_PUBLIC_KEY_WORDS = LazyRe(
    r"(?:public|pub|site|publishable|release|commit|build|gpg|pgp|product|license|host)\s*keys?\b[^\n]{0,14}$",
    _stdre.I,
)
_NOT_A_KEY = LazyRe(r"v?\d+\.\d+|npub1|age1|6L[a-zA-Z0-9_-]{30,}$")


def named_key(text: str, value: str, start: int, end: int) -> bool:
    """A value called some key: not a key named public (a site key, a release or commit
    "key"), not a version string or a public key's own format (npub1…, age1…)."""
    if _PUBLIC_KEY_WORDS.search(text, max(0, start - 40), start) or _NOT_A_KEY.match(value):
        return False
    return named(text, value, start, end)


def generic(text: str, value: str, start: int, _end: int) -> bool:
    """A long random-looking string: all three character classes, high entropy, not a URL's
    path (unless a ``key=``/``token=`` parameter), not a placeholder, not named public."""
    # Only the whitespace-free run that ends at the match can hold its URL: searching
    # there, not the whole line, keeps long one-line drafts linear instead of quadratic.
    token_start = start
    while token_start > 0 and not text[token_start - 1].isspace() and start - token_start < 400:
        token_start -= 1
    if _URL_START.search(text, token_start, start) and not _URL_SECRET_PARAM.search(
        text, max(token_start, start - 10), start
    ):
        return False
    if is_placeholder(value) or named_public(text, start):
        return False
    return _classes(value) == 3 and not wordy(value) and entropy(value) >= 3.7


def seed_phrase(_text: str, value: str, _start: int, _end: int) -> bool:
    """Recovery words come in twelve, fifteen, eighteen, twenty-one or twenty-four."""
    return len(value.split()) in (12, 15, 18, 21, 24)


_PASSES: tuple[tuple[str, int, Validator], ...] = (
    (ASSIGNMENT_PATTERN, 1, assigned),
    (NAMED_PATTERN, 1, named),
    (NAMED_BARE_PATTERN, 1, named),
    (NAMED_KEY_PATTERN, 1, named_key),
    (HEX_KEY_PATTERN, 1, named_key),
    (GENERIC_PATTERN, 0, generic),
    (SEED_PHRASE_PATTERN, 1, seed_phrase),
)


@cache
def _compiled(pattern: str) -> Any:
    return compile_pattern(pattern)


class _Spans:
    """Sorted, non-overlapping spans with an overlap test (bisect: linear overall)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.spans: list[tuple[int, int]] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        for j in (i - 1, i):
            if 0 <= j < len(self.spans):
                s, e = self.spans[j]
                if s < end and start < e:
                    return True
        return False

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.spans.insert(i, (start, end))


def find(text: str) -> Iterator[tuple[int, int]]:
    """Spans of ``text`` holding a secret, in order."""
    found = _Spans()
    taken = _Spans()  # found, or vetoed as a placeholder or a public key
    for m in _compiled(family_pattern()).finditer(text):
        start, end = trim(text, *m.span())
        if end <= start:
            continue
        verdict, _family = judge(text, text[start:end], start)
        if verdict is not Verdict.UNSURE:
            taken.add(start, end)
        if verdict is Verdict.SECRET:
            while end > start and text[end - 1] in ".…":  # the "…" of a token cut short
                end -= 1
            found.add(start, end)
    for pattern, group, validate in _PASSES:
        for m in _compiled(pattern).finditer(text):
            start, end = m.span(group)
            if start < 0:
                start, end = m.span()
            if taken.overlaps(start, end):
                continue
            if validate(text, text[start:end], start, end):
                found.add(start, end)
                taken.add(start, end)
    yield from found.spans
