"""Bidding and investment notices (``procurement/``): Markdown with front matter and the notice's
files; listed newest first."""

from __future__ import annotations

from typing import Any, Callable

from .. import urls, vn
from ..model import Procurement
from .base import ContentType, FileField, SearchRecord, Step


def _plan(b: Any, _start: int = 0, _stop: int | None = None) -> None:
    if not b.site.content.procurement:
        return
    t = b.t("vi")
    here = urls.PROCUREMENT
    items = sorted(b.site.content.procurement, key=lambda p: (p.date, p.slug), reverse=True)

    def card(page: str, p: Procurement) -> dict[str, Any]:
        return {"title": p.title, "href": b.link(page, urls.item(urls.PROCUREMENT, p.slug)),
                "date": vn.format_date(p.date), "datetime": p.date.isoformat(), "kind": t[f"kind_{p.kind}"],
                "investor": p.investor, "summary": p.summary, "package": p.package, "budget": p.budget,
                "deadline": vn.format_datetime(p.deadline) if p.deadline else None}

    context = b.layout(here, t["procurement"], trail=[(t["procurement"], here)])
    context.update({"items": [card(here, p) for p in items]})
    b.add(here, "procurement_list.html", context)
    for p in items:
        page = urls.item(urls.PROCUREMENT, p.slug)
        context = b.layout(page, p.title, trail=[(t["procurement"], here), (p.title, page)])
        context.update({"p": card(page, p), "body": b.body(p.path, p.body, page),
                        "files": b.file_list(page, p.path, p.files, page)})
        b.add(page, "procurement_item.html", context)


def _search(site: Any, text_of: Callable[[str], str], _files_text: Callable, wanted: Callable[[str], bool],
            _memo: Any = None) -> list[SearchRecord]:
    records = []
    for item in site.content.procurement:
        path = urls.item(urls.PROCUREMENT, item.slug)
        records.append(SearchRecord(site.path, path, "page", item.title, item.date.isoformat(),
                                    item.summary or item.investor,
                                    " ".join([item.investor, item.package or "", text_of(item.body)])
                                    if wanted(path) else ""))
    return records


TYPE = ContentType(
    menu_group="menu_disclosure",
    kind="procurement", folder="procurement", fmt="md", model=Procurement, title_field="title",
    label="procurement", address=urls.PROCUREMENT, listed=lambda site: bool(site.content.procurement),
    steps=(Step("procurement", _plan),),
    files=lambda item: [FileField(ref.file, False, f"/files/{i}/file") for i, ref in enumerate(item.files)],
    updated=lambda item, _now: item.date, search=_search, searchable=lambda site: len(site.content.procurement),
    starts_with=lambda start: {"date": start.today, "kind": "khac", "investor": start.agency})
