"""Outside judges on the built demo portal: the W3C Nu checker, axe-core in Chromium, links, feeds, sitemaps.

The demo portal is built once per session.  Nu checks every HTML file; axe audits one page of every
template at phone and desktop widths.  The three-level fixture's middle level (a district, its site
and its units below) gets the same judges on its own pages.  Locally the tool-backed tests skip when the tools are
missing; under CI (``CI=true``) they fail instead.
"""

from __future__ import annotations

import pytest

from portalgen.load import load_portal

from conftest import DEMO, THREE_LEVEL
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
    "ninh-binh/", "ninh-binh/tin-tuc/", "ninh-binh/tin-tuc/le-hoi-den-tran-thang-tam/", "ninh-binh/van-ban/",
    "ninh-binh/van-ban/kh-245-2026/", "ninh-binh/thu-tuc-hanh-chinh/", "ninh-binh/hai-hau/thu-tuc-hanh-chinh/",
    "ninh-binh/lich-cong-tac/", "ninh-binh/lay-y-kien/", "ninh-binh/dau-thau/", "ninh-binh/hoi-dap/",
    "ninh-binh/gioi-thieu/", "ninh-binh/co-cau-to-chuc/", "ninh-binh/lien-he/", "ninh-binh/en/",
    "ninh-binh/en/organisation/", "ninh-binh/en/about/", "ninh-binh/en/investing/", "ninh-binh/hai-hau/en/",
    "ninh-binh/don-vi-truc-thuoc/", "ninh-binh/so-do-trang/", "ninh-binh/404.html",
    "ninh-binh/hai-hau/", "ninh-binh/my-loc/", "ninh-binh/tim-kiem/?q=thu+tuc+khai+sinh",
    "ninh-binh/hai-hau/tim-kiem/?q=lua&loai=news", "ninh-binh/bang-theo-doi/",
]
#: The pages of the three-level fixture's middle level: a district's home and its list of units.
DISTRICT_PAGES = ["nam-dinh/my-loc/", "nam-dinh/my-loc/don-vi-truc-thuoc/", "nam-dinh/my-loc/my-tan/"]


def _bases(root) -> dict[str, str]:
    portal = load_portal(root).portal
    mapping = {portal.config.base_url: ""}
    for content in portal.units:
        if content.unit.base_url:
            mapping[content.unit.base_url] = content.unit.path
    return mapping


@pytest.fixture(scope="session")
def bases():
    """Every public address of the demo's sites → its folder in the output."""
    return _bases(DEMO)


def test_every_page_passes_the_nu_html_checker(demo):
    require("vnu", have_vnu())
    errors = vnu_errors(demo)
    assert errors == [], "\n".join(f"{e['file']}:{e.get('line')}: {e['message']}" for e in errors[:30])


def test_no_internal_link_or_asset_is_broken(demo, bases):
    assert broken_links(demo, base_url=bases) == []


def test_no_inline_script_or_style_and_nothing_from_other_hosts(demo, bases):
    assert policy_problems(demo, base_url=bases) == []


def test_feeds_parse(demo):
    assert feed_problems(demo) == []


def test_sitemaps_list_only_existing_pages(demo, bases):
    assert sitemap_problems(demo, bases) == []


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_axe_finds_no_violation_on_any_template(demo, chrome, width):
    require("chromium", have_chromium())
    require("axe-core", have_axe())
    failures = []
    with serve(demo) as base:
        for page in TEMPLATE_PAGES:
            violations = axe_violations(chrome, base + page, width=width)
            if violations:
                failures.append(f"{page} @ {width}px:\n{format_violations(violations)}")
    assert not failures, "\n\n".join(failures)


def test_the_three_level_fixture_has_no_broken_link_and_its_district_pages_pass(three_level, chrome):
    assert broken_links(three_level, base_url=_bases(THREE_LEVEL)) == []
    require("vnu", have_vnu())
    errors = vnu_errors([three_level / page / "index.html" for page in DISTRICT_PAGES])
    assert errors == [], errors
    require("chromium", have_chromium())
    require("axe-core", have_axe())
    with serve(three_level) as base:
        failures = {page: axe_violations(chrome, base + page, width=PHONE) for page in DISTRICT_PAGES}
    assert not any(failures.values()), {page: format_violations(v) for page, v in failures.items() if v}
