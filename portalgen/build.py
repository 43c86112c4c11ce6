"""``portalgen build``: check, resolve, plan, render and write every unit's site."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import importlib.metadata
import json
import posixpath
import time
from pathlib import Path
from typing import Any, Callable, Collection, Mapping

from . import lastgood, loadstore, parallel
from .buildstate import (
    BuildResult,
    BuildState,
    besides_content,
    build_options,
    fingerprint,
    forget_state,
    load_state,
    not_inputs,
    save_state,
)
from .cache import Cache
from .check import check_loaded
from .compliance import check_compliance
from .isolation import Decision, decide, held_problems
from .keptfiles import prune_objects
from .load import Loaded, LoadMemo, Portal, load_portal
from .pagestore import StoredPages, stored_pages
from .pagestore import kept_folder as _kept_folder
from .problems import CheckResult, Problem, sorted_problems
from .published import PublishedFiles
from .render import NoPageMemo, PageMemo, render_tree
from .resolve import SiteTree, resolve
from .searchstore import StoredSearchMemo
from .site_outputs import NoOutputMemo, OutputMemo, SiteBuild
from .sitestore import SiteMemo, StoredSites, site_keys
from .sources import Record, owner_of
from .theme_check import ThemeFailure
from .themes import Theme, load_theme
from .writer import Manifest, Staging, WriteSummary, commit


class Session:
    """What one process keeps between its builds of one portal into one output (``portalgen
    serve``): the records and content of unchanged files, the news pages made from unchanged
    content, the search indexes and exports, the theme, and the previous build's record and output
    manifest, kept here rather than read from beside the output (the session's output is its own:
    nothing else writes it).  A build with a session writes exactly what one without writes."""

    #: it needs each file's content hash before loading (to reuse what did not change)
    hashes_before_loading = True

    def __init__(self) -> None:
        self.load: LoadMemo | None = LoadMemo()
        self.pages: PageMemo = PageMemo()
        self.outputs: OutputMemo = OutputMemo()
        self.theme: tuple[int, Theme] | None = None  # the theme, with the hash of what it was loaded from
        self.state: BuildState | None = None
        self.manifest: Manifest | None = None
        self.epoch = 0  # the hash of what pages are made of besides content, in the current build

    def previous(self, out: Path) -> BuildState | None:
        """The record of the previous build into ``out``."""
        return self.state

    def begin(self, stats: Mapping[str, tuple[int, int, str]], options: tuple) -> None:
        """Start a build of inputs with these fingerprint entries and options (called before
        loading, with :attr:`hashes_before_loading`)."""
        self.epoch, digests = _page_inputs(stats, options)
        assert self.load is not None
        self.load.reads.digests = digests
        self.pages.begin(self.epoch, digests, self.load.holds)

    def pages_from(self, root: Path, cache: Cache, stats: Mapping[str, tuple[int, int, str]],
                   options: tuple) -> None:
        """Before rendering: where the pages of a previous build come from — the session's memory,
        and for its first build the pages and search indexes a build kept in the cache folder
        (read, not written: the session keeps its own in memory)."""
        if self.state is not None or self.pages.pages or cache.folder is None:
            return
        stored = stored_pages(cache.folder.parent, root, repr(options))
        if stored is not None:
            assert self.load is not None
            stored.begin_stored(_stable_epoch(stats, options), _content_hashes(stats), self.load.holds)
            self.pages = stored
            self.outputs.search = _stored_search(cache.folder.parent, root, stats, options, (), writes=False)

    def load_portal(self, root: Path, cache: Cache, stats: Mapping[str, tuple[int, int, str]],
                    prefetched: tuple[str, loadstore.KeptContent] | None = None) -> Loaded:
        """The portal loaded, reading and validating only the files that changed since the
        session's previous build (``prefetched``: what the cache folder keeps, read already, with
        its epoch)."""
        return load_portal(root, self.load)

    def stores_for(self, root: Path, cache: Cache, stats: Mapping[str, tuple[int, int, str]], options: tuple,
                   tree: SiteTree, decision: Decision, result: CheckResult) -> SiteMemo:
        """What a build keeps in the cache folder for the next: nothing in a session, which keeps
        its pages and search indexes in memory (so no site is kept whole)."""
        return SiteMemo()

    def theme_for(self, root: Path, cache: Cache) -> Theme:
        """The portal's theme, loaded again only when portalgen, the theme or portal.yaml changed."""
        if self.theme is None or self.theme[0] != self.epoch:
            theme = load_theme(root)
            for name in theme.environment.list_templates(extensions=["html"]):
                theme.environment.get_template(name)  # compiled here once, not at a rebuild
            self.theme = (self.epoch, theme)
        return self.theme[1]

    def last_good(self, root: Path, out: Path, cache: Cache) -> Path | None:
        """Where the last good versions are kept: in the cache folder, else (a preview without
        one) beside the session's own output."""
        if cache.folder is None:
            return out.parent / f".{out.name}.last-good"
        return lastgood.store_folder(cache.folder.parent, root)

    def keep(self) -> None:
        """Once the outputs made with the pages are made: nothing to write (a session keeps what
        it made in memory)."""

    def committing(self) -> None:
        """The output is about to change: the manifest kept is no longer true until :meth:`finish`."""
        self.manifest = None

    def finish(self, out: Path, state: BuildState, staging: Staging) -> None:
        """Keep the record of a build and the manifest it wrote (after a first build from the
        cache folder, its pages as the session's own)."""
        self.state, self.manifest = state, staging.manifest
        if isinstance(self.pages, StoredPages):
            memo = PageMemo()
            memo.begin(self.epoch, self.pages.digests, self.pages.loaded)
            memo.pages = dict(self.pages.kept)
            self.pages = memo
        if isinstance(self.outputs.search, StoredSearchMemo):
            self.outputs.search = self.outputs.search.in_memory()  # updated in place from now on


