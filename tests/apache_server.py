"""A real Apache (Debian's ``apache2``) serving a build as shared hosting does: a non-root
configuration on a 127.0.0.1 port, ``AllowOverride All`` so each site's own ``.htaccess``
applies, the modules a shared host loads (mime, dir, headers, deflate, expires, rewrite)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

APACHE = os.environ.get("PORTALGEN_APACHE", "/usr/sbin/apache2")
MODULES = Path("/usr/lib/apache2/modules")
LOADED = ("mpm_event", "authz_core", "authz_host", "mime", "dir", "headers", "deflate", "filter", "expires",
          "rewrite", "alias", "setenvif", "env")

CONFIG = """\
ServerRoot "{root}"
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile "{root}/httpd.pid"
ErrorLog "{root}/error.log"
LogLevel warn
{user}
{modules}
TypesConfig /etc/mime.types
DocumentRoot "{docs}"
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<Directory "{docs}">
  Options FollowSymLinks
  AllowOverride All
  Require all granted
</Directory>
"""


def have_apache() -> bool:
    """Debian's apache2 binary and its modules are installed."""
    return os.access(APACHE, os.X_OK) and (MODULES / "mod_headers.so").is_file()


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def apache(folder: Path, port: int) -> Iterator[str]:
    """Serve a copy of ``folder`` at ``http://127.0.0.1:port/`` until the block ends. The copy
    lives in a folder every user can read: run as root, Apache serves as ``www-data``."""
    root = Path(tempfile.mkdtemp(prefix="portalgen-apache-"))
    try:
        docs = root / "docs"
        shutil.copytree(folder, docs)
        for path in (root, *docs.rglob("*")):
            path.chmod(0o755 if path.is_dir() else 0o644)
        modules = "\n".join(f"LoadModule {name}_module {MODULES}/mod_{name}.so" for name in LOADED)
        user = "User www-data\nGroup www-data" if os.geteuid() == 0 else ""
        (root / "httpd.conf").write_text(CONFIG.format(root=root, port=port, docs=docs, modules=modules, user=user),
                                         encoding="utf-8")
        server = subprocess.Popen([APACHE, "-f", str(root / "httpd.conf"), "-DFOREGROUND"],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}/"
            _wait(base, server, root)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=20)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _wait(base: str, server: subprocess.Popen, root: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if server.poll() is not None:
            output = server.stdout.read().decode(errors="replace") if server.stdout else ""
            log = (root / "error.log").read_text(errors="replace") if (root / "error.log").exists() else ""
            raise RuntimeError(f"apache2 stopped: {output}{log}")
        try:
            urllib.request.urlopen(base, timeout=2).close()
            return
        except OSError as error:
            if getattr(error, "code", None):  # an HTTP answer (403 at the root): the server is up
                return
            time.sleep(0.2)
    raise RuntimeError("apache2 did not answer in 20 s")
