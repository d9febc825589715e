"""Where a password sits in a draft, and whether a candidate looks like one.

The password detector in :mod:`bot.checks.detectors` runs these patterns. Each pattern's
group 1 is the candidate value; the validators here turn away the everyday words
and links that follow "password" in ordinary sentences.
"""

from __future__ import annotations

import re as _stdre

from bot.checks.secrets import REFERENCE_WORDS, name_words
from bot.checks.tokens import is_placeholder
from bot.runtime.compiled import LazyRe

# An alarm's release code (「警備システムの解除コード」, not a game's 「解除コード」).
_ALARM_RELEASE = r"(?:アラーム|警報|セキュリティ|警備|防犯)(?:システム)?の?解除(?:コード|番号)"

# The word that announces a password. A bare 「パス」 counts only when no katakana
# follows it (パスタ, パスポート, パスする are not passwords).
_KEYWORD = (
    # (a camel-case name assigned a value: "storePassword=…")
    # (or an upper-case one glued to its tool's name: "P4PASSWD=…", "DBPASSWORD=…")
    r"(?:(?:\b|_)pass(?:word|wd|code|phrase)?s?\b"
    r"|(?-i:[a-z]Pass(?:word|wd|phrase)|\b[A-Z][A-Z0-9]*PASS(?:WORD|WD))[ \t]*[=:]"
    r"|\bpw\b|\bpwd\b|パスワード|パスコード|暗証番号"
    r"|\b(?:door|gate|entry|access|keypad|alarm|lock(?:er|box)?|key\s?box|key\s+safe|padlock)\s+code\b|ドアコード|入室コード|解錠番号|"
    + _ALARM_RELEASE
    + r"|\bpin\b|pinコード|pinは|ダイヤル錠|番号錠|キーボックス|南京錠|オートロック"
    r"|\b(?:wi-?fi|wlan|wpa2?|wpa3|network|router)\s+key\b|暗号化キー"
    # "SSID Acme-Guest-2F, key: …", "the staff Wi-Fi is ZooStaff-5G, login …": a Wi-Fi
    # network named, then its key
    r"|\b(?:ssid|hotspot|wi-?fi|wlan)\b[^\n。.!?]{0,60}?(?:\bkey\b|\blogin\b|キー)|\bnetwork\b[^\n。.!?]{0,40}?\bwith\s+(?:the\s+)?key\b"
    # "network MI-5F-GUEST, key …": a network named as SSIDs are (a digit, a hyphen or an underscore), then its key
    r"|\bnetwork\s+[\w-]*[\d_-][\w-]*\s*,\s*key\b"
    r"|パス(?:[^ァ-ヶー\w]|$))"
)
# A value may start with or hold ")" (")t#6PcdY"); a ")" that closes the draft's own
# bracket is dropped by the validators.
_VALUE = r"([^\s、。,ぁ-ゖ\"'」』）]{4,64})"

# "password: X", "password is X", 「パスワードは X」, "DB_PASSWORD=X", JSON/YAML quoting.
LABELLED = _KEYWORD + r"[\"']?\s*(?:is\s+|[:=：]\s*|は\s*)?[\"']?" + _VALUE

# An account's name before " / " and its password: a role or an identifier, not a desk ("IT").
_ACCOUNT_NAME = r"(?:admin|administrator|root|user|guest|demo|test|staff|operator|owner|[a-z0-9]+[._][a-z0-9._]+)"

# The keyword, a few words of the same sentence, then an arrow, a colon or "is" and the value:
# 「パスワード、忘れるのでここに書いとく→ X」, "the wifi pw keeps changing, so here: X",
# "the admin password for the ticket system is still X".
AFTER_FILLER = (
    _KEYWORD
    + r"[^\n。.!?！？]{0,60}?(?:→|->|=>|⇒|➡️?|👉|[:：=]|\bis(?:\s+(?:still|now|currently|literally|just))?\s)"
    + r"\s*[\"'「]?"
    # an account name may come first: "admin password → admin / X" (not "IT / ext-4410")
    + r"(?:"
    + _ACCOUNT_NAME
    + r"\s*/\s*)?"
    + _VALUE
)

# The keyword, then an arrow to the value in the next sentence: 「パスワード送っといた。念のため
# ここにも→ X」.
KEY_THEN_ARROW = _KEYWORD + r"[^\n]{0,40}?(?:→|->|=>|⇒|👉)\s*" + _VALUE

# The keyword, a few words or a particle, then a value that may be a password (group 1):
# what follows it decides (the two patterns below). が/は only right after the keyword:
# 「暗証番号が0815に変わりました」, not 「パスワードのポリシーがISO27001になりました」.
_JA_LEAD = (
    _KEYWORD + r"(?:[^\n。!?！？]{0,20}?[、,\s]|が|は|を)\s*(?:[^\s、。]{0,8}?(?:から|より|は|の))?\s*"
    r"([A-Za-z0-9][A-Za-z0-9!#$%&*+?@^_~\-.]{3,63})\s*"
)

