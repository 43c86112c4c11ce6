"""Outside judges on the built demo portal: the W3C Nu checker, axe-core in Chromium, links, feeds, sitemaps.

The three-level fixture portal is built once per session.  Nu checks every HTML file; axe audits one page of every
template at phone and desktop widths.  Locally the tool-backed tests skip when the tools are
missing; under CI (``CI=true``) they fail instead.
"""

from __future__ import annotations

import pytest

from portalgen.load import load_portal

from conftest import THREE_LEVEL
from htmlcheck import (
    axe_violations,
    broken_links,
    feed_problems,
    format_violations,
    have_axe,
    have_chromium,
    have_vnu,
    policy_problems,
    require,
    serve,
    sitemap_problems,
    vnu_errors,
)

NOW = "2026-11-27"
PHONE, DESKTOP = 360, 1280

#: One page of each template (and each kind of unit).
TEMPLATE_PAGES = [
    "nam-dinh/", "nam-dinh/tin-tuc/", "nam-dinh/tin-tuc/le-hoi-den-tran-thang-tam/", "nam-dinh/van-ban/",
    "nam-dinh/van-ban/kh-245-2026/", "nam-dinh/thu-tuc-hanh-chinh/", "nam-dinh/my-loc/my-tan/thu-tuc-hanh-chinh/",
    "nam-dinh/lich-cong-tac/", "nam-dinh/lay-y-kien/", "nam-dinh/dau-thau/", "nam-dinh/hoi-dap/",
    "nam-dinh/gioi-thieu/", "nam-dinh/co-cau-to-chuc/", "nam-dinh/lien-he/", "nam-dinh/en/",
    "nam-dinh/en/organisation/", "nam-dinh/don-vi-truc-thuoc/", "nam-dinh/so-do-trang/", "nam-dinh/404.html",
    "nam-dinh/my-loc/", "nam-dinh/my-loc/my-tan/", "nam-dinh/tim-kiem/?q=thu+tuc+khai+sinh",
    "nam-dinh/my-loc/my-tan/tim-kiem/?q=lua&loai=news", "nam-dinh/bang-theo-doi/",
]


@pytest.fixture(scope="session")
def bases():
    """Every public address of the demo's sites → its folder in the output."""
    portal = load_portal(THREE_LEVEL).portal
    mapping = {portal.config.base_url: ""}
    for content in portal.units:
        if content.unit.base_url:
            mapping[content.unit.base_url] = content.unit.path
    return mapping


def test_every_page_passes_the_nu_html_checker(three_level):
    require("vnu", have_vnu())
    errors = vnu_errors(three_level)
    assert errors == [], "\n".join(f"{e['file']}:{e.get('line')}: {e['message']}" for e in errors[:30])


def test_no_internal_link_or_asset_is_broken(three_level, bases):
    assert broken_links(three_level, base_url=bases) == []


def test_no_inline_script_or_style_and_nothing_from_other_hosts(three_level, bases):
    assert policy_problems(three_level, base_url=bases) == []


def test_feeds_parse(three_level):
    assert feed_problems(three_level) == []


def test_sitemaps_list_only_existing_pages(three_level, bases):
    assert sitemap_problems(three_level, bases) == []


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_axe_finds_no_violation_on_any_template(three_level, chrome, width):
    require("chromium", have_chromium())
    require("axe-core", have_axe())
    failures = []
    with serve(three_level) as base:
        for page in TEMPLATE_PAGES:
            violations = axe_violations(chrome, base + page, width=width)
            if violations:
                failures.append(f"{page} @ {width}px:\n{format_violations(violations)}")
    assert not failures, "\n\n".join(failures)
