"""Search: the index written by portalgen/search.py and the browser script that reads it.

Browser tests run real queries in headless Chromium against the built demo portal.
"""

from __future__ import annotations

import json
import re
import time
from urllib.parse import urlencode

import pytest

from portalgen.search import (
    MAX_POSTINGS,
    SearchRecord,
    UnitEntry,
    build_index,
    fold,
    numbers,
    term_hash,
    toned_words,
    words,
)

from htmlcheck import have_chromium, require, serve

# --- the Python side --------------------------------------------------------------------------

def test_folding_removes_tones_and_d_stroke():
    assert fold("Thủ tục ĐĂNG KÝ khai sinh, đường") == "thu tuc dang ky khai sinh, duong"
    assert words("Quyết định số 15/2026") == ["quyet", "dinh", "so", "15", "2026"]
    assert toned_words("Thủ tục hành chính online") == ["thủ", "tục", "hành", "chính"]


def test_document_numbers_are_whole_terms():
    assert numbers("theo Nghị định 42/2022/NĐ-CP và Quyết định 2315/QĐ-UBND.") == ["#42/2022/nd-cp", "#2315/qd-ubnd"]
    assert numbers("42/2022/ND-CP") == numbers("42/2022/NĐ-CP")


def test_term_hash_is_fnv1a():
    assert term_hash("") == 0x811C9DC5
    assert term_hash("a") == 0xE40C292C
    assert term_hash("=đường") == term_hash("=đường")


def _record(number: int, text: str, kind: str = "news") -> SearchRecord:
    return SearchRecord("u", f"tin-tuc/bai-{number}/", kind, f"Bài {number}", f"2026-01-{1 + number % 28:02d}",
                        text, text, facets={"y": "2026"} if kind == "document" else {})


def test_index_is_deterministic_sharded_and_cuts_very_common_words():
    records = [_record(n, f"tỉnh thông báo số {n} về đường giao thông" if n % 3 == 0 else f"tỉnh họp {n}")
               for n in range(3000)]
    units = [UnitEntry("u", "Tỉnh A")]
    first = build_index(records, units, "tim-kiem/", lambda r: r.path)
    again = build_index(list(reversed(records)), units, "tim-kiem/", lambda r: r.path)
    assert first == again
    meta = json.loads(first["meta.json"])
    assert meta["count"] == 3000 and meta["common"]["tinh"] == 3000 and meta["common"]["=tỉnh"] == 3000
    assert "duong" not in meta["common"]
    assert meta["termShards"] > 1
    shards = [json.loads(data) for name, data in first.items() if name.startswith("t/")]
    kept = next(shard["tinh"] for shard in shards if "tinh" in shard)
    assert len(kept) == 2 * MAX_POSTINGS
    assert sum(1 for name in first if name.startswith("d/")) == 3000 // meta["docsPerShard"]


# --- the browser side -------------------------------------------------------------------------

def _query(driver, base: str, page: str, **params) -> tuple[str, list[dict]]:
    driver.get(f"{base}{page}?{urlencode(params)}")
    status = ""
    for _ in range(100):
        status, shown = driver.execute_script(
            "return [document.querySelector('.pg-search__status').textContent,"
            " document.querySelectorAll('.pg-result').length]")
        if status and "Đang tìm" not in status and (shown or "Không tìm thấy" in status):
            break
        time.sleep(0.05)
    results = driver.execute_script("""
        return Array.from(document.querySelectorAll('.pg-result')).map(function (li) {
          return {title: li.querySelector('h2').textContent, href: li.querySelector('a').getAttribute('href'),
                  meta: li.querySelector('.pg-result__meta').textContent, text: li.textContent,
                  marks: Array.from(li.querySelectorAll('mark')).map(function (m) { return m.textContent; })};
        });""")
    return status, results


@pytest.fixture(scope="module")
def site(demo):
    require("chromium", have_chromium())
    with serve(demo) as base:
        yield base


PROVINCE = "ninh-binh/tim-kiem/"
#: "đường" with other tones, or without the stroke on its "đ".
OTHER_TONES = re.compile(r"\b(?:dưỡng|đương|dương|duong|đuong)\b")


def test_toneless_query_finds_toned_text(chrome, site):
    status, results = _query(chrome, site, PROVINCE, q="thu tuc cap giay khai sinh")
    assert results and results[0]["title"] == "Đăng ký khai sinh", (status, results[:3])
    assert "Thủ tục" in results[0]["meta"]
    assert "khai" in [m.lower() for m in results[0]["marks"]]


def test_toned_and_toneless_queries_find_the_same_items(chrome, site):
    toned_status, toned = _query(chrome, site, PROVINCE, q="nông thôn mới")
    plain_status, plain = _query(chrome, site, PROVINCE, q="nong thon moi")
    assert toned and toned_status == plain_status
    assert "nông thôn mới" in toned[0]["text"].lower()


