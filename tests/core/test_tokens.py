"""Token families as data (``bot/data/tokens.yaml``), placeholders, names read on word
boundaries and quoted password literals."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from bot.checks.detectors import DETECTORS
from bot.checks.normalize import normalize
from bot.checks.tokens import Verdict, families, github_crc32, is_placeholder, judge, load_families
from bot.data.datafile import DataFileError


def found(name: str, text: str) -> list[str]:
    norm = normalize(text)
    return [text[slice(*norm.span(a, b))] for a, b in DETECTORS[name].find(norm.text)]


def test_the_bundled_families_cover_the_services_a_company_chat_leaks():
    names = {f.name for f in families()}
    for family in (
        "aws-access-key-id", "gcp-api-key", "azure-storage-connection-string",  # cloud
        "github-token", "gitlab-token",  # source hosting
        "slack-bot-token", "slack-configuration-token", "slack-webhook", "microsoft-teams-webhook",  # chat
        "stripe-secret-key", "stripe-publishable-key",  # payments
        "openai-api-key", "anthropic-api-key", "huggingface-token",  # AI providers
        "npm-token", "pypi-token",  # package registries
        "private-key", "jwt",
    ):  # fmt: skip
        assert family in names


@pytest.mark.parametrize("family", families(), ids=lambda f: f.name)
def test_every_example_is_found_unless_public_by_design(family):
    for example in family.examples:
        text = f"{family.near[0]} {example}" if family.near else f"here it is: {example}"
        spans = found("api-key", text)
        if family.public:
            assert spans == []
        else:
            assert spans and all(s in text for s in spans), example


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "tokens.yaml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "field", "line"),
    [
        ("families:\n  acme:\n    service: Acme\n    pattern: 'acme_[a-z]{8}'\n    examples: [acme_12345678]\n",
         "families.acme.examples", 5),
        ("families:\n  acme:\n    service: Acme\n    pattern: 'acme_[a-z'\n    examples: [acme_abcdefgh]\n",
         "families.acme.pattern", 4),
        ("families:\n  acme:\n    service: Acme\n    pattern: 'acme_[a-z]{8}'\n    examples: [acme_abcdefgh]\n"
         "    checksum: luhn\n", "families.acme.checksum", 6),
        ("families:\n  acme:\n    service: Acme\n    pattern: 'acme_[a-z]{8}'\n    examples: [acme_abcdefgh]\n"
         "    colour: red\n", "families.acme.colour", 6),
        ("families:\n  acme:\n    pattern: 'acme_[a-z]{8}'\n    examples: [acme_abcdefgh]\n",
         "families.acme.service", 2),
    ],
)  # fmt: skip
def test_a_bad_family_file_is_refused_with_its_line(tmp_path, body, field, line):
    with pytest.raises(DataFileError) as err:
        load_families(_write(tmp_path, body))
    assert (err.value.field, err.value.line) == (field, line)


def test_a_family_file_loads_with_its_optional_keys(tmp_path):
    body = (
        "families:\n  acme:\n    service: Acme\n    pattern: 'acme_[A-Za-z0-9]{36}'\n"
        "    examples: [acme_Zq8vX2mT9pLw4Rk7Yb3Nc6Hd1Fs5Gj0AeQ7u]\n    checksum: github-crc32\n"
        "    public: false\n    near: [acme]\n"
    )
    (family,) = load_families(_write(tmp_path, body))
    assert (family.checksum, family.public, family.near) == ("github-crc32", False, ("acme",))


def _with_crc(body30: str) -> str:
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    n, out = zlib.crc32(body30.encode()), ""
    while n:
        n, r = divmod(n, 62)
        out = alphabet[r] + out
    return body30 + out.rjust(6, "0")


def test_github_checksum():
    token = "ghp_" + _with_crc("Kq3vT9xW2mZ7pL4rN8bY6cH1dF5gJ0")
    assert github_crc32("", token, 0)
    assert not github_crc32("", token[:-1] + ("A" if token[-1] != "A" else "B"), 0)
    # A token that passes its issuer's check is real even where the shape alone would doubt it.
    low = "ghp_" + _with_crc("aaaaaaaaaaaaaaabbbbbbbbbbbbbbb")
    assert is_placeholder(low, "ghp_")
    assert judge(low, low, 0)[0] is Verdict.SECRET


@pytest.mark.parametrize(
    "text",
    [
        "token for the CI bot: ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        "SLACK_BOT_TOKEN=xoxb-000000000000-000000000000-xxxxxxxxxxxxxxxxxxxxxxxx",
        "aws_access_key_id = AKIAXXXXXXXXXXXXXXXX",
        "HF_TOKEN=hf_****************************",
        "export DB_PASSWORD=${DB_PASSWORD}",
        "password: {{ vault_db_password }}",
        "api_key: <paste-your-key>",
        "OPENAI_API_KEY=YOUR_OPENAI_KEY_GOES_HERE",
        "secret_key = 'changeme-changeme-changeme'",
        "token = 'dummy-token-for-unit-tests-0042'",
        "const charset = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'",
        "glpat-aaaaaaaaaaaaaaaaaaaa",
        "the example key AKIAIOSFODNN7EXAMPLE from the AWS docs",
    ],
)
def test_placeholders_are_not_secrets(text):
    assert found("api-key", text) == [] and found("password", text) == []


@pytest.mark.parametrize(
    ("value", "placeholder"),
    [
        ("xoxb-1234567890-1234567890-abcdefghijklmnopqrstuvwx", True),
        ("AKIA1234567890ABCDEF", True),
        ("sk_live_1234567890qwertyuiop", True),
        # A digit run inside a workspace id does not make the random part that follows it fake.
        ("xoxb-7734512093-8812345678901-aQ9wE2rT5yU8iO1pL4kJ7hG3", False),
    ],
)
def test_a_written_out_run_marks_a_placeholder_unless_the_rest_is_random(value, placeholder):
    assert is_placeholder(value) is placeholder


def test_publishable_keys_are_public_by_design():
    key = "pk_live_cKWKAZcObijYawPL8GJ5Aa2F"
    assert found("api-key", f"STRIPE_PUBLISHABLE_KEY={key}") == []
    assert found("api-key", f"stripe key: {key}") == []
    assert found("api-key", "public_key = 'Zq8vX2mT9pLw4Rk7Yb3Nc6Hd1Fs5Gj0AeQ7uVt1xY2'") == []
    secret = "sk_live_VQUReQ0il1nFdVQ5jq7aMZyW"
    assert found("api-key", f"stripe key: {secret}") == [secret]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GITLAB_SCIM=glsoat-9fASrEMSIUJlHItq5fo4", "glsoat-9fASrEMSIUJlHItq5fo4"),
        ("feed token glft-d34FyXbRDMAsRuAwZtr9 for the calendar", "glft-d34FyXbRDMAsRuAwZtr9"),
        (
            "refresh: xoxe-1-VKYC049Q8RFYNQJ6XH3HR2ACQHP4C0FRMXJFL6ZXSFKCHLBIIS4SDCGUBIWFKNN1UO81X8O9T3IWYTC5ZWN8KNU0"
            "1DCU14K0XPUCS2LZX5B81L2M1E3AZYQDC0YWRKJE638HE14JTHB7N8MWTR",
            "xoxe-1-VKYC049Q8RFYNQJ6XH3HR2ACQHP4C0FRMXJFL6ZXSFKCHLBIIS4SDCGUBIWFKNN1UO81X8O9T3IWYTC5ZWN8KNU0"
            "1DCU14K0XPUCS2LZX5B81L2M1E3AZYQDC0YWRKJE638HE14JTHB7N8MWTR",
        ),
        (
            "alerts go to hooks.slack.com/services/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",
            "hooks.slack.com/services/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",
        ),
        ("npm publish token npm_M75Zn1erQMg0LTZ816WihGBwenRGyvXZgTpj", "npm_M75Zn1erQMg0LTZ816WihGBwenRGyvXZgTpj"),
        ("mySecretString=U7kq2Lr9XbW4pZ8tNc3V", "U7kq2Lr9XbW4pZ8tNc3V"),
        ("AWSToken := 'AKIAHP64RAVYBJZNBL43'", "AKIAHP64RAVYBJZNBL43"),
    ],
)
def test_token_families_and_names_read_as_words(text, expected):
    assert found("api-key", text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "<dependency>io.jsonwebtoken:jjwt-api:0.12.6</dependency> is the one we use",
        "Slides from the summit: https://riddleton-partners.com/talks/2f6c1e0a-44b1-4b0e-9a7c-8d2e5f3b1c9a/deck",
        "schemaKey = 'ORDER_Schema_v12_2024'",
        "keyVaultToStoreSecrets: prod-kv-2039481",
        "token_url = 'https://auth.example.org/oauth2/token-endpoint-v2'",
        "LLM_SECRET_NAME = 'ACME-GPT4-API-KEY'",
        "pub const X509_Certificate_Chain_Key = X509_Certificate_Chain_Key_v3;",
    ],
)
def test_credential_words_inside_other_words_name_nothing(text):
    assert found("api-key", text) == [] and found("password", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("db_password = 'correct horse battery'", "correct horse battery"),
        ('"smtp_password": "Lantern Harbor 9"', "Lantern Harbor 9"),
        ("The router's factory password is 'lighthouse' until someone changes it", "lighthouse"),
        ('the kiosk password is "marigold", please keep it to yourselves', "marigold"),
        ("Guest login: visitor / )q7#Ha2Lm", ")q7#Ha2Lm"),
    ],
)
def test_quoted_and_unusual_passwords(text, expected):
    assert found("password", text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "passwordVariable: 'PASSWORD'",
        "password = 'somefakepassword'",
        "the password field is 'required'",
        "Our wifi password is on the whiteboard",
        "'http://build-box:8080';@deploy",
    ],
)
def test_quoted_look_alikes(text):
    assert found("password", text) == []
