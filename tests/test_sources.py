"""Reading files: encodings, size limits, unreadable files, the folder walk."""

from __future__ import annotations

from portalgen import sources

from portal_builder import portal_2025, write


def test_unreadable_file_is_a_problem(tmp_path):
    problems = []
    record = sources.read_yaml_record(tmp_path, "missing.yaml", "document", problems)
    assert record.data is None
    assert [p.code for p in problems] == ["FILE_UNREADABLE"]


def test_oversized_content_file(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_CONTENT_BYTES", 100)
    write(tmp_path, "big.yaml", "title: " + "x" * 200 + "\n")
    problems = []
    assert sources.read_yaml_record(tmp_path, "big.yaml", "document", problems).data is None
    assert [p.code for p in problems] == ["FILE_TOO_LARGE"]


def test_bom_and_windows_line_endings_are_accepted(tmp_path):
    write(tmp_path, "a.md", b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nBody\r\n")
    problems = []
    record = sources.read_markdown_record(tmp_path, "a.md", "page", problems)
    assert problems == [] and record.data == {"title": "A"} and record.body == "Body\n" and record.body_line == 4


def test_walk_finds_units_sections_and_english_pages(tmp_path):
    root = portal_2025(tmp_path)
    files = sources.read_portal(root)
    assert [u.path for u in files.units] == ["tinh-a", "tinh-a/phuong-c", "tinh-a/xa-b"]
    pages = files.units[0].items["pages"]
    assert {(p.slug, p.lang) for p in pages} == {("gioi-thieu", "vi"), ("co-cau-to-chuc", "vi"),
                                                 ("organisation", "en"), ("contact", "en")}
    assert sorted(files.catalog) == ["commune", "province"]
    assert files.problems == []


def test_news_bundle_is_one_item_named_by_its_folder(tmp_path):
    root = portal_2025(tmp_path)
    write(root, "tinh-a/news/2026/le-hoi/index.md", "---\ntitle: Lễ hội\n---\n")
    write(root, "tinh-a/news/2026/le-hoi/anh.jpg", b"\xff\xd8\xff")
    items = sources.read_portal(root).units[0].items["news"]
    assert sorted(i.slug for i in items) == ["hoi-nghi", "le-hoi"]
