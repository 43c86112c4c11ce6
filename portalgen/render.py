"""Render every output file of the planned sites into the staging folder, in parallel processes.

After planning, sites and their pages are independent: the work is cut into tasks (a slice of
one site's pages, its search index, its feeds and exports) that forked worker processes run.
Each task renders its files and hands them to :class:`portalgen.writer.Staging`, which writes
only new and changed bytes; workers return the content hashes, never the bytes, so neither the
parent nor a worker ever holds the whole output in memory.  Copies of the portal's own files
(images, attachments) are published by the parent meanwhile, through the conversion cache.
"""

from __future__ import annotations

import gc
import multiprocessing
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

from . import decap, outputs, urls
from .cache import Cache
from .context import SitePlan, plan_site
from .deploy.htaccess import htaccess
from .markup import render_many
from .published import PublishedFiles
from .resolve import SiteTree
from .search import INDEX_DIR, SearchRecord, UnitEntry, build_index, site_records
from .themes import Theme
from .writer import Staged, Staging

#: Pages per task: small enough to balance two workers, large enough to amortise the hand-over.
PAGES_PER_TASK = 250
#: Below this many searchable items (about as many pages) forking workers costs more than it saves.
PARALLEL_FROM_ITEMS = 500


@dataclass(frozen=True)
class _Task:
    kind: str  # "search", "pages" or "outputs"
    site: str
    start: int = 0
    stop: int = 0


@dataclass(frozen=True)
class _Job:
    """Everything the tasks read; forked workers inherit it."""

    tree: SiteTree
    theme: Theme
    plans: Mapping[str, SitePlan]
    records: Mapping[str, list[SearchRecord]]
    staging: Staging
    tasks: tuple[_Task, ...]

    def run(self, number: int) -> list[Staged]:
        task = self.tasks[number]
        prefix = task.site + "/"
        if task.kind == "search":
            files = _search_index(self.tree, task.site, self.records)
        elif task.kind == "pages":
            render = self.theme.render
            files = {prefix + urls.output_file(page.site_path): render(page.template, page.context).encode("utf-8")
                     for page in self.plans[task.site].pages[task.start:task.stop]}
        else:
            html_paths = [page.site_path for page in self.plans[task.site].pages]
            files = _machine_outputs(self.tree, task.site, html_paths)
        return [entry for path, data in files.items() for entry in self.staging.put(path, data)]


_JOB: _Job | None = None  # the job forked workers inherit


def _run_in_worker(number: int) -> list[Staged]:
    assert _JOB is not None
    return _JOB.run(number)


class _Workers:
    """Forked processes running every task of one job; ``results()`` waits for them."""

    def __init__(self, job: _Job, processes: int) -> None:
        global _JOB
        _JOB = job  # the processes are forked now, each with this job
        gc.freeze()  # the workers' garbage collector leaves the inherited objects (and their pages) alone
        try:
            self.pool = multiprocessing.get_context("fork").Pool(processes)
        finally:
            gc.unfreeze()
            _JOB = None
        self.pending = self.pool.map_async(_run_in_worker, range(len(job.tasks)), chunksize=1)

    def results(self) -> list[Staged]:
        try:
            return [entry for result in self.pending.get() for entry in result]
        finally:
            self.pool.terminate()


