"""Regenerate ``portalgen/data/units-2025-07-01.json`` from the dvhcvn ``merges.json``.

Usage: ``python tools/units_data.py PATH/TO/merges.json`` (writes the package's data file).
Keeps only each province's and commune's official code, name and type (the type from the
name's first words), sorted by code; the old→new mapping of ``merges.json`` is not kept.
"""

from __future__ import annotations

import hashlib
import json
import sys
import unicodedata
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "portalgen" / "data" / "units-2025-07-01.json"
PROVINCE_TYPES = {"Tỉnh": "tinh", "Thành phố": "thanh-pho-truc-thuoc-trung-uong"}
COMMUNE_TYPES = {"Xã": "xa", "Phường": "phuong", "Đặc khu": "dac-khu"}


def unit_type(name: str, types: dict[str, str]) -> str:
    """The type of a unit from the first words of its name."""
    for word, key in types.items():
        if name.startswith(word + " "):
            return key
    raise SystemExit(f"no type word in {name!r}")


def derive(source: bytes) -> dict:
    """The compact list (code, name, type) of every province and its communes."""
    data = json.loads(source)["data"]
    provinces = []
    for province in sorted(data, key=lambda p: p["level1_id"]):
        name = unicodedata.normalize("NFC", province["name"])
        units = sorted([u["level2_id"], unicodedata.normalize("NFC", u["name"]),
                        unit_type(unicodedata.normalize("NFC", u["name"]), COMMUNE_TYPES)]
                       for u in province["level2s"])
        provinces.append({"code": province["level1_id"], "name": name, "type": unit_type(name, PROVINCE_TYPES),
                          "units": units})
    return {
        "source": {
            "repository": "https://github.com/dvhcvn/20250701",
            "path": "mapping/merges.json",
            "commit": "dd94887ce32324380bc5bb0a76fe39867dafc73b",
            "sha256": hashlib.sha256(source).hexdigest(),
            "licence": "MIT, Copyright (c) 2025 dvhcvn (see LICENSE beside this file)",
            "derived_by": "tools/units_data.py",
        },
        "provinces": provinces,
    }


def main() -> None:
    source = Path(sys.argv[1]).read_bytes()
    text = json.dumps(derive(source), ensure_ascii=False, separators=(",", ":"))
    TARGET.write_text(text.replace('{"code"', '\n{"code"') + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
