"""What the previous build of an output folder saw, so that a rebuild with nothing changed does no work.

Beside the output (``.public.portalgen-build.json``) a build records a fingerprint of everything its
output depends on: every file of the portal (content hashes, recomputed only for files whose size
or modification time changed), the theme, portalgen's own code and the build options; and the
window of time in which that output holds: from the build's moment until the next scheduled
change (``publish_at``, ``expire_at``, a deadline, a new week), within the same day, since the
check's date rules count in days.  A later build with the same fingerprint inside that window,
into an output whose files are all still there, reuses the recorded check result and writes
nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from . import __version__, gitdates
from .problems import CheckResult, Problem, Severity, Source, UnitSummary
from .writer import MANIFEST_SUFFIX, WriteSummary, intact, manifest_path

STATE_SUFFIX = ".portalgen-build.json"
FORMAT = 1
_CODE_ROOT = Path(__file__).resolve().parent
_NOT_INPUT_FOLDERS = {".git", ".hg", ".svn", "__pycache__"}
_BUILD_RECORDS = (STATE_SUFFIX, MANIFEST_SUFFIX, STATE_SUFFIX[:-5] + ".tmp", MANIFEST_SUFFIX[:-5] + ".tmp")


def state_path(out: Path) -> Path:
    """Where the state of the build into ``out`` is kept: beside it, like the manifest."""
    return out.parent / f".{out.name}{STATE_SUFFIX}"


@dataclass(frozen=True)
class BuildWindow:
    """The fingerprint of one build's inputs and the window of time its output holds for."""

    key: str
    day: str
    valid_from: str
    valid_until: str | None

    def holds(self, key: str, now: dt.datetime) -> bool:
        """True when a build with fingerprint ``key`` at ``now`` would give the same output."""
        return (key == self.key and now.date().isoformat() == self.day
                and dt.datetime.fromisoformat(self.valid_from) <= now
                and (self.valid_until is None or now < dt.datetime.fromisoformat(self.valid_until)))

    @property
    def next_change(self) -> dt.datetime | None:
        return dt.datetime.fromisoformat(self.valid_until) if self.valid_until else None


@dataclass(frozen=True)
class BuildState(BuildWindow):
    """A build's window and its results: the check, counts, and the input file stats it used."""

    check: CheckResult
    units: int
    pages: int
    files: int
    stats: Mapping[str, tuple[int, int, str]]

    def reusable(self, key: str, now: dt.datetime, out: Path) -> bool:
        """Whether a build with fingerprint ``key`` at ``now`` into ``out`` would write what this
        one wrote, and ``out`` still holds it: then that build does nothing."""
        return self.holds(key, now) and intact(out) and not _reads_again(self.check.problems)

    def result(self, started: float) -> BuildResult:
        """What a build that reuses this one's output returns."""
        return BuildResult(check=self.check, units=self.units, pages=self.pages, files=self.files,
                           written=WriteSummary(0, self.files, 0), seconds=time.perf_counter() - started,
                           next_change=self.next_change, reused=True)


@dataclass(frozen=True)
class BuildResult:
    """What a build did: its check, counts, what it wrote, when its output changes next."""

    check: CheckResult
    units: int = 0
    pages: int = 0
    files: int = 0
    written: WriteSummary | None = None
    seconds: float = 0.0
    next_change: dt.datetime | None = None
    conversions: Mapping[str, int] = field(default_factory=dict)
    reused: bool = False  # nothing changed since the previous build into this output: no work done

    @property
    def built(self) -> bool:
        return self.written is not None


def not_inputs(out: Path, cache_folder: Path | None) -> list[Path]:
    """The folders in a portal that a build's fingerprint leaves out: its output and cache folder."""
    return [out] + ([cache_folder] if cache_folder else [])


def reused_build(root: Path, out: Path, now: dt.datetime, skip: list[Path], options: Mapping[str, Any],
                 started: float) -> BuildResult | None:
    """The result of the previous build into ``out`` when a build of these inputs at ``now`` would
    write the same (see :meth:`BuildState.reusable`), else None.  This module imports none of the
    build's machinery, so a command line with nothing to do starts and ends quickly."""
    previous = load_state(out)
    if previous is None or not manifest_path(out).is_file():  # no output to keep: nothing to hash
        return None
    key, _ = fingerprint(root, skip, options, previous.stats)
    return previous.result(started) if previous.reusable(key, now, out) else None


def _reads_again(problems: Iterable[Problem]) -> bool:
    """:func:`portalgen.ocr.reads_again`, imported only when a scan was left unread."""
    if not any(found.code in ("OCR_UNREAD", "OCR_UNAVAILABLE") for found in problems):
        return False
    from .ocr import reads_again  # Tesseract's check: only when a scan may be read now

    return reads_again(problems)


def build_options(root: Path, strict: bool, unit: str | None, shard: tuple[int, int] | None) -> dict[str, Any]:
    """The options of a build that enter its fingerprint, with portalgen's version and the git
    commit the dashboard's dates come from."""
    return {"strict": strict, "unit": unit, "shard": shard, "version": __version__, "git": gitdates.head(root)}


