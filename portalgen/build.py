"""``portalgen build``: check, resolve, plan, render and write every unit's site."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import multiprocessing
import os
import posixpath
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

from .buildstate import BuildState, build_options, fingerprint, forget_state, load_state, save_state
from .cache import Cache
from .check import CheckResult, check_loaded
from .dashboard_view import site_files as dashboard_files
from .load import LoadMemo, load_portal
from .render import RenderMemo, render_tree
from .resolve import SiteTree, resolve
from .themes import Theme, load_theme
from .writer import Manifest, Staging, WriteSummary, commit, intact


@dataclass(frozen=True)
class BuildResult:
    check: CheckResult
    units: int = 0
    pages: int = 0
    files: int = 0
    written: WriteSummary | None = None
    seconds: float = 0.0
    next_change: dt.datetime | None = None
    conversions: Mapping[str, int] = field(default_factory=dict)
    reused: bool = False  # nothing changed since the previous build into this output: no work done

    @property
    def built(self) -> bool:
        return self.written is not None


@dataclass
class Session:
    """What one process keeps between its builds of one portal into one output (``portalgen
    serve``): the records and content of unchanged files, the news pages made from unchanged
    content, the search indexes.  A build with a session writes exactly what one without writes."""

    load: LoadMemo = field(default_factory=LoadMemo)
    render: RenderMemo = field(default_factory=RenderMemo)
    theme: tuple[int, Theme] | None = None  # the theme, with the hash of what it was loaded from
    #: the previous build's record and output manifest, kept here rather than read from beside
    #: the output (the session's output is its own: nothing else writes it)
    state: BuildState | None = None
    manifest: Manifest | None = None

    def theme_for(self, root: Path, epoch: int) -> Theme:
        """The portal's theme, loaded again only when portalgen, the theme or portal.yaml changed."""
        if self.theme is None or self.theme[0] != epoch:
            theme = load_theme(root)
            for name in theme.environment.list_templates(extensions=["html"]):
                theme.environment.get_template(name)  # compiled here once, not at a rebuild
            self.theme = (epoch, theme)
        return self.theme[1]


def build_portal(root: Path, out: Path, now: dt.datetime, *, unit: str | None = None, strict: bool = False,
                 cache: Cache | None = None, jobs: int | None = None, shard: tuple[int, int] | None = None,
                 progress: Callable[[str], None] = lambda _: None, reuse: bool = True,
                 session: Session | None = None) -> BuildResult:
    """Check the portal; when it has no error, write every unit's site into ``out``.

    With ``reuse``, a build whose inputs and moment match the previous build into ``out`` (see
    :mod:`portalgen.buildstate`) returns that build's results and does nothing else.  With a
    ``session``, what did not change since its previous build is not read or rendered again.
    """
    started = time.perf_counter()
    cache = cache or Cache()
    if session is not None:
        previous = session.state if reuse else None
    else:
        previous = load_state(out) if reuse else None
    skip = [out] + ([cache.folder.parent] if cache.folder else [])
    options = build_options(root, strict, unit, shard)
    jobs = jobs or os.cpu_count() or 1
    if previous is None and session is None:
        # nothing to reuse: hash the inputs while loading, in another process when there are cores
        # for it (a thread would hold the GIL for the walk), else in a thread (hashing releases it)
        with _background(jobs) as hashing:
            fingerprinted = hashing.submit(fingerprint, root, skip, options, {})
            loaded = load_portal(root)
            key, stats = fingerprinted.result()
    else:
        key, stats = fingerprint(root, skip, options, previous.stats if previous else {})
        if previous is not None and previous.holds(key, now) and intact(out):
            return BuildResult(check=previous.check, units=previous.units, pages=previous.pages, files=previous.files,
                               written=WriteSummary(0, previous.files, 0), seconds=time.perf_counter() - started,
                               next_change=previous.next_change, reused=True)
        if session is not None:
            epoch, digests = _page_inputs(stats, (strict, unit, shard))
            session.load.reads.digests = digests
        loaded = load_portal(root, session.load if session is not None else None)
    forget_state(out)
    result = check_loaded(loaded, now, strict=strict, cache=cache)
    portal = loaded.portal
    del loaded  # the records as read (with field positions) served the check only
    if result.failed:
        return BuildResult(check=result)
    tree = resolve(portal, now)
    theme = session.theme_for(root, epoch) if session is not None else load_theme(root)
    staging = Staging(out, None if unit is None else lambda p: _owner(p, tree) == unit,
                      session.manifest if session is not None else None)
    try:
        if session is not None:
            session.render.pages.begin(epoch, digests)
        staged, pages = render_tree(root, tree, theme, cache, staging, jobs, progress, shard,
                                    session.render if session is not None else None)
        for path, data in sorted(dashboard_files(root, portal, result, tree, theme, shard).items()):
            staged += staging.put(path, data)
    except BaseException:
        staging.discard()
        raise
    if session is not None:
        session.manifest = None  # until the commit below has written the new one
    summary = commit(staging, staged)
    units = len(tree.sites) if unit is None else 1
    if shard is not None:
        units = len([i for i in range(len(tree.sites)) if i % shard[1] == shard[0] - 1])
    files = summary.written + summary.unchanged
    state = BuildState(key, now.date().isoformat(), now.isoformat(),
                       tree.next_change.isoformat() if tree.next_change else None, result, units, pages, files, stats)
    if session is not None:
        session.state, session.manifest = state, staging.manifest
    else:
        save_state(out, state)
    return BuildResult(check=result, units=units, pages=pages, files=files, written=summary,
                       seconds=time.perf_counter() - started, next_change=tree.next_change,
                       conversions=dict(cache.misses))


def _background(jobs: int) -> concurrent.futures.Executor:
    if jobs >= 2:
        return concurrent.futures.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    return concurrent.futures.ThreadPoolExecutor(1)


def _page_inputs(stats: Mapping[str, tuple[int, int, str]], options: tuple) -> tuple[int, dict[str, str]]:
    """What pages are made of besides content (portalgen's code, schemas, theme, portal.yaml and
    the options) as one hash, and each portal file's content hash (from the fingerprint)."""
    others = tuple((path, stat[2]) for path, stat in sorted(stats.items())
                   if not path.startswith("portal/") or path.startswith("portal/themes/") or path == "portal/portal.yaml")
    return hash((others, options)), {path[len("portal/"):]: stat[2] for path, stat in stats.items()
                                     if path.startswith("portal/")}


def _owner(path: str, tree: SiteTree) -> str:
    folder = posixpath.dirname(path)
    while folder and folder not in tree.sites:
        folder = posixpath.dirname(folder)
    return folder
