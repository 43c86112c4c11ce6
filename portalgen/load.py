"""The load and validate stages: a portal folder → the content model, plus every problem found.

Records that fail their schema are reported and left out of the model, so later stages (and the
build) only see valid content.  Each is kept aside as a :class:`Partial` holding its valid fields, so
that the rules which do not read a broken field still run on it in the same check.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping

from . import model, schema
from .config import Config, load_config
from .content_types import REGISTRY
from .problems import Problem, Severity
from .sources import PortalFiles, ReadMemo, Record, read_portal


@dataclass(frozen=True)
class Portal:
    """A whole portal: its configuration, its units in tree order, the shared procedure catalog."""

    config: Config
    units: tuple[model.UnitContent, ...]
    catalog: Mapping[str, tuple[model.Procedure, ...]]

    def unit(self, path: str) -> model.UnitContent | None:
        return next((u for u in self.units if u.unit.path == path), None)


class FieldBroken(Exception):
    """A rule read a field of a :class:`Partial` that failed its schema: the rule is skipped."""


@dataclass(frozen=True)
class Partial:
    """A content file with schema errors, never published nor counted as present: its model object
    built from the valid fields (``item``; broken required fields are None), the names of the top
    fields that failed (``broken``), its unit and section folder.  Reading a broken field raises
    :class:`FieldBroken`; any other attribute is the item's."""

    item: Any
    broken: frozenset[str]
    unit: str = ""
    folder: str = ""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("item", "broken", "unit", "folder"):
            raise AttributeError(name)
        if name in self.broken:
            raise FieldBroken(name)
        return getattr(self.item, name)


@dataclass
class Loaded:
    """The outcome of loading: the portal (None on configuration errors), records by path, problems."""

    root: Path
    portal: Portal | None
    records: dict[str, Record] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    config_failed: bool = False
    catalog_levels: dict[str, list[Record]] = field(default_factory=dict)
    partial: list[Partial] = field(default_factory=list)


class LoadMemo:
    """What loading keeps between the builds of one process (``portalgen serve``): records of
    unchanged files and the content built from them, so a rebuild reads and validates only the
    files that changed."""

    def __init__(self) -> None:
        self.reads = ReadMemo()
        self.items: dict[str, tuple[object, object | None, list[Problem]]] = {}
        self.built = False

    @property
    def changed(self) -> bool:
        """Whether a file was read or an item built anew since the memo was made or unpickled."""
        return self.reads.changed or self.built

    def __getstate__(self) -> dict[str, Any]:
        return {"reads": self.reads, "items": self.items}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.reads, self.items, self.built = state["reads"], state["items"], False

    def build_item(self, record: Record, problems: list[Problem]) -> object | None:
        known = self.items.get(record.path)
        if known is not None and known[0] is record.data and record.data is not None:
            problems += known[2]
            return known[1]
        found: list[Problem] = []
        item = _build_item(record, found)
        self.items[record.path] = (record.data, item, found)
        self.built = True
        problems += found
        return item

    def holds(self, item: Any) -> bool:
        """Whether ``item`` is the one this memo built from its file (by identity)."""
        known = self.items.get(getattr(item, "path", ""))
        return known is not None and known[1] is item

    def prune(self, paths: Iterable[str]) -> int:
        """Forget the files not in ``paths`` (gone since): how many entries went."""
        wanted = set(paths)
        gone = [path for path in self.items if path not in wanted]
        for path in gone:
            del self.items[path]
        return len(gone) + self.reads.prune(wanted)


