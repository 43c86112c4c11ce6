"""Keeping unchanged pages: what a news article or a news list page is made from, as a key, so
that a preview rebuild renders again only the pages whose key changed (:class:`Keys`, a part of
the page builder; see :class:`~.plan.PageKeys`)."""

from __future__ import annotations

import posixpath
from typing import Any

from .. import urls
from ..content_types.news import card_content
from ..markup import local_file, references
from ..model import NewsItem
from ..resolve import Site, SiteTree
from ..stablekey import stable_hash
from .plan import PageKeys, SitePlan


class Keys:
    """Page keys; the builder sets the attributes below."""

    tree: SiteTree
    site: Site
    plan: SitePlan
    keys: PageKeys | None
    _site_key: int | None

    def layout(self, here: str, title: str, lang: str = "vi", trail: Any = (), description: str = "",
               json_ld: Any = ()) -> dict[str, Any]:
        raise NotImplementedError

    def site_key(self) -> int:
        """A hash of what every page of the site shares: a sample layout, the categories, the agency."""
        if self._site_key is None:
            sample = self.layout(urls.item("news", "-"), "-", trail=[("-", "-")], description="-")
            self._site_key = stable_hash((sample, self.tree.config.news_categories, self.site.unit.agency))
        return self._site_key

    def kept(self, here: str, *parts: Any, key: int | None = None) -> int | None:
        """The key of a page made from ``parts`` (with the site's shared parts), or ``key``; when
        the previous build made it from the same key, it is recorded as kept and None is returned."""
        if self.keys is None:
            return 0
        key = stable_hash((self.site_key(), here, *parts)) if key is None else key
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
        own = self.paths_of(item)
        cards = tuple(map(self.card_key, related))
        key = stable_hash((site, here, self.keys.identity(item), tuple(map(self.keys.digest, own)), cards))
        paths = own + tuple(path for other in related for path in self.keys.cards[id(other)][2])
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
                key = (item, stable_hash((*card_content(item), tuple(map(self.keys.digest, paths)))), paths)
            cards[id(item)] = key
        return key[1]