class OneBuild(Session):
    """The session of a build that keeps nothing in memory (the command line): the previous
    build's record is read from beside the output and the new one written there."""

    hashes_before_loading = False

    def __init__(self) -> None:  # noqa: D107 - nothing kept: the session's fields, empty
        self.load = None
        self.pages = NoPageMemo()
        self.outputs = NoOutputMemo()
        self.theme, self.state, self.manifest, self.epoch = None, None, None, 0
        self.kept: tuple[Path, str, loadstore.KeptContent, int] | None = None  # where, epoch, as read, entries gone

    def previous(self, out: Path) -> BuildState | None:
        return load_state(out)

    def begin(self, stats: Mapping[str, tuple[int, int, str]], options: tuple) -> None:
        pass

    def load_portal(self, root: Path, cache: Cache, stats: Mapping[str, tuple[int, int, str]],
                    prefetched: tuple[str, loadstore.KeptContent] | None = None) -> Loaded:
        """The portal loaded with the records and content of the files unchanged since the
        previous build with this cache folder (:mod:`portalgen.loadstore`; ``prefetched``: read
        already, with the epoch it was read for), kept there again with what the outputs make of
        them (:meth:`keep`)."""
        if cache.folder is None:
            return load_portal(root)
        folder = _kept_folder(cache.folder.parent, root)
        epoch = _stable_epoch(stats, ("load",))
        read = prefetched[1] if prefetched is not None and prefetched[0] == epoch else None
        read = read or loadstore.read_memo(folder, epoch)
        read.load.reads.digests = _content_hashes(stats)
        loaded = load_portal(root, read.load)
        self.kept = (folder, epoch, read, loadstore.forget_gone(read, loaded))
        self.outputs = _outputs_from(read)
        return loaded

    def keep(self) -> None:
        """Once the outputs made with the pages are made, while the workers may still render (or
        when the build stopped before): keep what it loaded, and what its outputs made of the
        items, for the next build (once)."""
        if self.kept is not None:
            folder, epoch, read, removed = self.kept
            self.kept = None
            search, exports = self.outputs.search, self.outputs.exports
            assert search.records is not None and exports is not None
            kept = loadstore.made_since(read, search.records[1], exports[1])  # this build's so far
            loadstore.save_memo(folder, epoch, kept, read, removed)

    def pages_from(self, root: Path, cache: Cache, stats: Mapping[str, tuple[int, int, str]],
                   options: tuple) -> None:
        """The news pages of the previous build with these options, from the cache folder (none
        with ``--no-cache``), kept there again after this one (:mod:`portalgen.pagestore`)."""
        stored = stored_pages(cache.folder.parent if cache.folder else None, root, repr(options))
        if stored is not None:
            loaded = self.kept[2].load.holds if self.kept is not None else (lambda item: False)
            stored.begin_stored(_stable_epoch(stats, options), _content_hashes(stats), loaded)
            self.pages = stored

    def stores_for(self, root: Path, cache: Cache, stats: Mapping[str, tuple[int, int, str]], options: tuple,
                   tree: SiteTree, decision: Decision, result: CheckResult) -> SiteMemo:
        """With a cache folder, each site's search index kept there, updated in place
        (:mod:`portalgen.searchstore`), and the sites of the previous build with these options
        kept whole, each reused when its inputs are unchanged (:mod:`portalgen.sitestore`; none
        when a unit is held back, its last good version published, or when a scan was left unread:
        a later build may read it)."""
        if cache.folder is None:
            return SiteMemo()
        self.outputs.search = _stored_search(cache.folder.parent, root, stats, options, tree.sites, writes=True,
                                             records=self.outputs.search.records)
        if decision.units or any(p.code in ("OCR_UNREAD", "OCR_UNAVAILABLE") for p in result.problems):
            return SiteMemo()
        epoch = _stable_epoch(stats, options)
        keys = site_keys(tree, _content_hashes(stats), epoch, decision.items)
        return StoredSites(_kept_folder(cache.folder.parent, root), repr(options), epoch, keys)

    def theme_for(self, root: Path, cache: Cache) -> Theme:
        """The portal's theme, its compiled templates kept in the cache folder."""
        return load_theme(root, cache.folder.parent / "templates" if cache.folder else None)

    def finish(self, out: Path, state: BuildState, staging: Staging) -> None:
        save_state(out, state)

    def last_good(self, root: Path, out: Path, cache: Cache) -> Path | None:
        """Where the last good versions are kept: in the cache folder (none with ``--no-cache``)."""
        return lastgood.store_folder(cache.folder.parent, root) if cache.folder else None


