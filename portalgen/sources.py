"""Reading the portal repository: walk the tree, classify files, read text safely.

This is the only module (with :mod:`config`) that reads content from disk.  It returns plain
records that remember where each field is, plus the problems found while reading.
"""

from __future__ import annotations

import errno
import os
import posixpath
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from . import vn
from .content_types import REGISTRY, ContentType
from .files import control_characters, new_name, printable
from .problems import Problem, problem
from .yamlio import Parsed, parse_yaml

MAX_CONTENT_BYTES = 2 * 1024 * 1024
#: File and folder names longer than this (in UTF-8 bytes) cannot be published on every system
#: once variants (``.w480.jpg.webp``) are added.
MAX_NAME_BYTES = 160
YAML_SUFFIXES = (".yaml", ".yml")
ENGLISH_FOLDER = "en"


@dataclass
class Record:
    """One content file as read: data (None when unreadable), field positions and Markdown body."""

    kind: str
    path: str
    slug: str = ""
    data: Any = None
    positions: Mapping[str, tuple[int | None, int | None]] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    lang: str = "vi"

    def at(self, pointer: str) -> tuple[int | None, int | None]:
        """Line and column of a field, falling back to its nearest known parent."""
        while True:
            if pointer in self.positions:
                return self.positions[pointer]
            if not pointer:
                return (1, None) if self.data is not None else (None, None)
            pointer = pointer.rsplit("/", 1)[0]


@dataclass
class UnitFiles:
    """A unit folder: its unit.yaml record and its content files by section."""

    path: str
    record: Record
    parent: str | None
    items: dict[str, list[Record]] = field(default_factory=dict)


@dataclass
class PortalFiles:
    """Everything read from a portal folder."""

    root: Path
    config: Record
    units: list[UnitFiles]
    catalog: dict[str, list[Record]]
    problems: list[Problem]


def read_text(root: Path, rel: str, problems: list[Problem]) -> str | None:
    """Read a text file as NFC Unicode; report non-UTF-8, legacy encodings, size and access problems."""
    try:
        data = (root / rel).read_bytes() if (root / rel).stat().st_size <= MAX_CONTENT_BYTES else None
    except OSError as exc:
        reason, reason_en = os_reason(exc)
        problems.append(problem("FILE_UNREADABLE", rel, reason=reason, reason_en=reason_en))
        return None
    if data is None:
        problems.append(problem("FILE_TOO_LARGE", rel, file=Path(rel).name,
                                size=vn.format_size((root / rel).stat().st_size),
                                limit=vn.format_size(MAX_CONTENT_BYTES)))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.append(problem("FILE_NOT_UTF8", rel, line, col, col=col))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        normalised = vn.nfc(text)
        line, col, word = _first_not_nfc(text)
        problems.append(problem("TEXT_NOT_NFC", rel, line, col, col=col, word=word))
        text = normalised
    legacy = vn.detect_legacy_encoding(text)
    if legacy:
        encoding, line, sample = legacy
        problems.append(problem("TEXT_LEGACY_ENCODING", rel, line, encoding=encoding, sample=sample))
    return text


def _first_not_nfc(text: str) -> tuple[int, int, str]:
    """Line, column (counted in characters as written, NFC) and word of the first text that is not NFC."""
    for number, line in enumerate(text.split("\n"), 1):
        if unicodedata.is_normalized("NFC", line):
            continue
        words = line.split(" ")
        start = 0
        for word in words:
            if not unicodedata.is_normalized("NFC", word):
                column = len(vn.nfc(line[:start])) + 1
                return number, column, vn.nfc(word).strip(".,;:!?()\"'“”")[:40]
            start += len(word) + 1
        return number, 1, vn.nfc(line.strip())[:40]
    return 1, 1, ""


def _issues_to_problems(rel: str, parsed: Parsed, problems: list[Problem]) -> None:
    from .yamlio import pointer_to_field

    for code, line, col, args in parsed.issues:
        pointer = args.pop("pointer", "")
        problems.append(problem(code, rel, line, col, field=pointer_to_field(pointer), **args))


