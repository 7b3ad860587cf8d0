"""Small inline SVG charts (bars and lines), written directly: no plotting library to import,
nothing to fetch, and a few milliseconds a chart.

Axes speak the unit's language: a time axis with year ticks (months or quarters over a short span)
and a value axis in the unit's scale ($50 bn, ₩1.2 tn, 12 %, 20k units), never 1e+03.
"""
from __future__ import annotations

import datetime as dt
import html
import math
from dataclasses import dataclass

WIDTH, HEIGHT = 760, 320
PALETTE = ("#3b6ea5", "#d1743a", "#4b9a5a", "#a54a7f", "#7a6bb5", "#8c8c3a")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "mn"), (1e3, "k"))


@dataclass(frozen=True)
class ChartPoint:
    """One figure on a chart: where it sits, whether it is an exact actual, what its tooltip says, where it links."""
    day: dt.date
    value: float
    exact: bool
    tooltip: str
    href: str


def esc(text) -> str:
    return html.escape(str(text), quote=True)


def shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def scale_for(magnitude: float, unit: str) -> tuple[float, str]:
    """The divisor and its word for the numbers of one axis (money in mn/bn/tn, counts in k)."""
    if unit in ("percent", "percentage points"):
        return 1.0, ""
    for divisor, word in SCALES:
        if magnitude >= divisor and (word != "k" or unit not in ("USD", "KRW")):
            return divisor, word
    return 1.0, ""


