"""What real content brings (phone photo names, files saved on a Mac, dates written by scripts and
web editors, HTML and tables pasted from elsewhere, links between pages): each is published as
written or reported at its line in the file, with what to do."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from portalgen import dates

from conftest import run
from portal_builder import DOCUMENT, NEWS, portal_2025, write

NOW = "2026-11-27"
ARTICLE = "tinh-a/news/2026/hoi-nghi.md"


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    return portal_2025(tmp_path / "portal")


def check(portal: Path) -> tuple[int, list[dict]]:
    result = run("check", str(portal), "--now", NOW, "--format", "json")
    return result.exit_code, json.loads(result.output)["problems"]


def found(problems: list[dict], code: str) -> list[dict]:
    return [p for p in problems if p["code"] == code]


def build(portal: Path, out: Path) -> None:
    result = run("build", str(portal), "-o", str(out), "--now", NOW, "--no-cache")
    assert result.exit_code == 0, result.output


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the file that holds ``needle``."""
    return text[:text.index(needle)].count("\n") + 1


def jpeg(width: int = 1600, height: int = 900) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def article(portal: Path, body: str) -> str:
    """The news article with ``body`` appended; returns the file's text."""
    text = NEWS + body
    write(portal, ARTICLE, text)
    return text


def published_links(page: Path) -> list[str]:
    """Every ``src``/``srcset``/``href`` address of the article's page that names an image."""
    html = page.read_text(encoding="utf-8")
    found = re.findall(r'(?:src|href)="([^"]+)"', html)
    for srcset in re.findall(r'srcset="([^"]+)"', html):
        found += [part.strip().split(" ")[0] for part in srcset.split(",")]
    return [address for address in found if re.search(r"\.(?:jpe?g|webp)$", address, re.IGNORECASE)]


# --- file names with spaces ----------------------------------------------------------------------

def test_an_image_named_with_spaces_is_an_error_at_its_line_with_the_fix(portal):
    write(portal, "tinh-a/news/2026/Ảnh lễ ký kết 2.jpg", jpeg())
    text = article(portal, "\nBuổi lễ:\n\n![Lễ ký kết](Ảnh lễ ký kết 2.jpg)\n\nXem [biên bản](biên bản họp.pdf).\n")
    code, problems = check(portal)
    spaced = found(problems, "MARKDOWN_LINK_SPACES")
    assert code == 1
    assert [(p["file"], p["line"]) for p in spaced] == [
        (ARTICLE, line_of(text, "![Lễ ký kết]")), (ARTICLE, line_of(text, "[biên bản]"))]
    assert all(p["severity"] == "error" for p in spaced)
    assert "![Lễ ký kết](<Ảnh lễ ký kết 2.jpg>)" in spaced[0]["hint"]
    assert "anh-le-ky-ket-2.jpg" in spaced[0]["hint"]


def test_an_image_named_with_spaces_between_angle_brackets_is_published(portal, tmp_path):
    write(portal, "tinh-a/news/2026/Ảnh lễ ký kết 2.jpg", jpeg())
    article(portal, "\n![Lễ ký kết](<Ảnh lễ ký kết 2.jpg>)\n\nẢnh [có tiêu đề](https://example.vn/a \"Tiêu đề\").\n")
    assert check(portal) == (0, [])
    build(portal, tmp_path / "out")
    page = tmp_path / "out/tinh-a/tin-tuc/hoi-nghi/index.html"
    links = published_links(page)
    assert links
    from urllib.parse import unquote
    for address in links:
        assert (page.parent / unquote(address)).is_file(), address


def test_a_spaced_address_inside_code_is_not_reported(portal):
    article(portal, "\nVí dụ: `![ảnh](tên có dấu cách.jpg)`\n\n```\n![ảnh](tên có dấu cách.jpg)\n```\n")
    assert found(check(portal)[1], "MARKDOWN_LINK_SPACES") == []


# --- names saved on a Mac (NFD) ------------------------------------------------------------------

