"""Each site's search index as the previous command-line build left it, kept in the cache folder.

A site's search index is the largest piece of work a commit to a large site repeats: every item's
terms counted, every shard written.  :class:`portalgen.search.SearchIndex` can instead be updated
in place (``portalgen serve`` does: only the changed items' terms, only the shards holding them),
so a build with a cache folder keeps each site's index in
``<cache>/pages/<portal>/search-<options>/<site>.pickle``, with the changes since it was written
in ``<site>-changes.pickle`` (:func:`portalgen.keptfiles.write_tables`).  The next build updates
the kept index with what changed (in a worker, while this process makes the other outputs:
:meth:`StoredSearchMemo.updates_apart`) and writes every file of it into the output; the bytes
are those of an index made whole (``tests/test_search_terms.py``, ``tests/test_ci_rebuild.py``).  The news items'
records (turning Markdown into text is the other large part) are kept with the load memo, each
with the item it was made from (:mod:`portalgen.loadstore`).

Each file begins with the SHA-256 of what follows and the epoch (portalgen's code, the schemas,
the theme, ``portal.yaml``, the options): a damaged file or one of another epoch is ignored and
the index made whole.  Only the indexes of the sites this build made are written (by a forked
writer while the build goes on, :func:`portalgen.parallel.in_background`); the files of sites
that are gone are removed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Collection

from . import urls
from .keptfiles import KeptTables, changes_file, pickle_epoch, read_tables, write_tables
from .parallel import in_background
from .search import SearchIndex, UnitEntry
from .site_search import SearchMemo

#: The parts of an index's state (:meth:`SearchIndex.__getstate__`), each kept as a table.
_STATE = tuple(vars(SearchIndex([], "")))


class StoredSearchMemo(SearchMemo):
    """The search indexes kept in ``folder`` for ``epoch``; ``sites``: every site of the portal
    (the indexes of others are removed); ``writes``: whether the build keeps its own there (a
    preview session only reads them, for its first build); ``records``: the news records of the
    previous build to start from (see :class:`SearchMemo`)."""

    def __init__(self, folder: Path, epoch: str, sites: Collection[str], writes: bool = True,
                 records: tuple[dict, dict] | None = None) -> None:
        super().__init__()
        self.folder, self.epoch, self.sites, self.writes = folder, epoch, frozenset(sites), writes
        if records is not None:
            self.records = records
        self.loaded: dict[str, SearchIndex | None] = {}  # the kept indexes read so far
        self.tables: dict[str, KeptTables] = {}  # each as read (its changes since are written)

    def updates(self, site: str) -> bool:
        """Whether an index of ``site`` is kept (else the workers count its terms first): its
        file names this epoch.  It is read and checked whole only when the index is made, while
        the workers render; a damaged one is then made whole in this process."""
        if site in self.loaded:
            return self.loaded[site] is not None
        return pickle_epoch(self._file(site)) == self.epoch

    def updates_apart(self, site: str) -> bool:
        """A kept index is read, updated and kept again by a worker when this build keeps its own."""
        return self.writes and self.updates(site)

    def keep_now(self, site: str) -> None:
        write_tables(self._file(site), self.epoch, self.indexes[site].__getstate__(), self._read_as(site))

    def _read_as(self, site: str) -> KeptTables | None:
        """The index of ``site`` as read, when this build updated that one (its changes are written)."""
        return self.tables.get(site) if self.loaded.get(site) is self.indexes[site] else None

    def index(self, site: str, units: list[UnitEntry], counted: bool = False) -> SearchIndex:
        index = None if counted else self._kept(site)
        if index is None or index.units != units:
            index = SearchIndex(units, urls.SEARCH, incremental=not counted)
        self.indexes[site] = index
        return index

    def _kept(self, site: str) -> SearchIndex | None:
        if site not in self.loaded:
            read = read_tables(self._file(site), self.epoch, _STATE)
            self.loaded[site] = SearchIndex.kept_from(read.tables) if read is not None else None
            if read is not None:
                self.tables[site] = read
        return self.loaded[site]

    def in_memory(self) -> SearchMemo:
        """A memo of the same indexes that keeps them in memory only (a preview session's)."""
        memo = SearchMemo()
        memo.indexes, memo.texts, memo.records = dict(self.indexes), self.texts, self.records
        return memo

    def finish(self) -> None:
        """End a build (see :meth:`SearchMemo.finish`) and keep the indexes it made."""
        super().finish()
        if not self.writes:
            return
        indexes = [(site, index.__getstate__(), self._read_as(site)) for site, index in sorted(self.indexes.items())]

        def write() -> None:
            for site, state, read in indexes:
                write_tables(self._file(site), self.epoch, state, read)

        in_background(write)
        kept = {name for site in self.sites for name in (self._file(site).name, changes_file(self._file(site)).name)}
        for found in self.folder.glob("*.pickle"):
            if found.name not in kept:
                found.unlink(missing_ok=True)

    def _file(self, site: str) -> Path:
        return self.folder / f"{hashlib.sha256(site.encode('utf-8', 'surrogateescape')).hexdigest()[:24]}.pickle"
