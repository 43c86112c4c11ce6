"""The unit's identity and links on every page: its logo or emblem (the unit's, else the
portal's), and the links of the portal (``links`` in ``portal.yaml``) followed by the unit's own
(``unit.yaml``), images as banners."""

from __future__ import annotations

import posixpath
from typing import Any, Callable

from ..config import Config
from ..model import Image, Link, Unit

#: Where a logo or banner image is published in the unit's site (beside nothing else).
FOLDER = "hinh-anh"

#: The file naming the portal's own logo and links (its images lie beside it).
PORTAL_FILE = "portal.yaml"

#: ``Media.image``: an image view with its variants scheduled for publication.
ImageView = Callable[..., dict[str, Any]]


def logo(image_view: ImageView, here: str, unit: Unit, config: Config) -> dict[str, Any] | None:
    """The unit's logo (else the portal's) for the header: ``src``, ``width``, ``height``; or None."""
    if unit.logo:
        return _image(image_view, here, _unit_file(unit), unit.logo)
    return _image(image_view, here, PORTAL_FILE, config.logo) if config.logo else None


def links(image_view: ImageView, here: str, unit: Unit, config: Config, national: Link) -> list[dict[str, Any]]:
    """The national public-service portal (unless a link of the portal has its address), the
    portal's links, then the unit's own (a unit's link to the same address replaces the portal's,
    in the portal's place); ``lang`` is ``vi`` for the titles written in YAML, None for the
    national portal's, which is in the page's language."""
    own = {link.url: link for link in unit.links}
    first = [] if any(link.url == national.url for link in config.links) else [national]
    merged = []  # (link, the file that names it)
    for link in (*first, *config.links):
        replaced = own.pop(link.url, None)
        merged.append((replaced, _unit_file(unit)) if replaced else (link, PORTAL_FILE))
    merged += [(link, _unit_file(unit)) for link in own.values()]
    return [{"title": link.title, "href": link.url, "lang": None if link is national else "vi",
             "image": _image(image_view, here, source, link.image) if link.image else None}
            for link, source in merged]


def _unit_file(unit: Unit) -> str:
    return posixpath.join(unit.path, "unit.yaml")


def _image(image_view: ImageView, here: str, source: str, image: Image) -> dict[str, Any] | None:
    """An image named in ``source`` (a portal path: ``portal.yaml`` or a ``unit.yaml``), published
    under :data:`FOLDER` of the site."""
    view = image_view(here, source, image.src, FOLDER, image.alt, lazy=True)
    if not view["html"]:
        return None
    return {"src": view["src"], "alt": image.alt, "width": view["width"], "height": view["height"]}
