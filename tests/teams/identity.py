"""A local identity provider for Bot Framework tokens: OpenID metadata and a key set on a loopback port.

Point the SDK at it with :func:`point_sdk_at` and sign tokens with :func:`token`.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any

import jwt
import pytest
from aiohttp import web
from botframework.connector.auth import AuthenticationConstants
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

APP_ID = "11111111-2222-3333-4444-555555555555"
CHANNEL_ISSUER = "https://api.botframework.com"
EMULATOR_ISSUER = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/"


def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class IdentityProvider:
    """OpenID metadata and signing keys on a loopback port; ``mode`` is answer, refuse or hang."""

    key: rsa.RSAPrivateKey
    url: str = ""
    mode: str = "answer"
    hits: int = 0
    asked: asyncio.Event = field(default_factory=asyncio.Event)
    release: asyncio.Event = field(default_factory=asyncio.Event)

    def app(self) -> web.Application:
        web_app = web.Application()
        web_app.router.add_get("/{name}/.well-known/openidconfiguration", self.metadata)
        web_app.router.add_get("/{name}/keys", self.keys)
        return web_app

    def metadata_url(self, name: str) -> str:
        return f"{self.url}/{name}/.well-known/openidconfiguration"

    async def _serve(self) -> web.Response | None:
        self.hits += 1
        self.asked.set()
        if self.mode == "refuse":
            return web.Response(status=503)
        if self.mode == "hang":
            await self.release.wait()
            return web.Response(status=503)
        return None

    async def metadata(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        return await self._serve() or web.json_response({"issuer": name, "jwks_uri": f"{self.url}/{name}/keys"})

    async def keys(self, request: web.Request) -> web.Response:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key())) | {"kid": "k1", "endorsements": ["msteams"]}
        broken = {"kid": "k-broken", "kty": "RSA", "n": "not base64!"}  # a key nobody can read is skipped
        return await self._serve() or web.json_response({"keys": [broken, jwk]})


def point_sdk_at(provider: IdentityProvider, monkeypatch: pytest.MonkeyPatch) -> None:
    """The SDK's channel and emulator metadata URLs, pointed at ``provider``."""
    for constant, name in (
        ("TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL", "channel"),
        ("TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL", "emulator"),
    ):
        monkeypatch.setattr(AuthenticationConstants, constant, provider.metadata_url(name))


def token(
    service_url: str,
    key: Any,
    *,
    alg: str = "RS256",
    kid: str | None = "k1",
    expires_in: int = 3600,
    **claims: Any,
) -> str:
    now = int(time.time())
    payload = {
        "iss": CHANNEL_ISSUER,
        "aud": APP_ID,
        "serviceurl": service_url,
        "nbf": now - 60,
        "exp": now + expires_in,
        **claims,
    }
    return jwt.encode(payload, key, algorithm=alg, headers={"kid": kid} if kid else {})
