"""Official documents in the layout of Nghị định 30/2020/NĐ-CP (header table, Quốc hiệu, place and
date, type name and trích yếu, articles, signature block): read as metadata by the Word import
(portalgen/importing/official*.py), entered in the document register by ``import docx --as
document`` and ``import pdf`` (portalgen/importing/register.py).

The decrees are written here, in WordprocessingML and in a PDF whose text layer maps its codes to
Unicode, so each test says exactly what the document holds.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from portalgen.importing.docx import convert_docx
from portalgen.importing.official import (
    issuer_and_parent,
    number_of,
    place_and_date,
    position_case,
    read_signature,
    register_case,
    type_of_number,
)
from portalgen.importing.official_pdf import page_lines, read_official
from portalgen.importing.register import entry_slug, issuer_name

from conftest import run
from portal_builder import PDF, portal_2025

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
         'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
ROOT_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
             f'relationships"><Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/>'
             "</Relationships>")


# --- writing decrees -----------------------------------------------------------------------------------

def p(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:p><w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def table(*rows: list[list[str]]) -> str:
    cells = ("<w:tr>" + "".join("<w:tc>" + "".join(p(line, bold=line.isupper()) for line in cell) + "</w:tc>"
                                for cell in row) + "</w:tr>" for row in rows)
    return "<w:tbl>" + "".join(cells) + "</w:tbl>"


STYLES = (f'<?xml version="1.0"?><w:styles xmlns:w="{W}">'
          + "".join(f'<w:style w:type="paragraph" w:styleId="Heading{n}"><w:name w:val="heading {n}"/></w:style>'
                    for n in (1, 2, 4)) + "</w:styles>")
DOCUMENT_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                 f'relationships"><Relationship Id="rId9" Type="{R}/styles" Target="styles.xml"/></Relationships>')


def heading(text: str, level: int) -> str:
    return (f'<w:p><w:pPr><w:pStyle w:val="Heading{level}"/></w:pPr><w:r><w:t xml:space="preserve">{escape(text)}'
            "</w:t></w:r></w:p>")


def docx(body: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        archive.writestr("word/styles.xml", STYLES)
        archive.writestr("word/document.xml", f'<?xml version="1.0"?><w:document xmlns:w="{W}" xmlns:r="{R}">'
                                              f"<w:body>{body}</w:body></w:document>")
    return out.getvalue()


HEADER = [["ỦY BAN NHÂN DÂN", "XÃ B", "_______", "Số: 31/2026/QĐ-UBND"],
          ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "________________",
           "Xã B, ngày 16 tháng 11 năm 2026"]]
ARTICLES = ["CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ B", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
            "Theo đề nghị của Văn phòng Ủy ban nhân dân xã.", "QUYẾT ĐỊNH:",
            "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Ủy ban nhân dân xã B.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
            "Điều 3. Văn phòng Ủy ban nhân dân xã và các cơ quan liên quan chịu trách nhiệm thi hành Quyết định này."]
SIGNATURE = [["Nơi nhận:", "- Như Điều 3;", "- UBND tỉnh A;", "- Lưu: VT."],
             ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "(Đã ký)", "", "Nguyễn Văn Bình"]]


def decision(header: list[list[str]] = HEADER, signature: list[list[str]] = SIGNATURE) -> bytes:
    """A decision of a commune's People's Committee in the official layout."""
    body = table(header) + p("QUYẾT ĐỊNH", bold=True)
    body += p("Về việc ban hành Quy chế làm việc của Ủy ban nhân dân xã B", bold=True) + p("___________")
    body += "".join(p(line, bold=line.isupper()) for line in ARTICLES) + table(signature)
    return docx(body)


def government_decree() -> bytes:
    """A decree of the Government: the header table in two rows, a multi-line trích yếu, the signature
    block without a recipients column."""
    header = table([["CHÍNH PHỦ", "_______"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]],
                   [["Số: 42/2026/NĐ-CP"], ["Hà Nội, ngày 05 tháng 01 năm 2026"]])
    body = header + p("NGHỊ ĐỊNH", bold=True) + p("Quy định về việc cung cấp thông tin và dịch vụ công", bold=True)
    body += p("trực tuyến của cơ quan nhà nước", bold=True) + p("_________")
    body += p("Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;") + p("Chính phủ ban hành Nghị định.")
    body += p("Chương I", bold=True) + p("Điều 1. Phạm vi điều chỉnh") + p("Nghị định này quy định việc cung cấp.")
    body += table([["TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "", "Trần Hồng Hà"]])
    return docx(body)


def text_pdf(lines: list[tuple[int, int, str]]) -> bytes:
    """A one-page A4 PDF with ``(x, y, text)`` lines as real text: each character has a one-byte code
    that the font's ToUnicode map turns back into its Unicode character."""
    chars = sorted({c for _, _, text in lines for c in text} - {" "})
    codes = {" ": 32, **{c: 33 + i for i, c in enumerate(chars)}}
    assert len(codes) < 220
    ops = "".join(f"BT /F1 11 Tf {x} {y} Td <{''.join(f'{codes[c]:02X}' for c in text)}> Tj ET\n"
                  for x, y, text in lines)
    pairs = "".join(f"<{code:02X}> <{ord(c):04X}>\n" for c, code in sorted(codes.items(), key=lambda kv: kv[1]))
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /U def 1 begincodespacerange "
            f"<00> <FF> endcodespacerange\n{len(codes)} beginbfchar\n{pairs}endbfchar endcmap "
            "CMapName currentdict /CMap defineresource pop end end")
    objects = ["<</Type/Catalog/Pages 2 0 R>>", "<</Type/Pages/Kids[3 0 R]/Count 1>>",
               "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>",
               f"<</Length {len(ops.encode())}>>stream\n{ops}endstream",
               "<</Type/Font/Subtype/Type1/BaseFont/Times-Roman/FirstChar 0/LastChar 255/Widths["
               + " ".join(["500"] * 256) + "]/ToUnicode 6 0 R>>",
               f"<</Length {len(cmap.encode())}>>stream\n{cmap}\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


PDF_DECISION = [
    (90, 800, "ỦY BAN NHÂN DÂN"), (320, 800, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    (110, 786, "XÃ B"), (350, 786, "Độc lập - Tự do - Hạnh phúc"),
    (95, 772, "_______"), (360, 772, "________________"),
    (80, 756, "Số: 27/KH-UBND"), (350, 756, "Xã B, ngày 2 tháng 12 năm 2026"),
    (260, 720, "KẾ HOẠCH"), (140, 706, "Điều chỉnh các hoạt động chào mừng kỷ niệm ngày thành lập"),
    (230, 692, "xã B năm 2026"), (270, 680, "_________"),
    (70, 650, "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, Ủy ban nhân dân xã ban hành Kế hoạch."),
    (70, 630, "I. MỤC ĐÍCH, YÊU CẦU"), (70, 610, "1. Tuyên truyền sâu rộng trong nhân dân."),
    (70, 500, "Nơi nhận:"), (330, 500, "TM. ỦY BAN NHÂN DÂN"), (70, 488, "- Thường trực Đảng ủy;"),
    (360, 488, "CHỦ TỊCH"), (70, 476, "- Lưu: VT."), (360, 440, "(Đã ký)"), (340, 410, "Lê Thị Hoa")]


@pytest.fixture
def portal(tmp_path):
    return portal_2025(tmp_path / "portal")


# --- the official layout, line by line -------------------------------------------------------------------

def test_lines_of_the_header_are_read_by_their_form():
    assert number_of("Số: 15/2026/QĐ-UBND") == "15/2026/QĐ-UBND"
    assert number_of("SỐ : 123 / UBND - VP") == "123/UBND-VP"
    assert number_of("Số:      /2026/QĐ-UBND") == ""  # left blank in a draft: not read
    assert number_of("Số lượng cán bộ") is None
    assert type_of_number("15/2026/QĐ-UBND") == "Quyết định" and type_of_number("42/2026/NĐ-CP") == "Nghị định"
    assert type_of_number("03/2026/TTLT-BTC-BNV") == "Thông tư liên tịch"
    assert type_of_number("9/QD-UBND") == "Quyết định"
    assert type_of_number("123/UBND-VP") == "" and type_of_number("7/HD-UBND") == "Hướng dẫn"
    assert place_and_date("Hà Nội, ngày 05 tháng 01 năm 2026") == ("Hà Nội", dt.date(2026, 1, 5))
    assert place_and_date("Xã B, ngày 31 tháng 02 năm 2026") == ("Xã B", None)
    assert place_and_date("Xã B, ngày    tháng    năm 2026") is None


def test_names_in_capitals_are_written_as_the_register_writes_them():
    assert issuer_and_parent(["ỦY BAN NHÂN DÂN", "XÃ MỸ TÂN"]) == ("Ủy ban nhân dân xã Mỹ Tân", "")
    assert issuer_and_parent(["UBND TỈNH NAM ĐỊNH", "SỞ TÀI CHÍNH"]) == ("Sở Tài chính", "UBND tỉnh Nam Định")
    assert issuer_and_parent(["BỘ TÀI CHÍNH", "TỔNG CỤC THUẾ"]) == ("Tổng cục Thuế", "Bộ Tài chính")
    assert register_case("THỦ TƯỚNG CHÍNH PHỦ") == "Thủ tướng Chính phủ"
    assert position_case("KT. CHỦ TỊCH") == "Chủ tịch" and position_case("PHÓ CHỦ TỊCH") == "Phó Chủ tịch"
    assert issuer_name("UBND XÃ B", "Ủy ban nhân dân xã B") == "Ủy ban nhân dân xã B"
    assert issuer_name("Sở Tài chính", "Ủy ban nhân dân xã B") == "Sở Tài chính"


def test_the_signature_is_the_last_position_line_and_the_name():
    signed = read_signature(SIGNATURE[1])
    assert (signed.position, signed.signer) == ("Phó Chủ tịch", "Nguyễn Văn Bình")
    assert read_signature(["Nơi nhận:", "- Lưu: VT."]).signer == ""
    signed = read_signature(["BỘ TRƯỞNG", "Đại tướng Lương Văn Nam"])
    assert (signed.position, signed.signer) == ("Bộ trưởng", "Lương Văn Nam")
    assert read_signature(["GIÁM ĐỐC", "PGS.TS. Trần Thị Lan"]).signer == "Trần Thị Lan"


def test_register_names_follow_symbol_number_and_year():
    assert entry_slug({"number": "15/2026/QĐ-UBND"}) == "qd-15-2026"
    assert entry_slug({"number": "215/QĐ-UBND", "issue_date": "2026-11-16"}) == "qd-215-2026"
    assert entry_slug({"number": "123/UBND-VP", "type": "Công văn", "issue_date": "2026-03-01"}) == "ubnd-123-2026"
    assert entry_slug({"summary": "Về việc tổ chức Tết"}) == "ve-viec-to-chuc-tet"
    assert entry_slug({}) == "van-ban"


# --- a Word decree as a page ----------------------------------------------------------------------------

def test_the_header_becomes_metadata_and_the_body_starts_at_the_first_real_paragraph():
    imported = convert_docx(decision())
    official = imported.official
    assert official is not None
    assert (official.issuer, official.number, official.type, official.place, official.issue_date) == (
        "Ủy ban nhân dân xã B", "31/2026/QĐ-UBND", "Quyết định", "Xã B", dt.date(2026, 11, 16))
    assert official.summary == "Về việc ban hành Quy chế làm việc của Ủy ban nhân dân xã B"
    assert (official.signer, official.signer_position, official.recipients) == ("Nguyễn Văn Bình", "Phó Chủ tịch", True)
    assert imported.title == "Quyết định số 31/2026/QĐ-UBND về việc ban hành Quy chế làm việc của Ủy ban nhân dân xã B"
    assert imported.summary == official.summary
    body = imported.markdown
    assert body.startswith("**CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ B**\n\nCăn cứ Luật Tổ chức")
    for gone in ("CỘNG HÒA", "Độc lập", "Số:", "ngày 16 tháng 11", "___", "Nơi nhận", "Lưu: VT", "(Đã ký)", "|", "#"):
        assert gone not in body
    assert body.endswith("**TM. ỦY BAN NHÂN DÂN**\\\n**KT. CHỦ TỊCH**\\\n**PHÓ CHỦ TỊCH**\\\n**Nguyễn Văn Bình**\n")
    assert [n.code for n in imported.warnings] == ["OFFICIAL_HEADER", "RECIPIENTS_LEFT_OUT"]


def test_a_decree_imported_as_a_page_checks_and_builds_without_its_header(portal, tmp_path):
    source = tmp_path / "qd.docx"
    source.write_bytes(decision())
    result = run("import", "docx", str(source), "--unit", str(portal / "tinh-a/xa-b"), "--as", "page",
                 "--slug", "quy-che-lam-viec", "--now", "2026-11-27")
    assert result.exit_code == 0, result.output
    page = portal / "tinh-a/xa-b/pages/quy-che-lam-viec.md"
    page.write_text(page.read_text(encoding="utf-8").replace("\n---\n", "\nkind: other\n---\n", 1), encoding="utf-8")
    checked = run("check", str(portal), "--unit", "tinh-a/xa-b", "--now", "2026-11-27", "--format", "json")
    assert not [p for p in _problems(checked.output) if p.get("file", "").endswith("quy-che-lam-viec.md")]
    out = tmp_path / "public"
    assert run("build", str(portal), "-o", str(out), "--now", "2026-11-27", "--no-cache").exit_code == 0
    html = next(out.rglob("quy-che-lam-viec/index.html")).read_text(encoding="utf-8")
    assert "Quyết định số 31/2026/QĐ-UBND về việc ban hành Quy chế làm việc" in html
    assert "Điều 1. Ban hành kèm theo Quyết định này" in html and "Nguyễn Văn Bình" in html
    for gone in ("CỘNG HÒA", "Độc lập - Tự do", "Số: 31", "___", "Nơi nhận", "Lưu: VT", "<table"):
        assert gone not in html


def test_a_decree_with_its_header_in_two_rows_and_a_two_line_summary():
    official = convert_docx(government_decree()).official
    assert official is not None
    assert (official.issuer, official.number, official.type, official.place, official.issue_date) == (
        "Chính phủ", "42/2026/NĐ-CP", "Nghị định", "Hà Nội", dt.date(2026, 1, 5))
    assert official.summary == "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước"
    assert (official.signer, official.signer_position, official.recipients) == ("Trần Hồng Hà", "Phó Thủ tướng", False)
    body = convert_docx(government_decree()).markdown
    assert body.startswith("Căn cứ Luật Tổ chức Chính phủ") and "___" not in body and "NGHỊ ĐỊNH" not in body


@pytest.mark.parametrize("signature", [
    p("TM. ỦY BAN NHÂN DÂN") + p("CHỦ TỊCH") + p("(Đã ký)") + p("Nguyễn Văn An") + p("Nơi nhận:")
    + p("- Như Điều 2;") + p("- Lưu: VT."),
    "<w:p><w:r><w:t>Nơi nhận:</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>TM. ỦY BAN NHÂN DÂN</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>- Lưu: VT.</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>CHỦ TỊCH</w:t></w:r></w:p>"
    + p("Nguyễn Văn An"),
], ids=["paragraphs", "tab-stops"])
def test_a_signature_block_written_as_paragraphs(signature):
    body = table(HEADER) + p("QUYẾT ĐỊNH") + p("Về việc ban hành Quy chế") + p("______")
    imported = convert_docx(docx(body + p("Điều 1. Ban hành Quy chế.") + p("Điều 2. Hiệu lực từ ngày ký.") + signature))
    official = imported.official
    assert official is not None
    assert (official.signer, official.signer_position, official.recipients) == ("Nguyễn Văn An", "Chủ tịch", True)
    assert imported.markdown.endswith("Hiệu lực từ ngày ký.\n\n**TM. ỦY BAN NHÂN DÂN**\\\n**CHỦ TỊCH**\\\n"
                                      "**Nguyễn Văn An**\n")


def test_a_header_written_as_paragraphs():
    lines = ["ỦY BAN NHÂN DÂN XÃ B", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
             "Số: 12/TB-UBND", "Xã B, ngày 3 tháng 12 năm 2026", "THÔNG BÁO", "Kết luận của Chủ tịch tại cuộc họp",
             "Ngày 2/12, Chủ tịch chủ trì cuộc họp."]
    imported = convert_docx(docx("".join(p(line) for line in lines)))
    official = imported.official
    assert official is not None
    assert (official.issuer, official.number, official.type, official.issue_date, official.summary) == (
        "Ủy ban nhân dân xã B", "12/TB-UBND", "Thông báo", dt.date(2026, 12, 3), "Kết luận của Chủ tịch tại cuộc họp")
    assert imported.markdown == "Ngày 2/12, Chủ tịch chủ trì cuộc họp.\n"


def test_a_header_table_typed_with_heading_styles_is_no_heading_of_the_body():
    """Headers typed with Word's heading styles once came out as ``## CHÍNH PHỦ`` and ``#### CỘNG HÒA…``
    inside a table, with the rule line as the summary."""
    cells = ("<w:tc>" + heading("CHÍNH PHỦ", 2) + p("_______") + p("Số: 42/2026/NĐ-CP") + "</w:tc><w:tc>"
             + heading("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 4) + heading("Độc lập - Tự do - Hạnh phúc", 4)
             + p("__________") + p("Hà Nội, ngày 5 tháng 1 năm 2026") + "</w:tc>")
    body = f"<w:tbl><w:tr>{cells}</w:tr></w:tbl>" + heading("NGHỊ ĐỊNH", 1) + p("Quy định về cổng thông tin")
    body += p("______") + p("Căn cứ Luật Tổ chức Chính phủ;") + heading("Chương I", 2) + p("Điều 1. Phạm vi")
    imported = convert_docx(docx(body))
    assert imported.official is not None and imported.official.issuer == "Chính phủ"
    assert (imported.title, imported.summary) == ("Nghị định số 42/2026/NĐ-CP quy định về cổng thông tin",
                                                  "Quy định về cổng thông tin")
    assert imported.markdown == "Căn cứ Luật Tổ chức Chính phủ;\n\n## Chương I\n\nĐiều 1. Phạm vi\n"


def test_a_document_without_the_official_header_is_imported_as_before():
    imported = convert_docx(docx(p("Hội nghị tổng kết", bold=True) + p("Sáng nay, xã tổ chức hội nghị.")))
    assert imported.official is None and imported.title == "Hội nghị tổng kết"


def test_a_rule_line_is_never_the_summary():
    header = [["ỦY BAN NHÂN DÂN", "XÃ B", "_______", "Số: 31/2026/QĐ-UBND"],
              ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "________________"]]
    body = table(header) + p("Xã B, ngày 16 tháng 11 năm 2026") + p("__________") + p("THÔNG BÁO", bold=True)
    body += p("Lịch tiếp công dân tháng 12") + p("Ủy ban nhân dân xã thông báo lịch tiếp công dân.")
    imported = convert_docx(docx(body))
    assert imported.official is not None and imported.official.issue_date == dt.date(2026, 11, 16)
    assert imported.summary == "Lịch tiếp công dân tháng 12" and "_" not in imported.markdown
    assert imported.markdown == "Ủy ban nhân dân xã thông báo lịch tiếp công dân.\n"


def test_a_form_under_the_quoc_hieu_has_its_own_title_and_no_issuer():
    body = p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True) + p("Độc lập – Tự do – Hạnh phúc") + p("__________")
    body += p("…………, ngày …. tháng …. năm ……") + p("ĐƠN ĐỀ NGHỊ CẤP GIẤY PHÉP", bold=True)
    body += p("__________") + p("Kính gửi: Ủy ban nhân dân xã B.") + p("Tôi tên là: ……")
    imported = convert_docx(docx(body))
    assert imported.official is None
    assert (imported.title, imported.summary) == ("ĐƠN ĐỀ NGHỊ CẤP GIẤY PHÉP", "Kính gửi: Ủy ban nhân dân xã B.")
    assert "CỘNG HÒA" not in imported.markdown and "_" not in imported.markdown


# --- the register entry ---------------------------------------------------------------------------------

def test_import_docx_as_document_writes_a_clean_entry_that_checks_and_builds(portal, tmp_path):
    source = tmp_path / "Quyet dinh 15.docx"
    source.write_bytes(decision())
    result = run("import", "docx", str(source), "--unit", str(portal / "tinh-a/xa-b"), "--as", "document")
    assert result.exit_code == 0, result.output
    entry = portal / "tinh-a/xa-b/documents/qd-31-2026.yaml"
    assert (portal / "tinh-a/xa-b/documents/qd-31-2026.docx").read_bytes() == source.read_bytes()
    assert entry.read_text(encoding="utf-8") == (
        "number: 31/2026/QĐ-UBND\ntype: Quyết định\nissuer: Ủy ban nhân dân Xã B\nissue_date: 2026-11-16\n"
        "summary: Về việc ban hành Quy chế làm việc của Ủy ban nhân dân xã B\nsigner: Nguyễn Văn Bình\n"
        "signer_position: Phó Chủ tịch\nfiles:\n  - file: qd-31-2026.docx\n"
        "    title: Toàn văn quyết định số 31/2026/QĐ-UBND\n")
    assert "Bước tiếp theo: xem lại tệp trên" in result.output and "Traceback" not in result.output
    checked = run("check", str(portal), "--unit", "tinh-a/xa-b", "--now", "2026-11-27", "--format", "json")
    assert not [p for p in _problems(checked.output) if p.get("file", "").endswith("qd-31-2026.yaml")]
    out = tmp_path / "public"
    built = run("build", str(portal), "-o", str(out), "--now", "2026-11-27", "--no-cache")
    assert built.exit_code == 0, built.output
    page = next(out.rglob("van-ban/qd-31-2026/index.html")).read_text(encoding="utf-8")
    for shown in ("31/2026/QĐ-UBND", "Quyết định", "Ủy ban nhân dân xã B", "16/11/2026",
                  "Về việc ban hành Quy chế làm việc", "Nguyễn Văn Bình", "qd-31-2026.docx"):
        assert shown in page


def _problems(output: str) -> list[dict]:
    import json

    data = json.loads(output)
    return [p for unit in data.get("units", []) for p in unit.get("problems", [])] + data.get("problems", [])


def test_what_could_not_be_read_is_left_out_and_listed_as_fields_to_fill(portal, tmp_path):
    header = [["ỦY BAN NHÂN DÂN", "XÃ B", "_______", "Số:      /UBND-VP", "V/v tổ chức Tết Nguyên đán"],
              ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "________________",
               "Xã B, ngày     tháng     năm 2026"]]
    source = tmp_path / "cong-van.docx"
    source.write_bytes(docx(table(header) + p("Kính gửi: các thôn.") + p("Ủy ban nhân dân xã đề nghị…")))
    for lang, said in (("vi", "Chưa đọc được, cần thêm vào tệp trên: number (số, ký hiệu), issue_date (ngày ban "
                                "hành), signer (người ký), signer_position (chức vụ người ký)."),
                       ("en", "Fields to fill (they could not be read), to add to the file above: number, "
                              "issue_date, signer, signer_position.")):
        result = run("import", "docx", str(source), "--unit", str(portal / "tinh-a/xa-b"), "--as", "document",
                     "--slug", f"cong-van-tet-{lang}", "--lang", lang)
        assert result.exit_code == 0, result.output
        assert said in result.output
    text = (portal / "tinh-a/xa-b/documents/cong-van-tet-vi.yaml").read_text(encoding="utf-8")
    assert "type: Công văn\nissuer: Ủy ban nhân dân Xã B\nsummary: Về việc tổ chức Tết Nguyên đán\n" in text
    assert "number" not in text and "issue_date" not in text
    checked = run("check", str(portal), "--unit", "tinh-a/xa-b", "--now", "2026-11-27", "--format", "json")
    mine = [(p["code"], p.get("field")) for p in _problems(checked.output)
            if p.get("file", "").endswith("cong-van-tet-vi.yaml")]
    assert sorted(mine) == [("FIELD_MISSING", "issue_date"), ("FIELD_MISSING", "number")]


