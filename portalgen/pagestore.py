"""The pages of the previous command-line build, kept in the cache folder for the next one.

A CI run starts from a fresh checkout (every modification time new) and an empty output folder,
with the cache folder restored.  What lets it skip rendering is kept there, per portal (named like
its last good versions, :func:`portalgen.lastgood.store_folder`) in ``pages/``:

- ``keys-<options>.json``: for every news article and news list page, the key it was made from
  (:class:`portalgen.context.PageKeys`, a hash of everything it shows, the same in every process),
  its output file, that file's content hash and the portal files the page publishes; valid only
  for the same portalgen version and the same code, theme, schemas, ``portal.yaml`` and options
  (the *epoch*), else ignored;
- ``objects/``: the pages' bytes, named by their SHA-256.  A page is taken from there only when its
  bytes still have that hash (a damaged object is rendered again), linked into the staging folder
  (copied across file systems).  After each build, objects no key file names are removed.

The key files begin with the SHA-256 of what follows: a damaged one is ignored.  Beside them,
:mod:`portalgen.sitestore` keeps whole sites (sharing ``objects/``), :mod:`portalgen.searchstore`
the search indexes and :mod:`portalgen.loadstore` what loading made of each file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Collection, Iterable, Mapping

from . import __version__, lastgood
from .context import FileCopy, PageKeys, PlanPart, SitePlan
from .keptfiles import read_checked, write_checked
from .render import PageMemo, _Kept, pages_by_site
from .writer import Staged, Staging, Stamp

FOLDER = "pages"
FORMAT = 2


class StoredPages(PageMemo):
    """A page memo read from and written to ``folder`` (see the module's docstring)."""

    def __init__(self, folder: Path, options: str) -> None:
        super().__init__()
        self.folder = folder
        self.table = folder / f"keys-{hashlib.sha256(options.encode()).hexdigest()[:12]}.json"
        self.objects = folder / "objects"
        self.epoch_key = ""
        self.kept: dict[tuple[str, str], _Kept] = {}
        self.previous: dict[tuple[str, str], _Kept] = {}  # as read from the key file
        self.stamps: dict[str, tuple[int, int]] = {}  # each object's size and modification time when kept

    def begin_stored(self, epoch: str, digests: Mapping[str, str], loaded: Callable[[Any], bool]) -> None:
        """Start a build whose other inputs hash to ``epoch``: read the keys of the previous one.
        ``loaded(item)``: whether an item is the one built from its file as it is (then its path
        and the file's content hash stand for it in a page key)."""
        self.epoch_key, self.digests, self.loaded = epoch, digests, loaded
        self.kept, self.stamps = _read_table(self.table, epoch)
        self.previous = self.kept

    def keys(self, site: str, staging: Staging, found: dict[str, Staged]) -> PageKeys:
        def reusable(here: str, key: int) -> bool:
            kept = self.kept.get((site, here))
            if kept is None or kept.key != key:
                return False
            entry = self._restore(kept, staging)
            if entry is not None:
                found[here] = entry
            return entry is not None

        return PageKeys(lambda path: self.digests.get(path, ""), reusable, {}, {}, {}, frozenset(), self._identity)

    def _restore(self, kept: _Kept, staging: Staging) -> Staged | None:
        """The page's file staged from its object (or as it is in the output), None when the
        object is missing or damaged or the build does not write that file."""
        in_place = staging.written_on_disk(kept.path, kept.digest) if staging.previous else None
        if in_place is not None:
            return in_place
        source = self._object(kept.digest)
        stamp = _stamp(source)
        try:
            if stamp is None or stamp != self.stamps.get(kept.digest):
                with open(source, "rb") as stream:
                    if hashlib.file_digest(stream, "sha256").hexdigest() != kept.digest:
                        os.unlink(source)  # rendered and kept again by this build
                        return None
        except OSError:
            return None
        return staging.link(kept.path, kept.digest, source, stamp)

    def learn(self, plan: Callable[[str, PlanPart, PageKeys], SitePlan], parts: Iterable[tuple[str, PlanPart]]) -> None:
        """Nothing to learn: the workers' keys come back with their pages."""

    def reused(self, site: str, here: str) -> _Kept:
        return self.kept[(site, here)]

    def stored(self, entry: Staged, data: bytes, staging: Staging) -> None:
        """Keep a rendered page's bytes as an object (linked from the staging folder when it is there)."""
        target = Path(self._object(entry.digest))
        if target.exists():
            return
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if entry.changed:
                try:
                    os.link(staging.folder / entry.path, target)
                    return
                except OSError:
                    pass
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, target)
        except OSError:
            pass  # a page not kept is rendered again next time

    def kept_whole(self, sites: Collection[str]) -> list[tuple[str, tuple[_Kept, ...]]]:
        """The pages of the sites kept whole, as the key file has them."""
        return pages_by_site(self.previous, sites)

    def remember(self, sites_and_kept: Iterable[tuple[str, tuple[_Kept, ...]]],
                 stamps: Mapping[str, Stamp] | None = None) -> None:
        """Write the keys of this build's pages (kept in :attr:`kept` too), with their objects'
        stamps (``stamps``: those the staged pages linked from or to them carry; the others are
        looked up); the objects no table names are removed once the build's tables are written
        (:func:`portalgen.build._prune`)."""
        self.kept = {(site, kept.here): kept for site, entries in sites_and_kept for kept in entries}
        seen = stamps or {}
        stamps = {digest: stamp for digest in sorted({kept.digest for kept in self.kept.values()})
                  if (stamp := seen.get(digest) or _stamp(self._object(digest))) is not None}
        try:
            if self.kept != self.previous or stamps != self.stamps:
                self.folder.mkdir(parents=True, exist_ok=True)
                rows = sorted([site, here, format(kept.key, "x"), kept.path, kept.digest,
                               [[c.site_path, c.source, c.variant] for c in kept.copies]]
                              for (site, here), kept in self.kept.items())
                write_checked(self.table, {**self._header(), "pages": rows,
                                           "stamps": {digest: list(stamp) for digest, stamp in stamps.items()}})
                self.stale_objects_in = self.folder
        except OSError:
            pass

    def _header(self) -> dict[str, object]:
        return {"format": FORMAT, "version": __version__, "epoch": self.epoch_key}

    def _object(self, digest: str) -> str:
        return f"{self.objects}/{digest[:2]}/{digest}"


