"""Text recognition (OCR) of scanned PDFs with Tesseract, memoised by content hash.

A page is rendered to a grey image with pypdfium2 and read by the ``tesseract`` program (one
process per page, one thread, a time limit); the text of at most ``max_pages`` pages is kept.
The cache key holds the file's hash, Tesseract's version, the language, the resolution and the
page limit, so a repeat build reads nothing again and gives the same bytes.  Nothing here raises
for a bad file or a missing program: failures are described in the returned values.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import math
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from typing import Any, Iterable

from . import parallel, vn
from .cache import Cache
from .config import OcrOptions
from .imagesize import MAX_PIXELS
from .problems import Problem, Severity, problem

#: The Debian packages that bring the ``tesseract`` program and its Vietnamese model.
PROGRAM_PACKAGE = "tesseract-ocr"


@dataclass(frozen=True)
class Tesseract:
    """The ``tesseract`` program as found on ``PATH``: its version, or what is missing."""

    version: str
    missing: tuple[str, ...]  # Debian packages to install (empty when it can read the language)

    @property
    def ready(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class MachineText:
    """What Tesseract read of a scanned PDF: the text of each page read, how many pages the file
    has, and why reading stopped early ('' when it did not)."""

    pages: tuple[str, ...]
    total: int
    error: str

    @property
    def text(self) -> str:
        """The pages' text, paragraphs separated by a blank line."""
        return "\n\n".join(page for page in self.pages if page)


def language_packages(language: str) -> tuple[str, ...]:
    """The Debian packages of Tesseract's models for ``vie+eng``-style languages."""
    return tuple(f"tesseract-ocr-{name.replace('_', '-')}" for name in language.split("+"))


def find_tesseract(language: str) -> Tesseract:
    """Tesseract on this machine's ``PATH`` and whether it has the models of ``language``."""
    found = _installed(os.environ.get("PATH", ""))
    if found is None:
        return Tesseract("", (PROGRAM_PACKAGE, *language_packages(language)))
    version, listed = found
    missing = tuple(package for name, package in zip(language.split("+"), language_packages(language))
                    if name not in listed)
    return Tesseract(version, missing)


@functools.lru_cache(maxsize=8)
def _installed(search_path: str) -> tuple[str, tuple[str, ...]] | None:
    """The version line and the languages of the ``tesseract`` found on ``search_path``, or None."""
    program = shutil.which("tesseract", path=search_path)
    if program is None:
        return None
    try:
        told = subprocess.run([program, "--version"], capture_output=True, timeout=30, check=True)
        version = (told.stdout or told.stderr).decode("utf-8", "replace")  # Tesseract 3 wrote it to stderr
        listed = _run([program, "--list-langs"], 30).decode("utf-8", "replace").splitlines()
    except (OSError, subprocess.SubprocessError):
        return None
    first = version.splitlines()[0].strip() if version.strip() else "tesseract"
    names = (line.strip() for line in listed)  # after a heading line, one language a line
    return first, tuple(sorted(name for name in names if re.fullmatch(r"[a-z_]+", name)))


def _run(command: list[str], timeout: float, data: bytes | None = None) -> bytes:
    """A program's standard output; one thread, so that parallel builds do not oversubscribe."""
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run(command, input=data, capture_output=True, timeout=timeout, check=True, env=environment)
    return done.stdout


def _page_image(document: Any, number: int, dpi: int) -> bytes:
    """One page of a pypdfium2 document as a grey PNG image, of at most :data:`MAX_PIXELS` (a page
    declared metres wide is rendered smaller, never as a bitmap of gigabytes)."""
    page = document[number]
    try:
        width, height = page.get_size()  # in points, 1/72 inch
        scale = min(dpi / 72, 0.999 * math.sqrt(MAX_PIXELS / max(1.0, width * height)))  # sides round up
        image = page.render(scale=scale, grayscale=True).to_pil()
    finally:
        page.close()
    stream = io.BytesIO()
    image.save(stream, "PNG")
    return stream.getvalue()


