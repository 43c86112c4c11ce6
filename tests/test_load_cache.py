"""What loading keeps in the cache folder (:mod:`portalgen.loadstore`): a CI build from a fresh
checkout parses and validates only the files whose content changed, reports the same problems as
a clean build, and ignores a kept memo that is damaged, of another epoch or of files now gone."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import pytest
from test_build import tree_digest
from test_ci_rebuild import checkout, ci_build
from test_incremental import _new_article, clean

from portalgen import keptfiles, loadstore, markup, outputs, sources
from portalgen.build import _stable_epoch, build_portal
from portalgen.buildstate import besides_content, fingerprint
from portalgen.cache import Cache
from portalgen.content_types import SearchRecord, news
from portalgen.keptfiles import changes_file, read_pickle, write_pickle
from portalgen.pagestore import kept_folder
from portalgen.site_search import SearchMemo

from portal_builder import portal_2025

NOW = dt.datetime(2026, 11, 27, 9, 0)


@pytest.fixture
def repository(tmp_path):
    repository = portal_2025(tmp_path / "repository")
    rng = random.Random(1)
    for number in range(20):
        _new_article(rng, repository, 300 + number)
    return repository


@pytest.fixture
def reads(monkeypatch):
    """The content files read and parsed (not taken from a memo), by portal path."""
    parsed: list[str] = []
    original = sources._read

    def counting(root, record, fmt):
        parsed.append(record.path)
        return original(root, record, fmt)

    monkeypatch.setattr(sources, "_read", counting)
    return parsed


def clean_digest(repository: Path, tmp_path: Path) -> dict[str, str]:
    clean(repository, tmp_path / "clean-out")
    return tree_digest(tmp_path / "clean-out")


def memo_file(work: Path) -> Path:
    return kept_folder(work / "cache", work / "checkout" / "sites") / loadstore.NAME


def test_a_commit_parses_only_the_changed_file_and_equals_a_clean_build(repository, tmp_path, reads):
    work = tmp_path / "ci"
    ci_build(repository, work)
    assert len(reads) > 20 and memo_file(work).is_file()
    reads.clear()
    article = sorted(repository.rglob("news/**/*.md"))[3]
    article.write_text(article.read_text(encoding="utf-8") + "\nMột đoạn viết thêm.\n", encoding="utf-8")
    out = ci_build(repository, work)
    assert reads == [article.relative_to(repository).as_posix()]
    assert tree_digest(out) == clean_digest(repository, tmp_path)


def test_nothing_changed_writes_the_memo_not_again_and_a_deleted_file_leaves_it(repository, tmp_path, reads):
    work = tmp_path / "ci"
    ci_build(repository, work)
    kept = memo_file(work).stat().st_mtime_ns
    reads.clear()
    ci_build(repository, work)
    assert reads == [] and memo_file(work).stat().st_mtime_ns == kept
    gone = sorted(repository.rglob("news/**/*.md"))[5]
    gone.unlink()
    out = ci_build(repository, work)
    assert reads == []
    memo = loadstore.read_memo(memo_file(work).parent, memo_file(work).read_bytes()[65:129].decode())
    assert gone.relative_to(repository).as_posix() not in memo.load.items
    assert tree_digest(out) == clean_digest(repository, tmp_path)


def test_problems_of_a_kept_file_are_reported_again(repository, tmp_path):
    article = sorted(repository.rglob("news/**/*.md"))[2]
    article.write_text(article.read_text(encoding="utf-8").replace("title:", "tieu_de: x\ntitle:", 1),
                       encoding="utf-8")
    work = tmp_path / "ci"
    portal = checkout(repository, work)
    first = build_portal(portal, work / "checkout" / "public", NOW, cache=Cache(work / "cache"))
    portal = checkout(repository, work)
    shutil.rmtree(work / "checkout" / "public", ignore_errors=True)
    second = build_portal(portal, work / "checkout" / "public", NOW, cache=Cache(work / "cache"))
    assert first.check.problems and second.check.problems == first.check.problems


@pytest.mark.parametrize("damage", ["flip", "truncate", "other epoch", "not a memo"])
def test_a_damaged_or_foreign_memo_is_ignored(repository, tmp_path, reads, damage):
    work = tmp_path / "ci"
    ci_build(repository, work)
    path = memo_file(work)
    data = bytearray(path.read_bytes())
    if damage == "flip":
        position = random.Random(7).randrange(129, len(data))
        data[position] ^= 0xFF
    elif damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "other epoch":
        data[65:129] = b"0" * 64
    else:  # whole and of this epoch, but not what loading keeps
        import hashlib
        import pickle

        body = bytes(data[65:130]) + pickle.dumps({"not": "a memo"})
        data = bytearray(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
    path.write_bytes(bytes(data))
    reads.clear()
    article = sorted(repository.rglob("news/**/*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nThêm.\n", encoding="utf-8")
    out = ci_build(repository, work)
    assert len(reads) > 20  # everything read again
    assert tree_digest(out) == clean_digest(repository, tmp_path)


def test_a_commit_makes_the_search_record_and_the_export_of_the_changed_article_only(repository, tmp_path,
                                                                                    monkeypatch):
    """The news records and JSON exports are kept with the load memo, each with its item: a commit
    makes them for the changed article only, and the output equals a clean build."""
    work = tmp_path / "ci"
    ci_build(repository, work)
    article = sorted(repository.rglob("news/**/*.md"))[3]
    article.write_text(article.read_text(encoding="utf-8") + "\nMột đoạn viết thêm.\n", encoding="utf-8")
    records, exported = [], []
    monkeypatch.setattr(news, "SearchRecord", lambda *a, **k: records.append(a[1]) or SearchRecord(*a, **k))
    original = outputs._news_json
    monkeypatch.setattr(outputs, "_news_json", lambda site, n: exported.append(n.path) or original(site, n))
    out = ci_build(repository, work)
    monkeypatch.undo()
    assert len(records) == 1 and exported == [article.relative_to(repository).as_posix()]
    assert tree_digest(out) == clean_digest(repository, tmp_path)


def test_kept_records_newer_than_a_search_index_kept_for_other_options(repository, tmp_path, monkeypatch):
    """The load memo is shared by builds with other options, each with its own kept search index:
    an item whose kept record is newer than the index is counted from its text again."""
    work = tmp_path / "ci"
    ci_build(repository, work)
    article = sorted(repository.rglob("news/**/*.md"))[4]
    article.write_text(article.read_text(encoding="utf-8") + "\nĐường giao thông nông thôn.\n", encoding="utf-8")
    portal = checkout(repository, work)
    strict = build_portal(portal, work / "checkout" / "public", NOW, cache=Cache(work / "cache"), strict=True)
    assert strict.built, strict.check.problems
    fresh, original = [], SearchMemo.fresh_records
    monkeypatch.setattr(SearchMemo, "fresh_records", lambda memo: fresh.append(1) or original(memo))
    out = ci_build(repository, work)
    assert fresh  # the kept index did not hold the edited article's kept record: its text was read again
    assert tree_digest(out) == clean_digest(repository, tmp_path)


def _append(article: Path, text: str = "\nMột đoạn viết thêm.\n") -> None:
    article.write_text(article.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_commit_keeps_its_changes_apart_and_many_changes_write_the_whole_again(repository, tmp_path, reads,
                                                                                monkeypatch):
    work = tmp_path / "ci"
    ci_build(repository, work)
    whole, changes = memo_file(work), changes_file(memo_file(work))
    written = whole.stat().st_mtime_ns
    articles = sorted(repository.rglob("news/**/*.md"))
    _append(articles[1])
    ci_build(repository, work)
    assert whole.stat().st_mtime_ns == written and changes.is_file()  # only the changes written
    reads.clear()
    _append(articles[2])
    out = ci_build(repository, work)
    assert reads == [articles[2].relative_to(repository).as_posix()]  # the first change was kept too
    assert tree_digest(out) == clean_digest(repository, tmp_path)
    monkeypatch.setattr(keptfiles, "CHANGES_LEAST", 0)  # (and a quarter of the whole) exceeded below
    for article in articles[3:]:
        _append(article)
    ci_build(repository, work)
    assert whole.stat().st_mtime_ns != written and not changes.exists()
    reads.clear()
    out = ci_build(repository, work)
    assert reads == [] and tree_digest(out) == clean_digest(repository, tmp_path / "again")


@pytest.mark.parametrize("damage", ["flip", "another writing of the whole"])
def test_damaged_or_foreign_changes_are_ignored(repository, tmp_path, reads, damage):
    work = tmp_path / "ci"
    ci_build(repository, work)
    articles = sorted(repository.rglob("news/**/*.md"))
    _append(articles[1])
    ci_build(repository, work)
    changes = changes_file(memo_file(work))
    if damage == "flip":
        data = bytearray(changes.read_bytes())
        data[random.Random(3).randrange(130, len(data))] ^= 0xFF
        changes.write_bytes(bytes(data))
    else:
        epoch = changes.read_bytes()[65:129].decode()
        write_pickle(changes, epoch, {**read_pickle(changes, epoch), "written": "0" * 32})
    reads.clear()
    out = ci_build(repository, work)
    assert reads == [articles[1].relative_to(repository).as_posix()]  # read again: its change was not trusted
    assert tree_digest(out) == clean_digest(repository, tmp_path)


def test_what_is_kept_is_read_once_while_the_content_is_hashed(repository, tmp_path, monkeypatch):
    """A CI build hashes the content in another process while it reads what is kept, for the epoch
    of the files besides the content (hashed first): the same epoch as the whole fingerprint's."""
    stats = fingerprint(repository, [], {}, {})[1]
    assert _stable_epoch(besides_content(repository, []), ("load",)) == _stable_epoch(stats, ("load",))
    work = tmp_path / "ci"
    ci_build(repository, work)
    _append(sorted(repository.rglob("news/**/*.md"))[1])
    read, original = [], loadstore.read_memo
    monkeypatch.setattr(loadstore, "read_memo", lambda *a: read.append(a) or original(*a))
    out = ci_build(repository, work, jobs=2)
    assert len(read) == 1 and tree_digest(out) == clean_digest(repository, tmp_path)


def test_a_commit_reads_the_references_of_the_changed_body_only(repository, tmp_path, monkeypatch):
    """The links and images of every body are found once: the check and the page keys ask for
    them, and the cache folder keeps them for the next build (bodies with links are the rule)."""
    articles = sorted(repository.rglob("news/**/*.md"))
    for article in articles[:6]:
        _append(article, "\nXem [Cổng thông tin điện tử Chính phủ](https://chinhphu.vn).\n")
    work = tmp_path / "ci"
    ci_build(repository, work)
    _append(articles[2], "\nVà [văn bản gốc](https://vanban.chinhphu.vn).\n")
    parsed, original = [], markup._references
    monkeypatch.setattr(markup, "_references", lambda body: parsed.append(body) or original(body))
    markup._REFERENCES.clear()  # as in a new process: only what the cache folder keeps
    out = ci_build(repository, work)
    assert len(parsed) == 1 and "văn bản gốc" in parsed[0]
    monkeypatch.undo()
    assert tree_digest(out) == clean_digest(repository, tmp_path)
