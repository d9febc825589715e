"""Telephone, bank account and payment card numbers, validated by the libraries of the field.

An RE2 pattern finds candidates cheaply (one linear pass over the draft); each candidate is
then judged here: phone numbers by libphonenumber (``phonenumbers``: every region's
numbering plan), IBANs by their ISO 7064 check digits and country format
(``python-stdnum``), card numbers by the Luhn digit and the issuers' number ranges.
Each judgement looks at a bounded window around the candidate, so the whole stays linear
in the draft's length.
"""

from __future__ import annotations

import re as _stdre
from functools import cache, lru_cache

from bot.runtime.compiled import LazyRe

# phonenumbers and python-stdnum are imported where they are first used: a process that
# only answers questions never pays for loading their data.

# ------------------------------------------------------------------ telephone numbers

# A candidate: an optional + or (area code), then digits in groups separated by one space,
# dash, dot or bracket, and an optional extension. Spaces only within a line.
# Japanese text also writes the dashes as ‐ − ― or the long-vowel mark ー; German and
# others put a slash after the area code (030/1234567).
_DASHES = "‐‑‒–—―−ー"
PHONE_PATTERN = (
    r"(?:\+[ ]?)?(?:\(\d{1,5}\)[ .\-DASHES]?)?\d(?:[ ./\-DASHES]?(?:\(\d{1,4}\)[ .\-DASHES]?)?\d){5,20}"
    r"(?:[ ]?(?:x|ext\.?|内線)[ ]?\d{1,5})?|\d{2,4}\(\d{2,4}\)\d{4}"
).replace("DASHES", _DASHES)
_TO_HYPHEN = str.maketrans(dict.fromkeys(_DASHES, "-"))