# The keyword, a few words, then the value and a Japanese verb that sets it:
# 「Wi-Fiのパスワード、今日から kamome-staff-7788 に変わりました」「暗証番号、今月から2719です」.
JA_THEN_VALUE = (
    _JA_LEAD + r"(?:に変わ|に変え|に変更|になりま|になった|にした|にしま|に設定|に再設定|にリセット|です|だよ|でお願い)"
)

# The same with an ending that does not set a value (「…共通で sky-admin-2027 なので、それで入れます」,
# 「見つけた管理者のパスワード、Shinonome2024! で草」):
# a device's name fits it too (「パスワードをiPhone15で入れたら」), so the value must look like a key.
JA_THEN_VALUE_WEAK = _JA_LEAD + r"(?:なので|だから|で入れ|でログイン|で草)"

# A lock named, then "code" or 「番号」 and its digits a few words on: "Key box is on her gate at
# 5-2-9 Honcho, code 7391", 「玄関横のキーボックス、番号0815で開きます」.
LOCK_CODE = (
    r"(?:\b(?:key\s?box|lockbox|key\s+safe|padlock|combination\s+lock)\b[^\n.]{0,60}?\bcode\s+"
    r"|(?:キーボックス|鍵ボックス|ダイヤル錠|南京錠|番号錠)[^\n。]{0,8}?番号\s*(?:は|:|：)?\s*)"
    r"(\d{4,8})\b"
)

# A licence or product key: groups of three to six capitals and digits joined by dashes.
LICENCE_KEY = (
    r"(?:\b(?:license|licence|product|serial|activation)\s+key|ライセンスキー|プロダクトキー|シリアルキー)"
    r"[^\n。]{0,20}?((?-i:[A-Z0-9]{3,6}(?:-[A-Z0-9]{3,6}){3,}))"
)

# A router's, a server's or a console's login: a user's name first ("the lab router: admin / X").
DEVICE_LOGIN = (
    r"\b(?:router|server|console|nas|vpn|admin\s+panel)\s*[:：][^\n。]{0,20}?"
    r"(?:admin|administrator|root|user|guest|[a-z0-9]+[._@][a-z0-9._@]+)\s*/\s*" + _VALUE
)

# The keyword, then the new value in the next sentence: 「SSHパスワードが変わりました。新しいのは
# Hibari_2027!Nw です」, "The VPN password changed. The new one is X".
NEW_ONE_LATER = (
    _KEYWORD
    + r"[^\n]{0,40}?[。.!！]\s*"
    + r"(?:新しい(?:の|もの|パスワード)|新パスワード|the\s+new\s+one|new\s+one)\s*(?:は|が|is|:|：)\s*"
    + _VALUE
    + r"(?:\s*(?:です|だよ)|[.。!！]?\s*(?:$|\n))"
)

# The keyword, then the value in quotes and a verb that sets it, a clause later:
# 「親のWi-Fiのパスワードがシールのままだったので「Takahashi-Net2027」に変えといた」.
JA_QUOTED_THEN = (
    _KEYWORD + r"[^\n。]{0,40}?[「『\"“]([^\s「」『』\"“”]{4,64})[」』\"”]\s*"
    r"(?:に変わ|に変え|に変更|に設定|にし|になりま|になった|です|だよ|で(?:入|開|解錠))"
)

# The same with an ending that only says what it is (「共通パスワードが「Bank#2026spring」なの、
# 覚えやすすぎ」): a puzzle's answer fits it too (「金庫の暗証番号…「1192」でした」), so the value
# must look like a key.
JA_QUOTED_WEAK = (
    _KEYWORD
    + r"[^\n。]{0,40}?[「『\"“]([^\s「」『』\"“”]{4,64})[」』\"”]\s*(?:なの|なん(?:だ|です)|だった|でした|らしい)"
)

# The keyword, a change, then the new value a few characters on, no full stop between
# (「共用IDのパスがまた変わった…今回は Karte#0415」, "the wifi password changed again, now it's X").
CHANGED_THEN = (
    _KEYWORD
    + r"[^\n。]{0,20}?(?:変わった|変わりました|変更された|変更になった|changed(?:\s+again)?)[^\n。]{0,8}?"
    + r"(?:今回は|今度は|新しいのは|次は|now\s+it['’]?s|it['’]?s\s+now)\s*[\"'「]?"
    + _VALUE
)

# A PIN or door code given in the next sentence ("Door code changed again. New one is 4819#")
# or set a few words on ("override PIN changed to 4471").
PIN_LATER = (
    # (a day may come between: "Back office door code changes Monday to 4826#";
    # 「金庫、番号が 27-08-63 に変わりました」)
    r"(?:\bis|\b(?:it|mine)['’]s|\b(?:has|have|had)\s+been|\bwas|\b(?:still|remains|stays)"
    r"|\b(?:changed|changes|changing|set|reset|switched|switches)\s+(?:(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+)?to|番号が"
    r"|\b(?:takes|uses|needs)\s+(?:the\s+)?code|\bopens\s+with|[:：=→]|は"
    r"|\bcode|まだ|今も"  # "on a keypad now, code 7731", 「暗証番号、まだ 2580# のまま」
    r"|保守モード[、,]?\s*コード"  # 「ATMの保守モード、コード 2580# で入れます」
    # 「暗証番号また変わった。3907。」: the PIN's name, 「変わった」 and the digits as the next sentence
    r"|(?:暗証番号|パスコード|ドアコード|入室コード|解錠番号)(?:が|は|も)?(?:また|今日|今月|さっき|急に)?"
    r"(?:変わ(?:った|りました)|変更(?:した|しました|された|されました|になった))[。、!！]"
    r")(?:\s+now\b)?"  # "Cold room B door code is now 58#203"
    r"\s*(\d{4}-\d{4}#|\d{1,4}#\d{2,6}\b|\d{4,8}(?:[#*]|\b)|\d(?:-\d){3,7}\b|\d{1,2}(?:-\d{1,2}){2,3}\b)"
)

