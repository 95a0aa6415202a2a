"""The timeline as an SVG bar chart, drawn on the server (the page runs no script)."""

from __future__ import annotations

from markupsafe import Markup, escape

WIDTH = 640
HEIGHT = 120
AXIS = 16


def choose_period(first: str | None, last: str | None) -> str:
    """A period length giving a readable number of bars between two ISO dates: week, month or year."""
    if not first or not last:
        return "month"
    months = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7] or 1) - int(first[5:7] or 1)
    if months > 48:
        return "year"
    if months < 3:
        return "week"
    return "month"


def timeline_svg(timeline, link=None) -> Markup:
    """A bar per period, its height the share of all articles that matched; each bar titled with its counts.

    `link(period_index)`, when given, makes each bar a link (to the search limited to that period).
    """
    rows = list(
        zip(timeline.periods, timeline.matches, timeline.totals, timeline.shares, strict=False)
    )
    if not rows:
        return Markup("")
    peak = max(share for *_, share in rows) or 1.0
    step = WIDTH / len(rows)
    gap = min(2.0, step * 0.2)
    parts = [
        f'<svg class="timeline-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT + AXIS}" '
        f'role="img" aria-labelledby="timeline-title"><title id="timeline-title">Share of articles per '
        f"{escape(timeline.by)} that match</title>"
    ]
    for i, (period, matches, total, share) in enumerate(rows):
        height = 0 if not matches else max(1.0, share / peak * (HEIGHT - 4))
        x = i * step
        label = f"{period}: {matches} of {total} articles ({share:.1%})"
        bar = (
            f'<rect class="bar" data-period="{escape(period)}" data-matches="{matches}" data-total="{total}" '
            f'x="{x + gap / 2:.2f}" y="{HEIGHT - height:.2f}" width="{max(step - gap, 0.5):.2f}" '
            f'height="{height:.2f}"><title>{escape(label)}</title></rect>'
        )
        if link is not None:
            bar = f'<a href="{escape(link(i))}">{bar}</a>'
        parts.append(bar)
    parts.append(f'<line class="axis" x1="0" y1="{HEIGHT}" x2="{WIDTH}" y2="{HEIGHT}"/>')
    parts.append(f'<text class="tick" x="0" y="{HEIGHT + AXIS - 3}">{escape(rows[0][0])}</text>')
    if len(rows) > 1:
        parts.append(
            f'<text class="tick" x="{WIDTH}" y="{HEIGHT + AXIS - 3}" text-anchor="end">'
            f"{escape(rows[-1][0])}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