def _outputs_from(read: loadstore.KeptContent) -> OutputMemo:
    """The outputs' memo as a previous build kept it: what they made of each item, to reuse for
    the items loaded from the same memo (the same objects exactly when their files are unchanged)."""
    memo = OutputMemo()
    memo.search.records = (read.records, {})
    memo.exports = (read.exports, {})
    return memo


def build_portal(root: Path, out: Path, now: dt.datetime, *, unit: str | None = None, strict: bool = False,
                 cache: Cache | None = None, jobs: int | None = None, shard: tuple[int, int] | None = None,
                 progress: Callable[[str], None] = lambda _: None, reuse: bool = True,
                 session: Session | None = None) -> BuildResult:
    """Check the portal; when it has no error, write every unit's site into ``out``.

    With ``reuse``, a build whose inputs and moment match the previous build into ``out`` (see
    :mod:`portalgen.buildstate`) returns that build's results and does nothing else.  With a
    ``session``, what did not change since its previous build is not read or rendered again.
    """
    session = session or OneBuild()
    with parallel.long_lived_objects(), parallel.background_writes(parallel.default_jobs(jobs)):
        result = _build(root, out, now, unit, strict, cache or Cache(), parallel.default_jobs(jobs), shard, progress,
                        reuse, session)
        session.keep()
        return result


def _build(root: Path, out: Path, now: dt.datetime, unit: str | None, strict: bool, cache: Cache, jobs: int,
           shard: tuple[int, int] | None, progress: Callable[[str], None], reuse: bool,
           session: Session) -> BuildResult:
    started = time.perf_counter()
    previous = session.previous(out) if reuse else None
    skip = not_inputs(out, cache.folder.parent if cache.folder else None)
    options = build_options(root, strict, unit, shard)
    if previous is None and not session.hashes_before_loading and cache.folder is None:
        key, stats, loaded = _hash_while_loading(root, skip, options, jobs)
    else:
        if previous is None and not session.hashes_before_loading and cache.folder is not None:
            key, stats, prefetched = _hash_while_reading(root, skip, options, jobs, cache.folder.parent)
        else:
            key, stats = fingerprint(root, skip, options, previous.stats if previous else {})
            prefetched = None
            if previous is not None and previous.reusable(key, now, out):
                return previous.result(started)
        session.begin(stats, (strict, unit, shard))
        loaded = session.load_portal(root, cache, stats, prefetched)
    forget_state(out)
    session.pages_from(root, cache, stats, (strict, unit, shard))
    checked = check_loaded(loaded, now, strict=strict, cache=cache)
    result = own_problems(checked, unit)
    decision = decide(checked.problems, loaded.records, loaded.portal)
    if result.config_failed or decision.stops or (strict and result.failed):
        return BuildResult(check=result)
    assert loaded.portal is not None  # (a portal that did not load fails its check)
    store = lastgood.open_store(session.last_good(root, out, cache))
    restored = lastgood.restore(loaded.portal, decision, store)
    digests = _content_hashes(stats)
    good = lastgood.good_records(loaded.portal, loaded.records, decision, store, digests)
    parents = lastgood.parents_of(loaded.portal)
    published = _as_published(checked, restored.portal, now, loaded.records) if decision.holds_any else checked
    result = own_problems(with_problems(published, _held(decision, restored.kept, loaded.records)), unit)
    portal = restored.portal
    del loaded  # the records as read (with field positions) served the check only
    tree = resolve(portal, now)
    try:
        sites = session.stores_for(root, cache, stats, (strict, unit, shard), tree, decision, result)
        site_build = SiteBuild(root, tree, session.theme_for(root, cache), PublishedFiles(root, cache, restored.files),
                               portal, result, shard, session.outputs)
        staging = Staging(out, None if unit is None else lambda p: _owner(p, tree) == unit, session.manifest)
        summary, pages = _write(site_build, staging, jobs, progress, session, sites)
        result = with_problems(result, site_build.files.unread)
    except ThemeFailure as failure:  # the output is as it was (see _write)
        return BuildResult(check=with_problems(result, failure.problems))
    units, files = _units(tree, unit, shard), summary.written + summary.unchanged
    state = BuildState(key, now.date().isoformat(), now.isoformat(),
                       tree.next_change.isoformat() if tree.next_change else None, result, units, pages, files, stats)
    session.finish(out, state, staging)
    lastgood.save(root, store, good, parents, decision, digests)
    return BuildResult(check=result, units=units, pages=pages, files=files, written=summary,
                       seconds=time.perf_counter() - started, next_change=tree.next_change,
                       conversions=dict(cache.misses))


