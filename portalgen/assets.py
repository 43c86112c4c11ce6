"""Images and attachments: what gets copied into a site, under which name, with what metadata.

Images are re-encoded after applying their EXIF orientation, so no published photo carries
EXIF or GPS metadata.  Everything here is a pure function of file bytes.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from . import vn
from .files import IMAGE_EXTENSIONS, sniff

MAX_PIXELS = 40_000_000

_TYPE_LABELS = {"pdf": "PDF", "docx": "Word (DOCX)", "odt": "ODT", "xlsx": "Excel (XLSX)", "ods": "ODS",
                "pptx": "PowerPoint (PPTX)", "odp": "ODP", "ole": "Office (DOC/XLS)", "jpeg": "JPEG",
                "png": "PNG", "gif": "GIF", "webp": "WebP"}


@dataclass(frozen=True)
class PreparedImage:
    data: bytes
    width: int
    height: int


def prepare_image(source: Path) -> PreparedImage | None:
    """The image as published: EXIF orientation applied, every metadata block dropped.

    None when the file is not an image Pillow can read safely (the check stage reports it).
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as original:
                if original.width * original.height > MAX_PIXELS:
                    return None
                image = ImageOps.exif_transpose(original)
                image.load()
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning,
            ValueError, SyntaxError):
        return None
    out = io.BytesIO()
    fmt = (Image.registered_extensions().get(source.suffix.lower()) or "PNG").upper()
    if fmt == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True, progressive=True)
    elif fmt == "WEBP":
        image.save(out, "WEBP", quality=85, method=4)
    elif fmt == "GIF":
        image.save(out, "GIF")
    else:
        image.save(out, "PNG", optimize=True)
    return PreparedImage(out.getvalue(), image.width, image.height)


def is_image(path: str) -> bool:
    return path.lower().endswith(IMAGE_EXTENSIONS)


@dataclass(frozen=True)
class FileInfo:
    """What an item page shows of an attachment: readable name, type and size."""

    name: str
    type_label: str
    size: str


def file_info(source: Path, title: str | None) -> FileInfo:
    kind = sniff(source)
    return FileInfo(name=title or source.name, type_label=_TYPE_LABELS.get(kind, source.suffix.upper().lstrip(".")),
                    size=vn.format_size(source.stat().st_size))