# A PIN or door code changed to the digits, said after them (「サーバ室の暗証番号、監査後に 2580# へ変更になりました」,
# 「暗証番号、また変わって 4827# になってた」);
# the PIN or the lock must be named a few words before (pin_later).
PIN_CHANGED_TO = r"(?:^|[^\d#])(\d{4,8}#?|\d{1,4}#\d{2,6})\s*(?:へ|に)(?:変更|変わ|変え|なって|なった|なりました)"

# A Wi-Fi network named, then its key and a verb of getting on (「スタジオのWi-Fi(MinatoFM-Studio)は
# kaigara_0719 で入れます」): the key must look like one (key_like).
WIFI_JA_THEN = (
    r"(?:wi-?fi|wlan|無線LAN|ワイファイ)[^\n。]{0,40}?(?:は|[:：])\s*"
    r"([A-Za-z0-9][A-Za-z0-9!#$%&*+?@^_~\-.]{5,63})\s*で(?:入れ|つなが|繋が|接続|ログイン)"
)

# A login pair: "login is demo / X", 「ログインは guest / X」, "creds -> qa_bot : X".
LOGIN_PAIR = (
    r"(?:\blog[\s-]?in\b|\bsign[\s-]?in\b|\bcreds?\b|\bcredentials?\b|\baccount\b|\buser(?:name)?\b|\bunlock\b|\b(?:switch|router|firewall|server|admin)\s+console\b"
    r"|ログイン|アカウント|ユーザー名?|認証情報|\bID\b)"
    r"[^\n。]{0,40}?(?:\bis\b|は|[:：=]|→|->|=>|👉)?\s*"
    r"[A-Za-z0-9._@+\-]{2,40}\s*[/|:：]\s*" + _VALUE
)

# The same pair a clause after the word, with " / " between its parts: "staging login if you
# want to poke around: loyalty-qa / Miles#4477" (the pair above stops at "around: loyalty-qa").
LOGIN_SLASH = (
    r"(?:\blog[\s-]?in\b|\bsign[\s-]?in\b|\bcreds?\b|\bcredentials?\b|ログイン|認証情報)"
    r"[^\n。]{0,60}?[\s:：(（]"
    r"[A-Za-z0-9._@+\-]{2,40}\s*/\s*" + _VALUE
)

# The word "password" a clause before an account's name and a value with spaces around their
# " / " (not a URL's "PASSWORD@localhost:5432/app"): 「初期パスワードのまま運用されてて admin /
# Shingo1234 で入れた」.
PASSWORD_SLASH = (
    r"(?:\bpasswords?\b|パスワード)[^\n。]{0,60}?[\s:：(（]"
    # an account's name, not a desk's ("Forgot your password → IT / ext-4410")
    + _ACCOUNT_NAME
    + r"\s+/\s+"
    + _VALUE
)

# A bare pair with no word such as "login" before it: an e-mail address or a user name
# that looks like an identifier (it has a dot, an underscore, a digit or an @), then
# " / " or ": " and the value: "ops.lead@example.com / Hikari_2291", "qa_runner: Zephyr#5517".
# The separator needs its spaces: "a/b" is a path and "a:b" a time or a ratio.
BARE_PAIR = (
    r"(?:^|[\s(（:：→>。、])"
    r"(?:[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"
    r"|[A-Za-z][A-Za-z0-9\-]*[._0-9][A-Za-z0-9._\-]*[A-Za-z0-9._\-])"
    r"(?:\s+/\s*|\s*/\s+|\s*[:：]\s+)" + _VALUE
)

# A password reset or set to a value: "I reset his pw to Winter2026!!", "changed the password to X".
RESET_TO = (
    r"\b(?:reset|changed?|set|updated?|switched)\s+(?:(?:his|her|their|the|my|your|its|our)\s+)?(?:[\w'’-]+\s+){0,2}?"
    + _KEYWORD
    + r"\s+(?:for\s+\S+\s+)?(?:to|as)\s+[\"'「]?"
    + _VALUE
)

# Locked out (or hacked), then the writer's own password reset to a value with no word for it:
# "locked out of the supplier portal today? I reset mine to Haruka2026! and it still fails",
# "Salon Instagram got locked again, reset it to Lumie_Ginza2026!".
RESET_MINE = (
    r"\b(?:locked|lockout|hacked)\b[^\n]{0,80}?"
    r"\b(?:reset|changed|set|updated)\s+(?:mine|it)\s+to\s+" + _VALUE
)

