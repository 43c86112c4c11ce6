"""A portal's theme overrides (``themes/default/``) are code: they run in Jinja's sandbox, may not
be links, and a broken, unreadable or failing override is a problem naming its file — in
``check``, ``build`` and ``report`` — never a traceback, a skipped file or a half-written output."""

from __future__ import annotations

import json
import os
import pathlib
from pathlib import Path

import pytest

from conftest import PROJECT, run
from portal_builder import portal_2025, write

NOW = "2026-11-27"
BUILTIN = PROJECT / "themes" / "default"
SECRET = "SECRET-7f3a-not-for-publishing"


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    return portal_2025(tmp_path / "p")


def check(portal: Path, *args: str) -> tuple[int, list[dict]]:
    """Exit code and problems of ``portalgen check --format json``."""
    result = run("check", str(portal), "--now", NOW, "--format", "json", *args)
    return result.exit_code, json.loads(result.output)["problems"]


def found(problems: list[dict]) -> set[tuple[str, str, int | None, str]]:
    return {(p["code"], p["file"], p["line"], p["field"]) for p in problems}


def build(portal: Path, out: Path, *args: str):
    return run("build", str(portal), "-o", str(out), "--now", NOW, "--no-cache", "--jobs", "1", *args)


def published(out: Path) -> str:
    """Every output file's text, joined (nothing when there is no output)."""
    return "".join(p.read_bytes().decode("utf-8", "replace") for p in sorted(out.rglob("*")) if p.is_file())


def builtin_template(name: str) -> str:
    return (BUILTIN / "templates" / name).read_text(encoding="utf-8")


# --- templates run in the sandbox; a failing template is a problem, the output untouched -------------------------


