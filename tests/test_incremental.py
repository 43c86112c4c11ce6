"""Incremental builds: a rebuild does only the work its changes need and always equals a clean build."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from pathlib import Path

import pytest
from test_build import tree_digest

from portalgen.build import Session, build_portal
from portalgen.buildstate import state_path
from portalgen.cache import Cache
from portalgen.themes import Theme, builtin_theme_root

from conftest import THREE_LEVEL
from portal_builder import NEWS, portal_2025, write

NOW = dt.datetime(2026, 11, 27, 9, 0)


@pytest.fixture
def portal(tmp_path):
    return portal_2025(tmp_path / "portal")


def incremental(portal: Path, out: Path, now: dt.datetime = NOW, **options):
    result = build_portal(portal, out, now, cache=Cache(out.parent / "cache"), jobs=1, **options)
    assert result.built, result.check.problems
    return result


def clean(portal: Path, out: Path, now: dt.datetime = NOW, **options):
    result = build_portal(portal, out, now, jobs=1, reuse=False, **options)
    assert result.built, result.check.problems
    return result


def stamps(folder: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_a_rebuild_with_nothing_changed_does_no_work_and_writes_nothing(portal, tmp_path):
    out = tmp_path / "public"
    first = incremental(portal, out)
    assert not first.reused and state_path(out).is_file()
    before = stamps(out)
    again = incremental(portal, out, NOW + dt.timedelta(hours=1))
    assert again.reused and again.written.written == 0 and again.files == first.files
    assert again.check == first.check and again.next_change == first.next_change
    assert stamps(out) == before


def _edit_news(portal: Path) -> None:
    path = portal / "tinh-a/news/2026/hoi-nghi.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nĐoạn mới.\n", encoding="utf-8")


def _override_template(portal: Path) -> None:
    source = builtin_theme_root() / "templates" / "404.html"
    write(portal, "themes/default/templates/404.html", source.read_text(encoding="utf-8") + "{# sửa #}\n")


def _edit_output_by_hand(out: Path) -> None:
    page = out / "tinh-a/index.html"
    page.write_bytes(page.read_bytes().replace(b"<html", b"<HTML", 1))  # same size


def _unwritable_state(out: Path) -> None:
    state_path(out).write_text("{không phải JSON", encoding="utf-8")


def _damaged_state_field(out: Path) -> None:
    record = json.loads(state_path(out).read_text(encoding="utf-8"))
    record.update(valid_from="garbage", valid_until=5)
    state_path(out).write_text(json.dumps(record), encoding="utf-8")


def _linked_theme(portal: Path) -> None:
    shared = portal.parent / "shared-theme"
    shared.mkdir()
    (portal / "themes").symlink_to(shared)


@pytest.mark.parametrize("change", [
    pytest.param(lambda portal, out: _edit_news(portal), id="content edited"),
    pytest.param(lambda portal, out: (portal / "tinh-a/news/2026/hoi-nghi.md").unlink(), id="content deleted"),
    pytest.param(lambda portal, out: _override_template(portal), id="template overridden"),
    pytest.param(lambda portal, out: (out / "tinh-a/index.html").unlink(), id="output file deleted"),
    pytest.param(lambda portal, out: _edit_output_by_hand(out), id="output file edited by hand"),
    pytest.param(lambda portal, out: _unwritable_state(out), id="state damaged"),
    pytest.param(lambda portal, out: _damaged_state_field(out), id="state field damaged"),
])
def test_any_change_of_input_or_output_means_a_real_build_equal_to_a_clean_one(portal, tmp_path, change):
    out = tmp_path / "public"
    incremental(portal, out)
    change(portal, out)
    again = incremental(portal, out)
    assert not again.reused
    clean(portal, tmp_path / "clean")
    assert tree_digest(out) == tree_digest(tmp_path / "clean")


@pytest.mark.parametrize("moment, options", [
    pytest.param(lambda r: r.next_change, {}, id="at the next scheduled change"),
    pytest.param(lambda r: NOW + dt.timedelta(days=1), {}, id="the next day"),
    pytest.param(lambda r: NOW - dt.timedelta(hours=1), {}, id="an earlier moment"),
    pytest.param(lambda r: NOW, {"strict": True}, id="other options"),
])
def test_the_previous_build_holds_only_for_its_window_of_time_and_options(portal, tmp_path, moment, options):
    out = tmp_path / "public"
    first = incremental(portal, out)
    assert first.next_change is not None
    later = moment(first)
    again = incremental(portal, out, later, **options)
    assert not again.reused
    clean(portal, tmp_path / "clean", later, **options)
    assert tree_digest(out) == tree_digest(tmp_path / "clean")


def test_a_linked_folder_added_is_seen_and_checked(portal, tmp_path):
    out = tmp_path / "public"
    incremental(portal, out)
    _linked_theme(portal)
    again = build_portal(portal, out, NOW, cache=Cache(out.parent / "cache"), jobs=1)
    assert not again.reused and not again.built  # check refuses a linked folder


def test_no_cache_always_does_all_the_work(portal, tmp_path):
    out = tmp_path / "public"
    clean(portal, out)
    assert not clean(portal, out).reused


# --- random sequences of edits --------------------------------------------------------------------

def _news_files(portal: Path) -> list[Path]:
    return sorted((portal / "tinh-a/news").rglob("*.md")) + sorted((portal / "tinh-a/xa-b/news").rglob("*.md"))


def _new_article(rng: random.Random, portal: Path, step: int) -> None:
    unit = rng.choice(["tinh-a", "tinh-a/xa-b"])
    text = NEWS.replace("Hội nghị triển khai nhiệm vụ tháng 12",
                        f"Tin số {step} về công tác tháng {rng.randint(1, 11)}")
    text = text.replace("2026-11-25", f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}")
    write(portal, f"{unit}/news/2026/tin-{step}.md", text)


def _edit_body(rng: random.Random, portal: Path, step: int) -> None:
    files = _news_files(portal)
    if files:
        path = rng.choice(files)
        path.write_text(path.read_text(encoding="utf-8") + f"\nĐoạn thêm ở bước {step}.\n", encoding="utf-8")


def _edit_title(rng: random.Random, portal: Path, step: int) -> None:
    files = _news_files(portal)
    if files:
        path = rng.choice(files)
        lines = path.read_text(encoding="utf-8").split("\n")
        lines[1] = f"title: Tiêu đề đã sửa ở bước {step}"
        path.write_text("\n".join(lines), encoding="utf-8")


def _delete(rng: random.Random, portal: Path, step: int) -> None:
    files = _news_files(portal)
    if len(files) > 1:
        rng.choice(files).unlink()


def _rename(rng: random.Random, portal: Path, step: int) -> None:
    files = _news_files(portal)
    if files:
        path = rng.choice(files)
        path.rename(path.with_name(f"doi-ten-{step}.md"))


def _theme_string(rng: random.Random, portal: Path, step: int) -> None:
    write(portal, "themes/default/messages.yaml", f"skip_link:\n  vi: Bỏ qua tới nội dung {step}\n  en: Skip {step}\n")


def _template(rng: random.Random, portal: Path, step: int) -> None:
    source = builtin_theme_root() / "templates" / "news_item.html"
    write(portal, "themes/default/templates/news_item.html",
          source.read_text(encoding="utf-8") + f"{{# bước {step} #}}\n")


def _nothing(rng: random.Random, portal: Path, step: int) -> None:
    return None


EDITS = [_new_article, _edit_body, _edit_title, _delete, _rename, _theme_string, _template, _nothing]


@pytest.mark.parametrize("seed", [1, 2])
def test_random_edit_sequences_give_the_same_output_as_clean_builds(portal, tmp_path, seed):
    rng = random.Random(seed)
    out = tmp_path / "public"
    incremental(portal, out)
    for step in range(12):
        edit = rng.choice(EDITS)
        edit(rng, portal, step)
        moment = NOW + dt.timedelta(minutes=step)
        result = incremental(portal, out, moment)
        assert result.reused == (edit is _nothing), f"step {step}: {edit.__name__}"
        reference = tmp_path / f"clean-{step}"
        clean(portal, reference, moment)
        assert tree_digest(out) == tree_digest(reference), f"step {step}: {edit.__name__}"


def test_a_new_article_rewrites_a_few_files_not_every_list_page_or_index_shard(portal, tmp_path):
    rng = random.Random(7)
    for number in range(300):
        _new_article(rng, portal, number)
    out = tmp_path / "public"
    first = incremental(portal, out)
    write(portal, "tinh-a/news/2026/tin-moi.md", NEWS.replace("Hội nghị triển khai nhiệm vụ tháng 12", "Tin mới nhất")
          .replace("2026-11-25", "2026-11-26"))
    again = incremental(portal, out)
    assert first.pages > 400
    # the article, its neighbours' related news, the last list pages, feeds, the search terms (words and
    # pairs of words) it adds
    assert again.written.written <= 40, again.written


def test_a_reused_build_equals_a_clean_build_at_the_later_moment(tmp_path):
    portal = tmp_path / "sites"
    shutil.copytree(THREE_LEVEL, portal)
    out = tmp_path / "public"
    morning, noon = dt.datetime(2026, 11, 27, 8, 0), dt.datetime(2026, 11, 27, 12, 30)
    incremental(portal, out, morning)
    assert incremental(portal, out, noon).reused
    clean(portal, tmp_path / "clean", noon)
    assert tree_digest(out) == tree_digest(tmp_path / "clean")


# --- a preview session: memos kept between builds of one process ---------------------------------

def _png(width: int, colour: str) -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (width, width // 2), colour).save(buffer, "PNG")
    return buffer.getvalue()


def _image_article(rng: random.Random, portal: Path, step: int) -> None:
    text = NEWS.replace("approved_by: Chánh Văn phòng\n",
                        "approved_by: Chánh Văn phòng\nimage: {src: anh.png, alt: Ảnh}\n")
    text = text.replace("2026-11-25", f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}")
    write(portal, f"tinh-a/news/2026/anh-{step}/index.md", text + "\n![Sơ đồ](so-do.png)\n")
    write(portal, f"tinh-a/news/2026/anh-{step}/anh.png", _png(rng.choice([300, 700, 1200]), "red"))
    write(portal, f"tinh-a/news/2026/anh-{step}/so-do.png", _png(200, "blue"))


def _replace_image(rng: random.Random, portal: Path, step: int) -> None:
    images = sorted((portal / "tinh-a/news").rglob("*.png"))
    if images:
        rng.choice(images).write_bytes(_png(rng.choice([250, 640, 1000]), rng.choice(["green", "black"])))


def _edit_unit(rng: random.Random, portal: Path, step: int) -> None:
    path = portal / "tinh-a/unit.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Số 1 đường Lê Lợi", f"Số {step + 2} đường Lê Lợi", 1)
                    .replace(f"Số {step + 1} đường Lê Lợi", f"Số {step + 2} đường Lê Lợi", 1), encoding="utf-8")


def _unpublish(rng: random.Random, portal: Path, step: int) -> None:
    files = _news_files(portal)
    if len(files) > 1:
        path = rng.choice(files)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("status: published", "status: draft"), encoding="utf-8")


SESSION_EDITS = EDITS + [_image_article, _replace_image, _edit_unit, _unpublish]


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_a_session_rebuilds_only_what_changed_and_equals_clean_builds(portal, tmp_path, seed):
    rng = random.Random(seed)
    for number in range(40):
        _new_article(rng, portal, 100 + number)
    out = tmp_path / "public"
    session = Session()
    first = incremental(portal, out, session=session)
    for step in range(14):
        edit = rng.choice(SESSION_EDITS)
        edit(rng, portal, step)
        moment = NOW + dt.timedelta(minutes=step)
        result = incremental(portal, out, moment, session=session)
        assert result.reused or edit is not _nothing, f"step {step}: {edit.__name__}"
        reference = tmp_path / f"clean-{step}"
        clean(portal, reference, moment)
        assert tree_digest(out) == tree_digest(reference), f"step {step}: {edit.__name__}"
    assert first.pages > 100


def _built_in_a_session(portal: Path, tmp_path: Path, seed: int, articles: int):
    """``articles`` more news in the portal, built once with a new session: (rng, output, session)."""
    rng = random.Random(seed)
    for number in range(articles):
        _new_article(rng, portal, number)
    out = tmp_path / "public"
    session = Session()
    incremental(portal, out, session=session)
    return rng, out, session


def test_a_session_keeps_unchanged_news_pages_and_search_shards(portal, tmp_path, monkeypatch):
    rng, out, session = _built_in_a_session(portal, tmp_path, 9, 200)
    rendered = []
    original = Theme.render

    def counting(self, template, context):
        rendered.append(template)
        return original(self, template, context)

    _edit_body(rng, portal, 1)
    monkeypatch.setattr(Theme, "render", counting)
    again = incremental(portal, out, session=session)
    monkeypatch.undo()
    assert rendered.count("news_item.html") == 1 and rendered.count("news_list.html") == 0
    assert again.written.written <= 12, again.written  # the page, search and passage shards, JSON export
    clean(portal, tmp_path / "clean")
    assert tree_digest(out) == tree_digest(tmp_path / "clean")


def test_a_session_with_forked_workers_equals_clean_builds(portal, tmp_path):
    rng = random.Random(11)
    for number in range(600):
        _new_article(rng, portal, number)
    out = tmp_path / "public"
    session = Session()
    build_portal(portal, out, NOW, jobs=2, session=session)
    for step, edit in enumerate([_edit_title, _edit_body, _new_article, _template, _edit_body]):
        edit(rng, portal, step)
        result = build_portal(portal, out, NOW, jobs=2, session=session)
        assert result.built
        reference = tmp_path / f"clean-{step}"
        clean(portal, reference)
        assert tree_digest(out) == tree_digest(reference), f"step {step}: {edit.__name__}"


def test_a_session_keeps_its_records_in_memory_and_the_manifest_on_disk_right(portal, tmp_path, monkeypatch):
    """A session reads neither the build record nor the manifest again after its first build,
    and writes no build record; the manifest it leaves lets a later build without it prune right."""
    from portalgen import build, writer

    rng, out, session = _built_in_a_session(portal, tmp_path, 13, 30)

    def unexpected(*_):
        raise AssertionError("read from disk during a session")

    monkeypatch.setattr(writer, "_read_manifest", unexpected)
    monkeypatch.setattr(build, "load_state", unexpected)
    for step, edit in enumerate([_edit_body, _new_article, _delete, _rename, _edit_title]):
        edit(rng, portal, step)
        incremental(portal, out, session=session)
    monkeypatch.undo()
    assert not state_path(out).exists()
    (out / "tai-len-tay.txt").write_text("tệp tải lên bằng tay", encoding="utf-8")
    after = build_portal(portal, out, NOW, jobs=1)  # without the session: the manifest on disk decides
    assert after.written.written == 0 and after.written.deleted == 0, after.written
    (out / "tai-len-tay.txt").unlink()
    clean(portal, tmp_path / "clean")
    assert tree_digest(out) == tree_digest(tmp_path / "clean")
