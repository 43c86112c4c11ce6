"""The theme: template lookup chain, the sandboxed Jinja environment, static assets and UI strings.

A portal may override any template, static file or string by placing it in its own
``themes/default/`` folder, which comes first in the lookup chain; the overrides are checked
(:mod:`portalgen.theme_check`) before the theme is used, and every template runs in its sandbox.
"""

from __future__ import annotations

import hashlib
import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import jinja2

from .problems import Problem, Severity, problem
from .theme_check import OVERRIDES, ThemeFailure, check_theme, environment, read_theme_yaml
from .theme_check import builtin_theme_root as builtin_theme_root  # where serve and the tests find it


@dataclass(frozen=True)
class Asset:
    """A fingerprinted static file: its site path (``assets/portalgen.1a2b3c4d5e.css``) and bytes."""

    site_path: str
    data: bytes


@dataclass(frozen=True)
class Theme:
    roots: tuple[Path, ...]
    environment: jinja2.Environment
    strings: Mapping[str, Mapping[str, str]]
    assets: Mapping[str, Asset]
    _texts: dict[str, Mapping[str, str]] = field(default_factory=dict, compare=False, repr=False)

    def render(self, template: str, context: Mapping[str, Any]) -> str:
        """A page from a template; a template that fails is a :class:`ThemeFailure` naming it."""
        try:
            return self.environment.get_template(template).render(context)
        except Exception as exc:
            raise ThemeFailure((self._failure(template, exc),)) from exc

    def texts(self, lang: str) -> Mapping[str, str]:
        """Every UI string in one language (made once per theme and language)."""
        found = self._texts.get(lang)
        if found is None:
            found = self._texts[lang] = MappingProxyType({key: values[lang] for key, values in self.strings.items()})
        return found

    def static(self, file_name: str) -> Asset:
        """A fingerprinted static file that only some pages need (not copied into every site)."""
        return _asset(self.roots, file_name)

    def _failure(self, template: str, exc: Exception) -> Problem:
        """The problem of a template that failed while rendering: the template and line it failed in
        (the innermost of the theme's templates in the traceback), and why."""
        where = [(frame.f_code.co_filename, line) for frame, line in traceback.walk_tb(exc.__traceback__)]
        if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
            where.append((exc.filename, exc.lineno))
        detail = (str(exc) if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}").rstrip(".")
        for file_name, line in reversed(where):
            for root in self.roots:
                folder = os.path.normpath(root / "templates") + os.sep
                if os.path.normpath(file_name).startswith(folder):
                    name = Path(os.path.normpath(file_name)[len(folder):]).as_posix()
                    return problem("THEME_TEMPLATE_FAILED", f"{OVERRIDES}/templates/{name}", line, template=name,
                                   detail=detail)
        return problem("THEME_TEMPLATE_FAILED", f"{OVERRIDES}/templates/{template}", template=template, detail=detail)


def load_theme(portal_root: Path, compiled: Path | None = None) -> Theme:
    """The theme for a portal: its own overrides first, then the built-in theme.  Overrides with
    an error (:func:`portalgen.theme_check.check_theme`) are a :class:`ThemeFailure`.
    ``compiled``: a folder where the compiled templates are kept between runs (Jinja checks each
    against its template's source before use)."""
    errors = tuple(p for p in check_theme(portal_root) if p.severity is Severity.ERROR)
    if errors:
        raise ThemeFailure(errors)
    roots = tuple(r for r in (portal_root / OVERRIDES, builtin_theme_root()) if r.is_dir())
    strings: dict[str, Mapping[str, str]] = {}
    assets: dict[str, str] = {}  # an override's assets add to the built-in ones, name by name
    for root in reversed(roots):
        strings.update(read_theme_yaml(root / "messages.yaml"))
        assets.update(read_theme_yaml(root / "theme.yaml").get("assets", {}))
    kept = jinja2.FileSystemBytecodeCache(str(compiled)) if compiled is not None and _folder(compiled) else None
    return Theme(roots=roots, environment=environment(jinja2.FileSystemLoader([str(r / "templates") for r in roots]),
                                                      kept),
                 strings=MappingProxyType(strings),
                 assets=MappingProxyType({name: _asset(roots, assets[name]) for name in sorted(assets)}))


def _folder(path: Path) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True)
        return True
    except OSError:
        return False


def _asset(roots: tuple[Path, ...], file_name: str) -> Asset:
    source = next(r / "static" / file_name for r in roots if (r / "static" / file_name).is_file())
    data = source.read_bytes()
    stem, _, suffix = file_name.rpartition(".")
    digest = hashlib.sha256(data).hexdigest()[:10]
    return Asset(site_path=f"assets/{stem}.{digest}.{suffix}", data=data)

