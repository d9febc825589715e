"""``guidebot report --html``: the report as one standalone page with inline SVG charts.

No scripts, fonts or images are fetched: the file can be mailed or forwarded as is.
Every value is escaped.
"""

from __future__ import annotations

from html import escape

from bot.data.messages import date_text, msg
from bot.features.owner.render_text import category_name, helpful_label
from bot.features.owner.report import Report

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP",sans-serif;max-width:60rem;
margin:2rem auto;padding:0 1rem;color:#1f2328}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #d0d7de;border-radius:.5rem;padding:.75rem 1rem;
min-width:9rem}.card b{display:block;font-size:1.6rem}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eaeef2}
td.n,th.n{text-align:right}svg text{font-size:11px;fill:#57606a}
.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;vertical-align:middle}
"""
COLOURS = {"answered": "#0969da", "unsure": "#fb8500", "pass": "#1a7f37", "warn": "#bf8700", "block": "#cf222e"}


def _e(value: object) -> str:
    return escape(str(value))


def day_chart(report: Report, width: int = 900, height: int = 180) -> str:
    """Questions per day as stacked bars: answered below, unsure on top."""
    days = report.per_day
    if not days:
        return ""
    top = max((d.questions for d in days), default=0) or 1
    plot_h = height - 30
    step = width / len(days)
    bar_w = max(1.0, step * 0.8)
    parts = [f'<svg role="img" viewBox="0 0 {width} {height}" width="100%" aria-label="questions per day">']
    for i, d in enumerate(days):
        x = i * step + (step - bar_w) / 2
        answered_h = plot_h * (d.questions - d.unsure) / top
        unsure_h = plot_h * d.unsure / top
        y = plot_h - answered_h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{answered_h:.1f}" fill="{COLOURS["answered"]}">'
            f"<title>{_e(d.day.isoformat())}: {d.questions}</title></rect>"
        )
        parts.append(
            f'<rect x="{x:.1f}" y="{y - unsure_h:.1f}" width="{bar_w:.1f}" height="{unsure_h:.1f}" '
            f'fill="{COLOURS["unsure"]}"><title>{_e(d.day.isoformat())}: {d.unsure} unsure</title></rect>'
        )
    label_every = max(1, len(days) // 8)
    for i in range(0, len(days), label_every):
        parts.append(
            f'<text x="{i * step + step / 2:.1f}" y="{height - 8}" text-anchor="middle">'
            f"{_e(days[i].day.strftime('%m-%d'))}</text>"
        )
    parts.append(f'<text x="2" y="12">{top}</text></svg>')
    return "".join(parts)


def bar_rows(rows: list[tuple[str, int, str]], width: int = 900) -> str:
    """Horizontal bars: (label, value, colour) per row."""
    if not rows:
        return ""
    top = max(v for _, v, _ in rows) or 1
    row_h, label_w = 24, 320
    parts = [f'<svg role="img" viewBox="0 0 {width} {row_h * len(rows) + 4}" width="100%">']
    for i, (label, value, colour) in enumerate(rows):
        y = i * row_h + 2
        w = (width - label_w - 60) * value / top
        short = label if len(label) <= 48 else label[:47] + "…"
        parts.append(f'<text x="0" y="{y + 15}">{_e(short)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" fill="{colour}"/>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 15}">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(head: list[str], rows: list[list[object]], numeric_from: int = 1) -> str:
    th = "".join(f'<th class="{"n" if i >= numeric_from else ""}">{_e(h)}</th>' for i, h in enumerate(head))
    body = "".join(
        "<tr>"
        + "".join(f'<td class="{"n" if i >= numeric_from else ""}">{_e(v)}</td>' for i, v in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def report_html(report: Report, lang: str, title: str = "") -> str:
    r = report
    none = f"<p>{_e(msg('report.none', lang))}</p>"
    heading = msg("report.title", lang, since=date_text(r.since, lang), until=date_text(r.until, lang))
    check_total = sum(r.checks.values())
    quiz_line = msg("report.quiz", lang, attempts=r.quiz_attempts, correct=r.quiz_correct, people=r.quiz_people)
    cards = [
        (
            msg("report.questions", lang, questions=r.questions, answered=r.answered, unsure=r.unsure).split(":")[0],
            r.questions,
        ),
        (msg("verdict.unsure", lang), r.unsure),
        (msg("report.checks", lang), check_total),
        (helpful_label(lang), f"{r.helpful_yes}/{r.helpful_no}"),
        (msg("report.f.quiz", lang), f"{r.quiz_correct}/{r.quiz_attempts}"),
    ]
    if r.suggestions:
        cards.append((msg("report.f.suggestions", lang), r.suggestions))
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
        f"<title>{_e(heading)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title + ' · ' if title else '')}{_e(heading)}</h1>",
        f"<p>v{_e(r.policy_version)}</p>" if r.policy_version else "",
        '<div class="cards">' + "".join(f'<div class="card"><b>{_e(v)}</b>{_e(k)}</div>' for k, v in cards) + "</div>",
        f"<h2>{_e(msg('report.questions', lang, questions=r.questions, answered=r.answered, unsure=r.unsure))}</h2>",
        f'<p class="legend"><span style="background:{COLOURS["answered"]}"></span>{_e(msg("report.f.answered", lang))}'
        f'<span style="background:{COLOURS["unsure"]}"></span>{_e(msg("verdict.unsure", lang))}</p>',
        day_chart(r),
        f"<h2>{_e(msg('report.gaps', lang))}</h2>",
        bar_rows([(" · ".join(g.keywords) or "—", g.count, COLOURS["unsure"]) for g in r.gaps[:15]]) or none,
        f"<h2>{_e(msg('report.top', lang))}</h2>",
        bar_rows([(f"{c.clause_id} {c.title}", c.asked, COLOURS["answered"]) for c in r.clauses]) or none,
        _table(
            [msg(f"report.col.{k}", lang) for k in ("clause", "asked", "helpful_yes", "helpful_no")],
            [[f"{c.clause_id} {c.title}", c.asked, c.helpful_yes, c.helpful_no] for c in r.clauses],
        )
        if r.clauses
        else "",
        f"<h2>{_e(msg('report.checks', lang))}</h2>",
        bar_rows([(msg("check." + v, lang), n, COLOURS[v]) for v, n in r.checks.items()]),
        _table(
            [msg(f"report.col.{k}", lang) for k in ("check", "fired", "wrong")],
            [[c.check_id, c.fired, c.wrong_reports] for c in r.check_stats],
        )
        if r.check_stats
        else "",
        f"<h2>{_e(msg('report.categories', lang))}</h2>",
        bar_rows([(category_name(k, lang), n, COLOURS["warn"]) for k, n in r.categories.items()]) or none,
        f"<h2>{_e(quiz_line)}</h2>",
        f"<h2>{_e(msg('report.reminders', lang))}</h2>",
        _table(
            ["#", *(msg(f"report.col.{k}", lang) for k in ("channel", "schedule", "posted", "failed", "read", "rate"))],
            [[m.id, m.where, m.schedule, m.deliveries, m.failed, m.acks, m.acks_per_delivery] for m in r.reminders],
            numeric_from=3,
        )
        if r.reminders
        else none,
        "</body></html>",
    ]
    return "\n".join(part for part in out if part) + "\n"
