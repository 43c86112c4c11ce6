"""Plan and render every unit's site into the staging folder, in parallel processes.

Once the site tree is resolved, every part of every site is independent: the work is cut into
tasks (each part of a site's plan — one step, or a slice of 500 news articles — planned and
rendered at once; before them, the terms of a large search index counted in slices of its items)
that forked worker processes run, while the parent writes the search indexes from those counts.
Each task hands its files to :class:`portalgen.writer.Staging`, which writes only new and changed
bytes; workers return content hashes, the files to publish and compact postings, never the
pages, so no process holds a whole site's plan or output in memory.  The parent then publishes
the portal's own files (images in their variants, attachments) and each site's feeds, sitemap
and exports.
"""

from __future__ import annotations

import collections
import gc
import multiprocessing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

from . import decap, outputs, urls
from .cache import Cache
from .context import FileCopy, PageKeys, PlanPart, SitePlan, plan_part, plan_parts
from .deploy.htaccess import htaccess
from .markup import text_of
from .published import PublishedFiles
from .resolve import Site, SiteTree
from .search import INDEX_DIR, Postings, SearchIndex, UnitEntry, searchable, site_records
from .themes import Theme
from .writer import Staged, Staging

#: Below this many searchable items (about as many pages) forking workers costs more than it saves.
PARALLEL_FROM_ITEMS = 500
#: In a parallel build, the search index of a site with more items than this has its items' terms
#: counted by the workers, this many items a task, while this process writes the other indexes.
SEARCH_ITEMS_PER_PART = 2_500


@dataclass(frozen=True)
class _Task:
    site: str
    part: PlanPart | None = None  # None: the site's search index…
    items: tuple[int, int] | None = None  # …or the postings of its items start..stop only


@dataclass(frozen=True)
class _Done:
    """What a task leaves for the parent: the staged files, and from a plan part its pages' site
    paths, the portal files to publish and the conversions it ran; from a part of a search index,
    its postings."""

    staged: list[Staged]
    pages: tuple[str, ...] = ()
    copies: tuple[FileCopy, ...] = ()
    misses: Mapping[str, int] = field(default_factory=dict)
    kept: tuple["_Kept", ...] = ()  # the pages a page memo remembers for the next build
    postings: Postings | None = None


@dataclass(frozen=True)
class _Kept:
    """A page as a build left it: the key it was made from, its output file, the files it points to."""

    here: str
    key: int
    path: str
    digest: str
    copies: tuple[FileCopy, ...]


class PageMemo:
    """The pages of the previous build in this process (``portalgen serve``), so that a rebuild
    renders again only the news articles and news lists whose content changed.

    Keys are Python hashes (the same in forked workers, which share the parent's hash seed), of
    everything a page shows (see :class:`portalgen.context.PageKeys`); ``begin`` forgets every page
    when anything else the pages are made from changed (portalgen's code, the theme, portal.yaml).
    """

    def __init__(self) -> None:
        self.pages: dict[tuple[str, str], _Kept] = {}
        self.epoch: int | None = None
        self.digests: Mapping[str, str] = {}
        self.cards: dict = {}  # news cards' keys in this build (PageKeys.cards)…
        self.known_cards: dict = {}  # …and those of the previous build still true
        self.articles: dict = {}  # PageKeys.articles, kept between builds
        self.changed: frozenset[str] = frozenset()

    def begin(self, epoch: int, digests: Mapping[str, str]) -> None:
        """Start a build whose other inputs hash to ``epoch``; ``digests``: portal file → content hash."""
        if epoch != self.epoch:
            self.pages.clear()
            self.articles.clear()
        self.changed = frozenset(path for path in digests.keys() | self.digests.keys()
                                 if digests.get(path) != self.digests.get(path))
        self.known_cards = {} if epoch != self.epoch else \
            {number: card for number, card in self.cards.items() if self.changed.isdisjoint(card[2])}
        self.epoch, self.digests, self.cards = epoch, digests, {}

    def keys(self, site: str, staging: Staging, found: dict[str, Staged]) -> PageKeys:
        """The keys of one plan part; the pages found reusable go into ``found`` (by site path).

        A page is reusable when the previous build wrote it from the same key: the session
        trusts that nothing else writes its output folder (``portalgen serve``'s own)."""
        def reusable(here: str, key: int) -> bool:
            kept = self.pages.get((site, here))
            entry = staging.written(kept.path, kept.digest) if kept is not None and kept.key == key else None
            if entry is not None:
                found[here] = entry
            return entry is not None

        return self._keys(site, reusable)

    def _keys(self, site: str, reusable) -> PageKeys:
        return PageKeys(lambda path: self.digests.get(path, ""), reusable, self.cards,
                        self.known_cards, self.articles.setdefault(site, {}), self.changed)

    def learn(self, job: "_Job") -> None:
        """After forked workers planned the pages, plan the news articles once more here, keys
        only (every page counts as kept), so that this process knows what each was made from."""
        for task in job.tasks:
            if task.part is not None and task.part.step == "news-items":
                job.plan(task, self._keys(task.site, lambda here, key: True))

    def remember(self, sites_and_kept: list[tuple[str, tuple[_Kept, ...]]]) -> None:
        self.pages = {(site, kept.here): kept for site, entries in sites_and_kept for kept in entries}


