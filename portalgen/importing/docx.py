"""Reading a Word (DOCX) file: its bytes checked, its package opened, and mammoth's conversion to
HTML (with a style map for Vietnamese Word styles) turned into an :class:`Imported` document:
title, summary, Markdown body, pictures and notes."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import vn
from ..attachments import package_problem
from ..failures import UsageFailure
from ..files import sniff
from ..markup import excerpt
from ..speech import file_size
from .htmltree import parse_html
from .images import Image, ImageCollector
from .markdown import Converter
from .notes import Note, note
from .official import Official
from .official_docx import drop_national_lines, take_official
from .title import SUMMARY_CHARS, TITLE_CHARS, shift_headings, take_title_and_summary

MAX_DOCX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Imported:
    """A converted document: plain-text title and summary, Markdown body (without the title, and
    without the lead paragraph when that became the summary whole, or without the official header
    and the Nơi nhận list of an administrative document), images, notes and the official metadata."""

    title: str
    summary: str
    markdown: str
    images: tuple[Image, ...]
    warnings: tuple[Note, ...]
    official: Official | None = None  # what the official layout said, when the document has one


_NOT_DOCX = {"ole": "DOCX_IS_DOC", "odt": "DOCX_IS_ODT", "pdf": "DOCX_IS_PDF"}


def read_docx(path: Path) -> bytes:
    """The bytes of a Word file, after checking that it exists, that its bytes are a DOCX and that its
    package inflates within the limits of :func:`portalgen.attachments.package_problem`."""
    name = path.name or str(path)
    if not path.exists():
        raise UsageFailure("FILE_MISSING", path=path)
    if not path.is_file():
        raise UsageFailure("NOT_A_FILE", path=path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UsageFailure("FILE_UNREADABLE", path=path, reason=exc.strerror) from None
    if size > MAX_DOCX_BYTES:
        raise UsageFailure("DOCX_TOO_LARGE", name=name, size=file_size(size), limit=file_size(MAX_DOCX_BYTES))
    kind = sniff(path)
    if kind != "docx":
        raise UsageFailure(_NOT_DOCX.get(kind or "", "DOCX_NOT_WORD"), name=name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageFailure("FILE_UNREADABLE", path=path, reason=exc.strerror) from None
    _check_package(data, name)
    return data


_PACKAGE_FAILURES = {"OFFICE_UNPACKS_TOO_LARGE": "DOCX_UNPACKS_TOO_LARGE",
                     "OFFICE_COMPRESSION_RATIO": "DOCX_COMPRESSED_TOO_MUCH", "FILE_CORRUPT": "DOCX_CORRUPT"}


def _check_package(data: bytes, name: str) -> None:
    """Refuse, before anything parses it, a package that inflates too much or whose members inflate
    past their declared sizes."""
    found = package_problem(data)
    if found is not None:
        code, args = found
        raise UsageFailure(_PACKAGE_FAILURES[code], name=name, **args)


def _open_package(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise UsageFailure("DOCX_CORRUPT") from None
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        raise UsageFailure("DOCX_NO_DOCUMENT")
    return archive


def _read_part(archive: zipfile.ZipFile, name: str) -> str:
    try:
        return archive.read(name).decode("utf-8", "replace")
    except KeyError:
        return ""
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, zlib.error):
        raise UsageFailure("DOCX_CORRUPT") from None


# --- the style map -------------------------------------------------------------------------------------
# Word stores built-in styles under their English names ("heading 1", which mammoth knows), but
# documents made with WPS, LibreOffice or custom templates carry Vietnamese names.

def _style_map() -> str:
    lines = []
    for level in range(1, 7):
        for name in (f"Tiêu đề {level}", f"Đầu đề {level}", f"Tieu de {level}", f"Heading{level}"):
            lines.append(f"p[style-name='{name}'] => h{level}:fresh")
    for name in ("Title", "Tiêu đề", "Tựa đề", "Tên văn bản"):
        lines.append(f"p[style-name='{name}'] => h1:fresh")
    for name in ("Quote", "Intense Quote", "Trích dẫn", "Trích dẫn Đậm", "Trích dẫn Rõ"):
        lines.append(f"p[style-name='{name}'] => blockquote > p:fresh")
    for name in ("Subtitle", "Tiêu đề phụ", "Tựa đề phụ", "Normal (Web)", "Normal Web", "Body Text", "Body Text 2",
                 "Body Text 3", "Body Text Indent", "Body Text Indent 2", "Body Text Indent 3",
                 "Body Text First Indent", "Text Body", "List Paragraph", "No Spacing", "Plain Text", "Default",
                 "Caption", "Bình thường (Web)", "Thân văn bản", "Nội dung", "Đoạn Danh sách", "Không Giãn cách",
                 "Chú thích", "TOC Heading", "Mục lục", *(f"toc {n}" for n in range(1, 10))):
        lines.append(f"p[style-name='{name}'] => p:fresh")
    lines += ["r[style-name='Emphasis'] => em", "r[style-name='Nhấn mạnh'] => em", "r[style-name='Đậm'] => strong",
              "r[style-name='Hyperlink'] =>", "r[style-name='FollowedHyperlink'] =>",
              "r[style-name='Siêu kết nối'] =>", "r[style-name='Default Paragraph Font'] =>"]
    # A style name typed with combining accents must match too.
    lines += [unicodedata.normalize("NFD", line) for line in lines if not line.isascii()]
    return "\n".join(lines)


STYLE_MAP = _style_map()


def convert_docx(data: bytes) -> Imported:
    """Convert the bytes of a DOCX file read by :func:`read_docx`.  Raises :class:`UsageFailure` for a
    corrupt or empty file."""
    import mammoth

    with _open_package(data) as archive:
        document_xml = _read_part(archive, "word/document.xml")
        comments_xml = _read_part(archive, "word/comments.xml")
    collector = ImageCollector()
    try:
        result = mammoth.convert_to_html(io.BytesIO(data), style_map=STYLE_MAP, include_embedded_style_map=False,
                                         convert_image=mammoth.images.img_element(collector))
    except Exception:  # noqa: BLE001 - mammoth raises many kinds of errors on damaged XML or parts
        raise UsageFailure("DOCX_CORRUPT") from None
    notes: list[Note] = _feature_notes(document_xml, comments_xml)
    notes += _mammoth_notes(result.messages)
    notes += collector.notes

    root = parse_html(vn.nfc(result.value))
    official = take_official(root)
    if official is None:
        drop_national_lines(root)
        title, summary, extracted = take_title_and_summary(root)
        notes += extracted
    else:
        title, summary = excerpt(official.title, TITLE_CHARS), excerpt(official.summary, SUMMARY_CHARS)
        shift_headings(root)
        notes.append(note("OFFICIAL_HEADER"))
        if official.recipients:
            notes.append(note("RECIPIENTS_LEFT_OUT"))
    converter = Converter()
    markdown = converter.document(root)
    notes += converter.notes
    legacy = vn.detect_legacy_encoding(title + "\n" + summary + "\n" + markdown)
    if legacy:
        notes.append(note("LEGACY_ENCODING", encoding=legacy[0], sample=legacy[2]))
    return Imported(title=title, summary=summary, markdown=markdown, images=tuple(collector.images),
                    warnings=tuple(dict.fromkeys(notes)), official=official)  # each note once, in order


#: What mammoth drops or keeps silently, by the element that shows it in ``document.xml``.
_FEATURES = (("EQUATION", r"<m:oMath\b"), ("CHART", r"<c:chart\b"), ("SMARTART", r"<dgm:relIds\b"),
             ("OLE_OBJECT", r"<o:OLEObject\b"), ("TEXT_BOX", r"<w:txbxContent\b"),
             ("TRACKED_CHANGES", r"<w:(?:ins|del|moveFrom|moveTo)\b"))


def _feature_notes(document_xml: str, comments_xml: str) -> list[Note]:
    """What mammoth leaves out silently or keeps without saying, found in the package's XML."""
    notes = [note(code) for code, pattern in _FEATURES if re.search(pattern, document_xml)]
    count = len(re.findall(r"<w:comment\b", comments_xml))
    if count:
        notes.append(note("COMMENTS", count=count))
    return notes


