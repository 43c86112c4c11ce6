"""HTML as a small tree (what mammoth writes, and any HTML fragment): parsed leniently, as browsers
close implied elements; scripts, styles and embedded objects are dropped."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from typing import TypeGuard


class Node:
    """An element: its tag, attributes and children (elements and text)."""

    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag: str, attrs: dict[str, str] | None = None) -> None:
        self.tag = tag
        self.attrs = attrs or {}
        self.children: list[Node | str] = []


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SKIP = {"script", "style", "template", "head", "title", "noscript", "iframe", "object", "svg", "math", "select",
         "textarea", "button"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = HEADINGS | {"p", "div", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
                     "caption", "blockquote", "pre", "hr", "section", "article", "header", "footer", "main",
                     "aside", "nav", "figure", "figcaption", "dl", "dt", "dd", "address", "details", "summary",
                     "form", "fieldset", "center", "body", "html"}
# Opening one of these closes an open element of the listed kinds, up to the given boundary.
_IMPLIED_END = {"p": ({"p"}, set()), "li": ({"li"}, {"ul", "ol"}), "dt": ({"dt", "dd"}, {"dl"}),
                "dd": ({"dt", "dd"}, {"dl"}), "tr": ({"tr", "td", "th"}, {"table", "thead", "tbody", "tfoot"}),
                "td": ({"td", "th"}, {"tr", "table"}), "th": ({"td", "th"}, {"tr", "table"}),
                "thead": ({"thead", "tbody", "tfoot", "tr", "td", "th"}, {"table"}),
                "tbody": ({"thead", "tbody", "tfoot", "tr", "td", "th"}, {"table"}),
                "tfoot": ({"thead", "tbody", "tfoot", "tr", "td", "th"}, {"table"})}
_CLOSES_P = BLOCKS - {"li", "td", "th", "tr", "thead", "tbody", "tfoot", "dt", "dd", "caption", "summary"}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            if tag in _SKIP:
                self.skipping += 1
            return
        if tag in _SKIP:
            self.skipping = 1
            return
        if tag in _CLOSES_P:
            self._close_open({"p"}, set(BLOCKS) - {"p"} - _CLOSES_P)
        if tag in _IMPLIED_END:
            closes, boundary = _IMPLIED_END[tag]
            self._close_open(closes, boundary)
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping or tag in _SKIP:
            return
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def _close_open(self, closes: set[str], boundary: set[str]) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[index].tag
            if tag in boundary:
                return
            if tag in closes:
                del self.stack[index:]
                return

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag in _SKIP:
                self.skipping -= 1
            return
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        children = self.stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)


def parse_html(html: str) -> Node:
    """The tree of an HTML fragment, under a ``#root`` node."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def is_tag(node: Node | str, tags: set[str]) -> TypeGuard[Node]:
    """Whether ``node`` is an element with one of ``tags``."""
    return isinstance(node, Node) and node.tag in tags


def walk(node: Node) -> Iterator[Node]:
    """Every element below ``node``, in document order."""
    for child in node.children:
        if isinstance(child, Node):
            yield child
            yield from walk(child)


def text(node: Node | str) -> str:
    """The text of a node as written (a line break counts as a space)."""
    if isinstance(node, str):
        return node
    if node.tag == "br":
        return " "
    return "".join(text(child) for child in node.children)


def plain(node: Node | str) -> str:
    """Visible text, whitespace collapsed (for titles and summaries)."""
    return " ".join(text(node).split())
