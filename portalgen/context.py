"""Pure functions from the site tree to the pages of one unit's site.

Each page is a :class:`PageSpec`: its site path, the template that renders it and a plain
context with everything the template shows already computed (texts, formatted dates, relative
links).  No I/O here except reading image sizes and attachment metadata through :mod:`assets`,
which are functions of file bytes.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import quote
from typing import Any, Callable, Iterable, Mapping

from . import urls, vn
from .assets import variant_widths
from .files import FORMATS
from .markup import local_file, references, render_markdown
from .model import Document, NewsItem, Page, Procedure
from .resolve import Site, SiteTree, consultation_open, news_date

NEWS_PER_PAGE = 20
DOCUMENTS_PER_PAGE = 30
HOME_NEWS = 8
HOME_DOCUMENTS = 5
RELATED = 4

_LOCAL_LINK = re.compile(r'<a href="(?P<url>[^"]+)"')
_IMG_TAG = re.compile(r"<img\b[^>]*>")


@dataclass(frozen=True)
class PageSpec:
    site_path: str
    template: str
    context: Mapping[str, Any]
    key: int | None = None  # what the page is made from (see ``PageKeys``); None: always rendered
    copies: tuple["FileCopy", ...] = ()  # the files its markup points to


@dataclass(frozen=True)
class PageKeys:
    """How a plan learns that a page can be kept as the previous build left it.

    ``digest(path)`` is the content hash of a portal file; ``reusable(here, key)`` says whether the
    page at ``here`` was made from the same ``key`` last time and is still in the output as then.
    A key is a hash of everything a page shows — the site's shared parts, the items it lists and
    the files it points to — within one process, so only a long-running preview keeps them.
    """

    digest: Callable[[str], str]
    reusable: Callable[[str, int], bool]
    cards: dict = field(default_factory=dict)  # what cards show, by item, for one build (see ``card_key``)
    known_cards: Mapping = field(default_factory=dict)  # the previous build's, of items whose files are unchanged
    #: news articles' keys by site path with what they were made from (kept between builds), and
    #: the portal files whose content changed since the previous build: an article whose item is
    #: the same object, whose related items are the same (or equal) and site key the same, and
    #: none of whose files changed, keeps its key
    articles: dict = field(default_factory=dict)
    changed: frozenset[str] = frozenset()


@dataclass(frozen=True)
class FileCopy:
    """A file of the portal (``source``, portal-relative) published at ``site_path``.

    ``variant`` says how: ``""`` as it is (images: re-encoded without metadata), ``"w480"`` an
    image scaled to 480 px, ``"w480.webp"`` / ``"webp"`` the same as WebP, ``"docx-image-2"`` the
    second image embedded in a Word file.
    """

    site_path: str
    source: str
    variant: str = ""


@dataclass
class SitePlan:
    """Everything one unit's site is made of, before rendering."""

    pages: list[PageSpec] = field(default_factory=list)
    copies: dict[str, FileCopy] = field(default_factory=dict)
    reused: list[tuple[str, int]] = field(default_factory=list)  # pages kept as they were: (site path, key)
    recent: list[FileCopy] = field(default_factory=list)  # copies asked for since the last page

    def copy(self, site_path: str, source: str, variant: str = "") -> None:
        copy = self.copies.setdefault(site_path, FileCopy(site_path, source, variant))
        self.recent.append(copy)


#: How wide images are shown, for the browser to pick a variant.
BODY_SIZES = "(min-width: 60rem) 46rem, 100vw"
CARD_SIZES = "(min-width: 60rem) 22rem, (min-width: 40rem) 50vw, 100vw"
DEFAULT_WIDTH = 960


def picture_html(image: Mapping[str, Any], lazy: bool = True) -> str:
    """``<picture>`` markup for an image view: WebP sources, the original format as fallback."""
    from html import escape

    parts = ["<picture>"]
    if image["webp_srcset"]:
        parts.append(f'<source type="image/webp" srcset="{escape(image["webp_srcset"])}" '
                     f'sizes="{escape(image["sizes"])}">')
    attrs = [f'src="{escape(image["src"])}"', f'alt="{escape(image["alt"])}"']
    if image["srcset"]:
        attrs += [f'srcset="{escape(image["srcset"])}"', f'sizes="{escape(image["sizes"])}"']
    if image["width"]:
        attrs += [f'width="{image["width"]}"', f'height="{image["height"]}"']
    if lazy:
        attrs.append('loading="lazy"')
    parts.append(f'<img class="pg-image" {" ".join(attrs)}>')
    parts.append("</picture>")
    return "".join(parts)


