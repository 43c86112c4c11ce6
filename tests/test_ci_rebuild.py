"""A CI build: a fresh checkout (every modification time new), the cache folder restored, an empty
output folder.  The pages kept in the cache folder (:mod:`portalgen.pagestore`) make it render only
what changed, and its output always equals a clean build's."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import pytest
from test_build import tree_digest
from test_incremental import (
    EDITS,
    _delete,
    _edit_body,
    _edit_title,
    _new_article,
    _nothing,
    _rename,
    _template,
    _theme_string,
    clean,
)

from portalgen import build, pagestore, render, site_search, sitestore
from portalgen.build import Session, build_portal
from portalgen.cache import Cache
from portalgen.keptfiles import read_checked
from portalgen.search import SearchIndex
from portalgen.themes import Theme

from portal_builder import portal_2025

NOW = dt.datetime(2026, 11, 27, 9, 0)


def checkout(repository: Path, work: Path) -> Path:
    """A fresh checkout of ``repository``: the same path each run, every file written anew."""
    portal = work / "checkout" / "sites"
    shutil.rmtree(portal.parent, ignore_errors=True)
    shutil.copytree(repository, portal, copy_function=shutil.copyfile)
    return portal


def ci_build(repository: Path, work: Path, now: dt.datetime = NOW, jobs: int = 1):
    """Build a fresh checkout into an empty output with the cache folder of the previous run."""
    portal = checkout(repository, work)
    out = work / "checkout" / "public"
    result = build_portal(portal, out, now, cache=Cache(work / "cache"), jobs=jobs)
    assert result.built, result.check.problems
    return out


@pytest.fixture
def repository(tmp_path):
    repository = portal_2025(tmp_path / "repository")
    rng = random.Random(0)
    for number in range(40):
        _new_article(rng, repository, 100 + number)
    return repository


def rendered_templates(monkeypatch) -> list[str]:
    rendered: list[str] = []
    original = Theme.render

    def counting(self, template, context):
        rendered.append(template)
        return original(self, template, context)

    monkeypatch.setattr(Theme, "render", counting)
    return rendered


def test_a_ci_build_after_one_edit_renders_one_article_and_counts_its_terms(repository, tmp_path, monkeypatch):
    ci_build(repository, tmp_path)
    _edit_body(random.Random(1), repository, 1)
    rendered = rendered_templates(monkeypatch)
    counted = []
    original = SearchIndex._doc_terms
    monkeypatch.setattr(SearchIndex, "_doc_terms",
                        lambda index, record: counted.append(record) or original(index, record))
    out = ci_build(repository, tmp_path)
    monkeypatch.undo()
    assert rendered.count("news_item.html") == 1 and rendered.count("news_list.html") == 0
    assert 1 <= len(counted) <= 3, counted  # the item, in the indexes of its site and of those above it
    clean(repository, tmp_path / "clean")
    assert tree_digest(out) == tree_digest(tmp_path / "clean")


@pytest.mark.parametrize("seed", [1, 2])
def test_random_ci_sequences_equal_clean_builds(repository, tmp_path, seed):
    """Edits, additions, deletions, renames and theme changes, each built from a fresh checkout
    with the previous run's cache, at moments that move forward."""
    rng = random.Random(seed)
    ci_build(repository, tmp_path)
    for step in range(8):
        edit = rng.choice(EDITS)
        edit(rng, repository, step)
        moment = NOW + dt.timedelta(hours=step)
        out = ci_build(repository, tmp_path, moment)
        reference = tmp_path / f"clean-{step}"
        clean(repository, reference, moment)
        assert tree_digest(out) == tree_digest(reference), f"step {step}: {edit.__name__}"


def test_forked_workers_keep_and_reuse_pages_too(tmp_path):
    repository = portal_2025(tmp_path / "repository")
    rng = random.Random(5)
    for number in range(500):  # enough items for the build to fork its workers
        _new_article(rng, repository, number)
    ci_build(repository, tmp_path, jobs=2)
    for step, edit in enumerate([_edit_title, _delete, _nothing]):
        edit(rng, repository, step)
        out = ci_build(repository, tmp_path, jobs=2)
        clean(repository, tmp_path / f"clean-{step}")
        assert tree_digest(out) == tree_digest(tmp_path / f"clean-{step}"), f"step {step}: {edit.__name__}"


