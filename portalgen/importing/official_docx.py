"""The official layout in a Word document's HTML tree (mammoth's): the header table or paragraphs,
the type name, trích yếu and rule line under it, and the signature block are read by
:mod:`.official` and taken out of the tree, which keeps the body from the first real paragraph."""

from __future__ import annotations

from .htmltree import HEADINGS, Node, is_tag, plain, text
from .official import (
    Columns,
    Official,
    is_article,
    is_date_line,
    is_header_line,
    is_national,
    is_recipients,
    is_rule,
    is_upper,
    looks_like_signature,
    number_of,
    place_and_date,
    read_header,
    read_signature,
    type_name,
    type_of_number,
)

_TEXT_BLOCKS = HEADINGS | {"p"}
_HEADER_BLOCKS = 12  # a header written as paragraphs is never longer
_SUMMARY_BLOCKS = 4  # the trích yếu lines before the rule under them
_TAIL_BLOCKS = 20  # the signature block written as paragraphs, with the Nơi nhận list


def _lines(node: Node) -> list[str]:
    """The lines of a cell or paragraph: one per paragraph, line break or tab stop."""
    blocks = [child for child in node.children if is_tag(child, _TEXT_BLOCKS | {"ul", "ol", "li"})]
    if blocks:
        return [line for block in blocks for line in _lines(block)]
    pieces: list[str] = [""]
    for child in node.children:
        if is_tag(child, {"br"}):
            pieces.append("")
        else:
            pieces[-1] += text(child)
    return [" ".join(cell.split()) for piece in pieces for cell in piece.split("\t")]


def _columns(table: Node) -> Columns:
    """A table's lines by column, rows joined (a header table may put the number and the date in a second row)."""
    columns: Columns = []
    for row in (n for n in _walk_rows(table)):
        cells = [c for c in row.children if is_tag(c, {"td", "th"})]
        for index, cell in enumerate(cells):
            while len(columns) <= index:
                columns.append([])
            columns[index] += _lines(cell)
    return columns


def _walk_rows(table: Node) -> list[Node]:
    rows: list[Node] = []
    for child in table.children:
        if is_tag(child, {"tr"}):
            rows.append(child)
        elif is_tag(child, {"thead", "tbody", "tfoot"}):
            rows += [c for c in child.children if is_tag(c, {"tr"})]
    return rows


def _elements(root: Node) -> list[Node]:
    """The top-level elements, text between them dropped (whitespace only, in mammoth's HTML)."""
    root.children = [child for child in root.children if not isinstance(child, str) or child.strip()]
    return [child for child in root.children if isinstance(child, Node)]


def _take_header(root: Node) -> tuple[list[Node], Columns] | None:
    """The header's blocks and their lines by column: a table (with the paragraphs of the header
    before and after it), or leading paragraphs; None when the document does not start with one."""
    elements = _elements(root)
    taken: list[Node] = []
    columns: Columns = []
    extra: list[str] = []
    for element in elements[:_HEADER_BLOCKS]:
        if is_tag(element, {"table"}) and not any(is_tag(n, {"table"}) for n in taken):
            found = _columns(element)
            if not (read_header(found).national or read_header(found).number):
                break
            columns = found
        elif is_tag(element, _TEXT_BLOCKS) and is_header_line(plain(element)) \
                and not (any(map(is_national, extra)) and _title_like(plain(element))):
            extra.append(plain(element))
        else:
            break
        taken.append(element)
    fields = read_header([*columns, extra])
    if not (fields.national and (fields.number or fields.issue_date or fields.issuer)):
        return None
    while taken and is_tag(taken[-1], _TEXT_BLOCKS) and not plain(taken[-1]):
        taken.pop()
    return taken, [*columns, extra]


def _title_like(line: str) -> bool:
    """A line in capitals under the Quốc hiệu that is neither a number nor a date: a form's title (ĐƠN …)."""
    return is_upper(line) and not is_national(line) and number_of(line) is None and place_and_date(line) is None


