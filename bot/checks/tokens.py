"""Credential families (``bot/data/tokens.yaml``) and the placeholder test every secret passes.

A family is a service's token shape: an RE2 pattern, optionally a checksum the issuer
builds in, words that must be near a shape that is not distinctive on its own, and
whether the key is public by design. :func:`families` reads and checks the file once;
:func:`judge` says what a value found by a family's pattern is.

Errors in the file raise :class:`~bot.data.datafile.DataFileError` with its line:
an unknown key, a pattern RE2 rejects, an unknown checksum, an example the pattern
does not match.
"""

from __future__ import annotations

import base64
import binascii
import math
import re as _stdre
import zlib
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from bot.checks.patterns import PatternError, compile_pattern
from bot.data.datafile import DATA_DIR, line_of, read_yaml
from bot.runtime.compiled import LazyRe

TOKENS_FILE = DATA_DIR / "tokens.yaml"
NEAR_WINDOW = 80


class Verdict(Enum):
    SECRET = "secret"  # noqa: S105 (a verdict, not a password): a credential, a finding
    PUBLIC = "public"  # public by design or a placeholder: no finding, from any detector
    UNSURE = "unsure"  # the shape without its context: other detectors may judge it


# ------------------------------------------------------------------ checksums

_BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _base62(n: int, width: int) -> str:
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = _BASE62[r] + out
    return out.rjust(width, "0")


def github_crc32(_text: str, value: str, _start: int) -> bool:
    """GitHub's (and npm's) token checksum: the body's last 6 characters are the base62
    CRC32 of the 30 before them."""
    body = value.split("_", 1)[-1][:36]
    return len(body) == 36 and _base62(zlib.crc32(body[:30].encode()), 6) == body[30:]


_JWT_NAMED = LazyRe(r"(?:\bjwt|\btoken|\bbearer|トークン)[^\n]{0,40}$", _stdre.I)


