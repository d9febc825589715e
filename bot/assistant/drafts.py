"""Whether a chat message reads as a draft pasted without ``checkpost`` rather than a question.

A message in a DM or a mention is a question unless it reads as a draft: a secret or a
personal datum is in it (outside quotes, which :meth:`GuideBot.ask` checks as a draft
anyway), or it is not a question and is long, runs to several sentences, or holds a
login pair. Such a message is checked as a draft, and the reply says so: a draft is never
kept, while an unsure question leaves its keywords behind.
"""

from __future__ import annotations

import re
import unicodedata

from bot.checks.masking import detected_spans, password_candidates
from bot.domain.policy import KnowledgeBase

# Past this width (a wide character, kanji or kana, counts twice), a message that asks nothing is a draft.
LONG_WIDTH = 200
# Several sentences that ask nothing are a draft once they are this wide together.
SEVERAL_WIDTH = 50

# A draft quoted inside a question: 'single', "double", “curly”, 「かぎ」 or 『二重かぎ』 quotes.
QUOTED = re.compile(r"'([^'\n]{12,})'|\"([^\"]{12,})\"|“([^”]{12,})”|「([^」]{12,})」|『([^』]{12,})』|‘([^’]{12,})’")
# A question that points at a draft it carries without quotes ("Can I post this? <draft>",
# "Is the following ok: <draft>", "<draft> Ok to tweet this?", 「これ投稿していい？<draft>」).
_POINTS_AT_DRAFT = re.compile(
    r"(?i)\b(?:post|share|tweet|publish|send|write|put|upload|say|use)\s+(?:this|the following)"
    r"(?=\s*(?:[?？:：.!\n]|(?:on|to|in|as|online|publicly)\b|$))"
    r"|\b(?:is|would|does|will)\s+(?:this|the following)\s+(?:be\s+)?"
    r"(?:ok|okay|fine|allowed|alright|acceptable|appropriate|safe|a problem|good)\b"
    r"|\b(?:check|review)\s+(?:this|the following)\b"
    r"|\b(?:my|this|the following)\s+(?:draft|post|tweet|caption)\s*[:：]"
    r"|(?:これ|こちら|以下|下記|次)(?:の(?:投稿|文章|文面|文|ツイート|内容|下書き|キャプション))?(?:を|って|は|で|、)?"
    r"\S{0,12}?(?:投稿|載せ|のせ|シェア|ツイート|アップ|書い|書き込|送っ|出し)"
    r"|(?:この|以下の|下記の|次の)(?:投稿|文章|文面|ツイート|内容|下書き)"
)
# Where the sentence pointing at the draft ends, and where the one before it ended.
_CUE_END = re.compile(r"[?？:：!！。\n]+|\.(?:\s+|$)")
_BEFORE_CUE = re.compile(r"(?s).*(?:[?？:：!！。\n]|\.\s)")
_MIN_DRAFT = 12  # characters, as for a quoted draft
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|[。！？\n]+")
_ASKING_WORDS = frozenset(
    {
        *("can", "could", "may", "might", "must", "is", "are", "am", "was", "were", "do", "does", "did", "should"),
        *("shall", "would", "will", "what", "when", "where", "who", "whom", "whose", "why", "how", "which"),
        *("any", "anyone", "anybody", "please", "help", "tell", "explain"),
    }
)
# Japanese question endings and words: 「〜か」「〜かな」「〜の?」, 何・どう・いつ・どこ・誰・なぜ, 「いい」「大丈夫」.
_JA_ASKING = re.compile(
    r"(?:か|かな|かね|の|でしょう|ますか|ですか)[。\s]*$|何|どう|いつ|どこ|誰|なぜ|どれ|どの|いい[？?。]?$|大丈夫|可能|教えて"
)
_WORD = re.compile(r"[A-Za-z']+")


def sentences(text: str) -> list[str]:
    """The sentences (and lines) of ``text`` that hold at least one letter or digit."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and any(c.isalnum() for c in s)]


def asks_something(sentence: str) -> bool:
    """A question mark, an opening question word ("can", "how"...) or a Japanese question form."""
    if "?" in sentence or "？" in sentence:
        return True
    first = _WORD.search(sentence)
    if first and first.start() < 3 and first.group().lower() in _ASKING_WORDS:
        return True
    return bool(_JA_ASKING.search(sentence))


def reads_as_draft(kb: KnowledgeBase, message: str) -> bool:
    """True when ``message`` is better checked as a draft than answered as a question. A
    question that carries its draft, quoted or pointed at ("Can I post this? <draft>"), is
    a question: answering it checks the draft too."""
    if unquoted_draft(message) is not None:
        return False
    text = QUOTED.sub(" ", message).strip()
    if not text:
        return False
    if detected_spans(kb, text, urls=False):
        return True
    parts = sentences(text)
    if any(asks_something(s) for s in parts):
        return False
    width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    several = len(parts) >= 2 and width >= SEVERAL_WIDTH
    return width >= LONG_WIDTH or several or bool(password_candidates(text, bare_pairs=False))


def unquoted_draft(question: str) -> str | None:
    """The draft a question carries without quotes, when it points at one ("Can I post
    this? Loving the ramen at ...", "... Ok to tweet this?", 「これ投稿していい？ ...」): the
    sentences after (else before) the one that points at it, when they ask nothing."""
    cue = _POINTS_AT_DRAFT.search(question)
    if cue is None:
        return None
    end = _CUE_END.search(question, cue.end())
    if end is not None:
        after = question[end.end() :].strip()
        if len(after) >= _MIN_DRAFT and not any(asks_something(s) for s in sentences(after)):
            return after
    before_cue = _BEFORE_CUE.match(question, 0, cue.start())
    before = question[: before_cue.end()].strip() if before_cue else ""
    if len(before) >= _MIN_DRAFT and not any(asks_something(s) for s in sentences(before)):
        return before
    return None
