"""The one URL and output-path policy.

Every page has a *site path*: its location inside its unit's site, as URL segments ending in a
slash for pretty URLs (``tin-tuc/hoi-nghi/``) or a file name (``rss.xml``); ``""`` is the home
page.  Output files live at ``<unit folder>/<site path>`` (``index.html`` added for folders).
Links inside a site are relative; links between sites are relative when both sites share the
portal's host, else absolute.
"""

from __future__ import annotations

import posixpath
import re

from . import vn

NEWS = "tin-tuc/"
DOCUMENTS = "van-ban/"
PROCEDURES = "thu-tuc-hanh-chinh/"
SCHEDULE = "lich-cong-tac/"
CONSULTATIONS = "lay-y-kien/"
PROCUREMENT = "dau-thau/"
QUESTIONS = "hoi-dap/"
PLANS = "ke-hoach/"
BUDGET = "cong-khai-ngan-sach/"
DISCLOSURES = "thong-tin-cong-khai/"
MEDIA = "anh-video/"
CHILDREN = "don-vi-truc-thuoc/"
SEARCH = "tim-kiem/"
SITEMAP = "so-do-trang/"
ENGLISH = "en/"
DATA = "du-lieu/"
DASHBOARD = "bang-theo-doi/"
ASSETS = "assets/"
RSS = "rss.xml"
ATOM = "atom.xml"
NOT_FOUND = "404.html"

FACETS = {"type": "loai", "issuer": "co-quan", "field": "linh-vuc", "year": "nam"}


def item(section: str, slug: str) -> str:
    """The page of an item of the section at ``section`` (``tin-tuc/``)."""
    return f"{section}{slug}/"


def page(slug: str, lang: str) -> str:
    return f"{ENGLISH if lang == 'en' else ''}{slug}/"


def list_page(base: str, number: int | None) -> str:
    """A numbered list page below a section or archive; None is the section's own index."""
    return base if number is None else f"{base}trang-{number}/"


def news_category(key: str) -> str:
    return f"{NEWS}chuyen-muc/{key}/"


def news_year(year: int) -> str:
    return f"{NEWS}nam/{year}/"


def document_facet(facet: str, value: str) -> str:
    return f"{DOCUMENTS}{FACETS[facet]}/{vn.slugify(value) or 'khac'}/"


def schedule_week(week: str) -> str:
    return f"{SCHEDULE}{week.lower()}/"


def output_file(site_path: str) -> str:
    """The file a site path is written to, relative to the unit's folder."""
    return site_path + "index.html" if site_path == "" or site_path.endswith("/") else site_path


def _link(from_file: str, target: str) -> str:
    """A relative link from a file to a target path (folder targets end in '/'), same namespace.

    Both are normalised relative paths (no ``.`` or ``..`` segments), as every path here is.
    """
    return _link_from_folder(from_file.rpartition("/")[0], target)


def _link_from_folder(folder: str, target: str) -> str:
    """:func:`_link` from a file in ``folder`` ('' for the root): up to the deepest folder the
    target is in, then down."""
    shared, ups, inside = folder, 0, target + "/"
    while shared and not inside.startswith(shared + "/"):
        shared, ups = shared.rpartition("/")[0], ups + 1
    rest = target[len(shared) + 1:] if shared else target
    if rest or target == "" or target.endswith("/"):
        return "../" * ups + rest or "./"
    return "../" * (ups - 1) + ".." if ups else target  # a file named as a folder above


def relative(from_path: str, to_path: str) -> str:
    """A relative link between two site paths of the same site."""
    folder = from_path[:-1] if from_path.endswith("/") else from_path.rpartition("/")[0]
    return _link_from_folder(folder, to_path)


#: A host name label: letters, digits and hyphens, not at either end (punycode for IDN).
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
#: A port from 1 to 65535.
_PORT = r"(?::(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?"
#: What follows the host: nothing, or a path, query or fragment of printable characters with no
#: quote, backslash, space, angle bracket or control character (nothing a server configuration
#: or an HTML attribute would read as the end of the value).
_REST = r"(?:[/?#][^\s\"'\\<>`{}|^\x00-\x1f\x7f-\x9f]*)?"
#: A public address (``base_url``…): http or https, a host name, an optional port, no user name.
#: ``content-schema/common.json`` (``$defs/url``) holds the same pattern.
URL_RE = re.compile(rf"https?://{_LABEL}(?:\.{_LABEL})*{_PORT}{_REST}", re.ASCII)
#: An origin as written into server configuration: ``https://host[:port]``, nothing else.
ORIGIN_RE = re.compile(rf"https?://{_LABEL}(?:\.{_LABEL})*{_PORT}", re.ASCII)


def is_public_url(url: object) -> bool:
    """True for an address a unit may give as its site (``base_url``), its editor's server…:
    ``URL_RE`` whole (a port from 1 to 65535) and a host name of at most 253 characters."""
    if not isinstance(url, str) or not URL_RE.fullmatch(url):
        return False
    host = re.split(r"[:/?#]", url.split("://", 1)[1], maxsplit=1)[0]
    return len(host) <= 253


def is_origin(text: str) -> bool:
    """True for ``scheme://host[:port]`` that is safe to write into a server configuration."""
    return bool(ORIGIN_RE.fullmatch(text)) and is_public_url(text)


def unit_url(base_url: str, unit_path: str, own_base_url: str | None) -> str:
    """The public URL of a unit's home page."""
    if own_base_url:
        return own_base_url.rstrip("/") + "/"
    return base_url.rstrip("/") + "/" + (unit_path + "/" if unit_path else "")


def between_sites(from_unit: str, from_page: str, to_unit: str, to_page: str, *, shared_host: bool,
                  to_url: str) -> str:
    """A link from a page of one unit's site to a page of another's (``to_url``: the target's public home)."""
    if not shared_host:
        return to_url + to_page
    return _link(posixpath.join(from_unit, output_file(from_page)), posixpath.join(to_unit, to_page))
