"""Links in Markdown bodies to pages of the portal: each must name a page the build makes.

A link is to the portal when it is relative (``../hoi-nghi/``), site-absolute (``/tinh-a/``) or
absolute on the portal's ``base_url`` or on a unit's own ``base_url``; it is resolved from the
page the body is shown on to a path of the portal, whose unit is the one with the longest folder
it starts with.  Links with an extension name files (``rules`` checks those), links elsewhere
are not judged.  A page that does not exist is reported with the nearest address that does.
"""

from __future__ import annotations

import datetime as dt
import difflib
import posixpath
from typing import Iterable, Mapping
from urllib.parse import unquote, urlsplit

from . import urls
from .content_types import GENERATED, REGISTRY, WEB_EDITOR, news, page, question, schedule
from .content_types.base import ContentType
from .load import Portal
from .markup import Reference
from .problems import Problem, problem
from .sources import Record

#: Generated folders whose pages this module does not list (data files, assets, search, dashboard).
_OPEN_FOLDERS = (urls.DATA, urls.ASSETS, urls.SEARCH, urls.DASHBOARD)


def check_links(portal: Portal, records: Mapping[str, Record], bodies: Mapping[str, tuple[Reference, ...]],
                now: dt.datetime) -> list[Problem]:
    """A problem for each link of a Markdown body (``bodies``: the references of each record's body,
    :func:`markup.references`) to a page of the portal that the build at ``now`` does not make."""
    by_unit = _pages(portal, now)
    pages = set().union(*by_unit.values())
    shown_at = _shown_at(portal)
    bases = _bases(portal)
    problems = []
    for path in sorted(path for path, refs in bodies.items() if refs):
        record, lines = records[path], records[path].body.split("\n")
        for ref in bodies[path]:
            if ref.image:
                continue
            found = _target(ref.target, shown_at.get(path), bases)
            if found is None or _exists(found[0], pages):
                continue
            wanted, shown, scope = found
            nearest_vi, nearest_en = _nearest(wanted, _candidates(wanted, scope, by_unit), shown)
            link = unquote(ref.target)
            column = lines[ref.line - 1].find(link) + 1 if ref.line <= len(lines) else 0
            problems.append(problem("LINK_PAGE_MISSING", path, record.body_line + ref.line - 1, column or None,
                                    link=link, address=_public(wanted, bases), nearest_vi=nearest_vi,
                                    nearest_en=nearest_en))
    return problems


def _pages(portal: Portal, now: dt.datetime) -> dict[str, set[str]]:
    """The portal path of every page the build makes (``tinh-a/tin-tuc/hoi-nghi/``), list and
    facet pages aside (see :func:`_exists`), by the home page of its unit (``tinh-a/``)."""
    found = {"": {""}}
    tops = {content.unit.path for content in portal.units if content.unit.parent is None}
    for content in portal.units:
        prefix = content.unit.path + "/"
        site = {"", *GENERATED, *(t.address for t in REGISTRY if t.address)}
        if portal.config.cms is not None and content.unit.path in tops:
            site.add(WEB_EDITOR)
        for content_type in REGISTRY:
            site.update(_item_pages(content_type, content.sections[content_type.folder], now))
        site.update(urls.item(urls.PROCEDURES, p.slug) for p in portal.catalog.get(content.unit.level, ()))
        found[prefix] = {prefix + address for address in site}
    return found


def _item_pages(content_type: ContentType, items: Iterable, now: dt.datetime) -> Iterable[str]:
    if content_type is page.TYPE:
        return (urls.page(item.slug, item.lang) for item in items)
    if content_type is question.TYPE or content_type.address is None:
        return ()
    if content_type is schedule.TYPE:
        return (urls.schedule_week(item.week) for item in items)
    if content_type is news.TYPE:
        return (content_type.item_address(item.slug) for item in items if news.is_published(item, now))
    return (content_type.item_address(item.slug) for item in items)


def _shown_at(portal: Portal) -> dict[str, str]:
    """The portal path of the page each content file's body is shown on."""
    found = {}
    for content in portal.units:
        for content_type in REGISTRY:
            for item in content.sections[content_type.folder]:
                if content_type is page.TYPE:
                    found[item.path] = f"{content.unit.path}/{urls.page(item.slug, item.lang)}"
                elif content_type.address and content_type is not question.TYPE:
                    found[item.path] = f"{content.unit.path}/{content_type.item_address(item.slug)}"
    return found


def _bases(portal: Portal) -> list[tuple[str, str]]:
    """Public addresses and the portal folder each stands for, the longest first."""
    bases = [(portal.config.base_url, "")]
    bases += [(content.unit.base_url, content.unit.path) for content in portal.units if content.unit.base_url]
    return sorted(((url.rstrip("/") + "/", folder) for url, folder in bases), key=lambda b: -len(b[0]))


