"""One editor's mistake never stops the portal: a build publishes everything valid, holds back what
has an error (keeping its last good version, kept in the cache folder), and says so."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from portalgen import lastgood
from portalgen.isolation import decide
from portalgen.load import load_portal
from portalgen.problems import Severity, problem

from conftest import run
from portal_builder import NEWS, portal_2025, unit, write

NOW = "2026-11-27"
STORM = NEWS.replace("Hội nghị triển khai nhiệm vụ tháng 12", "Cảnh báo bão số 3").replace(
    "date: 2026-11-25", "date: 2026-11-26")
BROKEN_DATE = NEWS.replace("date: 2026-11-25", "date: 2026-13-45")


def _tree(folder: Path) -> dict[str, bytes]:
    """The output's files, without the dashboards (they list the problems, which differ)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "/bang-theo-doi/" not in "/" + p.relative_to(folder).as_posix()}


def _portal(root: Path) -> Path:
    """The test portal: a province with three communes."""
    portal = portal_2025(root)
    unit(portal, "tinh-a/xa-d", "14242", "Xã D", "xa", "commune")
    config = portal / "portal.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "dashboard: {enabled: true}\n", encoding="utf-8")
    return portal


def _storm(portal: Path) -> None:
    """The province's valid news of the day."""
    write(portal, "tinh-a/news/2026/canh-bao-bao.md", STORM)


def _mistakes(portal: Path) -> None:
    """A draft with an error (new), a published article and a document edited into an error, and a
    commune's broken unit.yaml."""
    write(portal, "tinh-a/xa-b/news/2026/nhap.md",
          BROKEN_DATE.replace("status: published", "status: draft"))
    write(portal, "tinh-a/phuong-c/news/2026/hoi-nghi.md", BROKEN_DATE.replace("Sáng 25/11", "Sáng 26/11"))
    write(portal, "tinh-a/documents/qd-15-2026.yaml",
          (portal / "tinh-a/documents/qd-15-2026.yaml").read_text(encoding="utf-8").replace(
              "Ban hành quy định thử nghiệm.", "Bản sửa."))
    write(portal, "tinh-a/documents/qd-15-2026.pdf", b"not a pdf")
    write(portal, "tinh-a/xa-d/unit.yaml", "code: [\n")
    write(portal, "tinh-a/xa-d/news/2026/moi.md", STORM)  # valid, but its unit is held back


def _build(portal: Path, out: Path, cache: Path, *extra: str):
    return run("build", str(portal), "-o", str(out), "--now", NOW, "--cache", str(cache), *extra)


@pytest.fixture
def reference(tmp_path) -> dict[str, bytes]:
    """The output of the portal with the day's valid edit and none of the mistakes."""
    portal = _portal(tmp_path / "reference")
    _storm(portal)
    result = run("build", str(portal), "-o", str(tmp_path / "reference-out"), "--now", NOW, "--no-cache")
    assert result.exit_code == 0, result.output
    return _tree(tmp_path / "reference-out")


def _check_held(result, out: Path, reference: dict[str, bytes]) -> None:
    assert result.exit_code == 4, result.output
    assert _tree(out) == reference
    report = result.output
    for path, code in (("tinh-a/xa-b/news/2026/nhap.md", "HELD_ITEM_NEW"),
                       ("tinh-a/phuong-c/news/2026/hoi-nghi.md", "HELD_ITEM_KEPT"),
                       ("tinh-a/documents/qd-15-2026.yaml", "HELD_ITEM_KEPT"),
                       ("tinh-a/xa-d/unit.yaml", "HELD_UNIT_KEPT")):
        assert f"{path}: info {code}" in report
    assert "tinh-a/xa-d/news/2026/moi.md" not in report  # the unit is named, not its items
    assert "COMPLIANCE_MISSING" not in report  # the obligations of the sites as published
    assert "giữ lại 3 tệp có lỗi và 1 đơn vị" in result.stderr
    dashboard = (out / "tinh-a/bang-theo-doi/index.html").read_text(encoding="utf-8")
    assert "Nội dung bị giữ lại vì có lỗi" in dashboard
    for path, state in (("tinh-a/xa-d/unit.yaml", "giữ bản đúng lần trước"),
                        ("tinh-a/xa-b/news/2026/nhap.md", "chưa đăng")):
        assert f"<code>{path}</code></th><td>{state}</td>" in dashboard


