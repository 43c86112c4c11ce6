"""Images and attached documents as published: no metadata, responsive variants, safe Word HTML,
memoised conversions."""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser

import pytest
from PIL import Image

from portalgen.assets import ImageRejected, image_size, render_variant, variant_widths
from portalgen.attachments import docx_html, inspect, pdf_info
from portalgen.cache import Cache

from conftest import THREE_LEVEL, run
from portal_builder import make_pdf, portal_2025, write

GPS_TAG = 0x8825


def _published_images(folder):
    return [p for p in folder.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp", ".gif")
            and "assets" not in p.parts]


def test_demo_photos_carry_gps_and_orientation_before_publication():
    sources = [Image.open(p) for p in (THREE_LEVEL).rglob("*.jpg")]
    assert any(GPS_TAG in image.getexif() for image in sources)
    assert any(image.getexif().get(0x0112) == 6 for image in sources)


def test_no_published_image_carries_exif_or_gps(three_level):
    images = _published_images(three_level)
    assert len(images) > 20
    for path in images:
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert "exif" not in image.info and "xmp" not in image.info, path


def test_rotated_photos_are_published_upright(three_level):
    # phien-hop-thuong-ky.jpg is stored 800×1200 with Orientation=6: it must come out 1200 wide.
    with Image.open(next(three_level.rglob("phien-hop-thuong-ky.jpg"))) as image:
        assert image.size == (1200, 800)


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict] = []
        self.sources: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))
        elif tag == "source":
            self.sources.append(dict(attrs))


def test_every_img_has_alt_width_and_height_and_webp_sources(three_level):
    count = 0
    for page in three_level.rglob("*.html"):
        parser = _Images()
        parser.feed(page.read_text(encoding="utf-8"))
        for image in parser.images:
            count += 1
            assert "alt" in image and image.get("width") and image.get("height"), (page, image)
        for source in parser.sources:
            assert source["type"] == "image/webp" and source["srcset"], (page, source)
    assert count > 50


def test_photos_have_responsive_variants(three_level):
    folder = next(three_level.rglob("phien-hop-thuong-ky.jpg")).parent
    names = {p.name for p in folder.iterdir()}
    assert {"phien-hop-thuong-ky.w480.jpg", "phien-hop-thuong-ky.w960.jpg", "phien-hop-thuong-ky.jpg",
            "phien-hop-thuong-ky.w480.jpg.webp", "phien-hop-thuong-ky.w960.jpg.webp",
            "phien-hop-thuong-ky.jpg.webp"} <= names
    with Image.open(folder / "phien-hop-thuong-ky.w480.jpg.webp") as image:
        assert image.size == (480, 320) and image.format == "WEBP"


def test_documents_show_pages_scans_and_word_content(three_level):
    scanned = (three_level / "nam-dinh/van-ban/ct-12-2026/index.html").read_text(encoding="utf-8")
    assert "1 trang" in scanned and "bản quét" in scanned
    plan = (three_level / "nam-dinh/van-ban/kh-245-2026/index.html").read_text(encoding="utf-8")
    assert "Đọc nội dung ngay trên trang" in plan and "<table>" in plan
    assert re.search(r'<img alt="Biểu đồ cột[^"]+" src="kh-245-2026-anh-1.png" width="\d+" height="\d+"', plan)
    assert (three_level / "nam-dinh/van-ban/kh-245-2026/kh-245-2026-anh-1.png").is_file()


def test_variant_widths():
    assert variant_widths(1200) == (480, 960, 1200)
    assert variant_widths(300) == (300,)
    assert variant_widths(4000) == (480, 960, 1600, 4000)


def _png_header(width: int, height: int) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("data, reason", [
    (_png_header(30_000, 30_000), "too-large"),
    (_png_header(25_000, 10), "too-large"),
    (b"\xff\xd8\xff\xe0" + b"x" * 50, "corrupt"),
    (b"", "corrupt"),
])
def test_hostile_images_are_rejected_not_crashing(data, reason):
    with pytest.raises(ImageRejected) as caught:
        image_size(data)
    assert caught.value.reason == reason
    with pytest.raises(ImageRejected):
        render_variant(data, ".png", 480, None)


def test_pdf_information():
    cache = Cache()
    info = pdf_info(make_pdf(pages=3), cache)
    assert (info.pages, info.encrypted, info.error, info.has_text) == (3, False, "", True)
    assert "15/2026/QD-UBND" in info.text
    assert not pdf_info(make_pdf(text="", pages=2), cache).has_text
    assert pdf_info(b"%PDF-1.4 broken", cache).error
    assert inspect(b"%PDF-1.4 broken", "pdf", cache) == [
        ("FILE_CORRUPT", {"detail": pdf_info(b"%PDF-1.4 broken", cache).error})]


def _docx(body_xml: str, rels: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml",
                         '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         '<Default Extension="rels" '
                         'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                         '<Default Extension="xml" ContentType="application/xml"/>'
                         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                         'officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("_rels/.rels",
                         '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                         'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
                         '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        archive.writestr("word/_rels/document.xml.rels",
                         '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                         f'relationships">{rels}</Relationships>')
        archive.writestr("word/document.xml",
                         '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                         '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                         f"<w:body>{body_xml}</w:body></w:document>")
    return buffer.getvalue()


def test_word_html_is_sanitised():
    body = ('<w:p><w:r><w:t>&lt;script&gt;alert(1)&lt;/script&gt; Kế hoạch</w:t></w:r></w:p>'
            '<w:p><w:hyperlink r:id="rId9"><w:r><w:t>bấm vào đây</w:t></w:r></w:hyperlink></w:p>')
    rels = ('<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'hyperlink" Target="javascript:alert(1)" TargetMode="External"/>')
    converted = docx_html(_docx(body, rels), Cache())
    assert converted.error == ""
    assert "<script" not in converted.html and "javascript:" not in converted.html
    assert "&lt;script&gt;" in converted.html and "Kế hoạch" in converted.text


def test_a_rebuild_with_a_kept_cache_converts_nothing(tmp_path):
    portal = portal_2025(tmp_path / "portal")
    photo = io.BytesIO()
    Image.new("RGB", (1200, 800), (30, 90, 160)).save(photo, "JPEG")
    write(portal, "tinh-a/news/2026/anh.jpg", photo.getvalue())
    news = (portal / "tinh-a/news/2026/hoi-nghi.md").read_text(encoding="utf-8")
    write(portal, "tinh-a/news/2026/hoi-nghi.md",
          news.replace("---\nSáng", "image: {src: anh.jpg, alt: Hội trường}\n---\nSáng"))
    cache = tmp_path / "cache"
    first = run("build", str(portal), "-o", str(tmp_path / "a"), "--now", "2026-11-27", "--cache", str(cache))
    assert first.exit_code == 0, first.output
    assert "ảnh (biến thể)" in first.output and "tệp PDF" in first.output
    second = run("build", str(portal), "-o", str(tmp_path / "b"), "--now", "2026-11-27", "--cache", str(cache))
    assert second.exit_code == 0
    assert "Đã xử lý" not in second.output
    one_process = run("build", str(portal), "-o", str(tmp_path / "c"), "--now", "2026-11-27", "--no-cache",
                      "--jobs", "1")
    assert one_process.exit_code == 0
    for path in (tmp_path / "a").rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (tmp_path / "c" / path.relative_to(tmp_path / "a")).read_bytes(), path
