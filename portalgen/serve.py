"""``portalgen serve``: build, serve every unit's site on 127.0.0.1, rebuild on change, reload pages.

The only watchdog import.  The reload script is added to HTML pages as they are *served*, never
written into the output.  Content problems do not stop the server: the last good output stays
online and an overlay in the page (and the terminal) lists what to fix.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.client
import http.server
import json
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, cast

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from . import local_editor, parallel
from .build import Session, build_portal
from .buildstate import BuildResult
from .cache import Cache
from .problems import Severity
from .themes import builtin_theme_root

ENDPOINT = "/__portalgen/"
RELOAD_SCRIPT = "reload.js"
DEBOUNCE_SECONDS = 0.3


@dataclass
class State:
    """What the browser asks the server about: a build number and the current problems."""

    version: int = 0
    problems: list[dict] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def update(self, result: BuildResult, lang: str) -> None:
        with self.lock:
            self.version += 1
            self.problems = [{"file": p.source.render(), "severity": p.severity.label, "code": p.code,
                              "message": p.message(lang)} for p in result.check.problems
                             if p.severity >= Severity.ERROR]

    def snapshot(self) -> dict:
        with self.lock:
            return {"version": self.version, "problems": list(self.problems)}


def own_hosts(port: int) -> frozenset[str]:
    """The ``Host`` headers the preview answers: its own loopback names. Any other name (a DNS
    rebinding attack points one at 127.0.0.1) is refused, so no web page can read the preview
    or its problem report."""
    names = ("127.0.0.1", "localhost")
    return frozenset([*(f"{n}:{port}" for n in names), *(names if port == 80 else ())])


#: The editor's configuration and pages are what decide its policy: ``admin/.htaccess``'s.
_POLICY = re.compile(rb'Header always set Content-Security-Policy "([^"]+)"')


def editor_config(data: bytes, api: str) -> bytes:
    """An editor's ``config.yml`` as the preview serves it: Decap talks to ``api``, the local
    backend the preview forwards to (``serve --editor``)."""
    lines = [line for line in data.decode("utf-8").splitlines(keepends=True) if not line.startswith("local_backend:")]
    return "".join([*lines, f"local_backend:\n  url: {api}\n"]).encode("utf-8")


def admin_policy(folder: Path) -> str | None:
    """The Content-Security-Policy the ``.htaccess`` of an editor's folder sets, if any."""
    htaccess = folder / ".htaccess"
    found = _POLICY.search(htaccess.read_bytes()) if htaccess.is_file() else None
    return found[1].decode("ascii") if found else None


class _Handler(http.server.SimpleHTTPRequestHandler):
    state: State
    script: bytes
    home: str
    proxy_port: int | None = None
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".yml": "application/yaml"}

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the standard library's name
        pass

    def _refused(self) -> bool:
        """Answers 421 (and says so) to a request for another host name."""
        server = cast(http.server.HTTPServer, self.server)
        if self.headers.get("Host", "").lower() in own_hosts(server.server_port):
            return False
        self.send_error(421, "Misdirected Request")
        return True

    def list_directory(self, path):  # noqa: ANN001 - the standard library's signature
        """No folder is ever listed (a site folder without ``index.html`` is simply not found)."""
        self.send_error(404)
        return None

    def do_HEAD(self) -> None:  # noqa: N802 - the standard library's name
        if not self._refused():
            super().do_HEAD()

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        if self._refused():
            return None
        if self.path.split("?")[0] == "/" and self.home:
            self.send_response(302)
            self.send_header("Location", f"/{self.home}/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if self.path.startswith(ENDPOINT):
            name = self.path[len(ENDPOINT):].split("?")[0]
            if name == "status.json":
                return self._send(json.dumps(self.state.snapshot()).encode(), "application/json")
            if name == RELOAD_SCRIPT:
                return self._send(self.script, "text/javascript")
            return self.send_error(404)
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if self.proxy_port is not None and path.parent.name == "admin" and path.is_file():
            return self._editor_file(path)
        if path.suffix == ".html" and path.is_file():
            html = path.read_bytes()
            tag = f'<script src="{ENDPOINT}{RELOAD_SCRIPT}" defer></script>'.encode()
            html = html.replace(b"</body>", tag + b"</body>", 1) if b"</body>" in html else html + tag
            return self._send(html, "text/html; charset=utf-8")
        return super().do_GET()

    def _editor_file(self, path: Path) -> None:
        """A file of an editor's folder, under that folder's policy; its configuration pointed at
        the local backend."""
        data = path.read_bytes()
        if path.name == "config.yml":
            data = editor_config(data, f"http://{self.headers.get('Host', '')}{local_editor.API_PATH}")
        kind = "text/html; charset=utf-8" if path.suffix == ".html" else self.guess_type(str(path))
        self._send(data, kind, admin_policy(path.parent))

    def do_POST(self) -> None:  # noqa: N802 - the standard library's name
        """The editor's requests, forwarded to the local backend (``serve --editor``)."""
        if self._refused():
            return None
        if self.proxy_port is None or self.path != local_editor.API_PATH:
            return self.send_error(404)
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        connection = http.client.HTTPConnection("127.0.0.1", self.proxy_port, timeout=60)
        try:
            connection.request("POST", local_editor.API_PATH, body, {"Content-Type": "application/json"})
            answer = connection.getresponse()
            data = answer.read()
        except OSError:
            return self.send_error(502, "The local backend (decap-server) does not answer")
        finally:
            connection.close()
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.getheader("Content-Type", "application/json"))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def _send(self, data: bytes, content_type: str, policy: str | None = None) -> None:
        self.send_response(200)
        if policy:
            self.send_header("Content-Security-Policy", policy)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)


