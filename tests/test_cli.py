"""The check command: exit codes, options, output formats, configuration errors."""

from __future__ import annotations

import json

import pytest

from conftest import DEMO, FIXTURES, PROJECT, THREE_LEVEL, run, run_json
from portal_builder import PORTAL_2025, portal_2025, write

NOW = "2026-11-27"


@pytest.fixture
def portal(tmp_path):
    return portal_2025(tmp_path / "portal")


def test_clean_post_2025_portal_passes_with_no_problem(portal):
    result = run("check", str(portal), "--now", NOW)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Đã kiểm tra 3 đơn vị, 63 tệp: 0 lỗi, 0 cảnh báo."


def test_demo_portal_passes_with_only_the_scanned_pdf_warning():
    report = run_json("check", str(THREE_LEVEL), "--now", NOW)
    assert report["summary"]["ok"], report
    assert [(p["code"], p["file"]) for p in report["problems"]] == [
        ("PDF_NO_TEXT", "nam-dinh/documents/ct-12-2026.yaml")]


def test_warnings_fail_only_under_strict(portal):
    (portal / "tinh-a/xa-b/schedule/2026-W48.yaml").unlink()
    relaxed = run("check", str(portal), "--now", NOW)
    assert relaxed.exit_code == 0
    assert "warning COMPLIANCE_STALE" in relaxed.output
    strict = run("check", str(portal), "--now", NOW, "--strict")
    assert strict.exit_code == 1
    assert "error COMPLIANCE_STALE" in strict.output


def test_freshness_follows_now(portal):
    report = run_json("check", str(portal), "--now", "2027-02-01")
    codes = {(p["unit"], p["code"]) for p in report["problems"]}
    assert ("tinh-a/xa-b", "COMPLIANCE_STALE") in codes


def test_draft_and_future_news_do_not_count_as_fresh(portal):
    news = portal / "tinh-a/xa-b/news/2026/hoi-nghi.md"
    news.write_text(news.read_text(encoding="utf-8").replace("status: published", "status: draft"), encoding="utf-8")
    other = portal / "tinh-a/phuong-c/news/2026/hoi-nghi.md"
    other.write_text(other.read_text(encoding="utf-8").replace("---\nSáng", "publish_at: 2026-12-01\n---\nSáng"),
                     encoding="utf-8")
    report = run_json("check", str(portal), "--now", NOW)
    missing = {p["unit"] for p in report["problems"] if p["code"] == "COMPLIANCE_MISSING" and p["field"] == "news"}
    assert missing == {"tinh-a/xa-b", "tinh-a/phuong-c"}


def test_policy_override_and_disable(portal):
    write(portal, "portal.yaml", PORTAL_2025 + "policy:\n  disabled: [schedule-current-week]\n"
                                              "  overrides:\n    news-fresh: {max_age_days: 1}\n")
    (portal / "tinh-a/schedule/2026-W48.yaml").unlink()
    report = run_json("check", str(portal), "--now", NOW)
    codes = [(p["unit"], p["code"]) for p in report["problems"]]
    assert ("tinh-a", "COMPLIANCE_STALE") in codes  # news two days old, limit 1 day
    assert all("W48" not in p["message"] for p in report["problems"])


def test_approval_can_be_relaxed(portal):
    news = portal / "tinh-a/news/2026/hoi-nghi.md"
    news.write_text(news.read_text(encoding="utf-8").replace("approved_by: Chánh Văn phòng\n", ""), encoding="utf-8")
    assert run("check", str(portal), "--now", NOW).exit_code == 1
    write(portal, "portal.yaml", PORTAL_2025 + "policy:\n  require_approval: false\n")
    assert run("check", str(portal), "--now", NOW).exit_code == 0


@pytest.mark.parametrize("config, code", [
    (None, "CONFIG_MISSING"),
    (PORTAL_2025.replace("nd42-2022", "nd99-2030"), "REGIME_UNKNOWN"),
    (PORTAL_2025.replace("code_digits: 5, unit_types: [xa", "code_digits: 5, unit_types: [tinh, xa"), "LEVELS_INVALID"),
    (PORTAL_2025 + "policy:\n  disabled: [news-fres]\n", "POLICY_UNKNOWN_OBLIGATION"),
    (PORTAL_2025.replace("name: Cổng thử nghiệm\n", ""), "FIELD_MISSING"),
    ("name: [unclosed\n", "YAML_BRACKET_UNCLOSED"),
])
def test_configuration_errors_exit_2(portal, config, code):
    if config is None:
        (portal / "portal.yaml").unlink()
    else:
        write(portal, "portal.yaml", config)
    result = run("check", str(portal), "--now", NOW, "--format", "json")
    assert result.exit_code == 2
    assert code in {p["code"] for p in json.loads(result.output)["problems"]}


