"""Word import: DOCX → draft news item or page (portalgen/importing/), and `portalgen import docx`.

The sample inputs are in tests/fixtures/docx/ (written by make_samples.py there); golden outputs
in tests/golden/import/ (``pytest --update-golden`` rewrites them).  The command-line tests are
grouped at the end, in ``TestImportCommand``.
"""

from __future__ import annotations

import datetime as dt
import html as html_module
import io
import re
import unicodedata
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from portalgen.authoring import SLUG_CHARS, short_slug
from portalgen.failures import UsageFailure
from portalgen.importing import docx
from portalgen.importing import draft as drafting
from portalgen.importing.docx import Imported, convert_docx
from portalgen.importing.draft import format_report, plan_draft, render_draft, write_draft
from portalgen.importing.htmltree import parse_html
from portalgen.importing.markdown import Converter, html_to_markdown
from portalgen.importing.title import TITLE_CHARS, take_title_and_summary
from portalgen.markup import _linkify, render_markdown, text_of
from portalgen.sources import read_markdown_record

from conftest import FIXTURES, run, run_json
from portal_builder import PDF, portal_2025

DOCX = FIXTURES / "docx"
NOW = "2026-11-27"
DAY = dt.date(2026, 11, 27)
CATEGORIES = {"tin-hoat-dong": "Tin hoạt động"}
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def sample(name: str) -> Imported:
    return convert_docx((DOCX / name).read_bytes())


def codes(imported: Imported) -> list[str]:
    return [note.code for note in imported.warnings]


@pytest.fixture
def portal(tmp_path):
    return portal_2025(tmp_path / "portal")


def fill(path: Path, **values: str) -> None:
    """Give values to front-matter fields, as an editor would (``approved_by`` is added)."""
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text, count = re.subn(rf"^{key}:.*$", f"{key}: {value}", text, count=1, flags=re.MULTILINE)
        if not count:
            text = text.replace("\n---\n", f"\n{key}: {value}\n---\n", 1)
    path.write_text(text, encoding="utf-8")


# --- the sample article -------------------------------------------------------------------------------

def test_sample_article_becomes_the_golden_draft(golden):
    imported = sample("bai-viet.docx")
    text, blanks = render_draft(imported, "news", DAY, CATEGORIES)
    golden("import/bai-viet.md", text)
    assert blanks == ("category", "author")


def test_title_and_lead_leave_the_body_and_fill_the_front_matter():
    imported = sample("bai-viet.docx")
    # The title was typed with combining accents in the style "Tiêu đề 1": it arrives in NFC.
    assert imported.title == "Hội nghị tổng kết công tác năm 2026"
    assert unicodedata.is_normalized("NFC", imported.title + imported.markdown)
    assert imported.summary.startswith("Sáng 25/11, Ủy ban nhân dân xã Mỹ Tân")
    assert "Hội nghị tổng kết" not in imported.markdown and "Sáng 25/11" not in imported.markdown
    assert imported.markdown.startswith("## Kết quả nổi bật\n")
    assert codes(imported) == ["SUMMARY_MOVED"]


def test_the_embedded_photo_is_extracted_with_its_description():
    imported = sample("bai-viet.docx")
    with zipfile.ZipFile(DOCX / "bai-viet.docx") as archive:
        original = archive.read("word/media/image1.png")
    assert [(i.name, i.data, i.alt) for i in imported.images] == [
        ("anh-1.png", original, "Toàn cảnh hội nghị tổng kết công tác năm 2026")]
    assert "![Toàn cảnh hội nghị tổng kết công tác năm 2026](anh-1.png)" in imported.markdown


def test_the_sample_renders_as_the_document_reads():
    html = render_markdown(sample("bai-viet.docx").markdown).html
    for fragment in ('<h2 id="muc-ket-qua-noi-bat">Kết quả nổi bật</h2>', "<strong>12,5 tỷ đồng</strong>",
                     "<em>8%</em>", "m<sup>2</sup>", '<a href="https://chinhphu.vn/">',
                     "Số 1 đường Lê Lợi<br>", "<th>Chỉ tiêu</th>", "<td>2,3 km<br>đạt 115% | vượt kế hoạch</td>",
                     "<li>Xây dựng nông thôn mới nâng cao:\n<ul>\n<li>Cứng hóa 2 km đường trục xã;</li>",
                     "1. Đoạn này mở đầu bằng số nhưng không phải danh sách; ký tự đặc biệt: *sao*, _gạch_, "
                     "[ngoặc], &lt;thẻ&gt;, # thăng, a|b, \\, `mã`, R&amp;D &amp;copy;."):
        assert fragment in html
    assert html.count("<ol>") == 1 and html.count("<ul>") == 2


# --- what the import must report --------------------------------------------------------------------

