"""Built-in detectors: what they must find, and the look-alikes they must leave alone."""

from __future__ import annotations

import pytest

from bot.checks.detectors import DETECTORS
from bot.checks.normalize import normalize


def found(name: str, text: str) -> list[str]:
    norm = normalize(text)
    return [text[slice(*norm.span(a, b))] for a, b in DETECTORS[name].find(norm.text)]


def test_every_contract_detector_exists():
    assert {"email", "phone", "credit-card", "api-key", "url"} <= set(DETECTORS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write to jane.doe@example.com today", "jane.doe@example.com"),
        ("連絡は yui.sato@example.co.jp まで", "yui.sato@example.co.jp"),
        ("Ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ", "Ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ"),
        ("mail first+tag@sub.example.org.", "first+tag@sub.example.org"),
    ],
)
def test_email_found(text, expected):
    assert found("email", text) == [expected]


@pytest.mark.parametrize("text", ["follow @acme", "foo@bar", "x@y.z", "an @ sign"])
def test_email_not_found(text):
    assert found("email", text) == []


@pytest.mark.parametrize(
    "text",
    [
        "For signup tests use addresses like test-user+1@example.com so nothing reaches a real inbox.",
        "The walkthrough uses the sample customer Jane Doe, jane.doe@example.com (all made up).",
        "テスト用のアドレスには user01@example.com のような予約済みドメインを使いましょう。",
        "Use your work address in the format firstname.lastname@company.com, not your personal one.",
        "設定例ではメールアドレスを taro@example.com にしています。",
        "This month's phishing mails spoof it-support@acme-helpdesk.net; the real helpdesk never asks for passwords.",
        "Point the form at dummy@example.org while you build it.",
    ],
)
def test_example_addresses_written_as_examples_are_not_personal_data(text):
    assert found("email", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A reserved domain stands in for a real person's address in many posts: still found.
        ("Questions? Ask yui.sato@example.com", "yui.sato@example.com"),
        # A placeholder-looking name on a real domain is someone's address.
        ("Reach the venue at test.kitchen@gmail.com", "test.kitchen@gmail.com"),
        # 前例は / 事例は hold 例は but frame nothing as an example.
        ("前例はないので yui.sato@example.com に聞いて", "yui.sato@example.com"),
        # A name that starts like a placeholder word ("me", "you", "bar", "name") is a name.
        ("Questions? Ask mei.sato@example.com", "mei.sato@example.com"),
        ("write to youko@example.com", "youko@example.com"),
        ("barbara@example.org has the keys", "barbara@example.org"),
    ],
)
def test_addresses_that_are_someones_are_still_found(text, expected):
    assert found("email", text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call 03-1234-5678", "03-1234-5678"),
        ("携帯 090-1234-5678", "090-1234-5678"),
        ("電話は090-1234-5678です", "090-1234-5678"),
        ("電話:03(1234)5678", "03(1234)5678"),
        ("携帯 080-4444-1234", "080-4444-1234"),
        ("全角 ０３－１２３４－５６７８", "０３－１２３４－５６７８"),
        ("Tokyo office +81-3-1234-5678", "+81-3-1234-5678"),
        ("mobile +81 90-1234-5678", "+81 90-1234-5678"),
        ("US +1 (415) 555-0100", "+1 (415) 555-0100"),
        ("London +44 20 7946 0958", "+44 20 7946 0958"),
        ("ring (555) 123-4567", "(555) 123-4567"),
        ("ring 555.123.4567", "555.123.4567"),
        # "call us back" names the shop's line, but the mobile after it is the caller's
        ("Please call us back, we tried 090-5512-8830 twice", "090-5512-8830"),
    ],
)
def test_phone_found(text, expected):
    assert found("phone", text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "the launch is on 2024-05-01",
        "due 12/05/2024",
        "due 12.05.2024",
        "発売日は2026/11/01です",
        "Price: $1,299.99",
        "only ¥12,800 (tax incl.)",
        "costs $1,234,567",
        "release 2.10.3",
        "v2024.05.01",
        "server 192.168.100.200",
        "order #123456789",
        "ISBN 978-4-10-109205-8",
        "in 2023-2024 revenue rose",
        "postal code 100-0001",
        "10:30-11:45",
        "https://example.com/items/0312345678",
    ],
)
def test_phone_ignores_dates_prices_versions_and_ids(text):
    assert found("phone", text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Call our Osaka office on 06-6345-1200 for bookings.",
        "our Shibuya flagship store: 03-6345-1200",
        "Need to reach us? Our Tokyo office reception is +81 3-6212-8800 (it's on our website).",
        "Bookings are open! Call the direct-sales shop on 0296-72-1180 (9:00-17:00).",
        "Questions about a gift in your will? Our supporter care team is on 020 7946 0321, Mon-Fri.",
        "お問い合わせは、サポーターデスク(03-6812-4470、平日10時〜17時)までどうぞ。",
        "お問い合わせは支店代表 052-261-5100(平日9時〜15時)まで",
        "Questions? Call the graduate recruiting desk on 03-5421-8830 (weekdays).",
        "ご質問は新卒採用窓口（03-6228-1145、平日10〜17時）までどうぞ。",
    ],
)
def test_a_business_line_named_with_its_place_is_not_personal(text):
    assert found("phone", text) == []
    # the owner's line is the owner's, not the shop's
    assert found("phone", "Call the shop owner on 090-1234-5678") == ["090-1234-5678"]
    assert found("phone", "Call the front desk manager: 03-5555-0142") == []
    assert found("phone", "Text Ken on the service team at 090-1234-5678") == ["090-1234-5678"]
    assert found("phone", "call my sister on 06-6345-1200") == ["06-6345-1200"]
    # The shop named, then the person's own number.
    assert found("phone", "lost a wallet at our Ebisu store? call me at 090-4418-2736") == ["090-4418-2736"]
    text = "Working from our Tokyo office today, text 090-4417-2286 if you want coffee"
    assert found("phone", text) == ["090-4417-2286"]


@pytest.mark.parametrize(
    "number",
    ["4111 1111 1111 1111", "4111-1111-1111-1111", "4012888888881881", "378282246310005", "5500 0000 0000 0004"],
)
def test_credit_card_luhn_valid(number):
    assert found("credit-card", f"card {number} exp 12/29") == [number]


@pytest.mark.parametrize(
    "number",
    ["4111 1111 1111 1112", "1234 5678 9012 3456", "0000 0000 0000 0000", "4111 1111 1111", "order 4111111111111112"],
)
def test_credit_card_luhn_invalid(number):
    assert found("credit-card", number) == []


