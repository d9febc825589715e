"""Help-desk documents for workplace systems and admin tasks (merged into OFF_TOPIC).

Questions about the company's own business tools (HR, ERP, ticketing, CRM, wikis,
chat administration) and everyday admin chores (logging hours, processing a return,
days off in lieu, printing, resizing a photo for a ticket, setting up a new starter)
share words with a social media policy: "post my hours", "customer", "account",
"photo", "public", "share". Written from general knowledge of what employees ask an
IT or operations help desk; never the policy's own subjects (publishing, social media).
"""

from __future__ import annotations

TOOL_DOCUMENTS: dict[str, tuple[str, ...]] = {
    "enterprise-apps": (
        "workday sap netsuite oracle dynamics successfactors bamboohr personio adp gusto rippling",
        "jira confluence servicenow zendesk freshdesk salesforce hubspot concur coupa ariba tableau power bi",
        "asana trello monday.com notion airtable smartsheet docusign box dropbox okta miro figma",
        "hr system erp crm ticketing system service desk portal self-service portal intranet portal",
        "login greyed out field module dashboard report export import record workflow approve approval",
        "sprint board backlog filter query ticket issue epic story points assignee field mapping",
        "opportunity stage lead pipeline quote case record layout picklist permission set profile license",
        "requisition purchase requisition supplier invoice vendor master cost center ledger posting period",
        "人事システム 基幹システム 勤怠システム 経費精算システム ワークフロー 申請システム 社内ポータル",
        "チケット 起票 ダッシュボード レポート 出力 エクスポート インポート 項目 入力 画面 ログインできない",
        "ジラ コンフルエンス セールスフォース サービスナウ 案件管理 顧客管理 営業管理",
    ),
    "timesheets-hours": (
        "log my hours post my hours enter hours book time time tracking timesheet time sheet time entry",
        "billable hours project code charge code hours worked last week submit hours approve hours",
        "overtime request overtime approval shift hours correct my clock in missed punch attendance record",
        "工数 工数入力 工数管理 作業時間 稼働時間 勤怠 勤怠入力 勤怠修正 打刻 打刻漏れ 残業申請 残業時間 修正",
        "プロジェクトコード 月末 締め日 承認",
    ),
    "orders-returns": (
        "process a return process a refund refund request return label returned item restocking fee",
        "damaged order damaged parcel damaged in transit arrived broken wrong item missing item replacement order",
        "order number order status cancel an order exchange credit note chargeback rma goods return",
        "customer service desk order management system case handling complaint ticket courier carrier claim",
        "返品 返品処理 返金 返金処理 交換 破損 壊れていた 誤配送 欠品 注文番号 注文 キャンセル",
        "配送業者 運送会社 着払い 返送 再送 代替品 クレーム対応 受注 出荷",
    ),
    "holidays-days-off": (
        "public holiday bank holiday national holiday holiday calendar office closed long weekend",
        "day off in lieu time off in lieu toil compensatory day comp day worked on a weekend worked saturday",
        "substitute holiday half day company holiday year end closure shutdown days",
        "祝日 祝日出勤 振替休日 振休 代休 休日出勤 土曜出勤 半休 半日休 年末年始休暇 休業日 会社カレンダー",
    ),
    "images-and-files": (
        "resize a photo compress an image reduce file size crop image file too large attachment limit",
        "convert heic to jpg png jpeg resolution dpi megabytes mb zip file scan a document scanner",
        "attach to a ticket attach to a support request upload limit",
        "画像 圧縮 リサイズ 縮小 サイズ 容量 大きすぎ 添付 添付できない 変換 解像度 スキャン スキャナー",
    ),
    "printing-and-id": (
        "printer print printing paper jam toner ink cartridge out of paper color printing duplex print queue",
        "copier photocopier scan to email business cards name tag stationery envelopes",
        "passport photo id photo visa photo photo booth photo for my badge photo for my id card employee card",
        "passport renewal visa application work permit residence card certificate of employment",
        "プリンター 印刷 紙詰まり トナー インク 複合機 コピー機 名刺 文房具 封筒",
        "証明写真 パスポート 写真 ビザ 在留カード 就労証明書 在職証明書 社員証 写真",
    ),
    "provisioning": (
        "new starter new joiner new employee first day set up account create user account provision",
        "request a laptop for a new hire access for a new team member email address for new staff",
        "deprovision leaver offboarding disable account return laptop access removal distribution group",
        "shared mailbox access shared finance account bank portal login finance system access access request",
        "入社 新入社員 新人 アカウント発行 アカウント作成 パソコン準備 PC準備 キッティング 初日 準備 依頼",
        "退職者 アカウント削除 アカウント停止 返却 アクセス申請 権限申請 共有アカウント",
    ),
    "wiki-and-chat-admin": (
        "wiki page permissions page restrictions space permissions edit rights view rights visible to everyone",
        "make a wiki page public to the whole company intranet page sharepoint site knowledge base article",
        "slack workspace admin create a channel private channel archive a channel rename channel guest access",
        "teams channel add members owner workspace settings integration app install bot install webhook",
        "out of office status message in slack display name in teams",
        "社内Wiki Wiki ページ 閲覧権限 編集権限 全社公開 公開範囲 設定 スペース 権限 ナレッジ",
        "ワークスペース チャンネル作成 プライベートチャンネル チャンネル アーカイブ メンバー追加 ゲスト招待",
    ),
}
