"""What is inside attached documents: PDF pages, title and text; Word files as safe HTML.

Pure functions of file bytes, memoised through :class:`portalgen.cache.Cache` by content hash.
Nothing here raises for a bad file: failures are described in the returned values.
"""

from __future__ import annotations

import functools
import io
import logging
import re
import zipfile
import zlib
from dataclasses import dataclass
from html import unescape

from . import vn, webvtt
from .cache import Cache
from .imagesize import image_size
from .markup import plain_text, sanitise

MAX_TEXT = 200_000  # characters of extracted text kept per file (enough for search)
_TEXT_PER_PAGE = 20  # fewer visible characters on average than this: a scan without text layer


@dataclass(frozen=True)
class PdfInfo:
    pages: int
    title: str
    text: str
    encrypted: bool
    error: str

    @property
    def has_text(self) -> bool:
        return len(self.text.strip()) >= max(1, self.pages) * _TEXT_PER_PAGE


def _read_pdf(data: bytes) -> dict:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    return {"pages": 0, "title": "", "text": "", "encrypted": True, "error": ""}
            except (PyPdfError, NotImplementedError, ValueError):
                return {"pages": 0, "title": "", "text": "", "encrypted": True, "error": ""}
        pages = len(reader.pages)
        title = ""
        if reader.metadata and reader.metadata.title:
            title = str(reader.metadata.title)
        parts: list[str] = []
        size = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            parts.append(text)
            size += len(text)
            if size > MAX_TEXT:
                break
        return {"pages": pages, "title": title, "text": "\n".join(parts)[:MAX_TEXT], "encrypted": False, "error": ""}
    except Exception as exc:  # noqa: BLE001 - a hostile PDF may make pypdf raise anything; report, never crash
        return {"pages": 0, "title": "", "text": "", "encrypted": False, "error": type(exc).__name__}


def pdf_info(data: bytes, cache: Cache) -> PdfInfo:
    """Pages, title and text of a PDF (memoised by content)."""
    return PdfInfo(**cache.json("pdf", data, "text", lambda: _read_pdf(data)))


@dataclass(frozen=True)
class DocxHtml:
    html: str
    text: str
    images: tuple[tuple[str, str, int, int], ...]  # (content type, alt, width, height) per image, in order
    error: str


def _convert_docx(data: bytes) -> dict:
    import mammoth

    images: list[tuple[str, str, int, int]] = []

    def image(element) -> dict:
        width = height = 0
        try:
            with element.open() as stream:
                width, height = image_size(stream.read())
        except Exception:  # noqa: BLE001 - an unreadable embedded image keeps no size
            pass
        images.append((element.content_type or "", element.alt_text or "", width, height))
        return {"src": f"@image-{len(images)}", "alt": element.alt_text or ""}

    if (found := package_problem(data)):
        return {"html": "", "text": "", "images": [], "error": found[0]}
    try:
        result = mammoth.convert_to_html(io.BytesIO(data), convert_image=mammoth.images.img_element(image))
    except Exception as exc:  # noqa: BLE001 - broken XML, zip or images inside: report, never crash
        return {"html": "", "text": "", "images": [], "error": type(exc).__name__}
    html = sanitise(result.value)
    return {"html": html, "text": plain_text(html)[:MAX_TEXT], "images": images, "error": ""}


def docx_html(data: bytes, cache: Cache) -> DocxHtml:
    """A Word document as sanitised HTML with its text; embedded images are referenced as
    ``@image-N`` and listed with their content type and alt text (memoised by content)."""
    value = cache.json("docx", data, "html", lambda: _convert_docx(data))
    return DocxHtml(html=value["html"], text=value["text"], images=tuple(map(tuple, value["images"])),
                    error=value["error"])


@functools.lru_cache(maxsize=2)
def docx_images(data: bytes) -> tuple[bytes, ...]:
    """The bytes of every image mammoth meets in a Word document, in order: one conversion per
    document, kept for the last two documents (a document's images are published one after another)."""
    import mammoth

    found: list[bytes] = []

    def image(element) -> dict:
        with element.open() as stream:
            found.append(stream.read())
        return {"src": ""}

    if package_problem(data):
        return ()
    try:
        mammoth.convert_to_html(io.BytesIO(data), convert_image=mammoth.images.img_element(image))
    except Exception:  # noqa: BLE001 - same as docx_html
        return ()
    return tuple(found)


def docx_image(data: bytes, number: int) -> bytes | None:
    """The bytes of the ``number``-th (1-based) image mammoth meets in a Word document."""
    found = docx_images(data)
    return found[number - 1] if 0 < number <= len(found) else None


# --- Office and OpenDocument packages -------------------------------------------------------------
# A package is judged from its central directory before anything parses it, then every member is
# inflated in bounded chunks: zipfile stops a member at its declared size and checks its CRC, so a
# member that inflates past what it declares is refused as damaged without being held in memory.

MAX_UNPACKED = 100 * 1024 * 1024  # all members together (inflated in chunks: about 0.5 s)
MAX_MARKUP = 16 * 1024 * 1024  # a Word file's XML parts, which mammoth parses (about 2 s per MB)
#: Zeros or spaces deflate about 1,000 times; real Office parts far less (a Word text 9 times, its
#: styles 32, a 3,000-row empty table 235), so only a bomb's parts are compressed more than this.
MAX_RATIO = 300
_RATIO_FROM = 1024 * 1024  # smaller members may compress further: harmless
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, NotImplementedError, EOFError,
               zlib.error)


