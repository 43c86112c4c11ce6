"""What a deploy changes (pure): the local files against the manifest kept on the remote side.

The remote manifest (``.portalgen-deploy.json`` in the target folder) lists every file portalgen
uploaded there with its SHA-256. Only new and changed files are uploaded; only files the manifest
lists and the site no longer has are deleted, so files put on the host by anyone else are never
touched. Uploads go in phases — assets, then HTML pages, then feeds, sitemaps and server
configuration — and deletions in the reverse order, so a page never links to a missing asset.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from typing import Mapping

MANIFEST = ".portalgen-deploy.json"
#: Uploads are written as ``.<name>.portalgen-tmp`` beside their final name, then renamed.
TEMP_SUFFIX = ".portalgen-tmp"
PAGES, FEEDS = (".html",), (".xml", ".txt", ".htaccess")


@dataclass(frozen=True)
class Plan:
    uploads: tuple[str, ...]
    deletes: tuple[str, ...]
    unchanged: tuple[str, ...]


def phase(path: str) -> int:
    """0 for assets (styles, scripts, images, files, data), 1 for pages, 2 for feeds and configuration."""
    name = posixpath.basename(path)
    if name.endswith(PAGES):
        return 1
    if name.endswith(FEEDS):
        return 2
    return 0


def make_plan(local: Mapping[str, str], remote: Mapping[str, str]) -> Plan:
    """Uploads (in phase order), deletions (reverse phase order) and unchanged files."""
    uploads = sorted((p for p in local if remote.get(p) != local[p]), key=lambda p: (phase(p), p))
    deletes = sorted((p for p in remote if p not in local), key=lambda p: (-phase(p), p))
    unchanged = sorted(p for p in local if remote.get(p) == local[p])
    return Plan(tuple(uploads), tuple(deletes), tuple(unchanged))


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