@pytest.mark.parametrize(
    "text",
    [
        "Order number 4716 2041 3338 9929 has shipped.",
        "tracking #: 4716204133389929",
        "追跡番号 4716 2041 3338 9929 で確認できます",
        "お問い合わせ番号は4716204133389929です",
        "Why won't JAN 4901234567894 scan on the old handhelds?",  # a product's barcode
        "JANコード 4901234567894 の商品",
    ],
)
def test_a_labelled_reference_is_no_card_number_even_when_luhn_valid(text):
    assert found("credit-card", text) == []
    assert found("credit-card", "my card 4716 2041 3338 9929 was declined") == ["4716 2041 3338 9929"]
    assert found("credit-card", "My card number, booking ref 4111 1111 1111 1111") == ["4111 1111 1111 1111"]


KNOWN_KEYS = [
    "sk-proj-Yt4RkP8vQw2LmN6sHc3JzA9bXe7UfG5iDo1KqV0TnWrMyE8s",
    "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
    "AKIAHP64RAVYBJZNBL43",
    "ghp_7X8s51fbLtByHwiUmrCaoND5bgfTFAbGOUBw",
    "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",
    "glpat-Ij6VLg8ykCcdOAzbkZoR",
    "xoxb-03087150673-0147837431188-PkSIJ0pqgAk5aCWvQ5A0k5NS",
    "AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    "-----BEGIN RSA PRIVATE KEY-----",
    "-----BEGIN ENCRYPTED PRIVATE KEY-----",
    "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",
    "https://hooks.slack.com/services/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",
]


@pytest.mark.parametrize("key", KNOWN_KEYS)
def test_api_key_known_shapes(key):
    assert found("api-key", f"use {key} for the demo") == [key]


@pytest.mark.parametrize(
    "text",
    [
        "token aZ3kP9qR7mX2vB8nL4wT6yH1",
        "secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYzqk4Rw8Vx2",
        "https://x.com/cb?token=aZ3kP9qR7mX2vB8nL4wT6yH1",
    ],
)
def test_api_key_high_entropy(text):
    assert len(found("api-key", text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "see https://github.com/acme/SomeRepo/blob/main/src/MyComponent123Test.tsx",
        "www.example.com/Path/To/Docs2024Version3Final",
        "internationalization_and_localization",
        "Supercalifragilisticexpialidocious2024",
        "Loving the #SummerSale2024LaunchParty vibes",
        "ThisIsACamelCaseIdentifierName2",
        "Quarterly-Results-2024-Final-Version",
        "commit da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "id 123e4567-e89b-12d3-a456-426614174000",
        "a perfectly ordinary sentence about our product launch",
    ],
)
def test_api_key_leaves_urls_and_words_alone(text):
    assert found("api-key", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("export AWS_SECRET_ACCESS_KEY=Zq8vX2mT9pLw4Rk7Yb3N", "Zq8vX2mT9pLw4Rk7Yb3N"),
        ('{"api_key": "9f8e7d6c5b4a3f2e1d0c"}', "9f8e7d6c5b4a3f2e1d0c"),
        ("client_secret: s3cr3tValue99", "s3cr3tValue99"),
        ("Authorization: Bearer 8fK2mQ9xT4vL7pR3wY6z", "8fK2mQ9xT4vL7pR3wY6z"),
        ("api_key=sk-proj-Yt4RkP8vQw2LmN6sHc3JzA9bXe7U", "sk-proj-Yt4RkP8vQw2LmN6sHc3JzA9bXe7U"),
    ],
)
def test_api_key_value_named_as_a_credential(text, expected):
    # The finding is the value only, so the masked excerpt shows the secret, not its name.
    assert found("api-key", text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Set API_KEY=<your-key> before running the demo",
        "export OPENAI_API_KEY=your_api_key_here",
        "token: 123456789012345",
        "secret_recipe: grandmas_famous_tonkotsu",
        "API_TOKEN=${API_TOKEN}",
    ],
)
def test_api_key_ignores_placeholders_and_plain_values(text):
    assert found("api-key", text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Invoice 2024-0034-5521 is paid",
        "注文番号 250318-0042-7781 の荷物",
        "order no. 555-123-4567",
        "ref: 03-1234-5678",
    ],
)
def test_phone_ignores_labelled_references(text):
    assert found("phone", text) == []


def test_phone_without_trunk_prefix_needs_the_north_american_shape():
    assert found("phone", "code 250318-0042-7781 done") == []
    assert found("phone", "ring 415-555-0134") == ["415-555-0134"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DB_PASSWORD=Tr0ub4dor&3", "Tr0ub4dor&3"),
        ('{"password": "Kitsune_42"}', "Kitsune_42"),
        ("wifi password: Sakura#2026", "Sakura#2026"),
        ("Password=S3cret!", "S3cret!"),
        ("pw: abc12345", "abc12345"),
        ("パスワード：Tanuki!88", "Tanuki!88"),
        ("パスワードはTanuki88です", "Tanuki88"),
    ],
)
def test_password_found(text, expected):
    assert found("password", text) == [expected]


@pytest.mark.parametrize(
    "text", ["reset your password tomorrow", "the password policy requires 12 characters", "passwords are important"]
)
def test_password_not_found(text):
    assert found("password", text) == []


@pytest.mark.parametrize(
    "text",
    [
        "DB_PASSWORD=your_password_here",
        "the admin password keeps changing, so here: your_password_here",
        "wifi pw is on the card, e.g. pw: <your-password>",
    ],
)
def test_a_placeholder_is_no_password_however_far_from_its_keyword(text):
    assert found("password", text) == []


def test_a_door_code_that_has_been_the_same_for_years_is_found():
    assert found("password", "the back door code at our store has been 4419 since I started") == ["4419"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see https://acme.example/news/1.", "https://acme.example/news/1"),
        ("(https://acme.example/a)", "https://acme.example/a"),
        ("visit www.acme.example, then", "www.acme.example"),
        ("出典:https://www.nikkei.com/article/DGXZQOUC000000/", "https://www.nikkei.com/article/DGXZQOUC000000/"),
    ],
)
def test_url_found_without_trailing_punctuation(text, expected):
    assert found("url", text) == [expected]


def test_url_needs_a_scheme_or_www():
    assert found("url", "acme.example and http:// alone") == []