def test_a_word_file_without_an_official_header_says_so(portal, tmp_path):
    source = tmp_path / "bai.docx"
    source.write_bytes(docx(p("Hội nghị tổng kết") + p("Sáng nay.")))
    result = run("import", "docx", str(source), "--unit", str(portal / "tinh-a/xa-b"), "--as", "document")
    assert result.exit_code == 0, result.output
    assert "Không nhận ra phần đầu văn bản hành chính" in result.output
    assert (portal / "tinh-a/xa-b/documents/hoi-nghi-tong-ket.yaml").is_file() is False
    assert (portal / "tinh-a/xa-b/documents/van-ban.yaml").is_file()


def test_nothing_is_overwritten(portal, tmp_path):
    source = tmp_path / "qd.docx"
    source.write_bytes(decision())
    unit = portal / "tinh-a/xa-b"
    assert run("import", "docx", str(source), "--unit", str(unit), "--as", "document").exit_code == 0
    again = run("import", "docx", str(source), "--unit", str(unit), "--as", "document")
    assert again.exit_code == 0 and (unit / "documents/qd-31-2026-2.yaml").is_file()
    taken = run("import", "docx", str(source), "--unit", str(unit), "--as", "document", "--slug", "qd-31-2026")
    assert taken.exit_code == 2 and "đã được dùng" in taken.output


