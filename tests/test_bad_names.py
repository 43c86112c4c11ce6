"""Bad names and unreadable places give problems that name the file or folder and say what to do,
never a traceback and never silence (a security review of 46c0b9a)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PIL import Image

from portalgen import files

from conftest import run
from portal_builder import DOCUMENT, PDF, portal_2025, write

NOW = "2026-11-27"
CMS = """
cms:
  backend: gitlab
  repo: ubnd/cong
  base_url: https://git.example.gov.vn
  api_root: https://git.example.gov.vn/api/v4
  auth_type: pkce
  app_id: portalgen-test
  script: vendor/decap-cms.js
"""


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    return portal_2025(tmp_path / "portal")


def check(portal: Path, *extra: str) -> tuple[int, list[dict]]:
    """Exit code and problems of ``portalgen check --format json`` (an exception fails the test)."""
    result = run("check", str(portal), "--now", NOW, "--format", "json", *extra)
    return result.exit_code, json.loads(result.output)["problems"]


def found(problems: list[dict], code: str) -> list[dict]:
    return [p for p in problems if p["code"] == code]


def deny(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make ``folder`` behave as after ``chmod 000`` for a user who is not root (tests run as root
    in CI, where chmod stops nothing): it cannot be listed and nothing inside it can be reached."""
    inside = os.path.join(folder, "")
    scandir, stat, lstat = os.scandir, os.stat, os.lstat

    def refuse(path) -> None:
        raise PermissionError(13, "Permission denied", os.fsdecode(path))

    def reached(path) -> bool:
        return isinstance(path, (str, bytes, os.PathLike)) and os.fsdecode(path).startswith(inside)

    def denied_scandir(path="."):
        if reached(path) or os.fsdecode(path) == os.fspath(folder):
            refuse(path)
        return scandir(path)

    def denied(real):
        def call(path, *args, **kwargs):
            if reached(path):
                refuse(path)
            return real(path, *args, **kwargs)
        return call

    monkeypatch.setattr(os, "scandir", denied_scandir)
    monkeypatch.setattr(os, "stat", denied(stat))
    monkeypatch.setattr(os, "lstat", denied(lstat))


# --- names that are not UTF-8 ---------------------------------------------------------------------

def test_a_file_name_that_is_not_utf8_is_an_error_naming_it(portal):
    folder = os.fsencode(portal / "tinh-a/news/2026")
    with open(folder + b"/tin-\xff.md", "wb") as handle:
        handle.write((portal / "tinh-a/news/2026/hoi-nghi.md").read_bytes())
    code, problems = check(portal)
    assert code == 1
    [bad] = found(problems, "FILE_NAME_NOT_UTF8")
    assert bad["file"] == "tinh-a/news/2026/tin-\ufffd.md"
    assert "tin-\ufffd.md" in bad["message"] and "“tin.md”" in bad["hint"]
    english = run("check", str(portal), "--now", NOW, "--lang", "en")
    assert "has bytes that are not UTF-8" in english.output and "Rename it to \"tin.md\"" in english.output


def test_a_folder_name_that_is_not_utf8_is_an_error_and_the_text_report_prints(portal):
    folder = os.fsencode(portal / "tinh-a/news/2026") + b"/h\xf4i-ngh\xef"
    os.mkdir(folder)
    with open(folder + b"/index.md", "wb") as handle:
        handle.write((portal / "tinh-a/news/2026/hoi-nghi.md").read_bytes())
    result = run("check", str(portal), "--now", NOW)
    assert result.exit_code == 1
    assert "tinh-a/news/2026/h\ufffdi-ngh\ufffd: error FILE_NAME_NOT_UTF8" in result.output


def test_a_unit_folder_name_that_is_not_utf8_is_a_problem_and_never_published(portal, tmp_path):
    os.rename(portal / "tinh-a/xa-b", os.fsencode(portal / "tinh-a") + b"/x\xe3-b")
    result = run("build", str(portal), "-o", str(tmp_path / "out"), "--now", NOW, "--no-cache")
    assert result.exit_code == 4  # the rest is published
    assert "tinh-a/x\ufffd-b: error FILE_NAME_NOT_UTF8" in result.output
    assert (tmp_path / "out/tinh-a/index.html").is_file()
    assert not any(b"x\xe3" in os.fsencode(p) for p in (tmp_path / "out").rglob("*"))


# --- places that cannot be read -------------------------------------------------------------------

def test_an_unreadable_unit_folder_is_an_error_naming_it(portal, monkeypatch):
    deny(monkeypatch, portal / "tinh-a/xa-b")
    code, problems = check(portal)
    assert code == 1
    [bad] = found(problems, "FOLDER_UNREADABLE")
    assert bad["file"] == "tinh-a/xa-b" and "“xa-b”" in bad["message"] and "không có quyền đọc" in bad["message"]
    assert "chmod" in bad["hint"]
    assert not found(problems, "FOLDER_UNKNOWN")


