"""Portal files as published: read once, converted through the content-addressed cache."""

from __future__ import annotations

import dataclasses
import posixpath
from pathlib import Path
from typing import Any, Iterable, Mapping

from . import ocr, parallel
from .assets import FileInfo, ImageRejected, file_info, image_size, is_image, render_variant, render_variants
from .attachments import MAX_TEXT, docx_html, docx_image, pdf_info
from .cache import Cache, digest
from .config import OcrOptions
from .content_types import REGISTRY
from .context import FileCopy
from .files import on_disk, sniff
from .problems import Problem


class PublishedFiles:
    """The portal's files as the sites publish them (image variants, Word images, extracted text)."""

    def __init__(self, root: Path, cache: Cache, kept: Mapping[str, Path] | None = None) -> None:
        self.root = root
        self.cache = cache
        self.kept = kept or {}  # files published from their last good copy (see lastgood)
        self._bytes: dict[str, bytes] = {}
        self.reading: tuple[OcrOptions, ocr.Tesseract] | None = None  # set by ``recognise``
        self.unread: tuple[Problem, ...] = ()  # OCR_UNREAD: the scans ``recognise`` could not read whole

    def path(self, portal_path: str) -> Path:
        """Where the file published for ``portal_path`` is read from."""
        return self.kept.get(portal_path) or self._disk(portal_path)

    def read(self, portal_path: str) -> bytes:
        if portal_path not in self._bytes:
            self._bytes[portal_path] = self.path(portal_path).read_bytes()
        return self._bytes[portal_path]

    def _disk(self, portal_path: str) -> Path:
        """Where a portal file is on disk, its names perhaps stored decomposed (saved on a Mac)."""
        path = self.root / portal_path
        if path.exists():
            return path
        actual = on_disk(self.root, portal_path)
        return self.root / actual if actual else path

    def image_size(self, portal_path: str) -> tuple[int, int] | None:
        if not is_image(portal_path):
            return None
        data = self.read(portal_path)
        size = self.cache.json("image-size", data, "", lambda: _size_or_none(data))
        return tuple(size) if size else None

    def attachment_text(self, portal_path: str) -> str:
        """Extracted text of a PDF or Word attachment, for search ('' for other files)."""
        kind = sniff(self.path(portal_path))
        if kind == "pdf":
            read = self.machine_text(portal_path)
            return read.text[:MAX_TEXT] if read else pdf_info(self.read(portal_path), self.cache).text
        if kind == "docx":
            return docx_html(self.read(portal_path), self.cache).text
        return ""

    def info(self, portal_path: str, title: str | None) -> FileInfo:
        info = file_info(self.path(portal_path), title, self.cache)
        read = self.machine_text(portal_path) if info.scanned else None
        return dataclasses.replace(info, machine_text=read.text) if read else info

    def recognise(self, sites: Iterable[Any], options: OcrOptions, jobs: int) -> None:
        """Read the text of the scanned PDFs the items of ``sites`` point to, when ``options``
        enable it and Tesseract can (in parallel, through the cache); later calls of
        :meth:`machine_text` give it."""
        if not options.enabled or not (tool := ocr.find_tesseract(options.language)).ready:
            return
        self.reading = (options, tool)
        scans = {path: unit for path, unit in _attached(sites).items() if self._scanned(path)}
        files = {str(self.path(path)): path for path in scans}
        failed = ocr.read_all(((self.read(path), file) for file, path in files.items()), self.cache, options, tool,
                              jobs)
        self.unread = tuple(ocr.unread_note(files[file], scans[files[file]], read, options)
                            for file, read in sorted(failed.items()))

    def machine_text(self, portal_path: str) -> ocr.MachineText | None:
        """What Tesseract read of a scanned PDF (after :meth:`recognise`), or None."""
        if self.reading is None or not self._scanned(portal_path):
            return None
        return ocr.cached(self.read(portal_path), self.cache, *self.reading)

    def _scanned(self, portal_path: str) -> bool:
        """Whether a portal file is a readable PDF without a text layer."""
        if not self.path(portal_path).is_file() or sniff(self.path(portal_path)) != "pdf":
            return False
        info = pdf_info(self.read(portal_path), self.cache)
        return not (info.error or info.encrypted or info.has_text)

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
        ordered = sorted(todo.items())
        made = parallel.map_calls(_variants_from_file, [(str(self.path(source)), source, variants)
                                                        for source, variants in ordered], jobs)
        for (source, variants), results in zip(ordered, made):
            self._store(source, self.read(source), variants, results)


def _attached(sites: Iterable[Any]) -> dict[str, str]:
    """The portal paths of the files (not images) the items of ``sites`` point to, once each, in
    order, with the path of the first site whose item points to it."""
    found: dict[str, str] = {}
    for site in sites:
        for content_type in REGISTRY:
            for item in site.content.sections[content_type.folder]:
                for field in content_type.files(item):
                    if not field.image and not field.media:
                        path = posixpath.normpath(posixpath.join(posixpath.dirname(item.path), field.ref))
                        found.setdefault(path, site.path)
    return found


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
