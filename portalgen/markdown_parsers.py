"""The two Markdown parsers, and the choice of one for each body.

markdown-it-pyrs (the Rust port of markdown-it) is about twelve times faster than markdown-it-py
and parses almost every body.  Version 0.4 has three faults hostile or careless text can reach: a
``[`` with a backtick that is never closed panics it (``CodePairScanner``), repeated ``[^`` takes
it exponential time (its footnote rule: 40 of them, over a minute), and tens of thousands of
container markers on one line (``>>>…``, ``1. 1. …``) overflow its stack and kill the process.  A
linear look at the body finds what could lead to each of them (:func:`fast_parser_safe`: a ``[``
and a backtick that is not escaped, ``[^``, deep markers); such a
body is parsed by markdown-it-py with the same extensions, whose nesting is bounded
(``maxNesting``: deeper markers stay text).  A panic the look did not foresee is caught and the
body parsed by markdown-it-py as well; a body neither parser can read raises
:class:`MarkdownUnreadable`.  Either way the callers get the same facts: the HTML, and the links,
images and raw HTML of the body with their lines.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Any, Iterator

import markdown_it_pyrs
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

#: Container markers (``>``, ``-``, ``1.``) opening one line beyond this depth send the body to
#: markdown-it-py, which stops nesting at 20.
MAX_FAST_DEPTH = 16
_DEEP_LINE = re.compile(r"^(?:[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))){%d}" % (MAX_FAST_DEPTH + 1),
                        re.MULTILINE)


_ESCAPED = re.compile(r"\\[!-/:-@\[-`{-~]")


class MarkdownUnreadable(Exception):
    """Neither parser could read a body."""


@dataclass(frozen=True)
class Node:
    """A link, image or piece of raw HTML of a body: ``name`` is ``link``, ``image``,
    ``html_inline`` or ``html_block``; ``line`` is 1-based within the body; ``url`` the
    normalised target; ``alt`` an image's description as CommonMark writes it; ``content`` the
    raw HTML."""

    name: str
    line: int
    url: str = ""
    alt: str = ""
    content: str = ""


@functools.cache
def _fast() -> markdown_it_pyrs.MarkdownIt:
    # Bare links are made by markup's own pass (markdown-it-pyrs's linkify differs from linkify-it).
    return markdown_it_pyrs.MarkdownIt("commonmark").enable_many(["table", "strikethrough", "footnote", "tasklist"])


@functools.cache
def _safe() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(footnote_plugin).use(tasklists_plugin)


def fast_parser_safe(body: str) -> bool:
    """Whether ``body`` shows none of the signs that lead markdown-it-pyrs 0.4 to panic, hang or
    overflow its stack (see the module's docstring); one linear pass."""
    if "[^" in body or _unclosed_backtick(body):
        return False
    return _DEEP_LINE.search(body) is None


def _unclosed_backtick(body: str) -> bool:
    """Whether a body with a ``[`` has a backtick that is not escaped (the panic needs one that
    nothing closes; where a code span ends depends on the whole block structure, so any counts)."""
    return "`" in body and "[" in body and "`" in _ESCAPED.sub("", body)


def render(body: str) -> str:
    """The HTML of ``body``, before markup's own passes (links, headings, sanitiser)."""
    if fast_parser_safe(body):
        try:
            html = _fast().render(body)
        except BaseException as failure:  # a Rust panic is a BaseException; nothing else is caught
            if not _is_panic(failure):
                raise
        else:
            return _with_full_alt_texts(body, html) if "![" in body and ("\\" in body or "&" in body) else html
    try:
        return _safe().render(body)
    except Exception as failure:  # whatever stops the parser on one body is that body's problem
        raise MarkdownUnreadable(str(failure)) from failure


def nodes(body: str) -> list[Node]:
    """The links, images and raw HTML of ``body`` in document order, with their lines."""
    if fast_parser_safe(body):
        try:
            return list(_fast_nodes(body))
        except BaseException as failure:
            if not _is_panic(failure):
                raise
    try:
        return list(_safe_nodes(body))
    except Exception as failure:  # whatever stops the parser on one body is that body's problem
        raise MarkdownUnreadable(str(failure)) from failure


def _is_panic(failure: BaseException) -> bool:
    return type(failure).__name__ == "PanicException"


def _fast_nodes(body: str) -> Iterator[Node]:
    newlines: list[int] | None = None  # byte offsets of the line ends, found once when first needed
    for node in _fast().tree(body).walk():
        name = node.name
        if name not in ("link", "image", "html_inline", "html_block"):
            continue
        if newlines is None:
            newlines = [found.start() for found in re.finditer(b"\n", body.encode("utf-8"))]
        line = bisect.bisect_left(newlines, node.srcmap[0]) + 1 if node.srcmap else 1
        if name == "link":
            yield Node(name, line, url=str(node.meta.get("url", "")))
        elif name == "image":
            yield Node(name, line, url=str(node.meta.get("url", "")), alt=_fast_alt(node))
        else:
            yield Node(name, line, content=node.meta["content"])


def _safe_nodes(body: str) -> Iterator[Node]:
    line = 1
    for token in _safe().parse(body):
        line = token.map[0] + 1 if token.map else line
        if token.type == "html_block":
            yield Node("html_block", line, content=token.content)
        elif token.type == "inline":
            offset = 0
            for child in token.children or ():
                if child.type in ("softbreak", "hardbreak"):
                    offset += 1
                elif child.type == "link_open":
                    yield Node("link", line + offset, url=str(child.attrGet("href") or ""))
                elif child.type == "image":
                    yield Node("image", line + offset, url=str(child.attrGet("src") or ""),
                               alt=_safe_alt(child.children or ()))
                elif child.type == "html_inline":
                    yield Node("html_inline", line + offset, content=child.content)


def _safe_alt(children: Any) -> str:
    return "".join(child.content if child.type in ("text", "text_special", "code_inline")
                   else _safe_alt(child.children or ()) for child in children)


def _fast_alt(image: Any, escapes: bool = True) -> str:
    """The text of an image node's description; markdown-it-pyrs leaves out backslash escapes and
    entities (``text_special``), CommonMark keeps them."""
    names = ("text", "text_special") if escapes else ("text",)
    return "".join(node.meta.get("content", "") for node in image.walk() if node.name in names)


def _with_full_alt_texts(body: str, html: str) -> str:
    """``html`` with the ``alt`` of each Markdown image written as CommonMark says (see
    :func:`_fast_alt`); the images are found in document order."""
    position = 0
    for node in _fast().tree(body).walk():
        if node.name != "image":
            continue
        short, full = _escape(_fast_alt(node, escapes=False)), _escape(_fast_alt(node))
        found = html.find(f' alt="{short}"', position)
        if found < 0:
            continue
        if short != full:
            html = f'{html[:found]} alt="{full}"{html[found + len(short) + 7:]}'
        position = found + len(full) + 7
    return html


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
