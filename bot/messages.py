"""The bot's own words in every language it speaks (not the policy's words)."""

from __future__ import annotations

from bot.texts import pick

_M: dict[str, dict[str, str]] = {
    "verdict.allowed": {"en": "Allowed", "ja": "問題ありません"},
    "verdict.conditional": {"en": "Allowed with conditions", "ja": "条件付きで可"},
    "verdict.prohibited": {"en": "Not allowed", "ja": "禁止"},
    "verdict.unsure": {"en": "Not sure", "ja": "判断できません"},
    "check.pass": {"en": "Looks good to post", "ja": "投稿して問題なさそうです"},
    "check.warn": {"en": "Review before posting", "ja": "投稿前に見直してください"},
    "check.block": {"en": "Do not post this", "ja": "このままでは投稿できません"},
    "check.summary": {"en": "{n} finding(s)", "ja": "指摘 {n} 件"},
    "check.none": {
        "en": "No problems found against the policy's checks.",
        "ja": "ポリシーのチェック項目に照らして問題は見つかりませんでした。",
    },
    "check.fix": {"en": "Fix", "ja": "直し方"},
    "check.where": {"en": "Where", "ja": "該当箇所"},
    "check.whole": {"en": "the whole draft", "ja": "投稿全体"},
    "clause": {"en": "Clause", "ja": "条項"},
    "see_also": {"en": "See also", "ja": "関連"},
    "unsure.text": {
        "en": "I'm not sure the policy covers this. Please ask {owner}.",
        "ja": "この質問はガイドラインで明確に扱われていないようです。{owner} にお問い合わせください。",
    },
    "unsure.closest": {"en": "Closest clauses", "ja": "近い条項"},
    "policy.version": {"en": "{title}, version {version}", "ja": "{title}(版: {version})"},
    "helpful.question": {"en": "Was this helpful?", "ja": "この回答は役に立ちましたか?"},
    "helpful.yes": {"en": "Yes", "ja": "はい"},
    "helpful.no": {"en": "No", "ja": "いいえ"},
    "helpful.thanks": {"en": "Thanks for the feedback.", "ja": "フィードバックありがとうございます。"},
    "quoted.check": {"en": "I also checked the draft in your question", "ja": "質問に含まれる投稿文もチェックしました"},
    "list.title": {"en": "Clauses of {title}", "ja": "{title} の条項一覧"},
    "show.unknown": {
        "en": "There is no clause {id}. Try `policy list`.",
        "ja": "条項 {id} は見つかりません。`policy list` で一覧を確認できます。",
    },
    "show.usage": {
        "en": "Usage: `policy show CLAUSE-ID` (see `policy list`).",
        "ja": "使い方: `policy show 条項ID`(一覧は `policy list`)",
    },
    "unknown.sub": {
        "en": "Unknown command `policy {sub}`. Try `policy help`.",
        "ja": "`policy {sub}` というコマンドはありません。`policy help` をご覧ください。",
    },
    "checkpost.empty": {
        "en": "Paste the draft after `checkpost`, e.g. `checkpost I think our new app is great!`",
        "ja": "`checkpost` の後に投稿文を貼り付けてください。例: `checkpost 新しいアプリ最高!`",
    },
    "too_long": {
        "en": "That is too long for me ({n:,} characters; the limit is {limit:,}).",
        "ja": "長すぎて処理できません({n:,} 文字、上限は {limit:,} 文字)。",
    },
    "error.apology": {
        "en": "Sorry, something went wrong on my side. Please try again in a moment.",
        "ja": "申し訳ありません。処理中にエラーが発生しました。しばらくしてからもう一度お試しください。",
    },
    "help.title": {"en": "How I can help", "ja": "ご利用方法"},
    "help.body": {
        "en": "Ask me whether you can post something, e.g. _Can I share a photo of our office?_\n"
        "• `checkpost DRAFT`: check a draft before you post it (only you see the result)\n"
        "• `policy show ID`: read one clause · `policy list`: all clauses\n"
        "• `policy quiz`: a short training quiz\n"
        "• Message action *Check this post*: check any message",
        "ja": "投稿してよいか迷ったら質問してください。例: 「オフィスの写真を載せてもいい?」\n"
        "• `checkpost 投稿文`: 投稿前の文章をチェック(結果はあなたにだけ表示)\n"
        "• `policy show ID`: 条項を表示 · `policy list`: 条項一覧\n"
        "• `policy quiz`: 研修用クイズ\n"
        "• メッセージのアクション「Check this post」: 任意のメッセージをチェック",
    },
    "help.managers": {
        "en": "For managers: `policy remind [#channel] SCHEDULE [ID...]`, `policy reminders`, "
        "`policy reminders cancel N`, `policy announce [#channel] [ID...]`, `policy report [30d]`",
        "ja": "管理者向け: `policy remind [#チャンネル] スケジュール [ID...]`、`policy reminders`、"
        "`policy reminders cancel N`、`policy announce [#チャンネル] [ID...]`、`policy report [30d]`",
    },
}


def msg(key: str, lang: str, **values: object) -> str:
    """The bot's message ``key`` in ``lang`` (English when missing), formatted."""
    text = pick(_M[key], lang, "en")
    return text.format(**values) if values else text
