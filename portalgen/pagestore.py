"""The pages of the previous command-line build, kept in the cache folder for the next one.

A CI run starts from a fresh checkout (every modification time new) and an empty output folder,
with the cache folder restored.  What lets it skip rendering is kept there, per portal (named like
its last good versions, :func:`portalgen.lastgood.store_folder`) in ``pages/``:

- ``keys-<options>.json``: for every news article and news list page, the key it was made from
  (:class:`portalgen.context.PageKeys`, a hash of everything it shows, the same in every process),
  its output file, that file's content hash and the portal files the page publishes; valid only
  for the same portalgen version and the same code, theme, schemas, ``portal.yaml`` and options
  (the *epoch*), else ignored;
- ``terms-0.json`` … ``terms-f.json``: each search item's terms with their scores and its
  passages, by a hash of its record (:class:`portalgen.search.TermsMemo`), for the same version
  and epoch, in 16 files by the hash's first digit (a file is written again only when its items
  changed);
- ``objects/``: the pages' bytes, named by their SHA-256.  A page is taken from there only when its
  bytes still have that hash (a damaged object is rendered again), linked into the staging folder
  (copied across file systems).  After each build, objects no key file names are removed.

The key files and the terms files begin with the SHA-256 of what follows: a damaged one is ignored.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Callable, Collection, Iterable, Mapping

from . import __version__, lastgood
from .context import FileCopy, PageKeys, PlanPart, SitePlan
from .keptfiles import prune_objects, read_checked, write_checked
from .render import PageMemo, _by_site, _Kept
from .search import TermsMemo
from .writer import Staged, Staging

FOLDER = "pages"
FORMAT = 1
TERM_SHARDS = "0123456789abcdef"


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
        self.terms = TermsMemo()
        self.keep_unused_terms = False  # set when sites were kept whole: their items' terms stay

    def begin_stored(self, epoch: str, digests: Mapping[str, str]) -> None:
        """Start a build whose other inputs hash to ``epoch``: read the keys of the previous one."""
        self.epoch_key, self.digests = epoch, digests
        self.kept = self.previous = _read_table(self.table, epoch)
        self.terms = TermsMemo({key: found for shard in TERM_SHARDS
                                for key, found in _read_terms(self._terms_file(shard), epoch).items()})

    def keys(self, site: str, staging: Staging, found: dict[str, Staged]) -> PageKeys:
        def reusable(here: str, key: int) -> bool:
            kept = self.kept.get((site, here))
            if kept is None or kept.key != key:
                return False
            entry = self._restore(kept, staging)
            if entry is not None:
                found[here] = entry
            return entry is not None

        return PageKeys(lambda path: self.digests.get(path, ""), reusable, {}, {}, {}, frozenset())

    def _restore(self, kept: _Kept, staging: Staging) -> Staged | None:
        """The page's file staged from its object (or as it is in the output), None when the
        object is missing or damaged or the build does not write that file."""
        in_place = staging.written_on_disk(kept.path, kept.digest)
        if in_place is not None:
            return in_place
        source = self._object(kept.digest)
        try:
            with open(source, "rb") as stream:
                damaged = hashlib.file_digest(stream, "sha256").hexdigest() != kept.digest
            if damaged:
                source.unlink()  # rendered and kept again by this build
                return None
        except OSError:
            return None
        return staging.link(kept.path, kept.digest, source)

    def learn(self, plan: Callable[[str, PlanPart, PageKeys], SitePlan], parts: Iterable[tuple[str, PlanPart]]) -> None:
        """Nothing to learn: the workers' keys come back with their pages."""

    def reused(self, site: str, here: str) -> _Kept:
        return self.kept[(site, here)]

    def stored(self, entry: Staged, data: bytes, staging: Staging) -> None:
        """Keep a rendered page's bytes as an object (linked from the staging folder when it is there)."""
        target = self._object(entry.digest)
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
        """The pages of the sites kept whole, as the key file has them; their search items' terms
        are kept too, though this build did not index them."""
        self.keep_unused_terms = self.keep_unused_terms or bool(sites)
        return _by_site(self.previous, sites)

    def remember(self, sites_and_kept: Iterable[tuple[str, tuple[_Kept, ...]]]) -> None:
        """Write the keys of this build's pages (kept in :attr:`kept` too) and remove the objects
        no key file names."""
        self.kept = {(site, kept.here): kept for site, entries in sites_and_kept for kept in entries}
        known, entries = self.terms.known, self.terms.entries
        if self.keep_unused_terms:  # the items of sites kept whole were not indexed: still true
            entries = {**{key: found for key, found in known.items() if key not in entries}, **entries}
        changed = {key[0] for key in known.keys() ^ entries.keys()}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for shard in sorted(changed & set(TERM_SHARDS)):
                items = {key: ["\n".join(terms), bytes(terms.values()).hex(), list(found)]
                         for key, (terms, found) in sorted(entries.items())
                         if key[0] == shard and not any("\n" in term for term in terms)}
                write_checked(self._terms_file(shard), {**self._header(), "items": items})
            if self.kept != self.previous:
                rows = sorted([site, here, format(kept.key, "x"), kept.path, kept.digest,
                               [[c.site_path, c.source, c.variant] for c in kept.copies]]
                              for (site, here), kept in self.kept.items())
                write_checked(self.table, {**self._header(), "pages": rows})
                prune_objects(self.folder)
        except OSError:
            pass

    def _terms_file(self, shard: str) -> Path:
        return self.folder / f"terms-{shard}.json"

    def _header(self) -> dict[str, object]:
        return {"format": FORMAT, "version": __version__, "epoch": self.epoch_key}

    def _object(self, digest: str) -> Path:
        return self.objects / digest[:2] / digest


def _current(data: Mapping[str, object], epoch: str) -> bool:
    return data["format"] == FORMAT and data["version"] == __version__ and data["epoch"] == epoch


def _read_terms(path: Path, epoch: str) -> dict[str, tuple[dict[str, int], tuple[str, ...]]]:
    """The items' terms of one terms file, when it is whole, of this version and of ``epoch``."""
    try:
        data = read_checked(path)
        if not _current(data, epoch):
            return {}
        found = {}
        for key, (terms, scores, kept) in data["items"].items():
            names = terms.split("\n") if terms else []
            values = bytes.fromhex(scores)
            if len(names) != len(values):
                return {}
            found[str(key)] = (dict(zip(names, values)), tuple(map(str, kept)))
        return found
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _read_table(table: Path, epoch: str) -> dict[tuple[str, str], _Kept]:
    """The pages of the key file, when it is whole, of this version and of ``epoch``; else none."""
    try:
        data = read_checked(table)
        if not _current(data, epoch):
            return {}
        return {(str(site), str(here)): _Kept(str(here), int(key, 16), str(path), str(digest),
                                               tuple(FileCopy(str(a), str(b), str(c)) for a, b, c in copies))
                for site, here, key, path, digest, copies in data["pages"]}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def kept_folder(cache_root: Path, root: Path) -> Path:
    """Where the cache folder keeps the pages (and what loading keeps) of the portal at ``root``."""
    return cache_root / FOLDER / lastgood.store_folder(cache_root, root).name


def stored_pages(cache_root: Path | None, root: Path, options: str) -> StoredPages | None:
    """The stored pages of the portal at ``root`` in the cache folder, or None without one."""
    if cache_root is None:
        return None
    return StoredPages(kept_folder(cache_root, root), options)