@pytest.mark.parametrize("folder", ["tinh-a/news", "tinh-a/xa-b/documents", "catalog/procedures/commune"])
def test_an_unreadable_section_or_catalog_folder_is_an_error_not_silence(portal, monkeypatch, folder):
    deny(monkeypatch, portal / folder)
    code, problems = check(portal, "--lang", "en")
    assert code == 1
    [bad] = found(problems, "FOLDER_UNREADABLE")
    assert bad["file"] == folder and "permission denied" in bad["message"]


def test_a_section_that_is_a_link_loop_is_an_error_not_silence(portal):
    news = portal / "tinh-a/xa-b/news"
    for path in sorted(news.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    news.rmdir()
    os.symlink("news", news)
    code, problems = check(portal)
    assert code == 1
    [bad] = found(problems, "FILE_UNREADABLE")
    assert bad["file"] == "tinh-a/xa-b/news" and "vòng" in bad["message"]


def test_the_root_of_the_file_system_is_a_usage_error(tmp_path):
    for command in ("check", "build"):
        args = [command, "/", "--now", NOW] + (["-o", str(tmp_path / "out")] if command == "build" else [])
        result = run(*args)
        assert result.exit_code == 2
        assert "thư mục gốc của cả máy" in result.output and "portal.yaml" in result.output


# --- addresses the web editor takes ---------------------------------------------------------------

def with_editor(portal: Path) -> Path:
    with open(portal / "portal.yaml", "a", encoding="utf-8") as handle:
        handle.write(CMS)
    write(portal, "vendor/decap-cms.js", "/* stand-in */\n")
    return portal


def test_a_page_named_admin_is_fine_without_the_web_editor(portal):
    write(portal, "tinh-a/pages/admin.md", "---\ntitle: Quản trị\nkind: other\n---\nNội dung.\n")
    code, problems = check(portal)
    assert code == 0 and not found(problems, "SLUG_RESERVED")


def test_a_page_named_admin_collides_with_the_web_editor(portal, tmp_path):
    with_editor(portal)
    write(portal, "tinh-a/pages/admin.md", "---\ntitle: Quản trị\nkind: other\n---\nNội dung.\n")
    code, problems = check(portal)
    assert code == 1
    [bad] = found(problems, "SLUG_RESERVED")
    assert bad["file"] == "tinh-a/pages/admin.md" and "admin/" in bad["message"]
    result = run("build", str(portal), "-o", str(tmp_path / "out"), "--now", NOW, "--no-cache")
    assert result.exit_code == 4 and "SLUG_RESERVED" in result.output  # the page is held back
    assert "tinh-a/pages/admin.md: info HELD_ITEM_NEW" in result.output


def test_a_child_unit_named_admin_collides_with_the_web_editor(portal):
    with_editor(portal)
    os.rename(portal / "tinh-a/xa-b", portal / "tinh-a/admin")
    code, problems = check(portal)
    assert code == 1
    assert [p["file"] for p in found(problems, "SLUG_RESERVED")] == ["tinh-a/admin/unit.yaml"]


# --- names Windows hosts and FTP servers refuse ---------------------------------------------------

def document_with(portal: Path, name: str, quoted: str | None = None) -> None:
    """The province's document points to ``name`` (written in YAML as ``quoted``), a real PDF."""
    write(portal, "tinh-a/documents/qd-15-2026.yaml",
          DOCUMENT.replace("file: qd-15-2026.pdf", f"file: {quoted or repr(name)}"))
    (portal / "tinh-a/documents" / name).write_bytes(PDF)


@pytest.mark.parametrize("name, reason", [
    ("CON.pdf", "(CON)"), ("aux.pdf", "(AUX)"), ("nul.pdf", "(NUL)"), ("com1.pdf", "(COM1)"), ("LPT9.pdf", "(LPT9)"),
    ("aux.tar.pdf", "(AUX)"), (" bao-cao.pdf", "dấu cách"), ("bao-cao.pdf.", "dấu chấm"), ("bao?cao.pdf", "?"),
    ("bao*cao.pdf", "*"), ("bao|cao.pdf", "|"), ("bao<cao>.pdf", "< >"), ('bao"cao.pdf', '"'),
])
def test_a_name_windows_hosts_refuse_is_a_warning_with_a_new_name(portal, name, reason):
    document_with(portal, name)
    _, problems = check(portal)
    [bad] = found(problems, "FILE_NAME_HOSTING")
    assert bad["severity"] == "warning" and bad["file"] == "tinh-a/documents/qd-15-2026.yaml" and bad["line"] == 9
    assert f"“{name}”" in bad["message"] and reason in bad["message"] and "FTP" in bad["message"]
    suggestion = bad["hint"].split("“")[1].split("”")[0]
    assert files.hosting_refusal(suggestion) is None and suggestion.endswith((".pdf", "-2"))


def test_a_device_name_says_so_in_english(portal):
    document_with(portal, "CON.pdf")
    result = run("check", str(portal), "--now", NOW, "--lang", "en")
    assert result.exit_code == 0
    assert "\"CON.pdf\" is a device name Windows reserves (CON)" in result.output
    assert "Rename the file to \"con-2.pdf\"" in result.output


def test_a_page_or_unit_named_like_a_windows_device_is_a_warning(portal):
    write(portal, "tinh-a/pages/con.md", "---\ntitle: Con đường\nkind: other\n---\nNội dung.\n")
    os.rename(portal / "tinh-a/xa-b", portal / "tinh-a/aux")
    code, problems = check(portal)
    assert code == 0
    assert {(p["file"], p["hint"]) for p in found(problems, "FILE_NAME_HOSTING")} == {
        ("tinh-a/pages/con.md", "Đổi tên tệp thành “con-2.md” và sửa tên ở nơi dùng nó."),
        ("tinh-a/aux/unit.yaml", "Đổi tên tệp thành “aux-2” và sửa tên ở nơi dùng nó.")}


@pytest.mark.parametrize("name, quoted, shown", [
    ("bao\tcao.pdf", '"bao\\tcao.pdf"', "bao\\tcao.pdf"), ("bao\ncao.pdf", '"bao\\ncao.pdf"', "bao\\ncao.pdf"),
    ("bao\x01cao.pdf", '"bao\\x01cao.pdf"', "bao\\x01cao.pdf"),
    ("bao\x7fcao.pdf", '"bao\\x7fcao.pdf"', "bao\\x7fcao.pdf"),
])
def test_control_characters_in_a_name_are_an_error_printed_on_one_line(portal, tmp_path, name, quoted, shown):
    document_with(portal, name, quoted)
    code, problems = check(portal)
    assert code == 1
    bad = found(problems, "FILE_NAME_CONTROL")
    assert {p["file"] for p in bad} == {"tinh-a/documents/qd-15-2026.yaml", f"tinh-a/documents/{shown}"}
    assert all(p["severity"] == "error" and f"“{shown}”" in p["message"] and "“bao-cao.pdf”" in p["hint"]
               for p in bad)
    text = run("check", str(portal), "--now", NOW).output
    assert all(line.startswith(("    ", "==", "Đã kiểm tra")) or ": error " in line or ": warning " in line
               for line in text.splitlines() if line)
    result = run("build", str(portal), "-o", str(tmp_path / "out"), "--now", NOW, "--no-cache")
    assert result.exit_code == 4 and "tinh-a/documents/qd-15-2026.yaml: info HELD_ITEM_NEW" in result.output
    assert not (tmp_path / "out/tinh-a/van-ban/qd-15-2026").exists()
    assert not any(name in p.name for p in (tmp_path / "out").rglob("*"))


def test_the_planner_never_publishes_a_name_with_control_characters():
    assert files.publishable("bao\ncao.pdf", "tinh-a/documents/qd.yaml", "tinh-a", image=False) is None
    assert files.publishable("bao-cao.pdf", "tinh-a/documents/qd.yaml", "tinh-a", image=False) \
        == "tinh-a/documents/bao-cao.pdf"


def test_names_that_differ_only_in_case_are_a_warning_naming_both(portal):
    news = portal / "tinh-a/news/2026"
    Image.new("RGB", (8, 8)).save(news / "Anh.jpg")
    Image.new("RGB", (8, 8)).save(news / "anh.jpg")
    text = (news / "hoi-nghi.md").read_text(encoding="utf-8")
    (news / "hoi-nghi.md").write_text(text + "\n![Hội nghị](anh.jpg)\n", encoding="utf-8")
    code, problems = check(portal)
    assert code == 0
    [bad] = found(problems, "FILE_NAME_CASE_CLASH")
    assert bad["file"] == "tinh-a/news/2026/hoi-nghi.md" and bad["line"] == 12
    assert "“anh.jpg” và “Anh.jpg”" in bad["message"] and "“tinh-a/news/2026”" in bad["message"]
    assert "“anh-2.jpg”" in bad["hint"]
    english = run("check", str(portal), "--now", NOW, "--lang", "en").output
    assert "\"anh.jpg\" and \"Anh.jpg\"" in english and "\"anh-2.jpg\"" in english


def test_names_every_host_takes_give_no_name_warning(portal):
    document_with(portal, "Bao-cao_2026 (ban cuoi).pdf")
    code, problems = check(portal)
    assert code == 0 and not found(problems, "FILE_NAME_HOSTING") and not found(problems, "FILE_NAME_CASE_CLASH")