class _Builder:
    """Builds the plan of one site; holds what every page shares."""

    def __init__(self, tree: SiteTree, site: Site, texts: Mapping[str, Mapping[str, str]],
                 assets: Mapping[str, str], image_size: Callable[[str], tuple[int, int] | None],
                 file_info: Callable[[str, str | None], Any], keys: PageKeys | None = None) -> None:
        self.tree = tree
        self.keys = keys
        self._site_key: int | None = None
        self.file_info = file_info
        self.site = site
        self.texts = texts
        self.assets = assets
        self.image_size = image_size
        self.plan = SitePlan()
        self.today = tree.now.date()
        self.pages_by_kind: dict[tuple[str, str], Page] = {}
        for page in sorted(site.content.pages, key=lambda p: (p.order, p.slug)):
            self.pages_by_kind.setdefault((page.kind, page.lang), page)

    # --- shared parts ------------------------------------------------------------------------

    def t(self, lang: str) -> Mapping[str, str]:
        return self.texts[lang]

    def link(self, here: str, to: str) -> str:
        """A link to a page of this site: relative, or absolute on pages served at any address;
        file names are percent-encoded (``ảnh đẹp.jpg`` → ``%E1%BA%A3nh%20%C4%91%E1%BA%B9p.jpg``)."""
        link = self.absolute(to) if here == urls.NOT_FOUND else urls.relative(here, to)
        return link if link.isascii() and " " not in link else quote(link, safe="/:#?&=+~.,;@!$'()*")

    def link_to(self, here: str, unit_path: str, to: str = "") -> str:
        """A link to a page of another unit's site (or of this one)."""
        if here == urls.NOT_FOUND:
            return self.tree.sites[unit_path].url + to
        return self.tree.link(self.site.path, here, unit_path, to)

    def absolute(self, site_path: str) -> str:
        return self.site.url + site_path

    def nav(self, here: str, lang: str) -> list[dict[str, Any]]:
        t = self.t(lang)
        if lang == "en":
            entries = [(t["home"], urls.ENGLISH)]
            entries += [(page.title, urls.page(page.slug, "en")) for page in self._pages("en")]
            entries.append((t["english"], ""))
        else:
            entries = [(t["home"], "")]
            intro = self.pages_by_kind.get(("introduction", "vi")) or self.pages_by_kind.get(("organisation", "vi"))
            if intro:
                entries.append((t["introduction"], urls.page(intro.slug, "vi")))
            entries += [(t["news"], urls.NEWS), (t["documents"], urls.DOCUMENTS), (t["procedures"], urls.PROCEDURES),
                        (t["schedule"], urls.SCHEDULE)]
            if self.site.consultations:
                entries.append((t["consultations"], urls.CONSULTATIONS))
            if self.site.content.procurement:
                entries.append((t["procurement"], urls.PROCUREMENT))
            if self.site.questions:
                entries.append((t["questions"], urls.QUESTIONS))
            contact = self.pages_by_kind.get(("contact", "vi"))
            if contact:
                entries.append((t["contact"], urls.page(contact.slug, "vi")))
            if self.site.parent is None and self.tree.config.dashboard.enabled and self.tree.config.dashboard.linked:
                entries.append((t["dashboard"], urls.DASHBOARD))
        result = []
        for label, target in entries:
            current = here == target or (target not in ("", urls.ENGLISH) and here.startswith(target))
            result.append({"label": label, "href": self.link(here, target), "current": current})
        return result

    def _pages(self, lang: str) -> list[Page]:
        return sorted((p for p in self.site.content.pages if p.lang == lang), key=lambda p: (p.order, p.slug))

    def crumbs(self, here: str, trail: Iterable[tuple[str, str]], lang: str = "vi") -> list[dict[str, Any]]:
        """Breadcrumbs across sites: every ancestor's home, this site's home, then ``trail``."""
        items = []
        if lang == "vi":
            for ancestor in self.site.ancestors:
                unit = self.tree.sites[ancestor].unit
                items.append({"label": unit.name, "href": self.link_to(here, ancestor),
                              "url": self.tree.sites[ancestor].url})
        home = urls.ENGLISH if lang == "en" else ""
        items.append({"label": self._name(lang), "href": self.link(here, home), "url": self.absolute(home)})
        for label, target in trail:
            items.append({"label": label, "href": self.link(here, target), "url": self.absolute(target)})
        if items:
            items[-1]["href"] = None if not trail or list(trail)[-1][1] == here else items[-1]["href"]
        return items

    def _name(self, lang: str) -> str:
        unit = self.site.unit
        return (unit.name_en or unit.name) if lang == "en" else unit.name

    def layout(self, here: str, title: str, lang: str = "vi", trail: Iterable[tuple[str, str]] = (),
               description: str = "", json_ld: Iterable[Mapping[str, Any]] = ()) -> dict[str, Any]:
        unit = self.site.unit
        t = self.t(lang)
        trail = list(trail)
        crumbs = self.crumbs(here, trail, lang)
        parent = None
        if self.site.parent:
            parent_site = self.tree.sites[self.site.parent]
            parent = {"name": parent_site.unit.name, "href": self.link_to(here, self.site.parent)}
        responsible = unit.responsible
        breadcrumb_ld = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": i + 1, "name": c["label"],
             **({"item": c["url"]} if c["href"] else {})}
            for i, c in enumerate(crumbs)]}
        return {
            "lang": lang, "t": t, "title": title, "here": here,
            "description": description or (unit.description or unit.name),
            "canonical": self.absolute(here if here != urls.NOT_FOUND else ""),
            "site": {"name": self._name(lang), "agency": (unit.agency_en or unit.agency) if lang == "en" else unit.agency,
                     "home": self.link(here, urls.ENGLISH if lang == "en" else ""),
                     "level": self.site.level.title_en if lang == "en" else self.site.level.title},
            "css": self.link(here, self.assets["css"]), "js": self.link(here, self.assets["js"]),
            "icon": self.link(here, self.assets["icon"]),
            "nav": self.nav(here, lang), "crumbs": crumbs if here not in ("", urls.ENGLISH) else [],
            "parent": parent,
            "national": {"label": t["national_portal"], "href": self.tree.config.national_portal_url},
            "switch": {"label": t["english"], "title": t["english_label"],
                       "href": self.link(here, "" if lang == "en" else urls.ENGLISH),
                       "lang": "vi" if lang == "en" else "en"},
            "footer": {
                "address": (unit.contacts.address_en or unit.contacts.address) if lang == "en" else unit.contacts.address,
                "phone": unit.contacts.phone, "fax": unit.contacts.fax, "email": unit.contacts.email,
                "responsible": {"name": responsible.name, "position": responsible.position} if responsible else None,
                "sitemap": self.link(here, urls.SITEMAP), "rss": self.link(here, urls.RSS),
                "data": self.link(here, urls.DATA + "tin-tuc.json"),
            },
            "feeds": {"rss": self.link(here, urls.RSS), "atom": self.link(here, urls.ATOM)},
            "search_href": self.link(here, urls.SEARCH) if lang == "vi" and here != urls.SEARCH else "",
            "json_ld": [breadcrumb_ld, *json_ld] if len(crumbs) > 1 else list(json_ld),
        }

    def add(self, here: str, template: str, context: Mapping[str, Any], key: int | None = None) -> None:
        self.plan.pages.append(PageSpec(here, template, context, key, tuple(self.plan.recent)))
        self.plan.recent.clear()

    # --- keeping unchanged pages -------------------------------------------------------------

    def site_key(self) -> int:
        """A hash of what every page of the site shares: a sample layout, the categories, the agency."""
        if self._site_key is None:
            sample = self.layout(urls.item("news", "-"), "-", trail=[("-", "-")], description="-")
            self._site_key = hash((repr(sample), repr(self.tree.config.news_categories), self.site.unit.agency))
        return self._site_key

    def kept(self, here: str, *parts: Any, key: int | None = None) -> int | None:
        """The key of a page made from ``parts`` (with the site's shared parts), or ``key``; when
        the previous build made it from the same key, it is recorded as kept and None is returned."""
        if self.keys is None:
            return 0
        key = hash((self.site_key(), here, *parts)) if key is None else key
        if self.keys.reusable(here, key):
            self.plan.reused.append((here, key))
            return None
        return key

    def kept_article(self, here: str, item: NewsItem, related: tuple[NewsItem, ...]) -> int | None:
        """:meth:`kept` for a news article, its key taken from the previous build when nothing it is
        made from changed (see ``PageKeys.articles``): the same item, related items that are the
        same (or equal: their cards are then the same), and none of their files changed."""
        assert self.keys is not None
        known = self.keys.articles.get(here)
        site = self.site_key()
        if known is not None and known[0] is item and known[2] == site and known[1] == related \
                and self.keys.changed.isdisjoint(known[3]):
            return self.kept(here, key=known[4])
        key = hash((site, here, item, self.files_of(item), tuple(map(self.card_key, related))))
        paths = self.paths_of(item) + tuple(path for other in related for path in self.paths_of(other, body=False))
        self.keys.articles[here] = (item, related, site, paths, key)
        return self.kept(here, key=key)

    def paths_of(self, item: NewsItem, body: bool = True) -> tuple[str, ...]:
        """The portal files an item's view points to: its image, and for its own page its
        attachments and the local files of its body."""
        refs = [item.image.src] if item.image else []
        if body:
            refs += [ref.file for ref in item.attachments]
            refs += [target for ref in references(item.body) if (target := local_file(ref.target))]
        folder = posixpath.dirname(item.path)
        return tuple(posixpath.normpath(posixpath.join(folder, ref)) for ref in refs)

    def files_of(self, item: NewsItem, body: bool = True) -> tuple[str, ...]:
        """Content hashes of the files of :meth:`paths_of`."""
        assert self.keys is not None
        return tuple(map(self.keys.digest, self.paths_of(item, body)))

    def card_key(self, item: NewsItem) -> int:
        """A hash of what a news card (:func:`_news_card`) shows of an item, with its image file
        (an int: list pages hash the keys of their 20 cards, and a tuple's hash is not cached).
        Kept by item: (the item, the hash, the files it points to)."""
        if self.keys is None:
            return 0
        cards = self.keys.cards
        key = cards.get(id(item))
        if key is None or key[0] is not item:
            key = self.keys.known_cards.get(id(item))
            if key is None or key[0] is not item:
                paths = self.paths_of(item, body=False)
                key = (item, hash((item.path, item.title, item.slug, news_date(item), item.summary, item.category,
                                   item.image, tuple(map(self.keys.digest, paths)))), paths)
            cards[id(item)] = key
        return key[1]

    # --- files and bodies --------------------------------------------------------------------

    def publish_file(self, item_source: str, ref: str, item_dir: str) -> str:
        """Copy a file referenced by an item into the item's folder; returns its site path."""
        source = posixpath.normpath(posixpath.join(posixpath.dirname(item_source), ref))
        target = posixpath.normpath(posixpath.join(item_dir, ref))
        self.plan.copy(target, source)
        return target

    def image(self, here: str, item_source: str, ref: str, item_dir: str, alt: str, caption: str | None = None,
              sizes: str = BODY_SIZES, lazy: bool = True) -> dict[str, Any]:
        """An image view with its responsive variants (scheduled for publication) and markup."""
        source = posixpath.normpath(posixpath.join(posixpath.dirname(item_source), ref))
        target = self.publish_file(item_source, ref, item_dir)
        view = {"src": self.link(here, target), "alt": alt, "caption": caption, "width": None, "height": None,
                "srcset": "", "webp_srcset": "", "sizes": sizes}
        size = self.image_size(source)
        if size is not None:
            width, height = size
            stem, extension = posixpath.splitext(target)
            extension = extension.lower()
            widths = variant_widths(width) if extension != ".gif" else (width,)

            def name(w: int, webp: bool) -> str:
                """``anh.jpg`` → ``anh.w480.jpg``, ``anh.w480.jpg.webp``, ``anh.jpg.webp``: names no
                other file of the folder can have by accident."""
                return f"{stem}{'' if w == width else f'.w{w}'}{extension}{'.webp' if webp else ''}"

            for w in widths:
                if w != width:
                    self.plan.copy(name(w, False), source, f"w{w}")
                if extension not in (".gif", ".webp"):
                    self.plan.copy(name(w, True), source, "webp" if w == width else f"w{w}.webp")
            default = max((w for w in widths if w <= DEFAULT_WIDTH), default=widths[0])
            view.update({
                "width": width, "height": height, "src": self.link(here, name(default, False)),
                "srcset": ", ".join(f"{self.link(here, name(w, False))} {w}w" for w in widths) if len(widths) > 1 else "",
                "webp_srcset": ", ".join(f"{self.link(here, name(w, True))} {w}w" for w in widths)
                if extension not in (".gif", ".webp") else ""})
        view["html"] = picture_html(view, lazy)
        return view

    def body(self, item_source: str, body: str, item_dir: str) -> dict[str, Any]:
        """Rendered Markdown with local files published beside the page and images made responsive."""
        rendered = render_markdown(body)

        for match in _LOCAL_LINK.finditer(rendered.html):
            target = local_file(unescape(match.group("url")))
            if target and posixpath.splitext(target)[1].lower() in FORMATS and not target.endswith("/"):
                self.publish_file(item_source, target, item_dir)   # check made sure it is allowed

        def responsive(match: re.Match) -> str:
            attributes = dict(_ATTRIBUTE.findall(match.group(0)))
            src = local_file(unescape(attributes.get("src", "")))
            if src is None:
                return match.group(0)
            view = self.image(item_dir, item_source, src, item_dir, unescape(attributes.get("alt", "")))
            return view["html"]

        html = _IMG_TAG.sub(responsive, rendered.html)
        return {"html": html, "headings": [{"id": i, "text": text} for i, text in rendered.headings]}

    def file_list(self, here: str, item_source: str, refs, item_dir: str) -> list[dict[str, Any]]:
        """Attachments with name, type and size; Word files also as HTML, with their images."""
        result = []
        for ref in refs:
            target = self.publish_file(item_source, ref.file, item_dir)
            source = posixpath.normpath(posixpath.join(posixpath.dirname(item_source), ref.file))
            info = self.file_info(source, ref.title)
            entry = {"href": self.link(here, target), "name": info.name, "type": info.type_label,
                     "size": info.size, "file": posixpath.basename(ref.file), "pages": info.pages,
                     "scanned": info.scanned, "html": None}
            if info.html:
                entry["html"] = self._docx_images(here, info, source, target)
            result.append(entry)
        return result

    def _docx_images(self, here: str, info, source: str, target: str) -> str:
        """Publish the images of a converted Word file beside it and point the HTML at them."""
        html = info.html
        stem = posixpath.splitext(target)[0]
        for number, (content_type, _alt, width, height) in enumerate(info.images, start=1):
            extension = _WEB_IMAGE_TYPES.get(content_type)
            marker = f'src="@image-{number}"'
            if extension is None or not width:
                html = re.sub(rf'<img [^>]*{re.escape(marker)}[^>]*>', "", html)
                continue
            image_path = f"{stem}-anh-{number}{extension}"
            self.plan.copy(image_path, source, f"docx-image-{number}")
            html = html.replace(marker, f'src="{self.link(here, image_path)}" width="{width}" height="{height}" '
                                        f'loading="lazy"')
        return html