def test_a_title_too_long_for_the_field_is_shortened_and_kept_in_the_body():
    long_title = "Kế hoạch " + "triển khai nhiệm vụ " * 20
    html = f"<p>{long_title}</p><p>Đoạn sau.</p>"
    root = parse_html(html)
    title, summary, notes = take_title_and_summary(root)
    assert len(title) <= TITLE_CHARS and title.endswith("…")
    assert summary == "Đoạn sau."
    assert [n.code for n in notes] == ["TITLE_FROM_PARAGRAPH", "TITLE_SHORTENED", "SUMMARY_MOVED"]
    assert Converter().document(root) == long_title.strip() + "\n"


def test_body_headings_are_shifted_so_the_highest_is_level_two():
    root = parse_html("<h1>Tiêu đề</h1><p>Mở đầu.</p><h1>Phần một</h1><h3>Mục</h3><h2>Phần hai</h2>")
    assert take_title_and_summary(root)[0] == "Tiêu đề"
    assert Converter().document(root) == "## Phần một\n\n#### Mục\n\n### Phần hai\n"


def test_everything_that_cannot_be_converted_is_reported(golden):
    imported = sample("can-xem-lai.docx")
    assert sorted(codes(imported)) == sorted([
        "EQUATION", "TEXT_BOX", "TRACKED_CHANGES", "COMMENTS", "STYLE_UNKNOWN", "IMAGE_NO_ALT", "IMAGE_NO_ALT",
        "IMAGE_CONVERTED", "IMAGE_FORMAT", "TITLE_FROM_PARAGRAPH", "SUMMARY_SHORTENED", "LINK_INTERNAL",
        "LINK_UNSUPPORTED", "TABLE_MERGED", "FOOTNOTES", "LEGACY_ENCODING"])
    must_fix = {n.code for n in imported.warnings if n.must_fix}
    assert must_fix == {"EQUATION", "IMAGE_NO_ALT", "IMAGE_FORMAT", "LINK_UNSUPPORTED", "LEGACY_ENCODING"}
    golden("import/can-xem-lai.md", render_draft(imported, "news", DAY, CATEGORIES)[0])


def test_review_sample_title_summary_images_and_notes():
    imported = sample("can-xem-lai.docx")
    assert imported.title == "Thông báo lịch tiếp công dân tháng 12"
    assert len(imported.summary) <= 301 and imported.summary.endswith("…")
    assert imported.markdown.startswith("Thực hiện Luật Tiếp công dân")  # shortened: the lead stays
    # One picture used twice is one file; BMP became PNG; EMF is kept (check will refuse it).
    assert [(i.name, i.alt) for i in imported.images] == [
        ("anh-1.png", ""), ("anh-2.jpg", ""), ("anh-3.png", "Sơ đồ vị trí phòng tiếp công dân"),
        ("anh-4.emf", "Bản đồ đường đến trụ sở")]
    assert imported.images[2].data.startswith(b"\x89PNG")
    assert imported.markdown.count("![](anh-1.png)") == 2
    assert "IMG_2031" not in imported.markdown  # a file name is no description
    assert "[^1]" in imported.markdown and "\n[^1]: Theo Kế hoạch số 15/KH-UBND" in imported.markdown
    assert "từ 7 giờ 30" in imported.markdown and "từ 8 giờ" not in imported.markdown
    assert "Kiểm tra lại giờ tiếp dân" not in imported.markdown
    assert "Lưu ý: mang theo căn cước công dân." in imported.markdown
    assert "| Ngày | Người tiếp |  |\n| --- | --- | --- |\n| 03/12 | Chủ tịch | Sáng |\n|  | Phó Chủ tịch | Chiều |" \
        in imported.markdown
    notes = {n.code: n for n in imported.warnings}
    assert "“Kiểu riêng của đơn vị”" in notes["STYLE_UNKNOWN"].text("vi")
    assert "Body Text" not in notes["STYLE_UNKNOWN"].text("vi")  # ordinary body styles are not noise
    assert "file:///C:/Users/Admin/Documents/lich-tiep.docx" in notes["LINK_UNSUPPORTED"].text("en")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_report_text(golden, portal, monkeypatch, lang):
    monkeypatch.chdir(portal.parent)
    imported = sample("can-xem-lai.docx")
    draft = plan_draft(imported, Path("portal/tinh-a/xa-b"), "news", DAY)
    golden(f"import/can-xem-lai.report-{lang}.txt", format_report(imported, draft, "can-xem-lai.docx", lang))


# --- the draft in a portal: check, fill, check, build ----------------------------------------------------

