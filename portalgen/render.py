"""Plan and render every unit's site into the staging folder, in parallel processes.

Once the site tree is resolved, every part of every site is independent: the work is cut into
tasks (each part of a site's plan — one step, or a slice of 500 news articles — planned and
rendered at once; before them, the parts some outputs cut their work into, such as the terms of a
large search index) that worker processes run (:mod:`portalgen.parallel`), while this process
makes the site's other outputs (:data:`portalgen.site_outputs.OUTPUTS`) that do not depend on the
pages.  Each task hands its files to :class:`portalgen.writer.Staging`, which writes only new and
changed bytes; workers return content hashes, the files to publish and their parts' results,
never the pages, so no process holds a whole site's plan or output in memory.  This process then
publishes the portal's own files (images in their variants, attachments) and the outputs made
after the pages (sitemaps).
"""

from __future__ import annotations

import collections
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Collection, Iterable, Mapping

from . import parallel, urls
from .context import FileCopy, PageKeys, PlanMemo, PlanPart, SitePlan, plan_part, plan_parts
from .published import PublishedFiles
from .resolve import SiteTree
from .search import searchable
from .site_outputs import OUTPUTS, SiteBuild, SiteOutput, When
from .sitestore import SiteMemo
from .themes import Theme
from .writer import Staged, Staging, Stamp

#: Below this many searchable items (about as many pages) forking workers costs more than it saves.
PARALLEL_FROM_ITEMS = 500


@dataclass(frozen=True)
class _Kept:
    """A page as a build left it: the key it was made from, its output file, the files it points to."""

    here: str
    key: int
    path: str
    digest: str
    copies: tuple[FileCopy, ...]


@dataclass(frozen=True)
class _Done:
    """What a task leaves for the parent: the staged files, and from a plan part its pages' site
    paths, the portal files to publish, the conversions it ran and the pages a page memo keeps;
    from a part of an output's work, its result."""

    staged: list[Staged]
    pages: tuple[str, ...] = ()
    copies: tuple[FileCopy, ...] = ()
    misses: Mapping[str, int] = field(default_factory=dict)
    kept: tuple[_Kept, ...] = ()
    result: Any = None


def _never(item: Any) -> bool:
    return False


class PageMemo:
    """The pages of the previous build in this process (``portalgen serve``), so that a rebuild
    renders again only the news articles and news lists whose content changed.

    Keys are hashes (:func:`portalgen.stablekey.stable_hash`) of everything a page shows (see
    :class:`portalgen.context.PageKeys`); ``begin`` forgets every page
    when anything else the pages are made from changed (portalgen's code, the theme, portal.yaml).
    """

    #: the cache folder whose objects no longer all are named, once this build's keys are written
    stale_objects_in: Path | None = None

    def __init__(self) -> None:
        self.plans = PlanMemo()  # what the plan parts share (each site's news by category and tag)
        self.pages: dict[tuple[str, str], _Kept] = {}
        self.epoch: int | None = None
        self.digests: Mapping[str, str] = {}
        self.cards: dict = {}  # news cards' keys in this build (PageKeys.cards)…
        self.known_cards: dict = {}  # …and those of the previous build still true
        self.articles: dict = {}  # PageKeys.articles, kept between builds
        self.changed: frozenset[str] = frozenset()
        self.loaded: Callable[[Any], bool] = _never

    def begin(self, epoch: int, digests: Mapping[str, str], loaded: Callable[[Any], bool] = _never) -> None:
        """Start a build whose other inputs hash to ``epoch``; ``digests``: portal file → content
        hash; ``loaded(item)``: whether an item is the one built from its file as it is (its path
        and the file's hash then stand for it in a page key: :meth:`_identity`)."""
        self.loaded = loaded
        if epoch != self.epoch:
            self.pages.clear()
            self.articles.clear()
        self.changed = frozenset(path for path in digests.keys() | self.digests.keys()
                                 if digests.get(path) != self.digests.get(path))
        self.known_cards = {} if epoch != self.epoch else \
            {number: card for number, card in self.cards.items() if self.changed.isdisjoint(card[2])}
        self.epoch, self.digests, self.cards = epoch, digests, {}

    def keys(self, site: str, staging: Staging, found: dict[str, Staged]) -> PageKeys | None:
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

    def _keys(self, site: str, reusable: Callable[[str, int], bool]) -> PageKeys:
        return PageKeys(lambda path: self.digests.get(path, ""), reusable, self.cards,
                        self.known_cards, self.articles.setdefault(site, {}), self.changed, self._identity)

    def _identity(self, item: Any) -> Any:
        """What stands for an item in a page key: its path and its file's hash when it was built
        from the file as it is, else the item (hashed whole: a held item's last good version)."""
        return (item.path, self.digests.get(item.path, "")) if self.loaded(item) else item

    def reused(self, site: str, here: str) -> _Kept:
        """A page the plan kept as the previous build wrote it."""
        return self.pages[(site, here)]

    def learn(self, plan: Callable[[str, PlanPart, PageKeys], SitePlan], parts: Iterable[tuple[str, PlanPart]]) -> None:
        """After forked workers planned the pages, plan the news articles once more here, keys
        only (every page counts as kept), so that this process knows what each was made from."""
        for site, part in parts:
            if part.step == "news-items":
                plan(site, part, self._keys(site, lambda here, key: True))

    def stored(self, entry: Staged, data: bytes, staging: Staging) -> None:
        """A keyed page was rendered into ``entry`` (a memo on disk keeps its bytes)."""

    def remember(self, sites_and_kept: Iterable[tuple[str, tuple[_Kept, ...]]],
                 stamps: Mapping[str, Stamp] | None = None) -> None:
        """Keep this build's pages (``stamps``: the stamps of the staged files linked from, or
        linked to, the objects of their digests)."""
        self.pages = {(site, kept.here): kept for site, entries in sites_and_kept for kept in entries}

    def kept_whole(self, sites: Collection[str]) -> list[tuple[str, tuple[_Kept, ...]]]:
        """This build kept these sites whole (not rendered): their pages of the previous build,
        to keep again."""
        return pages_by_site(self.pages, sites)


