"""An image's displayed size read from its header, and the limits beyond which it is refused.

Shared by :mod:`portalgen.assets` (publishing images) and :mod:`portalgen.attachments` (the size
of pictures inside Word files), so that neither imports the other.
"""

from __future__ import annotations

import io
import re
import warnings

from PIL import Image, UnidentifiedImageError

MAX_PIXELS = 40_000_000
MAX_SIDE = 20_000
_ORIENTATION_SWAPS = {5, 6, 7, 8}

#: What Pillow raises on a damaged or hostile image.
READ_ERRORS = (OSError, UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning,
               ValueError, SyntaxError, EOFError)


class ImageRejected(Exception):
    """An image that cannot be published: ``reason`` is ``corrupt`` or ``too-large``; ``detail``
    gives its size where known."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


def image_size(data: bytes) -> tuple[int, int]:
    """Displayed width and height (EXIF orientation applied) from the header only.

    Raises :class:`ImageRejected` for unreadable files and absurd dimensions.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                    raise ImageRejected("too-large", f"{width} × {height}")
                try:
                    orientation = image.getexif().get(0x0112, 1)
                except READ_ERRORS:
                    orientation = 1
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        pixels = re.search(r"\((\d+) pixels\)", str(exc))
        raise ImageRejected("too-large", f"{int(pixels[1]):,} px".replace(",", ".") if pixels else "") from exc
    except READ_ERRORS as exc:
        raise ImageRejected("corrupt") from exc
    return (height, width) if orientation in _ORIENTATION_SWAPS else (width, height)
