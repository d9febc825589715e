"""Every rendered reply passes the platforms' own validators; each validator fails on a planted violation.

- Slack: every block of every message is parsed by slack_sdk's Block Kit models, checked by
  their ``validate_json`` (lengths, counts, required fields), and must come back unchanged from
  ``to_dict`` (a field or block type the models do not know would be dropped); the modal by
  the view model.
- Teams: every card is validated with ``jsonschema`` against the Adaptive Card 1.5 schema in
  ``schemas/`` (the ``msteams`` property, Teams' documented extension for the card's width, is
  checked on its own); the app package's manifest and its localisation files against the Teams
  manifest schema of the manifest's version.

The replies are the golden files and the gallery (:mod:`tests.conformance.gallery`): every reply
type in English and Japanese, 0, 1, 5 and 60 findings, and drafts full of markup.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from adapters.slack.blocks import to_blocks
from adapters.slack.limits import MAX_BLOCKS
from adapters.slack.views import checkpost_modal
from adapters.teams.cards import MAX_CARD_BYTES, TEXT_COLORS, draft_form_card, to_adaptive_card, wire_bytes
from adapters.teams.package import PackageOptions, localizations, manifest
from bot.assistant.engine import GuideBot
from bot.knowledge.loader import load
from tests.conftest import EVAL_KB

from .gallery import gallery

SCHEMAS = Path(__file__).with_name("schemas")
GOLDEN = {
    "slack": Path(__file__).parents[1] / "slack" / "golden",
    "teams": Path(__file__).parents[1] / "teams" / "golden",
}
BOT = GuideBot(load(EVAL_KB))
GALLERY = dict(gallery(BOT))
BOT_ID = "11111111-2222-3333-4444-555555555555"


# -- the validators --------------------------------------------------------------------


def slack_problems(message: dict[str, Any]) -> list[str]:
    """What slack_sdk's models find wrong with a message's blocks (empty: valid)."""
    blocks = message.get("blocks") or []
    problems = [] if isinstance(message.get("text"), str) else ["no notification text"]
    if len(blocks) > MAX_BLOCKS:
        problems.append(f"{len(blocks)} blocks")
    for i, block in enumerate(blocks):
        try:
            parsed = Block.parse(block)
        except TypeError as exc:  # a text object or element with a field its model does not have
            problems.append(f"block {i}: fields the model does not know: {exc}")
            continue
        if parsed is None:
            problems.append(f"block {i}: unknown type {block.get('type')!r}")
            continue
        try:
            parsed.validate_json()
            if parsed.to_dict() != block:
                problems.append(f"block {i}: fields the model does not know: {block}")
        except SlackObjectFormationError as exc:
            problems.append(f"block {i}: {exc}")
    return problems


def view_problems(view: dict[str, Any]) -> list[str]:
    parsed = View(**view)
    try:
        parsed.validate_json()
        return [] if parsed.to_dict() == view else [f"fields the model does not know: {view}"]
    except SlackObjectFormationError as exc:
        return [str(exc)]


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)  # type: ignore[no-any-return]


def card_problems(card: dict[str, Any]) -> list[str]:
    """What the Adaptive Card 1.5 schema finds wrong with a card (empty: valid)."""
    problems = []
    teams = card.get("msteams")
    if teams is not None and teams != {"width": "Full"}:
        problems.append(f"msteams: {teams}")
    bare = {k: v for k, v in card.items() if k != "msteams"}
    if bare.get("version") != "1.5":
        problems.append(f"version {bare.get('version')!r}")
    return problems + _errors(_validator("adaptive-card-1.5.json"), bare)


def manifest_problems(data: dict[str, Any], schema: str = "teams-manifest-1.17.json") -> list[str]:
    return _errors(_validator(schema), data)


def _errors(validator: jsonschema.protocols.Validator, instance: object) -> list[str]:
    """Each error where it is (the schemas put the card's parts under ``anyOf``: the most relevant branch)."""
    out = []
    for error in validator.iter_errors(instance):
        best = jsonschema.exceptions.best_match([error, *error.context]) or error
        out.append(f"{'/'.join(map(str, best.absolute_path))}: {best.message[:200]}")
    return out


# -- everything we render passes -------------------------------------------------------


@pytest.mark.parametrize("name", sorted(GALLERY))
def test_gallery_passes_slack_block_kit_models(name: str) -> None:
    assert slack_problems(to_blocks(GALLERY[name])) == []


@pytest.mark.parametrize("name", sorted(GALLERY))
def test_gallery_passes_the_adaptive_card_schema(name: str) -> None:
    card = to_adaptive_card(GALLERY[name])
    assert card_problems(card) == []
    assert wire_bytes(card) <= MAX_CARD_BYTES  # as the SDK sends it (see tests/teams/test_teams_size.py)


@pytest.mark.parametrize("path", sorted(GOLDEN["slack"].glob("*.json")), ids=lambda p: p.stem)
def test_slack_golden_files_pass_block_kit_models(path: Path) -> None:
    assert slack_problems(json.loads(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("path", sorted(GOLDEN["teams"].glob("*.json")), ids=lambda p: p.stem)
def test_teams_golden_files_pass_the_adaptive_card_schema(path: Path) -> None:
    assert card_problems(json.loads(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_forms_pass_their_validators(lang: str) -> None:
    assert view_problems(checkpost_modal(lang, {"channel": "C1", "lang": lang})) == []
    assert card_problems(draft_form_card(lang)) == []


def test_the_teams_app_manifest_passes_its_schema() -> None:
    data = manifest(PackageOptions(BOT_ID))
    assert data["manifestVersion"] == "1.17"
    assert manifest_problems(data) == []


def test_the_japanese_localisation_passes_its_schema_and_names_real_parts() -> None:
    data = manifest(PackageOptions(BOT_ID))
    assert data["localizationInfo"]["additionalLanguages"] == [{"languageTag": "ja", "file": "ja.json"}]
    (ja,) = localizations(data).values()
    assert manifest_problems(ja, "teams-localization-1.17.json") == []
    commands = data["bots"][0]["commandLists"][0]["commands"]
    keys = {f"bots[0].commandLists[0].commands[{i}].description" for i in range(len(commands))}
    keys |= {f"composeExtensions[0].commands[0].{k}" for k in ("title", "description")}
    assert keys <= ja.keys() and {"name.short", "name.full", "description.short", "description.full"} <= ja.keys()
    assert all(k.startswith(("$", "name.", "description.")) or k in keys for k in ja)  # nothing that is not there
    assert ja["composeExtensions[0].commands[0].title"] == "この投稿をチェック"
    assert manifest_problems({**ja, "composeExtensions[0].commands[0].title": "x" * 33}, "teams-localization-1.17.json")


def test_text_colours_are_readable_on_white() -> None:
    """Only colours with 4.5:1 contrast on Teams' light theme are used for text (see TEXT_COLORS)."""
    used: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "TextBlock":
                used.add(node.get("color", "default"))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for reply in GALLERY.values():
        walk(to_adaptive_card(reply))
    assert used <= TEXT_COLORS and "attention" in used


def test_the_gallery_covers_every_reply_type_in_both_languages() -> None:
    from tests.test_renderers import reply_types

    covered = {(type(r).__name__, r.lang) for r in GALLERY.values()}
    for cls in reply_types():
        assert {(cls.__name__, "en"), (cls.__name__, "ja")} <= covered, cls.__name__
    assert {"check-0-ja", "check-1-en", "check-5-ja", "check-60-en", "check-60-markup-ja"} <= GALLERY.keys()


# -- and each validator fails on a planted violation ------------------------------------


def test_block_kit_models_refuse_planted_violations() -> None:
    message = to_blocks(GALLERY["check-5-en"])
    too_long = {"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3_001}}
    unknown_field = {"type": "section", "text": {"type": "mrkdwn", "text": "x", "colour": "red"}}
    many_fields = {"type": "section", "fields": [{"type": "mrkdwn", "text": "x"}] * 11}
    for planted, says in (
        (too_long, "cannot exceed 3000 characters"),
        (unknown_field, "fields the model does not know"),
        (many_fields, "fields attribute cannot exceed 10 items"),
        ({"type": "sectoin", "text": {"type": "mrkdwn", "text": "x"}}, "unknown type 'sectoin'"),
    ):
        problems = slack_problems({**message, "blocks": [*message["blocks"], planted]})
        assert any(says in p for p in problems), (says, problems)
    assert slack_problems({"blocks": [{"type": "divider"}] * 51}) == ["no notification text", "51 blocks"]
    view = checkpost_modal("en", {})
    assert view_problems({**view, "title": {"type": "plain_text", "text": "t" * 25}})


def test_the_adaptive_card_schema_refuses_planted_violations() -> None:
    card = to_adaptive_card(GALLERY["check-5-ja"])
    planted_color = {"type": "TextBlock", "text": "x", "color": "Yellow"}
    planted_field = {"type": "TextBlock", "text": "x", "colour": "warning"}
    for element in (planted_color, planted_field):
        problems = card_problems({**card, "body": [*card["body"], element]})
        assert problems and all(p.startswith(f"body/{len(card['body'])}") for p in problems), problems
    assert card_problems({**card, "msteams": {"width": "Huge"}}) == ["msteams: {'width': 'Huge'}"]
    assert card_problems({**card, "actions": [{"type": "Action.Submit", "title": 3}]})


def test_the_manifest_schema_refuses_planted_violations() -> None:
    data = manifest(PackageOptions(BOT_ID))
    extension = data["composeExtensions"][0]
    wrong_context = {**extension, "commands": [{**extension["commands"][0], "context": ["messages"]}]}
    assert manifest_problems({**data, "composeExtensions": [wrong_context]})
    assert manifest_problems({**data, "name": {"short": "x" * 31, "full": "x"}})
    assert manifest_problems({k: v for k, v in data.items() if k != "icons"})
