"""The bot's own words in every language it speaks (not the policy's words)."""

from __future__ import annotations

from bot.domain.texts import pick

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
    "form.title": {"en": "Check a draft before you post it", "ja": "投稿前の文章をチェック"},
    "form.label": {"en": "Your draft", "ja": "投稿文"},
    "form.placeholder": {"en": "Paste your draft here", "ja": "ここに投稿文を貼り付けてください"},
    "form.required": {"en": "Paste a draft to check.", "ja": "チェックする投稿文を入力してください。"},
    "form.private": {"en": "Only you see the result.", "ja": "結果はあなたにだけ表示されます。"},
    "form.submit": {"en": "Check", "ja": "チェック"},
    "check.more": {"en": "…and {n} more finding(s)", "ja": "…ほか {n} 件の指摘"},
    "form.short_title": {"en": "Check a post", "ja": "投稿チェック"},  # Slack modal titles: 24 chars
    "more.items": {"en": "…and {n} more not shown here", "ja": "…ほか {n} 件は省略しました"},
    "checkpost.private": {
        "en": "I sent you the result in a private chat.",
        "ja": "結果は個人チャットでお送りしました。",
    },
    "private.unavailable": {
        "en": "I could not open a private chat with you, so I did not post the answer here. "
        "Please open a chat with guidebot (search for guidebot under Apps), then ask again.",
        "ja": "個人チャットを開けなかったため、回答はここには投稿していません。"
        "guidebot とのチャットを開いて(アプリで guidebot を検索)、もう一度お試しください。",
    },
    "checkpost.notext": {
        "en": "That message has no text I can check.",
        "ja": "このメッセージにはチェックできる文章がありません。",
    },
    "too_long": {
        "en": "That is too long for me ({n:,} characters; the limit is {limit:,}).",
        "ja": "長すぎて処理できません({n:,} 文字、上限は {limit:,} 文字)。",
    },
    "error.apology": {
        "en": "Sorry, something went wrong on my side. Please try again in a moment.",
        "ja": "申し訳ありません。処理中にエラーが発生しました。しばらくしてからもう一度お試しください。",
    },
    # Reminders (bot/features/reminders/service.py, bot/features/reminders/feature.py)
    "manager.only": {
        "en": "Sorry, `policy {sub}` is for policy managers only. If you need a reminder, please ask {owner}.",
        "ja": "申し訳ありません。`policy {sub}` は管理者専用のコマンドです。"
        "リマインダーが必要な場合は {owner} にご相談ください。",
    },
    "remind.usage": {
        "en": "Usage: `policy remind [#channel] SCHEDULE [CLAUSE-ID...]`, "
        "e.g. `policy remind #general every monday 09:00`.",
        "ja": "使い方: `policy remind [#チャンネル] スケジュール [条項ID...]` "
        "例: `policy remind #general 毎週月曜 9:00`",
    },
    "remind.bad_schedule": {
        "en": "I couldn't read the schedule “{schedule}”. Try for example {examples}.",
        "ja": "スケジュール「{schedule}」を読み取れませんでした。例: {examples}",
    },
    "remind.too_often": {
        "en": "“{schedule}” would post more than once an hour. Reminders can run at most hourly, "
        "e.g. `every day 09:00` or `0 9-17 * * 1-5`.",
        "ja": "「{schedule}」は1時間に2回以上投稿されます。リマインダーは1時間に1回までです。"
        "例: `毎日 9:00`、`0 9-17 * * 1-5`",
    },
    "reminders.attention": {
        "en": "⚠ needs attention: {why}; cancel it and schedule it again with current clauses",
        "ja": "⚠ 要対応: {why}。取り消して、現在の条項で設定し直してください",
    },
    "reminders.clause_gone": {
        "en": "clause {ids} is no longer in the policy",
        "ja": "条項 {ids} はポリシーから削除されています",
    },
    "remind.bad_zone": {
        "en": "The time zone {tz} (GUIDEBOT_TIMEZONE) is not a known IANA zone; ask the operator to fix it.",
        "ja": "タイムゾーン {tz}(GUIDEBOT_TIMEZONE)が不正です。運用担当者に修正を依頼してください。",
    },
    "remind.unknown_clause": {
        "en": "There is no clause {ids}. Try `policy list`.",
        "ja": "条項 {ids} は見つかりません。`policy list` で一覧を確認できます。",
    },
    "remind.no_channel_here": {
        "en": "Run this in the channel itself: mention me there, e.g. `@guidebot policy remind every monday 09:00`.",
        "ja": "対象のチャンネルで実行してください。例: そのチャンネルで `@guidebot policy remind 毎週月曜 9:00`",
    },
    "remind.no_channel": {
        "en": "Which channel? Run this in the channel, or name it: `policy remind #general every monday 09:00`.",
        "ja": "どのチャンネルですか? そのチャンネルで実行するか、"
        "`policy remind #general 毎週月曜 9:00` のように指定してください。",
    },
    "remind.created": {
        "en": "Reminder {id} scheduled in {channel}: {schedule} ({tz}). Next: {next}. Clauses: {clauses}.",
        "ja": "リマインダー {id} を {channel} に設定しました: {schedule}({tz})。次回: {next}。条項: {clauses}",
    },
    "remind.rotation": {"en": "the next clause in rotation", "ja": "順番に次の条項"},
    "reminders.title": {"en": "Scheduled reminders (times in {tz})", "ja": "設定中のリマインダー({tz})"},
    "reminders.line": {
        "en": "#{id} · {channel} · {schedule} · next: {next} · posted {deliveries} · read by {acks}",
        "ja": "#{id} · {channel} · {schedule} · 次回: {next} · 配信 {deliveries} 回 · 既読 {acks} 人",
    },
    "reminders.empty": {
        "en": "No reminders are scheduled. Add one with `policy remind`.",
        "ja": "設定中のリマインダーはありません。`policy remind` で追加できます。",
    },
    "reminders.cancel_usage": {
        "en": "Usage: `policy reminders cancel N` (the numbers are in `policy reminders`).",
        "ja": "使い方: `policy reminders cancel 番号`(番号は `policy reminders` で確認できます)",
    },
    "reminders.cancelled": {"en": "Reminder {id} cancelled.", "ja": "リマインダー {id} を取り消しました。"},
    "reminders.no_such": {"en": "There is no active reminder {id}.", "ja": "有効なリマインダー {id} はありません。"},
    "announce.done": {"en": "Posted the reminder in {channel}.", "ja": "{channel} にリマインダーを投稿しました。"},
    "announce.failed": {
        "en": "I couldn't post in {channel}. Please check that I have been added to that channel.",
        "ja": "{channel} に投稿できませんでした。ボットがそのチャンネルに追加されているか確認してください。",
    },
    "announce.no_sender": {
        "en": "I can't post reminders on {platform} from here.",
        "ja": "ここからは {platform} にリマインダーを投稿できません。",
    },
    "reminder.heading": {"en": "Policy reminder", "ja": "ポリシーのリマインダー"},
    "reminder.button": {"en": "I have read this", "ja": "読みました"},
    "reminder.superseded": {
        "en": "A newer reminder has replaced this one.",
        "ja": "このリマインダーは新しいものに置き換わりました。",
    },
    "ack.thanks": {
        "en": "Thanks, your acknowledgement is recorded.",
        "ja": "ありがとうございます。既読を記録しました。",
    },
    "ack.already": {
        "en": "You have already acknowledged this reminder. Thank you!",
        "ja": "このリマインダーは既読済みです。ありがとうございます。",
    },
    "ack.unknown": {"en": "That reminder no longer exists.", "ja": "このリマインダーはもう存在しません。"},
    "help.title": {"en": "How I can help", "ja": "ご利用方法"},
    "console.hint": {
        "en": "type `policy help`; `quit` to leave.",
        "ja": "`policy help` と入力してください。`quit` で終了します。",
    },
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
    # Quiz, report, feedback (bot/features/owner/quiz.py, bot/features/owner/feature.py, bot/assistant/render_text.py)
    "quiz.verdict": {
        "en": "What does the policy say about this? “{question}”",
        "ja": "ガイドラインではどう扱われますか?「{question}」",
    },
    "quiz.clause": {
        "en": "Which clause covers this situation? “{question}”",
        "ja": "この状況を扱っている条項はどれですか?「{question}」",
    },
    "quiz.number": {"en": "Question {n} of {total}", "ja": "第 {n} 問(全 {total} 問)"},
    "quiz.type": {"en": "Reply with the number of your answer.", "ja": "答えの番号を入力してください。"},
    "quiz.right": {"en": "Right!", "ja": "正解です!"},
    "quiz.wrong": {"en": "Not quite: the answer is “{right}”.", "ja": "不正解です。正解は「{right}」です。"},
    "quiz.done": {
        "en": "Quiz done: {correct} of {total} right.",
        "ja": "クイズ終了: {total} 問中 {correct} 問正解です。",
    },
    "quiz.overall": {
        "en": "Your score so far: {correct} of {attempts} answers right.",
        "ja": "これまでの成績: {attempts} 問中 {correct} 問正解。",
    },
    "quiz.empty": {
        "en": "The policy has no example questions to build a quiz from.",
        "ja": "クイズを作れる例題がガイドラインにありません。",
    },
    "quiz.none": {
        "en": "No quiz is running. Start one with `policy quiz`.",
        "ja": "実行中のクイズはありません。`policy quiz` で始められます。",
    },
    "quiz.stale": {
        "en": "That question was already answered; here is where you are.",
        "ja": "その問題は回答済みです。",
    },
    "quiz.pick": {"en": "Please pick a number from 1 to {n}.", "ja": "1 から {n} までの番号を選んでください。"},
    "quiz.stopped": {"en": "Quiz stopped.", "ja": "クイズを終了しました。"},
    "report.usage": {
        "en": "Usage: `policy report [30d]` (a number of days, at most {max}).",
        "ja": "使い方: `policy report [30d]`(日数、最大 {max} 日)",
    },
    "report.nostorage": {
        "en": "The report needs the database; this run has none.",
        "ja": "レポートにはデータベースが必要ですが、この実行では利用できません。",
    },
    "report.title": {"en": "Policy report, {since} to {until}", "ja": "ポリシーレポート({since}〜{until})"},
    "report.questions": {
        "en": "Questions: {questions} ({answered} answered, {unsure} unsure)",
        "ja": "質問: {questions} 件(回答 {answered} 件、判断不可 {unsure} 件)",
    },
    "report.gaps": {"en": "Knowledge gaps (unsure questions)", "ja": "ナレッジの不足(判断できなかった質問)"},
    "report.top": {"en": "Most asked clauses", "ja": "よく参照された条項"},
    "report.checks": {"en": "Draft checks", "ja": "投稿チェック"},
    "report.categories": {"en": "Findings by category", "ja": "カテゴリ別の指摘"},
    "report.findings": {"en": "Checks reported as wrong", "ja": "誤りと報告されたチェック"},
    "report.helpful": {"en": "Helpful?", "ja": "役に立った?"},
    "report.quiz": {
        "en": "Quiz: {attempts} answers, {correct} right, {people} people",
        "ja": "クイズ: 回答 {attempts} 件、正解 {correct} 件、参加者 {people} 人",
    },
    "report.reminders": {"en": "Reminders", "ja": "リマインダー"},
    "report.reminder": {
        "en": "#{id} {channel} ({schedule}): {deliveries} posted, {acks} read",
        "ja": "#{id} {channel}({schedule}): 配信 {deliveries} 回、既読 {acks} 人",
    },
    "report.none": {"en": "none", "ja": "なし"},
    "feedback.wrong": {
        "en": "Thanks, the policy owner will review this check.",
        "ja": "ご報告ありがとうございます。担当者がこのチェックを見直します。",
    },
    # Chat buttons and cards of the owner's loop (adapters/slack/owner_blocks.py, adapters/teams/owner_cards.py)
    "finding.wrong": {"en": "This finding is wrong", "ja": "この指摘は誤り"},
    "quiz.choose": {"en": "Pick your answer.", "ja": "答えを選んでください。"},
    "report.f.questions": {"en": "Questions", "ja": "質問"},
    "report.f.answered": {"en": "Answered", "ja": "回答"},
    "report.f.unsure": {"en": "Unsure", "ja": "判断不可"},
    "report.f.checks": {"en": "Drafts checked", "ja": "投稿チェック"},
    "report.f.median": {"en": "Median reply time", "ja": "応答時間(中央値)"},
    "report.f.quiz": {"en": "Quiz answers right", "ja": "クイズ正解"},
    "report.wrong": {
        "en": "fired {fired}×, reported wrong {wrong}×",
        "ja": "指摘 {fired} 回、誤り報告 {wrong} 回",
    },
    "report.ackrate": {"en": "{rate} reads per post", "ja": "1 回あたり既読 {rate} 人"},
}


def msg(key: str, lang: str, **values: object) -> str:
    """The bot's message ``key`` in ``lang`` (English when missing), formatted."""
    text = pick(_M[key], lang, "en")
    return text.format(**values) if values else text