_EXTENSION = LazyRe(r"\s*(?:x|ext\.?|内線)\s*\d{1,5}$", _stdre.I)
_IPV4 = LazyRe(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_DATE = LazyRe(
    r"^(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}|^\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d\d$|^\d{1,2}\.\d{1,2}\.\d{2}$"
)
# Numbers labelled as an order, ticket or booking reference are not phone numbers.
_ID_LABEL = LazyRe(
    r"(?:\b(?:order|invoice|tracking|ticket|ref|reference|case|booking|confirmation|serial|item|sku|id|isbn|issn"
    r"|ean|upc|gtin|jan|barcode|account|acct|iban|card|cc|policy|member(?:ship)?|customer|patient|employee|student)"
    r"(?:\s*(?:no\.?|number|#|id|code))?|#|注文番号|伝票番号|会員番号|受付番号|管理番号|問い合わせ番号|追跡番号|品番|型番"
    r"|口座番号|カード番号|社員番号|学籍番号)\s*(?:is\s+|は\s*)?[:：#.]?\s*$",
    _stdre.I,
)
# A Japanese mobile number written as one: 070/080/090, then 4 and 4 digits.
_JP_MOBILE = LazyRe(r"^0[789]0-\d{4}-\d{4}$")
_CALL_US_BACK = LazyRe(r"\bcall\s+us\s+back\b", _stdre.I)
# Without a + or a trunk 0, only the North American shape is a phone number on its own.
_NANP = LazyRe(r"^\(?[2-9]\d{2}\)?[\s.-]?\d{3}[\s.-]\d{4}$")
_TOLL_FREE = LazyRe(r"^(?:0120|0800|0570|(?:\+?1[\s.\-]?)?\(?8(?:00|88|77|66|55|44|33)\)?)[\s.\-]?\d")
# A shop or a service recommended with its number: what follows says to call it to book or
# ask ("… if you ever need them", "… if you want to call ahead", 「電話予約がおすすめ」) or gives its
# closing day (「、火曜定休です」); or the sentence before gives its opening days (「水曜定休」「営業時間」).
_CALL_THE_BUSINESS_AFTER = LazyRe(
    r"[\s)）]*[.,、。]?\s*(?:if\s+you\s+(?:ever\s+)?(?:need|want)\s+(?:them|their\s+\w+|to\s+(?:call\s+ahead|book|reserve|order))"
    r"|to\s+(?:book|reserve|order|call\s+ahead|hold\s+(?:some|one|a\s+few|yours)|pre-?order)\b|for\s+(?:bookings|reservations|takeout|takeaway|delivery)\b)"
    r"|[^\n]{0,30}(?:電話予約|予約がおすすめ|予約必須|要予約|予約できます|予約できる|予約可|予約しておく|予約しておけば|取り置き)"
    # where it is published, in brackets ("(it's on their Google listing)")
    r"|\s*[(（]\s*(?:it['’]?s\s+)?on\s+(?:their|its|the)\s+(?:google\s+listing|website|site|page|menu)"
    # its closing or opening time right after ("Menya Taiyo, 044-211-3870, closes at 9")
    r"|\s*[,、]\s*(?:closes|opens|open|closed)\s+(?:at|till|until|from|by)\s+\d"
    # its closing day right after (「電話は0263-32-5810、火曜定休です」)
    r"|\s*[、,]\s*(?:(?:[月火水木金土日](?:曜日?)?(?:・[月火水木金土日](?:曜日?)?)*|土日祝?|不)定休|年中無休)"
    # its opening hours in brackets ("(weekdays 10:00-17:00)", 「（平日10時〜17時）」)
    r"|\s*[(（]\s*(?:weekdays|daily|every\s+day|mon(?:day)?s?\s*[-–~〜to]+\s*(?:fri|sat|sun)\w*|平日|毎日|月[〜~～ー-]金|土日祝?|受付時間|営業時間)"
    r"[^)）\n]{0,6}\d{1,2}(?:[:：]\d{2}|時)"
    # or the hours alone ("(10:00-18:00)", 「（10時〜19時）」)
    r"|\s*[(（]\s*\d{1,2}(?:[:：]\d{2}|時)\s*[-–~〜～]\s*\d{1,2}(?:[:：]\d{2}|時)\s*[)）]",
    _stdre.I,
)
# A log's field named for a message's recipient or sender or a phone, then a Japanese mobile number.
_LOG_FIELD = LazyRe(r"\b(?:to|from|msisdn|recipient|mobile|phone_number|phone|tel|telephone|cell)=$", _stdre.I)
# Words that make a number a person's, not a business's: "call me at", "his mobile is", "the
# shop owner on", 「高橋さん(直通 …)」, 「窓口担当の佐藤」.
_PERSON_WORDS_EN = r"\b(?:me|my|his|her|their|mobile|cell|owner)\b"
# (a shop, 「パン屋さん」, is no person, and neither is a shop's own line, 「ショップ直通」)
_PERSON_WORDS_JA = r"私|僕|自分|(?<!屋)さん|様|くん|(?<!ショップ)(?<!店舗)(?<!売場)(?<!窓口)(?<!店)直通|携帯|担当"
# ... and, before a shop's number given to book, also "text Ken on", "Ken's home number", 「実家の電話」.
_PERSON_BEFORE = LazyRe(
    _PERSON_WORDS_EN
    + r"|\b(?:him|them|text|txt|whatsapp|mum|mom|dad|wife|husband|home|mr|mrs|ms|dr)\b"
    + r"|\w['’]s\s+(?:number|phone|landline)|"
    + _PERSON_WORDS_JA
    + r"|ちゃん|実家|自宅|家の電話",
    _stdre.I,
)
# What may stand between a business's words and its number: anything but a person's word.
# (an e-mail address given before the number counts as one step: "our press office at press@… or +81-…")
_NO_PERSON_UP_TO_NUMBER = (
    r"(?:(?!" + _PERSON_WORDS_EN + "|" + _PERSON_WORDS_JA + r")(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[^\n。.])){0,25}$"
)
_SHOP_HOURS_BEFORE = LazyRe(
    r"(?:定休|営業時間|営業日|電話で(?:確認|予約|取り置き|注文)|電話予約|予約して|予約(?:なし|不要|がおすすめ|必須|可)|要予約|時間営業"
    # its opening days in English ("Open Sundays too: 03-…")
    r"|\bopen\s+(?:on\s+)?(?:sundays|saturdays|weekends|daily|every\s+day|late|24/7|24\s+hours)"
    # a desk's hours ("our Osaka support desk stays open until 8pm through Golden Week. Call 06-…")
    r"|\b(?:desk|line|office|counter|centre|center)\s+(?:is\s+|stays\s+)?open\s+(?:until|till|from|weekdays|daily)"
    # how to book ("Book by calling Hinode Nagoya Minato at 052-…")
    r"|\b(?:book|reserve|order|enquire|inquire)\s+by\s+(?:calling|phoning|ringing))[^\n]{0,40}$",
    _stdre.I,
)
# A published line said so right after the number.
_BUSINESS_AFTER = LazyRe(
    # (「(公式サイト掲載の代表番号)」: a few words may describe it)
    r"\s*[(（][^)）\n]{0,15}?(?:main(?:\s+line)?|office|switchboard|reception|front\s+desk"
    r"|代表|代表番号|代表電話|本社|受付|窓口)[)）]",
    _stdre.I,
)
_BUSINESS_LINE = LazyRe(
    r"(?:front\s+desk|reception\s+desk|hotline|help\s?line|customer\s+(?:service|support)"
    r"|call(?:ed|ing)?\s+(?:us|(?:our|the)\s+(?:[\w-]+\s+){0,2}?(?:store|shop|office|salon|clinic|hotel|showroom|branch|restaurant|reception|box\s+office|caf[eé]|bar|bakery|pharmacy|counter))"
    r"|\b(?:call|ring|phone|contact)(?:ing)?\s+(?:reception|front\s+desk|the\s+front\s+desk)\b"
    r"|\bcall\s+ahead(?:\s+for\s+(?:groups|a\s+table|bookings|parties))?\s*(?:(?:on|at)\b|[:：])"
    r"|service\s+(?:counter|desk)|(?:店|店舗|支店|営業所|窓口|事務所|本社)の(?:電話番号|番号|電話)"
    # a team's desk or line ("the graduate recruiting desk on", 「新卒採用窓口(」)
    r"|(?:recruiting|recruitment|careers|admissions|booking|appointments?|reservations?|help|information|enquiries|inquiries|support|sales"
    r"|care|service|supporter|donor)\s+(?:desk|line|office)|(?:customer|supporter|donor|guest)\s+care\s+team"
    # a centre that takes bookings or calls ("The reservation centre is", "our viewer centre on")
    r"|\b(?:reservation|booking|appointment|call|contact|customer|service|information|visitor|viewer)s?\s+cent(?:re|er)\b"
    # the hotel's own desks ("our lost & found team is on", "call the concierge on")
    r"|(?:our|call(?:ing)?(?:\s+(?:the|our))?|contact(?:\s+(?:the|our))?)\s+(?:lost\s*(?:&|and)\s*found|concierge|guest\s+(?:services|relations))"
    r"|(?:採用|相談|お問い合わせ|問い合わせ|受付|予約)窓口|(?:受付|お客様|コール|予約|相談|サポート|案内)センター|相談室"
    # an office or a shop of an organisation named as such, the number in brackets
    # (「入試課（」「学生支援センター(」「渋谷店(」「空港カウンター(」)
    r"|[一-龯ァ-ヶー]{1,8}(?:課|事務局|事務室|センター|デスク|署|役所|役場|店|支店|本店|営業所|カウンター|窓口)\s*[（(]"
    r"|press\s+(?:office|desk)|広報部|広報室|広報窓口"
    # an office's main line or switchboard ("The Osaka office is now on the 14th floor. Main line 06-…")
    r"|\bmain\s+(?:line|number|switchboard|reception)|\bswitchboard|\boffice\s+(?:line|number|phone)"
    r"|\bpublic\s+(?:phone|number|line)|\bwalk-?ins\b"
    # a number that is on the business's own website ("their number's on their website, 360-…")
    r"|\b(?:number|phone)(?:['’]s|\s+is)?\s+on\s+(?:their|its|the)\s+(?:website|site|google\s+listing|page)"
    r"|\b(?:counter|store|shop|branch|pharmacy|reception|showroom|salon|clinic|studio)\s+(?:number|phone|line|tel)\b"
    # orders taken by phone ("Pre-orders for new-crop rice by phone at 0263-…")
    r"|\b(?:pre-?orders?|orders|bookings|reservations)\b[^\n.]{0,40}?\bby\s+phone\s+(?:at|on)\b"
    # a shop's line for orders ("Call-ahead line is", "the takeout number")
    r"|\b(?:call-?ahead|take-?out|take-?away|to-?go|order(?:ing)?)\s+(?:line|number)\b"
    r"|our\s+(?:store|shop|office|salon|clinic|hotel|showroom)"
    # a shop named by its place ("Reach the Kichijoji store on")
    r"|\b(?:reach|call|ring|phone|contact)\s+the\s+(?:[\w-]+\s+){0,2}?(?:store|shop|branch|salon|clinic|showroom|restaurant|office)\s+(?:on|at)"
    # a public institution named as such ("Call Central Library on", "ring Hollinsford Museum at")
    r"|\b(?:reach|call(?:ing)?|ring(?:ing)?|phon(?:e|ing)|contact(?:ing)?)\s+(?:the\s+)?(?-i:(?:[A-Z][\w&'-]*\s+){1,3})(?:library|museum|gallery|archives"
    r"|cent(?:re|er)|hospital|school|station|town\s+hall|council|surgery)\s+(?:on|at)\b"
    r"|代表番号|代表電話|店舗代表|支店代表|本店代表|店舗の電話|店舗|フロント|電話受付"
    r"|\btakes?\s+(?:phone\s+|pick-?up\s+|collection\s+|group\s+|table\s+|counter\s+|party\s+|lunch\s+|dinner\s+)?(?:pre-?)?(?:bookings|reservations|orders)(?:\s+by\s+phone)?|\bthey\s+take\s+calls|予約(?:は|受付)"
    # a shop that offers takeout ("They do takeout too, call 03-…")
    r"|\bthey\s+(?:do|offer)\s+(?:takeout|take-out|takeaway|delivery|catering)\b"
    # a line open day and night ("their 24h line", "the 24/7 number")
    r"|(?:\bthe|\btheir|\bits|\w['’]s?)\s+(?:24h|24hr|24-hour|24-hr|24/7|round-the-clock)\s+(?:line|number|hotline|phone)"
    # an institution's main line (「病院代表」「市役所代表」)
    r"|(?:病院|医院|本院|分院|クリニック|大学|学校|本部|市役所|区役所|役場|会社)代表)"
    # not a person's (the words above)
    + _NO_PERSON_UP_TO_NUMBER
    # a line with its opening hours ("our admissions office line is open weekdays 9:00-17:00:")
    + r"|\b(?:line|desk|office|counter|centre|center)\s+(?:is\s+)?open\s+(?:weekdays|daily|every\s+day|mon|from|\d)"
    r"(?:(?!" + _PERSON_WORDS_EN + r")[^\n。.]){0,25}$"
    # "our Osaka office on", "our Shibuya flagship store:": the place named right before the number
    r"|our\s+(?:[\w-]+\s+){1,2}?(?:store|shop|office|salon|clinic|hotel|branch|restaurant|showroom)(?:'s)?"
    # "our Tokyo office reception is"
    r"(?:\s+(?:reception|switchboard|main\s+line|front\s+desk|customer\s+line|booking\s+line))?"
    r"(?:\s+(?:on|at|is|number|line|phone|tel))*\s*[:：]?\s*$",
    _stdre.I,
)
# Enquiries, takeout or delivery orders ("takeout orders on", 「お問い合わせは」「テイクアウトは」), or
# a number offered to customers (「お電話(0279-…)またはWebから」): a
# business's number, unless a person is named or it is a mobile ("お問い合わせは090-1234-5678(田中)まで").
_ENQUIRIES_BEFORE = LazyRe(
    r"(?:お問い?合わせ(?:先|は|[:：])|(?:テイクアウト|出前|デリバリー)(?:は|の注文は|[:：])|お電話(?:[(（:：]|は|にて)"
    r"|\b(?:takeout|takeaway|delivery|catering)\s+(?:orders?\s+)?(?:on|at|via|[:：]))" + _NO_PERSON_UP_TO_NUMBER,
    _stdre.I,
)
# Words that say a number is a telephone number, just before it or right after it. They let
# a number written in a national format with no trunk prefix count ("Mobile: 737 219 628",
# "call me on 450 0840", "416 60 039 office").
_PHONE_WORD_BEFORE = LazyRe(
    r"(?:\b(?:phone|tel|telephone|mobile|cell|cellphone|fax|desk|whats\s?app|sms|call(?:ed|ing)?|ring|text(?:ed)?"
    r"|reach|dial|answer(?:ing)?|messages?\s+to|(?:my|his|her|their|your|phone|contact|mobile|home|work|cell)"
    r"\s+(?:\w+\s+)?(?:number|no\.?))\b|電話|携帯|ケータイ|連絡先|固定電話|内線)[^\n\d]{0,24}$",
    _stdre.I,
)
_PHONE_WORD_AFTER = LazyRe(r"\s*\(?(?:mobile|cell|office|home|work|fax|tel|phone|携帯|自宅)\b", _stdre.I)
_URL_START = LazyRe(r"(?:https?://|www\.)\S*$")
# Bytes of a hex dump ("can0  18DA10F1   [8]  06 50 03 00 32 01 F4 AA"): two-digit groups
# with another byte beside them.
_BYTE_GROUPS = LazyRe(r"^\d{2}(?: \d{2})+$")
_BYTE_BEFORE = LazyRe(r"(?:^|\s)[0-9A-Fa-f]{2} $")
_BYTE_AFTER = LazyRe(r" [0-9A-Fa-f]{2}(?:\s|$)")


@cache
def _regions() -> tuple[str, ...]:
    """Regions tried for a number in a national format, the most frequent senders first;
    the first region whose plan says the number is valid ends the search."""
    import phonenumbers

    return ("JP", "US", "GB", *sorted(set(phonenumbers.SUPPORTED_REGIONS) - {"JP", "US", "GB"}))


def _ascii_alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


@lru_cache(maxsize=4096)
def _international(number: str) -> bool:
    """``+CC…``: a number libphonenumber can place in its country's plan."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_possible_number(parsed))


@lru_cache(maxsize=4096)
def _national(number: str) -> bool:
    """A national number valid in some region's plan."""
    import phonenumbers

    for region in _regions():
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return True
    return False


def phone(text: str, match: str, start: int, end: int) -> bool:
    compact = match.strip().translate(_TO_HYPHEN)
    main = _EXTENSION.sub("", compact)
    digits = "".join(c for c in main if c.isdigit())
    if not 7 <= len(digits) <= 15 or _DATE.match(main) or _IPV4.match(main):
        return False
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    # ASCII only: in Japanese a number sits right next to kana ("電話は090-...です").
    dotted = before == "." and start > 1 and text[start - 2].isdigit()
    # A log's field ("to=+81-90-6624-1837", "tel=090-6618-2047") holds a Japanese mobile number.
    field = (
        before == "="
        and _LOG_FIELD.search(text, max(0, start - 12), start) is not None
        and (_stdre.match(r"\+81[\s-]?[789]0", main) is not None or _JP_MOBILE.match(main) is not None)
    )
    if _ascii_alnum(before) or _ascii_alnum(after) or (before in "/=_-#" and not field) or dotted or after in "/_:":
        return False  # part of a longer token: an id, a URL path, a version, a time
    if after in ".-" and end + 1 < len(text) and text[end + 1].isdigit():
        return False  # a longer dotted or dashed number
    if _ID_LABEL.search(text, max(0, start - 30), start) and not _JP_MOBILE.match(main):
        return False  # (a Japanese mobile number in its 3-4-4 shape is one whatever precedes it)
    if _BYTE_GROUPS.match(match.strip()) and (
        _BYTE_BEFORE.search(text, max(0, start - 4), start) or _BYTE_AFTER.match(text, end, min(len(text), end + 4))
    ):
        return False  # bytes of a hex dump
    # Inside a web address (a book's ISBN in a URL path) it is not a number to call.
    if _URL_START.search(text, max(0, start - 200), start):
        return False
    # A placeholder: one digit repeated after the prefix or the area code ("090-0000-0000",
    # "0422-00-0000").
    groups = _stdre.findall(r"\d+", main)
    if len(set(digits[3:])) <= 1 or (len(groups) > 2 and set("".join(groups[1:])) == {"0"}):
        return False
    # Toll-free and shared-cost numbers belong to businesses, and so does a published line
    # (a mobile after "call us back" is the caller's: "please call us back, we tried 090-…").
    near = max(0, start - 40)
    mobile = bool(_JP_MOBILE.match(main))
    callers = mobile and bool(_CALL_US_BACK.search(text, near, start))
    if _TOLL_FREE.match(main) or (_BUSINESS_LINE.search(text, near, start) and not callers):
        return False
    if _ENQUIRIES_BEFORE.search(text, near, start) and not mobile:
        return False
    if _BUSINESS_AFTER.match(text, end, min(len(text), end + 24)):
        return False  # "+81-3-5555-0100 (main line)", 「03-5555-0123(代表)」
    sentence = max(text.rfind(stop, 0, start) for stop in ".。!?！？\n") + 1
    if not _PERSON_BEFORE.search(text, max(0, start - 25, sentence), start) and (
        _CALL_THE_BUSINESS_AFTER.match(text, end, min(len(text), end + 40))
        or _SHOP_HOURS_BEFORE.search(text, max(0, start - 60), start)
    ):
        return False  # a shop's number given to book or ask ahead
    if main.startswith("+") or main.startswith("00"):
        return _international("+" + digits[2:] if main.startswith("00") else "+" + digits)
    named = bool(_PHONE_WORD_BEFORE.search(text, max(0, start - 60), start)) or bool(
        _PHONE_WORD_AFTER.match(text, end, min(len(text), end + 12))
    )
    # A trunk 0, a bracketed area code or the North American shape say "telephone" on their
    # own; any other grouping needs a word that says so.
    shaped = main.startswith(("0", "(")) or bool(_NANP.match(main))
    if not (shaped and len(digits) >= 9) and not named:
        return False
    if _NANP.match(main) and _national_possible_us(digits):
        return True
    return _national(main)


@lru_cache(maxsize=4096)
def _national_possible_us(digits: str) -> bool:
    import phonenumbers

    try:
        return bool(phonenumbers.is_possible_number(phonenumbers.parse(digits, "US")))
    except phonenumbers.NumberParseException:
        return False


# ------------------------------------------------------------------ IBAN

# Two capital letters, two check digits, then the account in groups (spaces or dashes).
IBAN_PATTERN = r"(?-i:\b[A-Z]{2}\d{2}(?:[ \-]?[A-Z0-9]{1,4}){3,8})"


def _valid_iban(number: str) -> bool:
    # The country's length and format and the ISO 7064 check digits; the national check
    # digits inside some countries' account numbers are not everyone's to know.
    from stdnum import iban as _iban
    from stdnum.exceptions import ValidationError

    try:
        _iban.validate(number, check_country=False)
    except ValidationError:
        return False
    return True


def iban(_text: str, match: str, _start: int, _end: int) -> bool:
    """A valid IBAN (country format and check digits), possibly followed by other words in
    capitals: the longest valid prefix that ends at a group boundary counts."""
    parts = _stdre.split(r"[ \-]", match)
    for n in range(len(parts), 0, -1):
        candidate = "".join(parts[:n])
        if len(candidate) < 15:
            return False
        if _valid_iban(candidate):
            return True
    return False


# ------------------------------------------------------------------ Japan's Individual Number

# 12 digits, written whole or in groups of four (「1234 5678 9012」).
MY_NUMBER_PATTERN = r"\b\d{4}[ \-]?\d{4}[ \-]?\d{4}\b"
# The number's own names, and the cards that carry it (「マイナ保険証」, 「マイナカード」).
_MY_NUMBER_NAMES = r"マイナンバー|マイナ(?:保険証|カード)|個人番号|individual\s+number"
_MY_NUMBER_WORD = LazyRe(rf"(?:{_MY_NUMBER_NAMES}|my\s?number|kojin\s+bango)[^\n]{{0,30}}$", _stdre.I)


# The Japanese name right before the digits: 「マイナンバー 3928…」, 「個人番号は」, or a record's
# field named for it (``my_number=``; "my number" in English is as often a phone number, so it
# needs the check digit).
_MY_NUMBER_RIGHT_BEFORE = LazyRe(
    r"(?:(?:マイナンバー|個人番号)(?:カード)?\s*(?:は|が|[:：(（])?"
    # a field of a log or a record: ``my_number=482915730266``
    r"|(?<![a-z])(?:my_?number|my-number|kojin_?bango|individual_number)\s*[=:：]\s*[\"']?)\s*$",
    _stdre.I,
)


# "番号" (or "number") as a word of its own (not 注文番号): 「…丸見えだった。番号 3829 …」,
# "… My Number card upside down, number 4829 …"
_NUMBER_RIGHT_BEFORE = LazyRe(r"(?:^|[\s、。,，(（!?！？])(?:番号|number|no\.)\s*(?:は|[:：])?\s*$", _stdre.I)
# ... the card named in the sentence before it.
_MY_NUMBER_CARD_BEFORE = LazyRe(rf"(?:{_MY_NUMBER_NAMES}|my\s?number\s+card)[^\n]{{0,60}}$", _stdre.I)


def my_number(text: str, match: str, start: int, _end: int) -> bool:
    """A Japanese Individual Number (マイナンバー): the draft naming it just before, and its
    check digit valid (a tenth of all 12-digit numbers pass the check by chance). Named right
    before it (「マイナンバー 3928 4716 0582」), a mistyped number is still someone's."""
    from stdnum.jp import in_ as _my_number

    digits = "".join(c for c in match if c.isdigit())
    if len(set(digits)) <= 1:
        return False
    if _my_number.is_valid(digits):
        return bool(_MY_NUMBER_WORD.search(text, max(0, start - 50), start))
    if _MY_NUMBER_RIGHT_BEFORE.search(text, max(0, start - 20), start):
        return True
    # 「マイナンバーカードのコピー…番号 3829 5017 4462」: the card named, then "番号" right before.
    return bool(_NUMBER_RIGHT_BEFORE.search(text, max(0, start - 10), start)) and bool(
        _MY_NUMBER_CARD_BEFORE.search(text, max(0, start - 80), start)
    )


SSN_PATTERN = r"\b\d{3}[ \-]?\d{2}[ \-]?\d{4}\b"
_SSN_WORD = LazyRe(
    r"(?:(?<![A-Za-z])ssn(?![A-Za-z])|social\s+security(?:\s+(?:number|no\.?|#))?|社会保障番号)[^\n]{0,30}$", _stdre.I
)


def ssn(text: str, match: str, start: int, _end: int) -> bool:
    """A US Social Security number: valid in its area, group and serial (not one of the
    numbers never issued or published as examples), and named just before ("SSN",
    "social security number"), as nine digits are also phone extensions, zip+4 and ids."""
    from stdnum.us import ssn as _ssn

    digits = "".join(c for c in match if c.isdigit())
    return _ssn.is_valid(digits) and bool(_SSN_WORD.search(text, max(0, start - 50), start))


# ------------------------------------------------------------------ payment cards

CARD_PATTERN = r"\b\d(?:[ \-]?\d){11,18}\b"

# Issuer number ranges (IIN prefixes) with the lengths they issue.
_CARD_RANGES: tuple[tuple[str, tuple[int, ...]], ...] = (
    (r"4", (13, 16, 19)),  # Visa
    (r"5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)", (16,)),  # Mastercard
    (r"3[47]", (15,)),  # American Express
    (r"6011|64[4-9]|65", (16, 17, 18, 19)),  # Discover
    (r"30[0-5]|3095|36|3[89]", (14, 15, 16, 17, 18, 19)),  # Diners Club
    (r"35(?:2[89]|[3-8]\d)", (16, 17, 18, 19)),  # JCB
    (r"1800|2131", (15,)),  # JCB (older ranges)
    (r"62|81", (16, 17, 18, 19)),  # UnionPay
    (r"220[0-4]", (16, 17, 18, 19)),  # Mir
    (r"50|5[6-9]|6", (12, 13, 14, 15, 16, 17, 18, 19)),  # Maestro and other debit cards
)
_CARD_PREFIX = [(LazyRe(p), lengths) for p, lengths in _CARD_RANGES]
# A reference number (an order, a parcel, a ticket) is no card number, even when Luhn-valid.
_REFERENCE_LABEL = LazyRe(
    r"(?:\b(?:order|invoice|tracking|ticket|ref|reference|case|booking|confirmation|serial|item|sku|isbn|issn|ean"
    r"|upc|gtin|jan|barcode|shipment|parcel|waybill|consignment)(?:\s*(?:no\.?|number|#|id|code))?"
    r"|注文番号|伝票番号|受付番号|管理番号|問い合わせ番号|追跡番号|お問い合わせ番号|予約番号|品番|型番|JANコード|バーコード)"
    r"\s*(?:is\s+|は\s*)?[:：#.=]?\s*$",
    _stdre.I,
)
# The numbers payment providers publish for testing (Stripe, Braintree, Adyen and others): nobody's card
# when the draft says it is a test one ("Stripe's test card 4242 4242 4242 4242", 「テスト用カード番号」).
# Said of a customer or with no such word, the number stands for a real one.
_TEST_CARDS = frozenset(
    {
        "4242424242424242",
        "4000056655665556",
        "4111111111111111",
        "4012888888881881",
        "4222222222222",
        "5555555555554444",
        "5200828282828210",
        "5105105105105100",
        "2223003122003222",
        "378282246310005",
        "371449635398431",
        "378734493671000",
        "6011111111111117",
        "6011000990139424",
        "3056930009020004",
        "30569309025904",
        "38520000023237",
        "3566002020360505",
        "3530111333300000",
        "6200000000000005",
    }
)
_TEST_FRAMING = LazyRe(
    r"\btest(?:ing)?\s+(?:card|number|mode|pan)s?\b|\bsandbox\b|テスト(?:用|カード|番号|モード|環境)", _stdre.I
)
_CARD_WORD = LazyRe(r"(?:\bcards?\b|\bcc\b|\bvisa\b|\bmastercard\b|\bamex\b|カード)[^\n]{0,40}$", _stdre.I)


def _dash_part(text: str, start: int, end: int) -> bool:
    """The digits sit between two dashes or underscores of a longer token, letters or digits on both sides."""
    return (
        start >= 2
        and end + 1 < len(text)
        and text[start - 1] in "-_"
        and text[end] in "-_"
        and text[start - 2].isalnum()
        and text[end + 1].isalnum()
    )


def card(text: str, match: str, start: int, end: int) -> bool:
    """A Luhn-valid number: 16 to 19 digits from a card-issuing industry, or a shorter one
    in an issuer's range and length; 12 digits (short Maestro numbers) only where the draft
    speaks of a card."""
    from stdnum import luhn as _luhn

    digits = "".join(c for c in match if c.isdigit())
    if len(set(digits)) <= 1 or not _luhn.is_valid(digits):
        return False
    if digits in _TEST_CARDS and _TEST_FRAMING.search(text, max(0, start - 80), min(len(text), end + 80)):
        return False  # a provider's published test number, said to be one (before or after it)
    if _dash_part(text, start, end):
        return False  # one part of a longer identifier ("xoxb-4904314354-6660944268957-6jwC…")
    if _REFERENCE_LABEL.search(text, max(0, start - 30), start) and not _CARD_WORD.search(
        text, max(0, start - 60), start
    ):
        return False  # "Order number 4716 2041 3338 9929 has shipped" (but "my card number, booking ref ...")
    if len(digits) >= 16:
        return digits[0] in "23456"  # the industries that issue payment cards
    if not any(rx.match(digits) and len(digits) in lengths for rx, lengths in _CARD_PREFIX):
        return False
    return len(digits) > 12 or bool(_CARD_WORD.search(text, max(0, start - 60), start))
