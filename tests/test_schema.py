"""The schemas are the single source of truth: well-formed, titled in Vietnamese, matched by the model."""

from __future__ import annotations

import dataclasses
import typing

import pytest
from jsonschema import Draft202012Validator

from portalgen import model, schema
from portalgen.sources import Record


def _walk_properties(node: dict, where: str):
    for name, sub in node.get("properties", {}).items():
        yield f"{where}.{name}", sub
        yield from _walk_properties(sub, f"{where}.{name}")
        if isinstance(sub.get("items"), dict):
            yield from _walk_properties(sub["items"], f"{where}.{name}[]")
    for name, sub in node.get("$defs", {}).items():
        yield from _walk_properties(sub, f"{where}#{name}")


@pytest.mark.parametrize("name", sorted(schema.load_schemas()))
def test_schema_is_valid_draft_2020_12_with_vietnamese_titles(name):
    document = schema.load_schemas()[name]
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["$id"].endswith(f"/{name}.json")
    for where, sub in _walk_properties(document, name):
        assert sub.get("title") and sub.get("description"), f"{where} lacks a Vietnamese title or description"


def _dataclass_of(hint):
    for arg in (hint, *typing.get_args(hint)):
        if dataclasses.is_dataclass(arg):
            return arg
        for inner in typing.get_args(arg):
            if dataclasses.is_dataclass(inner):
                return inner
    return None


def _compare(cls, node, where):
    node, _ = schema._deref(node, where.split(".")[0])
    names = {f.name for f in dataclasses.fields(cls)} - model.PROVENANCE
    assert names == set(node["properties"]), f"{where}: dataclass {cls.__name__} and schema differ"
    required = {f.name for f in dataclasses.fields(cls)
                if f.default is dataclasses.MISSING and f.name not in model.PROVENANCE}
    assert required == set(node.get("required", [])), f"{where}: required fields differ"
    hints = typing.get_type_hints(cls)
    for name in names:
        inner = _dataclass_of(hints[name])
        if inner is not None:
            sub = node["properties"][name]
            sub = sub.get("items", sub) if "items" in sub or sub.get("type") == "array" else sub
            _compare(inner, sub, f"{where}.{name}")


@pytest.mark.parametrize("kind, cls", sorted(model.TYPES.items()))
def test_dataclasses_follow_the_schemas(kind, cls):
    _compare(cls, schema.load_schemas()[kind], kind)


def test_unknown_validator_keyword_gives_a_generic_problem(monkeypatch):
    record = Record(kind="page", path="p.md", data={"title": "A", "kind": "other"}, positions={"": (1, 1)})

    class Error:
        validator, validator_value, instance, message = "const", "x", "A", "'A' was expected"
        absolute_path: typing.ClassVar = ["title"]

    problems = schema._to_problems(record, Error())
    assert [p.code for p in problems] == ["FIELD_INVALID"]
    assert "expected" in problems[0].message()


def test_numbers_are_taken_as_text_where_text_is_expected():
    from portalgen.yamlio import parse_yaml

    parsed = parse_yaml("code: 37\nname: Tỉnh\ntype: tinh\nlevel: province\nagency: UBND\n"
                        "contacts: {address: A, phone: '0228 3649 535', email: a@b.vn}\n")
    record = Record(kind="unit", path="u.yaml", data=parsed.data, positions=parsed.positions, raw=parsed.raw)
    assert schema.validate(record) == []
    assert record.data["code"] == "37"
