"""Processes and the garbage collector: how a build runs work in parallel, on every platform.

Work runs one of three ways (the *start method*), all giving the same output:

- ``fork`` (Linux and the other POSIX systems but macOS): workers are forked, so a job they run
  (the site tree, the theme…) is inherited, not copied, and each worker freezes its collector so
  that the memory it shares with this process stays shared;
- ``spawn`` (Windows, macOS): calls whose function and arguments can be pickled (image variants,
  the inputs' fingerprint) run in fresh interpreters; a job that would have to be inherited (the
  pages) runs in this process;
- ``serial``: everything in this process (the fingerprint in a thread beside the load).

``PORTALGEN_START_METHOD=fork|spawn|serial`` chooses one (tests run builds each way and compare
the bytes).  This module also holds the collector's policy: a build's objects mostly live as long
as it does, so it is collected rarely; a preview rebuild is collected once, at its end.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import gc
import multiprocessing
import os
import sys
import threading
from typing import Any, Callable, Iterator, Protocol, Sequence

from .failures import UsageFailure

START_METHOD_VARIABLE = "PORTALGEN_START_METHOD"
START_METHODS = ("fork", "spawn", "serial")
#: A build collects the young generation every this many allocations, not every 700: it makes
#: millions of objects that live as long as it does (a cold build at 10,000 articles spends about
#: 0.25 s in the collector instead of 0.9 s, with the same peak memory).
BUILD_COLLECTION_THRESHOLD = (50_000, 10, 10)


def start_method() -> str:
    """How work runs in parallel here: the variable's choice, else ``fork`` where it is safe."""
    chosen = os.environ.get(START_METHOD_VARIABLE, "").strip().lower()
    if not chosen:
        return "fork" if _forks_safely() else "spawn"
    if chosen not in START_METHODS:
        raise UsageFailure("START_METHOD_UNKNOWN", variable=START_METHOD_VARIABLE, value=chosen,
                           allowed=", ".join(START_METHODS))
    if chosen == "fork" and "fork" not in multiprocessing.get_all_start_methods():
        raise UsageFailure("START_METHOD_NO_FORK", variable=START_METHOD_VARIABLE)
    return chosen


def _forks_safely() -> bool:
    """Whether forking is the system's safe choice (macOS forbids it in its system libraries)."""
    return sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


def default_jobs(jobs: int | None) -> int:
    """The number of processes asked for, by default one per core."""
    return jobs or os.cpu_count() or 1


def inheriting_processes(jobs: int) -> int:
    """How many processes can run a job they inherit: ``jobs`` when processes fork, else 1 (this one)."""
    return jobs if start_method() == "fork" else 1


def _context(method: str) -> multiprocessing.context.BaseContext:
    return multiprocessing.get_context(method)


# --- calls whose function and arguments pickle -------------------------------------------------


def beside(jobs: int) -> concurrent.futures.Executor:
    """An executor for one call run beside this process's own work: another process when there
    are cores for it and processes can start, else a thread (the call should release the GIL)."""
    method = start_method()
    if jobs >= 2 and method != "serial":
        return concurrent.futures.ProcessPoolExecutor(1, mp_context=_context(method))
    return concurrent.futures.ThreadPoolExecutor(1)


def map_calls(function: Callable[..., Any], arguments: Sequence[tuple], jobs: int) -> list[Any]:
    """``[function(*args) for args in arguments]``, in up to ``jobs`` processes when that can help."""
    method = start_method()
    if jobs < 2 or len(arguments) < 2 or method == "serial":
        return [function(*args) for args in arguments]
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=_context(method)) as pool:
        futures = [pool.submit(function, *args) for args in arguments]
        return [future.result() for future in futures]


# --- a job inherited by forked workers ---------------------------------------------------------


class Job(Protocol):
    """Work cut into numbered tasks, each run by ``run(number)`` in any process holding the job."""

    @property
    def tasks(self) -> Sequence[Any]: ...

    def run(self, number: int) -> Any: ...


_ADOPTED: Job | None = None  # in a forked worker: the job it was forked with


def _adopt(job: Job) -> None:
    """Start a forked worker: its job (inherited, not copied), and a collector that leaves the
    inherited objects, and so the memory shared with the parent, alone."""
    global _ADOPTED
    _ADOPTED = job
    gc.freeze()