def read_yaml_record(root: Path, rel: str, kind: str, problems: list[Problem]) -> Record:
    """Read a YAML content file into a record."""
    record = Record(kind=kind, path=rel, slug=_slug_of(rel))
    text = read_text(root, rel, problems)
    if text is None:
        return record
    parsed = parse_yaml(text)
    _issues_to_problems(rel, parsed, problems)
    _take(record, parsed, problems)
    return record


def read_markdown_record(root: Path, rel: str, kind: str, problems: list[Problem]) -> Record:
    """Read a Markdown file with YAML front matter into a record."""
    record = Record(kind=kind, path=rel, slug=_slug_of(rel))
    text = read_text(root, rel, problems)
    if text is None:
        return record
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        problems.append(problem("FRONT_MATTER_MISSING", rel, 1))
        return record
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        problems.append(problem("FRONT_MATTER_UNCLOSED", rel, 1))
        return record
    parsed = parse_yaml("\n".join(lines[1:end]), line_offset=1)
    _issues_to_problems(rel, parsed, problems)
    record.body = "\n".join(lines[end + 1:])
    record.body_line = end + 2
    _take(record, parsed, problems)
    return record


def _take(record: Record, parsed: Parsed, problems: list[Problem]) -> None:
    if parsed.data is None and any(code != "YAML_DUPLICATE_KEY" for code, *_ in parsed.issues):
        return  # already reported as a syntax problem
    if not isinstance(parsed.data, dict):
        found = {type(None): "không có gì", list: "một danh sách"}.get(type(parsed.data), "một giá trị đơn")
        problems.append(problem("YAML_NOT_MAPPING", record.path, 1, found=found))
        return
    record.data = parsed.data
    record.positions = parsed.positions
    record.raw = parsed.raw


def _slug_of(rel: str) -> str:
    folder, name = posixpath.split(rel)
    return posixpath.basename(folder) if name == "index.md" else posixpath.splitext(name)[0]


def owner_of(path: str, unit_paths: set[str]) -> str:
    """The unit whose own folder holds ``path`` ('' for portal-wide files such as the catalog)."""
    candidate = path
    while candidate not in unit_paths:
        if "/" not in candidate:
            return ""
        candidate = candidate.rsplit("/", 1)[0]
    return candidate


# --- walking the tree ---------------------------------------------------------------------------

def os_reason(error: OSError) -> tuple[str, str]:
    """Why the system refused a file or folder, in Vietnamese and English."""
    text = error.strerror or type(error).__name__
    return _OS_REASONS.get(error.errno or 0, (text, text))


_OS_REASONS = {
    errno.EACCES: ("không có quyền đọc", "permission denied"),
    errno.EPERM: ("không có quyền đọc", "permission denied"),
    errno.ELOOP: ("liên kết (symlink) vòng, trỏ lại chính nó", "a symbolic link that loops back on itself"),
    errno.ENOENT: ("không còn tồn tại, hoặc là liên kết (symlink) trỏ tới nơi không có",
                   "no longer exists, or is a symbolic link to nothing"),
}


def shown_name(name: str) -> str:
    """A file name as it can be printed on one line: bytes that are not UTF-8 (kept by Python as
    surrogates) shown as “�”, control characters as escapes (``\\n``)."""
    return printable(name.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))


def _is_dir(entry: os.DirEntry, follow_symlinks: bool = True) -> bool:
    """Whether an entry is a folder (False when the system cannot tell)."""
    try:
        return entry.is_dir(follow_symlinks=follow_symlinks)
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False


