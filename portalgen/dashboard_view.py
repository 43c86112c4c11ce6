"""The compliance dashboard rendered: the HTML page (theme template ``dashboard.html``), the bar
charts as plain numbers for inline SVG, and the CSV and JSON exports.

Used by ``portalgen report`` (a folder of its own) and by the build (a page in the top unit's
site when ``portal.yaml`` enables it).  Pure except :func:`site_files`, which reads git history.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import posixpath
from pathlib import Path
from typing import Any, Mapping

from . import gitdates, policy, urls, vn
from .content_types import REGISTRY
from .dashboard import STATES, Dashboard, UnitReport, evaluate
from .history import Trend
from .load import Portal
from .problems import CheckResult
from .resolve import SiteTree
from .themes import Theme

CSV_NAME = "bang-theo-doi.csv"
JSON_NAME = "bang-theo-doi.json"
TEMPLATE = "dashboard.html"
#: Small chart (table row) and large chart (unit details): bar width, gap, height.
SMALL, LARGE = (6, 2, 24), (30, 6, 96)


def _date(day, lang: str) -> str:
    return "" if day is None else day.isoformat() if lang == "en" else vn.format_date(day)


def unit_anchor(path: str) -> str:
    """The id of a unit's details on the page (``dv-nam-dinh--my-loc``)."""
    return "dv-" + path.replace("/", "--")


def chart(unit: UnitReport, months: tuple[str, ...], label: str, size: tuple[int, int, int]) -> dict[str, Any]:
    """Bars of the updates per month, scaled to the unit's busiest month, with a text alternative."""
    width, gap, height = size
    top = max(unit.monthly, default=0) or 1
    bars = []
    for i, (month, value) in enumerate(zip(months, unit.monthly)):
        tall = max(1, round(value * (height - 1) / top)) if value else 0
        bars.append({"x": i * (width + gap), "y": height - tall, "width": width, "height": tall, "value": value,
                     "month": f"{month[5:]}/{month[2:4]}"})
    return {"width": len(months) * (width + gap) - gap, "height": height, "bars": bars, "label": label}


def _chart_label(unit: UnitReport, months: tuple[str, ...], t: Mapping[str, str]) -> str:
    values = ", ".join(f"{m[5:]}/{m[:4]}: {v}" for m, v in zip(months, unit.monthly))
    return t["dash_chart_label"].format(name=unit.name, values=values)


def _change(trend: Trend, unit: UnitReport, t: Mapping[str, str]) -> dict[str, Any]:
    change = trend.changes.get(unit.path)
    if change is None:
        return {"text": "", "sort": 0, "direction": ""}
    text = {"new": t["dash_change_new"], "same": t["dash_change_same"]}.get(change.direction, f"{change.delta:+d}")
    return {"text": text.replace("-", "−"), "sort": change.delta, "direction": change.direction}