# An account or a login reset to a value, no word for the password ("Ms. Sato's account was
# reset to Welcome2026!"): the value must look like one (reset_mine).
ACCOUNT_RESET_TO = (
    r"\b(?:account|login|log-in|sign-in|profile)\s+(?:was|has\s+been|got|is|gets)\s+(?:just\s+)?reset\s+to\s+" + _VALUE
)

# The keyword, then "noted here:" a sentence later: 「管理画面のパスワード、代理店さんに伝えなきゃ。
# メールより早いのでここにメモ: X」, 「…忘れるからここに書いとく X」.
NOTED_HERE = (
    _KEYWORD
    + r"[^\n]{0,40}?(?:ここに|念のため)[^\n:：→]{0,8}?(?:メモ|書いと|書いて|貼っと)[^\n:：→\s]{0,4}(?:[:：→]\s*|\s+)"
    + _VALUE
)
# ... and in English: "my EMR password … so now it's on a sticky note AND here: X".
NOTED_HERE_EN = (
    _KEYWORD + r"[^\n]{0,60}?\b(?:and|also|so|now|it['’]s)\s+(?:it['’]s\s+)?(?:here|below)\s*[:：→]\s*" + _VALUE
)

# A Wi-Fi network and its key, in one sentence: "Staff wifi for the card reader is HanaTap_Staff / hops4ever2026",
# 「ゲスト用Wi-Fi、今日からこちらです → SHIOMI-GUEST / X」, and after Japanese text with no word between
# (「実家のWi-Fi、…ここに置いとく📝 aterm-7a3f21-g / X」; not "Wi-Fi 6E / Bluetooth5.3").
WIFI_PAIR = (
    r"\b(?:wi-?fi|wlan|ssid|hotspot)\b[^\n。.!?]{0,60}?(?:\bis\b|は|[:：=]|→|->|=>|[^\x00-\x7f]\s)\s*"
    r"(?-i:[A-Za-z0-9._@+\-]*[A-Z0-9_\-][A-Za-z0-9._@+\-]*)\s+/\s+" + _VALUE  # a network's name, not "great"
)

# A plain user name, " / ", and a value that can only be a password: upper and lower case, a
# digit and a symbol ("it's brewops / Ferm3nt!Tank22", 「EDRコンソール soc-night / Hk8$wQ3!zP」).
STRONG_PAIR = r"(?:^|[\s(（:：→>。、])[A-Za-z][A-Za-z0-9\-]{2,30}\s+/\s+" + _VALUE

# A database client's or sshpass's password on its command line: ``mysql -u app -p'X'``,
# ``mysqldump -pX``, ``sshpass -p 'X' ssh …``, ``redis-cli -h host -a 'X'`` (a lone ``-p`` asks for it and holds none).
_DB_CLIENT = r"\b(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump)\b[^\n`]{0,80}?\s-p"
CLI_PASSWORD = (
    _DB_CLIENT + r"['\"]([^\s'\"`]{4,64})['\"]",
    _DB_CLIENT + r"([^\s'\"`-][^\s'\"`]{3,63})",
    r"\bsshpass\s+-p\s*['\"]?([^\s'\"`]{4,64})",
    r"\bredis-cli\b[^\n`]{0,80}?\s-a\s*['\"]?([^\s'\"`]{4,64})",
    # an HTTP client's user:password (``curl -u svc:Hz7!qPw4 https://…``, ``wget --password=X``)
    r"\bcurl\b[^\n`]{0,80}?\s(?:-u|--user)\s*['\"]?[^\s:'\"`]+:([^\s'\"`]{4,64})",
    r"\bwget\b[^\n`]{0,80}?\s--(?:http-|ftp-)?password[=\s]['\"]?([^\s'\"`]{4,64})",
)

# A FIX logon message's Password field (tag 554), fields split by "|", "^" or SOH:
# ``8=FIX.4.4|9=112|35=A|…|553=oms|554=Fx!9vQ2#kLm7|10=203|``.
FIX_LOGON = r"\b8=FIXT?\.[^\n]{0,300}?(?:^|[|^\x01\s])554=([^|^\x01\s]{4,64})"

# A network device's configuration: a password, secret or key with its type number
# (``neighbor 203.0.113.5 password 7 0822455D0A16``, ``enable secret 5 $1$mERr$…``,
# ``username ops password 0 Cisco123``) or an SNMP community (``snmp-server community X RW``).
DEVICE_CONFIG = (
    r"\b(?:password|secret|key)\s+[05-9]\s+(\S{4,64})",
    r"\bsnmp-server\s+community\s+(\S{4,64})",
)

# A temporary or first sign-in given as such: "Temp login is Store#5521".
TEMP_LOGIN = (
    r"\b(?:temp(?:orary)?|initial|default|one-time|first)\s+(?:login|log-in|sign-in)\s*(?:is|[:：=])\s*[\"']?" + _VALUE
)

# The keyword, a comma, then a value that can only be a password: "it's just the printer admin
# password, Kinder#2025".
KEYWORD_COMMA = _KEYWORD + r"\s*[,、]\s*" + _VALUE