# --- a PDF decree ---------------------------------------------------------------------------------------

def test_a_pdf_with_a_text_layer_is_read_from_its_laid_out_lines():
    official = read_official(page_lines(text_pdf(PDF_DECISION), "kh.pdf"))
    assert official is not None
    assert (official.issuer, official.number, official.type, official.place, official.issue_date) == (
        "Ủy ban nhân dân xã B", "27/KH-UBND", "Kế hoạch", "Xã B", dt.date(2026, 12, 2))
    assert official.summary == "Điều chỉnh các hoạt động chào mừng kỷ niệm ngày thành lập xã B năm 2026"
    assert (official.signer, official.signer_position, official.recipients) == ("Lê Thị Hoa", "Chủ tịch", True)


def test_a_gazette_page_with_its_labels_a_split_number_and_no_recipients():
    """As the Official Gazette prints a resolution: its own labels and the agency's name again above
    the header, the parts of the number and of the date drawn apart, the trích yếu ended by a blank
    line, the signature alone and without TM. or KT. after the text's last line (``./.``)."""
    lines = [(150, 810, "CÔNG BÁO/Số 755 + 756/Ngày 17-6-2025"), (120, 790, "VĂN BẢN QUY PHẠM PHÁP LUẬT"),
             (45, 770, "ỦY BAN THƯỜNG VỤ QUỐC HỘI"), (40, 750, "ỦY BAN THƯỜNG VỤ QUỐC HỘI"),
             (320, 750, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), (350, 738, "Độc lập - Tự do - Hạnh phúc"),
             (40, 726, "Nghị quyết số: 78"), (160, 726, "/2025"), (230, 726, "/UBTVQH15"),
             (330, 712, "Hà Nội, ngày 10"), (460, 712, "tháng 6 năm 2025"), (260, 690, "NGHỊ QUYẾT"),
             (120, 678, "Về việc ghi nhận thời gian đóng bảo hiểm xã hội bắt buộc"),
             (150, 666, "của chủ hộ kinh doanh"), (70, 630, "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa;"),
             (70, 610, "Điều 1. Phạm vi điều chỉnh"), (70, 590, "Nghị quyết có hiệu lực từ ngày ký./."),
             (360, 560, "CHỦ TỊCH"), (340, 530, "Đại tướng Trần Văn Minh")]
    official = read_official(page_lines(text_pdf(lines), "nq.pdf"))
    assert official is not None
    assert (official.issuer, official.parent, official.number, official.type, official.issue_date) == (
        "Ủy ban thường vụ Quốc hội", "", "78/2025/UBTVQH15", "Nghị quyết", dt.date(2025, 6, 10))
    assert official.summary == "Về việc ghi nhận thời gian đóng bảo hiểm xã hội bắt buộc của chủ hộ kinh doanh"
    assert (official.signer, official.signer_position, official.recipients) == ("Trần Văn Minh", "Chủ tịch", False)


