"""The content files as last read and modelled, and what the outputs made of each item, kept in
the cache folder for the next build.

A CI run starts from a fresh checkout: every file is new to the file system, but most hold what
they held at the previous run.  The loader's memo (:class:`portalgen.load.LoadMemo`: each file's
record, the model built from it and the problems found, by path and content hash) is kept per
portal in ``<cache>/pages/<portal>/load.pickle``, so the next build reads every file (to hash it)
but parses and validates only those whose content changed.

In the same file, pickled with it, are what the outputs made of each item the way a preview
session keeps it in memory (:class:`KeptContent`): each news item's search record (without its
text, as a kept search index holds it) and JSON export, each with the very item it was made
from.  Pickled
together, an entry's item is the object the load memo gives back for an unchanged file, so the
outputs reuse it by identity (``is``) exactly when the file is unchanged, as in a session.

The file begins with the SHA-256 of what follows and the *epoch* it is valid for (a hash of
portalgen's code, the schemas, the theme and ``portal.yaml``): a damaged file or one of another
epoch is ignored, never trusted.  Only entries of the files this build read, and of the items its
outputs used, are kept; the file is written at the end of the build, only when an entry changed,
by a forked writer while the build returns (:func:`portalgen.parallel.in_background`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .keptfiles import read_pickle, write_pickle
from .load import Loaded, LoadMemo
from .parallel import in_background

NAME = "load.pickle"


@dataclass
class KeptContent:
    """What one build keeps of the content for the next: the load memo, and by item what the
    outputs made of it (see :class:`portalgen.site_outputs.OutputMemo`), each entry holding the
    item it was made from."""

    load: LoadMemo = field(default_factory=LoadMemo)
    records: dict[Any, tuple[object, object]] = field(default_factory=dict)  # news search records
    exports: dict[Any, tuple[Any, Any]] = field(default_factory=dict)  # news items' JSON, each site's news file

    def differs_from(self, other: "KeptContent") -> bool:
        """Whether an output entry was made anew or dropped since ``other`` (the load memo says
        itself whether it changed)."""
        return _entries_differ(self.records, other.records) or _entries_differ(self.exports, other.exports)


def made_since(read: KeptContent, records: dict, exports: dict) -> KeptContent:
    """What to keep after a build that read ``read`` and whose outputs made (or reused) these
    ``records`` and ``exports``: those, and the entries read whose item the load memo still holds
    (the items of sites kept whole, for which no output ran)."""
    return KeptContent(read.load, _merged(records, read.records, read.load), _merged(exports, read.exports, read.load))


def _merged(made: dict, read: dict, load: LoadMemo) -> dict:
    merged = {key: entry for key, entry in read.items() if key not in made and load.holds(entry[0])}
    merged.update(made)
    return merged


def _entries_differ(mine: dict, theirs: dict) -> bool:
    return mine.keys() != theirs.keys() or any(value is not theirs[key] for key, value in mine.items())


def read_memo(folder: Path, epoch: str) -> KeptContent:
    """What is kept in ``folder`` for ``epoch``, or nothing (none kept, damaged, another epoch)."""
    kept = read_pickle(folder / NAME, epoch)
    return kept if isinstance(kept, KeptContent) else KeptContent()


def forget_gone(kept: KeptContent, loaded: Loaded) -> int:
    """Forget the files ``loaded`` no longer holds: how many entries went."""
    return kept.load.prune(loaded.records.keys())


def save_memo(folder: Path, epoch: str, kept: KeptContent, read: KeptContent, removed: int) -> None:
    """Keep ``kept`` when it is not what was ``read`` (a file read anew, ``removed`` entries gone,
    an output's entry made or dropped)."""
    if kept.load.changed or removed or kept.differs_from(read):
        in_background(lambda: write_pickle(folder / NAME, epoch, kept))
