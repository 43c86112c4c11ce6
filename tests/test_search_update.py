"""A search index updated in place — one item edited, added among older ones (the kept items'
postings shifted), removed, many changed (the postings made again) — writes the bytes of an index
made whole from the same items."""

from __future__ import annotations

import dataclasses
import pickle
import random
from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portalgen import search
from portalgen.content_types import SearchRecord
from portalgen.keptfiles import changes_file, read_tables, write_tables
from portalgen.search import SearchIndex, UnitEntry

UNITS = [UnitEntry("tinh-a", "Tỉnh A"), UnitEntry("tinh-a/xa-b", "Xã B")]
WORDS = ("hội nghị triển khai nhiệm vụ kế hoạch chuyển đổi số nông thôn mới đường giao thông "
         "trường học y tế đất đai thủ tục hành chính dịch vụ công văn bản quyết định").split()


def _record(rng: random.Random, number: int) -> SearchRecord:
    day = rng.randint(1, 28)
    return SearchRecord(unit=rng.choice(UNITS).path, path=f"tin-tuc/tin-{number}/", kind="news",
                        title=" ".join(rng.choices(WORDS, k=6)), date=f"2026-{rng.randint(1, 11):02d}-{day:02d}",
                        excerpt=" ".join(rng.choices(WORDS, k=12)), text=" ".join(rng.choices(WORDS, k=80)),
                        facets={"category": rng.choice(["Tin hoạt động", "Thông báo"])})


def _whole(records: list[SearchRecord]) -> dict[str, bytes]:
    return SearchIndex(UNITS, "tim-kiem/", incremental=False).update(records, lambda r: r.path)


@pytest.mark.parametrize("bulk", [0, 10**9], ids=["postings in bulk", "one by one"])
@pytest.mark.parametrize("seed", range(4))
def test_updates_in_place_write_the_bytes_of_a_whole_index(seed, bulk, monkeypatch):
    monkeypatch.setattr(search, "INCREMENTAL_UP_TO", 20)  # "many" is more than that
    monkeypatch.setattr(search, "BULK_POSTINGS", bulk)
    monkeypatch.setattr(search, "MAX_POSTINGS", 60)  # common words among 120 items
    renumbered = []
    original = SearchIndex._renumbered
    monkeypatch.setattr(SearchIndex, "_renumbered", lambda index, *a: renumbered.append(1) or original(index, *a))
    shifted, shift = [], search._shifted
    monkeypatch.setattr(search, "_shifted", lambda *a: shifted.append(1) or shift(*a))
    rng = random.Random(seed)
    records = [_record(rng, number) for number in range(120)]
    index = SearchIndex(UNITS, "tim-kiem/")
    index.update(records, lambda r: r.path)
    for step in range(12):
        how = rng.choice(["edit", "add", "remove", "many"])
        if how == "edit":
            at = rng.randrange(len(records))
            records[at] = _record(rng, int(records[at].path.split("-")[-1].rstrip("/")))
        elif how == "add":
            records.append(_record(rng, 1000 + step))  # dated anywhere: usually among older ones
        elif how == "remove" and len(records) > 1:
            records.pop(rng.randrange(len(records)))
        else:
            for at in rng.sample(range(len(records)), k=min(len(records), 60)):
                records[at] = _record(rng, 2000 + step * 100 + at)
        assert index.update(list(records), lambda r: r.path) == _whole(records), f"step {step}: {how}"
    assert renumbered  # items numbered anew were counted from their kept terms
    assert shifted and len(shifted) < len(renumbered)  # a few added or removed: the postings shifted


