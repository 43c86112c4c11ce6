"""Markdown rendering: markdown-it-pyrs with portalgen's own passes (bare links, heading ids, full
image descriptions) gives what markdown-it-py, the reference it ports, gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from portalgen import markdown_parsers, markup
from portalgen.markup import Reference, references, render_markdown, text_of

# Texts made of what bare links are made of, in Vietnamese prose.
pieces = st.sampled_from(["a", "vn", "gov", "www", "http", "https", "mailto", "ftp", "đà", "nẵng", "1", "x_y",
                          ".", ":", "@", "/", "//", " ", "-", "(", ")", "。", "．", "：",
                          "＠", "ẞ", "ü", "ｗｗｗ", "com", "org", "localhost", "127.0.0.1", "#",
                          "//localhost", "a@b.vn", "mailto:a@b", "http://x", "www.a.vn", "a.vn", "xn--p1ai.vn",
                          "ftp://a", "//a.b", "tel:0123", "(http://a.vn/x)", "&", "\"", "'", "?q=1", "%20", "MAILTO:",
                          "Mailto:a@b.vn", "\n"])
texts = st.lists(pieces, max_size=40).map("".join)


def _reference() -> MarkdownIt:
    return MarkdownIt("commonmark", {"linkify": True}).enable(["linkify"])


@settings(max_examples=1000, deadline=None)
@given(texts)
def test_bare_links_become_links_exactly_as_markdown_it_py_makes_them(text):
    assert markup._linkify(markdown_parsers.render(text)) == _reference().render(text)


def _may_hold_link_by_scanning(html: str) -> bool:
    """The definition: a match of the pattern whose nearest ``<`` or ``>`` before it is ``>`` (or none)."""
    return any(html.rfind("<", 0, m.start()) <= html.rfind(">", 0, m.start())
               for m in markup._MAY_HOLD_LINK.finditer(html))


html_pieces = st.sampled_from(["<p>", "</p>", "<a href=\"x.vn\">", "</a>", "<img alt=\"a.b\">", ">", "<", "a", "đ",
                               ".", ":", "@", "/", "//", " ", "1", "_", "vn", "\n", ".1", "._", ":đ"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(html_pieces, max_size=30).map("".join))
def test_the_bare_link_prefilter_looks_only_at_text_outside_tags(html):
    assert markup._text_may_hold_link(html) == _may_hold_link_by_scanning(html)


def test_links_inside_links_and_code_stay_text():
    html = render_markdown("[xem a.vn](https://b.vn) `c.vn` và d.vn\n\n    e.vn\n").html
    assert html == ('<p><a href="https://b.vn">xem a.vn</a> <code>c.vn</code> và <a href="http://d.vn">d.vn</a></p>\n'
                    '<pre><code>e.vn\n</code></pre>\n')


def test_headings_are_demoted_and_get_unique_ids():
    rendered = render_markdown("# Mở đầu\n\n## Mở *đầu*\n\n### Kết quả\n\n#### Sâu\n")
    assert rendered.html == ('<h2 id="muc-mo-dau">Mở đầu</h2>\n<h2 id="muc-mo-dau-1">Mở <em>đầu</em></h2>\n'
                             '<h3 id="muc-ket-qua">Kết quả</h3>\n<h4>Sâu</h4>\n')
    assert rendered.headings == (("muc-mo-dau", "Mở đầu"), ("muc-mo-dau-1", "Mở đầu"), ("muc-ket-qua", "Kết quả"))


def test_image_descriptions_keep_escapes_and_entities():
    html = render_markdown("![\\*Ảnh\\* &amp; sơ đồ](a.png) ![b](b.png) ![c &copy;](c.png)").html
    assert html == ('<p><img src="a.png" alt="*Ảnh* &amp; sơ đồ"> <img src="b.png" alt="b"> '
                    '<img src="c.png" alt="c ©"></p>\n')


def test_task_lists_become_characters_and_footnotes_stay():
    html = render_markdown("- [x] xong\n- [ ] chưa\n\nXem[^1]\n\n[^1]: Phụ lục\n").html
    assert "☑ xong" in html and "☐ chưa" in html and "<input" not in html
    assert '<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>' in html
    assert '<li id="fn1" class="footnote-item">' in html


def test_references_with_their_lines():
    body = ("Mở đầu\n\n![Ảnh](anh.jpg) và\n[tệp](bao-cao.pdf)\n\nXem[^1] tại www.nam-dinh.gov.vn\n\n"
            "| a | b |\n|---|---|\n| [c](c.pdf) | <img src=\"d.png\" alt=\"Đ\"> |\n\n"
            "[^1]: Phụ lục [tại đây](phu-luc.docx)\n")
    assert references(body) == (
        Reference(3, True, "anh.jpg", "Ảnh"), Reference(4, False, "bao-cao.pdf", None),
        Reference(10, False, "c.pdf", None), Reference(10, True, "d.png", "Đ"),
        Reference(12, False, "phu-luc.docx", None))
    assert references("Không có liên kết nào, chỉ có a.vn.") == ()


def test_raw_html_is_sanitised_and_its_text_is_not_searched():
    body = "Chào <script>alert(1)</script><b onclick=\"x()\">đậm</b>"
    assert render_markdown(body).html == "<p>Chào <b>đậm</b></p>\n"
    assert text_of(body) == "Chào đậm"
