"""SFTP with paramiko; the server is checked against ``host_key`` or ``~/.ssh/known_hosts``."""

from __future__ import annotations

import base64
import io
import posixpath

import paramiko

from .credentials import Credentials
from .plan import OLD_SUFFIX, temporary_name
from .targets import DEFAULT_PORTS, Target
from .transport import ConnectionLost, LoginFailed, RemoteRefused, Transport

TIMEOUT = 30
KEY_TYPES = (paramiko.Ed25519Key, paramiko.ECDSAKey, paramiko.RSAKey)


def private_key(text: str) -> paramiko.PKey:
    """A private key from its text (OpenSSH or PEM format)."""
    for kind in KEY_TYPES:
        try:
            return kind.from_private_key(io.StringIO(text))
        except (paramiko.SSHException, ValueError):
            continue
    raise LoginFailed("the private key is not an unencrypted Ed25519, ECDSA or RSA key")


class SftpTransport(Transport):
    def __init__(self, target: Target, secrets: Credentials) -> None:
        self.target = target
        self.secrets = secrets
        self.client: paramiko.SSHClient | None = None
        self.sftp: paramiko.SFTPClient | None = None
        self.folders: set[str] = set()

    def _remote(self, path: str) -> str:
        return posixpath.join(self.target.spec.folder, path)

    def connect(self) -> None:
        spec = self.target.spec
        port = spec.port or DEFAULT_PORTS["sftp"]
        client = paramiko.SSHClient()
        if spec.host_key:
            kind, data = spec.host_key.split()
            name = spec.host if port == 22 else f"[{spec.host}]:{port}"
            client.get_host_keys().add(name, kind, paramiko.PKey.from_type_string(kind, base64.b64decode(data)))
        else:
            client.load_system_host_keys()
        client.set_missing_host_key_policy(paramiko.RejectPolicy())
        pkey = private_key(self.secrets.key) if self.secrets.key else None
        explicit = pkey is not None or self.secrets.password is not None
        try:
            client.connect(spec.host or "", port, username=spec.user, password=self.secrets.password, pkey=pkey,
                           look_for_keys=not explicit, allow_agent=not explicit, timeout=TIMEOUT,
                           banner_timeout=TIMEOUT, auth_timeout=TIMEOUT)
            self.sftp = client.open_sftp()
        except (paramiko.AuthenticationException, paramiko.BadHostKeyException) as exc:
            client.close()
            raise LoginFailed(str(exc)) from None
        except paramiko.SSHException as exc:
            client.close()
            if "known_hosts" in str(exc):
                raise LoginFailed(str(exc)) from None
            raise ConnectionLost(str(exc)) from None
        except (OSError, EOFError) as exc:
            client.close()
            raise ConnectionLost(str(exc) or type(exc).__name__) from None
        self.client = client
        self.folders = set()

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = self.sftp = None

    def _alive(self) -> bool:
        transport = self.client.get_transport() if self.client else None
        return transport is not None and transport.is_active()

    def _do(self, path: str, operation):
        if self.sftp is None:
            raise ConnectionLost("not connected")
        try:
            return operation(self.sftp)
        except (OSError, EOFError, paramiko.SSHException) as exc:
            reason = str(exc) or type(exc).__name__
            if isinstance(exc, (EOFError, paramiko.SSHException)) or not self._alive():
                raise ConnectionLost(reason, path) from None
            raise RemoteRefused(reason, path) from None

    def read(self, path: str) -> bytes | None:
        def fetch(sftp: paramiko.SFTPClient) -> bytes | None:
            try:
                with sftp.open(self._remote(path), "rb") as handle:
                    return handle.read()
            except FileNotFoundError:
                return None
        return self._do(path, fetch)

    def _folder(self, folder: str) -> None:
        missing = []
        while folder not in ("", "/", ".") and folder not in self.folders:
            missing.append(folder)
            folder = posixpath.dirname(folder)
        for name in reversed(missing):
            def make(sftp: paramiko.SFTPClient) -> None:
                try:
                    sftp.stat(name)
                except FileNotFoundError:
                    sftp.mkdir(name)
            self._do(name, make)
            self.folders.add(name)

    def put(self, path: str, data: bytes) -> None:
        final, temporary = self._remote(path), self._remote(temporary_name(path))
        self._folder(posixpath.dirname(final))

        def upload(sftp: paramiko.SFTPClient) -> None:
            try:
                with sftp.open(temporary, "wb") as handle:
                    handle.set_pipelined(True)
                    handle.write(data)
                stored = sftp.stat(temporary).st_size
            except OSError:
                _forget(sftp, temporary)
                raise
            if stored != len(data):  # a write the server did not complete (disk full) is never renamed into place
                _forget(sftp, temporary)
                raise OSError(f"the server kept {stored} of {len(data)} bytes (is its disk full?)")
            try:
                sftp.posix_rename(temporary, final)
            except OSError:
                if not self._alive():
                    raise
                swap(sftp, temporary, final)  # a server without the posix-rename extension
        self._do(path, upload)

    def delete(self, path: str) -> None:
        def remove(sftp: paramiko.SFTPClient) -> None:
            try:
                sftp.remove(self._remote(path))
            except FileNotFoundError:
                pass
        self._do(path, remove)

    def remove_folder(self, folder: str) -> None:
        def remove(sftp: paramiko.SFTPClient) -> None:
            try:
                if not sftp.listdir(self._remote(folder)):
                    sftp.rmdir(self._remote(folder))
            except OSError:
                pass  # gone already, or not ours to remove
        self._do(folder, remove)
        self.folders.discard(self._remote(folder))


def swap(sftp: paramiko.SFTPClient, temporary: str, final: str) -> None:
    """Rename ``temporary`` to ``final`` where plain rename will not replace a file: the old file
    steps aside and goes after the new one took its name (back in place if that fails)."""
    old = final + OLD_SUFFIX
    _forget(sftp, old)
    try:
        sftp.rename(final, old)
    except FileNotFoundError:
        sftp.rename(temporary, final)
        return
    try:
        sftp.rename(temporary, final)
    except OSError:
        sftp.rename(old, final)
        raise
    _forget(sftp, old)


def _forget(sftp: paramiko.SFTPClient, remote: str) -> None:
    """Remove an upload that failed, if the server lets us."""
    try:
        sftp.remove(remote)
    except OSError:
        pass
