"""portalgen build: layout, determinism, atomic and minimal writes, publication rules, safe HTML."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import GOLDEN, run
from portal_builder import NEWS, portal_2025, write

NOW = "2026-11-27"


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def portal(tmp_path):
    return portal_2025(tmp_path / "portal")


def build(portal: Path, out: Path, *extra: str):
    return run("build", str(portal), "-o", str(out), "--now", NOW, "--no-cache", *extra)


def test_every_unit_gets_its_own_site_following_the_hierarchy(portal, tmp_path):
    out = tmp_path / "public"
    result = build(portal, out)
    assert result.exit_code == 0, result.output
    assert "Đã dựng 3 đơn vị" in result.output
    for unit in ("tinh-a", "tinh-a/xa-b", "tinh-a/phuong-c"):
        site = out / unit
        for page in ("index.html", "tin-tuc/index.html", "tin-tuc/hoi-nghi/index.html", "van-ban/index.html",
                     "van-ban/qd-15-2026/index.html", "van-ban/qd-15-2026/qd-15-2026.pdf",
                     "thu-tuc-hanh-chinh/index.html", "lich-cong-tac/index.html", "lich-cong-tac/2026-w48/index.html",
                     "gioi-thieu/index.html", "co-cau-to-chuc/index.html", "en/index.html",
                     "en/organisation/index.html", "en/contact/index.html", "so-do-trang/index.html", "404.html",
                     "rss.xml", "atom.xml", "sitemap.xml", "robots.txt", "du-lieu/van-ban.json"):
            assert (site / page).is_file(), f"{unit}/{page}"
        assert list((site / "assets").glob("portalgen.*.css")), "each site carries its own assets"
    assert (out / "sitemap.xml").is_file()
    assert (out / "tinh-a/thu-tuc-hanh-chinh/thu-tuc/index.html").is_file()       # province catalog
    assert (out / "tinh-a/xa-b/thu-tuc-hanh-chinh/khai-sinh/index.html").is_file()  # commune catalog
    home = (out / "tinh-a/index.html").read_text(encoding="utf-8")
    assert 'href="xa-b/"' in home and 'href="phuong-c/"' in home  # links down the hierarchy
    commune = (out / "tinh-a/xa-b/index.html").read_text(encoding="utf-8")
    assert 'href="../"' in commune  # link up to the parent


def test_two_builds_give_identical_bytes_and_a_rebuild_writes_nothing(portal, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert build(portal, first).exit_code == 0
    assert build(portal, second).exit_code == 0
    assert tree_digest(first) == tree_digest(second)
    stamps = {p: p.stat().st_mtime_ns for p in first.rglob("*") if p.is_file()}
    again = build(portal, first)
    assert "(0 tệp ghi mới, 0 tệp xóa)" in again.output
    assert stamps == {p: p.stat().st_mtime_ns for p in first.rglob("*") if p.is_file()}


def test_content_errors_stop_a_strict_build_and_keep_the_previous_output(portal, tmp_path):
    out = tmp_path / "public"
    assert build(portal, out).exit_code == 0
    before = tree_digest(out)
    write(portal, "tinh-a/news/2026/hoi-nghi.md", NEWS.replace("date: 2026-11-25", "date: 2026-13-45"))
    result = build(portal, out, "--strict")
    assert result.exit_code == 1
    assert "DATE_INVALID" in result.output
    assert tree_digest(out) == before
    assert not any(p.name.startswith(".") and "staging" in p.name for p in tmp_path.iterdir())
    assert (tmp_path / ".public.portalgen-manifest.json").is_file()  # beside the output, never inside


def test_removed_content_disappears_and_foreign_files_stay(portal, tmp_path):
    out = tmp_path / "public"
    write(portal, "tinh-a/news/2026/tin-phu.md", NEWS.replace("Hội nghị triển khai", "Tin phụ về hội nghị"))
    assert build(portal, out).exit_code == 0
    assert (out / "tinh-a/tin-tuc/tin-phu/index.html").exists()
    (out / "tinh-a/google1234.html").write_text("verification", encoding="utf-8")
    (portal / "tinh-a/news/2026/tin-phu.md").unlink()
    result = build(portal, out)
    assert result.exit_code == 0
    assert not (out / "tinh-a/tin-tuc/tin-phu").exists()
    assert (out / "tinh-a/google1234.html").read_text(encoding="utf-8") == "verification"
    fresh = tmp_path / "fresh"
    build(portal, fresh)
    assert {k: v for k, v in tree_digest(out).items() if k != "tinh-a/google1234.html"} == tree_digest(fresh)


def test_one_unit_build_leaves_the_others_alone(portal, tmp_path):
    out = tmp_path / "public"
    assert build(portal, out).exit_code == 0
    before = tree_digest(out)
    write(portal, "tinh-a/xa-b/news/2026/hoi-nghi.md", NEWS.replace("Hội nghị triển khai", "Hội nghị xã B triển khai"))
    result = build(portal, out, "--unit", "tinh-a/xa-b")
    assert result.exit_code == 0, result.output
    after = tree_digest(out)
    changed = {k for k in after if before.get(k) != after[k]}
    assert changed and all(k.startswith("tinh-a/xa-b/") or k == ".portalgen-manifest.json" for k in changed)
    assert set(before) <= set(after)


@pytest.mark.parametrize("change, visible", [
    ("status: published", True),
    ("status: draft", False),
    ("status: review", False),
    ("status: published\npublish_at: 2026-12-01", False),
    ("status: published\nexpire_at: 2026-11-26", False),
    ("status: published\npublish_at: 2026-11-26 08:00\nexpire_at: 2026-12-31", True),
])
def test_publication_rules(portal, tmp_path, change, visible):
    write(portal, "tinh-a/news/2026/hen-gio.md", NEWS.replace("status: published", change)
          .replace("Hội nghị triển khai", "Tin hẹn giờ"))
    out = tmp_path / "public"
    result = build(portal, out)
    assert result.exit_code == 0, result.output
    assert (out / "tinh-a/tin-tuc/hen-gio/index.html").exists() == visible
    assert ("Tin hẹn giờ" in (out / "tinh-a/rss.xml").read_text(encoding="utf-8")) == visible
    if "publish_at: 2026-12-01" in change:  # the open consultation's days left change first, at midnight
        assert "Lần thay đổi tiếp theo theo lịch: 28/11/2026" in result.output


HOSTILE = """
<script>alert('x')</script>
<img src="x.png" onerror="alert(1)" alt="x">
<a href="javascript:alert(1)" onclick="steal()">bấm</a>
[liên kết](javascript:alert(1))
<iframe src="https://example.com/"></iframe>
<object data="x.swf"></object>
<style>body{display:none}</style>
<svg onload="alert(1)"><circle r="1"/></svg>
<div style="background:url(javascript:alert(1))">kiểu</div>
"""


def test_markdown_cannot_run_script(portal, tmp_path):
    from PIL import Image

    Image.new("RGB", (4, 3), "red").save(portal / "tinh-a/news/2026/x.png")
    write(portal, "tinh-a/news/2026/doc-hai.md", NEWS.replace("Hội nghị triển khai", "Bài có mã độc") + HOSTILE)
    out = tmp_path / "public"
    result = build(portal, out)
    assert result.exit_code == 0, result.output
    html = (out / "tinh-a/tin-tuc/doc-hai/index.html").read_text(encoding="utf-8")
    body = html.split('<div class="pg-prose">', 1)[1].split("</div>\n", 1)[0]
    for forbidden in ("<script", "onerror", "onclick", "onload", "=\"javascript:", "<iframe", "<object", "<style",
                      "<svg", "style="):
        assert forbidden not in body.lower(), forbidden


def test_post_2025_portal_has_no_district_level(portal, tmp_path):
    out = tmp_path / "public"
    assert build(portal, out).exit_code == 0
    html = (out / "tinh-a/xa-b/tin-tuc/hoi-nghi/index.html").read_text(encoding="utf-8")
    crumbs = html.split('<nav class="pg-breadcrumbs', 1)[1].split("</nav>", 1)[0]
    assert crumbs.index('href="../../../">Tỉnh A') < crumbs.index("Xã B") < crumbs.index("Tin tức")


GOLDEN_PAGES = ["tinh-a/index.html", "tinh-a/tin-tuc/hoi-nghi/index.html", "tinh-a/van-ban/qd-15-2026/index.html",
                "tinh-a/xa-b/thu-tuc-hanh-chinh/khai-sinh/index.html", "tinh-a/lich-cong-tac/index.html",
                "tinh-a/lay-y-kien/du-thao/index.html", "tinh-a/en/index.html", "tinh-a/en/organisation/index.html",
                "tinh-a/404.html",
                "tinh-a/rss.xml", "tinh-a/atom.xml", "tinh-a/sitemap.xml"]


@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_pages_match_golden(portal, tmp_path, golden, page):
    out = tmp_path / "public"
    assert build(portal, out).exit_code == 0
    (GOLDEN / "site").mkdir(exist_ok=True)
    golden("site/" + page.replace("/", "__"), (out / page).read_text(encoding="utf-8"))


def test_a_portal_overrides_templates_strings_and_assets(portal, tmp_path):
    write(portal, "themes/default/messages.yaml", 'news: {vi: "Tin tức – Sự kiện", en: "News and events"}\n')
    write(portal, "themes/default/templates/components.html",
          (Path(__file__).parent.parent / "themes/default/templates/components.html").read_text(encoding="utf-8")
          .replace('<article class="pg-card">', '<article class="pg-card tinh-a-card">'))
    write(portal, "themes/default/static/portalgen.css", "body { color: #111; }\n")
    out = tmp_path / "public"
    assert build(portal, out).exit_code == 0
    home = (out / "tinh-a/index.html").read_text(encoding="utf-8")
    assert "Tin tức – Sự kiện" in home and "tinh-a-card" in home
    css = list((out / "tinh-a/assets").glob("portalgen.*.css"))
    assert [p.read_text(encoding="utf-8") for p in css] == ["body { color: #111; }\n"]


def test_build_messages_in_english(portal, tmp_path):
    result = build(portal, tmp_path / "public", "--lang", "en")
    assert result.exit_code == 0
    assert "Built 3 units" in result.output and "Next scheduled change: 2026-11-28 00:00." in result.output  # days left


def test_shards_are_disjoint_and_their_union_is_the_full_build(portal, tmp_path):
    full = tmp_path / "full"
    assert build(portal, full).exit_code == 0
    union: dict[str, str] = {}
    for k in (1, 2, 3):
        part = tmp_path / f"part-{k}"
        result = build(portal, part, "--shard", f"{k}/3")
        assert result.exit_code == 0, result.output
        files = tree_digest(part)
        assert not set(files) & set(union), "shards overlap"
        union.update(files)
    assert union == tree_digest(full)


@pytest.mark.parametrize("value", ["0/3", "4/3", "x", "1/3/2"])
def test_bad_shard_values_are_usage_errors(portal, tmp_path, value):
    assert build(portal, tmp_path / "out", "--shard", value).exit_code == 2


def test_a_parallel_build_with_search_terms_counted_in_parts_equals_a_serial_one(portal, tmp_path, monkeypatch):
    import datetime as dt

    from portalgen import site_search
    from portalgen.build import build_portal

    for number in range(560):
        unit = ["tinh-a", "tinh-a/xa-b", "tinh-a/phuong-c"][number % 3]
        text = NEWS.replace("Hội nghị triển khai nhiệm vụ tháng 12", f"Tin số {number} về công tác số {number % 7}")
        text = text.replace("2026-11-25", f"2026-{number % 11 + 1:02d}-{number % 28 + 1:02d}")
        write(portal, f"{unit}/news/2026/tin-{number}.md", text + f"\nĐoạn riêng {number} của xã số {number % 13}.\n")
    moment = dt.datetime(2026, 11, 27)
    assert build_portal(portal, tmp_path / "serial", moment, jobs=1, reuse=False).built
    monkeypatch.setattr(site_search, "ITEMS_PER_PART", 150)
    parts: dict[str, int] = {}
    original = site_search.index

    def recording(tree, path, attachment_text, memo, counted=None):
        parts[path] = len(counted) if counted is not None else 0
        return original(tree, path, attachment_text, memo, counted)

    monkeypatch.setattr(site_search, "index", recording)
    assert build_portal(portal, tmp_path / "parallel", moment, jobs=2, reuse=False).built
    assert parts == {"tinh-a": 5, "tinh-a/phuong-c": 2, "tinh-a/xa-b": 2}
    assert tree_digest(tmp_path / "parallel") == tree_digest(tmp_path / "serial")
