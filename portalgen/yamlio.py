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


def _syntax_issue(exc: yaml.MarkedYAMLError, text: str, offset: int) -> tuple[str, int | None, int | None, dict]:
    """A PyYAML error as one of the ``YAML_*`` codes an editor can act on; ``detail`` (PyYAML's own
    English words) is kept only for the English message of the fallback ``YAML_SYNTAX``."""
    code, line, col, args = _classify(exc, text, offset)
    return code, line, col, {"col": col, **args} if col is not None else args


def _classify(exc: yaml.MarkedYAMLError, text: str, offset: int) -> tuple[str, int | None, int | None, dict]:
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return "YAML_SYNTAX", 1 + offset, None, {"detail": exc.problem or exc.context or "unreadable"}
    line, col = mark.line + 1 + offset, mark.column + 1
    opened = exc.context_mark.line + 1 + offset if exc.context_mark else line
    source = _line_at(text, mark.line)
    detail = exc.problem or exc.context or ""
    context = exc.context or ""
    before = source[:mark.column].rstrip()
    if "\t" in source or "tab" in detail:
        return "YAML_TAB", line, source.index("\t") + 1 if "\t" in source else col, {}
    if source[mark.column:mark.column + 1] in ("@", "`", "%") and "cannot start any token" in detail:
        return "YAML_RESERVED_START", line, col, {"char": source[mark.column]}
    if "end of stream" in detail and "quoted scalar" in context:
        start = exc.context_mark or mark
        return "YAML_QUOTE_UNCLOSED", start.line + 1 + offset, start.column + 1, {}
    for closing, opening in (("]", "["), ("}", "{")):
        if f"',' or '{closing}'" in detail:
            return "YAML_BRACKET_UNCLOSED", line, col, {"open_line": opened, "opening": opening, "closing": closing}
    if "mapping values are not allowed" in detail:
        return "YAML_COLON_IN_VALUE", line, col, {}
    if "did not find expected key" in detail or "expected <block end>" in detail:
        inside = before.endswith(("'", '"')) and source[mark.column:].strip()
        return ("YAML_QUOTE_INSIDE" if inside else "YAML_INDENT"), line, col, {}
    if "could not find expected ':'" in detail:
        return "YAML_COLON_MISSING", opened, None, {}
    if "undefined alias" in detail:
        return "YAML_ALIAS", line, col, {}
    if "unknown escape character" in detail:
        return "YAML_ESCAPE", line, col, {}
    if "single document" in context:
        return "YAML_SEVERAL_DOCUMENTS", line, None, {}
    return "YAML_SYNTAX", line, col, {"detail": detail or "unreadable"}


def parse_yaml(text: str, line_offset: int = 0) -> Parsed:
    """Parse one YAML document; never raises.  ``line_offset`` shifts reported lines."""
    result = Parsed()
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        result.issues.append(_syntax_issue(exc, text, line_offset))
        return result
    except yaml.YAMLError as exc:  # errors without a position (a control character the reader refuses)
        result.issues.append(("YAML_SYNTAX", 1 + line_offset, None, {"detail": str(exc).splitlines()[0]}))
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
