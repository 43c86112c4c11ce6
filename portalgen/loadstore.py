"""The content files as last read and modelled, and what the outputs made of each item, kept in
the cache folder for the next build.

A CI run starts from a fresh checkout: every file is new to the file system, but most hold what
they held at the previous run.  The loader's memo (:class:`portalgen.load.LoadMemo`: each file's
record, the model built from it and the problems found, by path and content hash) is kept per
portal in ``<cache>/pages/<portal>/``, so the next build reads every file (to hash it) but parses
and validates only those whose content changed.  With it are kept what the outputs made of each
news item, the way a preview session keeps them in memory (:class:`KeptContent`): its search
record (without its text, as a kept search index holds it) and its JSON export, each entry
naming its item's file.  Read back, an entry is given the item the load memo holds for that file,
and reused by identity (``is``) exactly when the file is unchanged, as in a session; only entries
made from the item the load memo built from the file as it is are kept (not a held item's last
good version).

Two files hold it: ``load.pickle``, every entry, and ``load-changes.pickle``, the entries changed
or gone since that one was written (a commit changes a handful of the thousands of entries, and
writing them all again cost more than the commit's own work).  When the changes grow past
:data:`CHANGES_UP_TO` entries (or a twentieth of the whole), everything is written again in
``load.pickle`` and the changes start anew.

Each file begins with the SHA-256 of what follows and the *epoch* it is valid for (a hash of
portalgen's code, the schemas, the theme and ``portal.yaml``); the changes name the writing of
``load.pickle`` they apply to.  A damaged file, one of another epoch or changes to another
writing are ignored, never trusted.  Nothing is written when no entry changed.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .keptfiles import read_pickle, write_pickle
from .load import Loaded, LoadMemo
from .parallel import in_background
from .search import StoredRecord, stored_record

NAME, CHANGES = "load.pickle", "load-changes.pickle"
#: Changes kept apart from the whole, at most (or a twentieth of the whole, when more).
CHANGES_UP_TO = 500
#: The tables kept, each by key: the files' records, the items built from them, the news
#: records and the news exports (these two as ``(item path, value)``).
TABLES = ("reads", "items", "records", "exports")


@dataclass
class KeptContent:
    """What one build keeps of the content for the next: the load memo, and by item what the
    outputs made of it (see :class:`portalgen.site_outputs.OutputMemo`), each entry holding the
    item it was made from.  ``written``: which writing of the whole was read, and its tables as
    they are in that file (the changes are made against them)."""

    load: LoadMemo = field(default_factory=LoadMemo)
    records: dict[Any, tuple[Any, Any]] = field(default_factory=dict)  # news search records
    exports: dict[Any, tuple[Any, Any]] = field(default_factory=dict)  # news items' JSON
    written: str = ""
    whole: dict[str, dict] = field(default_factory=dict)

    def differs_from(self, other: "KeptContent") -> bool:
        """Whether an output entry was made anew or dropped since ``other`` (the load memo says
        itself whether it changed)."""
        return _entries_differ(self.records, other.records) or _entries_differ(self.exports, other.exports)

    def tables(self) -> dict[str, dict]:
        """The tables as the files keep them (an output's entry names its item's file)."""
        return {"reads": self.load.reads.entries, "items": self.load.items,
                "records": {key: (item.path, value) for key, (item, value) in self.records.items()},
                "exports": {key: (item.path, value) for key, (item, value) in self.exports.items()}}


def made_since(read: KeptContent, records: dict, exports: dict) -> KeptContent:
    """What to keep after a build that read ``read`` and whose outputs made (or reused) these
    ``records`` (kept as a kept index holds them, without their texts) and ``exports``: those, and
    the entries read whose item the load memo still holds (the items of sites kept whole, for
    which no output ran); none made from an item the load memo does not hold."""
    stored = {key: made if isinstance(made[1], StoredRecord) else (made[0], stored_record(made[1]))
              for key, made in records.items()}
    return KeptContent(read.load, _merged(stored, read.records, read.load), _merged(exports, read.exports, read.load),
                       read.written, read.whole)


def _merged(made: dict, read: dict, load: LoadMemo) -> dict:
    merged = {key: entry for key, entry in read.items() if key not in made}
    merged.update(made)
    return {key: entry for key, entry in merged.items() if load.holds(entry[0])}


def _entries_differ(mine: dict, theirs: dict) -> bool:
    return mine.keys() != theirs.keys() or any(value is not theirs[key] for key, value in mine.items())


def read_memo(folder: Path, epoch: str) -> KeptContent:
    """What is kept in ``folder`` for ``epoch``, or nothing (none kept, damaged, another epoch)."""
    whole = read_pickle(folder / NAME, epoch)
    if not (isinstance(whole, dict) and isinstance(whole.get("written"), str)
            and all(isinstance(whole.get(name), dict) for name in TABLES)):
        return KeptContent()
    tables = {name: dict(whole[name]) for name in TABLES}
    changes = read_pickle(folder / CHANGES, epoch)
    if _applies(changes, whole["written"]):
        assert isinstance(changes, dict)
        for name in TABLES:
            tables[name].update(changes["set"][name])
            for key in changes["gone"][name]:
                tables[name].pop(key, None)
    memo = LoadMemo()
    memo.reads.entries, memo.items = tables["reads"], tables["items"]
    try:
        return KeptContent(memo, _with_items(tables["records"], memo), _with_items(tables["exports"], memo),
                           whole["written"], {name: whole[name] for name in TABLES})
    except (TypeError, ValueError, IndexError):  # of this epoch and whole, but not what a build keeps
        return KeptContent()


def _applies(changes: object, written: str) -> bool:
    """Whether ``changes`` are changes to the writing ``written`` of the whole."""
    return (isinstance(changes, dict) and changes.get("written") == written
            and isinstance(changes.get("set"), dict) and isinstance(changes.get("gone"), dict)
            and all(isinstance(changes["set"].get(name), dict) and isinstance(changes["gone"].get(name), list)
                    for name in TABLES))


def _with_items(entries: dict, memo: LoadMemo) -> dict:
    """Entries naming their item's file, given the item the memo holds for it."""
    found = {}
    for key, (path, value) in entries.items():
        known = memo.items.get(path)
        if known is not None:
            found[key] = (known[1], value)
    return found