def test_mistakes_hold_back_only_what_they_touch_and_keep_the_last_good_versions(tmp_path, reference):
    portal, out, cache = _portal(tmp_path / "portal"), tmp_path / "public", tmp_path / "cache"
    assert _build(portal, out, cache).exit_code == 0
    _storm(portal)
    _mistakes(portal)
    _check_held(_build(portal, out, cache), out, reference)
    again = _build(portal, out, cache)  # nothing changed: the recorded result, the same code
    assert again.exit_code == 4 and "HELD_ITEM_KEPT" in again.output


def test_a_fresh_clone_with_only_the_cache_folder_restored_keeps_the_last_good_versions(tmp_path, reference):
    first = _portal(tmp_path / "run-1" / "sites")
    assert _build(first, tmp_path / "run-1" / "public", tmp_path / "run-1" / ".portalgen-cache").exit_code == 0
    clone = tmp_path / "run-2" / "sites"
    shutil.copytree(first, clone)  # a new checkout: the portal's files, no output, no build record
    _storm(clone)
    _mistakes(clone)
    shutil.copytree(tmp_path / "run-1" / ".portalgen-cache", tmp_path / "run-2" / ".portalgen-cache")
    out = tmp_path / "run-2" / "public"
    _check_held(_build(clone, out, tmp_path / "run-2" / ".portalgen-cache"), out, reference)


def test_fixing_the_mistakes_publishes_the_new_versions(tmp_path):
    portal, out, cache = _portal(tmp_path / "portal"), tmp_path / "public", tmp_path / "cache"
    assert _build(portal, out, cache).exit_code == 0
    write(portal, "tinh-a/phuong-c/news/2026/hoi-nghi.md", BROKEN_DATE.replace("Sáng 25/11", "Sáng 26/11"))
    assert _build(portal, out, cache).exit_code == 4
    page = out / "tinh-a/phuong-c/tin-tuc/hoi-nghi/index.html"
    assert "Sáng 25/11" in page.read_text(encoding="utf-8")
    write(portal, "tinh-a/phuong-c/news/2026/hoi-nghi.md", NEWS.replace("Sáng 25/11", "Sáng 26/11"))
    assert _build(portal, out, cache).exit_code == 0
    assert "Sáng 26/11" in page.read_text(encoding="utf-8")
    write(portal, "tinh-a/phuong-c/news/2026/hoi-nghi.md", BROKEN_DATE)  # broken again: the fixed one stays
    assert _build(portal, out, cache).exit_code == 4
    assert "Sáng 26/11" in page.read_text(encoding="utf-8")


def test_without_a_kept_version_a_held_item_is_not_published(tmp_path):
    portal, out = _portal(tmp_path / "portal"), tmp_path / "public"
    write(portal, "tinh-a/phuong-c/news/2026/hoi-nghi.md", BROKEN_DATE)
    result = run("build", str(portal), "-o", str(out), "--now", NOW, "--no-cache")
    assert result.exit_code == 4
    assert "tinh-a/phuong-c/news/2026/hoi-nghi.md: info HELD_ITEM_NEW" in result.output
    assert not (out / "tinh-a/phuong-c/tin-tuc/hoi-nghi").exists()
    assert (out / "tinh-a/tin-tuc/hoi-nghi/index.html").is_file()


def test_strict_keeps_all_or_nothing(tmp_path):
    portal, out, cache = _portal(tmp_path / "portal"), tmp_path / "public", tmp_path / "cache"
    assert _build(portal, out, cache).exit_code == 0
    before = _tree(out)
    write(portal, "tinh-a/xa-b/news/2026/nhap.md", BROKEN_DATE)
    result = _build(portal, out, cache, "--strict")
    assert result.exit_code == 1
    assert "Dừng dựng trang" in result.stderr
    assert _tree(out) == before