def test_detectors_run_linearly_on_adversarial_input():
    # No timing: these simply must finish (RE2) and find nothing absurd.
    assert found("phone", "1 " * 50_000) == []
    assert found("email", "@" * 100_000) == []
    assert found("api-key", "A1b" * 30_000) == []  # long but repetitive: low entropy


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("パスワード、みんなすぐ忘れるのでここに書いとく→ Kaizen2026!", "Kaizen2026!"),
        ("管理者パスワード忘れた人多いので再掲 → admin / Tenpo#0815", "Tenpo#0815"),
        ("Guest Wi-Fi is up! SSID Acme-Guest-2F, key: pinecone-Orbit-42", "pinecone-Orbit-42"),
        ("the wifi pw keeps changing so writing it here: CoffeeHouse#41", "CoffeeHouse#41"),
        ("新しいWi-Fiのパス、忘れそうだからメモ: Tsubame2026#", "Tsubame2026#"),
        ("login is demo / Hoshi*2026", "Hoshi*2026"),
        ("ログインは demo / Hoshi*2026 でどうぞ", "Hoshi*2026"),
        ("creds for the test account -> qa_bot : Qa!Test9988", "Qa!Test9988"),
        ("Grafana: https://admin:Sup3rS3cret!@grafana.example.com/d/main", "Sup3rS3cret!"),
        # Oracle's user/password@database.
        ("接続できない…`jdbc:oracle:thin:batch_user/Hzb#Ora2026@//10.20.1.15:1521/CORE`", "Hzb#Ora2026"),
        ("run it as sqlplus -s app_owner/Wq7!rasp@PRODDB and check the log", "Wq7!rasp"),
    ],
)
def test_password_after_filler_in_a_login_pair_or_in_a_url(text, expected):
    assert found("password", text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "My password manager is 1Password and I love it.",
        "Log in at 10:30 for the webinar.",
        "Password reset link: https://example.com/reset",
        "connect with postgres://user:password@localhost/db",
        "jdbc:oracle:thin:@//db.example.com:1521/ORCL",  # Oracle's URL without a user
        "jdbc:oracle:thin:scott/tiger@//localhost:1521/XE",  # the manual's example account
        "パスタ、食べすぎた: Carbonara2",  # パスタ is not パス
        "user guide / FAQ: see the wiki",
        # Help-desk pairs after "password" are a team and a line, not an account and a password.
        "Forgot your password → IT / ext-4410",
        "password reset: HR / room-302B",
        # が/は after other words: a policy or a tool, not the password.
        "パスワードのポリシーがISO27001になりました。",
        "パスワード管理ツールがBitwarden7になりました。",
        # "SSID" in one sentence and "Key" opening the next.
        "We renamed the SSID last week. Key takeaway: roam2024 is faster.",
        # A year after "reset to" or "it's".
        "PIN reset to 2024 defaults for everyone.",
        "Forgot my PIN again, it's 2024 and I still can't remember it.",
        "The door code rules changed to 2025 standards.",
    ],
)
def test_password_look_alikes_after_filler(text):
    assert found("password", text) == []


def test_one_password_found_two_ways_is_one_finding():
    assert found("password", "password: Sakura#2026") == ["Sakura#2026"]


def test_credentials_in_a_url_are_not_an_email_address():
    assert found("email", "https://admin:Xk29!pq@files.example.com/up") == []
    assert found("email", "mail ana@files.example.com") == ["ana@files.example.com"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Staging is qa.bot@example.com / Minato_3391 for the team", "Minato_3391"),
        ("sandbox user → ops_admin: Kumo#8812", "Kumo#8812"),
        ("管理画面は suzuki.t / Hanabi_0720 で入れます。", "Hanabi_0720"),
    ],
)
def test_password_in_a_bare_pair_after_an_address_or_user_name(text, expected):
    assert found("password", text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Release notes: release-2024 / build_0412 is the one to test.",  # no capital: a label
        "Speakers: Alice_Smith / Bob_Jones, 10:30 in room B.",  # names, no digit
        "See https://github.com/acme/Repo_2024 for the code.",  # a path, no spaced separator
        "Update: Version2_Beta is live.",  # the left side is a word, not a user name
        "mail jane.doe@example.com / ask Tom",
    ],
)
def test_bare_pair_look_alikes(text):
    assert found("password", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cut short: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"),
        ("この JWT 貼っとくね eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9", "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9"),
        ("jwt eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJx…", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJx"),
        ("このトークンで叩けます: 8f3kQ2mZ7xR1vT9w", "8f3kQ2mZ7xR1vT9w"),
        ("use this api key for staging → 3fHq9LmT2xVb7KpW", "3fHq9LmT2xVb7KpW"),
    ],
)
def test_api_key_truncated_jwt_and_a_value_named_a_few_words_before(text, expected):
    assert found("api-key", text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "JWTはeyJで始まる、というのは豆知識。",
        "このトークンでメダルゲームが3回できた。",
        "Use this token: <your-token-here>",
        "the secret ingredient is: Love",  # a word, not a key
    ],
)
def test_named_token_look_alikes(text):
    assert found("api-key", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Staff lounge door code is now 5820# for the night shift", "5820#"),
        ("Vault alarm override PIN changed to 4471 as of tonight.", "4471"),
        ("Lab door code changed AGAIN, it's 4817# now.", "4817#"),
        ("倉庫の裏口、暗証番号が0815に変わりました。", "0815"),
        ("The back door of the Shinagawa office takes code 4719#.", "4719#"),
        ("新しいスマホの暗証番号、誕生日の0817にしたからもう忘れない", "0817"),
        ("倉庫の裏口のキーロック、番号変わりました→3582#。", "3582#"),
        ("the new server room door 🚪 keypad is 4-8-1-9-0 until facilities changes it", "4-8-1-9-0"),
        ("@sara_events the booth hotspot is ACME-EXPO-5G, key is Blu3Heron!2026", "Blu3Heron!2026"),
        ("if a demo tablet freezes, the admin unlock is boothadmin / Kiwi!Tower77", "Kiwi!Tower77"),
        ("倉庫のシャッターの暗証番号、今月から2719です。", "2719"),
        ("店のWi-Fiのパスワード、今日から kamome-staff-7788 に変わりました。", "kamome-staff-7788"),
        ("the admin password for the ticket system is still Adm1n!2024", "Adm1n!2024"),
        ("管制室の入口の暗証番号、また変わって 4827# になってた。覚えられん", "4827#"),
    ],
)
def test_pins_door_codes_and_passwords_named_a_few_words_earlier(text, expected):
    assert found("password", text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Use a long passphrase, and never reuse your PIN code for anything else.",
        "The door code policy changes next month.",
        "パスワードは定期的に変えましょう。",
    ],
)
def test_advice_about_pins_and_codes_is_not_a_secret(text):
    assert found("password", text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Rooms still available! Call our front desk on 075-201-3344 to book.",
        "To book a demo call the showroom on 06-6123-4567 (Mon-Fri).",
        "Heads up: the service counter is at 06-6345-0000 (10:00-19:00).",
        "That ramen place takes reservations now: 0422-00-0000.",
        "修理のご相談は店舗(06-6345-0000)までお気軽にどうぞ。",
        "Called the café (03-5512-0987, it's on their website) and they're holding my wallet.",
        "Menya Kotetsu does the best tsukemen around. They take bookings at 03-5466-2180 on weekdays.",
        "ご予約は店舗代表番号(03-6205-1187)までお電話ください。",
        "お問い合わせは店舗代表 03-5412-8870 まで。",
        # a line with its opening hours, an enquiry line, takeout or a booking at a shop
        "Trouble registering? The event desk is on 03-6555-0190 (weekdays 10:00-17:00).",
        "当社の公開セミナーに関するお問い合わせは 03-6555-0177（平日10時〜17時）までどうぞ。",
        "Lunch tip: Nakamura Soba does amazing cold noodles. Takeout orders on 045-332-1187.",
        "定食屋「まんぷく亭」、テイクアウトは 03-3812-4490 に電話すれば予約できるよ。",
        "ケーキ屋さん、ホールケーキは3日前までに電話予約（075-333-4455）。",
        "Need a late-night pharmacy? Our Dogenzaka store is open till 2am, counter number 03-5555-0142.",
        "新宿東口店は24時間営業です（03-5555-0198）。",
        "Need to move an appointment? The reservation centre is 03-6820-1190, weekdays 9-17.",
        "Best tacos in town. Call-ahead line is (503) 555-0162, tell them we sent you.",
        "Thanks to the bakery on Ekimae St, they take calls at 045-231-8890 for cake orders.",
        "Sample row: phone='090-0000-0000', name='Test User'",
        # a shop that takes pickup orders or preorders, a press office with its address before the number
        "Best tonkotsu in Koenji is Menya Hoshi. They take pickup orders at 03-3315-4482 if you'd rather skip the app",
        "The bakery by the east gate takes preorders at 029-851-3306. Their melon pan is elite.",
        "Media enquiries: please contact our press office at press@naris.example or +81-29-555-0100.",
        # a public office's number in brackets after its name, one reached "by calling" it
        "消防署見学のお申し込みは、中央消防署（0543-22-0119）までお電話ください。",
        "School groups can book a station tour by calling Kita Fire Station on 0543-22-4119, weekdays 9 to 5.",
        "Mike's Heavy Towing (their number's on their website, 360-555-0199) had us moving in under an hour.",
        "出典:https://www.diamond.co.jp/book/9784478300718.html",
    ],
)
def test_published_numbers_placeholders_and_url_digits_are_not_personal_phones(text):
    assert found("phone", text) == []


