"""End to end: the broken fixture portal (post-2025 levels, one fault per rule) gives exactly the pinned problems."""

from __future__ import annotations

import json

from portalgen.messages import CATALOGUE

from conftest import FIXTURES, run

BROKEN = str(FIXTURES / "broken")
NOW = "2026-11-27"

#: Codes the broken fixture does not trigger, each tested elsewhere.
ELSEWHERE = {
    "CONFIG_MISSING", "REGIME_UNKNOWN", "LEVELS_INVALID", "POLICY_UNKNOWN_OBLIGATION", "NO_UNITS",  # test_cli
    "FILE_UNREADABLE", "FIELD_INVALID",  # test_sources / test_schema
    "CMS_SCRIPT_MISSING", "CMS_PACKAGE_MISSING",  # test_decap
    "FILE_NAME_NOT_UTF8", "FOLDER_UNREADABLE", "FILE_NAME_HOSTING", "FILE_NAME_CONTROL",  # test_bad_names
    "FILE_NAME_CASE_CLASH",
    "OFFICE_UNPACKS_TOO_LARGE", "OFFICE_COMPRESSION_RATIO", "DOCX_HIDDEN_CONTENT",  # test_office_files
    "DEPLOY_TARGET_DUPLICATE", "DEPLOY_LEVEL_UNKNOWN", "DEPLOY_SECRET_MISSING", "DEPLOY_CONNECT_FAILED",  # test_deploy
    "DEPLOY_LOGIN_FAILED", "DEPLOY_REMOTE_ERROR", "DEPLOY_TOO_MANY_DELETES", "DEPLOY_OUTPUT_CHANGED",
    "DEPLOY_TOOL_MISSING", "DEPLOY_NOT_BUILT", "DEPLOY_NO_TARGET", "DEPLOY_OUTPUT_STALE", "DEPLOY_CA_FILE_MISSING",
    "DEPLOY_DELETE_REFUSED", "DEPLOY_NAMES_MANGLED",  # test_deploy_hosts
    "THEME_LINK", "THEME_TEMPLATE_SYNTAX", "THEME_TEMPLATE_UNUSED", "THEME_TEMPLATE_FAILED",  # test_theme_safety
    "THEME_STRING_UNKNOWN", "THEME_STRING_LANGUAGE_MISSING", "THEME_VALUE_TYPE", "THEME_ASSET_MISSING",
    "DATE_FORM_UNSUPPORTED", "FILE_NAME_NFD", "MARKDOWN_LINK_SPACES", "HTML_REMOVED",  # test_real_content
    "TABLE_TAB_SEPARATED", "LINK_PAGE_MISSING",
    "MARKDOWN_UNREADABLE",  # test_hostile_markdown
    "YAML_QUOTE_INSIDE", "YAML_COLON_MISSING", "YAML_INDENT", "YAML_QUOTE_UNCLOSED",  # test_one_round
    "YAML_BRACKET_UNCLOSED", "YAML_ALIAS", "YAML_RESERVED_START", "YAML_ESCAPE", "YAML_SEVERAL_DOCUMENTS",
    "YAML_SYNTAX", "COMPLIANCE_STALE",
    "HELD_ITEM_KEPT", "HELD_ITEM_NEW", "HELD_UNIT_KEPT", "HELD_UNIT_NEW",  # test_isolation (build only)
    "PDF_MACHINE_READ", "OCR_UNAVAILABLE", "OCR_UNREAD",  # test_ocr
    "FIELD_LOCAL_FILE",  # test_rich_fields
    "VIDEO_CAPTIONS_MISSING", "VIDEO_SOURCE_MISSING", "VIDEO_TYPE", "CAPTIONS_TYPE", "CAPTIONS_HEADER",  # test_law
    "CAPTIONS_TIMING", "CAPTIONS_ORDER", "CAPTIONS_EMPTY", "CAPTIONS_NOT_UTF8",
}


def test_text_report_matches_golden(golden):
    result = run("check", BROKEN, "--now", NOW)
    assert result.exit_code == 1
    golden("broken.txt", result.output)


def test_english_report_matches_golden(golden):
    result = run("check", BROKEN, "--now", NOW, "--lang", "en")
    assert result.exit_code == 1
    golden("broken-en.txt", result.output)


def test_json_report_matches_golden(golden):
    result = run("check", BROKEN, "--now", NOW, "--format", "json")
    assert result.exit_code == 1
    golden("broken.json", result.output)


def test_every_rule_is_exercised():
    report = json.loads(run("check", BROKEN, "--now", NOW, "--format", "json").output)
    found = {p["code"] for p in report["problems"]}
    assert set(CATALOGUE) - found - ELSEWHERE == set()


def test_each_problem_names_file_line_and_message():
    report = json.loads(run("check", BROKEN, "--now", NOW, "--format", "json").output)
    for item in report["problems"]:
        assert item["file"] and item["message"] and item["hint"], item
        assert (FIXTURES / "broken" / item["file"]).exists() or item["file"].startswith("catalog/"), item
    located = [p for p in report["problems"] if p["line"] is not None]
    assert len(located) >= len(report["problems"]) * 0.8


def test_check_of_one_unit_reports_only_its_own_files():
    result = run("check", BROKEN, "--now", NOW, "--unit", "tinh-a/xa-b", "--format", "json")
    report = json.loads(result.output)
    assert {p["unit"] for p in report["problems"]} == {"tinh-a/xa-b"}
    assert {p["code"] for p in report["problems"]} == {"UNIT_CODE_FORM", "FOLDER_UNKNOWN"}
    assert result.exit_code == 1


def test_editors_guide_explains_every_problem_code():
    from conftest import PROJECT

    guide = (PROJECT / "docs" / "huong-dan-bien-tap.md").read_text(encoding="utf-8")
    missing = [code for code in CATALOGUE if f"`{code}`" not in guide]
    assert missing == []