@pytest.mark.parametrize("seed", range(3))
def test_an_index_kept_in_a_cache_folder_updates_to_the_same_bytes(seed):
    """Pickled as the cache folder keeps it (texts by their hash, no item's terms but in the
    postings) and read back before every update, as each CI build does, the index still writes a
    whole index's bytes — whether a few items' terms are read from the postings or many."""
    rng, records, index = _indexed(seed)
    for step in range(10):
        kept = pickle.loads(pickle.dumps(index))
        assert kept.stored and all(len(record.text) == 32 for record in kept.ordered)
        assert kept.doc_terms is None
        how = _changed(rng, records, step, ["edit", "add", "remove", "none", "many"])
        assert kept.update(list(records), lambda r: r.path) == _whole(records), f"step {step}: {how}"
        index = kept


def _indexed(seed: int) -> tuple[random.Random, list[SearchRecord], SearchIndex]:
    """80 random records and an index of them that keeps their terms for updates."""
    rng = random.Random(seed)
    records = [_record(rng, number) for number in range(80)]
    index = SearchIndex(UNITS, "tim-kiem/")
    index.update(records, lambda r: r.path)
    return rng, records, index


def _changed(rng: random.Random, records: list[SearchRecord], step: int, hows: list[str]) -> str:
    """One of ``hows`` done to ``records`` (a text edited, a record added or removed, many texts
    edited, or none)."""
    how = rng.choice(hows)
    if how == "edit":
        at = rng.randrange(len(records))
        records[at] = dataclasses.replace(records[at], text=records[at].text + " " + rng.choice(WORDS))
    elif how == "add":
        records.append(_record(rng, 1000 + step))
    elif how == "remove":
        records.pop(rng.randrange(len(records)))
    elif how == "many":  # more than search.FEW_ITEMS edited at once
        for at in rng.sample(range(len(records)), k=min(len(records), 2 * search.FEW_ITEMS)):
            records[at] = dataclasses.replace(records[at], text=records[at].text + " " + rng.choice(WORDS))
    return how


@pytest.mark.parametrize("seed", range(3))
def test_unchanged_items_given_as_kept_records_without_text_update_to_the_same_bytes(seed):
    """A CI build gives an unchanged news item's record as the load memo keeps it (its texts by
    their hash): the update needs no text for it and still writes a whole index's bytes."""
    rng, records, index = _indexed(seed)
    for step in range(10):
        kept = pickle.loads(pickle.dumps(index))
        before = {id(record) for record in records}
        how = _changed(rng, records, step, ["edit", "add", "remove"])
        given = [search.stored_record(r) if id(r) in before else r for r in records]
        assert any(isinstance(r, search.StoredRecord) for r in given)
        assert kept.update(given, lambda r: r.path) == _whole(records), f"step {step}: {how}"
        index = kept


@pytest.mark.parametrize("how", ["edit", "add among older ones", "index made whole"])
def test_an_item_to_count_given_without_its_text_raises_and_leaves_the_index_as_it_was(how):
    """A kept record may stand only for an item the index holds as it is (the index may be older
    than the load memo, kept by a build with other options): else the update asks for the texts."""
    rng = random.Random(5)
    records = [_record(rng, number) for number in range(40)]
    index = SearchIndex(UNITS, "tim-kiem/")
    index.update(records, lambda r: r.path)
    kept = pickle.loads(pickle.dumps(index))
    if how == "edit":
        records[7] = dataclasses.replace(records[7], text=records[7].text + " đất đai")
    elif how == "add among older ones":
        records.append(dataclasses.replace(_record(rng, 500), date="2026-01-01"))
    else:
        kept = SearchIndex(UNITS, "tim-kiem/")
    state = pickle.dumps(kept)
    with pytest.raises(search.TextsNeeded):
        kept.update([search.stored_record(r) for r in records], lambda r: r.path)
    assert pickle.dumps(kept) == state
    assert kept.update(list(records), lambda r: r.path) == _whole(records)