_UNRECOGNISED_STYLE = re.compile(r"^Unrecognised (paragraph|run) style: (.*) \(Style ID: .*\)$")
_IGNORED_ELEMENT = re.compile(r"^An unrecognised element was ignored: (?:\{[^}]*\})?(.*)$")


def _mammoth_notes(messages: list[Any]) -> list[Note]:
    styles: dict[str, list[str]] = {"paragraph": [], "run": []}
    notes: list[Note] = []
    for message in messages:
        text = str(getattr(message, "message", message))
        if (match := _UNRECOGNISED_STYLE.match(text)):
            names = styles[match[1]]
            name = f"“{vn.nfc(match[2])}”"
            if name not in names:
                names.append(name)
        elif (match := _IGNORED_ELEMENT.match(text)):
            if match[1] not in ("oMath", "oMathPara"):  # reported once as EQUATION
                notes.append(note("ELEMENT_IGNORED", name=match[1]))
        elif text.startswith("Image of type "):
            continue  # the image collector decides what the web can show
        elif text.startswith("A w:sym element"):
            notes.append(note("SYMBOL_IGNORED"))
        elif "image" in text.lower() and ("could not" in text.lower() or "external" in text.lower()):
            notes.append(note("IMAGE_MISSING"))
        else:
            notes.append(note("MAMMOTH", message=text.rstrip(".")))
    if styles["paragraph"]:
        notes.insert(0, note("STYLE_UNKNOWN", names=", ".join(styles["paragraph"])))
    if styles["run"]:
        notes.insert(1 if styles["paragraph"] else 0, note("RUN_STYLE_UNKNOWN", names=", ".join(styles["run"])))
    return notes
