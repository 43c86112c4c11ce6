"""Budget disclosures (``budget/``): the estimate, the execution of a quarter, half-year or year,
and the final accounts, each with its disclosure forms (PDF and spreadsheets)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from .. import urls, vn
from ..model import Budget
from .base import ContentType, SearchRecord, Step
from .registers import file_fields, plan_register, search_register


def period_end(item: Budget) -> dt.date | None:
    """The last day of the period a report of execution covers (None for an estimate or accounts)."""
    if item.kind == "thuc-hien-quy" and item.quarter:
        return quarter_end(item.year, item.quarter)
    if item.kind == "thuc-hien-6-thang":
        return dt.date(item.year, 6, 30)
    return None


def quarter_end(year: int, quarter: int) -> dt.date:
    """The last day of a quarter."""
    return dt.date(year, quarter * 3, 31 if quarter in (1, 4) else 30)


def _facts(t: Any, item: Budget) -> list[tuple[str, Any]]:
    return [(t["item_kind"], t[f"kind_{item.kind}"]), (t["year"], item.year), (t["quarter"], item.quarter),
            (t["document_number"], item.number),
            (t["issue_date"], vn.format_date(item.issue_date) if item.issue_date else None),
            (t["published_on"], vn.format_date(item.published))]


def _plan(b: Any, _start: int = 0, _stop: int | None = None) -> None:
    plan_register(b, urls.BUDGET, "budget_disclosure", b.site.content.budget, _facts)


def _search(site: Any, text_of: Callable[[str], str], files_text: Callable, wanted: Callable[[str], bool],
            _memo: Any = None) -> list[SearchRecord]:
    return search_register(site, urls.BUDGET, site.content.budget, text_of, files_text, wanted, lambda i: i.number)


TYPE = ContentType(
    menu_group="menu_disclosure",
    feed=lambda item: dt.datetime.combine(item.published, dt.time()),
    kind="budget", folder="budget", fmt="md", model=Budget, title_field="title", label="budget_disclosure",
    address=urls.BUDGET, listed=lambda site: bool(site.content.budget), steps=(Step("budget", _plan),),
    files=file_fields, date_order=(("issue_date", "published", False),), past_dates=("issue_date", "published"),
    updated=lambda item, _now: item.published, search=_search, searchable=lambda site: len(site.content.budget),
    starts_with=lambda start: {"kind": "du-toan", "year": start.now.year, "issue_date": start.today,
                               "published": start.today, "summary": start.title})
