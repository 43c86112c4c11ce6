"""The web editor on one's own machine: Decap's local git proxy (``decap-server``, from the
pinned npm package) against the working copy, for ``portalgen serve --editor``.

The proxy writes each saved item straight into the working copy (its ``fs`` mode: no git host,
no login, Decap's simple publishing); ``portalgen serve`` then rebuilds the preview.  It listens
on 127.0.0.1 only, and the preview server forwards the editor's requests to it, so the editor
talks to its own address and the admin page keeps its Content-Security-Policy.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Mapping

import yaml

from .decap import DEFAULT_FOLDER
from .failures import UsageFailure

PROXY_SCRIPT = Path("node_modules/decap-server/dist/index.js")
#: The address the editor posts to, on the preview server (forwarded to the proxy).
API_PATH = "/api/v1"
STARTUP_SECONDS = 20.0


def repository_root(root: Path, cms: Mapping[str, object]) -> Path:
    """The folder the editor's paths start from: the portal folder less ``cms.folder``."""
    folder = str(cms.get("folder", DEFAULT_FOLDER)).strip("/")
    depth = 0 if folder in ("", ".") else len(Path(folder).parts)
    base = root.resolve()
    return base.parents[depth - 1] if depth else base


def find_proxy(root: Path, cwd: Path | None = None) -> Path | None:
    """``decap-server``'s script, installed in the portal folder, a folder above or the working folder."""
    base = root.resolve()
    for folder in (base, *base.parents, (cwd or Path.cwd()).resolve()):
        if (folder / PROXY_SCRIPT).is_file():
            return folder / PROXY_SCRIPT
    return None


def free_port() -> int:
    """A port nothing listens on, on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def portal_cms(root: Path) -> Mapping[str, object] | None:
    """The ``cms`` section of a portal's ``portal.yaml`` (None without one, or when it cannot be read:
    the build then says why)."""
    try:
        data = yaml.safe_load((root / "portal.yaml").read_text(encoding="utf-8"))
    except (OSError, ValueError, yaml.YAMLError):
        return None
    cms = data.get("cms") if isinstance(data, dict) else None
    return cms if isinstance(cms, dict) else None


def start_proxy(root: Path, cms: Mapping[str, object] | None, port: int) -> subprocess.Popen:
    """Start ``decap-server`` on 127.0.0.1:``port`` against the working copy of ``root``; return
    once it answers.  A :class:`UsageFailure` when it cannot run."""
    node = shutil.which("node")
    script = find_proxy(root)
    if cms is None:
        raise UsageFailure("SERVE_EDITOR_NO_CMS")
    if node is None or script is None:
        raise UsageFailure("SERVE_EDITOR_NO_PROXY")
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs", "LOG_LEVEL": "warn",
           "GIT_REPO_DIRECTORY": str(repository_root(root, cms))}
    process = subprocess.Popen([node, str(script)], env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline and process.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process
        except OSError:
            time.sleep(0.1)
    stop_proxy(process)
    raise UsageFailure("SERVE_EDITOR_NO_PROXY")


def stop_proxy(process: subprocess.Popen) -> None:
    """Stop the proxy this process started."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stderr is not None:
        process.stderr.close()
