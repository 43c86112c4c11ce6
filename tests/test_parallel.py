"""Every way of running work in parallel gives the same bytes (``tests/test_imports.py``: the build
core names no output)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_build import tree_digest

from portalgen import parallel
from portalgen.build import build_portal
from portalgen.cache import Cache
from portalgen.cli import main
from portalgen.failures import UsageFailure
from portalgen.serve import PortalServer

from conftest import THREE_LEVEL

NOW = dt.datetime(2026, 11, 27, 9, 0)
ARTICLE = "nam-dinh/news/2026/chu-dong-ung-pho-bao-so-8.md"


@pytest.fixture(scope="module")
def large_demo(tmp_path_factory) -> Path:
    """The demo portal with enough news (its images and dashboard included) for a build to fork workers."""
    root = tmp_path_factory.mktemp("large") / "sites"
    shutil.copytree(THREE_LEVEL, root)
    text = (root / ARTICLE).read_text(encoding="utf-8")
    head, body = text.split("\nattachments:", 1)[0], text.split("\n---\n", 1)[1]
    for number in range(parallel_threshold()):
        day = f"2026-{number % 10 + 1:02d}-{number % 27 + 1:02d}"
        front = head.replace("2026-09-27", day).replace("Chủ động ứng phó", f"Tin số {number} về chủ động ứng phó")
        (root / f"nam-dinh/news/2026/tin-{number}.md").write_text(
            f"{front}\n---\n{body}\nĐoạn riêng của tin số {number}.\n", encoding="utf-8")
    return root


def parallel_threshold() -> int:
    from portalgen.render import PARALLEL_FROM_ITEMS

    return PARALLEL_FROM_ITEMS


@pytest.fixture(scope="module")
def fork_build(large_demo, tmp_path_factory) -> dict[str, str]:
    """The demo built the usual way on Linux: forked workers, image variants in forked processes."""
    out = tmp_path_factory.mktemp("fork") / "public"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(parallel.START_METHOD_VARIABLE, "fork")
        methods = _recording(patch)
        assert build_portal(large_demo, out, NOW, cache=Cache(), jobs=2, reuse=False).built
    assert methods == ["fork"] * 3  # the inputs' fingerprint, the pages, the image variants
    return tree_digest(out)


def _recording(patch: pytest.MonkeyPatch) -> list[str]:
    """The start method of each group of processes a build starts from now on."""
    methods: list[str] = []
    original = parallel._context

    def recording(method: str):
        methods.append(method)
        return original(method)

    patch.setattr(parallel, "_context", recording)
    return methods


@pytest.mark.parametrize("method, started", [("spawn", ["spawn"] * 2), ("serial", [])])
def test_a_build_without_fork_equals_the_forked_build(large_demo, fork_build, tmp_path, monkeypatch, method, started):
    monkeypatch.setenv(parallel.START_METHOD_VARIABLE, method)
    methods = _recording(monkeypatch)
    out = tmp_path / "public"
    result = build_portal(large_demo, out, NOW, cache=Cache(), jobs=2, reuse=False)
    assert result.built and result.conversions.get("image")  # image variants made (in spawned processes)
    assert methods == started  # spawn: the fingerprint and the image variants; the pages here
    assert tree_digest(out) == fork_build


@pytest.mark.parametrize("method", ["spawn", "serial"])
def test_the_preview_without_fork_equals_forked_clean_builds(large_demo, tmp_path, monkeypatch, method):
    portal = tmp_path / "sites"
    shutil.copytree(large_demo, portal)
    monkeypatch.setenv(parallel.START_METHOD_VARIABLE, method)
    server = PortalServer(portal, tmp_path / "preview", 0, lambda: NOW, cache=Cache())
    try:
        assert server.rebuild(jobs=None).built
        article = portal / "nam-dinh/news/2026/tin-7.md"
        article.write_text(article.read_text(encoding="utf-8") + "\nMột đoạn thêm.\n", encoding="utf-8")
        again = server.rebuild()
    finally:
        server.httpd.server_close()
    assert again.built and 0 < again.written.written < 20
    monkeypatch.setenv(parallel.START_METHOD_VARIABLE, "fork")
    assert build_portal(portal, tmp_path / "clean", NOW, cache=Cache(), jobs=2, reuse=False).built
    assert tree_digest(tmp_path / "preview") == tree_digest(tmp_path / "clean")


def test_the_start_method_is_fork_where_safe_and_can_be_chosen(monkeypatch):
    monkeypatch.delenv(parallel.START_METHOD_VARIABLE, raising=False)
    assert parallel.start_method() == ("fork" if parallel._forks_safely() else "spawn")
    monkeypatch.setenv(parallel.START_METHOD_VARIABLE, "Serial")
    assert parallel.start_method() == "serial" and parallel.inheriting_processes(4) == 1
    monkeypatch.setenv(parallel.START_METHOD_VARIABLE, "threads")
    with pytest.raises(UsageFailure, match="fork, spawn, serial"):
        parallel.start_method()


def test_a_bad_start_method_is_a_usage_error_in_the_chosen_language(monkeypatch, tmp_path):
    monkeypatch.setenv(parallel.START_METHOD_VARIABLE, "threads")
    for lang, words in (("vi", "không dùng được"), ("en", "is not one of")):
        result = CliRunner().invoke(main, ["build", "sites", "-o", str(tmp_path / "out"), "--lang", lang])
        assert result.exit_code == 2
        assert words in result.output and result.output.count("\n") == 1
        assert not (tmp_path / "out").exists()


class _Squares:
    def __init__(self, count: int) -> None:
        self.tasks = list(range(count))
        self.ran: list[int] = []

    def run(self, number: int) -> int:
        self.ran.append(number)
        return number * number


@pytest.mark.parametrize("method", ["fork", "serial"])
def test_workers_give_results_in_task_order(monkeypatch, method):
    monkeypatch.setenv(parallel.START_METHOD_VARIABLE, method)
    job = _Squares(7)
    with parallel.workers(job, 2) as running:
        assert running.first(3) == [0, 1, 4]
        assert running.rest() == [9, 16, 25, 36]
    assert running.on_copies == (method == "fork")
    assert job.ran == ([] if method == "fork" else list(range(7)))  # forked workers ran on copies


def test_map_calls_keeps_the_order_of_its_calls(monkeypatch):
    monkeypatch.setenv(parallel.START_METHOD_VARIABLE, "spawn")
    assert parallel.map_calls(divmod, [(7, 2), (9, 4), (1, 1)], 2) == [(3, 1), (2, 1), (1, 0)]


def test_a_build_collects_rarely_and_restores_the_collector():
    import gc

    before = gc.get_threshold()
    with parallel.long_lived_objects():
        assert gc.get_threshold() == parallel.BUILD_COLLECTION_THRESHOLD
    assert gc.get_threshold() == before


@pytest.mark.parametrize("method", ["fork", "spawn", "serial"])
def test_background_writes_are_done_when_the_block_ends(monkeypatch, tmp_path, method):
    """A write handed to the background (a forked writer, or at once where none may fork) sees the
    objects as they were when handed over, and is on disk when the block is left."""
    import os
    import time

    monkeypatch.setenv(parallel.START_METHOD_VARIABLE, method)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)  # a test runner's own threads aside
    target, value = tmp_path / "kept.txt", ["before"]
    pids = []
    with parallel.background_writes(2):
        parallel.in_background(lambda: (time.sleep(0.3), target.write_text(value[0]), pids.append(os.getpid())))
        value[0] = "after"  # changed by this process once the writer started
    assert target.read_text() == "before"
    assert (pids == []) == (method == "fork")  # a forked writer appended to its own copy


def test_no_writer_is_forked_for_one_process_or_beside_threads(monkeypatch, tmp_path):
    import os
    import threading

    monkeypatch.setenv(parallel.START_METHOD_VARIABLE, "fork")
    pids: list[int] = []
    with parallel.background_writes(1):
        parallel.in_background(lambda: pids.append(os.getpid()))
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        with parallel.background_writes(2):
            parallel.in_background(lambda: pids.append(os.getpid()))
    finally:
        release.set()
        other.join()
    assert pids == [os.getpid(), os.getpid()]  # both written here, at once