_WEB_IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif"}
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


# --- views of items -----------------------------------------------------------------------------

def _news_card(builder: _Builder, here: str, item: NewsItem, lang: str = "vi") -> dict[str, Any]:
    when = news_date(item)
    card = {"title": item.title, "href": builder.link(here, urls.item("news", item.slug)),
            "date": vn.format_date(when.date()), "datetime": when.date().isoformat(), "summary": item.summary,
            "category": builder.tree.config.news_categories.get(item.category, item.category),
            "category_href": builder.link(here, urls.news_category(item.category)), "image": None}
    if item.image:
        card["image"] = builder.image(here, item.path, item.image.src, urls.item("news", item.slug), item.image.alt,
                                      sizes=CARD_SIZES)
    return card


def _document_row(builder: _Builder, here: str, doc: Document) -> dict[str, Any]:
    return {"number": doc.number, "href": builder.link(here, urls.item("documents", doc.slug)), "type": doc.type,
            "issuer": doc.issuer, "date": vn.format_date(doc.issue_date), "datetime": doc.issue_date.isoformat(),
            "summary": doc.summary, "status": doc.status}


def _pages_of(items: list, per_page: int) -> list[list]:
    """Numbered list pages from the oldest: page 1 holds the oldest items (a new item changes only
    the last page and the index)."""
    oldest_first = list(reversed(items))
    return [list(reversed(oldest_first[i:i + per_page])) for i in range(0, len(oldest_first), per_page)]


