"""The schemas are the single source of truth: well-formed, titled in Vietnamese, matched by the model."""

from __future__ import annotations

import dataclasses
import json
import typing

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from portalgen import model, schema
from portalgen.content_types import REGISTRY
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


@pytest.mark.parametrize("kind, cls", [("unit", model.Unit), *sorted((t.kind, t.model) for t in REGISTRY)])
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


# --- the quick validator (jsonschema-rs) never accepts what jsonschema refuses ---------------------

def _demo_records() -> list[Record]:
    from portalgen.sources import read_portal

    from conftest import THREE_LEVEL

    files = read_portal(THREE_LEVEL)
    records = [unit.record for unit in files.units] + [files.config]
    records += [r for unit in files.units for items in unit.items.values() for r in items]
    records += [r for items in files.catalog.values() for r in items]
    return [r for r in records if r.data is not None]


_RECORDS = _demo_records()
_VALUES = st.recursive(st.none() | st.booleans() | st.integers(-5, 10**6) | st.floats(allow_nan=False)
                       | st.sampled_from(["", " ", "a", "2026-11-27", "2026-02-30", "2026-11-27 08:30", "2026-13-01",
                                          "a@b.vn", "a@b", "0228 3649 535", "x\n", "https://a.vn/", "published",
                                          "draft", "tin-hoat-dong", "2026-W48", "08:30", "25:00", "Quyết định"])
                       | st.text(max_size=12),
                       lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children,
                                                                                            max_size=3),
                       max_leaves=6)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(range(len(_RECORDS))), st.data())
def test_what_the_quick_validator_accepts_jsonschema_accepts(number, data):
    record = _RECORDS[number]
    instance = json.loads(json.dumps(record.data, default=str))
    keys = sorted(instance) if isinstance(instance, dict) else []
    for _ in range(data.draw(st.integers(1, 3))):
        target = instance
        path = data.draw(st.lists(st.integers(0, 5), max_size=2))
        for step in path:  # a random place inside the record
            if isinstance(target, dict) and target:
                inner = sorted(target)[step % len(target)]
                if isinstance(target[inner], (dict, list)) and target[inner]:
                    target = target[inner]
            elif isinstance(target, list) and target and isinstance(target[step % len(target)], (dict, list)):
                target = target[step % len(target)]
        if isinstance(target, dict):
            name = data.draw(st.sampled_from(sorted(target) + keys + ["extra"]))
            if data.draw(st.booleans()) and name in target:
                del target[name]
            else:
                target[name] = data.draw(_VALUES)
        elif isinstance(target, list):
            target.append(data.draw(_VALUES))
    quick = schema.quick_validator(record.kind)
    assert quick is not None
    if quick.is_valid(instance):
        assert not list(schema.validator(record.kind).iter_errors(instance)), instance


@pytest.mark.parametrize("kind", schema.kinds())
def test_every_schema_compiles_for_the_quick_validator(kind):
    assert schema.quick_validator(kind) is not None


def _strings(node, where="#"):
    """Every string-valued schema node below ``node`` with its JSON pointer."""
    if isinstance(node, dict):
        if node.get("type") == "string":
            yield where, node
        for key, value in node.items():
            yield from _strings(value, f"{where}/{key}")
    elif isinstance(node, list):
        for number, value in enumerate(node):
            yield from _strings(value, f"{where}/{number}")


@pytest.mark.parametrize("name", sorted(schema.load_schemas()))
def test_every_free_text_field_has_a_length_limit(name):
    """A 60,000-character title would reach the search index and every list page: every text
    field is bounded (dates and choices are bounded by their form)."""
    unbounded = [where for where, node in _strings(schema.load_schemas()[name])
                 if "maxLength" not in node and "enum" not in node
                 and node.get("format") not in ("date", "date-or-datetime")]
    assert not unbounded, unbounded
