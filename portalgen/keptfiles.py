"""The files a command-line build keeps in the cache folder for the next one: tables written after
the SHA-256 of their bytes (a damaged one is ignored), and the content-addressed objects the
tables name (:mod:`portalgen.pagestore`, :mod:`portalgen.sitestore`), pruned to what they name."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Mapping


def write_checked(path: Path, data: Mapping[str, object]) -> None:
    """Write ``data`` as JSON after the SHA-256 of its bytes, in one rename."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as stream:
        stream.write(hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload)
    os.replace(temporary, path)


def read_checked(path: Path) -> dict:
    """What :func:`write_checked` wrote; ValueError when the bytes do not match their hash."""
    digest, _, payload = path.read_bytes().partition(b"\n")
    if hashlib.sha256(payload).hexdigest().encode("ascii") != digest:
        raise ValueError(f"damaged: {path}")
    data = json.loads(payload)
    if not isinstance(data, dict):
        raise ValueError(f"not a record: {path}")
    return data


def prune_objects(folder: Path) -> None:
    """Remove the objects no table in ``folder`` names (the page keys of every set of build
    options, and the kept sites of :mod:`portalgen.sitestore`), and temporary files a killed
    build left."""
    named: set[str] = set()
    for table in sorted(folder.glob("keys-*.json")) + sorted(folder.glob("sites-*.json")):
        try:
            data = read_checked(table)
            if "pages" in data:
                named.update(row[4] for row in data["pages"])
            else:
                named.update(digest for _, _, files in data["sites"].values() for _, digest in files)
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            continue
    try:
        folders = list(os.scandir(folder / "objects"))
    except OSError:
        return
    for entry in folders:
        if not entry.is_dir():
            continue
        for found in os.scandir(entry.path):
            if found.name not in named:
                os.unlink(found.path)