def _page_window(count: int, number: int | None, around: int = 2) -> list[int]:
    """Page numbers a list page links to, newest first: the first page and those near the current
    one (every page when there are few) — not every page of a long list.  A numbered page far from
    the end does not link to the last page, so a new item leaves it unchanged (the "newest" link
    leads to the section index)."""
    if count <= 2 * around + 5:
        return list(range(count, 0, -1))
    current = number or count
    wanted = {1} | {n for n in range(current - around, current + around + 1) if 1 <= n <= count}
    return sorted(wanted, reverse=True)


def _paginated(builder: _Builder, base: str, items: list, per_page: int, title: str, trail, template: str,
               row: Callable[[str, Any], dict], extra: Callable[[str], dict] | None = None,
               card: Callable[[Any], tuple] | None = None, extra_key: Any = None) -> None:
    """The section index (newest items) plus numbered pages from the oldest.  With ``card`` (what
    a row shows of an item) and ``extra_key`` (what ``extra`` shows), a page made from the same as
    in the previous build is kept."""
    chunks = _pages_of(items, per_page)
    count = len(chunks)
    t = builder.t("vi")
    targets = [(None, items[:per_page])] + [(n, chunk) for n, chunk in enumerate(chunks, 1)] if count > 1 \
        else [(None, items)]
    for number, chunk in targets:
        here = urls.list_page(base, number)
        key = builder.kept(here, template, title, tuple(trail), count, len(items), tuple(map(card, chunk)),
                           extra_key) if card is not None else 0
        if key is None:
            continue
        links = [{"label": t["newest"], "href": builder.link(here, base), "current": number is None}]
        links += [{"label": str(n), "href": builder.link(here, urls.list_page(base, n)), "current": n == number}
                  for n in _page_window(count, number)] if count > 1 else []
        page_title = title if number is None else f"{title} – {t['page_n'].format(n=number)}"
        page_trail = list(trail) + ([(t["page_n"].format(n=number), here)] if number else [])
        context = builder.layout(here, page_title, trail=page_trail)
        context.update({"items": [row(here, i) for i in chunk], "pagination": links if count > 1 else [],
                        "total": len(items), "heading": page_title})
        if extra:
            context.update(extra(here))
        builder.add(here, template, context, key if card is not None else None)


# --- sections -----------------------------------------------------------------------------------

def _home(b: _Builder) -> None:
    site, t, here = b.site, b.t("vi"), ""
    unit = site.unit
    featured = [n for n in site.news if n.featured][:3]
    latest = [n for n in site.news if n not in featured][:HOME_NEWS]
    week = vn.week_of(b.today)
    schedule = next((s for s in site.schedules if s.week == week), None)
    context = b.layout(here, unit.name, json_ld=[{
        "@context": "https://schema.org", "@type": "GovernmentOrganization", "name": unit.agency,
        "alternateName": unit.name, "url": site.url, "email": unit.contacts.email, "telephone": unit.contacts.phone,
        "address": unit.contacts.address,
        **({"parentOrganization": {"@type": "GovernmentOrganization",
                                   "name": b.tree.sites[site.parent].unit.agency,
                                   "url": b.tree.sites[site.parent].url}} if site.parent else {})}])
    context.update({
        "unit": {"name": unit.name, "agency": unit.agency, "description": unit.description, "code": unit.code},
        "featured": [_news_card(b, here, n) for n in featured],
        "latest": [_news_card(b, here, n) for n in latest],
        "documents": [_document_row(b, here, d) for d in _documents_sorted(site)[:HOME_DOCUMENTS]],
        "schedule": _schedule_view(b, here, schedule) if schedule else None,
        "schedule_href": b.link(here, urls.SCHEDULE),
        "consultations": [_consultation_card(b, here, c) for c in site.consultations
                          if consultation_open(c, b.today)],
        "quick_links": [
            {"label": t["procedures"], "href": b.link(here, urls.PROCEDURES)},
            {"label": t["documents"], "href": b.link(here, urls.DOCUMENTS)},
            {"label": t["national_portal"], "href": b.tree.config.national_portal_url},
            *([{"label": t["children"], "href": b.link(here, urls.CHILDREN)}] if site.children else []),
        ],
        "from_units": [{**_news_card_other(b, here, path, item)} for path, item in site.from_units],
        "children": _children(b, here),
        "all_news": b.link(here, urls.NEWS), "all_documents": b.link(here, urls.DOCUMENTS),
    })
    b.add(here, "home.html", context)


