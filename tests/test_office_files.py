"""Office attachments: packages that inflate too much or lie about their sizes are refused before
anything parses them (check, build and ``import docx``); a Word file's pictures come from one
conversion; tracked changes, comments and people's names left in a published Word file are reported.

Every package here is written by the test (no real document is committed)."""

from __future__ import annotations

import io
import json
import struct
import time
import tracemalloc
import zipfile

import mammoth
import pytest
from PIL import Image

from conftest import run
from portal_builder import NEWS, portal_2025, write

NOW = "2026-11-27"
FOLDER = "tinh-a/news/2026/hoi-nghi"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DRAWING = ('xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')
_TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          'wordprocessingml.document.main+xml"/></Types>')
_ROOT_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
              f'relationships"><Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/>'
              "</Relationships>")


# --- packages ----------------------------------------------------------------------------------------

def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def docx(body: str, parts: dict[str, bytes | str] | None = None, rels: str = "") -> bytes:
    """A Word package: ``body`` inside ``w:body``, extra ``parts`` by name, extra document relationships."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("word/_rels/document.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://'
                         f'schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        archive.writestr("word/document.xml", f'<?xml version="1.0"?><w:document xmlns:w="{W}" xmlns:r="{R}" '
                                              f"{_DRAWING}><w:body>{body}</w:body></w:document>")
        for name, data in (parts or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def docx_with_pictures(count: int) -> bytes:
    """A Word file with ``count`` distinct small pictures, each described."""
    def png(number: int) -> bytes:
        out = io.BytesIO()
        Image.new("RGB", (8, 6), (number % 256, number // 256, 90)).save(out, "PNG")
        return out.getvalue()

    body = "".join(f'<w:p><w:r><w:drawing><wp:inline><wp:docPr id="{n}" name="Ảnh" descr="Ảnh số {n}"/>'
                   f'<a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="rIdP{n}"/></pic:blipFill>'
                   "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
                   for n in range(1, count + 1))
    rels = "".join(f'<Relationship Id="rIdP{n}" Type="{R}/image" Target="media/anh{n}.png"/>'
                   for n in range(1, count + 1))
    return docx(body, {f"word/media/anh{n}.png": png(n) for n in range(1, count + 1)}, rels)


def with_declared_size(data: bytes, name: str, declared: int) -> bytes:
    """``data`` with the member ``name`` declaring ``declared`` bytes inflated, in its local header and
    in the central directory (its real content and CRC unchanged)."""
    patched, encoded = bytearray(data), name.encode()
    for signature, name_at, size_at in ((b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)):
        at = patched.index(signature)
        while patched[at + name_at:at + name_at + len(encoded)] != encoded:
            at = patched.index(signature, at + 4)
        patched[at + size_at:at + size_at + 4] = struct.pack("<I", declared)
    return bytes(patched)


def lying_docx() -> bytes:
    """A Word file whose ``document.xml`` declares 1,000 bytes and inflates to 60 MB."""
    return with_declared_size(docx(paragraph("x") + "<!--" + " " * 60 * 1024 * 1024 + "-->"), "word/document.xml",
                              1000)


def lying_odt() -> bytes:
    """An OpenDocument text whose ``mimetype`` declares its 39 bytes and inflates to 60 MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text" + " " * 60 * 1024 * 1024)
        archive.writestr("content.xml", "<office:document-content/>")
    return with_declared_size(out.getvalue(), "mimetype", 39)


# --- the portal ----------------------------------------------------------------------------------------

@pytest.fixture
def portal(tmp_path):
    return portal_2025(tmp_path / "portal")


def attach(portal, name: str, data: bytes) -> None:
    """The test news item with one attachment, ``name``, holding ``data``."""
    write(portal, f"{FOLDER}/{name}", data)
    write(portal, f"{FOLDER}/index.md", NEWS.replace(
        "---\nSáng", f"attachments:\n  - file: {name}\n    title: Tệp đính kèm\n---\nSáng"))
    (portal / f"{FOLDER}.md").unlink(missing_ok=True)


def check(portal, *options: str) -> tuple[int, list[dict]]:
    result = run("check", str(portal), "--now", NOW, "--format", "json", *options)
    return result.exit_code, json.loads(result.output)["problems"]


def about(problems: list[dict], name: str) -> list[dict]:
    return [found for found in problems if name in json.dumps(found, ensure_ascii=False)]


# --- packages that inflate too much ------------------------------------------------------------------