def render_tree(root: Path, tree: SiteTree, theme: Theme, cache: Cache, staging: Staging, jobs: int = 1,
                progress: Callable[[str], None] = lambda _: None,
                shard: tuple[int, int] | None = None) -> tuple[list[Staged], int]:
    """Stage every output file of every site and return them with the number of pages.

    Search indexes (the longest tasks) start first, in a worker of their own, while the parent
    plans the pages; then ``jobs`` workers render the pages and feeds.  With ``shard=(k, n)`` only
    the k-th of n disjoint parts: the sites whose position in path order is k-1 modulo n, and the
    portal-wide files in part 1.
    """
    files = PublishedFiles(root, cache)
    texts = {"vi": theme.texts("vi"), "en": theme.texts("en")}
    assets = {name: asset.site_path for name, asset in theme.assets.items()}
    owned = [p for i, p in enumerate(sorted(tree.sites)) if shard is None or i % shard[1] == shard[0] - 1]
    render_many([item.body for path in owned for section in ("news", "pages", "consultations", "procurement")
                 for item in getattr(tree.sites[path].content, section)], jobs, cache)
    needed = {p for p in tree.sites if any(p == o or p.startswith(o + "/") for o in owned)}
    records = {path: site_records(tree.sites[path], files.attachment_text) for path in sorted(needed)}
    in_scope = {path: sum(len(records[p]) for p in needed if p == path or p.startswith(path + "/")) for path in owned}
    search = _Job(tree, theme, {}, records, staging,
                  tuple(_Task("search", path) for path in sorted(owned, key=lambda p: (-in_scope[p], p))))
    parallel = jobs >= 2 and sum(in_scope.values()) >= PARALLEL_FROM_ITEMS
    searching = _Workers(search, 1) if parallel else None
    staged: list[Staged] = []
    try:
        plans = {path: plan_site(tree, tree.sites[path], texts, assets, files.image_size, files.info)
                 for path in owned}
        files.prepare([copy for plan in plans.values() for copy in plan.copies.values()], jobs)
        rendering = _Job(tree, theme, plans, records, staging, _tasks(plans))
        if parallel:
            workers = _Workers(rendering, jobs)
            staged += _copies(plans, files, theme, staging, progress)
            staged += workers.results()
            staged += searching.results()
        else:
            staged += _copies(plans, files, theme, staging, progress)
            for job in (search, rendering):
                staged += [entry for number in range(len(job.tasks)) for entry in job.run(number)]
    finally:
        if searching is not None:
            searching.pool.terminate()
    for path in plans:
        staged += [entry for name, data in decap.site_admin(root, tree, path).items()
                   for entry in staging.put(name, data)]
    if shard is None or shard[0] == 1:
        staged += staging.put("sitemap.xml", outputs.sitemap_index(tree))
    return staged, sum(len(plan.pages) for plan in plans.values())


def _tasks(plans: Mapping[str, SitePlan]) -> tuple[_Task, ...]:
    """Pages in slices, then each site's feeds, sitemap and exports."""
    tasks = []
    for path, plan in plans.items():
        tasks += [_Task("pages", path, start, start + PAGES_PER_TASK)
                  for start in range(0, len(plan.pages), PAGES_PER_TASK)]
    tasks += [_Task("outputs", path) for path in plans]
    return tuple(tasks)


def _copies(plans: Mapping[str, SitePlan], files: PublishedFiles, theme: Theme, staging: Staging,
            progress: Callable[[str], None]) -> list[Staged]:
    """The portal's own files and the theme's assets, published into each site."""
    staged = []
    for path, plan in plans.items():
        progress(path)
        prefix = path + "/"
        for copy in plan.copies.values():
            staged += staging.put(prefix + copy.site_path, files.output(copy))
        for asset in theme.assets.values():
            staged += staging.put(prefix + asset.site_path, asset.data)
    return staged


def _search_index(tree: SiteTree, path: str, records: Mapping[str, list]) -> dict[str, bytes]:
    """The search index of a site: its own records and those of every unit below it."""
    scope = [p for p in sorted(tree.sites) if p == path or p.startswith(path + "/")]
    units = [UnitEntry(p, tree.sites[p].unit.name) for p in scope]
    index = build_index((r for p in scope for r in records[p]), units, urls.SEARCH,
                        lambda record: tree.link(path, urls.SEARCH, record.unit, record.path))
    return {f"{path}/{INDEX_DIR}{name}": data for name, data in index.items()}


def _machine_outputs(tree: SiteTree, path: str, html_paths: list[str]) -> dict[str, bytes]:
    """Feeds, sitemap, robots.txt and JSON exports of one site."""
    site = tree.sites[path]
    prefix = path + "/"
    name = site.unit.name
    result = {prefix + urls.RSS: outputs.rss(site, name, site.news, urls.RSS, urls.NEWS),
              prefix + urls.ATOM: outputs.atom(site, name, site.news, urls.ATOM, urls.NEWS),
              prefix + "sitemap.xml": outputs.sitemap(site, html_paths),
              prefix + "robots.txt": outputs.robots(site),
              prefix + ".htaccess": htaccess(site.url, [s.url for s in tree.sites.values()])}
    for key, label in tree.config.news_categories.items():
        items = [n for n in site.news if n.category == key]
        if items:
            base = urls.news_category(key)
            result[prefix + base + urls.RSS] = outputs.rss(site, f"{name} – {label}", items, base + urls.RSS, base)
    result.update({prefix + p: data for p, data in outputs.exports(site, tree).items()})
    return result
