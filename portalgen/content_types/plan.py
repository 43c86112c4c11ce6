"""Strategies, programmes, plans, master plans, the annual work plan and its results report
(``plans/``): Markdown with front matter and the approved text's files."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from .. import urls, vn
from ..model import Plan
from .base import ContentType, SearchRecord, Step
from .registers import file_fields, plan_register, search_register


def _facts(t: Any, item: Plan) -> list[tuple[str, Any]]:
    return [(t["item_kind"], t[f"kind_{item.kind}"]), (t["year"], item.year), (t["document_number"], item.number),
            (t["issuer"], item.issuer), (t["issue_date"], vn.format_date(item.issue_date)),
            (t["published_on"], vn.format_date(item.published))]


def _plan(b: Any, _start: int = 0, _stop: int | None = None) -> None:
    plan_register(b, urls.PLANS, "plans", b.site.content.plans, _facts)


def _search(site: Any, text_of: Callable[[str], str], files_text: Callable, wanted: Callable[[str], bool],
            _memo: Any = None) -> list[SearchRecord]:
    return search_register(site, urls.PLANS, site.content.plans, text_of, files_text, wanted, lambda i: i.number)


TYPE = ContentType(
    menu_group="menu_disclosure",
    feed=lambda item: dt.datetime.combine(item.published, dt.time()),
    kind="plan", folder="plans", fmt="md", model=Plan, title_field="title", label="plans", address=urls.PLANS,
    listed=lambda site: bool(site.content.plans), steps=(Step("plans", _plan),), files=file_fields,
    date_order=(("issue_date", "published", False),), past_dates=("issue_date", "published"),
    updated=lambda item, _now: item.published, search=_search, searchable=lambda site: len(site.content.plans),
    starts_with=lambda start: {"kind": "ke-hoach", "year": start.now.year, "issuer": start.agency,
                               "issue_date": start.today, "published": start.today, "summary": start.title})
