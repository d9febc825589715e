"""How a question is asked: how-to, a procedure, permission, before or after (bot/data/question_forms.yaml)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.data.datafile import DataFileError
from bot.data.question_forms import FLAGS, Guarded, guard_and_body, load_question_forms, question_forms
from bot.search.question_form import (
    asks_how_to,
    asks_in_general,
    asks_permission,
    asks_procedure,
    disclosure,
    timing,
)


@pytest.mark.parametrize(
    "question",
    [
        "how do i make my instagram account private",
        "How can I change the language of the Slack app?",
        "where do I find the holiday calendar?",
        "パスワードのリセット方法を教えてください",
        "経費精算ってどうやるの?",
        "社員旅行の申し込みはどこからできますか",
        "年末調整の締め切りっていつ?",
        "パレットの積み方のルール教えて",
        "what's the procedure if a customer refuses a delivery?",
        "what forms do I need for an export declaration?",
        "whats the procedure if a recipient refuses a parcel",
        "where can I download the Teams app?",
        "how to reset my password?",
        "how do customers return a faulty product?",
        "what documents does a new hire need?",
        "a customer wants a refund, what's the procedure?",
        "Ｔｅａｍｓの通知の設定を教えて",  # full-width letters read as their ASCII forms
        # when something happens, what it costs, what it takes
        "when is the next food hygiene training",
        "when does my forklift licence need renewing",
        "What time does the library open?",
        "at what time is the fire drill tomorrow",
        "深夜残業の手当って何時からつくの?",
        "外貨預金の今の金利はいくら?",
        "口座開設に必要な書類は何ですか",
        "住宅ローンの審査ってどれくらいかかる?",
        "How much are teaching assistants paid per hour?",
        "How long does a customer have to return a faulty drill?",
        "When are final grades due for the spring semester?",
        "Where's the schedule for final exam proctoring assignments?",
        # the steps of a task, what customers may do, wanting something ordered or reset, what fails
        "What are the steps to port a customer's number in from another carrier?",
        "can passengers bring a power bank over 100Wh in the cabin?",
        "Can a student retake an exam if they were sick on the day?",
        "店舗端末のパスワードを忘れたので再設定したい",
        "工事用の工具を新しく発注したい",
        "勤怠システムが障害で打刻できない",
        "料金プラン変更の手続きで、システムがエラーになる",
        "社員優待航空券で親を乗せるときの手続きは？",
        "国際線エコノミーの無料手荷物許容量は何個まで？",
        "100Whを超えるモバイルバッテリーは機内に持ち込める？",
        "customer wants the price of a set of winter tyres fitted, where do I look it up?",
        "the torque wrench in bay 3 is out of calibration, who fixes it?",
        "下取り車の査定を中古車システムに登録するには？",
        "納車前点検のチェックシートを印刷したい",
        # a machine that will not work, a door that no longer opens, where the latest version is
        "フロントのカードキー発行機が動かない",
        "社員証でロッカー室に入れなくなった",
        "大浴場の清掃チェックリストの最新版はどこ？",
        "宿泊者名簿って何年保管するんですか",
        "レストランのPOSでメニューの値段を変えるには？",
        # something that will not work, even asked what to do about it
        "my laptop keeps freezing during web hearings, who do i call",
        "e-Tax submission keeps failing with a certificate error, who can help",
        "the scanner won't connect to the wifi, how do I fix it?",
        "現場事務所のWi-Fiがつながらない。どこに連絡すればいい？",
        "勤怠システムが障害で打刻できない。どうすれば？",
        "報告アプリがすぐ落ちる",
        "ポイントがアカウントに反映されないときはどうすればいい？",
        "ノートPCのパスワードを何回か間違えてロックされた",
        "社員証の写真を撮り直したいです",
        "品質記録の書き方を知りたい",
        "what's the GMP procedure when a filling line stops mid-batch?",
        "the booking app won't let a customer book a nail clip, who do I call?",
        "is there an employee discount on our products?",
        "is there a template for the move-in guide we hand to new tenants?",
        "where do I upload x-ray photos to a patient's record?",
        "レジのカード端末がエラーになります",
        # which system, how to operate or fill in, who does it, whom to call, a form or a limit
        "取引先の新規登録ってどのシステムでやる？",
        "タイムシートで業務コードの付け方がわからない",
        "見学予約システムで団体のお客さまの人数を変更したい",
        "which app do we use to attach tool photos to the maintenance work order?",
        "do we get a discount on our own beer at the employee shop?",
        "スマホで撮った写真を社用PCに取り込むには?",
        "寝台車の車検の予約って誰がやってるの？",
        "発酵タンクの温度アラームが鳴ったときの連絡先は？",
        "アーカイブ映像の使用申請はどの部署に出す？",
        "保護者面談の日程調整に使えるツールってある？",
        "配達アプリで「配達完了」が押せない不具合、どうすれば？",
        # whom to ask for a thing, sharing a screen, money back, a dose or a limit
        "who do I ask to create a Jira account for a new hire?",
        "who do I ask for a Steam Deck to test on",
        "our mobile app got rejected by app store review, who handles the resubmission?",
        "how do I share my screen in Zoom?",
        "does the company reimburse the makeup brushes i bought myself for the counter?",
        "what's the max dose of vancomycin for renal patients",
        "is there staff parking at the new hub?",
        "ステージング環境のAPIキーを発行してほしい",
        # an error code, where to hand something in, a cut-off, an allowance, who orders supplies
        "the control panel is showing error E42, who do I call",
        "the booking app won't let a patient log in, who do I contact",
        "where do I send the radiation badge every month",
        "whats the cut-off for this week's sailing?",
        "is the data allowance 5GB or 10GB a month now?",
        "who orders gloves for the clinic, we're running low",
        "予約がダブって表示される不具合、どこに報告？",
        "スキャナーのデータがラボに送れない",
        "プリンターの設定どうする？",
        "駐車許可証はどこでもらえますか",
        "outlook keeps asking for my password every 5 min, pls help",
        "what's the overtime rate for working election night?",
        "操作盤にエラーが出たとき、誰に連絡する？",
        "POSレジが固まったらどうする？",
        "コンテナのダメージ写真をシステムに添付する方法を教えて",
        "台風で待機になった時の手当ってどうなってますか",
        # money back, approvals and failures, even when asked as permission
        "can I expense my LinkedIn Premium subscription?",
        "Can I expense a team lunch for six people?",
        "who approves overtime for the operators at the BPO center",
        "fuel card got declined at the petrol station, who do I call",
        "my staff travel pass isnt opening the gates anymore, who do i contact?",
        "the customer database is super slow today, who should I ask?",
        "取引先との打ち合わせの交通費って精算できる?",
        "カンファレンスの参加費って経費で落ちますか？",
        "プリンタ詰まった、誰に言えばいい",
        "パソコンの動作がめちゃくちゃ遅い。入れ替えの予定ある？",
        "窓口の発券機がまた固まった。どこに連絡すればいい？",
        "施行管理システムのパスワードを忘れました。どこに連絡すれば？",
        "試合報告アプリに写真がアップロードできない",
        "what temperature should serum stock be kept at in the stockroom in summer",
        "what form do i fill in to push back a temp's assignment end date in the system",
        "do interns get a company laptop?",
        "what's the height requirement for the ride? a parent asked me",
        "社内の喫煙所はどこ?",
        "避難訓練の実施報告はどのフォーマットで出すの？",
        "非常勤講師の給与の振込日は？",
        "有給ってバイトでも取れる？",
        "台風対応の待機時間って残業代つきますか",
        "ロッカーの鍵をなくしました",
        "社内メール誤送信しちゃった、取り消しってできる?",
        "can you explain the difference between precision and recall?",
        "Can I take the company car home the night before an early outage callout?",
        "can I bring my own monitor to the office",
        "how often do we check the pool chlorine and where do i write it down",
        "what kind of photo do i need to upload for my new staff ID badge",
        "夜間清掃の業者さんが入る時間を変えたいときの連絡先",
        "休会の受付って何日前までならできる？",
        "シフト交換はアプリでできる？店長の承認いる？",
        "ギフトカードで払ったお客さまが現金で返金してほしいと言っている",
        "度付きの保護メガネって会社で作ってもらえる？",
        "火気使用の作業許可書の承認ルートを教えて",
        "アプリで会員バーコードが出ないとお客さまに言われた。対処法は？",
        "how to share screen in zoom",
        "Outlookの署名の変え方",
        "Outlookの署名を設定したい",
        "顧客アンケートの集計ツールは？",
        "can i claim mileage for driving my own car out to member farms",
        "選果機の糖度センサーがエラーを出してる。誰に連絡すれば？",
        "do I get paid extra for working the midnight premiere shift?",
        "who signs off on care plan changes after the service team meeting?",
        "お客さまの忘れ物って何日保管したら処分していいの？",
        "処遇改善加算って自分の給料にどう反映されてるの？",
        "ご家族から預かったお小遣いの出納帳のつけ方がわからない",
        "見守りセンサーの誤作動が多いけど誰に連絡すれば？",
        "where do I upload the photos from today's ceremony? the photo team said some shared drive",
        "how far in advance do I need to order flowers from the market for a saturday wedding?",
        "what temp should the walk-in fridge be at for the wedding cakes",
        "a guest lost their gift envelope at the reception desk, do we file a lost property report or what",
        "is there a discount for employees who want to get married at our own venue?",
        "do staff get free tickets for family members to the paid exhibitions?",
        "what training do I need before I can work alone in the archive search room?",
        "色打掛のクリーニングってどこの業者に出すの？",
        "席次表がPDF出力できないんだけど、どうしたらいい？",
        "ウエディングケーキの冷蔵保存は何度が適切？",
        "終電がないときタクシー代は出ますか",
        "利用者カードの再発行ってどう手続きするの？",
        "展示室の温湿度の基準値はいくつですか？",
        "移動図書館車を運転するのに必要な免許は？",
        "業務用スマホで図書館アプリが開かない",
        "燻蒸の業者を手配するにはどうすれば？",
        "can I take the company truck home over the weekend?",
        "the customer app won't let homeowners upload photos, is that a known bug?",
        "who approves registering a new partner firm as a supplier?",
        "安全帯が古くなったので新しいのを支給してほしい",
        "新しい協力業者の取引先登録は誰が承認しますか",
        "is there a per diem for conductors on overnight tours",
        "the app crashes on my work phone when i open the booking list, who do i tell",
        "a customer lost their suitcase at narita, what form do we give them for the airline",
        "need to upload a passport photo for a visa application in the embassy portal, what format",
        "can i get a second monitor for my desk at the booking centre",
        "取消料の計算、出発20日前のパッケージだと何％でしたっけ",
        "how many days ahead do i need to order testers for the counter",
        "保育士証の書き換えって会社でやってもらえる？",
        "the 3d printer in room 4 is out of resin, who orders more?",
        "the photo studio on 3F is double booked tomorrow, who manages the bookings?",
        "which courier do we use to send approval samples to the licensor?",
        "what PPE do i need for handling the medical waste containers?",
        "ライセンス元に監修用サンプルを送るときの宅配業者は決まってる？",
        "can I get a fan vest for summer traffic duty",
        "what documents do new hires submit for the eligibility check",
        "whats the solid ink density target for our house standard on coated stock?",
        "the delivery truck is late, who do i contact in logistics?",
        "can i book the laser cutter in the model shop for saturday?",
        "is there a budget for buying material samples for the interior team?",
        "who adds a new customer to the CRM for the showroom leads?",
        "お客さまの家の鍵を預かるときの預かり証の書き方",
        "CTPの刷版が足りなくなりそう。発注は誰に頼めばいい？",
        "断裁機の刃の交換って何か月ごと？",
        "一級建築士の登録手数料って会社が払ってくれる？",
        "模型室のレーザーカッター、土曜に予約できますか",
        "会社のメールがスマホで見られない",
        "お客さまの免許証をスキャンする機械が壊れたときの対応は？",
        "my apron got a coffee stain that won't come out, can I get a replacement?",
        "ミルクの冷蔵庫は何度に保つ決まりですか？",
        "how long do we have to keep the paper prescriptions in storage?",
        "what training do I need before I'm allowed to do the narcotics inventory count?",
        "シフトアプリで同僚と勤務を交換してもいいですか",
        "レシートなしで開封済みの化粧品を返品したいと言われた",
        "my headset mic keeps cutting out mid call, who do i raise a ticket with?",
        "在宅用PCにソフトフォンのアプリが入らない",
        "which app are we using for crew timesheets now, still the old one?",
        # アリ inside アリーナ is no "is it ok?"
        "アリーナの搬入口の予約はどのシステムでやるの？",
        "the badge reader at the loading dock isn't reading cards again",
        "the booking server is lagging badly, who's on call tonight?",
        "where do I log a damaged pallet in the warehouse system?",
        "how does a new starter get a login for the expenses tool?",
        "受付で会員カードが読めないお客様がいたら？",
        "POSアプリがまた落ちて会計が止まった",
        "研修システムの招待メールがまだ届いてない",
        "取引先への請求書の発行って経理に頼めばいい？",
        "派遣さんのTeamsアカウント作成をお願いしたいです",
        "フォークリフト講習、会社で費用出してもらえる？",
        "ビザの更新、会社は何か手続きしてくれる？",
        "勤怠画面で休暇の種類が選べない",
        "コンプラ研修の受講記録ってどこで見られる？",
        "日報って何時締めでしたっけ",
        "the breathalyser at the gate keeps giving an error",
        "who do I contact to book the annual service for van 12?",
        "how many days of annual leave do part-timers get?",
        "契約書の原本を本社に送るにはどうすればいい？",
        "朝礼に遅れそうなときは誰に連絡？",
        "コピー機の修理はどう依頼すればいい？",
        "レジの表示が自動で切り替わらない",
        "空調のフィルターってどれくらいの頻度で交換するの？",
        "the POS app crashes whenever I open the returns screen",
        "the staff wifi is down on the second floor",
        "会員データが二重登録になってる",
        "値札がずれて印刷される",
        "新規会員を受付するとき、何を確認すればいい？",
        "割れた食器の処理は？ ってか、割れたときの処理は？",
        "who troubleshoots the booking kiosk?",
        "who do I ask about my overtime, the numbers look wrong",
        "what torque setting do we use on the wheel nuts?",
        "where on the NAS are the site photos from last week?",
        "do we get paid for snow days when the store closes?",
        "the export job is stuck at 90%",
        "残業代の計算が合ってない気がする",
        "社用スマホの画面が割れた",
        "CADのライセンスが切れたっぽい",
        "動画の書き出しが途中で止まる",
        "経費の申請書類の書き方を教えて",
        "見積書の控えはどこに保管してる？",
        "シフト表の見方が分からない",
        "社員証を落としちゃった、再発行は？",
        "顧客の住所、システムでどう変えるの？",
        "会社PCのOSアップデートしてもいいですか",
        "the booking site keeps throwing a 502 error, who do I tell?",
        "how do I share my screen in Teams during a client call?",
        "共有フォルダに派遣さんを追加するにはどうすればいい？",
        "the shift board still shows last week's rota, who updates it?",
        "do I need a hepatitis B vaccine before starting on the ward?",
        "a guest asked me how to log in to the lobby wifi, what do I tell them?",
        "whats on the closing checklist for the café?",
        "whats the wifi password in the break room?",
        "the till at the Kita branch froze twice today, who do I call",
        "the walk-in fridge is making a loud clicking noise, who handles repairs?",
        "タブレットのアプリがタッチに反応しない",
        "レジが夕方のピークで固まった",
        "冷凍庫から変な音がする",
        "社用車のETCカードが料金所で使えなかった",
        "外国人スタッフの在留カードの更新、会社で手伝ってもらえる？",
        "名札の交換をしたいんですが",
        "拾得物はどの台帳に書けばいい？",
        "停電のときの連絡網ってどこ？",
        "会社のチャットを私物のスマホで見られるようにしたい",
        "my headset won't pair with the new laptop",
        "ワイヤレスイヤホンがPCとペアリングできない",
        "which expense form do we use for client dinners?",
        "which field on the timesheet is for travel time?",
        "is there a shuttle from the airport to the plant?",
        "勤怠アプリがアップデートできない",
        "経費精算の申請書って何を添付すればいい？",
        "which certificates do we need to see at check-in?",
        "is there a maximum number of hours per shift?",
        "how often should we descale the espresso machine?",
        "レジの現金が売上と合わないときは誰に言えばいい？",
        # supplies run out, a sign-in that stopped working, a subsidy, where in an internal system
        "at the trade-show booth and we're out of brochures and lanyards. who do I ask for more?",
        "出張先のホテルから会社のメールアカウントにログインできなくなった",
        "在宅勤務用の椅子を買ったら補助は出ますか",
        "同僚の送別会の幹事を頼まれたけど、会社から補助って出る？",
        "工場ラインの日報って、社内ポータルのどこに投稿すればいいの?",
        # an app that will not let one in, pay for late hours, a cleaning kit, allergens, a machine stopped by an
        # error, not knowing how to make something, a network that will not connect
        "the shift app wont let me submit my availability for next month, is it down?",
        "what's the late-night premium for part-timers working after 10pm?",
        "a customer threw up in a room, which cleaning kit are we supposed to use?",
        "what allergens are in the honey toast? a customer is asking",
        "メダル預け入れ機がエラーで止まった",
        "アプリのテスト用アカウントの作り方がわからない",
        "VPNにつながらなくてSlackしか見られない状態です",
        # money back, a badge made again, a locked account, an update, a changed surname, the post room, a shared
        # drive, a work phone
        "A colleague gets hers reimbursed. Can I put the subscription through on expenses?",
        "Is there a way to get the photo retaken and the badge reprinted?",
        "何度か試しているうちにアカウントがロックされてしまいました。",
        "会社のノートPCに「OSのアップデートが必要です」という通知が毎日出てきます。放っておいても大丈夫ですか?",
        "結婚して名字が変わりました。どこに届け出ればいいのかわかりません。",
        "会社の郵便の出し方がわかりません。切手を自分で貼ってポストに入れていいのか迷っています。",
        "who do I ask to get access to the marketing team's shared photo drive?",
        "can I get a company phone for on-call instead of using my own?",
        # whose job a task is, a fee's handling, a screen that shows nothing, a terminal's error, a dilution, a card
        # declined, protective gear, how long footage is kept, a refill, an app not adding points, a contract's
        # renewal, a freezer's alarm
        "when lightning is detected, who is supposed to sound the siren?",
        "落雷警報が出たときのサイレンは誰が鳴らす決まり？",
        "お客さまから雨天キャンセルの電話が来たとき、キャンセル料はどう扱う？",
        "カートのナビ画面が映らない。誰に連絡すれば？",
        "レジのクレジットカード端末がエラーになった",
        "what's the dilution for the disinfectant we use on the glasshouse benches",
        "what do i do when a customer's card keeps getting declined at the trade counter",
        "農薬のパレットを荷受けするとき、保護具は何が必要？",
        "防犯カメラの録画って何日分保存されてるの？",
        "our ATM ran out of cash, who do we contact to refill it",
        "the Tsukimi app isn't adding usagi points for customers at checkout, what's wrong",
        "雇用契約の更新ってどのタイミングですか",
        "冷凍ケースの温度アラームが鳴った、どうすればいい",
        # a full mailbox, whom to ask for an account, a name changed in the systems, a panel that crashes, software
        # on a home computer, how something is processed, a stipend, the recommended speed, the Wi-Fi password, a
        # setting that cannot be changed
        "会社のメールアカウントの容量がいっぱいって出るんですけど",
        "新しく入った派遣の田中さんのメールアカウント、誰に発行をお願いすればいい？",
        "結婚して姓が変わります。給与口座と社内システムの名前の変更はどうすればいい？",
        "the Volte Plus admin panel crashes on my work iphone, who do i ping",
        "what font licence do we have for lettering? can i install it on my home pc",
        "写植用のフォントのライセンス、自宅PCにも入れていい？",
        "読者センターに届いた乱丁本の交換って、社内ではどういう流れで処理する？",
        "do tutors get a stipend for headsets or home office equipment?",
        "ビデオ教室で音声が途切れる。推奨のネット回線速度は？",
        "社内Wi-Fiのパスワードが変わったって聞いたけど新しいのは？",
        "アプリでプロフィール写真が変更できない",
        # a display that shows the wrong thing or went blank, a camera that shows nothing, a full phone, points not
        # added; where to enter something, a job's turnaround, which of a work item to use, who does a job; changing a
        # record, the papers to prepare, how long it takes, what is issued, how to make something, a photo retaken
        "the gate display at 14 keeps showing the wrong flight, who do i call?",
        "到着ロビーのデジタルサイネージが消えてる。どこに連絡すれば？",
        "ノートPCのカメラが映らなくてWeb会議で顔が出せない",
        "社用スマホの容量がいっぱいで写真が撮れない。増やせる?",
        "ポイントが付いてないってお客様に言われた。どう確認すればいい？",
        "where do i enter a year-end gift order with multiple recipients in the gift order system",
        "a customer wants her hem alteration done by friday, what's the usual turnaround",
        "which noshi do I use for a return gift after a funeral?",
        "I need a new headshot for the intranet directory, who takes those?",
        "システムで便の情報を修正するにはどうすればいい？",
        "外国籍スタッフの在留カード更新で、会社が用意する書類は？",
        "お直しの仕上がり日数の目安は？",
        "冬用の防寒着って支給される？",
        "社内チャットで新しいチャンネル作り方おしえて",
        # posting said not to happen does not make it a question about posting
        "how do I request a license for Photoshop? not for posting, for a client deck",
        "can I expense the photo prints for the customer workshop? not posting them, just handing them out",
        # a form that keeps erroring out, a channel gone, leave to vote, how a record counts, how to change a setting,
        # IT asked to restore something, a cost on a work card, business cards run out
        "the CRM won't let me add a new customer account, the form keeps erroring out",
        "Teamsのチャネルが急に見えなくなった、誰かに消された?",
        "do I get paid time off to vote on election day?",
        "選挙の日に投票所に寄ってから出社したい。遅刻扱いになる?",
        "社内ポータルのプロフィール写真の変え方わかんない",
        "I accidentally deleted a shared folder on the drive, can IT restore it??",
        "can I take a client to lunch and put it on the team card?",
        "名刺切れてた!明日の商談までに間に合う?",
        # access to a work system, a pay problem, an account issued or made, which tool to use, a work archive
        "how does a contractor on my team get access to the shared drive?",
        "my teammate's paycheck was short this month, who should he contact?",
        "派遣さんにも社内Wi-Fiのアカウントって発行できる?",
        "新しく入った人のSlackアカウントは誰が作るの?",
        "お客様アンケートの集計ってどのツール使えばいい?",
        "a customer wants a copy of their signed contract, where's the contract archive?",
        # how to get something done, in Japanese (「〜するにはどうすれば」)
        "Teamsで新しいチャネルを作るにはどうすればいい?",
        "来週火曜の乗務を他のCAと交換するにはどうすればいい?",
        # where in a system, which category or protocol, a guide asked after, a timetable, a terminal that freezes
        "logging a near miss in safelog - which category do i pick for a forklift?",
        "which numbing cream protocol do we use before a full-face laser?",
        "an enterprise customer asks how to set up SSO, where's the admin guide?",
        "what's the bus timetable from the station to the main gate",
        "where do i renew my gate pass, mine expires end of month",
        "the terminal in the control room freezes every hour, who do i call",
        # which weekday, how many, what to hand in, an error code, a permit, a deduction from pay
        "作業服のクリーニングの回収日は何曜日？",
        "APIの無料枠のレート制限っていくつでしたっけ？",
        "引っ越したら人事に何を出せばいい?",
        "3番の施術室のレーザーがエラーE-21で止まった。どこに連絡すればいい？",
        "構内の駐車許可証を申請したい",
        "食堂の利用代金の給与天引きってどうなってる？",
        "how do I share a big file with a client outside the org?",
        "whats the cleaning checklist for flat booths between guests",
        "ハズログでヒヤリハットを登録するとき、どの分類を選べばいいですか？",
        "the SD card in car 3 is full, who swaps it out?",
        "who do I ask to retake the photo on my employee badge?",
        "can i claim the shinkansen fare for an interpreting job in osaka, which form?",
        "what's the refund rule when a camper drops out after the first week?",
        "アプリで教習生が予約画面に進めないと言っている。どう案内すればいい？",
        "教習生のクレジットカードが決済で通らない。どうすればいい？",
        "休憩室のエアコンが壊れてるんだけど、どこに連絡すれば?",
        "キャンセル料の規定を教習生に聞かれた。何日前から発生する？",
        "新しく入った指導員のアカウント発行は誰に頼めばいい？",
        "用語集に新しい用語を登録する権限がほしい",
        "my manager asked me to update my emergency contact, where is that in Workday?",
        "店長にシフト交代を頼みたい。アプリからできる?",
        "where do I post the weekly rota so the stage crew can see it?",
        "can I share a locker with another nurse on my ward?",
        "do i get a housing allowance when im posted to singapore and how is it calculated",
        "can I get a new badge photo taken? mine is from 2015",
        "派遣さんにもSlackのアカウント作ってあげられる?",
        "社内ポータルのプロフィール写真を変えたいです",
        "社員証の写真、もう申請しちゃったけど撮り直せる?",
        "病室のナースコールが鳴りっぱなしで止まらない。設備担当の内線何番？",
        "患者さんのご家族からカルテ開示の請求があった。どの窓口に案内すればいい？",
        "公演中止になった場合のチケット払い戻しの受付期間は何日？",
        "地方ロケの宿泊手配は総務と制作どっちに頼むの？",
        "研究生のレッスン代の請求書を作るテンプレートは？",
        "先月の給与明細、残業代が反映されてないっぽい",
        "社用スマホのアプリが急に開かなくなった。どこに連絡すれば?",
        "when do they take photos for the new site ID badges?",
        "uploaded my photo for the new badge but it got rejected, what now?",
        "finished the fire safety e-learning yesterday but it still shows incomplete",
        "a fan club member wants to change the address on her membership, where do i do that in the admin tool",
        "a coworker shared a Figma file with me and it says I need a license. who approves that?",
        # who looks after a thing, whom to tell that it is broken
        "the diagnostic scanner needs a software update, who looks after that?",
        "the job board credits have run out, who tops them up?",
        "2番リフトの油圧がおかしい。誰に言えばいい?",
        "作業許可書は誰に頼めばいい?",
        "分包機が止まった、どこに連絡すれば?",
        "社用車のタイヤがパンクした。どこに連絡すればいい?",
        "how do I post an announcement on the intranet news page?",
        "玉掛けの講習受けたいけど会社で費用出る?",
        "does Acme pay for my nursing license renewal?",
        "can I expense a LinkedIn Premium subscription for sourcing candidates?",
        "can we get a second Figma seat for our contractor?",
        "is there a staff discount at the café and gift shop?",
        "which Slack channel do I post in when the 3rd floor printer jams?",
        "職員向けのイントラ掲示板にお知らせを投稿するにはどうすればいい?",
        "お客様から特急ロットの依頼がきた。誰に回せばいい?",
        "台風の日に工場を稼働するかどうかは誰が決めるの?",
        "詰所の掲示板に潮位表を貼るのは誰の担当?",
        "how do I share a large CAD file with a supplier securely?",
        "how do I share my screen in Zoom when presenting to a customer?",
        "need a Zoom pro license for a customer webinar, who approves that?",
        # a thing that will not open or that crashes, a cooler, an alarm, an expired password
        "シフト表のアプリがスマホで開けない",
        "Slackが事務所のWi-Fiだとすぐ落ちる",
        "外来待合のエアコンが効かないって患者さんに言われた",
        "輸液ポンプのアラームが止まらない、どこに連絡?",
        "テラー端末のパスワード期限切れた。どうすれば?",
        # a thing wanted for work, a call passed on, a slot moved, a purchase, a seal
        "撮影用のレンダーサーバーのアカウントがほしい",
        "編集室のPCにPremiereの最新版を入れてほしい",
        "保護者からのクレームの電話、誰につなげばいい?",
        "休憩時間を15時にずらしてもらえますか",
        "在宅勤務用にゲーミングチェアを経費で買える?",
        "火気使用の許可って誰のハンコが必要?",
        "役員車の手配はどこに頼めばいいんだっけ",
    ],
)
def test_questions_about_operating_something_ask_a_procedure(question: str) -> None:
    assert asks_procedure(question), question


@pytest.mark.parametrize(
    "question",
    [
        # whether something may be done
        "can I post a photo of our new office?",
        "How much can I say about our results online?",
        "How long should I wait before I post the news?",
        "When are we allowed to share the news?",
        "is it ok to tell followers how to reset their router?",
        "do I need to add a disclaimer when I write about our products?",
        "新製品の使い方を動画で紹介してもいいですか?",
        "勉強会で発表したいんだけど申請いる?",
        "会社からSNSのパスワードを教えてと言われたら教えなきゃいけないの?",
        "これを投稿するのってルール違反?",
        "SNSのルールってある？",  # a form or a limit, but of the policy
        "写真をインスタに載せるには?",
        "There's an account pretending to be our CEO asking people for gift cards. Who handles that?",
        "who do I ask before I post about the event?",
        "これってNG?",  # NG and OK right after Japanese text
        "いつ投稿すればOK?",
        "決算の数字はいつから投稿できる?",  # when may I post
        "what time can we announce the results on LinkedIn?",  # when may I say it
        "How do I get permission to post customer photos?",
        "How can we make sure our employee advocacy posts follow the rules?",
        "What's the process for getting a post approved by communications?",
        "Would posting a video on how to set up our router violate the policy?",
        "I want to post a tutorial on how to use our app on YouTube",  # "how to" inside, not asked
        # words that only look like a procedure's
        "新作ゲームの設定資料をXに載せたいです",
        "賞味期限切れの食材の写真を載せたい",
        "店長に教えてもらった新メニューをインスタに載せたい",
        "思いついたネタ、あいつに見せてから投稿する",
        "SNSで炎上を防ぐ方法は?",
        "how do customers react when we post memes?",
        "投稿の承認手順は?",
        "How do I avoid a conflict of interest when posting about a supplier?",
        "when does the blackout period start for posting about our numbers?",  # about posting
        "when is it ok to mention my employer in my bio?",
        "インフルエンサーへの報酬っていくらでもいいの?",
        "新製品の発表って何時から投稿していいの?",
        "仕込みの手順を動画でまとめて載せたい",  # wanting to post a procedure asks whether one may
        # a team's own page or account asks for an official presence
        "our store wants its own facebook page for local promos, how do we set that up?",
        "The Kyushu sales office wants a LINE account to message local shops. How do we get that going?",
        # what customers may post or see is the policy's
        "can customers tag us in their photos?",
        "do customers need to agree before I post a photo of them?",
        "What are the steps to get a post approved?",
        "カメラを工場に持ち込んで写真を撮ってもいい?",
        # how to respond, or how to word a post
        "how do I respond to a customer complaining on X?",
        "how do I credit a photo I found online?",
        "炎上してしまった。どう対応すればいい?",
        # something broken that the question means to post about
        "the app keeps crashing, can I tweet about it?",
        "our service is down and customers are angry online, what do I do?",
        "サイトがつながらないってSNSで炎上してる。どう対応すればいい?",
        "公式アカウントがロックされた。どうすればいい?",
        "is there a template for announcing a new hire on LinkedIn?",
        # wanting to teach someone is not asking to be taught
        "番記者に、移籍の件ちょっとだけ教えてと言われた",
        "大学の後輩に採用ページを教えて、職場の雰囲気も伝えたい",
        "コラボ相手が有名IPで言いたい。いつから話せる？",
        "使いにくいって言ってる人にアプリの使い方を教えてあげたい",
        "what's the deadline for posting the results?",
        "アプリの不具合、SNSで謝っていい？",
        "撮影許可なしで載せていい？",
        "my account keeps asking for a code, was I hacked?",
        "what's the rate for a sponsored post?",
        "my mom wants to leave 5 stars for our blender, that's ok since she doesn't work here right?",
        "my account got locked after a phishing email, can I post a warning?",
        "インフルエンサーへの謝礼って経費で落ちる？",
        "公式アカウントのパスワードを忘れたらどうすれば？",
        "what's the disclosure requirement for a sponsored post?",
        "炎上したときの相談窓口はどこ？",
        "公式アカウントの管理者はどこ？",
        "what's the difference between a personal and an official account?",
        "個人アカと公式アカの違いって何？",
        "can I bring my camera to the launch and post pics?",
        "can I take a photo of the new lobby?",
        "how often should I post on LinkedIn about work?",
        "お客様がXで返金してほしいと言っている、返信していい?",
        "公式アカウント開設の承認ルートは?",
        "許可書の写真をSNSに載せてもいい?",
        "プロフィールを設定したい、会社名入れていい?",
        "投稿の消し方",
        "do I get paid extra for a sponsored post?",
        "防犯カメラの映像は何日保存されてる？SNSに載せていい？",
        "how far in advance do I need approval for a sponsored post?",
        "what training do I need before I can run the official account?",
        "公式アカウントを開設するのに必要な資格は？",
        "公式アカウントの投稿は誰が承認しますか",
        "who approves posting on the company page?",
        "what format should my linkedin post be?",
        "can I get a new phone for the official account?",
        "how many days ahead do i need to get approval for a post?",
        "フォロワーから創業年が違うと指摘されました。どう直すのが正解？",
        "is there a budget for boosting our posts?",
        "can I get a shoutout from the official account?",
        "which app should we use to post the teaser?",
        "can I book the studio to film a tiktok?",
        "副業ってアリ？どこに申請すればいい？",
        "匿名で書いたの、社員ってバレない？窓口はどこ？",
        "our app isn't scanning tickets and fans are complaining online, can I post an update?",
        "QRが読めないって口コミがSNSで拡散されてる",
        "公式アカウント作成をお願いしたいです",
        "炎上対応の費用、会社で出してもらえる？",
        "how does a new hire get approval to post on the company page?",
        "Orbit's network went down last night lol can I dunk on them?",
        "their app crashes constantly, can I reply that it's malware?",
        "do we get paid for posting on the brand account?",
        "新作の写真をアップしていいですか",
        "遅れそうなときにSNSで連絡していい？",
        "公式アカウントに他の人を追加するにはどうすれば？",
        "who updates the official instagram account?",
        "炎上したら会社が手伝ってくれる？",
        "can I post that our till froze during the rush?",
        "got an email from a reporter asking about our ward, who handles that?",
        "which form do I use to get approval for a sponsored post?",
        "is there a limit on how often I can post about work?",
        # a sign-in to a social network, or a reward for posting, stays the policy's
        "店のインスタ担当が辞めて、誰もログインできなくなった。どうすればいい？",
        "インスタにログインできなくなった…ホテルの公式アカもフォローしてる個人垢です",
        "Xにログインできなくなった、乗っ取りかも",
        "SNSで新商品を紹介したら手当って出る？",
        "X won't let me log in, was I hacked?",
        "インスタの公式アカウントの作り方がわからない",
        "アカウントがロックされるからこのリンクからログインしてってメールがきた",
        "インスタのアカウントがロックされた",
        "who do I ask to get my post shared on the company page?",
        "防犯カメラが映らない場所が休憩スポットになってて、それをネタにしたい",
        "who is supposed to reply to the journalist?",
        "my post isn't showing up on the company page",
        "公式アカウントの投稿は誰が担当する決まり？",
        "公式アカウントの作成は誰にお願いすればいい？",
        "現場事務所の写真をあげたら、後ろの付箋にWi-Fiのパスワードが写ってた…消すべき?",
        "インスタのプロフィール写真が変更できない",
        "防犯カメラに映らない場所で休憩してるの、投稿したら怒られる?",
        "which hashtag should I use for the charity run post?",
        "the screen is blank in my screenshot, can I post it anyway?",
        "left my work phone on the train with the store app still logged in, what now",
        "ストアアプリにログインしたままの社用スマホを電車に置き忘れた…",
        # whom to tell about a post, a reply or harassment: the policy's
        "炎上しそうな投稿見つけた、誰に言えばいい?",
        "会社名出してるせいで変なリプが来て怖い、誰に言えば",
        "who handles media enquiries?",
        "台風で市場の冷凍庫が止まった。現場の様子を上げてもいい?",
        "地震で大浴場のタイルが割れた。現場の写真あげて無事ですって伝えたい",
        "how do I share a photo of the new store on instagram?",
        "社内報の記事をXに載せていい?",
        "副業の案件で会社から報酬出る?",
        "公式アカウントの投稿は誰が決めるの?",
        "炎上したとき誰が対応するの?",
        "can Acme pay me to promote their stuff on tiktok?",
        "is there training on social media for new hires?",
        "I start running our brand account next week, is there extra training for that?",
        "I joined as a researcher last week, is there a course I have to take?",
        "our branch wants its own insta page for the salon, who sets that up?",
        "LinkedInのプロフィール写真の変え方わかんない",
        "can it restore the old version of my post?",
        "病棟の申し送りってどのツールに投稿するの?",
        "インスタのアカウントは誰が作るの?",
        # how to do the post itself right
        "want to post that i think the new store layout is a mess, how do i make clear its just me",
        "proud of the app we built for a bank client, how can I show it off on Behance?",
        "i wrote that our sealant is food safe in a reply but it's not on the label. how do i walk that back?",
        "a course asked us to spread the word, how do i do that right",
        "他社とうちのスペック比較表を作った。公開するにはどうすれば?",
        # a rival's app that crashes, in a reply: not the writer's machine
        "tempted to reply to a rival's fan that their app crashes constantly lol",
        "何曜日に投稿するのがいちばん伸びる?",
        "Xのプロフィール写真を変えたい。会社のロゴが入ってても平気?",
        "when do they check what we post on our personal accounts?",
        "関西支社として独自のInstagramを立ち上げたいと考えております。どちらに申請すればよろしいでしょうか。",
        # unless you log in, a snack brought in, a talk: not a failure nor a request
        "リンクでログインしないとアカウント停止ってメールが来た。本物？",
        "講座のたびにお菓子を差し入れてくれる受講生さんがいて、その話を書きたい",
        "社外の勉強会で話してほしいと頼まれた。誰の承認が必要?",
    ],
)
def test_permission_and_how_to_questions_are_not_procedures(question: str) -> None:
    assert not asks_procedure(question), question


def test_a_question_asking_whether_something_may_be_done_asks_permission() -> None:
    assert asks_permission("シフト削られて生活きついってツイートしても大丈夫?")
    assert asks_permission("can I post that we're understaffed?")
    assert not asks_permission("what's the wifi password for the break room?")
    # wanting to upload, stream or explain is asking whether one may
    assert asks_permission("経費精算システムの画面のスクショ、使い方解説で上げたい")
    assert asks_permission("研修会の様子をインスタライブしたい")
    assert asks_permission("ガチャの確率表記ミスで炎上中。個人的に事情を説明したい")
    assert not asks_permission("来月から値上げしたいって店長が言ってた")


def test_a_forms_japanese_patterns_read_only_text_with_japanese_letters(tmp_path: Path) -> None:
    """An English question is not scanned for Japanese wording; what a Japanese writer also
    types in English ("NG", "#PR") is an English form too."""
    path = tmp_path / "forms.yaml"
    path.write_text("how_to:\n  en: ['what now']\n  ja: ['どうすれば', 'PRを']\n", encoding="utf-8")
    forms = load_question_forms(path)["how_to"]
    assert len(forms.anywhere) == 1 and forms.anywhere[0].search("so what now?")
    assert len(forms.japanese) == 2 and forms.japanese[0].search("どうすればいい?")
    assert len(forms) == 3  # every pattern, for a warm-up that compiles them all
    assert asks_permission("is it NG to post a photo of the new uniform?")
    assert disclosure("Loving the new blend! #PR") == "open"
    assert disclosure("Record day at the shop #proud") is None


@pytest.mark.parametrize(
    ("source", "parts"),
    [
        (r"^(?!.*\b(?:post|tw(?:ee)?t)\w*).*\bwho fixes\b", (r"\b(?:post|tw(?:ee)?t)\w*", r"\bwho fixes\b")),
        (r"^(?!.*[)(]x).*y", ("[)(]x", "y")),
        (r"^(?!.*[])]x).*y", ("[])]x", "y")),
        (r"^(?!.*\(draft\)).*(?:who|whom)", (r"\(draft\)", "(?:who|whom)")),
        (r"^(?!x).*y", None),  # the guard does not read the whole text
        (r"^(?!.*x)y", None),  # the body is not searched for
        (r"^(?!.*x).*", None),
        (r"\bwho fixes\b", None),
    ],
)
def test_a_guarded_pattern_is_read_as_its_guard_and_body(source: str, parts: tuple[str, str] | None) -> None:
    assert guard_and_body(source) == parts


def test_a_guarded_pattern_matches_as_the_whole_pattern_does(tmp_path: Path) -> None:
    """Searched as its body first and its guard only then, a pattern ``^(?!.*GUARD).*BODY``
    finds what it finds whole, in every bundled form, on every development question; where
    the whole pattern read only a text's first line, the guard reads the whole text."""
    root = Path(__file__).resolve().parents[1] / "fixtures"
    texts = [json.loads(line)["q"] for line in (root / "eval" / "questions-dev.jsonl").read_text("utf-8").splitlines()]
    texts += ["who fixes the label printer at the front desk?", "the POS till keeps freezing, who fixes it?"]
    guarded = [p for ps in question_forms().values() for p in ps if isinstance(p, Guarded)]
    assert len(guarded) > 50
    for pattern in guarded:
        body, guard = (getattr(part, "pattern", None) or part._source for part in pattern.parts)  # type: ignore[union-attr]
        whole = re.compile(rf"^(?!.*{guard}).*{body}", FLAGS)
        for text in texts:
            assert pattern.search(text) == bool(whole.search(text)), (body[:60], text)
    path = tmp_path / "forms.yaml"
    path.write_text("request:\n  en: ['^(?!.*\\bpost\\w*).*\\bwho fixes\\b', '^(?!.*(a)).*\\1']\n", encoding="utf-8")
    forms = load_question_forms(path)["request"]
    fixes, backref = forms
    assert isinstance(fixes, Guarded) and not isinstance(backref, Guarded)  # "\1" needs its group
    assert fixes.search("who fixes the printer?") and not fixes.search("who fixes it? I'll post a photo")
    assert not fixes.search("who fixes the printer?\nthen I'll post about it")


