"""The pictures of a Word document: named anh-1.png, anh-2.jpg… in the order met, each distinct
picture once, converted to PNG when the web cannot show its format, with its alt text checked."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from .. import vn
from ..files import sniff_image
from ..phrases import PHRASES
from .notes import Note, note


@dataclass(frozen=True)
class Image:
    """An image taken out of the document: its file name in the draft's folder, bytes and alt text."""

    name: str
    data: bytes
    alt: str


_WEB_FORMATS = {"png": "png", "jpeg": "jpg", "gif": "gif", "webp": "webp"}
_CONVERTIBLE = {"bmp", "tiff"}
_AUTO_ALT = re.compile(r"\s*(?:Description automatically generated|Mô tả được tạo tự động)\b.*$",
                       re.IGNORECASE | re.DOTALL)
_FILE_NAME_ALT = re.compile(r"^[\w .()~-]+\.(?:jpe?g|png|gif|bmp|tiff?|webp|emf|wmf|heic|svg)$", re.IGNORECASE)


def _image_format(data: bytes) -> str | None:
    """The format of image bytes (what :func:`portalgen.files.sniff` does for files, plus the
    formats Word embeds that the web cannot show)."""
    web = sniff_image(data[:16])
    if web:
        return web
    if data.startswith(b"BM"):
        return "bmp"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if data[:4] == b"\x01\x00\x00\x00" and data[40:44] == b" EMF":
        return "emf"
    if data[:4] == b"\xd7\xcd\xc6\x9a" or data[:4] in (b"\x01\x00\x09\x00", b"\x02\x00\x09\x00"):
        return "wmf"
    head = data[:256].lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in data[:2048].lower()):
        return "svg"
    return None


def _to_png(data: bytes) -> bytes | None:
    from PIL import Image as PILImage

    try:
        with PILImage.open(io.BytesIO(data)) as picture:
            picture.load()
            web = picture if picture.mode in ("1", "L", "LA", "P", "RGB", "RGBA") else \
                picture.convert("RGBA" if "A" in picture.getbands() else "RGB")
            out = io.BytesIO()
            web.save(out, "PNG")
            return out.getvalue()
    except Exception:  # noqa: BLE001 - Pillow raises many kinds of errors on damaged pictures
        return None


class ImageCollector:
    """mammoth's image converter: names each distinct picture anh-1.png, anh-2.jpg… and keeps it."""

    def __init__(self) -> None:
        self.images: list[Image] = []
        self.by_digest: dict[str, str] = {}
        self.data: dict[str, bytes] = {}
        self.notes: list[Note] = []

    def __call__(self, image: Any) -> dict[str, str]:
        try:
            with image.open() as handle:
                data = handle.read()
        except (KeyError, OSError, ValueError, zipfile.BadZipFile, zlib.error):
            self.notes.append(note("IMAGE_MISSING"))
            return {"src": "", "alt": ""}
        digest = hashlib.sha256(data).hexdigest()
        known = self.by_digest.get(digest)
        name = known if known is not None else self._add(data, image.content_type or "")
        self.by_digest[digest] = name
        alt = self._alt(name, image.alt_text or "")
        if known is None:
            self.images.append(Image(name, self.data[name], alt))
        return {"src": name, "alt": alt}

    def _add(self, data: bytes, content_type: str) -> str:
        number = len(self.data) + 1
        fmt = _image_format(data)
        if fmt in _WEB_FORMATS:
            name = f"anh-{number}.{_WEB_FORMATS[fmt]}"
        elif fmt in _CONVERTIBLE and (converted := _to_png(data)) is not None:
            name = f"anh-{number}.png"
            self.notes.append(note("IMAGE_CONVERTED", name=name, fmt=fmt.upper()))
            data = converted
        else:
            subtype = content_type.rpartition("/")[2].lower().removeprefix("x-")
            ext = fmt or (subtype if re.fullmatch(r"[a-z0-9]{1,5}", subtype) else "bin")
            name = f"anh-{number}.{ext}"
            self.notes.append(note("IMAGE_FORMAT", name=name, fmt=ext.upper()))
        self.data[name] = data
        return name

    def _alt(self, name: str, alt: str) -> str:
        alt = " ".join(vn.nfc(alt).split())
        stripped = _AUTO_ALT.sub("", alt).strip()
        if stripped != alt and stripped:
            self.notes.append(note("IMAGE_ALT_AUTO", name=name, alt=stripped))
        alt = stripped
        if _FILE_NAME_ALT.match(alt):
            self.notes.append(note("IMAGE_NO_ALT", name=name, reason=PHRASES["IMPORT_ALT_IS_FILE_NAME"].fill(alt=alt)))
            return ""
        if not alt:
            self.notes.append(note("IMAGE_NO_ALT", name=name, reason=""))
        return alt