class _Changes(FileSystemEventHandler):
    """Sets an event whenever something relevant changes in the watched folders."""

    def __init__(self, changed: threading.Event, ignored: tuple[Path, ...]) -> None:
        self.changed = changed
        self.ignored = ignored

    #: What changes a file: reading one (``opened``, ``closed_no_write``: a rebuild's own reads)
    #: or closing it after writing (``closed``, which follows a ``modified``) does not count.
    COUNTED = frozenset({"created", "modified", "moved", "deleted"})

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in self.COUNTED or (event.is_directory and event.event_type == "modified"):
            return
        path = Path(str(event.src_path)).resolve()
        if any(path == folder or folder in path.parents for folder in self.ignored):
            return
        if any(part.startswith(".") for part in path.parts[-3:]):
            return
        self.changed.set()


class PortalServer:
    """A running preview: call :meth:`start`, then :meth:`stop`."""

    def __init__(self, root: Path, out: Path, port: int, now: Callable[[], dt.datetime], *, cache: Cache,
                 unit: str | None = None, lang: str = "vi", report: Callable[[BuildResult], None] = lambda _: None,
                 proxy_port: int | None = None):
        self.root, self.out, self.now, self.cache, self.unit, self.lang = root, out, now, cache, unit, lang
        self.report = report
        self.session = Session()  # what a rebuild keeps from the previous one: only changes are redone
        self.state = State()
        self.changed = threading.Event()
        self.stopping = threading.Event()
        self.home = unit or next((p.name for p in sorted(root.iterdir()) if (p / "unit.yaml").is_file()), "")
        handler = type("Handler", (_Handler,), {
            "state": self.state, "script": (builtin_theme_root() / "static" / "portalgen-reload.js").read_bytes(),
            "home": self.home, "proxy_port": proxy_port})
        out.mkdir(parents=True, exist_ok=True)
        serving = functools.partial(handler, directory=str(out))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), serving)
        self.observer = Observer()
        watch = _Changes(self.changed, (out.resolve(), (Path.cwd() / ".portalgen-cache").resolve()))
        self.observer.schedule(watch, str(root), recursive=True)
        theme = builtin_theme_root()
        if not theme.resolve().is_relative_to(root.resolve()):
            self.observer.schedule(watch, str(theme), recursive=True)
        self.threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def rebuild(self, jobs: int | None = 1) -> BuildResult:
        """Build what changed since the previous build; ``jobs``: worker processes (forking is safe
        only before the server's threads start)."""
        with parallel.collected_once(parallel.default_jobs(jobs)):
            result = build_portal(self.root, self.out, self.now(), unit=self.unit, cache=self.cache, jobs=jobs,
                                  session=self.session)
        self.state.update(result, self.lang)
        self.report(result)
        return result

    def start(self) -> None:
        self.rebuild(jobs=None)
        self.observer.start()
        for target in (self.httpd.serve_forever, self._watch):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self.threads.append(thread)

    def _watch(self) -> None:
        while not self.stopping.is_set():
            if self.changed.wait(0.2):
                time.sleep(DEBOUNCE_SECONDS)  # let an editor finish saving several files
                self.changed.clear()
                if not self.stopping.is_set():
                    self.rebuild()

    def stop(self) -> None:
        self.stopping.set()
        self.observer.stop()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.observer.join(timeout=5)
        for thread in self.threads:
            thread.join(timeout=5)