def test_d_stroke_folds_and_exact_tones_rank_first(chrome, site):
    _, plain = _query(chrome, site, PROVINCE, q="duong")
    assert any("Đường" in r["title"] or "đường" in r["title"] for r in plain)
    assert any("dưỡng" in r["text"] for r in plain), "tone-insensitive: 'duong' also finds 'dưỡng'"
    _, toned = _query(chrome, site, PROVINCE, q="đường", **{"sap-xep": ""})
    # a result shows the exact word, or only other tones of it (an excerpt may show neither)
    shown = [("đường" in text) - (bool(OTHER_TONES.search(text)) and "đường" not in text)
             for text in (r["text"].lower() for r in toned)]
    ranked = [exact for exact in shown if exact]
    assert shown[0] == 1 and ranked == sorted(ranked, reverse=True), shown


@pytest.mark.parametrize("number", ["15/2026/QĐ-UBND", "15/2026/QD-UBND", "15/2026/qd-ubnd"])
def test_document_number_lookup(chrome, site, number):
    status, results = _query(chrome, site, PROVINCE, q=number)
    assert results and results[0]["title"] == "Quyết định 15/2026/QĐ-UBND", (status, results[:2])
    assert results[0]["href"] == "../van-ban/qd-15-2026/"


def test_a_word_found_only_inside_attachments_points_to_the_items_pages(chrome, site):
    # "BTTTT" is written only inside qd-15-2026.pdf and kh-245-2026.pdf (their legal bases).
    _, results = _query(chrome, site, PROVINCE, q="BTTTT")
    assert sorted(r["href"] for r in results) == ["../van-ban/kh-245-2026/", "../van-ban/qd-15-2026/"]


def test_filter_documents_by_type(chrome, site):
    status, results = _query(chrome, site, PROVINCE, q="", loai="document", **{"loc-t": "ke-hoach"})
    assert results and all(r["title"].startswith("Kế hoạch") for r in results), status
    _, everything = _query(chrome, site, PROVINCE, q="kế hoạch")
    assert len(everything) > len(results) or any(not r["title"].startswith("Kế hoạch") for r in everything)


def test_province_search_finds_a_communes_news(chrome, site):
    _, results = _query(chrome, site, PROVINCE, q="Giao Minh nuôi ngao bãi triều")
    assert "../giao-minh/tin-tuc/nuoi-ngao-vung-bai-trieu/" in [r["href"] for r in results[:2]], results[:2]
    assert all("Xã Giao Minh" in r["meta"] for r in results[:2])


def test_commune_search_covers_its_own_content_and_can_widen(chrome, site):
    _, results = _query(chrome, site, "ninh-binh/giao-minh/tim-kiem/", q="nuôi ngao")
    assert results and all("Xã Giao Minh" in r["meta"] for r in results)
    widen = chrome.execute_script("var a = document.querySelector('[data-widen]');"
                                  "return [a.getAttribute('href') + a.search, a.checkVisibility()];")
    assert widen[1] is True and "q=nu%C3%B4i%20ngao" in chrome.execute_script(
        "return document.querySelector('[data-widen]').href")


def test_sort_by_date_and_paging(chrome, site):
    _, by_date = _query(chrome, site, PROVINCE, q="xã", **{"sap-xep": "moi"})
    dates = [r["meta"].rsplit(" · ", 1)[-1] for r in by_date if r["meta"].count("/") == 2]
    as_iso = ["-".join(reversed(d.split("/"))) for d in dates]
    assert as_iso == sorted(as_iso, reverse=True)
    assert len(by_date) == 10
    chrome.find_element("css selector", ".pg-search__more").click()
    time.sleep(0.5)
    assert len(chrome.find_elements("css selector", ".pg-result")) == 20


def test_a_query_transfers_little(chrome, site):
    _query(chrome, site, PROVINCE, q="thu tuc khai sinh")
    sizes = chrome.execute_script("""
        return performance.getEntriesByType('resource').filter(function (e) { return e.name.indexOf('chi-muc') > 0; })
          .map(function (e) { return [e.name, e.transferSize || e.encodedBodySize]; });""")
    assert 2 <= len(sizes) <= 20  # meta, a shard per word and pair of words, result and passage blocks
    assert sum(size for _, size in sizes) < 300_000


def test_without_javascript_the_page_explains_how_to_browse(demo):
    html = (demo / PROVINCE / "index.html").read_text(encoding="utf-8")
    assert "Ô tìm kiếm cần trình duyệt bật JavaScript" in html and 'href="../van-ban/"' in html