def _current(data: Mapping[str, object], epoch: str) -> bool:
    return data["format"] == FORMAT and data["version"] == __version__ and data["epoch"] == epoch


def _stamp(path: str) -> tuple[int, int] | None:
    """A file's size and modification time: an object whose stamp is the one recorded when it was
    kept (or last verified) was not written since, and is taken without hashing it again."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def _read_table(table: Path, epoch: str) -> tuple[dict[tuple[str, str], _Kept], dict[str, tuple[int, int]]]:
    """The pages of the key file and the stamps of their objects, when it is whole, of this
    version and of ``epoch``; else none."""
    try:
        data = read_checked(table)
        if not _current(data, epoch):
            return {}, {}
        pages = {(str(site), str(here)): _Kept(str(here), int(key, 16), str(path), str(digest),
                                                tuple(FileCopy(str(a), str(b), str(c)) for a, b, c in copies))
                 for site, here, key, path, digest, copies in data["pages"]}
        return pages, {str(digest): (int(size), int(moment)) for digest, (size, moment) in data["stamps"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}, {}


def kept_folder(cache_root: Path, root: Path) -> Path:
    """Where the cache folder keeps the pages (and what loading keeps) of the portal at ``root``."""
    return cache_root / FOLDER / lastgood.store_folder(cache_root, root).name


def stored_pages(cache_root: Path | None, root: Path, options: str) -> StoredPages | None:
    """The stored pages of the portal at ``root`` in the cache folder, or None without one."""
    if cache_root is None:
        return None
    return StoredPages(kept_folder(cache_root, root), options)
