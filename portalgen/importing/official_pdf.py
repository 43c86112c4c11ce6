"""The official layout of a PDF with a text layer: its pages' text laid out as lines (pypdf's layout
mode keeps the two columns of the header and of the signature block apart), cut into columns
and read by :mod:`.official`.  A scanned PDF (no text layer) cannot be read here."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from ..failures import UsageFailure
from ..files import sniff
from ..speech import file_size
from .official import (
    Columns,
    Official,
    is_gazette_label,
    is_national,
    is_recipients,
    is_rule,
    is_signing,
    is_upper,
    looks_like_signature,
    place_and_date,
    read_header,
    read_signature,
    type_name,
    type_of_number,
)

MAX_PDF_BYTES = 100 * 1024 * 1024
MAX_PAGES = 80  # where the signature block is looked for
_HEADER_LINES = 20
_SUMMARY_LINES = 5
_CELL = re.compile(r"\S+(?: {1,2}\S+)*")


def read_pdf(path: Path) -> bytes:
    """The bytes of a PDF file, after checking that it exists and that its bytes are a PDF."""
    name = path.name or str(path)
    if not path.is_file():
        raise UsageFailure("FILE_MISSING" if not path.exists() else "NOT_A_FILE", path=path)
    try:
        size = path.stat().st_size
        if size > MAX_PDF_BYTES:
            raise UsageFailure("PDF_TOO_LARGE", name=name, size=file_size(size), limit=file_size(MAX_PDF_BYTES))
        if sniff(path) != "pdf":
            raise UsageFailure("PDF_NOT_PDF", name=name)
        return path.read_bytes()
    except OSError as exc:
        raise UsageFailure("FILE_UNREADABLE", path=path, reason=exc.strerror) from None


def page_lines(data: bytes, name: str) -> list[list[str]]:
    """Each page's text as laid-out lines (up to :data:`MAX_PAGES` pages)."""
    import io

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages[:MAX_PAGES]]
    except Exception:  # noqa: BLE001 - a damaged PDF may make pypdf raise anything
        raise UsageFailure("PDF_UNREADABLE", name=name) from None
    if not any(text.strip() for text in pages):
        raise UsageFailure("PDF_NO_TEXT_LAYER", name=name)
    return [text.splitlines() for text in pages]


def _cells(line: str) -> list[tuple[int, str]]:
    """The pieces of a laid-out line that three or more spaces keep apart, with where each starts (a
    piece that starts or ends at a ``/`` or ``-`` stays with the one before it: ``78    /2025``)."""
    cells: list[tuple[int, str]] = []
    for match in _CELL.finditer(line):
        text = match.group()
        if cells and (text[0] in "/-" or cells[-1][1][-1] in "/-"):
            cells[-1] = (cells[-1][0], cells[-1][1] + text)
        else:
            cells.append((match.start(), text))
    return cells


def _split(lines: list[str], boundary: int) -> Columns:
    """Lines cut into a left and a right column at ``boundary`` (a character position)."""
    left: list[str] = []
    right: list[str] = []
    for line in lines:
        for start, cell in _cells(line):
            (left if start < boundary else right).append(cell)
    return [left, right]


def _width(lines: list[str]) -> int:
    return max((len(line.rstrip()) for line in lines), default=0)


def _header(lines: list[str]) -> tuple[Columns, int]:
    """The header's columns and the index of the first line after it (the type name, if any)."""
    end = next((i for i, line in enumerate(lines[:_HEADER_LINES]) if type_name(line.strip())), None)
    if end is None:
        end = next((i + 1 for i in range(min(len(lines), _HEADER_LINES) - 1, -1, -1)
                    if place_and_date(" ".join(c for _, c in _cells(lines[i])[-1:])) is not None), 0)
    region = lines[:end]
    starts = [start for line in region for start, cell in _cells(line)
              if is_national(cell) or place_and_date(cell) is not None]
    boundary = (min(starts) - 2) if starts else _width(region) * 2 // 5
    national = next((i for i, line in enumerate(region) if any(is_national(c) for _, c in _cells(line))), 0)
    begin = national
    for index in range(national - 1, max(national - 4, -1), -1):  # the parent agency above the issuer
        cells = _cells(region[index])
        if cells and (any(start >= boundary for start, _ in cells) or any(is_gazette_label(c) for _, c in cells)):
            break
        begin = index
    return _split(region[begin:], boundary), end


def _summary(lines: list[str]) -> str:
    """The trích yếu under the type name: its lines up to a blank line, the rule under it or the text."""
    taken: list[str] = []
    for line in lines[:_SUMMARY_LINES]:
        line = " ".join(line.split())
        if not line and not taken:
            continue
        if not line or is_rule(line) or is_upper(line) or line.startswith(("Căn cứ", "Điều ")):
            break
        taken.append(line)
    return " ".join(taken)


def _signature(pages: list[list[str]]) -> tuple[list[str], bool] | None:
    """The signature column and whether a Nơi nhận list is beside it: on the first page with a
    Nơi nhận line, else with a line that signs for another (``TM.``, ``KT.``), else at the end of the
    last page (the Official Gazette prints no Nơi nhận)."""
    for marks, recipients in ((is_recipients, True), (is_signing, False)):
        for lines in pages:
            found = next((i for i, line in enumerate(lines) for _, cell in _cells(line) if marks(cell)), None)
            if found is not None:
                region = lines[found:found + 25]
                column = _split(region, _width(region) * 7 // 20)[1]
                if looks_like_signature(column):
                    return column, recipients
    region = [line for line in pages[-1] if line.strip()][-12:]
    column = _split(region, _width(region) * 7 // 20)[1]
    return (column, False) if looks_like_signature(column) else None


def read_official(pages: list[list[str]]) -> Official | None:
    """The official layout of a PDF's text, None when its first page does not start with an official header."""
    first = pages[0] if pages else []
    first = first[next((i for i, line in enumerate(first) if line.strip()), 0):]
    columns, end = _header(first)
    fields = read_header(columns)
    if not (fields.national and (fields.number or fields.issue_date or fields.issuer)):
        return None
    kind = type_name(first[end].strip()) if end < len(first) else ""
    summary = _summary(first[end + 1:]) if kind else ""
    signature = _signature(pages)
    signed = read_signature(signature[0]) if signature else None
    return Official(issuer=fields.issuer, parent=fields.parent, number=fields.number,
                    type=kind or type_of_number(fields.number) or ("Công văn" if fields.summary else ""),
                    place=fields.place, issue_date=fields.issue_date, summary=summary or fields.summary,
                    signer=signed.signer if signed else "", signer_position=signed.position if signed else "",
                    recipients=bool(signature and signature[1]))
