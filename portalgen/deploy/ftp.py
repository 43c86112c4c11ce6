"""FTP and FTPS (explicit TLS) with the standard library's ``ftplib``."""

from __future__ import annotations

import ftplib
import io
import posixpath
import ssl

from .credentials import Credentials
from .plan import OLD_SUFFIX, temporary_name
from .targets import DEFAULT_PORTS, Target
from .transport import ConnectionLost, LoginFailed, NamesMangled, RemoteRefused, Transport

TIMEOUT = 30
#: How long to wait for the server's reply after it broke off a transfer.
REPLY_WAIT = 5
#: Transient replies about the link itself (closing, data connection failed or broken): worth a retry.
LINK_REPLIES = {"421", "425", "426"}


class _ReusingFTP_TLS(ftplib.FTP_TLS):
    """FTPS whose data connections reuse the control connection's TLS session, as vsftpd,
    ProFTPD and FileZilla Server require by default."""

    def ntransfercmd(self, cmd, rest=None):
        conn, size = ftplib.FTP.ntransfercmd(self, cmd, rest)
        if self._prot_p:
            conn = self.context.wrap_socket(conn, server_hostname=self.host, session=self.sock.session)
        return conn, size


class FtpTransport(Transport):
    def __init__(self, target: Target, secrets: Credentials) -> None:
        self.target = target
        self.secrets = secrets
        self.ftp: ftplib.FTP | None = None
        self.folders: set[str] = set()
        self.no_overwrite = False

    def _remote(self, path: str) -> str:
        return posixpath.join(self.target.spec.folder, path)

    def connect(self) -> None:
        spec = self.target.spec
        self.folders = set()
        try:
            if spec.protocol == "ftps":
                context = ssl.create_default_context(cafile=spec.ca_file)
                self.ftp = _ReusingFTP_TLS(context=context, timeout=TIMEOUT)
            else:
                self.ftp = ftplib.FTP(timeout=TIMEOUT)
            self.ftp.connect(spec.host or "", spec.port or DEFAULT_PORTS["ftp"])
            self.ftp.login(spec.user or "anonymous", self.secrets.password or "")
            if isinstance(self.ftp, ftplib.FTP_TLS):
                self.ftp.prot_p()
            try:  # ask for UTF-8 file names; names are checked after upload whatever the answer
                self.ftp.sendcmd("OPTS UTF8 ON")
            except ftplib.Error:
                pass
        except ftplib.error_perm as exc:
            self._drop()
            raise LoginFailed(str(exc)) from None
        except ssl.SSLCertVerificationError as exc:
            self._drop()
            raise LoginFailed(exc.verify_message or str(exc)) from None
        except (OSError, EOFError, ftplib.Error) as exc:
            self._drop()
            raise ConnectionLost(str(exc) or "the server closed the connection") from None

    def _drop(self) -> None:
        """Forget a connection that failed while being made (there is no session to end)."""
        if self.ftp is not None:
            self.ftp.close()
            self.ftp = None

    def close(self) -> None:
        if self.ftp is not None:
            try:
                if self.ftp.sock is not None:
                    self.ftp.quit()
            except (OSError, EOFError, ftplib.Error):
                pass
            finally:
                self.ftp.close()
                self.ftp = None

    def _do(self, path: str, operation):
        if self.ftp is None:
            raise ConnectionLost("not connected")
        try:
            return operation(self.ftp)
        except ftplib.error_perm as exc:
            raise RemoteRefused(str(exc), path) from None
        except ftplib.error_temp as exc:
            if str(exc)[:3] in LINK_REPLIES:
                raise ConnectionLost(str(exc), path) from None
            raise RemoteRefused(str(exc), path) from None  # disk full, quota, local error: retrying will not help
        except (OSError, EOFError, ftplib.Error) as exc:
            refusal = self._refusal() if isinstance(exc, OSError) else None
            if refusal is not None:
                raise RemoteRefused(refusal, path) from None
            raise ConnectionLost(str(exc) or "the server closed the connection", path) from None

    def _refusal(self) -> str | None:
        """The server's reply when it broke off a transfer (a full disk closes the data connection
        while the file is still being sent), if it is a permanent refusal."""
        ftp = self.ftp
        if ftp is None or ftp.sock is None:
            return None
        try:
            ftp.sock.settimeout(REPLY_WAIT)
            ftp.getresp()
        except (ftplib.error_temp, ftplib.error_perm) as reply:
            return None if str(reply)[:3] in LINK_REPLIES else str(reply)
        except (OSError, EOFError, ftplib.Error):
            return None
        finally:
            if ftp.sock is not None:
                ftp.sock.settimeout(TIMEOUT)
        return None

    def read(self, path: str) -> bytes | None:
        buffer = io.BytesIO()
        try:
            self._do(path, lambda ftp: ftp.retrbinary(f"RETR {self._remote(path)}", buffer.write))
        except RemoteRefused as exc:
            if exc.reason.startswith("550"):
                return None
            raise
        return buffer.getvalue()

    def _folder(self, folder: str) -> None:
        missing = []
        while folder not in ("", "/", ".") and folder not in self.folders:
            missing.append(folder)
            folder = posixpath.dirname(folder)
        for name in reversed(missing):
            try:
                self._do(name, lambda ftp: ftp.mkd(name))
            except RemoteRefused:
                pass  # it exists; a real refusal shows when the file is stored
            self.folders.add(name)

    def put(self, path: str, data: bytes) -> None:
        final, temporary = self._remote(path), self._remote(temporary_name(path))
        self._folder(posixpath.dirname(final))
        try:
            self._do(path, lambda ftp: ftp.storbinary(f"STOR {temporary}", io.BytesIO(data)))
        except RemoteRefused as exc:
            self._forget(temporary)
            if not exc.reason.startswith("550"):
                raise
            # a server that will not overwrite refuses a temporary file left by an interrupted run
            self._do(path, lambda ftp: ftp.storbinary(f"STOR {temporary}", io.BytesIO(data)))
        stored = self._size(path, temporary)
        if stored is not None and stored != len(data):
            self._forget(temporary)
            raise RemoteRefused(f"the server kept {stored} of {len(data)} bytes (is its disk full?)", path)
        if not self.no_overwrite:
            try:
                self._do(path, lambda ftp: ftp.rename(temporary, final))
            except RemoteRefused:
                if not self._exists(path, final):
                    raise
                self.no_overwrite = True  # the server will not rename onto an existing file
        if self.no_overwrite:
            self._swap(path, temporary, final)
        if not path.isascii():
            self._check_name(path, final)

    def _swap(self, path: str, temporary: str, final: str) -> None:
        """Replace ``final`` on a server that will not overwrite (``AllowOverwrite off``): the old file
        steps aside, the new one takes its name, the old one goes. The name is missing only between two
        renames; if the second fails, the old file comes back."""
        old = final + OLD_SUFFIX
        if not self._exists(path, final):
            self._do(path, lambda ftp: ftp.rename(temporary, final))
            return
        self._forget(old)
        self._do(path, lambda ftp: ftp.rename(final, old))
        try:
            self._do(path, lambda ftp: ftp.rename(temporary, final))
        except RemoteRefused:
            self._do(path, lambda ftp: ftp.rename(old, final))
            raise
        self._forget(old)

    def _check_name(self, path: str, final: str) -> None:
        """Fail, and take the file away again, if the server lists it under another name (a server
        whose file system is not UTF-8 turns Vietnamese letters into something else)."""
        folder = self.target.spec.folder
        for name in path.split("/"):
            listed = {posixpath.basename(n.rstrip("/")) for n in self._do(path, lambda ftp: ftp.nlst(folder))}
            if name not in listed:
                self._forget(final)
                raise NamesMangled(f"“{name}” is not listed under that name", path)
            folder = posixpath.join(folder, name)

    def _size(self, path: str, remote: str) -> int | None:
        """The size of a remote file, None when the server has no SIZE command or no such file."""
        try:
            return self._do(path, lambda ftp: ftp.size(remote))
        except RemoteRefused:
            return None

    def _exists(self, path: str, remote: str) -> bool:
        """Whether a remote file exists: by SIZE, or by listing its folder on a server without SIZE."""
        try:
            self._do(path, lambda ftp: ftp.size(remote))
            return True
        except RemoteRefused as exc:
            if exc.reason.startswith("550"):
                return False
        try:
            names = self._do(path, lambda ftp: ftp.nlst(posixpath.dirname(remote)))
        except RemoteRefused:
            return False
        return posixpath.basename(remote) in {posixpath.basename(n) for n in names}

    def _forget(self, remote: str) -> None:
        """Remove an upload that failed, if the server lets us."""
        try:
            self._do(remote, lambda ftp: ftp.delete(remote))
        except RemoteRefused:
            pass

    def delete(self, path: str) -> None:
        remote = self._remote(path)
        try:
            self._do(path, lambda ftp: ftp.delete(remote))
        except RemoteRefused as exc:
            if not exc.reason.startswith("550") or self._exists(path, remote):
                raise  # "550" is also the reply to a refused deletion: only a file that is gone is done

    def remove_folder(self, folder: str) -> None:
        try:
            self._do(folder, lambda ftp: ftp.rmd(self._remote(folder)))
        except RemoteRefused:
            pass  # not empty (someone else's files), or already gone
        self.folders.discard(self._remote(folder))
