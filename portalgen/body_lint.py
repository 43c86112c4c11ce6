"""Markdown bodies that would not publish as their editor wrote them.

An image or link whose address has spaces (``![Ảnh](Ảnh lễ ký kết 2.jpg)``, as phones and
Windows name files) is left as plain text by CommonMark; raw HTML the sanitiser removes
(``<iframe>``, ``<video>``…) disappears; a table pasted as tab-separated text runs into one
paragraph.  Each is reported at its line in the file (``first_line``: the line the body starts on).
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser

from .files import new_name
from .markup import ALLOWED_TAGS, raw_html
from .problems import Problem, problem

#: ``[text](address)`` or ``![text](address)``, the address with at most one level of parentheses.
_INLINE = re.compile(r"(!?)\[([^\[\]\n]*)\]\(((?:[^()<>\n]|\([^()\n]*\))*)\)")
#: An address followed by a title, which CommonMark reads as a link: ``a.pdf "Tiêu đề"``.
_WITH_TITLE = re.compile(r"""\S+\s+(?:"[^"]*"|'[^']*'|\([^()]*\))""")
_CODE_SPAN = re.compile(r"(`+).*?\1")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
#: A line with columns separated by tabs (empty cells are two tabs in a row).
_TAB_COLUMNS = re.compile(r"\S *\t\s*\S")

_EMBEDDED = ("nội dung nhúng (video, âm thanh, bản đồ…)", "embedded content (video, audio, maps…)",
             "Thay khung nhúng bằng một liên kết, ví dụ [Xem video](https://…); "
             "loại nội dung đa phương tiện sẽ có trong bản sau của portalgen.",
             "Replace the embedded frame with a link, e.g. [Watch the video](https://…); "
             "a media content type comes in a later version of portalgen.")
_FORM = ("biểu mẫu", "the form", "Đặt liên kết tới trang dịch vụ công hoặc biểu mẫu trực tuyến thay cho biểu mẫu.",
         "Link to the public service page or the online form instead.")
_CODE = ("đoạn mã hoặc kiểu trình bày này", "this script or style",
         "Xóa đoạn này: trang của cổng không chạy mã hay kiểu trình bày riêng trong bài.",
         "Delete it: portal pages run no script or style of their own from content.")
_OTHER = ("thẻ này (phần chữ bên trong vẫn hiện)", "this element (its text stays)",
          "Dùng cú pháp Markdown (tiêu đề #, danh sách -, bảng |, **chữ đậm**) thay cho thẻ này, hoặc xóa thẻ.",
          "Use Markdown (# headings, - lists, | tables, **bold**) instead of this element, or remove it.")
_KINDS = {**dict.fromkeys(("iframe", "video", "audio", "embed", "object", "source", "track", "picture", "canvas",
                           "svg", "map"), _EMBEDDED),
          **dict.fromkeys(("form", "input", "button", "select", "textarea", "option", "label"), _FORM),
          **dict.fromkeys(("script", "style", "noscript", "template", "link", "meta"), _CODE)}


def lint_body(path: str, body: str, first_line: int) -> list[Problem]:
    """Every problem of a Markdown body that makes it publish otherwise than written."""
    spaced, tabbed = "](" in body, "\t" in body
    lines = _prose_lines(body) if spaced or tabbed else []
    return ((_spaced_addresses(path, lines, first_line) if spaced else []) + _removed_html(path, body, first_line)
            + (_tab_tables(path, lines, first_line) if tabbed else []))


def _prose_lines(body: str) -> list[tuple[int, str]]:
    """The lines outside fenced and indented code, as (0-based index, text)."""
    found, fence = [], ""
    for index, line in enumerate(body.split("\n")):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
        elif opening:
            fence = opening.group(1)
        elif not line.startswith(("    ", "\t")):
            found.append((index, line))
    return found


def _spaced_addresses(path: str, lines: list[tuple[int, str]], first_line: int) -> list[Problem]:
    problems = []
    for index, line in lines:
        if "](" not in line:
            continue
        for match in _INLINE.finditer(_CODE_SPAN.sub(lambda m: " " * len(m.group()), line)):
            bang, text, address = match.group(1), match.group(2), match.group(3).strip()
            if not re.search(r"\s", address) or _WITH_TITLE.fullmatch(address):
                continue
            image = bang == "!"
            name = posixpath.basename(address.split("#", 1)[0]) or address
            problems.append(problem(
                "MARKDOWN_LINK_SPACES", path, first_line + index, match.start() + 1, text=match.group(),
                target=address, fixed=f"{bang}[{text}](<{address}>)", suggestion=new_name(name),
                kind_vi="Ảnh" if image else "Liên kết", kind_vi_lower="ảnh" if image else "liên kết",
                kind_en="image" if image else "link"))
    return problems


class _Tags(HTMLParser):
    """The start tags of a piece of HTML, with their lines in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        self.found.append((self.getpos()[0], tag))

    handle_startendtag = handle_starttag


def _removed_html(path: str, body: str, first_line: int) -> list[Problem]:
    problems, seen = [], set()
    for line, html in raw_html(body):
        parser = _Tags()
        parser.feed(html)
        parser.close()
        for offset, tag in parser.found:
            number = first_line + line + offset - 2
            if tag in ALLOWED_TAGS or (number, tag) in seen:
                continue
            seen.add((number, tag))
            what_vi, what_en, advice_vi, advice_en = _KINDS.get(tag, _OTHER)
            problems.append(problem("HTML_REMOVED", path, number, tag=tag, what_vi=what_vi, what_en=what_en,
                                    advice_vi=advice_vi, advice_en=advice_en))
    return problems


def _tab_tables(path: str, lines: list[tuple[int, str]], first_line: int) -> list[Problem]:
    """Runs of two or more consecutive lines with tab-separated columns."""
    problems: list[Problem] = []
    run: list[int] = []
    for index, line in [*lines, (-2, "")]:
        if _TAB_COLUMNS.search(line) and (not run or run[-1] == index - 1):
            run.append(index)
            continue
        if len(run) >= 2:
            problems.append(problem("TABLE_TAB_SEPARATED", path, first_line + run[0], rows=len(run)))
        run = [index] if _TAB_COLUMNS.search(line) else []
    return problems