def _news_card_other(b: _Builder, here: str, unit_path: str, item: NewsItem) -> dict[str, Any]:
    when = news_date(item)
    return {"title": item.title, "unit": b.tree.sites[unit_path].unit.name,
            "href": b.link_to(here, unit_path, urls.item("news", item.slug)),
            "date": vn.format_date(when.date()), "datetime": when.date().isoformat()}


def _children(b: _Builder, here: str) -> list[dict[str, Any]]:
    result = []
    for path in b.site.children:
        child = b.tree.sites[path]
        result.append({"name": child.unit.name, "href": b.link_to(here, path),
                       "level": child.level.title, "code": child.unit.code,
                       "phone": child.unit.contacts.phone, "email": child.unit.contacts.email,
                       "address": child.unit.contacts.address})
    return result


def _news_lists(b: _Builder) -> None:
    """The news index, category and year archives, paginated."""
    site, t = b.site, b.t("vi")
    news = list(site.news)
    categories = b.tree.config.news_categories
    by_category: dict[str, list[NewsItem]] = {}
    by_year: dict[int, list[NewsItem]] = {}
    for item in news:  # one pass, each list newest first as the site's news
        by_category.setdefault(item.category, []).append(item)
        by_year.setdefault(news_date(item).year, []).append(item)

    years = sorted(by_year, reverse=True)
    used = [k for k in categories if k in by_category]

    def facets(here: str) -> dict:
        return {"categories": [{"label": categories[k], "href": b.link(here, urls.news_category(k))} for k in used],
                "years": [{"label": str(y), "href": b.link(here, urls.news_year(y))} for y in years],
                "rss": b.link(here, urls.RSS)}

    row = lambda here, n: _news_card(b, here, n)  # noqa: E731
    shown = (tuple(used), tuple(years))
    _paginated(b, urls.NEWS, news, NEWS_PER_PAGE, t["news"], [(t["news"], urls.NEWS)], "news_list.html", row, facets,
               b.card_key, shown)
    for key in used:
        base, label = urls.news_category(key), categories[key]
        _paginated(b, base, by_category[key], NEWS_PER_PAGE, label, [(t["news"], urls.NEWS), (label, base)],
                   "news_list.html", row, facets, b.card_key, shown)
    for year, items in sorted(by_year.items()):
        base = urls.news_year(year)
        label = t["archive_year"].format(year=year)
        _paginated(b, base, items, NEWS_PER_PAGE, f"{t['news']} – {label}",
                   [(t["news"], urls.NEWS), (label, base)], "news_list.html", row, facets, b.card_key, shown)


_Numbers = tuple[list[int], Mapping[int, int]]  # the numbers of a list's items, and number → place in it


@dataclass(frozen=True)
class _Groups:
    """A site's news lists by category and by tag, as item numbers (places in the site's news,
    newest first), and the related items' numbers found so far.  All of it depends only on the
    news's *shape* — each item's category and tags, in order — so a rebuild after an edit that
    keeps the shape (a body, a title) reuses it."""

    by_category: Mapping[str, _Numbers]
    by_tag: Mapping[str, _Numbers]
    related: dict[int, tuple[int, ...]]  # item number → its related items' numbers, as found


_BY_SHAPE: dict[tuple, _Groups] = {}  # the groups of the last few shapes, in this process
_BY_NEWS: list[tuple[tuple[NewsItem, ...], _Groups]] = []  # the last few sites' news: the parts of one site share them


def _groups(news: tuple[NewsItem, ...]) -> _Groups:
    found = next((groups for known, groups in _BY_NEWS if known is news), None)
    if found is not None:
        return found
    shape = tuple((item.category, item.tags) for item in news)
    found = _BY_SHAPE.pop(shape, None)
    if found is None:
        by_category: dict[str, list[int]] = {}
        by_tag: dict[str, list[int]] = {}
        for number, (category, tags) in enumerate(shape):
            by_category.setdefault(category, []).append(number)
            for tag in tags:
                by_tag.setdefault(tag, []).append(number)
        found = _Groups({name: _numbered(numbers) for name, numbers in by_category.items()},
                        {name: _numbered(numbers) for name, numbers in by_tag.items()}, {})
    _BY_SHAPE[shape] = found
    while len(_BY_SHAPE) > 4:
        del _BY_SHAPE[next(iter(_BY_SHAPE))]
    _BY_NEWS[:] = [(news, found), *_BY_NEWS[:3]]
    return found


def _numbered(numbers: list[int]) -> _Numbers:
    return numbers, {number: place for place, number in enumerate(numbers)}


def _news_items(b: _Builder, start: int = 0, stop: int | None = None) -> None:
    """The pages of the news articles ``start:stop`` (newest first), with their related news."""
    news = b.site.news
    grouped = _groups(news)
    known = grouped.related
    for number in range(start, len(news) if stop is None else min(stop, len(news))):
        item = news[number]
        found = known.get(number)
        if found is None:
            lists = [grouped.by_category[item.category]] + [grouped.by_tag[tag] for tag in dict.fromkeys(item.tags)]
            found = known[number] = _related(number, lists)
        related = tuple(map(news.__getitem__, found))
        key = b.kept_article(urls.item("news", item.slug), item, related) if b.keys is not None else None
        if b.keys is None or key is not None:
            _news_item(b, item, related, key)


def _related(mine: int, lists: list[_Numbers]) -> tuple[int, ...]:
    """The numbers of the items sharing item ``mine``'s category or a tag, nearest in time: in
    each of its lists (newest first) the few just before and after it.  A new item so changes the
    related news of only the items next to it, not of its whole category."""
    # nearest first, the newer (earlier in the list) of two as near: rank 2 × distance, less 1 when newer
    nearest: dict[int, int] = {}
    for numbers, places in lists:
        place = places[mine]
        for at in numbers[max(0, place - RELATED):place + RELATED + 1]:
            if at != mine:
                nearest[2 * (at - mine) if at > mine else 2 * (mine - at) - 1] = at
    return tuple(nearest[rank] for rank in sorted(nearest)[:RELATED])


