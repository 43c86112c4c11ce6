"""The dashboard's trend: a small history file of past runs, and what changed since the last one.

The file (``lich-su.json`` in the report folder) holds one entry per day the report ran: per
unit its score and its counts of missing, stale and late obligations and of errors.  A run on
the same day replaces that day's entry; only the last ``KEEP`` days are kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Mapping

from .dashboard import Dashboard, UnitReport

FILE_NAME = "lich-su.json"
KEEP = 60
FORMAT = 1
_FIELDS = ("score", "missing", "stale", "late", "errors")


@dataclass(frozen=True)
class Change:
    """A unit's score now against the previous run (``before`` None: the unit is new)."""

    before: int | None
    after: int

    @property
    def delta(self) -> int:
        return 0 if self.before is None else self.after - self.before

    @property
    def direction(self) -> str:
        """``new``, ``better``, ``worse`` or ``same``."""
        if self.before is None:
            return "new"
        return "better" if self.delta > 0 else "worse" if self.delta < 0 else "same"


@dataclass(frozen=True)
class Trend:
    since: str | None
    changes: Mapping[str, Change]

    def count(self, direction: str) -> int:
        return sum(1 for c in self.changes.values() if c.direction == direction)


class HistoryInvalid(ValueError):
    """The history file is not one portalgen wrote (or was damaged)."""


def read_runs(data: bytes | None) -> list[dict[str, Any]]:
    """The runs stored in a history file (none when there is no file yet)."""
    if data is None:
        return []
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HistoryInvalid(str(exc)) from None
    runs = parsed.get("runs") if isinstance(parsed, dict) and parsed.get("format") == FORMAT else None
    if not isinstance(runs, list) or not all(_valid_run(r) for r in runs):
        raise HistoryInvalid("format")
    return runs


def _valid_run(run: Any) -> bool:
    return (isinstance(run, dict) and isinstance(run.get("date"), str) and isinstance(run.get("units"), dict)
            and all(isinstance(v, dict) and isinstance(v.get("score"), int) for v in run["units"].values()))


def snapshot(unit: UnitReport) -> dict[str, int]:
    values = {"score": unit.score, "missing": unit.count("missing"), "stale": unit.count("stale"),
              "late": unit.count("late"), "errors": unit.errors}
    return {key: values[key] for key in _FIELDS}


def trend(runs: list[dict[str, Any]], dashboard: Dashboard) -> Trend:
    """Each unit's score against the latest run of an earlier day."""
    today = dashboard.now.date().isoformat()
    earlier = [r for r in runs if r["date"] < today]
    if not earlier:
        return Trend(since=None, changes={})
    last = max(earlier, key=lambda r: r["date"])
    return Trend(since=last["date"], changes={
        u.path: Change(last["units"].get(u.path, {}).get("score"), u.score) for u in dashboard.units})


def record(runs: list[dict[str, Any]], dashboard: Dashboard) -> bytes:
    """The history file with this run added (replacing a run of the same day), capped to ``KEEP`` days."""
    today = dashboard.now.date().isoformat()
    kept = [r for r in runs if r["date"] != today]
    kept.append({"date": today, "units": {u.path: snapshot(u) for u in dashboard.units}})
    kept = sorted(kept, key=lambda r: r["date"])[-KEEP:]
    return (json.dumps({"format": FORMAT, "runs": kept}, ensure_ascii=False, indent=1, sort_keys=True)
            + "\n").encode("utf-8")