def test_check_reports_exactly_the_blank_fields_then_the_filled_draft_passes_and_builds(portal, tmp_path):
    imported = sample("bai-viet.docx")
    draft = plan_draft(imported, portal / "tinh-a/xa-b", "news", DAY)
    path = write_draft(draft)
    rel = "tinh-a/xa-b/news/2026/hoi-nghi-tong-ket-cong-tac-nam-2026/index.md"
    assert path == portal / rel
    assert sorted(p.name for p in path.parent.iterdir()) == ["anh-1.png", "index.md"]
    report = run_json("check", str(portal), "--now", NOW)
    assert [(p["code"], p["field"], p["file"], p["line"]) for p in report["problems"]] == [
        ("FIELD_EMPTY", "category", rel, 6), ("FIELD_EMPTY", "author", rel, 8)]
    assert draft.blanks == ("category", "author")

    fill(path, category="tin-hoat-dong", author="Văn phòng UBND xã")
    assert run("check", str(portal), "--now", NOW).exit_code == 0  # a draft is valid, just not published
    fill(path, status="published", approved_by="Chủ tịch UBND xã")
    result = run("check", str(portal), "--now", NOW)
    assert result.exit_code == 0, result.output
    assert "0 lỗi, 0 cảnh báo" in result.output

    out = tmp_path / "public"
    built = run("build", str(portal), "-o", str(out), "--now", NOW, "--no-cache")
    assert built.exit_code == 0, built.output
    page = out / "tinh-a/xa-b/tin-tuc/hoi-nghi-tong-ket-cong-tac-nam-2026"
    html = (page / "index.html").read_text(encoding="utf-8")
    assert (page / "anh-1.png").is_file()
    assert 'src="anh-1.png" alt="Toàn cảnh hội nghị tổng kết công tác năm 2026"' in html
    assert "<h1" in html and "Hội nghị tổng kết công tác năm 2026" in html
    assert "Sáng 25/11, Ủy ban nhân dân xã Mỹ Tân" in html  # the summary, as the lead


def test_a_page_with_images_is_a_bundle_that_check_and_build_accept(portal, tmp_path):
    draft = plan_draft(sample("bai-viet.docx"), portal / "tinh-a/xa-b", "page", DAY)
    path = write_draft(draft)
    rel = "tinh-a/xa-b/pages/hoi-nghi-tong-ket-cong-tac-nam-2026/index.md"
    assert path == portal / rel and (path.parent / "anh-1.png").is_file()
    text = path.read_text(encoding="utf-8")
    assert "\nkind" not in text and "updated: 2026-11-27\n" in text and "status" not in text
    report = run_json("check", str(portal), "--now", NOW)
    assert [(p["code"], p["field"], p["file"]) for p in report["problems"]] == [("FIELD_MISSING", "kind", rel)]
    fill(path, kind="other")
    out = tmp_path / "public"
    built = run("build", str(portal), "-o", str(out), "--now", NOW, "--no-cache")
    assert built.exit_code == 0, built.output
    page = out / "tinh-a/xa-b/hoi-nghi-tong-ket-cong-tac-nam-2026"
    assert (page / "anh-1.png").is_file()
    assert 'src="anh-1.png"' in (page / "index.html").read_text(encoding="utf-8")


def test_a_page_without_images_is_a_single_file(portal):
    imported = Imported("Lịch sử xã", "Tóm tắt.", "Nội dung.\n", (), ())
    draft = plan_draft(imported, portal / "tinh-a/xa-b", "page", DAY)
    assert draft.path == portal / "tinh-a/xa-b/pages/lich-su-xa.md"
    assert draft.text == ("---\ntitle: Lịch sử xã\nsummary: Tóm tắt.\n"
                          f"# Loại trang (bắt buộc): thêm dòng “kind: …” với một trong: {drafting._PAGE_KINDS}.\n"
                          "updated: 2026-11-27\n---\n"
                          "Nội dung.\n")


# --- names and never overwriting ---------------------------------------------------------------------------

def test_slugs_are_unique_in_the_whole_section_and_nothing_is_overwritten(portal):
    unit = portal / "tinh-a/xa-b"
    imported = Imported("Hội nghị", "Tóm tắt.", "Nội dung.\n", (), ())
    # news/2026/hoi-nghi.md exists: its name is taken, whatever the year
    first = plan_draft(imported, unit, "news", dt.date(2027, 1, 5))
    assert first.path == unit / "news/2027/hoi-nghi-2/index.md"
    write_draft(first)
    second = plan_draft(imported, unit, "news", dt.date(2027, 1, 5))
    assert second.slug == "hoi-nghi-3"
    with pytest.raises(UsageFailure) as failure:
        write_draft(first)  # the same target again (e.g. two imports at once)
    assert "không ghi đè" in failure.value.text("vi") and "not overwritten" in failure.value.text("en")
    assert first.path.read_text(encoding="utf-8") == first.text


def test_an_explicit_slug_must_be_free_and_well_formed(portal):
    unit = portal / "tinh-a/xa-b"
    imported = Imported("Hội nghị", "Tóm tắt.", "Nội dung.\n", (), ())
    with pytest.raises(UsageFailure) as taken:
        plan_draft(imported, unit, "news", DAY, slug="hoi-nghi")
    assert "đã được dùng" in taken.value.text("vi")
    with pytest.raises(UsageFailure) as bad:
        plan_draft(imported, unit, "news", DAY, slug="Hội Nghị")
    assert "--slug hoi-nghi" in bad.value.text("vi")
    assert plan_draft(imported, unit, "news", DAY, slug="hoi-nghi-moi").path == unit / "news/2026/hoi-nghi-moi/index.md"
    # English pages may share names with Vietnamese ones, but no page may be called "en".
    assert plan_draft(Imported("En", "", "x\n", (), ()), unit, "page", DAY).slug == "en-2"
    assert plan_draft(Imported("Contact", "", "x\n", (), ()), unit, "page", DAY).slug == "contact"