def test_a_file_named_in_nfd_is_found_published_and_named_in_a_warning(portal, tmp_path):
    name = "Ảnh hội nghị.jpg"
    write(portal, "tinh-a/news/2026/" + unicodedata.normalize("NFD", name), jpeg())
    if (portal / "tinh-a/news/2026" / name).exists():
        pytest.skip("this file system finds names whatever their normalisation (macOS)")
    text = article(portal, "\n![Hội nghị](<Ảnh hội nghị.jpg>)\n")
    code, problems = check(portal)
    assert found(problems, "FILE_MISSING") == []
    assert [(p["code"], p["line"]) for p in problems] == [("FILE_NAME_NFD", line_of(text, "![Hội nghị]"))]
    assert code == 0
    build(portal, tmp_path / "out")
    page = tmp_path / "out/tinh-a/tin-tuc/hoi-nghi/index.html"
    assert (page.parent / name).is_file()


def test_a_file_missing_under_every_normalisation_is_still_missing(portal):
    text = article(portal, "\n![Hội nghị](<Ảnh hội nghị.jpg>)\n")
    assert [(p["code"], p["line"]) for p in check(portal)[1]] == [("FILE_MISSING", line_of(text, "![Hội nghị]"))]


# --- upper-case extensions -----------------------------------------------------------------------

def test_an_upper_case_extension_keeps_its_case_in_every_published_address(portal, tmp_path):
    write(portal, "tinh-a/news/2026/IMG_1234.JPG", jpeg(2000, 1000))
    article(portal, "\n![Toàn cảnh hội nghị](IMG_1234.JPG)\n")
    assert check(portal) == (0, [])
    build(portal, tmp_path / "out")
    page = tmp_path / "out/tinh-a/tin-tuc/hoi-nghi/index.html"
    links = published_links(page)
    assert len(links) >= 4  # src, srcset and the WebP srcset
    missing = [address for address in links if not (page.parent / address).is_file()]
    assert missing == []
    assert all(".JPG" in address for address in links)


# --- dates ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("2026-11-20T10:00:00+07:00", "2026-11-20 10:00:00"),
    ("2026-11-20T03:00:00Z", "2026-11-20 10:00:00"),
    ("2026-11-20T03:00:00.123Z", "2026-11-20 10:00:00.123000"),
    ("2026-11-19T20:30:00.5-05:00", "2026-11-20 08:30:00.500000"),
    ("2026-11-20t03:00:00z", "2026-11-20 10:00:00"),
    ("2026-11-20 08:30", "2026-11-20 08:30:00"),
    ("2026-11-20T10:00+07:00", "2026-11-20 10:00:00"),
    ("2026-11-20", "2026-11-20 00:00:00"),
])
def test_rfc3339_moments_are_read_in_vietnam_time(text, expected):
    assert str(dates.parse_moment(text)) == expected


@pytest.mark.parametrize(("text", "supported"), [
    ("2026-11-20T10:00:00+25:00", True), ("9999-12-31T23:00:00-05:00", True), ("2026-11-31", True),
    ("20/11/2026", False), ("2026-11-5", False), ("2026-11-20T10", False), ("ngày 20 tháng 11", False),
])
def test_what_is_no_moment_is_none_never_an_exception(text, supported):
    assert dates.parse_moment(text) is None and dates.parse_day(text) is None
    assert dates.form_supported(text) is supported


def test_a_date_field_takes_the_day_of_a_moment_in_vietnam_time():
    assert str(dates.parse_day("2026-11-19T18:00:00Z")) == "2026-11-20"


def test_dates_written_by_scripts_and_web_editors_pass_check(portal):
    write(portal, ARTICLE, NEWS.replace("date: 2026-11-25", "date: 2026-11-25T01:30:00.000Z"))
    write(portal, "tinh-a/documents/qd-15-2026.yaml",
          DOCUMENT.replace("issue_date: 2026-11-02", "issue_date: 2026-11-02T08:00:00+07:00"))
    assert check(portal) == (0, [])