def pages_by_site(pages: Mapping[tuple[str, str], _Kept],
                  sites: Collection[str]) -> list[tuple[str, tuple[_Kept, ...]]]:
    """The kept pages of these sites, grouped by site (for a memo that carries sites kept whole)."""
    found: dict[str, list[_Kept]] = {}
    if sites:
        for (site, _), kept in pages.items():
            if site in sites:
                found.setdefault(site, []).append(kept)
    return [(site, tuple(entries)) for site, entries in found.items()]


class NoPageMemo(PageMemo):
    """A build that keeps no page for a next one (the command line): no key is computed."""

    def begin(self, epoch: int, digests: Mapping[str, str], loaded: Callable[[Any], bool] = _never) -> None:
        pass

    def keys(self, site: str, staging: Staging, found: dict[str, Staged]) -> None:
        return None

    def learn(self, plan: Callable[[str, PlanPart, PageKeys], SitePlan], parts: Iterable[tuple[str, PlanPart]]) -> None:
        pass

    def remember(self, sites_and_kept: Iterable[tuple[str, tuple[_Kept, ...]]],
                 stamps: Mapping[str, Stamp] | None = None) -> None:
        pass


@dataclass(frozen=True)
class _PagesTask:
    """One part of a site's plan, planned and rendered."""

    site: str
    part: PlanPart

    def run(self, job: _Job) -> _Done:
        return job.render(self.site, self.part)


@dataclass(frozen=True)
class _OutputTask:
    """One part of an output's work for a site (see :class:`portalgen.site_outputs.SiteOutput`)."""

    site: str
    output: SiteOutput
    part: Any

    def run(self, job: _Job) -> _Done:
        assert self.output.part is not None
        return _Done([], result=self.output.part(job.build, self.site, self.part))


@dataclass(frozen=True)
class _ApartTask:
    """The files of one output of one site, made and staged in a worker (``SiteOutput.apart``)."""

    site: str
    output: SiteOutput

    def run(self, job: _Job) -> _Done:
        staged = [entry for name, data in self.output.files(job.build, self.site).items()
                  for entry in job.staging.put(name, data)]
        self.output.keep(job.build, self.site)
        return _Done(staged)