# Credentials inside a URL: scheme://user:password@host (or scheme://:password@host).
URL_USERINFO = r"\b[a-z][a-z0-9+.\-]*://[^\s:/@]*:([^\s/@]{3,64})@[\w.\-]+"
# Oracle's user/password@database, in a JDBC URL or on sqlplus's command line
# (``jdbc:oracle:thin:batch_user/Hzb#Ora2026@//10.20.1.15:1521/CORE``, ``sqlplus scott/tiger9@orcl``).
ORACLE_USERINFO = r"(?:\bjdbc:oracle:[a-z]+:|\bsqlplus\s+(?:-[a-z]+\s+)*)[\w$#.]+/([^\s/@\"'`]{3,64})@"

# A quoted literal assigned to a name that holds "password" or "secret", in code or
# configuration: ``password = "open sesame"``, ``'vm_password': "Pass123!@#"``,
# ``secret: "development#product"``. Group 1 is the literal, without its quotes.
QUOTED_ASSIGNMENT = (
    r"(?:[A-Za-z0-9_.\-]*(?:pass(?:word|wd|phrase)?|pwd|secret)[A-Za-z0-9_.\-]*)[\"']?\]?[ \t]*(?::=|=>|[:=])[ \t]*"
    r"[\"']([^\"'\n]{4,64})[\"']"
)

# Words that follow "password" in ordinary sentences and are not a password.
_NOT_A_PASSWORD = frozenset(
    [
        "is",
        "are",
        "was",
        "reset",
        "manager",
        "managers",
        "policy",
        "policies",
        "change",
        "changed",
        "changes",
        "expired",
        "required",
        "protected",
        "strength",
        "hint",
        "hints",
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "for",
        "to",
        "my",
        "your",
        "our",
        "their",
    ]
)
_PLACEHOLDER = LazyRe(
    # (``tiger``: Oracle's manuals' scott/tiger)
    r"^(?:pass(?:word|wd)?|pwd|secret|changeme|example|hunter2|tiger|x+|\*+|\.+|•+|<.*>|\[.*\]|\$\{.*\}|\{\{.*\}\}|%s|redacted)$",
    _stdre.I,
)


def _mixed(value: str) -> bool:
    """Letters together with digits or symbols: how real passwords are written."""
    return bool(_stdre.search(r"[\d!#$%&*+?@^_~]", value)) and bool(_stdre.search(r"[A-Za-z]", value))


# What names a PIN or a door code (「暗証番号」, "passcode", "PIN", "door code"), and its digits.
_PIN_NAMES = (
    r"(?:暗証番号|パスコード|ドアコード|入室コード|解錠番号|"
    + _ALARM_RELEASE
    + r"|\bpass\s?code|(?<![a-z])pin(?![a-z])(?:\s*code|コード)?"
    r"|\b(?:door|gate|entry|access|keypad|alarm|locker|lockbox|key\s?box|key\s+safe|padlock"
    r"|storeroom|store\s+room|stockroom|supply\s+room|server\s+room|drug\s+room)\s+code"
    r"|ドアロック"
    # "the back door … takes code 4719#"
    r"|\b(?:door|gate|entrance|lock)\b[^.\n]{0,40}\bcode\b|\b(?:gate|door|cabinet|locker|box|padlock|combination)\s+lock\b"
    # "the staff door by loading dock B opens with 4471#", 「フロント奥の金庫、番号変わりました→ 0829」
    r"|\b(?:door|gate|entrance|safe|lock|locker)\b[^.\n]{0,40}\bopens\s+with\b|金庫[^\n。]{0,8}(?:番号|暗証|ダイヤル)"
    r"|\bkeypad\b|\blockbox\b|\bkey\s?box\b|\bkey\s+(?:safe|cabinet)\b|\bpadlock\b|\blocker\s+(?:combo|combination)\b"
    r"|\blocker\s+(?:no\.?\s*|#)?\d{1,4}\s+(?:combo|combination|code)\b"  # "Locker 112 combo is 0719"
    r"|\bmaintenance\s+mode\s+code\b|保守モード"  # an ATM's
    # "the Pyxis override code", "Locker room code", 「通用口の入館コード」「門のコード」
    r"|\boverride\s+(?:code|pin)\b|\b(?:locker|store|stock|supply|server|break|staff|control|plant|tool)\s+room\s+code\b"
    r"|(?:門|扉|門扉|入口|玄関|通用口|裏口|勝手口|ゲート|ロッカー|倉庫)の?(?:暗証|コード|番号)|入館コード|入場コード|解錠コード|開錠コード"
    r"|キーロック|テンキー|ダイヤル錠|番号錠|キーボックス|鍵ボックスの番号|南京錠|オートロック|鍵の番号|ロックの番号)"
)
# "4819#", "7731*", "4-8-1-9-0", "4471-9902#" (not a span of years, "2019-2029")
_PIN_VALUE = LazyRe(r"\d{4,8}[#*]?|\d(?:-\d){3,7}|\d{4}-\d{4}#|\d{1,4}#\d{2,6}")
_PIN_NAMED = LazyRe(_PIN_NAMES, _stdre.I)  # named a few words before the digits
# A door said to "be" digits ended by a keypad's "#" ("the crew room door on the T1 side is 4827# now").
_KEYPAD_DOOR = LazyRe(r"\b(?:door|gate|entrance)\b[^.\n]{0,40}$", _stdre.I)
# "27-14-39" is a combination only where a combination lock is named (else a date: 3-15-25).
_COMBO_VALUE = LazyRe(r"\d{1,2}(?:-\d{1,2}){2,3}")
_COMBO_NAMED = LazyRe(
    r"\bcombo\b|\bcombination\b|\bpadlock\b|\bdial\b|\bsafe\b|ダイヤル錠|南京錠|番号錠|ロッカー|金庫", _stdre.I
)
# Named right before them: 「暗証番号は 4826」, "the passcode is 7391", "PIN: 0420".
_PIN_KEYWORD = LazyRe(_PIN_NAMES + r"\W{0,4}(?:is|は)?\W{0,3}$", _stdre.I)