def _take_signature(root: Node) -> tuple[list[str], bool] | None:
    """The signature block at the end (a table, or the last paragraphs) taken out of the tree: the
    signature column's lines and whether a Nơi nhận list was dropped; None when none is found."""
    elements = _elements(root)
    for element in reversed(elements):
        if is_tag(element, {"table"}):
            columns = _columns(element)
            recipients = any(column and is_recipients(next((x for x in column if x), "")) for column in columns)
            signature = next((c for c in reversed(columns) if not (c and is_recipients(next((x for x in c if x), "")))
                              and looks_like_signature(c)), None)
            if signature is not None:
                _replace(root, [element], signature)
                return signature, recipients
            if recipients:
                break
    tail: list[Node] = []
    for element in reversed(elements[-_TAIL_BLOCKS:]):
        line = plain(element)
        if is_tag(element, {"table"}) or is_article(line) or len(line) > 120:
            break
        tail.insert(0, element)
    recipients = False
    lines: list[str] = []
    for element in tail:
        for row in _lines(element):
            cells = [c for c in row.split("\t") if c.strip()] if "\t" in row else [row]
            for cell in cells:
                if is_recipients(cell):
                    recipients = True
                elif not (recipients and cell.lstrip().startswith(("-", "+", "•"))):
                    lines.append(cell)
    start = next((i for i, line in enumerate(lines) if is_upper(line)), None)
    if start is None or not looks_like_signature(lines[start:]):
        return None
    first = next((i for i, element in enumerate(tail)
                  if is_recipients(plain(element)) or lines[start] in plain(element)), 0)
    _replace(root, tail[first:], lines[start:])
    return lines[start:], recipients


def _replace(root: Node, removed: list[Node], signature: list[str]) -> None:
    """Put one paragraph with the signer's position lines and name where the signature block was."""
    position = root.children.index(removed[0])
    for node in removed:
        root.children.remove(node)
    kept = [line for line in signature if line and not (line.startswith("(") and line.endswith(")"))]
    paragraph = Node("p")
    for index, line in enumerate(kept):
        if index:
            paragraph.children.append(Node("br"))
        strong = Node("strong")
        strong.children.append(line)
        paragraph.children.append(strong)
    root.children.insert(position, paragraph)


def take_official(root: Node) -> Official | None:
    """Read the official layout of a document and take it out of the tree: the header, the type
    name with the trích yếu and rule under it, the Nơi nhận list; the signature block becomes one
    paragraph (the position lines and the name).  None, and the tree untouched, when the document
    does not start with an official header."""
    header = _take_header(root)
    if header is None:
        return None
    taken, columns = header
    for node in taken:
        root.children.remove(node)
    fields = read_header(columns)
    elements = _elements(root)
    kind = ""
    summary = fields.summary
    if elements and is_tag(elements[0], _TEXT_BLOCKS) and type_name(plain(elements[0])):
        kind = type_name(plain(elements[0]))
        root.children.remove(elements[0])
        elements = elements[1:]
        lines: list[Node] = []
        for element in elements[:_SUMMARY_BLOCKS]:
            line = plain(element)
            if not is_tag(element, _TEXT_BLOCKS) or is_rule(line) or is_upper(line) \
                    or line.startswith("Căn cứ") or is_article(line):
                break
            lines.append(element)
        closed = len(elements) > len(lines) and is_rule(plain(elements[len(lines)]))
        used = lines if closed else lines[:1]
        summary = " ".join(plain(node) for node in used) or summary
        for node in used:
            root.children.remove(node)
    for element in _elements(root):
        if not (is_tag(element, _TEXT_BLOCKS) and (is_rule(plain(element)) or not plain(element))):
            break
        root.children.remove(element)
    signature = _take_signature(root)
    signed = read_signature(signature[0]) if signature else None
    return Official(issuer=fields.issuer, parent=fields.parent, number=fields.number,
                    type=kind or type_of_number(fields.number) or ("Công văn" if fields.summary else ""),
                    place=fields.place, issue_date=fields.issue_date, summary=summary,
                    signer=signed.signer if signed else "", signer_position=signed.position if signed else "",
                    recipients=bool(signature and signature[1]))


def drop_national_lines(root: Node) -> None:
    """Take the Quốc hiệu, tiêu ngữ and rule lines out of the start of a document that has no
    official header (a form, an application): its title is what comes under them."""
    for element in _elements(root)[:_HEADER_BLOCKS]:
        line = plain(element)
        if not is_tag(element, _TEXT_BLOCKS) or not (not line or is_rule(line) or is_national(line)
                                                     or is_date_line(line)):
            break
        root.children.remove(element)
