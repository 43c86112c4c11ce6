"""An official document as an entry of a unit's document register (``documents/<slug>.yaml``) with
its file copied beside it: the fields its official layout gave, the fields it did not give left out
and listed for the editor, writing without ever overwriting, and the report the command prints."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .. import vn
from ..authoring import (
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
from ..failures import UsageFailure
from ..phrases import PHRASES
from .draft import check_command
from .official import Official, abbreviation_of

#: The fields an official document gives, in the entry's order (``files`` comes last).
FIELDS = ("number", "type", "issuer", "issue_date", "summary", "signer", "signer_position")
REQUIRED = frozenset({"number", "type", "issuer", "issue_date", "summary"})


@dataclass(frozen=True)
class Entry:
    """What :func:`write_entry` will write: the entry (``path``) and the copy of the source file beside it."""

    unit_dir: Path
    slug: str
    path: Path
    text: str
    source: Path
    copy: Path
    values: tuple[tuple[str, str], ...]  # the fields read, in file order
    blanks: tuple[str, ...]  # the fields to fill, in file order
    found: bool  # whether the file has an official header at all
    check_command: str


def _agency_key(text: str) -> str:
    folded = " ".join(re.findall(r"[a-z0-9]+", vn.fold(text)))
    return re.sub(r"\bubnd\b", "uy ban nhan dan", re.sub(r"\bhdnd\b", "hoi dong nhan dan", folded))


def issuer_name(read: str, agency: str) -> str:
    """The issuer as the unit writes its own agency when the header names it (``UBND`` or in full,
    any case), else as read."""
    return agency if read and agency and _agency_key(read) == _agency_key(agency) else read


def field_values(official: Official | None, agency: str) -> dict[str, str]:
    """The entry's fields that the document gave, as text."""
    if official is None:
        return {}
    values = {"number": official.number, "type": official.type, "issuer": issuer_name(official.issuer, agency),
              "issue_date": official.issue_date.isoformat() if official.issue_date else "",
              "summary": official.summary, "signer": official.signer, "signer_position": official.signer_position}
    return {key: value for key, value in values.items() if value}


def entry_slug(values: dict[str, str]) -> str:
    """The register's name of a document: abbreviation, number and year (``qd-15-2026`` for
    15/2026/QĐ-UBND), else the number or trích yếu as a slug."""
    number = values.get("number", "")
    digits = re.match(r"\d+", number)
    year = values.get("issue_date", "")[:4] or next(iter(re.findall(r"/((?:19|20)\d\d)/", number)), "")
    abbreviation = abbreviation_of(number) or ("cv" if values.get("type") == "Công văn" else "")
    if digits and abbreviation and year:
        return f"{abbreviation}-{digits[0]}-{year}"
    return short_slug(number or values.get("summary", "")) or "van-ban"


def _free(base: str, taken: set[str]) -> str:
    slug, number = base, 1
    while slug in taken or reserved_address("document", slug):
        number += 1
        slug = f"{base}-{number}"
    return slug


def render_entry(values: dict[str, str], file_name: str) -> tuple[str, tuple[str, ...]]:
    """The text of the entry and the fields left for the editor (left out, so ``check`` says FIELD_MISSING)."""
    lines = [yaml_field(key, values[key]) for key in FIELDS if key in values]
    title = f"Toàn văn {values.get('type', 'văn bản').lower()}" + (f" số {values['number']}" if "number" in values
                                                                    else "")
    lines += ["files:", f"  - {yaml_field('file', file_name)}", f"    {yaml_field('title', title)}"]
    return "\n".join(lines) + "\n", tuple(key for key in FIELDS if key not in values)


def plan_entry(official: Official | None, source: Path, unit_dir: Path, slug: str | None = None) -> Entry:
    """Where and what to write in a unit folder; reads the folder, writes nothing.  The entry must
    pass its schema but for the fields left out."""
    require_unit(unit_dir)
    section = unit_dir / "documents"
    taken = taken_names(section) | {path.stem for path in section.glob("*") if path.is_file()}
    values = field_values(official, str(read_data(unit_dir / "unit.yaml").get("agency") or ""))
    if slug is None:
        slug = _free(entry_slug(values), taken)
    else:
        check_slug(slug)
        if slug in taken:
            raise UsageFailure("IMPORT_SLUG_TAKEN", slug=slug, section=section)
        refuse_reserved("document", slug)
    copy = section / f"{slug}{source.suffix.lower()}"
    path = section / f"{slug}.yaml"
    text, blanks = render_entry(values, copy.name)
    validate("document", text, path, [key for key in blanks if key in REQUIRED])
    return Entry(unit_dir=unit_dir, slug=slug, path=path, text=text, source=source, copy=copy,
                 values=tuple((key, values[key]) for key in FIELDS if key in values), blanks=blanks,
                 found=official is not None, check_command=check_command(unit_dir, portal_root(unit_dir)))


def write_entry(entry: Entry, data: bytes) -> Path:
    """Write the entry and the file's copy (``data``), creating both: an existing file is never touched."""
    try:
        entry.path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageFailure("FOLDER_UNCREATABLE", folder=entry.path.parent, reason=exc.strerror) from None
    written: list[Path] = []
    for target, content in ((entry.copy, data), (entry.path, entry.text.encode("utf-8"))):
        try:
            handle = open(target, "xb")
        except FileExistsError:
            _remove(written)
            raise UsageFailure("IMPORT_EXISTS", path=target) from None
        except OSError as exc:
            _remove(written)
            raise UsageFailure("FILE_UNWRITABLE", path=target, reason=exc.strerror) from None
        written.append(target)
        try:
            with handle:
                handle.write(content)
        except OSError as exc:
            _remove(written)
            raise UsageFailure("FILE_UNWRITABLE", path=target, reason=exc.strerror) from None
    return entry.path


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def format_report(entry: Entry, source: str, lang: str = "vi") -> str:
    """What was written, what was read, the fields to fill and the next step, in ``lang``."""
    lines = [PHRASES.say("IMPORTED_DOCUMENT", lang, source=source), f"  {entry.path}", f"  {entry.copy}"]
    if not entry.found:
        lines += ["", PHRASES.say("IMPORT_NO_OFFICIAL_HEADER", lang)]
    if entry.values:
        lines += ["", PHRASES.say("IMPORT_READ", lang)]
        lines += [f"  {key}: {value}" for key, value in entry.values]
    lines.append("")
    if entry.blanks:
        fields = ", ".join(PHRASES.say(f"IMPORT_BLANK_{key.upper()}", lang) for key in entry.blanks)
        lines.append(PHRASES.say("IMPORT_FIELDS_TO_FILL", lang, fields=fields))
    else:
        lines.append(PHRASES.say("IMPORT_NEXT_REVIEW", lang))
    lines.append(f"  {entry.check_command}")
    return "\n".join(lines) + "\n"