def _news_item(b: _Builder, item: NewsItem, related: tuple[NewsItem, ...], key: int | None = None) -> None:
    t = b.t("vi")
    here = urls.item("news", item.slug)
    when = news_date(item)
    context = b.layout(here, item.title, trail=[(t["news"], urls.NEWS), (item.title, here)],
                       description=item.summary, json_ld=[{
                           "@context": "https://schema.org", "@type": "NewsArticle", "headline": item.title,
                           "datePublished": when.isoformat(), "author": {"@type": "Person", "name": item.author},
                           "publisher": {"@type": "GovernmentOrganization", "name": b.site.unit.agency},
                           "description": item.summary, "mainEntityOfPage": b.absolute(here)}])
    context.update({
        "item": {"title": item.title, "summary": item.summary, "date": vn.format_long_date(when.date()),
                 "datetime": when.isoformat(), "time": vn.format_datetime(when), "author": item.author,
                 "approved_by": item.approved_by, "source": item.source, "tags": list(item.tags),
                 "category": b.tree.config.news_categories.get(item.category, item.category),
                 "category_href": b.link(here, urls.news_category(item.category))},
        "image": b.image(here, item.path, item.image.src, here, item.image.alt, item.image.caption, lazy=False)
        if item.image else None,
        "body": b.body(item.path, item.body, here),
        "attachments": b.file_list(here, item.path, item.attachments, here),
        "related": [_news_card(b, here, n) for n in related],
    })
    b.add(here, "news_item.html", context, key)


def _documents_sorted(site: Site) -> list[Document]:
    return sorted(site.content.documents, key=lambda d: (d.issue_date, d.slug), reverse=True)


def _documents(b: _Builder) -> None:
    t = b.t("vi")
    docs = _documents_sorted(b.site)
    # One list page per facet *address*: values that differ only in case or tone marks share it.
    facet_values: dict[str, list[tuple[str, str]]] = {}
    for facet in ("type", "issuer", "field", "year"):
        by_slug: dict[str, str] = {}
        for value in sorted((v for v in (_facet_value(d, facet) for d in docs) if v), key=vn.sort_key):
            by_slug.setdefault(urls.document_facet(facet, value), value)
        ordered = sorted(by_slug.items(), key=lambda kv: vn.sort_key(kv[1]), reverse=facet == "year")
        facet_values[facet] = ordered
    labels = {"type": t["by_type"], "issuer": t["by_issuer"], "field": t["by_field"], "year": t["doc_year"]}

    def facets(here: str) -> dict:
        groups = [{"label": labels[f], "values": [{"label": label, "href": b.link(here, address),
                                                   "current": here.startswith(address)}
                                                  for address, label in values]}
                  for f, values in facet_values.items() if values]
        return {"facets": groups, "all_href": b.link(here, urls.DOCUMENTS)}

    row = lambda here, d: _document_row(b, here, d)  # noqa: E731
    _paginated(b, urls.DOCUMENTS, docs, DOCUMENTS_PER_PAGE, t["documents"], [(t["documents"], urls.DOCUMENTS)],
               "documents_list.html", row, facets)
    for facet, values in facet_values.items():
        for base, value in values:
            items = [d for d in docs if _facet_value(d, facet) and urls.document_facet(facet, _facet_value(d, facet)) == base]
            _paginated(b, base, items, DOCUMENTS_PER_PAGE, f"{t['documents']}: {value}",
                       [(t["documents"], urls.DOCUMENTS), (value, base)], "documents_list.html", row, facets)
    for doc in docs:
        here = urls.item("documents", doc.slug)
        context = b.layout(here, f"{doc.type} {doc.number}", trail=[(t["documents"], urls.DOCUMENTS), (doc.number, here)],
                           description=doc.summary, json_ld=[{
                               "@context": "https://schema.org", "@type": "Legislation", "name": doc.summary,
                               "legislationIdentifier": doc.number, "legislationType": doc.type,
                               "legislationDate": doc.issue_date.isoformat(),
                               "legislationPassedBy": {"@type": "GovernmentOrganization", "name": doc.issuer},
                               **({"legislationLegalForce": "InForce"} if doc.status == "Còn hiệu lực" else {})}])
        context.update({"doc": {
            "number": doc.number, "type": doc.type, "issuer": doc.issuer, "summary": doc.summary,
            "issue_date": vn.format_date(doc.issue_date),
            "effective_date": vn.format_date(doc.effective_date) if doc.effective_date else None,
            "expiry_date": vn.format_date(doc.expiry_date) if doc.expiry_date else None,
            "signer": ", ".join(x for x in (doc.signer_position, doc.signer) if x) or None,
            "field": doc.field, "status": doc.status, "normative": doc.normative,
            "replaces": list(doc.replaces), "replaced_by": doc.replaced_by,
            "type_href": b.link(here, urls.document_facet("type", doc.type)),
            "issuer_href": b.link(here, urls.document_facet("issuer", doc.issuer))},
            "files": b.file_list(here, doc.path, doc.files, here)})
        b.add(here, "document_item.html", context)


def _facet_value(doc: Document, facet: str) -> str | None:
    return str(doc.issue_date.year) if facet == "year" else getattr(doc, facet)


def _procedures(b: _Builder) -> None:
    t = b.t("vi")
    here = urls.PROCEDURES
    groups: dict[str, list[Procedure]] = {}
    for procedure in b.site.procedures:
        groups.setdefault(procedure.field, []).append(procedure)
    context = b.layout(here, t["procedures"], trail=[(t["procedures"], here)])
    context.update({"groups": [{"field": name, "id": vn.slugify(name) or "khac", "items": [
        {"name": p.name, "code": p.code, "href": b.link(here, urls.item("procedures", p.slug)),
         "online": t.get(f"online_{p.online_level}") if p.online_level else None} for p in items]}
        for name, items in groups.items()],
        "national": {"label": t["national_portal"], "href": b.tree.config.national_portal_url}})
    b.add(here, "procedures_list.html", context)
    for p in b.site.procedures:
        page = urls.item("procedures", p.slug)
        context = b.layout(page, p.name, trail=[(t["procedures"], here), (p.name, page)], json_ld=[{
            "@context": "https://schema.org", "@type": "GovernmentService", "name": p.name, "identifier": p.code,
            "serviceType": p.field, "provider": {"@type": "GovernmentOrganization", "name": p.agency},
            **({"availableChannel": {"@type": "ServiceChannel", "serviceUrl": p.online_url}} if p.online_url else {})}])
        context.update({"p": {
            "name": p.name, "code": p.code, "field": p.field, "implementing_level": p.implementing_level,
            "steps": list(p.steps), "processing_time": p.processing_time, "applicants": p.applicants,
            "agency": p.agency, "agency_address": p.agency_address, "result": p.result,
            "requirements": p.requirements, "fees": p.fees, "legal_basis": list(p.legal_basis),
            "decision": p.decision, "online_url": p.online_url,
            "online_level": t.get(f"online_{p.online_level}") if p.online_level else None,
            "methods": [{"method": t[f"method_{m.method}"], "processing_time": m.processing_time, "fee": m.fee,
                         "note": m.note} for m in p.methods],
            "dossier": [{"name": d.name, "copies": d.copies, "original": d.original, "form": d.form}
                        for d in p.dossier]}})
        b.add(page, "procedure_item.html", context)


