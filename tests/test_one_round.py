"""One check reports every problem at once, in a stable order, in Vietnamese: a YAML error does not
hide the rest of the portal, a schema error does not hide the rules that do not read the broken
field, and PyYAML's English never reaches a Vietnamese message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata

import pytest

from portalgen.load import load_portal

from conftest import PROJECT, run, run_json
from portal_builder import portal_2025, write

NOW = "2026-11-27"

BROKEN_NEWS = """\
---
title: Tin có lỗi
date: 2026-13-45
summary: Tóm tắt.
category: tin-hoat-dng
author: Văn phòng
status: published
image:
  src: khong-co.jpg
  alt: Ảnh
---
Nội dung.
"""


@pytest.fixture
def portal(tmp_path):
    return portal_2025(tmp_path / "portal")


def found(report: dict) -> set[tuple[str, str]]:
    return {(p["code"], p["file"]) for p in report["problems"]}


def test_a_yaml_error_hides_nothing_and_a_schema_error_hides_only_the_broken_field(portal):
    write(portal, "tinh-a/xa-b/news/2026/hoi-nghi.md", "---\ntitle: a\n\tsummary: b\n---\nNội dung.\n")
    write(portal, "tinh-a/phuong-c/news/2026/hoi-nghi.md", BROKEN_NEWS)
    unit = (portal / "tinh-a/xa-b/unit.yaml").read_text(encoding="utf-8")
    write(portal, "tinh-a/xa-b/unit.yaml", unit.replace("code:", "ma:"))
    (portal / "tinh-a/xa-b/documents/qd-15-2026.pdf").unlink()
    report = run_json("check", str(portal), "--now", NOW)
    news = "tinh-a/phuong-c/news/2026/hoi-nghi.md"
    assert {("YAML_TAB", "tinh-a/xa-b/news/2026/hoi-nghi.md"),
            ("FIELD_MISSING", "tinh-a/xa-b/unit.yaml"),
            ("FILE_MISSING", "tinh-a/xa-b/documents/qd-15-2026.yaml"),  # in a unit whose unit.yaml is broken
            ("DATE_INVALID", news), ("CATEGORY_UNKNOWN", news), ("FILE_MISSING", news)} <= found(report)


def test_a_broken_portal_yaml_does_not_hide_the_content_s_schema_errors(portal):
    write(portal, "portal.yaml", "name: [unclosed\n")
    write(portal, "tinh-a/phuong-c/news/2026/hoi-nghi.md", BROKEN_NEWS)
    result = run("check", str(portal), "--now", NOW, "--format", "json")
    assert result.exit_code == 2
    assert {("YAML_BRACKET_UNCLOSED", "portal.yaml"),
            ("DATE_INVALID", "tinh-a/phuong-c/news/2026/hoi-nghi.md")} <= found(json.loads(result.output))


def test_approval_and_date_order_run_on_a_record_with_another_broken_field(portal):
    text = BROKEN_NEWS.replace("category: tin-hoat-dng", "category: tin-hoat-dong").replace(
        "status: published\n", "status: published\npublish_at: 2026-11-20\nexpire_at: 2026-11-10\n")
    write(portal, "tinh-a/news/2026/hoi-nghi.md", text)
    problems = run_json("check", str(portal), "--now", NOW)["problems"]
    mine = {p["code"] for p in problems if p["file"] == "tinh-a/news/2026/hoi-nghi.md"}
    assert {"DATE_INVALID", "NEWS_NOT_APPROVED", "DATE_ORDER", "FILE_MISSING"} <= mine
    assert "CATEGORY_UNKNOWN" not in mine


def test_a_rule_reading_the_broken_field_is_skipped(portal):
    write(portal, "tinh-a/news/2026/hoi-nghi.md", BROKEN_NEWS.replace("category: tin-hoat-dng", "category: [a, b]"))
    problems = run_json("check", str(portal), "--now", NOW)["problems"]
    mine = {p["code"] for p in problems if p["file"] == "tinh-a/news/2026/hoi-nghi.md"}
    assert "FIELD_TYPE" in mine and "CATEGORY_UNKNOWN" not in mine and "FILE_MISSING" in mine


def test_an_unknown_field_named_like_the_file_s_own_path_or_slug_is_only_unknown(portal):
    write(portal, "tinh-a/news/2026/hoi-nghi.md", BROKEN_NEWS.replace("title:", "path: x\nslug: y\nbody: z\ntitle:"))
    problems = run_json("check", str(portal), "--now", NOW)["problems"]
    mine = {(p["code"], p["field"]) for p in problems if p["file"] == "tinh-a/news/2026/hoi-nghi.md"}
    assert {("FIELD_UNKNOWN", "path"), ("FIELD_UNKNOWN", "slug"), ("CATEGORY_UNKNOWN", "category")} <= mine


def test_a_record_with_errors_is_kept_out_of_the_model(portal):
    write(portal, "tinh-a/news/2026/hoi-nghi.md", BROKEN_NEWS)
    loaded = load_portal(portal)
    assert loaded.portal is not None
    assert loaded.portal.unit("tinh-a").news == ()
    held = [p for p in loaded.partial if p.path == "tinh-a/news/2026/hoi-nghi.md"]
    assert [(p.unit, p.folder, p.broken) for p in held] == [("tinh-a", "news", frozenset({"date"}))]


def test_compliance_says_the_file_exists_but_has_errors(portal):
    write(portal, "tinh-a/news/2026/hoi-nghi.md", BROKEN_NEWS.replace("category: tin-hoat-dng",
                                                                         "category: tin-hoat-dong"))
    schedule = (portal / "tinh-a/schedule/2026-W48.yaml").read_text(encoding="utf-8")
    write(portal, "tinh-a/schedule/2026-W48.yaml", schedule.replace("session: sang", "session: trua"))
    problems = run_json("check", str(portal), "--now", NOW)["problems"]
    tinh = [p for p in problems if p["file"] == "tinh-a/unit.yaml"]
    assert {(p["code"], p["field"]) for p in tinh} == {("COMPLIANCE_FILE_INVALID", "news"),
                                                        ("COMPLIANCE_FILE_INVALID", "schedule")}
    news = next(p for p in tinh if p["field"] == "news")
    assert "Tệp news/2026/hoi-nghi.md đã có nhưng đang có lỗi nên chưa được tính" in news["message"]
    english = run_json("check", str(portal), "--now", NOW, "--lang", "en")["problems"]
    assert any("exists but has errors, so it does not count" in p["message"] for p in english)


def test_the_dashboard_says_the_file_exists_but_has_errors(portal, tmp_path):
    write(portal, "tinh-a/news/2026/hoi-nghi.md", BROKEN_NEWS.replace("category: tin-hoat-dng",
                                                                         "category: tin-hoat-dong"))
    out = tmp_path / "bang-theo-doi"
    assert run("report", str(portal), "-o", str(out), "--now", NOW).exit_code == 0
    units = {u["path"]: u for u in json.loads((out / "bang-theo-doi.json").read_text(encoding="utf-8"))["units"]}
    news = [s for s in units["tinh-a"]["states"] if any("news/2026/hoi-nghi.md" in d for d in s["details"])]
    assert news and all(s["state"] == "missing" for s in news)
    assert all("đã có nhưng đang có lỗi" in d for s in news for d in s["details"])


def test_a_draft_with_errors_is_not_said_to_count(portal):
    write(portal, "tinh-a/news/2026/hoi-nghi.md", BROKEN_NEWS.replace("status: published", "status: draft"))
    problems = run_json("check", str(portal), "--now", NOW)["problems"]
    assert ("COMPLIANCE_MISSING", "news") in {(p["code"], p["field"]) for p in problems
                                             if p["file"] == "tinh-a/unit.yaml"}


def _shuffled_portal(portal):
    """Problems whose place and code are the same, told apart only by their arguments."""
    images = " ".join(f"![](anh-{n}.jpg)" for n in range(8))
    news = (portal / "tinh-a/news/2026/hoi-nghi.md").read_text(encoding="utf-8")
    write(portal, "tinh-a/news/2026/hoi-nghi.md", news + f"\n{images}\n")
    write(portal, "tinh-a/news/2026/sai.md", BROKEN_NEWS)
    write(portal, "tinh-a/news/ghi-chu.yaml", "a: 1\n")
    document = (portal / "tinh-a/documents/qd-15-2026.yaml").read_text(encoding="utf-8")
    write(portal, "tinh-a/documents/qd-15-2026.yaml", unicodedata.normalize("NFD", document))
    (portal / "tinh-a/xa-b/schedule/2026-W48.yaml").unlink()
    return portal


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_output_is_the_same_bytes_whatever_the_hash_seed(portal, fmt):
    _shuffled_portal(portal)
    outputs = set()
    for seed in ("0", "1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", "from portalgen.cli import main; main()", "check", str(portal),
                               "--now", NOW, "--format", fmt], capture_output=True, env=env, cwd=PROJECT, check=False)
        assert done.returncode == 1 and b"IMAGE_ALT_MISSING" in done.stdout, done.stderr
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_errors_come_before_warnings_within_a_unit(portal):
    _shuffled_portal(portal)
    problems = run_json("check", str(portal), "--now", NOW)["problems"]
    for unit in {p["unit"] for p in problems}:
        severities = [p["severity"] for p in problems if p["unit"] == unit]
        assert severities == sorted(severities), unit  # "error" < "warning"
    units = [p["unit"] for p in problems]
    assert units == sorted(units)


def test_errors_only_lists_errors_and_still_counts_warnings(portal):
    _shuffled_portal(portal)
    full = run("check", str(portal), "--now", NOW)
    text = run("check", str(portal), "--now", NOW, "--errors-only")
    assert text.exit_code == 1
    assert " warning " in full.output and " warning " not in text.output
    assert " error " in text.output
    assert text.output.splitlines()[-1] == full.output.splitlines()[-1]
    assert "cảnh báo không hiện vì --errors-only" in text.output
    report = run_json("check", str(portal), "--now", NOW, "--errors-only")
    assert {p["severity"] for p in report["problems"]} == {"error"}
    assert report["summary"]["warnings"] > 0


def test_summary_gives_one_line_per_unit(portal):
    _shuffled_portal(portal)
    result = run("check", str(portal), "--now", NOW, "--summary")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines == ["tinh-a — Tỉnh A: 20 lỗi, 2 cảnh báo", "tinh-a/phuong-c — Phường C: 0 lỗi, 0 cảnh báo",
                     "tinh-a/xa-b — Xã B: 0 lỗi, 1 cảnh báo", "", "Đã kiểm tra 3 đơn vị, 63 tệp: 20 lỗi, 3 cảnh báo."]
    only = run("check", str(portal), "--now", NOW, "--summary", "--errors-only").output.splitlines()
    assert only == [lines[0], "", lines[-1]]
    report = run_json("check", str(portal), "--now", NOW, "--summary")
    assert "problems" not in report
    assert [(u["unit"], u["errors"], u["warnings"]) for u in report["units"]] == [
        ("tinh-a", 20, 2), ("tinh-a/phuong-c", 0, 0), ("tinh-a/xa-b", 0, 1)]


def test_build_prints_the_same_narrowed_report(portal, tmp_path):
    _shuffled_portal(portal)
    result = run("build", str(portal), "-o", str(tmp_path / "out"), "--now", NOW, "--no-cache", "--summary")
    assert result.exit_code == 4  # what is valid is published, the files with errors are held back
    assert "tinh-a — Tỉnh A: 20 lỗi, 3 cảnh báo\n" in result.output  # + the content the held files lack
    assert " error " not in result.output
    result = run("build", str(portal), "-o", str(tmp_path / "out"), "--now", NOW, "--no-cache", "--errors-only")
    assert " error " in result.output and " warning " not in result.output


#: Each PyYAML error an editor meets, the code it becomes and the line and column reported.
YAML_ERRORS = [
    ("title: a\n\tsummary: b\n", "YAML_TAB", 2, 1),
    ("title: Hội nghị: tổng kết\n", "YAML_COLON_IN_VALUE", 1, 16),
    ('title: "Về "Ngày hội" năm nay"\n', "YAML_QUOTE_INSIDE", 1, 13),
    ("title: a\nsummary\nb: 1\n", "YAML_COLON_MISSING", 2, None),
    ("a:\n  b: 1\n c: 2\n", "YAML_INDENT", 3, 2),
    ('title: "abc\nb: 1\n', "YAML_QUOTE_UNCLOSED", 1, 8),
    ("tags: [a, b\nx: 1\n", "YAML_BRACKET_UNCLOSED", 2, 2),
    ("a: *x\n", "YAML_ALIAS", 1, 4),
    ("git: @abc\n", "YAML_RESERVED_START", 1, 6),
    ('a: "C:\\Windows"\n', "YAML_ESCAPE", 1, 7),
    ("a: 1\n---\nb: 2\n", "YAML_SEVERAL_DOCUMENTS", 2, None),
    ("a: b\x07\n", "YAML_SYNTAX", 1, None),
]

PARSER_WORDS = ("found", "expected", "mapping", "token", "stream", "scalar", "alias", "unacceptable", "character")


@pytest.mark.parametrize("text, code, line, col", YAML_ERRORS, ids=[c for _, c, _, _ in YAML_ERRORS])
def test_each_yaml_error_is_explained_in_vietnamese(portal, text, code, line, col):
    write(portal, "tinh-a/documents/qd-15-2026.yaml", text)
    vi = [p for p in run_json("check", str(portal), "--now", NOW)["problems"]
          if p["file"] == "tinh-a/documents/qd-15-2026.yaml"]
    assert [(p["code"], p["line"], p["column"]) for p in vi] == [(code, line, col)]
    message = vi[0]["message"] + " " + vi[0]["hint"]
    assert not [word for word in PARSER_WORDS if word in message.lower()], message
    en = [p for p in run_json("check", str(portal), "--now", NOW, "--lang", "en")["problems"]
          if p["file"] == "tinh-a/documents/qd-15-2026.yaml"]
    assert en[0]["message"] and en[0]["message"] != vi[0]["message"]


def test_front_matter_yaml_errors_have_the_file_s_line(portal):
    write(portal, "tinh-a/news/2026/hoi-nghi.md", '---\ntitle: "Về "Ngày hội" năm nay"\n---\nNội dung.\n')
    problems = run_json("check", str(portal), "--now", NOW)["problems"]
    assert ("YAML_QUOTE_INSIDE", 2, 13) in {(p["code"], p["line"], p["column"]) for p in problems}


def test_text_not_nfc_gives_the_column_and_the_word(portal):
    news = (portal / "tinh-a/news/2026/hoi-nghi.md").read_text(encoding="utf-8")
    decomposed = news.replace("summary: Ủy ban nhân dân tổ chức",
                              "summary: Ủy ban nhân dân " + unicodedata.normalize("NFD", "tổ") + " chức")
    write(portal, "tinh-a/news/2026/hoi-nghi.md", decomposed)
    problem = next(p for p in run_json("check", str(portal), "--now", NOW)["problems"] if p["code"] == "TEXT_NOT_NFC")
    assert (problem["line"], problem["column"]) == (4, 26)
    assert "“tổ” (cột 26)" in problem["message"]



def test_the_preview_s_report_of_a_failed_rebuild_is_narrowed_too(portal, capsys):
    from types import SimpleNamespace

    from portalgen.check import check_portal
    from portalgen.cli.base import parse_now
    from portalgen.cli.site import _report_build

    _shuffled_portal(portal)
    failed = SimpleNamespace(built=False, check=check_portal(portal, parse_now(NOW)))
    _report_build(failed, "vi", summary=True)
    assert "] tinh-a — Tỉnh A: 20 lỗi, 2 cảnh báo\n" in capsys.readouterr().out
    _report_build(failed, "vi", errors_only=True)
    shown = capsys.readouterr().out
    assert " error " in shown and " warning " not in shown


def test_any_one_broken_field_of_any_content_file_is_reported_without_a_traceback(portal):
    from portalgen.check import check_portal
    from portalgen.cli.base import parse_now

    files = ["tinh-a/news/2026/hoi-nghi.md", "tinh-a/documents/qd-15-2026.yaml", "tinh-a/schedule/2026-W48.yaml",
             "tinh-a/consultations/du-thao.md", "tinh-a/pages/gioi-thieu.md", "tinh-a/xa-b/unit.yaml"]
    for rel in files:
        original = (portal / rel).read_text(encoding="utf-8")
        keys = [line.split(":", 1)[0] for line in original.splitlines() if line[:1].isalpha() and ":" in line]
        for key in keys:
            write(portal, rel, original.replace(f"\n{key}:", f"\n{key}: [[1], 2]\n{key}_old:", 1)
                  if not original.startswith(f"{key}:") else f"{key}: [[1], 2]\n" + original.split("\n", 1)[1])
            problems = check_portal(portal, parse_now(NOW)).problems
            assert any(p.source.path == rel and p.severity.label == "error" for p in problems), (rel, key)
        write(portal, rel, original)
