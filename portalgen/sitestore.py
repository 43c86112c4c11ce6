"""Whole sites of the previous command-line build, kept in the cache folder for the next one.

Most commits change one unit.  A nationwide portal has thousands of sites, and a commune's site
depends on little besides its own files: what it shows of other units (names, addresses, links)
comes from their ``unit.yaml``, what it shows of the units below it (their news, their search
items) from files under its folder, and what it inherits from those above it (procedures of the
catalog, the parent's address) from theirs.  So each site gets a key (:func:`site_keys`), a
SHA-256 of

- the epoch: portalgen's version and code, the schemas, the theme, ``portal.yaml`` and the build's
  options (:func:`portalgen.build._stable_epoch`);
- the day, and the next moment within it when the site's content changes what it shows (an article
  published or withdrawn at a set time: :func:`portalgen.resolve.unit_moments`);
- the content hashes of the files of the site's own unit, of every unit below it and above it,
  of the portal-wide files (the catalog), and of every unit's own files beside its ``unit.yaml``.

A site whose key is the previous build's is not planned, rendered or indexed again: its files are
linked from the object store (``objects/``, shared with :mod:`portalgen.pagestore`, each object
verified by its SHA-256 before use; a missing or damaged one and the whole site is made again).
What is kept, per set of build options, in ``sites-<options>.json`` beside the page keys: each
site's key, its pages and its files with their hashes, valid for one portalgen version and epoch
and checked by its own SHA-256.  A site holding content the check held back (its last good
version is published) or a build with a file it could not read keeps no site.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from . import __version__
from .keptfiles import read_checked, write_checked
from .resolve import SiteTree, unit_moments
from .sources import owner_of
from .writer import Staged, Staging

FORMAT = 1


@dataclass(frozen=True)
class KeptSite:
    """A site as a build left it: its key, its pages' site paths and its files with their hashes."""

    key: str
    pages: tuple[str, ...]
    files: tuple[tuple[str, str], ...]


class SiteMemo:
    """No site kept or reused (a build without a cache folder; a preview session)."""

    #: the cache folder whose objects no longer all are named, once this build's sites are written
    stale_objects_in: Path | None = None

    def restore(self, path: str, staging: Staging) -> tuple[list[Staged], tuple[str, ...]] | None:
        """The files of the site at ``path`` staged as the previous build made them, with its
        pages; None when it must be made."""
        return None

    def store(self, path: str, staged: list[Staged], pages: Iterable[str], staging: Staging) -> None:
        """Keep the site at ``path`` as this build made it (before the staging folder is committed)."""

    def finish(self) -> None:
        """End the build: write down what is kept."""


class StoredSites(SiteMemo):
    """The sites kept in ``folder`` for a build with these options, keyed by ``keys`` (a site
    without a key is neither reused nor kept)."""

    def __init__(self, folder: Path, options: str, epoch: str, keys: Mapping[str, str]) -> None:
        self.folder = folder
        self.table = folder / f"sites-{hashlib.sha256(options.encode()).hexdigest()[:12]}.json"
        self.objects = folder / "objects"
        self.epoch = epoch
        self.keys = keys
        self.previous, self.stamps = _read_table(self.table, epoch)
        self.kept: dict[str, KeptSite] = {}
        self.restamped = False  # an object verified by its hash: its stamp is recorded anew

    def restore(self, path: str, staging: Staging) -> tuple[list[Staged], tuple[str, ...]] | None:
        key, site = self.keys.get(path), self.previous.get(path)
        if key is None or site is None or site.key != key:
            return None
        placed: list[Staged] = []
        linked: list[tuple[str, str, str]] = []
        for name, digest in site.files:
            if staging.keep is not None and not staging.keep(name):
                continue
            in_place = staging.written_on_disk(name, digest) if staging.previous else None
            if in_place is not None:
                placed.append(in_place)
                continue
            source = self._object(digest)
            if not self._intact(source, digest):
                _remove(source)  # kept again once made again
                return None
            linked.append((name, digest, source))
        for name, digest, source in linked:  # every object checked first: nothing half-staged
            entry = staging.link(name, digest, source, self.stamps.get(digest))
            if entry is not None:
                placed.append(entry)
        self.kept[path] = site
        return placed, site.pages

    def store(self, path: str, staged: list[Staged], pages: Iterable[str], staging: Staging) -> None:
        key = self.keys.get(path)
        if key is None:
            return
        try:
            for entry in staged:
                target = self._object(entry.digest)
                known = self.stamps.get(entry.digest)
                if known is None or (entry.stamp != known and not os.path.exists(target)):  # (linked from it)
                    source = os.path.join(staging.folder if entry.changed else staging.out, entry.path)
                    self.stamps[entry.digest] = _keep_object(source, target)
        except OSError:
            return  # not kept: made again next time
        files = sorted(((e.path, e.digest) for e in staged), key=lambda file: (file[0].count("/"), file[0]))
        self.kept[path] = KeptSite(key, tuple(pages), tuple(files))  # folders before what they hold

    def finish(self) -> None:
        if self.kept == self.previous and not self.restamped:
            return
        rows = {path: [site.key, list(site.pages), [list(file) for file in site.files]]
                for path, site in sorted(self.kept.items())}
        named = {digest for site in self.kept.values() for _, digest in site.files}
        stamps = {digest: list(stamp) for digest, stamp in sorted(self.stamps.items()) if digest in named}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_checked(self.table, {"format": FORMAT, "version": __version__, "epoch": self.epoch,
                                       "sites": rows, "stamps": stamps})
            self.stale_objects_in = self.folder
        except OSError:
            pass

    def _object(self, digest: str) -> str:
        return f"{self.objects}/{digest[:2]}/{digest}"

    def _intact(self, source: str, digest: str) -> bool:
        """Whether the object still holds the bytes of its name: its size and modification time
        as recorded when it was kept (or last verified), else its SHA-256 (then recorded)."""
        try:
            status = os.stat(source)
        except OSError:
            return False
        stamp = (status.st_size, status.st_mtime_ns)
        if self.stamps.get(digest) == stamp:
            return True
        try:
            with open(source, "rb") as stream:
                if hashlib.file_digest(stream, "sha256").hexdigest() != digest:
                    return False
        except OSError:
            return False
        self.stamps[digest], self.restamped = stamp, True
        return True


