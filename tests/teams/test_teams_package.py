"""The Teams app package built by ``python -m adapters.teams.package``."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from adapters.teams.package import PackageOptions, manifest
from adapters.teams.package.icons import png_size

BOT_ID = "11111111-2222-3333-4444-555555555555"
ROOT = Path(__file__).resolve().parents[2]


def build_zip(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "adapters.teams.package", "-o", str(tmp_path / "teams-app.zip"), *args],
        cwd=tmp_path,
        env={"PATH": "", "PYTHONPATH": str(ROOT), **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


def test_package_zip_holds_the_manifest_and_icons(tmp_path: Path) -> None:
    done = build_zip(tmp_path, env={"MicrosoftAppId": BOT_ID})
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(tmp_path / "teams-app.zip") as zf:
        assert sorted(zf.namelist()) == ["color.png", "ja.json", "manifest.json", "outline.png"]
        data = json.loads(zf.read("manifest.json"))
        color, outline = zf.read("color.png"), zf.read("outline.png")
    assert data["manifestVersion"] == "1.17"
    assert data["id"] == data["bots"][0]["botId"] == data["composeExtensions"][0]["botId"] == BOT_ID
    assert sorted(data["bots"][0]["scopes"]) == ["groupChat", "personal", "team"]
    titles = [c["title"] for c in data["bots"][0]["commandLists"][0]["commands"]]
    assert {"help", "checkpost", "policy list", "policy show"} <= set(titles)
    (command,) = data["composeExtensions"][0]["commands"]
    assert (command["id"], command["type"], command["context"], command["fetchTask"]) == (
        "checkPost",
        "action",
        ["message"],
        True,
    )
    assert data["icons"] == {"color": "color.png", "outline": "outline.png"}
    assert png_size(color) == (192, 192) and png_size(outline) == (32, 32)
    assert _alpha_values(outline, 32) >= {0, 255}  # transparent background, opaque mark


def test_package_limits_of_the_manifest_schema() -> None:
    data = manifest(PackageOptions(BOT_ID))
    assert len(data["name"]["short"]) <= 30 and len(data["name"]["full"]) <= 100
    assert len(data["description"]["short"]) <= 80 and len(data["description"]["full"]) <= 4000
    for command in data["bots"][0]["commandLists"][0]["commands"]:
        assert len(command["title"]) <= 32 and len(command["description"]) <= 128
    assert len(data["composeExtensions"][0]["commands"][0]["title"]) <= 32
    assert all(url.startswith("https://") for key, url in data["developer"].items() if key.endswith("Url"))


def test_app_id_argument_wins_and_a_bad_id_is_refused(tmp_path: Path) -> None:
    other = "99999999-8888-7777-6666-555555555555"
    assert build_zip(tmp_path, "--app-id", BOT_ID, "--teams-app-id", other).returncode == 0
    with zipfile.ZipFile(tmp_path / "teams-app.zip") as zf:
        data = json.loads(zf.read("manifest.json"))
    assert (data["id"], data["bots"][0]["botId"]) == (other, BOT_ID)
    bad = build_zip(tmp_path, "--app-id", "not-a-guid")
    assert bad.returncode == 2 and "GUID" in bad.stderr
    missing = build_zip(tmp_path)
    assert missing.returncode == 2 and "MicrosoftAppId" in missing.stderr


def test_developer_urls_must_be_https() -> None:
    with pytest.raises(ValueError, match="https"):
        manifest(PackageOptions(BOT_ID, website_url="http://example.com"))


def _alpha_values(data: bytes, size: int) -> set[int]:
    """The alpha channel values of an 8-bit RGBA PNG written without filters (as ours are)."""
    idat = data.index(b"IDAT")
    length = int.from_bytes(data[idat - 4 : idat], "big")
    raw = zlib.decompress(data[idat + 4 : idat + 4 + length])
    stride = 1 + size * 4
    return {raw[row * stride + 1 + x * 4 + 3] for row in range(size) for x in range(size)}