class RenderMemo:
    """What rendering keeps between the builds of one process: pages (:class:`PageMemo`), each
    site's search index (:class:`portalgen.search.SearchIndex`) and the searchable text of bodies."""

    def __init__(self) -> None:
        self.pages = PageMemo()
        self.indexes: dict[str, SearchIndex] = {}
        self.texts: dict[str, str] = {}
        self._used: dict[str, str] = {}
        self.exports: tuple[dict, dict] = ({}, {})  # news items' JSON: previous build's, this build's
        self.sitemaps: tuple[dict, dict] = ({}, {})  # each site's sitemap with its pages, the same way
        self.records: tuple[dict, dict] = ({}, {})  # news items' search records, the same way

    def text(self, body: str) -> str:
        """:func:`portalgen.markup.text_of`, once per body for as long as the body is in use."""
        found = self._used.get(body)
        if found is None:
            found = self._used[body] = self.texts.get(body) or text_of(body)
        return found

    def index(self, site: str, units: list[UnitEntry]) -> SearchIndex:
        index = self.indexes.get(site)
        if index is None or index.units != units:
            index = self.indexes[site] = SearchIndex(units, urls.SEARCH)
        return index

    def sitemap(self, site: Site, pages: list[str]) -> bytes:
        """:func:`portalgen.outputs.sitemap`, made again only when the site's address or pages changed."""
        known = self.sitemaps[0].get(site.path)
        if known is None or known[0] != (site.url, pages):
            known = ((site.url, pages), outputs.sitemap(site, pages))
        self.sitemaps[1][site.path] = known
        return known[1]

    def finish(self) -> None:
        """End a build: forget the texts of bodies and the JSON of items it did not use."""
        self.texts, self._used = self._used, {}
        self.exports = (self.exports[1], {})
        self.sitemaps = (self.sitemaps[1], {})
        self.records = (self.records[1], {})


@dataclass(frozen=True)
class _Job:
    """Everything the tasks read; forked workers inherit it."""

    tree: SiteTree
    theme: Theme
    files: PublishedFiles
    staging: Staging
    tasks: tuple[_Task, ...]
    memo: "RenderMemo | None" = None

    def run(self, number: int) -> _Done:
        task = self.tasks[number]
        if task.part is None and task.items is None:
            return self.index(task.site)
        before = collections.Counter(self.files.cache.misses)
        if task.items is not None:
            postings = _search_part(self.tree, task.site, *task.items, self.files.attachment_text)
            return _Done([], misses=dict(collections.Counter(self.files.cache.misses) - before), postings=postings)
        memo = self.memo.pages if self.memo is not None else None
        unchanged: dict[str, Staged] = {}
        plan = self.plan(task, memo.keys(task.site, self.staging, unchanged) if memo is not None else None)
        prefix, render = task.site + "/", self.theme.render
        staged: list[Staged] = []
        kept: list[_Kept] = []
        for page in plan.pages:
            entries = self.staging.put(prefix + urls.output_file(page.site_path),
                                       render(page.template, page.context).encode("utf-8"))
            staged += entries
            if memo is not None and page.key is not None and entries:
                kept.append(_Kept(page.site_path, page.key, entries[0].path, entries[0].digest, page.copies))
        copies = list(plan.copies.values())
        for here, key in plan.reused:
            assert memo is not None
            previous = memo.pages[(task.site, here)]
            staged.append(unchanged[here])
            copies += previous.copies
            kept.append(previous)
        return _Done(staged, tuple(page.site_path for page in plan.pages) + tuple(here for here, _ in plan.reused),
                     tuple(copies), dict(collections.Counter(self.files.cache.misses) - before), tuple(kept))

    def index(self, site: str, computed: list[Postings] | None = None) -> _Done:
        """The search index of a site (``computed``: the postings of all its items, in parts)."""
        index = _search_index(self.tree, site, self.files.attachment_text, self.memo, computed)
        return _Done([entry for path, data in index.items() for entry in self.staging.put(path, data)])

    def plan(self, task: _Task, keys: PageKeys | None) -> SitePlan:
        assert task.part is not None
        texts = {"vi": self.theme.texts("vi"), "en": self.theme.texts("en")}
        assets = {name: asset.site_path for name, asset in self.theme.assets.items()}
        return plan_part(self.tree, self.tree.sites[task.site], task.part, texts, assets, self.files.image_size,
                         self.files.info, keys)


