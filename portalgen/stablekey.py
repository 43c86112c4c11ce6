"""Keys that mean the same in every process: a hash of a value's ``repr``.

Python's ``hash`` of a string changes from one process to the next (and in Python 3.11 so does
``hash(None)``), so a page key kept in the cache folder for the next CI run is made with
:func:`stable_hash` instead.  The values hashed are content-model dataclasses, tuples, strings,
numbers, dates and mappings of them, whose ``repr`` names every field; a value whose ``repr``
changes from one process to another (an object shown by its address) only makes the key miss.
"""

from __future__ import annotations

import hashlib
from typing import Any


def stable_hash(value: Any) -> int:
    """A 128-bit hash of ``repr(value)``, the same in every process and every run."""
    data = repr(value).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=16).digest(), "big")
