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

Two files hold it (:func:`portalgen.keptfiles.write_tables`): ``load.pickle``, every entry, and
``load-changes.pickle``, the entries changed or gone since that one was written (a commit changes
a handful of the thousands of entries, and writing them all again cost more than the commit's
own work); when the changes grow many, everything is written again in ``load.pickle``.

Each file begins with the SHA-256 of what follows and the *epoch* it is valid for (a hash of
portalgen's code, the schemas, the theme and ``portal.yaml``); the changes name the writing of
``load.pickle`` they apply to.  A damaged file, one of another epoch or changes to another
writing are ignored, never trusted.  Nothing is written when no entry changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .keptfiles import KeptTables, read_tables, write_tables
from .load import Loaded, LoadMemo
from .markup import known_references, learn_references
from .parallel import in_background
from .search import StoredRecord, stored_record

NAME = "load.pickle"
#: The tables kept: the files' records and the items built from them, by path; the news records
#: and exports by key, and the file of the item each was made from; the references of the files'
#: Markdown bodies, by body (:func:`portalgen.markup.references`).
TABLES = ("reads", "items", "records", "record_files", "exports", "export_files", "references")


@dataclass
class KeptContent:
    """What one build keeps of the content for the next: the load memo, and by item what the
    outputs made of it (see :class:`portalgen.site_outputs.OutputMemo`), each entry holding the
    item it was made from; ``read``: the tables as read (what changed since is written)."""

    load: LoadMemo = field(default_factory=LoadMemo)
    records: dict[Any, tuple[Any, Any]] = field(default_factory=dict)  # news search records
    exports: dict[Any, tuple[Any, Any]] = field(default_factory=dict)  # news items' JSON
    read: KeptTables | None = None

    def differs_from(self, other: "KeptContent") -> bool:
        """Whether an output entry was made anew or dropped since ``other`` (the load memo says
        itself whether it changed)."""
        return _entries_differ(self.records, other.records) or _entries_differ(self.exports, other.exports)

    def tables(self) -> dict[str, dict]:
        """The tables as the files keep them (an output's entry apart from its item's file)."""
        return {"reads": self.load.reads.entries, "items": self.load.items,
                "records": {key: value for key, (_, value) in self.records.items()},
                "record_files": {key: item.path for key, (item, _) in self.records.items()},
                "exports": {key: value for key, (_, value) in self.exports.items()},
                "export_files": {key: item.path for key, (item, _) in self.exports.items()},
                "references": known_references(read.body for _, read, _ in self.load.reads.entries.values()
                                               if read.body)}


def made_since(read: KeptContent, records: dict, exports: dict) -> KeptContent:
    """What to keep after a build that read ``read`` and whose outputs made (or reused) these
    ``records`` (kept as a kept index holds them, without their texts) and ``exports``: those, and
    the entries read whose item the load memo still holds (the items of sites kept whole, for
    which no output ran); none made from an item the load memo does not hold."""
    stored = {key: made if isinstance(made[1], StoredRecord) else (made[0], stored_record(made[1]))
              for key, made in records.items()}
    return KeptContent(read.load, _merged(stored, read.records, read.load), _merged(exports, read.exports, read.load),
                       read.read)


def _merged(made: dict, read: dict, load: LoadMemo) -> dict:
    merged = {key: entry for key, entry in read.items() if key not in made}
    merged.update(made)
    return {key: entry for key, entry in merged.items() if load.holds(entry[0])}


def _entries_differ(mine: dict, theirs: dict) -> bool:
    return mine.keys() != theirs.keys() or any(value is not theirs[key] for key, value in mine.items())


def read_memo(folder: Path, epoch: str) -> KeptContent:
    """What is kept in ``folder`` for ``epoch``, or nothing (none kept, damaged, another epoch)."""
    read = read_tables(folder / NAME, epoch, TABLES)
    if read is None or not all(isinstance(table, dict) for table in read.tables.values()):
        return KeptContent()
    tables = read.tables
    learn_references(tables["references"])
    memo = LoadMemo()
    memo.reads.entries, memo.items = tables["reads"], tables["items"]
    return KeptContent(memo, _with_items(tables["records"], tables["record_files"], memo),
                       _with_items(tables["exports"], tables["export_files"], memo), read)


def _with_items(entries: dict, files: dict, memo: LoadMemo) -> dict:
    """Entries given the item the memo holds for the file each was made from."""
    found = {}
    for key, value in entries.items():
        known = memo.items.get(files.get(key, ""))
        if known is not None:
            found[key] = (known[1], value)
    return found


def forget_gone(kept: KeptContent, loaded: Loaded) -> int:
    """Forget the files ``loaded`` no longer holds: how many entries went."""
    return kept.load.prune(loaded.records.keys())


def save_memo(folder: Path, epoch: str, kept: KeptContent, read: KeptContent, removed: int) -> None:
    """Keep ``kept`` when it is not what was ``read`` (a file read anew, ``removed`` entries gone,
    an output's entry made or dropped): its changes since the whole was last written, or the
    whole again."""
    if kept.load.changed or removed or kept.differs_from(read):
        tables = kept.tables()
        in_background(lambda: write_tables(folder / NAME, epoch, tables, kept.read))
