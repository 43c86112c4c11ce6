"""What is inside attached documents: PDF pages, title and text; Word files as safe HTML.

Pure functions of file bytes, memoised through :class:`portalgen.cache.Cache` by content hash.
Nothing here raises for a bad file: failures are described in the returned values.
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass

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


def docx_image(data: bytes, number: int) -> bytes | None:
    """The bytes of the ``number``-th (1-based) image mammoth meets in a Word document."""
    import mammoth

    found: list[bytes] = []

    def image(element) -> dict:
        with element.open() as stream:
            found.append(stream.read())
        return {"src": ""}

    try:
        mammoth.convert_to_html(io.BytesIO(data), convert_image=mammoth.images.img_element(image))
    except Exception:  # noqa: BLE001 - same as docx_html
        return None
    return found[number - 1] if 0 < number <= len(found) else None


def zip_ok(data: bytes) -> bool:
    """Whether an Office or OpenDocument package is a readable archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.testzip() is None
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return False


def inspect(data: bytes, kind: str, cache: Cache) -> list[tuple[str, dict[str, str]]]:
    """Problems inside a file whose bytes already match its extension: ``(code, args)`` pairs."""
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
        if not cache.json("zip", data, "", lambda: zip_ok(data)):
            return [("FILE_CORRUPT", {"detail": "zip"})]
        if kind == "docx":
            converted = docx_html(data, cache)
            if converted.error:
                return [("FILE_CORRUPT", {"detail": converted.error})]
            missing = sum(1 for _type, alt, *_size in converted.images if not alt.strip())
            if missing:
                return [("DOCX_IMAGE_ALT_MISSING", {"count": str(missing)})]
    return []
