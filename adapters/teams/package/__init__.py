"""The Teams app package: ``manifest.json``, its Japanese localisation and two icons, zipped for "Upload a custom app".

``python -m adapters.teams.package -o teams-app.zip`` fills the bot id (and the app
id) from ``MicrosoftAppId`` or ``--app-id``; the manifest template and the localisation
files it names (``ja.json``: the description, the command list and the message action in
Japanese, shown to people whose Teams is in Japanese) sit next to this module.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from adapters.teams.package.icons import color_icon, outline_icon

TEMPLATE = Path(__file__).with_name("manifest.json")
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
# Zip entries get a fixed date so the same inputs build the same bytes.
_ZIP_DATE = (2026, 1, 1, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class PackageOptions:
    bot_id: str  # the Azure Bot's Microsoft App ID
    app_id: str | None = None  # the Teams app's own id; default: the bot id
    version: str = "1.0.0"
    website_url: str | None = None
    privacy_url: str | None = None
    terms_url: str | None = None


def manifest(options: PackageOptions) -> dict[str, Any]:
    """The manifest for ``options``; raises ``ValueError`` on an id that is not a GUID."""
    for name, value in (("bot id", options.bot_id), ("app id", options.app_id or options.bot_id)):
        if not GUID.match(value):
            raise ValueError(f"the {name} must be a GUID (the Azure Bot's Microsoft App ID), got {value!r}")
    data: dict[str, Any] = json.loads(TEMPLATE.read_text(encoding="utf-8"))
    data["id"] = options.app_id or options.bot_id
    data["version"] = options.version
    for bot in data["bots"]:
        bot["botId"] = options.bot_id
    for extension in data["composeExtensions"]:
        extension["botId"] = options.bot_id
    urls = {"websiteUrl": options.website_url, "privacyUrl": options.privacy_url, "termsOfUseUrl": options.terms_url}
    for key, url in urls.items():
        if url:
            if not url.startswith("https://"):
                raise ValueError(f"{key} must be an https:// URL")
            data["developer"][key] = url
    return data


def localizations(data: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The localisation files ``data`` names, by file name (``ja.json``)."""
    languages = data.get("localizationInfo", {}).get("additionalLanguages", [])
    folder = TEMPLATE.parent
    return {lang["file"]: json.loads((folder / lang["file"]).read_text(encoding="utf-8")) for lang in languages}


def build(options: PackageOptions, output: Path) -> Path:
    """Write the zip (manifest.json, its localisation files, color.png, outline.png at its root) to ``output``."""
    data = manifest(options)
    files = {
        "manifest.json": json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"),
        **{
            name: json.dumps(text, indent=2, ensure_ascii=False).encode("utf-8")
            for name, text in localizations(data).items()
        },
        "color.png": color_icon(),
        "outline.png": outline_icon(),
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in files.items():
            zf.writestr(zipfile.ZipInfo(name, _ZIP_DATE), content, zipfile.ZIP_DEFLATED)
    return output
