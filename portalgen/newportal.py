"""``portalgen init``: a new portal — ``portal.yaml`` with the levels of July 2025 and a
``unit.yaml`` for each unit, from a province of the official list or from a CSV file of units.

Each unit's folder is its name without the type word (``Phường Hạ Long`` → ``ha-long``); where two
units under one parent would share a folder (a Xã and a Phường of the same name) or the folder
would be an address portalgen generates, both keep the type word (``xa-tan-phu``, ``phuong-tan-phu``),
and the code is added if that is still not enough.  The files pass ``portalgen check`` but for the
content editors must still add (contacts, leaders, pages…), which it reports as obligations.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import units, vn
from .authoring import reserved_address, short_slug, validate, yaml_field
from .failures import UsageFailure
from .scaffold import render

#: The levels of a portal after 1 July 2025 (no district level): key, titles, code digits, unit types.
LEVELS = (
    ("province", "Cấp tỉnh", "Province", 2, ("tinh", "thanh-pho-truc-thuoc-trung-uong")),
    ("commune", "Cấp xã", "Commune", 5, ("xa", "phuong", "dac-khu")),
)
CATEGORIES = (("tin-hoat-dong", "Tin hoạt động"), ("chi-dao-dieu-hanh", "Chỉ đạo điều hành"),
              ("thong-bao", "Thông báo"), ("cai-cach-hanh-chinh", "Cải cách hành chính"))
CSV_COLUMNS = ("code", "name", "type", "parent")
#: Each unit type's level: its place in LEVELS.
RANK = {type_: rank for rank, (*_, types) in enumerate(LEVELS) for type_ in types}


@dataclass(frozen=True)
class Entry:
    """A unit to create: its official code, full name, type and its parent's code (None at the top)."""

    code: str
    name: str
    type: str
    parent: str | None


@dataclass(frozen=True)
class Plan:
    """The portal folder and the files to write in it (portal-relative path, text), in order."""

    folder: Path
    files: tuple[tuple[str, str], ...]

    @property
    def unit_count(self) -> int:
        return sum(1 for path, _ in self.files if path.endswith("unit.yaml"))


def _level(type_: str) -> str:
    return LEVELS[RANK[type_]][0]


def from_province(province: units.Province) -> tuple[Entry, ...]:
    """The province and every one of its communes, wards and special zones."""
    top = Entry(province.code, province.name, province.type, None)
    return (top, *(Entry(u.code, u.name, u.type, province.code) for u in province.units))


def read_csv(path: Path) -> tuple[Entry, ...]:
    """The units of a CSV file (UTF-8, commas or semicolons, a header line ``code,name,type,parent``;
    ``type`` may be empty when the name starts with its type word, ``parent`` is the code of a unit
    of the file or empty)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageFailure("FILE_MISSING", path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageFailure("INIT_CSV_UNREADABLE", path=path, reason=getattr(exc, "strerror", None) or exc) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first and "," not in first else ","  # Excel writes ; in some locales
    rows = list(csv.reader(text.splitlines(), delimiter=delimiter))
    header = [cell.strip().lower() for cell in rows[0]] if rows else []
    if header[:4] != list(CSV_COLUMNS):
        raise UsageFailure("INIT_CSV_HEADER", path=path, columns=",".join(CSV_COLUMNS))
    entries: list[tuple[int, Entry]] = []  # (line, unit)
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        code, name, type_, parent = (vn.nfc(cell.strip()) for cell in [*row, "", "", "", ""][:4])
        entries.append((line, _entry(path, line, code, name, type_, parent)))
    _check_tree(path, entries)
    return tuple(entry for _, entry in entries)


def _entry(path: Path, line: int, code: str, name: str, type_: str, parent: str) -> Entry:
    allowed = list(RANK)
    type_ = type_ or units.type_of(name, allowed) or ""
    bad = {"path": path, "line": line, "unit_code": code, "name": name}
    if not name:
        raise UsageFailure("INIT_CSV_NAME", **bad)
    if type_ not in allowed:
        raise UsageFailure("INIT_CSV_TYPE", **bad, type=type_, allowed=", ".join(allowed))
    digits = LEVELS[RANK[type_]][3]
    if not (code.isdigit() and len(code) == digits):
        raise UsageFailure("INIT_CSV_CODE", **bad, digits=digits)
    return Entry(code, name, type_, parent or None)


def _check_tree(path: Path, entries: list[tuple[int, Entry]]) -> None:
    """Refuse a file without units, with a code twice, or a parent that is not a unit of a higher level in it."""
    if not entries:
        raise UsageFailure("INIT_CSV_EMPTY", path=path)
    by_code: dict[str, tuple[int, Entry]] = {}
    for line, entry in entries:
        if entry.code in by_code:
            raise UsageFailure("INIT_CSV_DUPLICATE", path=path, line=line, other=by_code[entry.code][0],
                               unit_code=entry.code)
        by_code[entry.code] = (line, entry)
    for line, entry in entries:
        parent = by_code.get(entry.parent or "")
        if entry.parent and (parent is None or RANK[parent[1].type] >= RANK[entry.type]):
            raise UsageFailure("INIT_CSV_PARENT", path=path, line=line, unit_code=entry.code, parent=entry.parent)


def _folders(entries: tuple[Entry, ...]) -> dict[str, str]:
    """Each unit's folder name (by code), unique among the units of its parent."""
    names: dict[str, str] = {}
    siblings: dict[str | None, list[Entry]] = {}
    for entry in entries:
        siblings.setdefault(entry.parent, []).append(entry)
    for group in siblings.values():
        short = {e.code: short_slug(units.short_name(e.name, e.type)) for e in group}
        counts = Counter(short.values())
        chosen = {e.code: short_slug(e.name) if not short[e.code] or counts[short[e.code]] > 1
                  or reserved_address("unit", short[e.code]) else short[e.code] for e in group}
        counts = Counter(chosen.values())
        names.update({code: f"{slug}-{code}" if counts[slug] > 1 else slug for code, slug in chosen.items()})
    return names