def fingerprint(root: Path, skip: Iterable[Path], options: Mapping[str, Any],
                known: Mapping[str, tuple[int, int, str]]) -> tuple[str, dict[str, tuple[int, int, str]]]:
    """A hash of the portal's files, portalgen's code and ``options``, and the file stats it used.

    Version-control folders (``.git``), the folders in ``skip`` (the output, the cache), staging
    folders and the build's own records beside an output are left out.  ``known`` (from the
    previous state) spares re-reading files whose size and modification time are unchanged.
    """
    skipped = {os.path.realpath(path) for path in skip}
    stats: dict[str, tuple[int, int, str]] = {}
    for base, prefix in [(root, "portal/"), *_code_bases()]:
        stats.update(_tree_stats(base, prefix, skipped, known))
    digest = hashlib.sha256(json.dumps(options, sort_keys=True, default=str).encode())
    for path in sorted(stats):
        digest.update(f"{path}\0{stats[path][2]}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest(), stats


def besides_content(root: Path, skip: Iterable[Path]) -> dict[str, tuple[int, int, str]]:
    """The entries of :func:`fingerprint` that are not the portal's content: portalgen's code, the
    schemas and themes, the portal's ``themes`` folder and ``portal.yaml`` (what the epoch of what
    the cache folder keeps is made of) — a few hundred files, hashed before the content."""
    skipped = {os.path.realpath(path) for path in skip}
    stats: dict[str, tuple[int, int, str]] = {}
    for base, prefix in [(root / "themes", "portal/themes/"), *_code_bases()]:
        stats.update(_tree_stats(base, prefix, skipped, {}))
    config = root / "portal.yaml"
    if config.is_file() and not config.is_symlink():
        status = config.stat()
        stats["portal/portal.yaml"] = (status.st_size, status.st_mtime_ns, _content_hash(os.fspath(config)))
    return stats


def _code_bases() -> list[tuple[Path, str]]:
    bases = [(_CODE_ROOT, "code/")]
    return bases + [(folder, f"{folder.name}/")
                    for folder in (_CODE_ROOT.parent / "content-schema", _CODE_ROOT.parent / "themes")
                    if folder.is_dir()]  # a checkout; an installed package holds them inside its own folder


def _content_hash(path: str) -> str:
    try:  # O_NONBLOCK: a file swapped for a FIFO since the stat does not block the open
        with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return "unreadable"


def _tree_stats(base: Path, prefix: str, skipped: set[str], known: Mapping[str, tuple[int, int, str]]):
    stats: dict[str, tuple[int, int, str]] = {}
    folders = [(os.fspath(base), prefix)]
    while folders:
        folder, inside = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            name, path = entry.name, entry.path
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if is_folder:
                if name in _NOT_INPUT_FOLDERS or name.endswith(".staging") or os.path.realpath(path) in skipped:
                    continue
                if entry.is_symlink():  # a linked folder is not walked (check refuses it): its target counts
                    stats[inside + name + "/"] = (0, 0, "link:" + os.readlink(path))
                else:
                    folders.append((path, inside + name + "/"))
                continue
            if name.endswith(_BUILD_RECORDS):
                continue
            relative = inside + name
            try:
                status = os.stat(path)
            except OSError:
                stats[relative] = (-1, 0, "missing")
                continue
            if entry.is_symlink():
                relative += "\0link:" + os.readlink(path)  # where a linked file points matters too
            if not stat.S_ISREG(status.st_mode):  # a FIFO, a device, a socket (or a link to one): never opened
                stats[relative] = (0, 0, f"special:{stat.S_IFMT(status.st_mode):o}")
                continue
            old = known.get(relative)
            if old and old[0] == status.st_size and old[1] == status.st_mtime_ns:
                stats[relative] = old
                continue
            stats[relative] = (status.st_size, status.st_mtime_ns, _content_hash(path))
    return stats


def load_state(out: Path) -> BuildState | None:
    """The state recorded beside ``out``; None when absent, unreadable or of another format."""
    try:
        data = json.loads(state_path(out).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        check = data["check"]
        result = CheckResult(problems=tuple(_problem(p) for p in check["problems"]),
                             units=tuple(UnitSummary(*u) for u in check["units"]), files=int(check["files"]),
                             config_failed=bool(check["config_failed"]))
        valid_until = data["valid_until"]
        dt.datetime.fromisoformat(data["valid_from"])  # a damaged record is no record
        if valid_until is not None:
            dt.datetime.fromisoformat(valid_until)
        return BuildState(key=str(data["key"]), day=str(data["day"]), valid_from=str(data["valid_from"]),
                          valid_until=valid_until, check=result, units=int(data["units"]),
                          pages=int(data["pages"]), files=int(data["files"]),
                          stats={str(k): (int(v[0]), int(v[1]), str(v[2])) for k, v in data["stats"].items()})
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None


def save_state(out: Path, state: BuildState) -> None:
    """Record ``state`` beside ``out`` (atomically); without a record the next build does all the work."""
    check = state.check
    data = {"format": FORMAT, "key": state.key, "day": state.day, "valid_from": state.valid_from,
            "valid_until": state.valid_until, "units": state.units, "pages": state.pages, "files": state.files,
            "check": {"problems": [_problem_json(p) for p in check.problems],
                      "units": [[u.path, u.name] for u in check.units], "files": check.files,
                      "config_failed": check.config_failed},
            "stats": {k: list(v) for k, v in sorted(state.stats.items())}}
    target = state_path(out)
    temporary = target.with_suffix(".tmp")
    try:
        temporary.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, target)
    except (OSError, TypeError, ValueError):
        forget_state(out)


def forget_state(out: Path) -> None:
    """Remove the recorded state (the output is about to change)."""
    state_path(out).unlink(missing_ok=True)


def _problem_json(item: Problem) -> list:
    return [item.code, item.source.path, item.source.line, item.source.col, item.field,
            [[name, value] for name, value in item.args], int(item.severity), item.unit]


def _problem(values: list) -> Problem:
    code, path, line, col, field, args, severity, unit = values
    return Problem(code=code, source=Source(path, line, col), field=field,
                   args=tuple((name, value) for name, value in args), severity=Severity(severity), unit=unit)
