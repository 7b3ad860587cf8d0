"""A self-contained HTML report of the warehouse: charts of the main series, their latest values,
revisions and data-quality flags, each figure linked to its release.

Charts are inline SVG (tasks/report/svg_charts.py), so the file needs no network and no script.
"""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path

import duckdb

from tasks.report import figure_checks, svg_charts
from warehouse.connect import connect
from warehouse.schema import run_checks

FAMILIES = ("exports", "imports", "trade balance", "fdi pledged", "fdi arrived", "production",
            "domestic sales", "anti-dumping duty")
MAX_LINES = 6


@dataclass(frozen=True)
class Point:
    label: str
    period_start: dt.date
    period_end: dt.date
    value: float
    unit: str
    release_id: str


def esc(value) -> str:
    return html.escape("" if value is None else str(value))


def release_link(release_id: str, text: str) -> str:
    return f"<a href='#release-{esc(release_id)}'>{esc(text)}</a>"


def series_label(item, region) -> str:
    parts = [item or "total", region]
    return " · ".join(p for p in parts if p)


def read_family(con: duckdb.DuckDBPyConnection, indicator: str) -> list[Point]:
    rows = con.execute("""
        SELECT item, region, period_start, period_end, value, unit, release_id FROM metric_series
        WHERE indicator = ? AND value IS NOT NULL AND unit IS NOT NULL
        ORDER BY period_end
    """, [indicator]).fetchall()
    return [Point(series_label(item, region), start, end, value, unit, rid)
            for item, region, start, end, value, unit, rid in rows]


def main_unit(points: list[Point]) -> str:
    units = [p.unit for p in points]
    return max(set(units), key=units.count)


def chart_svg(indicator: str, points: list[Point]) -> str:
    """A line chart where series have several periods, else the latest period's values as bars."""
    unit = main_unit(points)
    points = [p for p in points if p.unit == unit]
    big = unit in ("USD", "KRW") and max(abs(p.value) for p in points) >= 1e9
    scale, unit_label = (1e9, f"billion {unit}") if big else (1.0, unit)
    by_series: dict[str, list[Point]] = {}
    for point in points:
        by_series.setdefault(point.label, []).append(point)
    with_history = {k: v for k, v in by_series.items() if len({p.period_end for p in v}) >= 2}
    if with_history:
        longest = sorted(with_history.items(), key=lambda kv: -len(kv[1]))[:MAX_LINES]
        return svg_charts.line_chart(indicator, unit_label, {
            label: [(p.period_end, p.value / scale) for p in series] for label, series in longest})
    span = latest_span(points)  # one period only: a half-year total is no bar beside a month
    latest = sorted((p for p in points if (p.period_start, p.period_end) == span), key=lambda p: -p.value)[:12]
    return svg_charts.bar_chart(indicator, f"{span[0]} – {span[1]}, {unit_label}",
                                [(p.label, p.value / scale) for p in latest])


def latest_span(points: list[Point]) -> tuple[dt.date, dt.date]:
    """The period of the latest figures: latest end, then the span most figures share."""
    latest_end = max(p.period_end for p in points)
    spans = [(p.period_start, p.period_end) for p in points if p.period_end == latest_end]
    return max(set(spans), key=spans.count)


def latest_values(con: duckdb.DuckDBPyConnection, limit: int = 60) -> list[tuple]:
    return con.execute("""
        SELECT s.indicator, s.item, s.region, s.period_start, s.period_end, s.value, s.unit, s.change_pct,
               s.release_id
        FROM metric_series AS s
        QUALIFY row_number() OVER (PARTITION BY s.series_key ORDER BY s.period_end DESC) = 1
        ORDER BY s.period_end DESC, s.indicator, s.item NULLS FIRST, s.region NULLS FIRST
        LIMIT ?
    """, [limit]).fetchall()


def quality_flags(con: duckdb.DuckDBPyConnection) -> list[str]:
    flags = [f"check <code>{esc(name)}</code>: {rows} offending rows"
             for name, rows in run_checks(con).items() if rows]
    rejected = con.execute("SELECT count(*) FROM rejected").fetchall()[0][0]
    incomplete = con.execute("SELECT count(*) FROM releases WHERE NOT body_complete").fetchall()[0][0]
    if rejected:
        flags.append(f"{rejected} input entries set aside (see the <code>rejected</code> view)")
    if incomplete:
        flags.append(f"{incomplete} releases known only from a cut preview (body incomplete)")
    return flags


def format_value(value, unit) -> str:
    if value is None:
        return ""
    if unit in ("USD", "KRW") and abs(value) >= 1e6:
        return f"{value / 1e9:,.2f} bn {unit}" if abs(value) >= 1e9 else f"{value / 1e6:,.1f} mn {unit}"
    return f"{value:,.2f} {unit}".replace(".00 ", " ")


def render_report(db: Path) -> str:
    with connect(db, read_only=True) as con:
        families = {name: read_family(con, name) for name in FAMILIES}
        charts = [(name, chart_svg(name, points)) for name, points in families.items() if points]
        latest = latest_values(con)
        revisions = con.execute("""
            SELECT indicator, item, region, period_start, period_end, previous_value, revised_value, unit,
                   previous_release_id, revised_release_id
            FROM metric_revisions ORDER BY revised_published_on DESC LIMIT 50""").fetchall()
        flags = quality_flags(con)
        releases = con.execute("""SELECT release_id, title, published_on, url FROM releases
                                  ORDER BY published_on DESC""").fetchall()
        counts = con.execute("SELECT (SELECT count(*) FROM releases), (SELECT count(*) FROM metrics)").fetchall()[0]
        checks = figure_checks_section(figure_checks.tally_checks(con), figure_checks.read_disagreements(con))
    return page(db, counts, charts, latest, revisions, flags, releases, families, checks)