_JOB: _Job | None = None  # in a worker: the job it was forked with


def _adopt(job: _Job) -> None:
    """Start a forked worker: its job (inherited, not copied), and a garbage collector that leaves
    the inherited objects, and so the memory it shares with the parent, alone."""
    global _JOB
    _JOB = job
    gc.freeze()


def _run_in_worker(number: int) -> _Done:
    assert _JOB is not None
    return _JOB.run(number)


class _Workers:
    """Forked processes running every task of one job, in task order; their results come back in
    the same order: ``first(n)`` waits for the next n, ``rest()`` for all the others."""

    def __init__(self, job: _Job, processes: int) -> None:
        self.pool = multiprocessing.get_context("fork").Pool(processes, initializer=_adopt, initargs=(job,))
        self.pending = self.pool.imap(_run_in_worker, range(len(job.tasks)), chunksize=1)

    def first(self, count: int) -> list[_Done]:
        return [next(self.pending) for _ in range(count)]

    def rest(self) -> list[_Done]:
        try:
            return list(self.pending)
        finally:
            self.pool.terminate()


def render_tree(root: Path, tree: SiteTree, theme: Theme, cache: Cache, staging: Staging, jobs: int = 1,
                progress: Callable[[str], None] = lambda _: None,
                shard: tuple[int, int] | None = None, memo: RenderMemo | None = None) -> tuple[list[Staged], int]:
    """Stage every output file of every site and return them with the number of pages.

    ``jobs`` forked workers plan and render the pages while this process writes the search
    indexes.  With ``shard=(k, n)`` only the k-th of n disjoint parts: the sites whose position in
    path order is k-1 modulo n, and the portal-wide files in part 1.  ``memo`` keeps pages and
    indexes for the next build of this process.
    """
    files = PublishedFiles(root, cache)
    owned = [p for i, p in enumerate(sorted(tree.sites)) if shard is None or i % shard[1] == shard[0] - 1]
    in_scope = {path: sum(searchable(site) for p, site in tree.sites.items() if p == path or p.startswith(path + "/"))
                for path in owned}
    search = _Job(tree, theme, files, staging, tuple(_Task(path) for path in owned), memo)
    parallel = jobs >= 2 and sum(in_scope.values()) >= PARALLEL_FROM_ITEMS
    # first the workers count the terms of large indexes (not kept by a memo), then plan the pages
    parts = tuple(_Task(path, items=(start, start + SEARCH_ITEMS_PER_PART)) for path in owned
                  if parallel and memo is None and in_scope[path] > SEARCH_ITEMS_PER_PART
                  for start in range(0, in_scope[path], SEARCH_ITEMS_PER_PART))
    pages = _Job(tree, theme, files, staging,
                 parts + tuple(_Task(path, part) for path in owned for part in plan_parts(tree.sites[path])), memo)
    if parallel:
        gc.freeze()  # the site tree is not garbage: neither this process's collector nor the workers' walk it
        planning = _Workers(pages, jobs)
        try:
            counted = planning.first(len(parts))
            computed: dict[str, list[Postings]] = {}
            for task, result in zip(parts, counted):
                assert result.postings is not None
                computed.setdefault(task.site, []).append(result.postings)
            indexed = [search.index(path, computed.get(path)) for path in owned]
            if memo is not None:
                memo.pages.learn(pages)
            staged = _sites_files(root, tree, owned, staging, memo)  # while the workers render
            done = counted + planning.rest() + indexed
        finally:
            planning.pool.terminate()
            gc.unfreeze()
        for result in done:
            cache.misses.update(result.misses)  # counted in the workers' copies of the cache
    else:
        done = [job.run(number) for job in (pages, search) for number in range(len(job.tasks))]
        staged = _sites_files(root, tree, owned, staging, memo)
    if memo is not None:
        memo.pages.remember([(task.site, result.kept) for task, result in zip(pages.tasks, done)])
    staged += [entry for result in done for entry in result.staged]
    site_pages: dict[str, list[str]] = {path: [] for path in owned}
    site_copies: dict[str, dict[str, FileCopy]] = {path: {} for path in owned}
    for task, result in zip(pages.tasks, done):
        site_pages[task.site] += result.pages
        for copy in result.copies:
            site_copies[task.site].setdefault(copy.site_path, copy)
    files.prepare([copy for copies in site_copies.values() for copy in copies.values()], jobs)
    for path in owned:
        progress(path)
        staged += _copies(path, site_copies[path].values(), files, theme, staging)
        site = tree.sites[path]
        sitemap = memo.sitemap(site, site_pages[path]) if memo is not None else outputs.sitemap(site, site_pages[path])
        staged += staging.put(f"{path}/sitemap.xml", sitemap)
    if shard is None or shard[0] == 1:
        staged += staging.put("sitemap.xml", outputs.sitemap_index(tree))
    if memo is not None:
        memo.finish()
    return staged, sum(len(paths) for paths in site_pages.values())


