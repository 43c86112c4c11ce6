"""The content schemas: loading ``content-schema/``, validating records, building model objects.

Validation errors become problems pointing at the line of the field concerned, worded for
editors with the field's Vietnamese title from the schema.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import types
import typing
from dataclasses import MISSING, fields, is_dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema_rs

from . import dates, vn
from .content_types import REGISTRY
from .problems import Problem, problem
from .sources import Record
from .yamlio import pointer_to_field

SCHEMA_PACKAGE = "portalgen.content_schema"
#: The schemas that are not content types of the registry.
FIXED_KINDS = ("portal", "requirements", "unit")

_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def parse_date(text: str) -> dt.date | None:
    """A date, or the day of a date and time (see :mod:`portalgen.dates`)."""
    return dates.parse_day(text)


def parse_datetime(text: str) -> dt.datetime | None:
    """A date or a date and time in Vietnam time; a bare date means its midnight."""
    return dates.parse_moment(text)


@functools.cache
def _format_checker():
    from jsonschema import FormatChecker

    formats = FormatChecker(formats=())
    formats.checks("date")(lambda v: not isinstance(v, str) or parse_date(v) is not None)
    formats.checks("date-or-datetime")(lambda v: not isinstance(v, str) or parse_datetime(v) is not None)
    formats.checks("email")(lambda v: not isinstance(v, str) or bool(_EMAIL_RE.match(v)))
    return formats


def schema_root():
    """The ``content-schema/`` folder: the checkout's, or the copy installed with the package."""
    checkout = Path(__file__).resolve().parent.parent / "content-schema"
    return checkout if checkout.is_dir() else resources.files(SCHEMA_PACKAGE)


def kinds() -> tuple[str, ...]:
    """Every kind of file with a schema: the portal, the regimes, units and each content type."""
    return FIXED_KINDS + REGISTRY.kinds()


def load_schemas() -> dict[str, dict]:
    """Every schema by name (``news``, ``common``…): ``content-schema/``'s, and those the
    registry's content types bring themselves."""
    return {**_schema_files(), **{t.kind: dict(t.schema) for t in REGISTRY if t.schema is not None}}


@functools.cache
def _schema_files() -> dict[str, dict]:
    folder = schema_root()
    return {entry.name[:-5]: json.loads(entry.read_text(encoding="utf-8"))
            for entry in folder.iterdir() if entry.name.endswith(".json")}


@functools.cache
def _registry():
    from referencing import Registry, Resource

    return Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in load_schemas().values())


@functools.cache
def inlined(kind: str) -> dict:
    """The schema of a content type with every reference resolved in advance (much faster)."""
    return _inline(load_schemas()[kind], kind)


