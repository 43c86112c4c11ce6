"""A site's files besides its pages, as a list: each output has a name, says when it runs, makes its files.

:data:`OUTPUTS` is what a build writes besides the pages (:mod:`portalgen.render` runs it and
imports none of them by name).  Outputs that run *with the pages* do not depend on them: this
process makes them while the workers render (search indexes, feeds, robots.txt, .htaccess, JSON
exports, the web editor's admin page, the compliance dashboard).  Outputs that run *after the
pages* list them (each site's sitemap, the portal's sitemap index).  An output may also cut some
of its work into parts the workers run first (a large search index's terms).  A new kind of file
is one more entry in the list.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from . import dashboard_view, decap, outputs, site_search, urls
from .content_types import REGISTRY
from .deploy.htaccess import htaccess
from .load import Portal
from .problems import CheckResult
from .published import PublishedFiles
from .resolve import Site, SiteTree
from .search import Postings
from .site_search import NoSearchMemo, SearchMemo
from .themes import Theme


class When(enum.Enum):
    """When an output is made."""

    WITH_PAGES = "with the pages"  # by this process while the workers render
    AFTER_PAGES = "after the pages"  # once the list of each site's pages is known


class OutputMemo:
    """What outputs keep between the builds of one process (``portalgen serve``): the search
    indexes (:class:`portalgen.site_search.SearchMemo`), each news item's JSON export and each
    site's sitemap, made again only when what they show changed."""

    def __init__(self) -> None:
        self.search: SearchMemo = SearchMemo()
        self.exports: tuple[dict, dict] | None = ({}, {})  # news items' JSON: previous build's, this build's
        self.sitemaps: tuple[dict, dict] = ({}, {})  # each site's sitemap with its pages, the same way

    def sitemap(self, site: Site, pages: list[str]) -> bytes:
        """:func:`portalgen.outputs.sitemap`, made again only when the site's address or pages changed."""
        known = self.sitemaps[0].get(site.path)
        if known is None or known[0] != (site.url, pages):
            known = ((site.url, pages), outputs.sitemap(site, pages))
        self.sitemaps[1][site.path] = known
        return known[1]

    def finish(self) -> None:
        """End a build: forget what it did not use."""
        self.search.finish()
        assert self.exports is not None
        self.exports = (self.exports[1], {})
        self.sitemaps = (self.sitemaps[1], {})


class NoOutputMemo(OutputMemo):
    """A build that keeps nothing for a next one (the command line): every output made anew."""

    def __init__(self) -> None:
        self.search = NoSearchMemo()
        self.exports = None
        self.sitemaps = ({}, {})

    def sitemap(self, site: Site, pages: list[str]) -> bytes:
        return outputs.sitemap(site, pages)

    def finish(self) -> None:
        self.search.finish()  # a search memo kept in the cache folder is written then


@dataclass
class SiteBuild:
    """What the outputs of one build read.  The build fills in, as it goes, whether its workers
    fork (``split``), the results of the parts they ran for outputs (``counted``) and, once the
    pages are rendered, each site's pages (``pages``)."""

    root: Path
    tree: SiteTree
    theme: Theme
    files: PublishedFiles
    portal: Portal
    check: CheckResult
    shard: tuple[int, int] | None = None
    memo: OutputMemo = field(default_factory=NoOutputMemo)
    split: bool = False
    counted: dict[tuple[str, str], list[Any]] = field(default_factory=dict)  # (output, site) → its parts' results
    pages: dict[str, list[str]] = field(default_factory=dict)  # site → its pages' site paths

    def holds_portal_files(self) -> bool:
        """Whether this build writes the portal's own files (a sharded build: its first part)."""
        return self.shard is None or self.shard[0] == 1


def _no_parts(build: SiteBuild, path: str) -> Sequence[Any]:
    return ()


def _here(build: SiteBuild, path: str) -> bool:
    return False


def _nothing_kept(build: SiteBuild, path: str) -> None:
    pass


@dataclass(frozen=True)
class SiteOutput:
    """One kind of file a site has besides its pages.

    ``files(build, path)`` makes one site's files (output path → bytes); with ``portal_wide`` it is
    called once with ``path`` ``""`` and makes files for the whole build (its shard included).
    ``parts(build, path)`` cuts some of a site's work into parts that the workers run first, each
    by ``part(build, path, part)``; their results wait in ``build.counted[(name, path)]``.
    ``apart(build, path)`` says that a worker makes (and stages) a site's files instead, while this
    process makes the others: ``prepare(build, path)`` first runs here, before the workers start
    (what they then only read), and ``keep(build, path)`` runs in that worker after them, to keep
    what the next build reads (what it learnt stays in its copy of memory)."""

    name: str
    when: When
    files: Callable[[SiteBuild, str], Mapping[str, bytes]]
    portal_wide: bool = False
    parts: Callable[[SiteBuild, str], Sequence[Any]] = _no_parts
    part: Callable[[SiteBuild, str, Any], Any] | None = None
    apart: Callable[[SiteBuild, str], bool] = _here
    prepare: Callable[[SiteBuild, str], None] = _nothing_kept
    keep: Callable[[SiteBuild, str], None] = _nothing_kept


