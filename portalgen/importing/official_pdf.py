"""The official layout of a PDF with a text layer: its pages' text laid out as lines (pypdf's layout
mode keeps the two columns of the header and of the signature block apart), cut into columns
and read by :mod:`.official`.  A scanned PDF (no text layer) cannot be read here."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, overload

from ..failures import UsageFailure
from ..files import sniff
from ..speech import file_size
from .official import (
    Columns,
    Official,
    is_article,
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
_DATE_HEAD = re.compile(r"\bngày(?:\s+\d{1,2})?$", re.IGNORECASE)
_DATE_TAIL = re.compile(r"(?:\d{1,2}\s+)?tháng\b", re.IGNORECASE)


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


class Pages(Sequence[list[str]]):
    """A PDF's pages as laid-out lines, each extracted when first read (the header needs the first
    page, the signature block the pages up to it), at most :data:`MAX_PAGES` of them."""

    def __init__(self, reader: Any, name: str) -> None:
        self._reader = reader
        self._name = name
        self._read: dict[int, list[str]] = {}

    def __len__(self) -> int:
        return min(len(self._reader.pages), MAX_PAGES)

    @overload
    def __getitem__(self, index: int) -> list[str]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[list[str]]: ...

    def __getitem__(self, index: int | slice) -> list[str] | Sequence[list[str]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        index %= len(self)
        if index not in self._read:
            try:
                text = self._reader.pages[index].extract_text(extraction_mode="layout") or ""
            except Exception:  # noqa: BLE001 - a damaged PDF may make pypdf raise anything
                raise UsageFailure("PDF_UNREADABLE", name=self._name) from None
            self._read[index] = text.splitlines()
        return self._read[index]


def page_lines(data: bytes, name: str) -> Pages:
    """The pages of a PDF as laid-out lines; refuses a damaged PDF, and a scan (none of its first
    pages has text)."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = Pages(reader, name)
        empty = len(pages) == 0 or not any("".join(pages[i]).strip() for i in range(min(3, len(pages))))
    except UsageFailure:
        raise
    except Exception:  # noqa: BLE001 - a damaged PDF may make pypdf raise anything
        raise UsageFailure("PDF_UNREADABLE", name=name) from None
    if empty:
        raise UsageFailure("PDF_NO_TEXT_LAYER", name=name)
    return pages


def _cells(line: str) -> list[tuple[int, str]]:
    """The pieces of a laid-out line that three or more spaces keep apart, with where each starts (a
    piece that starts or ends at a ``/`` or ``-`` stays with the one before it: ``78    /2025``, and
    so do the parts of a date, ``ngày 26     tháng 02 năm 2025``, and a letter drawn apart)."""
    cells: list[tuple[int, str]] = []
    for match in _CELL.finditer(line):
        text = match.group()
        if cells and (text[0] in "/-" or cells[-1][1][-1] in "/-"):
            cells[-1] = (cells[-1][0], cells[-1][1] + text)
        elif cells and _DATE_HEAD.search(cells[-1][1]) and _DATE_TAIL.match(text):
            cells[-1] = (cells[-1][0], cells[-1][1] + " " + text)
        elif cells and len(text) == 1 and text.isalpha() and cells[-1][1][-1].isalpha():
            cells[-1] = (cells[-1][0], cells[-1][1] + text)  # a letter drawn apart: "CHÍNH PH     Ủ"
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
        if not line or is_rule(line) or is_upper(line) or line.startswith("Căn cứ") or is_article(line):
            break
        taken.append(line)
    return " ".join(taken)


def _signature(pages: Sequence[list[str]]) -> tuple[list[str], bool] | None:
    """The signature column and whether a Nơi nhận list is beside it: on the first page with a
    Nơi nhận line, a line that signs for another (``TM.``, ``KT.``: the Official Gazette prints no
    Nơi nhận) or the text's last line (ending ``./.``), else at the end of the last page."""
    for lines in pages:
        for marks, recipients in ((is_recipients, True), (is_signing, False), (_ends_text, False)):
            found = next((i for i, line in enumerate(lines) for _, cell in _cells(line) if marks(cell)), None)
            if found is not None:
                region = lines[found:found + 25]
                column = _split(region, _width(region) * 7 // 20)[1]
                if looks_like_signature(column):
                    return column, recipients
    region = [line for line in pages[-1] if line.strip()][-12:]
    column = _split(region, _width(region) * 7 // 20)[1]
    return (column, False) if looks_like_signature(column) else None


def _ends_text(cell: str) -> bool:
    """The last line of a document's text, which Nghị định 30/2020 ends with ``./.``."""
    return cell.rstrip().endswith("./.")


def read_official(pages: Sequence[list[str]]) -> Official | None:
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
