"""Machine-readable outputs of a site: feeds, sitemaps, robots.txt and JSON exports — bytes from models."""

from __future__ import annotations

import datetime as dt
import json
from email.utils import format_datetime
from typing import Any, Callable, Iterable
from xml.sax.saxutils import escape, quoteattr
from zoneinfo import ZoneInfo

from . import urls
from .content_types.news import news_date
from .resolve import Site, SiteTree

FEED_ITEMS = 30
TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=TIMEZONE)


def rss(site: Site, title: str, items, feed_path: str, page_path: str, address: str = urls.NEWS,
        moment: Callable[[Any], dt.datetime] = news_date) -> bytes:
    """An RSS 2.0 feed of items (newest first): news, or the items of the section at ``address``
    dated by ``moment``."""
    entries = list(items)[:FEED_ITEMS]
    updated = _aware(moment(entries[0])) if entries else None
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">', "<channel>",
             f"<title>{escape(title)}</title>", f"<link>{escape(site.url + page_path)}</link>",
             f"<description>{escape(site.unit.description or site.unit.name)}</description>",
             "<language>vi</language>",
             f'<atom:link href={quoteattr(site.url + feed_path)} rel="self" type="application/rss+xml"/>']
    if updated:
        lines.append(f"<lastBuildDate>{format_datetime(updated)}</lastBuildDate>")
    for item in entries:
        link = site.url + urls.item(address, item.slug)
        lines += ["<item>", f"<title>{escape(item.title)}</title>", f"<link>{escape(link)}</link>",
                  f'<guid isPermaLink="true">{escape(link)}</guid>',
                  f"<pubDate>{format_datetime(_aware(moment(item)))}</pubDate>",
                  f"<description>{escape(item.summary or '')}</description>", "</item>"]
    lines += ["</channel>", "</rss>"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def atom(site: Site, title: str, items, feed_path: str, page_path: str) -> bytes:
    """An Atom feed of news items (newest first)."""
    entries = list(items)[:FEED_ITEMS]
    updated = _aware(news_date(entries[0])).isoformat() if entries else "2000-01-01T00:00:00+07:00"
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">',
             f"<title>{escape(title)}</title>", f"<id>{escape(site.url + feed_path)}</id>",
             f'<link rel="self" href={quoteattr(site.url + feed_path)}/>',
             f'<link rel="alternate" type="text/html" href={quoteattr(site.url + page_path)}/>',
             f"<updated>{updated}</updated>",
             f"<author><name>{escape(site.unit.agency)}</name></author>"]
    for item in entries:
        link = site.url + urls.item(urls.NEWS, item.slug)
        when = _aware(news_date(item)).isoformat()
        lines += ["<entry>", f"<title>{escape(item.title)}</title>", f"<id>{escape(link)}</id>",
                  f'<link rel="alternate" type="text/html" href={quoteattr(link)}/>',
                  f"<published>{when}</published>", f"<updated>{when}</updated>",
                  f"<author><name>{escape(item.author)}</name></author>",
                  f'<summary type="text">{escape(item.summary)}</summary>', "</entry>"]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def sitemap(site: Site, site_paths: Iterable[str]) -> bytes:
    """``sitemap.xml`` listing every HTML page of a site (not the 404 page)."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path in sorted(site_paths):
        if path != urls.NOT_FOUND:
            lines.append(f"<url><loc>{escape(site.url + path)}</loc></url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def sitemap_index(tree: SiteTree) -> bytes:
    """The portal root's sitemap index: every site's ``sitemap.xml``."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path in sorted(tree.sites):
        lines.append(f"<sitemap><loc>{escape(tree.sites[path].url + 'sitemap.xml')}</loc></sitemap>")
    lines.append("</sitemapindex>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots(site: Site) -> bytes:
    return f"User-agent: *\nAllow: /\nSitemap: {site.url}sitemap.xml\n".encode("utf-8")


def _json(payload) -> bytes:
    return (json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _items_json(unit: dict, items: list[str]) -> bytes:
    """``_json({"items": […], "unit": unit})`` from the items already written by :func:`_item_json`."""
    if not items:
        return _json({"items": [], "unit": unit})
    tail = json.dumps({"unit": unit}, ensure_ascii=False, indent=1, sort_keys=True)[1:]
    return ('{\n "items": [\n  ' + ",\n  ".join(items) + "\n ]," + tail + "\n").encode("utf-8")


def _item_json(item: dict) -> str:
    """One item as it stands inside ``_json``'s list of items (two levels deep)."""
    return json.dumps(item, ensure_ascii=False, indent=1, sort_keys=True).replace("\n", "\n  ")


def _news_json(site: Site, n) -> str:
    return _item_json({"title": n.title, "url": site.url + urls.item(urls.NEWS, n.slug),
                       "date": news_date(n).isoformat(), "summary": n.summary, "category": n.category,
                       "tags": list(n.tags), "author": n.author})


def exports(site: Site, tree: SiteTree, memo: tuple[dict, dict] | None = None) -> dict[str, bytes]:
    """Structured data of the registers (TT 22/2023), one JSON file each under ``du-lieu/``.

    ``memo``: each news item's JSON (by item path and site address, with its item: reused for
    that very item only) from the previous build, and where to keep this build's."""
    unit = {"code": site.unit.code, "name": site.unit.name, "url": site.url}
    news = []
    for n in site.news:
        known = memo[0].get((n.path, site.url)) if memo is not None else None
        if known is None or known[0] is not n:
            known = (n, _news_json(site, n))
        if memo is not None:
            memo[1][(n.path, site.url)] = known
        news.append(known[1])
    documents = [{"number": d.number, "type": d.type, "issuer": d.issuer, "issue_date": d.issue_date.isoformat(),
                  "effective_date": d.effective_date.isoformat() if d.effective_date else None,
                  "summary": d.summary, "field": d.field, "status": d.status, "normative": d.normative,
                  "url": site.url + urls.item(urls.DOCUMENTS, d.slug),
                  "files": [site.url + urls.item(urls.DOCUMENTS, d.slug) + f.file for f in d.files]}
                 for d in sorted(site.content.documents, key=lambda d: (d.issue_date, d.slug), reverse=True)]
    procedures = [{"code": p.code, "name": p.name, "field": p.field, "processing_time": p.processing_time,
                   "agency": p.agency, "online_level": p.online_level, "online_url": p.online_url,
                   "url": site.url + urls.item(urls.PROCEDURES, p.slug)} for p in site.procedures]
    schedules = [{"week": s.week, "entries": [{"date": e.date.isoformat(), "session": e.session, "time": e.time,
                                               "leader": e.leader, "content": e.content, "place": e.place,
                                               "participants": e.participants} for e in s.entries]}
                 for s in site.schedules]
    return {f"{urls.DATA}tin-tuc.json": _items_json(unit, news),
            f"{urls.DATA}van-ban.json": _json({"unit": unit, "items": documents}),
            f"{urls.DATA}thu-tuc.json": _json({"unit": unit, "items": procedures}),
            f"{urls.DATA}lich-cong-tac.json": _json({"unit": unit, "items": schedules})}
