"""Files referenced by content: where they are, whether they stay inside the unit, what they are.

A file is judged by its bytes, not its name: a ``.pdf`` must start like a PDF, a ``.docx`` must
be a Word package, and so on.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Mapping

from . import vn
from .problems import Problem, problem

#: Accepted extensions and the format their bytes must show.
FORMATS = {
    ".pdf": "pdf", ".docx": "docx", ".odt": "odt", ".xlsx": "xlsx", ".ods": "ods",
    ".pptx": "pptx", ".odp": "odp", ".doc": "ole", ".xls": "ole",
    ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".gif": "gif", ".webp": "webp",
}
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp")
#: Video files and their captions (WebVTT), accepted only in the fields of a video, never as attachments.
MEDIA_FORMATS = {".mp4": "mp4", ".webm": "webm", ".vtt": "vtt"}
VIDEO_EXTENSIONS = (".mp4", ".webm")
LEGACY_EXTENSIONS = (".doc", ".xls")

_NAMES = {
    "pdf": ("là tệp PDF", "is a PDF"), "docx": ("là tệp Word (DOCX)", "is a Word (DOCX) file"),
    "odt": ("là văn bản ODT", "is an ODT text"), "xlsx": ("là bảng tính Excel (XLSX)", "is an Excel (XLSX) sheet"),
    "ods": ("là bảng tính ODS", "is an ODS sheet"), "pptx": ("là trình chiếu PPTX", "is a PPTX presentation"),
    "odp": ("là trình chiếu ODP", "is an ODP presentation"),
    "ole": ("là tệp Office đời cũ (DOC/XLS)", "is a legacy Office (DOC/XLS) file"),
    "jpeg": ("là ảnh JPEG", "is a JPEG image"), "png": ("là ảnh PNG", "is a PNG image"),
    "gif": ("là ảnh GIF", "is a GIF image"), "webp": ("là ảnh WebP", "is a WebP image"),
    "mp4": ("là video MP4", "is an MP4 video"), "webm": ("là video WebM", "is a WebM video"),
    "vtt": ("là tệp phụ đề WebVTT", "is a WebVTT captions file"),
    "zip": ("là tệp nén ZIP", "is a ZIP archive"), "html": ("là trang HTML", "is an HTML page"),
    "macro": ("có chứa macro (mã chạy được), không an toàn để đăng",
              "contains macros (runnable code), unsafe to publish"),
    None: ("không thuộc định dạng nào được nhận (tệp hỏng hoặc rỗng?)",
           "matches no accepted format (corrupt or empty?)"),
}
_OPENDOCUMENT = {b"application/vnd.oasis.opendocument.text": "odt",
                 b"application/vnd.oasis.opendocument.spreadsheet": "ods",
                 b"application/vnd.oasis.opendocument.presentation": "odp"}


def sniff(path: Path) -> str | None:
    """The format a file's bytes show (``pdf``, ``docx``, ``jpeg``…), or None."""
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError:
        return None
    if head.startswith(b"%PDF-"):
        return "pdf"
    image = sniff_image(head)
    if image:
        return image
    media = _sniff_media(head)
    if media:
        return media
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(path)
    if head.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def sniff_image(head: bytes) -> str | None:
    """``jpeg``, ``png``, ``gif`` or ``webp`` from the first bytes of a file, else None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def _sniff_media(head: bytes) -> str | None:
    """``mp4`` (an ISO media ``ftyp`` box), ``webm`` (an EBML header) or ``vtt`` (the WebVTT
    signature, perhaps after a byte-order mark), else None."""
    if head[4:8] == b"ftyp" and head[8:12] not in (b"heic", b"heix", b"mif1", b"msf1", b"avif"):
        return "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    text = head.removeprefix(b"\xef\xbb\xbf")
    if text.startswith(b"WEBVTT") and text[6:7] in (b"", b" ", b"\t", b"\n", b"\r"):
        return "vtt"
    return None


def _sniff_zip(path: Path) -> str | None:
    """The kind of a zip package by its members' names (and an OpenDocument's ``mimetype``, of which
    only the first bytes are inflated: its declared size may be a lie)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    return _OPENDOCUMENT.get(member.read(128).strip(), "zip")
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, NotImplementedError, EOFError, zlib.error):
        return None
    if "[Content_Types].xml" in names:
        if any(n.endswith("vbaProject.bin") for n in names):
            return "macro"
        for prefix, kind in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
            if any(n.startswith(prefix) for n in names):
                return kind
    return "zip"


# --- names every host accepts --------------------------------------------------------------------

