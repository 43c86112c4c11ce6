"""The content files as last read and modelled, kept in the cache folder for the next build.

A CI run starts from a fresh checkout: every file is new to the file system, but most hold what
they held at the previous run.  The loader's memo (:class:`portalgen.load.LoadMemo`: each file's
record, the model built from it and the problems found, by path and content hash) is kept per
portal in ``<cache>/pages/<portal>/load.pickle``, so the next build reads every file (to hash it)
but parses and validates only those whose content changed.

The file begins with the SHA-256 of what follows and the *epoch* it is valid for (a hash of
portalgen's code, the schemas, the theme and ``portal.yaml``): a damaged file or one of another
epoch is ignored, never trusted.  Only entries of the files this build read are kept, and the
file is written again only when an entry changed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from .load import Loaded, LoadMemo

NAME = "load.pickle"
_HEADER = 64 + 1 + 64 + 1  # SHA-256 of the rest, newline, epoch, newline


def read_memo(folder: Path, epoch: str) -> LoadMemo:
    """The memo kept in ``folder`` for ``epoch``, or an empty one (none kept, damaged, another epoch)."""
    try:
        data = (folder / NAME).read_bytes()
    except OSError:
        return LoadMemo()
    checksum, kept_epoch, payload = data[:64], data[65:129], data[_HEADER:]
    whole = hashlib.sha256(data[65:]).hexdigest().encode() == checksum
    if len(data) < _HEADER or kept_epoch != epoch.encode() or not whole:
        return LoadMemo()
    try:
        memo = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - a file that does not unpickle is as good as none
        return LoadMemo()
    return memo if isinstance(memo, LoadMemo) else LoadMemo()


def save_memo(folder: Path, epoch: str, memo: LoadMemo, loaded: Loaded) -> None:
    """Keep the entries of the files ``loaded`` holds, when any of them was read anew or one is gone."""
    removed = memo.prune(loaded.records.keys())
    if not memo.changed and not removed:
        return
    try:
        payload = pickle.dumps(memo, protocol=pickle.HIGHEST_PROTOCOL)
        body = epoch.encode() + b"\n" + payload
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
        os.replace(temporary, folder / NAME)
    except (OSError, pickle.PicklingError, RecursionError):
        pass  # not kept: the next build reads every file