def test_how_to_questions_are_still_how_to() -> None:
    assert asks_how_to("炎上してしまった。どう対応すればいい?")
    assert not asks_how_to("パスワードのリセット方法を教えてください")
    assert asks_how_to("want to share a line from a report, how do I show it's a quote?")
    assert asks_how_to("ネットで炎上しちゃった、どうすればいい?")
    assert not asks_how_to("社用車を借りるにはどうすればいい?")  # a procedure


def test_a_forms_file_with_an_unknown_form_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "forms.yaml"
    path.write_text("how_to:\n  en: ['what now']\nasking:\n  en: ['x']\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_question_forms(path)
    assert "forms.yaml" in str(err.value) and ":3" in str(err.value) and "asking" in str(err.value)


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("can I share the results before they are published?", "before"),
        ("a day ahead of the launch", "before"),
        ("it hasn't been announced yet", "before"),
        ("the unreleased trailer", "before"),
        ("a pre-launch teaser", "before"),
        ("決算発表の一週間前に", "before"),
        ("発表前の新製品", "before"),
        ("まだ発表されていない機能", "before"),
        ("未公開の情報", "before"),
        ("after the official announcement", "after"),
        ("once it's live", "after"),
        ("what the company has already published", "after"),
        ("now that the report is out", "after"),
        ("正式発表の後", "after"),
        ("公表済みの導入事例", "after"),
        ("公開されてから", "after"),
        ("すでに発表された内容", "after"),
        # neither: words that only look like it
        ("I post once a week", None),
        ("can I post it at once?", None),
        ("a case study we have published", None),
        ("飲み会で撮った後輩の写真", None),
        ("名前を出していい？", None),
        ("午後に投稿してもいい？", None),
        ("決済の方法を書いていい？", None),
        ("経済ニュースをシェアしたい", None),
        ("undisclosed promotion and fake reviews", None),  # not disclosed: no time
        ("承認済みの投稿をそのままシェアする", None),  # approved: no time
        # both: no side
        ("before the launch, or once it is announced?", None),
        # a time, but not of the event
        ("Can I share our results that the company published before the holidays?", None),
        ("It's published already? I haven't posted anything yet.", "after"),
        ("前の四半期に公表された決算を投稿していい？", None),
        ("3か月前に会社が公表した資料をシェアしていい？", None),
        ("before I post, can I check with you?", None),
    ],
)
def test_timing_places_a_text_before_or_after_an_event(text: str, side: str | None) -> None:
    assert timing(text) == side


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("can I review our app? I wouldn't mention I work there", "hidden"),
        ("can I review our app without saying I'm staff?", "hidden"),
        ("can I post it like I bought it myself?", "hidden"),
        ("業界の掲示板で、社員なのは伏せて書き込んでもいい?", "hidden"),
        ("一般人のふりをして口コミを書いてもいい?", "hidden"),
        ("PR表記なしで紹介してもいい?", "hidden"),
        ("a brand sent me free sneakers. do I really need #ad, it looks so try-hard", "hidden"),
        ("新作送ってもらったんだけど、#PRつけると伸びないからなしで投稿したい", "hidden"),
        ("Can I give our app top marks from my own account and keep quiet that I'm staff?", "hidden"),
        ("Do I need #ad on a gifted post?", "open"),
        ("recommending our products while saying that you work here", "open"),
        ("Can I recommend our app if I say that I work here?", "open"),
        ("投稿に社員であることを明記すれば宣伝してもいい?", "open"),
        ("Can I post a photo?", None),
        ("I have no idea, can I say it?", None),
        ("Can I tell my friends I got promoted?", None),
    ],
)
def test_disclosure_places_a_text_on_one_side_of_saying_who_is_posting(text: str, side: str | None) -> None:
    assert disclosure(text) == side


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("I won’t say I work there, can I review it?", "hidden"),  # the apostrophe phones type
        ("Can I review our app on the App Store, saying I am a regular user?", "hidden"),
        ("Is it important to mention I work here when I review?", "open"),  # not "n't"
        ("my comment would mention I work there", "open"),
        ("I'd never hide that I work here", None),
        ("社員であることを書かないといけない？", None),
        ("社員って書かなくてもいい？", "hidden"),
    ],
)
def test_disclosure_reads_apostrophes_negations_and_obligations(text: str, side: str | None) -> None:
    assert disclosure(text) == side


