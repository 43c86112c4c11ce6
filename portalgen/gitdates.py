"""When each file of a portal last changed, from its git history (``git log`` in a subprocess).

Used only for the compliance dashboard; a portal outside a git repository (or a machine
without git) simply has no such dates.  Deterministic given the repository.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping
from zoneinfo import ZoneInfo

TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
_MARK = "\x01"


def last_changes(root: Path) -> Mapping[str, dt.date]:
    """Portal-relative path → day (Vietnamese time) of the last commit that touched it."""
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", f"--format={_MARK}%cI", "--name-only", "--no-renames",
             "--relative", "--", "."],
            cwd=root, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=300,
            check=False)
    except (OSError, subprocess.SubprocessError):
        return MappingProxyType({})
    if done.returncode != 0:
        return MappingProxyType({})
    return MappingProxyType(parse_log(done.stdout))


def head(root: Path) -> str:
    """The commit checked out in the repository holding ``root`` ('' outside a repository): the
    history the dates come from."""
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=60,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def parse_log(text: str) -> dict[str, dt.date]:
    """The newest day per path from ``git log --format=<mark>%cI --name-only`` output (newest first)."""
    dates: dict[str, dt.date] = {}
    day: dt.date | None = None
    for line in text.splitlines():
        if line.startswith(_MARK):
            day = dt.datetime.fromisoformat(line[1:]).astimezone(TIMEZONE).date()
        elif line and day is not None:
            dates[line] = max(day, dates.get(line, day))
    return dates


def by_section(changes: Mapping[str, dt.date], unit_paths: Iterable[str],
               sections: Iterable[str]) -> dict[tuple[str, str], dt.date]:
    """(unit folder, section) → the last change of any file in that section folder (``nam-dinh/news/``)."""
    units, names = set(unit_paths), set(sections)
    result: dict[tuple[str, str], dt.date] = {}
    for path, day in changes.items():
        parts = path.split("/")
        for i in range(1, len(parts) - 1):
            if parts[i] in names:
                key = ("/".join(parts[:i]), parts[i])
                if key[0] in units:
                    result[key] = max(day, result.get(key, day))
                    break
    return result
