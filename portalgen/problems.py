"""Problems are values: what is wrong, where, and what to do about it.

Every stage returns problems instead of raising on bad content.  A problem
carries a stable code; its wording (Vietnamese and English) and hint live in
the message catalogue (:mod:`portalgen.messages`).
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from typing import Any, Iterable

from . import messages


class Severity(enum.IntEnum):
    """How bad a problem is; the order is used for sorting and exit codes."""

    ERROR = 3
    WARNING = 2
    INFO = 1

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Source:
    """A place in the portal: path relative to the portal folder, 1-based line and column."""

    path: str
    line: int | None = None
    col: int | None = None

    def render(self) -> str:
        text = self.path
        if self.line is not None:
            text += f":{self.line}"
            if self.col is not None:
                text += f":{self.col}"
        return text


@dataclass(frozen=True)
class Problem:
    """One problem found in the portal.

    ``args`` fill the message templates; ``field`` is the dotted name of the
    field concerned (``leaders.0.email``), empty when the whole file is meant.
    """

    code: str
    source: Source
    field: str = ""
    args: tuple[tuple[str, Any], ...] = ()
    severity: Severity = None  # type: ignore[assignment]  # None: the code's default
    unit: str = ""

    def __post_init__(self) -> None:
        if self.severity is None:
            object.__setattr__(self, "severity", Severity[messages.CATALOGUE[self.code].severity.upper()])

    def message(self, lang: str = "vi") -> str:
        return messages.render(self.code, "message", lang, dict(self.args), self.field)

    def hint(self, lang: str = "vi") -> str:
        return messages.render(self.code, "hint", lang, dict(self.args), self.field)

    def sort_key(self) -> tuple:
        """Report order: by unit, errors before warnings, then file, line, column, code, field; the
        arguments break the last ties, so the order never depends on the order problems were found."""
        return (self.unit, -self.severity, self.source.path, self.source.line or 0, self.source.col or 0,
                self.code, self.field, repr(self.args))


def problem(code: str, path: str, line: int | None = None, col: int | None = None, /, *,
            field: str = "", severity: Severity | None = None, **args: Any) -> Problem:
    """Shorthand for building a :class:`Problem`."""
    return Problem(code=code, source=Source(path, line, col), field=field,
                   args=tuple(sorted(args.items())), severity=severity)  # type: ignore[arg-type]


def sorted_problems(items: Iterable[Problem]) -> list[Problem]:
    """Problems in report order, duplicates removed."""
    return sorted(set(items), key=Problem.sort_key)


def count_by_severity(items: Iterable[Problem]) -> dict[Severity, int]:
    counts = {s: 0 for s in Severity}
    for item in items:
        counts[item.severity] += 1
    return counts


@dataclass(frozen=True)
class UnitSummary:
    path: str
    name: str


@dataclass(frozen=True)
class CheckResult:
    """Problems in report order, the units they belong to, and whether the configuration failed."""

    problems: tuple[Problem, ...]
    units: tuple[UnitSummary, ...]
    files: int
    config_failed: bool
    hidden_warnings: int = 0  # warnings left out of ``problems`` by ``errors_only``, still counted

    def count(self, severity: Severity) -> int:
        shown = sum(1 for p in self.problems if p.severity == severity)
        return shown + (self.hidden_warnings if severity == Severity.WARNING else 0)

    def errors_only(self) -> CheckResult:
        """The same result listing only its errors (``--errors-only``); warnings are still counted."""
        errors = tuple(p for p in self.problems if p.severity == Severity.ERROR)
        hidden = self.hidden_warnings + sum(1 for p in self.problems if p.severity == Severity.WARNING)
        return dataclasses.replace(self, problems=errors, hidden_warnings=hidden)

    @property
    def failed(self) -> bool:
        return self.config_failed or self.count(Severity.ERROR) > 0
