"""The official layout of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP, Appendix I),
read as metadata: the header (issuing agency and its parent, number and symbol, Quốc hiệu and tiêu
ngữ, place and date), the type name and trích yếu under it, and the signature block at the end
(the signer's position lines and name, the “Nơi nhận” list).

The reading works on lines of text grouped in columns (:class:`Columns`), so that a Word file's
header table and a PDF's text laid out in two columns are read by the same rules."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .. import schema, vn

#: The abbreviation of each document type in a symbol (Nghị định 30/2020/NĐ-CP, Appendix III), upper case.
ABBREVIATIONS = {
    "NĐ": "Nghị định", "TT": "Thông tư", "TTLT": "Thông tư liên tịch", "NQ": "Nghị quyết", "QĐ": "Quyết định",
    "CT": "Chỉ thị", "QC": "Quy chế", "QYĐ": "Quy định", "TC": "Thông cáo", "TB": "Thông báo", "HD": "Hướng dẫn",
    "CTR": "Chương trình", "KH": "Kế hoạch", "PA": "Phương án", "ĐA": "Đề án", "DA": "Dự án", "BC": "Báo cáo",
    "BB": "Biên bản", "TTR": "Tờ trình", "HĐ": "Hợp đồng", "CĐ": "Công điện", "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận", "GUQ": "Giấy ủy quyền", "GM": "Giấy mời", "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép", "PG": "Phiếu gửi", "PC": "Phiếu chuyển", "PB": "Phiếu báo",
}


def _ascii_abbreviations() -> dict[str, str]:
    """The abbreviations typed without Đ (``QD``), where that is not another type's (HD, DA)."""
    folded: dict[str, list[str]] = {}
    for abbreviation, name in ABBREVIATIONS.items():
        folded.setdefault(vn.fold(abbreviation).upper(), []).append(name)
    return {key: names[0] for key, names in folded.items() if len(names) == 1 and key not in ABBREVIATIONS}


_ASCII_ABBREVIATIONS = _ascii_abbreviations()


@lru_cache(maxsize=1)
def type_names() -> dict[str, str]:
    """The document types of the schema, by their folded name (``quyet dinh`` → ``Quyết định``)."""
    names = schema.inlined("document")["properties"]["type"]["enum"]
    return {vn.fold(name): name for name in names}


@dataclass(frozen=True)
class Official:
    """What the official layout says of a document; an empty text (or None) where it said nothing readable."""

    issuer: str = ""
    parent: str = ""
    number: str = ""
    type: str = ""
    place: str = ""
    issue_date: dt.date | None = None
    summary: str = ""
    signer: str = ""
    signer_position: str = ""
    recipients: bool = False  # a “Nơi nhận” list was found (and left out of the body)

    @property
    def title(self) -> str:
        """A title for a page: ``Quyết định số 15/2026/QĐ-UBND về việc …``."""
        words = [self.type or "Văn bản"]
        if self.number:
            words.append(f"số {self.number}")
        if self.summary:
            words.append(self.summary[:1].lower() + self.summary[1:])
        return " ".join(words)


#: One column of the header or signature block: its lines, top to bottom.
Columns = list[list[str]]

_RULE = re.compile(r"[\s_\-–—=*~.·…]*")
_NUMBER = re.compile(r"^(?:(?P<kind>[^\d:]{2,25}?)\s+)?s[ốô]\s*(?:[:.]\s*|\s+(?=\d))(.*)$", re.IGNORECASE)
_DATE = re.compile(r"^(?P<place>.*?)[,\s]*\bngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})\b",
                   re.IGNORECASE)
_BLANK_DATE = re.compile(r"\bngày[\s._…]*tháng[\s._…]*năm\b", re.IGNORECASE)
_SIGNING = re.compile(r"^(TM|KT|TL|TUQ|Q|Thừa lệnh|Thừa ủy quyền)[.:]?\s+", re.IGNORECASE)
_RANK = re.compile(r"^(?:(?:Đại|Thượng|Trung|Thiếu) (?:tướng|tá|úy)|(?:GS|PGS|TS|ThS)\.(?:\s*TS\.)?)\s+")
_ARTICLE = re.compile(r"^(?:Điều|Chương|Mục|Phần)\s+(?:\d+|[IVXLC]+)\b", re.IGNORECASE)
_SIGNATURE_NOTE = re.compile(r"^[(\[].*[)\]]$")
_NATIONAL = ("cong hoa xa hoi chu nghia viet nam", "doc lap tu do hanh phuc")
_ADMIN_LEVELS = ("thanh pho", "thi xa", "thi tran", "dac khu", "tinh", "huyen", "quan", "xa", "phuong")
_AGENCY_HEADS = ("uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd", "chinh phu", "thu tuong", "quoc hoi",
                 "bo ", "so ", "phong ", "ban ", "van phong", "tong cuc", "chi cuc", "cuc ", "vu ", "trung tam",
                 "thanh tra", "kho bac", "cong an", "toa an", "vien kiem sat", "uy ban", "chu tich", "hoi ")
