"""What the law asks a unit to publish beyond news and documents (plans, budget disclosure,
public information, the spokesperson, the commune's grassroots-democracy duties), and media done
accessibly: each obligation met, missing, stale or late at a given moment; each new type
checked, built, searchable, offered by ``new`` and by the web editor; videos only with captions."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

from portalgen import decap
from portalgen.check import check_portal
from portalgen.problems import Severity
from portalgen.webvtt import problems as caption_problems

from conftest import PROJECT, run
from htmlcheck import axe_violations, have_axe, have_chromium, have_vnu, require, serve, vnu_errors
from portal_builder import PDF, portal_2025, write

NOW = dt.datetime(2026, 11, 27, 12)
RULES = yaml.safe_load((PROJECT / "content-schema/requirements/nd42-2022.yaml").read_text(encoding="utf-8"))
TITLES = {o["title"]: o["id"] for o in RULES["obligations"]}
NEW = ("spokesperson", "information-list", "direction", "law-dissemination", "law-dissemination-timely", "plans",
       "annual-work-plan", "annual-results", "plans-timely", "procurement", "budget-disclosure", "statistics",
       "science-timely", "commune-land-use", "commune-projects", "commune-fees", "commune-petitions")
CAPTIONS = "WEBVTT\n\n00:00.000 --> 00:02.500\nXin chào bà con.\n\n00:02.500 --> 00:05.000\nHôm nay xã họp dân.\n"
MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 64
#: A 1×1 PNG.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                    "0000000d49444154789c6360f8cfc0f01f0005000201a5d9e0a40000000049454e44ae426082")


@pytest.fixture()
def portal(tmp_path: Path) -> Path:
    return portal_2025(tmp_path / "p")


def _unmet(root: Path, now: dt.datetime = NOW) -> set[tuple[str, str, str]]:
    """(unit or file, obligation id, code) of every unmet obligation."""
    found = set()
    for p in check_portal(root, now).problems:
        if p.code.startswith("COMPLIANCE_"):
            found.add((p.source.path.removesuffix("/unit.yaml"), TITLES[dict(p.args)["obligation_title"]], p.code))
    return found


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_every_new_obligation_cites_its_basis_and_the_policy_lists_its_sources() -> None:
    ids = {o["id"]: o for o in RULES["obligations"]}
    for name in NEW:
        assert ids[name]["basis"] and ids[name]["title_en"], name
    header = (PROJECT / "content-schema/requirements/nd42-2022.yaml").read_text(encoding="utf-8").split("regime:")[0]
    for source in ("09/2017/NĐ-CP", "Luật Tiếp cận thông tin 2016", "163/2016/NĐ-CP", "343/2016/TT-BTC",
                   "Luật Thực hiện dân chủ ở cơ sở 2022"):
        assert source in header
    guide = (PROJECT / "docs/huong-dan-bien-tap.md").read_text(encoding="utf-8")
    for name in NEW:
        assert f"`{name}`" in guide, name


def test_a_portal_with_every_section_meets_every_obligation(portal: Path) -> None:
    assert _unmet(portal) == set()


@pytest.mark.parametrize(("remove", "unit", "obligation"), [
    ("tinh-a/xa-b/disclosures/danh-muc-thong-tin.md", "tinh-a/xa-b", "information-list"),
    ("tinh-a/xa-b/disclosures/tra-loi-kien-nghi.md", "tinh-a/xa-b", "direction"),
    ("tinh-a/xa-b/disclosures/pho-bien-phap-luat.md", "tinh-a/xa-b", "law-dissemination"),
    ("tinh-a/xa-b/plans/ke-hoach-chuyen-doi-so.md", "tinh-a/xa-b", "plans"),
    ("tinh-a/xa-b/plans/ke-hoach-cong-tac-2026.md", "tinh-a/xa-b", "annual-work-plan"),
    ("tinh-a/xa-b/plans/bao-cao-ket-qua-2025.md", "tinh-a/xa-b", "annual-results"),
    ("tinh-a/xa-b/procurement/mua-sam.md", "tinh-a/xa-b", "procurement"),
    ("tinh-a/disclosures/thong-ke.md", "tinh-a", "statistics"),
    ("tinh-a/xa-b/disclosures/quy-hoach-su-dung-dat.md", "tinh-a/xa-b", "commune-land-use"),
    ("tinh-a/xa-b/disclosures/du-an-tren-dia-ban.md", "tinh-a/xa-b", "commune-projects"),
    ("tinh-a/xa-b/disclosures/phi-le-phi.md", "tinh-a/xa-b", "commune-fees"),
    ("tinh-a/xa-b/disclosures/ket-qua-kien-nghi.md", "tinh-a/xa-b", "commune-petitions"),
])
def test_each_missing_section_is_reported_for_its_unit_only(portal: Path, remove: str, unit: str,
                                                            obligation: str) -> None:
    (portal / remove).unlink()
    assert _unmet(portal) == {(unit, obligation, "COMPLIANCE_MISSING")}


def test_the_spokesperson_is_a_field_of_the_unit(portal: Path) -> None:
    _edit(portal / "tinh-a/phuong-c/unit.yaml", "spokesperson:", "spokesperson_old:")
    text = (portal / "tinh-a/phuong-c/unit.yaml").read_text(encoding="utf-8")
    (portal / "tinh-a/phuong-c/unit.yaml").write_text(text.split("spokesperson_old:")[0], encoding="utf-8")
    assert _unmet(portal) == {("tinh-a/phuong-c", "spokesperson", "COMPLIANCE_MISSING")}


def test_the_commune_duties_and_statistics_apply_to_their_level_only(portal: Path) -> None:
    for kind in ("quy-hoach-su-dung-dat", "du-an-tren-dia-ban", "phi-le-phi", "ket-qua-kien-nghi"):
        assert not (portal / f"tinh-a/disclosures/{kind}.md").exists()
    (portal / "tinh-a/xa-b/disclosures/thong-ke.md").unlink(missing_ok=True)
    assert _unmet(portal) == set()


def test_this_years_work_plan_is_stale_once_january_is_over(portal: Path) -> None:
    _edit(portal / "tinh-a/xa-b/plans/ke-hoach-cong-tac-2026.md", "year: 2026", "year: 2025")
    assert _unmet(portal) == {("tinh-a/xa-b", "annual-work-plan", "COMPLIANCE_STALE")}
    assert ("tinh-a/xa-b", "annual-work-plan", "COMPLIANCE_STALE") not in _unmet(portal, dt.datetime(2026, 1, 20))


def test_last_years_results_are_judged_from_february(portal: Path) -> None:
    (portal / "tinh-a/xa-b/plans/bao-cao-ket-qua-2025.md").unlink()
    assert ("tinh-a/xa-b", "annual-results", "COMPLIANCE_MISSING") in _unmet(portal, dt.datetime(2026, 2, 2))
    assert ("tinh-a/xa-b", "annual-results", "COMPLIANCE_MISSING") not in _unmet(portal, dt.datetime(2026, 1, 31))


def test_plans_are_late_after_ten_working_days_counting_the_portals_holidays(portal: Path) -> None:
    plan = portal / "tinh-a/xa-b/plans/ke-hoach-chuyen-doi-so.md"
    _edit(plan, "issue_date: 2026-03-02\npublished: 2026-03-04", "issue_date: 2026-11-02\npublished: 2026-11-17")
    assert _unmet(portal) == {("tinh-a/xa-b/plans/ke-hoach-chuyen-doi-so.md", "plans-timely", "COMPLIANCE_LATE")}
    with (portal / "portal.yaml").open("a", encoding="utf-8") as handle:
        handle.write("holidays: [2026-11-10]\n")  # ten working days from 2 November now end on the 17th
    assert _unmet(portal) == set()


def test_law_dissemination_and_science_programmes_have_their_own_deadlines(portal: Path) -> None:
    _edit(portal / "tinh-a/xa-b/disclosures/pho-bien-phap-luat.md", "published: 2026-11-02",
          "issue_date: 2026-10-01\npublished: 2026-11-02")  # 15 working days end on 22 October
    write(portal, "tinh-a/xa-b/disclosures/de-tai.md", "---\ntitle: Đề tài giống lúa\nkind: khoa-hoc-cong-nghe\n"
          "issue_date: 2026-10-01\npublished: 2026-11-02\nsummary: Đề tài cấp tỉnh.\n---\n")  # 20 days: 29 October
    assert _unmet(portal) == {("tinh-a/xa-b/disclosures/pho-bien-phap-luat.md", "law-dissemination-timely",
                               "COMPLIANCE_LATE"),
                              ("tinh-a/xa-b/disclosures/de-tai.md", "science-timely", "COMPLIANCE_LATE")}
    _edit(portal / "tinh-a/xa-b/disclosures/de-tai.md", "published: 2026-11-02", "published: 2026-10-29")
    assert ("tinh-a/xa-b/disclosures/de-tai.md", "science-timely", "COMPLIANCE_LATE") not in _unmet(portal)


def test_the_estimate_and_the_last_quarter_due_must_be_disclosed(portal: Path) -> None:
    (portal / "tinh-a/xa-b/budget/du-toan-2026.md").unlink()
    (portal / "tinh-a/xa-b/budget/thuc-hien-quy-3-2026.md").unlink()
    problems = [p for p in check_portal(portal, NOW).problems if p.source.path == "tinh-a/xa-b/unit.yaml"]
    assert [p.code for p in problems] == ["COMPLIANCE_STALE", "COMPLIANCE_STALE"]
    details = " ".join(p.message("vi") for p in problems)
    assert "dự toán ngân sách năm 2026, hạn 30/01/2026" in details
    assert "quý 3/2026, hạn 15/10/2026" in details
    # On 10 October the third quarter is not due yet: the second one is (and the commune has none).
    early = [p.message("en") for p in check_portal(portal, dt.datetime(2026, 10, 10)).problems
             if p.source.path == "tinh-a/xa-b/unit.yaml" and p.code == "COMPLIANCE_STALE"]
    assert any("Q2 2026, due 2026-07-15" in m for m in early) and not any("Q3" in m for m in early)


def test_budget_reports_are_late_after_their_calendar_days(portal: Path) -> None:
    _edit(portal / "tinh-a/xa-b/budget/thuc-hien-quy-3-2026.md", "published: 2026-10-08", "published: 2026-10-16")
    _edit(portal / "tinh-a/xa-b/budget/du-toan-2026.md", "published: 2026-01-05", "published: 2026-01-18")
    late = "tinh-a/xa-b/budget/thuc-hien-quy-3-2026.md", "budget-disclosure", "COMPLIANCE_LATE"
    assert _unmet(portal) == {late}  # the estimate was late too, but more than 90 days ago
    assert ("tinh-a/xa-b/budget/du-toan-2026.md", "budget-disclosure", "COMPLIANCE_LATE") in \
        _unmet(portal, dt.datetime(2026, 2, 10))  # 30 days from 18 December 2025: 17 January


@pytest.mark.parametrize(("kind", "unit", "folder", "address", "label"), [
    ("plan", "tinh-a/xa-b", "plans", "ke-hoach", "Chiến lược, kế hoạch"),
    ("budget", "tinh-a/xa-b", "budget", "cong-khai-ngan-sach", "Công khai ngân sách"),
    ("disclosure", "tinh-a/xa-b", "disclosures", "thong-tin-cong-khai", "Thông tin công khai"),
    ("media", "tinh-a/xa-b", "media", "anh-video", "Ảnh, video"),
])
def test_each_new_type_is_offered_by_new_checked_built_and_searchable(portal: Path, tmp_path: Path, kind: str,
                                                                      unit: str, folder: str, address: str,
                                                                      label: str) -> None:
    picture = write(tmp_path, "Ảnh hội nghị.png", PNG)
    pdf = write(tmp_path, "Biểu mẫu công khai.pdf", PDF)
    extra = {"budget": ["--file", str(pdf)], "media": ["--file", str(picture)]}.get(kind, [])
    done = run("new", kind, "--unit", str(portal / unit), "--title", "Khu dân cư kiểu mẫu Đông Hải", *extra,
               "--now", "2026-11-27T09:00")
    assert done.exit_code == 0, done.output
    created = portal / unit / folder / "khu-dan-cu-kieu-mau-dong-hai.md"
    assert created.is_file()
    assert [p for p in check_portal(portal, NOW).problems if p.severity == Severity.ERROR] == []
    out = tmp_path / "out"
    assert run("build", str(portal), "-o", str(out), "--now", "2026-11-27").exit_code == 0
    page = (out / unit / address / "khu-dan-cu-kieu-mau-dong-hai/index.html").read_text(encoding="utf-8")
    assert "Khu dân cư kiểu mẫu Đông Hải" in page
    assert f'href="{address}/">{label}</a>' in (out / unit / "index.html").read_text(encoding="utf-8")  # the menu
    shards = (out / unit / "tim-kiem/chi-muc/d").glob("*.json")
    assert any("Khu dân cư kiểu mẫu Đông Hải" in shard.read_text(encoding="utf-8") for shard in shards)


def _video(portal: Path, **fields: str) -> Path:
    write(portal, "tinh-a/xa-b/media/hop-dan.mp4", MP4)
    write(portal, "tinh-a/xa-b/media/hop-dan.vtt", CAPTIONS)
    write(portal, "tinh-a/xa-b/media/hop-dan.png", PNG)
    values = {"title": "Họp dân thôn Đông", "kind": "video", "date": "2026-11-20", "video": "hop-dan.mp4",
              "captions": "hop-dan.vtt", **fields}
    head = "".join(f"{k}: {v}\n" for k, v in values.items() if v)
    return write(portal, "tinh-a/xa-b/media/hop-dan.md",
                 f"---\n{head}poster:\n  src: hop-dan.png\n  alt: Bà con dự họp tại nhà văn hóa\n"
                 "transcript: |\n  Xin chào bà con.\n\n  Hôm nay xã họp dân.\n---\nBuổi họp dân.\n")


def test_a_video_is_published_with_its_poster_captions_and_transcript_under_a_strict_policy(
        portal: Path, tmp_path: Path) -> None:
    _video(portal)
    out = tmp_path / "out"
    assert run("build", str(portal), "-o", str(out), "--now", "2026-11-27").exit_code == 0
    site = out / "tinh-a/xa-b"
    page = (site / "anh-video/hop-dan/index.html").read_text(encoding="utf-8")
    assert re.search(r'<video class="pg-video" controls preload="none" poster="[^"]+\.png"', page)
    assert '<source src="hop-dan.mp4" type="video/mp4">' in page
    assert '<track kind="captions" src="hop-dan.vtt" srclang="vi" label="Tiếng Việt" default>' in page
    assert "Hôm nay xã họp dân." in page and "<iframe" not in page
    assert (site / "anh-video/hop-dan/hop-dan.mp4").read_bytes() == MP4
    assert (site / "anh-video/hop-dan/hop-dan.vtt").read_text(encoding="utf-8") == CAPTIONS
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy and "media-src &#39;self&#39;;" in policy.group(1) and "default-src &#39;none&#39;" in policy.group(1)
    htaccess = (out / "tinh-a/.htaccess").read_text(encoding="utf-8")
    assert "media-src 'self';" in htaccess and "AddType text/vtt .vtt" in htaccess


def test_a_video_hosted_elsewhere_is_a_link_with_its_poster_never_a_frame(portal: Path, tmp_path: Path) -> None:
    _video(portal, video="", captions="", link="https://video.example.vn/hop-dan")
    out = tmp_path / "out"
    assert run("build", str(portal), "-o", str(out), "--now", "2026-11-27").exit_code == 0
    page = (out / "tinh-a/xa-b/anh-video/hop-dan/index.html").read_text(encoding="utf-8")
    assert '<a href="https://video.example.vn/hop-dan" rel="noopener">Xem video trên video.example.vn</a>' in page
    assert "<video" not in page and "<iframe" not in page and 'alt="Bà con dự họp tại nhà văn hóa"' in page


@pytest.mark.parametrize(("fields", "files", "code"), [
    ({"captions": ""}, {}, "VIDEO_CAPTIONS_MISSING"),
    ({"video": "", "captions": ""}, {}, "VIDEO_SOURCE_MISSING"),
    ({}, {"hop-dan.vtt": "1\n00:00:00,000 --> 00:00:02,500\nSRT\n"}, "CAPTIONS_HEADER"),
    ({}, {"hop-dan.vtt": "WEBVTT\n\n00:00,000 --> 00:02.500\nSai\n"}, "CAPTIONS_TIMING"),
    ({}, {"hop-dan.vtt": "WEBVTT\n\n00:03.000 --> 00:02.500\nNgược\n"}, "CAPTIONS_ORDER"),
    ({}, {"hop-dan.vtt": "WEBVTT\n"}, "CAPTIONS_EMPTY"),
    ({}, {"hop-dan.vtt": b"WEBVTT\n\n00:00.000 --> 00:01.000\nXin ch\xe0o\n"}, "CAPTIONS_NOT_UTF8"),
    ({}, {"hop-dan.mp4": PDF}, "FILE_TYPE_MISMATCH"),
    ({"video": "hop-dan.avi"}, {"hop-dan.avi": MP4}, "FILE_TYPE_UNSUPPORTED"),
    ({"video": "hop-dan.vtt"}, {}, "VIDEO_TYPE"),
    ({"captions": "hop-dan.mp4"}, {}, "CAPTIONS_TYPE"),
])
def test_check_refuses_a_video_it_cannot_publish_accessibly(portal: Path, fields: dict, files: dict,
                                                            code: str) -> None:
    _video(portal, **fields)
    for name, content in files.items():
        write(portal, f"tinh-a/xa-b/media/{name}", content)
    errors = [p for p in check_portal(portal, NOW).problems if p.severity == Severity.ERROR]
    assert [(p.code, p.source.path) for p in errors] == [(code, "tinh-a/xa-b/media/hop-dan.md")], \
        [p.message("en") for p in errors]
    assert errors[0].source.line is not None
    assert errors[0].message("vi") != errors[0].message("en")


def test_videos_have_their_own_size_limit_and_are_never_attachments(portal: Path) -> None:
    _video(portal)
    with (portal / "portal.yaml").open("a", encoding="utf-8") as handle:
        handle.write("limits: {video_mb: 0.00001}\n")
    write(portal, "tinh-a/xa-b/disclosures/phi-le-phi.md", "---\ntitle: Phí\nkind: phi-le-phi\npublished: 2026-11-02\n"
          "summary: Các khoản phí.\nfiles:\n  - file: phi.vtt\n---\n")
    write(portal, "tinh-a/xa-b/disclosures/phi.vtt", CAPTIONS)
    errors = {(p.code, p.source.path) for p in check_portal(portal, NOW).problems if p.severity == Severity.ERROR}
    assert errors == {("FILE_TOO_LARGE", "tinh-a/xa-b/media/hop-dan.md"),
                      ("FILE_TYPE_UNSUPPORTED", "tinh-a/xa-b/disclosures/phi-le-phi.md")}


def test_an_album_shows_every_picture_through_the_image_pipeline(portal: Path, tmp_path: Path) -> None:
    for name in ("a.png", "b.png"):
        write(portal, f"tinh-a/xa-b/media/{name}", PNG)
    write(portal, "tinh-a/xa-b/media/le-hoi.md", "---\ntitle: Lễ hội làng\nkind: album\ndate: 2026-11-01\nimages:\n"
          "  - {src: a.png, alt: Rước kiệu, caption: Đoàn rước}\n  - {src: b.png, alt: Kéo co}\n---\n")
    out = tmp_path / "out"
    assert run("build", str(portal), "-o", str(out), "--now", "2026-11-27").exit_code == 0
    page = (out / "tinh-a/xa-b/anh-video/le-hoi/index.html").read_text(encoding="utf-8")
    assert 'alt="Rước kiệu"' in page and 'alt="Kéo co"' in page and "<figcaption>Đoàn rước</figcaption>" in page
    assert (out / "tinh-a/xa-b/anh-video/le-hoi/a.png.webp").is_file()  # a variant, as every photo gets
    listing = (out / "tinh-a/xa-b/anh-video/index.html").read_text(encoding="utf-8")
    assert "2 ảnh" in listing and 'href="le-hoi/"' in listing


def test_an_album_without_pictures_and_a_video_without_poster_are_refused(portal: Path) -> None:
    write(portal, "tinh-a/xa-b/media/trong.md", "---\ntitle: Trống\nkind: album\ndate: 2026-11-01\n---\n")
    write(portal, "tinh-a/xa-b/media/khong-anh.md", "---\ntitle: Không ảnh\nkind: video\ndate: 2026-11-01\n"
          "link: https://video.example.vn/x\n---\n")
    found = {(p.code, p.source.path, p.field) for p in check_portal(portal, NOW).problems}
    assert ("FIELD_MISSING", "tinh-a/xa-b/media/trong.md", "images") in found
    assert ("FIELD_MISSING", "tinh-a/xa-b/media/khong-anh.md", "poster") in found


def test_the_web_editor_offers_the_new_collections_with_uploads_for_video_and_captions() -> None:
    cms = {"backend": "gitlab", "repo": "so-tttt/cong", "folder": "."}
    config = decap.config(cms, "tinh-a/xa-b", "Xã B", [], "https://x/")
    folders = {c.get("folder", ""): c for c in config["collections"]}
    for folder in ("plans", "budget", "disclosures", "media"):
        assert f"tinh-a/xa-b/{folder}" in folders, folder
    media = folders["tinh-a/xa-b/media"]
    widgets = {f["name"]: f["widget"] for f in media["fields"]}
    assert widgets["video"] == "file" and widgets["captions"] == "file" and widgets["images"] == "list"
    kinds = next(f for f in media["fields"] if f["name"] == "kind")["options"]
    assert {"label": "Album ảnh", "value": "album"} in kinds
    budget = {f["name"]: f for f in folders["tinh-a/xa-b/budget"]["fields"]}
    assert {"label": "Tình hình thực hiện dự toán quý", "value": "thuc-hien-quy"} in budget["kind"]["options"]


def test_captions_checker_accepts_hours_settings_and_a_byte_order_mark() -> None:
    text = "\ufeffWEBVTT - Họp dân\n\nNOTE ghi chú\n\n1\n01:00:00.000 --> 01:00:02.000 line:0 align:start\nMột\n"
    assert caption_problems(text.encode("utf-8")) == []
    assert json.dumps(caption_problems(b"WEBVTT\n\n00:00.000 --> 00:01.000\n\n")) == '[["CAPTIONS_EMPTY", {}]]'


def test_the_new_pages_are_valid_html_and_accessible_on_a_phone(portal: Path, tmp_path: Path, chrome) -> None:
    require("vnu", have_vnu())
    require("chromium", have_chromium())
    require("axe-core", have_axe())
    _video(portal)
    write(portal, "tinh-a/xa-b/media/a.png", PNG)
    write(portal, "tinh-a/xa-b/media/le-hoi.md", "---\ntitle: Lễ hội làng\nkind: album\ndate: 2026-11-01\nimages:\n"
          "  - {src: a.png, alt: Rước kiệu, caption: Đoàn rước}\n---\n")
    write(portal, "tinh-a/xa-b/media/phong-su.md", "---\ntitle: Phóng sự\nkind: video\ndate: 2026-11-02\n"
          "link: https://video.example.vn/phong-su\nposter: {src: a.png, alt: Cánh đồng lúa}\n---\n")
    out = tmp_path / "out"
    assert run("build", str(portal), "-o", str(out), "--now", "2026-11-27").exit_code == 0
    site = out / "tinh-a/xa-b"
    pages = [f"{address}/{slug}" for address, slug in (
        ("anh-video", ""), ("anh-video", "hop-dan/"), ("anh-video", "le-hoi/"), ("anh-video", "phong-su/"),
        ("ke-hoach", ""), ("ke-hoach", "ke-hoach-cong-tac-2026/"), ("cong-khai-ngan-sach", "du-toan-2026/"),
        ("thong-tin-cong-khai", "phi-le-phi/"))]
    assert vnu_errors([site / page / "index.html" for page in pages]) == []
    with serve(out) as base:
        for page in ("anh-video/hop-dan/", "anh-video/le-hoi/", "cong-khai-ngan-sach/du-toan-2026/"):
            assert axe_violations(chrome, f"{base}tinh-a/xa-b/{page}", width=360) == [], page


def test_plans_budget_reports_and_disclosures_have_their_own_feeds(portal: Path, tmp_path: Path) -> None:
    import feedparser

    out = tmp_path / "out"
    assert run("build", str(portal), "-o", str(out), "--now", "2026-11-27").exit_code == 0
    feed = feedparser.parse((out / "tinh-a/xa-b/cong-khai-ngan-sach/rss.xml").read_bytes())
    assert not feed.bozo and feed.feed.title == "Xã B – Công khai ngân sách"
    assert [e.link for e in feed.entries] == [
        "https://thu-nghiem.example.gov.vn/tinh-a/xa-b/cong-khai-ngan-sach/thuc-hien-quy-3-2026/",
        "https://thu-nghiem.example.gov.vn/tinh-a/xa-b/cong-khai-ngan-sach/du-toan-2026/"]  # newest first
    for address in ("ke-hoach", "thong-tin-cong-khai"):
        assert not feedparser.parse((out / f"tinh-a/xa-b/{address}/rss.xml").read_bytes()).bozo
    assert not (out / "tinh-a/xa-b/anh-video/rss.xml").exists()


def test_the_dashboard_shows_each_new_obligation_with_its_legal_basis(portal: Path, tmp_path: Path) -> None:
    (portal / "tinh-a/xa-b/disclosures/phi-le-phi.md").unlink()
    _edit(portal / "tinh-a/xa-b/budget/thuc-hien-quy-3-2026.md", "published: 2026-10-08", "published: 2026-10-16")
    out = tmp_path / "bang-theo-doi"
    assert run("report", str(portal), "-o", str(out), "--now", "2026-11-27").exit_code == 0
    units = {u["path"]: u for u in json.loads((out / "bang-theo-doi.json").read_text(encoding="utf-8"))["units"]}
    states = {s["id"]: s for s in units["tinh-a/xa-b"]["states"]}
    assert {name for name in NEW if name != "statistics"} <= set(states)  # statistics: province only
    assert states["commune-fees"]["state"] == "missing"
    assert states["commune-fees"]["basis"] == "Luật Thực hiện dân chủ ở cơ sở 2022"
    assert states["budget-disclosure"]["state"] == "late" and "15/10/2026" in states["budget-disclosure"]["details"][0]
    assert "statistics" not in {s["id"] for s in units["tinh-a/phuong-c"]["states"]}
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "Nghị định 163/2016/NĐ-CP, Điều 49" in page