def _schedule_view(b: _Builder, here: str, schedule) -> dict[str, Any]:
    t = b.t("vi")
    monday, sunday = vn.parse_week(schedule.week)
    days = []
    for entry in sorted(schedule.entries, key=lambda e: (e.date, _SESSION_ORDER.get(e.session, 9), e.time or "")):
        if not days or days[-1]["iso"] != entry.date.isoformat():
            days.append({"iso": entry.date.isoformat(), "label": vn.format_long_date(entry.date), "entries": []})
        days[-1]["entries"].append({"session": t[f"session_{entry.session}"], "time": entry.time,
                                    "leader": entry.leader, "content": entry.content, "place": entry.place,
                                    "participants": entry.participants, "prepared_by": entry.prepared_by})
    return {"week": schedule.week, "number": int(schedule.week.split("W")[1]),
            "from": vn.format_date(monday), "to": vn.format_date(sunday), "days": days, "note": schedule.note,
            "href": b.link(here, urls.schedule_week(schedule.week))}


_SESSION_ORDER = {"ca-ngay": 0, "sang": 1, "chieu": 2, "toi": 3}


def _schedule(b: _Builder) -> None:
    t = b.t("vi")
    here = urls.SCHEDULE
    week = vn.week_of(b.today)
    schedules = b.site.schedules
    current = next((s for s in schedules if s.week == week), None)
    archive = [{"label": f"{t['week']} {int(s.week.split('W')[1])}/{s.week[:4]} ({_week_range(s.week)})",
                "href": b.link(here, urls.schedule_week(s.week))} for s in schedules]
    context = b.layout(here, t["schedule"], trail=[(t["schedule"], here)])
    context.update({"schedule": _schedule_view(b, here, current) if current else None, "archive": archive,
                    "heading": t["this_week"]})
    b.add(here, "schedule.html", context)
    for schedule in schedules:
        page = urls.schedule_week(schedule.week)
        view = _schedule_view(b, page, schedule)
        title = f"{t['schedule']} – {t['week']} {view['number']}/{schedule.week[:4]}"
        context = b.layout(page, title, trail=[(t["schedule"], here), (schedule.week, page)])
        context.update({"schedule": view, "archive": [], "heading": title})
        b.add(page, "schedule.html", context)


def _week_range(week: str) -> str:
    monday, sunday = vn.parse_week(week)
    return f"{vn.format_date(monday)} – {vn.format_date(sunday)}"


def _consultation_card(b: _Builder, here: str, item) -> dict[str, Any]:
    t = b.t("vi")
    if b.today < item.opens:
        state, countdown = "upcoming", t["not_open_yet"]
    elif b.today > item.closes:
        state, countdown = "closed", t["closed"]
    else:
        left = (item.closes - b.today).days
        state, countdown = "open", (t["last_day"] if left == 0 else t["days_left"].format(n=left))
    return {"title": item.title, "summary": item.summary, "href": b.link(here, urls.item("consultations", item.slug)),
            "opens": vn.format_date(item.opens), "closes": vn.format_date(item.closes), "state": state,
            "countdown": countdown, "lead_agency": item.lead_agency}


def _consultations(b: _Builder) -> None:
    if not b.site.consultations:
        return
    t = b.t("vi")
    here = urls.CONSULTATIONS
    cards = [(c, _consultation_card(b, here, c)) for c in b.site.consultations]
    context = b.layout(here, t["consultations"], trail=[(t["consultations"], here)])
    context.update({"open": [card for _, card in cards if card["state"] != "closed"],
                    "closed": [card for _, card in cards if card["state"] == "closed"]})
    b.add(here, "consultations_list.html", context)
    for item in b.site.consultations:
        page = urls.item("consultations", item.slug)
        context = b.layout(page, item.title, trail=[(t["consultations"], here), (item.title, page)],
                           description=item.summary)
        context.update({"consultation": {**_consultation_card(b, page, item), "document_type": item.document_type,
                              "comment_email": item.comment_email, "comment_address": item.comment_address},
                        "body": b.body(item.path, item.body, page),
                        "files": b.file_list(page, item.path, item.files, page)})
        b.add(page, "consultation_item.html", context)


def _procurement(b: _Builder) -> None:
    if not b.site.content.procurement:
        return
    t = b.t("vi")
    here = urls.PROCUREMENT
    items = sorted(b.site.content.procurement, key=lambda p: (p.date, p.slug), reverse=True)

    def card(page: str, p) -> dict[str, Any]:
        return {"title": p.title, "href": b.link(page, urls.item("procurement", p.slug)), "date": vn.format_date(p.date),
                "datetime": p.date.isoformat(), "kind": t[f"kind_{p.kind}"], "investor": p.investor,
                "summary": p.summary, "package": p.package, "budget": p.budget,
                "deadline": vn.format_datetime(p.deadline) if p.deadline else None}

    context = b.layout(here, t["procurement"], trail=[(t["procurement"], here)])
    context.update({"items": [card(here, p) for p in items]})
    b.add(here, "procurement_list.html", context)
    for p in items:
        page = urls.item("procurement", p.slug)
        context = b.layout(page, p.title, trail=[(t["procurement"], here), (p.title, page)])
        context.update({"p": card(page, p), "body": b.body(p.path, p.body, page),
                        "files": b.file_list(page, p.path, p.files, page)})
        b.add(page, "procurement_item.html", context)


