"""The compliance dashboard as data: per unit, each obligation's state, the last update of each
section, open problems by severity, updates per month and a score.

Pure: from the loaded portal, its check result, a moment and (optionally) the git dates of its
files to a frozen :class:`Dashboard`.  Rendering lives in :mod:`dashboard_view`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping

from .compliance import evaluate_unit
from .config import Level
from .content_types import REGISTRY
from .gitdates import by_section
from .isolation import HeldFile, held_files
from .load import Portal
from .model import UnitContent
from .problems import CheckResult, Problem, Severity

#: An obligation's state, worst first, from the code of its problems (none: present).
STATES = ("missing", "stale", "late", "present")
_STATE_OF = {"COMPLIANCE_MISSING": "missing", "COMPLIANCE_STALE": "stale", "COMPLIANCE_LATE": "late",
             "COMPLIANCE_FILE_INVALID": "missing"}
#: Points per state, in halves: a stale or late obligation counts half.
_POINTS = {"present": 2, "late": 1, "stale": 1, "missing": 0}
MONTHS = 12


@dataclass(frozen=True)
class ObligationState:
    id: str
    title: str
    title_en: str
    basis: str
    state: str
    details_vi: tuple[str, ...] = ()
    details_en: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectionDates:
    """The last update of a section: from the content's own dates and from git history."""

    section: str
    content: dt.date | None
    git: dt.date | None

    @property
    def latest(self) -> dt.date | None:
        return max((d for d in (self.content, self.git) if d is not None), default=None)


@dataclass(frozen=True)
class UnitReport:
    path: str
    name: str
    level: str
    parent: str | None
    obligations: tuple[ObligationState, ...]
    sections: tuple[SectionDates, ...]
    errors: int
    warnings: int
    infos: int
    monthly: tuple[int, ...]
    held: tuple[HeldFile, ...] = ()  # the unit's files a build holds back

    def count(self, state: str) -> int:
        return sum(1 for o in self.obligations if o.state == state)

    @property
    def score(self) -> int:
        """Points of the obligations as a percentage of the maximum (100 when none applies)."""
        if not self.obligations:
            return 100
        points = sum(_POINTS[o.state] for o in self.obligations)
        return (100 * points + len(self.obligations)) // (2 * len(self.obligations))

    @property
    def last_update(self) -> dt.date | None:
        return max((s.latest for s in self.sections if s.latest), default=None)


@dataclass(frozen=True)
class Dashboard:
    portal: str
    regime: str
    regime_en: str
    now: dt.datetime
    levels: tuple[Level, ...]
    months: tuple[str, ...]
    units: tuple[UnitReport, ...]


def evaluate(portal: Portal, check: CheckResult, now: dt.datetime,
             changes: Mapping[str, dt.date] | None = None, scope: str | None = None) -> Dashboard:
    """The dashboard of every unit (or of ``scope`` and the units below it) at ``now``.

    ``changes`` maps portal-relative paths to the day of their last commit (:mod:`gitdates`).
    """
    units = [c for c in portal.units
             if scope is None or c.unit.path == scope or c.unit.path.startswith(scope + "/")]
    sections = tuple(REGISTRY.folders())
    git = by_section(changes or {}, (c.unit.path for c in units), sections)
    problems: dict[str, list[Problem]] = {}
    for item in check.problems:
        problems.setdefault(item.unit, []).append(item)
    months = _months(now.date())
    held = held_files(check.problems)
    reports = []
    for content in units:
        own = problems.get(content.unit.path, [])
        reports.append(UnitReport(
            path=content.unit.path, name=content.unit.name, level=content.unit.level, parent=content.unit.parent,
            obligations=tuple(_state(ob, _as_checked(ob, found, own))
                              for ob, found in evaluate_unit(portal, content, now)),
            sections=tuple(SectionDates(s, _content_date(content, s, now), git.get((content.unit.path, s)))
                           for s in sections),
            errors=sum(1 for p in own if p.severity == Severity.ERROR),
            warnings=sum(1 for p in own if p.severity == Severity.WARNING),
            infos=sum(1 for p in own if p.severity == Severity.INFO),
            monthly=_monthly(content, now, months), held=held.get(content.unit.path, ())))
    config = portal.config
    return Dashboard(portal=config.name, regime=config.regime.title, regime_en=config.regime.title_en, now=now,
                     levels=config.levels, months=months, units=tuple(reports))


def _as_checked(obligation, found: list[Problem], checked: list[Problem]) -> list[Problem]:
    """An obligation's problems as ``check`` told them: one that a file with errors would meet
    says so (``COMPLIANCE_FILE_INVALID``, counted as missing) rather than that nothing is there."""
    invalid = [p for p in checked if p.code == "COMPLIANCE_FILE_INVALID"
               and dict(p.args).get("obligation_title") == obligation.title]
    if not invalid:
        return found
    return invalid + [p for p in found if p.code not in ("COMPLIANCE_MISSING", "COMPLIANCE_STALE")]


def _state(obligation, found: list[Problem]) -> ObligationState:
    states = {_STATE_OF.get(p.code, "missing") for p in found}
    state = next((s for s in STATES if s in states), "present")
    return ObligationState(id=obligation.id, title=obligation.title, title_en=obligation.title_en,
                           basis=obligation.basis, state=state,
                           details_vi=tuple(p.message("vi") for p in found),
                           details_en=tuple(p.message("en") for p in found))


def _dates(content: UnitContent, section: str, now: dt.datetime) -> list[dt.date]:
    """The day each item of a section went up or changed, up to ``now``."""
    updated = REGISTRY.folders()[section].updated
    days = (updated(item, now) for item in content.sections[section])
    return [d for d in days if d is not None and d <= now.date()]


def _content_date(content: UnitContent, section: str, now: dt.datetime) -> dt.date | None:
    return max(_dates(content, section, now), default=None)


def _months(today: dt.date) -> tuple[str, ...]:
    """The last ``MONTHS`` months as ``YYYY-MM``, oldest first, ending with this one."""
    index = today.year * 12 + today.month - 1
    return tuple(f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - MONTHS + 1, index + 1))


def _monthly(content: UnitContent, now: dt.datetime, months: tuple[str, ...]) -> tuple[int, ...]:
    """Dated items of every section (news, documents, pages, schedules… plans, budget reports, media) per month."""
    counts = dict.fromkeys(months, 0)
    for section in REGISTRY.folders():
        for day in _dates(content, section, now):
            key = f"{day.year:04d}-{day.month:02d}"
            if key in counts:
                counts[key] += 1
    return tuple(counts[m] for m in months)