@pytest.mark.parametrize("seed", range(3))
def test_an_index_kept_as_a_whole_and_its_changes_updates_to_the_same_bytes(seed, tmp_path):
    """Kept as a CI build keeps it (the whole once, then what each update changed: a list changed
    in place would be missed), read back before every update, the index writes a whole index's bytes."""
    rng, records, index = _indexed(seed)
    path, epoch = tmp_path / "index.pickle", "e" * 64
    write_tables(path, epoch, index.__getstate__(), None)
    whole = path.read_bytes()
    for step in range(8):
        read = read_tables(path, epoch, tuple(index.__getstate__()))
        assert read is not None
        kept = SearchIndex.kept_from(read.tables)
        at = rng.randrange(len(records))
        records[at] = dataclasses.replace(records[at], text=records[at].text + " " + rng.choice(WORDS))
        if step % 3 == 2:
            records.append(_record(rng, 1000 + step))  # (usually among older ones: the whole again)
        assert kept.update(list(records), lambda r: r.path) == _whole(records), f"step {step}"
        write_tables(path, epoch, kept.__getstate__(), read)
    assert changes_file(path).is_file() or path.read_bytes() != whole


@pytest.mark.parametrize("how", ["added as the newest", "the newest but one removed"])
def test_a_change_among_the_newest_items_writes_again_only_the_terms_they_have(how, monkeypatch):
    rng = random.Random(7)
    records = [_record(rng, number) for number in range(120)]
    index = SearchIndex(UNITS, "tim-kiem/")
    index.update(records, lambda r: r.path)
    ordered = SearchIndex.ordered_records(records)
    if how == "added as the newest":
        new = dataclasses.replace(_record(rng, 500), date="2026-12-31", text="tin mới nhất hôm nay")
        records.append(new)
        touched = [new]
    else:
        records.remove(ordered[-2])
        touched = ordered[-2:]
    whole, written, entry = _whole(records), [], SearchIndex._entry
    monkeypatch.setattr(SearchIndex, "_entry", lambda index, term, *a: written.append(term) or entry(index, term, *a))
    assert index.update(list(records), lambda r: r.path) == whole
    theirs = {term for record in touched for term in SearchIndex(UNITS, "tim-kiem/")._doc_terms(record)}
    assert written and set(written) <= theirs  # not every term of every shard they touch


@given(st.dictionaries(st.text(min_size=1), st.lists(st.integers(0, 10**6)), min_size=1))
def test_a_term_shard_splits_into_the_entries_it_was_joined_from(shard):
    data = search._json(shard)
    entries = search._entries(data, shard.keys())
    assert list(entries) == sorted(shard)
    assert all(entries[term] == search._json({term: shard[term]})[1:-1] for term in shard)
    assert b"{" + b",".join(entries.values()) + b"}" == data
    assert search._entries(data, list(shard) + ["another term"]) == {}  # not the terms it was written with


@given(st.lists(st.tuples(st.integers(0, 1 << 23), st.integers(1, 255)), min_size=1, max_size=400,
                unique_by=lambda posting: posting[0]),
       st.one_of(st.none(), st.integers(1, 300)))
def test_postings_written_in_bulk_are_those_written_one_by_one(postings, keep):
    packed = array("I", sorted(doc << 8 | score for doc, score in postings))
    index = SearchIndex(UNITS, "tim-kiem/")
    index.postings = {"từ": packed}
    index.common = {"từ": len(packed)} if keep is not None and len(packed) > keep else {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "MAX_POSTINGS", keep or search.MAX_POSTINGS)
        one_by_one = index._postings_json("từ")
    assert search._postings_values(packed, keep if index.common else None) == one_by_one


@pytest.mark.parametrize("count", [1, search.FEW_ITEMS + 1, 120], ids=["one", "a few more than few", "all"])
def test_a_kept_index_reads_its_items_terms_from_the_postings(count):
    rng = random.Random(count)
    records = [_record(rng, number) for number in range(120)]
    index = SearchIndex(UNITS, "tim-kiem/")
    index.update(records, lambda r: r.path)
    kept = pickle.loads(pickle.dumps(index))
    docs = rng.sample(range(120), count)
    assert kept._terms_of(docs) == {doc: index.doc_terms[doc] for doc in docs}
