"""Long text fields written as Markdown: a question's answer, a procedure's requirements.

Such a field renders like a body (sanitised, bare links made links) but sits inside an item of a
page, so its headings go one level down (``h2`` → ``h3``, below the item's heading) and its ids
and in-page links get the item's prefix (two answers on one page never share an id).  A field is
not a body: nothing it points to is published beside the page, so ``check`` refuses a local image
or file link in it (the file belongs with a document or in a page's body).
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterator

from .markdown_parsers import MarkdownUnreadable
from .markup import local_file, references, render_markdown

#: Content folder → its top-level fields written as Markdown.
FIELDS: dict[str, tuple[str, ...]] = {"questions": ("answer",), "procedures": ("requirements",)}

_HEADING = re.compile(r"<(/?)h([2-6])([ >])")
_ID = re.compile(r' id="([^"]*)"')
_FRAGMENT = re.compile(r' href="#([^"]*)"')


def render_field(text: str, prefix: str) -> str:
    """Safe HTML of a Markdown field: headings one level down, ids and ``#`` links prefixed."""
    html = render_markdown(text).html
    html = _HEADING.sub(lambda tag: f"<{tag.group(1)}h{min(6, int(tag.group(2)) + 1)}{tag.group(3)}", html)
    html = _ID.sub(lambda found: f' id="{prefix}-{found.group(1)}"', html)
    return _FRAGMENT.sub(lambda found: f' href="#{prefix}-{found.group(1)}"', html)


def _local_targets(text: str) -> Iterator[str]:
    if "[" not in text and "<" not in text:
        return
    try:
        found = references(text)
    except MarkdownUnreadable:
        return
    for ref in found:
        target = local_file(ref.target)
        if target is not None:
            yield target


def local_file_problems(folder: str, items: tuple[Any, ...], at: Callable[..., Any]) -> list:
    """A local image or file link in a Markdown field: the build would not publish its file."""
    problems = []
    for item in items:
        for name in FIELDS.get(folder, ()):
            text = getattr(item, name, None)
            for target in _local_targets(text) if isinstance(text, str) else ():
                problems.append(at("FIELD_LOCAL_FILE", item.path, "/" + name, file=target))
    return problems