@pytest.mark.parametrize(
    ("question", "general"),
    [
        ("any rules about mentioning competitors on linkedin?", True),
        ("whats the deal with using our brand on my own socials?", True),
        ("What's the policy on posting from the office?", True),
        ("is it ok to post stuff about rival companies in general?", True),
        ("what am I allowed to say about our results?", True),
        ("お客さんのことってSNSでどこまで書いていいんだろ", True),
        ("インスタで紹介するとき気をつけることある？", True),
        ("選挙近いけど、政治ネタは避けたほうがいいの？", True),
        ("Quick one: rules for posting photos taken at the depot?", True),
        ("How careful do I need to be with music in my videos?", True),
        ("When exactly do I have to say who I work for in a post?", True),
        ("do I have to say who I work for whenever I post stuff?", True),
        ("会社がネットで叩かれてたら、社員としてはどう動けばいいの？", True),
        ("お客様のことってSNSに書いていいんですか？", True),
        ("What can I use for the soundtrack and pictures in it?", True),
        ("本名を出してないアカウント、会社のルール的にはどういう扱いになりますか?", True),
        ("With the election coming up, what should hospital staff keep in mind about political posts?", True),
        ("本名じゃないアカウントを持ってるんですけど、会社的に何か制限ってあるんですか？", True),
        ("can I post a photo of my colleague without asking her?", False),
        ("can I share the results once they are published?", False),
        ("競合の悪口を書いてもいい？", False),
    ],
)
def test_a_question_about_a_subjects_rules_as_a_whole_reads_as_general(question: str, general: bool) -> None:
    assert asks_in_general(question) is general