def test_a_template_cannot_run_a_shell_command(portal: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    write(portal, "themes/default/templates/home.html",
          f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}\n")
    out = tmp_path / "out"
    result = build(portal, out)
    assert not marker.exists()
    assert result.exit_code == 1
    assert "themes/default/templates/home.html:1: error THEME_TEMPLATE_FAILED" in result.output
    assert "Mẫu trang “home.html” bị lỗi khi dựng trang" in result.output and "unsafe" in result.output
    assert published(out) == ""


@pytest.mark.parametrize("line", [
    "{{ site.no_such_field }}",  # undefined
    "{% if true %}{{ site.name | no_such_filter }}{% endif %}",  # a filter looked up at render time
    "{% set zero = 0 %}{{ 1 // zero }}",  # an exception
    "{{ [1].append(2) }}",  # a call that changes data (the sandbox is immutable)
])
def test_a_template_failing_at_render_time_is_a_problem_naming_it(portal: Path, tmp_path: Path, line: str) -> None:
    original = builtin_template("page.html")
    write(portal, "themes/default/templates/page.html",
          original.replace("{% block main %}\n", f"{{% block main %}}\n{line}\n"))
    failing = original.split("\n").index("{% block main %}") + 2
    assert check(portal)[0] == 0  # it compiles: only rendering finds it
    result = build(portal, tmp_path / "out2", "--lang", "en")
    assert result.exit_code == 1
    assert f"themes/default/templates/page.html:{failing}: error THEME_TEMPLATE_FAILED" in result.output
    assert 'The template "page.html" failed while making a page' in result.output
    assert published(tmp_path / "out2") == ""


def test_a_template_failing_in_a_worker_process_is_the_same_problem(portal: Path, tmp_path: Path,
                                                                    monkeypatch) -> None:
    monkeypatch.setattr("portalgen.render.PARALLEL_FROM_ITEMS", 0)  # render in forked workers
    write(portal, "themes/default/templates/news_item.html", "\n{{ no_such_variable }}\n")
    result = build(portal, tmp_path / "out", "--jobs", "2")
    assert result.exit_code == 1
    assert "themes/default/templates/news_item.html:2: error THEME_TEMPLATE_FAILED" in result.output
    assert published(tmp_path / "out") == ""


def test_a_failing_template_leaves_the_previous_output_as_it_was(portal: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(portal, out).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    write(portal, "themes/default/templates/news_item.html", "{{ no_such_variable }}\n")
    result = build(portal, out)
    assert result.exit_code == 1 and "THEME_TEMPLATE_FAILED" in result.output
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


# --- links ----------------------------------------------------------------------------------------------------------


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    write(folder, "secret.css", f"/* {SECRET} */\n")
    write(folder, "secret.html", f"{SECRET}\n")
    write(folder, "theme/static/portalgen.css", f"/* {SECRET} */\n")
    return folder


@pytest.mark.parametrize(("link", "target", "reported"), [
    ("themes/default/static/portalgen.css", "secret.css", "themes/default/static/portalgen.css"),
    ("themes/default/templates/home.html", "secret.html", "themes/default/templates/home.html"),
    ("themes/default", "theme", "themes/default"),
])
def test_a_linked_override_is_refused_and_its_target_never_published(portal: Path, tmp_path: Path, secret: Path,
                                                                      link: str, target: str, reported: str) -> None:
    (portal / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(secret / target, portal / link)
    code, problems = check(portal)
    assert code == 1
    assert ("THEME_LINK", reported, None, "") in found(problems)
    message = next(p["message"] for p in problems if p["code"] == "THEME_LINK")
    assert message.startswith(f"“{reported}” trong giao diện riêng của cổng là liên kết (symlink)")
    out = tmp_path / "out"
    assert build(portal, out).exit_code == 1
    assert SECRET not in published(out)
    report = tmp_path / "report"
    result = run("report", str(portal), "-o", str(report), "--now", NOW)
    assert result.exit_code == 1 and "THEME_LINK" in result.output
    assert SECRET not in published(report)


def test_an_asset_named_outside_the_static_folder_is_refused(portal: Path, tmp_path: Path, secret: Path) -> None:
    write(portal, "themes/default/theme.yaml", "assets:\n  css: ../../../../outside/secret.css\n  js: {a: b}\n")
    code, problems = check(portal)
    assert code == 1
    assert {("THEME_ASSET_MISSING", "themes/default/theme.yaml", 2, "assets.css"),
            ("THEME_VALUE_TYPE", "themes/default/theme.yaml", 3, "assets.js")} <= found(problems)
    out = tmp_path / "out"
    assert build(portal, out).exit_code == 1
    assert SECRET not in published(out)


# --- check judges the overrides -------------------------------------------------------------------------------------


def test_check_reports_a_template_syntax_error_with_its_line(portal: Path, tmp_path: Path) -> None:
    write(portal, "themes/default/templates/page.html", "{% extends 'base.html' %}\n{% block main %}\n{% if %}\n")
    write(portal, "themes/default/templates/news_item.html", "{{ site.name | no_such_filter }}\n")
    code, problems = check(portal)
    assert code == 1
    assert {("THEME_TEMPLATE_SYNTAX", "themes/default/templates/page.html", 3, ""),
            ("THEME_TEMPLATE_SYNTAX", "themes/default/templates/news_item.html", 1, "")} <= found(problems)
    said = "Mẫu trang “news_item.html” có lỗi cú pháp (thông báo gốc của Jinja: “No filter named 'no_such_filter'"
    assert any(p["message"].startswith(said) for p in problems)
    out = tmp_path / "out"
    result = build(portal, out)
    assert result.exit_code == 1 and "THEME_TEMPLATE_SYNTAX" in result.output
    assert not out.exists()


def test_check_warns_of_a_template_the_theme_does_not_use(portal: Path) -> None:
    write(portal, "themes/default/templates/new_item.html", "{{ page.title }}\n")  # a misspelt news_item.html
    write(portal, "themes/default/templates/home.html",
          builtin_template("home.html").replace("{% block main %}", "{% block main %}{% include 'banner.html' %}", 1))
    write(portal, "themes/default/templates/banner.html", "<p>{{ t.banner }}</p>\n")
    write(portal, "themes/default/messages.yaml", 'banner: {vi: "Chào mừng", en: "Welcome"}\n')
    code, problems = check(portal)
    assert code == 0
    theme = {(p["code"], p["file"], p["severity"]) for p in problems if p["code"].startswith("THEME_")}
    assert theme == {("THEME_TEMPLATE_UNUSED", "themes/default/templates/new_item.html", "warning")}


def test_check_reports_the_strings_file(portal: Path, tmp_path: Path) -> None:
    write(portal, "themes/default/messages.yaml",
          'news: {vi: "Tin tức – Sự kiện"}\n'
          'home: [Trang chủ, Home]\n'
          'skip: {vi: 12, en: "Skip", fr: "Passer"}\n'
          'new: {vi: "Tin", en: "News"}\n')
    code, problems = check(portal)
    assert code == 1
    rel = "themes/default/messages.yaml"
    assert {("THEME_STRING_LANGUAGE_MISSING", rel, 1, "news"), ("THEME_VALUE_TYPE", rel, 2, "home"),
            ("THEME_VALUE_TYPE", rel, 3, "skip.vi"), ("THEME_STRING_UNKNOWN", rel, 3, "skip.fr"),
            ("THEME_STRING_UNKNOWN", rel, 4, "new")} <= found(problems)
    missing = next(p for p in problems if p["code"] == "THEME_STRING_LANGUAGE_MISSING")
    assert missing["message"] == "Chuỗi “news” thiếu bản “en” (vi: tiếng Việt, en: tiếng Anh)."
    result = build(portal, tmp_path / "out")
    assert result.exit_code == 1 and "THEME_STRING_LANGUAGE_MISSING" in result.output


def test_check_reports_a_yaml_error_in_the_strings_file(portal: Path, tmp_path: Path) -> None:
    write(portal, "themes/default/messages.yaml", 'news: {vi: "Tin tức", en: "News"}\nhome: {vi: "Trang chủ"\n')
    code, problems = check(portal, "--lang", "en")
    assert code == 1
    assert [(p["code"], p["file"]) for p in problems if p["severity"] == "error"] == [
        ("YAML_BRACKET_UNCLOSED", "themes/default/messages.yaml")]
    result = build(portal, tmp_path / "out")
    assert result.exit_code == 1 and "themes/default/messages.yaml:" in result.output


def test_correct_overrides_have_no_problem(portal: Path, tmp_path: Path) -> None:
    write(portal, "themes/default/messages.yaml", 'news: {vi: "Tin tức – Sự kiện", en: "News and events"}\n')
    write(portal, "themes/default/templates/components.html", builtin_template("components.html"))
    write(portal, "themes/default/static/portalgen.css", "body { color: #111; }\n")
    write(portal, "themes/default/static/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>\n")
    write(portal, "themes/default/theme.yaml", "assets:\n  logo: logo.svg\n")
    code, problems = check(portal)
    assert code == 0 and [p for p in problems if p["file"].startswith("themes/")] == []
    out = tmp_path / "out"
    assert build(portal, out).exit_code == 0
    assert "Tin tức – Sự kiện" in (out / "tinh-a/index.html").read_text(encoding="utf-8")
    assert list((out / "tinh-a/assets").glob("logo.*.svg")) and list((out / "tinh-a/assets").glob("portalgen.*.js"))


# --- unreadable files and folders (simulated: the tests run as root, where chmod 000 does not stop reading) --------


def test_an_unreadable_override_file_is_a_problem(portal: Path, tmp_path: Path, monkeypatch) -> None:
    unreadable = (write(portal, "themes/default/templates/page.html", builtin_template("page.html")),
                  write(portal, "themes/default/static/portalgen.css", "body { color: #111; }\n"))
    real_read_bytes = pathlib.Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self in unreadable:
            raise PermissionError(13, "Permission denied")
        return real_read_bytes(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    code, problems = check(portal)
    assert code == 1
    assert {("FILE_UNREADABLE", "themes/default/templates/page.html", None, ""),
            ("FILE_UNREADABLE", "themes/default/static/portalgen.css", None, "")} <= found(problems)
    assert "Không đọc được tệp: Permission denied." in {p["message"] for p in problems}
    result = build(portal, tmp_path / "out")
    assert result.exit_code == 1 and "FILE_UNREADABLE" in result.output


def test_an_unreadable_override_folder_is_a_problem(portal: Path, monkeypatch) -> None:
    write(portal, "themes/default/templates/page.html", builtin_template("page.html"))
    folder = portal / "themes" / "default" / "templates"
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, problems = check(portal)
    assert code == 1
    assert ("FILE_UNREADABLE", "themes/default/templates", None, "") in found(problems)

