"""Pages of kind ``other`` are linked from the footer of every Vietnamese page of their site."""

from __future__ import annotations

import re

from conftest import run
from portal_builder import portal_2025, write

NOW = "2026-11-27"

OTHER = "---\ntitle: Quy chế hoạt động\nkind: other\n---\nQuy chế.\n"


def _footer_links(page: str) -> list[tuple[str, str]]:
    more = re.search(r'<nav class="pg-footer__more" aria-labelledby="pg-footer-more">(.*?)</nav>', page, re.S)
    return re.findall(r'<a href="([^"]*)">([^<]*)</a>', more.group(1)) if more else []


def test_a_page_of_kind_other_is_in_the_footer_of_the_vietnamese_pages(tmp_path):
    portal = portal_2025(tmp_path / "portal")
    write(portal, "tinh-a/pages/quy-che.md", OTHER)
    write(portal, "tinh-a/pages/en/rules.md", OTHER.replace("Quy chế hoạt động", "Rules"))
    out = tmp_path / "out"
    assert run("build", str(portal), "-o", str(out), "--now", NOW, "--no-cache").exit_code == 0
    home = (out / "tinh-a/index.html").read_text(encoding="utf-8")
    assert _footer_links(home) == [("quy-che/", "Quy chế hoạt động")]
    assert '<p class="pg-footer__title" id="pg-footer-more">Thông tin khác</p>' in home
    news = (out / "tinh-a/tin-tuc/index.html").read_text(encoding="utf-8")
    assert _footer_links(news) == [("../quy-che/", "Quy chế hoạt động")]
    assert _footer_links((out / "tinh-a/en/index.html").read_text(encoding="utf-8")) == []
    assert _footer_links((out / "tinh-a/xa-b/index.html").read_text(encoding="utf-8")) == []
