"""Search quality: the judged queries of benchmarks/search_queries.yaml rank at least as well as
measured (docs/search.md), and the index's ranking rules hold on small examples."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from portalgen.search import SearchRecord, UnitEntry, build_index, passages, shared_once, term_hash

from conftest import DEMO
from htmlcheck import have_chromium, require, serve

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import search_quality  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
#: The figures measured on the demo portal (docs/search.md): a change may not rank worse.
MRR_FLOOR, P5_FLOOR = 0.99, 0.97


@pytest.fixture(scope="module")
def judged(chrome, demo):
    require("chromium", have_chromium())
    with serve(demo) as base:
        yield search_quality.run(chrome, base, search_quality.load(), search_quality.domains(DEMO))


def test_judged_queries_rank_no_worse_than_measured(judged):
    mrr, p5 = search_quality.figures(judged)
    missed = [(j.query.q, j.shown[:3]) for j in judged if j.reciprocal_rank < 1]
    assert mrr >= MRR_FLOOR and p5 >= P5_FLOOR, (mrr, p5, missed)


def _results(chrome, demo, q: str) -> list[dict]:
    with serve(demo) as base:
        search_quality.run(chrome, base, [search_quality.Query(q, "ninh-binh", ())], {})
        return chrome.execute_script("""
            return Array.from(document.querySelectorAll('.pg-result')).map(function (li) {
              return {title: li.querySelector('h2').textContent, meta: li.querySelector('.pg-result__meta').textContent,
                      excerpt: li.querySelector('p:last-child').textContent,
                      marks: Array.from(li.querySelectorAll('mark')).map(function (m) { return m.textContent; })};
            });""")


def test_a_catalog_procedure_is_one_result_naming_its_units(chrome, demo):
    results = _results(chrome, demo, "đăng ký khai sinh")
    same = [r for r in results if r["title"] == "Đăng ký khai sinh"]
    assert len(same) == 1 and results[0] is same[0], [r["title"] for r in results]
    assert "Xã Giao Minh, Xã Hải Hậu, Phường Hoa Lư và 2 đơn vị khác" in same[0]["meta"], same[0]["meta"]


@pytest.mark.parametrize("q, name", [("Giao Minh", "Xã Giao Minh"), ("phuong my loc", "Phường Mỹ Lộc"),
                                     ("hai hau", "Xã Hải Hậu")])
def test_a_commune_is_found_first_by_its_name(chrome, demo, q, name):
    results = _results(chrome, demo, q)
    assert results and results[0]["title"] == name, [r["title"] for r in results]


def test_an_answer_to_a_citizens_question_is_found(chrome, demo):
    results = _results(chrome, demo, "homestay")
    assert results and all("homestay" in " ".join(r["marks"]).lower() for r in results[:2]), results


def test_a_hit_inside_an_attachment_shows_its_passage_marked(chrome, demo):
    # "LGSP" (the province's integration platform) is written only inside the plan kh-245-2026 (PDF and Word)
    results = _results(chrome, demo, "LGSP")
    assert results and all("LGSP" in r["marks"] for r in results), results


def test_marks_hold_words_only(chrome, demo):
    marks = [m for q in ("thu hoạch lúa mùa, vụ đông", "Giao Minh") for r in _results(chrome, demo, q)
             for m in r["marks"]]
    assert marks and all(re.fullmatch(r"\w+", m) for m in marks), marks


# --- the index's rules, on small examples -----------------------------------------------------

def _record(unit: str, path: str, title: str, text: str = "", files: str = "", **more) -> SearchRecord:
    return SearchRecord(unit, path, more.pop("kind", "news"), title, "2026-01-01", "", text, files=files, **more)


def _scores(records: list[SearchRecord], term: str) -> dict[str, int]:
    """Page path → the term's score, from the built index."""
    units = sorted({UnitEntry(r.unit, r.unit) for r in records}, key=lambda u: u.path)
    files = build_index(records, units, "tim-kiem/", lambda r: r.path)
    meta = json.loads(files["meta.json"])
    flat = json.loads(files[f"t/{term_hash(term) % meta['termShards']}.json"]).get(term, [])
    rows = [row for name in sorted(f for f in files if f.startswith("d/")) for row in json.loads(files[name])]
    numbers = [sum(flat[0:i + 1:2]) for i in range(0, len(flat), 2)]
    return {rows[n][3]: score for n, score in zip(numbers, flat[1::2])}


def test_a_title_outweighs_a_long_attachment_repeating_the_word():
    decree = " ".join(["Quy định chung về quản lý đất đai trên địa bàn xã Đông Ngũ."] * 40 + ["lorem ipsum"] * 2000)
    scores = _scores([_record("u", "a/", "Đông Ngũ tổ chức lễ hội"),
                      _record("u", "b/", "Quyết định ban hành quy định", files=decree)], "ngu")
    assert scores["a/"] > scores["b/"], scores


def test_neighbouring_words_are_a_term_outside_attachments():
    scores = _scores([_record("u", "a/", "Đăng ký khai sinh"), _record("u", "b/", "Sinh hoạt", files="khai sinh")],
                     "khai sinh")
    assert set(scores) == {"a/"}


def test_a_shared_catalog_item_is_one_record_under_the_first_unit():
    copies = [_record(unit, "thu-tuc/x/", "Thủ tục X", kind="procedure", shared="catalog/procedures/commune/x.yaml")
              for unit in ("p/c", "p/a", "p/b")]
    merged = shared_once([*copies, _record("p/a", "tin/", "Tin")])
    assert [(r.unit, r.also) for r in merged] == [("p/a", ()), ("p/a", ("p/b", "p/c"))]


def test_passages_keep_sentences_with_new_words_only():
    record = _record("u", "a/", "Lễ hội Đền Trần", "Lễ hội Đền Trần. Khai mạc lúc 20 giờ. Lễ hội Đền Trần khai mạc.",
                     "Phụ lục: danh sách đơn vị tham gia.")
    assert passages(record) == ("Khai mạc lúc 20 giờ.", "Phụ lục:", "danh sách đơn vị tham gia.")


def test_passages_of_a_long_text_keep_names_acronyms_and_numbers_first():
    filler = " ".join(f"đoạn văn thứ {chr(97 + n % 26)}{n} nói về việc chung." for n in range(300))
    record = _record("u", "a/", "Quyết định", files=f"{filler}\nNơi nhận: Cục Kiểm tra VBQPPL - Bộ Tư pháp;")
    kept = passages(record)
    assert any("VBQPPL" in piece for piece in kept) and sum(map(len, kept)) <= 800
