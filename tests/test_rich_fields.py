"""Long text fields written as Markdown (a question's answer, a procedure's requirements): they
render with their paragraphs and emphasis, safely, and may not point to the unit's files."""

from __future__ import annotations

import json

from portalgen.rich_fields import render_field

from conftest import run
from portal_builder import PROCEDURE, portal_2025, write

NOW = "2026-11-27"

QUESTION = """\
asked: 2026-10-12
question: Tôi có thể nộp hồ sơ trực tuyến không?
answer: |-
  Ông/bà có thể nộp hồ sơ **trực tuyến**.

  Lệ phí thanh toán trực tuyến.<script>alert(1)</script><img src=x onerror=alert(2)>
answered: 2026-10-19
answered_by: Sở Tư pháp
"""


def test_an_answer_keeps_its_paragraphs_and_bold_and_never_its_script(tmp_path):
    portal = portal_2025(tmp_path / "portal")
    write(portal, "tinh-a/questions/nop-truc-tuyen.yaml", QUESTION.replace("<img src=x onerror=alert(2)>", ""))
    assert run("build", str(portal), "-o", str(tmp_path / "out"), "--now", NOW, "--no-cache").exit_code == 0
    page = (tmp_path / "out/tinh-a/hoi-dap/index.html").read_text(encoding="utf-8")
    assert "<p>Ông/bà có thể nộp hồ sơ <strong>trực tuyến</strong>.</p>\n<p>Lệ phí" in page
    assert "**" not in page and "alert(1)" not in page and "<script>alert" not in page


def test_a_field_is_sanitised_its_headings_go_below_the_item_and_its_ids_are_its_own():
    html = render_field("# Mục\n\n<img src=x onerror=alert(2)> chú thích[^1]\n\n[^1]: Ghi chú.", "cau-1")
    assert "onerror" not in html and "<h1" not in html and "<h2" not in html
    assert '<h3 id="cau-1-muc-muc">Mục</h3>' in html
    ids = [part.split('"', 1)[0] for part in html.split(' id="')[1:]]
    assert ids and all(found.startswith("cau-1-") for found in ids)
    assert all(link.startswith("cau-1-") for link in (part.split('"', 1)[0] for part in html.split(' href="#')[1:]))


def test_a_local_image_or_file_link_in_a_field_is_refused_at_its_line(tmp_path):
    portal = portal_2025(tmp_path / "portal")
    write(portal, "tinh-a/questions/nop-truc-tuyen.yaml",
          QUESTION.replace("<script>alert(1)</script><img src=x onerror=alert(2)>", " ![Mẫu](mau.png)"))
    write(portal, "tinh-a/procedures/khai-tu.yaml", PROCEDURE.replace("1.001193", "1.000656")
          + "requirements: |-\n  Xem [mẫu tờ khai](to-khai.pdf) và [hướng dẫn](https://dichvucong.gov.vn/).\n")
    result = json.loads(run("check", str(portal), "--now", NOW, "--format", "json").output)["problems"]
    found = sorted((p["file"], p["line"], p["field"]) for p in result if p["code"] == "FIELD_LOCAL_FILE")
    assert found == [("tinh-a/procedures/khai-tu.yaml", 9, "requirements"),
                     ("tinh-a/questions/nop-truc-tuyen.yaml", 3, "answer")]


def test_the_build_holds_back_an_answer_pointing_to_a_local_file(tmp_path):
    portal = portal_2025(tmp_path / "portal")
    write(portal, "tinh-a/questions/nop-truc-tuyen.yaml",
          QUESTION.replace("<script>alert(1)</script><img src=x onerror=alert(2)>", ' <img src="mau.png" alt="Mẫu">'))
    result = run("build", str(portal), "-o", str(tmp_path / "out"), "--now", NOW, "--no-cache")
    assert result.exit_code == 4 and "HELD_ITEM_NEW" in result.output and "FIELD_LOCAL_FILE" in result.output
    assert not (tmp_path / "out/tinh-a/hoi-dap/index.html").exists()


def test_a_procedures_requirements_render_as_markdown_below_its_heading(tmp_path):
    portal = portal_2025(tmp_path / "portal")
    write(portal, "tinh-a/procedures/khai-tu.yaml", PROCEDURE.replace("1.001193", "1.000656")
          + "requirements: |-\n  # Điều kiện\n\n  - Người yêu cầu **đủ 18 tuổi**;\n  - Có giấy tờ tùy thân.\n")
    assert run("build", str(portal), "-o", str(tmp_path / "out"), "--now", NOW, "--no-cache").exit_code == 0
    page = (tmp_path / "out/tinh-a/thu-tuc-hanh-chinh/khai-tu/index.html").read_text(encoding="utf-8")
    assert ('<div class="pg-prose"><h3 id="yeu-cau-muc-dieu-kien">Điều kiện</h3>\n<ul>\n'
            '<li>Người yêu cầu <strong>đủ 18 tuổi</strong>;</li>') in page