def _limits_problem(infos: list[zipfile.ZipInfo]) -> tuple[str, dict[str, str]] | None:
    """Too much inflated data or a decompression-bomb ratio, from the declared sizes alone."""
    total = sum(info.file_size for info in infos)
    markup = sum(info.file_size for info in infos
                 if info.filename.startswith("word/") and info.filename.lower().endswith((".xml", ".rels")))
    for size, limit in ((total, MAX_UNPACKED), (markup, MAX_MARKUP)):
        if size > limit:
            return "OFFICE_UNPACKS_TOO_LARGE", {"size": vn.format_size(size), "limit": vn.format_size(limit)}
    for info in infos:
        if info.file_size > _RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            return "OFFICE_COMPRESSION_RATIO", {"part": info.filename, "limit": str(MAX_RATIO),
                                                "ratio": str(info.file_size // max(info.compress_size, 1))}
    return None


def package_problem(data: bytes) -> tuple[str, dict[str, str]] | None:
    """Why an Office or OpenDocument package must not be parsed — ``OFFICE_UNPACKS_TOO_LARGE``,
    ``OFFICE_COMPRESSION_RATIO`` or ``FILE_CORRUPT`` with its arguments — or None."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            found = _limits_problem(archive.infolist())
            if found is None and archive.testzip() is not None:  # reads each member in 1 MB chunks
                found = ("FILE_CORRUPT", {"detail": "zip"})
    except _ZIP_ERRORS:
        found = ("FILE_CORRUPT", {"detail": "zip"})
    return found


def inspect(data: bytes, kind: str, cache: Cache) -> list[tuple[str, dict[str, str]]]:
    """Problems inside a file whose bytes already match its extension: ``(code, args)`` pairs."""
    if kind == "vtt":
        return webvtt.problems(data)
    if kind == "pdf":
        info = pdf_info(data, cache)
        if info.encrypted:
            return [("PDF_ENCRYPTED", {})]
        if info.error:
            return [("FILE_CORRUPT", {"detail": info.error})]
        if not info.has_text:
            return [("PDF_NO_TEXT", {"pages": str(info.pages)})]
        return []
    if kind in ("docx", "xlsx", "pptx", "odt", "ods", "odp"):
        found = cache.json("office-package", data, "", lambda: package_problem(data))
        if found:
            return [(found[0], found[1])]
        if kind == "docx":
            return _docx_problems(data, cache)
    return []


def _docx_problems(data: bytes, cache: Cache) -> list[tuple[str, dict[str, str]]]:
    """A readable Word file's problems: pictures without alt text, what it keeps that its page hides."""
    converted = docx_html(data, cache)
    if converted.error:
        return [("FILE_CORRUPT", {"detail": converted.error})]
    problems: list[tuple[str, dict[str, str]]] = []
    missing = sum(1 for _type, alt, *_size in converted.images if not alt.strip())
    if missing:
        problems.append(("DOCX_IMAGE_ALT_MISSING", {"count": str(missing)}))
    hidden = cache.json("docx-hidden", data, "", lambda: hidden_content(data))
    if hidden:
        problems.append(("DOCX_HIDDEN_CONTENT", hidden))
    return problems


# --- what a published Word file keeps that its page does not show ----------------------------------

_TRACKED = re.compile(rb"<(?:\w+:)?(?:ins|del|moveFrom|moveTo)[\s/>]")
_COMMENT = re.compile(rb"<(?:\w+:)?comment[\s/>]")
_AUTHOR = re.compile(rb"<(?:\w+:)?(?:creator|lastModifiedBy)\b[^>]*>([^<]*)</")
_REVISED_PART = re.compile(r"word/(?:document|header\d*|footer\d*|footnotes|endnotes)\.xml")
#: The first words of an agency's name: author metadata naming the agency, not a person, is what
#: the hint asks for (``UBND xã Mỹ Thành``), so it is not reported.
_AGENCY_WORDS = ("ubnd", "hđnd", "ủy ban", "uỷ ban", "sở", "phòng", "văn phòng", "ban", "trung tâm", "cục",
                 "chi cục", "bộ", "hội đồng", "thanh tra", "công an", "kho bạc", "đảng ủy", "đảng uỷ",
                 "huyện ủy", "tỉnh ủy", "thành ủy", "mặt trận", "bảo hiểm xã hội")


def _is_agency(name: str) -> bool:
    """Whether an author name is an agency's (it starts with one of :data:`_AGENCY_WORDS`)."""
    folded = " ".join(name.casefold().split())
    return any(folded == word or folded.startswith(word + " ") for word in _AGENCY_WORDS)


def hidden_content(data: bytes) -> dict[str, str]:
    """What a Word package keeps that its page does not show — tracked changes, comments, people's
    names as author metadata — as the ``found``/``found_en`` arguments of ``DOCX_HIDDEN_CONTENT``
    (empty when there is none).  Call it on a package :func:`package_problem` accepted."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()

        def part(name: str) -> bytes:
            return archive.read(name) if name in names else b""

        tracked = any(_TRACKED.search(part(name)) for name in names if _REVISED_PART.fullmatch(name))
        comments = len(_COMMENT.findall(part("word/comments.xml")))
        authors = [vn.nfc(unescape(found.decode("utf-8", "replace"))).strip()
                   for found in _AUTHOR.findall(part("docProps/core.xml"))]
    people = [f"“{name}”" for name in dict.fromkeys(authors) if name and not _is_agency(name)]
    found = [("thay đổi được theo dõi (Track Changes) chưa chấp nhận", "tracked changes not accepted yet")] if tracked \
        else []
    if comments:
        found.append((f"{comments} chú thích (Comment)", f"{comments} comment(s)"))
    if people:
        found.append((f"tên người soạn/sửa {', '.join(people)}", f"the author names {', '.join(people)}"))
    if not found:
        return {}
    return {"found": "; ".join(vi for vi, _en in found), "found_en": "; ".join(en for _vi, en in found)}