def _copies(path: str, copies, files: PublishedFiles, theme: Theme, staging: Staging) -> list[Staged]:
    """The portal's own files and the theme's assets, published into one site."""
    staged = []
    prefix = path + "/"
    for copy in copies:
        staged += staging.put(prefix + copy.site_path, files.output(copy))
    for asset in theme.assets.values():
        staged += staging.put(prefix + asset.site_path, asset.data)
    return staged


def _index_scope(tree: SiteTree, path: str) -> tuple[list[str], list[UnitEntry]]:
    """The units whose records the search index of a site holds: its own and every unit's below it."""
    scope = [p for p in sorted(tree.sites) if p == path or p.startswith(path + "/")]
    return scope, [UnitEntry(p, tree.sites[p].unit.name) for p in scope]


def _search_index(tree: SiteTree, path: str, attachment_text: Callable[[str], str],
                  memo: RenderMemo | None, computed: list[Postings] | None = None) -> dict[str, bytes]:
    """The search index of a site (``computed``: the postings of all its items, by :func:`_search_part`)."""
    scope, units = _index_scope(tree, path)
    index = memo.index(path, units) if memo is not None else SearchIndex(units, urls.SEARCH, incremental=False)
    text = memo.text if memo is not None else text_of
    news = memo.records if memo is not None else None
    with_text = (lambda _: False) if computed is not None else None
    records = (r for p in scope for r in site_records(tree.sites[p], attachment_text, text, news, with_text))
    files = index.update(records, lambda record: tree.link(path, urls.SEARCH, record.unit, record.path), computed)
    return {f"{path}/{INDEX_DIR}{name}": data for name, data in files.items()}


def _search_part(tree: SiteTree, path: str, start: int, stop: int, attachment_text: Callable[[str], str]) -> Postings:
    """The postings of the items ``start..stop`` of a site's search index: only their texts are made."""
    scope, units = _index_scope(tree, path)
    index = SearchIndex(units, urls.SEARCH, incremental=False)
    ordered = index.ordered_records(r for p in scope for r in site_records(tree.sites[p], attachment_text,
                                                                           with_text=lambda _: False))
    wanted = {(r.unit, r.path) for r in ordered[start:stop]}
    ordered = index.ordered_records(r for p in scope for r in site_records(
        tree.sites[p], attachment_text, text_of, with_text=lambda record_path, unit=p: (unit, record_path) in wanted))
    return index.part(ordered[start:stop], start)


def _sites_files(root: Path, tree: SiteTree, owned: list[str], staging: Staging,
                 memo: RenderMemo | None) -> list[Staged]:
    """The files of each site that its pages do not decide: feeds, exports, the admin page."""
    staged = []
    for path in owned:
        for name, data in [*_machine_outputs(tree, path, memo).items(), *decap.site_admin(root, tree, path).items()]:
            staged += staging.put(name, data)
    return staged


def _machine_outputs(tree: SiteTree, path: str, memo: RenderMemo | None) -> dict[str, bytes]:
    """Feeds, robots.txt, .htaccess and JSON exports of one site (its sitemap lists its pages:
    written once they are)."""
    site = tree.sites[path]
    prefix = path + "/"
    name = site.unit.name
    result = {prefix + urls.RSS: outputs.rss(site, name, site.news, urls.RSS, urls.NEWS),
              prefix + urls.ATOM: outputs.atom(site, name, site.news, urls.ATOM, urls.NEWS),
              prefix + "robots.txt": outputs.robots(site),
              prefix + ".htaccess": htaccess(site.url, [s.url for s in tree.sites.values()])}
    by_category: dict[str, list] = {}
    for item in site.news:
        by_category.setdefault(item.category, []).append(item)
    for key, label in tree.config.news_categories.items():
        if key in by_category:
            base = urls.news_category(key)
            result[prefix + base + urls.RSS] = outputs.rss(site, f"{name} – {label}", by_category[key],
                                                           base + urls.RSS, base)
    result.update({prefix + p: data for p, data in outputs.exports(site, tree, memo.exports if memo else None).items()})
    return result
