"""Small inline SVG charts (bars and lines), written directly: no plotting library to import,
nothing to fetch, and a few milliseconds a chart."""
from __future__ import annotations

import datetime as dt
import html

WIDTH, HEIGHT = 720, 300
PALETTE = ("#3b6ea5", "#d1743a", "#4b9a5a", "#a54a7f", "#7a6bb5", "#8c8c3a")


def esc(text) -> str:
    return html.escape(str(text), quote=True)


def nice_max(value: float) -> float:
    """A round number at or above value, for the axis."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** len(str(int(value))) / 10 if value >= 1 else 1.0
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def frame(title: str, subtitle: str, body: list[str]) -> str:
    return (f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {WIDTH} {HEIGHT}' role='img' "
            f"aria-label='{esc(title)}'><title>{esc(title)}</title>"
            f"<text x='{WIDTH / 2}' y='18' text-anchor='middle' font-size='14' font-weight='bold'>{esc(title)}</text>"
            f"<text x='{WIDTH / 2}' y='34' text-anchor='middle' font-size='11' fill='#555'>{esc(subtitle)}</text>"
            + "".join(body) + "</svg>")


def bar_chart(title: str, subtitle: str, bars: list[tuple[str, float]]) -> str:
    """Horizontal bars, largest first; negative values extend left of zero."""
    left, right, top, bottom = 230, WIDTH - 20, 48, HEIGHT - 24
    low = min(0.0, *(v for _, v in bars))
    high = nice_max(max(0.0, *(v for _, v in bars)))
    span = (high - low) or 1.0
    x = lambda v: left + (v - low) / span * (right - left)  # noqa: E731
    row = (bottom - top) / max(len(bars), 1)
    body = [f"<line x1='{x(0):.1f}' y1='{top}' x2='{x(0):.1f}' y2='{bottom}' stroke='#999'/>"]
    for n, (label, value) in enumerate(bars):
        y = top + n * row
        start, end = sorted((x(0), x(value)))
        body.append(f"<text x='{left - 6}' y='{y + row * 0.65:.1f}' text-anchor='end' font-size='11'>"
                    f"{esc(label[:38])}</text>")
        body.append(f"<rect x='{start:.1f}' y='{y + row * 0.15:.1f}' width='{max(end - start, 1):.1f}' "
                    f"height='{row * 0.7:.1f}' fill='{PALETTE[0]}'><title>{esc(label)}: {value:,.3g}</title></rect>")
        body.append(f"<text x='{end + 4:.1f}' y='{y + row * 0.65:.1f}' font-size='10' fill='#333'>{value:,.3g}</text>")
    body.append(f"<text x='{left}' y='{HEIGHT - 6}' font-size='10' fill='#555'>{low:,.3g}</text>"
                f"<text x='{right}' y='{HEIGHT - 6}' font-size='10' fill='#555' text-anchor='end'>{high:,.3g}</text>")
    return frame(title, subtitle, body)


def line_chart(title: str, subtitle: str, series: dict[str, list[tuple[dt.date, float]]]) -> str:
    """One line per series over time, with a legend."""
    left, right, top, bottom = 60, WIDTH - 170, 48, HEIGHT - 28
    days = [d for points in series.values() for d, _ in points]
    values = [v for points in series.values() for _, v in points]
    first, last = min(days), max(days)
    low, high = min(0.0, min(values)), nice_max(max(values))
    x = lambda d: left + ((d - first).days / max((last - first).days, 1)) * (right - left)  # noqa: E731
    y = lambda v: bottom - (v - low) / ((high - low) or 1.0) * (bottom - top)  # noqa: E731
    body = [f"<line x1='{left}' y1='{bottom}' x2='{right}' y2='{bottom}' stroke='#999'/>",
            f"<line x1='{left}' y1='{top}' x2='{left}' y2='{bottom}' stroke='#999'/>",
            f"<text x='{left - 4}' y='{top + 4}' text-anchor='end' font-size='10'>{high:,.3g}</text>",
            f"<text x='{left - 4}' y='{bottom}' text-anchor='end' font-size='10'>{low:,.3g}</text>",
            f"<text x='{left}' y='{HEIGHT - 10}' font-size='10'>{first}</text>",
            f"<text x='{right}' y='{HEIGHT - 10}' font-size='10' text-anchor='end'>{last}</text>"]
    for n, (label, points) in enumerate(series.items()):
        color = PALETTE[n % len(PALETTE)]
        path = " ".join(f"{'M' if i == 0 else 'L'}{x(d):.1f},{y(v):.1f}" for i, (d, v) in enumerate(points))
        body.append(f"<path d='{path}' fill='none' stroke='{color}' stroke-width='2'/>")
        body += [f"<circle cx='{x(d):.1f}' cy='{y(v):.1f}' r='3' fill='{color}'><title>{esc(label)} {d}: "
                 f"{v:,.3g}</title></circle>" for d, v in points]
        body.append(f"<rect x='{right + 12}' y='{top + n * 18}' width='10' height='10' fill='{color}'/>"
                    f"<text x='{right + 26}' y='{top + n * 18 + 9}' font-size='11'>{esc(label[:24])}</text>")
    return frame(title, subtitle, body)