def figure_checks_section(tally: figure_checks.CheckTally, disagreements: list[figure_checks.Disagreement]) -> str:
    """How many figures were checked against each other, how many agree, and each disagreement."""
    verdicts = ", ".join(f"{esc(verdict)} {count}" for verdict, count in sorted(tally.by_verdict.items()))
    parts = ["<h2>Figures checked against each other</h2>",
             f"<p>{tally.figures_checked} figures checked in {tally.checks} checks ({verdicts or 'none'}); "
             f"{tally.figures_agreeing} confirmed by another figure, {tally.figures_disputed} disputed "
             "(views <code>metric_checks</code>, <code>metric_trust</code>).</p>"]
    if not disagreements:
        return "\n".join(parts + ["<p>No figure disagrees with another.</p>"])
    parts.append("<table class='checks'><tr><th>check</th><th>verdict</th><th>series</th><th>period</th>"
                 "<th>expected</th><th>stated</th><th>±</th><th>figure</th><th>checked against</th></tr>")
    for d in disagreements:
        against = (f"{release_link(d.other_release_id, d.other_release_id[:8])}: {esc(d.other_evidence)}"
                   if d.other_release_id else "")
        parts.append(f"<tr><td>{esc(d.kind)}: {esc(d.rule)}</td><td>{esc(d.verdict)}</td><td>{esc(d.series)}</td>"
                     f"<td>{esc(d.period)}</td><td class='n'>{esc(figure_checks.format_number(d.expected))}</td>"
                     f"<td class='n'>{esc(figure_checks.format_number(d.stated))}</td>"
                     f"<td class='n'>{esc(figure_checks.format_number(d.tolerance))}</td>"
                     f"<td>{release_link(d.release_id, d.release_id[:8])}: {esc(d.evidence)}</td>"
                     f"<td>{against}</td></tr>")
    return "\n".join(parts + ["</table>"])


def page(db, counts, charts, latest, revisions, flags, releases, families, checks="") -> str:
    parts = [HEAD, f"<h1>MOTIE press releases: time series</h1><p class='meta'>{esc(db.name)} · "
                   f"{counts[0]} releases · {counts[1]} metrics · made "
                   f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC</p>"]
    parts.append("<h2>Charts</h2>")
    for name, svg in charts:
        sources = sorted({p.release_id for p in families[name]})
        links = ", ".join(release_link(rid, rid[:8]) for rid in sources[:12])
        parts.append(f"<figure class='chart'>{svg}<figcaption>{esc(name)} — from releases {links}"
                     "</figcaption></figure>")
    parts.append("<h2>Latest values</h2><table><tr><th>indicator</th><th>item</th><th>region</th>"
                 "<th>period</th><th>value</th><th>change %</th><th>release</th></tr>")
    for indicator, item, region, start, end, value, unit, change, rid in latest:
        parts.append(f"<tr><td>{esc(indicator)}</td><td>{esc(item)}</td><td>{esc(region)}</td>"
                     f"<td>{start} – {end}</td><td class='n'>{esc(format_value(value, unit))}</td>"
                     f"<td class='n'>{'' if change is None else f'{change:+.1f}'}</td>"
                     f"<td>{release_link(rid, rid[:8])}</td></tr>")
    parts.append("</table><h2>Revisions</h2>")
    if revisions:
        parts.append("<table><tr><th>series</th><th>period</th><th>was</th><th>now</th><th>releases</th></tr>")
        for indicator, item, region, start, end, before, after, unit, old, new in revisions:
            parts.append(f"<tr><td>{esc(indicator)} · {esc(series_label(item, region))}</td><td>{start} – {end}</td>"
                         f"<td class='n'>{esc(format_value(before, unit))}</td>"
                         f"<td class='n'>{esc(format_value(after, unit))}</td>"
                         f"<td>{release_link(old, old[:8])} → {release_link(new, new[:8])}</td></tr>")
        parts.append("</table>")
    else:
        parts.append("<p>No figure has been revised by a later release.</p>")
    parts.append(checks)
    parts.append("<h2>Data quality</h2>")
    parts.append("<ul>" + "".join(f"<li>{flag}</li>" for flag in flags) + "</ul>" if flags
                 else "<p>All checks pass; nothing was set aside.</p>")
    parts.append("<h2>Releases</h2><ul class='releases'>")
    for rid, title, published_on, url in releases:
        target = f"<a href='{esc(url)}'>{esc(title)}</a>" if url else esc(title)
        parts.append(f"<li id='release-{esc(rid)}'>{published_on} · {target} <code>{esc(rid)}</code></li>")
    parts.append("</ul></body></html>")
    return "\n".join(parts)


HEAD = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>MOTIE time series</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1000px;color:#222}
.meta{color:#666} table{border-collapse:collapse;width:100%;font-size:.85rem;margin-bottom:1rem}
th,td{border-bottom:1px solid #ddd;padding:.25rem .4rem;text-align:left} td.n{text-align:right}
figure.chart{margin:1rem 0;border:1px solid #eee;padding:.5rem} figure.chart svg{width:100%;height:auto}
figcaption{font-size:.8rem;color:#555} .releases{font-size:.85rem}
</style></head><body>"""


def report_path(db: Path) -> Path:
    """Where a warehouse's report goes by default: motie.duckdb -> motie.report.html."""
    return db.with_name(db.stem + ".report.html")


def write_report(db: Path, out: Path) -> Path:
    out.write_text(render_report(db), encoding="utf-8")
    return out