def test_names_of_generated_addresses_are_skipped_or_refused_as_portalgen_new_does(portal):
    unit = portal / "tinh-a/xa-b"
    # "tin-tuc/" is the unit's news list: a page cannot take that name.
    assert plan_draft(Imported("Tin tức", "", "x\n", (), ()), unit, "page", DAY).slug == "tin-tuc-2"
    assert plan_draft(Imported("Trang 2", "", "x\n", (), ()), unit, "news", DAY).slug == "trang-2-2"
    with pytest.raises(UsageFailure) as reserved:
        plan_draft(Imported("Tin tức", "", "x\n", (), ()), unit, "page", DAY, slug="tin-tuc")
    assert reserved.value.code == "SLUG_RESERVED" and "--slug tin-tuc-moi" in reserved.value.text("vi")


def test_a_draft_that_would_not_pass_its_schema_but_for_its_blank_fields_is_refused(portal):
    unit = portal / "tinh-a/xa-b"
    with pytest.raises(UsageFailure) as failure:
        plan_draft(Imported("Tiêu đề " * 60, "Tóm tắt.", "x\n", (), ()), unit, "news", DAY)
    assert failure.value.code == "VALUES_INVALID" and failure.value.text("en").startswith("Invalid values: title: ")
    assert "category" not in failure.value.text("en")  # the blanks are the editor's to fill


def test_long_titles_give_short_slugs():
    title = "Hội nghị " + "tổng kết công tác " * 20
    slug = short_slug(title)
    assert len(slug) <= SLUG_CHARS and not slug.endswith("-") and slug.startswith("hoi-nghi-tong-ket")


def test_a_folder_without_unit_yaml_is_refused(portal):
    imported = Imported("Hội nghị", "", "x\n", (), ())
    for folder in (portal / "tinh-a/news", portal / "khong-co"):
        with pytest.raises(UsageFailure) as failure:
            plan_draft(imported, folder, "news", DAY)
        assert "unit.yaml" in failure.value.text("vi") or "Không có thư mục" in failure.value.text("vi")


# --- front matter -------------------------------------------------------------------------------------

@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("aĐệ 1:#-*&!|>'\"{}[],?%@`~\\yesnoTrue.") + ["\u2028", "\x85"]),
               min_size=1, max_size=40).map(lambda s: " ".join(s.split())).filter(bool))
def test_front_matter_reads_back_exactly(tmp_path, title):
    imported = Imported(title, title, "x\n", (), ())
    text, _ = render_draft(imported, "news", DAY, CATEGORIES)
    (tmp_path / "x.md").write_text(text, encoding="utf-8")
    problems: list = []
    record = read_markdown_record(tmp_path, "x.md", "news", problems)
    assert problems == []
    assert record.data == {"title": title, "date": "2026-11-27", "summary": title, "category": None,
                           "author": None, "status": "draft"}


def test_a_missing_summary_is_a_blank_field_too():
    text, blanks = render_draft(Imported("Tiêu đề", "", "x\n", (), ()), "news", DAY, {})
    assert blanks == ("summary", "category", "author")
    assert "\nsummary:\n" in text and "một mã trong news_categories của portal.yaml.\ncategory:\n" in text


# --- bad input ----------------------------------------------------------------------------------------------