#: Names Windows keeps for devices, whatever follows the first dot (``CON.pdf``, ``aux.docx``).
_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                      *(f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789¹²³")})
#: Characters Windows refuses in a name (``:``, ``\\`` and ``/`` already leave the unit).
_REFUSED = '<>"|?*'
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def control_characters(name: str) -> str:
    """The control characters of a name, as escapes (``\\t, \\n``); '' when it has none."""
    found = dict.fromkeys(_CONTROL.findall(name))
    return ", ".join(char.encode("unicode_escape").decode("ascii") for char in found)


def printable(name: str) -> str:
    """A name with its control characters written as escapes, safe to print on one line."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), name)


def hosting_refusal(name: str) -> tuple[str, str] | None:
    """Why Windows hosts and many FTP servers refuse a file or folder name, in Vietnamese and
    English, or None when they take it."""
    device = name.split(".", 1)[0].rstrip(" ").upper()
    refused = " ".join(dict.fromkeys(c for c in name if c in _REFUSED))
    if device in _DEVICES:
        return f"là tên thiết bị Windows dành riêng ({device})", f"is a device name Windows reserves ({device})"
    if refused:
        return f"có ký tự {refused}", f"has the characters {refused}"
    if name != name.strip(" "):
        return "bắt đầu hoặc kết thúc bằng dấu cách", "begins or ends with a space"
    if name.endswith("."):
        return "kết thúc bằng dấu chấm", "ends with a dot"
    return None


def new_name(name: str, taken: frozenset[str] = frozenset()) -> str:
    """A name every host accepts for a file named ``name``, not one of ``taken`` (case ignored)."""
    stem, extension = posixpath.splitext(_CONTROL.sub(" ", name).strip(" ."))
    extension = extension.lower() if re.fullmatch(r"\.[A-Za-z0-9]+", extension) else ""
    base = vn.slugify(stem) or "tep"
    candidate, number = base + extension, 2
    while hosting_refusal(candidate) or candidate.casefold() in taken:
        candidate, number = f"{base}-{number}{extension}", number + 1
    return candidate


@functools.lru_cache(maxsize=256)
def _names_in(folder: str, _changed: int) -> Mapping[str, tuple[str, ...]]:
    """The names of a folder by their case-folded form (``_changed``: its mtime, so a changed
    folder is listed again)."""
    by_fold: dict[str, list[str]] = {}
    for name in sorted(os.listdir(folder)):
        by_fold.setdefault(name.casefold(), []).append(name)
    return MappingProxyType({fold: tuple(names) for fold, names in by_fold.items()})


def _name_problems(root: Path, unit_path: str, target: str,
                   make: Callable[..., Problem]) -> list[Problem]:
    """Warnings for the parts of a published file's path that Windows hosts and FTP servers refuse,
    and for a file whose name differs from another's in its folder only in case."""
    problems = []
    for part in target[len(unit_path) + 1 if unit_path else 0:].split("/"):
        refusal = hosting_refusal(part)
        if refusal is not None:
            problems.append(make("FILE_NAME_HOSTING", name=part, reason=refusal[0], reason_en=refusal[1],
                                 suggestion=new_name(part)))
    full = root / target
    try:
        names = _names_in(os.fspath(full.parent), full.parent.stat().st_mtime_ns)
    except OSError:
        return problems
    twins = [name for name in names.get(full.name.casefold(), ()) if name != full.name]
    if twins:
        problems.append(make("FILE_NAME_CASE_CLASH", folder=posixpath.dirname(target), name=full.name,
                             other=twins[0], suggestion=new_name(full.name, frozenset(names))))
    return problems


def on_disk(root: Path, target: str) -> str | None:
    """The portal-relative path on disk of ``target`` when some of its names are stored in another
    Unicode form (decomposed, as a Mac saves them) than content writes them; None when no name of
    the folder matches once both are normalised."""
    parts, folder = [], root
    for part in target.split("/"):
        if not (folder / part).exists():
            wanted = unicodedata.normalize("NFC", part)
            try:
                names = sorted(os.listdir(folder))
            except OSError:
                return None
            part = next((name for name in names if unicodedata.normalize("NFC", name) == wanted), "")
            if not part:
                return None
        parts.append(part)
        folder = folder / part
    return "/".join(parts)


@dataclass(frozen=True)
class Reference:
    """A file named in content: by which file, at which line, in which field."""

    ref: str
    item_path: str
    line: int | None
    col: int | None
    field: str


def resolve_reference(ref: str, item_path: str, unit_path: str) -> str | None:
    """The portal-relative path of a reference, or None if it leaves the unit folder, names a
    hidden (dot) file or folder, or has a colon anywhere (``./javascript:x.pdf`` would be a
    ``javascript:`` link once ``./`` is dropped)."""
    if not ref or ref.startswith(("/", "\\")) or "\\" in ref or ":" in ref or "\0" in ref:
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(item_path), ref))
    prefix = unit_path + "/" if unit_path else ""
    if ".." in ref.split("/") or not joined.startswith(prefix):
        return None
    if any(part.startswith(".") for part in joined[len(prefix):].split("/")):
        return None
    return joined


