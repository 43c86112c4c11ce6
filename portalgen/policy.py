"""The Content-Security-Policy the theme is built for, and the origins it may admit.

One policy, two carriers: the ``Content-Security-Policy`` header (``deploy/htaccess.py`` and
``docs/nginx.conf``) and a ``<meta http-equiv>`` in every page, for hosts that ignore
``.htaccess``.  A ``<meta>`` policy cannot carry ``frame-ancestors`` (browsers ignore it there),
so the header stays the stronger of the two.
"""

from __future__ import annotations

import functools
from typing import Iterable
from urllib.parse import urlsplit

from . import urls

#: No inline script or style, nothing from other hosts (the image sources are added per site).
_DIRECTIVES = ("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
               "font-src 'self'", "media-src 'self'", "manifest-src 'self'", "form-action 'self'", "base-uri 'none'")
#: The directive only a header can carry: no other site may show the portal in a frame.
_FRAME_ANCESTORS = "frame-ancestors 'none'"
#: The header's policy without ``img-src``, which also admits the portal's other sites (a
#: parent's home page shows its units' latest news with their pictures).
CSP = "; ".join((*_DIRECTIVES, _FRAME_ANCESTORS))
SELF = "'self'"


def content_security_policy(image_origins: list[str], *, meta: bool = False) -> str:
    """The full policy: ``CSP`` plus the image sources (``'self'`` and the given origins);
    ``meta``: the form a page's ``<meta http-equiv>`` may carry (without ``frame-ancestors``)."""
    directives = "; ".join(_DIRECTIVES) if meta else CSP
    return f"{directives}; img-src {' '.join([SELF, *image_origins])}"


def origin(url: str) -> str:
    """``https://host:port`` of a URL (``""`` when it has none: ``urlsplit`` refuses it)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return f"{parts.scheme}://{parts.netloc}"


def safe_origins(addresses: Iterable[str]) -> list[str]:
    """The origins of ``addresses`` that may be written into a policy, sorted, each once: those
    of public addresses (``urls.is_public_url``; any other address is left out whole),
    ``scheme://host[:port]`` (``urls.is_origin``) and nothing else. ``portalgen check``
    refuses any other address (``FIELD_PATTERN``); this holds even without it, so that one unit's
    ``base_url`` can never change another site's configuration (a quote would end the header's
    value, a new line would start a directive of its own)."""
    return sorted({origin(a) for a in addresses if urls.is_public_url(a) and urls.is_origin(origin(a))})


def image_origins(site_url: str, portal_urls: Iterable[str]) -> list[str]:
    """The other origins a site's pages may show pictures from: every site of the portal's, but
    its own (``'self'`` covers that)."""
    return list(_other_origins(origin(site_url), tuple(portal_urls)))


# Every part of every site's plan asks for these (a nationwide portal has thousands of sites, each
# in many parts): worked out once per portal, and once per site while its parts are planned.
@functools.lru_cache(maxsize=64)
def _other_origins(own: str, portal_urls: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(o for o in _portal_origins(portal_urls) if o != own)


@functools.lru_cache(maxsize=4)
def _portal_origins(portal_urls: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(safe_origins(portal_urls))
