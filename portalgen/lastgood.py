"""The last good version of every item and unit, kept in the cache folder (``last-good/``), so
that a build holding back a file with an error publishes that file's last good version instead —
also in CI on a fresh clone, with only the cache folder restored.

The folder holds ``index.json`` (each kept record: kind, language, unit, the files it points to;
each unit's parent) and ``files/``, a copy of each kept record and of the files it points to
under its portal path.  A build that is not stopped keeps the version of every record it
judged good and carries over the kept version of every record it held back; what left the
portal is forgotten.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from . import model
from .content_types import REGISTRY
from .isolation import Decision, item_files, units_and_items
from .load import Portal, build_record
from .sources import Record, read_markdown_record, read_yaml_record

FOLDER = "last-good"
INDEX = "index.json"
FORMAT = 1


@dataclass(frozen=True)
class Kept:
    """One record as kept: its kind, language, the unit it belongs to ('' for the catalog) and the
    portal paths of the files it points to."""

    kind: str
    lang: str
    unit: str
    files: tuple[str, ...] = ()


@dataclass(frozen=True)
class Store:
    """The kept versions: records by portal path, each kept unit's parent, and the folder (None:
    nothing is kept, as with ``--no-cache``)."""

    folder: Path | None
    records: Mapping[str, Kept]
    parents: Mapping[str, str | None]
    digests: Mapping[str, str] = dataclasses.field(default_factory=dict)  # each copy's content hash

    def path(self, portal_path: str) -> Path:
        assert self.folder is not None
        return self.folder / "files" / portal_path

    def holds_copy(self, portal_path: str) -> bool:
        """Whether the copy of a file is there (a string path: asked of every kept file)."""
        return os.path.isfile(f"{self.folder}/files/{portal_path}")


@dataclass(frozen=True)
class Restored:
    """A portal with its held records replaced by their kept versions: the portal, the files to
    publish from the kept copies instead of the portal (portal path → copy), and the held records
    that had a kept version."""

    portal: Portal
    files: Mapping[str, Path]
    kept: frozenset[str]


def store_folder(cache_root: Path, portal_root: Path) -> Path:
    """The store of the portal at ``portal_root`` in the cache folder ``cache_root``.  Each portal
    has its own, named by the portal's path from the folder holding the cache (``sites`` in a
    repository's clone, wherever it is cloned), so two portals built with one cache folder never
    take each other's last good versions."""
    base = cache_root.resolve().parent
    where = os.path.relpath(portal_root.resolve(), base).replace(os.sep, "/")
    return cache_root / FOLDER / hashlib.sha256(where.encode("utf-8")).hexdigest()[:16]