@pytest.mark.parametrize("path, text, code", [
    ("portal.yaml", "name: [\n", 2),
    ("themes/default/templates/base.html", "{% block %}\n", 1),
])
def test_portal_wide_errors_still_stop_everything(tmp_path, path, text, code):
    portal, out, cache = _portal(tmp_path / "portal"), tmp_path / "public", tmp_path / "cache"
    assert _build(portal, out, cache).exit_code == 0
    before = _tree(out)
    write(portal, path, text)
    result = _build(portal, out, cache)
    assert result.exit_code == code, result.output
    assert _tree(out) == before


def test_one_unit_is_judged_by_its_own_files(tmp_path):
    portal, out = _portal(tmp_path / "portal"), tmp_path / "public"
    write(portal, "tinh-a/xa-b/news/2026/nhap.md", BROKEN_DATE)
    write(portal, "tinh-a/xa-d/unit.yaml", "code: [\n")
    check = run("check", str(portal), "--unit", "tinh-a", "--now", NOW)
    assert check.exit_code == 0, check.output
    built = run("build", str(portal), "-o", str(out), "--unit", "tinh-a", "--now", NOW, "--no-cache")
    assert built.exit_code == 0, built.output
    assert "nhap.md" not in built.output and "xa-d" not in built.output
    assert run("build", str(portal), "-o", str(out), "--unit", "tinh-a/xa-b", "--now", NOW,
               "--no-cache").exit_code == 4


def test_two_portals_built_with_one_cache_keep_their_own_last_good_versions(tmp_path):
    """The cache folder is named relative to where the command runs: two portals built from one
    place must not take each other's kept units and items."""
    cache = tmp_path / "cache"
    first, second = _portal(tmp_path / "first"), _portal(tmp_path / "second")
    assert _build(first, tmp_path / "out-first", cache).exit_code == 0
    unit = second / "tinh-a/xa-b/unit.yaml"
    unit.write_text(unit.read_text(encoding="utf-8") + "base_url: ftp://x.example.gov.vn/\n", encoding="utf-8")
    result = _build(second, tmp_path / "out-second", cache)
    assert result.exit_code == 4
    assert "HELD_UNIT_NEW" in result.output and "HELD_UNIT_KEPT" not in result.output
    assert not (tmp_path / "out-second" / "tinh-a" / "xa-b").exists()


def test_a_damaged_store_is_ignored(tmp_path):
    portal, out, cache = _portal(tmp_path / "portal"), tmp_path / "public", tmp_path / "cache"
    assert _build(portal, out, cache).exit_code == 0
    index = lastgood.store_folder(cache, portal) / "index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    entry = data["records"]["tinh-a/phuong-c/news/2026/hoi-nghi.md"]
    data["records"]["tinh-a/../../../../hoi-nghi.md"] = entry  # leaves the store: none of it is trusted
    index.write_text(json.dumps(data), encoding="utf-8")
    write(portal, "tinh-a/phuong-c/news/2026/hoi-nghi.md", BROKEN_DATE)
    result = _build(portal, out, cache)
    assert result.exit_code == 4
    assert "HELD_ITEM_NEW" in result.output


def test_deploy_publishes_a_build_that_held_items_back(tmp_path):
    portal, out = _portal(tmp_path / "portal"), tmp_path / "public"
    config = portal / "portal.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\ndeploy:\n  - units: ['*']\n    target: "
                      f"{{name: web, protocol: folder, folder: '{tmp_path}/web/{{slug}}'}}\n", encoding="utf-8")
    write(portal, "tinh-a/xa-b/news/2026/nhap.md", BROKEN_DATE)
    assert run("build", str(portal), "-o", str(out), "--now", NOW, "--no-cache").exit_code == 4
    result = run("deploy", str(portal), "-o", str(out), "--now", NOW)
    assert result.exit_code == 4, result.output
    assert (tmp_path / "web" / "tinh-a" / "xa-b" / "index.html").is_file()
    assert "Đã đăng các phần đúng" in result.stderr
    assert (tmp_path / "web" / "tinh-a" / "index.html").is_file()