def truncated_docx(tmp_path: Path) -> Path:
    data = (DOCX / "bai-viet.docx").read_bytes()
    path = tmp_path / "hong.docx"
    path.write_bytes(data[:len(data) // 2])
    return path


@pytest.mark.parametrize("make, vi, en", [
    (lambda p: p / "khong-co.docx", "Không tìm thấy tệp", "does not exist"),
    (lambda p: p, "không phải là tệp", "is not a file"),
    (lambda p: (p / "bao-cao.docx").write_bytes(PDF) and p / "bao-cao.docx", "là tệp PDF", "is a PDF"),
    (lambda p: (p / "cu.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600) and p / "cu.docx",
     "Word đời cũ (.doc)", "legacy Word file"),
    (lambda p: (p / "rong.docx").write_bytes(b"") or p / "rong.docx", "không phải tệp Word", "not a Word"),
    (truncated_docx, "không phải tệp Word (.docx) hoặc đã bị hỏng", "or it is corrupt"),
])
def test_unreadable_input_is_a_clear_failure(tmp_path, make, vi, en):
    path = make(tmp_path)
    with pytest.raises(UsageFailure) as failure:
        docx.read_docx(path)
    assert vi in failure.value.text("vi") and en in failure.value.text("en")


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_package_without_a_document_or_with_broken_xml_fails_cleanly():
    with pytest.raises(UsageFailure) as no_document:
        convert_docx(zipped({"[Content_Types].xml": b"<Types/>", "word/styles.xml": b"<x/>"}))
    assert "word/document.xml" in no_document.value.text("vi")
    with zipfile.ZipFile(DOCX / "bai-viet.docx") as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    files["word/document.xml"] = b"<w:document><w:body><w:p>"
    with pytest.raises(UsageFailure) as broken:
        convert_docx(zipped(files))
    assert "bị hỏng" in broken.value.text("vi")
    with pytest.raises(UsageFailure):
        convert_docx(b"PK\x03\x04 not really a zip")


def test_a_missing_picture_is_reported_and_the_rest_imported():
    with zipfile.ZipFile(DOCX / "bai-viet.docx") as archive:
        files = {name: archive.read(name) for name in archive.namelist() if name != "word/media/image1.png"}
    imported = convert_docx(zipped(files))
    assert imported.images == () and "anh-1" not in imported.markdown and "## Kết quả nổi bật" in imported.markdown
    assert "IMAGE_MISSING" in codes(imported)


def test_a_document_without_text_has_no_title():
    with zipfile.ZipFile(DOCX / "bai-viet.docx") as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    files["word/document.xml"] = re.sub(rb"<w:body>.*<w:sectPr>", b"<w:body><w:p/><w:sectPr>",
                                        files["word/document.xml"], flags=re.DOTALL)
    with pytest.raises(UsageFailure) as failure:
        convert_docx(zipped(files))
    assert "tiêu đề" in failure.value.text("vi")


# --- html_to_markdown ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("html, markdown", [
    ("<h1>A</h1><h2>B <em>c</em></h2><p>d</p>", "# A\n\n## B *c*\n\nd\n"),
    ("<p>x <strong>bold</strong>, <em>italic</em>, <s>gone</s></p>", "x **bold**, *italic*, ~~gone~~\n"),
    ("<p><strong>bold </strong>word</p>", "**bold** word\n"),  # spaces move out of the markers
    ("<p><strong>(1)</strong>abc</p>", "<strong>(1)</strong>abc\n"),  # ** would not close here
    ("<p>a<em>b</em>c</p>", "a*b*c\n"),
    ("<p><b><i>both</i></b></p>", "__*both*__\n"),  # "***" runs would be ambiguous
    ("<p>Xem <a href=\"https://chinhphu.vn/\">Cổng <b>Chính phủ</b></a>.</p>",
     "Xem [Cổng **Chính phủ**](https://chinhphu.vn/).\n"),
    ("<p><a href=\"https://a.vn/tài liệu (1).pdf\">tệp</a></p>", "[tệp](https://a.vn/tài%20liệu%20\\(1\\).pdf)\n"),
    ("<p><a href=\"mailto:vp@xa.gov.vn\">vp@xa.gov.vn</a></p>", "[vp@xa.gov.vn](mailto:vp@xa.gov.vn)\n"),
    ("<p><a href=\"javascript:alert(1)\">bấm</a></p>", "bấm\n"),
    ("<p>a<br>b<br/><br>c</p>", "a\\\nb\\\nc\n"),
    ("<p><img src=\"anh-1.png\" alt=\"Ảnh [1] *đẹp*\"></p>", "![Ảnh \\[1\\] \\*đẹp\\*](anh-1.png)\n"),
    ("<p>mã <code>a`b</code></p>", "mã ``a`b``\n"),
    ("<blockquote><p>trích</p><p>dẫn</p></blockquote>", "> trích\n>\n> dẫn\n"),
    ("<pre>a  b\n  c</pre>", "```\na  b\n  c\n```\n"),
    ("<p>a</p><hr><p>b</p>", "a\n\n---\n\nb\n"),
    ("<p>  </p><p></p>", ""),
    ("<script>alert(1)</script><p>ok</p>", "ok\n"),
])
def test_html_to_markdown(html, markdown):
    assert html_to_markdown(html) == markdown


@pytest.mark.parametrize("text, escaped", [
    ("*sao* _gạch_ [a](b) `c` <b> a|b ~~x~~ \\",
     "\\*sao\\* \\_gạch\\_ \\[a\\](b) \\`c\\` \\<b> a\\|b \\~\\~x\\~\\~ \\\\"),
    ("R&D &copy; &#169; & x", "R&D \\&copy; \\&#169; & x"),
    ("# không phải đề mục", "\\# không phải đề mục"),
    ("1. không phải danh sách", "1\\. không phải danh sách"),
    ("2026) năm", "2026\\) năm"),
    ("- gạch", "\\- gạch"),
    ("+ cộng", "\\+ cộng"),
    ("> trích", "\\> trích"),
    ("---", "\\---"),
    ("===", "\\==="),
    ("Chào! [x]", "Chào! \\[x\\]"),
    ("a # b 1. c - d", "a # b 1. c - d"),  # only line starts matter
])
def test_markdown_characters_in_text_are_escaped(text, escaped):
    html = f"<p>{html_module.escape(text)}</p>"
    assert html_to_markdown(html) == escaped + "\n"
    assert text_of(escaped) == text


def test_heading_ending_with_hashes_keeps_them():
    assert html_to_markdown("<h2>Mục #</h2>") == "## Mục \\#\n"
    assert text_of("## Mục \\#") == "Mục #"


def test_exclamation_before_a_link_is_not_an_image():
    markdown = html_to_markdown('<p>Chú ý!<a href="https://a.vn/">xem</a></p>')
    assert markdown == 'Chú ý\\![xem](https://a.vn/)\n'
    assert "<img" not in render_markdown(markdown).html


def test_nested_lists():
    html = ("<ol><li>Một<ul><li>a</li><li>b<ol><li>sâu</li></ol></li></ul></li>"
            "<li>Hai</li></ol><ol start=\"7\"><li>Bảy</li></ol><ul><li>x</li></ul><ul><li>y</li></ul>")
    assert html_to_markdown(html) == (
        "1. Một\n   - a\n   - b\n     1. sâu\n2. Hai\n\n"
        "7) Bảy\n\n"  # a list right after another of its kind changes its marker, or they would merge
        "- x\n\n* y\n")
    rendered = render_markdown(html_to_markdown(html)).html
    assert rendered.count("<ol") == 3 and rendered.count("<ul>") == 3 and 'start="7"' in rendered


def test_list_items_with_paragraphs_are_loose_and_indented():
    html = "<ul><li><p>Đoạn một</p><p>Đoạn hai</p></li><li><p>Ba</p></li></ul><ol><li>1. số</li></ol>"
    assert html_to_markdown(html) == "- Đoạn một\n\n  Đoạn hai\n\n- Ba\n\n1. 1\\. số\n"


def test_an_invalid_list_nesting_is_repaired():
    assert html_to_markdown("<ul><li>a</li><ul><li>b</li></ul><li>c</li></ul>") == "- a\n  - b\n- c\n"


def test_tables_become_pipe_tables_with_the_first_row_as_header():
    html = ("<table><tr><td><p><strong>Tên</strong></p></td><td>Giá trị</td></tr>"
            "<tr><td>a|b</td><td><p>dòng 1</p><p>dòng 2</p></td></tr>"
            "<tr><td>chỉ một ô</td></tr></table>")
    assert html_to_markdown(html) == (
        "| Tên | Giá trị |\n| --- | --- |\n| a\\|b | dòng 1<br>dòng 2 |\n| chỉ một ô |  |\n")
    rendered = render_markdown(html_to_markdown(html)).html
    assert "<th>Tên</th>" in rendered and "<td>a|b</td>" in rendered and "<td>dòng 1<br>dòng 2</td>" in rendered


def test_table_header_sections_and_links_with_pipes():
    html = ("<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody>"
            "<tr><td><a href=\"https://a.vn/?q=a|b\">x|y</a></td><td>`</td></tr></tbody></table>")
    markdown = html_to_markdown(html)
    assert markdown == "| A | B |\n| --- | --- |\n| [x\\|y](https://a.vn/?q=a%7Cb) | \\` |\n"
    assert '<td><a href="https://a.vn/?q=a%7Cb">x|y</a></td>' in render_markdown(markdown).html


def test_merged_and_nested_table_cells_are_split_and_reported():
    converter = Converter()
    html = ("<table><tr><td colspan=\"2\">gộp</td><td rowspan=\"2\">dọc</td></tr>"
            "<tr><td>a</td><td><table><tr><td>x</td><td>y</td></tr><tr><td>z</td></tr></table></td></tr></table>")
    markdown = converter.document(parse_html(html))
    assert markdown == "| gộp |  | dọc |\n| --- | --- | --- |\n| a | x; y<br>z |  |\n"
    assert [n.code for n in converter.notes] == ["TABLE_NESTED", "TABLE_MERGED"]


def test_mammoth_footnotes_become_markdown_footnotes():
    html = ('<p>Câu<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup> và<sup>'
            '<a href="#endnote-2" id="endnote-ref-2">[2]</a></sup>.</p>'
            '<ol><li id="footnote-1"><p>Chú thích. <a href="#footnote-ref-1">↑</a></p></li>'
            '<li id="endnote-2"><p>Dòng một</p><p>Dòng hai <a href="#endnote-ref-2">↑</a></p></li></ol>')
    markdown = html_to_markdown(html)
    assert markdown == "Câu[^1] và[^e2].\n\n[^1]: Chú thích.\n\n[^e2]: Dòng một\n\n    Dòng hai\n"
    rendered = render_markdown(markdown).html
    assert rendered.count('class="footnote-ref"') == 2 and "Dòng hai" in rendered


def test_internal_and_unsafe_links_become_text_and_are_reported():
    converter = Converter()
    markdown = converter.document(parse_html(
        '<p><a href="#_Toc1">Mục 1</a> <a href="file:///C:/a.docx">tệp</a> <a id="_Toc1"></a>x</p>'))
    assert markdown == "Mục 1 tệp x\n"
    assert [n.code for n in converter.notes] == ["LINK_INTERNAL", "LINK_UNSUPPORTED"]


def test_whitespace_controls_and_nbsp():
    assert html_to_markdown("<p>\n  a \t b\x0b\n c\xa0d  </p>") == "a b c\xa0d\n"
    assert html_to_markdown("<p>a<em>\xa0x\xa0</em>b</p>") == "a *x* b\n"  # no space inside the markers


# Property: converting HTML to Markdown and rendering it with portalgen gives back the same
# blocks, the same visible characters and the same bold/italic/strikethrough on each of them.

_FORMAT = {"b": "strong", "strong": "strong", "i": "em", "em": "em", "s": "s", "del": "s", "strike": "s"}
_STRUCTURE = {"p", "h2", "h3", "ul", "ol", "li", "table", "tr", "td", "th", "blockquote", "a"}


class _Events(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.active: list[str] = []
        self.events: list = []
        self.links = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self.links += 1
            if self.links > 1:
                return
        if tag in _FORMAT:
            self.active.append(_FORMAT[tag])
        elif tag in _STRUCTURE:
            self.events.append("<" + ("td" if tag == "th" else tag) + unquote(attrs.get("href") or "") + ">")
        elif tag == "img":
            self.events.append(("img", unquote(attrs.get("src") or ""), " ".join((attrs.get("alt") or "").split())))

    def handle_endtag(self, tag):
        if tag == "a":
            self.links -= 1
            if self.links > 0:
                return
        if tag in _FORMAT and _FORMAT[tag] in self.active:
            del self.active[len(self.active) - 1 - self.active[::-1].index(_FORMAT[tag])]
        elif tag in _STRUCTURE:
            self.events.append("</" + ("td" if tag == "th" else tag) + ">")

    def handle_data(self, data):
        self.events += [(c, frozenset(self.active)) for c in data if not c.isspace()]


def _events(html: str) -> list:
    parser = _Events()
    parser.feed(html)
    parser.close()
    result, rows, header = [], 0, False
    for event in parser.events:
        if event == "<table>":
            rows = 0
        elif event == "<tr>":
            rows += 1
            header = rows == 1
        elif event == "</tr>":
            header = False
        if header and isinstance(event, tuple) and len(event) == 2:
            event = (event[0], event[1] - {"strong"})  # a header row is bold anyway
        result.append(event)
    return result


def _visible(html: str) -> bool:
    return any(c.isalnum() for c in html_module.unescape(re.sub(r"<[^>]*>", "", html)))


_pieces = st.sampled_from(list("aĐb1 .,*_`[]<>|~\\#!&;-+=()\"'“”:/%") +
                          ["\xa0", "&amp;", "&lt;", "&copy;", "1. ", "- ", "# ", "> ", "---", "<br>"])
_text = st.lists(_pieces, max_size=6).map("".join).map(
    lambda t: "<br>".join(html_module.escape(html_module.unescape(x), quote=False) for x in t.split("<br>")))
_inline = st.recursive(_text, lambda children: st.one_of(
    st.tuples(st.sampled_from(["b", "i", "s", "strong", "em", "span", "u"]), st.lists(children, max_size=3))
    .map(lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0]}>"),
    st.tuples(st.sampled_from(["https://a.vn/x", "https://a.vn/(a) b|c", "mailto:a@b.vn"]),
              st.lists(children, max_size=2))
    .map(lambda t: f'<a href="{html_module.escape(t[0])}">x{"".join(t[1])}</a>'),
    st.tuples(st.sampled_from(["anh 1.png", "anh-2.jpg"]), _text).map(
        lambda t: f'<img src="{t[0]}" alt="{html_module.escape(t[1].replace("<br>", ""))}">'),
), max_leaves=6)
_content = st.lists(_inline, min_size=1, max_size=3).map("".join).filter(_visible)


def _list(depth: int):
    item = _content if depth == 0 else st.tuples(_content, st.none() | _list(depth - 1)).map(
        lambda t: t[0] + (t[1] or ""))
    return st.tuples(st.sampled_from(["ul", "ol"]), st.lists(item, min_size=1, max_size=3)).map(
        lambda t: f"<{t[0]}>" + "".join(f"<li>{i}</li>" for i in t[1]) + f"</{t[0]}>")


_table = st.integers(1, 3).flatmap(lambda w: st.lists(st.lists(_content, min_size=w, max_size=w), min_size=1,
                                                      max_size=3)).map(
    lambda rows: "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>")
_block = st.one_of(_content.map(lambda c: f"<p>{c}</p>"),
                   _content.filter(lambda c: "<br>" not in c).map(lambda c: f"<h2>{c}</h2>"),
                   _list(2), _table, _content.map(lambda c: f"<blockquote><p>{c}</p></blockquote>"))


@SETTINGS
@given(st.lists(_block, min_size=1, max_size=4))
@example(["<p>a.ba</p>"])
def test_markdown_renders_back_to_the_same_structure_text_and_emphasis(blocks):
    source = "".join(blocks)
    markdown = html_to_markdown(source)
    # Bare addresses ("a.ba") become links when portalgen renders any text, Word's or Markdown's.
    assert _events(render_markdown(markdown).html) == _events(_linkify(source)), markdown


# --- `portalgen import docx` ----------------------------------------------------------------------------------
# These run the command the way editors do; they pass once the `import` group is in portalgen/cli/.

class TestImportCommand:
    def test_imports_a_news_draft_and_says_what_to_do_next(self, portal, monkeypatch):
        monkeypatch.chdir(portal.parent)
        result = run("import", "docx", str(DOCX / "bai-viet.docx"), "--unit", "portal/tinh-a/xa-b", "--now", NOW)
        assert result.exit_code == 0, result.output
        target = Path("portal/tinh-a/xa-b/news/2026/hoi-nghi-tong-ket-cong-tac-nam-2026/index.md")
        assert target.is_file() and (target.parent / "anh-1.png").is_file()
        assert f"Đã nhập “bai-viet.docx” thành bản nháp tin tức:\n  {target}\n" in result.output
        assert "Bước tiếp theo: điền category (chuyên mục), author (tác giả)" in result.output
        assert "portalgen check portal --unit tinh-a/xa-b" in result.output
        assert "Traceback" not in result.output

    def test_english_messages_and_the_year_of_now(self, portal, monkeypatch):
        monkeypatch.chdir(portal.parent)
        result = run("import", "docx", str(DOCX / "can-xem-lai.docx"), "--unit", "portal/tinh-a/xa-b",
                     "--now", "2027-01-02T08:30", "--lang", "en", "--slug", "lich-tiep-dan")
        assert result.exit_code == 0, result.output
        assert Path("portal/tinh-a/xa-b/news/2027/lich-tiep-dan/index.md").is_file()
        assert "To fix before publishing (6):" in result.output
        assert "The image anh-1.png has no alternative text" in result.output

    def test_imports_a_page(self, portal):
        result = run("import", "docx", str(DOCX / "bai-viet.docx"), "--unit", str(portal / "tinh-a"),
                     "--as", "page", "--now", NOW, "--slug", "tong-ket")
        assert result.exit_code == 0, result.output
        assert (portal / "tinh-a/pages/tong-ket/index.md").is_file()
        assert "kind (loại trang)" in result.output and "Trang không có trạng thái nháp" in result.output

    @pytest.mark.parametrize("make, message", [
        (lambda p: p / "khong-co.docx", "Không tìm thấy tệp"),
        (lambda p: (p / "a.docx").write_bytes(PDF) and p / "a.docx", "là tệp PDF"),
        (truncated_docx, "đã bị hỏng"),
    ])
    def test_bad_input_exits_2_with_a_message(self, portal, tmp_path, make, message):
        result = run("import", "docx", str(make(tmp_path)), "--unit", str(portal / "tinh-a/xa-b"), "--now", NOW)
        assert result.exit_code == 2
        assert message in result.output and "Traceback" not in result.output
        assert not list((portal / "tinh-a/xa-b/news/2026").glob("*/index.md"))

    def test_a_folder_that_is_not_a_unit_exits_2(self, portal):
        for folder, lang, message in ((portal / "tinh-a/news", "vi", "không có unit.yaml"),
                                      (portal / "khong-co", "en", "There is no folder")):
            result = run("import", "docx", str(DOCX / "bai-viet.docx"), "--unit", str(folder), "--lang", lang)
            assert result.exit_code == 2 and message in result.output

    def test_an_existing_target_is_never_overwritten(self, portal):
        before = (portal / "tinh-a/xa-b/news/2026/hoi-nghi.md").read_bytes()
        result = run("import", "docx", str(DOCX / "bai-viet.docx"), "--unit", str(portal / "tinh-a/xa-b"),
                     "--now", NOW, "--slug", "hoi-nghi")
        assert result.exit_code == 2 and "đã được dùng" in result.output
        assert (portal / "tinh-a/xa-b/news/2026/hoi-nghi.md").read_bytes() == before
        assert not (portal / "tinh-a/xa-b/news/2026/hoi-nghi").exists()

    def test_a_bad_date_is_a_usage_error(self, portal):
        result = run("import", "docx", str(DOCX / "bai-viet.docx"), "--unit", str(portal / "tinh-a/xa-b"),
                     "--now", "27/11/2026")
        assert result.exit_code == 2 and "--now" in result.output
