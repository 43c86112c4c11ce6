"""``portalgen build``: check, resolve, plan, render and write every unit's site."""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import outputs, urls
from .assets import FileInfo, file_info, is_image, prepare_image
from .check import CheckResult, check_loaded
from .context import plan_site
from .load import load_portal
from .resolve import SiteTree, resolve
from .themes import Theme, load_theme
from .writer import WriteSummary, write_output


@dataclass(frozen=True)
class BuildResult:
    check: CheckResult
    units: int = 0
    pages: int = 0
    files: int = 0
    written: WriteSummary | None = None
    seconds: float = 0.0
    next_change: dt.datetime | None = None

    @property
    def built(self) -> bool:
        return self.written is not None


class _Files:
    """Reads portal files once: prepared images, sizes, attachment metadata."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @functools.cache
    def image(self, portal_path: str):
        return prepare_image(self.root / portal_path)

    def image_size(self, portal_path: str) -> tuple[int, int] | None:
        prepared = self.image(portal_path) if is_image(portal_path) else None
        return (prepared.width, prepared.height) if prepared else None

    @functools.cache
    def info(self, portal_path: str, title: str | None) -> FileInfo:
        return file_info(self.root / portal_path, title)

    @functools.cache
    def data(self, portal_path: str) -> bytes:
        if is_image(portal_path):
            prepared = self.image(portal_path)
            if prepared is not None:
                return prepared.data
        return (self.root / portal_path).read_bytes()


def render_tree(root: Path, tree: SiteTree, theme: Theme,
                progress: Callable[[str], None] = lambda _: None) -> tuple[dict[str, bytes], int]:
    """Every output file of every site (output-relative path → bytes) and the number of pages."""
    files = _Files(root)
    texts = {"vi": theme.texts("vi"), "en": theme.texts("en")}
    assets = {name: asset.site_path for name, asset in theme.assets.items()}
    out: dict[str, bytes] = {}
    pages = 0
    for path in sorted(tree.sites):
        progress(path)
        site = tree.sites[path]
        plan = plan_site(tree, site, texts, assets, files.image_size, files.info)
        prefix = path + "/"
        html_paths = []
        for page in plan.pages:
            out[prefix + urls.output_file(page.site_path)] = theme.render(page.template, page.context).encode("utf-8")
            html_paths.append(page.site_path)
        pages += len(plan.pages)
        for copy in plan.copies.values():
            out[prefix + copy.site_path] = files.data(copy.source)
        for asset in theme.assets.values():
            out[prefix + asset.site_path] = asset.data
        out.update(_machine_outputs(tree, path, html_paths))
    out["sitemap.xml"] = outputs.sitemap_index(tree)
    return out, pages


def _machine_outputs(tree: SiteTree, path: str, html_paths: list[str]) -> dict[str, bytes]:
    site = tree.sites[path]
    prefix = path + "/"
    name = site.unit.name
    result = {prefix + urls.RSS: outputs.rss(site, name, site.news, urls.RSS, urls.NEWS),
              prefix + urls.ATOM: outputs.atom(site, name, site.news, urls.ATOM, urls.NEWS),
              prefix + "sitemap.xml": outputs.sitemap(site, html_paths),
              prefix + "robots.txt": outputs.robots(site)}
    for key, label in tree.config.news_categories.items():
        items = [n for n in site.news if n.category == key]
        if items:
            base = urls.news_category(key)
            result[prefix + base + urls.RSS] = outputs.rss(site, f"{name} – {label}", items, base + urls.RSS, base)
    result.update({prefix + p: data for p, data in outputs.exports(site, tree).items()})
    return result


def build_portal(root: Path, out: Path, now: dt.datetime, *, unit: str | None = None, strict: bool = False,
                 progress: Callable[[str], None] = lambda _: None) -> BuildResult:
    """Check the portal; when it has no error, write every unit's site into ``out``."""
    started = time.perf_counter()
    loaded = load_portal(root)
    result = check_loaded(loaded, now, strict=strict)
    if result.failed:
        return BuildResult(check=result)
    tree = resolve(loaded.portal, now)
    theme = load_theme(root)
    files, pages = render_tree(root, tree, theme, progress)
    scope = None
    if unit is not None:
        scope = lambda p: _owner(p, tree) == unit  # noqa: E731
        files = {p: d for p, d in files.items() if scope(p)}
    summary = write_output(out, files, scope)
    return BuildResult(check=result, units=len(tree.sites) if unit is None else 1, pages=pages,
                       files=len(files), written=summary, seconds=time.perf_counter() - started,
                       next_change=tree.next_change)


def _owner(path: str, tree: SiteTree) -> str:
    folder = posixpath.dirname(path)
    while folder and folder not in tree.sites:
        folder = posixpath.dirname(folder)
    return folder
