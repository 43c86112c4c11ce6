"""Scanned PDFs read by Tesseract: a scan made here from Vietnamese text is checked and built with
``ocr: {enabled: true}``; its text reaches the document's page (marked as machine-read) and the
search index, a second build reads it from the cache, and without Tesseract the build still works
and says what to install.  Needs ``tesseract`` with the ``vie`` model (skips locally without it,
fails under CI=true) and a font with Vietnamese letters."""

from __future__ import annotations

import json
import re
import shutil
import sys
from html import unescape
from pathlib import Path

import pytest

from conftest import run
from htmlcheck import PHONE, axe_violations, format_violations, have_axe, have_vnu, require, serve, vnu_errors
from portal_builder import portal_2025, write

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from ocr_accuracy import character_accuracy  # noqa: E402

from portalgen.ocr import find_tesseract  # noqa: E402

NOW = "2026-11-27"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
#: The scanned page's text (written for this test).
TEXT = """ỦY BAN NHÂN DÂN TỈNH A
QUYẾT ĐỊNH
Về việc tiếp công dân và giải quyết khiếu nại, tố cáo
Điều 1. Lịch tiếp công dân vào sáng thứ Hai hằng tuần tại trụ sở Ủy ban.
Điều 2. Công chức tư pháp ghi sổ, chuyển đơn thư đúng thời hạn luật định.
Điều 3. Quyết định này có hiệu lực kể từ ngày ký ban hành."""
KEY_WORDS = ("QUYẾT ĐỊNH", "tiếp công dân", "khiếu nại", "thứ Hai hằng tuần", "hiệu lực kể từ ngày ký")
DOCUMENT_PAGE = "tinh-a/van-ban/qd-15-2026/index.html"


