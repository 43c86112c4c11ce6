"""The English home lists the units below, and English pages show leaders' English positions."""

from __future__ import annotations

import re

from conftest import run
from portal_builder import portal_2025, write

NOW = "2026-11-27"


def _built(tmp_path, edit) -> object:
    portal = portal_2025(tmp_path / "portal")
    edit(portal)
    out = tmp_path / "out"
    assert run("build", str(portal), "-o", str(out), "--now", NOW, "--no-cache").exit_code == 0
    return out


def _name_in_english(portal) -> None:
    unit = portal / "tinh-a/xa-b/unit.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("name: Xã B\n", "name: Xã B\nname_en: B Commune\n"),
                    encoding="utf-8")
    for page in (portal / "tinh-a/phuong-c/pages/en").iterdir():
        page.unlink()


def test_the_english_home_lists_the_units_below_in_english_where_it_can(tmp_path):
    out = _built(tmp_path, _name_in_english)
    home = (out / "tinh-a/en/index.html").read_text(encoding="utf-8")
    units = re.search(r"<h2 id=\"units\">Subordinate units</h2>\s*<ul class=\"pg-links\">(.*?)</ul>", home,
                      re.S).group(1)
    # The English name says it is a commune: no label repeats it.
    assert '<li><a href="../xa-b/en/">B Commune</a></li>' in units
    # A Vietnamese name: the kind of unit in English (a ward, not the level), and the link's language.
    assert ('<a href="../phuong-c/" lang="vi" hreflang="vi">Phường C</a> '
            '<span class="pg-muted">(Ward, in Vietnamese)</span>') in units
    assert "Subordinate units" not in (out / "tinh-a/xa-b/en/index.html").read_text(encoding="utf-8")


def _positions(portal) -> None:
    unit = portal / "tinh-a/unit.yaml"
    text = unit.read_text(encoding="utf-8").replace(
        "    position: Chủ tịch\n", "    position: Chủ tịch\n    position_en: Chairman\n")
    responsible = "responsible:\n  name: Trần Văn Bình\n  position: Chủ tịch\n"
    unit.write_text(text + responsible + "  position_en: Chairman\n", encoding="utf-8")
    child = portal / "tinh-a/xa-b/unit.yaml"
    child.write_text(child.read_text(encoding="utf-8") + responsible, encoding="utf-8")
    write(portal, "tinh-a/xa-b/pages/en/organisation.md", "---\ntitle: Organisation\nkind: organisation\n---\nX.\n")


def test_english_pages_show_the_english_position_or_mark_the_vietnamese_one(tmp_path):
    out = _built(tmp_path, _positions)
    english = (out / "tinh-a/en/organisation/index.html").read_text(encoding="utf-8")
    assert "<p>Chairman</p>" in english and "Chủ tịch" not in english
    assert "<p>Chủ tịch</p>" in (out / "tinh-a/co-cau-to-chuc/index.html").read_text(encoding="utf-8")
    child = (out / "tinh-a/xa-b/en/organisation/index.html").read_text(encoding="utf-8")
    assert '<p lang="vi">Chủ tịch</p>' in child
    assert 'Trần Văn Bình, <span lang="vi">Chủ tịch</span></p>' in child
    assert "Trần Văn Bình, Chairman</p>" in english
    assert "Trần Văn Bình, Chủ tịch</p>" in (out / "tinh-a/xa-b/index.html").read_text(encoding="utf-8")


def test_the_english_home_shows_what_the_unit_publishes_in_vietnamese_marked_so(tmp_path):
    out = _built(tmp_path, lambda portal: None)
    home = (out / "tinh-a/en/index.html").read_text(encoding="utf-8")
    news = re.search(r'<h2 id="news">Latest news \(in Vietnamese\)</h2>(.*?)</section>', home, re.S).group(1)
    assert ('<time datetime="2026-11-25">25 November 2026</time><br><a href="../tin-tuc/hoi-nghi/" lang="vi" '
            'hreflang="vi">Hội nghị triển khai nhiệm vụ tháng 12</a>') in news
    assert '<a class="pg-more" href="../tin-tuc/" hreflang="vi">All news (in Vietnamese)</a>' in news
    documents = re.search(r'<h2 id="documents">Latest legal documents \(in Vietnamese\)</h2>(.*?)</section>', home,
                          re.S).group(1)
    assert ('<a href="../van-ban/qd-15-2026/" lang="vi" hreflang="vi">15/2026/QĐ-UBND</a> · '
            '<time datetime="2026-11-02">2 November 2026</time>') in documents
    assert '<span class="pg-muted" lang="vi">Ban hành quy định thử nghiệm.</span>' in documents
    # Every link of the lists leads to a page of the build.
    for href in re.findall(r'href="(\.\./[^"]+)"', news + documents):
        assert (out / "tinh-a/en" / href / "index.html").resolve().is_file(), href
    procedures = re.search(r'<h2 id="procedures">Administrative procedures</h2>(.*?)</section>', home, re.S).group(1)
    assert "This unit handles 1 administrative procedure." in procedures
    assert '<a href="../thu-tuc-hanh-chinh/" hreflang="vi">List of procedures (in Vietnamese)</a>' in procedures
    assert '<a href="https://dichvucong.gov.vn/" hreflang="vi">National Public Service Portal</a>' in procedures
    contact = re.search(r'<h2 id="contact">Contact</h2>(.*?)</section>', home, re.S).group(1)
    # No English address in unit.yaml: the Vietnamese one, marked so; the phone as dialled from abroad.
    assert '<dt>Address</dt><dd lang="vi">Số 1 đường Lê Lợi</dd>' in contact
    assert '<dd><a href="tel:+842283649535">+84 228 3649 535</a></dd>' in contact
    assert "<h3>Spokesperson</h3>" in contact and '<p lang="vi">Chủ tịch</p>' in contact
    assert '<a class="pg-more" href="contact/">Full contact details</a>' in contact


def _english_address(portal) -> None:
    unit = portal / "tinh-a/unit.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace(
        "  address: Số 1 đường Lê Lợi\n", "  address: Số 1 đường Lê Lợi\n  address_en: 1 Le Loi Street\n"),
        encoding="utf-8")


def test_the_english_home_gives_the_english_address_where_there_is_one(tmp_path):
    home = (_built(tmp_path, _english_address) / "tinh-a/en/index.html").read_text(encoding="utf-8")
    assert "<dt>Address</dt><dd>1 Le Loi Street</dd>" in home and "Lê Lợi" not in home


def test_a_unit_label_repeats_nothing_the_english_name_says():
    from portalgen.units import english_type_label

    assert english_type_label("Nam Dinh Ward", "phuong", "Commune") is None
    assert english_type_label("Giao Minh Commune", "xa", "Commune") is None
    assert english_type_label("Con Dao Special Zone", "dac-khu", "Commune") is None
    assert english_type_label("Con Dao", "dac-khu", "Commune") == "Special zone"
    assert english_type_label(None, "phuong", "Commune") == "Ward"
    assert english_type_label("Wardville", "phuong", "Commune") == "Ward"
    assert english_type_label(None, "unknown", "Commune") == "Commune"