def _questions(b: _Builder) -> None:
    if not b.site.questions:
        return
    t = b.t("vi")
    here = urls.QUESTIONS
    context = b.layout(here, t["questions"], trail=[(t["questions"], here)])
    context.update({"items": [{"id": q.slug, "question": q.question, "answer": q.answer, "field": q.field,
                               "asked": vn.format_date(q.asked), "answered": vn.format_date(q.answered),
                               "answered_by": q.answered_by} for q in b.site.questions]})
    b.add(here, "questions.html", context)


def _pages(b: _Builder) -> None:
    unit = b.site.unit
    for page in b.site.content.pages:
        t = b.t(page.lang)
        here = urls.page(page.slug, page.lang)
        trail = [(page.title, here)]
        context = b.layout(here, page.title, lang=page.lang, trail=trail, description=page.summary or "")
        people = lambda persons: [{"name": p.name, "position": p.position, "unit": p.unit,  # noqa: E731
                                   "responsibilities": p.responsibilities, "phone": p.phone, "email": p.email}
                                  for p in persons]
        context.update({
            "page": {"title": page.title, "summary": page.summary, "kind": page.kind,
                     "updated": vn.format_date(page.updated) if page.updated else None},
            "body": b.body(page.path, page.body, here),
            "leaders": people(unit.leaders) if page.kind == "organisation" else [],
            "contacts": {"address": unit.contacts.address_en or unit.contacts.address if page.lang == "en"
                         else unit.contacts.address, "phone": unit.contacts.phone, "fax": unit.contacts.fax,
                         "email": unit.contacts.email, "working_hours": unit.contacts.working_hours}
            if page.kind == "contact" else None,
            "focal_officials": people(unit.focal_officials) if page.kind == "contact" else [],
            "children": _children(b, here) if page.kind == "organisation" and page.lang == "vi" else [],
            "t": t,
        })
        b.add(here, "page.html", context)


def _english_home(b: _Builder) -> None:
    here = urls.ENGLISH
    unit = b.site.unit
    context = b.layout(here, unit.name_en or unit.name, lang="en")
    context.update({"pages": [{"title": p.title, "summary": p.summary, "href": b.link(here, urls.page(p.slug, "en"))}
                              for p in b._pages("en")],
                    "unit": {"name": unit.name_en or unit.name, "agency": unit.agency_en or unit.agency}})
    b.add(here, "english_home.html", context)


def _children_page(b: _Builder) -> None:
    if not b.site.children:
        return
    t = b.t("vi")
    here = urls.CHILDREN
    context = b.layout(here, t["children"], trail=[(t["children"], here)])
    context.update({"children": _children(b, here)})
    b.add(here, "children.html", context)


def _sitemap(b: _Builder) -> None:
    t = b.t("vi")
    here = urls.SITEMAP
    sections = [(t["news"], urls.NEWS), (t["documents"], urls.DOCUMENTS), (t["procedures"], urls.PROCEDURES),
                (t["schedule"], urls.SCHEDULE)]
    if b.site.consultations:
        sections.append((t["consultations"], urls.CONSULTATIONS))
    if b.site.content.procurement:
        sections.append((t["procurement"], urls.PROCUREMENT))
    if b.site.questions:
        sections.append((t["questions"], urls.QUESTIONS))
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
        "children": _children(b, here),
        "parent": ({"name": b.tree.sites[b.site.parent].unit.name,
                    "href": b.link_to(here, b.site.parent)} if b.site.parent else None),
        "feed_links": [{"label": "RSS 2.0", "href": b.link(here, urls.RSS)}, {"label": "Atom", "href": b.link(here, urls.ATOM)}],
        "data": [{"label": name, "href": b.link(here, urls.DATA + name)} for name in DATA_FILES],
    })
    b.add(here, "sitemap.html", context)


DATA_FILES = ("tin-tuc.json", "van-ban.json", "thu-tuc.json", "lich-cong-tac.json")


def _search(b: _Builder) -> None:
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
                                            "kind_news", "kind_document", "kind_procedure", "kind_page")},
    })
    b.add(here, "search.html", context)


def _not_found(b: _Builder) -> None:
    """The 404 page may be served at any address, so its links are absolute (see ``_Builder.link``)."""
    t = b.t("vi")
    here = urls.NOT_FOUND
    context = b.layout(here, t["not_found_title"])
    context.update({"home_href": b.link(here, ""), "sitemap_href": b.link(here, urls.SITEMAP)})
    b.add(here, "404.html", context)


#: The steps that plan a site, in the order of its pages.
STEPS: dict[str, Callable[[_Builder], None]] = {
    "home": _home, "news-lists": _news_lists, "news-items": _news_items, "documents": _documents,
    "procedures": _procedures, "schedule": _schedule, "consultations": _consultations, "procurement": _procurement,
    "questions": _questions, "pages": _pages, "english-home": _english_home, "children": _children_page,
    "sitemap": _sitemap, "search": _search, "not-found": _not_found}
#: News articles planned together: the parts of a large site can be planned in parallel.
NEWS_ITEMS_PER_PART = 500


@dataclass(frozen=True)
class PlanPart:
    """One independent part of a site's plan: a step, and for news articles a slice of them."""

    step: str
    start: int = 0
    stop: int | None = None


def plan_parts(site: Site) -> list[PlanPart]:
    """A site's plan cut into parts that can run in any process, in the order of its pages."""
    parts = []
    for step in STEPS:
        if step == "news-items":
            parts += [PlanPart(step, start, start + NEWS_ITEMS_PER_PART)
                      for start in range(0, len(site.news), NEWS_ITEMS_PER_PART)]
        else:
            parts.append(PlanPart(step))
    return parts


def plan_part(tree: SiteTree, site: Site, part: PlanPart, texts: Mapping[str, Mapping[str, str]],
              assets: Mapping[str, str], image_size: Callable[[str], tuple[int, int] | None],
              file_info: Callable[[str, str | None], Any], keys: PageKeys | None = None) -> SitePlan:
    """The pages and files of one part of a unit's site.

    ``image_size`` and ``file_info`` read a portal file's dimensions and download metadata; with
    ``keys``, news articles and news lists made from the same as in the previous build are not
    planned again but listed in ``SitePlan.reused``.
    """
    builder = _Builder(tree, site, texts, assets, image_size, file_info, keys)
    if part.step == "news-items":
        _news_items(builder, part.start, part.stop)
    else:
        STEPS[part.step](builder)
    return builder.plan