def load_portal(root: Path, memo: LoadMemo | None = None) -> Loaded:
    """Read, validate and model a portal folder (``memo``: keep unchanged files from the previous
    load).  Never raises for bad content."""
    files = read_portal(root, memo.reads if memo is not None else None)
    problems = list(files.problems)
    config, config_problems = load_config(root, files.config)
    problems += config_problems
    loaded = Loaded(root=root, portal=None, problems=problems, catalog_levels=files.catalog)
    if config is None:
        loaded.config_failed = True
        problems += _validate_only(files, loaded.records)
        return loaded
    records = loaded.records
    units = []
    for unit_files in files.units:
        records[unit_files.record.path] = unit_files.record
        unit_model = _build(unit_files.record, problems, path=unit_files.path, parent=unit_files.parent)
        sections = {folder: _build_items(unit_files.items.get(folder, ()), records, problems, memo,
                                         loaded.partial, unit_files.path, folder)
                    for folder in REGISTRY.folders()}
        if unit_model is None or isinstance(unit_model, Partial):
            # a unit whose unit.yaml has errors: its content is still checked, never built
            loaded.partial += [_whole(item, unit_files.path, folder)
                               for folder, items in sections.items() for item in items]
            continue
        units.append(model.UnitContent(unit_model, sections))
    catalog = {level: _build_items(items, records, problems, memo, loaded.partial, "", "procedures")
               for level, items in files.catalog.items()}
    loaded.portal = Portal(config=config, units=tuple(sorted(units, key=lambda u: u.unit.path)),
                           catalog=MappingProxyType(catalog))
    return loaded


def _validate_only(files: PortalFiles, records: dict[str, Record]) -> list[Problem]:
    """The schema problems of every unit and content file, when the configuration failed and no
    model can be built: the editor still learns them in the same run."""
    problems: list[Problem] = []
    content = [u.record for u in files.units] + [r for u in files.units for items in u.items.values() for r in items]
    for record in content + [r for items in files.catalog.values() for r in items]:
        records[record.path] = record
        problems += schema.validate(record)
    return problems


def _build_items(items: Iterable[Record], records: dict[str, Record], problems: list[Problem],
                 memo: LoadMemo | None, partial: list[Partial], unit: str, folder: str) -> tuple:
    """The valid items of a section, in path order; records with schema errors go to ``partial``;
    every record is remembered for positions."""
    built = []
    for record in items:
        records[record.path] = record
        item = memo.build_item(record, problems) if memo is not None else _build_item(record, problems)
        if isinstance(item, Partial):
            partial.append(dataclasses.replace(item, unit=unit, folder=folder))
        elif item is not None:
            built.append(item)
    return tuple(sorted(built, key=lambda i: i.path))


def _whole(item: Any, unit: str, folder: str) -> Partial:
    """A valid item held back with its unit (whose unit.yaml has errors): none of its fields is broken."""
    return Partial(item, frozenset(), unit, folder)


def _build(record: Record, problems: list[Problem], **provenance) -> Any | None:
    """The model object of a valid record, a :class:`Partial` of one with schema errors, or None
    when it could not be read at all."""
    found = schema.validate(record)
    problems += found
    if record.data is None:
        return None
    errors = [p for p in found if p.severity == Severity.ERROR]
    if not errors:
        return schema.build(_model_of(record.kind), record.data, **provenance)
    if any(not p.field for p in errors):
        return None
    broken = frozenset(_TOP_FIELD.split(p.field, 1)[0] for p in errors) - model.PROVENANCE  # a stray `path:`
    return Partial(schema.build_partial(_model_of(record.kind), record.data, broken, **provenance), broken)


_TOP_FIELD = re.compile(r"[.\[]")


def _build_item(record: Record, problems: list[Problem]) -> Any | None:
    provenance = {"path": record.path, "slug": record.slug}
    cls = _model_of(record.kind)
    names = {f.name for f in fields(cls)}
    if "body" in names:
        provenance["body"] = record.body
    if "lang" in names:
        provenance["lang"] = record.lang
    return _build(record, problems, **provenance)


def build_record(record: Record, problems: list[Problem], **provenance: Any) -> Any | None:
    """The model of one record read outside the walk of a portal (a kept version of it): a unit
    takes its ``path`` and ``parent`` as ``provenance``; None when it is not valid."""
    return _build(record, problems, **provenance) if record.kind == "unit" else _build_item(record, problems)


def _model_of(kind: str) -> type:
    return model.Unit if kind == "unit" else REGISTRY.kind(kind).model
