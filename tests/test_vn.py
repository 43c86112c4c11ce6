"""Vietnamese text and calendar helpers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portalgen import vn


@pytest.mark.parametrize("text, slug", [
    ("Hội nghị Tổng kết 2026", "hoi-nghi-tong-ket-2026"),
    ("Đường Trần Hưng Đạo", "duong-tran-hung-dao"),
    ("  --Ủy ban  nhân dân--  ", "uy-ban-nhan-dan"),
    ("Thành phố Hồ Chí Minh", "thanh-pho-ho-chi-minh"),
])
def test_slugify(text, slug):
    assert vn.slugify(text) == slug
    assert vn.is_slug(slug)


def test_fold_removes_tones_and_d_stroke():
    assert vn.fold("Quyết định ĐƯỜNG") == "quyet dinh duong"


@pytest.mark.parametrize("text, encoding", [
    ("Ch\u00ad¬ng tr×nh ph¸t triÓn kinh tÕ x· héi", "TCVN3"),
    ("Vieät Nam ñoäc laäp töï do haïnh phuùc", "VNI"),
    ("Uû ban nh©n d©n tØnh Nam §Þnh", "TCVN3"),
])
def test_legacy_encodings_are_detected(text, encoding):
    found = vn.detect_legacy_encoding("Dòng đầu bình thường.\n" + text)
    assert found is not None and found[0] == encoding and found[1] == 2


@pytest.mark.parametrize("text", [
    "Chương trình phát triển kinh tế – xã hội năm 2026 của tỉnh Nam Định.",
    "Café Paris, naïve résumé, © 2026 «trích dẫn» 30°C ± 2",
    "Giá gói thầu: 2.450.000.000 đồng; diện tích 1.668 km².",
])
def test_unicode_vietnamese_is_not_flagged(text):
    assert vn.detect_legacy_encoding(text) is None


def test_iso_weeks():
    assert vn.parse_week("2026-W48") == (dt.date(2026, 11, 23), dt.date(2026, 11, 29))
    assert vn.parse_week("2026-W53") == (dt.date(2026, 12, 28), dt.date(2027, 1, 3))
    assert vn.parse_week("2025-W53") is None
    assert vn.parse_week("2026-W60") is None
    assert vn.parse_week("2026-48") is None
    assert vn.week_of(dt.date(2026, 11, 27)) == "2026-W48"
    assert vn.week_of(dt.date(2027, 1, 1)) == "2026-W53"


def test_working_days_skip_weekends_and_holidays():
    friday = dt.date(2026, 11, 27)
    assert vn.add_working_days(friday, 1) == dt.date(2026, 11, 30)
    assert vn.add_working_days(friday, 2, {dt.date(2026, 11, 30)}) == dt.date(2026, 12, 2)
    assert vn.add_working_days(friday, 0) == friday


def test_suggest_matches_without_tones():
    assert vn.suggest("tittle", ["title", "date"]) == "title"
    assert vn.suggest("Quyet dinh", ["Nghị định", "Quyết định"]) == "Quyết định"
    assert vn.suggest("xyz", ["title"]) == ""


def test_format_size_uses_decimal_comma():
    assert vn.format_size(1_258_291) == "1,2 MB"
    assert vn.format_size(350 * 1024) == "350 KB"
    assert vn.format_size(12) == "12 B"


def _odd_letters_plain(line: str) -> list[str]:
    return [c for c in line if "\u00a0" < c <= "\u00ff" and c not in vn._VIETNAMESE_LATIN1 and c not in "«»°±·×÷©®"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x1EF9), max_size=80))
def test_the_legacy_encoding_pattern_finds_exactly_the_odd_letters(line):
    assert vn._ODD.findall(line) == _odd_letters_plain(line)


@pytest.mark.parametrize("name", ["xa-b\n", "xa-b\r", "\nxa-b", "xa b", "xa-b/", "Xa-b", "xa--b", "-xa"])
def test_a_slug_is_the_whole_name(name):
    assert not vn.is_slug(name)
