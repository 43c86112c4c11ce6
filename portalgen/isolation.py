"""What a build holds back: from the check's errors, the items and units that are not published
anew, and whether an error reaches the whole portal (then nothing is built).

An error in an item's file, or in a file the item points to, holds that item; an error in a
unit's ``unit.yaml`` holds the unit; an error in ``portal.yaml`` or the theme stops the build.
Other errors (a folder with a wrong name…) touch nothing that is published: they are reported
and hold nothing.  Shortfalls against the regime (``COMPLIANCE_*``) never hold anything.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping

from .content_types import REGISTRY
from .files import resolve_reference
from .load import Portal
from .markdown_parsers import MarkdownUnreadable
from .markup import local_file, references
from .problems import Problem, Severity, problem
from .sources import Record

#: Problems that say something is missing or late, not that a file is wrong: they hold nothing.
NEVER_HOLDS = ("COMPLIANCE_",)


@dataclass(frozen=True)
class Decision:
    """What the errors of a check hold back: record paths of items (``catalog/…`` procedures
    included), unit folders, and whether the portal itself is wrong (``stops``)."""

    items: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()
    stops: bool = False

    @property
    def holds_any(self) -> bool:
        return bool(self.items or self.units)


def decide(problems: Iterable[Problem], records: Mapping[str, Record], portal: Portal | None) -> Decision:
    """The decision for a check's ``problems`` (``records``: the portal's records by path)."""
    items: set[str] = set()
    units: set[str] = set()
    stops = portal is None
    referrers: dict[str, list[str]] | None = None
    for found in problems:
        if found.severity != Severity.ERROR or found.code.startswith(NEVER_HOLDS):
            continue
        path = found.source.path
        if _portal_wide(path):
            stops = True
            continue
        record = records.get(path) or records.get(path + "/index.md")
        if record is not None and record.kind == "unit":
            units.add(posixpath.dirname(record.path))
        elif record is not None:
            items.add(record.path)
        elif portal is not None:
            if referrers is None:
                referrers = _referrers(portal)
            items.update(referrers.get(path, ()))
    return Decision(items=frozenset(items), units=frozenset(units), stops=stops)


def _portal_wide(path: str) -> bool:
    return not path or path == "portal.yaml" or path == "themes" or path.startswith("themes/")


def item_files(item: Any, unit_path: str) -> tuple[str, ...]:
    """The portal paths of the files an item points to (its fields' files, its body's images and
    file links), whether or not they exist, in order, once each."""
    content_type = REGISTRY.kind(_kind_of(item))
    refs = [found.ref for found in content_type.files(item)]
    body = getattr(item, "body", "") or ""
    try:
        refs += [target for target in (local_file(ref.target) for ref in references(body)) if target]
    except MarkdownUnreadable:  # reported by check, which holds the item
        pass
    paths = (resolve_reference(ref, item.path, unit_path) for ref in refs)
    return tuple(dict.fromkeys(path for path in paths if path))


def units_and_items(portal: Portal) -> Iterator[tuple[str, Any]]:
    """Every item of the portal with the folder of the unit it belongs to ('' for the catalog)."""
    for level in sorted(portal.catalog):
        for item in portal.catalog[level]:
            yield "", item
    for content in portal.units:
        for content_type in REGISTRY:
            for item in content.sections[content_type.folder]:
                yield content.unit.path, item


def _referrers(portal: Portal) -> dict[str, list[str]]:
    """File path → the items that point to it."""
    found: dict[str, list[str]] = {}
    for unit_path, item in units_and_items(portal):
        for path in item_files(item, unit_path):
            found.setdefault(path, []).append(item.path)
    return found


def _kind_of(item: Any) -> str:
    for content_type in REGISTRY:
        if isinstance(item, content_type.model):
            return content_type.kind
    raise TypeError(f"not a content item: {item!r}")


def held_problems(decision: Decision, kept: frozenset[str], records: Mapping[str, Record]) -> list[Problem]:
    """One problem per held record, saying whether its last good version stays published
    (``kept``: the record paths, ``unit.yaml`` included, that have one)."""
    found = []
    for path in sorted(decision.items):
        found.append(problem("HELD_ITEM_KEPT" if path in kept else "HELD_ITEM_NEW", path))
    for unit in sorted(decision.units):
        path = f"{unit}/unit.yaml"
        if path in records:
            found.append(problem("HELD_UNIT_KEPT" if path in kept else "HELD_UNIT_NEW", path))
    return found


@dataclass(frozen=True)
class HeldFile:
    """A file held back, for the dashboard: its path, ``kept`` (its last good version stays
    published), ``new`` (not published) or ``held`` (judged by a check: a build holds it back),
    and the codes of its errors."""

    path: str
    state: str
    reasons: tuple[str, ...]


def held_files(problems: Iterable[Problem]) -> dict[str, tuple[HeldFile, ...]]:
    """The files held back, by unit: those a build named (``HELD_…``), else — for a check's
    problems — every file with an error that holds something."""
    problems = tuple(problems)
    states = {p.source.path: ("kept" if p.code.endswith("_KEPT") else "new", p.unit)
              for p in problems if p.code.startswith("HELD_")}
    named = bool(states)
    reasons: dict[str, set[str]] = {}
    for found in problems:
        path = found.source.path
        if found.severity == Severity.ERROR and not found.code.startswith(NEVER_HOLDS) and not _portal_wide(path):
            reasons.setdefault(path, set()).add(found.code)
            if not named:
                states.setdefault(path, ("held", found.unit))
    by_unit: dict[str, list[HeldFile]] = {}
    for path, (state, unit) in sorted(states.items()):
        by_unit.setdefault(unit, []).append(HeldFile(path, state, tuple(sorted(reasons.get(path, ())))))
    return {unit: tuple(files) for unit, files in by_unit.items()}
