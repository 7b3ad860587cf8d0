"""A self-contained HTML report of the warehouse: charts of the main series, their latest values,
revisions and data-quality flags, each figure linked to its release.

Charts are inline SVG (tasks/report/svg_charts.py), so the file needs no network and no script.
"""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import duckdb

from tasks.report import figure_checks, svg_charts
from warehouse.connect import connect, query_budget
from warehouse.schema import run_checks

HEADLINE_FAMILIES = ("exports", "imports", "trade balance", "fdi pledged", "fdi arrived", "production",
                     "domestic sales", "retail sales", "anti-dumping duty")
KIND_ORDER = ("month", "quarter", "half", "year", "cumulative", "other")
KIND_GAP_DAYS = {"month": 31, "quarter": 92, "half": 183, "year": 366}
MAX_LINES = 6
MAX_CHARTS = 16


@dataclass(frozen=True)
class Row:
    """A series row with a level, as read for the charts (sql/reports/chart_points.sql)."""
    indicator: str
    period_kind: str
    unit: str
    series_key: str
    item: str | None
    region: str | None
    period_start: dt.date
    period_end: dt.date
    value: float
    qualifier: str
    release_id: str
    url: str | None
    evidence: str
    title: str | None
    published_on: dt.date
    exact_points: int


def read_query(name: str) -> str:
    """A report query from sql/reports/."""
    return files("sql").joinpath("reports", f"{name}.sql").read_text(encoding="utf-8")


def esc(value) -> str:
    return html.escape("" if value is None else str(value))


def release_link(release_id: str, text: str) -> str:
    return f"<a href='#release-{esc(release_id)}'>{esc(text)}</a>"


def series_label(item, region) -> str:
    parts = [item or "total", region]
    return " · ".join(p for p in parts if p)


def period_label(kind: str, start: dt.date, end: dt.date) -> str:
    if kind == "month":
        return f"{svg_charts.MONTHS[start.month - 1]} {start.year}"
    if kind == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if kind == "half":
        return f"H{1 if start.month == 1 else 2} {start.year}"
    if kind == "year":
        return str(start.year)
    return f"{start} – {end}"


def read_families(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], list[Row]]:
    """Rows with a level, by family (indicator × period kind)."""
    families: dict[tuple[str, str], list[Row]] = {}
    for values in con.execute(read_query("chart_points")).fetchall():
        row = Row(*values)
        families.setdefault((row.indicator, row.period_kind), []).append(row)
    return families


def chart_point(row: Row) -> svg_charts.ChartPoint:
    middle = row.period_start + (row.period_end - row.period_start) / 2
    label = f"{series_label(row.item, row.region)} · {period_label(row.period_kind, row.period_start, row.period_end)}"
    tooltip = (f"{label}: {svg_charts.human(row.value, row.unit)} ({row.qualifier})\n"
               f"{row.title or row.release_id} ({row.published_on})\n“{row.evidence}”")
    return svg_charts.ChartPoint(middle, row.value, row.qualifier == "exact", tooltip,
                                 row.url or f"#release-{row.release_id}")