def page_context(dashboard: Dashboard, trend: Trend, t: Mapping[str, str], lang: str,
                 links: Mapping[str, Any]) -> dict[str, Any]:
    """Everything ``dashboard.html`` shows; ``links`` holds the relative addresses of its files."""
    names = {u.path: u.name for u in dashboard.units}
    level_title = {lv.key: lv.title_en if lang == "en" else lv.title for lv in dashboard.levels}
    ordered = sorted(dashboard.units, key=lambda u: (u.score, u.path))
    rows, details = [], []
    for unit in ordered:
        label = _chart_label(unit, dashboard.months, t)
        last = unit.last_update
        rows.append({
            "anchor": unit_anchor(unit.path), "name": unit.name, "path": unit.path,
            "level": unit.level, "level_title": level_title.get(unit.level, unit.level),
            "parent": unit.parent or "", "parent_name": names.get(unit.parent or "", ""),
            "score": unit.score, "change": _change(trend, unit, t),
            "counts": {state: unit.count(state) for state in STATES},
            "errors": unit.errors, "warnings": unit.warnings,
            "last_update": _date(last, lang), "last_sort": last.isoformat() if last else "",
            "chart": chart(unit, dashboard.months, label, SMALL)})
        details.append({
            "anchor": unit_anchor(unit.path), "name": unit.name, "score": unit.score,
            "problems": t["dash_problems"].format(errors=unit.errors, warnings=unit.warnings, infos=unit.infos),
            "obligations": [{"title": o.title_en if lang == "en" else o.title, "basis": o.basis, "state": o.state,
                             "state_label": t[f"dash_state_{o.state}"],
                             "details": o.details_en if lang == "en" else o.details_vi} for o in unit.obligations],
            "sections": [{"label": t[REGISTRY.folders()[s.section].label],
                          "content": _date(s.content, lang) or t["dash_never"],
                          "git": _date(s.git, lang) or t["dash_never"]} for s in unit.sections],
            "has_git": any(s.git for s in unit.sections),
            "held": [{"path": h.path, "state": t[f"dash_held_{h.state}"], "reasons": ", ".join(h.reasons)}
                     for h in unit.held],
            "chart": chart(unit, dashboard.months, label, LARGE)})
    parents = sorted({u.parent for u in dashboard.units if u.parent in names}, key=lambda p: (vn.sort_key(names[p]), p))
    levels = [lv for lv in dashboard.levels if any(u.level == lv.key for u in dashboard.units)]
    scores = [u.score for u in dashboard.units]
    summary = {
        "average": (sum(scores) + len(scores) // 2) // len(scores) if scores else 100,
        "missing": sum(1 for u in dashboard.units if u.count("missing")),
        "stale": sum(1 for u in dashboard.units if u.count("stale")),
        "late": sum(1 for u in dashboard.units if u.count("late")),
        "trend": (t["dash_trend"].format(date=_date(_day(trend.since), lang), better=trend.count("better"),
                                         worse=trend.count("worse"), same=trend.count("same"))
                  if trend.since else t["dash_trend_none"]),
    }
    return {
        "lang": lang, "t": t, "links": links, "portal": dashboard.portal,
        "title": t["dash_title"], "csp": policy.content_security_policy([], meta=True),
        "lead": t["dash_lead"].format(regime=dashboard.regime_en if lang == "en" else dashboard.regime,
                                      n=len(dashboard.units), date=_date(dashboard.now.date(), lang)),
        "summary": summary, "rows": rows, "details": details,
        "levels": [{"key": lv.key, "title": level_title[lv.key]} for lv in levels],
        "parents": [{"path": p, "name": names[p]} for p in parents],
    }


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def to_json(dashboard: Dashboard, trend: Trend) -> bytes:
    """The dashboard as JSON for the province's own reports (stable codes, ISO dates)."""
    units = []
    for u in dashboard.units:
        change = trend.changes.get(u.path)
        units.append({
            "path": u.path, "name": u.name, "level": u.level, "parent": u.parent, "score": u.score,
            "score_before": change.before if change else None,
            "obligations": {state: u.count(state) for state in STATES},
            "problems": {"error": u.errors, "warning": u.warnings, "info": u.infos},
            "last_update": u.last_update.isoformat() if u.last_update else None,
            "sections": {s.section: {"content": s.content.isoformat() if s.content else None,
                                     "git": s.git.isoformat() if s.git else None} for s in u.sections},
            "states": [{"id": o.id, "title": o.title, "basis": o.basis, "state": o.state,
                        "details": list(o.details_vi)} for o in u.obligations],
            "updates_per_month": dict(zip(dashboard.months, u.monthly)),
            "held": [{"path": h.path, "state": h.state, "errors": list(h.reasons)} for h in u.held],
        })
    payload = {"portal": dashboard.portal, "regime": dashboard.regime, "date": dashboard.now.date().isoformat(),
               "compared_with": trend.since, "units": units}
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


#: What a spreadsheet reads as the start of a formula (``=HYPERLINK(…)``, ``+``, ``-``, ``@``) or
#: skips before one (tab, carriage return, new line).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: a text starting like a formula gets a leading ``'``
    (the usual defence against formula injection, as OWASP describes it); numbers stay numbers."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def to_csv(dashboard: Dashboard, trend: Trend, t: Mapping[str, str], lang: str) -> bytes:
    """One row per unit, for a spreadsheet: UTF-8 with a byte-order mark so Excel reads the accents."""
    obligation_ids = list(dict.fromkeys(o.id for u in dashboard.units for o in u.obligations))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def row(values: list[object]) -> None:
        writer.writerow([cell(v) for v in values])

    row([t["dash_path"], t["dash_unit"], t["dash_level"], t["dash_parent"], t["dash_score"],
         t["dash_change"], t["dash_present"], t["dash_missing"], t["dash_stale"], t["dash_late"],
         t["dash_errors"], t["dash_warnings"], t["dash_last_update"], *obligation_ids,
         *(f"{t[s.label]} ({t['dash_content_date']})" for s in REGISTRY),
         *(f"{t[s.label]} ({t['dash_git_date']})" for s in REGISTRY)])
    for u in sorted(dashboard.units, key=lambda u: u.path):
        states = {o.id: t[f"dash_state_{o.state}"] for o in u.obligations}
        change = trend.changes.get(u.path)
        row([u.path, u.name, u.level, u.parent or "", u.score,
             "" if change is None or change.before is None else change.delta,
             u.count("present"), u.count("missing"), u.count("stale"), u.count("late"),
             u.errors, u.warnings, u.last_update.isoformat() if u.last_update else "",
             *(states.get(i, "") for i in obligation_ids),
             *(s.content.isoformat() if s.content else "" for s in u.sections),
             *(s.git.isoformat() if s.git else "" for s in u.sections)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _render(dashboard: Dashboard, trend: Trend, theme: Theme, lang: str, here: str, home: dict | None,
            noindex: bool, css: str) -> dict[str, bytes]:
    """The page, its exports and its own static files; paths relative to the site or report folder."""
    t = theme.texts(lang)
    dash_css, dash_js = theme.static("portalgen-dashboard.css"), theme.static("portalgen-dashboard.js")
    icon = theme.assets["icon"]
    links = {"css": urls.relative(here, css), "dash_css": urls.relative(here, dash_css.site_path),
             "js": urls.relative(here, dash_js.site_path), "icon": urls.relative(here, icon.site_path),
             "csv": CSV_NAME, "json": JSON_NAME, "home": home, "noindex": noindex}
    html = theme.render(TEMPLATE, page_context(dashboard, trend, t, lang, links))
    return {urls.output_file(here): html.encode("utf-8"), here + CSV_NAME: to_csv(dashboard, trend, t, lang),
            here + JSON_NAME: to_json(dashboard, trend), dash_css.site_path: dash_css.data,
            dash_js.site_path: dash_js.data, icon.site_path: icon.data}


def report_files(dashboard: Dashboard, trend: Trend, theme: Theme, lang: str) -> dict[str, bytes]:
    """The files of ``portalgen report -o DIR``: ``index.html``, the exports and the styles it uses."""
    css = theme.assets["css"]
    files = _render(dashboard, trend, theme, lang, "", None, True, css.site_path)
    files[css.site_path] = css.data
    return files


def site_files(root: Path, portal: Portal, check: CheckResult, tree: SiteTree, theme: Theme,
               shard: tuple[int, int] | None = None) -> dict[str, bytes]:
    """The dashboard page of each top unit's site (``bang-theo-doi/``) when ``portal.yaml`` enables it.

    It covers the top unit and every unit below it; it is in the part of a ``--shard`` build
    that holds the top unit's site.
    """
    if not tree.config.dashboard.enabled:
        return {}
    order = sorted(tree.sites)
    tops = [p for p in order if tree.sites[p].parent is None
            and (shard is None or order.index(p) % shard[1] == shard[0] - 1)]
    if not tops:
        return {}
    changes = gitdates.last_changes(root)
    files: dict[str, bytes] = {}
    for top in tops:
        dashboard = evaluate(portal, check, tree.now, changes, scope=top)
        home = {"href": urls.relative(urls.DASHBOARD, ""), "label": tree.sites[top].unit.name}
        rendered = _render(dashboard, Trend(None, {}), theme, "vi", urls.DASHBOARD, home,
                           not tree.config.dashboard.linked, theme.assets["css"].site_path)
        files.update({posixpath.join(top, path): data for path, data in rendered.items()})
    return files
