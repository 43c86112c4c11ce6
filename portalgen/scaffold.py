"""``portalgen new``: a new content file or unit folder that already passes ``portalgen check``.

Every field, its comment (title and description) and its kind of value come from the content
type's JSON Schema; the values a new file starts with (today's date, the unit's agency, the first
news category, the title given on the command line) come from its content type's ``starts_with``
(given a :class:`Start`).  Required fields that cannot be inferred must be given with
``--set field=value``; nothing is ever overwritten.  Names, YAML lines and the schema check are
shared with ``portalgen import docx`` (:mod:`portalgen.authoring`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import schema, units, vn
from .authoring import (
    check_slug,
    portal_root,
    read_data,
    refuse_reserved,
    require_unit,
    reserved_address,
    short_slug,
    taken_names,
    validate,
    yaml_field,
)
from .content_types import REGISTRY
from .failures import UsageFailure
from .phrases import PHRASES
from .speech import Text, join

#: The section folder of each content type (``unit`` is a folder of its own).
FOLDERS = {section.kind: section.folder for section in REGISTRY}
KINDS = tuple(sorted([*FOLDERS, "unit"]))


@dataclass(frozen=True)
class Request:
    """What the editor asked for."""

    kind: str
    unit_dir: Path
    now: dt.datetime
    title: str | None = None
    slug: str | None = None
    values: tuple[tuple[str, str], ...] = ()
    files: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Plan:
    """What will be written: the content file, and files copied beside it (target, source)."""

    kind: str
    path: Path
    text: str
    copies: tuple[tuple[Path, Path], ...]
    folder: Path | None  # a new folder created for the item (unit folder, news bundle), else None


# --- reading the context -------------------------------------------------------------------------

def _require_folder(request: Request) -> tuple[dict, dict]:
    """The unit's data and the portal's; the folder must be a unit (or, for a unit, the portal)."""
    folder = request.unit_dir
    if request.kind == "unit" and folder.is_dir() and not any((folder / name).is_file()
                                                              for name in ("unit.yaml", "portal.yaml")):
        raise UsageFailure("NEW_UNIT_NO_PORTAL", folder=folder)
    require_unit(folder, portal_allowed=request.kind == "unit")
    root = portal_root(folder)
    portal = read_data(root / "portal.yaml") if root else {}
    return (read_data(folder / "unit.yaml") if (folder / "unit.yaml").is_file() else {}), portal


# --- values --------------------------------------------------------------------------------------

def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _child_level(unit: dict, portal: dict) -> dict:
    levels = [lv for lv in portal.get("levels") or [] if isinstance(lv, dict)]
    keys = [lv.get("key") for lv in levels]
    if not unit:
        return levels[0] if levels else {}
    index = keys.index(unit.get("level")) + 1 if unit.get("level") in keys else len(levels)
    if index >= len(levels):
        raise UsageFailure("NEW_LOWEST_LEVEL", level=unit.get("level"))
    return levels[index]


@dataclass(frozen=True)
class Start:
    """What a new file knows before its values are chosen; each content type's ``starts_with``
    turns it into field values."""

    now: dt.datetime
    today: str
    title: str | None
    agency: str | None
    categories: dict[str, Any]  # portal.yaml's news_categories ({} without any)
    leaders: tuple[dict, ...]  # the unit's leaders with a name
    level_title: str | None  # the title of the unit's level in portal.yaml


def _title_field(kind: str) -> str:
    """Where ``--title`` goes in a content type ("" for none: a schedule's title is its first entry)."""
    return "name" if kind == "unit" else REGISTRY.kind(kind).title_field


def _inferred(request: Request, unit: dict, portal: dict) -> dict[str, Any]:
    """Values this module can infer for a content type from the date, the unit and the portal."""
    title = request.title
    if request.kind == "unit":
        level = _child_level(unit, portal)
        types = [str(t) for t in level.get("unit_types") or []]
        inferred = units.type_of(title, types) if title else None
        values = {"level": level.get("key"), "type": inferred or (types[0] if types else None),
                  "agency": f"Ủy ban nhân dân {_lower_first(title)}" if title else None}
    else:
        categories = portal.get("news_categories")
        start = Start(now=request.now, today=request.now.date().isoformat(), title=title,
                      agency=unit.get("agency") or unit.get("name"),
                      categories=categories if isinstance(categories, dict) else {},
                      leaders=tuple(p for p in unit.get("leaders") or [] if isinstance(p, dict) and p.get("name")),
                      level_title=unit.get("level") and _level_title(unit, portal))
        values = dict(REGISTRY.kind(request.kind).starts_with(start))
    if _title_field(request.kind):
        values[_title_field(request.kind)] = title
    return {key: value for key, value in values.items() if value not in (None, "")}


def _place_in_week(values: dict, today: dt.date) -> None:
    """The first entry of a schedule on today's weekday of the chosen week (``--set week=…``)."""
    week = vn.parse_week(str(values.get("week", "")))
    entries = values.get("entries")
    if week and isinstance(entries, list) and entries:
        entries[0]["date"] = (week[0] + dt.timedelta(days=today.weekday())).isoformat()


def _level_title(unit: dict, portal: dict) -> str | None:
    return next((lv.get("title") for lv in portal.get("levels") or []
                 if isinstance(lv, dict) and lv.get("key") == unit.get("level")), None)


def _field_node(root: dict, parts: list[str]) -> dict | None:
    """The schema of a field named by its path (``contacts.phone``), or None."""
    node = root
    for part in parts:
        found = (node.get("properties") or {}).get(part) if node.get("type") == "object" else None
        if found is None:
            return None
        node = found
    return node


def _convert(text: str, node: dict, name: str) -> Any:
    """A ``--set`` value as the schema's type wants it."""
    kind = node.get("type")
    bad = UsageFailure("NEW_SET_INVALID", name=name, value=text, title=Text(node.get("title", name), name), kind=kind)
    if kind == "integer":
        try:
            return int(text)
        except ValueError:
            raise bad from None
    if kind == "number":
        try:
            return float(text)
        except ValueError:
            raise bad from None
    if kind == "boolean":
        if text.lower() not in ("true", "false"):
            raise bad
        return text.lower() == "true"
    if kind == "array" and (node.get("items") or {}).get("type") == "string":
        return [text]
    if kind in ("array", "object"):
        raise UsageFailure("NEW_SET_GROUP", name=name)
    return text


def _apply(values: dict[str, Any], pairs: tuple[tuple[str, str], ...], root: dict, kind: str) -> None:
    for name, text in pairs:
        parts = name.split(".")
        node = _field_node(root, parts)
        if node is None:
            top = list(root.get("properties") or {})
            guess = vn.suggest(parts[0], top)
            raise UsageFailure("NEW_SET_UNKNOWN", name=name, type=Text(root.get("title", kind), kind),
                               fields=", ".join(top), guess=PHRASES["NEW_SET_GUESS"].fill(guess=guess) if guess else "")
        target = values
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = _convert(vn.nfc(text), node, name)


def _missing(values: dict, node: dict, prefix: str = "") -> list[tuple[str, str]]:
    """Required fields (of the item and of groups given) still without a value: (field, title)."""
    out = []
    for name in node.get("required", []):
        sub = node["properties"][name]
        if sub.get("type") == "object" and sub.get("required") and isinstance(values.get(name, {}), dict):
            out += _missing(values.get(name, {}), sub, f"{prefix}{name}.")  # --set contacts.phone=…, not contacts
        elif name not in values:
            out.append((prefix + name, sub.get("title", "")))
    return out


# --- writing the text ----------------------------------------------------------------------------

def _describe(name: str, node: dict, required: bool) -> list[str]:
    title = node.get("title", name)
    lines = [f"# {title}{' (bắt buộc)' if required else ''}: {node.get('description', '')}".rstrip(": ")]
    if node.get("enum"):
        lines.append("#   Một trong: " + ", ".join(str(v) for v in node["enum"]) + ".")
    item = node.get("items") or {}
    inner = node if node.get("type") == "object" else item if item.get("type") == "object" else None
    if inner and inner.get("properties"):
        parts = [f"{key} ({sub.get('title', key)}{', bắt buộc' if key in inner.get('required', []) else ''})"
                 for key, sub in inner["properties"].items()]
        lines.append("#   Gồm: " + ", ".join(parts) + ".")
    return lines


def render(kind: str, values: dict[str, Any], body_hint: bool, notes: dict[str, str] | None = None) -> str:
    """The file's YAML: every field of the schema in its order, with its Vietnamese comment (and
    ``notes`` for some fields); fields without a value are written as comments to fill in."""
    root = schema.validator(kind).schema
    lines = [f"# {root.get('title', kind)}: {root.get('description', '')}", ""]
    for name, node in root["properties"].items():
        required = name in root.get("required", [])
        lines += _describe(name, node, required)
        if notes and name in notes:
            lines.append(f"#   {notes[name]}")
        if name in values:
            lines.append(yaml_field(name, values[name]))
        else:
            lines.append(f"# {name}:")
        lines.append("")
    if body_hint:
        lines.append("# Nội dung (Markdown) viết bên dưới dòng --- kết thúc phần đầu này.")
    text = "\n".join(lines).rstrip("\n") + "\n"
    return f"---\n{text}---\n\n" if FOLDERS.get(kind) and REGISTRY.kind(kind).fmt == "md" else text


# --- planning ------------------------------------------------------------------------------------

def _slug(request: Request, values: dict, type_key: str | None) -> str:
    if request.slug is not None:
        check_slug(request.slug)
        return request.slug
    if request.kind == "schedule":
        return values["week"]
    source = values.get("number") if request.kind == "document" else values.get(_title_field(request.kind))
    full = short_slug(str(source or ""))
    slug = short_slug(units.short_name(str(source), type_key)) if type_key and source else full
    if not slug:
        raise UsageFailure("NEW_NAME_NEEDED")
    if reserved_address(request.kind, slug) and not reserved_address(request.kind, full):
        return full  # "Xã Tin Tức": xa-tin-tuc, not tin-tuc (the parent's news address)
    return slug


def _attachments(files: tuple[Path, ...]) -> list[tuple[dict, Path]]:
    """Each ``--file`` as a reference (a slug-like name beside the new file) and its source."""
    out = []
    for source in files:
        if not source.is_file():
            raise UsageFailure("NEW_FILE_MISSING", path=source)
        name = (short_slug(source.stem) or "tep") + source.suffix.lower()
        out.append(({"file": name, "title": vn.nfc(source.stem)}, source))
    return out


def plan(request: Request) -> Plan:
    """Decide the new file's place and text; reads the unit and the portal, writes nothing."""
    if request.kind not in KINDS:
        raise UsageFailure("NEW_KIND_UNKNOWN", kind=request.kind)
    if request.title is not None and not request.title.strip():
        raise UsageFailure("NEW_TITLE_EMPTY")
    if request.kind == "schedule" and request.title is None:
        raise UsageFailure("NEW_SCHEDULE_TITLE")
    request = replace(request, title=vn.nfc(request.title.strip()) if request.title else None)
    unit, portal = _require_folder(request)
    root = schema.validator(request.kind).schema
    draft: dict[str, Any] = {}
    _apply(draft, request.values, root, request.kind)
    values = _inferred(request, unit, portal)
    values.update(draft)
    if request.kind == "schedule":
        _place_in_week(values, request.now.date())
    target = next((name for name in ("attachments", "files", "images") if name in root["properties"]), None)
    if request.files and target is None:
        raise UsageFailure("NEW_NO_ATTACHMENTS", kind=request.kind)
    attached = _attachments(request.files)
    if attached:  # an album's pictures are images, described by their file's name until the editor says more
        values[str(target)] = [{"src": ref["file"], "alt": ref["title"]} if target == "images" else ref
                               for ref, _ in attached]
    missing = _missing(values, root)
    if missing:
        shown = Text("; ".join(f"{name} ({title})" for name, title in missing),
                     "; ".join(name for name, _ in missing))
        files_missing = any(name == "files" for name, _ in missing)
        add = join([*(f"--set {name}=…" for name, _ in missing if name not in ("files", "attachments")),
                    PHRASES["NEW_FILE_OPTION"] if files_missing else ""])
        raise UsageFailure("NEW_REQUIRED_MISSING", fields=shown, add=add)
    bundle = request.kind == "news" and bool(request.files)
    slug = _slug(request, values, values.get("type") if request.kind == "unit" else None)
    if request.kind == "unit" and request.slug is None and (request.unit_dir / slug).exists():
        full = short_slug(str(values.get("name", "")))  # a Phường beside a Xã of the same name, as init names them
        slug = full if full and not (request.unit_dir / full).exists() else slug
    refuse_reserved(request.kind, slug)
    if request.kind == "unit":
        folder = request.unit_dir / slug
        path, item_dir = folder / "unit.yaml", folder
        section = None
    else:
        section = request.unit_dir / FOLDERS[request.kind]
        suffix = ".md" if REGISTRY.kind(request.kind).fmt == "md" else ".yaml"
        base = section / str(request.now.year) if request.kind == "news" else section
        path = base / slug / "index.md" if bundle else base / f"{slug}{suffix}"
        item_dir = path.parent
    copies = [(item_dir / ref["file"], source) for ref, source in attached]
    taken = section is not None and slug in taken_names(section)
    if taken or path.exists() or (request.kind == "unit" and item_dir.exists()):
        existing = item_dir if request.kind == "unit" or bundle else path
        raise UsageFailure("NEW_EXISTS", path=existing, section=section or request.unit_dir,
                           week=PHRASES["NEW_OR_WEEK"] if request.kind == "schedule" else "")
    for target, _ in copies:
        if target.exists():
            raise UsageFailure("NEW_COPY_EXISTS", path=target)
    categories = portal.get("news_categories")
    notes = {"category": "Các mã: " + ", ".join(f"{k} ({v})" for k, v in categories.items()) + "."
             } if request.kind == "news" and isinstance(categories, dict) else {}
    text = render(request.kind, values, request.kind in FOLDERS and REGISTRY.kind(request.kind).fmt == "md", notes)
    validate(request.kind, text, path)
    return Plan(kind=request.kind, path=path, text=text, copies=tuple(copies),
                folder=item_dir if request.kind == "unit" or bundle else None)


def write(plan_: Plan) -> Path:
    """Create the planned files; an existing file or folder is never touched."""
    try:
        plan_.path.parent.mkdir(parents=True, exist_ok=plan_.folder is None)
        for target, source in plan_.copies:
            with open(target, "xb") as handle:
                handle.write(source.read_bytes())
        with open(plan_.path, "xb") as handle:
            handle.write(plan_.text.encode("utf-8"))
    except FileExistsError as exc:
        raise UsageFailure("ALREADY_EXISTS", path=exc.filename) from None
    except OSError as exc:
        raise UsageFailure("FILE_UNWRITABLE", path=exc.filename, reason=exc.strerror) from None
    return plan_.path
