"""The content-type registry: a new type is one module (with its schema), a template and its
messages — checked, built, in the sitemap and the search index, offered by ``portalgen new``.

The toy type (``tests/fixtures/toy_type/events.py``) registers itself when imported, so each
command runs in its own process with it imported first."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portalgen.content_types import REGISTRY
from portalgen.context import plan_parts, steps

from portal_builder import portal_2025, write

TOY = Path(__file__).resolve().parent / "fixtures" / "toy_type"
NOW = "2026-11-27"
EVENT = ("---\ntitle: Hội chợ nông sản\ndate: 2026-11-20\nplace: Quảng trường trung tâm\n---\n"
         "Hội chợ giới thiệu gạo tám.\n")


def _portalgen(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    script = f"import sys; sys.path.insert(0, {str(TOY)!r}); import events; from portalgen.cli import main; main()"
    return subprocess.run([sys.executable, "-c", script, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture()
def portal(tmp_path: Path) -> Path:
    root = portal_2025(tmp_path / "p")
    shutil.copytree(TOY / "templates", root / "themes" / "default" / "templates")
    shutil.copy(TOY / "messages.yaml", root / "themes" / "default" / "messages.yaml")
    write(root, "tinh-a/events/hoi-cho.md", EVENT)
    return root


def test_the_built_in_types_are_registered_in_section_order() -> None:
    assert list(REGISTRY.folders()) == ["news", "pages", "documents", "procedures", "schedule", "consultations",
                                        "procurement", "questions", "plans", "budget", "disclosures", "media"]
    assert REGISTRY.kind("faq").folder == "questions"
    with pytest.raises(ValueError):
        REGISTRY.add(REGISTRY.kind("news"))


def test_the_plan_steps_come_from_the_registry() -> None:
    names = list(steps())
    assert names[0] == "home" and names[-1] == "not-found"
    assert [s.name for t in REGISTRY for s in t.steps] == names[1:-5]


def test_plan_parts_cut_news_articles_in_slices() -> None:
    class Site:
        news = tuple(range(1201))

    parts = [p for p in plan_parts(Site()) if p.step == "news-items"]  # type: ignore[arg-type]
    assert [(p.start, p.stop) for p in parts] == [(0, 500), (500, 1000), (1000, 1500)]


def test_a_toy_type_is_checked(portal: Path) -> None:
    assert _portalgen("check", str(portal), "--now", NOW, cwd=portal.parent).returncode == 0
    strict = _portalgen("check", str(portal), "--now", NOW, "--strict", cwd=portal.parent)
    assert "THEME_TEMPLATE_UNUSED" not in strict.stdout  # the type declares the template it brings
    write(portal, "tinh-a/xa-b/events/le-hoi.md", "---\ntitle: Lễ hội\nplace: Đình làng\n---\nLễ hội truyền thống.\n")
    write(portal, "tinh-a/xa-b/events/Le Hoi 2.md", "---\ntitle: Lễ hội\ndate: 2026-11-21\n---\n")
    done = _portalgen("check", str(portal), "--now", NOW, "--format", "json", cwd=portal.parent)
    assert done.returncode == 1, done.stderr
    problems = json.loads(done.stdout)["problems"]
    found = {(p["code"], p["file"], p["field"]) for p in problems}
    assert ("FIELD_MISSING", "tinh-a/xa-b/events/le-hoi.md", "date") in found
    assert any(code == "FILE_NAME_NOT_SLUG" and "Le Hoi 2" in file for code, file, _ in found)


def test_a_toy_type_is_built_into_pages_sitemap_and_search(portal: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = _portalgen("build", str(portal), "-o", str(out), "--now", NOW, cwd=portal.parent)
    assert done.returncode == 0, done.stdout + done.stderr
    page = (out / "tinh-a/su-kien/hoi-cho/index.html").read_text(encoding="utf-8")
    assert "Hội chợ nông sản" in page and "Hội chợ giới thiệu gạo tám." in page
    section = (out / "tinh-a/su-kien/index.html").read_text(encoding="utf-8")
    assert 'href="hoi-cho/"' in section
    assert 'href="su-kien/"' in (out / "tinh-a/index.html").read_text(encoding="utf-8")  # in the menu
    assert "su-kien/" in (out / "tinh-a/so-do-trang/index.html").read_text(encoding="utf-8")
    assert "https://thu-nghiem.example.gov.vn/tinh-a/su-kien/hoi-cho/" in \
        (out / "tinh-a/sitemap.xml").read_text(encoding="utf-8")
    shards = (out / "tinh-a/tim-kiem/chi-muc/d").glob("*.json")
    assert any("Hội chợ nông sản" in shard.read_text(encoding="utf-8") for shard in shards)


def test_a_toy_type_is_offered_by_new(portal: Path) -> None:
    done = _portalgen("new", "event", "--title", "Ngày hội đọc sách", "--unit", str(portal / "tinh-a/xa-b"),
                      "--now", NOW, cwd=portal.parent)
    assert done.returncode == 0, done.stdout + done.stderr
    created = portal / "tinh-a/xa-b/events/ngay-hoi-doc-sach.md"
    text = created.read_text(encoding="utf-8")
    assert text.startswith("---\n") and "Ngày hội đọc sách" in text and "2026-11-27" in text
    assert _portalgen("check", str(portal), "--now", NOW, cwd=portal.parent).returncode == 0
