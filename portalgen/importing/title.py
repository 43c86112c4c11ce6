"""The title and summary of an imported document, taken out of its HTML tree."""

from __future__ import annotations

from ..failures import UsageFailure
from ..markup import excerpt
from .htmltree import HEADINGS, Node, is_tag, plain, walk
from .notes import Note, note
from .official import is_rule

SUMMARY_CHARS = 300
TITLE_CHARS = 300  # news.json: title maxLength


def take_title_and_summary(root: Node) -> tuple[str, str, list[Note]]:
    """Take the title (first heading, else first paragraph) out of the top-level blocks, then the
    summary from the first paragraph after it (taken out too when it is used whole), and shift the
    remaining headings so the highest is ``##``."""
    notes: list[Note] = []
    blocks = root.children
    found = next(((i, n) for i, n in enumerate(blocks) if is_tag(n, HEADINGS) and plain(n)), None)
    if found is None:
        found = next(((i, n) for i, n in enumerate(blocks) if is_tag(n, {"p"}) and plain(n)), None)
        if found is None:
            raise UsageFailure("DOCX_NO_TEXT")
        notes.append(note("TITLE_FROM_PARAGRAPH"))
    position, heading = found
    title = plain(heading)
    if len(title) > TITLE_CHARS:
        title = excerpt(title, TITLE_CHARS - 1)
        notes.append(note("TITLE_SHORTENED", limit=TITLE_CHARS))
        heading.tag = "p"  # the full text stays, as the first paragraph
        position += 1
    else:
        del blocks[position]
    while position < len(blocks) and is_tag(blocks[position], {"p"}) and is_rule(plain(blocks[position])):
        del blocks[position]  # the rule drawn under a title
    summary = ""
    for index in range(position, len(blocks)):
        node = blocks[index]
        if is_tag(node, {"p"}) and plain(node) and not is_rule(plain(node)):
            text = plain(node)
            first = all(_is_blank(n) for n in blocks[position:index])
            if len(text) <= SUMMARY_CHARS and first:
                summary = text
                del blocks[index]
                notes.append(note("SUMMARY_MOVED"))
            else:
                summary = excerpt(text, SUMMARY_CHARS)
                if summary != text:
                    notes.append(note("SUMMARY_SHORTENED", limit=SUMMARY_CHARS))
            break
    shift_headings(root)
    return title, summary, notes


def shift_headings(root: Node) -> None:
    """Shift the headings so the highest is ``##`` (the title is the page's ``#``)."""
    levels = [int(n.tag[1]) for n in walk(root) if n.tag in HEADINGS]
    if levels:
        shift = 2 - min(levels)
        for node in walk(root):
            if node.tag in HEADINGS:
                node.tag = f"h{min(6, int(node.tag[1]) + shift)}"


def _is_blank(node: Node | str) -> bool:
    if isinstance(node, str):
        return not node.strip()
    return (not plain(node) or is_rule(plain(node))) and not any(n.tag == "img" for n in walk(node))
