"""Administrative units by their names: the type a unit's name gives (``Phường Hạ Long`` is a
``phuong``), its name without the type word, and the official list of the provinces and their
communes after 1 July 2025 shipped with portalgen (``data/units-2025-07-01.json``, see its README)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from . import vn
from .failures import UsageFailure

#: The word a unit's name starts with, per type (as ``unit.yaml``'s ``type`` spells it).
TYPE_WORDS: dict[str, str] = {
    "tinh": "Tỉnh", "thanh-pho-truc-thuoc-trung-uong": "Thành phố", "huyen": "Huyện", "quan": "Quận",
    "thi-xa": "Thị xã", "thanh-pho-thuoc-tinh": "Thành phố", "xa": "Xã", "phuong": "Phường",
    "thi-tran": "Thị trấn", "dac-khu": "Đặc khu",
}

#: What each type is called in English, for the English pages.
TYPE_WORDS_EN: dict[str, str] = {
    "tinh": "Province", "thanh-pho-truc-thuoc-trung-uong": "City", "huyen": "District", "quan": "District",
    "thi-xa": "Town", "thanh-pho-thuoc-tinh": "City", "xa": "Commune", "phuong": "Ward",
    "thi-tran": "Township", "dac-khu": "Special zone",
}


def english_type_label(name_en: str | None, type_: str, level_en: str) -> str | None:
    """The kind of unit an English list shows after its name, only when the name does not say it:
    ``Nam Dinh Ward`` needs none, ``Con Dao`` is a ``Special zone``, a Vietnamese name (``Phường C``)
    is a ``Ward``. The level's English title when the type has no English word."""
    word = TYPE_WORDS_EN.get(type_, level_en)
    says_it = name_en and re.search(rf"\b{re.escape(word)}\b", name_en, re.IGNORECASE)
    return None if says_it else word


@dataclass(frozen=True)
class Official:
    """A unit of the official list: its code, full name and type."""

    code: str
    name: str
    type: str


@dataclass(frozen=True)
class Province(Official):
    """A province (or centrally governed city) and its communes, wards and special zones, by code."""

    units: tuple[Official, ...] = ()


def _starts_with(name: str, word: str) -> bool:
    return vn.fold(name).startswith(vn.fold(word) + " ")


def type_of(name: str, allowed: tuple[str, ...] | list[str]) -> str | None:
    """The type among ``allowed`` whose word the name starts with (the longest word first, so
    ``Thị xã`` is not taken for ``Thị``), or None."""
    words = sorted(((TYPE_WORDS[t], t) for t in allowed if t in TYPE_WORDS), key=lambda wt: -len(wt[0]))
    return next((key for word, key in words if _starts_with(name, word)), None)


def short_name(name: str, type_: str | None) -> str:
    """The name without its type word: ``Phường Hạ Long`` → ``Hạ Long``."""
    word = TYPE_WORDS.get(type_ or "")
    return name[len(word) + 1:].strip() if word and _starts_with(name, word) else name


@cache
def provinces() -> tuple[Province, ...]:
    """The official list, by code."""
    data = json.loads(resources.files("portalgen.data").joinpath("units-2025-07-01.json").read_text("utf-8"))
    return tuple(Province(code=p["code"], name=p["name"], type=p["type"],
                          units=tuple(Official(*unit) for unit in p["units"])) for p in data["provinces"])


def _choices(found: list[Province] | tuple[Province, ...]) -> str:
    return ", ".join(f"{p.code} {p.name}" for p in found)


def find_province(query: str) -> Province:
    """The province named by its code (``01``, ``1``) or its name with or without the type word
    and tone marks (``Ninh Bình``, ``ninh binh``, ``Thành phố Hà Nội``, ``ha noi``); a usage failure
    that lists the choices when none or several fit."""
    text = vn.nfc(query.strip())
    everything = provinces()
    if text.isdigit():
        found = [p for p in everything if p.code == text.zfill(2)]
    else:
        slug = vn.slugify(text)
        found = [p for p in everything if slug in (vn.slugify(p.name), vn.slugify(short_name(p.name, p.type)))]
        if not found and slug:
            found = [p for p in everything if f"-{slug}-" in f"-{vn.slugify(p.name)}-"]
            if len(found) > 1:
                raise UsageFailure("INIT_PROVINCE_AMBIGUOUS", query=query, choices=_choices(found))
    if len(found) != 1:
        raise UsageFailure("INIT_PROVINCE_UNKNOWN", query=query, choices=_choices(everything))
    return found[0]