def scanned_pdf(text: str) -> bytes:
    """A one-page PDF holding only a picture of ``text`` (as a scanner makes it, no text layer)."""
    from io import BytesIO

    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 30)
    lines = text.splitlines()
    image = Image.new("L", (1500, 120 + 52 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((80, 60 + 52 * number), line, font=font, fill=0)
    stream = BytesIO()
    image.save(stream, "PDF", resolution=200)
    return stream.getvalue()


@pytest.fixture(scope="module")
def tools():
    require("tesseract with the vie model", find_tesseract("vie").ready,
            "apt-get install tesseract-ocr tesseract-ocr-vie")
    require("a DejaVu font", FONT.is_file(), "apt-get install fonts-dejavu-core")


@pytest.fixture
def portal(tmp_path, tools) -> Path:
    root = portal_2025(tmp_path / "portal")
    write(root, "tinh-a/documents/qd-15-2026.pdf", scanned_pdf(TEXT))
    with (root / "portal.yaml").open("a", encoding="utf-8") as stream:
        stream.write("ocr:\n  enabled: true\n  max_pages: 3\n")
    return root


@pytest.fixture
def counted(tmp_path, monkeypatch) -> Path:
    """A log of every page ``tesseract`` reads: PATH starts with a program that logs, then runs it."""
    log, folder = tmp_path / "tesseract.log", tmp_path / "bin"
    folder.mkdir()
    program = folder / "tesseract"
    program.write_text(f'#!/bin/sh\ncase "$1" in stdin) echo page >> "{log}";; esac\n'
                       f'exec "{shutil.which("tesseract")}" "$@"\n')
    program.chmod(0o755)
    log.write_text("")
    monkeypatch.setenv("PATH", f"{folder}:{shutil.which('tesseract').rsplit('/', 1)[0]}")
    return log


def machine_text(page: str) -> str:
    """The text of the page's machine-read section."""
    found = re.search(r'<div class="pg-machine-text" lang="vi">(.*?)</div>', page, re.S)
    assert found, "no machine-read text on the page"
    paragraphs = re.findall(r"<p>(.*?)</p>", found.group(1), re.S)
    return unescape("\n".join(paragraphs))


def index_terms(site: Path) -> set[str]:
    """Every term of the site's search index."""
    return {term for shard in site.glob("**/t/*.json") for term in json.loads(shard.read_text(encoding="utf-8"))}


def test_check_says_the_scan_will_be_machine_read(portal):
    report = json.loads(run("check", str(portal), "--now", NOW, "--format", "json").output)
    codes = {(p["code"], p["file"]) for p in report["problems"]}
    assert ("PDF_MACHINE_READ", "tinh-a/documents/qd-15-2026.yaml") in codes
    assert not any(code in ("PDF_NO_TEXT", "OCR_UNAVAILABLE") for code, _ in codes)
    text = run("check", str(portal), "--now", NOW).output
    assert "1 trang đầu" in text


def test_scan_is_read_into_page_and_search_then_from_the_cache(portal, counted, tmp_path):
    cache = tmp_path / "cache"
    first = run("build", str(portal), "-o", str(tmp_path / "a"), "--now", NOW, "--cache", str(cache))
    assert first.exit_code == 0, first.output
    assert counted.read_text().count("page") == 1
    page = (tmp_path / "a" / DOCUMENT_PAGE).read_text(encoding="utf-8")
    assert "Văn bản do máy đọc từ bản quét, có thể có sai sót" in page
    read = machine_text(page)
    assert character_accuracy(read, TEXT) >= 0.9, read
    assert all(word in " ".join(read.split()) for word in KEY_WORDS), read
    terms = index_terms(tmp_path / "a" / "tinh-a")
    assert {"=khiếu", "khieu", "=hằng", "hang"} <= terms

    again = run("build", str(portal), "-o", str(tmp_path / "b"), "--now", NOW, "--cache", str(cache))
    assert again.exit_code == 0, again.output
    assert counted.read_text().count("page") == 1  # no page read again
    assert (tmp_path / "b" / DOCUMENT_PAGE).read_bytes() == page.encode("utf-8")
    assert index_terms(tmp_path / "b" / "tinh-a") == terms


def test_machine_read_page_is_valid_html_and_accessible(portal, tmp_path, chrome):
    require("vnu", have_vnu())
    require("axe-core", have_axe())
    assert run("build", str(portal), "-o", str(tmp_path / "out"), "--now", NOW, "--no-cache").exit_code == 0
    assert vnu_errors([tmp_path / "out" / DOCUMENT_PAGE]) == []
    with serve(tmp_path / "out") as base:
        violations = axe_violations(chrome, base + DOCUMENT_PAGE, width=PHONE[0])
    assert violations == [], format_violations(violations)


def test_without_tesseract_the_build_works_and_says_what_to_install(portal, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    text = run("check", str(portal), "--now", NOW).output
    assert "OCR_UNAVAILABLE" in text and "apt-get install tesseract-ocr tesseract-ocr-vie" in text
    assert "PDF_NO_TEXT" in text
    english = run("check", str(portal), "--now", NOW, "--lang", "en").output
    assert "lacks tesseract-ocr tesseract-ocr-vie" in english
    built = run("build", str(portal), "-o", str(tmp_path / "out"), "--now", NOW, "--no-cache")
    assert built.exit_code == 0, built.output
    assert "OCR_UNAVAILABLE" in built.output
    page = (tmp_path / "out" / DOCUMENT_PAGE).read_text(encoding="utf-8")
    assert "bản quét, chưa có lớp chữ" in page and "pg-machine-text" not in page


def test_installing_tesseract_makes_the_next_build_read_the_scans(portal, tmp_path, monkeypatch):
    out, path = tmp_path / "out", shutil.which("tesseract").rsplit("/", 1)[0]
    build = ("build", str(portal), "-o", str(out), "--now", NOW, "--cache", str(tmp_path / "cache"))
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    assert run(*build).exit_code == 0
    monkeypatch.setenv("PATH", path)  # the same portal, options and moment: only Tesseract is new
    assert run(*build).exit_code == 0
    assert "pg-machine-text" in (out / DOCUMENT_PAGE).read_text(encoding="utf-8")


def test_a_page_declared_huge_is_rendered_within_the_pixel_limit():
    from io import BytesIO

    import pypdfium2
    from PIL import Image

    from portalgen.imagesize import MAX_PIXELS
    from portalgen.ocr import _page_image

    stream = BytesIO()
    Image.new("L", (400, 400), 255).save(stream, "PDF", resolution=2)  # a page 200 inches square
    document = pypdfium2.PdfDocument(stream.getvalue())
    width, height = Image.open(BytesIO(_page_image(document, 0, 200))).size
    assert 0.9 * MAX_PIXELS < width * height <= MAX_PIXELS


def test_an_unreadable_pdf_is_described_not_raised(tmp_path):
    from portalgen.config import OcrOptions
    from portalgen.ocr import recognise

    (tmp_path / "hong.pdf").write_bytes(b"%PDF-1.4 not a PDF")
    assert recognise(str(tmp_path / "hong.pdf"), OcrOptions(enabled=True)) == {"pages": [], "total": 0,
                                                                               "error": "PdfiumError"}


def test_text_is_tidied_to_nfc_paragraphs():
    from portalgen.ocr import tidy

    assert tidy("Quye\u0302\u0301t  \n\n\n\nđi\u0323nh \f") == "Quyết\n\nđịnh"


def test_a_scan_that_could_not_be_read_is_named_and_read_again_next_time(portal, tmp_path, monkeypatch):
    real = shutil.which("tesseract")
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "tesseract").write_text(f'#!/bin/sh\ncase "$1" in stdin) exit 1;; esac\nexec "{real}" "$@"\n')
    (folder / "tesseract").chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}:{real.rsplit('/', 1)[0]}")
    cache = str(tmp_path / "cache")
    failed = run("build", str(portal), "-o", str(tmp_path / "a"), "--now", NOW, "--cache", cache, "--lang", "en")
    assert failed.exit_code == 0, failed.output
    assert "tinh-a/documents/qd-15-2026.pdf: info OCR_UNREAD" in failed.output
    assert "could not be read (page 1: error CalledProcessError)" in failed.output
    assert "pg-machine-text" not in (tmp_path / "a" / DOCUMENT_PAGE).read_text(encoding="utf-8")
    tried = run("build", str(portal), "-o", str(tmp_path / "a"), "--now", NOW, "--cache", cache, "--lang", "en")
    assert "Nothing changed" not in tried.output and "OCR_UNREAD" in tried.output  # not reused: tried again

    monkeypatch.setenv("PATH", real.rsplit("/", 1)[0])  # nothing was kept: the next build reads it
    again = run("build", str(portal), "-o", str(tmp_path / "b"), "--now", NOW, "--cache", cache)
    assert again.exit_code == 0 and "OCR_UNREAD" not in again.output
    assert "pg-machine-text" in (tmp_path / "b" / DOCUMENT_PAGE).read_text(encoding="utf-8")