class _Walker:
    def __init__(self, root: Path, memo: ReadMemo | None = None) -> None:
        self.root = root
        self.memo = memo
        self.prefix = os.path.join(root, "")
        self.problems: list[Problem] = []
        self.units: list[UnitFiles] = []
        self.pending: list[tuple[Record, str]] = []  # content records found, to read: (record, format)
        self.refused: set[str] = set()  # paths already reported as unreadable or misnamed

    def entries(self, folder: Path) -> list[os.DirEntry]:
        """The visible entries of ``folder`` by name; a folder that cannot be listed, and names
        that are not UTF-8 or hold control characters, are reported (once) and left out."""
        try:
            with os.scandir(folder) as it:
                found = sorted((e for e in it if not e.name.startswith((".", "_"))), key=lambda e: e.name)
        except OSError as error:
            self.unreadable(folder, error)
            return []
        return [entry for entry in found if self.good_name(entry)]

    def unreadable(self, folder: Path, error: OSError) -> None:
        """Report a folder that cannot be opened: everything in it would be left out silently."""
        rel = self.rel(folder)
        if rel not in self.refused:
            self.refused.add(rel)
            reason, reason_en = os_reason(error)
            self.problems.append(problem("FOLDER_UNREADABLE", shown_name(rel), name=shown_name(folder.name) or rel,
                                         reason=reason, reason_en=reason_en))

    def good_name(self, entry: os.DirEntry) -> bool:
        """False (and a problem, once) for a name whose bytes are not UTF-8 or that holds control
        characters: it cannot be a web address, be linked to or even be printed on one line."""
        rel = self.rel(entry.path)
        try:
            entry.name.encode("utf-8")
        except UnicodeEncodeError:
            found = problem("FILE_NAME_NOT_UTF8", shown_name(rel), name=shown_name(entry.name),
                            suggestion=new_name(shown_name(entry.name).replace("\ufffd", "")))
        else:
            chars = control_characters(entry.name)
            if not chars:
                return True
            found = problem("FILE_NAME_CONTROL", shown_name(rel), name=shown_name(entry.name), chars=chars,
                            suggestion=new_name(entry.name))
        if rel not in self.refused:
            self.refused.add(rel)
            self.problems.append(found)
        return False

    def resolves(self, entry: os.DirEntry) -> bool:
        """False (and a problem) for a symbolic link that leads nowhere or loops."""
        try:
            os.path.realpath(entry.path, strict=True)
        except OSError as error:
            reason, reason_en = os_reason(error)
            self.problems.append(problem("FILE_UNREADABLE", self.rel(entry.path), reason=reason, reason_en=reason_en))
            return False
        return True

    def has(self, folder: Path, name: str, *, directory: bool = False) -> bool | None:
        """Whether ``folder`` holds a file (or a folder) ``name``; None, and a problem, when the
        folder cannot be looked into."""
        try:
            return (folder / name).is_dir() if directory else (folder / name).is_file()
        except OSError as error:
            self.unreadable(folder, error)
            return None

    def rel(self, path: Path | str) -> str:
        text = os.fspath(path)
        if text.startswith(self.prefix):
            return text[len(self.prefix):].replace(os.sep, "/")
        return Path(text).relative_to(self.root).as_posix()

    def safe(self, entry: os.DirEntry, container: Path) -> bool:
        """False (and a problem) for a symbolic link that leads out of ``container``, or to a folder
        (which could loop), and for names too long to publish."""
        if entry.is_symlink():
            if not self.resolves(entry):
                return False
            if not _inside(Path(entry.path), container):
                self.problems.append(problem("FILE_OUTSIDE_UNIT", self.rel(Path(entry.path)), file=entry.name))
                return False
            if entry.is_dir():
                self.problems.append(problem("FILE_UNREADABLE", self.rel(Path(entry.path)),
                                             reason="liên kết tới thư mục (symlink) không được hỗ trợ",
                                             reason_en="a symbolic link to a folder is not supported"))
                return False
        if len(entry.name.encode("utf-8")) > MAX_NAME_BYTES:
            self.problems.append(problem("FILE_NAME_TOO_LONG", self.rel(Path(entry.path)), name=entry.name[:40] + "…",
                                         length=len(entry.name), limit=MAX_NAME_BYTES // 2))
            return False
        return True

    def walk_children(self, folder: Path, parent: str | None, container: Path) -> None:
        """Find units in ``folder``: direct sub-folders with a unit.yaml are units."""
        for entry in self.entries(folder):
            if not _is_dir(entry):
                if entry.is_symlink():
                    self.resolves(entry)
                continue
            if not self.safe(entry, container):
                continue
            sub = Path(entry.path)
            if parent is not None and REGISTRY.folder(entry.name) is not None:
                continue
            holds_unit = self.has(sub, "unit.yaml")
            if holds_unit is None:
                continue
            if holds_unit:
                self.walk_unit(sub, parent)
            elif parent is None and entry.name in ("catalog", "themes"):
                continue
            elif self._holds_units(sub):
                self.problems.append(problem("UNIT_YAML_MISSING", self.rel(sub), name=entry.name))
            elif parent is not None:
                folders = REGISTRY.folders()
                suggestion = vn.suggest(entry.name, folders)
                self.problems.append(problem(
                    "FOLDER_UNKNOWN", self.rel(sub), name=entry.name, allowed=", ".join(folders),
                    suggestion_vi=f" Có phải ý bạn là “{suggestion}”?" if suggestion else "",
                    suggestion_en=f" Did you mean \"{suggestion}\"?" if suggestion else ""))

    def _holds_units(self, folder: Path, depth: int = 0) -> bool:
        if depth > 3:
            return False
        for entry in self.entries(folder):
            if _is_dir(entry, follow_symlinks=False):
                sub = Path(entry.path)
                if self.has(sub, "unit.yaml") or self._holds_units(sub, depth + 1):
                    return True
        return False

    def walk_unit(self, folder: Path, parent: str | None) -> None:
        path = self.rel(folder)
        if not vn.is_slug(folder.name):
            self.problems.append(problem("FILE_NAME_NOT_SLUG", path, name=folder.name,
                                         suggestion=vn.slugify(folder.name) or "don-vi"))
        record = self.read_now(f"{path}/unit.yaml", "unit")
        unit = UnitFiles(path=path, record=record, parent=parent)
        self.units.append(unit)
        for folder_name, section in REGISTRY.folders().items():
            if self.has(folder, folder_name, directory=True) and not (folder / folder_name).is_symlink():
                unit.items[folder_name] = self.walk_section(folder / folder_name, section, folder)
        self.walk_children(folder, path, folder)

    def walk_section(self, folder: Path, section: ContentType, unit_dir: Path, lang: str = "vi") -> list[Record]:
        records: list[Record] = []
        for entry in self.entries(folder):
            if not self.safe(entry, unit_dir):
                continue
            if _is_dir(entry):
                sub = Path(entry.path)
                if section.fmt == "md" and self.has(sub, "index.md"):
                    records.append(self.read_item(sub / "index.md", section, lang))
                elif section.translated and entry.name == ENGLISH_FOLDER and lang == "vi":
                    records.extend(self.walk_section(sub, section, unit_dir, "en"))
                else:
                    records.extend(self.walk_section(sub, section, unit_dir, lang))
                continue
            suffix = os.path.splitext(entry.name)[1].lower()
            is_md, is_yaml = suffix == ".md", suffix in YAML_SUFFIXES
            if (section.fmt == "md" and is_md) or (section.fmt == "yaml" and is_yaml):
                records.append(self.read_item(entry.path, section, lang))
            elif is_md or is_yaml:
                self.problems.append(problem(
                    "FILE_UNEXPECTED", self.rel(entry.path), name=entry.name, section=section.folder,
                    expected="Markdown (.md)" if section.fmt == "md" else "YAML (.yaml)"))
        return records

    def read_now(self, rel: str, kind: str) -> Record:
        """A YAML file the walk needs at once (a unit's ``unit.yaml``), from the memo when its
        content is unchanged."""
        if self.memo is None:
            return read_yaml_record(self.root, rel, kind, self.problems)
        record = Record(kind=kind, path=rel, slug=_slug_of(rel))
        read, found = self.memo.read(self.root, record, "yaml")
        vars(record).update(vars(read))
        self.problems += found
        return record

    def read_item(self, path: Path | str, section: ContentType, lang: str) -> Record:
        """The record of a content file, read after the walk (see :func:`read_portal`)."""
        rel = self.rel(path)
        record = Record(kind=section.kind, path=rel, slug=_slug_of(rel), lang=lang)
        self.pending.append((record, section.fmt))
        if section.named_by_week:
            if not vn.parse_week(vn.week_of_file(record.slug)):
                self.problems.append(problem("SCHEDULE_FILE_NAME", rel))
        elif not vn.is_slug(record.slug):
            path = Path(path)
            name = path.parent.name if path.name == "index.md" else path.name
            target = self.rel(path.parent) if path.name == "index.md" else rel
            suffix = "" if path.name == "index.md" else path.suffix
            self.problems.append(problem("FILE_NAME_NOT_SLUG", target, name=name,
                                         suggestion=(vn.slugify(record.slug) or "bai-viet") + suffix))
        return record

    def walk_catalog(self) -> dict[str, list[Record]]:
        catalog: dict[str, list[Record]] = {}
        base = self.root / "catalog" / "procedures"
        for entry in self.entries(base) if self.has(self.root / "catalog", "procedures", directory=True) else ():
            if _is_dir(entry) and self.safe(entry, self.root):
                catalog[entry.name] = self.walk_section(Path(entry.path), REGISTRY.kind("procedure"), self.root)
        return catalog


def read_portal(root: Path, memo: ReadMemo | None = None) -> PortalFiles:
    """Read a whole portal folder (``memo`` keeps the records of files unchanged since it last
    read them).  Never raises for bad content."""
    walker = _Walker(root, memo)
    config = read_yaml_record(root, "portal.yaml", "portal", walker.problems) if walker.has(root, "portal.yaml") \
        else Record(kind="portal", path="portal.yaml")
    catalog = walker.walk_catalog()
    walker.walk_children(root, None, root)
    for record, fmt in walker.pending:
        read, found = memo.read(root, record, fmt) if memo is not None else _read(root, record, fmt)
        vars(record).update(vars(read))
        walker.problems += found
    return PortalFiles(root=root, config=config, units=walker.units, catalog=catalog, problems=walker.problems)


def _read(root: Path, record: Record, fmt: str) -> tuple[Record, list[Problem]]:
    """A content file read into a copy of the walk's ``record``, with the problems found reading it."""
    problems: list[Problem] = []
    reader = read_markdown_record if fmt == "md" else read_yaml_record
    read = reader(root, record.path, record.kind, problems)
    read.lang = record.lang
    return read, problems


class ReadMemo:
    """The records of content files as last read, by path, with the content hash they were read
    at: a preview rebuild reads only the files that changed.  ``digests`` (portal-relative path →
    content hash, from the build's fingerprint) says what each file holds now."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str, str], tuple[str, Record, list[Problem]]] = {}
        self.digests: Mapping[str, str] = {}
        self.changed = False

    def __getstate__(self) -> dict[str, Any]:
        return {"entries": self.entries}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]
        self.entries = state["entries"]

    def read(self, root: Path, record: Record, fmt: str) -> tuple[Record, list[Problem]]:
        key, digest = (record.path, record.lang, fmt), self.digests.get(record.path)
        known = self.entries.get(key)
        if digest is not None and known is not None and known[0] == digest:
            return known[1], known[2]
        read, problems = _read(root, record, fmt)
        if digest is not None:
            self.entries[key] = (digest, read, problems)
            self.changed = True
        return read, problems

    def prune(self, paths: set[str]) -> int:
        """Forget the files not in ``paths``: how many entries went."""
        gone = [key for key in self.entries if key[0] not in paths]
        for key in gone:
            del self.entries[key]
        return len(gone)
