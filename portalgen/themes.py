"""The theme: template lookup chain, the Jinja environment, static assets and UI strings.

The only Jinja import.  A portal may override any template, static file or string by placing
it in its own ``themes/default/`` folder, which comes first in the lookup chain.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import jinja2

from .yamlio import parse_yaml

THEME = "default"


def builtin_theme_root() -> Path:
    """The theme shipped with portalgen: the checkout's ``themes/default``, or the installed copy."""
    checkout = Path(__file__).resolve().parent.parent / "themes" / THEME
    return checkout if checkout.is_dir() else Path(__file__).resolve().parent / "themes" / THEME


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
        return self.environment.get_template(template).render(context)

    def texts(self, lang: str) -> Mapping[str, str]:
        """Every UI string in one language (made once per theme and language)."""
        found = self._texts.get(lang)
        if found is None:
            found = self._texts[lang] = MappingProxyType({key: values[lang] for key, values in self.strings.items()})
        return found

    def static(self, file_name: str) -> Asset:
        """A fingerprinted static file that only some pages need (not copied into every site)."""
        return _asset(self.roots, file_name)

    def fingerprint(self) -> str:
        """A hash of every template, string and asset: changes when the theme does."""
        digest = hashlib.sha256()
        for root in self.roots:
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    digest.update(path.relative_to(root).as_posix().encode())
                    digest.update(path.read_bytes())
        return digest.hexdigest()


class _Environment(jinja2.Environment):
    """Jinja as portalgen uses it: the contexts are mappings, so ``{{ site.name }}`` reads the key
    first (Jinja's own lookup tries an attribute, and fails, first); other objects as usual."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict or type(obj) is MappingProxyType:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def load_theme(portal_root: Path) -> Theme:
    """The theme for a portal: its own overrides first, then the built-in theme."""
    override = portal_root / "themes" / THEME
    roots = tuple(r for r in (override, builtin_theme_root()) if r.is_dir())
    # no auto_reload: a template that changes is a new theme (a new build, or a new session epoch)
    environment = _Environment(
        loader=jinja2.FileSystemLoader([str(r / "templates") for r in roots]),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True, auto_reload=False)
    strings: dict[str, Mapping[str, str]] = {}
    for root in reversed(roots):
        strings.update(_read_yaml(root / "messages.yaml"))
    settings: dict[str, Any] = {}
    for root in reversed(roots):
        settings.update(_read_yaml(root / "theme.yaml"))
    assets = {name: _asset(roots, file_name) for name, file_name in sorted(settings.get("assets", {}).items())}
    return Theme(roots=roots, environment=environment, strings=MappingProxyType(strings),
                 assets=MappingProxyType(assets))


def _asset(roots: tuple[Path, ...], file_name: str) -> Asset:
    source = next(r / "static" / file_name for r in roots if (r / "static" / file_name).is_file())
    data = source.read_bytes()
    stem, _, suffix = file_name.rpartition(".")
    digest = hashlib.sha256(data).hexdigest()[:10]
    return Asset(site_path=f"assets/{stem}.{digest}.{suffix}", data=data)


def _read_yaml(path: Path) -> dict:
    if not path.is_file():
        return {}
    parsed = parse_yaml(path.read_text(encoding="utf-8"))
    return parsed.data if isinstance(parsed.data, dict) else {}
