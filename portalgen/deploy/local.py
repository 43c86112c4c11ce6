"""A folder on this machine (plain copy) and rsync (to a folder or over SSH)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Sequence

from .credentials import Credentials
from .plan import temporary_name
from .targets import DEFAULT_PORTS, Target
from .transport import ConnectionLost, DeletesRefused, LoginFailed, RemoteRefused, Transport

#: rsync's exit codes for a broken link (socket, protocol stream, timeouts, ssh).
RSYNC_CONNECTION_CODES = {5, 10, 12, 30, 35, 255}
TIMEOUT = 60
#: ssh's words when the server refused the key or password, or is not the server ``host_key`` names.
SSH_LOGIN_REFUSED = re.compile(r"Permission denied \((publickey|password|keyboard-interactive)|"
                               r"Host key verification failed")


class FolderTransport(Transport):
    """Copies into a folder: each file written under a temporary name, then renamed into place."""

    def __init__(self, target: Target, secrets: Credentials) -> None:
        self.root = Path(target.spec.folder)

    def connect(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RemoteRefused(exc.strerror or str(exc), str(self.root)) from None

    def close(self) -> None:
        """Nothing to close."""

    def read(self, path: str) -> bytes | None:
        try:
            return (self.root / path).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise RemoteRefused(exc.strerror or str(exc), path) from None

    def put(self, path: str, data: bytes) -> None:
        final, temporary = self.root / path, self.root / temporary_name(path)
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(data)
            os.replace(temporary, final)
        except OSError as exc:
            raise RemoteRefused(exc.strerror or str(exc), path) from None

    def delete(self, path: str) -> None:
        try:
            (self.root / path).unlink(missing_ok=True)
        except OSError as exc:
            raise RemoteRefused(exc.strerror or str(exc), path) from None

    def remove_folder(self, folder: str) -> None:
        try:
            (self.root / folder).rmdir()
        except OSError:
            pass  # not empty, or gone


class RsyncTransport(Transport):
    """Runs ``rsync`` once per batch (a batch never holds a page and a new file it links to): rsync
    writes the files under temporary names and renames them all at the end (``--delay-updates``);
    deletions use ``--delete-missing-args`` so only the listed files go."""

    def __init__(self, target: Target, secrets: Credentials) -> None:
        spec = target.spec
        self.target = target
        self.secrets = secrets
        folder = spec.folder.rstrip("/") + "/"
        self.destination = f"{spec.user + '@' if spec.user else ''}{spec.host}:{folder}" if spec.host else folder
        self.work: Path | None = None

    def connect(self) -> None:
        if shutil.which("rsync") is None:
            raise FileNotFoundError("rsync")
        self.work = Path(tempfile.mkdtemp(prefix="portalgen-rsync-"))
        if self.target.spec.host is None:
            Path(self.target.spec.folder).mkdir(parents=True, exist_ok=True)

    def close(self) -> None:
        if self.work is not None:
            shutil.rmtree(self.work, ignore_errors=True)
            self.work = None

    def _ssh(self) -> list[str]:
        spec = self.target.spec
        if spec.host is None or self.work is None:
            return []
        command = ["ssh", "-p", str(spec.port or DEFAULT_PORTS["rsync"]), "-o", "BatchMode=yes"]
        if self.secrets.key:
            key = self.work / "key"
            key.write_text(self.secrets.key.rstrip("\n") + "\n", encoding="utf-8")
            key.chmod(0o600)
            command += ["-i", str(key), "-o", "IdentitiesOnly=yes"]
        if spec.host_key:
            known = self.work / "known_hosts"
            name = spec.host if (spec.port or 22) == 22 else f"[{spec.host}]:{spec.port}"
            known.write_text(f"{name} {spec.host_key}\n", encoding="utf-8")
            command += ["-o", f"UserKnownHostsFile={known}", "-o", "StrictHostKeyChecking=yes"]
        return ["-e", shlex.join(command)]

    def _rsync(self, arguments: list[str], what: str) -> subprocess.CompletedProcess:
        command = ["rsync", "--recursive", f"--timeout={TIMEOUT}", "--chmod=D755,F644", *self._ssh(), *arguments]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        refused = [line for line in done.stderr.splitlines() if SSH_LOGIN_REFUSED.search(line)]
        if done.returncode != 0 and refused:
            raise LoginFailed(refused[0].strip(), what)
        if done.returncode in RSYNC_CONNECTION_CODES:
            raise ConnectionLost(_last_line(done.stderr), what)
        return done

    def read(self, path: str) -> bytes | None:
        assert self.work is not None
        copy = self.work / "read"
        copy.unlink(missing_ok=True)
        done = self._rsync([self.destination + path, str(copy)], path)
        if done.returncode == 23 and not copy.exists():
            return None
        if done.returncode != 0:
            raise RemoteRefused(_last_line(done.stderr), path)
        return copy.read_bytes()

    def put(self, path: str, data: bytes) -> None:
        self.put_many([(path, data)])

    def put_many(self, items: Sequence[tuple[str, bytes]]) -> None:
        assert self.work is not None
        staging = self.work / "put"
        shutil.rmtree(staging, ignore_errors=True)
        for path, data in items:
            (staging / path).parent.mkdir(parents=True, exist_ok=True)
            (staging / path).write_bytes(data)
        listing = self.work / "put.list"
        listing.write_text("".join(p + "\n" for p, _ in items), encoding="utf-8")
        done = self._rsync(["--ignore-times", "--delay-updates", f"--files-from={listing}", f"{staging}/",
                            self.destination],
                           items[0][0] if items else "")
        if done.returncode != 0:
            raise RemoteRefused(_last_line(done.stderr), items[0][0])

    def delete(self, path: str) -> None:
        self.delete_many([path])

    def delete_many(self, paths: Sequence[str]) -> None:
        assert self.work is not None
        empty = self.work / "empty"
        shutil.rmtree(empty, ignore_errors=True)
        for path in paths:  # the folders must exist on the sending side, without the files
            (empty / path).parent.mkdir(parents=True, exist_ok=True)
        listing = self.work / "delete.list"
        listing.write_text("".join(p + "\n" for p in paths), encoding="utf-8")
        done = self._rsync(["--delete-missing-args", "--out-format=%o %n", f"--files-from={listing}", f"{empty}/",
                            self.destination], paths[0] if paths else "")
        if done.returncode != 0:  # those rsync did not report deleted stay in the manifest
            deleted = {line[4:].rstrip("/") for line in done.stdout.splitlines() if line.startswith("del. ")}
            reason = _last_line(done.stderr)
            raise DeletesRefused([(p, reason) for p in paths if p not in deleted] or [(paths[0], reason)])

    def remove_folder(self, folder: str) -> None:
        """rsync cannot remove only an empty folder: folders are left in place."""


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "rsync failed"