def _run_adopted(number: int) -> Any:
    assert _ADOPTED is not None
    return _ADOPTED.run(number)


class Workers:
    """Every task of one job, in task order, with their results in the same order: ``first(n)``
    waits for the next n, ``rest()`` for all the others.

    With two processes or more (and forking) the tasks run in forked workers that start at once,
    while this process does other work; ``on_copies`` then says that what the tasks learnt stayed
    in the workers' copies of memory.  Otherwise each task runs here when its result is asked for.
    """

    def __init__(self, job: Job, processes: int) -> None:
        self.job = job
        self.on_copies = processes >= 2 and start_method() == "fork"
        self._next = 0
        self._pool = None
        if self.on_copies:
            gc.freeze()  # the job is not garbage: neither this process's collector nor the workers' walk it
            try:
                self._pool = _context("fork").Pool(processes, initializer=_adopt, initargs=(job,))
            except BaseException:
                gc.unfreeze()
                raise
            self._pending = self._pool.imap(_run_adopted, range(len(job.tasks)), chunksize=1)

    def first(self, count: int) -> list[Any]:
        return [self._result() for _ in range(count)]

    def rest(self) -> list[Any]:
        return [self._result() for _ in range(self._next, len(self.job.tasks))]

    def _result(self) -> Any:
        number, self._next = self._next, self._next + 1
        return next(self._pending) if self._pool is not None else self.job.run(number)

    def close(self) -> None:
        """Stop the workers (done or not) and let the collector walk this process's objects again."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool = None
            gc.unfreeze()


@contextlib.contextmanager
def workers(job: Job, processes: int) -> Iterator[Workers]:
    """:class:`Workers` for ``job``, stopped on leaving the block."""
    running = Workers(job, processes)
    try:
        yield running
    finally:
        running.close()


# --- writes of the cache folder that the build does not wait for ---------------------------------


_WRITERS: list[int] | None = None  # inside background_writes(): the forked writers running


@contextlib.contextmanager
def background_writes(jobs: int) -> Iterator[None]:
    """Let :func:`in_background` fork writers inside the block when ``jobs`` allows a second
    process; on leaving it, wait for every writer: a build returns once its cache folder is whole."""
    global _WRITERS
    outer, _WRITERS = _WRITERS, ([] if jobs >= 2 and start_method() == "fork" else None)
    try:
        yield
    finally:
        started, _WRITERS = _WRITERS, outer
        for pid in started or ():
            os.waitpid(pid, 0)


def in_background(write: Callable[[], None]) -> None:
    """Run ``write`` (it keeps something in the cache folder, in one rename, and swallows its
    own failures) in a forked process while this one goes on; here and now when no writer may be
    forked, or when another thread runs (a lock it holds would stay held in the copy).  The
    writer sees the objects as they were when it started."""
    if _WRITERS is None or threading.active_count() > 1:
        write()
        return
    pid = os.fork()
    if pid == 0:  # the writer: pickling touches every object it walks; the collector need not
        gc.disable()
        code = 0
        try:
            write()
        except BaseException:  # noqa: BLE001 - a writer that fails leaves the previous file
            code = 1
        os._exit(code)
    _WRITERS.append(pid)


# --- the collector ------------------------------------------------------------------------------


@contextlib.contextmanager
def long_lived_objects() -> Iterator[None]:
    """Run work whose objects mostly live as long as it does (a build: records, the model, the
    site tree) with the young generation collected every 50,000 allocations, not 700; the
    previous thresholds come back after it.  Forked workers inherit the setting."""
    previous = gc.get_threshold()
    gc.set_threshold(*BUILD_COLLECTION_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


@contextlib.contextmanager
def collected_once(jobs: int) -> Iterator[None]:
    """Run a preview rebuild with the collector off when no worker will be forked from it (forked
    workers would inherit a collector turned off, and their cycles would pile up): its many
    short-lived objects are collected once at its end, not 200 times.  Then what survives, what
    the session keeps, is frozen: the collector need not walk it at every rebuild."""
    paused = inheriting_processes(jobs) < 2
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
    gc.collect()
    gc.freeze()