_NAMED_BY_NEXT_WORD = ("Sở", "Bộ", "Phòng", "Cục", "Vụ", "Ban", "Tổng cục", "Chi cục", "Trung tâm")
_KEEP_UPPER = {"UBND", "HĐND", "MTTQ", "TP", "TP.", "CP"}


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalpha())


def is_rule(text: str) -> bool:
    """A line drawn under the issuer, the Quốc hiệu or the trích yếu (``_______``)."""
    stripped = text.strip()
    return len(stripped) >= 3 and bool(_RULE.fullmatch(stripped)) and sum(c in "_-–—=*~" for c in stripped) >= 3


def is_national(text: str) -> bool:
    """The Quốc hiệu or the tiêu ngữ."""
    folded = " ".join(re.findall(r"[a-z]+", vn.fold(text)))
    return any(phrase in folded for phrase in _NATIONAL)


def is_upper(text: str) -> bool:
    """Whether the letters of a line are all capitals (the header's and signature's position lines)."""
    letters = _letters(text)
    return bool(letters) and letters == letters.upper()


def type_name(text: str) -> str:
    """The document type a line names alone (``QUYẾT ĐỊNH`` → ``Quyết định``), else ``""``."""
    return type_names().get(" ".join(vn.fold(text).split()), "") if is_upper(text) else ""


def number_of(text: str) -> str | None:
    """The number and symbol of a ``Số: 15/2026/QĐ-UBND`` line (``""`` when left blank), None for another line."""
    match = _NUMBER.match(text.strip())
    if not match or (match["kind"] and vn.fold(match["kind"]).strip() not in type_names()):
        return None  # "Nghị quyết số: 78/2025/UBTVQH15" is a number line, "Số lượng" is not
    value = re.sub(r"\s*([/\-])\s*", r"\1", match[2].strip()).split(" ")[0].rstrip(".,;")
    return value if re.match(r"\d", value) else ""


def type_of_number(number: str) -> str:
    """The document type the symbol of a number names (``15/2026/QĐ-UBND`` → ``Quyết định``), else ``""``."""
    parts = number.split("/")
    if len(parts) < 2:
        return ""
    symbol = parts[-1].split("-")[0].upper()
    return ABBREVIATIONS.get(symbol) or _ASCII_ABBREVIATIONS.get(symbol, "")


def abbreviation_of(number: str) -> str:
    """The first part of a number's symbol, as a slug (``15/2026/QĐ-UBND`` → ``qd``)."""
    parts = number.split("/")
    return vn.slugify(parts[-1].split("-")[0]) if len(parts) >= 2 else ""


def place_and_date(text: str) -> tuple[str, dt.date | None] | None:
    """The place and date of a ``Hải Hậu, ngày 15 tháng 3 năm 2026`` line (the date None when impossible)."""
    match = _DATE.match(text.strip())
    if not match:
        return None
    try:
        day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        day = None
    return match["place"].strip(" ,"), day


def is_date_line(text: str) -> bool:
    """A place and date line, filled in or left to fill (``…, ngày .... tháng .... năm ....``)."""
    return place_and_date(text) is not None or bool(_BLANK_DATE.search(text)) and len(text) < 120


def register_case(text: str) -> str:
    """An agency's or position's name written in capitals, as the register writes it:
    ``ỦY BAN NHÂN DÂN XÃ HẢI HẬU`` → ``Ủy ban nhân dân xã Hải Hậu``, ``SỞ TÀI CHÍNH`` → ``Sở Tài chính``."""
    words = text.split()
    if not words or not is_upper(text):
        return " ".join(words)
    out = [w if w in _KEEP_UPPER else w.lower() for w in words]
    out[0] = out[0][:1].upper() + out[0][1:]
    folded = [vn.fold(w) for w in out]
    index = 0
    while index < len(out):
        rest = " ".join(folded[index:])
        level = next((lv for lv in _ADMIN_LEVELS if (rest == lv or rest.startswith(lv + " "))
                      and not rest.startswith("xa hoi")), None)
        if level and index > 0:
            start = index + len(level.split())
            out[start:] = [w.capitalize() for w in out[start:]]
            break
        index += 1
    for head in _NAMED_BY_NEXT_WORD:
        size = len(head.split())
        if [vn.fold(w) for w in out[:size]] == vn.fold(head).split() and len(out) > size:
            out[size] = out[size].capitalize()
    joined = " ".join(out)
    for proper in ("Chính phủ", "Quốc hội"):
        joined = re.sub(rf"(?<=\s){proper.lower()}\b", proper, joined)
    return joined


def position_case(text: str) -> str:
    """A signer's position written in capitals: ``PHÓ CHỦ TỊCH`` → ``Phó Chủ tịch``."""
    words = _SIGNING.sub("", text).split()
    if not words or not is_upper(" ".join(words)):
        return " ".join(words)
    out = [w.lower() for w in words]
    out[0] = out[0].capitalize()
    if vn.fold(out[0]) == "pho" and len(out) > 1:
        out[1] = out[1].capitalize()
    return " ".join(out)


def _agency_start(line: str) -> bool:
    folded = vn.fold(line).strip() + " "
    return any(folded.startswith(head if head.endswith(" ") else head + " ") or folded.startswith(head)
               for head in _AGENCY_HEADS)


