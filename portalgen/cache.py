"""A content-addressed cache for expensive work: image derivatives, PDF text, Word → HTML.

Keys are hashes of the input bytes and of the processing parameters, so an entry can never be
stale: a changed file has a new key.  The folder (``.portalgen-cache/`` by default) can be kept
between CI runs.  Without a folder the cache lives in memory for one run.  ``misses`` counts the
conversions actually performed, by kind.
"""

from __future__ import annotations

import collections
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable

#: Bump when a processor's output changes for the same input.
VERSION = "5"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Cache:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder / f"v{VERSION}" if folder else None
        self.memory: dict[str, bytes] = {}
        self.misses: collections.Counter[str] = collections.Counter()

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / key

    def get(self, key: str) -> bytes | None:
        if key in self.memory:
            return self.memory[key]
        if self.folder is None:
            return None
        try:
            data = self._path(key).read_bytes()
        except OSError:
            return None
        self.memory[key] = data
        return data

    def put(self, key: str, data: bytes) -> None:
        self.memory[key] = data
        if self.folder is None:
            return
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except OSError:
            pass  # a cache that cannot be written only costs time

    @staticmethod
    def json_key(kind: str, source: bytes, params: str) -> str:
        """The key of :meth:`json`'s result for these input bytes and parameters."""
        return f"{kind}-{digest(source)}-{digest(params.encode())[:16]}.json"

    def stored_json(self, key: str) -> Any:
        """The JSON value kept under ``key``, or None."""
        cached = self.get(key)
        return None if cached is None else json.loads(cached)

    def put_json(self, key: str, value: Any) -> None:
        """Keep a JSON-serialisable value under ``key`` (same bytes for the same value)."""
        self.put(key, json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8"))

    def json(self, kind: str, source: bytes, params: str, compute: Callable[[], Any]) -> Any:
        """A JSON-serialisable result of ``compute`` for these input bytes and parameters."""
        key = self.json_key(kind, source, params)
        cached = self.get(key)
        if cached is not None:
            return json.loads(cached)
        self.misses[kind] += 1
        value = compute()
        self.put_json(key, value)
        return value

    def blob(self, kind: str, source: bytes, params: str, compute: Callable[[], bytes]) -> bytes:
        """Bytes produced by ``compute`` for these input bytes and parameters."""
        key = f"{kind}-{digest(source)}-{digest(params.encode())[:16]}.bin"
        cached = self.get(key)
        if cached is not None:
            return cached
        self.misses[kind] += 1
        value = compute()
        self.put(key, value)
        return value
