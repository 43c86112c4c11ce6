"""Tables kept as a whole and the changes since (:func:`portalgen.keptfiles.write_tables`): read
back, they are what was written, whatever was set, added, removed, grown or cut; a few changes
leave the whole as it was, changes of more than a quarter of its bytes write it again; damaged
changes, or changes to another writing of the whole, are not trusted."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from portalgen import keptfiles
from portalgen.keptfiles import changes_file, read_tables, write_tables

EPOCH = "e" * 64
NAMES = ("entries", "rows", "count")
values = st.one_of(st.integers(), st.text(max_size=8), st.tuples(st.text(max_size=4), st.integers()))
tables = st.fixed_dictionaries({"entries": st.dictionaries(st.text(max_size=6), values, max_size=30),
                                "rows": st.lists(values, max_size=30), "count": st.integers()})
#: an edit: (what, which entry, new value)
edits = st.lists(st.tuples(st.sampled_from(["set", "drop", "append", "cut", "count"]),
                           st.integers(0, 40), values), max_size=12)


def _edited(tables: dict, edits: list) -> dict:
    entries, rows, count = dict(tables["entries"]), list(tables["rows"]), tables["count"]
    for what, which, value in edits:
        if what == "set":
            entries[f"k{which}"] = value
            if rows:
                rows[which % len(rows)] = value
        elif what == "drop":
            entries.pop(sorted(entries)[which % len(entries)], None) if entries else None
        elif what == "append":
            rows.append(value)
        elif what == "cut":
            del rows[which % (len(rows) + 1):]
        else:
            count = which
    return {"entries": entries, "rows": rows, "count": count}


@settings(max_examples=40, deadline=None)
@given(tables, st.lists(edits, max_size=5))
def test_tables_read_back_as_written_through_any_changes(tmp_path_factory, first, steps):
    path = tmp_path_factory.mktemp("kept") / "tables.pickle"
    write_tables(path, EPOCH, first, None)
    current = first
    for step in steps:
        read = read_tables(path, EPOCH, NAMES)
        assert read is not None and read.tables == current
        current = _edited(read.tables, step)
        write_tables(path, EPOCH, current, read)
    read = read_tables(path, EPOCH, NAMES)
    assert read is not None and read.tables == current


def test_a_few_changes_leave_the_whole_and_many_write_it_again(tmp_path, monkeypatch):
    path = tmp_path / "tables.pickle"
    first = {"entries": {f"k{n}": n for n in range(100)}, "rows": list(range(100)), "count": 1}
    write_tables(path, EPOCH, first, None)
    whole = path.read_bytes()
    read = read_tables(path, EPOCH, NAMES)
    write_tables(path, EPOCH, {**read.tables, "entries": {**read.tables["entries"], "k1": -1}}, read)
    assert path.read_bytes() == whole and changes_file(path).is_file()
    monkeypatch.setattr(keptfiles, "CHANGES_LEAST", 0)
    read = read_tables(path, EPOCH, NAMES)
    write_tables(path, EPOCH, {**read.tables, "rows": [-n for n in range(100)]}, read)
    assert path.read_bytes() != whole and not changes_file(path).exists()
    assert read_tables(path, EPOCH, NAMES).tables["rows"] == [-n for n in range(100)]


def test_one_entry_changed_past_a_quarter_of_the_whole_bytes_writes_the_whole_again(tmp_path, monkeypatch):
    monkeypatch.setattr(keptfiles, "CHANGES_LEAST", 0)
    path = tmp_path / "tables.pickle"
    write_tables(path, EPOCH, {"entries": {f"k{n}": f"{n:04d}" * 25 for n in range(100)}, "rows": [], "count": 1}, None)
    whole = path.read_bytes()
    read = read_tables(path, EPOCH, NAMES)
    write_tables(path, EPOCH, {**read.tables, "entries": {**read.tables["entries"], "k1": "y" * 100}}, read)
    assert path.read_bytes() == whole and changes_file(path).is_file()  # a hundredth of the bytes: apart
    read = read_tables(path, EPOCH, NAMES)
    write_tables(path, EPOCH, {**read.tables, "entries": {**read.tables["entries"], "k2": "z" * 5000}}, read)
    assert path.read_bytes() != whole and not changes_file(path).exists()  # one entry, half the bytes
    assert read_tables(path, EPOCH, NAMES).tables["entries"]["k2"] == "z" * 5000


def test_damaged_changes_or_changes_to_another_writing_are_not_trusted(tmp_path):
    path = tmp_path / "tables.pickle"
    first = {"entries": {"a": 1}, "rows": [1, 2], "count": 1}
    write_tables(path, EPOCH, first, None)
    read = read_tables(path, EPOCH, NAMES)
    write_tables(path, EPOCH, {**read.tables, "count": 2}, read)
    assert read_tables(path, EPOCH, NAMES).tables["count"] == 2
    data = bytearray(changes_file(path).read_bytes())
    data[random.Random(1).randrange(130, len(data))] ^= 0xFF
    changes_file(path).write_bytes(bytes(data))
    assert read_tables(path, EPOCH, NAMES).tables == first  # the whole, as it was written
    write_tables(path, EPOCH, {**read.tables, "count": 3}, read)
    write_tables(path, EPOCH, first, None)  # another writing of the whole: the changes name the first
    keptfiles.write_pickle(changes_file(path), EPOCH,
                           {"written": read.written, "changes": {"count": ("value", 3)}})
    assert read_tables(path, EPOCH, NAMES).tables == first
    assert read_tables(path, "f" * 64, NAMES) is None  # another epoch
