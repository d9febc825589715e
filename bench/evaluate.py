"""Answer-ranking and draft-check quality on the evaluation data.

``python -m bench.evaluate [--kb PATH] [--questions FILE] [--drafts FILE] [--split even|odd]``
prints, per language, top-1 / top-3 accuracy and the ``unsure`` rates of
out-of-scope and in-scope questions, counted as the evaluation data's README
says; then, if the bundled knowledge base loads, per-category recall and
precision of the draft checker, the secret and personal-data figures on the
external detector corpus (:mod:`bench.external`, misses listed), and per language the
share of situation questions (``bench/data/situations.jsonl`` and, written later and
never tuned on, ``bench/data/situations-2.jsonl``) whose clause and verdict are both
right; last, the question and draft figures of other industries' bases, each with its
own labelled questions and drafts (``bench/data/industry``: a hospital network's policy,
Japanese first; ``bench/data/industry-bank``: a bank and insurer's, English first;
``bench/data/industry-games``: a game studio's, English first; ``bench/data/industry-food``:
a restaurant chain's, Japanese first; ``bench/data/industry-logistics``: a parcel carrier's,
English first; ``bench/data/industry-city``: a city office's, Japanese first;
``bench/data/industry-pharma``, ``-university``, ``-retail``, ``-telecom`` (a mobile carrier,
English first), ``-airline`` (an airline group, Japanese first), ``-auto`` (an automaker and
its dealers, Japanese first), ``-construction`` (a general contractor and developer, Japanese
first), ``-insurance`` (an insurance group and its agents, English first), ``-utility`` (an
electricity and gas utility, Japanese first), ``-hotel`` (a hotel and resort chain, English first),
``-media`` (a broadcaster and newspaper group, Japanese first), ``-legal`` (a law and tax firm,
English first), ``-saas`` (a software and cloud services company, Japanese first),
``-realestate`` (a property developer and manager, English first), ``-football`` (a
professional football club, Japanese first), ``-cosmetics`` (a cosmetics and skincare brand,
English first), ``-childcare`` (a nursery and childcare operator, Japanese first),
``-staffing`` (a temp staffing and recruitment agency, Japanese first), ``-vet`` (a
veterinary clinic chain and pet store, English first), ``-brewery`` (a brewer and beverage
maker, Japanese first), ``-audit`` (an accounting and audit firm, English first), ``-charity``
(an international humanitarian charity, English first), ``-semiconductor`` (a chip maker
with its fabs, Japanese first), ``-marketplace`` (an online marketplace, English first),
``-jukuschool`` (a cram school and educational publisher, Japanese first), ``-funeral`` (a
funeral services company, Japanese first), ``-aerospace`` (an aerospace and defence
manufacturer, English first), ``-railway`` (a railway and bus operator, Japanese first) and
``-cyber`` (a cybersecurity firm, English first); ``--no-industry`` skips them). ``--split`` keeps every other
question, for tuning on one half and checking on the other.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench import external
from bench.evaldata import missing_message, shared_eval_dir
from bot.assistant.engine import GuideBot
from bot.search.sentence_model import CONFIGURED, Configured

BUNDLED_KB = Path(__file__).resolve().parent.parent / "knowledge"
SITUATIONS = Path(__file__).resolve().parent / "data" / "situations.jsonl"
# Other companies' policies in other industries, each with its own labelled questions and drafts.
INDUSTRIES = tuple(
    Path(__file__).resolve().parent / "data" / name
    for name in (
        "industry",
        "industry-bank",
        "industry-games",
        "industry-food",
        "industry-logistics",
        "industry-city",
        "industry-pharma",
        "industry-university",
        "industry-retail",
        "industry-telecom",
        "industry-airline",
        "industry-auto",
        "industry-construction",
        "industry-insurance",
        "industry-utility",
        "industry-hotel",
        "industry-media",
        "industry-legal",
        "industry-saas",
        "industry-realestate",
        "industry-football",
        "industry-cosmetics",
        "industry-childcare",
        "industry-staffing",
        "industry-vet",
        "industry-brewery",
        "industry-audit",
        "industry-charity",
        "industry-semiconductor",
        "industry-marketplace",
        "industry-jukuschool",
        "industry-funeral",
        "industry-aerospace",
        "industry-railway",
        "industry-cyber",
        "industry-dental",
        "industry-themepark",
        "industry-shipping",
        "industry-fitness",
        "industry-apparel",
        "industry-chemicals",
        "industry-agri",
        "industry-cinema",
        "industry-care",
        "industry-wedding",
        "industry-museum",
        "industry-homes",
        "industry-travel",
        "industry-toys",
        "industry-waste",
        "industry-consulting",
        "industry-salon",
        "industry-guard",
        "industry-architecture",
        "industry-rental",
        "industry-printing",
        "industry-coffee",
        "industry-bpo",
        "industry-drugstore",
        "industry-ticketing",
        "industry-izakaya",
        "industry-elevator",
        "industry-esports",
        "industry-payments",
        "industry-taxi",
        "industry-solar",
        "industry-animation",
        "industry-library",
        "industry-zoo",
        "industry-ski",
        "industry-meddevice",
        "industry-bakery",
        "industry-wine",
        "industry-petshop",
        "industry-karaoke",
        "industry-ridehail",
        "industry-crypto",
        "industry-moving",
        "industry-golf",
        "industry-streaming",
        "industry-garden",
        "industry-konbini",
        "industry-publisher",
        "industry-edtech",
        "industry-airport",
        "industry-department",
        "industry-dating",
        "industry-seafood",
        "industry-orchestra",
        "industry-trading",
        "industry-facilities",
        "industry-aesthetic",
        "industry-steel",
        "industry-aistartup",
        "industry-mining",
        "industry-mangacafe",
        "industry-drivingschool",
        "industry-translation",
        "industry-hospital",
        "industry-talent",
        "industry-pachinko",
        "industry-optician",
        "industry-securities",
        "industry-reuse",
        "industry-instruments",
        "industry-catering",
        "industry-shipbuilding",
        "industry-cleaning",
        "industry-bicycle",
        "industry-dairy",
        "industry-parking",
        "industry-laundry",
        "industry-drone",
        "industry-bus",
        "industry-kimono",
        "industry-florist",
        "industry-datacentre",
        "industry-sento",
        "industry-eikaiwa",
        "industry-pestcontrol",
        "industry-robotics",
        "industry-fuel",
        "industry-auction",
        "industry-shrine",
        "industry-sushi",
        "industry-tackle",
        "industry-ryokan",
        "industry-bookshop",
        "industry-tea",
        "industry-vending",
        "industry-theatre",
        "industry-waterworks",
        "industry-baseball",
        "industry-consumerfinance",
        "industry-pharmawholesale",
        "industry-studyabroad",
        "industry-ferry",
        "industry-radio",
        "industry-musicschool",
        "industry-papermill",
        "industry-coworking",
        "industry-patent",
        "industry-watch",
        "industry-furniture",
        "industry-campsite",
        "industry-weather",
        "industry-icecream",
        "industry-sportsgoods",
        "industry-paint",
        "industry-petfood",
        "industry-tyre",
        "industry-jewellery",
        "industry-beverage",
        "industry-stationery",
        "industry-battery",
        "industry-glass",
        "industry-footwear",
        "industry-camera",
        "industry-bedding",
        "industry-cookware",
        "industry-umbrella",
        "industry-soysauce",
        "industry-hvac",
        "industry-piano",
        "industry-eyewear",
        "industry-securityco",
        "industry-ramen",
        "industry-satellite",
        "industry-motorcycle",
        "industry-sanitary",
        "industry-hearingaid",
        "industry-arcade",
        "industry-appliance",
        "industry-timber",
        "industry-bowling",
        "industry-hosting",
        "industry-fireworks",
        "industry-clinicallab",
        "industry-textile",
        "industry-carwash",
        "industry-locksmith",
        "industry-aquarium",
        "industry-pawnshop",
        "industry-swimschool",
    )
)
# The bundled policy's situation sets: situations.jsonl, then 2 (written later from the clauses'
# and cases' descriptions) and 3-8, written last in words the policy does not use and each
# measured once before any change made with it in view: long questions (3), short ones (4),
# mixed lengths with 20 general (5), many industries' jobs (6), a retailer's and a carrier's
# jobs (7), a hospital's and a bank's with a quarter general (8).
SITUATION_SETS = (SITUATIONS, *(SITUATIONS.with_name(f"situations-{n}.jsonl") for n in range(2, 9)))


@dataclass(slots=True)
class LangFigures:
    """Counts for one language; the rates are what the targets are stated on."""

    in_scope: int = 0
    out_of_scope: int = 0
    top1: int = 0
    top3: int = 0
    oos_unsure: int = 0
    in_unsure: int = 0
    offered_hit: int = 0  # in-scope: the right clause is among those the reply shows
    offered: int = 0  # in-scope: clauses the replies show, in all
    oos_listed: int = 0  # out-of-scope: clauses the unsure replies list, in all
    misses: list[str] = field(default_factory=list)

    def rates(self) -> dict[str, float]:
        n, m = max(1, self.in_scope), max(1, self.out_of_scope)
        return {
            "top1": self.top1 / n,
            "top3": self.top3 / n,
            "oos_unsure": self.oos_unsure / m,
            "in_unsure": self.in_unsure / n,
            "offered_hit": self.offered_hit / n,
            "offered_avg": self.offered / n,
            "oos_listed_avg": self.oos_listed / m,
        }


def read_jsonl(path: str | Path) -> list[dict[str, object]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def split(rows: Sequence[dict[str, object]], half: str | None) -> list[dict[str, object]]:
    """Every other row (``even`` or ``odd``), or all of them."""
    if half is None:
        return list(rows)
    start = 0 if half == "even" else 1
    return list(rows[start::2])


def evaluate_questions(bot: GuideBot, rows: Iterable[dict[str, object]]) -> dict[str, LangFigures]:
    """Figures per language of ``bot.ask`` (what ``guidebot ask --json`` prints), counted as
    the evaluation README says."""
    out: dict[str, LangFigures] = {}
    for row in rows:
        q, lang, expect = str(row["q"]), str(row["lang"]), row["expect"]
        fig = out.setdefault(lang, LangFigures())
        reply = bot.ask(q)
        unsure = reply.outcome == "unsure"
        ids = [m.clause.id for m in reply.matches]
        offered = [c.id for c in reply.offered]
        if expect == "unsure":
            fig.out_of_scope += 1
            fig.oos_unsure += unsure
            fig.oos_listed += len(offered) if unsure else 0
            if not unsure:
                fig.misses.append(f"answered out-of-scope: {q!r} -> {ids[:1]}")
            continue
        assert isinstance(expect, list)
        fig.in_scope += 1
        fig.top1 += (not unsure) and bool(ids) and ids[0] in expect
        fig.top3 += any(i in expect for i in ids[:3])
        fig.in_unsure += unsure
        fig.offered_hit += any(i in expect for i in offered)
        fig.offered += len(offered)
        if not any(i in expect for i in offered):
            fig.misses.append(f"not offered: {q!r} -> {offered} want {expect}")
        if unsure or not ids or ids[0] not in expect:
            fig.misses.append(f"{'unsure' if unsure else 'wrong'}: {q!r} -> {ids[:3]} want {expect}")
    return out


@dataclass(slots=True)
class SituationFigures:
    """Situation questions of one language: how many, and how many got the right clause
    first (answered, not unsure) and the right verdict for the situation."""

    total: int = 0
    both: int = 0
    clause: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.both / max(1, self.total)


def evaluate_situations(bot: GuideBot, rows: Iterable[dict[str, object]]) -> dict[str, SituationFigures]:
    """Per language, the situation questions (``{"q", "lang", "expect", "verdict"}``) whose
    first clause is one of ``expect`` and whose verdict is ``verdict``, as ``ask --json``
    reports them."""
    out: dict[str, SituationFigures] = {}
    for row in rows:
        q, lang, expect, want = str(row["q"]), str(row["lang"]), row["expect"], row["verdict"]
        assert isinstance(expect, list)
        fig = out.setdefault(lang, SituationFigures())
        reply = bot.ask(q)
        clause = reply.clause
        fig.total += 1
        right_clause = clause is not None and clause.id in expect
        fig.clause += right_clause
        fig.both += right_clause and reply.verdict == want
        if not (right_clause and reply.verdict == want):
            got = f"{clause.id}/{reply.verdict}" if clause else "unsure"
            fig.misses.append(f"{q!r} -> {got} want {expect[0]}/{want}")
    return out


def evaluate_drafts(kb_path: Path, rows: Iterable[dict[str, object]]) -> dict[str, tuple[float, float, int]] | None:
    """Per category (recall, precision, support) of the checker; None if the KB does not load."""
    from bot.checks.checker import check_text
    from bot.knowledge.loader import load_with_issues

    if not kb_path.exists():
        return None
    kb, _issues = load_with_issues(kb_path)
    if kb is None or not kb.checks:
        return None
    tp: dict[str, int] = {}
    flagged: dict[str, int] = {}
    wanted: dict[str, int] = {}
    clean_ok = clean = 0
    for row in rows:
        result = check_text(kb, str(row["text"]), str(row["lang"]))
        want = set(row["categories"])  # type: ignore[call-overload]
        got = set(result.categories)
        for c in want:
            wanted[c] = wanted.get(c, 0) + 1
        for c in got:
            flagged[c] = flagged.get(c, 0) + 1
            tp[c] = tp.get(c, 0) + (c in want)
        if not want:
            clean += 1
            clean_ok += result.verdict == "pass"
    cats = sorted(set(wanted) | set(flagged))
    out = {
        c: (tp.get(c, 0) / max(1, wanted.get(c, 0)), tp.get(c, 0) / max(1, flagged.get(c, 0)), wanted.get(c, 0))
        for c in cats
    }
    out["(clean drafts pass)"] = (clean_ok / max(1, clean), 1.0, clean)
    return out


def main(argv: list[str] | None = None) -> int:
    from bot.knowledge.loader import load

    p = argparse.ArgumentParser(prog="python -m bench.evaluate", description=__doc__.splitlines()[0])
    p.add_argument("--kb", help="knowledge base for the questions (default: the evaluation data's kb/)")
    p.add_argument("--questions", help="labelled questions (default: the evaluation data's questions-dev.jsonl)")
    p.add_argument("--drafts", help="labelled drafts (default: the evaluation data's drafts-dev.jsonl)")
    p.add_argument("--drafts-kb", default=str(BUNDLED_KB), help="knowledge base for the drafts (bundled)")
    p.add_argument(
        "--situations",
        nargs="+",
        default=[str(path) for path in SITUATION_SETS],
        help="situation question sets for the bundled base",
    )
    p.add_argument("--no-industry", dest="industry_off", action="store_true", help="skip the other industries' bases")
    p.add_argument("--split", choices=("even", "odd"), help="evaluate every other question only")
    p.add_argument(
        "--lexical", action="store_true", help="rank by words only, without the sentence model (quicker; lower figures)"
    )
    p.add_argument("-v", "--verbose", action="store_true", help="list the misses")
    args = p.parse_args(argv)
    model = None if args.lexical else CONFIGURED
    data = shared_eval_dir()
    if data is None and not (args.kb and args.questions):
        # The situation questions and the other industries' bases are in the repository: their
        # figures need no evaluation data.
        print(missing_message(), file=sys.stderr)
        print_situation_sets(args.situations, verbose=args.verbose, model=model)
        if not args.industry_off:
            print_industries(verbose=args.verbose, model=model)
        return 2
    if data is not None:
        args.kb = args.kb or str(data / "kb")
        args.questions = args.questions or str(data / "questions-dev.jsonl")
        args.drafts = args.drafts or str(data / "drafts-dev.jsonl")

    rows = split(read_jsonl(args.questions), args.split)
    print_questions(GuideBot(load(args.kb), model), rows, verbose=args.verbose)
    if args.drafts and Path(args.drafts).exists():
        print_drafts(Path(args.drafts_kb), read_jsonl(args.drafts))
    corpus = external.corpus_path()
    if corpus is not None:
        figures_ext = external.evaluate(corpus, Path(args.drafts_kb))
        print("\n".join(external.report(figures_ext, verbose=True)))
    print_situation_sets(args.situations, verbose=args.verbose, model=model)
    if not args.industry_off:
        print_industries(verbose=args.verbose, model=model)
    return 0


def print_industries(*, verbose: bool = False, model: Configured | None = CONFIGURED) -> None:
    """The question and draft figures of each other industry's base (in the repository)."""
    from bot.knowledge.loader import load

    for industry in INDUSTRIES:
        if not (industry / "kb").exists():
            continue
        # How the engine does on a base it was not written around.
        print(f"another industry: {industry.name}/ (its own policy, questions and drafts)")
        bot = GuideBot(load(industry / "kb"), model)
        print_questions(bot, read_jsonl(industry / "questions.jsonl"), verbose=verbose)
        print_drafts(industry / "kb", read_jsonl(industry / "drafts.jsonl"))


