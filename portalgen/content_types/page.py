"""Pages (``pages/``, English ones in ``pages/en/``): Markdown with front matter, at the root of
the site (``gioi-thieu/``); the introduction, organisation and contact pages show the unit's
leaders, contacts and units below it."""

from __future__ import annotations

from typing import Any, Callable, Iterable

from .. import urls, vn
from ..model import Page, Person
from .base import ContentType, SearchRecord, Step


def people(persons: Iterable[Person], lang: str) -> list[dict[str, Any]]:
    """People as a page in ``lang`` shows them: on an English page the English position, or the
    Vietnamese one marked as Vietnamese."""
    english = lang == "en"
    return [{"name": p.name, "position": p.position_en if english and p.position_en else p.position,
             "position_lang": "vi" if english and not p.position_en else None, "unit": p.unit,
             "responsibilities": p.responsibilities, "phone": p.phone, "email": p.email} for p in persons]


def _plan(b: Any, _start: int = 0, _stop: int | None = None) -> None:
    unit = b.site.unit
    for page in b.site.content.pages:
        t = b.t(page.lang)
        here = urls.page(page.slug, page.lang)
        trail = [(page.title, here)]
        context = b.layout(here, page.title, lang=page.lang, trail=trail, description=page.summary or "")
        context.update({
            "page": {"title": page.title, "summary": page.summary, "kind": page.kind,
                     "updated": vn.format_date(page.updated) if page.updated else None},
            "body": b.body(page.path, page.body, here),
            "leaders": people(unit.leaders, page.lang) if page.kind == "organisation" else [],
            "contacts": {"address": unit.contacts.address_en or unit.contacts.address if page.lang == "en"
                         else unit.contacts.address, "phone": unit.contacts.phone, "fax": unit.contacts.fax,
                         "email": unit.contacts.email, "working_hours": unit.contacts.working_hours}
            if page.kind == "contact" else None,
            "focal_officials": people(unit.focal_officials, page.lang) if page.kind == "contact" else [],
            "spokesperson": people((unit.spokesperson,), page.lang) if page.kind == "contact" and unit.spokesperson
            else [],
            "children": b.children(here) if page.kind == "organisation" and page.lang == "vi" else [],
            "t": t,
        })
        b.add(here, "page.html", context)


def _search(site: Any, text_of: Callable[[str], str], _files_text: Callable, wanted: Callable[[str], bool],
            _memo: Any = None) -> list[SearchRecord]:
    records = []
    for page in site.content.pages:
        if page.lang == "vi":
            path = urls.page(page.slug, "vi")
            records.append(SearchRecord(site.path, path, "page", page.title,
                                        page.updated.isoformat() if page.updated else "",
                                        page.summary or "", text_of(page.body) if wanted(path) else ""))
    return records


TYPE = ContentType(
    kind="page", folder="pages", fmt="md", model=Page, title_field="title", label="dash_section_pages", translated=True,
    steps=(Step("pages", _plan),), updated=lambda page, _now: page.updated, search=_search,
    searchable=lambda site: sum(1 for page in site.content.pages if page.lang == "vi"),
    starts_with=lambda start: {"kind": "other", "updated": start.today})
