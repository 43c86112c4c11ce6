"""What ``portalgen new`` and ``portalgen import docx`` share when they write a content file for an
editor: the unit folder and its portal, free names in a section, YAML lines that read back exactly,
and the schema check of the new text.  Input they cannot use raises :class:`UsageFailure`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from . import schema, vn
from .content_types import REGISTRY
from .failures import UsageFailure
from .phrases import PHRASES
from .problems import Problem
from .sources import Record, read_yaml_record
from .speech import Text, join
from .yamlio import parse_yaml

SLUG_CHARS = 60


# --- the unit and its portal ---------------------------------------------------------------------

def portal_root(folder: Path) -> Path | None:
    """The portal folder holding ``folder`` (the nearest one with a portal.yaml)."""
    for candidate in (folder.resolve(), *folder.resolve().parents):
        if (candidate / "portal.yaml").is_file():
            return candidate
    return None


def read_data(path: Path) -> dict:
    """A YAML file's data, or {} when it is missing or broken (``check`` reports those)."""
    record = read_yaml_record(path.parent, path.name, "unit", [])
    return record.data if isinstance(record.data, dict) else {}


def require_unit(folder: Path, portal_allowed: bool = False) -> None:
    """Refuse a folder that is not a unit's (holds no unit.yaml); with ``portal_allowed``, the
    portal folder itself is accepted too (a new top unit)."""
    if not folder.is_dir():
        raise UsageFailure("FOLDER_MISSING", folder=folder)
    if not (folder / "unit.yaml").is_file() and not (portal_allowed and (folder / "portal.yaml").is_file()):
        raise UsageFailure("NOT_A_UNIT", folder=folder)


# --- names -----------------------------------------------------------------------------------------

def short_slug(text: str) -> str:
    """The slug of ``text``, cut at a word boundary to at most :data:`SLUG_CHARS` characters."""
    slug = vn.slugify(text)
    if len(slug) > SLUG_CHARS:
        cut = slug[:SLUG_CHARS + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:SLUG_CHARS]
    return slug.strip("-")


def check_slug(slug: str) -> None:
    """Refuse a name given with ``--slug`` that is not a slug, suggesting one."""
    if not vn.is_slug(slug):
        suggestion = vn.slugify(slug)
        raise UsageFailure("SLUG_INVALID", slug=slug,
                           example=PHRASES["SLUG_EXAMPLE"].fill(slug=suggestion) if suggestion else "")


def taken_names(section: Path) -> set[str]:
    """Names in use in a section folder (slugs are unique per section, whatever the year folder;
    English pages may reuse Vietnamese names)."""
    taken: set[str] = set()
    for folder, dirs, files in os.walk(section):
        if Path(folder) == section and section.name == "pages":
            dirs[:] = [d for d in dirs if d != "en"]
        taken.update(dirs)
        taken.update(Path(name).stem for name in files if name.endswith((".md", ".yaml", ".yml")))
    return taken


def reserved_address(kind: str, slug: str) -> str | None:
    """The address portalgen generates that an item of ``kind`` (or a unit folder) named ``slug``
    would overwrite (see ``Registry.reserved_address``)."""
    return REGISTRY.reserved_address(None if kind == "unit" else REGISTRY.kind(kind), slug)


def refuse_reserved(kind: str, slug: str) -> None:
    """Refuse a name that would overwrite a page portalgen generates (check says SLUG_RESERVED)."""
    address = reserved_address(kind, slug)
    if address:
        raise UsageFailure("SLUG_RESERVED", slug=slug, address=address,
                           other=f"{slug}-{'don-vi' if kind == 'unit' else 'moi'}")


# --- the text ----------------------------------------------------------------------------------------

class _Dumper(yaml.SafeDumper):
    """Writes dates unquoted (``date: 2026-11-27``), as editors write them; portalgen reads them as text."""


_Dumper.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()}

#: Text that a YAML 1.2 reader (VS Code, web editors) would take for a number, a boolean or null,
#: and number-like text (codes, phone numbers: ``06994``, ``0229 3871 535``), but not a date.
_YAML12_NOT_TEXT = re.compile(
    r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(inf|Inf|INF)"
    r"|\.(nan|NaN|NAN)|null|Null|NULL|~|true|True|TRUE|false|False|FALSE|[+(]?[0-9][0-9 .()+-]*")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Number-like text in double quotes, so that every YAML reader reads it back as text."""
    quoted = bool(_YAML12_NOT_TEXT.fullmatch(value)) and not _DATE.fullmatch(value)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if quoted else None)


_Dumper.add_representer(str, _represent_text)


def yaml_field(key: str, value: Any) -> str:
    """``key: value`` — one line for a single value, never folded — that portalgen's YAML reader
    reads back as exactly ``value``; JSON (also YAML) when the YAML writer's form would not."""
    text = yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000).rstrip("\n")
    parsed = parse_yaml(text)
    if parsed.issues or parsed.data != {key: value} or ("\n" in text and not isinstance(value, (list, dict))):
        text = f"{key}: {json.dumps(value, ensure_ascii=False)}"
    return text


def _front_matter(text: str) -> str:
    """The YAML of a content file's text: all of it, or a Markdown file's front matter."""
    lines = text.split("\n")
    if lines[0] != "---":
        return text
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), len(lines))
    return "\n".join(lines[1:end])


def schema_problems(kind: str, text: str, path: Path) -> list[Problem]:
    """What ``portalgen check`` would say of the new text against its schema."""
    parsed = parse_yaml(_front_matter(text))
    return schema.validate(Record(kind=kind, path=path.name, data=parsed.data, positions=parsed.positions))


def validate(kind: str, text: str, path: Path, blanks: Iterable[str] = ()) -> None:
    """Refuse a new text that does not pass its schema, but for the ``blanks`` left for the editor
    (empty or missing fields that ``portalgen check`` will point at)."""
    left = set(blanks)
    problems = [p for p in schema_problems(kind, text, path)
                if not (p.field in left and p.code in ("FIELD_EMPTY", "FIELD_MISSING"))]
    if problems:
        said = (Text(f"{p.field}: {p.message('vi')}", f"{p.field}: {p.message('en')}") for p in problems)
        raise UsageFailure("VALUES_INVALID", problems=join(said))