def _portal_yaml(name: str, base_url: str) -> str:
    lines = ["# Cổng thông tin điện tử: cấu hình chung (tạo bởi portalgen init, theo danh mục đơn vị hành chính",
             "# từ ngày 01/7/2025). Xem README.md, mục portal.yaml.",
             yaml_field("name", name), yaml_field("base_url", base_url), "language: vi", "regime: nd42-2022",
             "levels:"]
    for key, title, title_en, digits, types in LEVELS:
        lines += [f"  - key: {key}", f"    title: {title}", f"    title_en: {title_en}",
                  f"    code_digits: {digits}", f"    unit_types: [{', '.join(types)}]"]
    lines.append("news_categories:")
    lines += [f"  {key}: {title}" for key, title in CATEGORIES]
    return "\n".join(lines) + "\n"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def plan(folder: Path, entries: tuple[Entry, ...], name: str | None = None, base_url: str | None = None) -> Plan:
    """The files of the new portal; refuses a folder that already holds a portal or one of the units."""
    if (folder / "portal.yaml").exists():
        raise UsageFailure("INIT_PORTAL_EXISTS", folder=folder)
    if folder.exists() and not folder.is_dir():
        raise UsageFailure("PORTAL_NOT_FOLDER", value=folder)
    tops = [e for e in entries if e.parent is None]
    first = tops[0]
    portal_name = name or f"Cổng thông tin điện tử {_lower_first(first.name)}"
    url = base_url or f"https://{short_slug(units.short_name(first.name, first.type)).replace('-', '')}.gov.vn/"
    folders = _folders(entries)
    by_code = {e.code: e for e in entries}
    files = [("portal.yaml", _portal_yaml(portal_name, url))]
    for entry in sorted(entries, key=lambda e: (len(e.code), e.code)):
        parts = [folders[entry.code]]
        cursor = entry.parent
        while cursor:
            parts.insert(0, folders[cursor])
            cursor = by_code[cursor].parent
        path = "/".join([*parts, "unit.yaml"])
        if (folder / path).parent.exists():
            raise UsageFailure("ALREADY_EXISTS", path=(folder / path).parent)
        values = {"code": entry.code, "name": entry.name, "type": entry.type, "level": _level(entry.type),
                  "agency": f"Ủy ban nhân dân {_lower_first(entry.name)}"}
        text = render("unit", values, False)
        validate("unit", text, folder / path)
        files.append((path, text))
    return Plan(folder, tuple(files))


def write(plan_: Plan) -> None:
    """Create the planned files; an existing file is never touched."""
    try:
        for path, text in plan_.files:
            target = plan_.folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "xb") as handle:
                handle.write(text.encode("utf-8"))
    except FileExistsError as exc:
        raise UsageFailure("ALREADY_EXISTS", path=exc.filename) from None
    except OSError as exc:
        raise UsageFailure("FILE_UNWRITABLE", path=exc.filename, reason=exc.strerror) from None