def tidy(text: str) -> str:
    """Tesseract's text in NFC, lines without trailing spaces, paragraphs separated by one blank line."""
    lines = [line.rstrip() for line in vn.nfc(text.replace("\f", "\n")).splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def page_count(pdf: str) -> tuple[int, str]:
    """How many pages PDFium finds in the PDF file at ``pdf``, and '' or why it cannot open it."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(pdf)
    except Exception as exc:  # noqa: BLE001 - a hostile PDF may make pdfium raise anything; report, never crash
        return 0, type(exc).__name__
    try:
        return len(document), ""
    finally:
        document.close()


def read_page(pdf: str, number: int, options: OcrOptions) -> tuple[str, str]:
    """The text Tesseract reads on page ``number`` (from 0) of the PDF file at ``pdf``, and '' or
    why it could not (``timeout``, or the name of the failure)."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(pdf)
        try:
            image = _page_image(document, number, options.dpi)
        finally:
            document.close()
        output = _run(["tesseract", "stdin", "stdout", "-l", options.language], options.timeout, image)
    except subprocess.TimeoutExpired:
        return "", "timeout"
    except Exception as exc:  # noqa: BLE001 - as in page_count; a failing tesseract is reported the same way
        return "", type(exc).__name__
    return tidy(output.decode("utf-8", "replace")), ""


def _reading(total: int, error: str, read: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """A document's reading from its pages' (in order): the pages up to the first that failed."""
    pages: list[str] = []
    for text, failure in read:
        if failure:
            return {"pages": pages, "total": total, "error": failure}
        pages.append(text)
    return {"pages": pages, "total": total, "error": error}


def recognise(pdf: str, options: OcrOptions, jobs: int = 1) -> dict[str, Any]:
    """Read the first pages of the PDF file at ``pdf`` with Tesseract, in up to ``jobs`` processes:
    ``{"pages": [text, ...], "total": pages in the file, "error": ""}``."""
    total, error = page_count(pdf)
    pages = range(min(total, options.max_pages))
    return _reading(total, error, parallel.map_calls(read_page, [(pdf, n, options) for n in pages], jobs))


def _cache_key(data: bytes, options: OcrOptions, tool: Tesseract) -> str:
    return Cache.json_key("ocr", data, f"{tool.version}|{options.language}|{options.dpi}|{options.max_pages}")


def cached(data: bytes, cache: Cache, options: OcrOptions, tool: Tesseract) -> MachineText | None:
    """The text read earlier from this PDF with these options and this Tesseract, or None."""
    value = cache.stored_json(_cache_key(data, options, tool))
    return None if value is None else MachineText(tuple(value["pages"]), value["total"], value["error"])


def read_all(sources: Iterable[tuple[bytes, str]], cache: Cache, options: OcrOptions, tool: Tesseract,
             jobs: int) -> dict[str, MachineText]:
    """Read every PDF of ``sources`` (its bytes and the file they were read from) not read before
    into the cache, every page of every document a call of its own in up to ``jobs`` processes
    (which open the file themselves).  Returns the readings that failed or ran out of time, by
    file: they are not kept, so that the next build tries again."""
    todo = {_cache_key(data, options, tool): path for data, path in sources
            if cached(data, cache, options, tool) is None}
    counted = [(key, path, *page_count(path)) for key, path in sorted(todo.items())]
    calls = [(path, number, options) for _key, path, total, _error in counted
             for number in range(min(total, options.max_pages))]
    read = iter(parallel.map_calls(read_page, calls, jobs))
    failed: dict[str, MachineText] = {}
    for key, path, total, error in counted:
        value = _reading(total, error, [next(read) for _ in range(min(total, options.max_pages))])
        cache.misses["ocr"] += 1
        if value["error"]:
            failed[path] = MachineText(tuple(value["pages"]), value["total"], value["error"])
        else:
            cache.put_json(key, value)
    return failed


def scan_notes(problems: list[Problem], options: OcrOptions, at: tuple[int | None, int | None]) -> list[Problem]:
    """The check's problems as OCR changes them: with ``options`` enabled and Tesseract ready, each
    ``PDF_NO_TEXT`` becomes the note ``PDF_MACHINE_READ``; without Tesseract, ``OCR_UNAVAILABLE``
    (at ``at``, the line and column of ``ocr.enabled`` in portal.yaml) names what to install."""
    if not options.enabled:
        return problems
    tool = find_tesseract(options.language)
    if not tool.ready:
        return [*problems, problem("OCR_UNAVAILABLE", "portal.yaml", *at, field="ocr.enabled",
                                   packages=" ".join(tool.missing), language=options.language)]
    return [_machine_read(p, options) if p.code == "PDF_NO_TEXT" and p.severity == Severity.WARNING else p
            for p in problems]


def _machine_read(found: Problem, options: OcrOptions) -> Problem:
    args = dict(found.args)
    pages = int(args.get("pages", 0))
    return problem("PDF_MACHINE_READ", found.source.path, found.source.line, found.source.col, field=found.field,
                   **args, read=str(min(pages, options.max_pages)))


def reads_again(problems: Iterable[Problem]) -> bool:
    """Whether a build that reported these problems left scans to read that the next one reads:
    one that said ``OCR_UNREAD``, or ``OCR_UNAVAILABLE`` where Tesseract and its models are now
    installed.  Its output is then not reused."""
    return any(found.code == "OCR_UNREAD" or found.code == "OCR_UNAVAILABLE"
               and find_tesseract(dict(found.args).get("language", "vie")).ready for found in problems)


def unread_note(path: str, unit: str, read: MachineText, options: OcrOptions) -> Problem:
    """``OCR_UNREAD`` for the scan at ``path`` (in ``unit``) whose reading failed or ran out of time."""
    if read.error == "timeout":
        reason = (f"một trang đọc quá {options.timeout} giây", f"a page took over {options.timeout} s")
    else:
        reason = (f"lỗi {read.error}", f"error {read.error}")
    found = problem("OCR_UNREAD", path, file=path.rsplit("/", 1)[-1], page=str(len(read.pages) + 1),
                    reason=reason[0], reason_en=reason[1])
    return dataclasses.replace(found, unit=unit)