def accepted(*, image: bool, media: bool = False) -> tuple[str, ...]:
    """The extensions a field takes: images, a video or its captions (``media``), or attachments."""
    return IMAGE_EXTENSIONS if image else tuple(MEDIA_FORMATS) if media else tuple(FORMATS)


def publishable(ref: str, item_path: str, unit_path: str, *, image: bool, media: bool = False) -> str | None:
    """The portal-relative path of a file the build may copy, or None: what
    :func:`check_reference` refuses by name alone (outside the unit, a dot-file, a colon, a
    control character, a type not accepted — an image must be an image) is never published,
    whatever reached the planner."""
    target = resolve_reference(ref, item_path, unit_path)
    if target is None or ref.endswith("/") or control_characters(ref):
        return None
    extension = posixpath.splitext(target)[1].lower()
    return target if extension in accepted(image=image, media=media) else None


def _through_linked_folder(root: Path, target: str) -> bool:
    """Whether a folder on the way from ``root`` to the portal path ``target`` is a symbolic link."""
    folder = os.fspath(root)
    for part in target.split("/")[:-1]:
        folder = os.path.join(folder, part)
        if os.path.islink(folder):
            return True
    return False


def check_reference(root: Path, unit_path: str, reference: Reference, *, image: bool,
                    max_bytes: int, media: bool = False,
                    inspect: Callable[[Path, str], list[tuple[str, dict]]] | None = None) -> list[Problem]:
    """Problems of one referenced file: outside the unit, missing, wrong type, too big, and —
    through ``inspect(path, format)`` — what is wrong inside it."""
    def make(code: str, **args) -> Problem:
        return problem(code, reference.item_path, reference.line, reference.col, field=reference.field,
                       file=reference.ref, **args)

    target = resolve_reference(reference.ref, reference.item_path, unit_path)
    if target is None:
        return [make("FILE_OUTSIDE_UNIT")]
    longest = max(target.split("/"), key=lambda part: len(part.encode("utf-8")))
    if len(longest.encode("utf-8")) > 160:
        return [make("FILE_NAME_TOO_LONG", name=longest[:40] + "…", length=len(longest), limit=80)]
    chars = control_characters(target)
    if chars:
        name = posixpath.basename(target)
        return [make("FILE_NAME_CONTROL", name=printable(name), chars=chars, suggestion=new_name(name))]
    full, named = root / target, []
    if not full.exists() and not full.is_symlink():
        actual = on_disk(root, target)
        if actual is not None:
            named.append(make("FILE_NAME_NFD", suggestion=new_name(posixpath.basename(target))))
            target, full = actual, root / actual
    if full.is_symlink() or _through_linked_folder(root, target):
        try:
            inside = full.resolve().is_relative_to((root / unit_path).resolve())
        except (OSError, RuntimeError):
            inside = False
        if not inside:
            return [make("FILE_OUTSIDE_UNIT")]
    if not full.is_file():
        return [make("FILE_MISSING")]
    named += _name_problems(root, unit_path, target, make)
    extension = full.suffix.lower()
    allowed = accepted(image=image, media=media)
    if extension not in allowed:
        return named + [make("FILE_TYPE_UNSUPPORTED", extension=extension or "(không có đuôi)",
                             allowed=", ".join(allowed))]
    actual, expected = sniff(full), {**FORMATS, **MEDIA_FORMATS}[extension]
    problems = []
    if actual != expected and not (expected == "vtt" and actual is None):  # a bad header: inspected below
        vi, en = _NAMES.get(actual, _NAMES[None])
        problems.append(make("FILE_TYPE_MISMATCH", extension=extension, actual=vi, actual_en=en))
    elif extension in LEGACY_EXTENSIONS:
        problems.append(make("FILE_LEGACY_FORMAT", extension=extension))
    size = full.stat().st_size
    if size > max_bytes:
        problems.append(make("FILE_TOO_LARGE", size=vn.format_size(size), limit=vn.format_size(max_bytes)))
    elif not problems and inspect is not None:
        problems += [make(code, **args) for code, args in inspect(full, expected)]  # here ``expected == actual``
    return named + problems
