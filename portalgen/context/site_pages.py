"""The pages every site has besides its sections': home, English home, the units below, the
sitemap page, search and the page for addresses that do not exist."""

from __future__ import annotations

from typing import Any

from .. import urls, vn
from ..content_types.consultation import consultation_card, consultation_open
from ..content_types.document import document_row, newest_first
from ..content_types.news import news_card, news_date
from ..content_types.page import people
from ..content_types.schedule import schedule_days
from ..model import NewsItem
from ..units import english_type_label
from .builder import Builder

HOME_NEWS = 8
HOME_DOCUMENTS = 5


def home(b: Builder, _start: int = 0, _stop: int | None = None) -> None:
    """The home page: quick links and banners, featured and latest news, documents, the schedule
    of today and the next working day, open drafts."""
    site, here = b.site, ""
    unit = site.unit
    featured = [n for n in site.news if n.featured][:3]
    latest = [n for n in site.news if n not in featured][:HOME_NEWS]
    contacts = {key: value for key, value in (("email", unit.contacts.email), ("telephone", unit.contacts.phone),
                                              ("address", unit.contacts.address)) if value}
    context = b.layout(here, unit.name, json_ld=[{
        "@context": "https://schema.org", "@type": "GovernmentOrganization", "name": unit.agency,
        "alternateName": unit.name, "url": site.url, **contacts,
        **({"parentOrganization": {"@type": "GovernmentOrganization",
                                   "name": b.tree.sites[site.parent].unit.agency,
                                   "url": b.tree.sites[site.parent].url}} if site.parent else {})}])
    context.update({
        "unit": {"name": unit.name, "agency": unit.agency, "description": unit.description, "code": unit.code},
        "featured": [news_card(b, here, n) for n in featured],
        "latest": [news_card(b, here, n, thumbnail=True) for n in latest],
        "documents": [document_row(b, here, d) for d in newest_first(site.content.documents)[:HOME_DOCUMENTS]],
        "schedule_days": schedule_days(b, here),
        "banners": context["links"],
        "schedule_href": b.link(here, urls.SCHEDULE),
        "consultations": [consultation_card(b, here, c) for c in site.consultations
                          if consultation_open(c, b.today)],
        "quick_links": _quick_links(b, here, context["links"]),
        "from_units": [{**_news_card_other(b, here, path, item)} for path, item in site.from_units],
        "children": b.children(here),
        "all_news": b.link(here, urls.NEWS), "all_documents": b.link(here, urls.DOCUMENTS),
    })
    b.add(here, "home.html", context)


