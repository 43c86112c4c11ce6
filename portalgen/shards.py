"""Joining the parts of a build split with ``--shard K/N`` into one output, with its manifest.

Each part is a successful build into its own folder (``out/part-1``…), its manifest and build
record beside it. The joined output holds the union of the parts' files — the same path in two
parts must have the same content — and a manifest listing them, so ``portalgen deploy`` can
publish it. Beside it, ``.<out>.portalgen-join.json`` keeps each part's build record and the
joined manifest's SHA-256: deploy uses it to tell whether the parts still are the build of the
current content (see :mod:`portalgen.deploy.current`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .buildstate import BuildWindow, forget_state, load_state
from .failures import UsageFailure
from .writer import manifest_path, safe_output_path

JOIN_SUFFIX = ".portalgen-join.json"


def join_path(out: Path) -> Path:
    """The join record of ``out``, beside it like the manifest."""
    return out.parent / f".{out.name}{JOIN_SUFFIX}"


@dataclass(frozen=True)
class Joined:
    parts: int
    files: int
    copied: int
    removed: int
    kept: tuple[str, ...] = ()  # files put in the output by hand, not overwritten (nor listed)


def _manifest(folder: Path) -> dict[str, str]:
    try:
        files = json.loads(manifest_path(folder).read_text(encoding="utf-8")).get("files")
    except (OSError, ValueError, AttributeError):
        files = None
    if not isinstance(files, dict):
        raise UsageFailure("JOIN_NOT_A_BUILD", folder=folder, manifest=manifest_path(folder))
    bad = sorted(str(p) for p in files if not safe_output_path(folder, p))
    if bad:
        raise UsageFailure("MANIFEST_OUTSIDE", manifest=manifest_path(folder), path=bad[0])
    return {str(p): str(d) for p, d in files.items()}


def _record(folder: Path) -> BuildWindow:
    state = load_state(folder)
    if state is None:
        raise UsageFailure("JOIN_NO_RECORD", name=folder.name, folder=folder)
    return BuildWindow(state.key, state.day, state.valid_from, state.valid_until)


def _digest(path: Path) -> str | None:
    try:
        with open(path, "rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


def join_parts(out: Path, parts: Sequence[Path]) -> Joined:
    """Make ``out`` hold the union of ``parts`` with its manifest and join record; ``UsageFailure``
    (and nothing changed in ``out``) when a part is no build, was edited, or two parts disagree."""
    if len({os.path.realpath(p) for p in parts}) != len(parts):
        raise UsageFailure("JOIN_PART_TWICE")
    owner: dict[str, Path] = {}
    union: dict[str, str] = {}
    records = []
    for part in parts:
        files = _manifest(part)
        records.append(_record(part))
        for path, digest in sorted(files.items()):
            if path in union and union[path] != digest:
                raise UsageFailure("JOIN_CONFLICT", path=path, first=owner[path], second=part)
            if _digest(part / path) != digest:
                raise UsageFailure("JOIN_PART_EDITED", path=part / path)
            union[path] = digest
            owner.setdefault(path, part)
    previous = _previous(out)
    forget_state(out)
    copied = removed = 0
    kept = []
    for path, digest in sorted(union.items()):
        if previous.get(path) == digest and _digest(out / path) == digest:
            continue
        if path not in previous and os.path.lexists(out / path) and _digest(out / path) != digest:
            kept.append(path)  # put there by hand: never overwritten
            continue
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        temporary = (out / path).with_name(f".{(out / path).name}.join-tmp")
        shutil.copyfile(owner[path] / path, temporary)
        os.replace(temporary, out / path)
        copied += 1
    for path in sorted(set(previous) - set(union)):
        if safe_output_path(out, path) and (out / path).is_file():
            (out / path).unlink()
            removed += 1
    for path in kept:
        del union[path]
    manifest = (json.dumps({"files": dict(sorted(union.items()))}, indent=0, sort_keys=True) + "\n").encode("utf-8")
    _replace(manifest_path(out), manifest)
    record = {"manifest": hashlib.sha256(manifest).hexdigest(),
              "parts": [[r.key, r.day, r.valid_from, r.valid_until] for r in records]}
    _replace(join_path(out), (json.dumps(record, indent=0) + "\n").encode("utf-8"))
    return Joined(parts=len(parts), files=len(union), copied=copied, removed=removed, kept=tuple(kept))


def _previous(out: Path) -> dict[str, str]:
    try:
        files = json.loads(manifest_path(out).read_text(encoding="utf-8")).get("files")
    except (OSError, ValueError, AttributeError):
        return {}
    if not isinstance(files, dict) or not all(safe_output_path(out, p, resolve=False) for p in files):
        return {}  # a manifest naming paths outside the output is no manifest: nothing is removed
    return {str(p): str(d) for p, d in files.items()}


def _replace(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def joined_records(out: Path) -> list[BuildWindow] | None:
    """The parts' build records when ``out`` was written by :func:`join_parts` and its manifest is
    still the joined one; None otherwise (e.g. a plain build into ``out`` since)."""
    try:
        record = json.loads(join_path(out).read_text(encoding="utf-8"))
        manifest = manifest_path(out).read_bytes()
        if record["manifest"] != hashlib.sha256(manifest).hexdigest():
            return None
        return [BuildWindow(str(k), str(d), str(f), u if u is None else str(u)) for k, d, f, u in record["parts"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