def test_a_refused_date_form_is_called_unsupported_and_an_impossible_date_invalid(portal):
    text = NEWS.replace("date: 2026-11-25", "date: 25/11/2026")
    write(portal, ARTICLE, text)
    write(portal, "tinh-a/xa-b/news/2026/hoi-nghi.md", NEWS.replace("date: 2026-11-25", "date: 2026-11-31"))
    problems = check(portal)[1]
    assert [(p["file"], p["line"]) for p in found(problems, "DATE_FORM_UNSUPPORTED")] == [
        (ARTICLE, line_of(text, "date:"))]
    assert "25/11/2026" in found(problems, "DATE_FORM_UNSUPPORTED")[0]["message"]
    assert [p["file"] for p in found(problems, "DATE_INVALID")] == ["tinh-a/xa-b/news/2026/hoi-nghi.md"]


# --- what the sanitiser removes, tables pasted with tabs ----------------------------------------

def test_embedded_video_and_frames_are_warned_at_their_lines(portal):
    text = article(portal, "\nXem video:\n\n<iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n\n"
                           "Đoạn ghi âm <audio src=\"ghi-am.mp3\"></audio> và\n\n"
                           "<div>\n<video src=\"a.mp4\">\n</div>\n")
    code, problems = check(portal)
    removed = found(problems, "HTML_REMOVED")
    assert code == 0
    assert [(p["line"], p["severity"]) for p in removed] == [
        (line_of(text, "<iframe"), "warning"), (line_of(text, "<audio"), "warning"),
        (line_of(text, "<video"), "warning")]
    assert "<iframe>" in removed[0]["message"] and "[Xem video](https://…)" in removed[0]["hint"]


def test_a_table_pasted_with_tabs_is_warned_at_its_first_line(portal):
    text = article(portal, "\nKết quả:\n\nXã\tSố hộ\tTỷ lệ\nXã B\t1.200\t95%\nPhường C\t\t90%\n\nHết.\n")
    problems = found(check(portal)[1], "TABLE_TAB_SEPARATED")
    assert [(p["line"], p["severity"]) for p in problems] == [(line_of(text, "Xã\tSố hộ"), "warning")]
    assert "3" in problems[0]["message"]


def test_tabs_inside_code_or_a_single_line_are_not_a_table(portal):
    article(portal, "\nMột\tdòng.\n\n```\na\tb\nc\td\n```\n")
    assert found(check(portal)[1], "TABLE_TAB_SEPARATED") == []


# --- a document published before it was issued --------------------------------------------------

def test_a_document_published_before_its_issue_date_is_an_error_at_published(portal):
    text = DOCUMENT.replace("published: 2026-11-03", "published: 2026-10-30")
    write(portal, "tinh-a/documents/qd-15-2026.yaml", text)
    code, problems = check(portal)
    assert code == 1
    assert [(p["code"], p["line"], p["field"]) for p in problems] == [
        ("DATE_ORDER", line_of(text, "published:"), "published")]


# --- links between pages of the portal ----------------------------------------------------------

GOOD_LINKS = """
Xem [giới thiệu](../../gioi-thieu/), [cơ cấu](../../co-cau-to-chuc) và [Xã B](../../xa-b/).

[Quyết định 15](https://thu-nghiem.example.gov.vn/tinh-a/van-ban/qd-15-2026/#dieu-1),
[tin của phường](/tinh-a/phuong-c/tin-tuc/hoi-nghi/index.html), [chuyên mục](../chuyen-muc/tin-hoat-dong/),
[trang 2](../trang-2/), [tin xã B](https://xab.example.gov.vn/tin-tuc/hoi-nghi/), [mục](#muc-1),
[dịch vụ công](https://dichvucong.gov.vn/p/home/), [thư](mailto:vanphong@tinh-a.gov.vn), <https://thu-nghiem.example.gov.vn/tinh-a/>
"""


def with_own_site(portal: Path) -> None:
    unit_yaml = portal / "tinh-a/xa-b/unit.yaml"
    unit_yaml.write_text(unit_yaml.read_text(encoding="utf-8") + "base_url: https://xab.example.gov.vn/\n",
                         encoding="utf-8")


def test_links_to_pages_the_build_makes_pass(portal, tmp_path):
    with_own_site(portal)
    article(portal, GOOD_LINKS)
    assert check(portal) == (0, [])
    build(portal, tmp_path / "out")