def test_portal_without_units(tmp_path):
    write(tmp_path, "portal.yaml", PORTAL_2025)
    result = run("check", str(tmp_path), "--now", NOW)
    assert result.exit_code == 1
    assert "NO_UNITS" in result.output


@pytest.mark.parametrize("args", [
    ["check", "does-not-exist"],
    ["check", str(FIXTURES / "broken"), "--now", "hôm qua"],
    ["check", str(FIXTURES / "broken"), "--unit", "tinh-a/khong-co"],
    ["check", str(FIXTURES / "broken"), "--format", "xml"],
])
def test_usage_errors_exit_2(args):
    assert run(*args).exit_code == 2


def test_github_annotations():
    result = run("check", str(FIXTURES / "broken"), "--now", NOW, "--format", "github")
    lines = result.output.splitlines()
    assert "::error file=tests/fixtures/broken/tinh-a/news/2026/sai-ngay.md,line=3,col=1,title=DATE_INVALID::" \
           "“2026-13-45” ở trường “date” (Ngày đăng) không phải ngày hợp lệ.%0AViết ngày" in "\n".join(lines)
    assert any(line.startswith("::warning file=") for line in lines)
    assert all(line.startswith("::") for line in lines[:-1])


def test_gitlab_code_quality_report():
    result = run("check", str(FIXTURES / "broken"), "--now", NOW, "--format", "gitlab")
    issues = json.loads(result.output)
    assert issues and len({i["fingerprint"] for i in issues}) == len(issues)
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"].startswith("tests/fixtures/broken/")
        assert issue["location"]["lines"]["begin"] >= 1


def test_default_portal_folder_is_sites(monkeypatch):
    monkeypatch.chdir(PROJECT)
    result = run("check", "--now", NOW)
    assert result.exit_code == 0, result.output


def test_source_date_epoch_sets_the_date(portal, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795737600")  # 2026-11-27 UTC
    assert run("check", str(portal)).exit_code == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1830000000")  # 2027-12-28
    assert run("check", str(portal)).exit_code == 0  # warnings only
    assert "COMPLIANCE_STALE" in run("check", str(portal)).output


@pytest.mark.parametrize("command", ["build", "report"])
def test_an_output_that_is_a_file_or_cannot_be_written_is_a_usage_error(portal, tmp_path, command):
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    result = run(command, str(portal), "-o", str(afile), "--now", "2026-11-27")
    assert result.exit_code == 2 and "không phải thư mục" in result.output
    result = run(command, str(portal), "-o", str(afile / "out"), "--now", "2026-11-27")
    assert result.exit_code == 2 and "Không ghi được thư mục kết quả" in result.output
    assert afile.read_text(encoding="utf-8") == "x"


def test_a_unit_with_schema_errors_does_not_blame_its_children(portal):
    unit_yaml = portal / "tinh-a/unit.yaml"
    unit_yaml.write_text(unit_yaml.read_text(encoding="utf-8") + "deploy:\n  - name: x\n    protocol: ftpp\n",
                         encoding="utf-8")
    found = run_json("check", str(portal), "--now", "2026-11-27")
    codes = {(p["file"], p["code"]) for p in found["problems"]}
    assert ("tinh-a/unit.yaml", "FIELD_ENUM") in codes
    assert not any(code == "UNIT_LEVEL_ORDER" for _, code in codes), codes


def test_a_build_with_nothing_to_do_imports_none_of_the_build_machinery(tmp_path):
    """The output holds for these inputs: the command line answers from the build's record, without
    importing the loader, the renderer or the templates (it starts in a tenth of a second)."""
    import subprocess
    import sys

    out = tmp_path / "public"
    script = ("import sys\nfrom portalgen.cli import main\n"
              f"args = ['build', {str(DEMO)!r}, '-o', {str(out)!r}, '--now', '2026-11-27', '--cache', "
              f"{str(tmp_path / 'cache')!r}]\n"
              "try:\n    main(args)\nexcept SystemExit as done:\n    print('exit', done.code)\n"
              "print(sorted(m for m in ('portalgen.build', 'portalgen.load', 'portalgen.render', 'jinja2')"
              " if m in sys.modules))\n")
    first = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert "exit 0" in first.stdout and "'portalgen.build'" in first.stdout, first.stdout + first.stderr
    again = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert again.stdout.splitlines()[-2:] == ["exit 0", "[]"], again.stdout + again.stderr
    assert "Nội dung không đổi so với lần dựng trước" in again.stdout
