"""The leaders' weekly schedule (``schedule/``): one YAML file per ISO week (``2026-W48.yaml``);
this week's on the section page and the home page, every week on a page of its own."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import urls, vn
from ..model import Schedule
from .base import ContentType, Step

SESSION_ORDER = {"ca-ngay": 0, "sang": 1, "chieu": 2, "toi": 3}


def schedule_view(b: Any, here: str, schedule: Schedule) -> dict[str, Any]:
    """One week's schedule by day, sessions in the order of the day."""
    t = b.t("vi")
    monday, sunday = _days(schedule.week)
    days: list[dict[str, Any]] = []
    for entry in sorted(schedule.entries, key=lambda e: (e.date, SESSION_ORDER.get(e.session, 9), e.time or "")):
        if not days or days[-1]["iso"] != entry.date.isoformat():
            days.append({"iso": entry.date.isoformat(), "label": vn.format_long_date(entry.date), "entries": []})
        days[-1]["entries"].append({"session": t[f"session_{entry.session}"], "time": entry.time,
                                    "leader": entry.leader, "content": entry.content, "place": entry.place,
                                    "participants": entry.participants, "prepared_by": entry.prepared_by})
    return {"week": schedule.week, "number": int(schedule.week.split("W")[1]),
            "from": vn.format_date(monday), "to": vn.format_date(sunday), "days": days, "note": schedule.note,
            "href": b.link(here, urls.schedule_week(schedule.week))}


def next_working_day(day: dt.date, holidays: frozenset[dt.date]) -> dt.date | None:
    """The first day after ``day`` that is neither a weekend nor one of the portal's holidays
    (None past the end of the calendar)."""
    following = day
    while following < dt.date.max:
        following += dt.timedelta(days=1)
        if following.weekday() < 5 and following not in holidays:
            return following
    return None


def schedule_days(b: Any, here: str) -> list[dict[str, Any]]:
    """The schedule of the build date and of the next working day (from whichever weeks hold them),
    for the home page: the days that have entries."""
    wanted = {day.isoformat() for day in (b.today, next_working_day(b.today, b.tree.config.holidays)) if day}
    weeks = {vn.week_of(dt.date.fromisoformat(day)) for day in wanted}
    days = [day for schedule in b.site.schedules if schedule.week in weeks
            for day in schedule_view(b, here, schedule)["days"] if day["iso"] in wanted]
    return sorted(days, key=lambda day: day["iso"])


def this_week(b: Any) -> Schedule | None:
    """The schedule of the build date's week, if there is one."""
    week = vn.week_of(b.today)
    return next((s for s in b.site.schedules if s.week == week), None)


def _plan(b: Any, _start: int = 0, _stop: int | None = None) -> None:
    t = b.t("vi")
    here = urls.SCHEDULE
    schedules = b.site.schedules
    current = this_week(b)
    archive = [{"label": f"{t['week']} {int(s.week.split('W')[1])}/{s.week[:4]} ({_week_range(s.week)})",
                "href": b.link(here, urls.schedule_week(s.week))} for s in schedules]
    context = b.layout(here, t["schedule"], trail=[(t["schedule"], here)])
    context.update({"schedule": schedule_view(b, here, current) if current else None, "archive": archive,
                    "heading": t["this_week"]})
    b.add(here, "schedule.html", context)
    for schedule in schedules:
        page = urls.schedule_week(schedule.week)
        view = schedule_view(b, page, schedule)
        title = f"{t['schedule']} – {t['week']} {view['number']}/{schedule.week[:4]}"
        context = b.layout(page, title, trail=[(t["schedule"], here), (schedule.week, page)])
        context.update({"schedule": view, "archive": [], "heading": title})
        b.add(page, "schedule.html", context)


def _days(week: str) -> tuple[dt.date, dt.date]:
    """The Monday and Sunday of a week the rules found valid (``WEEK_INVALID`` otherwise)."""
    days = vn.parse_week(week)
    if days is None:
        raise ValueError(f"not an ISO week: {week}")
    return days


def _week_range(week: str) -> str:
    monday, sunday = _days(week)
    return f"{vn.format_date(monday)} – {vn.format_date(sunday)}"


def _rules(items: tuple[Schedule, ...], at: Any, _config: Any) -> list:
    """A real ISO week, the one the file is named after, and every entry inside it."""
    problems = []
    for schedule in items:
        week = vn.parse_week(schedule.week)
        if week is None:
            problems.append(at("WEEK_INVALID", schedule.path, "/week", week=schedule.week))
            continue
        named = vn.week_of_file(schedule.slug)
        if vn.parse_week(named) and named != schedule.week:
            problems.append(at("SCHEDULE_WEEK_MISMATCH", schedule.path, "/week", week=schedule.week,
                               file_week=named))
        monday, sunday = week
        for index, entry in enumerate(schedule.entries):
            if not monday <= entry.date <= sunday:
                problems.append(at("SCHEDULE_DATE_OUTSIDE_WEEK", schedule.path, f"/entries/{index}/date",
                                   date=str(entry.date), week=schedule.week, monday=str(monday), sunday=str(sunday)))
    return problems


def _updated(schedule: Schedule, _now: dt.datetime) -> dt.date | None:
    week = vn.parse_week(schedule.week)
    return week[0] if week else None


def _starts_with(start: Any) -> dict[str, Any]:
    now = start.now
    entry = {"date": start.today, "session": "sang" if now.hour < 12 else "chieu" if now.hour < 18 else "toi",
             "time": None if now.time() == dt.time() else f"{now:%H:%M}",
             "leader": f"{start.leaders[0].get('position', '')} {start.leaders[0]['name']}".strip()
             if start.leaders else start.agency,
             "content": start.title}
    entry = {key: value for key, value in entry.items() if value is not None}
    return {"week": vn.week_of(now.date()), "entries": [entry]}


TYPE = ContentType(
    kind="schedule", folder="schedule", fmt="yaml", model=Schedule, title_field="", identifier="week",
    label="schedule", address=urls.SCHEDULE, steps=(Step("schedule", _plan),), named_by_week=True, unique_slugs=False,
    rules=_rules, updated=_updated, starts_with=_starts_with)
