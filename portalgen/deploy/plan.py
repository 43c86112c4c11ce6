"""What a deploy changes (pure): the local files against the manifest kept on the remote side.

The remote manifest (``.portalgen-deploy.json`` in the target folder) lists every file portalgen
uploaded there with its SHA-256. Only new and changed files are uploaded; only files the manifest
lists and the site no longer has are deleted, so files put on the host by anyone else are never
touched. Uploads are ordered so that a new file is in place before any page or feed linking to
it (assets, leaf pages, lists, home pages, feeds, then robots.txt and server configuration), and
deletions go in the reverse phase order, so a page never links to a missing file.
"""

from __future__ import annotations

import heapq
import json
import posixpath
from dataclasses import dataclass
from typing import Collection, Iterable, Iterator, Mapping

MANIFEST = ".portalgen-deploy.json"
#: Uploads are written as ``.<name>.portalgen-tmp`` beside their final name, then renamed.
TEMP_SUFFIX = ".portalgen-tmp"
#: Added to a file's name while its replacement takes its place on a server that will not overwrite.
OLD_SUFFIX = ".portalgen-old"
PAGES, FEEDS = (".html",), (".xml", ".txt", ".htaccess")


@dataclass(frozen=True)
class Plan:
    """``rounds``: the uploads in groups; a file links only to files already on the server or put in
    place in an earlier group, except new pages linking to each other in a loop, which share one."""

    rounds: tuple[tuple[str, ...], ...]
    deletes: tuple[str, ...]
    unchanged: tuple[str, ...]

    @property
    def uploads(self) -> tuple[str, ...]:
        return tuple(p for group in self.rounds for p in group)


def phase(path: str) -> int:
    """0 for assets (styles, scripts, images, files, data), 1 for pages, 2 for feeds and configuration."""
    name = posixpath.basename(path)
    if name.endswith(PAGES):
        return 1
    if name.endswith(FEEDS):
        return 2
    return 0


def order(uploads: Iterable[str], remote: Mapping[str, str],
          links: Mapping[str, Collection[str]]) -> tuple[tuple[str, ...], ...]:
    """``uploads`` in groups such that every link to a new file (one not on the server yet) points to
    an earlier group: assets, leaf pages, lists, home pages, feeds. A page never waits for a feed (feeds
    list pages, pages only announce feeds) nor for the home page of a folder above it (the lists and
    the home link down to it: they come after); where new pages still link to each other in a loop
    (previous and next articles), the deepest one with the fewest links waiting goes first, and the
    pages of a loop share a group."""
    pending = set(uploads)
    waits = {p: {t for t in links.get(p, ()) if t in pending and t not in remote and t != p
                 and (phase(t) < 2 or phase(p) == 2) and not (phase(p) == 1 and _up(p, t))} for p in pending}
    for extra in (p for p in pending if phase(p) == 2 and not waits[p]):  # robots.txt, .htaccess: after pages
        waits[extra] = {p for p in pending if phase(p) == 1 and p not in remote}
    groups: list[list[str]] = []
    for path, in_loop in _sequence(waits):
        if not groups or (not in_loop and waits[path] & set(groups[-1])):
            groups.append([])
        groups[-1].append(path)
    return tuple(tuple(g) for g in groups)


def _sequence(waits: Mapping[str, set[str]]) -> Iterator[tuple[str, bool]]:
    """Every file once, each after the files it waits for where no loop forbids it; with whether it
    was taken out of a loop."""
    waiting = {p: len(w) for p, w in waits.items()}
    needed_by: dict[str, list[str]] = {}
    for page, targets in waits.items():
        for target in targets:
            needed_by.setdefault(target, []).append(page)

    def loop_key(p: str) -> tuple:
        return (phase(p) == 2, waiting[p], -p.count("/"), phase(p), p)

    ready = [(phase(p), p) for p, n in waiting.items() if n == 0]
    loops = [loop_key(p) for p in waits]  # stale entries (a count that has changed) are skipped
    heapq.heapify(ready)
    heapq.heapify(loops)
    pending = set(waits)
    while pending:
        if ready:
            path, in_loop = heapq.heappop(ready)[1], False
        else:
            key = heapq.heappop(loops)
            path, in_loop = key[-1], True
            if path in pending and key != loop_key(path):
                continue
        if path not in pending:
            continue
        pending.discard(path)
        yield path, in_loop
        for page in needed_by.get(path, ()):
            waiting[page] -= 1
            if page in pending and waiting[page] == 0:
                heapq.heappush(ready, (phase(page), page))
            elif page in pending:
                heapq.heappush(loops, loop_key(page))


def _up(page: str, target: str) -> bool:
    """Whether ``target`` is the home page of a folder holding ``page`` (a breadcrumb, a link home)."""
    folder = posixpath.dirname(target)
    return posixpath.basename(target) == "index.html" and (
        folder == "" or (posixpath.dirname(page) + "/").startswith(folder + "/"))


def make_plan(local: Mapping[str, str], remote: Mapping[str, str],
              links: Mapping[str, Collection[str]] | None = None) -> Plan:
    """Uploads (in ``rounds``), deletions (reverse phase order) and unchanged files; ``links`` are the
    site files each new or changed page links to."""
    uploads = [p for p in local if remote.get(p) != local[p]]
    deletes = sorted((p for p in remote if p not in local), key=lambda p: (-phase(p), p))
    unchanged = sorted(p for p in local if remote.get(p) == local[p])
    return Plan(order(uploads, remote, links or {}), tuple(deletes), tuple(unchanged))


def temporary_name(path: str) -> str:
    """The name a file is uploaded under before it is renamed into place."""
    folder, name = posixpath.split(path)
    return posixpath.join(folder, f".{name}{TEMP_SUFFIX}")


def safe_path(path: str) -> bool:
    """A relative path that stays inside the target folder (the manifest is read from a server)."""
    parts = path.split("/")
    return (bool(path) and not path.startswith("/") and "\\" not in path and "\0" not in path
            and all(p not in ("", ".", "..") for p in parts) and path != MANIFEST)


def parse_manifest(data: bytes | None) -> dict[str, str]:
    """The files of a remote manifest; an absent or unreadable one is empty (nothing gets deleted)."""
    if not data:
        return {}
    try:
        files = json.loads(data.decode("utf-8")).get("files", {})
    except (ValueError, AttributeError, UnicodeDecodeError):
        return {}
    if not isinstance(files, dict):
        return {}
    return {p: d for p, d in files.items() if isinstance(p, str) and isinstance(d, str) and safe_path(p)}


def manifest_bytes(files: Mapping[str, str]) -> bytes:
    """The manifest listing ``files`` (path → SHA-256), byte-identical for the same files."""
    return (json.dumps({"files": dict(sorted(files.items()))}, indent=0, sort_keys=True) + "\n").encode("utf-8")
