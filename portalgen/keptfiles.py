"""The files a command-line build keeps in the cache folder for the next one: tables written after
the SHA-256 of their bytes (a damaged one is ignored), pickles written the same way (large ones as
a whole and the changes since, :func:`write_tables`: a commit changes a few entries of thousands),
and the content-addressed objects the tables name (:mod:`portalgen.pagestore`,
:mod:`portalgen.sitestore`), pruned to what they name."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Collection, Mapping


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
        value = pickle.loads(view[_PICKLE_HEADER:])
    except Exception:  # noqa: BLE001 - a file that does not unpickle is as good as none
        return None
    finally:
        if collecting:
            gc.enable()
    gc.freeze()  # what is kept lives as long as the build, without cycles: the collector leaves it alone
    return value


def pickle_epoch(path: Path) -> str | None:
    """The epoch :func:`write_pickle` named at ``path`` (without reading or checking the rest),
    None when there is no such file."""
    try:
        with open(path, "rb") as stream:
            header = stream.read(_PICKLE_HEADER)
    except OSError:
        return None
    return header[65:129].decode("ascii", "replace") if len(header) == _PICKLE_HEADER else None


def write_pickle(path: Path, epoch: str, value: object, most: int | None = None) -> bool:
    """Keep ``value`` pickled at ``path``, after the SHA-256 of the rest and ``epoch`` (a 64-letter
    hash), in one rename; nothing when it cannot be written (the next build does the work), nor
    when its pickle is longer than ``most`` bytes.  Whether it was written."""
    try:
        body = epoch.encode() + b"\n" + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        if most is not None and len(body) > most:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
        os.replace(temporary, path)
    except (OSError, pickle.PicklingError, RecursionError):
        return False
    return True


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


# --- tables kept whole, with the changes since --------------------------------------------------

#: Changes are kept apart from the whole while their pickle is at most this many bytes, or this
#: share of the whole's when more (the next build reads both); beyond, the whole is written again.
#: Changes to more than half the entries are not even pickled apart.
CHANGES_LEAST, CHANGES_SHARE = 1 << 20, 1 / 4


@dataclass
class KeptTables:
    """Named tables (dictionaries, lists or single values) as :func:`read_tables` found them:
    ``tables`` as they stand, ``whole`` as the whole file holds them, ``written``: which writing
    of the whole (the changes name it)."""

    tables: dict[str, Any]
    whole: dict[str, Any]
    written: str


def changes_file(path: Path) -> Path:
    """Where the changes to the whole kept at ``path`` are kept."""
    return path.with_name(f"{path.stem}-changes{path.suffix}")


def read_tables(path: Path, epoch: str, names: Collection[str]) -> KeptTables | None:
    """The tables ``names`` kept at ``path`` for ``epoch`` (see :func:`write_tables`), with the
    changes kept beside them applied; None when none are kept, or damaged, or of another epoch
    (changes that are, or that name another writing of the whole, are left out)."""
    whole = read_pickle(path, epoch)
    if not (isinstance(whole, dict) and isinstance(whole.get("written"), str)
            and isinstance(whole.get("tables"), dict) and set(whole["tables"]) == set(names)):
        return None
    changes = read_pickle(changes_file(path), epoch)
    if isinstance(changes, dict) and changes.get("written") == whole["written"] \
            and isinstance(changes.get("changes"), dict) and set(changes["changes"]) <= set(names):
        try:
            tables = _copied(whole["tables"])
            for name, change in changes["changes"].items():
                tables[name] = _applied(tables[name], change)
            return KeptTables(tables, whole["tables"], whole["written"])
        except (TypeError, ValueError, KeyError, IndexError):
            pass  # of this epoch and whole, but not what was written: the whole alone
    return KeptTables(_copied(whole["tables"]), whole["tables"], whole["written"])


def _copied(tables: dict[str, Any]) -> dict[str, Any]:
    """The tables, each dictionary and list a copy (changes are applied to it, not to the whole)."""
    return {name: (dict(table) if isinstance(table, dict) else list(table) if isinstance(table, list) else table)
            for name, table in tables.items()}


def write_tables(path: Path, epoch: str, tables: dict[str, Any], read: KeptTables | None) -> None:
    """Keep ``tables`` at ``path`` for ``epoch``: what changed since the whole ``read`` was written
    (an entry is changed when it is neither the same object nor an equal one of the same type; an
    entry changed in place is not seen: change by replacing), or the whole again when no whole was
    read or the changes are large (:data:`CHANGES_SHARE`).  Like :func:`write_pickle`, nothing
    when it cannot be written."""
    if read is not None and read.whole.keys() == tables.keys():
        changes = {name: _change(table, read.whole[name]) for name, table in tables.items()}
        size = sum(len(table) for table in tables.values() if isinstance(table, (dict, list)))
        try:
            whole = path.stat().st_size
        except OSError:
            whole = None  # gone: written again
        if whole is not None and sum(map(_count, changes.values())) <= size / 2 \
                and write_pickle(changes_file(path), epoch, {"written": read.written, "changes": changes},
                                 max(CHANGES_LEAST, int(whole * CHANGES_SHARE))):
            return
    write_pickle(path, epoch, {"written": uuid.uuid4().hex, "tables": tables})
    try:
        os.unlink(changes_file(path))
    except OSError:
        pass


def _same(mine: object, theirs: object) -> bool:
    return mine is theirs or (type(mine) is type(theirs) and bool(mine == theirs))


def _change(table: Any, whole: Any) -> tuple:
    """What turns ``whole`` into ``table``: entries set and keys gone (a dictionary), the length
    and entries set (a list), else the value."""
    if isinstance(table, dict) and isinstance(whole, dict):
        changed = {key: value for key, value in table.items() if key not in whole or not _same(value, whole[key])}
        return ("dict", changed, [key for key in whole if key not in table])
    if isinstance(table, list) and isinstance(whole, list):
        return ("list", len(table), {number: value for number, value in enumerate(table)
                                     if number >= len(whole) or not _same(value, whole[number])})
    return ("value", table)


def _count(change: tuple) -> int:
    return len(change[1]) + len(change[2]) if change[0] == "dict" else len(change[2]) if change[0] == "list" else 1


def _applied(table: Any, change: tuple) -> Any:
    kind = change[0]
    if kind == "dict":
        table.update(change[1])
        for key in change[2]:
            table.pop(key, None)
        return table
    if kind == "list":
        del table[change[1]:]
        table.extend([None] * (change[1] - len(table)))
        for number, value in change[2].items():
            table[number] = value
        return table
    if kind == "value":
        return change[1]
    raise ValueError(kind)
