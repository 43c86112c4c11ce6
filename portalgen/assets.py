"""Images and attachments as published: responsive image variants, download metadata.

Every published image is re-encoded after applying its EXIF orientation, so none carries EXIF or
GPS metadata.  Variants (a few widths, WebP beside the original format) are pure functions of the
source bytes, memoised by content hash.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image, ImageOps

from . import vn
from .attachments import docx_html, pdf_info
from .cache import Cache
from .files import IMAGE_EXTENSIONS, sniff
from .imagesize import READ_ERRORS, ImageRejected, image_size

WIDTHS = (480, 960, 1600)
THUMBNAIL = 480
_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".gif": "GIF", ".webp": "WEBP"}

_TYPE_LABELS = {"pdf": "PDF", "docx": "Word (DOCX)", "odt": "ODT", "xlsx": "Excel (XLSX)", "ods": "ODS",
                "pptx": "PowerPoint (PPTX)", "odp": "ODP", "ole": "Office (DOC/XLS)", "jpeg": "JPEG",
                "png": "PNG", "gif": "GIF", "webp": "WebP"}


def image_problem(data: bytes) -> tuple[str, str] | None:
    """Why an image cannot be published (``("too-large", detail)`` or ``("corrupt", "")``), decoding
    it fully; None when it is fine."""
    try:
        image_size(data)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.load()
    except ImageRejected as exc:
        return exc.reason, exc.detail
    except READ_ERRORS:
        return "corrupt", ""
    return None


def variant_widths(width: int) -> tuple[int, ...]:
    """The widths published for an image ``width`` pixels wide (always including its own)."""
    return tuple(w for w in WIDTHS if w < width) + (width,)


def parse_variant(variant: str) -> tuple[int | None, str | None]:
    """``""`` → (None, None): full size, source format; ``"w480"`` → (480, None); ``"w480.webp"``
    → (480, "webp"); ``"webp"`` → (None, "webp")."""
    if variant == "webp":
        return None, "webp"
    width_part, _, fmt = variant.partition(".")
    return (int(width_part[1:]) if width_part.startswith("w") else None), (fmt or None)


def render_variants(data: bytes, suffix: str, variants: list[str]) -> dict[str, bytes]:
    """Every requested variant of one image, decoding it once and scaling down step by step.

    Each is oriented upright and stripped of metadata.  Raises :class:`ImageRejected`.
    """
    size = image_size(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as original:
                original.load()
                upright = ImageOps.exif_transpose(original)
    except READ_ERRORS as exc:
        raise ImageRejected("corrupt") from exc
    wanted = {variant: parse_variant(variant) for variant in variants}
    scaled = {size[0]: upright}
    current = upright
    for width in sorted({w for w, _ in wanted.values() if w is not None and w < size[0]}, reverse=True):
        current = current.resize((width, max(1, round(size[1] * width / size[0]))), Image.Resampling.LANCZOS,
                                 reducing_gap=3.0)
        scaled[width] = current
    return {variant: _encode(scaled[min(width or size[0], size[0])], suffix, fmt)
            for variant, (width, fmt) in sorted(wanted.items())}


def render_variant(data: bytes, suffix: str, width: int | None, fmt: str | None) -> bytes:
    """One variant of an image (see :func:`render_variants`)."""
    if fmt == "webp":
        variant = "webp" if width is None else f"w{width}.webp"
    else:
        variant = "" if width is None else f"w{width}"
    return render_variants(data, suffix, [variant])[variant]


def _encode(image: Image.Image, suffix: str, fmt: str | None) -> bytes:
    target = "WEBP" if fmt == "webp" else _FORMATS.get(suffix.lower(), "PNG")
    out = io.BytesIO()
    if target == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=82, optimize=True, progressive=True)
    elif target == "WEBP":
        image.save(out, "WEBP", quality=80, method=3)
    elif target == "GIF":
        image.save(out, "GIF")
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def is_image(path: str) -> bool:
    return path.lower().endswith(IMAGE_EXTENSIONS)


@dataclass(frozen=True)
class FileInfo:
    """What an item page shows of an attachment: readable name, type, size; for a PDF its pages
    and whether it is a scan without text; for a Word file its content as safe HTML."""

    name: str
    type_label: str
    size: str
    pages: int | None = None
    scanned: bool = False
    html: str = ""
    images: tuple[tuple[str, str, int, int], ...] = ()  # a Word file's images: type, alt, width, height
    machine_text: str = ""  # a scan's text as read by OCR (see portalgen.ocr)


def file_info(source: Path, title: str | None, cache: Cache) -> FileInfo:
    kind = sniff(source)
    data = source.read_bytes()
    label = _TYPE_LABELS.get(kind, source.suffix.upper().lstrip(".")) if kind else source.suffix.upper().lstrip(".")
    info = FileInfo(name=title or source.name, type_label=label, size=vn.format_size(len(data)))
    if kind == "pdf":
        pdf = pdf_info(data, cache)
        if not pdf.error and not pdf.encrypted:
            info = replace(info, pages=pdf.pages, scanned=not pdf.has_text)
    elif kind == "docx":
        converted = docx_html(data, cache)
        if not converted.error:
            info = replace(info, html=converted.html, images=converted.images)
    return info