def test_a_personal_mobile_is_found_even_for_an_enquiry():
    assert found("phone", "イベントのお問い合わせは私の携帯 090-7721-4406 までどうぞ。") == ["090-7721-4406"]
    assert found("phone", "お問い合わせは担当の高橋さん(直通 03-5847-2210)まで。") == ["03-5847-2210"]
    assert found("phone", "お問い合わせは090-1234-5678(田中)まで") == ["090-1234-5678"]
    assert found("phone", "call me: 0422-11-1111") == ["0422-11-1111"]  # not zero-filled: a number
    assert found("phone", "店舗の佐藤さん 090-1234-5678") == ["090-1234-5678"]
    assert found("phone", "Call me on 090-1234-5678 (weekdays after 18:00)") == ["090-1234-5678"]
    assert found("phone", "Takeout orders on my cell 415-867-2291") == ["415-867-2291"]


@pytest.mark.parametrize(
    "text",
    [
        "フリーダイヤル 0120-444-444 までお電話ください。",
        "Call 1-800-555-0199 for support.",
        "Press inquiries can go to press@lumora.example.",
        "お問い合わせは採用担当 recruit@minamo.example まで。",
        "Group bookings go through our groups desk at groups@seabreezecruises.example!",
        "団体旅行のご相談は法人営業部の窓口 group@hikari-travel.example まで。",
        "This year's shared account for the recruits: recruits2026@minamigawa-fd.example",
        "Use the official contact form or the claims inbox claims@harborlifeins.example.",
    ],
)
def test_toll_free_numbers_and_team_addresses_are_not_a_persons(text):
    assert found("phone", text) == [] and found("email", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # International numbers in any grouping, or none (libphonenumber places them).
        ("stop texting +447911123456 please", "+447911123456"),
        ("São Paulo office: +55 11 98456 5666", "+55 11 98456 5666"),
        ("UK desk +44(0)20 7946 0958", "+44(0)20 7946 0958"),
        ("from abroad dial 0033 1 42 68 53 00", "0033 1 42 68 53 00"),
        # National formats with a trunk 0, other regions' groupings.
        ("ring me on 06 12 34 56 78 tonight", "06 12 34 56 78"),
        ("my mobile 07700 900123", "07700 900123"),
        ("Handy: 01512 3456789", "01512 3456789"),
        # No trunk prefix: a word that says it is a phone number.
        ("Mobile: 737 219 628", "737 219 628"),
        ("Can you call me on 450 0840?", "450 0840"),
        ("416 60 039 office", "416 60 039"),
        ("desk (898)666-3621x0135", "(898)666-3621x0135"),
    ],
)
def test_phone_found_in_every_regions_formats(text, expected):
    assert found("phone", text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "We hit 189 899 followers today",
        "Ran 33305 tests in 1.8s",
        "Barcode 4006381333931 on the box",
        "Revenue call moved to 2027-11-13 16:15 UTC",
        "Tracking 1Z999AA10123456784 says out for delivery",
        "ISBN 978-0-306-40615-7 is a great read",
        "the 3 winners get 12 345 678 points",
    ],
)
def test_short_or_unlabelled_numbers_are_not_phones(text):
    assert found("phone", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My IBAN is GB82WEST12345698765432", "GB82WEST12345698765432"),
        ("send it to DE89 3704 0044 0532 0130 00 thanks", "DE89 3704 0044 0532 0130 00"),
        ("Dashes too: AL47-2121-1009-0000-0002-3569-8741", "AL47-2121-1009-0000-0002-3569-8741"),
        ("口座は FR1420041010050500013M02606 です", "FR1420041010050500013M02606"),
    ],
)
def test_iban_with_valid_check_digits(text, expected):
    assert [f.split(" thanks")[0] for f in found("iban", text)] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "GB82WEST12345698765433",  # check digits wrong
        "DE89 A704 0044 0532 0130 00",  # a letter where Germany has digits
        "BG80BNBG9661102034567",  # one character short
        "Flight GB2950 lands at 10:40",
    ],
)
def test_iban_look_alikes(text):
    assert found("iban", text) == []


