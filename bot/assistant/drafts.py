"""Whether a chat message reads as a draft pasted without ``checkpost`` rather than a question.

A message in a DM or a mention is a question unless it reads as a draft: a secret or a
personal datum is in it (outside quotes, which :meth:`GuideBot.ask` checks as a draft
anyway), or it is not a question and is long, runs to several sentences, or holds a
login pair. Such a message is checked as a draft, and the reply says so: a draft is never
kept, while an unsure question leaves its keywords behind.
"""

from __future__ import annotations

import unicodedata

from bot.checks.masking import detected_spans, password_candidates
from bot.domain.policy import KnowledgeBase
from bot.runtime.compiled import LazyRe

# Past this width (a wide character, kanji or kana, counts twice), a message that asks nothing is a draft.
LONG_WIDTH = 200
# Several sentences that ask nothing are a draft once they are this wide together.
SEVERAL_WIDTH = 50

# A draft quoted inside a question: 'single', "double", “curly”, 「かぎ」 or 『二重かぎ』 quotes.
QUOTED = LazyRe(r"'([^'\n]{12,})'|\"([^\"]{12,})\"|“([^”]{12,})”|「([^」]{12,})」|『([^』]{12,})』|‘([^’]{12,})’")
# A question that points at a draft it carries without quotes ("Can I post this? <draft>",
# "Is the following ok: <draft>", "<draft> Ok to tweet this?", 「これ投稿していい？<draft>」).
_POINTS_AT_DRAFT = LazyRe(
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
# The end of a sentence or line (a colon too: "Is this ok to post: <draft>").
_PART_END = LazyRe(r"[?？:：!！。\n]+|\.(?:\s+|$)")
_MIN_DRAFT = 12  # characters, as for a quoted draft
# What shows a pointed-at text is a post, not a remark about one ("I'm not sure whether it
# is confidential"): a line of its own, a colon before it, several sentences, or the marks of
# a post (a hashtag, a mention, a link, an emoji).
_POST_MARKS = LazyRe(r"(?:^|\s)[#@＃]\w|https?://|www\.|[\U0001F300-\U0001FAFF\u2600-\u27BF]")
_SENTENCE_END = LazyRe(r"(?<=[.!?。！？])\s+|[。！？\n]+")
_ASKING_WORDS = frozenset(
    {
        *("can", "could", "may", "might", "must", "is", "are", "am", "was", "were", "do", "does", "did", "should"),
        *("shall", "would", "will", "what", "when", "where", "who", "whom", "whose", "why", "how", "which"),
        *("any", "anyone", "anybody", "please", "help", "tell", "explain"),
    }
)
# Japanese question endings and words: 「〜か」「〜かな」「〜の?」, 何・どう・いつ・どこ・誰・なぜ, 「いい」「大丈夫」.
_JA_ASKING = LazyRe(
    r"(?:か|かな|かね|の|でしょう|ますか|ですか)[。\s]*$|何|どう|いつ|どこ|誰|なぜ|どれ|どの|いい[？?。]?$|大丈夫|可能|教えて"
)
_WORD = LazyRe(r"[A-Za-z']+")


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


def possible_draft(question: str) -> str | None:
    """The text a question points at as the post it asks about ("Can I post this? Loving the
    ramen at ...", "... Ok to tweet this?", 「これ投稿していい？ ...」): the sentences after
    (else before) the asking sentence that points at it, first or last in the message, when
    they ask nothing. It may be a draft or a remark about one; either way, nothing of it is
    kept (see :func:`unquoted_draft` for what is checked as a draft)."""
    found = _pointed_at(question)
    return found[0] if found else None


def unquoted_draft(question: str) -> str | None:
    """The draft a question carries without quotes, to check: a :func:`possible_draft` that
    shows it is a post (on a line of its own or after a colon, several sentences, or a
    hashtag, mention, link or emoji), not a remark about one."""
    found = _pointed_at(question)
    if found is None:
        return None
    text, set_apart = found
    return text if set_apart or len(sentences(text)) >= 2 or _POST_MARKS.search(text) else None


def _pointed_at(question: str) -> tuple[str, bool] | None:
    """The pointed-at text, and whether it is set apart (a line of its own, or after a colon)."""
    ends = [m.end() for m in _PART_END.finditer(question) if m.end() < len(question)] + [len(question)]
    starts = [0, *ends[:-1]]
    spans = [(a, b) for a, b in zip(starts, ends, strict=True) if question[a:b].strip()]
    if not spans:
        return None
    for a, b in (spans[0], spans[-1]):  # the pointing sentence opens or closes the message
        cue = _POINTS_AT_DRAFT.search(question, a, b)
        if cue is None or not asks_something(question[a:b]):
            continue
        after, before = question[b:].strip(), question[:a].strip()
        for text, gap in (
            (after, question[cue.end() : b] + question[b : b + 2]),
            (before, question[max(0, a - 2) : a]),
        ):
            if len(text) >= _MIN_DRAFT and not any(asks_something(x) for x in sentences(text)):
                return text, "\n" in gap or ":" in gap or "：" in gap
    return None