def _search_parts(build: SiteBuild, path: str) -> list[tuple[int, int]]:
    """Slices of a large search index's items, when the workers fork and the index is made whole."""
    return site_search.parts(build.tree, path) if build.split and not build.memo.search.updates(path) else []


def _search_part(build: SiteBuild, path: str, items: tuple[int, int]) -> Postings:
    return site_search.part(build.tree, path, items, build.files.attachment_text, build.memo.search.keeps_indexes)


def _search_apart(build: SiteBuild, path: str) -> bool:
    """Whether a worker updates a site's kept index (reads it, updates it, stages its files and
    keeps it again) while this process makes the other outputs."""
    return build.split and build.memo.search.updates_apart(path)


def _search_prepare(build: SiteBuild, path: str) -> None:
    site_search.prepare(build.tree, path, build.files.attachment_text, build.memo.search)


def _search_keep(build: SiteBuild, path: str) -> None:
    build.memo.search.keep_now(path)


def _search_index(build: SiteBuild, path: str) -> dict[str, bytes]:
    """A site's search index, from the postings the workers counted when they did."""
    counted = build.counted.get(("search", path))
    return site_search.index(build.tree, path, build.files.attachment_text, build.memo.search, counted)


def _feeds(build: SiteBuild, path: str) -> dict[str, bytes]:
    """The RSS and Atom feeds of a site's news, an RSS feed per news category, and one per section
    whose content type has a feed (``ContentType.feed``)."""
    site, prefix = build.tree.sites[path], path + "/"
    name = site.unit.name
    files = {prefix + urls.RSS: outputs.rss(site, name, site.news, urls.RSS, urls.NEWS),
             prefix + urls.ATOM: outputs.atom(site, name, site.news, urls.ATOM, urls.NEWS)}
    by_category: dict[str, list] = {}
    for item in site.news:
        by_category.setdefault(item.category, []).append(item)
    for key, label in build.tree.config.news_categories.items():
        if key in by_category:
            base = urls.news_category(key)
            files[prefix + base + urls.RSS] = outputs.rss(site, f"{name} – {label}", by_category[key],
                                                          base + urls.RSS, base)
    for content_type in REGISTRY:
        items = site.content.sections[content_type.folder]
        if content_type.feed is not None and content_type.address and items:
            moment = content_type.feed
            newest = sorted(items, key=lambda item: (moment(item), item.slug), reverse=True)
            label = build.theme.texts("vi")[content_type.label]
            files[prefix + content_type.address + urls.RSS] = outputs.rss(
                site, f"{name} – {label}", newest, content_type.address + urls.RSS, content_type.address,
                content_type.address, moment)
    return files


def _robots(build: SiteBuild, path: str) -> dict[str, bytes]:
    return {f"{path}/robots.txt": outputs.robots(build.tree.sites[path])}


def _htaccess(build: SiteBuild, path: str) -> dict[str, bytes]:
    tree = build.tree
    return {f"{path}/.htaccess": htaccess(tree.sites[path].url, tree.urls)}


def _exports(build: SiteBuild, path: str) -> dict[str, bytes]:
    made = outputs.exports(build.tree.sites[path], build.tree, build.memo.exports)
    return {f"{path}/{name}": data for name, data in made.items()}


def _admin(build: SiteBuild, path: str) -> Mapping[str, bytes]:
    return decap.site_admin(build.root, build.tree, path, build.theme.assets["css"].site_path)


def _dashboard(build: SiteBuild, path: str) -> Mapping[str, bytes]:
    files = dashboard_view.site_files(build.root, build.portal, build.check, build.tree, build.theme, build.shard)
    return dict(sorted(files.items()))


def _sitemap(build: SiteBuild, path: str) -> dict[str, bytes]:
    return {f"{path}/sitemap.xml": build.memo.sitemap(build.tree.sites[path], build.pages[path])}


def _sitemap_index(build: SiteBuild, path: str) -> dict[str, bytes]:
    return {"sitemap.xml": outputs.sitemap_index(build.tree)} if build.holds_portal_files() else {}


OUTPUTS: tuple[SiteOutput, ...] = (
    SiteOutput("search", When.WITH_PAGES, _search_index, parts=_search_parts, part=_search_part,
               apart=_search_apart, prepare=_search_prepare, keep=_search_keep),
    SiteOutput("feeds", When.WITH_PAGES, _feeds),
    SiteOutput("robots", When.WITH_PAGES, _robots),
    SiteOutput("htaccess", When.WITH_PAGES, _htaccess),
    SiteOutput("exports", When.WITH_PAGES, _exports),
    SiteOutput("admin", When.WITH_PAGES, _admin),
    SiteOutput("dashboard", When.WITH_PAGES, _dashboard, portal_wide=True),
    SiteOutput("sitemap", When.AFTER_PAGES, _sitemap),
    SiteOutput("sitemap-index", When.AFTER_PAGES, _sitemap_index, portal_wide=True),
)
