"""YAML reading: editor-friendly types, positions, duplicate keys, hostile input."""

from __future__ import annotations

from portalgen.yamlio import parse_yaml, pointer_to_field


def test_values_keep_the_form_editors_wrote():
    parsed = parse_yaml("date: 2026-11-27\ntime: 08:30\nphone: 0912345678\ncode: 00004\n"
                        "answer: yes\ncount: 3\nratio: 1.5\nflag: true\nempty:\n")
    assert parsed.data == {"date": "2026-11-27", "time": "08:30", "phone": "0912345678", "code": "00004",
                           "answer": "yes", "count": 3, "ratio": 1.5, "flag": True, "empty": None}
    assert parsed.raw == {"/count": "3", "/ratio": "1.5"}
    assert parsed.issues == []


def test_invalid_date_is_text_not_an_exception():
    assert parse_yaml("date: 2017-13-45\n").data == {"date": "2017-13-45"}


def test_positions_of_nested_fields():
    parsed = parse_yaml("title: A\nleaders:\n  - name: B\n    email: c@d.vn\n")
    assert parsed.positions["/title"] == (1, 1)
    assert parsed.positions["/leaders/0"] == (3, 5)
    assert parsed.positions["/leaders/0/email"] == (4, 5)


def test_line_offset_for_front_matter():
    assert parse_yaml("title: A\nsummary: B\n", line_offset=1).positions["/summary"] == (3, 1)


def test_duplicate_key_is_reported_with_both_lines():
    parsed = parse_yaml("title: A\ndate: 2026-01-01\ntitle: B\n")
    assert parsed.data["title"] == "A"
    code, line, col, args = parsed.issues[0]
    assert (code, line, col, args["key"], args["first_line"]) == ("YAML_DUPLICATE_KEY", 3, 1, "title", 1)


def test_syntax_error_has_position_and_advice():
    parsed = parse_yaml("title: Hội nghị: tổng kết\n")
    code, line, col, args = parsed.issues[0]
    assert (code, line, col, args) == ("YAML_COLON_IN_VALUE", 1, 16, {"col": 16})
    assert parsed.data is None


def test_tab_indentation_gets_specific_advice():
    code, line, col, _ = parse_yaml("tags:\n\t- a\n").issues[0]
    assert (code, line, col) == ("YAML_TAB", 2, 1)


def test_alias_bomb_and_recursion_are_refused():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcde", "bcdef"))
    assert parse_yaml(bomb).issues[0][0] == "YAML_TOO_COMPLEX"
    assert parse_yaml("a: &a [*a]\n").issues[0][0] == "YAML_TOO_COMPLEX"
    assert parse_yaml("[" * 200 + "]" * 200).issues[0][0] in ("YAML_TOO_COMPLEX", "YAML_BRACKET_UNCLOSED")


def test_unsafe_tags_are_plain_text():
    assert parse_yaml("a: !!python/object/apply:os.system [ls]\n").data == {"a": ["ls"]}


def test_several_documents_are_a_syntax_problem():
    assert parse_yaml("a: 1\n---\nb: 2\n").issues[0][0] == "YAML_SEVERAL_DOCUMENTS"


def test_pointer_to_field():
    assert pointer_to_field("/leaders/0/email") == "leaders[0].email"
    assert pointer_to_field("/a~1b") == "a/b"
    assert pointer_to_field("") == ""
