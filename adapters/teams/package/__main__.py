"""``python -m adapters.teams.package -o teams-app.zip [--app-id GUID]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from adapters.teams.package import PackageOptions, build
from bot.runtime.settings import Settings, load_dotenv_file


def main(argv: list[str] | None = None) -> int:
    load_dotenv_file()
    parser = argparse.ArgumentParser(prog="python -m adapters.teams.package", description=__doc__)
    parser.add_argument("-o", "--output", default="teams-app.zip", help="the zip to write (default: %(default)s)")
    parser.add_argument(
        "--app-id", default=Settings.from_env().microsoft_app_id, help="bot id (default: $MicrosoftAppId)"
    )
    parser.add_argument("--teams-app-id", help="the Teams app's own id (default: the bot id)")
    parser.add_argument("--version", default="1.0.0", help="app version, semver (default: %(default)s)")
    parser.add_argument("--website-url", help="developer website (https://)")
    parser.add_argument("--privacy-url", help="privacy statement (https://)")
    parser.add_argument("--terms-url", help="terms of use (https://)")
    args = parser.parse_args(argv)
    if not args.app_id:
        print("teams-package: set MicrosoftAppId or pass --app-id (the Azure Bot's Microsoft App ID)", file=sys.stderr)
        return 2
    options = PackageOptions(
        args.app_id, args.teams_app_id, args.version, args.website_url, args.privacy_url, args.terms_url
    )
    try:
        path = build(options, Path(args.output))
    except ValueError as exc:
        print(f"teams-package: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {path}: upload it in Teams (Apps > Manage your apps > Upload an app)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
