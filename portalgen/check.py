"""``portalgen check``: load, validate, apply cross-record rules and the mandatory-content policy."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Iterable

from .cache import Cache
from .compliance import check_compliance
from .load import Loaded, load_portal
from .ocr import scan_notes
from .problems import CheckResult, Severity, UnitSummary, problem, sorted_problems
from .rules import check_partial, check_rules
from .sources import owner_of
from .theme_check import check_theme


def check_portal(root: Path, now: dt.datetime, unit: str | None = None, strict: bool = False,
                 cache: Cache | None = None) -> CheckResult:
    """Every problem of a portal (or of one unit's own files) at the moment ``now``."""
    return check_loaded(load_portal(root), now, unit, strict, cache)


def check_loaded(loaded: Loaded, now: dt.datetime, unit: str | None = None, strict: bool = False,
                 cache: Cache | None = None) -> CheckResult:
    """Every problem of an already loaded portal."""
    root = loaded.root
    problems = list(loaded.problems) + check_theme(root)
    units: tuple[UnitSummary, ...] = ()
    if loaded.portal is not None:
        portal = loaded.portal
        cache = cache or Cache()
        problems += check_rules(root, portal, loaded.records, loaded.catalog_levels, now, cache)
        problems += check_partial(root, portal.config, loaded.partial, loaded.records, now, cache)
        problems += check_compliance(portal, now, loaded.partial)
        settings = loaded.records.get("portal.yaml")
        problems = scan_notes(problems, portal.config.ocr, settings.at("/ocr/enabled") if settings else (None, None))
        units = tuple(UnitSummary(u.unit.path, u.unit.name) for u in portal.units)
        if not loaded.records.keys() - {"portal.yaml"}:
            problems.append(problem("NO_UNITS", "portal.yaml"))
    unit_paths = _unit_paths(loaded.records) | {u.path for u in units}
    problems = [dataclasses.replace(p, unit=owner_of(p.source.path, unit_paths)) for p in problems]
    if unit is not None and not loaded.config_failed:
        problems = [p for p in problems if p.unit == unit]
        units = tuple(u for u in units if u.path == unit)
    if strict:
        problems = [dataclasses.replace(p, severity=Severity.ERROR) if p.severity == Severity.WARNING else p
                    for p in problems]
    files = sum(1 for path in loaded.records if unit is None or owner_of(path, unit_paths) == unit)
    return CheckResult(problems=tuple(sorted_problems(problems)), units=units, files=files,
                       config_failed=loaded.config_failed)


def _unit_paths(records: Iterable[str]) -> set[str]:
    return {path.removesuffix("/unit.yaml") for path in records if path.endswith("/unit.yaml")}