@dataclass(frozen=True)
class _Job:
    """Everything the tasks read; forked workers inherit it."""

    build: SiteBuild
    staging: Staging
    memo: PageMemo
    tasks: tuple[_OutputTask | _ApartTask | _PagesTask, ...]

    def run(self, number: int) -> _Done:
        before = collections.Counter(self.build.files.cache.misses)
        done = self.tasks[number].run(self)
        misses = dict(collections.Counter(self.build.files.cache.misses) - before)
        return dataclasses.replace(done, misses=misses)

    def render(self, site: str, part: PlanPart) -> _Done:
        """Plan one part of a site and stage its pages (those the memo keeps as they were)."""
        unchanged: dict[str, Staged] = {}
        plan = self.plan(site, part, self.memo.keys(site, self.staging, unchanged))
        prefix, render = site + "/", self.build.theme.render
        staged: list[Staged] = []
        kept: list[_Kept] = []
        for page in plan.pages:
            data = render(page.template, page.context).encode("utf-8")
            entries = self.staging.put(prefix + urls.output_file(page.site_path), data)
            staged += entries
            if page.key is not None and entries:
                self.memo.stored(entries[0], data, self.staging)
                kept.append(_Kept(page.site_path, page.key, entries[0].path, entries[0].digest, page.copies))
        copies = list(plan.copies.values())
        for here, _ in plan.reused:
            previous = self.memo.reused(site, here)
            staged.append(unchanged[here])
            copies += previous.copies
            kept.append(previous)
        pages = tuple(page.site_path for page in plan.pages) + tuple(here for here, _ in plan.reused)
        return _Done(staged, pages, tuple(copies), kept=tuple(kept))

    def plan(self, site: str, part: PlanPart, keys: PageKeys | None) -> SitePlan:
        theme, files, tree = self.build.theme, self.build.files, self.build.tree
        texts = {"vi": theme.texts("vi"), "en": theme.texts("en")}
        assets = {name: asset.site_path for name, asset in theme.assets.items()}
        return plan_part(tree, tree.sites[site], part, texts, assets, files.image_size, files.info, keys,
                         self.memo.plans)

    def page_parts(self) -> list[tuple[_PagesTask, int]]:
        """The plan parts among the tasks, with their numbers."""
        return [(task, number) for number, task in enumerate(self.tasks) if isinstance(task, _PagesTask)]


def render_tree(build: SiteBuild, staging: Staging, jobs: int = 1, progress: Callable[[str], None] = lambda _: None,
                memo: PageMemo | None = None, outputs: tuple[SiteOutput, ...] = OUTPUTS,
                sites: SiteMemo | None = None, made: Callable[[], None] = lambda: None) -> tuple[list[Staged], int]:
    """Stage every output file of every site of ``build`` and return them with the number of pages.

    Worker processes (up to ``jobs``) plan and render the pages while this process makes the
    outputs that do not depend on them.  With ``build.shard=(k, n)`` only the k-th of n disjoint
    parts: the sites whose position in path order is k-1 modulo n, and the portal-wide files in
    part 1.  ``memo`` keeps pages for the next build of this process (by default none are kept);
    ``sites`` gives the sites kept whole from the previous build, and keeps this build's;
    ``made()`` is called once the outputs made with the pages are made, while the workers may
    still render.
    """
    sites = sites or SiteMemo()
    owned = _owned(build.tree, build.shard)
    kept = {path: restored for path in owned if (restored := sites.restore(path, staging)) is not None}
    making = [path for path in owned if path not in kept]
    processes = _processes(build.tree, making, jobs)
    build.split = processes >= 2
    build.files.recognise((build.tree.sites[path] for path in making), build.tree.config.ocr, jobs)
    job = _job(build, staging, memo or NoPageMemo(), making, outputs)
    by_site, rendered = _run(job, processes, making, outputs, set(kept), made)
    copies = _pages_and_copies(build, making, rendered)
    build.pages.update((path, list(pages)) for path, (_, pages) in kept.items())
    build.files.prepare([copy for site_copies in copies.values() for copy in site_copies.values()], jobs)
    for path in making:
        progress(path)
        by_site[path] += _copies(path, copies[path].values(), build.files, build.theme, staging)
    for site, found in _outputs(build, making, outputs, When.AFTER_PAGES, staging).items():
        by_site.setdefault(site, []).extend(found)
    build.memo.finish()
    if not build.files.unread:
        for path in making:
            sites.store(path, by_site[path], build.pages[path], staging)
    sites.finish()
    staged = [entry for entries in by_site.values() for entry in entries]
    staged += [entry for found, _ in kept.values() for entry in found]
    return staged, sum(len(paths) for paths in build.pages.values())


def _job(build: SiteBuild, staging: Staging, memo: PageMemo, owned: list[str],
         outputs: tuple[SiteOutput, ...]) -> _Job:
    """The tasks of a build: first the parts of outputs' work, then the outputs made apart, then
    each part of each site's plan."""
    parts = [_OutputTask(path, output, part) for output in outputs for path in owned
             for part in output.parts(build, path)]
    apart = [_ApartTask(path, output) for output in outputs if not output.portal_wide for path in owned
             if output.apart(build, path)]
    for task in apart:
        task.output.prepare(build, task.site)
    pages = [_PagesTask(path, part) for path in owned for part in plan_parts(build.tree.sites[path])]
    return _Job(build, staging, memo, (*parts, *apart, *pages))


