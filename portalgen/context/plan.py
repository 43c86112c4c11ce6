"""A site's plan: its pages as data (:class:`PageSpec`) and the files they publish, cut into
parts (:class:`PlanPart`) that can be planned in any process.

The steps of a plan are the site's own pages (home, sitemap, search…, in :mod:`.site_pages`)
and the steps each content type declares (:mod:`portalgen.content_types`).  :func:`plan_part`
plans one part with a page builder (:class:`~.builder.Builder`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from ..content_types.news import Groups, groups_of
from ..model import NewsItem


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
    the files it points to —, the same in every process (:func:`~portalgen.stablekey.stable_hash`):
    a preview keeps them in memory, a command-line build in the cache folder
    (:mod:`portalgen.pagestore`).
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
    #: what stands for an item in a key: the item itself (hashed whole), or less that means as
    #: much (an item built from an unchanged file: its path and the file's content hash)
    identity: Callable[[Any], Any] = lambda item: item  # noqa: E731 - a field's default


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


class PlanMemo:
    """What planning keeps between the parts of a job (and, in a session, between builds): each
    site's news grouped by category and tag (:class:`~portalgen.content_types.news.Groups`), found
    by the news tuple, else by its shape, for the last few sites."""

    KEPT = 4

    def __init__(self) -> None:
        self._by_shape: dict[tuple, Groups] = {}
        self._by_news: list[tuple[tuple[NewsItem, ...], Groups]] = []

    def groups(self, news: tuple[NewsItem, ...]) -> Groups:
        found = next((groups for known, groups in self._by_news if known is news), None)
        if found is not None:
            return found
        shape, group = groups_of(news)
        found = self._by_shape.pop(shape, None) or group()
        self._by_shape[shape] = found
        while len(self._by_shape) > self.KEPT:
            del self._by_shape[next(iter(self._by_shape))]
        self._by_news[:] = [(news, found), *self._by_news[:self.KEPT - 1]]
        return found


@dataclass(frozen=True)
class PlanPart:
    """One independent part of a site's plan: a step, and for a step cut in parts (news articles)
    a slice of its items."""

    step: str
    start: int = 0
    stop: int | None = None
