"""The Apache configuration (``.htaccess``) shipped with every site.

Shared hosting almost always runs Apache and honours ``.htaccess``: pretty URLs (folders with
``index.html``), the site's own 404 page, compression, long caching of fingerprinted assets and
security headers with a strict Content-Security-Policy the theme is built for (no inline script
or style, nothing from other hosts except the portal's own sites). ``docs/nginx.conf`` holds the
same policy for nginx (a test keeps the two in step); the policy itself is in ``policy.py``.
"""

from __future__ import annotations

from typing import Iterable
from urllib.parse import quote, urlsplit

from .. import urls
from ..policy import content_security_policy, image_origins, safe_origins

#: Fingerprinted theme assets (``assets/portalgen.1a2b3c4d5e.css``): cached for a year.
FINGERPRINTED = r"\.[0-9a-f]{10}\.(css|js|svg)$"


def _local_path(path: str) -> str:
    """A URL path as a directive's argument: anything but unreserved characters, ``/`` and
    existing escapes percent-encoded (no space, quote or new line can reach the file)."""
    return quote(path, safe="/%-._~")


def htaccess(site_url: str, portal_urls: Iterable[str]) -> bytes:
    """The ``.htaccess`` of a site whose home is ``site_url``; ``portal_urls`` are the public
    addresses of every site of the portal (their origins may serve images)."""
    others = image_origins(site_url, portal_urls)
    try:
        parts = urlsplit(site_url)
    except ValueError:
        parts = urlsplit("")
    not_found = _local_path(parts.path.rstrip("/") + "/" + urls.NOT_FOUND)
    secure = parts.scheme == "https"
    lines = [
        "# portalgen: Apache configuration of this site, written by portalgen build (edits are overwritten).",
        "Options -Indexes -MultiViews",
        "DirectoryIndex index.html",
        "DirectorySlash On",
        f"ErrorDocument 404 {not_found}",
        "AddDefaultCharset utf-8",
        "<IfModule mod_mime.c>",
        "  AddType text/javascript .js",
        "  AddType image/svg+xml .svg",
        "  AddType image/webp .webp",
        "  AddType application/rss+xml .rss",
        "  AddType application/json .json",
        "  AddType text/vtt .vtt",
        "  AddType video/mp4 .mp4",
        "  AddType video/webm .webm",
        "</IfModule>",
        "# Files of portalgen deploy (its manifest, uploads in progress) are never served.",
        "<FilesMatch \"^\\.portalgen|\\.portalgen-tmp$\">",
        "  Require all denied",
        "</FilesMatch>",
        "<IfModule mod_deflate.c>",
        "  AddOutputFilterByType DEFLATE text/html text/css text/javascript application/javascript "
        "application/json application/rss+xml application/atom+xml application/xml text/xml image/svg+xml text/plain",
        "</IfModule>",
        "<IfModule mod_headers.c>",
        f"  Header always set Content-Security-Policy \"{content_security_policy(others)}\"",
        "  Header always set X-Content-Type-Options \"nosniff\"",
        "  Header always set Referrer-Policy \"strict-origin-when-cross-origin\"",
        "  Header always set X-Frame-Options \"DENY\"",
        "  Header always set Permissions-Policy \"camera=(), microphone=(), geolocation=()\"",
        *(["  Header always set Strict-Transport-Security \"max-age=31536000\""] if secure else []),
        "  Header set Cache-Control \"no-cache\"",
        f"  <FilesMatch \"{FINGERPRINTED}\">",
        "    Header set Cache-Control \"public, max-age=31536000, immutable\"",
        "  </FilesMatch>",
        "  <FilesMatch \"\\.(jpe?g|png|gif|webp|pdf|docx?|xlsx?|odt|ods|pptx?|odp|zip)$\">",
        "    Header set Cache-Control \"public, max-age=86400\"",
        "  </FilesMatch>",
        "</IfModule>",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


#: The policy of the web editor (``admin/``) only: Decap CMS compiles its configuration's schema
#: with ``new Function`` (``'unsafe-eval'``), inserts styles and talks to the git server.
ADMIN_CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
             "img-src 'self' data: blob:{git}; connect-src 'self' blob:{git}; frame-ancestors 'none'")


def admin_htaccess(git_origins: list[str]) -> bytes:
    """The ``.htaccess`` of a site's ``admin/`` folder: the site's rules with the editor's looser
    policy, which admits the git server's ``git_origins`` (its API and the files it serves)."""
    extra = "".join(f" {o}" for o in safe_origins(git_origins))
    lines = [
        "# portalgen: Apache configuration of the web editor (Decap CMS), written by portalgen build.",
        "<IfModule mod_mime.c>",
        "  AddType application/yaml .yml",
        "  AddCharset utf-8 .yml",
        "</IfModule>",
        "<IfModule mod_headers.c>",
        f"  Header always set Content-Security-Policy \"{ADMIN_CSP.format(git=extra)}\"",
        "  Header always set X-Robots-Tag \"noindex\"",
        "  Header set Cache-Control \"no-cache\"",
        "</IfModule>",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")
