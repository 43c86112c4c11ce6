"""Hostile or odd content found by an outside review: each case gives problems, never a traceback,
never unsafe or wrong output."""

from __future__ import annotations

import io
import json
import os
import zipfile

import pytest
from PIL import Image

from conftest import run
from portal_builder import NEWS, PORTAL_2025, make_pdf, portal_2025, write

NOW = "2026-11-27"


@pytest.fixture
def portal(tmp_path):
    return portal_2025(tmp_path / "portal")


def codes(portal, *extra) -> list[str]:
    result = run("check", str(portal), "--now", NOW, "--format", "json", *extra)
    return [p["code"] for p in json.loads(result.output)["problems"]]


def build(portal, out):
    return run("build", str(portal), "-o", str(out), "--now", NOW, "--no-cache")


def news_with(portal, body: str, front: str = "") -> None:
    text = NEWS.replace("---\nSáng", front + "---\nSáng") + "\n" + body + "\n"
    write(portal, "tinh-a/news/2026/hoi-nghi/index.md", text)
    (portal / "tinh-a/news/2026/hoi-nghi.md").unlink()


def test_a_linked_html_file_is_refused_and_never_replaces_the_page(portal, tmp_path):
    news_with(portal, "[bản in](index.html) [mã](so-do.svg)")
    write(portal, "tinh-a/news/2026/hoi-nghi/index.html", "<script>alert(document.cookie)</script>")
    write(portal, "tinh-a/news/2026/hoi-nghi/so-do.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    assert codes(portal).count("FILE_TYPE_UNSUPPORTED") == 2
    write(portal, "tinh-a/news/2026/hoi-nghi/index.md",
          (portal / "tinh-a/news/2026/hoi-nghi/index.md").read_text(encoding="utf-8").replace(
              "[bản in](index.html) [mã](so-do.svg)", ""))
    assert build(portal, tmp_path / "out").exit_code == 0
    page = (tmp_path / "out/tinh-a/tin-tuc/hoi-nghi/index.html").read_text(encoding="utf-8")
    assert "alert(document.cookie)" not in page and not (tmp_path / "out/tinh-a/tin-tuc/hoi-nghi/so-do.svg").exists()


def test_files_outside_the_portal_are_never_published(portal, tmp_path):
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(make_pdf("bi mat"))
    news_with(portal, "[biên bản](bien-ban.pdf) [mật khẩu](passwd.csv) [nguồn](index.md)")
    os.symlink(secret, portal / "tinh-a/news/2026/hoi-nghi/bien-ban.pdf")
    os.symlink("/etc/passwd", portal / "tinh-a/news/2026/hoi-nghi/passwd.csv")
    found = codes(portal)
    assert "FILE_OUTSIDE_UNIT" in found and found.count("FILE_TYPE_UNSUPPORTED") >= 1
    assert run("build", str(portal), "-o", str(tmp_path / "out"), "--now", NOW).exit_code == 4  # the item is held
    published = [p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert not any(b"bi mat" in data or b"root:" in data for data in published)
    assert not (tmp_path / "out/tinh-a/tin-tuc/hoi-nghi").exists()


def test_data_src_cannot_hide_the_real_image(portal):
    news_with(portal, '<img data-src="anh-that.jpg" src="khong-co.jpg" alt="Ảnh">')
    Image.new("RGB", (8, 8)).save(portal / "tinh-a/news/2026/hoi-nghi/anh-that.jpg")
    assert "FILE_MISSING" in codes(portal)


def test_word_files_with_macros_are_refused(portal):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\0" * 64)
    write(portal, "tinh-a/documents/qd-15-2026.docx", buffer.getvalue())
    text = (portal / "tinh-a/documents/qd-15-2026.yaml").read_text(encoding="utf-8")
    write(portal, "tinh-a/documents/qd-15-2026.yaml", text + "  - file: qd-15-2026.docx\n")
    assert "FILE_TYPE_MISMATCH" in codes(portal)


@pytest.mark.parametrize("front", [
    "tags: [" + "9" * 5000 + "]\n",
    "author: !!int mot-hai\n",
    "featured: !!float 1.2.3\n",
])
def test_odd_numbers_are_problems_not_crashes(portal, front):
    write(portal, "tinh-a/news/2026/hoi-nghi.md", NEWS.replace("author: Văn phòng\n", "").replace(
        "---\nSáng", front + ("" if "author" in front else "author: Văn phòng\n") + "---\nSáng"))
    result = run("check", str(portal), "--now", NOW)
    assert result.exit_code in (0, 1)


def test_dates_at_the_end_of_the_calendar(portal, tmp_path):
    write(portal, "tinh-a/consultations/du-thao.md",
          (portal / "tinh-a/consultations/du-thao.md").read_text(encoding="utf-8").replace("2026-12-10", "9999-12-31"))
    write(portal, "tinh-a/questions/hoi.yaml", "asked: 9999-12-31\nquestion: Hỏi?\n")
    assert "DATE_IN_FUTURE" in codes(portal)
    (portal / "tinh-a/questions/hoi.yaml").unlink()
    assert build(portal, tmp_path / "out").exit_code == 0
    result = run("build", str(portal), "-o", str(tmp_path / "out2"), "--now", "9999-12-31", "--no-cache")
    assert result.exit_code in (0, 1)


def test_broken_pdf_and_word_internals_are_problems(portal):
    stream = b"BT (x) Tj ET"
    pdf = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
           b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]/Contents 4 0 R>>endobj\n"
           + f"4 0 obj<</Length {len(stream)}/Filter/LZWDecodeX>>stream\n".encode() + stream
           + b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    write(portal, "tinh-a/documents/qd-15-2026.pdf", pdf)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document xmlns:w='x'><w:body><w:p>")
    write(portal, "tinh-a/documents/ke-hoach.docx", buffer.getvalue())
    text = (portal / "tinh-a/documents/qd-15-2026.yaml").read_text(encoding="utf-8")
    write(portal, "tinh-a/documents/qd-15-2026.yaml", text + "  - file: ke-hoach.docx\n")
    found = codes(portal)
    assert found.count("FILE_CORRUPT") + found.count("PDF_NO_TEXT") >= 2, found


def test_a_folder_link_loop_is_reported(portal):
    os.symlink(".", portal / "tinh-a/news/2026/lai")
    assert "FILE_UNREADABLE" in codes(portal)


def test_very_long_names_are_problems(portal):
    name = "anh-" + "rat-dai-" * 25 + ".jpg"
    Image.new("RGB", (8, 8)).save(portal / "tinh-a/news/2026" / name)
    assert "FILE_NAME_TOO_LONG" in codes(portal)


def test_an_infinite_limit_is_a_configuration_error(portal):
    write(portal, "portal.yaml", PORTAL_2025 + "limits: {attachment_mb: 1.0e400}\n")
    assert run("check", str(portal), "--now", NOW).exit_code == 2


def test_addresses_cannot_clash(portal):
    write(portal, "tinh-a/pages/tin-tuc.md", "---\ntitle: Tin\nkind: other\n---\n")
    write(portal, "tinh-a/news/2026/trang-2.md", NEWS)
    write(portal, "tinh-a/documents/loai.yaml",
          (portal / "tinh-a/documents/qd-15-2026.yaml").read_text(encoding="utf-8")
          .replace("15/2026", "16/2026").replace("qd-15-2026.pdf", "../documents/qd-15-2026.pdf"))
    found = codes(portal)
    assert found.count("SLUG_RESERVED") == 3, found


def test_issuers_differing_in_case_share_one_list_without_losing_documents(portal, tmp_path):
    doc = (portal / "tinh-a/documents/qd-15-2026.yaml").read_text(encoding="utf-8")
    write(portal, "tinh-a/documents/qd-16-2026.yaml",
          doc.replace("15/2026", "16/2026").replace("issuer: UBND", "issuer: ubnd"))
    write(portal, "tinh-a/documents/qd-16-2026.pdf", make_pdf())
    assert build(portal, tmp_path / "out").exit_code == 0
    page = (tmp_path / "out/tinh-a/van-ban/co-quan/ubnd/index.html").read_text(encoding="utf-8")
    assert "15/2026/QĐ-UBND" in page and "16/2026/QĐ-UBND" in page


def test_links_with_fragments_and_encoded_names_publish_their_files(portal, tmp_path):
    news_with(portal, "[báo cáo](bao-cao.pdf#page=2) ![Ảnh đẹp](<ảnh đẹp.jpg>)")
    write(portal, "tinh-a/news/2026/hoi-nghi/bao-cao.pdf", make_pdf())
    Image.new("RGB", (8, 8)).save(portal / "tinh-a/news/2026/hoi-nghi/ảnh đẹp.jpg")
    assert codes(portal) == []
    assert build(portal, tmp_path / "out").exit_code == 0
    folder = tmp_path / "out/tinh-a/tin-tuc/hoi-nghi"
    assert (folder / "bao-cao.pdf").is_file() and (folder / "ảnh đẹp.jpg").is_file()
    assert 'href="bao-cao.pdf#page=2"' in (folder / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("unit", ["./tinh-a", "tinh-a/../tinh-a", "tinh-a/"])
def test_unit_paths_are_normalised(portal, unit):
    write(portal, "tinh-a/news/2026/hoi-nghi.md", NEWS.replace("date: 2026-11-25", "date: 2026-13-45"))
    result = run("check", str(portal), "--now", NOW, "--unit", unit)
    assert result.exit_code == 1 and "DATE_INVALID" in result.output


def test_editor_ids_cannot_clash_with_the_page(portal, tmp_path):
    news_with(portal, '## Nội dung\n\n<p id="noi-dung">giả</p>')
    assert build(portal, tmp_path / "out").exit_code == 0
    page = (tmp_path / "out/tinh-a/tin-tuc/hoi-nghi/index.html").read_text(encoding="utf-8")
    assert page.count('id="noi-dung"') == 1 and 'id="muc-noi-dung"' in page
