"""Problem reports: human text grouped by unit, JSON, GitHub annotations, GitLab code quality.

Pure functions from a check result to the text to print; printing is the CLI's job.
"""

from __future__ import annotations

import hashlib
import json
import posixpath

from .problems import CheckResult, Problem, Severity

_LABELS = {"vi": {"portal": "Toàn cổng (portal.yaml, catalog)", "hint": "Gợi ý",
                  "hidden": "({count} cảnh báo không hiện vì --errors-only.)",
                  "unit": "{title}: {errors} lỗi, {warnings} cảnh báo"},
           "en": {"portal": "Whole portal (portal.yaml, catalog)", "hint": "Hint",
                  "hidden": "({count} warnings not shown: --errors-only.)",
                  "unit": "{title}: {errors} errors, {warnings} warnings"}}


def summary_line(result: CheckResult, lang: str) -> str:
    errors, warnings = result.count(Severity.ERROR), result.count(Severity.WARNING)
    units = len({u.path for u in result.units})
    if lang == "en":
        return f"Checked {units} units, {result.files} files: {errors} errors, {warnings} warnings."
    return f"Đã kiểm tra {units} đơn vị, {result.files} tệp: {errors} lỗi, {warnings} cảnh báo."


def problem_line(item: Problem, lang: str, prefix: str = "") -> str:
    """``path:line[:col]: severity CODE: message`` — the form editors' tools and CI matchers read."""
    source = item.source.render()
    return f"{_join(prefix, source)}: {item.severity.label} {item.code}: {item.message(lang)}"


def _join(prefix: str, path: str) -> str:
    return posixpath.join(prefix, path) if prefix else path


def render_text(result: CheckResult, lang: str = "vi", prefix: str = "") -> str:
    names = {u.path: u.name for u in result.units}
    lines: list[str] = []
    current = None
    for item in result.problems:
        if item.unit != current:
            current = item.unit
            if lines:
                lines.append("")
            title = (f"{item.unit} — {names[item.unit]}" if item.unit in names
                     else (item.unit or _LABELS[lang]["portal"]))
            lines.append(f"== {title} ==")
        lines.append(problem_line(item, lang, prefix))
        hint = item.hint(lang)
        if hint:
            lines.append(f"    {_LABELS[lang]['hint']}: {hint}")
    if lines:
        lines.append("")
    return "\n".join(lines + _closing(result, lang)) + "\n"


def _closing(result: CheckResult, lang: str) -> list[str]:
    hidden = [_LABELS[lang]["hidden"].format(count=result.hidden_warnings)] if result.hidden_warnings else []
    return hidden + [summary_line(result, lang)]


def unit_counts(result: CheckResult, errors_only: bool = False) -> list[tuple[str, str, int, int]]:
    """Per unit (portal-wide first, then units by path): its path, name, errors and warnings.
    Every unit checked is listed, and every unit a problem belongs to (``errors_only``: those with
    errors)."""
    names = {u.path: u.name for u in result.units}
    paths = sorted(set(names) | {p.unit for p in result.problems})
    counts = []
    for path in paths:
        mine = [p for p in result.problems if p.unit == path]
        errors = sum(1 for p in mine if p.severity == Severity.ERROR)
        if errors or not errors_only:
            counts.append((path, names.get(path, ""), errors,
                           sum(1 for p in mine if p.severity == Severity.WARNING)))
    return counts


def render_summary(result: CheckResult, lang: str = "vi", errors_only: bool = False) -> str:
    """One line per unit with its counts of errors and warnings (``--summary``), then the total;
    ``errors_only``: only the units with errors."""
    lines = []
    for path, name, errors, warnings in unit_counts(result, errors_only):
        title = f"{path} — {name}" if name else (path or _LABELS[lang]["portal"])
        lines.append(_LABELS[lang]["unit"].format(title=title, errors=errors, warnings=warnings))
    return "\n".join(lines + ([""] if lines else []) + _closing(result, lang)) + "\n"


def render_summary_json(result: CheckResult, prefix: str = "", errors_only: bool = False) -> str:
    """``--summary --format json``: the totals and each unit's counts, without the problems."""
    payload = {"portal": prefix or ".", "summary": _totals(result),
               "units": [{"unit": path, "name": name, "errors": errors, "warnings": warnings}
                         for path, name, errors, warnings in unit_counts(result, errors_only)]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _totals(result: CheckResult) -> dict:
    return {"units": len(result.units), "files": result.files, "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING), "ok": not result.failed}


def render(fmt: str, result: CheckResult, lang: str = "vi", prefix: str = "", *, errors_only: bool = False,
           summary: bool = False) -> str:
    """The report of a check in a format (``RENDERERS``), listing only errors (``errors_only``) or
    only each unit's counts (``summary``: JSON for ``json``, text lines for the other formats)."""
    if summary:
        return (render_summary_json(result, prefix, errors_only) if fmt == "json"
                else render_summary(result, lang, errors_only))
    return RENDERERS[fmt](result.errors_only() if errors_only else result, lang, prefix)


def render_json(result: CheckResult, lang: str = "vi", prefix: str = "") -> str:
    """Problems as JSON; ``file`` is relative to the portal folder, given as ``portal``."""
    payload = {
        "portal": prefix or ".",
        "summary": _totals(result),
        "problems": [{
            "code": p.code, "severity": p.severity.label, "file": p.source.path,
            "line": p.source.line, "column": p.source.col, "field": p.field, "unit": p.unit,
            "message": p.message(lang), "hint": p.hint(lang)} for p in result.problems],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(result: CheckResult, lang: str = "vi", prefix: str = "") -> str:
    """GitHub Actions workflow commands: one ``::error file=…,line=…::`` annotation per problem."""
    lines = []
    for p in result.problems:
        command = {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(p.severity, "notice")
        props = [f"file={_escape_property(_join(prefix, p.source.path))}"]
        if p.source.line is not None:
            props.append(f"line={p.source.line}")
        if p.source.col is not None:
            props.append(f"col={p.source.col}")
        props.append(f"title={_escape_property(p.code)}")
        text = p.message(lang) + (f"\n{p.hint(lang)}" if p.hint(lang) else "")
        lines.append(f"::{command} {','.join(props)}::{_escape_data(text)}")
    lines.append(summary_line(result, lang))
    return "\n".join(lines) + "\n"


def render_gitlab(result: CheckResult, lang: str = "vi", prefix: str = "") -> str:
    """A GitLab code-quality report (a JSON array of issues)."""
    severity = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
    issues = []
    for p in result.problems:
        path = _join(prefix, p.source.path)
        key = f"{p.code}|{path}|{p.source.line}|{p.field}|{p.message('en')}"
        issues.append({
            "description": f"{p.code}: {p.message(lang)}", "check_name": p.code,
            "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
            "severity": severity[p.severity],
            "location": {"path": path, "lines": {"begin": p.source.line or 1}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "github": render_github, "gitlab": render_gitlab}
