"""Referenced files: judged by their bytes, kept inside their unit."""

from __future__ import annotations

import io
import zipfile

import pytest

from portalgen.files import Reference, check_reference, resolve_reference, sniff

from portal_builder import PDF, write


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("data, kind", [
    (PDF, "pdf"),
    (b"\xff\xd8\xff\xe0rest", "jpeg"),
    (b"\x89PNG\r\n\x1a\nrest", "png"),
    (b"GIF89a....", "gif"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "ole"),
    (_zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}), "docx"),
    (_zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}), "xlsx"),
    (_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}), "odt"),
    (_zip({"a.txt": b"hello"}), "zip"),
    (b"PK\x03\x04broken zip", None),
    (b"<!DOCTYPE html><html></html>", "html"),
    (b"", None),
    (b"Just text", None),
])
def test_sniff(tmp_path, data, kind):
    path = write(tmp_path, "file.bin", data)
    assert sniff(path) == kind


@pytest.mark.parametrize("ref, expected", [
    ("qd.pdf", "don-vi/documents/qd.pdf"),
    ("files/qd.pdf", "don-vi/documents/files/qd.pdf"),
    ("../pages/anh.jpg", None),
    ("../../portal.yaml", None),
    ("/etc/passwd", None),
    ("C:/Windows/x.pdf", None),
    ("https://example.com/x.pdf", None),
    ("files\\qd.pdf", None),
    ("", None),
])
def test_resolve_reference(ref, expected):
    assert resolve_reference(ref, "don-vi/documents/qd.yaml", "don-vi") == expected


def _check(root, ref, image=False, max_bytes=10_000):
    reference = Reference(ref, "don-vi/documents/qd.yaml", 5, 3, "files[0].file")
    return [p.code for p in check_reference(root, "don-vi", reference, image=image, max_bytes=max_bytes)]


def test_good_and_bad_files(tmp_path):
    write(tmp_path, "don-vi/documents/qd.pdf", PDF)
    write(tmp_path, "don-vi/documents/gia.pdf", b"not a pdf")
    write(tmp_path, "don-vi/documents/anh.png", PDF)
    write(tmp_path, "don-vi/documents/cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    write(tmp_path, "don-vi/documents/lon.pdf", PDF + b"x" * 20_000)
    write(tmp_path, "don-vi/documents/tep.txt", "text")
    assert _check(tmp_path, "qd.pdf") == []
    assert _check(tmp_path, "gia.pdf") == ["FILE_TYPE_MISMATCH"]
    assert _check(tmp_path, "anh.png", image=True) == ["FILE_TYPE_MISMATCH"]
    assert _check(tmp_path, "qd.pdf", image=True) == ["FILE_TYPE_UNSUPPORTED"]
    assert _check(tmp_path, "cu.doc") == ["FILE_LEGACY_FORMAT"]
    assert _check(tmp_path, "lon.pdf") == ["FILE_TOO_LARGE"]
    assert _check(tmp_path, "tep.txt") == ["FILE_TYPE_UNSUPPORTED"]
    assert _check(tmp_path, "khong-co.pdf") == ["FILE_MISSING"]
    assert _check(tmp_path, "../../x.pdf") == ["FILE_OUTSIDE_UNIT"]


def test_symlinks_leading_out_are_refused(tmp_path):
    write(tmp_path, "outside/secret.pdf", PDF)
    write(tmp_path, "don-vi/documents/qd.pdf", PDF)
    (tmp_path / "don-vi/documents/link.pdf").symlink_to(tmp_path / "outside/secret.pdf")
    (tmp_path / "don-vi/documents/inside.pdf").symlink_to(tmp_path / "don-vi/documents/qd.pdf")
    (tmp_path / "don-vi/documents/dir").symlink_to(tmp_path / "outside")
    assert _check(tmp_path, "link.pdf") == ["FILE_OUTSIDE_UNIT"]
    assert _check(tmp_path, "dir/secret.pdf") == ["FILE_OUTSIDE_UNIT"]
    assert _check(tmp_path, "inside.pdf") == []