def open_store(folder: Path | None) -> Store:
    """The store in ``folder`` (empty when there is none yet or its index is damaged)."""
    empty = Store(folder, {}, {})
    if folder is None:
        return empty
    try:
        data = json.loads((folder / INDEX).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return empty
        records = {path: Kept(str(v["kind"]), str(v["lang"]), str(v["unit"]), tuple(map(str, v["files"])))
                   for path, v in data["records"].items()}
        parents = {str(path): (str(parent) if parent is not None else None)
                   for path, parent in data["parents"].items()}
        digests = {str(path): str(value) for path, value in data["digests"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return empty
    if not all(_safe(p) for kept_path, kept in records.items() for p in (kept_path, *kept.files)):
        return empty
    if not all(kept.kind == "unit" or kept.kind in REGISTRY.kinds() for kept in records.values()):
        return empty
    return Store(folder, records, parents, digests)


def restore(portal: Portal, decision: Decision, store: Store) -> Restored:
    """``portal`` with each held item replaced by its kept version (or left out when there is
    none) and each held unit by its kept version with its kept items (or left out)."""
    files: dict[str, Path] = {}
    kept: set[str] = set()
    units = {content.unit.path: content for content in portal.units}
    catalog = {level: list(items) for level, items in portal.catalog.items()}
    for unit_path in sorted(decision.units):
        units.pop(unit_path, None)
        unit = _read(store, f"{unit_path}/unit.yaml", path=unit_path, parent=store.parents.get(unit_path))
        if unit is None or portal.config.level(unit.level) is None:
            continue
        kept.add(f"{unit_path}/unit.yaml")
        sections: dict[str, list] = {folder: [] for folder in REGISTRY.folders()}
        for path, member in sorted(store.records.items()):
            item = _read(store, path) if member.unit == unit_path and member.kind != "unit" else None
            if item is not None:
                sections[REGISTRY.kind(member.kind).folder].append(item)
                files.update(_copies(store, member))
        units[unit_path] = model.UnitContent(unit, {k: tuple(v) for k, v in sections.items()})
    for path in sorted(decision.items):
        entry = store.records.get(path)
        if path.startswith("catalog/"):
            level = path.split("/")[2]
            items = [i for i in catalog.get(level, []) if i.path != path]
            item = _read(store, path) if entry is not None else None
            catalog[level] = sorted(items + ([item] if item is not None else []), key=lambda i: i.path)
        else:
            content = next((c for u, c in units.items() if path.startswith(u + "/")
                            and u not in decision.units and _owns(c, path)), None)
            if content is None:
                continue
            item = _read(store, path) if entry is not None and entry.unit == content.unit.path else None
            units[content.unit.path] = _replace(content, path, item)
        if item is not None and entry is not None:
            kept.add(path)
            files.update(_copies(store, entry))
    restored = dataclasses.replace(portal, units=tuple(units[p] for p in sorted(units)),
                                   catalog={level: tuple(items) for level, items in catalog.items()})
    return Restored(restored, files, frozenset(kept))


def _owns(content: model.UnitContent, path: str) -> bool:
    """Whether ``path`` is in one of the unit's own sections (not in a unit below it)."""
    rest = path[len(content.unit.path) + 1:]
    return rest.split("/", 1)[0] in content.sections


def _replace(content: model.UnitContent, path: str, item: Any | None) -> model.UnitContent:
    folder = path[len(content.unit.path) + 1:].split("/", 1)[0]
    items = [i for i in content.sections[folder] if i.path != path] + ([item] if item is not None else [])
    sections = dict(content.sections)
    sections[folder] = tuple(sorted(items, key=lambda i: i.path))
    return model.UnitContent(content.unit, sections)


def _read(store: Store, name: str, **provenance: Any) -> Any | None:
    """The model of a kept record (``name``: its portal path), or None when there is none (or it
    no longer loads)."""
    entry = store.records.get(name)
    if entry is None or store.folder is None:
        return None
    base = store.folder / "files"
    markdown = entry.kind != "unit" and REGISTRY.kind(entry.kind).fmt == "md"
    record = (read_markdown_record if markdown else read_yaml_record)(base, name, entry.kind, [])
    record.lang = entry.lang
    return build_record(record, [], **provenance) if record.data is not None else None


def _copies(store: Store, entry: Kept) -> dict[str, Path]:
    return {path: store.path(path) for path in entry.files if store.path(path).is_file()}


def good_records(portal: Portal, records: Mapping[str, Record], decision: Decision, store: Store,
                 digests: Mapping[str, str]) -> dict[str, Kept]:
    """The records a build judged good, to keep: every unit not held with its items not held (the
    files an item points to are found again only when its content hash differs from the kept one)."""
    good: dict[str, Kept] = {}
    for content in portal.units:
        if content.unit.path not in decision.units:
            good[f"{content.unit.path}/unit.yaml"] = Kept("unit", "vi", content.unit.path)
    for unit_path, item in units_and_items(portal):
        if unit_path not in decision.units and item.path not in decision.items and item.path in records:
            record, known = records[item.path], store.records.get(item.path)
            if known is None or (known.kind, known.lang, known.unit) != (record.kind, record.lang, unit_path) \
                    or store.digests.get(item.path) != digests.get(item.path, ""):
                known = Kept(record.kind, record.lang, unit_path, item_files(item, unit_path))
            good[item.path] = known
    return good


def parents_of(portal: Portal) -> dict[str, str | None]:
    """Each unit's parent, as the walk found it."""
    return {content.unit.path: content.unit.parent for content in portal.units}


def save(root: Path, store: Store, good: Mapping[str, Kept], parents: Mapping[str, str | None],
         decision: Decision, digests: Mapping[str, str]) -> None:
    """Keep the good records (and the files they point to) copied from the portal at ``root``,
    carry over the kept versions of held records, forget the rest; ``digests`` (portal path →
    content hash, from the build's fingerprint) spare copying what is already kept.  A store
    that cannot be written only loses the kept versions."""
    if store.folder is None:
        return
    carried = {path: entry for path, entry in store.records.items()
               if path not in good and (path in decision.items or entry.unit in decision.units)}
    everything = {**carried, **good}
    all_parents = {unit: parent for unit, parent in store.parents.items() if unit in decision.units}
    all_parents.update((unit, parent) for unit, parent in parents.items() if unit not in decision.units)
    wanted = {name for path, e in everything.items() for name in (path, *e.files)}
    hashes = {name: store.digests[name] for name in wanted if name in store.digests}
    try:
        copied = False
        for path, entry in sorted(good.items()):
            for name in (path, *entry.files):
                if name not in digests or store.digests.get(name) != digests[name] or not store.holds_copy(name):
                    hashes.pop(name, None)
                    _copy(root / name, store.path(name))
                    copied = True
                if name in digests:
                    hashes[name] = digests[name]
        if not copied and everything == store.records and all_parents == store.parents and hashes == store.digests:
            return  # the store holds exactly this already
        listed = {name for path, entry in store.records.items() for name in (path, *entry.files)}
        if listed:  # the store's index was read: remove what it listed and this build does not keep
            _remove(store.folder / "files", listed - wanted)
        else:  # no index (or a damaged one): whatever the folder holds that is not kept
            _prune(store.folder / "files", wanted)
        index = {"format": FORMAT,
                 "records": {path: {"kind": e.kind, "lang": e.lang, "unit": e.unit, "files": list(e.files)}
                             for path, e in sorted(everything.items())},
                 "parents": dict(sorted(all_parents.items())), "digests": dict(sorted(hashes.items()))}
        _write(store.folder / INDEX, json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    except OSError:
        pass


def _copy(source: Path, target: Path) -> None:
    if not source.is_file():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    os.close(handle)
    shutil.copyfile(source, temporary)
    os.replace(temporary, target)


def _prune(folder: Path, wanted: set[str]) -> None:
    """Remove the copies no kept record names, and the folders left empty."""
    if not folder.is_dir():
        return
    for current, dirs, names in os.walk(folder, topdown=False):
        for name in names:
            full = Path(current) / name
            if full.relative_to(folder).as_posix() not in wanted:
                full.unlink()
        if current != str(folder) and not os.listdir(current):
            os.rmdir(current)


def _remove(folder: Path, names: set[str]) -> None:
    """Remove these copies, and the folders they leave empty."""
    for name in sorted(names):
        if not _safe(name):
            continue
        path = os.path.join(folder, name)
        try:
            os.unlink(path)
        except OSError:
            continue
        parent = os.path.dirname(path)
        while parent != str(folder):
            try:
                os.rmdir(parent)  # only when empty
            except OSError:
                break
            parent = os.path.dirname(parent)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)


def _safe(path: str) -> bool:
    """A portal path from the index that stays inside the store."""
    parts = path.split("/")
    return bool(path) and "\\" not in path and "\0" not in path and not path.startswith("/") \
        and all(part not in ("", ".", "..") for part in parts)
