"""The files a command-line build keeps in the cache folder for the next one: tables written after
the SHA-256 of their bytes (a damaged one is ignored), and the content-addressed objects the
tables name (:mod:`portalgen.pagestore`, :mod:`portalgen.sitestore`), pruned to what they name."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
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


_PICKLE_HEADER = 64 + 1 + 64 + 1  # SHA-256 of the rest, newline, epoch, newline


def read_pickle(path: Path, epoch: str) -> object | None:
    """What :func:`write_pickle` kept at ``path`` for ``epoch``; None when there is none, it is
    damaged or of another epoch (never trusted)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    view = memoryview(data)  # the parts of tens of megabytes, not copied
    whole = hashlib.sha256(view[65:]).hexdigest().encode() == data[:64]
    if len(data) < _PICKLE_HEADER or data[65:129] != epoch.encode() or not whole:
        return None
    collecting = gc.isenabled()
    gc.disable()  # the collector would walk the objects made so far many times over, for no cycle
    try:
        return pickle.loads(view[_PICKLE_HEADER:])
    except Exception:  # noqa: BLE001 - a file that does not unpickle is as good as none
        return None
    finally:
        if collecting:
            gc.enable()


def pickle_epoch(path: Path) -> str | None:
    """The epoch :func:`write_pickle` named at ``path`` (without reading or checking the rest),
    None when there is no such file."""
    try:
        with open(path, "rb") as stream:
            header = stream.read(_PICKLE_HEADER)
    except OSError:
        return None
    return header[65:129].decode("ascii", "replace") if len(header) == _PICKLE_HEADER else None


def write_pickle(path: Path, epoch: str, value: object) -> None:
    """Keep ``value`` pickled at ``path``, after the SHA-256 of the rest and ``epoch`` (a 64-letter
    hash), in one rename; nothing when it cannot be written (the next build does the work)."""
    try:
        body = epoch.encode() + b"\n" + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
        os.replace(temporary, path)
    except (OSError, pickle.PicklingError, RecursionError):
        pass


def prune_objects(folder: Path) -> None:
    """Remove the objects no table in ``folder`` names (the page keys of every set of build
    options, and the kept sites of :mod:`portalgen.sitestore`), and temporary files a killed
    build left.  Never raises: an object left behind only takes room."""
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
        try:
            if entry.is_dir():
                for found in os.scandir(entry.path):
                    if found.name not in named:
                        os.unlink(found.path)
        except OSError:
            continue  # what cannot be removed now is removed by a later build
