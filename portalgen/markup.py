"""Markdown → sanitised HTML.

CommonMark with the GitHub extensions editors see in their git host's preview (tables,
strikethrough, autolinks, bare links, task lists) plus footnotes, parsed by markdown-it-pyrs (the
Rust port of markdown-it, about ten times faster than the Python one).  Bare web addresses
without a scheme (``dichvucong.gov.vn``) and e-mail addresses become links as markdown-it's
linkify makes them (linkify-it-py, URLs normalised by markdown-it-py's own functions); level-1
headings become ``h2`` (the page title is the only ``h1``) and ``h2``/``h3`` get ``muc-…`` ids.
Raw HTML passes an allow-list sanitiser (nh3): nothing an editor writes can run script in a
visitor's browser.
"""

from __future__ import annotations

import functools
import html as html_module
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Iterable, Mapping

import nh3
from linkify_it import LinkifyIt
from markdown_it.common.normalize_url import normalizeLink, normalizeLinkText, validateLink
from markdown_it.rules_inline.linkify import SCHEME_RE

from . import markdown_parsers, vn
from .markdown_parsers import MarkdownUnreadable

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "li": {"class"}, "ul": {"class"}, "section": {"class"}, "sup": {"class"}, "hr": {"class"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_TAG = re.compile(r"<[^>]+>")
# Task-list boxes become characters: a form control without a label would not be accessible.
# markdown-it-pyrs writes the first form, markdown-it-py (see markdown_parsers) the second.
_TASK_BOX = re.compile(r'<input class="task-list-item-checkbox"(?: type="checkbox"( checked="")? />|'
                       r'( checked="checked")? disabled="disabled" type="checkbox">)')
_HEADING_TAG = re.compile(r"<(/?)h([1-3])>")


@dataclass(frozen=True)
class Reference:
    """A file or page a Markdown body points to: 1-based line within the body, image or link."""

    line: int
    image: bool
    target: str
    alt: str | None


@dataclass(frozen=True)
class Rendered:
    """Safe HTML of a Markdown body, with its headings (id, text)."""

    html: str
    headings: tuple[tuple[str, str], ...]


@functools.cache
def _linkifier() -> LinkifyIt:
    return LinkifyIt()


#: Every text that can hold a bare link has one of these: a dot, colon or ``@`` before a letter
#: (``a.vn``, ``mailto:x``, ``a@b.vn``: a domain ends in a top-level domain), ``@`` before a
#: digit (``a@127.0.0.1``: an address at a numbered host) or ``//``.  Most sentences have none.
_MAY_HOLD_LINK = re.compile(r"[.:@][^\W\d_]|@\d|//")
_PIECES = re.compile(r"(<[^>]*>)")
_NO_LINKS_INSIDE = {"a", "code", "pre"}
_HTTP = re.compile(r"^http://")
_MAILTO = re.compile(r"^mailto:", re.IGNORECASE)  # markdown-it-py strips it case-sensitively (below)


def _linkify(html: str) -> str:
    """Bare web and e-mail addresses in the text of ``html`` (outside links and code) as links,
    exactly as markdown-it's linkify rule writes them."""
    if not _text_may_hold_link(html):
        return html
    pieces = _PIECES.split(html)
    inside = 0
    for number in range(0, len(pieces)):
        piece = pieces[number]
        if number % 2:
            name = piece[1:].split(None, 1)[0].rstrip("/>").lower() if len(piece) > 2 else ""
            if name in _NO_LINKS_INSIDE:
                inside += 1
            elif name.startswith("/") and name[1:] in _NO_LINKS_INSIDE:
                inside = max(0, inside - 1)
        elif not inside and _MAY_HOLD_LINK.search(piece):
            pieces[number] = _link_text(piece)
    return "".join(pieces)


def _text_may_hold_link(html: str) -> bool:
    """Whether some text of ``html`` outside its tags passes :data:`_MAY_HOLD_LINK`."""
    position = 0
    while (found := _MAY_HOLD_LINK.search(html, position)) is not None:
        start = found.start()
        if html.rfind("<", 0, start) <= html.rfind(">", 0, start):
            return True
        position = html.find(">", start)
        if position < 0:
            return False
    return False


def _link_text(escaped: str) -> str:
    """One escaped text of the HTML with its bare links made links, as markdown-it's two linkify
    rules make them: first addresses with a scheme (``https://…``, the inline rule), then, in the
    text between those, whatever linkify-it finds (the core rule).  Linear in the text: the
    scheme is looked for just before each ``://`` and linkify-it is shown a window of the text."""
    text = html_module.unescape(escaped)
    pieces, last, position = [], 0, text.find("://")
    while position >= 0:
        start = _scheme_start(text, last, position)
        link = _link_at(text, start) if start is not None else None
        if start is not None and link is not None:
            url = link.url.rstrip("*")
            address = normalizeLink(url)
            if validateLink(address):
                pieces += [_fuzzy_links(text[last:start]), f'<a href="{_escape(address)}">',
                           _escape(normalizeLinkText(url)), "</a>"]
                last = start + len(url)
                position = text.find("://", last)
                continue
        position = text.find("://", position + 3)
    if not pieces:
        linked = _fuzzy_links(text)
        return escaped if linked == _escape(text) else linked
    return "".join(pieces) + _fuzzy_links(text[last:])


#: No scheme linkify-it knows is longer; a longer run of scheme letters is no link.
_LONGEST_SCHEME = 32
_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.+-")
#: linkify-it is shown this much of the text from a link's start; a link reaching near the end of
#: the window is matched again on the whole rest.
_LINK_WINDOW = 4096


def _scheme_start(text: str, last: int, position: int) -> int | None:
    """Where the scheme before the ``://`` at ``position`` starts, as markdown-it's ``SCHEME_RE``
    finds it in the text since the last link (``text[last:position]``), or None."""
    begin = max(last, position - _LONGEST_SCHEME)
    scheme = SCHEME_RE.search(text[begin:position])
    if scheme is None or (scheme.start(1) == 0 and begin > last and text[begin - 1] in _SCHEME_CHARS):
        return None
    return begin + scheme.start(1)


def _link_at(text: str, start: int):
    """linkify-it's link starting at ``start`` (``match_at_start``), reading no more of the text
    than the link needs."""
    linkifier = _linkifier()
    window = text[start:start + _LINK_WINDOW]
    link = linkifier.match_at_start(window)
    if link is not None and len(window) == _LINK_WINDOW and link.last_index > _LINK_WINDOW - 256:
        link = linkifier.match_at_start(text[start:])
    return link


def _fuzzy_links(text: str) -> str:
    """``text`` escaped, with what linkify-it finds in it as links."""
    linkifier = _linkifier()
    if not _MAY_HOLD_LINK.search(text) or not linkifier.test(text):
        return _escape(text)
    result, last = [], 0
    for link in linkifier.match(text) or ():
        url = normalizeLink(link.url)
        if not validateLink(url):
            continue
        label = link.text
        if not link.schema:
            label = _HTTP.sub("", normalizeLinkText("http://" + label))
        elif link.schema == "mailto:" and _MAILTO.search(label):  # as markdown-it-py does
            label = re.sub(r"^mailto:", "", normalizeLinkText("mailto:" + label))
        else:
            label = normalizeLinkText(label)
        result += [_escape(text[last:link.index]), f'<a href="{_escape(url)}">', _escape(label), "</a>"]
        last = link.last_index
    result.append(_escape(text[last:]))
    return "".join(result)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _anchored(html: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Level-1 headings demoted to ``h2``; ``h2`` and ``h3`` with a unique ``muc-…`` id."""
    headings: list[tuple[str, str]] = []
    used: set[str] = set()
    tried: dict[str, int] = {}  # the next number to try for a base: every lower one is used
    pieces, last = [], 0
    for begin, end, level, inner in _heading_spans(html):
        text = " ".join(html_module.unescape(_TAG.sub("", inner)).split())
        slug = base = "muc-" + (vn.slugify(text) or "khac")
        number = tried.get(base, 1)
        while slug in used:
            slug, number = f"{base}-{number}", number + 1
        used.add(slug)
        tried[base] = number
        headings.append((slug, text))
        level = max(2, level)
        pieces += [html[last:begin], f'<h{level} id="{slug}">{inner}</h{level}>']
        last = end
    return "".join(pieces) + html[last:], tuple(headings)


def _heading_spans(html: str):
    """(start, end, level, inner HTML) of each ``<hN>…</hN>`` (N ≤ 3), as the regular expression
    ``<h([1-3])>(.*?)</h\1>`` would find them, in one pass: an opening tag is paired with the
    first closing tag of its level after it; one without is skipped."""
    tags = [(tag.start(), tag.end(), tag.group(1) == "/", int(tag.group(2))) for tag in _HEADING_TAG.finditer(html)]
    next_close: list[int | None] = [None] * len(tags)
    following: dict[int, int] = {}
    for number in range(len(tags) - 1, -1, -1):
        next_close[number] = following.get(tags[number][3])
        if tags[number][2]:
            following[tags[number][3]] = number
    after = 0
    for number, (begin, end, closing, level) in enumerate(tags):
        close = next_close[number]
        if closing or begin < after or close is None:
            continue
        after = tags[close][1]
        yield begin, after, level, html[end:tags[close][0]]


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    if name == "id":  # heading anchors and footnotes only: an id must not clash with the page's own
        return value if value.startswith(("muc-", "fn")) else None
    if name == "class":
        return value if value in {"task-list-item", "contains-task-list", "footnotes", "footnotes-sep",
                                  "footnote-ref", "footnote-item", "footnote-backref"} else None
    return value


def sanitise(html: str) -> str:
    """Keep only safe tags, attributes and URL schemes."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     clean_content_tags={"script", "style", "iframe", "object", "embed", "noscript", "template"},
                     attribute_filter=_attribute_filter, link_rel=None, strip_comments=True)


@functools.lru_cache(maxsize=64)  # a body shown twice in a row (a page and its search text) is rendered once
def render_markdown(body: str) -> Rendered:
    """Render a Markdown body to sanitised HTML and its headings (a body no parser can read, which
    ``check`` reports, as its escaped text)."""
    html = _TASK_BOX.sub(lambda box: "☑" if box.group(1) or box.group(2) else "☐", _parsed(body))
    html, headings = _anchored(html)
    return Rendered(html=_scrollable_tables(sanitise(_linkify(html))), headings=headings)


_TABLE_TAG = re.compile(r"<(/?)table>")


def _scrollable_tables(html: str) -> str:
    """Each outermost table of sanitised HTML (Markdown or pasted) in a box that scrolls on its
    own on a narrow screen, which the keyboard can reach and a screen reader names by the table's
    first row (in the language the table is written in)."""
    pieces, depth, last, start = [], 0, 0, 0
    for tag in _TABLE_TAG.finditer(html):
        if not tag.group(1):
            if depth == 0:
                start = tag.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                table = html[start:tag.end()]
                row = table[:table.find("</tr>")] if "</tr>" in table else table
                label = _escape(excerpt(plain_text(row), 80)) or "…"
                pieces += [html[last:start], f'<div class="pg-table-wrap" role="region" tabindex="0" '
                           f'aria-label="{label}">', table, "</div>"]
                last = tag.end()
    return "".join(pieces) + html[last:]


def _parsed(body: str) -> str:
    try:
        return markdown_parsers.render(body)
    except MarkdownUnreadable:
        return "".join(f"<p>{_escape(paragraph)}</p>\n" for paragraph in body.split("\n\n") if paragraph.strip())


def text_of(body: str) -> str:
    """The visible text of a Markdown body, for search.  Without raw HTML (no ``<``) the
    parser's own output has exactly the text of the safe HTML, so it is not sanitised first."""
    return plain_text(render_markdown(body).html if "<" in body else _parsed(body))


#: The references of the bodies read so far (:func:`references` is asked of each body several
#: times a build: by the check, the page keys, the held items), by body; a build with a cache
#: folder keeps those of its files' bodies for the next (:func:`known_references`).
_REFERENCES: dict[str, tuple[Reference, ...]] = {}
#: More bodies than this, and the memo starts again (a preview session edits bodies for hours).
_REFERENCES_AT_MOST = 200_000


def references(body: str) -> tuple[Reference, ...]:
    """Every image and link target in a Markdown body, raw HTML included, with its line.  Bare web
    addresses made links are not among them (they are never files of the portal).  Raises
    :class:`~portalgen.markdown_parsers.MarkdownUnreadable` for a body no parser can read."""
    if "[" not in body and "<" not in body:
        return ()
    found = _REFERENCES.get(body)
    if found is None:
        if len(_REFERENCES) >= _REFERENCES_AT_MOST:
            _REFERENCES.clear()
        found = _REFERENCES[body] = _references(body)
    return found


def known_references(bodies: Iterable[str]) -> dict[str, tuple[Reference, ...]]:
    """The references already found of these bodies (to keep for a later process)."""
    return {body: found for body in bodies if (found := _REFERENCES.get(body)) is not None}


def learn_references(known: Mapping[str, tuple[Reference, ...]]) -> None:
    """Take the references of bodies found by an earlier process (:func:`known_references`)."""
    _REFERENCES.update(known)


def _references(body: str) -> tuple[Reference, ...]:
    found: list[Reference] = []
    for node in markdown_parsers.nodes(body):
        if node.name == "html_inline" or node.name == "html_block":
            found += _html_references(node.content, node.line)
        else:
            image = node.name == "image"
            found.append(Reference(node.line, image, node.url, node.alt if image else None))
    if "<" in body:  # whatever the published HTML points to is judged, even what no node above shows
        seen = {(ref.image, local_file(ref.target) or ref.target) for ref in found}
        found += [Reference(1, image, target, alt) for _line, image, target, alt
                  in published_references(render_markdown(body).html)
                  if local_file(target) is not None and (image, local_file(target)) not in seen]
    return tuple(found)


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")


class _ReferenceParser(HTMLParser):
    """``src`` of ``img`` and ``href`` of ``a`` as a browser reads them (the first of duplicate
    attributes counts), with the line of each tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, bool, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("img", "a"):
            return
        values: dict[str, str] = {}
        for name, value in attrs:
            values.setdefault(name, value or "")
        target = values.get("src" if tag == "img" else "href")
        if target is not None:
            self.found.append((self.getpos()[0], tag == "img", target,
                               values.get("alt", "") if tag == "img" else None))

    handle_startendtag = handle_starttag


def published_references(html: str) -> list[tuple[int, bool, str, str | None]]:
    """Every ``img src`` and ``a href`` of sanitised HTML as (line, image, target, alt): the one
    reading of HTML both ``check`` (what it judges) and the build (what it publishes) use."""
    parser = _ReferenceParser()
    parser.feed(html)
    parser.close()
    return parser.found


def _html_references(html: str, line: int) -> list[Reference]:
    """The references of raw HTML as published: sanitised first, then read by
    :func:`published_references` (the sanitiser keeps the first of duplicate attributes and reads
    ``<img/src=…>``; a regular expression on the raw text would not)."""
    return [Reference(line + number - 1, image, target, alt)
            for number, image, target, alt in published_references(sanitise(html))]


def local_file(target: str) -> str | None:
    """The file a local relative link or image points to: percent-decoded, without ``?query`` or
    ``#fragment``; None for web addresses, site-absolute paths, fragments and e-mail or phone links."""
    from urllib.parse import unquote

    if not target or _SCHEME.match(target) or target.startswith(("/", "#", "\\")):
        return None
    path = target.split("#", 1)[0].split("?", 1)[0]
    return unquote(path) if path else None


def plain_text(html: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed."""
    return " ".join(html_module.unescape(_TAG.sub(" ", html)).split())


def excerpt(text: str, limit: int = 200) -> str:
    """The first words of a text, cut at a word boundary, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.–-") + "…"


def raw_html(body: str) -> tuple[tuple[int, str], ...]:
    """Every piece of raw HTML of a Markdown body, as written, with the 1-based line it starts on."""
    if "<" not in body:
        return ()
    return tuple((node.line, node.content) for node in markdown_parsers.nodes(body)
                 if node.name in ("html_inline", "html_block"))
