"""HTML → Markdown: CommonMark plus GitHub tables, strikethrough and footnotes, escaped so that the
text renders as written; what cannot be kept faithfully becomes a note."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .htmltree import BLOCKS, HEADINGS, Node, is_tag, parse_html, walk
from .htmltree import text as node_text
from .notes import Note, note

_SPACE = re.compile(r"[ \t\n\r\f]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ESCAPED = re.compile(r"[\\`*_\[\]<|~]")
_ENTITY_LIKE = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def escape_text(text: str) -> str:
    """Plain text made safe inside a Markdown paragraph: every character that could start inline
    syntax is backslash-escaped (line starts are handled by :func:`_escape_line_start`)."""
    return _ENTITY_LIKE.sub(r"\\&", _ESCAPED.sub(r"\\\g<0>", text))


def _escape_line_start(line: str) -> str:
    """Escape what would make a line a heading, list item, quote, rule or setext underline."""
    if re.match(r"#{1,6}(?:[ \t]|$)", line) or re.match(r"[-+*>](?:[ \t]|$)", line) \
            or re.match(r"(?:=+|-+)[ \t]*$", line) or line.startswith(">"):
        return "\\" + line
    match = re.match(r"(\d{1,9})([.)])(?=[ \t]|$)", line)
    if match:
        return match[1] + "\\" + line[len(match[1]):]
    return line


def _is_ws(char: str) -> bool:
    return char == "" or char in "\t\n\v\f\r" or unicodedata.category(char) == "Zs"


def _is_punct(char: str) -> bool:
    """Punctuation as markdown-it-pyrs knows it (CommonMark 0.30: ASCII punctuation and Unicode's
    P categories; symbols such as © are not)."""
    return char != "" and (char.isascii() and not char.isalnum() and not char.isspace() and char.isprintable()
                           or unicodedata.category(char)[0] == "P")


def _delimiters_work(marker: str, inner: str, before: str, after: str) -> bool:
    """Whether ``marker inner marker`` placed between ``before`` and ``after`` parses as one span
    (CommonMark's flanking rules, as markdown-it-pyrs applies them)."""
    c = marker[0]
    if not inner or c in (before, after, inner[0], inner[-1]):
        return False
    first, last = inner[0], inner[-1]
    opens_left = not _is_ws(first) and (not _is_punct(first) or _is_ws(before) or _is_punct(before))
    opens_right = not _is_ws(before) and (not _is_punct(before) or _is_ws(first) or _is_punct(first))
    closes_right = not _is_ws(last) and (not _is_punct(last) or _is_ws(after) or _is_punct(after))
    closes_left = not _is_ws(after) and (not _is_punct(after) or _is_ws(last) or _is_punct(last))
    if c == "_":
        return opens_left and (not opens_right or _is_punct(before)) and \
            closes_right and (not closes_left or _is_punct(after))
    return opens_left and closes_right


@dataclass
class _Span:
    """Emphasis waiting for its neighbours, which decide whether ``**``/``_``/``~~`` can work."""

    tag: str
    markers: tuple[str, ...]
    inner: str

    def draft(self) -> str:
        """The span with its first markers, to tell its neighbours what will stand next to them."""
        return self.markers[0] + self.inner + self.markers[0]


_SPANS = {"strong": ("strong", ("**", "__")), "b": ("strong", ("**", "__")), "em": ("em", ("*", "_")),
          "i": ("em", ("*", "_")), "cite": ("em", ("*", "_")), "dfn": ("em", ("*", "_")), "var": ("em", ("*", "_")),
          "s": ("del", ("~~",)), "strike": ("del", ("~~",)), "del": ("del", ("~~",))}


def _join(pieces: list[str | _Span]) -> str:
    out = ""
    for index, piece in enumerate(pieces):
        if isinstance(piece, str):
            if piece.startswith("[") and out.endswith("!"):
                out = out[:-1] + "\\!"  # "!" before a link would make it an image
            out += piece
            continue
        after = next((p if isinstance(p, str) else p.draft() for p in pieces[index + 1:]
                      if (p if isinstance(p, str) else p.draft())), "")[:1]
        before = out[-1:]
        for marker in piece.markers:
            if _delimiters_work(marker, piece.inner, before, after):
                out += marker + piece.inner + marker
                break
        else:
            out += f"<{piece.tag}>{piece.inner}</{piece.tag}>"
    return out


class Converter:
    """Markdown from a parsed HTML tree: CommonMark plus GitHub tables, strikethrough and footnotes."""

    def __init__(self) -> None:
        self.notes: list[Note] = []
        self.footnotes: dict[str, str] = {}   # li id → label
        self.footnote_lists: set[int] = set()
        self.tables = 0
        self.cell_depth = 0
        self.active: list[str] = []  # emphasis being rendered, innermost last
        self.in_link = False

    def note(self, code: str, **args: Any) -> None:
        """Record the note ``code`` (see :mod:`.notes`)."""
        self.notes.append(note(code, **args))

    # -- the document -----------------------------------------------------------------------------------
    def document(self, root: Node) -> str:
        """The Markdown of a whole parsed document, ending with a newline unless empty."""
        self._find_footnotes(root)
        blocks = self.blocks(root.children)
        if self.footnotes:
            self.note("FOOTNOTES", count=len(self.footnotes))
        return "\n\n".join(blocks) + "\n" if blocks else ""

    def _find_footnotes(self, root: Node) -> None:
        """mammoth's notes: ``<ol><li id="footnote-1">…`` referenced by ``<a href="#footnote-1">``."""
        for node in walk(root):
            if node.tag != "ol":
                continue
            items = [c for c in node.children if isinstance(c, Node)]
            ids = [c.attrs.get("id", "") for c in items]
            if items and all(c.tag == "li" for c in items) and \
                    all(re.fullmatch(r"(?:footnote|endnote)-[\w-]+", i) for i in ids):
                self.footnote_lists.add(id(node))
                for item_id in ids:
                    kind, _, number = item_id.partition("-")
                    self.footnotes[item_id] = number if kind == "footnote" else f"e{number}"

    # -- blocks -----------------------------------------------------------------------------------------
    def blocks(self, nodes: list[Node | str]) -> list[str]:
        """Markdown blocks of a run of nodes; loose inline content becomes paragraphs."""
        out: list[str] = []
        inline: list[Node | str] = []
        last_list: tuple[str, str] | None = None  # (tag, marker) of the block just written, if a list

        def flush() -> None:
            nonlocal last_list
            if inline:
                text = self.paragraph(inline)
                inline.clear()
                if text:
                    out.append(text)
                    last_list = None

        for node in nodes:
            if not isinstance(node, Node) or node.tag not in BLOCKS:
                inline.append(node)
                continue
            flush()
            if node.tag in ("ul", "ol") and id(node) not in self.footnote_lists:
                plain = "-" if node.tag == "ul" else "."
                other = "*" if node.tag == "ul" else ")"
                marker = other if last_list == (node.tag, plain) else plain
                text = self.list_block(node, marker)
                if text:
                    out.append(text)
                    last_list = (node.tag, marker)
                continue
            rendered = self.block(node)
            out.extend(rendered)
            if rendered:
                last_list = None
        flush()
        return out

    def block(self, node: Node) -> list[str]:
        """The Markdown blocks of one block element."""
        tag = node.tag
        if tag in HEADINGS:
            text = self.one_line(node.children)
            if not text:
                return []
            if re.search(r"(?:^|[ \t])#+$", text):  # would be read as a closing sequence
                text = text[:len(text.rstrip("#"))] + "\\" + text[len(text.rstrip("#")):]
            return [f"{'#' * int(tag[1])} {text}"]
        if tag == "ol" and id(node) in self.footnote_lists:
            return self.footnote_definitions(node)
        if tag == "table":
            return self.table(node)
        if tag == "blockquote":
            inner = "\n\n".join(self.blocks(node.children))
            if not inner:
                return []
            return ["\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))]
        if tag == "pre":
            code = node_text(node).strip("\n")
            if not code.strip():
                return []
            longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
            fence = "`" * max(3, longest + 1)
            return [f"{fence}\n{code}\n{fence}"]
        if tag == "hr":
            return ["---"]
        return self.blocks(node.children)

    def paragraph(self, nodes: list[Node | str]) -> str:
        """A paragraph: inline content with line breaks kept and line starts escaped."""
        text = self.inline(nodes)
        lines = [line.strip() for line in text.split("\n")]
        lines = [_escape_line_start(line) for line in lines if line]
        return "\\\n".join(lines)

    def one_line(self, nodes: list[Node | str]) -> str:
        """Inline content on one line (headings)."""
        return " ".join(self.inline(nodes).split())

    def list_block(self, node: Node, marker: str) -> str:
        """An ordered or unordered list, tight or loose, with its nested blocks indented."""
        ordered = node.tag == "ol"
        try:
            start = max(0, int(node.attrs.get("start", "1")))
        except ValueError:
            start = 1
        items: list[list[str]] = []
        loose = False
        for child in node.children:
            if isinstance(child, str):
                if child.strip():
                    items.append(self.blocks([child]))
                continue
            if child.tag == "li":
                blocks = self.blocks(child.children)
                items.append(blocks)
                if sum(1 for b in blocks if not _is_list_text(b)) > 1 or \
                        any(not _is_list_text(b) for b in blocks[1:]):
                    loose = True
            elif child.tag in ("ul", "ol") and items:
                items[-1].extend(self.blocks([child]))
            else:
                items.append(self.blocks([child]))
        lines_out = []
        for number, blocks in enumerate(items, start):
            bullet = f"{number}{marker}" if ordered else marker
            indent = " " * (len(bullet) + 1)
            body = ("\n\n" if loose else "\n").join(blocks)
            lines = body.split("\n")
            first = f"{bullet} {lines[0]}" if lines[0] else bullet
            lines_out.append("\n".join([first] + [indent + line if line else "" for line in lines[1:]]))
        return ("\n\n" if loose else "\n").join(lines_out)

    def footnote_definitions(self, node: Node) -> list[str]:
        """mammoth's list of notes as ``[^label]: …`` definitions."""
        out = []
        for item in node.children:
            if not isinstance(item, Node):
                continue
            label = self.footnotes.get(item.attrs.get("id", ""), "")
            body = "\n\n".join(self.blocks(item.children))
            lines = body.split("\n") if body else [""]
            out.append("\n".join([f"[^{label}]: {lines[0]}".rstrip()] +
                                 [("    " + line) if line else "" for line in lines[1:]]))
        return out

    def table(self, node: Node) -> list[str]:
        """A pipe table (first row as header, merged cells split), or lines of text inside a cell."""
        self.tables += 1
        number = self.tables
        rows = [row for row in _rows(node)]
        if self.cell_depth:
            self.note("TABLE_NESTED", number=number)
            lines = []
            for row in rows:
                texts = [self.cell(c) for c in row]
                line = "; ".join(t for t in texts if t)
                if line:
                    lines.append(line)
            return ["<br>".join(lines)] if lines else []
        grid: dict[tuple[int, int], str] = {}
        merged = False
        width = 0
        for r, row in enumerate(rows):
            col = 0
            for cell in row:
                while (r, col) in grid:
                    col += 1
                span = _span(cell.attrs.get("colspan"))
                down = _span(cell.attrs.get("rowspan"))
                if span > 1 or down > 1:
                    merged = True
                if down > 1:
                    down = min(down, len(rows) - r)
                for i in range(down):
                    for j in range(span):
                        grid[(r + i, col + j)] = ""
                grid[(r, col)] = self.cell(cell)
                col += span
                width = max(width, col)
        if not rows or width == 0:
            return []
        if merged:
            self.note("TABLE_MERGED", number=number)
        lines = []
        for r in range(len(rows)):
            cells = [grid.get((r, c), "") for c in range(width)]
            if r == 0:  # a header is bold already
                cells = [_unbold(cell) for cell in cells]
            lines.append("| " + " | ".join(cells) + " |")
            if r == 0:
                lines.append("|" + "|".join(" --- " for _ in range(width)) + "|")
        return ["\n".join(lines)]

    def cell(self, node: Node) -> str:
        """A table cell's content on one line (``<br>`` between its lines)."""
        self.cell_depth += 1
        try:
            blocks = self.blocks(node.children)
        finally:
            self.cell_depth -= 1
        lines = []
        for block in blocks:
            for line in block.replace("\\\n", "\n").split("\n"):
                if line.strip():
                    lines.append(line.strip())
        return "<br>".join(lines)

    # -- inline -----------------------------------------------------------------------------------------
    def inline(self, nodes: list[Node | str]) -> str:
        """Inline content as Markdown text."""
        return re.sub(r" {2,}", " ", _join(self.pieces(nodes)))

    def pieces(self, nodes: list[Node | str]) -> list[str | _Span]:
        """Inline content as text and emphasis spans; spans are written once their neighbours are known."""
        pieces: list[str | _Span] = []
        for node in nodes:
            if isinstance(node, str):
                pieces.append(escape_text(_SPACE.sub(" ", _CONTROL.sub("", node))))
            else:
                pieces.extend(self.inline_node(node))
        return pieces

    def inline_node(self, node: Node) -> list[str | _Span]:
        """One inline element as text and emphasis spans."""
        tag = node.tag
        if tag == "br":
            return ["\n"]
        if tag == "img":
            src = node.attrs.get("src", "").strip()
            if not src:
                return []
            alt = escape_text(" ".join(node.attrs.get("alt", "").split()))
            return [f"![{alt}]({_destination(src)})"]
        if tag in _SPANS:
            name, markers = _SPANS[tag]
            if name in self.active:  # bold inside bold: nothing more to mark
                return self.pieces(node.children)
            self.active.append(name)
            try:
                inner = self.inline(node.children)
            finally:
                self.active.pop()
            core = inner.strip()
            if not core:
                return [" "] if inner else []
            lead = " " if inner[:1].isspace() else ""
            trail = " " if inner[-1:].isspace() else ""
            if "\n" in inner[:len(inner) - len(inner.lstrip())]:
                lead = "\n"
            if "\n" in inner[len(inner.rstrip()):]:
                trail = "\n"
            return [lead, _Span(name, markers, core), trail]
        if tag == "a":
            return self.link(node)
        if tag == "code" or tag in ("kbd", "samp", "tt"):
            code = " ".join(node_text(node).split())
            if not code:
                return []
            longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
            fence = "`" * (longest + 1)
            pad = " " if code.startswith("`") or code.endswith("`") else ""
            return [f"{fence}{pad}{code}{pad}{fence}"]
        if tag in ("sup", "sub"):
            only = [c for c in node.children if not (isinstance(c, str) and not c.strip())]
            first = only[0] if len(only) == 1 else None
            if first is not None and is_tag(first, {"a"}) and self._footnote_label(first) is not None:
                return self.link(first)
            inner = self.inline(node.children).strip()
            return [f"<{tag}>{inner}</{tag}>"] if inner else []
        if tag in BLOCKS:  # a block inside inline content (e.g. a paragraph inside a link)
            return [" ", *self.pieces(node.children), " "]
        return self.pieces(node.children)

    def _footnote_label(self, node: Node) -> str | None:
        href = node.attrs.get("href", "")
        return self.footnotes.get(href[1:]) if href.startswith("#") else None

    def link(self, node: Node) -> list[str | _Span]:
        """A link, a footnote reference, or its text alone when the link cannot work on the web."""
        href = node.attrs.get("href", "").strip()
        label = self._footnote_label(node)
        if label is not None:
            return [f"[^{label}]"]
        if re.fullmatch(r"#(?:footnote|endnote)-ref-[\w-]+", href):
            return []  # mammoth's link back from a note to its reference
        if self.in_link:  # a link inside a link: keep the text
            return self.pieces(node.children)
        self.in_link = True
        try:
            inner = self.inline(node.children)
        finally:
            self.in_link = False
        if not href:
            return [inner]
        if href.startswith("#"):
            self.note("LINK_INTERNAL")
            return [inner]
        scheme = _SCHEME.match(href)
        if (scheme and scheme[1].lower() not in _SAFE_SCHEMES) or href.startswith(("//", "\\")):
            self.note("LINK_UNSUPPORTED", href=href)
            return [inner]
        text = inner.strip() or escape_text(href)
        lead = " " if inner[:1] == " " else ""
        trail = " " if inner[-1:] == " " else ""
        return [lead, f"[{text}]({_destination(href)})", trail]


def _is_list_text(block: str) -> bool:
    """A nested list block (keeps its item tight)."""
    return bool(re.match(r"(?:[-*]|\d+[.)])(?: |$)", block))


def _unbold(text: str) -> str:
    match = re.fullmatch(r"\*\*(.+)\*\*", text, re.DOTALL)
    return match[1] if match and "**" not in match[1] else text


def _rows(table: Node) -> list[list[Node]]:
    rows = []
    for child in table.children:
        if not isinstance(child, Node):
            continue
        if child.tag == "tr":
            rows.append([c for c in child.children if is_tag(c, {"td", "th"})])
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows += [[c for c in tr.children if is_tag(c, {"td", "th"})]
                     for tr in child.children if is_tag(tr, {"tr"})]
    return [row for row in rows if row]


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or "1"), 100))
    except ValueError:
        return 1


def _destination(url: str) -> str:
    """A link or image destination that ends where it should: spaces, angle brackets and pipes
    (which would split a table cell) percent-encoded, parentheses and backslashes escaped."""
    return "".join({" ": "%20", "<": "%3C", ">": "%3E", "|": "%7C", "(": "\\(", ")": "\\)", "\\": "\\\\"}.get(c, c)
                   for c in url.strip())


def html_to_markdown(html: str) -> str:
    """Markdown for an HTML fragment: headings, paragraphs, bold/italic/strikethrough, links,
    images, ordered, unordered and nested lists, tables (GitHub pipe tables, first row as
    header), block quotes, code, footnotes as mammoth writes them.  Text is escaped so that it
    renders as written.  Ends with a newline unless empty."""
    return Converter().document(parse_html(html))