def test_pieces_of_a_laid_out_line_drawn_apart_are_joined():
    from portalgen.importing.official_pdf import _cells

    line = "THỦ TƯỚNG CHÍNH PH     Ủ    CỘNG HÒA XÃ HỘI    Số: 7     /2026     /QĐ-TTg    Hà Nội, ngày 5     tháng 5"
    assert [cell for _, cell in _cells(line)] == ["THỦ TƯỚNG CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI", "Số: 7/2026/QĐ-TTg",
                                                  "Hà Nội, ngày 5 tháng 5"]


def test_import_pdf_enters_the_document_with_the_pdf_beside_it(portal, tmp_path):
    source = tmp_path / "ke-hoach.pdf"
    source.write_bytes(text_pdf(PDF_DECISION))
    result = run("import", "pdf", str(source), "--unit", str(portal / "tinh-a/xa-b"), "--lang", "en")
    assert result.exit_code == 0, result.output
    entry = portal / "tinh-a/xa-b/documents/kh-27-2026.yaml"
    assert "Entered \"ke-hoach.pdf\" in the document register:" in result.output
    assert "  issue_date: 2026-12-02\n" in result.output and "Next: review the file above" in result.output
    assert re.search(r"^summary: Điều chỉnh các hoạt động .* năm 2026$", entry.read_text(encoding="utf-8"), re.M)
    assert (entry.parent / "kh-27-2026.pdf").read_bytes() == source.read_bytes()
    checked = run("check", str(portal), "--unit", "tinh-a/xa-b", "--now", "2026-12-05", "--format", "json")
    assert not [p for p in _problems(checked.output) if p.get("file", "").endswith("kh-27-2026.yaml")]


