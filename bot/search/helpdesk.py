"""Built-in "none of the above" documents: what a workplace help desk is asked.

A social media policy does not answer questions about leave, payroll, laptops or
the canteen, yet such questions share words with it ("office", "account",
"post"). These pseudo-documents compete with the clauses in the index: when one
of them explains a question better than every clause, the bot says it is unsure
instead of answering with the least bad clause. They describe generic topics of
any company, in English and Japanese, and never the policy's own subjects.
"""

from __future__ import annotations

from bot.search.helpdesk_tools import TOOL_DOCUMENTS

# One document per help-desk area; each string is one "field" of plain text.
OFF_TOPIC: dict[str, tuple[str, ...]] = {
    "hr-leave": (
        "vacation holiday paid leave PTO annual leave days off time off leave balance how many days left",
        "sick leave sick day parental leave maternity leave paternity leave childcare leave family care leave",
        "leave of absence sabbatical bereavement leave request leave apply for leave leave application",
        "leave entitlement for new hires first year probation period carry over unused days accrual",
        "有給 有給休暇 年休 休暇 休み 残日数 何日 病欠 病気休暇 育休 育児休業 産休 産前産後休暇 介護休暇 介護休業",
        "休職 忌引 慶弔休暇 特別休暇 夏季休暇 休暇申請 申請方法 申請手続き 手続き",
    ),
    "hr-benefits": (
        "benefits health insurance dental plan vision plan medical plan enroll enrollment coverage dependents",
        "pension retirement plan 401k stock purchase plan wellness program gym membership employee discount",
        "health check medical checkup flu shot vaccination employee assistance program company housing",
        "福利厚生 健康保険 保険証 歯科 年金 企業年金 確定拠出年金 持株会 健康診断 人間ドック 予防接種",
        "社員割引 社割 割引 購入 社宅 住宅手当 家族手当 扶養 加入 手当",
    ),
    "hr-payroll": (
        "payroll payslip pay slip paycheck payday salary deposit bank account bonus raise tax withholding",
        "tax form year end adjustment direct deposit pay stub overtime pay calculation allowance",
        "給与明細 給料日 振込 口座 賞与 ボーナス 昇給 源泉徴収 年末調整 住民税 控除 支給日",
    ),
    "hr-expenses-travel": (
        "expense report expenses reimbursement receipt per diem daily allowance business trip travel booking",
        "hotel flight train ticket taxi corporate card travel policy mileage claim approval",
        "経費 経費精算 精算 立替 領収書 レシート 出張 海外出張 日当 旅費 宿泊 ホテル 航空券 新幹線 タクシー 法人カード",
        "経費で落ち 経費にでき 会社負担 会社持ち 自腹 立て替え 請求できる 払い戻し",
    ),
    "hr-commute": (
        "commute commuting allowance train pass transit pass shuttle bus airport parking parking lot car park",
        "bicycle bike parking car pool",
        "通勤 通勤定期 定期券 交通費 通勤手当 シャトルバス 送迎バス 空港 駐車場 駐輪場 自転車 車通勤",
    ),
    "hr-admin": (
        "onboarding new hire orientation org chart employee id address change bank details contract renewal",
        "performance review appraisal evaluation goals transfer relocation resignation notice period",
        "timesheet attendance clock in clock out remote work work from home schedule shift swap",
        "入社手続き 住所変更 人事評価 目標設定 異動 転勤 退職手続き 勤怠 打刻 在宅勤務 テレワーク シフト",
    ),
    "it-hardware": (
        "laptop computer pc monitor second monitor screen keyboard mouse headset dock charger printer",
        "broken cracked repair replace order equipment request hardware phone battery",
        "パソコン PC ノートパソコン モニター ディスプレイ キーボード マウス ヘッドセット 充電器",
        "プリンター 印刷 故障 壊れ 割れ 修理 交換 申請 備品 発注",
    ),
    "it-accounts": (
        "reset password forgot password SSO single sign-on account locked unlock email inbox quota",
        "VPN wifi wi-fi network connection software install license printer driver helpdesk IT support ticket",
        "パスワードリセット パスワード再発行 ロック解除 アカウントロック メール 容量 VPN Wi-Fi ネットワーク",
        "接続 繋がらない ソフト インストール ライセンス ヘルプデスク 情報システム 情シス 問い合わせ",
    ),
    "facilities": (
        "meeting room book a room reservation conference room floor locker key card access air conditioning",
        "temperature lost and found mail room delivery package desk booking seat cleaning toilet elevator",
        "会議室 予約 予約方法 ロッカー 鍵 空調 エアコン 暑い 寒い 落とし物",
        "郵便 宅配 荷物 座席 フリーアドレス 清掃 エレベーター",
    ),
    "food-and-places": (
        "canteen cafeteria lunch menu restaurant ramen sushi coffee shop cafe good place to eat near the office",
        "vending machine snacks catering dinner drinks party venue recommend a place",
        "食堂 社食 社員食堂 ランチ 昼ごはん メニュー レストラン ラーメン 寿司 カフェ コーヒー",
        "近く おすすめ 店 飲み会 自販機 お弁当",
    ),
    "it-office-software": (
        "outlook calendar invite meeting invite shared mailbox distribution list mailing list out of office auto reply",
        "excel spreadsheet pivot table formula macro word document powerpoint slides template pdf convert",
        "sharepoint onedrive google drive google docs google sheets shared drive shared folder",
        "folder access rights",
        "file server storage quota restore sync zoom webex call screen sharing headset microphone audio",
        "browser chrome new version operating system windows mac software request admin rights",
        "Outlook 予定表 会議招待 共有メールボックス メーリングリスト 不在通知 自動応答",
        "エクセル Excel ピボットテーブル 関数 マクロ",
        "ワード Word パワポ PowerPoint テンプレート PDF 変換 共有フォルダ 共有ドライブ アクセス権 権限 申請",
        "ファイルサーバー 容量 復元 同期 Zoom 画面共有 マイク 音声 ブラウザ バージョン 管理者権限",
    ),
    "finance-procurement": (
        "invoice purchase order po accounts payable due date budget cost center",
        "gl account general ledger journal entry accrual month end close quarter close sap erp oracle netsuite",
        "procurement estimate approval limit approval workflow signing authority corporate card statement",
        "請求書 発注書 発注 支払 支払期日 支払条件 予算 原価 部門コード 勘定科目 仕訳 計上 月次決算 締め",
        "SAP 購買 見積 稟議 決裁 承認 承認者 承認フロー 法人カード 明細",
    ),
    "product-support": (
        "troubleshooting troubleshoot steps error code reboot restart factory reset firmware setup guide manual",
        "warranty return refund exchange rma repair service replacement part spare parts defective unit",
        "shipping status tracking number delivery date installation compatibility user manual how to set up",
        "トラブルシューティング エラーコード 再起動 初期化 ファームウェア 取扱説明書 マニュアル 設定方法",
        "保証 保証期間 返品 返金 交換 修理 部品 初期不良 配送状況 追跡番号 納期 設置 互換性 手続き",
    ),
    "facilities-building": (
        "office hours opening hours building open closed national holiday bank holiday closure weekend access",
        "bring my dog pets allowed kitchen fridge microwave shower bike storage first aid kit",
        "lost badge replacement badge reissue id card lost visitor wifi guest wifi after hours heating",
        "営業時間 開館時間 祝日 休館日 年末年始 土日 土曜 日曜 何時まで 何時から 開いてる",
        "入館 ペット 犬 給湯室 冷蔵庫 電子レンジ シャワー 救急箱",
        "社員証 紛失 再発行 なくし 落とし ゲスト Wi-Fi 夜間 暖房",
    ),
    "hr-careers": (
        "internal transfer internal job posting apply for another team change teams career path promotion process",
        "career development mentoring mentor program tuition reimbursement certification exam",
        "headcount job grade job title change manager one on one feedback meeting skip level",
        "社内公募 社内異動 異動希望 部署異動 キャリア キャリアパス 昇格 昇進試験 メンター 資格 資格取得 受験",
        "受講料 講座代 研修費 自己啓発 学習支援 補助制度 書籍購入",
        "等級 職級 役職 1on1 面談 フィードバック面談 評価面談",
    ),
    "platform-howto": (
        "character limit how many characters word limit font size dark mode notifications settings",
        "how to use the app feature algorithm number of followers verification badge schedule a post time zone",
        "文字数 何文字 文字数制限 通知 設定 使い方 フォロワー数 アルゴリズム 予約投稿",
        "how long do stories last expire disappear after 24 hours change username display name dark mode",
        "how does the algorithm work reach impressions analytics insights trending ranking",
        "block mute notifications turn off archive",
        "何時間で消える 有効期限 ユーザー名 変更 表示名 ダークモード 仕組み 表示回数 インプレッション 分析",
        "ミュート ブロック 通知オフ アーカイブ 使い方 やり方 方法 どうやって 設定方法 手順",
        "機種変更 データ移行 トーク履歴 バックアップ 背景画像 壁紙 プレミアム会員",
    ),
}

# Workplace systems and admin tasks live in their own module (it is long).
OFF_TOPIC.update(TOOL_DOCUMENTS)
# These areas are indexed by their own words only: "Slack" or "intranet" in a question about
# channel settings must not bring them the thesaurus concepts the policy's clauses are about.
WORDS_ONLY = frozenset(TOOL_DOCUMENTS)