@functools.cache
def validator(kind: str):
    """A jsonschema (draft 2020-12) validator for one content type; imported only when a record
    needs its problems explained (see :func:`validate`) or a tool reads the schema through it."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(inlined(kind), registry=_registry(), format_checker=_format_checker())


def _inline(node, base: str):
    """A copy of a schema with every ``$ref`` replaced by its target (the field's own title and
    description kept); schemas here are not recursive, so this terminates."""
    if isinstance(node, list):
        return [_inline(item, base) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target, target_base = _deref({"$ref": node["$ref"]}, base)
        merged = {**_inline(target, target_base), **{k: v for k, v in node.items() if k != "$ref"}}
        return merged
    return {key: (value if key in ("enum", "required", "const") else _inline(value, base))
            for key, value in node.items()}


def field_schema(kind: str, parts: typing.Sequence[str | int]) -> dict:
    """The schema of a field given its path, with its own title and description."""
    node = load_schemas()[kind]
    base = kind
    for part in parts:
        node, base = _deref(node, base)
        if isinstance(part, int) or (isinstance(part, str) and part.isdigit()):
            node = node.get("items", {})
        else:
            props = node.get("properties", {})
            extra = node.get("additionalProperties")
            node = props.get(part, extra if isinstance(extra, dict) else {})
    return node


def _deref(node: dict, base: str) -> tuple[dict, str]:
    while "$ref" in node and "properties" not in node and "items" not in node:
        target, _, fragment = node["$ref"].partition("#")
        base = target[:-5] if target else base
        node = load_schemas()[base]
        for piece in fragment.strip("/").split("/") if fragment else []:
            node = node[piece]
    return node, base


_TYPE_NAMES = {"string": ("văn bản", "text"), "integer": ("số nguyên", "a whole number"),
               "number": ("số", "a number"), "boolean": ("true hoặc false", "true or false"),
               "array": ("danh sách (các dòng bắt đầu bằng “- ”)", "a list (lines starting with \"- \")"),
               "object": ("nhóm trường (các dòng “tên: giá trị” thụt vào)", "a group of \"name: value\" lines"),
               "null": ("để trống", "empty")}


def _type_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


@functools.cache
def quick_validator(kind: str):
    """The same schema compiled by jsonschema-rs (Rust, some 25 times faster), with the same
    formats; None when it cannot compile it.  It only tells valid from invalid: :func:`validate`
    asks jsonschema for the problems of a record it finds invalid."""
    formats = {"date": lambda value: parse_date(value) is not None,
               "date-or-datetime": lambda value: parse_datetime(value) is not None,
               "email": lambda value: bool(_EMAIL_RE.match(value))}
    try:
        return jsonschema_rs.validator_for(inlined(kind), formats=formats, validate_formats=True)
    except (ValueError, jsonschema_rs.ValidationError):
        return None


def validate(record: Record) -> list[Problem]:
    """Check a record against its schema; numbers written where text is expected are taken as text."""
    if record.data is None:
        return []
    quick = quick_validator(record.kind)
    if quick is not None and quick.is_valid(record.data):
        return []
    errors = list(validator(record.kind).iter_errors(record.data))
    if _coerce_numbers(record, errors):
        errors = list(validator(record.kind).iter_errors(record.data))
    problems: list[Problem] = []
    for error in errors:
        problems.extend(_to_problems(record, error))
    return problems


def _coerce_numbers(record: Record, errors: list) -> bool:
    changed = False
    for error in errors:
        pointer = _pointer(error.absolute_path)
        if error.validator == "type" and error.validator_value == "string" and pointer in record.raw:
            _set(record.data, list(error.absolute_path), record.raw[pointer])
            changed = True
    return changed


def _set(data: Any, path: list, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _pointer(path: typing.Iterable) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


class _Described(typing.TypedDict):
    title: str
    description: str


def _describe(kind: str, path: list) -> _Described:
    """The field's title, and its description followed by that of the type it refers to."""
    node = field_schema(kind, path)
    description = node.get("description", "")
    target = _deref(node, kind)[0].get("description", "")
    if target and target != description:
        description = f"{description} {target}".strip()
    return {"title": node.get("title", ""), "description": description}


def _suggest(value: str, choices: typing.Iterable[str]) -> dict[str, str]:
    match = vn.suggest(value, choices)
    return {"suggestion_vi": f" Có phải ý bạn là “{match}”?" if match else "",
            "suggestion_en": f" Did you mean \"{match}\"?" if match else ""}


