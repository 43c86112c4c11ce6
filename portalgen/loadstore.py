"""The content files as last read and modelled, kept in the cache folder for the next build.

A CI run starts from a fresh checkout: every file is new to the file system, but most hold what
they held at the previous run.  The loader's memo (:class:`portalgen.load.LoadMemo`: each file's
record, the model built from it and the problems found, by path and content hash) is kept per
portal in ``<cache>/pages/<portal>/load.pickle``, so the next build reads every file (to hash it)
but parses and validates only those whose content changed.

The file begins with the SHA-256 of what follows and the *epoch* it is valid for (a hash of
portalgen's code, the schemas, the theme and ``portal.yaml``): a damaged file or one of another
epoch is ignored, never trusted.  Only entries of the files this build read are kept, and the
file is written again only when an entry changed, by a forked writer while the build goes on
(:func:`portalgen.parallel.in_background`).
"""

from __future__ import annotations

from pathlib import Path

from .keptfiles import read_pickle, write_pickle
from .load import Loaded, LoadMemo
from .parallel import in_background

NAME = "load.pickle"


def read_memo(folder: Path, epoch: str) -> LoadMemo:
    """The memo kept in ``folder`` for ``epoch``, or an empty one (none kept, damaged, another epoch)."""
    memo = read_pickle(folder / NAME, epoch)
    return memo if isinstance(memo, LoadMemo) else LoadMemo()


def save_memo(folder: Path, epoch: str, memo: LoadMemo, loaded: Loaded) -> None:
    """Keep the entries of the files ``loaded`` holds, when any of them was read anew or one is gone."""
    removed = memo.prune(loaded.records.keys())
    if memo.changed or removed:
        in_background(lambda: write_pickle(folder / NAME, epoch, memo))
