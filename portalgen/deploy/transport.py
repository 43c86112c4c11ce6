"""What every transport does, and the three ways it can fail.

A transport publishes into one target folder: ``read`` a file (the manifest), ``put`` a file
atomically (written under a temporary name, then renamed into place), ``delete`` a file and
``prune`` folders left empty. ``ConnectionLost`` is worth a retry after reconnecting;
``LoginFailed`` and ``RemoteRefused`` are not.
"""

from __future__ import annotations

import posixpath
from typing import Iterable, Sequence


class TransportError(Exception):
    """A failure of the remote side; ``reason`` is the server's or the system's words."""

    def __init__(self, reason: str, file: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.file = file


class ConnectionLost(TransportError):
    """The connection could not be made or broke off: reconnect and try again."""


class LoginFailed(TransportError):
    """The server refused the account, the password, the key, or is not the server expected."""


class RemoteRefused(TransportError):
    """The server refused one operation (permission, disk full…)."""


class NamesMangled(RemoteRefused):
    """The server stored a file under another name than the one it was given (not UTF-8)."""


class DeletesRefused(RemoteRefused):
    """The server kept some of the files it was asked to delete; ``paths`` are those files."""

    def __init__(self, refused: Sequence[tuple[str, str]]) -> None:
        super().__init__(refused[0][1], refused[0][0])
        self.paths = tuple(p for p, _ in refused)


class Transport:
    """Base of the transports: the batch operations default to one file at a time."""

    def connect(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def read(self, path: str) -> bytes | None:
        raise NotImplementedError

    def put(self, path: str, data: bytes) -> None:
        raise NotImplementedError

    def delete(self, path: str) -> None:
        raise NotImplementedError

    def remove_folder(self, folder: str) -> None:
        """Remove a folder if it is empty; anything else is left alone."""
        raise NotImplementedError

    def put_many(self, items: Sequence[tuple[str, bytes]]) -> None:
        for path, data in items:
            self.put(path, data)

    def delete_many(self, paths: Sequence[str]) -> None:
        """Delete every path; ``DeletesRefused`` names those the server kept."""
        refused = []
        for path in paths:
            try:
                self.delete(path)
            except RemoteRefused as exc:
                refused.append((path, exc.reason))
        if refused:
            raise DeletesRefused(refused)

    def prune(self, deleted: Iterable[str]) -> None:
        """Remove the folders of deleted files that are now empty, deepest first."""
        folders = {posixpath.dirname(p) for p in deleted}
        for folder in list(folders):
            while folder:
                folders.add(folder)
                folder = posixpath.dirname(folder)
        for folder in sorted(folders - {""}, key=lambda f: (-f.count("/"), f)):
            self.remove_folder(folder)
