"""Information made public beyond the other sections (``disclosures/``): law dissemination, answers
to petitions, commendations and sanctions, statistics, international agreements, science
programmes, the list of public information, and what a commune must disclose to its citizens
(land-use plans, projects, fees, the results of petitions)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from .. import urls, vn
from ..model import Disclosure
from .base import ContentType, SearchRecord, Step
from .registers import file_fields, plan_register, search_register


def _facts(t: Any, item: Disclosure) -> list[tuple[str, Any]]:
    return [(t["item_kind"], t[f"kind_{item.kind}"]), (t["document_number"], item.number), (t["issuer"], item.issuer),
            (t["issue_date"], vn.format_date(item.issue_date) if item.issue_date else None),
            (t["published_on"], vn.format_date(item.published))]


def _plan(b: Any, _start: int = 0, _stop: int | None = None) -> None:
    plan_register(b, urls.DISCLOSURES, "disclosures", b.site.content.disclosures, _facts)


def _search(site: Any, text_of: Callable[[str], str], files_text: Callable, wanted: Callable[[str], bool],
            _memo: Any = None) -> list[SearchRecord]:
    return search_register(site, urls.DISCLOSURES, site.content.disclosures, text_of, files_text, wanted,
                           lambda i: i.number)


TYPE = ContentType(
    menu_group="menu_disclosure",
    feed=lambda item: dt.datetime.combine(item.published, dt.time()),
    kind="disclosure", folder="disclosures", fmt="md", model=Disclosure, title_field="title", label="disclosures",
    address=urls.DISCLOSURES, listed=lambda site: bool(site.content.disclosures),
    steps=(Step("disclosures", _plan),), files=file_fields,
    date_order=(("issue_date", "published", False),), past_dates=("issue_date", "published"),
    updated=lambda item, _now: item.published, search=_search, searchable=lambda site: len(site.content.disclosures),
    starts_with=lambda start: {"kind": "pho-bien-phap-luat", "issuer": start.agency, "published": start.today,
                               "summary": start.title})