def site_keys(tree: SiteTree, digests: Mapping[str, str], epoch: str,
              held: Iterable[str] = ()) -> dict[str, str]:
    """Each site's key (see the module's docstring), but for the sites that show content held back
    (``held``: the paths of the records the check held, whose last good version is published)."""
    units = set(tree.sites)
    files: dict[str, list[tuple[str, str]]] = defaultdict(list)
    identities = []
    for path, digest in sorted(digests.items()):
        owner = owner_of(path, units)
        files[owner].append((path, digest))
        if os.path.dirname(path) == owner:
            identities.append((path, digest))
    groups = {owner: _hash(found) for owner, found in files.items()}
    shared = _hash([epoch, tree.now.date().isoformat(), groups.get("", ""), _hash(identities)])
    held_units = {owner_of(path, units) for path in held}
    moments = {path: [m for m in unit_moments(site.content, tree.now) if m > tree.now]
               for path, site in tree.sites.items()}
    below: dict[str, list[str]] = defaultdict(list)
    for path, site in tree.sites.items():
        for ancestor in site.ancestors:
            below[ancestor].append(path)
    keys = {}
    for path, site in sorted(tree.sites.items()):
        relevant = sorted({path, *site.ancestors, *below[path]})
        if held_units.intersection(relevant):
            continue
        upcoming = min((m for unit in relevant for m in moments[unit]), default=None)
        keys[path] = _hash([shared, upcoming.isoformat() if upcoming else None,
                            [(unit, groups.get(unit, "")) for unit in relevant]])
    return keys


def _hash(value: object) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogateescape")).hexdigest()


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _keep_object(source: str, target: str) -> tuple[int, int]:
    """``source`` kept as the object ``target`` (a hard link, else a copy), unless it is there:
    the object's size and modification time."""
    if not os.path.exists(target):
        os.makedirs(os.path.dirname(target), exist_ok=True)
        temporary = f"{os.path.dirname(target)}/.tmp-{os.path.basename(target)}"
        _remove(temporary)  # left by a build that was stopped
        try:
            os.link(source, temporary)
        except OSError:
            shutil.copyfile(source, temporary)
        os.replace(temporary, target)
    status = os.stat(target)
    return status.st_size, status.st_mtime_ns


def _read_table(table: Path, epoch: str) -> tuple[dict[str, KeptSite], dict[str, tuple[int, int]]]:
    """The sites of the table with the objects' stamps, when it is whole, of this version and of
    ``epoch``; else none."""
    try:
        data = read_checked(table)
        if (data["format"], data["version"], data["epoch"]) != (FORMAT, __version__, epoch):
            return {}, {}
        sites = {str(path): KeptSite(str(key), tuple(map(str, pages)),
                                     tuple((str(name), str(digest)) for name, digest in files))
                 for path, (key, pages, files) in data["sites"].items()}
        return sites, {str(digest): (int(size), int(moment)) for digest, (size, moment) in data["stamps"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}, {}
