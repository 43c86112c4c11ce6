"""``portalgen new``: every content type gives a file that passes ``check``; nothing is overwritten."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from PIL import Image

from portalgen import scaffold, schema
from portalgen.authoring import yaml_field
from portalgen.check import check_portal
from portalgen.problems import Severity
from portalgen.sources import read_portal

from conftest import THREE_LEVEL, run
from portal_builder import PDF, portal_2025, write

NOW = "2026-11-27T09:15"


def _requests(unit: str, pdf: Path, new_unit_code: str, photo: Path) -> list[tuple[str, ...]]:
    """One ``portalgen new`` per type, with only what the command cannot infer."""
    return [
        ("news", "--unit", unit, "--title", "Hội nghị tổng kết công tác năm 2026"),
        ("news", "--unit", unit, "--title", "Tin có tệp đính kèm", "--file", str(pdf)),
        ("page", "--unit", unit, "--title", "Lịch sử hình thành"),
        ("document", "--unit", unit, "--title", "Về việc ban hành kế hoạch chuyển đổi số",
         "--set", "number=70/QĐ-UBND", "--set", "type=Quyết định", "--file", str(pdf)),
        ("procedure", "--unit", unit, "--title", "Đăng ký giám hộ", "--set", "code=1.000123",
         "--set", "field=Hộ tịch", "--set", "steps=Nộp hồ sơ", "--set", "processing_time=3 ngày làm việc"),
        ("schedule", "--unit", unit, "--title", "Họp giao ban", "--set", "week=2026-W50"),
        ("consultation", "--unit", unit, "--title", "Dự thảo kế hoạch năm 2027", "--file", str(pdf)),
        ("procurement", "--unit", unit, "--title", "Mua sắm máy tính"),
        ("faq", "--unit", unit, "--title", "Đăng ký tạm trú thế nào?"),
        ("plan", "--unit", unit, "--title", "Kế hoạch chuyển đổi số năm 2027"),
        ("budget", "--unit", unit, "--title", "Công khai dự toán ngân sách năm 2027", "--file", str(pdf)),
        ("disclosure", "--unit", unit, "--title", "Tuyên truyền Luật Đất đai"),
        ("media", "--unit", unit, "--title", "Lễ hội làng", "--file", str(photo)),
    ], ("unit", "--unit", unit, "--title", "Xã Mỹ Thành", "--set", f"code={new_unit_code}",
        "--set", "contacts.address=Thôn Đông", "--set", "contacts.phone=0228 3800 111",
        "--set", "contacts.email=ubnd@mythanh.gov.vn")


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    shutil.copytree(THREE_LEVEL, tmp_path / "sites")
    return tmp_path / "sites"


def _errors(root: Path) -> list[str]:
    result = check_portal(root, dt.datetime(2026, 11, 27, 12))
    assert not result.config_failed
    return [f"{p.source.render()} {p.code} {p.message()}" for p in result.problems if p.severity == Severity.ERROR]


@pytest.mark.parametrize("layout", ["demo", "post-2025"])
def test_every_type_passes_check(layout: str, tmp_path: Path, demo_copy: Path) -> None:
    if layout == "demo":
        root, parent, child, code = demo_copy, "nam-dinh/my-loc/my-tan", "nam-dinh/my-loc", "13690"
    else:
        root = portal_2025(tmp_path / "p2025")
        parent, child, code = "tinh-a/xa-b", "tinh-a", "14290"
    pdf = write(tmp_path, "Dự thảo kế hoạch.pdf", PDF)
    photo = tmp_path / "Rước kiệu.png"
    Image.new("RGB", (32, 24), (180, 40, 40)).save(photo)
    before = {r.path for u in read_portal(root).units for rs in u.items.values() for r in rs}
    items, new_unit = _requests(str(root / parent), pdf, code, photo)
    for args in items + [tuple(str(root / child) if a == str(root / parent) else a for a in new_unit)]:
        result = run("new", *args, "--now", NOW)
        assert result.exit_code == 0, (args, result.output)
    portal = read_portal(root)
    created = {r.path for u in portal.units for rs in u.items.values() for r in rs} - before
    kinds = {r.kind for u in portal.units for rs in u.items.values() for r in rs if r.path in created}
    assert kinds == set(scaffold.FOLDERS)
    assert any(u.path.endswith("/my-thanh") for u in portal.units)
    assert _errors(root) == []


def test_text_comes_from_the_schema(demo_copy: Path) -> None:
    unit = demo_copy / "nam-dinh"
    assert run("new", "news", "--unit", str(unit), "--title", "Tin mới", "--now", NOW).exit_code == 0
    text = (unit / "news/2026/tin-moi.md").read_text(encoding="utf-8")
    news = schema.load_schemas()["news"]
    for name, node in news["properties"].items():
        assert f"# {node['title']}" in text
        assert f"\n{name}:" in text or f"\n# {name}:" in text
    assert "date: 2026-11-27 09:15\n" in text and "status: draft\n" in text
    assert "category: tin-hoat-dong\n" in text and "kinh-te (Kinh tế)" in text
    assert text.startswith("---\n") and text.endswith("---\n\n")


def test_same_input_same_bytes(tmp_path: Path) -> None:
    texts = []
    for name in ("a", "b"):
        root = portal_2025(tmp_path / name)
        assert run("new", "faq", "--unit", str(root / "tinh-a"), "--title", "Câu hỏi?", "--now", NOW).exit_code == 0
        texts.append((root / "tinh-a/questions/cau-hoi.yaml").read_bytes())
    assert texts[0] == texts[1]


def test_never_overwrites(demo_copy: Path) -> None:
    unit = demo_copy / "nam-dinh"
    target = unit / "news/2026/chu-dong-ung-pho-bao-so-8.md"
    before = target.read_bytes()
    result = run("new", "news", "--unit", str(unit), "--title", "Chủ động ứng phó bão số 8", "--now", NOW)
    assert result.exit_code == 2 and "không ghi đè" in result.output
    assert target.read_bytes() == before
    # a slug used in another year's folder is taken too (slugs are unique per section)
    result = run("new", "news", "--unit", str(unit), "--title", "Chủ động ứng phó bão số 8", "--now", "2027-01-02")
    assert result.exit_code == 2 and not (unit / "news/2027").exists()
    result = run("new", "schedule", "--unit", str(unit), "--title", "Họp", "--now", NOW, "--lang", "en")
    assert result.exit_code == 2 and "already exists" in result.output


@pytest.mark.parametrize("args, message", [
    (("document", "--title", "Về việc"), "number (Số, ký hiệu); type (Hình thức văn bản); files (Tệp văn bản)"),
    (("document", "--title", "X", "--set", "numbr=1"), "Có phải ý bạn là “number”?"),
    (("document", "--title", "X", "--set", "number=1", "--set", "type=Quyet dinh", "--file", "{pdf}"),
     "“Quyet dinh”"),
    (("page", "--title", "X", "--set", "order=first"), "--set order=…"),
    (("page", "--title", "X", "--set", "order"), "TRƯỜNG=GIÁ_TRỊ"),
    (("page", "--title", "X", "--file", "{pdf}"), "không có tệp đính kèm"),
    (("news", "--title", "X", "--file", "khong-co.pdf"), "không có tệp “khong-co.pdf”"),
    (("news", "--title", "X", "--slug", "Tin Mới"), "--slug tin-moi"),
    (("news", "--title", "   "), "--title"),
    (("unit", "--title", "Xóm A", "--set", "code=1"), "cấp thấp nhất"),
    (("schedule", "--set", "week=2026-W50"), "--title"),
])
def test_usage_errors(args: tuple[str, ...], message: str, demo_copy: Path, tmp_path: Path) -> None:
    pdf = write(tmp_path, "qd.pdf", PDF)
    unit = demo_copy / "nam-dinh/my-loc/my-tan"
    before = sorted(p for p in unit.rglob("*"))
    result = run("new", args[0], "--unit", str(unit), *(a.replace("{pdf}", str(pdf)) for a in args[1:]), "--now", NOW)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert sorted(p for p in unit.rglob("*")) == before


def test_date_only_now(tmp_path: Path) -> None:
    root = portal_2025(tmp_path / "p")
    unit = root / "tinh-a/xa-b"
    assert run("new", "schedule", "--unit", str(unit), "--title", "Họp", "--now", "2026-12-02",
               "--set", "week=2026-W49").exit_code == 0
    assert run("new", "news", "--unit", str(unit), "--title", "Tin", "--now", "2026-12-02").exit_code == 0
    schedule = (unit / "schedule/2026-W49.yaml").read_text(encoding="utf-8")
    assert "- date: '2026-12-02'\n" in schedule or "- date: 2026-12-02\n" in schedule
    assert "time:" not in schedule.replace("# time", "")
    assert "date: 2026-12-02\n" in (unit / "news/2026/tin.md").read_text(encoding="utf-8")
    assert _errors(root) == []


def test_not_a_unit(tmp_path: Path) -> None:
    result = run("new", "news", "--unit", str(tmp_path), "--title", "X")
    assert result.exit_code == 2 and "không phải thư mục của một đơn vị" in result.output
    result = run("new", "news", "--unit", str(tmp_path / "khong-co"), "--title", "X", "--lang", "en")
    assert result.exit_code == 2 and "There is no folder" in result.output


def test_root_unit_from_portal_folder(tmp_path: Path) -> None:
    root = portal_2025(tmp_path / "p")
    result = run("new", "unit", "--unit", str(root), "--title", "Tỉnh Mới", "--set", "code=38",
                 "--set", "contacts.address=Số 1", "--set", "contacts.phone=0228 3800 111",
                 "--set", "contacts.email=vp@tinhmoi.gov.vn", "--now", NOW)
    assert result.exit_code == 0, result.output
    text = (root / "moi/unit.yaml").read_text(encoding="utf-8")
    assert "level: province\n" in text and "type: tinh\n" in text
    assert "agency: Ủy ban nhân dân tỉnh Mới\n" in text


UNIT_FIELDS = ("--set", "contacts.address=Thôn Đông", "--set", "contacts.phone=0228 3800 111",
               "--set", "contacts.email=ubnd@xa.gov.vn")


def test_a_unit_named_like_an_address_gets_a_name_that_passes_check(demo_copy: Path) -> None:
    result = run("new", "unit", "--unit", str(demo_copy / "nam-dinh"), "--title", "Xã Tin Tức",
                 "--set", "code=13999", *UNIT_FIELDS, "--now", NOW)
    assert result.exit_code == 0, result.output
    assert (demo_copy / "nam-dinh/xa-tin-tuc/unit.yaml").is_file()  # not tin-tuc/, the news address
    refused = run("new", "unit", "--unit", str(demo_copy / "nam-dinh"), "--title", "Xã Văn Bàn", "--slug", "van-ban",
                  "--set", "code=13998", *UNIT_FIELDS, "--now", NOW)
    assert refused.exit_code == 2 and "van-ban/" in refused.output and "--slug van-ban-don-vi" in refused.output
    assert not (demo_copy / "nam-dinh/van-ban").exists()


def test_yaml_fields_read_back_exactly_one_line_per_value() -> None:
    long = ("Về việc " + "triển khai kế hoạch " * 10).strip()
    assert yaml_field("summary", long) == f"summary: {long}"
    assert yaml_field("date", "2026-11-27") == "date: 2026-11-27"
    assert yaml_field("status", "yes") == "status: 'yes'"
    assert yaml_field("entries", [{"date": "2026-12-07", "content": "Họp"}]) == \
        "entries:\n- date: 2026-12-07\n  content: Họp"
