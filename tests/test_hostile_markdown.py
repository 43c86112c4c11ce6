"""Markdown bodies a careless paste or a hostile editor can write: no parser panic, crash, hang or
quadratic pass; a body no parser can read is a problem naming its file."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portalgen import markdown_parsers, markup, search

from conftest import run
from portal_builder import NEWS, portal_2025, write

NOW = "2026-11-27"
ARTICLE = "tinh-a/news/2026/hoi-nghi.md"

#: Every construct of the Markdown the portal reads, the characters that start and end them, and text.
constructs = st.sampled_from([
    "[", "]", "(", ")", "`", "``", "```", "~~~", "!", "![", "[^", "[^1]", "[^1]: ", "*", "**", "_", "~~", "> ",
    ">", "- ", "* ", "+ ", "1. ", "2) ", "- [ ] ", "- [x] ", "#", "## ", "| ", " | ", "|---|", "\\", "&amp;",
    "&#", "<", ">", "<b>", "</b>", "<h2>", "</h2>", "<img src=a.png alt=x>", "<!--", "-->", "\n", "\n\n", "    ",
    "\t", " ", "x", "Hà Nội", "a.vn", "https://", "www.", "@", ":", "/", "-", "=", "---",
])
bodies = st.lists(constructs, max_size=60).map("".join)


@settings(max_examples=800, deadline=None)
@given(bodies)
def test_no_body_breaks_rendering_or_its_references(body):
    """Found on markdown-it-pyrs 0.4 alone within the first examples: ``[`` then an unclosed
    backtick panics it (a ``PanicException``, which no ``except Exception`` catches)."""
    rendered = markup.render_markdown(body)
    assert "<script" not in rendered.html
    markup.references(body)
    markup.text_of(body)
    markup.raw_html(body)


@pytest.mark.parametrize("body", ["[`", "a [x `b", "[ `` x", "[\n`"])
def test_a_bracket_and_an_unclosed_backtick_are_rendered(body):
    assert not markdown_parsers.fast_parser_safe(body)
    assert "`" in markup.render_markdown(body).html


def test_escaped_backticks_keep_the_fast_parser():
    """The importer escapes every backtick it writes: such a body reads as markdown-it-pyrs reads it."""
    assert markdown_parsers.fast_parser_safe("\\`[x**©**](https://a.vn/x)")
    assert not markdown_parsers.fast_parser_safe("\\\\`[x](https://a.vn/x)")  # an escaped backslash, then a backtick


#: Each of these killed or hung markdown-it-pyrs 0.4 (a stack overflow, or exponential time in its
#: footnote rule: 40 × ``[^`` took over a minute and every ten more multiply it).
DEADLY = {
    "nested quotes": ">" * 100_000 + " x",
    "nested lists": "1. " * 30_000 + "x",
    "nested bullets": "- " * 60_000 + "x",
    "footnote openers": "[^" * 60,
}

def _in_a_process(bodies: list[str], timeout: float) -> subprocess.CompletedProcess:
    """Render ``bodies`` in a fresh process: a crash of the parser kills that process, not the tests."""
    script = ("import json, sys\nfrom portalgen import markup\n"
              "for body in json.load(sys.stdin):\n"
              "    markup.render_markdown(body); markup.references(body); markup.text_of(body)\n"
              "print('done')\n")
    return subprocess.run([sys.executable, "-c", script], input=json.dumps(bodies), capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.parametrize("name", sorted(DEADLY))
def test_deep_nesting_and_footnote_openers_neither_crash_nor_hang(name):
    body = DEADLY[name]
    assert not markdown_parsers.fast_parser_safe(body)
    done = _in_a_process([body], timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "done", done.stderr[-2000:]
    assert "panicked" not in done.stderr


def test_nesting_within_the_limit_keeps_the_fast_parser():
    body = "> " * markdown_parsers.MAX_FAST_DEPTH + "x\n\n" + "  " * 40 + "- x"
    assert markdown_parsers.fast_parser_safe(body)
    assert markup.render_markdown(body).html.count("<blockquote>") == markdown_parsers.MAX_FAST_DEPTH


#: Bodies that took minutes to hours in the passes after parsing (quadratic expressions and
#: searches, a line count per link); each is a few seconds now.  The limit only tells a hang from
#: linear work on a busy machine: the speed itself is measured in benchmarks/.
QUADRATIC = {
    "headings never closed": "<h2>x" * 100_000,
    "schemes without links": "x:// " * 100_000,
    "schemes without spaces": "x://" * 100_000,
    "many links": "[a](b) " * 60_000,
    "many equal headings": "## x\n\n" * 20_000,
}


def test_bodies_quadratic_in_the_old_passes_are_linear():
    done = _in_a_process(list(QUADRATIC.values()), timeout=240)
    assert done.returncode == 0 and done.stdout.strip() == "done", done.stderr[-2000:]


def test_long_document_number_words_are_skipped_quickly_and_short_ones_found():
    assert search.numbers("1" * 60_000 + "/" + "1." * 60_000) == []
    assert search.numbers("Nghị định 42/2022/NĐ-CP, (15/2024/TT-BTC).") == ["#42/2022/nd-cp", "#15/2024/tt-btc"]


_OLD_NUMBER = re.compile(r"\b\d+[A-Za-z0-9]*(?:[/\-.][0-9A-Za-zÀ-ỹĐđ]+)*/[0-9A-Za-zÀ-ỹĐđ][0-9A-Za-zÀ-ỹĐđ/\-.]*")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["1", "42", "2022", "/", "-", ".", "NĐ", "CP", "a", "Đ", " ", "(", ")", ",", "x1"]),
                max_size=30).map("".join))
def test_document_numbers_are_what_the_old_expression_found(text):
    assert search.numbers(text) == ["#" + search.fold(n).rstrip(".-/") for n in _OLD_NUMBER.findall(text)]


_OLD_HEADING = re.compile(r"<h([1-3])>(.*?)</h\1>", re.DOTALL)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["<h1>", "<h2>", "<h3>", "</h1>", "</h2>", "</h3>", "<h4>", "x", "Lễ", " ", "<b>",
                                 "\n"]), max_size=30).map("".join))
def test_headings_are_found_as_the_old_expression_found_them(html):
    old = [(m.start(), m.end(), int(m.group(1)), m.group(2)) for m in _OLD_HEADING.finditer(html)]
    assert list(markup._heading_spans(html)) == old


def test_equal_headings_are_numbered_in_order():
    html, headings = markup._anchored("<h2>Kết quả</h2><h2>Kết quả</h2><h3>Kết quả 1</h3><h2>Kết quả</h2>")
    assert [slug for slug, _text in headings] == ["muc-ket-qua", "muc-ket-qua-1", "muc-ket-qua-1-1",
                                                  "muc-ket-qua-2"]


def test_a_scheme_longer_than_any_known_is_no_link_and_a_long_address_is_linked_whole():
    assert "<a " not in markup.render_markdown("a" * 40 + "http://dichvucong.gov.vn").html
    address = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma=" + "1" * 9000
    html = markup.render_markdown(f"Xem {address} nhé").html
    assert f'href="{address}"' in html


def test_a_long_title_is_a_problem_not_a_slow_index(tmp_path: Path):
    portal = portal_2025(tmp_path / "portal")
    write(portal, ARTICLE, NEWS.replace("title: ", "title: " + "1" * 60_000 + " ", 1))
    result = run("check", str(portal), "--now", NOW, "--format", "json")
    problems = json.loads(result.output)["problems"]
    assert any(p["code"] == "FIELD_TOO_LONG" and p["file"] == ARTICLE and p["field"] == "title" for p in problems)


def test_a_body_no_parser_reads_is_a_problem_naming_the_file(tmp_path: Path, monkeypatch):
    portal = portal_2025(tmp_path / "portal")
    write(portal, ARTICLE, NEWS + "\nNội dung [`có dấu` lạ\n")

    def unreadable(body: str):
        raise markdown_parsers.MarkdownUnreadable("depth")

    monkeypatch.setattr(markdown_parsers, "nodes", unreadable)
    result = run("check", str(portal), "--now", NOW, "--format", "json")
    problems = json.loads(result.output)["problems"]
    found = [p for p in problems if p["code"] == "MARKDOWN_UNREADABLE"]
    body_line = NEWS[:NEWS.index("Sáng 25/11")].count("\n") + 1
    assert [(p["file"], p["line"]) for p in found] == [(ARTICLE, body_line)]
    assert result.exit_code == 1


def test_check_and_build_of_a_panicking_body_print_no_traceback(tmp_path: Path):
    portal = portal_2025(tmp_path / "portal")
    write(portal, ARTICLE, NEWS + "\nXem [mục `2 của quyết định\n\n" + "> " * 40 + "trích dẫn\n")
    for command in (["check", str(portal)], ["build", str(portal), "-o", str(tmp_path / "out")]):
        done = subprocess.run([str(Path(sys.executable).parent / "portalgen"), *command, "--now", NOW],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        assert "Traceback" not in done.stderr and "panicked" not in done.stderr
    page = (tmp_path / "out" / "tinh-a" / "tin-tuc" / "hoi-nghi" / "index.html").read_text(encoding="utf-8")
    assert "mục `2 của quyết định" in page