def test_card_numbers_need_an_issuers_range_and_short_ones_a_card_word():
    assert found("credit-card", "id 1748503543012") == []  # Luhn-valid, no issuer starts with 17
    assert found("credit-card", "my maestro card is 675910047207") == ["675910047207"]
    assert found("credit-card", "ticket 675910047207") == []


def test_a_published_test_card_said_to_be_one_and_digits_inside_a_token_are_no_card():
    assert found("credit-card", "the sandbox checkout takes Stripe's public test card 4242 4242 4242 4242") == []
    assert found("credit-card", "決済テストはテスト用カード番号 4242424242424242 でOK") == []
    # the same numbers said of a customer, or with no word of testing, stand for real ones
    assert found("credit-card", "Customer card: 4242-4242-4242-4242") == ["4242-4242-4242-4242"]
    assert found("credit-card", "Lost card found at the ATM: 4111 1111 1111 1111") == ["4111 1111 1111 1111"]
    assert found("credit-card", "my test card is 4539 1488 0343 6467") == ["4539 1488 0343 6467"]  # not a published one
    token = "トークンはこれ→ xoxb-4904314354-6660944268957-6jwCkMV9Xfsyrh5iMeZNqJUr"
    assert found("credit-card", token) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("私のマイナンバーは 3982 5979 1905 です", "3982 5979 1905"),
        ("個人番号: 398259791905", "398259791905"),
        ("my number (for the tax form) is 3982-5979-1905", "3982-5979-1905"),
        # Named right before it, a number with a wrong check digit is still someone's, mistyped.
        ("マイナンバーは 3982 5979 1906 です", "3982 5979 1906"),
        ("派遣さんのマイナンバー 3928 4716 0582 ってこれで合ってる?", "3928 4716 0582"),
        ("財布にマイナンバーカード(4829 1037 5562)が入ってました", "4829 1037 5562"),
        ("マイナンバーカードのコピーが置きっぱなし。番号 3829 5017 4462 が丸見えだった", "3829 5017 4462"),
        ("マイナンバーカードの落とし物です!番号 4821 3306 7719 の方はカウンターへ", "4821 3306 7719"),
        # A record's field named for it (the check digit wrong, as in test data).
        ("INFO KycBatch customer=鈴木一郎 my_number=482915730266 status=VERIFIED", "482915730266"),
    ],
)
def test_my_number_named_and_with_its_check_digit(text, expected):
    assert found("my-number", text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "マイナンバーの書類を出したあと、伝票 3982 5979 1906 を処理した",  # check digit wrong, named far off
        "伝票番号 3982 5979 1905",  # not named as an Individual Number
        "マイナンバーカードの申請、やっと終わった",
        "my number is 2024 0401 1234",  # in English, as often a phone: the check digit decides
        "マイナンバーカードの申請をしました。注文番号 4829 1736 5502",  # 注文番号 is another number
    ],
)
def test_my_number_look_alikes(text):
    assert found("my-number", text) == []


@pytest.mark.parametrize(
    "text",
    [
        "携帯 090‐1234‐5678 まで",
        "連絡先: 090−1234−5678",
        "自宅の電話は 0466ー12ー3456 です",
    ],
)
def test_japanese_dash_forms_in_phone_numbers(text):
    assert len(found("phone", text)) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ruf mich an: 030/12345678", "030/12345678"),
        ("WhatsApp me on +34 612 34 56 78", "+34 612 34 56 78"),
    ],
)
def test_phone_with_a_slash_after_the_area_code_or_in_another_grouping(text, expected):
    assert found("phone", text) == [expected]


def test_a_social_security_number_is_found_where_the_draft_names_it():
    assert found("ssn", "My SSN is 512-38-4471") == ["512-38-4471"]
    assert found("ssn", "social security number: 512 38 4471") == ["512 38 4471"]
    assert found("ssn", "order 512-38-4471 shipped") == []  # not named
    assert found("ssn", "夫のSSNは512-38-4471です") == ["512-38-4471"]  # named in Japanese text
    assert found("ssn", "SSN 078-05-1120") == []  # the number printed on sample cards, never valid
    assert found("ssn", "SSN 000-12-3456") == []  # area 000 is never issued


@pytest.mark.parametrize(
    "text",
    [
        "The PIN pads at the tills are still 2019 models",
        "Our door code system was 2018 tech until the refit",
        "The new keypad lock was 2021's best upgrade",
        "PIN reset last week; remains 2024 compliant",
    ],
)
def test_a_year_after_a_pin_or_door_code_is_a_year(text):
    assert found("password", text) == []


def test_door_codes_that_have_been_the_same_for_years_are_found():
    assert found("password", "the gate codes have been 7731 for years") == ["7731"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("親のWi-Fiのパスワードがシールのままだったので「Takahashi-Net2027」に変えといた", "Takahashi-Net2027"),
        ("BBQ at ours! Wi-Fi is Yamada_Home_5G, key natsu-matsuri-2027", "natsu-matsuri-2027"),
    ],
)
def test_a_wifi_key_or_a_quoted_password_set_a_clause_later_is_found(text, expected):
    assert [v.rstrip(".") for v in found("password", text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("staging login if you want to poke around: loyalty-qa / Miles#4477", "Miles#4477"),
        ("休憩室Wi-Fi、パスワード変わったよ SSID: HGR-REST / キー: kumo2024shiro", "kumo2024shiro"),
        ("夜は正面玄関が閉まっているので、通用口の暗証番号「0731」で入ってください", "0731"),
    ],
)
def test_a_login_pair_a_clause_on_a_wifi_key_in_japanese_and_a_quoted_pin(text, expected):
    assert found("password", text) == [expected]


def test_a_slash_after_the_word_login_is_not_always_a_pair():
    assert found("password", "Login page redesign: before / after screenshots") == []


def test_a_line_named_as_the_main_one_right_after_it_is_a_business_line():
    assert found("phone", "Media questions? Our press office: +81-3-5555-0100 (main line).") == []
    assert found("phone", "取材のご依頼は広報部まで。TEL 03-5555-0123(代表)") == []


def test_a_weak_password_set_a_clause_later_is_an_example_and_a_pin_is_not():
    assert found("password", "パスワードを「password123」にしてる人、もういないよね") == []
    assert found("password", "通用口の暗証番号「482913」で入ってください") == ["482913"]


