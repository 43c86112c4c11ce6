"""Drafts open for comment (``consultations/``): Markdown with front matter and the draft's files;
open ones first, with the days left, then the closed ones."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from .. import urls, vn
from ..model import Consultation
from .base import ContentType, FileField, SearchRecord, Step

CONSULTATION_DAYS = 30  # how long a new draft stays open, unless the editor changes it


def consultation_open(item: Consultation, today: dt.date) -> bool:
    """Whether comments are taken on ``today``."""
    return item.opens <= today <= item.closes


def consultation_card(b: Any, here: str, item: Consultation) -> dict[str, Any]:
    """What a list shows of a draft: its dates and its state (upcoming, open with the days left, closed)."""
    t = b.t("vi")
    if b.today < item.opens:
        state, countdown = "upcoming", t["not_open_yet"]
    elif b.today > item.closes:
        state, countdown = "closed", t["closed"]
    else:
        left = (item.closes - b.today).days
        state, countdown = "open", (t["last_day"] if left == 0 else t["days_left"].format(n=left))
    return {"title": item.title, "summary": item.summary,
            "href": b.link(here, urls.item(urls.CONSULTATIONS, item.slug)),
            "opens": vn.format_date(item.opens), "closes": vn.format_date(item.closes), "state": state,
            "countdown": countdown, "lead_agency": item.lead_agency}


def _plan(b: Any, _start: int = 0, _stop: int | None = None) -> None:
    if not b.site.consultations:
        return
    t = b.t("vi")
    here = urls.CONSULTATIONS
    cards = [(c, consultation_card(b, here, c)) for c in b.site.consultations]
    context = b.layout(here, t["consultations"], trail=[(t["consultations"], here)])
    context.update({"open": [card for _, card in cards if card["state"] != "closed"],
                    "closed": [card for _, card in cards if card["state"] == "closed"]})
    b.add(here, "consultations_list.html", context)
    for item in b.site.consultations:
        page = urls.item(urls.CONSULTATIONS, item.slug)
        context = b.layout(page, item.title, trail=[(t["consultations"], here), (item.title, page)],
                           description=item.summary)
        context.update({"consultation": {**consultation_card(b, page, item), "document_type": item.document_type,
                                         "comment_email": item.comment_email,
                                         "comment_address": item.comment_address},
                        "body": b.body(item.path, item.body, page),
                        "files": b.file_list(page, item.path, item.files, page)})
        b.add(page, "consultation_item.html", context)


def _search(site: Any, text_of: Callable[[str], str], files_text: Callable, wanted: Callable[[str], bool],
            _memo: Any = None) -> list[SearchRecord]:
    records = []
    for item in site.consultations:
        path = urls.item(urls.CONSULTATIONS, item.slug)
        records.append(SearchRecord(
            site.path, path, "page", item.title, item.opens.isoformat(), item.summary,
            " ".join([item.summary, item.lead_agency, text_of(item.body)]) if wanted(path) else "",
            files=" ".join(files_text(item, item.files)) if wanted(path) else ""))
    return records


TYPE = ContentType(
    menu_group="menu_participation",
    kind="consultation", folder="consultations", fmt="md", model=Consultation, title_field="title",
    label="consultations", address=urls.CONSULTATIONS, listed=lambda site: bool(site.consultations),
    steps=(Step("consultations", _plan),),
    files=lambda item: [FileField(ref.file, False, f"/files/{i}/file") for i, ref in enumerate(item.files)],
    date_order=(("opens", "closes", True),), updated=lambda item, _now: item.opens,
    search=_search, searchable=lambda site: len(site.consultations),
    starts_with=lambda start: {"summary": start.title, "lead_agency": start.agency, "opens": start.today,
                               "closes": (start.now.date() + dt.timedelta(days=CONSULTATION_DAYS)).isoformat()})