def _trimmed(value: str) -> str:
    """The value without the sentence's punctuation after it, nor a ")" that closes the
    draft's own bracket ("(pw: abc123)"); a ")" the value starts with stays (")t#6PcdY")."""
    value = value.strip().rstrip(".,;:!。、")
    while value.endswith(")") and value.count(")") > value.count("("):
        value = value[:-1].rstrip(".,;:!。、")
    return value


_CLOSING = {'"': '"', "'": "'", "「": "」", "『": "』", "“": "”"}


def _quoted(text: str, s: int, e: int) -> bool:
    """The value stands between a pair of quotes: written as a literal."""
    return s > 0 and e < len(text) and _CLOSING.get(text[s - 1]) == text[e]


# Quoted values listed as what not to choose: 「「password123」や「aozora2026」みたいな推測しやすいものはNG」,
# '"Summer2024!" or "Tokyo123" are the first ones tried'.
_LISTED_AS_EXAMPLES = LazyRe(
    r"[」』\"'”]\s*(?:(?:や|とか|、|,|or|and)\s*[「『\"'“][^」』\"'”\n]{1,30}[」』\"'”]\s*)*"
    r"(?:みたいな|のような|などの?|とかの?)[^\n。]{0,20}(?:推測|NG|ダメ|だめ|避け|危ない|危険|弱い|使わない|やめ)"
    r"|[\"'”]\s*(?:(?:,|or|and)\s*[\"'“][^\"'”\n]{1,30}[\"'”]\s*)*(?:,\s*)?(?:is|are)\s+(?:a\s+|the\s+)?"
    r"(?:bad|weak|terrible|easy\s+to\s+guess|first\s+ones?\s+(?:tried|guessed)|most\s+common)",
    _stdre.I,
)


def _listed_as_example(text: str, s: int, e: int) -> bool:
    """A quoted value the sentence lists as an example of what not to choose."""
    opened = (s > 0 and text[s - 1] in _CLOSING) or text[s : s + 1] in _CLOSING  # 「 before or at the value
    return opened and bool(_LISTED_AS_EXAMPLES.match(text, e))


def _literal(value: str) -> bool:
    """A quoted value that is a password whatever its letters ("open sesame", 'blooberry'):
    not a common word after "password is", not a placeholder or a template."""
    return (
        len(value) >= 4
        and value.lower() not in _NOT_A_PASSWORD
        and not _PLACEHOLDER.match(value)
        and not is_placeholder(value)
    )


def _pin_named(text: str, value: str, s: int) -> bool:
    """The value has a PIN's shape and a PIN or a lock is named a few words before it."""
    before = text[max(0, s - 80) : s]
    if _PIN_VALUE.fullmatch(value):
        return bool(_PIN_NAMED.search(before) or (value.endswith("#") and _KEYPAD_DOOR.search(before)))
    return bool(_COMBO_VALUE.fullmatch(value) and _COMBO_NAMED.search(before))


def _cased_with_digit(value: str) -> bool:
    """Upper- and lower-case letters and a digit: how a password looks on its own."""
    return bool(_stdre.search(r"[A-Z]", value) and _stdre.search(r"[a-z]", value) and _stdre.search(r"\d", value))


_JA_GOES_ON = LazyRe(r"\s*[ぁ-んァ-ヶ一-龯]")


def key_like(text: str, match: str, s: int, e: int) -> bool:
    """A value after a weak ending: it must look like a key (a symbol, or upper case, lower
    case and a digit), not like a device's name (「iPhone15」「Windows11」)."""
    value = _trimmed(match)
    if match.strip().endswith("!") and _JA_GOES_ON.match(text, e):
        value = match.strip()  # 「Shinonome2024! で草」: the sentence goes on, so the "!" is the value's
    if _stdre.fullmatch(r"[A-Za-z]+\d{1,4}", value) or _WEAK_EXAMPLE.match(value):
        return False  # a device's name (「iPhone15」) or the weak password everyone knows (「Password1! で草」)
    strong = bool(_stdre.search(r"[!#$%&*+?@^_~\-.]", value)) or _cased_with_digit(value)
    return strong and distant(text, match, s, e)


def reset_mine(text: str, match: str, s: int, e: int) -> bool:
    """A value the writer reset their own sign-in to, no word "password" said: only one
    that looks like a password (upper and lower case and a digit), not "1080p60" or "dark"."""
    return _cased_with_digit(_trimmed(match)) and distant(text, match, s, e)