def _hash_while_loading(root: Path, skip: list[Path], options: Mapping[str, Any],
                        jobs: int) -> tuple[str, dict[str, tuple[int, int, str]], Loaded]:
    """The inputs' fingerprint and the loaded portal, with nothing to reuse: the inputs are hashed
    while loading, in another process when there are cores for it (a thread would hold the GIL
    for the walk), else in a thread (hashing releases it)."""
    with parallel.beside(jobs) as hashing:
        fingerprinted = hashing.submit(fingerprint, root, skip, options, {})
        loaded = load_portal(root)
        key, stats = fingerprinted.result()
    return key, stats, loaded


def _hash_while_reading(root: Path, skip: list[Path], options: Mapping[str, Any], jobs: int,
                        cache_root: Path) -> tuple[str, dict[str, tuple[int, int, str]],
                                                   tuple[str, loadstore.KeptContent]]:
    """The inputs' fingerprint, with no previous build to compare with (a CI run): the content is
    hashed in another process when there are cores for it (else a thread) while this one reads
    what the cache folder keeps of it, for the epoch of the few files besides the content, hashed
    here first (a file changed meanwhile makes the epochs differ: it is then read again)."""
    with parallel.beside(jobs) as hashing:
        fingerprinted = hashing.submit(fingerprint, root, skip, options, {})
        epoch = _stable_epoch(besides_content(root, skip), ("load",))
        read = (epoch, loadstore.read_memo(_kept_folder(cache_root, root), epoch))
        key, stats = fingerprinted.result()
    return key, stats, read


def _write(build: SiteBuild, staging: Staging, jobs: int, progress: Callable[[str], None],
           session: Session, sites: SiteMemo) -> tuple[WriteSummary, int]:
    """Render every site into the staging folder, then move it into place: what was written, and
    the number of pages.  A failure leaves the output as it was."""
    try:
        staged, pages = render_tree(build, staging, jobs, progress, session.pages, sites=sites, made=session.keep)
    except BaseException:
        staging.discard()
        raise
    _prune(session.pages, sites)
    session.committing()
    return commit(staging, staged), pages


def _prune(pages: PageMemo, sites: SiteMemo) -> None:
    """Once the tables of kept pages and sites are written, remove the objects none of them names
    (by a forked writer while the build goes on; it waits for it before it returns)."""
    for folder in sorted({folder for folder in (pages.stale_objects_in, sites.stale_objects_in) if folder}):
        parallel.in_background(functools.partial(prune_objects, folder))


def with_problems(result: CheckResult, problems: tuple[Problem, ...]) -> CheckResult:
    """A check's result with more problems (in report order, none twice)."""
    return dataclasses.replace(result, problems=tuple(sorted_problems((*result.problems, *problems))))


def own_problems(result: CheckResult, unit: str | None) -> CheckResult:
    """A check's result as a build of one unit (``--unit``) judges it: that unit's own problems and
    the portal-wide ones; another unit's problems never fail it."""
    if unit is None or result.config_failed:
        return result
    return dataclasses.replace(result, problems=tuple(p for p in result.problems if p.unit in (unit, "")),
                               units=tuple(u for u in result.units if u.path == unit))