def test_check_refuses_a_word_file_whose_text_inflates_past_the_limit_before_parsing_it(portal):
    bomb = docx(paragraph("Thông báo của Ủy ban nhân dân xã.") * (20 * 1024 * 1024 // 80))  # 20 MB of XML
    assert len(bomb) < 200_000
    attach(portal, "thong-bao.docx", bomb)
    started = time.perf_counter()
    status, problems = check(portal)
    assert time.perf_counter() - started < 20  # mammoth would take about 40 s
    [found] = about(problems, "thong-bao.docx")
    assert (found["code"], found["severity"], status) == ("OFFICE_UNPACKS_TOO_LARGE", "error", 1)
    assert found["file"] == f"{FOLDER}/index.md" and found["line"]
    assert found["message"].startswith("Tệp “thong-bao.docx” giải nén ra 18,8 MB dữ liệu, quá mức 16,0 MB")
    assert "đừng đăng" in found["hint"]


def test_check_refuses_any_office_package_that_inflates_past_the_total_limit(portal):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/media/rong.bin", bytes(101 * 1024 * 1024))
    attach(portal, "bang-tinh.xlsx", out.getvalue())
    [found] = about(check(portal, "--lang", "en")[1], "bang-tinh.xlsx")
    assert found["code"] == "OFFICE_UNPACKS_TOO_LARGE"
    assert "\"bang-tinh.xlsx\" unpacks to 101,0 MB, more than the 100,0 MB allowed" in found["message"]


def test_check_refuses_a_part_compressed_like_a_decompression_bomb(portal):
    attach(portal, "bao-cao.docx", docx(paragraph("Báo cáo."), {"word/media/rong.bin": bytes(4 * 1024 * 1024)}))
    [found] = about(check(portal)[1], "bao-cao.docx")
    assert found["code"] == "OFFICE_COMPRESSION_RATIO" and found["severity"] == "error"
    assert "Phần “word/media/rong.bin” trong tệp “bao-cao.docx” bị nén" in found["message"]
    assert "(tối đa 300 lần)" in found["message"]


@pytest.mark.parametrize("name, data", [("bien-ban.docx", lying_docx), ("ke-hoach.odt", lying_odt)])
def test_a_member_inflating_past_its_declared_size_is_never_read_whole(portal, name, data):
    attach(portal, name, data())
    tracemalloc.start()
    try:
        problems = check(portal)[1]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 30 * 1024 * 1024  # reading the member whole takes 60 MB at once
    assert [found["code"] for found in about(problems, name)] in (["FILE_CORRUPT"], ["FILE_TYPE_MISMATCH"])


def test_import_refuses_a_word_file_that_inflates_too_much_naming_it(portal, tmp_path):
    bomb = tmp_path / "bao-cao.docx"
    bomb.write_bytes(docx(paragraph("Báo cáo tổng kết."), {"word/media/rong.bin": bytes(4 * 1024 * 1024)}))
    result = run("import", "docx", str(bomb), "--unit", str(portal / "tinh-a"), "--now", NOW)
    assert result.exit_code == 2
    assert "Phần “word/media/rong.bin” trong tệp “bao-cao.docx” bị nén" in result.output
    assert not list((portal / "tinh-a/news").rglob("bao-cao*"))


def test_import_never_reads_a_lying_member_whole(portal, tmp_path):
    lying = tmp_path / "bien-ban.docx"
    lying.write_bytes(lying_docx())
    tracemalloc.start()
    try:
        result = run("import", "docx", str(lying), "--unit", str(portal / "tinh-a"), "--now", NOW)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.exit_code == 2 and "Tệp Word bị hỏng" in result.output
    assert peak < 30 * 1024 * 1024


# --- one conversion per Word file -------------------------------------------------------------------

def test_a_word_files_pictures_are_published_from_one_conversion(portal, tmp_path, monkeypatch):
    monkeypatch.setenv("PORTALGEN_START_METHOD", "serial")  # every conversion in this process, counted
    conversions = []
    convert = mammoth.convert_to_html
    monkeypatch.setattr(mammoth, "convert_to_html", lambda *a, **k: conversions.append(1) or convert(*a, **k))
    attach(portal, "tap-huan.docx", docx_with_pictures(60))
    result = run("build", str(portal), "-o", str(tmp_path / "out"), "--now", NOW, "--no-cache")
    assert result.exit_code == 0, result.output
    published = sorted((tmp_path / "out/tinh-a/tin-tuc/hoi-nghi").glob("tap-huan-anh-*.png"))
    assert len(published) == 60
    assert all(Image.open(path).size == (8, 6) for path in published)
    assert len(conversions) <= 3  # the HTML (check, build) and the pictures, not one per picture


# --- what a published Word file keeps ---------------------------------------------------------------

_CORE = ('<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
         'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Biên bản</dc:title>'
         "<dc:creator>{creator}</dc:creator><cp:lastModifiedBy>{modifier}</cp:lastModifiedBy></cp:coreProperties>")
_COMMENTS = (f'<?xml version="1.0"?><w:comments xmlns:w="{W}">'
             '<w:comment w:id="0" w:author="Trần Thị Bình"><w:p><w:r><w:t>Bỏ đoạn này?</w:t></w:r></w:p></w:comment>'
             '<w:comment w:id="1" w:author="Lê Văn Cường"><w:p><w:r><w:t>Sai số liệu.</w:t></w:r></w:p></w:comment>'
             "</w:comments>")
_TRACKED = ('<w:p><w:r><w:t>Dự toán năm 2027 là </w:t></w:r><w:del w:id="1" w:author="Trần Thị Bình">'
            '<w:r><w:delText>12 tỷ</w:delText></w:r></w:del><w:ins w:id="2" w:author="Trần Thị Bình">'
            "<w:r><w:t>15 tỷ</w:t></w:r></w:ins><w:r><w:t> đồng.</w:t></w:r></w:p>")


def test_check_warns_of_tracked_changes_comments_and_authors_left_in_a_word_file(portal):
    core = _CORE.format(creator="Nguyễn Văn An", modifier="Admin")
    attach(portal, "bien-ban.docx", docx(_TRACKED, {"word/comments.xml": _COMMENTS, "docProps/core.xml": core}))
    status, problems = check(portal)
    [found] = about(problems, "bien-ban.docx")
    assert (found["code"], found["severity"], status) == ("DOCX_HIDDEN_CONTENT", "warning", 0)
    assert found["file"] == f"{FOLDER}/index.md" and found["line"]
    assert ("Tệp Word “bien-ban.docx” còn giữ thay đổi được theo dõi (Track Changes) chưa chấp nhận; "
            "2 chú thích (Comment); tên người soạn/sửa “Nguyễn Văn An”, “Admin”") in found["message"]
    assert "Chấp nhận Tất cả Thay đổi" in found["hint"] and "Kiểm tra Tài liệu (Inspect Document)" in found["hint"]
    [english] = about(check(portal, "--lang", "en")[1], "bien-ban.docx")
    assert "still holds tracked changes not accepted yet; 2 comment(s); the author names" in english["message"]


@pytest.mark.parametrize("body, parts, said", [
    (_TRACKED, {}, "còn giữ thay đổi được theo dõi (Track Changes) chưa chấp nhận:"),
    (paragraph("Dự toán."), {"word/comments.xml": _COMMENTS}, "còn giữ 2 chú thích (Comment):"),
    (paragraph("Dự toán."), {"docProps/core.xml": _CORE.format(creator="Nguyễn Văn An", modifier="")},
     "còn giữ tên người soạn/sửa “Nguyễn Văn An”:"),
])
def test_the_warning_names_only_what_it_found(portal, body, parts, said):
    attach(portal, "du-toan.docx", docx(body, parts))
    [found] = about(check(portal)[1], "du-toan.docx")
    assert found["code"] == "DOCX_HIDDEN_CONTENT" and said in found["message"]


def test_a_clean_word_file_naming_its_agency_as_author_is_not_reported(portal):
    core = _CORE.format(creator="UBND tỉnh A", modifier="Văn phòng UBND tỉnh A")
    attach(portal, "ke-hoach.docx", docx(paragraph("Kế hoạch năm 2027."), {"docProps/core.xml": core}))
    assert about(check(portal)[1], "ke-hoach.docx") == []


# --- a Word file's name on its page -------------------------------------------------------------------

def test_a_quote_in_a_word_files_name_never_injects_an_attribute_into_its_page(portal, tmp_path):
    name = 'bien-ban"onerror="alert(1)"x.docx'
    write(portal, f"{FOLDER}/{name}", docx_with_pictures(1))
    write(portal, f"{FOLDER}/index.md", NEWS.replace(
        "---\nSáng", f"attachments:\n  - file: '{name}'\n    title: Biên bản\n---\nSáng"))
    (portal / f"{FOLDER}.md").unlink(missing_ok=True)
    result = run("build", str(portal), "-o", str(tmp_path / "out"), "--now", NOW, "--no-cache")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out/tinh-a/tin-tuc/hoi-nghi/index.html").read_text(encoding="utf-8")
    assert "-anh-1.png" in page  # the Word file is shown with its picture
    assert '"onerror="alert' not in page