def new_one(text: str, match: str, s: int, e: int) -> bool:
    """A new password named a sentence later, unless it reads as a description ("20-characters")."""
    value = _trimmed(match)
    if _stdre.search(r"-[a-z]+$", value):
        return False  # "20-characters", "2FA-protected", "ISO27001-based"
    return distant(text, match, s, e)


# A sum of money: "revenue will pass $700B", "pass ¥1.2M" (the verb, not a password).
_AMOUNT = LazyRe(r"[$¥￥€£]\d[\d,.]*(?:k|m|b|bn|mn|tn)?", _stdre.I)


# A pass that is a ticket, not a password: a named one ("Mori Pass MP-29174063", "my season
# pass"), 「年パス」「フリーパス」. Only when no other word for a password is nearer the value.
_TICKET_PASS = LazyRe(
    r"(?:(?-i:\b[A-Z][\w'’&-]*[ \t]+Pass(?:es)?)|\b(?:annual|season|day|week|month|year|yearly|boarding|bus|train|rail"
    r"|metro|ski|museum|park|festival|gym|guest|visitor|member|members|backstage|press|all-access|fast|hall|event|parking)"
    r"[ \t-]?pass(?:es)?"
    r"|(?:年|年間|フリー|デー|ファスト|シーズン|定期|周遊|乗り放題|一日|1日|１日|ワンデー|パーク|入場|駐車)パス)"
    r"(?![A-Za-z0-9_ァ-ヶー])(?:(?!password|passcode|パスワード|パスコード|暗証|\bpw\b|\bpin\b)[^\n])*$",
    _stdre.I,
)


def _ticket_pass(text: str, s: int) -> bool:
    """The keyword before the value at ``s`` is a ticket's pass, not a password's."""
    return bool(_TICKET_PASS.search(text, max(0, s - 80), s))


def labelled(text: str, match: str, s: int, e: int) -> bool:
    """A value right after the keyword: anything mixed that is not a common word or a
    placeholder, a quoted literal, or the digits of a PIN after 暗証番号 / passcode."""
    if _ticket_pass(text, s):
        return False
    value = _trimmed(match)
    if value.lower() in _NOT_A_PASSWORD or len(value) < 4 or _AMOUNT.fullmatch(value):
        return False
    if value.startswith(("@", "/")) or "://" in value:
        return False  # "user:password@host" (a URL) or "password/..." (a path)
    if value.startswith(("}", ">", "]")):
        return False  # the keyword named a placeholder's variable ("${DB_PASSWORD}@localhost:5432/app")
    if _PIN_VALUE.fullmatch(value) and len(set(value)) > 1 and _PIN_KEYWORD.search(text[max(0, s - 24) : s]):
        return True  # a PIN's digits, a keypad's "#" after them ("PIN 7788", 「暗証番号 5580#」)
    if _PLACEHOLDER.match(value) or is_placeholder(value):
        return False  # "${DB_PASSWORD}", "<your password>", "xxxxxxxx"
    if _listed_as_example(text, s, e):
        return False
    if _quoted(text, s, e) and _literal(match):
        return True
    return _mixed(value)


def distant(text: str, match: str, s: int, e: int) -> bool:
    """A value some words after the keyword, or in a login pair: the stricter test,
    since more of the sentence lies between the keyword and the value."""
    if _ticket_pass(text, s):
        return False
    value = _trimmed(match)
    if _pin_named(text, value, s):
        return True  # the digits of a PIN or a door code named a few words earlier
    if _listed_as_example(text, s, e):
        return False  # 「「password123」や「aozora2026」みたいな推測しやすいものはNG」
    if _quoted(text, s, e) and _literal(match):
        return True  # 'the default password is "blooberry"'
    if len(value) < 6 or "://" in value or value.startswith(("/", "http", "www.")):
        return False
    if text[s - 1 : s] == ":" and _stdre.match(r"\d{2,5}(?:/|$)", value):
        return False  # a host's port and path ("${DB_PASSWORD}@localhost:5432/app")
    if _PLACEHOLDER.match(value) or is_placeholder(value):
        return False  # "your_password_here", "<password>", "xxxxxxxx"
    # Letters and digits, or letters and symbols; a product name such as "1Password" or a
    # plain CamelCase word is not enough on its own.
    if _stdre.fullmatch(r"\d?[A-Z]?[a-z]+(?:[A-Z][a-z]+)*", value):
        return False
    return _mixed(value)


# Passwords everyone knows as the weak ones: named a clause after the word, they are examples
# ("people who still set their password to 「password123」").
_WEAK_EXAMPLE = LazyRe(
    r"^(?:password|passw0rd|qwerty|letmein|iloveyou|abc|admin|welcome)\d*!?$"
    r"|^(?:1234567?8?9?0?|654321|111111|000000)$",
    _stdre.I,
)


def quoted_then(text: str, match: str, s: int, e: int) -> bool:
    """A quoted value a clause after the word, then a verb that sets it: the stricter test, and
    never one of the passwords everyone knows as weak."""
    return not _WEAK_EXAMPLE.match(_trimmed(match)) and distant(text, match, s, e)


