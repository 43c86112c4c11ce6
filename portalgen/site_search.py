"""A site's search index as one of its outputs: written by the parent while the workers render.

The terms of a large index (more than :data:`ITEMS_PER_PART` items, in a build whose workers
fork) are first counted by the workers, in slices of its items in index order (:func:`part`: only
the slice's texts are made); each slice's postings come back packed and this process merges them
in order — the same postings, term order and bytes as counting them itself.
"""

from __future__ import annotations

from typing import Callable, Iterator

from . import urls
from .content_types import SearchRecord
from .markup import text_of
from .resolve import SiteTree
from .search import INDEX_DIR, Postings, SearchIndex, StoredRecord, TextsNeeded, UnitEntry, searchable, site_records

#: In a parallel build, the search index of a site with more items than this has its items' terms
#: counted by the workers, this many items a task, while this process writes the other indexes.
ITEMS_PER_PART = 2_500


class SearchMemo:
    """What the search indexes keep between the builds of one process (``portalgen serve``): each
    site's :class:`portalgen.search.SearchIndex`, updated in place, the searchable text of bodies
    and each news item's search record."""

    keeps_indexes = True

    def __init__(self) -> None:
        self.indexes: dict[str, SearchIndex] = {}
        self.texts: dict[str, str] = {}
        self._used: dict[str, str] = {}
        self.records: tuple[dict, dict] | None = ({}, {})  # news items' records: previous build's, this build's

    def text(self, body: str) -> str:
        """:func:`portalgen.markup.text_of`, once per body for as long as the body is in use."""
        found = self._used.get(body)
        if found is None:
            found = self._used[body] = self.texts.get(body) or text_of(body)
        return found

    def updates(self, site: str) -> bool:
        """Whether the index of ``site`` is updated in this process from what it keeps (else the
        workers count its terms first, in parts)."""
        return True

    def updates_apart(self, site: str) -> bool:
        """Whether a worker may update the index of ``site`` and keep it itself (:meth:`keep_now`)
        rather than this process: not when the index is kept in this process's memory."""
        return False

    def keep_now(self, site: str) -> None:
        """In a worker that updated the index of ``site``: keep it for the next build."""

    def index(self, site: str, units: list[UnitEntry], counted: bool = False) -> SearchIndex:
        """The index of ``site`` to update (``counted``: with terms the workers counted)."""
        index = self.indexes.get(site)
        if index is None or index.units != units:
            index = self.indexes[site] = SearchIndex(units, urls.SEARCH)
        return index

    def fresh_records(self) -> tuple[dict, dict] | None:
        """The news records' memo with none kept without text: every record not made by this
        build is made again, with its text (and kept for the next build)."""
        if self.records is None:
            return None
        made = self.records[1]
        for key in [key for key, (_, record) in made.items() if isinstance(record, StoredRecord)]:
            del made[key]
        return {}, made

    def finish(self) -> None:
        """End a build: forget the texts of bodies and the records of items it did not use."""
        self.texts, self._used = self._used, {}
        assert self.records is not None
        self.records = (self.records[1], {})


class NoSearchMemo(SearchMemo):
    """A build that keeps nothing for a next one (the command line): every index made whole."""

    keeps_indexes = False

    def __init__(self) -> None:
        super().__init__()
        self.records = None

    def text(self, body: str) -> str:
        return text_of(body)

    def updates(self, site: str) -> bool:
        return False

    def index(self, site: str, units: list[UnitEntry], counted: bool = False) -> SearchIndex:
        return SearchIndex(units, urls.SEARCH, incremental=False)

    def finish(self) -> None:
        pass


def parts(tree: SiteTree, path: str) -> list[tuple[int, int]]:
    """The slices of a site's items whose terms workers may count first (none for a small index)."""
    count = sum(searchable(tree.sites[p]) for p in _scope(tree, path))
    if count <= ITEMS_PER_PART:
        return []
    return [(start, start + ITEMS_PER_PART) for start in range(0, count, ITEMS_PER_PART)]


def _scope(tree: SiteTree, path: str) -> list[str]:
    """The units whose records the search index of a site holds: its own and every unit's below it."""
    return [p for p in sorted(tree.sites) if p == path or p.startswith(path + "/")]


def _units(tree: SiteTree, scope: list[str]) -> list[UnitEntry]:
    return [UnitEntry(p, tree.sites[p].unit.name) for p in scope]


def index(tree: SiteTree, path: str, attachment_text: Callable[[str], str], memo: SearchMemo,
          counted: list[Postings] | None = None) -> dict[str, bytes]:
    """The files of a site's search index under its folder (``counted``: the postings of all its
    items, by :func:`part`)."""
    scope = _scope(tree, path)
    made = memo.index(path, _units(tree, scope), counted is not None)
    keeps = memo.keeps_indexes  # an index kept for later updates keeps its items' texts
    with_text = (lambda _: False) if counted is not None and not keeps else None
    def records(news: tuple[dict, dict] | None) -> Iterator[SearchRecord]:
        return (r for p in scope for r in site_records(tree.sites[p], attachment_text, memo.text, news, with_text))

    def link(record: SearchRecord) -> str:
        return tree.link(path, urls.SEARCH, record.unit, record.path)

    try:
        files = made.update(records(memo.records), link, counted)
    except TextsNeeded:  # a kept record stood for an item whose terms are counted after all
        files = made.update(records(memo.fresh_records()), link, counted)
    if counted is not None and keeps:
        made.keep_terms(counted)
    return {f"{path}/{INDEX_DIR}{name}": data for name, data in files.items()}


def prepare(tree: SiteTree, path: str, attachment_text: Callable[[str], str], memo: SearchMemo) -> None:
    """Make the records of a site's index here, into the memo, before a worker updates the index
    (:func:`index`, where they are then found): the records this build made are kept with the
    load memo for the next one, and what a worker makes stays in its copy of memory."""
    for p in _scope(tree, path):
        site_records(tree.sites[p], attachment_text, memo.text, memo.records)


def part(tree: SiteTree, path: str, items: tuple[int, int], attachment_text: Callable[[str], str],
         keep_terms: bool = False) -> Postings:
    """The postings of the items ``start..stop`` of a site's search index: only their texts are
    made (``keep_terms``: with each item's terms, for an index kept for later updates)."""
    start, stop = items
    scope = _scope(tree, path)
    made = SearchIndex(_units(tree, scope), urls.SEARCH, incremental=keep_terms)
    ordered = made.ordered_records(r for p in scope for r in site_records(tree.sites[p], attachment_text,
                                                                          with_text=lambda _: False))
    wanted = {(r.unit, r.path) for r in ordered[start:stop]}

    def texts_of(unit: str) -> Callable[[str], bool]:
        return lambda record_path: (unit, record_path) in wanted

    ordered = made.ordered_records(r for p in scope for r in site_records(tree.sites[p], attachment_text, text_of,
                                                                          with_text=texts_of(p)))
    return made.part(ordered[start:stop], start)