def _target(link: str, here: str | None, bases: list[tuple[str, str]]):
    """The portal path a link names, how to show a portal path in the link's own form and the
    folder such paths must start with; None for a link that is not to a page of the portal."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        for base, folder in bases:
            rest = _below(parts, urlsplit(base))
            if rest is not None:
                return _page_path(posixpath.join(folder, rest)), _absolute(base, folder), folder + "/" if folder else ""
        return None
    if not parts.path or parts.path.startswith("//"):
        return None
    if parts.path.startswith("/"):  # on the host of the page it is shown on
        base, folder = _site_of(here or "", bases)
        rest = _below(parts, urlsplit(base)._replace(scheme="", netloc=""))
        if rest is None:
            return None
        return (_page_path(posixpath.join(folder, rest)), _absolute(urlsplit(base).path, folder),
                folder + "/" if folder else "")
    if here is None:
        return None
    joined = posixpath.normpath(posixpath.join(here, unquote(parts.path)))
    if joined.startswith(".."):
        return None
    return _page_path(joined), lambda wanted: _relative(here, wanted), ""


def _site_of(wanted: str, bases: list[tuple[str, str]]) -> tuple[str, str]:
    """The public address a page is served under, and its folder: the own ``base_url`` of the
    deepest unit above it that has one, else the portal's."""
    return max(((b, f) for b, f in bases if not f or wanted.startswith(f + "/")), key=lambda b: len(b[1]))


def _public(wanted: str, bases: list[tuple[str, str]]) -> str:
    """The public address of a page."""
    return _absolute(*_site_of(wanted, bases))(wanted)


def _below(parts, base) -> str | None:
    """The path of ``parts`` below the address ``base`` (same host), percent-decoded, or None."""
    if parts.netloc.lower() != base.netloc.lower() or parts.scheme.lower() not in ("", "http", "https"):
        return None
    path = parts.path or "/"
    return unquote(path[len(base.path):]) if path.startswith(base.path) else None


def _page_path(path: str) -> str | None:
    """A page's portal path (``tinh-a/tin-tuc/x/``), or None for a file (a name with an
    extension, other than ``index.html``)."""
    path = posixpath.normpath(path).strip("/") if path.strip("/.") else ""
    if path.endswith("/index.html") or path == "index.html":
        path = path[:-len("index.html")].rstrip("/")
    if posixpath.splitext(posixpath.basename(path))[1]:
        return None
    return path + "/" if path else ""


def _exists(wanted: str | None, pages: set[str]) -> bool:
    if wanted is None or wanted in pages:
        return True
    for address in (*_OPEN_FOLDERS, *(t.address for t in REGISTRY if t.address)):
        marker = "/" + address
        cut = wanted.find(marker)
        while cut >= 0:
            unit, rest = wanted[:cut], wanted[cut + len(marker):]
            if unit + "/" in pages and (address in _OPEN_FOLDERS or _generated(address, rest)):
                return True
            cut = wanted.find(marker, cut + 1)
    return False


def _generated(address: str, rest: str) -> bool:
    """Whether ``rest`` below a section's address is one of its list or facet pages."""
    content_type = next(t for t in REGISTRY if t.address == address)
    first = rest.split("/", 1)[0]
    numbered = first.startswith("trang-") and first[6:].isdigit()
    return numbered or (bool(first) and REGISTRY.reserved_address(content_type, first) is not None)


def _absolute(base: str, folder: str):
    def shown(wanted: str) -> str:
        inside = wanted[len(folder) + 1:] if folder else wanted
        return base + inside
    return shown


def _relative(here: str, wanted: str) -> str:
    link = posixpath.relpath(wanted or ".", here.rstrip("/") or ".")
    return "./" if link == "." else link + "/"


def _candidates(wanted: str, scope: str, by_unit: Mapping[str, set[str]]) -> list[str]:
    """The addresses a missing page may be a misspelling of: the pages of the unit it would be in
    and of the units just below it (a misspelt unit folder), and the home of every unit, all
    inside ``scope``."""
    owner = max((home for home in by_unit if home and wanted.startswith(home)), key=len, default="")
    found = set(by_unit)
    for home, pages in by_unit.items():
        if home and home.startswith(owner) and "/" not in home[len(owner):-1]:
            found.update(pages)
    return sorted(page for page in found if page.startswith(scope))


def _nearest(wanted: str, pages: list[str], shown) -> tuple[str, str]:
    """The sentences naming the existing address most like ``wanted`` (difflib's ratio), in the
    link's own form; empty when none is close."""
    close = difflib.get_close_matches(wanted, pages, n=1, cutoff=0.6)
    if not close:
        return "", ""
    return (f" Địa chỉ có thật gần giống nhất: {shown(close[0])}",
            f" The nearest existing address: {shown(close[0])}")