def issuer_and_parent(lines: list[str]) -> tuple[str, str]:
    """The issuing agency and its parent from the header's first lines: the parent is what comes
    before the last line that starts an agency's name (``UBND TỈNH NAM ĐỊNH`` / ``SỞ TÀI CHÍNH``);
    a line naming a place continues the name above it (``ỦY BAN NHÂN DÂN`` / ``XÃ MỸ TÂN``)."""
    lines = list({vn.fold(" ".join(line.split())): " ".join(line.split()) for line in lines if line.strip()}.values())
    if not lines:
        return "", ""
    starts = [i for i, line in enumerate(lines) if _agency_start(line)]
    split = starts[-1] if starts else 0
    issuer, parent = register_case(" ".join(lines[split:])), register_case(" ".join(lines[:split]))
    return issuer, "" if vn.fold(parent) == vn.fold(issuer) else parent  # a name printed twice


@dataclass(frozen=True)
class HeaderFields:
    """What the header block (before the type name) says."""

    issuer: str = ""
    parent: str = ""
    number: str = ""
    place: str = ""
    issue_date: dt.date | None = None
    summary: str = ""  # a công văn's ``V/v …`` under its number
    national: bool = False


def read_header(columns: Columns) -> HeaderFields:
    """The header's fields from its columns of lines (a header laid out as plain lines is one column)."""
    issuer_lines: list[str] = []
    summary: list[str] = []
    number = place = ""
    issue_date = None
    national = seen_number = False
    for column in columns:
        after_number = after_national = False
        for line in column:
            line = " ".join(line.split())
            if not line or is_rule(line) or is_gazette_label(line):
                continue
            if is_national(line):
                national = after_national = True
                continue
            found = number_of(line)
            if found is not None:
                number, seen_number, after_number = found, True, True
                continue
            dated = place_and_date(line)
            if dated is not None:
                place, issue_date = dated
                continue
            if after_number:
                summary.append(line)
            elif not seen_number and not after_national and is_upper(line):
                issuer_lines.append(line)  # under the Quốc hiệu, a line in capitals is a title
    issuer, parent = issuer_and_parent(issuer_lines)
    text = " ".join(summary)
    text = re.sub(r"^(V/v|V/V|v/v)\s*:?\s*", "Về việc ", text)
    return HeaderFields(issuer=issuer, parent=parent, number=number, place=place, issue_date=issue_date,
                        summary=text, national=national)


def is_gazette_label(line: str) -> bool:
    """A line the Official Gazette (Công báo) prints above a document, not part of its header."""
    folded = " ".join(re.findall(r"[a-z0-9]+", vn.fold(line)))
    return folded.startswith("cong bao") or folded in ("van ban quy pham phap luat", "van ban phap luat khac",
                                                       "van ban hop nhat")


def is_header_line(line: str) -> bool:
    """A line that belongs to the header block (for headers written as paragraphs)."""
    line = line.strip()
    return (not line or is_rule(line) or is_national(line) or number_of(line) is not None
            or place_and_date(line) is not None or (is_upper(line) and not type_name(line) and len(line) < 80))


def is_article(line: str) -> bool:
    """The start of an article, chapter or section (``Điều 1.``, ``Chương II``), not ``Điều chỉnh …``."""
    return bool(_ARTICLE.match(line.strip()))


def is_recipients(line: str) -> bool:
    """The first line of the “Nơi nhận” list."""
    return vn.fold(line).strip().startswith("noi nhan")


@dataclass(frozen=True)
class Signature:
    """The signature block: the signer's position (the last position line) and name."""

    signer: str = ""
    position: str = ""


def read_signature(lines: list[str]) -> Signature:
    """The signer from the signature column's lines: position lines in capitals (``TM. ỦY BAN NHÂN
    DÂN``, ``KT. CHỦ TỊCH``, ``PHÓ CHỦ TỊCH``), notes in brackets (``(Đã ký)``), then the name
    (a military rank or an academic title before it left out)."""
    positions: list[str] = []
    name = ""
    for line in (" ".join(line.split()) for line in lines):
        if not line or _SIGNATURE_NOTE.match(line) or is_rule(line):
            continue
        if is_upper(line) and not name:
            positions.append(line)
        elif _letters(line) and not is_upper(line) and positions and len(line.split()) <= 7:
            name = _RANK.sub("", line.rstrip("."))
    return Signature(signer=name, position=position_case(positions[-1]) if positions else "")


def is_signing(line: str) -> bool:
    """A position line that signs for another (``TM. ỦY BAN NHÂN DÂN``, ``KT. CHỦ TỊCH``, ``TL. …``)."""
    return bool(_SIGNING.match(line.strip())) and is_upper(line)


def looks_like_signature(lines: list[str]) -> bool:
    """Whether a column of lines is a signature block: position lines in capitals, then a name."""
    signature = read_signature(lines)
    signing = any(_SIGNING.match(line.strip()) for line in lines)
    return bool(signature.signer and signature.position) and (signing or len([x for x in lines if x.strip()]) <= 8)