def _run(job: _Job, processes: int, owned: list[str], outputs: tuple[SiteOutput, ...], kept: Collection[str],
         made: Callable[[], None]) -> tuple[dict[str | None, list[Staged]], list[tuple[_PagesTask, _Done]]]:
    """Run the job's tasks in ``processes`` while this process makes the outputs that go with the
    pages: all their staged files by site (None: the portal-wide ones), and each plan part's
    result.  The page memo keeps the pages of the sites ``kept`` whole as they were."""
    build, parts = job.build, [task for task in job.tasks if isinstance(task, _OutputTask)]
    with parallel.workers(job, processes) as running:
        counted = running.first(len(parts))
        for part, result in zip(parts, counted):
            build.counted.setdefault((part.output.name, part.site), []).append(result.result)
        apart = {(task.output.name, task.site) for task in job.tasks if isinstance(task, _ApartTask)}
        staged = _outputs(build, owned, outputs, When.WITH_PAGES, job.staging, apart)  # while the workers render
        made()
        if running.on_copies:
            job.memo.learn(job.plan, [(task.site, task.part) for task, _ in job.page_parts()])
        done = counted + running.rest()
    if running.on_copies:
        for result in done:
            build.files.cache.misses.update(result.misses)  # counted in the workers' copies of the cache
    rendered = [(task, done[number]) for task, number in job.page_parts()]
    stamps = {entry.digest: entry.stamp for _, result in rendered for entry in result.staged
              if entry.changed and entry.stamp is not None}  # the pages' objects, or files linked to them
    job.memo.remember([*((task.site, result.kept) for task, result in rendered), *job.memo.kept_whole(kept)], stamps)
    for task, result in zip(job.tasks, done):
        if isinstance(task, _ApartTask):
            staged[task.site].extend(result.staged)
    for task, result in rendered:
        staged.setdefault(task.site, []).extend(result.staged)
    return staged, rendered


def _pages_and_copies(build: SiteBuild, owned: list[str],
                      rendered: list[tuple[_PagesTask, _Done]]) -> dict[str, dict[str, FileCopy]]:
    """Each site's pages (into ``build.pages``) and the portal files it publishes, by site path."""
    build.pages = {path: [] for path in owned}
    copies: dict[str, dict[str, FileCopy]] = {path: {} for path in owned}
    for task, result in rendered:
        build.pages[task.site] += result.pages
        for copy in result.copies:
            copies[task.site].setdefault(copy.site_path, copy)
    return copies


def _owned(tree: SiteTree, shard: tuple[int, int] | None) -> list[str]:
    """The sites a build (or one part of a sharded build) renders, in path order."""
    return [p for i, p in enumerate(sorted(tree.sites)) if shard is None or i % shard[1] == shard[0] - 1]


def _processes(tree: SiteTree, owned: list[str], jobs: int) -> int:
    """How many processes render: one unless there are enough items (each counted in the search
    index of its own site and those above it) for forked workers to pay off."""
    items = sum(searchable(site) for path in owned for p, site in tree.sites.items()
                if p == path or p.startswith(path + "/"))
    return parallel.inheriting_processes(jobs) if items >= PARALLEL_FROM_ITEMS else 1


def _outputs(build: SiteBuild, owned: list[str], outputs: tuple[SiteOutput, ...], when: When,
             staging: Staging, apart: Collection[tuple[str, str]] = ()) -> dict[str | None, list[Staged]]:
    """Stage the files of the outputs made at ``when``: each site's, or the build's once (under
    None), by site; not those a worker makes (``apart``: output name and site)."""
    staged: dict[str | None, list[Staged]] = {path: [] for path in owned}
    for output in outputs:
        if output.when is when:
            for path in [""] if output.portal_wide else [p for p in owned if (output.name, p) not in apart]:
                for name, data in output.files(build, path).items():
                    staged.setdefault(None if output.portal_wide else path, []).extend(staging.put(name, data))
    return staged


def _copies(path: str, copies: Iterable[FileCopy], files: PublishedFiles, theme: Theme,
            staging: Staging) -> list[Staged]:
    """The portal's own files and the theme's assets, published into one site."""
    staged = []
    prefix = path + "/"
    for copy in copies:
        staged += staging.put(prefix + copy.site_path, files.output(copy))
    for asset in theme.assets.values():
        staged += staging.put(prefix + asset.site_path, asset.data)
    return staged
