"""Markdown → sanitised HTML.

CommonMark with the GitHub extensions editors see in their git host's preview (tables,
strikethrough, autolinks, task lists) plus footnotes.  Raw HTML passes an allow-list sanitiser
(nh3): nothing an editor writes can run script in a visitor's browser.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from . import vn

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
_CHECKED = '<input class="task-list-item-checkbox" checked="checked" disabled="disabled" type="checkbox">'
_UNCHECKED = '<input class="task-list-item-checkbox" disabled="disabled" type="checkbox">'


@dataclass(frozen=True)
class Reference:
    """A file or page a Markdown body points to: 1-based line within the body, image or link."""

    line: int
    image: bool
    target: str
    alt: str | None


@dataclass(frozen=True)
class Rendered:
    """Safe HTML of a Markdown body, with its headings (id, text), plain text and the images and
    links it points to (found in the same parse)."""

    html: str
    headings: tuple[tuple[str, str], ...]
    text: str
    references: tuple[Reference, ...]


@functools.cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"linkify": True, "typographer": False})
    md.enable(["table", "strikethrough", "linkify"])
    md.use(footnote_plugin).use(tasklists_plugin, enabled=False)
    md.core.ruler.push("demote_h1", _demote_h1)
    md.use(anchors_plugin, min_level=2, max_level=3, slug_func=lambda s: "muc-" + (vn.slugify(s) or "khac"))
    md.linkify.pretest = _quick_pretest(md.linkify.pretest)
    return md


#: Every text that can hold a bare link has one of these: a dot, colon or ``@`` before a letter or
#: digit (``a.vn``, ``mailto:x``, ``a@b``) or ``//``.  Most sentences have none.
_MAY_HOLD_LINK = re.compile(r"[.:@]\w|//")


def _quick_pretest(pretest):
    """linkify-it's own pretest, run only on texts that may hold a link (it is the slowest step
    of the parse, and its answer is the same)."""
    return lambda text: _MAY_HOLD_LINK.search(text) is not None and pretest(text)


def _demote_h1(state) -> None:
    """The page title is the only ``h1``: a ``#`` heading in a body becomes ``h2``."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"


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


_RENDERED: dict[str, Rendered] = {}


def render_markdown(body: str) -> Rendered:
    """Render a Markdown body to sanitised HTML (memoised for the build: pages and search render
    each body once; :func:`forget_rendered` empties the memo)."""
    if body not in _RENDERED:
        _RENDERED[body] = _render(body)
    return _RENDERED[body]


def render_many(bodies: list[str], jobs: int, cache=None) -> None:
    """Render many bodies ahead into the memo: from ``cache`` (a :class:`portalgen.cache.Cache`)
    when it has them, else in ``jobs`` processes, then stored in the cache."""
    todo = sorted({b for b in bodies if b not in _RENDERED})
    if cache is not None:
        missing = []
        for body in todo:
            stored = cache.get(_key(body))
            if stored is None:
                missing.append(body)
            else:
                value = json.loads(stored)
                _RENDERED[body] = Rendered(value["html"], tuple(map(tuple, value["headings"])), value["text"],
                                           tuple(Reference(*ref) for ref in value["references"]))
        todo = missing
    if jobs >= 2 and len(todo) >= 200:
        import concurrent.futures

        with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
            for body, rendered in zip(todo, pool.map(_render, todo, chunksize=64)):
                _RENDERED[body] = rendered
    if cache is not None:
        for body in todo:
            rendered = render_markdown(body)
            cache.misses["markdown"] += 1
            cache.put(_key(body), json.dumps({"html": rendered.html, "headings": rendered.headings,
                                              "text": rendered.text,
                                              "references": [[r.line, r.image, r.target, r.alt]
                                                             for r in rendered.references]},
                                             ensure_ascii=False).encode("utf-8"))


def _key(body: str) -> str:
    import hashlib

    return f"markdown-{hashlib.sha256(body.encode('utf-8')).hexdigest()}.json"


def forget_rendered() -> None:
    _RENDERED.clear()


def _render(body: str) -> Rendered:
    parser = _parser()
    tokens = parser.parse(body)
    headings = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag in ("h2", "h3") and token.attrGet("id"):
            headings.append((str(token.attrGet("id")), tokens[index + 1].content))
    html = parser.renderer.render(tokens, parser.options, {})
    html = sanitise(html.replace(_CHECKED, "☑").replace(_UNCHECKED, "☐"))
    return Rendered(html=html, headings=tuple(headings), text=plain_text(html), references=_references(tokens))


_HTML_TAG = re.compile(r"<(img|a)\b([^>]*)>?", re.IGNORECASE)
_HTML_ATTRIBUTE = re.compile(r"(?:^|\s)([\w:-]+)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")


def _references(tokens) -> tuple[Reference, ...]:
    """Every image and link target in parsed Markdown, raw HTML included, with its line.  Links made
    from bare web addresses are among them; :func:`local_file` tells them apart."""
    found: list[Reference] = []
    for token in tokens:
        line = token.map[0] + 1 if token.map else 1
        if token.type == "inline":
            for child in token.children or ():
                if child.type == "image":
                    found.append(Reference(line, True, str(child.attrGet("src") or ""), child.content))
                elif child.type == "link_open":
                    found.append(Reference(line, False, str(child.attrGet("href") or ""), None))
                elif child.type == "html_inline":
                    found += _html_references(child.content, line)
        elif token.type == "html_block":
            found += _html_references(token.content, line)
    return tuple(found)


def _html_references(html: str, line: int) -> list[Reference]:
    """``src`` of ``img`` and ``href`` of ``a`` in raw HTML (exactly those attributes, as the
    sanitiser keeps them), with the ``alt`` text of images."""
    result = []
    for match in _HTML_TAG.finditer(html):
        tag = match.group(1).lower()
        attributes = {name.lower(): value.strip("\"'") for name, value in _HTML_ATTRIBUTE.findall(match.group(2))}
        target = attributes.get("src" if tag == "img" else "href")
        if target is not None:
            result.append(Reference(line + html.count("\n", 0, match.start()), tag == "img", target,
                                    attributes.get("alt", "") if tag == "img" else None))
    return result


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
    import html as html_module

    return " ".join(html_module.unescape(_TAG.sub(" ", html)).split())


def excerpt(text: str, limit: int = 200) -> str:
    """The first words of a text, cut at a word boundary, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.–-") + "…"