def _to_problems(record: Record, error) -> list[Problem]:
    path = list(error.absolute_path)
    pointer = _pointer(path)
    line, col = record.at(pointer)
    kind = record.kind
    where = dict(field=pointer_to_field(pointer), **_describe(kind, path))
    value = error.instance
    shown = value if isinstance(value, (str, int, float)) else json.dumps(value, ensure_ascii=False)

    def make(code: str, **args: Any) -> Problem:
        merged = {**where, **args}
        fld = merged.pop("field")
        return problem(code, record.path, line, col, field=fld, **merged)

    validator_name = error.validator
    if validator_name in ("required", "dependentRequired"):
        missing = _missing(error)
        out = []
        for name in missing:
            child = path + [name]
            parent_line, _ = record.at(pointer)
            out.append(problem("FIELD_MISSING", record.path, parent_line, None,
                               field=pointer_to_field(_pointer(child)), key=name, **_describe(kind, child)))
        return out
    if validator_name == "additionalProperties":
        allowed = list(field_schema(kind, path).get("properties", {}) or _deref(field_schema(kind, path), kind)[0]
                       .get("properties", {}))
        titles = {vn.slugify(field_schema(kind, path + [a]).get("title", "")): a for a in allowed}
        out = []
        for extra in sorted(set(value) - set(allowed)):
            child_pointer = _pointer(path + [extra])
            extra_line, extra_col = record.at(child_pointer)
            guess = vn.suggest(extra, allowed) or titles.get(vn.slugify(extra), "")
            out.append(problem(
                "FIELD_UNKNOWN", record.path, extra_line, extra_col, field=pointer_to_field(child_pointer),
                content_type=load_schemas()[kind]["title"], content_type_en=kind, allowed=", ".join(allowed),
                suggestion_vi=f" Có phải ý bạn là “{guess}”?" if guess else "",
                suggestion_en=f" Did you mean \"{guess}\"?" if guess else ""))
        return out
    if validator_name == "type":
        if value is None or value == "":
            return [make("FIELD_EMPTY")]
        expected = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        found = _type_of(value)
        return [make("FIELD_TYPE", expected=_TYPE_NAMES[expected][0], expected_en=_TYPE_NAMES[expected][1],
                     found=_TYPE_NAMES[found][0], found_en=_TYPE_NAMES[found][1])]
    if validator_name == "enum":
        if value is None:
            return []  # an empty field: its type error already says FIELD_EMPTY
        allowed = [str(v) for v in error.validator_value]
        return [make("FIELD_ENUM", value=shown, allowed=", ".join(allowed), **_suggest(str(value), allowed))]
    if validator_name == "format":
        code = "EMAIL_INVALID" if error.validator_value == "email" else _date_code(value)
        return [make(code, value=shown)]
    if validator_name == "pattern":
        return [make("FIELD_PATTERN", value=shown)]
    if validator_name in ("minLength", "minItems", "minProperties"):
        return [make("FIELD_EMPTY")]
    if validator_name == "maxLength":
        return [make("FIELD_TOO_LONG", length=len(value), limit=error.validator_value)]
    if validator_name in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        sign = {"minimum": "≥", "maximum": "≤", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}[validator_name]
        return [make("FIELD_RANGE", value=shown, limit=f"{sign} {error.validator_value}")]
    if validator_name == "propertyNames":
        bad = next((k for k in value if not re.match(error.validator_value.get("pattern", ".*"), k)), "")
        return [make("FIELD_PATTERN", value=bad)]
    return [make("FIELD_INVALID", detail=error.message)]


def _date_code(value: Any) -> str:
    """``DATE_INVALID`` for an accepted form naming no real day, else ``DATE_FORM_UNSUPPORTED``."""
    return "DATE_INVALID" if isinstance(value, str) and dates.form_supported(value) else "DATE_FORM_UNSUPPORTED"


def _missing(error) -> list[str]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    if error.validator == "required":
        return [name for name in error.validator_value if name not in instance]
    return [dep for key, deps in error.validator_value.items() if key in instance
            for dep in deps if dep not in instance]


# --- model objects ------------------------------------------------------------------------------

@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def build(cls: type, data: dict, **provenance: Any) -> Any:
    """A frozen dataclass from validated data: dates parsed, lists made tuples, nested types built."""
    hints = _hints(cls)
    values = dict(provenance)
    for f in fields(cls):
        if f.name in data and data[f.name] is not None:
            values[f.name] = _convert(hints[f.name], data[f.name])
    return cls(**values)


def build_partial(cls: type, data: dict, broken: frozenset[str], **provenance: Any) -> Any:
    """A model object from the valid fields of a record with schema errors: the ``broken`` fields
    (and required fields that are missing) are None.  Only ever read through ``load.Partial``."""
    hints = _hints(cls)
    values: dict[str, Any] = {f.name: None for f in fields(cls)
                              if f.default is MISSING and f.default_factory is MISSING}
    for f in fields(cls):
        if f.name in data and data[f.name] is not None and f.name not in broken:
            values[f.name] = _convert(hints[f.name], data[f.name])
    return cls(**{**values, **provenance})  # a stray `path:` in the file is not where it was read from


def _convert(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
        origin = typing.get_origin(hint)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_convert(item, v) for v in value)
    if hint is dt.date:
        return parse_date(value)
    if hint is dt.datetime:
        return parse_datetime(value)
    if isinstance(hint, type) and is_dataclass(hint):
        return build(hint, value)
    return value