def _damage(rng: random.Random, cache: Path) -> Path:
    """One file of the kept pages, chosen at random, overwritten, cut short or emptied."""
    files = sorted(p for p in (cache / pagestore.FOLDER).rglob("*") if p.is_file())
    victim = rng.choice(files)
    data = victim.read_bytes()
    how = rng.choice(["garbage", "truncated", "empty", "flipped"])
    if how == "garbage":
        victim.write_bytes(rng.randbytes(len(data)))
    elif how == "truncated":
        victim.write_bytes(data[: len(data) // 2])
    elif how == "empty":
        victim.write_bytes(b"")
    else:
        position = rng.randrange(len(data))
        victim.write_bytes(data[:position] + bytes([data[position] ^ 0x20]) + data[position + 1:])
    return victim


@pytest.mark.parametrize("seed", range(6))
def test_a_damaged_cache_is_detected_and_the_output_equals_a_clean_build(repository, tmp_path, seed):
    rng = random.Random(seed)
    ci_build(repository, tmp_path)
    victim = _damage(rng, tmp_path / "cache")
    rng.choice([_edit_body, _nothing, _rename])(rng, repository, 1)
    out = ci_build(repository, tmp_path)
    clean(repository, tmp_path / "clean")
    assert tree_digest(out) == tree_digest(tmp_path / "clean"), victim


def test_a_cache_of_another_portalgen_version_is_ignored(repository, tmp_path, monkeypatch):
    ci_build(repository, tmp_path)
    monkeypatch.setattr(pagestore, "__version__", "0.0.0-other")
    monkeypatch.setattr(sitestore, "__version__", "0.0.0-other")
    rendered = rendered_templates(monkeypatch)
    out = ci_build(repository, tmp_path)
    assert rendered.count("news_item.html") > 40
    clean(repository, tmp_path / "clean")
    assert tree_digest(out) == tree_digest(tmp_path / "clean")


def test_a_cache_made_with_other_library_versions_is_ignored(repository, tmp_path, monkeypatch):
    """An upgrade of a library that makes the bytes (a Markdown parser, Jinja) makes the pages anew."""
    ci_build(repository, tmp_path)
    monkeypatch.setattr(build, "_library_versions", lambda: ["markdown-it-pyrs 99.0"])
    rendered = rendered_templates(monkeypatch)
    ci_build(repository, tmp_path)
    assert rendered.count("news_item.html") > 40 and rendered.count("home.html") >= 3


def test_a_cache_of_another_portal_at_the_same_place_gives_that_portals_own_output(repository, tmp_path):
    ci_build(repository, tmp_path)
    other = portal_2025(tmp_path / "other")
    rng = random.Random(9)
    for number in range(40):
        _new_article(rng, other, 500 + number)
    _theme_string(rng, other, 1)
    out = ci_build(other, tmp_path)
    clean(other, tmp_path / "clean")
    assert tree_digest(out) == tree_digest(tmp_path / "clean")


def _objects(cache: Path) -> set[str]:
    return {p.name for p in (cache / pagestore.FOLDER).glob("*/objects/*/*")}


def _named(cache: Path) -> set[str]:
    """The objects the page keys and the sites kept name."""
    folder = cache / pagestore.FOLDER
    pages = {row[4] for table in folder.glob("*/keys-*.json") for row in read_checked(table)["pages"]}
    return pages | {digest for table in folder.glob("*/sites-*.json")
                    for _, _, files in read_checked(table)["sites"].values() for _, digest in files}


def test_a_template_change_renders_the_pages_again_and_old_pages_are_pruned(repository, tmp_path, monkeypatch):
    ci_build(repository, tmp_path)
    _template(random.Random(2), repository, 1)
    rendered = rendered_templates(monkeypatch)
    out = ci_build(repository, tmp_path)
    monkeypatch.undo()
    assert rendered.count("news_item.html") > 40
    before = _objects(tmp_path / "cache")
    for step in range(5):
        _delete(random.Random(step), repository, step)
    ci_build(repository, tmp_path)
    after = _objects(tmp_path / "cache")
    assert after == _named(tmp_path / "cache") and len(before - after) >= 5
    clean(repository, tmp_path / "clean")
    assert tree_digest(out) == tree_digest(tmp_path / "clean")


def test_a_preview_session_starts_from_the_pages_a_build_kept(repository, tmp_path, monkeypatch):
    """``portalgen serve``'s first build takes the pages kept by a command-line build; its later
    rebuilds keep them in memory as usual."""
    ci_build(repository, tmp_path)
    portal, out = checkout(repository, tmp_path), tmp_path / "preview"
    session = Session()
    rendered = rendered_templates(monkeypatch)
    first = build_portal(portal, out, NOW, cache=Cache(tmp_path / "cache"), jobs=1, session=session)
    assert first.built and rendered.count("news_item.html") == 0, rendered
    _edit_title(random.Random(4), portal, 1)
    rendered.clear()
    build_portal(portal, out, NOW, cache=Cache(tmp_path / "cache"), jobs=1, session=session)
    monkeypatch.undo()
    assert rendered.count("news_item.html") <= 9  # the article and those that show it as related
    clean(portal, tmp_path / "clean")
    assert tree_digest(out) == tree_digest(tmp_path / "clean")


def test_an_index_counted_by_the_workers_is_kept_and_then_updated_in_place(repository, tmp_path, monkeypatch):
    """A cold build whose workers count the search terms in parts keeps an index that the next
    build updates with the one changed item."""
    monkeypatch.setattr(render, "PARALLEL_FROM_ITEMS", 1)
    monkeypatch.setattr(site_search, "ITEMS_PER_PART", 10)
    adopted = []
    keep_terms = SearchIndex.keep_terms
    monkeypatch.setattr(SearchIndex, "keep_terms",
                        lambda index, counted: adopted.append(index) or keep_terms(index, counted))
    ci_build(repository, tmp_path, jobs=2)
    assert adopted  # the terms were counted in parts (where the system forks), the index kept
    _edit_body(random.Random(3), repository, 1)
    counted = tmp_path / "counted"  # the kept index is updated by a worker: what it counts, in a file
    original = SearchIndex._doc_terms

    def counting(index, record):
        with counted.open("a", encoding="utf-8") as log:
            log.write(record.path + "\n")
        return original(index, record)

    monkeypatch.setattr(SearchIndex, "_doc_terms", counting)
    out = ci_build(repository, tmp_path, jobs=2)
    assert 1 <= len(counted.read_text(encoding="utf-8").split()) <= 3
    clean(repository, tmp_path / "clean")
    assert tree_digest(out) == tree_digest(tmp_path / "clean")