def human(value: float, unit: str, scale: tuple[float, str] | None = None, digits: int | None = None) -> str:
    """A number as a reader says it: $50 bn, ₩1.2 tn, 12 %, 3.5 pp, 20k units."""
    divisor, word = scale or scale_for(abs(value), unit)
    word = word if value else ""  # zero is 0 units, not 0k units
    number = value / divisor
    if digits is None:
        digits = 0 if abs(number) >= 100 or number == int(number) else (1 if abs(number) >= 10 else 2)
    text = f"{abs(number):,.{digits}f}"
    sign = "-" if number < 0 else ""
    spaced = f" {word}" if word and word != "k" else word
    if unit == "USD":
        return f"{sign}${text}{spaced}"
    if unit == "KRW":
        return f"{sign}₩{text}{spaced}"
    if unit == "percent":
        return f"{sign}{text} %"
    if unit == "percentage points":
        return f"{sign}{text} pp"
    return f"{sign}{text}{spaced} {unit}"


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering low..high (low ≤ 0 ≤ high when the data allow)."""
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1, 2, 2.5, 5, 10) if s * power >= raw)
    first = math.floor(low / step) * step
    ticks = [first]
    while ticks[-1] < high - 1e-9 * step:
        ticks.append(ticks[-1] + step)
    return ticks


def tick_digits(ticks: list[float], divisor: float) -> int:
    """As few decimals as tell the ticks apart."""
    step = abs(ticks[1] - ticks[0]) / divisor if len(ticks) > 1 else 1.0
    return 0 if step >= 1 else (1 if step >= 0.1 else 2)


def time_ticks(first: dt.date, last: dt.date, yearly: bool = False) -> list[tuple[dt.date, str]]:
    """Year ticks over a long span (every 2nd or 5th year over a very long one) or for periods of half a year and
    more; quarters or months over a short span of months."""
    years = (last - first).days / 365.25
    if years > 2.5 or yearly:
        every = 1 if years <= 10 else (2 if years <= 20 else 5)
        return [(dt.date(y, 1, 1), str(y)) for y in range(first.year + 1, last.year + 1) if y % every == 0]
    months_apart = 3 if years > 1 else 1
    ticks, day = [], dt.date(first.year, first.month, 1)
    while day <= last:
        if day >= first and (day.month - 1) % months_apart == 0:
            ticks.append((day, f"{MONTHS[day.month - 1]} {day.year}"))
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return ticks


def frame(title: str, subtitle: str, body: list[str]) -> str:
    return (f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {WIDTH} {HEIGHT}' role='img' "
            f"aria-label='{esc(title)}'><title>{esc(title)}</title>"
            f"<text x='{WIDTH / 2}' y='18' text-anchor='middle' font-size='14' font-weight='bold'>{esc(title)}</text>"
            f"<text x='{WIDTH / 2}' y='34' text-anchor='middle' font-size='11' fill='#555'>{esc(subtitle)}</text>"
            + "".join(body) + "</svg>")


def value_axis(ticks: list[float], unit: str, y, left: float, right: float) -> list[str]:
    """Horizontal grid lines with human labels at the left."""
    scale = scale_for(max(abs(t) for t in ticks), unit)
    digits = tick_digits(ticks, scale[0])
    return [f"<line x1='{left}' y1='{y(t):.1f}' x2='{right}' y2='{y(t):.1f}' "
            f"stroke='{'#999' if t == 0 else '#e5e5e5'}'/>"
            f"<text x='{left - 6}' y='{y(t) + 4:.1f}' text-anchor='end' font-size='10'>"
            f"{esc(human(t, unit, scale, digits))}</text>" for t in ticks]


def point_marker(point: ChartPoint, cx: float, cy: float, color: str) -> str:
    """A dot (hollow when not an exact actual) that links to its release and tells its evidence."""
    fill = color if point.exact else "white"
    return (f"<a href='{esc(point.href)}'><circle cx='{cx:.1f}' cy='{cy:.1f}' r='3.5' fill='{fill}' "
            f"stroke='{color}' stroke-width='1.5'><title>{esc(point.tooltip)}</title></circle></a>")


def line_path(points: list[ChartPoint], x, y, color: str, typical_gap: int) -> list[str]:
    """Exact actuals joined in time: solid between neighbouring periods, dashed across a gap."""
    exact = [p for p in points if p.exact]
    body = []
    for a, b in zip(exact, exact[1:], strict=False):
        dash = "" if (b.day - a.day).days <= typical_gap * 1.6 else " stroke-dasharray='4 4'"
        body.append(f"<line x1='{x(a.day):.1f}' y1='{y(a.value):.1f}' x2='{x(b.day):.1f}' y2='{y(b.value):.1f}' "
                    f"stroke='{color}' stroke-width='2'{dash}/>")
    return body


def line_chart(title: str, subtitle: str, unit: str, series: dict[str, list[ChartPoint]], typical_gap: int) -> str:
    """One line per series over time, with a legend; hollow dots are figures that are not exact actuals."""
    left, right, top, bottom = 78, WIDTH - 190, 48, HEIGHT - 34
    days = [p.day for points in series.values() for p in points]
    values = [p.value for points in series.values() for p in points]
    first, last = min(days) - dt.timedelta(days=20), max(days) + dt.timedelta(days=20)
    ticks = nice_ticks(min(0.0, min(values)), max(0.0, max(values)))
    low, high = ticks[0], ticks[-1]
    x = lambda d: left + (d - first).days / max((last - first).days, 1) * (right - left)  # noqa: E731
    y = lambda v: bottom - (v - low) / ((high - low) or 1.0) * (bottom - top)  # noqa: E731
    body = value_axis(ticks, unit, y, left, right)
    body.append(f"<line x1='{left}' y1='{bottom}' x2='{right}' y2='{bottom}' stroke='#999'/>")
    for day, label in time_ticks(first, last, yearly=typical_gap > 92):
        body.append(f"<line x1='{x(day):.1f}' y1='{bottom}' x2='{x(day):.1f}' y2='{bottom + 4}' stroke='#999'/>"
                    f"<text x='{x(day):.1f}' y='{bottom + 16}' text-anchor='middle' font-size='10'>{esc(label)}</text>")
    for n, (label, points) in enumerate(series.items()):
        color = PALETTE[n % len(PALETTE)]
        body += line_path(points, x, y, color, typical_gap)
        body += [point_marker(p, x(p.day), y(p.value), color) for p in points]
        body.append(f"<rect x='{right + 14}' y='{top + n * 18}' width='10' height='10' fill='{color}'/>"
                    f"<text x='{right + 28}' y='{top + n * 18 + 9}' font-size='11'>{esc(shorten(label, 20))} "
                    f"({len(points)})<title>{esc(label)}</title></text>")
    return frame(title, subtitle, body)


def bar_chart(title: str, subtitle: str, unit: str, bars: list[tuple[str, ChartPoint]]) -> str:
    """Horizontal bars, largest first; negative values extend left of zero; each bar links to its release."""
    left, right, top, bottom = 230, WIDTH - 80, 48, HEIGHT - 24
    ticks = nice_ticks(min(0.0, *(p.value for _, p in bars)), max(0.0, *(p.value for _, p in bars)), 4)
    low, high = ticks[0], ticks[-1]
    x = lambda v: left + (v - low) / ((high - low) or 1.0) * (right - left)  # noqa: E731
    row = (bottom - top) / max(len(bars), 1)
    scale = scale_for(max(abs(t) for t in ticks), unit)
    digits = tick_digits(ticks, scale[0])
    body = [f"<line x1='{x(t):.1f}' y1='{top}' x2='{x(t):.1f}' y2='{bottom}' stroke='{'#999' if t == 0 else '#eee'}'/>"
            f"<text x='{x(t):.1f}' y='{HEIGHT - 8}' font-size='10' fill='#555' text-anchor='middle'>"
            f"{esc(human(t, unit, scale, digits))}</text>" for t in ticks]
    for n, (label, point) in enumerate(bars):
        y = top + n * row
        start, end = sorted((x(0), x(point.value)))
        fill = PALETTE[0] if point.exact else "#b8c9dc"
        body.append(f"<text x='{left - 6}' y='{y + row * 0.65:.1f}' text-anchor='end' font-size='11'>"
                    f"{esc(shorten(label, 36))}</text>")
        body.append(f"<a href='{esc(point.href)}'><rect x='{start:.1f}' y='{y + row * 0.15:.1f}' "
                    f"width='{max(end - start, 1):.1f}' height='{row * 0.7:.1f}' fill='{fill}'>"
                    f"<title>{esc(point.tooltip)}</title></rect></a>")
        body.append(f"<text x='{end + 4:.1f}' y='{y + row * 0.65:.1f}' font-size='10' fill='#333'>"
                    f"{esc(human(point.value, unit))}</text>")
    return frame(title, subtitle, body)