def test_my_number_right_after_ga_is_named():
    assert found("my-number", "新人の田村さんのマイナンバーが 4829 1736 5012 で覚えやすかった") == ["4829 1736 5012"]


def test_a_password_behind_an_arrow_in_the_next_sentence_is_found():
    assert found("password", "VPNのパスワード送っといた。念のためここにも→ Hx7!pQ2mZ") == ["Hx7!pQ2mZ"]


def test_a_pin_said_to_be_mine_now_is_found():
    assert found("password", "Anyone else's register PIN get reset? Mine's 0417 now.") == ["0417"]


def test_a_phone_number_right_after_a_street_number_is_found():
    """The candidate "12-3 045-681-2274" fails as one number; its part after the space is one."""
    assert found("phone", "小林健一 〒231-0023 横浜市中区山下町12-3 045-681-2274") == ["045-681-2274"]
    assert found("phone", "Order 12 3456 7890 1234") == []  # no part of it is a phone number
    assert found("phone", "DE89 A704 0044 0532 0130 00") == []  # an account number's groups


@pytest.mark.parametrize(
    "address",
    [
        "alumni@harborfriends.example",
        "graduates@harbormutual.example",
        "team@acme.co.jp",
        "volunteering@harborlight.org",
        "volunteer-jp@harborlight.org",
    ],
)
def test_a_groups_or_desks_address_is_not_a_persons(address):
    assert found("email", f"write to {address} for the invite") == []
    assert found("email", "write to jane.doe@harbormutual.example") == ["jane.doe@harbormutual.example"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Locked out of the show flat again. Lockbox code is 7391; the cleaner is nearby.", "7391"),
        ("Gate keypad at the Tsurumi site changes to 4826# from Monday.", "4826#"),
        ("資材倉庫のダイヤル錠、番号を「0481」に変えました。", "0481"),
        ("配達メモ:オートロックの番号は 2580#。", "2580#"),
        ("Key cabinet at the used-car lot: code is 8316 now.", "8316"),
        ("Covering for Kenji. His locker combo is 27-14-39 if you need his gear.", "27-14-39"),
        ("診断機のライセンスキーは CRV-7H2K-9QXM-4TPL-8WNB です。", "CRV-7H2K-9QXM-4TPL-8WNB"),
        ("Sunday temps: till login is operator 40213, PIN 7788 if it locks you out", "7788"),
        ("管理棟の入口は暗証番号 5580#", "5580#"),
        ("The drugs fridge is on a keypad now, code 7731. Please stop leaving it open!", "7731"),
        ("変電所の門扉の暗証番号、まだ 2580# のまま。誰か変えてください", "2580#"),
        ("Locker room code at the No.3 gate changed to 2580, writing it here", "2580"),
        ("内装業者さん向けの通用口の入館コードは1357#です。", "1357#"),
        ("門のコードは 3366、不在なら施主に電話してください", "3366"),
        ("the Pyxis override code is 4471 if I'm on break.", "4471"),
    ],
)
def test_a_locks_code_a_locker_combination_and_a_licence_key_are_secrets(text, expected):
    assert found("password", text) == [expected]
    assert found("password", "The keypad changes to a new layout from Monday.") == []
    assert found("password", "Scores were 21-14-7 at half time.") == []
    assert found("password", "Use discount code 2024 at the gate shop.") == []


def test_a_press_offices_line_is_not_personal():
    assert found("phone", "Media enquiries: call our press office on +81 3-5555-0100.") == []
    assert found("phone", "お問い合わせは広報部（03-5555-0100）まで") == []


def test_a_japanese_mobile_number_is_one_after_a_cards_or_a_cases_label():
    assert found("phone", "the number on his member card is 090-4417-2893, pls tell him") == ["090-4417-2893"]
    assert found("phone", "Her husband's number on the case is 090-3184-7752") == ["090-3184-7752"]
    assert found("phone", "member card no. 4417289312") == []


def test_a_key_named_a_clause_before_or_right_before_its_value_and_a_camel_case_password():
    key = "xK7pQ2mZ9vLr4TnW8bYc3F"
    assert found("api-key", f"AppsFlyer dev key if anyone on the team needs it: {key}") == [key]
    token = "9f3a1c7e5b2d48a6f0c9e1b7d3a5f82c"
    assert found("api-key", f"Sent one to the test phone using auth token {token}, works great!") == [token]
    assert found("api-key", "the token authentication_service_v2 is deprecated") == []
    assert found("password", "storePassword=Starfall!2026 keyPassword=Starfall!2026") == ["Starfall!2026"] * 2
    # a Jenkins credential's id is a reference, not the password
    assert found("password", "withCredentials([usernamePassword(credentialsId: 'deploy-creds')])") == []


def test_a_vendors_key_a_password_reset_to_a_value_and_a_gate_lock():
    key = "cab43620ba9538921669e203a4dfa093"
    assert found("api-key", f"devs, staging Datadog key is {key} if you need dashboards") == [key]
    assert found("api-key", "the key is consistency and patience in everything we do") == []
    assert found("password", "Customer can't get in, I reset his pw to Winter2026!! can billing check?") == [
        "Winter2026!!"
    ]
    assert found("password", "I changed my password to something long last week") == []
    assert found("password", "Substation 14 gate lock is 3-9-1-7 now, they changed it AGAIN") == ["3-9-1-7"]
    assert found("password", "Changed the admin password to Hk8$wQ3!zP before the audit") == ["Hk8$wQ3!zP"]
    assert found("password", "Reset the password for Tanaka to Winter2026!! just now") == ["Winter2026!!"]


@pytest.mark.parametrize(
    ("detector", "text"),
    [
        ("password", "Find me on Insta / Sarah_Runs42"),
        ("password", "Laptop specs: Wi-Fi 6E / Bluetooth5.3"),
        ("password", "Wifi at the cafe is great / Fast4Sure2024 vibes"),
        ("password", "changed my password to 16-characters minimum"),
        ("password", "The door lock is 3500 yen at the hardware store"),
        ("api-key", "My Nostr public key is npub1sg6plzptd64u62a878hep2kev88swjh3tw00gjsfl8f237lmu63q0uf63m"),
        ("api-key", "Release key: v2.14.0-rc.3+build.20240611"),
        ("api-key", "Key: 9fceb02d0ae598e95dc970b74767f19372d61af8 is the commit"),
    ],
)
def test_look_alikes_of_the_newest_secret_forms(detector, text):
    """A handle, a spec sheet, a cafe's wifi, a password's rule, a lock's price, public keys,
    versions and commits: none is a secret."""
    assert found(detector, text) == []