def test_a_pdf_without_an_official_header_says_so(portal, tmp_path):
    source = tmp_path / "van-ban.pdf"
    source.write_bytes(PDF)
    result = run("import", "pdf", str(source), "--unit", str(portal / "tinh-a/xa-b"))
    assert result.exit_code == 0 and "Không nhận ra phần đầu văn bản hành chính" in result.output


@pytest.mark.parametrize("content, message", [
    (b"%PDF-1.4\n%broken", "bị hỏng hoặc có mật khẩu"),
    (b"PK\x03\x04 not a pdf", "không phải tệp PDF"),
])
def test_a_pdf_that_cannot_be_read_exits_2(portal, tmp_path, content, message):
    source = tmp_path / "van-ban.pdf"
    source.write_bytes(content)
    result = run("import", "pdf", str(source), "--unit", str(portal / "tinh-a/xa-b"))
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert not list((portal / "tinh-a/xa-b").glob("documents/van-ban*"))


def test_a_pdf_too_large_or_a_folder_exits_2(portal, tmp_path, monkeypatch):
    from portalgen.importing import official_pdf

    source = tmp_path / "lon.pdf"
    source.write_bytes(text_pdf(PDF_DECISION))
    monkeypatch.setattr(official_pdf, "MAX_PDF_BYTES", 1000)
    result = run("import", "pdf", str(source), "--unit", str(portal / "tinh-a/xa-b"))
    assert result.exit_code == 2 and "quá lớn" in result.output
    result = run("import", "pdf", str(tmp_path), "--unit", str(portal / "tinh-a/xa-b"), "--lang", "en")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert not (portal / "tinh-a/xa-b/documents/kh-27-2026.yaml").exists()


def test_a_scanned_pdf_exits_2(portal, tmp_path):
    source = tmp_path / "quet.pdf"
    source.write_bytes(text_pdf([]))
    result = run("import", "pdf", str(source), "--unit", str(portal / "tinh-a/xa-b"))
    assert result.exit_code == 2 and "là bản quét, không có lớp chữ" in result.output


def test_the_entry_is_written_for_a_unit_only(portal, tmp_path):
    source = tmp_path / "qd.docx"
    source.write_bytes(decision())
    result = run("import", "docx", str(source), "--unit", str(portal / "tinh-a/news"), "--as", "document")
    assert result.exit_code == 2 and "unit.yaml" in result.output
    assert Path(portal / "tinh-a/news/documents").exists() is False
