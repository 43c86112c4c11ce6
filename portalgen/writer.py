"""The only module that writes output: atomic, write-if-changed, pruning what it wrote before.

Every new or changed file is first written to a staging folder beside the output, under its own
path (a file whose bytes match the manifest of the previous build and that is on disk as that
build left it, same size and modification time, is left in place); only when all of them are
staged are they moved into place (``os.replace``, atomic per file; a build into a new folder
renames the whole staging folder at once), stale files from the previous build removed, and the
manifest updated.  A failure before the swap leaves the previous output untouched; files the
build did not write (uploaded by hand) are never deleted, nor overwritten when their bytes differ
(:attr:`WriteSummary.kept`).  A manifest naming any path outside the output is no manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Collection, Iterable, Mapping

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
    kept: tuple[str, ...] = ()  # files put in the output by hand that the build refused to overwrite


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


Stamp = tuple[int, int]  # size and modification time (ns) of a file as the build left it
Manifest = tuple[Mapping[str, str], Mapping[str, Stamp]]  # output files' hashes and stamps


def safe_output_path(out: Path, path: object, resolve: bool = True) -> bool:
    """True when ``path`` (from a manifest, which anyone can edit) names a file inside ``out``:
    relative, normalised, no ``..``, no backslash, and (``resolve``) inside ``out`` once links
    are resolved."""
    if not isinstance(path, str) or not path or "\\" in path or "\0" in path or path.startswith("/"):
        return False
    if posixpath.normpath(path) != path or ".." in path.split("/") or ":" in path.split("/", 1)[0]:
        return False
    if not resolve:
        return True
    base = os.path.realpath(out)
    target = os.path.realpath(os.path.join(base, path))
    return target.startswith(base + os.sep)


def manifest_refused(out: Path) -> bool:
    """True when the manifest beside ``out`` exists but names a path outside the output (it is then
    treated as no manifest: nothing is deleted)."""
    try:
        data = json.loads(manifest_path(out).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(data, dict):
        return False
    return any(isinstance(entries, dict) and not all(safe_output_path(out, p, resolve=False) for p in entries)
               for entries in (data.get("files"), data.get("stamps")))


def _read_manifest(out: Path) -> tuple[dict[str, str], dict[str, Stamp]]:
    """The files of the previous build with their hashes, and how each file looked on disk then;
    nothing when the manifest names any path outside the output (:func:`manifest_refused`)."""
    try:
        data = json.loads(manifest_path(out).read_text(encoding="utf-8"))
        files = {str(k): str(v) for k, v in data.get("files", {}).items()}
        stamps = {str(k): (int(v[0]), int(v[1])) for k, v in data.get("stamps", {}).items()}
    except (OSError, ValueError, AttributeError, TypeError, IndexError):
        return {}, {}
    if not all(safe_output_path(out, p, resolve=False) for p in (*files, *stamps)):
        return {}, {}
    return files, stamps


def _stamp(path: Path | str) -> Stamp | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


@dataclass(frozen=True)
class Staged:
    """One output file a build produced: its content hash, and whether it waits in staging
    (new or changed) or is already in place; its stamp when known (linked files: the stamp of
    what they are linked to)."""

    path: str
    digest: str
    changed: bool
    stamp: Stamp | None = None


class Staging:
    """The folder beside the output where a build's new and changed files wait until all are ready.

    :meth:`put` may be called from forked worker processes: it writes only files named after
    their own path and returns what :func:`commit` needs.  ``keep`` limits a partial build.
    """

    def __init__(self, out: Path, keep: Callable[[str], bool] | None = None, manifest: Manifest | None = None) -> None:
        self.out = out
        self.folder = out.parent / f".{out.name}.staging"
        self.previous, self.stamps = manifest if manifest is not None else _read_manifest(out)
        self.manifest: Manifest = (self.previous, self.stamps)  # after commit: the manifest it wrote
        self.keep = keep
        self._folders: set[str] = set()  # staging sub-folders this process has made
        self._base = os.fspath(self.folder)
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)

    def put(self, path: str, data: bytes) -> list[Staged]:
        """Stage ``data`` for ``path`` unless the output already holds exactly these bytes."""
        if self.keep is not None and not self.keep(path):
            return []
        digest = _digest(data)
        if self.previous.get(path) == digest:
            stamp = _stamp(self.out / path)
            if stamp is not None and stamp == self.stamps.get(path) and stamp[0] == len(data):
                return [Staged(path, digest, False, stamp)]
        folder = posixpath.dirname(_checked(path))
        if folder not in self._folders:
            _make_folder(os.path.join(self.folder, folder))
            self._folders.add(folder)
        with open(os.path.join(self.folder, path), "wb") as file:
            file.write(data)
        return [Staged(path, digest, True)]

    def written_on_disk(self, path: str, digest: str) -> Staged | None:
        """The entry of a file the output holds as the previous build wrote it (``digest``, by that
        build's record, and the same size and modification time on disk)."""
        if (self.keep is not None and not self.keep(path)) or self.previous.get(path) != digest:
            return None
        stamp = _stamp(self.out / path)
        return Staged(path, digest, False, stamp) if stamp is not None and stamp == self.stamps.get(path) else None

    def link(self, path: str, digest: str, source: Path | str, stamp: Stamp | None = None) -> Staged | None:
        """Stage the file ``source`` (whose bytes hash to ``digest``) for ``path``: a hard link, or a
        copy where linking fails; None when the build does not write ``path``.  ``stamp``: the
        source's size and modification time, the link's too (the manifest then needs no stat)."""
        if self.keep is not None and not self.keep(path):
            return None
        folder = posixpath.dirname(_checked(path))
        if folder not in self._folders:
            _make_folder(os.path.join(self._base, folder))
            self._folders.add(folder)
        target = os.path.join(self._base, path)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
            stamp = None
        return Staged(path, digest, True, stamp)

    def written(self, path: str, digest: str) -> Staged | None:
        """The entry of a file kept as the previous build wrote it (``digest``), by that build's
        record (the file itself is not looked at)."""
        if (self.keep is not None and not self.keep(path)) or self.previous.get(path) != digest:
            return None
        stamp = self.stamps.get(path)
        return Staged(path, digest, False, stamp) if stamp is not None else None

    def discard(self) -> None:
        """Forget every staged file (the build failed): the output stays as it was."""
        shutil.rmtree(self.folder, ignore_errors=True)


def _make_folder(folder: str) -> None:
    """``mkdir -p`` in one system call when the parent exists, as it mostly does."""
    try:
        os.mkdir(folder)
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    except FileExistsError:
        pass


def _checked(path: str) -> str:
    """An output path as staged: relative, normalised, inside the output folder."""
    if not path or path.startswith("/") or posixpath.normpath(path) != path or path.split("/", 1)[0] == "..":
        raise ValueError(f"not an output path: {path!r}")
    return path


def commit(staging: Staging, staged: Iterable[Staged], adopt: Collection[str] = ()) -> WriteSummary:
    """Move the staged files into place, remove the files of the previous build that this one did
    not produce (within ``staging.keep``) and update the manifest.  Files the build never wrote
    (uploaded by hand) are left alone, but for the regular files named in ``adopt``: the command
    read them as its own input and writes them anew (the dashboard's history)."""
    out, previous = staging.out, staging.previous
    files: dict[str, Staged] = {}
    for entry in staged:
        if files.setdefault(entry.path, entry).digest != entry.digest:
            raise ValueError(f"two different outputs for {entry.path}")
    changed = sorted(path for path, entry in files.items() if entry.changed)
    stale = sorted(p for p in previous.keys() - files.keys()
                   if (staging.keep is None or staging.keep(p)) and safe_output_path(out, p))
    kept = _hand_made(out, previous, changed, files, adopt)
    if kept:
        changed = [path for path in changed if path not in kept]
        for path in kept:
            del files[path]
    try:
        if not out.exists() and len(changed) == len(files):
            out.parent.mkdir(parents=True, exist_ok=True)
            os.rename(staging.folder, out)  # a new output: the staging folder holds exactly its files
        # (``out`` did not exist, so nothing in it was made by hand)
        else:
            out.mkdir(parents=True, exist_ok=True)
            _note_moves(staging, {path: files[path].digest for path in changed})
            made: set[Path] = set()
            for path in changed:
                destination = out / path
                if destination.parent not in made:
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    made.add(destination.parent)
                os.replace(staging.folder / path, destination)
    finally:
        staging.discard()
    for path in stale:
        (out / path).unlink(missing_ok=True)
        _remove_empty_parents(out, (out / path).parent)
    if changed or stale or not manifest_path(out).exists():
        removed = set(stale)
        listed = {p: d for p, d in previous.items() if p not in removed}
        listed.update({path: entry.digest for path, entry in files.items()})
        merged: dict[str, Stamp | None] = {p: s for p, s in staging.stamps.items() if p in listed}
        merged.update({path: entry.stamp for path, entry in files.items() if entry.stamp is not None})
        merged.update({path: _stamp(os.path.join(out, path)) for path in changed if files[path].stamp is None})
        stamps = {p: s for p, s in merged.items() if s is not None}
        _write_manifest(out, listed, stamps)
        staging.manifest = (listed, stamps)
    return WriteSummary(written=len(changed), unchanged=len(files) - len(changed), deleted=len(stale),
                        kept=tuple(kept))


def _note_moves(staging: Staging, moving: Mapping[str, str]) -> None:
    """Before the first move, record the files about to be moved as the build's own, without a
    stamp: if the build is killed mid-way, the next one knows every file this one may have put in
    place (it prunes them when no longer built, never mistakes them for hand-made ones) and
    rewrites each of them (a file without a stamp is never taken as up to date)."""
    if moving:
        listed = {**staging.previous, **moving}
        _write_manifest(staging.out, listed, {p: s for p, s in staging.stamps.items() if p not in moving})


def _write_manifest(out: Path, listed: Mapping[str, str], stamps: Mapping[str, Stamp]) -> None:
    """Replace the manifest beside ``out`` in one rename."""
    # one line, so that the C encoder writes it (thousands of files)
    manifest = json.dumps({"files": listed, "stamps": stamps}, separators=(",", ":"), sort_keys=True) + "\n"
    temporary = manifest_path(out).with_suffix(".tmp")
    temporary.write_text(manifest, encoding="utf-8")
    os.replace(temporary, manifest_path(out))


def _hand_made(out: Path, previous: Mapping[str, str], changed: Iterable[str],
               files: Mapping[str, Staged], adopt: Collection[str]) -> list[str]:
    """The files this build would write that are already in the output, not listed by the previous
    build's manifest, with other bytes: someone put them there by hand, so they are not overwritten."""
    kept: list[str] = []
    if not out.is_dir():
        return kept  # a new output: nothing in it was made by hand
    for path in changed:
        if path in previous:
            continue
        try:
            status = os.lstat(out / path)
        except OSError:
            continue
        if not stat.S_ISREG(status.st_mode) or (path not in adopt and _file_digest(out / path) != files[path].digest):
            kept.append(path)
    return sorted(kept)


def _file_digest(path: Path) -> str | None:
    try:
        with open(path, "rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


def write_output(out: Path, files: Mapping[str, bytes], adopt: Collection[str] = ()) -> WriteSummary:
    """Make ``out`` hold exactly ``files`` (output-relative path → bytes) plus anything not ours:
    the same staging and commit, for a small output held in memory (``adopt``: see :func:`commit`)."""
    staging = Staging(out)
    try:
        staged = [entry for path, data in sorted(files.items()) for entry in staging.put(path, data)]
    except BaseException:
        staging.discard()
        raise
    return commit(staging, staged, adopt)


def intact(out: Path) -> bool:
    """True when every file the manifest of ``out`` lists is still there as the build left it
    (same size and modification time)."""
    files, stamps = _read_manifest(out)
    return manifest_path(out).is_file() and all(_stamp(out / path) == stamps.get(path) for path in files)


def _remove_empty_parents(out: Path, folder: Path) -> None:
    while folder != out and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