def test_a_lost_and_found_teams_line_and_address_are_not_personal():
    text = "Left something behind? Our lost & found team is on +81-3-6555-0100 or lostandfound@example-hotels.com."
    assert found("phone", text) == []
    assert found("email", text) == []
    assert found("email", "Write to concierge@grandhotel.jp for a table.") == []
    assert found("phone", "Left something behind? Ping Ken from the lost & found team on 090-1234-5678") != []


def test_a_shop_reached_by_its_place_a_bakery_taking_orders_and_a_tours_desk_are_not_personal():
    assert found("phone", "Our shop's number has changed! Reach the Kichijoji store on 0422-20-1180.") == []
    assert found("phone", "They take orders by phone: 045-262-8830.") == []
    assert found("email", "The official bookings team is at tours@foodco.jp, I just lead the tours.") == []
    # A friend is still a person, and so is a mobile number given as theirs.
    assert found("phone", "my friend at the Shibuya store on 090-1234-5678") != []
    assert found("email", "Ask Aoi, she's at aoi.kimura92@gmail.com") != []


def test_a_password_on_a_database_clients_command_line_a_temp_login_and_a_password_after_a_comma():
    assert found("password", "`mysql -u rnd_admin -p'Kb7$ruQ9w!' recipes > dump.sql`") == ["Kb7$ruQ9w!"]
    assert found("password", "mysqldump -u root -pS3cretPass99 shop") == ["S3cretPass99"]
    assert found("password", "sshpass -p 'Hunter22x' ssh admin@host") == ["Hunter22x"]
    assert found("password", "curl -u svc_sync:Hz7!qPw4rT2m https://erp.example/api/v2/stock") == ["Hz7!qPw4rT2m"]
    assert found("password", "wget --password=Gh7xk2Lq https://files.example/report.csv") == ["Gh7xk2Lq"]
    # curl asks for the password when -u names only the user; a variable or the word itself holds none.
    assert found("password", "curl -u myuser https://x.example/") == []
    assert found("password", "curl -u $USER:$TOKEN https://x.example/") == []
    assert found("password", "curl -u user:password https://api.example.com") == []
    assert found("password", "Reset the store tablet. Temp login is Store#5521, change it once you're in!") != []
    assert found("password", "Ignore the sticky note, it's just the printer admin password, Kinder#2025.") != []
    # A lone -p asks for the password, a variable holds none, and a comma after the word is prose.
    assert found("password", "mysql -u root -p mydb") == []
    assert found("password", "mysql -u root -p$DB_PASS mydb") == []
    assert found("password", "the wifi password, as always, is on the fridge") == []
    assert found("password", "Your temporary login is sent by email") == []


def test_a_code_keyed_with_a_star_or_named_as_an_alarms_release_code():
    assert found("password", "Gate code for the Riverside site is now 7731* — subbies pls update your crews") == [
        "7731*"
    ]
    assert found("password", "モデルルームの警備システム解除コードは2580です。土日当番の方よろしく") == ["2580"]
    assert found("password", "警備システムの解除コードは管理室に聞いてください。") == []
    assert found("password", "隠しステージの解除コードはABCD-1234-EFGHだよ!") == []  # a game's, no alarm's


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Locker 112 combo is 0719, she asked me to grab her shoes", ["0719"]),
        ("倉庫の鍵ボックスの番号は2580です。", ["2580"]),
        ("Locker 112 is mine now, 3 weeks in a row at the gym", []),
        ("倉庫の暗証番号また変わった。3907。忘れそうだからメモ", ["3907"]),
        ("暗証番号の桁数が変わった。2025年4月から6桁になる", []),  # a year, said as one
        ("引っ越してオートロックのマンションに変わった。2024.4から住んでる", []),
        ("泊まった民泊、鍵ボックスで鍵を受け取るタイプだった。部屋は 1203 。", []),
        # a lock named, then "code" or 「番号」 and its digits a few words on
        ("Key box is on her gate at 5-2-9 Honcho, Nakano, code 7391.", ["7391"]),
        ("山本様宅は玄関横のキーボックス、番号0815で開きます", ["0815"]),
        ("Bought a padlock, the combination lock code 0000 is the default", []),
        ("キーボックスの番号は予約確認メールに書いてあります", []),
        ("This padlock is 30% off with code 5050 today", []),
        ("南京錠の番号 10000通り全部試すのは無理", []),
        # a machine's maintenance code
        ("ATM shift tonight: the maintenance mode code is 4471-9902#.", ["4471-9902#"]),
        ("ATMの保守モード、コード 2580# で入れます", ["2580#"]),
        ("家の給湯器、保守モードに入っちゃって困ってる", []),
        ("Got a keypad deadbolt for the shed. Warranty was 2019-2029", []),
        ("Our dishwasher keeps flashing maintenance code: 3010", []),
    ],
)
def test_a_lock_code_or_a_pin_named_a_few_words_before_its_digits(text: str, expected: list[str]) -> None:
    """A locker's combo, a key box's or a machine's code, a PIN after 「変わった。」; not a year,
    a room, a price, a sale's code, a default of one repeated digit or a count (「10000通り」)."""
    assert found("password", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "DATABASE_URL=postgres://app:${DB_PASSWORD}@localhost:5432/app",
        "db password: {{DB_PASSWORD}} goes in the vault",
    ],
)
def test_a_password_named_as_a_placeholders_variable_is_no_password(text):
    assert found("password", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("For whoever's on nights and can't get into the lab router: admin / Wr3n-Nest!2027", "Wr3n-Nest!2027"),
        ("検証用サーバーのSSHパスワードが変わりました。新しいのは Hibari_2027!Nw です。", "Hibari_2027!Nw"),
        ("ルーターの管理パスワードを kobayashi0908 にリセットしました。", "kobayashi0908"),
        ("初期パスワード、うちの機種は全台共通で sky-admin-2027 なので、それで入れます。", "sky-admin-2027"),
        ("Customer's new network is HIBARI-5G-2F with key 7Tq2-wX9m-Lp4c, written on the fridge.", "7Tq2-wX9m-Lp4c"),
        ("Clients in meeting room B keep asking, so: network MI-5F-GUEST, key Ito-Meet#7731.", "Ito-Meet#7731."),
        # no word such as "login": the value has every kind of character, or a Wi-Fi network is named
        ("if the dashboard logs you out again it's brewops / Ferm3nt!Tank22, saves you calling me", "Ferm3nt!Tank22"),
        ("SOC夜勤メモ:EDRコンソール soc-night / Hk8$wQ3!zP 朝イチで変えます", "Hk8$wQ3!zP"),
        ("SIEM break-glass is soc_bg / Tq9#vLm2@Rx7 in case the safe is locked", "Tq9#vLm2@Rx7"),
        ("Staff wifi for the card reader is HanaTap_Staff / hops4ever2026, and the cake is late", "hops4ever2026"),
        # a "!" the sentence goes on after is the password's own
        ("if the booking system logs you out again: admin / Pulse2026! works for the manager screen", "Pulse2026!"),
        ("ペネトレで見つけたドメイン管理者のパスワード、Shinonome2024! で草。まだ変わってない", "Shinonome2024!"),
    ],
)
def test_a_password_a_login_or_a_network_key_given_a_clause_or_a_sentence_later(text, expected):
    assert found("password", text) == [expected]
    assert found("password", "パスワードを変えました。新しいのは社内で共有します。") == []
    assert found("password", "Our network is the key to growth in 2027.") == []


