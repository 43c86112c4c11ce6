"""Throw-away servers on 127.0.0.1 for the deploy tests: FTP and FTPS (pyftpdlib, with a
self-signed certificate made here) and SFTP (asyncssh), each in a thread, each chrooted to a folder."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import logging
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import asyncssh
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import DTPHandler, FTPHandler, TLS_FTPHandler
from pyftpdlib.ioloop import IOLoop
from pyftpdlib.servers import FTPServer

logging.getLogger("pyftpdlib").setLevel(logging.WARNING)


def self_signed_certificate(folder: Path) -> Path:
    """A PEM file holding a key and a certificate for 127.0.0.1 (also the CA file clients trust)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
                   .not_valid_after(now + dt.timedelta(days=2))
                   .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                                  critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(key, hashes.SHA256()))
    path = folder / "server.pem"
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                       serialization.NoEncryption())
                     + certificate.public_bytes(serialization.Encoding.PEM))
    return path


@dataclass
class Cut:
    """Drop the connection (control and data) once ``after`` bytes were uploaded on it; then drop
    the next ``down`` connections at once, as a link that stays down for a while."""

    after: int | None = None
    down: int = 0
    received: int = 0
    refusing: int = 0


@dataclass
class Server:
    port: int
    root: Path
    cut: Cut


@contextmanager
def ftp_server(root: Path, user: str, password: str, certfile: Path | None = None) -> Iterator[Server]:
    """An FTP server (FTPS with explicit TLS when ``certfile`` is given) serving ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    cut = Cut()

    class Dropping(DTPHandler):
        def handle_read(self):
            before = self.tot_bytes_received
            super().handle_read()
            cut.received += self.tot_bytes_received - before
            if cut.after is not None and cut.received >= cut.after:
                cut.after, cut.refusing = None, cut.down
                self.cmd_channel.close()
                self.close()

        handle_read_event = handle_read  # pyftpdlib calls this alias

    class Unreachable(FTPHandler):
        def handle(self):
            if cut.refusing:
                cut.refusing -= 1
                self.close()
                return
            cut.received = 0
            super().handle()

    authorizer = DummyAuthorizer()
    authorizer.add_user(user, password, str(root), perm="elradfmwMT")
    if certfile is None:
        handler = type("Handler", (Unreachable,), {"authorizer": authorizer, "dtp_handler": Dropping})
    else:
        handler = type("Handler", (TLS_FTPHandler,), {
            "authorizer": authorizer, "certfile": str(certfile), "tls_control_required": True,
            "tls_data_required": True})
    server = FTPServer(("127.0.0.1", 0), handler, ioloop=IOLoop())  # its own loop: several servers, several threads
    thread = threading.Thread(target=server.serve_forever, kwargs={"timeout": 0.2}, daemon=True)
    thread.start()
    try:
        yield Server(server.address[1], root, cut)
    finally:
        server.close_all()
        thread.join(5)


@contextmanager
def sftp_server(root: Path, user: str, password: str) -> Iterator[tuple[Server, str]]:
    """An SFTP server serving ``root``; yields it and its host key line (``ssh-ed25519 AAAA…``)."""
    root.mkdir(parents=True, exist_ok=True)
    key = asyncssh.generate_private_key("ssh-ed25519")

    class Accounts(asyncssh.SSHServer):
        def begin_auth(self, username: str) -> bool:
            return True

        def password_auth_supported(self) -> bool:
            return True

        def validate_password(self, username: str, given: str) -> bool:
            return username == user and given == password

    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    async def listen():
        return await asyncssh.listen(
            "127.0.0.1", 0, server_host_keys=[key], server_factory=Accounts,
            sftp_factory=lambda channel: asyncssh.SFTPServer(channel, chroot=str(root).encode()), allow_scp=False)

    listener = asyncio.run_coroutine_threadsafe(listen(), loop).result(10)
    port = listener.sockets[0].getsockname()[1]
    host_key = " ".join(key.export_public_key().decode().split()[:2])
    try:
        yield Server(port, root, Cut()), host_key
    finally:
        listener.close()
        asyncio.run_coroutine_threadsafe(listener.wait_closed(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)


# --- servers shared hosts run, from Debian packages (.ci/install-test-tools) -----------------------

#: The account the real servers' users run as (files on their disk belong to it).
NOBODY = 65534


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped: {log.read_text(errors='replace') if log.exists() else ''}")
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the server did not start")


@contextmanager
def _running(command: list[str], port: int, log: Path) -> Iterator[None]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(port, process, log)
        yield
    finally:
        process.terminate()
        process.wait(10)


@contextmanager
def remote_home(disk: str | None = None) -> Iterator[Path]:
    """A home for the real servers' user: a root-owned folder outside /tmp (sshd chroots into it, ProFTPD
    resolves it as the user) holding ``site``, owned by the user; ``disk`` makes ``site`` a tmpfs of that
    size, a remote disk that fills up."""
    home = Path(tempfile.mkdtemp(prefix="portalgen-test-", dir="/run"))
    home.chmod(0o755)
    site = home / "site"
    site.mkdir()
    if disk:
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={disk},mode=0755,uid={NOBODY},gid={NOBODY}", "tmpfs",
                        str(site)], check=True, capture_output=True)
    os.chown(site, NOBODY, NOBODY)
    try:
        yield home
    finally:
        if disk:
            subprocess.run(["umount", "-l", str(site)], check=False, capture_output=True)
        shutil.rmtree(home, ignore_errors=True)


def can_mount() -> bool:
    """Whether this machine lets the tests mount a tmpfs (root, and a container that allows it)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    probe = Path(tempfile.mkdtemp(prefix="portalgen-mount-"))
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)], capture_output=True)
        if done.returncode == 0:
            subprocess.run(["umount", str(probe)], check=False)
        return done.returncode == 0
    finally:
        probe.rmdir()


