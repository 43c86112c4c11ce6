"""YAML parsing that remembers where every field is and never raises on bad input.

Values are read with a conservative resolver close to YAML 1.2: dates and times stay text (the
schema checks their form), ``yes``/``no``/``on``/``off`` stay text, numbers with a leading zero
(phone numbers, commune codes) stay text, and ``08:30`` is not a sexagesimal number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, cast

import yaml

try:  # libyaml's parser is ten times faster; fall back to the pure-Python one.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_NODES = 50_000
MAX_DEPTH = 64

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


class _Loader(_BaseLoader):
    """The safe loader with only the implicit types editors expect."""

    yaml_implicit_resolvers: dict = {}


_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver(_INT, re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*))$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    _FLOAT, re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?)$"), list("-+0123456789"))
_Loader.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])

Position = tuple[int, int]


@dataclass
class Parsed:
    """The result of parsing: data (None on failure), positions of fields and the issues found.

    ``positions`` maps a JSON pointer (``/leaders/0/email``) to the 1-based (line, column) of the
    field's key, or of the item for list entries; ``""`` is the document start.  ``raw`` keeps the
    source text of numbers so a field that expects text can take them as written.
    ``issues`` are ``(code, line, col, args)`` tuples.
    """

    data: Any = None
    positions: dict[str, Position] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    issues: list[tuple[str, int | None, int | None, dict[str, Any]]] = field(default_factory=list)


class _TooComplex(Exception):
    pass


_ADVICE = [
    ("found character '\\t'", "Không dùng phím Tab để thụt lề; hãy dùng dấu cách.",
     "Do not indent with Tab; use spaces."),
    ("mapping values are not allowed", "Có dấu hai chấm “: ” trong giá trị: đặt cả giá trị trong dấu nháy kép \"…\".",
     "A value holds \": \": put the whole value in double quotes."),
    ("could not find expected ':'", "Thiếu dấu hai chấm sau tên trường, hoặc một giá trị nhiều dòng chưa thụt lề.",
     "A colon is missing after a field name, or a multi-line value is not indented."),
    ("expected <block end>", "Các dòng cùng cấp phải thụt lề bằng nhau.",
     "Lines at the same level must be indented equally."),
    ("found undefined alias", "Dấu * ở đầu giá trị có nghĩa riêng trong YAML: đặt giá trị trong dấu nháy.",
     "A leading * means an alias in YAML: quote the value."),
    ("found character '@'", "Giá trị bắt đầu bằng @, ` hoặc % phải đặt trong dấu nháy.",
     "A value starting with @, ` or % must be quoted."),
    ("found character '`'", "Giá trị bắt đầu bằng @, ` hoặc % phải đặt trong dấu nháy.",
     "A value starting with @, ` or % must be quoted."),
    ("found character '%'", "Giá trị bắt đầu bằng @, ` hoặc % phải đặt trong dấu nháy.",
     "A value starting with @, ` or % must be quoted."),
    ("found unexpected end of stream", "Một dấu nháy mở chưa được đóng.", "A quote is opened but never closed."),
    ("found unknown escape character", "Trong dấu nháy kép, dấu \\ phải viết thành \\\\ (hoặc dùng nháy đơn).",
     "Inside double quotes write \\ as \\\\ (or use single quotes)."),
]


def advice_for(detail: str, lang: str) -> str:
    for needle, vi, en in _ADVICE:
        if needle in detail:
            return en if lang == "en" else vi
    return ("Check the indentation, colons and quotes around this line."
            if lang == "en" else "Kiểm tra thụt lề, dấu hai chấm và dấu nháy quanh dòng này.")


def parse_yaml(text: str, line_offset: int = 0) -> Parsed:
    """Parse one YAML document; never raises.  ``line_offset`` shifts reported lines."""
    result = Parsed()
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        col = mark.column + 1 if mark else None
        detail = exc.problem or exc.context or "unreadable"
        if mark and "\t" in _line_at(text, mark.line):
            detail = "found character '\\t' that cannot start any token"
        elif mark and _line_at(text, mark.line)[mark.column:mark.column + 1] in ("@", "`", "%"):
            detail = f"found character '{_line_at(text, mark.line)[mark.column]}' that cannot start any token"
        result.issues.append(("YAML_SYNTAX", line, col, {"detail": detail, "advice": advice_for(detail, "vi"),
                                                        "advice_en": advice_for(detail, "en")}))
        return result
    except yaml.YAMLError as exc:  # errors without a position (e.g. several documents)
        result.issues.append(("YAML_SYNTAX", 1 + line_offset, None, {"detail": str(exc).splitlines()[0],
                                                                   "advice": advice_for("", "vi"),
                                                                   "advice_en": advice_for("", "en")}))
        return result
    finally:
        loader.dispose()
    if node is None:
        result.data = None
        return result
    converter = _Converter(loader, result, line_offset)
    try:
        result.data = converter.convert(node, "", 0)
    except _TooComplex:
        result.data = None
        result.issues.append(("YAML_TOO_COMPLEX", node.start_mark.line + 1 + line_offset, None, {}))
    result.positions.setdefault("", (1 + line_offset, 1))
    return result


class _Converter:
    """Turns composed nodes into plain Python values, recording positions and duplicate keys."""

    def __init__(self, loader: Any, result: Parsed, line_offset: int) -> None:
        self.loader = loader
        self.result = result
        self.offset = line_offset
        self.count = 0
        self.active: set[int] = set()

    def _pos(self, node: yaml.Node) -> Position:
        return node.start_mark.line + 1 + self.offset, node.start_mark.column + 1

    def convert(self, node: yaml.Node, pointer: str, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH or id(node) in self.active:
            raise _TooComplex
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, pointer)
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                items = []
                for index, child in enumerate(node.value):
                    child_pointer = f"{pointer}/{index}"
                    self.result.positions[child_pointer] = self._pos(child)
                    items.append(self.convert(child, child_pointer, depth + 1))
                return items
            return self._mapping(cast(yaml.MappingNode, node), pointer, depth)  # the composer's third kind
        finally:
            self.active.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, pointer: str, depth: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _TooComplex
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = self._pos(key_node)
                self.result.issues.append(("YAML_BAD_KEY", line, col, {}))
                continue
            key = str(key_node.value)
            line, col = self._pos(key_node)
            child_pointer = f"{pointer}/{_escape(key)}"
            if key in mapping:
                self.result.issues.append(("YAML_DUPLICATE_KEY", line, col,
                                           {"key": key, "first_line": first_line[key], "pointer": child_pointer}))
                continue
            first_line[key] = line
            self.result.positions[child_pointer] = (line, col)
            mapping[key] = self.convert(value_node, child_pointer, depth + 1)
        return mapping

    def _scalar(self, node: yaml.ScalarNode, pointer: str) -> Any:
        value = node.value
        if node.tag == _STR or node.style in ("'", '"', "|", ">"):
            return value
        if node.tag == _NULL:
            return None
        if node.tag == _BOOL:
            return value.lower() == "true"
        if node.tag in (_INT, _FLOAT):
            self.result.raw[pointer] = value
            try:
                return int(value) if node.tag == _INT else float(value)
            except ValueError:  # a huge number, or an explicit !!int on text: keep the text
                return value
        return value  # explicit tags such as !!binary are kept as the text written


def _line_at(text: str, index: int) -> str:
    lines = text.splitlines()
    return lines[index] if 0 <= index < len(lines) else ""


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def pointer_to_field(pointer: str) -> str:
    """``/leaders/0/email`` → ``leaders[0].email``: how editors read a field path."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
    text = ""
    for part in parts:
        if part.isdigit():
            text += f"[{part}]"
        else:
            text += ("." if text else "") + part
    return text
