"""``portalgen init``: a working portal for a real province or a CSV of units; ``new unit`` names
and types units as init does and quotes number-like text."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from pathlib import Path

import pytest

from portalgen import scaffold, units
from portalgen.check import check_portal
from portalgen.failures import UsageFailure

from conftest import PROJECT, run
from htmlcheck import broken_links
from portal_builder import portal_2025

NOW = "2026-11-27"
#: A plain YAML scalar that YAML 1.2's core schema reads as a number (VS Code, web editors).
YAML12_NUMBER = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+")


def _plain_numbers(text: str) -> list[str]:
    """The lines of a YAML text whose plain value a YAML 1.2 reader would take for a number."""
    found = []
    for line in text.splitlines():
        key, sep, value = line.partition(": ")
        if sep and not key.lstrip().startswith("#") and YAML12_NUMBER.fullmatch(value.strip()):
            found.append(line)
    return found


def _problems(root: Path) -> list[str]:
    result = check_portal(root, dt.datetime(2026, 11, 27, 12))
    assert not result.config_failed
    return [f"{p.source.render()} {p.code}" for p in result.problems]


def test_a_province_gives_a_portal_that_checks_and_builds_without_broken_links(tmp_path: Path) -> None:
    root = tmp_path / "cong"
    result = run("init", str(root), "--province", "quang ninh")
    assert result.exit_code == 0, result.output
    province = units.find_province("22")
    assert len(province.units) >= 50
    unit_files = sorted(root.rglob("unit.yaml"))
    assert len(unit_files) == 1 + len(province.units)
    assert f"{1 + len(province.units)} đơn vị" in result.output
    assert [p for p in _problems(root) if not p.split()[-1].startswith("COMPLIANCE_")] == []
    for path in unit_files:
        assert _plain_numbers(path.read_text(encoding="utf-8")) == [], path
    top = (root / "quang-ninh/unit.yaml").read_text(encoding="utf-8")
    assert 'code: "22"\n' in top and "type: tinh\n" in top and "agency: Ủy ban nhân dân tỉnh Quảng Ninh\n" in top
    ward = (root / "quang-ninh/ha-long/unit.yaml").read_text(encoding="utf-8")
    assert "name: Phường Hạ Long\n" in ward and "type: phuong\n" in ward and "level: commune\n" in ward
    zone = (root / "quang-ninh/van-don/unit.yaml").read_text(encoding="utf-8")
    assert "type: dac-khu\n" in zone and "agency: Ủy ban nhân dân đặc khu Vân Đồn\n" in zone
    assert "unit_types: [xa, phuong, dac-khu]" in (root / "portal.yaml").read_text(encoding="utf-8")

    out = tmp_path / "public"
    built = run("build", str(root), "-o", str(out), "--now", NOW)
    assert built.exit_code == 0, built.output
    for path in unit_files:
        assert (out / path.parent.relative_to(root) / "index.html").is_file(), path
    assert broken_links(out, base_url="https://quangninh.gov.vn/") == []
    home = (out / "quang-ninh/index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<a href="([a-z0-9-]+)/">(?:Xã|Phường|Đặc khu) ', home)
    codes = [re.search(r'code: "(\d+)"', (root / "quang-ninh" / slug / "unit.yaml").read_text("utf-8"))[1]
             for slug in dict.fromkeys(listed)]
    assert codes == sorted(codes) and len(codes) == len(province.units)  # by official code


def test_same_province_same_bytes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert run("init", str(tmp_path / name), "--province", "Tỉnh Cao Bằng").exit_code == 0
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files and all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)


@pytest.mark.parametrize(("query", "code"), [
    ("22", "22"), ("1", "01"), ("Ninh Bình", "37"), ("ninh binh", "37"), ("Tỉnh Ninh Bình", "37"),
    ("Thành phố Hà Nội", "01"), ("ha noi", "01"), ("HỒ CHÍ MINH", "79"), ("dak lak", "66")])
def test_province_by_code_or_name(query: str, code: str) -> None:
    assert units.find_province(query).code == code


@pytest.mark.parametrize(("query", "code", "listed"), [
    ("thanh pho", "INIT_PROVINCE_AMBIGUOUS", "01 Thành phố Hà Nội, 31 Thành phố Hải Phòng"),
    ("Nam Định", "INIT_PROVINCE_UNKNOWN", "37 Tỉnh Ninh Bình"),
    ("99", "INIT_PROVINCE_UNKNOWN", "96 Tỉnh Cà Mau"),
])
def test_unknown_or_ambiguous_province_lists_the_choices(query: str, code: str, listed: str, tmp_path: Path) -> None:
    with pytest.raises(UsageFailure) as caught:
        units.find_province(query)
    assert caught.value.code == code
    result = run("init", str(tmp_path / "p"), "--province", query)
    assert result.exit_code == 2 and listed in result.output
    assert not (tmp_path / "p").exists()


def test_a_folder_with_a_portal_is_refused(tmp_path: Path) -> None:
    (tmp_path / "portal.yaml").write_text("name: X\n", encoding="utf-8")
    for lang, words in (("vi", "đã có portal.yaml"), ("en", "already holds portal.yaml")):
        result = run("init", str(tmp_path), "--province", "22", "--lang", lang)
        assert result.exit_code == 2 and words in result.output
    assert (tmp_path / "portal.yaml").read_text(encoding="utf-8") == "name: X\n"
    assert [p.name for p in tmp_path.iterdir()] == ["portal.yaml"]


@pytest.mark.parametrize("args", [(), ("--province", "22", "--units", "x.csv")])
def test_one_source_of_units(args: tuple[str, ...], tmp_path: Path) -> None:
    result = run("init", str(tmp_path / "p"), *args)
    assert result.exit_code == 2 and "--units" in result.output


CSV = """\
code,name,type,parent
22,Tỉnh Quảng Ninh,,
06994,Xã Tân Phú,,22
07000,Phường Tân Phú,,22
07030,Cẩm Phả,phuong,22
"""


def test_units_from_a_csv(tmp_path: Path) -> None:
    source = tmp_path / "don-vi.csv"
    source.write_text(CSV, encoding="utf-8")
    root = tmp_path / "p"
    result = run("init", str(root), "--units", str(source), "--base-url", "https://qn.example.gov.vn/")
    assert result.exit_code == 0, result.output
    assert sorted(str(p.parent.relative_to(root)) for p in root.rglob("unit.yaml")) == [
        "quang-ninh", "quang-ninh/cam-pha", "quang-ninh/phuong-tan-phu", "quang-ninh/xa-tan-phu"]
    text = (root / "quang-ninh/xa-tan-phu/unit.yaml").read_text(encoding="utf-8")
    assert 'code: "06994"\n' in text and "type: xa\n" in text
    assert "type: phuong\n" in (root / "quang-ninh/cam-pha/unit.yaml").read_text(encoding="utf-8")
    assert "base_url: https://qn.example.gov.vn/\n" in (root / "portal.yaml").read_text(encoding="utf-8")
    assert [p for p in _problems(root) if not p.split()[-1].startswith("COMPLIANCE_")] == []
    source.write_text("\ufeff" + CSV.replace(",", ";"), encoding="utf-8")  # as Excel may save it
    assert run("init", str(tmp_path / "q"), "--units", str(source)).exit_code == 0
    assert (tmp_path / "q/quang-ninh/phuong-tan-phu/unit.yaml").is_file()


@pytest.mark.parametrize(("rows", "words"), [
    ("22,Tỉnh Quảng Ninh,,\n6994,Xã A,,22\n", "dòng 3 (Xã A): mã “6994” phải có đúng 5 chữ số"),
    ("22,Tỉnh Quảng Ninh,,\n06994,Làng A,,22\n", "dòng 3 (Làng A): loại “”"),
    ("22,Tỉnh Quảng Ninh,,\n06994,Xã A,,23\n", "dòng 3: đơn vị 06994 có cấp trên 23"),
    ("22,Tỉnh Quảng Ninh,,\n22,Tỉnh Quảng Ninh,,\n", "dòng 3: mã 22 đã có ở dòng 2"),
    ("", "không có đơn vị nào"),
])
def test_csv_mistakes_name_the_line(rows: str, words: str, tmp_path: Path) -> None:
    source = tmp_path / "don-vi.csv"
    source.write_text("code,name,type,parent\n" + rows, encoding="utf-8")
    result = run("init", str(tmp_path / "p"), "--units", str(source))
    assert result.exit_code == 2 and words in result.output, result.output
    source.write_text("ma,ten\n", encoding="utf-8")
    assert "code,name,type,parent" in run("init", str(tmp_path / "p"), "--units", str(source)).output


@pytest.mark.parametrize(("title", "folder", "type_"), [
    ("Xã Đông Ngũ", "dong-ngu", "xa"), ("Phường Hạ Long", "ha-long", "phuong"),
    ("Đặc khu Vân Đồn", "van-don", "dac-khu"), ("phường Bãi Cháy", "bai-chay", "phuong")])
def test_new_unit_takes_its_type_from_its_name_and_quotes_numbers(title: str, folder: str, type_: str,
                                                                  tmp_path: Path) -> None:
    root = portal_2025(tmp_path / "p")
    result = run("new", "unit", "--unit", str(root / "tinh-a"), "--title", title, "--set", "code=06994",
                 "--set", "contacts.phone=0203 3835 555", "--set", "contacts.fax=02033835556")
    assert result.exit_code == 0, result.output
    text = (root / "tinh-a" / folder / "unit.yaml").read_text(encoding="utf-8")
    assert f"type: {type_}\n" in text and 'code: "06994"\n' in text
    assert '  phone: "0203 3835 555"\n' in text and '  fax: "02033835556"\n' in text
    assert _plain_numbers(text) == []


def test_new_unit_beside_a_unit_of_the_same_name_keeps_the_type_word(tmp_path: Path) -> None:
    root = portal_2025(tmp_path / "p")
    for title, code in (("Xã Tân Phú", "14300"), ("Phường Tân Phú", "14301")):
        result = run("new", "unit", "--unit", str(root / "tinh-a"), "--title", title, "--set", f"code={code}")
        assert result.exit_code == 0, result.output
    assert "name: Phường Tân Phú\n" in (root / "tinh-a/phuong-tan-phu/unit.yaml").read_text(encoding="utf-8")
    assert "name: Xã Tân Phú\n" in (root / "tinh-a/tan-phu/unit.yaml").read_text(encoding="utf-8")


def test_new_unit_asks_for_the_fields_of_a_group_by_their_full_name(tmp_path: Path) -> None:
    node = {"required": ["code", "contacts"], "properties": {
        "code": {"title": "Mã"}, "contacts": {"type": "object", "required": ["phone"],
                                              "properties": {"phone": {"title": "Điện thoại"}}}}}
    assert scaffold._missing({}, node) == [("code", "Mã"), ("contacts.phone", "Điện thoại")]
    root = portal_2025(tmp_path / "p")
    result = run("new", "unit", "--unit", str(root / "tinh-a"), "--title", "Xã Mới")
    assert result.exit_code == 2 and "Thêm --set code=…." in result.output and "contacts" not in result.output


def test_new_unit_in_a_folder_without_a_portal_points_to_init(tmp_path: Path) -> None:
    result = run("new", "unit", "--unit", str(tmp_path), "--title", "Xã A")
    assert result.exit_code == 2 and "portal.yaml" in result.output and "portalgen init" in result.output


def test_the_shipped_list() -> None:
    provinces = units.provinces()
    assert len(provinces) == 34 and sum(len(p.units) for p in provinces) == 3321
    assert [p.code for p in provinces] == sorted(p.code for p in provinces)
    for p in provinces:
        assert len(p.code) == 2 and units.type_of(p.name, ["tinh", "thanh-pho-truc-thuoc-trung-uong"]) == p.type
        assert [u.code for u in p.units] == sorted(u.code for u in p.units)
        assert all(len(u.code) == 5 and units.type_of(u.name, ["xa", "phuong", "dac-khu"]) == u.type
                   for u in p.units)


def test_the_data_file_is_derived_from_the_source_list(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("units_data", PROJECT / "tools/units_data.py")
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    source = json.dumps({"data": [
        {"level1_id": "22", "name": "Tỉnh Quảng Ninh", "merges": [], "level2s": [
            {"level2_id": "07030", "name": "Đặc khu Vân Đồn", "merges": [{"old_id": "1"}]},
            {"level2_id": "06994", "name": "Phường Hạ Long", "merges": []}]},
        {"level1_id": "01", "name": "Thành phố Hà Nội", "merges": [], "level2s": []}]}).encode()
    derived = tool.derive(source)
    assert derived["provinces"] == [
        {"code": "01", "name": "Thành phố Hà Nội", "type": "thanh-pho-truc-thuoc-trung-uong", "units": []},
        {"code": "22", "name": "Tỉnh Quảng Ninh", "type": "tinh",
         "units": [["06994", "Phường Hạ Long", "phuong"], ["07030", "Đặc khu Vân Đồn", "dac-khu"]]}]
    shipped = json.loads((PROJECT / "portalgen/data/units-2025-07-01.json").read_text(encoding="utf-8"))
    assert shipped["source"]["sha256"] == "7d4f8cb5ed4be203589faeb9978957e5dc8bb982bc42680b9c2f044ce0e8795a"
    assert {k: v for k, v in derived["source"].items() if k != "sha256"} == {
        k: v for k, v in shipped["source"].items() if k != "sha256"}
