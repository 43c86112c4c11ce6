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
    units = re.search(r"<h2>Subordinate units</h2>\s*<ul class=\"pg-list\">(.*?)</ul>", home, re.S).group(1)
    assert '<a href="../xa-b/en/">B Commune</a> <span class="pg-muted">(Commune)</span>' in units
    assert ('<a href="../phuong-c/" lang="vi" hreflang="vi">Phường C</a> '
            '<span class="pg-muted">(Commune, in Vietnamese)</span>') in units
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