def bare_pair(text: str, match: str, s: int, e: int) -> bool:
    """A value paired with a user name and no keyword: it must look like a password on its
    own, with upper- and lower-case letters and a digit ("build_0412", "Bob_Jones" are names)."""
    value = _trimmed(match)
    if "/" in value or value.startswith("@") or _EMAILISH.fullmatch(value):
        return False  # a path, a handle or a second address
    return distant(text, value, s, e) and _cased_with_digit(value)


_EMAILISH = LazyRe(r"[^@\s]+@[\w-]+(?:\.[\w-]+)+")


# What a sentence says of a login after it: "admin / Pulse2026! works for the manager screen".
_LOGIN_GOES_ON = LazyRe(
    r" (?:works?|worked|gets?|got|lets?|opens?|should|will)\b"
    r"|\s*で(?:入|ログイン|開|見|確認|い|OK)"  # 「admin / Hoshi2026!! で入って確認しました」
)


def strong_pair(text: str, match: str, s: int, e: int) -> bool:
    """A value after a plain user name: only with all four kinds of character, eight or more
    ("Ferm3nt!Tank22"; not "Xbox360", "t3.large"). A "!" the sentence goes on after in lower
    case is the value's own ("admin / Pulse2026! works for the manager screen")."""
    value = _trimmed(match)
    if match.endswith("!") and _LOGIN_GOES_ON.match(text, e):
        value = match
    return (
        len(value) >= 8
        and _cased_with_digit(value)
        and bool(_stdre.search(r"[!#$%&*+?@^~]", value))  # "_" joins a handle's words: Sarah_Runs42
        and bare_pair(text, match, s, e)
    )


def in_url(_text: str, match: str, _s: int, _e: int) -> bool:
    """The password part of ``user:password@host``, unless it is a placeholder, or a
    port number and the quotes of code around a URL (``'https://host:8000';@x``)."""
    if _stdre.fullmatch(r"\d{1,5}\W*", match) or any(q in match for q in "\"'`"):
        return False
    return not _PLACEHOLDER.match(match) and not is_placeholder(match) and len(set(match)) > 1


_QUOTED_NAME = LazyRe(r"([A-Za-z0-9_.\-]+)[\"']?\]?[ \t]*(?::=|=>|[:=])[ \t]*[\"']$")
_PASSWORD_WORDS = frozenset({"password", "passwd", "pass", "pwd", "passphrase", "secret"})


def quoted_assignment(text: str, match: str, s: int, e: int) -> bool:
    """A quoted literal assigned to a password's or a secret's name (read word by word:
    ``my_password_super_secure``, ``vm_password``; not ``passwordVariable``, ``SECRET_NAME``)."""
    if not _quoted(text, s, e):
        return False
    m = _QUOTED_NAME.search(text, max(0, s - 80), s)
    if m is None:
        return False
    words = name_words(m.group(1))
    if not words or words[-1] in REFERENCE_WORDS or not any(w in _PASSWORD_WORDS for w in words):
        return False
    return _literal(match) and "://" not in match


_YEAR = LazyRe(r"(?:19|20)\d\d")
_SET_TO = LazyRe(r"(?:\bit['’]s|\bto|\bwas|\bbeen|\bstill|\bremains|\bstays)\s*$", _stdre.I)
# A year used as one: "2019 models", "2021's best upgrade", "2024 compliant", 「2025年」.
_YEAR_USED = LazyRe(r"\s*(?:['’]s\b|[A-Za-z]{2,}|年)|[./]\d")  # and 「2025年4月から」「2024.4から」


_PRICE_AFTER = LazyRe(r"\s*(?:yen|円|dollars?|bucks|usd|jpy|eur|euros?|pounds?)\b|\s*[円€£$]", _stdre.I)


# A sale's code, not a lock's ("this padlock is 30% off with code 5050").
_SALE_WORDS = LazyRe(r"%|\b(?:off|discount|promo|coupon|sale|voucher)\b|割引|クーポン|セール", _stdre.I)
_COUNTED = LazyRe(r"[通個回円年人件桁]")  # digits that count something (「10000通り」)


def lock_code(text: str, match: str, s: int, e: int) -> bool:
    """A lock's code a few words after the lock, unless the words are a sale's or the
    digits count something (「10000通り」)."""
    if _SALE_WORDS.search(text, max(0, s - 60), s) or _COUNTED.match(text, e):
        return False
    return pin_later(text, match, s, e)


def pin_later(text: str, match: str, s: int, e: int) -> bool:
    """Digits after "is" or a colon count only when a PIN or a door code was named just before.
    After "it's", "changed to", "was" or "still", or followed by a word, a year is a year ("PIN
    reset to 2024 defaults", "the PIN pads are still 2019 models")."""
    value = match.strip()
    if not _pin_named(text, value, s) or _PRICE_AFTER.match(text, e) or len(set(value)) == 1:
        return False  # "the door lock is 3500 yen" is a price; "code 0000" is a default
    if _SALE_WORDS.search(text, max(0, s - 24), s):
        return False  # "This padlock is 30% off with code 5050 today": a coupon's code
    year = _YEAR.fullmatch(value) is not None
    return not (year and (_SET_TO.search(text, max(0, s - 12), s) or _YEAR_USED.match(text, e)))