def _as_published(result: CheckResult, portal: Portal, now: dt.datetime,
                  records: Mapping[str, Record]) -> CheckResult:
    """A check's result with the unmet obligations of the portal as published (held records in
    their last good version), not as it is on disk."""
    unit_paths = _unit_paths(records)
    found = [dataclasses.replace(p, unit=owner_of(p.source.path, unit_paths)) for p in check_compliance(portal, now)]
    kept = tuple(p for p in result.problems if not p.code.startswith("COMPLIANCE_"))
    return dataclasses.replace(result, problems=tuple(sorted_problems((*kept, *found))))


def _held(decision: Decision, kept: frozenset[str], records: Mapping[str, Record]) -> tuple[Problem, ...]:
    """What the build held back, one problem per record, each in its unit (an item of a held unit
    is not named: the unit is)."""
    unit_paths = _unit_paths(records)
    found = (dataclasses.replace(p, unit=owner_of(p.source.path, unit_paths))
             for p in held_problems(decision, kept, records))
    return tuple(p for p in found if p.source.path.endswith("/unit.yaml") or p.unit not in decision.units)


def _unit_paths(records: Mapping[str, Record]) -> set[str]:
    return {posixpath.dirname(path) for path, record in records.items() if record.kind == "unit"}


def _units(tree: SiteTree, unit: str | None, shard: tuple[int, int] | None) -> int:
    """How many units' sites a build writes."""
    if shard is not None:
        return len([i for i in range(len(tree.sites)) if i % shard[1] == shard[0] - 1])
    return len(tree.sites) if unit is None else 1


def _content_hashes(stats: Mapping[str, tuple[int, int, str]]) -> dict[str, str]:
    """Each portal file's content hash (from the fingerprint), by portal path."""
    return {path[len("portal/"):]: stat[2] for path, stat in stats.items() if path.startswith("portal/")}


def _page_inputs(stats: Mapping[str, tuple[int, int, str]], options: tuple) -> tuple[int, dict[str, str]]:
    """What pages are made of besides content (portalgen's code, schemas, theme, portal.yaml and
    the options) as one hash, and each portal file's content hash (from the fingerprint)."""
    others = tuple((path, stat[2]) for path, stat in sorted(stats.items()) if not path.startswith("portal/")
                   or path.startswith("portal/themes/") or path == "portal/portal.yaml")
    return hash((others, options)), {path[len("portal/"):]: stat[2] for path, stat in stats.items()
                                     if path.startswith("portal/")}


def _stable_epoch(stats: Mapping[str, tuple[int, int, str]], options: tuple) -> str:
    """:func:`_page_inputs`' hash of what pages are made of besides content, the same in every
    process (for what the cache folder keeps), with the versions of the libraries that make the
    pages' bytes (an upgrade in CI makes them anew)."""
    others = [[path, stat[2]] for path, stat in sorted(stats.items()) if not path.startswith("portal/")
              or path.startswith("portal/themes/") or path == "portal/portal.yaml"]
    payload = [others, repr(options), _library_versions()]
    return hashlib.sha256(json.dumps(payload).encode("utf-8", "surrogateescape")).hexdigest()


#: The libraries whose versions decide the bytes of a page, a search index or a converted file.
PAGE_LIBRARIES = ("jinja2", "markupsafe", "markdown-it-pyrs", "markdown-it-py", "mdit-py-plugins",
                  "linkify-it-py", "nh3", "pyyaml", "jsonschema", "pillow", "pypdf", "mammoth", "pypdfium2")


@functools.cache
def _library_versions() -> list[str]:
    found = []
    for name in PAGE_LIBRARIES:
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name} -")
    return found


def _stored_search(cache_root: Path, root: Path, stats: Mapping[str, tuple[int, int, str]], options: tuple,
                   sites: Collection[str], writes: bool, records: tuple[dict, dict] | None = None) -> StoredSearchMemo:
    """The search indexes kept in the cache folder for builds with these options (``records``:
    the news records of the previous build, from :mod:`portalgen.loadstore`)."""
    named = hashlib.sha256(repr(options).encode()).hexdigest()[:12]
    return StoredSearchMemo(_kept_folder(cache_root, root) / f"search-{named}", _stable_epoch(stats, options),
                            sites, writes, records)


def _owner(path: str, tree: SiteTree) -> str:
    folder = posixpath.dirname(path)
    while folder and folder not in tree.sites:
        folder = posixpath.dirname(folder)
    return folder