def rank_series(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    """A family's series in its main unit, most exact points first."""
    units = [r.unit for r in rows]
    unit = max(sorted(set(units)), key=units.count)
    by_series: dict[str, list[Row]] = {}
    for row in rows:
        if row.unit == unit:
            by_series.setdefault(row.series_key, []).append(row)
    coverage = lambda kv: (-sum(r.qualifier == "exact" for r in kv[1]), -len(kv[1]), kv[0])  # noqa: E731
    return sorted(by_series.items(), key=coverage)


def family_chart(indicator: str, kind: str, rows: list[Row]) -> tuple[str, list[tuple[str, int]]] | None:
    """The family's chart and the series it leaves out (label, points); None when there is nothing to draw."""
    ranked = rank_series(rows)
    unit = ranked[0][1][0].unit
    labelled = [(series_label(r[0].item, r[0].region), r) for _, r in ranked]
    history = [(label, r) for label, r in labelled if len({x.period_start for x in r if x.qualifier == "exact"}) >= 2]
    title = f"{indicator} — by {kind}"
    if history:
        shown = history[:MAX_LINES]
        rest = [(label, len(r)) for label, r in labelled if (label, r) not in shown]
        svg = svg_charts.line_chart(title, f"{unit}; lines join exact actuals, hollow dots are approximations",
                                    unit, {label: [chart_point(x) for x in r] for label, r in shown},
                                    KIND_GAP_DAYS.get(kind, 366))
        return svg, rest
    latest = max((r[0].period_start, r[0].period_end) for _, r in labelled)
    bars = [(label, r[-1]) for label, r in labelled if (r[-1].period_start, r[-1].period_end) == latest]
    if len(bars) < 2:
        return None
    bars = sorted(bars, key=lambda b: -b[1].value)[:12]
    rest = [(label, len(r)) for label, r in labelled if label not in {b[0] for b in bars}]
    svg = svg_charts.bar_chart(title, f"{period_label(kind, *latest)}, {unit}", unit,
                               [(label, chart_point(row)) for label, row in bars])
    return svg, rest


def family_order(key: tuple[str, str], rows: list[Row]) -> tuple:
    indicator, kind = key
    headline = HEADLINE_FAMILIES.index(indicator) if indicator in HEADLINE_FAMILIES else len(HEADLINE_FAMILIES)
    return (headline, -max(r.exact_points for r in rows), KIND_ORDER.index(kind) if kind in KIND_ORDER else 9)


def build_charts(families: dict[tuple[str, str], list[Row]]) -> list[tuple[str, str, str, list[tuple[str, int]]]]:
    """(indicator, kind, svg, series left out) for each family worth a chart, headline families first."""
    charts = []
    for key in sorted(families, key=lambda k: family_order(k, families[k])):
        drawn = family_chart(*key, families[key])
        if drawn:
            charts.append((*key, *drawn))
    return charts[:MAX_CHARTS]


def quality_flags(con: duckdb.DuckDBPyConnection, rejected: int, incomplete: int) -> list[str]:
    flags = [f"check <code>{esc(name)}</code>: {rows} offending rows"
             for name, rows in run_checks(con).items() if rows]
    if rejected:
        flags.append(f"{rejected} input entries set aside (see the <code>rejected</code> view)")
    if incomplete:
        flags.append(f"{incomplete} releases known only from a cut preview (body incomplete)")
    return flags


def format_value(value, unit) -> str:
    if value is None:
        return ""
    return svg_charts.human(value, unit) if unit else f"{value:,g}"


def render_report(db: Path, checked: tuple | None = None) -> str:
    """The report's page; checked: (tally, disagreements) when the caller has read them already."""
    with connect(db, read_only=True, memory_limit=query_budget()) as con:  # a reader: no checkpoint's budget
        charts = build_charts(read_families(con))
        latest = con.execute(read_query("latest_values")).fetchmany(60)
        revisions = con.execute(read_query("revisions")).fetchmany(50)
        counts = con.execute(read_query("counts")).fetchall()[0]
        flags = quality_flags(con, counts[3], counts[4])
        releases = con.execute(read_query("releases")).fetchall()
        tally, disagreements = checked or figure_checks.read_checks(con)
        checks = figure_checks_section(tally, disagreements)
    return page(db, counts, charts, latest, revisions, flags, releases, checks)


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


def page(db, counts, charts, latest, revisions, flags, releases, checks="") -> str:
    parts = [HEAD, f"<h1>MOTIE press releases: time series</h1><p class='meta'>{esc(db.name)} · "
                   f"{counts[0]} releases · {counts[1]} metrics · {counts[2]} series · made "
                   f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC</p>"]
    parts.append("<h2>Charts</h2><p class='meta'>One chart per indicator and kind of period. Filled dots are a "
                 "release's exact figures, hollow ones approximations or thresholds; hover a dot for its "
                 "sentence, click it for the release. Dashed lines cross periods no release states.</p>"
                 "<div class='charts'>")
    for indicator, kind, svg, rest in charts:
        listed = ", ".join(f"{esc(label)} ({n})" for label, n in rest[:30])
        more = f" and {len(rest) - 30} more" if len(rest) > 30 else ""
        caption = (f"{esc(indicator)} by {esc(kind)}" + (f" — also in this family (points): {listed}{more}"
                                                        if rest else ""))
        parts.append(f"<figure class='chart'>{svg}<figcaption>{caption}</figcaption></figure>")
    parts.append("</div><h2>Latest values</h2><table><tr><th>indicator</th><th>item</th><th>region</th>"
                 "<th>period</th><th>value</th><th>figure</th><th>points</th><th>release</th></tr>")
    for indicator, item, region, kind, start, end, value, unit, qualifier, rid, points in latest:
        parts.append(f"<tr><td>{esc(indicator)}</td><td>{esc(item)}</td><td>{esc(region)}</td>"
                     f"<td>{esc(period_label(kind, start, end))}</td>"
                     f"<td class='n'>{esc(format_value(value, unit))}</td><td>{esc(qualifier)}</td>"
                     f"<td class='n'>{points}</td><td>{release_link(rid, rid[:8])}</td></tr>")
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
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1300px;color:#222}
.meta{color:#666} table{border-collapse:collapse;width:100%;font-size:.85rem;margin-bottom:1rem}
th,td{border-bottom:1px solid #ddd;padding:.25rem .4rem;text-align:left} td.n{text-align:right}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:.8rem}
figure.chart{margin:0;border:1px solid #eee;padding:.5rem} figure.chart svg{width:100%;height:auto}
figcaption{font-size:.8rem;color:#555} .releases{font-size:.85rem}
</style></head><body>"""


def report_path(db: Path) -> Path:
    """Where a warehouse's report goes by default: motie.duckdb -> motie.report.html."""
    return db.with_name(db.stem + ".report.html")


def write_report(db: Path, out: Path, checked: tuple | None = None) -> Path:
    out.write_text(render_report(db, checked), encoding="utf-8")
    return out