HEX_KEY = "551a549500492debb906283b8f18ccdc9c8392063f7101c03d5fc78aed3e423e"


def test_a_key_named_a_clause_before_its_value():
    """A vendor's key named some words before it, in English or Japanese; a hash given as an IOC is no key."""
    assert found("api-key", f"use this VirusTotal key in the enrichment script: {HEX_KEY}") == [HEX_KEY]
    assert found("api-key", f"OTXのAPIキーはとりあえずこれ使ってください {HEX_KEY}") == [HEX_KEY]
    assert found("api-key", f"The IOC hash for the dropper, per the advisory: {HEX_KEY}") == []


@pytest.mark.parametrize(
    "text",
    [
        "Tokyo / Osaka-2025 tour dates",
        "ping me at alice / bob@example.com",
        "rock / Paper / Scissors!2",
        "Great game! Final score / Winner2026! what a night",
        "Marathon / Sub3Hours! on my bucket list",
        "Matchday / GoReds2025! for the win",
    ],
)
def test_look_alikes_of_a_plain_pair(text):
    assert found("password", text) == []


def test_a_bitlocker_recovery_key_is_a_secret():
    key = "317262-048356-592801-221837-640299-115445-701932-486013"
    assert found("api-key", f"ノートPCのBitLockerの回復キー、念のため:{key}") == [key]
    assert found("api-key", "Order 317262-048356 shipped.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Our network is key: 5G-ready stores in 40 cities",
        "Our network effects, key insight: Q3-revenue follows users",
        "Ask about network 5G, key features: faster-uploads and more",
        "Our product key metrics: Q3-revenue up 12%",
        "Alarm code reset date is 3-15-25, heads up",
        "パスワードをiPhone15で入れたら弾かれた、なんで？",
        "パスワード、Windows11 なので…",
        "My setup: Console: PS5 / Xbox360, monitor 27in.",
        "Server: us-east-1 / t3.large",
        "Just updated my password. The new one is 20-characters long",
        "The password policy changed. The new one is ISO27001-based",
    ],
)
def test_look_alikes_of_the_newer_password_forms(text):
    """A key that is marketing, a date after a code, a device's name, a server's spec, a
    description of a new password: none is a secret."""
    assert found("password", text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Ping Tom (sales team) on 07700 900123 if you need him",
        "Ask Ken from the sales team, his mobile is 090-1234-5678",
        "総務の窓口担当の佐藤 090-1234-5678 まで",
    ],
)
def test_a_persons_number_next_to_a_teams_name_is_still_found(text):
    assert found("phone", text) != []


TOKEN = "pat-na1-ddbd5650-3368-450d-ab6f-fc6903a976f2"  # a HubSpot private app token's shape


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        # locked out, then the writer's own password reset to a value with no word for it
        ("password", "Locked out of the portal? I reset mine to Haruka2026! and it still fails", ["Haruka2026!"]),
        ("password", "Locked out of my account again, so I set it to 1080p60 in the stream settings", []),
        ("password", "Logged in and changed it to dark mode, much better", []),
        ("password", "After you log in, change your Xbox gamertag. I updated mine to SleepyOtter7", []),
        # the keyword, then "noted here:" a sentence later
        ("password", "管理画面のパスワード、代理店さんに伝えなきゃ。ここにメモ: Momiji_88!shop", ["Momiji_88!shop"]),
        ("password", "パスワードの決め方、ここにメモ: 長く・使い回さない", []),
        ("password", "発注システムのパスワード、絶対忘れるからここに書いとく Negi_2026!Oct", ["Negi_2026!Oct"]),
        ("password", "パスワード変えた。忘れそうだからここにメモしとく 明日また確認", []),
        # a HubSpot private app token
        ("api-key", f"paste your private app token, e.g. mine: {TOKEN}", [TOKEN]),
        # a log's field holds a number in its international shape
        ("phone", "WARN sms-gateway: delivery failed to=+81-90-6624-1837 user_id=55120", ["+81-90-6624-1837"]),
        ("phone", "GET /api/v2/users?id=5512098731 200", []),
        ("phone", "US Embassy Tokyo public line: tel=+81-3-3224-5000", []),
        # a shop's number, given to book or ask ahead; not a person's
        ("phone", "Huge thanks to Akihabara Fix Lab for rescuing my MacBook. 03-5207-4410 if you ever need them.", []),
        ("phone", "Café Lumen on 5th does the best grilled cheese. (503) 555-0162 if you want to call ahead.", []),
        ("phone", "ラーメン屋、水曜定休になったらしい。電話で確認してから行くのが吉(03-3987-5521)", []),
        ("phone", "とんかつ まるや(03-5555-0142)が最高。昼は並ぶので電話予約がおすすめ", []),
        ("phone", "外来予約の変更は病院代表 045-555-0123(平日9時〜17時)までお電話ください", []),
        ("phone", "Haruto is organising, text him on 080-6613-2947 to book.", ["080-6613-2947"]),
        ("phone", "Call me on 090-1234-5678 if you need them picked up", ["090-1234-5678"]),
        ("phone", "Ken's home number 048-861-2270 if you ever need them, he's usually in after 6.", ["048-861-2270"]),
        ("phone", "実家の電話 0795-42-1186、電話予約がおすすめ（母の料理教室）", ["0795-42-1186"]),
        # a team's desk is no person's address
        ("email", "The logistics desk's official inbox is logistics-help@hanamiya.example", []),
        ("email", "Questions to Yui (yui.sato@example.com)", ["yui.sato@example.com"]),
    ],
)
def test_the_forms_of_the_latest_draft_sets(name: str, text: str, expected: list[str]) -> None:
    """Forms found in blind draft sets 90-93, each with a look-alike it must leave alone."""
    assert found(name, text) == expected
