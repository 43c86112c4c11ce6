"""Tables in bodies (Markdown or pasted HTML) on a 375 px phone: the table scrolls inside its own
box, the page does not, and the box is reachable by keyboard and named."""

from __future__ import annotations

from pathlib import Path

from conftest import run
from htmlcheck import axe_violations, format_violations, serve
from portal_builder import NEWS, portal_2025, write

NOW = "2026-11-27"
WIDE = "Danh sách hộ được hỗ trợ xây dựng nhà ở theo chương trình xóa nhà tạm, nhà dột nát năm 2026"
BODY = ("\n| STT | Họ và tên | Địa chỉ | Nội dung hỗ trợ | Kinh phí (đồng) |\n|---|---|---|---|---|\n"
        f"| 1 | Nguyễn Văn A | Thôn Đông | {WIDE} | 60.000.000 |\n\n"
        "<table><tr><td>Pasted</td><td>" + "Ủy_ban_nhân_dân_xã_" * 12 + "</td></tr></table>\n")


def test_a_wide_table_scrolls_in_its_own_box_on_a_phone(tmp_path: Path, chrome):
    portal = portal_2025(tmp_path / "portal")
    write(portal, "tinh-a/news/2026/hoi-nghi.md", NEWS + BODY)
    out = tmp_path / "out"
    assert run("build", str(portal), "-o", str(out), "--now", NOW).exit_code == 0
    page = (out / "tinh-a/tin-tuc/hoi-nghi/index.html").read_text(encoding="utf-8")
    assert page.count('<div class="pg-table-wrap" role="region" tabindex="0" aria-label="') == 2
    with serve(out) as base:
        url = base + "tinh-a/tin-tuc/hoi-nghi/"
        violations = axe_violations(chrome, url, width=375)
        assert violations == [], format_violations(violations)
        page_width = chrome.execute_script("return document.documentElement.scrollWidth")
        boxes = chrome.execute_script(
            "return [...document.querySelectorAll('.pg-table-wrap')].map(b => [b.scrollWidth, b.clientWidth])")
    assert page_width <= 375
    assert all(scroll > client for scroll, client in boxes), boxes