def test_a_link_to_a_page_that_does_not_exist_is_an_error_with_the_nearest_address(portal):
    with_own_site(portal)
    write(portal, "tinh-a/news/2026/du-thao.md", NEWS.replace("status: published", "status: draft"))
    text = article(portal, "\n[Giới thiệu](../../gioi-thieuu/)\n\n"
                           "[Quyết định](https://thu-nghiem.example.gov.vn/tinh-a/xa-b/van-ban/qd-15-2025/)\n\n"
                           "Xem [tin](/tinh-a/phuong-c/tin-tuc/hoi-ngi/) và [tin xã](https://xab.example.gov.vn/tin-tuc/hoi-ngh/)"
                           "\n\n[Bản nháp](../du-thao/)\n")
    code, problems = check(portal)
    missing = found(problems, "LINK_PAGE_MISSING")
    assert code == 1
    assert [(p["file"], p["line"], p["severity"]) for p in missing] == [
        (ARTICLE, line_of(text, "[Giới thiệu]"), "error"), (ARTICLE, line_of(text, "[Quyết định]"), "error"),
        (ARTICLE, line_of(text, "Xem [tin]"), "error"), (ARTICLE, line_of(text, "Xem [tin]"), "error"),
        (ARTICLE, line_of(text, "[Bản nháp]"), "error")]
    hints = [p["hint"] for p in missing]
    assert "../../gioi-thieu/" in hints[0]
    assert "https://thu-nghiem.example.gov.vn/tinh-a/xa-b/van-ban/qd-15-2026/" in hints[1]
    assert "/tinh-a/phuong-c/tin-tuc/hoi-nghi/" in hints[2]
    assert "https://xab.example.gov.vn/tin-tuc/hoi-nghi/" in hints[3]
    assert "“https://thu-nghiem.example.gov.vn/tinh-a/tin-tuc/du-thao/”" in missing[4]["message"]
    assert "“https://xab.example.gov.vn/tin-tuc/hoi-ngh/”" in missing[3]["message"]


def test_a_site_absolute_link_on_a_unit_with_its_own_address_is_read_on_that_address(portal):
    with_own_site(portal)
    text = NEWS + "\n[Giới thiệu](/gioi-thieu/) và [sai](/gioi-thieuu/)\n"
    write(portal, "tinh-a/xa-b/news/2026/hoi-nghi.md", text)
    missing = found(check(portal)[1], "LINK_PAGE_MISSING")
    assert [(p["line"], p["column"]) for p in missing] == [(line_of(text, "[sai]"), text.split("\n")[
        line_of(text, "[sai]") - 1].index("/gioi-thieuu/") + 1)]
    assert "“https://xab.example.gov.vn/gioi-thieuu/”" in missing[0]["message"]
    assert "/gioi-thieu/" in missing[0]["hint"]


def test_a_misspelt_unit_folder_is_answered_with_that_units_address(portal):
    text = article(portal, "\nXem [Phường C](../../phuong-cc/gioi-thieu/).\n")
    missing = found(check(portal)[1], "LINK_PAGE_MISSING")
    assert [p["line"] for p in missing] == [line_of(text, "[Phường C]")]
    assert "../../phuong-c/gioi-thieu/" in missing[0]["hint"]


def test_a_file_named_in_nfd_that_is_a_link_leaving_the_unit_is_outside_it(portal):
    name = "Ảnh hội nghị.jpg"
    outside = portal.parent / "bi-mat.jpg"
    outside.write_bytes(jpeg())
    (portal / "tinh-a/news/2026" / unicodedata.normalize("NFD", name)).symlink_to(outside)
    if (portal / "tinh-a/news/2026" / name).exists():
        pytest.skip("this file system finds names whatever their normalisation (macOS)")
    text = article(portal, "\n![Hội nghị](<Ảnh hội nghị.jpg>)\n")
    at_line = [p["code"] for p in check(portal)[1] if p["line"] == line_of(text, "![Hội nghị]")]
    assert at_line == ["FILE_OUTSIDE_UNIT"]
