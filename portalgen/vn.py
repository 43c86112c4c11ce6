"""Vietnamese text and calendar helpers: NFC, slugs, legacy encodings, ISO weeks, working days."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Iterable

_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def nfc(text: str) -> str:
    """Text in Unicode NFC, the form TCVN 6909:2001 and the web expect."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case text without tone marks, with đ → d: "Quyết định" → "quyet dinh"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slugify(text: str) -> str:
    """A URL segment from any text: "Hội nghị Tổng kết 2026" → "hoi-nghi-tong-ket-2026"."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text)))


def is_slug(text: str) -> bool:
    return bool(_SLUG_RE.fullmatch(text))


# --- legacy Vietnamese encodings -----------------------------------------------------------------
# Text typed with the old TCVN3 (ABC, fonts .VnTime…) or VNI (VNI-Times…) fonts and pasted into a
# Unicode file shows Latin-1 letters that Vietnamese never uses.  Each encoding leaves its marks.
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_TCVN3_MARKS = set("¸µ¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÐÌÎÏÑªÕÒÓÔÖ«ÝØÜÞ\u00adãßáâä¦¡¢£¤¥§ñòóôõøö÷ùú")
_VNI_PAIRS = re.compile(r"[aeiouyAEIOUY][ùøûõïaâêôÙØÛÕÏÂÊÔ]|ö|ô|ñ|Ñ|Ö")
#: Latin-1 letters and symbols that Unicode Vietnamese never uses.
_ODD = re.compile("[" + "".join(re.escape(chr(code)) for code in range(0xA1, 0x100)
                               if chr(code) not in _VIETNAMESE_LATIN1 and chr(code) not in "«»°±·×÷©®") + "]")


def detect_legacy_encoding(text: str) -> tuple[str, int, str] | None:
    """Find text that looks pasted from a TCVN3 or VNI font.

    Returns ``(encoding name, 1-based line, sample)`` of the first suspicious line, or None.
    A line is suspicious when it holds several Latin-1 letters or symbols that Unicode Vietnamese
    never uses.
    """
    if not _ODD.search(text):
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        odd = _ODD.findall(line)
        if len(odd) < 2:
            continue
        letters = sum(c.isalpha() for c in line) or 1
        if len(odd) * 12 < letters:
            continue
        encoding = "VNI" if len(_VNI_PAIRS.findall(line)) >= len(odd) // 2 + 1 and "\u00ad" not in line else "TCVN3"
        start = max(0, line.index(odd[0]) - 10)
        return encoding, number, line[start:start + 40].strip()
    return None


# --- calendar ---------------------------------------------------------------------------------------
_WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")


def week_of_file(slug: str) -> str:
    """The week a schedule file is named after: ``2026-W48`` from ``2026-W48`` or ``2026-w48``
    (the web editor writes file names in lower case)."""
    return slug.upper() if re.fullmatch(r"\d{4}-w\d{2}", slug) else slug


def parse_week(text: str) -> tuple[dt.date, dt.date] | None:
    """The Monday and Sunday of an ISO week written ``2026-W48``; None if no such week."""
    match = _WEEK_RE.match(text)
    if not match:
        return None
    try:
        monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        return None
    return monday, monday + dt.timedelta(days=6)


def week_of(day: dt.date) -> str:
    """The ISO week of a date, written ``2026-W48``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def add_working_days(start: dt.date, days: int, holidays: Iterable[dt.date] = ()) -> dt.date:
    """The date ``days`` working days (Monday–Friday, not a holiday) after ``start``."""
    off = set(holidays)
    current = start
    remaining = days
    while remaining > 0:
        if current == dt.date.max:
            return current
        current += dt.timedelta(days=1)
        if current.weekday() < 5 and current not in off:
            remaining -= 1
    return current


def format_date(day: dt.date) -> str:
    """A date the Vietnamese way: 27/11/2026."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")


def format_english_date(day: dt.date) -> str:
    """A date for English pages, with the month in words so no reader takes 11/12 for 12/11:
    ``25 November 2026``."""
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def international_phone(phone: str) -> str:
    """A Vietnamese phone number as callers abroad dial it: ``0229 3871 535`` → ``+84 229 3871 535``;
    numbers without the trunk prefix 0 (``1900 1234``, ``+84 …``) stay as written."""
    text = phone.strip()
    return "+84 " + text[1:].lstrip() if len(text) > 1 and text[0] == "0" and text[1].isdigit() else text


def suggest(word: str, choices: Iterable[str]) -> str:
    """The closest choice to a mistyped word, compared without tone marks; '' if none is close.

    ``tittle`` → ``title``; ``Quyet dinh`` → ``Quyết định``; ``tieu-de`` matches a choice whose
    folded form is ``tieu-de``.
    """
    import difflib

    folded: dict[str, str] = {}
    for choice in choices:
        folded.setdefault(fold(str(choice)).replace("_", "-"), str(choice))
    key = fold(word).replace("_", "-")
    if key in folded:
        return folded[key]
    match = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else ""


def format_size(size: int) -> str:
    """A file size the Vietnamese way, with a decimal comma: ``1,2 MB``, ``350 KB``."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
    if size >= 1024:
        return f"{round(size / 1024)} KB"
    return f"{size} B"


_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def format_long_date(day: dt.date, lang: str = "vi") -> str:
    """``Thứ Sáu, 27/11/2026`` (English: ``Friday, 27/11/2026``)."""
    names = _WEEKDAYS_EN if lang == "en" else _WEEKDAYS
    return f"{names[day.weekday()]}, {format_date(day)}"


def format_datetime(moment: dt.datetime) -> str:
    """``27/11/2026 08:30``, or just the date at midnight."""
    if moment.time() == dt.time():
        return format_date(moment.date())
    return f"{format_date(moment.date())} {moment:%H:%M}"


def sort_key(text: str) -> tuple[str, str]:
    """Sort Vietnamese text alphabetically, ignoring tones first, then by the toned form."""
    return fold(text), text