def _quick_links(b: Builder, here: str, banners: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The home page's quick links: the sections citizens look for, then those of ``portal.yaml``
    and ``unit.yaml`` (their titles in Vietnamese), leaving out addresses the banners show."""
    t, site = b.t("vi"), b.site
    built_in = [(t["procedures"], b.link(here, urls.PROCEDURES)), (t["documents"], b.link(here, urls.DOCUMENTS)),
                (t["schedule"], b.link(here, urls.SCHEDULE)), (t["national_portal"], b.tree.config.national_portal_url)]
    if site.children:
        built_in.append((t["children"], b.link(here, urls.CHILDREN)))
    written = [(q.title, q.url) for q in (*b.tree.config.quick_links, *site.unit.quick_links)]
    shown = {banner["href"] for banner in banners}
    return [{"label": label, "href": href, "lang": lang}
            for links, lang in ((built_in, None), (written, "vi")) for label, href in links if href not in shown]


def _news_card_other(b: Builder, here: str, unit_path: str, item: NewsItem) -> dict[str, Any]:
    when = news_date(item)
    return {"title": item.title, "unit": b.tree.sites[unit_path].unit.name,
            "href": b.link_to(here, unit_path, urls.item(urls.NEWS, item.slug)),
            "date": vn.format_date(when.date()), "datetime": when.date().isoformat()}


ENGLISH_NEWS = 5
ENGLISH_DOCUMENTS = 5


def english_home(b: Builder, _start: int = 0, _stop: int | None = None) -> None:
    """The English home: the editors' English pages, then what the unit publishes in Vietnamese
    (latest news and documents, marked as Vietnamese and linking to the Vietnamese pages), its
    administrative procedures, contacts and spokesperson, and the units below. Nothing is translated."""
    here = urls.ENGLISH
    site = b.site
    unit = site.unit
    pages = b.pages_in("en")
    context = b.layout(here, unit.name_en or unit.name, lang="en")
    contacts = unit.contacts
    contact_page = next((p for p in pages if p.kind == "contact"), None)
    context.update({
        "pages": [{"title": p.title, "summary": p.summary, "href": b.link(here, urls.page(p.slug, "en"))}
                  for p in pages],
        "unit": {"name": unit.name_en or unit.name, "agency": unit.agency_en or unit.agency,
                 "agency_lang": None if unit.agency_en else "vi"},
        "news": [_english_item(item.title, b.link(here, urls.item(urls.NEWS, item.slug)), news_date(item).date())
                 for item in site.news[:ENGLISH_NEWS]],
        "all_news": b.link(here, urls.NEWS),
        "documents": [{**_english_item(d.summary, b.link(here, urls.item(urls.DOCUMENTS, d.slug)), d.issue_date),
                       "number": d.number}
                      for d in newest_first(site.content.documents)[:ENGLISH_DOCUMENTS]],
        "all_documents": b.link(here, urls.DOCUMENTS),
        "procedures": {"count": len(site.procedures), "href": b.link(here, urls.PROCEDURES),
                       "national": b.tree.config.national_portal_url},
        "contacts": {"address": contacts.address_en or contacts.address,
                     "address_lang": "vi" if contacts.address and not contacts.address_en else None,
                     "phone": vn.international_phone(contacts.phone) if contacts.phone else None,
                     "phone_link": "".join(vn.international_phone(contacts.phone).split()) if contacts.phone else None,
                     "email": contacts.email,
                     "page": b.link(here, urls.page(contact_page.slug, "en")) if contact_page else None},
        "spokesperson": [{**person, "phone": vn.international_phone(person["phone"]) if person["phone"] else None}
                         for person in people((unit.spokesperson,), "en")] if unit.spokesperson else [],
        "units": english_units(b, here),
    })
    b.add(here, "english_home.html", context)


def _english_item(title: str, href: str, day: Any) -> dict[str, Any]:
    return {"title": title, "href": href, "date": vn.format_english_date(day), "datetime": day.isoformat()}


def english_units(b: Builder, here: str) -> list[dict[str, Any]]:
    """The units below, for an English page: the English name where there is one (else the
    Vietnamese, marked so), linking to the unit's English home when it has English pages, else to
    its Vietnamese home (marked so); the kind of unit only where the name does not say it."""
    result = []
    for path in b.site.children:
        child = b.tree.sites[path]
        english = any(page.lang == "en" for page in child.content.pages)
        result.append({"name": child.unit.name_en or child.unit.name,
                       "name_lang": None if child.unit.name_en else "vi",
                       "href": b.link_to(here, path, urls.ENGLISH if english else ""),
                       "hreflang": None if english else "vi",
                       "level": english_type_label(child.unit.name_en, child.unit.type, child.level.title_en)})
    return result


def children_page(b: Builder, _start: int = 0, _stop: int | None = None) -> None:
    if not b.site.children:
        return
    t = b.t("vi")
    here = urls.CHILDREN
    context = b.layout(here, t["children"], trail=[(t["children"], here)])
    context.update({"children": b.children(here)})
    b.add(here, "children.html", context)


def sitemap(b: Builder, _start: int = 0, _stop: int | None = None) -> None:
    t = b.t("vi")
    here = urls.SITEMAP
    sections = b.sections()
    if b.site.children:
        sections.append((t["children"], urls.CHILDREN))
    sections.append((t["english"], urls.ENGLISH))
    context = b.layout(here, t["sitemap"], trail=[(t["sitemap"], here)])
    context.update({
        "sections": [{"label": label, "href": b.link(here, target)} for label, target in sections],
        "pages": [{"label": p.title, "href": b.link(here, urls.page(p.slug, p.lang)), "lang": p.lang}
                  for p in sorted(b.site.content.pages, key=lambda p: (p.lang != "vi", p.order, p.slug))],
        "categories": [{"label": label, "href": b.link(here, urls.news_category(key))}
                       for key, label in b.tree.config.news_categories.items()
                       if any(n.category == key for n in b.site.news)],
        "children": b.children(here),
        "parent": ({"name": b.tree.sites[b.site.parent].unit.name,
                    "href": b.link_to(here, b.site.parent)} if b.site.parent else None),
        "feed_links": [{"label": "RSS 2.0", "href": b.link(here, urls.RSS)},
                       {"label": "Atom", "href": b.link(here, urls.ATOM)}],
        "data": [{"label": name, "href": b.link(here, urls.DATA + name)} for name in DATA_FILES],
    })
    b.add(here, "sitemap.html", context)


DATA_FILES = ("tin-tuc.json", "van-ban.json", "thu-tuc.json", "lich-cong-tac.json")


def search(b: Builder, _start: int = 0, _stop: int | None = None) -> None:
    t = b.t("vi")
    here = urls.SEARCH
    scope = [p for p in sorted(b.tree.sites) if p == b.site.path or p.startswith(b.site.path + "/")]
    root = b.site.ancestors[0] if b.site.ancestors else None
    context = b.layout(here, t["search_title"], trail=[(t["search_title"], here)])
    context.update({
        "index": "chi-muc/", "search_js": b.link(here, b.assets["search"]),
        "kinds": [{"value": kind, "label": t[f"kind_{kind}"]} for kind in ("news", "document", "procedure", "page")],
        "units": [b.tree.sites[p].unit.name for p in scope],
        "facets": [{"id": f"loc-{key}", "key": key, "label": label} for key, label in
                   (("t", t["by_type"]), ("i", t["by_issuer"]), ("f", t["by_field"]), ("y", t["doc_year"]))],
        "widen": ({"href": b.link_to(here, root, urls.SEARCH),
                   "label": t["search_widen"].format(name=b.tree.sites[root].unit.name)} if root else None),
        "browse": [{"label": t["news"], "href": b.link(here, urls.NEWS)},
                   {"label": t["documents"], "href": b.link(here, urls.DOCUMENTS)},
                   {"label": t["procedures"], "href": b.link(here, urls.PROCEDURES)},
                   {"label": t["sitemap"], "href": b.link(here, urls.SITEMAP)}],
        "strings": {key: t[key] for key in ("search_found", "search_none", "search_loading", "search_error",
                                            "kind_news", "kind_document", "kind_procedure", "kind_page",
                                            "search_other_units")},
    })
    b.add(here, "search.html", context)


def not_found(b: Builder, _start: int = 0, _stop: int | None = None) -> None:
    """The 404 page may be served at any address, so its links are absolute (see ``Layout.link``)."""
    t = b.t("vi")
    here = urls.NOT_FOUND
    context = b.layout(here, t["not_found_title"], trail=[(t["not_found_title"], here)])
    context.update({"home_href": b.link(here, ""), "sitemap_href": b.link(here, urls.SITEMAP)})
    b.add(here, "404.html", context)
