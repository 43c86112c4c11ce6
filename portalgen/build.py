"""``portalgen build``: check, resolve, plan, render and write every unit's site."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import os
import posixpath
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

from . import outputs, urls
from .assets import FileInfo, ImageRejected, file_info, image_size, is_image, render_variant, render_variants
from .attachments import docx_html, docx_image, pdf_info
from .cache import Cache, digest
from .check import CheckResult, check_loaded
from .context import FileCopy, plan_site
from .deploy.htaccess import htaccess
from .files import sniff
from .load import load_portal
from .markup import forget_rendered, render_many
from .resolve import SiteTree, resolve
from .search import INDEX_DIR, UnitEntry, build_index, site_records
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
    conversions: Mapping[str, int] = field(default_factory=dict)

    @property
    def built(self) -> bool:
        return self.written is not None


class _Files:
    """Portal files as published: read once, converted through the content-addressed cache."""

    def __init__(self, root: Path, cache: Cache) -> None:
        self.root = root
        self.cache = cache
        self._bytes: dict[str, bytes] = {}

    def read(self, portal_path: str) -> bytes:
        if portal_path not in self._bytes:
            self._bytes[portal_path] = (self.root / portal_path).read_bytes()
        return self._bytes[portal_path]

    def image_size(self, portal_path: str) -> tuple[int, int] | None:
        if not is_image(portal_path):
            return None
        data = self.read(portal_path)
        size = self.cache.json("image-size", data, "", lambda: _size_or_none(data))
        return tuple(size) if size else None

    def attachment_text(self, portal_path: str) -> str:
        """Extracted text of a PDF or Word attachment, for search ('' for other files)."""
        kind = sniff(self.root / portal_path)
        if kind == "pdf":
            return pdf_info(self.read(portal_path), self.cache).text
        if kind == "docx":
            return docx_html(self.read(portal_path), self.cache).text
        return ""

    def info(self, portal_path: str, title: str | None) -> FileInfo:
        return file_info(self.root / portal_path, title, self.cache)

    def output(self, copy: FileCopy) -> bytes:
        """The bytes published for a planned copy (memoised image variants and extractions)."""
        data = self.read(copy.source)
        if copy.variant.startswith("docx-image-"):
            number = int(copy.variant.rsplit("-", 1)[1])
            return self.cache.blob("docx-image", data, copy.variant, lambda: _docx_image(data, number, copy.site_path))
        if not is_image(copy.source):
            return data
        key = _variant_key(data, copy)
        cached = self.cache.get(key)
        if cached is None:
            self._store(copy.source, data, [copy.variant], _variants(data, copy.source, [copy.variant]))
            cached = self.cache.get(key)
        return cached or b""

    def _store(self, source: str, data: bytes, variants: list[str], results: dict[str, bytes]) -> None:
        suffix = source.rsplit(".", 1)[-1].lower()
        for variant in variants:
            self.cache.put(f"image-{digest(data)}-{digest((variant + suffix).encode())[:16]}.bin",
                           results.get(variant, b""))
            self.cache.misses["image"] += 1

    def prepare(self, copies: list[FileCopy], jobs: int) -> None:
        """Compute missing image variants, one job per source image, in parallel processes."""
        todo: dict[str, list[str]] = {}
        for copy in copies:
            if is_image(copy.source) and not copy.variant.startswith("docx-image-"):
                if self.cache.get(_variant_key(self.read(copy.source), copy)) is None:
                    todo.setdefault(copy.source, [])
                    if copy.variant not in todo[copy.source]:
                        todo[copy.source].append(copy.variant)
        if not todo:
            return
        if jobs < 2 or len(todo) < 2:
            for source, variants in sorted(todo.items()):
                data = self.read(source)
                self._store(source, data, variants, _variants(data, source, variants))
            return
        with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {source: pool.submit(_variants_from_file, str(self.root / source), source, variants)
                       for source, variants in sorted(todo.items())}
            for source, future in futures.items():
                self._store(source, self.read(source), todo[source], future.result())


def _variant_key(data: bytes, copy: FileCopy) -> str:
    suffix = copy.source.rsplit(".", 1)[-1].lower()
    return f"image-{digest(data)}-{digest((copy.variant + suffix).encode())[:16]}.bin"


def _size_or_none(data: bytes) -> list[int] | None:
    try:
        return list(image_size(data))
    except ImageRejected:
        return None


def _variants(data: bytes, source: str, variants: list[str]) -> dict[str, bytes]:
    """Every requested variant of one image; empty on failure (check rejects such images first,
    and the original is never published with its metadata)."""
    try:
        return render_variants(data, "." + source.rsplit(".", 1)[-1], variants)
    except ImageRejected:
        return {}


def _variants_from_file(path: str, source: str, variants: list[str]) -> dict[str, bytes]:
    return _variants(Path(path).read_bytes(), source, variants)


def _docx_image(data: bytes, number: int, site_path: str) -> bytes:
    image = docx_image(data, number) or b""
    try:
        return render_variant(image, "." + site_path.rsplit(".", 1)[-1], None, None)
    except ImageRejected:
        return b""


def render_tree(root: Path, tree: SiteTree, theme: Theme, cache: Cache, jobs: int = 1,
                progress: Callable[[str], None] = lambda _: None,
                shard: tuple[int, int] | None = None) -> tuple[dict[str, bytes], int]:
    """Every output file of every site (output-relative path → bytes) and the number of pages.

    With ``shard=(k, n)`` only the k-th of n disjoint parts: the sites whose position in path order
    is k-1 modulo n, and the portal-wide files in part 1.
    """
    files = _Files(root, cache)
    texts = {"vi": theme.texts("vi"), "en": theme.texts("en")}
    assets = {name: asset.site_path for name, asset in theme.assets.items()}
    out: dict[str, bytes] = {}
    pages = 0
    owned = [p for i, p in enumerate(sorted(tree.sites)) if shard is None or i % shard[1] == shard[0] - 1]
    render_many([item.body for path in owned for section in ("news", "pages", "consultations", "procurement")
                 for item in getattr(tree.sites[path].content, section)], jobs, cache)
    plans = {path: plan_site(tree, tree.sites[path], texts, assets, files.image_size, files.info) for path in owned}
    files.prepare([copy for plan in plans.values() for copy in plan.copies.values()], jobs)
    needed = {p for p in tree.sites if any(p == o or p.startswith(o + "/") for o in owned)}
    records = {path: site_records(tree.sites[path], files.attachment_text) for path in sorted(needed)}
    for path, plan in plans.items():
        progress(path)
        out.update(_search_index(tree, path, records))
        prefix = path + "/"
        html_paths = []
        for page in plan.pages:
            out[prefix + urls.output_file(page.site_path)] = theme.render(page.template, page.context).encode("utf-8")
            html_paths.append(page.site_path)
        pages += len(plan.pages)
        for copy in plan.copies.values():
            out[prefix + copy.site_path] = files.output(copy)
        for asset in theme.assets.values():
            out[prefix + asset.site_path] = asset.data
        out.update(_machine_outputs(tree, path, html_paths))
    if shard is None or shard[0] == 1:
        out["sitemap.xml"] = outputs.sitemap_index(tree)
    return out, pages


def _search_index(tree: SiteTree, path: str, records: Mapping[str, list]) -> dict[str, bytes]:
    """The search index of a site: its own records and those of every unit below it."""
    scope = [p for p in sorted(tree.sites) if p == path or p.startswith(path + "/")]
    units = [UnitEntry(p, tree.sites[p].unit.name) for p in scope]
    index = build_index((r for p in scope for r in records[p]), units, urls.SEARCH,
                        lambda record: tree.link(path, urls.SEARCH, record.unit, record.path))
    return {f"{path}/{INDEX_DIR}{name}": data for name, data in index.items()}


def _machine_outputs(tree: SiteTree, path: str, html_paths: list[str]) -> dict[str, bytes]:
    site = tree.sites[path]
    prefix = path + "/"
    name = site.unit.name
    result = {prefix + urls.RSS: outputs.rss(site, name, site.news, urls.RSS, urls.NEWS),
              prefix + urls.ATOM: outputs.atom(site, name, site.news, urls.ATOM, urls.NEWS),
              prefix + "sitemap.xml": outputs.sitemap(site, html_paths),
              prefix + "robots.txt": outputs.robots(site),
              prefix + ".htaccess": htaccess(site.url, [s.url for s in tree.sites.values()])}
    for key, label in tree.config.news_categories.items():
        items = [n for n in site.news if n.category == key]
        if items:
            base = urls.news_category(key)
            result[prefix + base + urls.RSS] = outputs.rss(site, f"{name} – {label}", items, base + urls.RSS, base)
    result.update({prefix + p: data for p, data in outputs.exports(site, tree).items()})
    return result


def build_portal(root: Path, out: Path, now: dt.datetime, *, unit: str | None = None, strict: bool = False,
                 cache: Cache | None = None, jobs: int | None = None, shard: tuple[int, int] | None = None,
                 progress: Callable[[str], None] = lambda _: None) -> BuildResult:
    """Check the portal; when it has no error, write every unit's site into ``out``."""
    started = time.perf_counter()
    cache = cache or Cache()
    loaded = load_portal(root)
    result = check_loaded(loaded, now, strict=strict, cache=cache)
    if result.failed:
        return BuildResult(check=result)
    tree = resolve(loaded.portal, now)
    theme = load_theme(root)
    files, pages = render_tree(root, tree, theme, cache, jobs or os.cpu_count() or 1, progress, shard)
    scope = None
    if unit is not None:
        scope = lambda p: _owner(p, tree) == unit  # noqa: E731
        files = {p: d for p, d in files.items() if scope(p)}
    forget_rendered()
    summary = write_output(out, files, scope)
    units = len(tree.sites) if unit is None else 1
    if shard is not None:
        units = len([i for i in range(len(tree.sites)) if i % shard[1] == shard[0] - 1])
    return BuildResult(check=result, units=units, pages=pages,
                       files=len(files), written=summary, seconds=time.perf_counter() - started,
                       next_change=tree.next_change, conversions=dict(cache.misses))


def _owner(path: str, tree: SiteTree) -> str:
    folder = posixpath.dirname(path)
    while folder and folder not in tree.sites:
        folder = posixpath.dirname(folder)
    return folder
