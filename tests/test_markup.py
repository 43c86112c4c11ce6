"""Markdown rendering: the shortcuts taken for speed give exactly what the libraries give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from portalgen import markup
from portalgen.markup import Reference, render_markdown

# Texts made of what bare links are made of, in Vietnamese prose.
pieces = st.sampled_from(["a", "vn", "gov", "www", "http", "https", "mailto", "ftp", "đà", "nẵng", "1", "x_y",
                          ".", ":", "@", "/", "//", " ", "-", "_", "(", ")", "<", ">", "*", "\n", "。", "．", "：",
                          "＠", "ẞ", "ü", "ｗｗｗ", "com", "org", "localhost", "127.0.0.1", "#",
                          "//localhost", "a@b.vn", "mailto:a@b", "http://x", "www.a.vn", "a.vn", "xn--p1ai.vn",
                          "ftp://a", "//a.b", "tel:0123", "(http://a.vn/x)"])
texts = st.lists(pieces, max_size=40).map("".join)


def _without_shortcut() -> MarkdownIt:
    parser = markup._parser.__wrapped__()
    del parser.linkify.pretest  # back to linkify-it's own method
    return parser


@settings(max_examples=500, deadline=None)
@given(texts)
def test_bare_links_render_exactly_as_without_the_quick_pretest(text):
    assert markup._parser().render(text) == _without_shortcut().render(text)


def test_references_come_from_the_same_parse_with_their_lines():
    body = "Mở đầu\n\n![Ảnh](anh.jpg) và [tệp](bao-cao.pdf)\n\nXem[^1] tại www.nam-dinh.gov.vn\n\n[^1]: Phụ lục [tại đây](phu-luc.docx)\n"
    assert render_markdown(body).references == (
        Reference(3, True, "anh.jpg", "Ảnh"), Reference(3, False, "bao-cao.pdf", None),
        Reference(5, False, "http://www.nam-dinh.gov.vn", None), Reference(7, False, "phu-luc.docx", None))
