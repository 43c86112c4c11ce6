"""Property-based tests: no input, however broken, makes a loader raise; every failure is a problem."""

from __future__ import annotations

import datetime as dt
import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portalgen.check import check_portal
from portalgen.schema import validate
from portalgen.sources import Record, read_markdown_record, read_yaml_record
from portalgen.yamlio import parse_yaml

from portal_builder import portal_2025

NOW = dt.datetime(2026, 11, 27, 12, 0)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

yaml_alphabet = st.sampled_from(list(string.printable) + list("ắệđƯ:-#&*!|>'\"{}[],?%@`\t\n "))
yamlish = st.text(alphabet=yaml_alphabet, max_size=300)


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_in_yaml_and_markdown_files(tmp_path, data):
    (tmp_path / "x.yaml").write_bytes(data)
    (tmp_path / "x.md").write_bytes(b"---\n" + data)
    for reader, name, kind in ((read_yaml_record, "x.yaml", "document"), (read_markdown_record, "x.md", "news")):
        problems = []
        record = reader(tmp_path, name, kind, problems)
        if record.data is None:
            assert problems, f"{name}: unreadable content without a reported problem"
        else:
            validate(record)


@SETTINGS
@given(yamlish)
def test_random_yaml_text_never_raises(text):
    parsed = parse_yaml(text)
    if parsed.data is None and text.strip() and not text.strip().startswith("#"):
        assert parsed.issues or parsed.data is None


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20)
field_names = st.sampled_from(["title", "date", "summary", "category", "status", "files", "number", "type",
                               "issue_date", "entries", "week", "steps", "code", "contacts", "leaders", "image",
                               "attachments", "tittle", "opens", "closes", "asked", "answer"])


@SETTINGS
@given(st.sampled_from(["unit", "news", "page", "document", "procedure", "schedule", "consultation",
                        "procurement", "faq"]),
       st.dictionaries(field_names, json_values, max_size=8))
def test_random_records_validate_to_problems(kind, data):
    text = yaml.safe_dump(data, allow_unicode=True)
    parsed = parse_yaml(text)
    record = Record(kind=kind, path="x.yaml", data=parsed.data, positions=parsed.positions, raw=parsed.raw)
    for item in validate(record):
        assert item.message("vi") and item.message("en") and item.source.path == "x.yaml"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(["tinh-a/unit.yaml", "tinh-a/xa-b/unit.yaml", "portal.yaml",
                               "tinh-a/news/2026/hoi-nghi.md", "tinh-a/documents/qd-15-2026.yaml",
                               "tinh-a/schedule/2026-W48.yaml", "catalog/procedures/commune/khai-sinh.yaml"]),
       data=st.binary(max_size=300) | yamlish.map(lambda t: t.encode("utf-8")))
def test_whole_portal_with_one_random_file(tmp_path_factory, target, data):
    root = portal_2025(tmp_path_factory.mktemp("portal"))
    (root / target).write_bytes(data)
    result = check_portal(root, NOW)
    assert result.problems, "a random file should at least be reported"
