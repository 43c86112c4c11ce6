"""Which files of a site a page or feed links to (pure), so deploy puts a link's target in place
before the page that links to it.

Links are read loosely (``href``/``src`` attributes, ``<link>``, ``<loc>`` and ``<guid>`` of feeds
and sitemaps): a link read wrongly only changes the upload order, never what is uploaded.
Relative links are resolved against the page; absolute ones (``/…``, ``https://host/…``) by the
longest tail of their path that names a file of the site.
"""

from __future__ import annotations

import posixpath
import re
from typing import Collection
from urllib.parse import unquote, urlsplit

LINK = re.compile(rb"""(?:href|src)\s*=\s*["']([^"'<>]*)["']|<(?:link|loc|guid)>\s*([^<\s]+)\s*<""")
READ = (".html", ".xml")


def _file(path: str, files: Collection[str]) -> str | None:
    """The site file a URL path (``tin-tuc``, ``a/b.css``, ``""`` for the home) names, if any."""
    for candidate in (path, posixpath.join(path, "index.html")) if path else ("index.html",):
        if candidate in files:
            return candidate
    return None


def _resolve(page: str, link: str, files: Collection[str]) -> str | None:
    try:
        parts = urlsplit(link)
    except ValueError:
        return None
    path = unquote(parts.path)
    if parts.scheme or parts.netloc or path.startswith("/"):
        if parts.scheme not in ("", "http", "https"):
            return None
        names = [n for n in path.split("/") if n]
        tails = ("/".join(names[k:]) for k in range(len(names)))
        return next((found for tail in tails if (found := _file(tail, files))), None)
    if not path:
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if joined.startswith(".."):
        return None  # another site
    return _file("" if joined == "." else joined, files)


def links(page: str, data: bytes, files: Collection[str]) -> frozenset[str]:
    """The files of the site (``files``, site paths) that ``page`` (its text in ``data``) links to."""
    if not page.endswith(READ):
        return frozenset()
    found = set()
    for match in LINK.finditer(data):
        link = (match.group(1) or match.group(2)).decode("utf-8", "replace").replace("&amp;", "&")
        target = _resolve(page, link, files)
        if target is not None and target != page:
            found.add(target)
    return frozenset(found)