def jwt_header(text: str, value: str, start: int) -> bool:
    """The first segment is base64url JSON that names an algorithm or a type, and a signed
    token's second segment is base64url JSON too. A header
    alone holds nothing secret: it counts only as a token cut short, marked so ("…",
    "...") or called a JWT or a token just before it."""
    truncated = value.endswith("…") or ".." in value
    value = value.rstrip("….")
    head, _, rest = value.partition(".")
    if not rest and not truncated and not _JWT_NAMED.search(text, max(0, start - 60), start):
        return False
    head = head[: len(head) // 4 * 4]  # a header cut short still decodes up to the cut
    try:
        decoded = base64.urlsafe_b64decode(head)
    except (binascii.Error, ValueError):
        return False
    decoded_text = decoded.decode("latin-1")
    if not (decoded_text.startswith('{"') and any(k in decoded_text for k in ('"alg"', '"typ"', '"kid"', '"enc"'))):
        return False
    # A signed token's payload is base64url JSON too: a second segment that is not
    # ("eyJ….FAKE-EXAMPLE-PAYLOAD.not-a-real-signature") is a header with made-up text after it.
    # An encrypted token's second segment is its encrypted key, random by design.
    payload = rest.partition(".")[0]
    return not payload or '"enc"' in decoded_text or payload.startswith("eyJ")


# (draft, value, where the value starts) -> whether the value passes the issuer's check.
CHECKSUMS: Mapping[str, Callable[[str, str, int], bool]] = {"github-crc32": github_crc32, "jwt-header": jwt_header}
# A checksum that decides alone: a value that fails it is not the family's token.
_STRICT_CHECKSUMS = frozenset({"jwt-header"})


# ------------------------------------------------------------------ placeholders

# A template stands for a value; so does an environment variable read by name ("process.env.LINE_TOKEN",
# "os.environ['DB_PASS']").
_TEMPLATE = LazyRe(
    r"<[^<>]*>|\$\{[^}]*\}|\{\{.*?\}\}|%\(?\w*\)?s\b|<%.*?%>|\$[A-Z_][A-Z0-9_]{2,}\b"
    r"|\b(?:process|meta|Deno)\.env\b|\bos\.(?:environ|getenv)\b|\bgetenv\(|\bENV\["
)
_PLACEHOLDER_WORD = LazyRe(
    r"example|sample|dummy|changeme|change_me|placeholder|redacted|fake|notreal|not_real|insert|replace_?me"
    r"|your[_\-]?(?:own[_\-]?)?(?:api[_\-]?)?(?:key|token|secret|password|pass)|(?:token|key|secret|string)here"
    r"|_here\b|\bhere\b|xxxx|\*\*\*|####|\.\.\.\.",
    _stdre.I,
)
_RUN = LazyRe(r"([xX*#•.])\1{3,}|0{6,}")
_SEQUENCES = (
    "abcdefghijklmnopqrstuvwxyz",
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "0123456789",
    "1234567890",
    "qwertyuiop",
)
# Ten characters of one of them in a row: an alphabet or a digit run written out.
_WRITTEN_OUT_RUN = LazyRe("|".join(seq[i : i + 10] for seq in _SEQUENCES for i in range(len(seq) - 9)))


def entropy(s: str) -> float:
    """Shannon entropy per character."""
    counts = Counter(s)
    n = len(s)
    return -sum(c / n * math.log2(c / n) for c in counts.values()) if n else 0.0


def is_placeholder(value: str, prefix: str = "") -> bool:
    """A value that stands for a credential without being one: one character repeated,
    runs of x / X / 0 / * / #, a template (``<key>``, ``${VAR}``, ``{{ var }}``, ``process.env.VAR``), a
    placeholder word (YOUR_KEY, example, dummy, changeme, …), an alphabet written out,
    or too few distinct characters for a random value."""
    body = value[len(prefix) :] if prefix and value.startswith(prefix) else value
    core = _stdre.sub(r"[\-_./+=:]", "", body)
    if not core:
        return True
    if len(set(core.lower())) <= 2:
        return True
    if _TEMPLATE.search(body) or _PLACEHOLDER_WORD.search(body):
        return True
    if sum(len(m.group()) for m in _RUN.finditer(body)) * 2 >= len(core):
        return True
    # An alphabet or a digit run written out marks a placeholder unless the rest is itself a
    # long random value ("xoxb-7734512093-8812345678901-aQ9wE2rT5yU8iO1pL4kJ7hG3").
    rest = _WRITTEN_OUT_RUN.sub("", core)
    if rest != core:
        return len(rest) < 20 or entropy(rest) < 3.5
    # A random value of 16 characters or more uses many distinct ones; "1231231231…" does not.
    return len(core) >= 16 and entropy(core) < 2.5


# ------------------------------------------------------------------ the families


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    service: str
    pattern: str
    checksum: str | None = None
    public: bool = False
    near: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()

    @property
    def regex(self) -> Any:
        return _compiled(self.pattern)

    def prefix(self, value: str) -> str:
        """The literal start every value of the family shares ("ghp_", "xoxb-"), if any."""
        m = _stdre.match(r"[A-Za-z0-9]{2,9}[_\-.]", value)
        return m.group() if m else ""


@cache
def _compiled(pattern: str) -> Any:
    return compile_pattern(_case_sensitive(pattern))


def _case_sensitive(pattern: str) -> str:
    # Knowledge-base patterns are case-insensitive; a token's shape is not, unless it says so.
    if pattern.startswith("(?i)"):
        return pattern[4:]
    return f"(?-i:{pattern})"


_NAME = LazyRe(r"[a-z0-9][a-z0-9\-]*")
_KEYS = ("service", "pattern", "examples")
_OPTIONAL = ("checksum", "public", "near")


def load_families(path: Path = TOKENS_FILE) -> tuple[Family, ...]:
    """Read and check a token-family file."""
    doc = read_yaml(path)
    top = doc.record(doc.root, "", ("families",))
    out: list[Family] = []
    for name, key_node, node in doc.mapping(top["families"], "families"):
        field = f"families.{name}"
        if not _NAME.fullmatch(name):
            doc.fail(key_node, field, "a family name is lowercase letters, digits and dashes")
        values = doc.record(node, field, _KEYS, _OPTIONAL, at=key_node)
        pattern = doc.text(values["pattern"], f"{field}.pattern")
        try:
            groups = compile_pattern(_case_sensitive(pattern)).groups
        except PatternError as exc:
            msg = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
            doc.fail(values["pattern"], f"{field}.pattern", f"invalid RE2 pattern: {msg}")
        if groups:
            doc.fail(values["pattern"], f"{field}.pattern", "no capturing groups: write (?:...)")
        checksum = None
        if "checksum" in values:
            checksum = doc.text(values["checksum"], f"{field}.checksum")
            if checksum not in CHECKSUMS:
                doc.fail(values["checksum"], f"{field}.checksum", f"unknown (known: {', '.join(sorted(CHECKSUMS))})")
        public = doc.flag(values["public"], f"{field}.public") if "public" in values else False
        near = tuple(w.lower() for w, _ in doc.texts(values["near"], f"{field}.near")) if "near" in values else ()
        family = Family(
            name,
            doc.text(values["service"], f"{field}.service"),
            pattern,
            checksum,
            public,
            near,
            tuple(e for e, _ in doc.texts(values["examples"], f"{field}.examples")),
        )
        for example, ex_node in doc.texts(values["examples"], f"{field}.examples"):
            if family.regex.search(example) is None:
                doc.fail(ex_node, f"{field}.examples", f"{example!r} does not match the pattern")
        out.append(family)
    if not out:
        doc.fail(line_of(top["families"]), "families", "must list at least one family")
    return tuple(out)


@cache
def families() -> tuple[Family, ...]:
    """The bundled families (read and checked once)."""
    return load_families(TOKENS_FILE)


@cache
def family_pattern() -> str:
    """One RE2 alternation of every family's pattern (case-sensitive)."""
    return "|".join(f"(?:{_case_sensitive(f.pattern)})" for f in families())


_EDGE = " \t\r\n\"'`=:;,()[]{}<>"


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A family's match without the delimiters some patterns take in as boundaries."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


@cache
def _identifier() -> Any:
    # Each family's pattern as one capture group: the group that took part names the family.
    return compile_pattern("|".join(f"({_case_sensitive(f.pattern)})" for f in families()))


def identify(value: str) -> Family | None:
    """The first family whose pattern matches the whole of ``value``."""
    m = _identifier().fullmatch(value)
    if m is None:
        return None
    for i, group in enumerate(m.groups()):
        if group is not None:
            return families()[i]
    return None


def judge(text: str, value: str, start: int) -> tuple[Verdict, Family | None]:
    """What a value that a family's pattern found is, in its draft."""
    family = identify(value)
    if family is None:
        return Verdict.UNSURE, None
    if family.public:
        return Verdict.PUBLIC, family
    if family.near:
        before = text[max(0, start - NEAR_WINDOW) : start].lower()
        if not any(w in before for w in family.near):
            return Verdict.UNSURE, family
    if family.checksum is not None:
        if CHECKSUMS[family.checksum](text, value, start):
            return Verdict.SECRET, family  # the issuer's own check: real, whatever it looks like
        if family.checksum in _STRICT_CHECKSUMS:
            return Verdict.PUBLIC, family
    if is_placeholder(value, family.prefix(value)):
        return Verdict.PUBLIC, family
    return Verdict.SECRET, family
