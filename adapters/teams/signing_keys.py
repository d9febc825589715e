"""Bot Framework tokens judged without stalling the server: a cheap first look, keys fetched off the loop.

botbuilder 4.17 fetches the OpenID metadata and signing keys with ``requests.get``,
synchronously and without a timeout, inside the aiohttp handler
(``jwt_token_extractor._OpenIdMetadata``): a slow identity provider stalled every
request of the process, and a token with an unknown key id raised ``IndexError``.
:class:`SigningKeys` takes its place in the SDK (:func:`install`):

- fetches run in a small thread pool of their own, with a socket timeout and an overall
  :data:`FETCH_TIMEOUT`; concurrent requests share one fetch per metadata URL;
- keys are cached for a day; an unknown key id refetches at most every
  :data:`UNKNOWN_KEY_REFETCH` seconds (a forger cannot make us fetch at will);
- with no keys and a failed fetch, :class:`KeysUnavailable` is raised at once for
  :data:`FAILURE_PAUSE` seconds (the endpoint answers 503) rather than every request
  trying again; with keys in hand, a failed refresh keeps the old ones;
- an unknown or unreadable key id raises :class:`UnknownKey` (401).

:func:`token_problem` refuses, before the body is read and without any network, what
cannot be a Bot Framework token: no bearer token, not a JWT, an algorithm other than
RS256 (``none``, HS256), no key id, long expired.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import time
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from typing import Any

import jwt
import requests
from botframework.connector.auth import jwt_token_extractor
from jwt.algorithms import RSAAlgorithm

log = logging.getLogger(__name__)

FETCH_TIMEOUT = 5.0  # seconds for metadata and keys together, as the request sees it
SOCKET_TIMEOUT = (2.0, 3.0)  # connect, read: bounds the worker thread too
REFRESH_AFTER = 24 * 3600.0  # keys are refetched once a day
UNKNOWN_KEY_REFETCH = 300.0  # a key id not in the cache refetches at most this often
FAILURE_PAUSE = 10.0  # after a failed fetch, requests needing keys get 503 without trying
MAX_DOCUMENT = 1024 * 1024  # bytes of a metadata or key document
ALGORITHM = "RS256"  # what botbuilder verifies signatures with
CLOCK_SKEW = 5 * 60  # seconds of leeway on expiry, as botbuilder allows

_fetchers = ThreadPoolExecutor(max_workers=4, thread_name_prefix="guidebot-signing-keys")


class KeysUnavailable(Exception):
    """The signing keys could not be fetched: the request cannot be judged now (503)."""


class UnknownKey(Exception):
    """The token names a key the identity provider does not publish (401)."""


def token_problem(auth_header: str, now: float | None = None) -> str | None:
    """Why ``auth_header`` cannot hold a Bot Framework token (None when it might)."""
    scheme, _, token = auth_header.partition(" ")
    if scheme != "Bearer" or not token:
        return "no bearer token"
    try:
        header = jwt.get_unverified_header(token)
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return "token is not a JWT"
    if header.get("alg") != ALGORITHM:
        return "token algorithm not accepted"
    if not isinstance(header.get("kid"), str) or not header["kid"]:
        return "token has no key id"
    if not isinstance(claims.get("iss"), str):
        return "token has no issuer"
    expires = claims.get("exp")
    if not isinstance(expires, int | float) or expires + CLOCK_SKEW < (time.time() if now is None else now):
        return "token expired"
    return None


class SigningKeys(jwt_token_extractor._OpenIdMetadata):  # type: ignore[misc]
    """The signing keys published at one OpenID metadata URL, as botbuilder's token extractor asks for them."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self._by_id: dict[str, Any] = {}
        self._fetched_at = -math.inf
        self._failed_at = -math.inf
        self._pending: Future[dict[str, Any]] | None = None

    async def get(self, key_id: str | None) -> Any:
        """The key ``key_id`` (with its endorsements); raises :class:`UnknownKey` or :class:`KeysUnavailable`."""
        if not self._by_id or time.monotonic() - self._fetched_at > REFRESH_AFTER:
            await self._refresh(required=not self._by_id)
        key = self._by_id.get(key_id or "")
        if key is None and time.monotonic() - self._fetched_at > UNKNOWN_KEY_REFETCH:
            await self._refresh(required=False)
            key = self._by_id.get(key_id or "")
        if key is None:
            raise UnknownKey("signing key not published")
        return key

    async def _refresh(self, required: bool) -> None:
        if time.monotonic() - self._failed_at < FAILURE_PAUSE:
            if required:
                raise KeysUnavailable("signing keys unavailable (recent failure)")
            return
        if self._pending is None or self._pending.done():
            self._pending = _fetchers.submit(self._fetch)
        try:
            keys = await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(self._pending)), FETCH_TIMEOUT)
        except Exception as exc:  # timeout, refused, not JSON, no keys: one line, no traceback
            self._failed_at = time.monotonic()
            log.warning("Teams signing keys could not be fetched: %s", type(exc).__name__)
            if required:
                raise KeysUnavailable("signing keys unavailable") from None
            return
        self._by_id, self._fetched_at = keys, time.monotonic()
        self.last_updated = datetime.now()

    def _fetch(self) -> dict[str, Any]:
        """Metadata, then its key set; runs in a worker thread."""
        with requests.Session() as session:
            jwks_uri = _document(session, self.url).get("jwks_uri")
            if not isinstance(jwks_uri, str):
                raise ValueError("metadata without jwks_uri")
            keys = _document(session, jwks_uri).get("keys")
        if not isinstance(keys, list):
            raise ValueError("key set without keys")
        return _readable(keys)


def _document(session: requests.Session, url: str) -> dict[str, Any]:
    with session.get(url, timeout=SOCKET_TIMEOUT, stream=True) as response:
        response.raise_for_status()
        body = response.raw.read(MAX_DOCUMENT + 1, decode_content=True)
    if len(body) > MAX_DOCUMENT:
        raise ValueError("document too large")
    data = json.loads(body)
    if not isinstance(data, dict):
        raise ValueError("document is not an object")
    return data


def _readable(keys: list[Any]) -> dict[str, Any]:
    """The RSA keys of a key set by key id, with their endorsements; others are skipped."""
    readable: dict[str, Any] = {}
    for key in keys:
        if not isinstance(key, dict) or not isinstance(key.get("kid"), str):
            continue
        try:
            public_key = RSAAlgorithm.from_jwk(json.dumps(key))
        except Exception as exc:  # not an RSA key we can read
            log.info("Teams signing key %.40s skipped: %s", key["kid"], type(exc).__name__)
            continue
        endorsements = key.get("endorsements")
        listed = [e for e in endorsements if isinstance(e, str)] if isinstance(endorsements, list) else []
        readable[key["kid"]] = jwt_token_extractor._OpenIdConfig(public_key, listed)
    return readable


def install() -> None:
    """Make botbuilder's token extractor use :class:`SigningKeys` for every metadata URL."""
    jwt_token_extractor._OpenIdMetadata = SigningKeys
    cache = jwt_token_extractor.JwtTokenExtractor.metadataCache
    for url in [u for u, keys in cache.items() if not isinstance(keys, SigningKeys)]:
        del cache[url]