def forget_gone(kept: KeptContent, loaded: Loaded) -> int:
    """Forget the files ``loaded`` no longer holds: how many entries went."""
    return kept.load.prune(loaded.records.keys())


def save_memo(folder: Path, epoch: str, kept: KeptContent, read: KeptContent, removed: int) -> None:
    """Keep ``kept`` when it is not what was ``read`` (a file read anew, ``removed`` entries gone,
    an output's entry made or dropped): its changes since the whole was last written, or the
    whole again when they are many (or none was read)."""
    if not (kept.load.changed or removed or kept.differs_from(read)):
        return
    tables = kept.tables()
    changes = _changes(tables, kept.whole) if kept.written else None
    size = sum(len(table) for table in tables.values())
    if changes is None or _count(changes) > max(CHANGES_UP_TO, size // 20):
        whole = {"written": uuid.uuid4().hex, **tables}
        in_background(lambda: _write_whole(folder, epoch, whole))
    else:
        in_background(lambda: write_pickle(folder / CHANGES, epoch, {"written": kept.written, **changes}))


def _changes(tables: dict[str, dict], whole: dict[str, dict]) -> dict[str, dict]:
    """What differs in ``tables`` from ``whole``: the entries set (new, or not the same objects;
    an output's entry by its value) and the keys gone, by table."""
    set_: dict[str, dict] = {}
    gone: dict[str, list] = {}
    for name in TABLES:
        mine, theirs = tables[name], whole[name]
        if name in ("records", "exports"):
            set_[name] = {key: entry for key, entry in mine.items()
                          if (known := theirs.get(key)) is None or known[0] != entry[0] or known[1] is not entry[1]}
        else:
            set_[name] = {key: entry for key, entry in mine.items() if theirs.get(key) is not entry}
        gone[name] = [key for key in theirs if key not in mine]
    return {"set": set_, "gone": gone}


def _count(changes: dict[str, dict]) -> int:
    return sum(len(entries) for entries in changes["set"].values()) + sum(map(len, changes["gone"].values()))


def _write_whole(folder: Path, epoch: str, whole: dict[str, Any]) -> None:
    write_pickle(folder / NAME, epoch, whole)
    try:
        os.unlink(folder / CHANGES)
    except OSError:
        pass
