"""Settings from the environment (or a ``.env`` file), read once at start-up."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.texts import whole_number

BUNDLED_KB = Path(__file__).resolve().parents[2] / "knowledge"


def load_dotenv_file() -> None:
    """Read ``.env`` from the working directory; real environment variables win."""
    path = Path(".env")
    if path.is_file():
        from dotenv import load_dotenv

        load_dotenv(path, override=False)


MAX_DAYS = 36_500  # a hundred years: longer is no retention period a date can reach back to


def _days(env: dict[str, str], name: str, default: int) -> int:
    """A number of days, 0 to :data:`MAX_DAYS`."""
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    days = whole_number(raw)
    if days is None or days > MAX_DAYS:
        raise ValueError(f"{name} must be a whole number of days from 0 to {MAX_DAYS}, not {raw[:20]!r}")
    return days


def _timezone(raw: str) -> str:
    """The IANA zone name, checked now so a typo fails at start-up, not at the first ``policy remind``."""
    name = raw.strip() or "UTC"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"GUIDEBOT_TIMEZONE {name!r} is not an IANA time zone (e.g. Asia/Tokyo, UTC)") from None
    return name


def parse_port(raw: str, name: str = "PORT") -> int:
    """A TCP port number; raises ``ValueError`` with a one-line reason."""
    port = whole_number(raw.strip(), 5)
    if port is None:
        raise ValueError(f"{name} must be a whole number, not {raw[:20]!r}")
    if not 1 <= port <= 65535:
        raise ValueError(f"{name} must be between 1 and 65535, not {port}")
    return port


def _managers(raw: str) -> frozenset[str]:
    return frozenset(part.strip() for part in raw.split(",") if part.strip())


# GUIDEBOT_MANAGERS entries may name their platform ("slack:U123", "teams:<aad id>"): a qualified id
# cannot be claimed by someone on the other platform. Other colons are part of an id (Teams' "29:...").
MANAGER_PLATFORMS = ("slack", "teams", "console")


def _flag(env: dict[str, str], name: str) -> bool:
    return (env.get(name) or "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Settings:
    kb_path: str = str(BUNDLED_KB)
    database_url: str = "sqlite:///guidebot.db"
    managers: frozenset[str] = field(default_factory=frozenset)
    # The raw $PORT: only ``serve`` uses it, so only ``serve`` validates it (see listen_port).
    port: str = ""
    timezone: str = "UTC"
    keep_questions_days: int = 0
    retention_days: int = 365  # usage records older than this are pruned
    hash_key: str = ""  # key of the user-id hash in usage records; empty: a random key kept in the database
    slack_bot_token: str = ""
    slack_signing_secret: str = ""
    slack_app_token: str = ""
    slack_api_url: str = ""
    microsoft_app_id: str = ""
    microsoft_app_password: str = ""
    microsoft_app_type: str = "MultiTenant"
    microsoft_app_tenant_id: str = ""
    # An empty MicrosoftAppId leaves /api/messages unauthenticated: with Slack configured (a real
    # deployment) Teams is then not mounted unless this explicit opt-in is set.
    teams_unauthenticated: bool = False

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        e = dict(os.environ if env is None else env)
        return cls(
            kb_path=e.get("GUIDEBOT_KB") or str(BUNDLED_KB),
            database_url=e.get("DATABASE_URL") or "sqlite:///guidebot.db",
            managers=_managers(e.get("GUIDEBOT_MANAGERS", "")),
            port=e.get("PORT", ""),
            timezone=_timezone(e.get("GUIDEBOT_TIMEZONE", "")),
            keep_questions_days=_days(e, "GUIDEBOT_KEEP_QUESTIONS_DAYS", 0),
            retention_days=_days(e, "GUIDEBOT_RETENTION_DAYS", 365),
            hash_key=e.get("GUIDEBOT_HASH_KEY", ""),
            slack_bot_token=e.get("SLACK_BOT_TOKEN", ""),
            slack_signing_secret=e.get("SLACK_SIGNING_SECRET", ""),
            slack_app_token=e.get("SLACK_APP_TOKEN", ""),
            slack_api_url=e.get("SLACK_API_URL", ""),
            microsoft_app_id=e.get("MicrosoftAppId", ""),
            microsoft_app_password=e.get("MicrosoftAppPassword", ""),
            microsoft_app_type=e.get("MicrosoftAppType") or "MultiTenant",
            microsoft_app_tenant_id=e.get("MicrosoftAppTenantId", ""),
            teams_unauthenticated=_flag(e, "GUIDEBOT_TEAMS_UNAUTHENTICATED"),
        )

    @property
    def slack_configured(self) -> bool:
        """Any Slack credential is set: this is a deployment, not a local Teams test."""
        return bool(self.slack_bot_token or self.slack_signing_secret or self.slack_app_token)

    def is_listed_manager(self, platform: str, user_id: str) -> bool:
        """``user_id`` on ``platform`` is in GUIDEBOT_MANAGERS, as ``platform:id`` or as a bare id."""
        if not user_id:
            return False
        if f"{platform}:{user_id}" in self.managers:
            return True
        # A bare entry matches on any platform, unless it is itself another platform's qualified id.
        head, sep, _ = user_id.partition(":")
        return user_id in self.managers and not (sep and head in MANAGER_PLATFORMS)

    def listen_port(self) -> int:
        """The HTTP port from ``$PORT`` (default 3978); raises ``ValueError`` when it is not a port."""
        return parse_port(self.port) if self.port.strip() else 3978
