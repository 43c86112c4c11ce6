"""Whole sites kept in the cache folder (:mod:`portalgen.sitestore`): a CI build of a commit that
changes one commune makes that commune's site and the sites above it, links every other site's
files from the objects kept, and its output always equals a clean build's."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from test_build import tree_digest
from test_ci_rebuild import checkout, ci_build
from test_incremental import NEWS, _template, _theme_string, clean

from portalgen import render
from portalgen.build import build_portal
from portalgen.cache import Cache
from portalgen.load import load_portal
from portalgen.resolve import resolve
from portalgen.sitestore import site_keys

from portal_builder import portal_2025, unit, write

NOW = dt.datetime(2026, 11, 27, 9, 0)
COMMUNES = ["tinh-a/xa-b", "tinh-a/phuong-c", "tinh-a/xa-d", "tinh-a/xa-e"]


@pytest.fixture
def repository(tmp_path):
    repository = portal_2025(tmp_path / "repository")
    unit(repository, "tinh-a/xa-d", "14300", "Xã D", "xa", "commune")
    unit(repository, "tinh-a/xa-e", "14310", "Xã E", "xa", "commune")
    return repository


@pytest.fixture
def made_sites(monkeypatch):
    """The sites whose pages a build plans and renders."""
    made: set[str] = set()
    original = render._Job.render

    def recording(job, site, part):
        made.add(site)
        return original(job, site, part)

    monkeypatch.setattr(render._Job, "render", recording)
    return made


def _article(portal: Path, folder: str, name: str, extra: str = "") -> None:
    text = NEWS.replace("Hội nghị triển khai nhiệm vụ tháng 12", f"Tin {name}")
    write(portal, f"{folder}/news/2026/{name}.md", text.replace("status: published\n", f"status: published\n{extra}"))


def _same_as_clean(repository: Path, out: Path, tmp_path: Path, moment: dt.datetime = NOW) -> None:
    reference = tmp_path / "clean"
    clean(repository, reference, moment)
    assert tree_digest(out) == tree_digest(reference)


def test_a_commune_commit_makes_that_commune_and_the_units_above_it_only(repository, tmp_path, made_sites):
    ci_build(repository, tmp_path)
    made_sites.clear()
    _article(repository, "tinh-a/xa-d", "tin-moi")
    out = ci_build(repository, tmp_path)
    assert made_sites == {"tinh-a", "tinh-a/xa-d"}
    _same_as_clean(repository, out, tmp_path)
    made_sites.clear()
    out = ci_build(repository, tmp_path)  # nothing changed: every site kept
    assert made_sites == set()
    _same_as_clean(repository, out, tmp_path)


@pytest.mark.parametrize("change", ["unit name", "catalog", "province page", "theme string", "template"])
def test_what_every_site_shows_makes_every_site_again(repository, tmp_path, made_sites, change):
    """A unit's name is on its neighbours' pages, the catalog's procedures on every commune's,
    the province's pages are above every commune, and the theme is in every page."""
    ci_build(repository, tmp_path)
    made_sites.clear()
    if change == "unit name":
        path = repository / "tinh-a/xa-e/unit.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("Xã E", "Xã Ê"), encoding="utf-8")
    elif change == "catalog":
        path = repository / "catalog/procedures/commune/khai-sinh.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "\n# sửa\n", encoding="utf-8")
    elif change == "province page":
        path = repository / "tinh-a/pages/gioi-thieu.md"
        path.write_text(path.read_text(encoding="utf-8") + "\nThêm một đoạn.\n", encoding="utf-8")
    elif change == "theme string":
        _theme_string(random.Random(0), repository, 1)
    else:
        _template(random.Random(0), repository, 1)
    out = ci_build(repository, tmp_path)
    if change != "catalog":
        assert made_sites == {"tinh-a", *COMMUNES}
    else:
        assert set(COMMUNES) <= made_sites
    _same_as_clean(repository, out, tmp_path)


def test_an_article_due_later_in_the_day_makes_its_site_again_once_due(repository, tmp_path, made_sites):
    _article(repository, "tinh-a/xa-b", "tin-chieu", "publish_at: 2026-11-27 15:00\n")
    ci_build(repository, tmp_path)
    made_sites.clear()
    out = ci_build(repository, tmp_path, NOW.replace(hour=12))
    assert made_sites == set()  # nothing due between 9:00 and 12:00
    assert not any("tin-chieu" in str(p) for p in (out / "tinh-a/xa-b").rglob("*"))
    out = ci_build(repository, tmp_path, NOW.replace(hour=16))
    assert made_sites == {"tinh-a", "tinh-a/xa-b"}
    assert any("tin-chieu" in str(p) for p in (out / "tinh-a/xa-b").rglob("*"))
    _same_as_clean(repository, out, tmp_path, NOW.replace(hour=16))


def test_the_next_day_makes_every_site_again(repository, tmp_path, made_sites):
    ci_build(repository, tmp_path)
    made_sites.clear()
    tomorrow = NOW + dt.timedelta(days=1)
    out = ci_build(repository, tmp_path, tomorrow)
    assert made_sites == {"tinh-a", *COMMUNES}
    _same_as_clean(repository, out, tmp_path, tomorrow)


