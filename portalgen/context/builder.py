"""The page builder of one site: it holds what every page shares (:class:`Layout`), places
images and files (:class:`Media`), keeps unchanged pages (:class:`Keys`), and adds pages to the
plan, one at a time or as paginated lists."""

from __future__ import annotations

from typing import Any, Callable, Mapping

from .. import policy, urls
from ..model import Page
from ..resolve import Site, SiteTree
from .keys import Keys
from .layout import Layout
from .media import CARD_SIZES, THUMB_SIZES, Media
from .plan import PageKeys, PageSpec, PlanMemo, SitePlan


def pages_of(items: list, per_page: int) -> list[list]:
    """Numbered list pages from the oldest: page 1 holds the oldest items (a new item changes only
    the last page and the index)."""
    oldest_first = list(reversed(items))
    return [list(reversed(oldest_first[i:i + per_page])) for i in range(0, len(oldest_first), per_page)]


def page_window(count: int, number: int | None, around: int = 2) -> list[int]:
    """Page numbers a list page links to, newest first: the first page and those near the current
    one (every page when there are few) — not every page of a long list.  A numbered page far from
    the end does not link to the last page, so a new item leaves it unchanged (the "newest" link
    leads to the section index)."""
    if count <= 2 * around + 5:
        return list(range(count, 0, -1))
    current = number or count
    wanted = {1} | {n for n in range(current - around, current + around + 1) if 1 <= n <= count}
    return sorted(wanted, reverse=True)


class Builder(Layout, Media, Keys):
    """Builds the plan of one site; holds what every page shares."""

    CARD_SIZES = CARD_SIZES
    THUMB_SIZES = THUMB_SIZES

    def __init__(self, tree: SiteTree, site: Site, texts: Mapping[str, Mapping[str, str]],
                 assets: Mapping[str, str], image_size: Callable[[str], tuple[int, int] | None],
                 file_info: Callable[[str, str | None], Any], keys: PageKeys | None, memo: PlanMemo) -> None:
        self.tree = tree
        self.keys = keys
        self.memo = memo
        self._site_key = None
        self.file_info = file_info
        self.site = site
        self.texts = texts
        self.assets = assets
        self.page_policy = policy.content_security_policy(
            policy.image_origins(site.url, tree.urls), meta=True)
        self.image_size = image_size
        self.plan = SitePlan()
        self.today = tree.now.date()
        self.pages_by_kind: dict[tuple[str, str], Page] = {}
        for page in sorted(site.content.pages, key=lambda p: (p.order, p.slug)):
            self.pages_by_kind.setdefault((page.kind, page.lang), page)

    def t(self, lang: str) -> Mapping[str, str]:
        return self.texts[lang]

    def add(self, here: str, template: str, context: Mapping[str, Any], key: int | None = None) -> None:
        """A page of the plan, with the files asked for since the previous page."""
        self.plan.pages.append(PageSpec(here, template, context, key, tuple(self.plan.recent)))
        self.plan.recent.clear()

    def children(self, here: str) -> list[dict[str, Any]]:
        """The units below this one, with their contacts."""
        result = []
        for path in self.site.children:
            child = self.tree.sites[path]
            result.append({"name": child.unit.name, "href": self.link_to(here, path),
                           "level": child.level.title, "code": child.unit.code,
                           "phone": child.unit.contacts.phone, "email": child.unit.contacts.email,
                           "address": child.unit.contacts.address})
        return result

    def paginated(self, base: str, items: list, per_page: int, title: str, trail, template: str,
                  row: Callable[[str, Any], dict], extra: Callable[[str], dict] | None = None,
                  card: Callable[[Any], Any] | None = None, extra_key: Any = None) -> None:
        """The section index (newest items) plus numbered pages from the oldest.  With ``card`` (what
        a row shows of an item) and ``extra_key`` (what ``extra`` shows), a page made from the same as
        in the previous build is kept."""
        chunks = pages_of(items, per_page)
        count = len(chunks)
        t = self.t("vi")
        targets = [(None, items[:per_page])] + [(n, chunk) for n, chunk in enumerate(chunks, 1)] if count > 1 \
            else [(None, items)]
        for number, chunk in targets:
            here = urls.list_page(base, number)
            key = self.kept(here, template, title, tuple(trail), count, len(items), tuple(map(card, chunk)),
                               extra_key) if card is not None else 0
            if key is None:
                continue
            links = [{"label": t["newest"], "href": self.link(here, base), "current": number is None}]
            links += [{"label": str(n), "href": self.link(here, urls.list_page(base, n)), "current": n == number}
                      for n in page_window(count, number)] if count > 1 else []
            page_title = title if number is None else f"{title} – {t['page_n'].format(n=number)}"
            page_trail = list(trail) + ([(t["page_n"].format(n=number), here)] if number else [])
            context = self.layout(here, page_title, trail=page_trail)
            context.update({"items": [row(here, i) for i in chunk], "pagination": links if count > 1 else [],
                            "total": len(items), "heading": page_title})
            if extra:
                context.update(extra(here))
            self.add(here, template, context, key if card is not None else None)