def test_the_report_lists_the_files_a_build_holds_back(tmp_path):
    portal = _portal(tmp_path / "portal")
    write(portal, "tinh-a/phuong-c/news/2026/hoi-nghi.md", BROKEN_DATE)
    assert run("report", str(portal), "-o", str(tmp_path / "report"), "--now", NOW).exit_code == 0
    data = json.loads((tmp_path / "report" / "bang-theo-doi.json").read_text(encoding="utf-8"))
    held = {u["path"]: u["held"] for u in data["units"]}
    assert held["tinh-a/phuong-c"] == [{"path": "tinh-a/phuong-c/news/2026/hoi-nghi.md", "state": "held",
                                        "errors": ["DATE_INVALID"]}]
    assert held["tinh-a"] == []


def test_a_held_unit_is_deployed_to_its_own_target(tmp_path):
    portal, out, cache = _portal(tmp_path / "portal"), tmp_path / "public", tmp_path / "cache"
    config = portal / "portal.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\ndeploy:\n  - units: ['*', '*/*']\n    target: "
                      f"{{name: web, protocol: folder, folder: '{tmp_path}/web/{{slug}}'}}\n", encoding="utf-8")
    assert _build(portal, out, cache).exit_code == 0
    write(portal, "tinh-a/xa-d/unit.yaml", "code: [\n")
    assert _build(portal, out, cache).exit_code == 4
    result = run("deploy", str(portal), "-o", str(out), "--now", NOW, "--cache", str(cache))
    assert result.exit_code == 4, result.output
    assert (tmp_path / "web/xa-d/index.html").is_file()
    assert not (tmp_path / "web/tinh-a/xa-d").exists()


def test_a_catalog_procedure_with_an_error_keeps_its_last_good_version_in_every_unit(tmp_path):
    portal, out, cache = _portal(tmp_path / "portal"), tmp_path / "public", tmp_path / "cache"
    assert _build(portal, out, cache).exit_code == 0
    before = _tree(out)
    write(portal, "catalog/procedures/commune/khai-sinh.yaml", "code: [\n")
    result = _build(portal, out, cache)
    assert result.exit_code == 4
    assert "catalog/procedures/commune/khai-sinh.yaml: info HELD_ITEM_KEPT" in result.output
    assert _tree(out) == before


def test_what_each_error_holds_back(tmp_path):
    loaded = load_portal(_portal(tmp_path / "portal"))

    def held(*problems):
        found = decide(problems, loaded.records, loaded.portal)
        return sorted(found.items), sorted(found.units), found.stops

    assert held(problem("FILE_CORRUPT", "tinh-a/documents/qd-15-2026.pdf", detail="pdf")) == (
        ["tinh-a/documents/qd-15-2026.yaml"], [], False)  # an error in a file an item points to
    assert held(problem("DATE_INVALID", "tinh-a/xa-b/news/2026/hoi-nghi.md", value="x")) == (
        ["tinh-a/xa-b/news/2026/hoi-nghi.md"], [], False)
    assert held(problem("YAML_SYNTAX", "tinh-a/xa-d/unit.yaml", detail="x")) == ([], ["tinh-a/xa-d"], False)
    assert held(problem("YAML_SYNTAX", "portal.yaml", detail="x")) == ([], [], True)
    assert held(problem("THEME_LINK", "themes/default/templates/base.html")) == ([], [], True)
    assert held(problem("COMPLIANCE_MISSING", "tinh-a/unit.yaml", severity=Severity.ERROR)) == ([], [], False)
    assert held(problem("FOLDER_UNKNOWN", "tinh-a/tin-tuc", severity=Severity.ERROR)) == ([], [], False)
