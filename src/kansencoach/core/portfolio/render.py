"""The portfolio as markdown tables or as one self-contained HTML page with inline SVG bars.

Every text from a proposal is escaped: in markdown it cannot open a table cell, a heading or HTML;
in HTML it is escaped before it reaches the page, and the page loads nothing from the network.
"""

from __future__ import annotations

import html
import re

from kansencoach.core.portfolio.summary import PERSPECTIVES, Portfolio, Row, shares
from kansencoach.i18n import t

COLOURS = {"A": "#1f5fa8", "B": "#b3501b", "C": "#2e7d4f"}
"""One colour per perspective, each at least 4.5:1 against white (WCAG AA for the labels)."""


def to_markdown(portfolio: Portfolio) -> str:
    lines = [f"# {t('portfolio.title')}", "", t("portfolio.count", count=len(portfolio.rows)), ""]
    lines += [f"## {t('portfolio.proposals')}", ""]
    lines.append("| " + " | ".join(_headers()) + " |")
    lines.append("|" + "---|" * len(_headers()))
    for row in portfolio.rows:
        cells = [
            row.title,
            row.domain or "—",
            _mix_text(row.mix),
            _smart(row),
            "; ".join(row.blocking) or "—",
            "; ".join(name for name, _ in row.interventions) or "—",
        ]
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    lines += ["", f"## {t('portfolio.spread')}", "", _spread_text(portfolio), ""]
    lines += [f"## {t('portfolio.recurring')}", ""]
    lines += _table([t("portfolio.finding"), t("portfolio.proposal_count")], portfolio.recurring)
    lines += [f"## {t('portfolio.used')}", ""]
    lines += _table(
        [t("portfolio.intervention"), t("portfolio.evidence"), t("portfolio.proposal_count")],
        portfolio.interventions,
    )
    return "\n".join(lines).rstrip() + "\n"


def to_html(portfolio: Portfolio) -> str:
    rows = "".join(_html_row(row) for row in portfolio.rows)
    head = "".join(f'<th scope="col">{html.escape(name)}</th>' for name in _headers())
    recurring = _html_table([t("portfolio.finding"), t("portfolio.proposal_count")], portfolio.recurring)
    used = _html_table(
        [t("portfolio.intervention"), t("portfolio.evidence"), t("portfolio.proposal_count")],
        portfolio.interventions,
    )
    mean = {p: round(portfolio.mean_mix[p]) for p in PERSPECTIVES}
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(t('portfolio.title'))}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>{html.escape(t('portfolio.title'))}</h1>"
        f"<p>{html.escape(t('portfolio.count', count=len(portfolio.rows)))}</p></header>\n<main>\n"
        f"<section><h2>{html.escape(t('portfolio.proposals'))}</h2>\n"
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></section>\n"
        f"<section><h2>{html.escape(t('portfolio.spread'))}</h2>\n{_bar(mean, 320)}"
        f"<p>{html.escape(_spread_text(portfolio))}</p></section>\n"
        f"<section><h2>{html.escape(t('portfolio.recurring'))}</h2>\n{recurring}</section>\n"
        f"<section><h2>{html.escape(t('portfolio.used'))}</h2>\n{used}</section>\n"
        "</main>\n</body>\n</html>\n"
    )


def _headers() -> list[str]:
    return [
        t("portfolio.proposal"),
        t("portfolio.domain"),
        t("portfolio.mix"),
        t("portfolio.smart"),
        t("portfolio.blocking"),
        t("portfolio.interventions"),
    ]


def _smart(row: Row) -> str:
    if row.smart is None:
        return "—"
    return t("portfolio.yes") if row.smart else t("portfolio.no")


def _mix_text(mix: dict[str, int]) -> str:
    if not mix:
        return "—"
    return " · ".join(f"{p} {share}%" for p, share in shares(mix).items())


def _spread_text(portfolio: Portfolio) -> str:
    mean = " · ".join(f"{p} {round(portfolio.mean_mix[p])}" for p in PERSPECTIVES)
    return t(
        "portfolio.spread_text",
        mean=mean,
        one_sided=portfolio.one_sided,
        share=portfolio.one_sided_share,
        count=len(portfolio.rows),
    )


def _cell(text: str) -> str:
    """Officer text in a table cell: one line, no markup of its own, pipes escaped."""
    flat = " ".join(text.split())
    flat = re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", flat)
    return flat


def _table(headers: list[str], rows: tuple[tuple[object, ...], ...]) -> list[str]:
    if not rows:
        return [t("portfolio.none"), ""]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(str(cell)) for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _html_row(row: Row) -> str:
    mix = _bar(shares(row.mix), 160) if row.mix else "—"
    cells = [
        html.escape(row.title),
        html.escape(row.domain or "—"),
        mix,
        html.escape(_smart(row)),
        "<br>".join(html.escape(title) for title in row.blocking) or "—",
        "<br>".join(html.escape(f"{name} ({evidence})") for name, evidence in row.interventions) or "—",
    ]
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>\n"


def _html_table(headers: list[str], rows: tuple[tuple[object, ...], ...]) -> str:
    if not rows:
        return f"<p>{html.escape(t('portfolio.none'))}</p>\n"
    head = "".join(f'<th scope="col">{html.escape(name)}</th>' for name in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>\n"


def _bar(percentages: dict[str, int], width: int) -> str:
    """A stacked bar of the three perspectives, with a text alternative for screen readers."""
    label = ", ".join(f"{p} {percentages.get(p, 0)}%" for p in PERSPECTIVES)
    parts, x = [], 0.0
    for p in PERSPECTIVES:
        part = width * percentages.get(p, 0) / 100
        if part > 0:
            parts.append(f'<rect x="{x:.1f}" y="0" width="{part:.1f}" height="16" fill="{COLOURS[p]}"/>')
            if part >= 28:
                parts.append(
                    f'<text x="{x + 4:.1f}" y="12" font-size="11" fill="#fff">{p} {percentages[p]}</text>'
                )
        x += part
    return (
        f'<svg role="img" aria-label="{html.escape(t("portfolio.mix"))}: {html.escape(label)}" '
        f'width="{width}" height="16" viewBox="0 0 {width} 16">'
        f"<title>{html.escape(label)}</title>{''.join(parts)}</svg>"
    )


_CSS = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1a1a1a;background:#fff;"
    "margin:2rem auto;max-width:72rem;padding:0 1rem;line-height:1.45}"
    "table{border-collapse:collapse;width:100%;margin:1rem 0}"
    "th,td{border:1px solid #8a8a8a;padding:.4rem .5rem;text-align:left;vertical-align:top}"
    "thead th{background:#eef1f5}h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem}"
    "@media print{body{margin:0;max-width:none}section{break-inside:avoid}}"
)
