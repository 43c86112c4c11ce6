"""The unit's identity and links on every page: its logo or emblem, and the links of the portal
(``links`` in ``portal.yaml``) followed by the unit's own (``unit.yaml``), images as banners."""

from __future__ import annotations

import posixpath
from typing import Any, Callable

from ..model import Image, Link, Unit

#: Where a logo or banner image is published in the unit's site (beside nothing else).
FOLDER = "hinh-anh"

#: ``Media.image``: an image view with its variants scheduled for publication.
ImageView = Callable[..., dict[str, Any]]


def logo(image_view: ImageView, here: str, unit: Unit) -> dict[str, Any] | None:
    """The logo's ``src``, ``width`` and ``height`` for the header, or None."""
    return _image(image_view, here, unit, unit.logo) if unit.logo else None


def links(image_view: ImageView, here: str, unit: Unit, portal_links: tuple[Link, ...],
          national: Link) -> list[dict[str, Any]]:
    """The national public-service portal (unless a link of the portal has its address), the
    portal's links, then the unit's own (a unit's link to the same address replaces the portal's,
    in the portal's place); ``lang`` is ``vi`` for the titles written in YAML, None for the
    national portal's, which is in the page's language."""
    own = {link.url: link for link in unit.links}
    first = [] if any(link.url == national.url for link in portal_links) else [national]
    merged = [own.pop(link.url, link) for link in (*first, *portal_links)] + list(own.values())
    return [{"title": link.title, "href": link.url, "lang": None if link is national else "vi",
             "image": _image(image_view, here, unit, link.image) if link.image else None} for link in merged]


def _image(image_view: ImageView, here: str, unit: Unit, image: Image) -> dict[str, Any] | None:
    source = posixpath.join(unit.path, "unit.yaml")
    view = image_view(here, source, image.src, FOLDER, image.alt, lazy=True)
    if not view["html"]:
        return None
    return {"src": view["src"], "alt": image.alt, "width": view["width"], "height": view["height"]}
