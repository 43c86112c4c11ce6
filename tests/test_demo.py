"""The bundled demo portal is a current province as the official list of 1 July 2025 has it, meets every
obligation at the date it is written for, and gives every unit a site linked to its parent and children."""

from __future__ import annotations

import json

from portalgen import units
from portalgen.load import load_portal

from conftest import DEMO, DEMO_NOW, run

#: The one warning the demo keeps on purpose: a signed document published only as a scan.
EXPECTED_WARNINGS = {("ninh-binh/documents/ct-12-2026.yaml", "PDF_NO_TEXT")}


def test_the_demo_is_a_province_of_the_2025_list_with_communes_directly_below():
    portal = load_portal(DEMO).portal
    assert [level.key for level in portal.config.levels] == ["province", "commune"]
    province = next(p for p in units.provinces() if p.code == "37")
    official = {u.code: u for u in (province, *province.units)}
    top, *below = portal.units
    assert (top.unit.code, top.unit.name, top.unit.level) == ("37", province.name, "province")
    assert len(below) >= 5
    for content in below:
        unit = content.unit
        assert unit.parent == top.unit.path and unit.level == "commune", unit.path
        assert (unit.name, unit.type) == (official[unit.code].name, official[unit.code].type), unit.path


def test_the_demo_meets_every_obligation_and_has_no_error():
    report = json.loads(run("check", str(DEMO), "--now", DEMO_NOW, "--format", "json").output)
    problems = report["problems"]
    assert [p for p in problems if p["severity"] == "error"] == []
    assert {(p["file"], p["code"]) for p in problems} == EXPECTED_WARNINGS


def test_every_unit_has_a_site_linked_to_its_parent_and_children(demo):
    portal = load_portal(DEMO).portal
    for content in portal.units:
        home = (demo / content.unit.path / "index.html").read_text(encoding="utf-8")
        for child in portal.units:
            if child.unit.parent == content.unit.path:
                assert f'href="{child.unit.path.rsplit("/", 1)[-1]}/"' in home, (content.unit.path, child.unit.path)
        if content.unit.parent:
            assert 'href="../"' in home, content.unit.path


def test_the_demo_has_a_captioned_video(demo):
    page = (demo / "ninh-binh" / "anh-video" / "ban-tin-thang-11-2026" / "index.html").read_text(encoding="utf-8")
    assert "<video" in page and '<track kind="captions"' in page and 'poster="ban-tin-thang-11-2026.jpg"' in page


def test_the_provinces_english_site_tells_a_visitor_about_the_province_and_where_to_invest(demo):
    english = demo / "ninh-binh" / "en"
    home = (english / "index.html").read_text(encoding="utf-8")
    # The editors' pages first, in their order, then what the province publishes in Vietnamese.
    titles = [home.index(f'href="{slug}/"') for slug in ("about", "investing", "organisation", "contact")]
    assert titles == sorted(titles)
    assert home.index('href="investing/"') < home.index('<h2 id="news">Latest news (in Vietnamese)</h2>')
    assert '<h2 id="documents">Latest legal documents (in Vietnamese)</h2>' in home
    assert "<h3>Spokesperson</h3>" in home and "Chief of Office of the Provincial People&#39;s Committee" in home
    assert '<li><a href="../nam-dinh/en/">Nam Dinh Ward</a></li>' in home and "Ward (Commune)" not in home
    about = (english / "about" / "index.html").read_text(encoding="utf-8")
    assert "<h1>About Ninh Binh</h1>" in about and "World Heritage Site" in about and "202/2025/QH15" in about
    investing = (english / "investing" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Investing in Ninh Binh</h1>" in investing
    assert 'href="../../thu-tuc-hanh-chinh/"' in investing and 'href="https://dichvucong.gov.vn/"' in investing
    assert (demo / "ninh-binh" / "thu-tuc-hanh-chinh" / "index.html").is_file()