@contextmanager
def proftpd_server(work: Path, home: Path, user: str, password: str, *, overwrite: bool = True,
                   encoding: str | None = None) -> Iterator[Server]:
    """ProFTPD serving ``home`` (see ``remote_home``) to a virtual user, chrooted, running as nobody;
    ``overwrite=False`` is ``AllowOverwrite off``, ``encoding`` the file system's charset (``UseEncoding``).
    Every command it carries out is logged, in order, to ``work/commands.log``."""
    work.mkdir(parents=True, exist_ok=True)
    hashed = subprocess.run(["openssl", "passwd", "-6", "-stdin"], input=password, capture_output=True, text=True,
                            check=True).stdout.strip()
    (work / "passwd").write_text(f"{user}:{hashed}:{NOBODY}:{NOBODY}::{home}:/bin/false\n", encoding="utf-8")
    (work / "group").write_text(f"nogroup:x:{NOBODY}:\n", encoding="utf-8")
    for name in ("passwd", "group"):
        (work / name).chmod(0o600)
    port = free_port()
    log = work / "proftpd.log"
    lines = [
        "ServerType standalone", "DefaultServer on", f"Port {port}", "DefaultAddress 127.0.0.1",
        "SocketBindTight on", "UseIPv6 off", "User nobody", "Group nogroup", f"PidFile {work}/proftpd.pid",
        f"ScoreboardFile {work}/proftpd.scoreboard", "DelayTable none", "WtmpLog off", "UseReverseDNS off",
        f"SystemLog {log}", "TransferLog none", "AuthOrder mod_auth_file.c", f"AuthUserFile {work}/passwd",
        f"AuthGroupFile {work}/group", "RequireValidShell off", "DefaultRoot ~", "Umask 022",
        f"AllowOverwrite {'on' if overwrite else 'off'}", 'LogFormat commands "%r %s"',
        f"ExtendedLog {work}/commands.log ALL commands",
        *([f"UseEncoding {encoding} UTF-8"] if encoding else []),
    ]
    conf = work / "proftpd.conf"
    conf.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with _running([shutil.which("proftpd") or "/usr/sbin/proftpd", "--nodaemon", "--config", str(conf)], port, log):
        yield Server(port, home / "site", Cut())


def ssh_key(path: Path) -> tuple[str, str]:
    """A new Ed25519 key pair at ``path``: (private key text, public key line)."""
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "portalgen-test", "-f", str(path)],
                   check=True, capture_output=True)
    return path.read_text(encoding="utf-8"), path.with_suffix(".pub").read_text(encoding="utf-8").strip()


@contextmanager
def sshd_server(work: Path, home: Path, authorized: str) -> Iterator[tuple[Server, str]]:
    """OpenSSH's sshd on 127.0.0.1 letting ``nobody`` in with the ``authorized`` public key, chrooted to
    ``home`` (see ``remote_home``) with ``internal-sftp`` only; yields it and its host key line."""
    work.mkdir(parents=True, exist_ok=True)
    _, host_key = ssh_key(work / "host_ed25519")
    (home / "authorized_keys").write_text(authorized + "\n", encoding="utf-8")  # sshd reads it as the user
    port = free_port()
    log = work / "sshd.log"
    lines = [
        f"Port {port}", "ListenAddress 127.0.0.1", f"HostKey {work}/host_ed25519", f"PidFile {work}/sshd.pid",
        f"AuthorizedKeysFile {home}/authorized_keys", "StrictModes no", "UsePAM no", "PasswordAuthentication no",
        "KbdInteractiveAuthentication no", "AllowUsers nobody", "Subsystem sftp internal-sftp",
        f"ChrootDirectory {home}", "ForceCommand internal-sftp", "AllowTcpForwarding no", "X11Forwarding no",
    ]
    conf = work / "sshd_config"
    conf.write_text("\n".join(lines) + "\n", encoding="utf-8")
    Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege separation folder
    with _running([shutil.which("sshd") or "/usr/sbin/sshd", "-D", "-e", "-f", str(conf), "-E", str(log)], port, log):
        yield Server(port, home / "site", Cut()), " ".join(host_key.split()[:2])
