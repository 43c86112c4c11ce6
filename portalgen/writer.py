"""The only module that writes output: atomic, write-if-changed, pruning what it wrote before.

Every file is first written to a staging folder beside the output; only when all of them are
staged are they moved into place (``os.replace``, atomic per file), stale files from the previous
build removed, and the manifest updated.  A failure before the swap leaves the previous output
untouched; files the build did not write (uploaded by hand) are never deleted.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

MANIFEST_SUFFIX = ".portalgen-manifest.json"


def manifest_path(out: Path) -> Path:
    """The list of files a build wrote, kept *beside* the output folder (``.public.portalgen-manifest.json``)
    so that it is never uploaded and shards of a build can be merged into one folder."""
    return out.parent / f".{out.name}{MANIFEST_SUFFIX}"


@dataclass(frozen=True)
class WriteSummary:
    written: int
    unchanged: int
    deleted: int


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(out: Path) -> dict[str, str]:
    try:
        data = json.loads(manifest_path(out).read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.get("files", {}).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def write_output(out: Path, files: Mapping[str, bytes], scope: Callable[[str], bool] | None = None) -> WriteSummary:
    """Make ``out`` hold exactly ``files`` (output-relative path → bytes) plus anything not ours.

    With ``scope``, only the previous files it accepts may be removed (a partial build).
    """
    out.mkdir(parents=True, exist_ok=True)
    previous = _read_manifest(out)
    digests = {path: _digest(data) for path, data in files.items()}
    changed = [path for path in sorted(files) if previous.get(path) != digests[path] or not _same(out / path, files[path])]
    stale = sorted(p for p in set(previous) - set(files) if scope is None or scope(p))
    staging = out.parent / f".{out.name}.staging"
    if staging.exists():
        shutil.rmtree(staging)
    try:
        for index, path in enumerate(changed):
            target = staging / str(index)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[path])
        for index, path in enumerate(changed):
            destination = out / path
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / str(index), destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for path in stale:
        (out / path).unlink(missing_ok=True)
        _remove_empty_parents(out, (out / path).parent)
    if changed or stale or not manifest_path(out).exists():
        kept = {p: d for p, d in previous.items() if p not in stale}
        kept.update(digests)
        manifest = json.dumps({"files": dict(sorted(kept.items()))}, indent=0, sort_keys=True) + "\n"
        temporary = manifest_path(out).with_suffix(".tmp")
        temporary.write_text(manifest, encoding="utf-8")
        os.replace(temporary, manifest_path(out))
    return WriteSummary(written=len(changed), unchanged=len(files) - len(changed), deleted=len(stale))


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _remove_empty_parents(out: Path, folder: Path) -> None:
    while folder != out and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