def _commune_edit(rng: random.Random, portal: Path, step: int) -> None:
    folder = rng.choice(COMMUNES)
    articles = sorted((portal / folder / "news").rglob("*.md"))
    how = rng.choice(["add", "edit", "delete", "rename", "unit"])
    if how == "add" or not articles:
        _article(portal, folder, f"tin-{step}")
    elif how == "edit":
        path = rng.choice(articles)
        path.write_text(path.read_text(encoding="utf-8") + f"\nĐoạn {step}.\n", encoding="utf-8")
    elif how == "delete" and len(articles) > 1:
        rng.choice(articles).unlink()
    elif how == "rename":
        path = rng.choice(articles)
        path.rename(path.with_name(f"doi-ten-{step}.md"))
    else:
        path = portal / folder / "unit.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("address: Số 1", f"address: Số {step + 2}", 1), encoding="utf-8")


def _province_edit(rng: random.Random, portal: Path, step: int) -> None:
    _article(portal, "tinh-a", f"tinh-{step}")


@pytest.mark.parametrize("seed", [3, 4])
def test_random_commune_commits_equal_clean_builds(repository, tmp_path, seed):
    """Commits to communes and the province, each built from a fresh checkout with the previous
    run's cache, at moments that move forward within a day and across days."""
    rng = random.Random(seed)
    ci_build(repository, tmp_path)
    moment = NOW
    for step in range(8):
        rng.choice([_commune_edit, _commune_edit, _commune_edit, _province_edit])(rng, repository, step)
        moment += dt.timedelta(hours=rng.choice([0, 1, 7]))
        out = ci_build(repository, tmp_path, moment)
        reference = tmp_path / f"clean-{step}"
        clean(repository, reference, moment)
        assert tree_digest(out) == tree_digest(reference), f"step {step}"


def test_a_site_showing_held_content_has_no_key(repository):
    """The last good version of a held record is published, not the file: the site showing it,
    and those above it (their lists show their units' news), are made every time."""
    loaded = load_portal(repository)
    assert loaded.portal is not None
    tree = resolve(loaded.portal, NOW)
    digests = {str(p.relative_to(repository)): "0" for p in repository.rglob("*") if p.is_file()}
    every = site_keys(tree, digests, "epoch")
    assert set(every) == {"tinh-a", *COMMUNES}
    held = site_keys(tree, digests, "epoch", ["tinh-a/xa-b/news/2026/hoi-nghi.md"])
    assert set(held) == {"tinh-a/phuong-c", "tinh-a/xa-d", "tinh-a/xa-e"}
    assert all(held[path] == every[path] for path in held)


def test_keys_follow_the_files_a_site_is_made_from(repository):
    loaded = load_portal(repository)
    assert loaded.portal is not None
    tree = resolve(loaded.portal, NOW)
    digests = {str(p.relative_to(repository)): "0" for p in repository.rglob("*") if p.is_file()}
    before = site_keys(tree, digests, "epoch")
    changed = site_keys(tree, {**digests, "tinh-a/xa-b/news/2026/hoi-nghi.md": "1"}, "epoch")
    assert {p for p in before if before[p] != changed[p]} == {"tinh-a", "tinh-a/xa-b"}
    renamed = site_keys(tree, {**digests, "tinh-a/xa-b/unit.yaml": "1"}, "epoch")
    assert all(before[p] != renamed[p] for p in before)  # every site names its neighbours
    assert all(before[p] != k for p, k in site_keys(tree, digests, "other epoch").items())


def test_a_held_unit_keeps_no_site(repository, tmp_path):
    ci_build(repository, tmp_path)
    path = repository / "tinh-a/xa-b/unit.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("level: commune", "level: galaxy"), encoding="utf-8")
    portal = checkout(repository, tmp_path)
    result = build_portal(portal, tmp_path / "checkout" / "public", NOW, cache=Cache(tmp_path / "cache"), jobs=1)
    assert result.built
    assert any(p.source.path == "tinh-a/xa-b/unit.yaml" for p in result.check.problems)


def test_files_linked_from_the_store_are_recorded_with_their_own_stamps(repository, tmp_path):
    """The manifest of an output whose files were linked from the objects kept gives each file its
    size and modification time as on disk (taken from the object, not asked again), so the next
    build into that output with nothing changed does nothing."""
    import json
    import os

    from portalgen.writer import manifest_path

    ci_build(repository, tmp_path)
    _article(repository, "tinh-a/xa-d", "tin-moi")
    out = ci_build(repository, tmp_path)
    stamps = json.loads(manifest_path(out).read_text(encoding="utf-8"))["stamps"]
    on_disk = {path.relative_to(out).as_posix(): [path.stat().st_size, path.stat().st_mtime_ns]
               for path in out.rglob("*") if path.is_file()}
    assert stamps == on_disk and len(on_disk) > 100
    again = build_portal(out.parent / "sites", out, NOW, cache=Cache(tmp_path / "cache"), jobs=1)
    assert again.reused
    assert {p: os.stat(out / p).st_mtime_ns for p in on_disk} == {p: s[1] for p, s in on_disk.items()}


def test_pruning_objects_never_raises(tmp_path):
    """An object the prune cannot remove (here a folder where a file should be) is left, the others
    no table names are removed, and the build that pruned goes on."""
    from portalgen.keptfiles import prune_objects

    objects = tmp_path / "objects"
    (objects / "ab" / "abad").mkdir(parents=True)
    (objects / "cd").mkdir()
    (objects / "cd" / "cdef").write_bytes(b"x")
    prune_objects(tmp_path)
    assert (objects / "ab" / "abad").is_dir() and not (objects / "cd" / "cdef").exists()
