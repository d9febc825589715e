"""How a question is asked: how-to, a procedure, permission, before or after (bot/data/question_forms.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.data.datafile import DataFileError
from bot.data.question_forms import load_question_forms
from bot.search.question_form import asks_how_to, asks_in_general, asks_procedure, disclosure, timing


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
    ],
)
def test_permission_and_how_to_questions_are_not_procedures(question: str) -> None:
    assert not asks_procedure(question), question


def test_how_to_questions_are_still_how_to() -> None:
    assert asks_how_to("炎上してしまった。どう対応すればいい?")
    assert not asks_how_to("パスワードのリセット方法を教えてください")


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
