"""A converted document as a draft in a unit folder: where it goes (a free name in its section), its
front matter (fields the import cannot guess left blank for the editor), writing it without ever
overwriting, and the report the command prints."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

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
from .docx import Imported
from .images import Image

KINDS = ("news", "page")


@dataclass(frozen=True)
class Draft:
    """What :func:`write_draft` will write: the Markdown file (``path``) and the images beside it."""

    kind: str
    unit_dir: Path
    slug: str
    path: Path
    text: str
    images: tuple[Image, ...]
    blanks: tuple[str, ...]  # front-matter fields left for the editor, in file order
    check_command: str


_PAGE_KINDS = ("introduction (giới thiệu), organisation (cơ cấu tổ chức), functions (chức năng, nhiệm vụ), "
               "history (lịch sử), contact (liên hệ), other (khác)")


def render_draft(imported: Imported, kind: str, day: dt.date,
                 categories: dict[str, str] | None = None) -> tuple[str, tuple[str, ...]]:
    """The text of the Markdown file and the front-matter fields left blank for the editor.

    Fields the import cannot guess are written empty (``category:``) under a comment saying what
    to write, so ``portalgen check`` points at their line (FIELD_EMPTY) until they are filled.
    A page's ``kind`` is only described in a comment: an empty value of a field with a list of
    allowed values would be reported twice (FIELD_EMPTY and FIELD_ENUM “null”), a missing one
    once (FIELD_MISSING).
    """
    lines = ["---", yaml_field("title", imported.title)]
    blanks: list[str] = []

    def blank(key: str, comment: str, written: bool = True) -> None:
        lines.extend([f"# {comment}", f"{key}:"] if written else [f"# {comment}"])
        blanks.append(key)

    if kind == "news":
        lines.append(yaml_field("date", day.isoformat()))
        if imported.summary:
            lines.append(yaml_field("summary", imported.summary))
        else:
            blank("summary", "Tóm tắt (bắt buộc): một đoạn ngắn (sapo) hiện trong danh sách tin và ở đầu bài.")
        known = ", ".join(f"{code} ({title})" for code, title in (categories or {}).items())
        blank("category", "Chuyên mục (bắt buộc): một mã trong news_categories của portal.yaml"
                          + (f": {known}." if known else "."))
        blank("author", "Tác giả (bắt buộc): họ tên tác giả, nhóm tác giả hoặc nguồn tin.")
        lines.append("# draft: bản nháp, chưa đăng. Khi bài đã được duyệt: đổi thành published "
                     "và thêm dòng approved_by: họ tên, chức vụ người duyệt.")
        lines.append(yaml_field("status", "draft"))
    else:
        if imported.summary:
            lines.append(yaml_field("summary", imported.summary))
        blank("kind", f"Loại trang (bắt buộc): thêm dòng “kind: …” với một trong: {_PAGE_KINDS}.", written=False)
        lines.append(yaml_field("updated", day.isoformat()))
    lines.append("---")
    return "\n".join(lines) + "\n" + imported.markdown, tuple(blanks)


def _categories(root: Path | None) -> dict[str, str]:
    """The news categories of the portal.yaml in ``root``: code → title."""
    declared = read_data(root / "portal.yaml").get("news_categories") if root else None
    return {str(k): str(v) for k, v in declared.items()} if isinstance(declared, dict) else {}


def _free_slug(title: str, kind: str, taken: set[str]) -> str:
    """A name from the title that no item of the section uses and that no generated address has
    (``hoi-nghi``, else ``hoi-nghi-2``…)."""
    base = short_slug(title) or ("bai-viet" if kind == "news" else "trang")
    slug, number = base, 1
    while slug in taken or reserved_address(kind, slug):
        number += 1
        slug = f"{base}-{number}"
    return slug


def check_command(unit_dir: Path, root: Path | None) -> str:
    """``portalgen check PORTAL --unit UNIT``, as the editor can type it from the working folder."""
    if root is None:
        return "portalgen check"
    unit_rel = unit_dir.resolve().relative_to(root).as_posix()
    try:
        portal = os.path.relpath(root)
    except ValueError:  # another drive
        portal = str(root)
    portal = str(root) if portal.startswith("..") else portal
    command = f"portalgen check {shlex.quote(portal)}"
    return command if unit_rel == "." else f"{command} --unit {shlex.quote(unit_rel)}"


def plan_draft(imported: Imported, unit_dir: Path, kind: str, day: dt.date, slug: str | None = None) -> Draft:
    """Where and what to write in a unit folder.  Reads the folder (unit.yaml, names in use,
    portal.yaml's categories); writes nothing.  The text must pass its schema but for the fields
    left blank, as ``portalgen new`` checks its files."""
    if kind not in KINDS:
        raise ValueError(kind)
    require_unit(unit_dir)
    section = unit_dir / ("news" if kind == "news" else "pages")
    taken = taken_names(section)
    if slug is None:
        slug = _free_slug(imported.title, kind, taken)
    else:
        check_slug(slug)
        if slug in taken:
            raise UsageFailure("IMPORT_SLUG_TAKEN", slug=slug, section=section)
        refuse_reserved(kind, slug)
    if kind == "news":
        path = section / str(day.year) / slug / "index.md"
    elif imported.images:
        path = section / slug / "index.md"
    else:
        path = section / f"{slug}.md"
    root = portal_root(unit_dir)
    text, blanks = render_draft(imported, kind, day, _categories(root) if kind == "news" else {})
    validate(kind, text, path, blanks)
    return Draft(kind=kind, unit_dir=unit_dir, slug=slug, path=path, text=text, images=imported.images,
                 blanks=blanks, check_command=check_command(unit_dir, root))


def write_draft(draft: Draft) -> Path:
    """Write the draft's files, creating them: an existing file or folder is never touched."""
    bundle = draft.path.name == "index.md"
    created = draft.path.parent if bundle else draft.path
    exists = UsageFailure("IMPORT_EXISTS", path=created)
    try:
        created.parent.mkdir(parents=True, exist_ok=True)
        if bundle:
            created.mkdir()
    except FileExistsError:
        raise exists from None
    except OSError as exc:
        raise UsageFailure("FOLDER_UNCREATABLE", folder=created.parent, reason=exc.strerror) from None
    try:
        if bundle:
            for image in draft.images:
                with open(created / image.name, "xb") as handle:
                    handle.write(image.data)
        with open(draft.path, "xb") as handle:
            handle.write(draft.text.encode("utf-8"))
    except FileExistsError:
        if bundle:
            shutil.rmtree(created, ignore_errors=True)
        raise exists from None
    except OSError as exc:
        if bundle:
            shutil.rmtree(created, ignore_errors=True)
        raise UsageFailure("FILE_UNWRITABLE", path=draft.path, reason=exc.strerror) from None
    return draft.path


def format_report(imported: Imported, draft: Draft, source: str, lang: str = "vi") -> str:
    """What was written, what could not be converted (must fix first), and the next step, in ``lang``."""
    lines = [PHRASES.say("IMPORTED_NEWS" if draft.kind == "news" else "IMPORTED_PAGE", lang, source=source),
             f"  {draft.path}",
             "  " + PHRASES.say("IMPORTED_TITLE", lang, title=imported.title)]
    if draft.images:
        lines.append("  " + PHRASES.say("IMPORTED_IMAGES", lang, names=", ".join(image.name for image in draft.images)))
    must = [n for n in imported.warnings if n.must_fix]
    review = [n for n in imported.warnings if not n.must_fix]
    for code, group in (("IMPORT_MUST_FIX", must), ("IMPORT_REVIEW", review)):
        if group:
            lines += ["", PHRASES.say(code, lang, count=len(group))]
            lines += [f"  - {n.text(lang)}" for n in group]
    fields = ", ".join(PHRASES.say(f"IMPORT_BLANK_{key.upper()}", lang) for key in draft.blanks)
    lines.append("")
    lines.append(PHRASES.say("IMPORT_NEXT_FILL", lang, fields=fields) if fields else
                 PHRASES.say("IMPORT_NEXT_REVIEW", lang))
    lines.append(f"  {draft.check_command}")
    if draft.kind == "page":
        lines.append(PHRASES.say("IMPORT_PAGE_PUBLISHED", lang))
    return "\n".join(lines) + "\n"
