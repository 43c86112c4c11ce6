"""The resolve stage: the unit tree, publication rules at the build date, inheritance, aggregation.

Pure: from the loaded portal and a moment to an immutable :class:`SiteTree`.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from . import urls, vn
from .config import Config, Level
from .content_types.consultation import consultation_open
from .content_types.news import is_published, news_date
from .load import Portal
from .model import Consultation, NewsItem, Procedure, Question, Schedule, UnitContent

FROM_OUR_UNITS = 6


@dataclass(frozen=True)
class Site:
    """One unit's site: its content as visitors see it at the build date, and its place in the tree."""

    content: UnitContent
    level: Level
    url: str
    shared_host: bool
    parent: str | None
    children: tuple[str, ...]
    ancestors: tuple[str, ...]
    news: tuple[NewsItem, ...]
    procedures: tuple[Procedure, ...]
    schedules: tuple[Schedule, ...]
    consultations: tuple[Consultation, ...]
    questions: tuple[Question, ...]
    from_units: tuple[tuple[str, NewsItem], ...]

    @property
    def path(self) -> str:
        return self.content.unit.path

    @property
    def unit(self):
        return self.content.unit


@dataclass(frozen=True)
class SiteTree:
    config: Config
    sites: Mapping[str, Site]
    now: dt.datetime
    next_change: dt.datetime | None

    @functools.cached_property
    def urls(self) -> tuple[str, ...]:
        """Every site's address, in path order of the tree."""
        return tuple(site.url for site in self.sites.values())

    def link(self, from_unit: str, from_page: str, to_unit: str, to_page: str = "") -> str:
        """A link from a page of one site to a page of another (or the same) site."""
        if from_unit == to_unit:
            return urls.relative(from_page, to_page)
        source, target = self.sites[from_unit], self.sites[to_unit]
        return urls.between_sites(from_unit, from_page, to_unit, to_page,
                                  shared_host=source.shared_host and target.shared_host, to_url=target.url)


def _newest_first(items, key):
    return tuple(sorted(items, key=lambda i: (key(i), i.slug), reverse=True))


def resolve(portal: Portal, now: dt.datetime) -> SiteTree:
    """Build the site tree of a valid portal at ``now``."""
    config = portal.config
    by_path = {u.unit.path: u for u in portal.units}
    children: dict[str, list[str]] = {path: [] for path in by_path}
    for path, content in by_path.items():
        if content.unit.parent in children:
            children[content.unit.parent].append(path)
    published = {path: _newest_first((n for n in c.news if is_published(n, now)), news_date)
                 for path, c in by_path.items()}
    sites = {}
    for path, content in by_path.items():
        unit = content.unit
        ancestors: list[str] = []
        parent = unit.parent if unit.parent in by_path else None
        cursor = parent
        while cursor:
            ancestors.insert(0, cursor)
            cursor = by_path[cursor].unit.parent if by_path[cursor].unit.parent in by_path else None
        level = config.level(unit.level)
        assert level is not None, f"{path}: level {unit.level!r}"  # the check refuses unknown levels
        sites[path] = Site(
            content=content, level=level,
            url=urls.unit_url(config.base_url, path, unit.base_url), shared_host=not unit.base_url,
            parent=parent, ancestors=tuple(ancestors),
            children=tuple(sorted(children[path], key=lambda p: (by_path[p].unit.code, p))),  # by official code
            news=published[path],
            procedures=_procedures(portal.catalog.get(unit.level, ()), content.procedures),
            schedules=tuple(sorted(content.schedule, key=lambda s: s.week, reverse=True)),
            consultations=tuple(sorted(content.consultations, key=lambda c: (c.closes, c.slug), reverse=True)),
            questions=_newest_first((q for q in content.questions if q.answer), lambda q: q.answered),
            from_units=_from_units(path, by_path, published))
    return SiteTree(config=config, sites=MappingProxyType(sites), now=now, next_change=next_change(portal, now))


def _procedures(catalog: tuple[Procedure, ...], own: tuple[Procedure, ...]) -> tuple[Procedure, ...]:
    """The catalog of the unit's level plus its own procedures; its own win on the same code."""
    merged = {p.code: p for p in catalog}
    merged.update({p.code: p for p in own})
    return tuple(sorted(merged.values(), key=lambda p: (vn.fold(p.field), vn.fold(p.name), p.code)))


def _from_units(path: str, by_path: Mapping[str, UnitContent], published) -> tuple[tuple[str, NewsItem], ...]:
    prefix = path + "/"
    items = [(other, item) for other in by_path if other.startswith(prefix) for item in published[other]]
    items.sort(key=lambda pair: (news_date(pair[1]), pair[0], pair[1].slug), reverse=True)
    return tuple(items[:FROM_OUR_UNITS])


def _day_after(day: dt.date) -> dt.datetime:
    """Midnight after ``day`` (the last representable moment for the last day of the calendar)."""
    return dt.datetime.max if day == dt.date.max else dt.datetime.combine(day + dt.timedelta(days=1), dt.time())


def next_change(portal: Portal, now: dt.datetime) -> dt.datetime | None:
    """The next moment the output would differ: an item due or expiring, a consultation opening or
    closing (or, while open, the next day: its days left), a new week for the schedule, the next
    day while a schedule lists days to come (the home page shows today's and the next), and the
    next day when the compliance dashboard (dated, counting days) is published."""
    moments = [_day_after(now.date())] if portal.config.dashboard.enabled else []
    for content in portal.units:
        moments += unit_moments(content, now)
    sunday = dt.date.max if now.date() > dt.date.max - dt.timedelta(days=7) else \
        now.date() + dt.timedelta(days=6 - now.weekday())
    moments.append(_day_after(sunday))
    future = [m for m in moments if m > now]
    return min(future) if future else None


def unit_moments(content: UnitContent, now: dt.datetime) -> list[dt.datetime]:
    """The moments one unit's content changes what its pages show (some may be past)."""
    moments = []
    if any(now.date() <= entry.date for schedule in content.schedule for entry in schedule.entries):
        moments.append(_day_after(now.date()))  # the home page shows today's and the next working day's
    for item in content.news:
        if item.status == "published":
            moments += [m for m in (item.publish_at, item.expire_at) if m]
    for item in content.consultations:
        moments += [dt.datetime.combine(item.opens, dt.time()), _day_after(item.closes)]
        if consultation_open(item, now.date()):
            moments.append(_day_after(now.date()))  # its "days left" changes at midnight
    return moments
