"""Throw-away servers on 127.0.0.1 for the deploy tests: FTP and FTPS (pyftpdlib, with a
self-signed certificate made here) and SFTP (asyncssh), each in a thread, each chrooted to a folder."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import logging
import threading
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