def print_questions(bot: GuideBot, rows: Iterable[dict[str, object]], *, verbose: bool = False) -> None:
    """The question figures, one line per language, then the offered clauses of both."""
    figures = evaluate_questions(bot, rows)
    print("questions  lang  in/oos   top-1  top-3  oos-unsure  in-unsure  offered-hit  offered-avg  oos-listed")
    for lang, fig in sorted(figures.items()):
        r = fig.rates()
        print(
            f"           {lang:4}  {fig.in_scope:3}/{fig.out_of_scope:<3}  {r['top1']:.2f}   {r['top3']:.2f}"
            f"   {r['oos_unsure']:.2f}        {r['in_unsure']:.2f}       {r['offered_hit']:.2f}         "
            f"{r['offered_avg']:.2f}         {r['oos_listed_avg']:.2f}"
        )
        if verbose:
            for miss in fig.misses:
                print("             ", miss)
    in_scope = sum(f.in_scope for f in figures.values())
    if in_scope:
        hit = sum(f.offered_hit for f in figures.values()) / in_scope
        shown = sum(f.offered for f in figures.values()) / in_scope
        print(f"           all   right clause among those offered {hit:.2f}, clauses offered {shown:.2f} on average")


def print_drafts(kb_path: Path, rows: Iterable[dict[str, object]]) -> None:
    """The draft checker's recall and precision per category."""
    drafts = evaluate_drafts(kb_path, rows)
    if drafts is None:
        print(f"drafts     skipped: the knowledge base {kb_path} does not load or has no checks")
        return
    print("drafts     category             recall  precision  support")
    for cat, (rec, prec, n) in drafts.items():
        print(f"           {cat:20} {rec:.2f}    {prec:.2f}       {n}")


def print_situation_sets(paths: Sequence[str], *, verbose: bool = False, model: Configured | None = CONFIGURED) -> None:
    """The situation figures of the bundled base for each set that exists."""
    from bot.knowledge.loader import load

    sets = [Path(p) for p in paths if Path(p).exists()]
    if not sets or not BUNDLED_KB.exists():
        return
    bot = GuideBot(load(BUNDLED_KB), model)
    for path in sets:
        print_situations(bot, read_jsonl(str(path)), verbose=verbose, name=path.name)


def print_situations(
    bot: GuideBot, rows: Sequence[dict[str, object]], *, verbose: bool = False, name: str = ""
) -> None:
    """The situation figures of the bundled base, one line per language."""
    print(f"situations lang  n    clause  clause+verdict  {name}".rstrip())
    for lang, fig in sorted(evaluate_situations(bot, rows).items()):
        print(f"           {lang:4}  {fig.total:3}  {fig.clause / max(1, fig.total):.2f}    {fig.rate:.2f}")
        if verbose:
            for miss in fig.misses:
                print("             ", miss)


if __name__ == "__main__":
    raise SystemExit(main())
