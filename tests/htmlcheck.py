"""Checks that judge the static HTML that portalgen writes (``public/<unit>/...``).

Two kinds of checks live here:

* **Pure-Python checks** that need nothing but the standard library (plus ``feedparser``):
  :func:`broken_links`, :func:`policy_problems`, :func:`feed_problems`,
  :func:`sitemap_problems`. They read the output folder from disk and are fast.
* **Tool-backed checks** that need programs installed by ``.ci/install-test-tools``:
  :func:`vnu_errors` (the W3C Nu HTML checker, ``java`` + npm ``vnu-jar``) and
  :func:`axe_violations` (Debian ``chromium`` + ``chromium-driver`` driven by Selenium, with
  npm ``axe-core`` injected into the page).

A test that needs a tool calls :func:`require` with one of the probes (:func:`have_vnu`,
:func:`have_chromium`, :func:`have_axe`): locally the test is *skipped* when the tool is
missing; under CI (``CI=true``) it *fails*, so a CI machine without the tools cannot pass by
skipping everything::

    from htmlcheck import chrome, require, have_vnu, vnu_errors   # chrome is a fixture

    def test_html_is_valid(built_site):
        require("vnu", have_vnu())
        assert vnu_errors(built_site) == []

    def test_home_is_accessible(chrome, built_site):
        with serve(built_site) as base:
            assert axe_violations(chrome, base + "nam-dinh/", width=360) == []

Links, feeds and sitemaps are checked from the whole output folder with the base URL(s) at
which it is published, so absolute links to the portal's own hosts are checked too::

    BASES = {"https://namdinh.gov.vn/": "", "https://haihau.namdinh.gov.vn/": "nam-dinh/hai-hau"}
    assert broken_links("public", base_url=BASES) == []
    assert sitemap_problems("public", BASES) == []

Keep the harness fast: run :func:`vnu_errors` **once** over the whole output folder (one JVM
checks every file, ~5 s for 300 pages; filter the result per page if needed), use the
session-wide browser (:func:`shared_browser` / the ``chrome`` fixture) instead of starting one
per test, and audit one page per template with axe (~0.3 s per page and width), not every page.

Nothing here reaches the network: the browser is started with the flags that stop Chromium's
background traffic and a host-resolver rule that makes every host except 127.0.0.1 and
localhost unresolvable, Selenium is pointed at Debian's ``/usr/bin/chromedriver`` (so Selenium
Manager never downloads a driver or sends statistics), and ``vnu.jar`` is run directly with the
system ``java`` (never through the npm package's ``vnu`` wrapper, which downloads a Java runtime
when it finds none).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import http.server
import json
import os
import posixpath
import re
import shutil
import subprocess
import tempfile
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

import pytest

PROJECT = Path(__file__).resolve().parent.parent

#: Window sizes used for the accessibility checks: a small phone and a desktop.
PHONE = (360, 800)
DESKTOP = (1280, 900)

#: axe-core tags for WCAG 2.0 and 2.1, levels A and AA.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"

# Chromium flags: headless, no sandbox (we run as root), and no background traffic of its own.
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-breakpad",
    "--metrics-recording-only",
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
    "--disable-dev-shm-usage",
    "--mute-audio",
    "--lang=vi-VN",
    # Every host but the loopback test server is unresolvable: a page that pulls from a CDN
    # cannot phone home, and it renders as it would without that CDN.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
)


# --------------------------------------------------------------------------------------------
# Tool locations and availability probes
# --------------------------------------------------------------------------------------------


def chromium_path() -> str:
    """Debian's Chromium; ``HTMLCHECK_CHROMIUM`` overrides (tests use it to fake a missing one)."""
    return os.environ.get("HTMLCHECK_CHROMIUM", "/usr/bin/chromium")


def chromedriver_path() -> str:
    """Debian's ChromeDriver; ``HTMLCHECK_CHROMEDRIVER`` overrides."""
    return os.environ.get("HTMLCHECK_CHROMEDRIVER", "/usr/bin/chromedriver")


def node_modules() -> Path:
    """The project's ``node_modules`` (from ``npm ci``); ``HTMLCHECK_NODE_MODULES`` overrides."""
    return Path(os.environ.get("HTMLCHECK_NODE_MODULES", PROJECT / "node_modules"))


def vnu_jar() -> Path:
    return node_modules() / "vnu-jar" / "build" / "dist" / "vnu.jar"


def axe_script() -> Path:
    return node_modules() / "axe-core" / "axe.min.js"


def _executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


@functools.cache
def _java_major(java: str) -> int | None:
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2)) if major == 1 and match.group(2) else major


def have_java() -> bool:
    """A ``java`` of version 11 or later on PATH (what vnu.jar needs)."""
    java = shutil.which("java")
    return java is not None and (_java_major(java) or 0) >= 11


def have_vnu() -> bool:
    """The Nu HTML checker can run: Java 11+ on PATH and ``node_modules/vnu-jar`` installed."""
    return vnu_jar().is_file() and have_java()


def have_chromium() -> bool:
    """Debian's ``chromium`` and ``chromium-driver`` are installed, and Selenium is importable."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return False
    return _executable(chromium_path()) and _executable(chromedriver_path())


def have_axe() -> bool:
    """``node_modules/axe-core/axe.min.js`` is installed (it runs inside the browser)."""
    return axe_script().is_file()


def require(tool_name: str, available: bool, hint: str = "run .ci/install-test-tools") -> None:
    """Skip the calling test when a tool is missing -- or fail it when ``CI=true``.

    Locally a missing browser or checker should not block a developer, but in CI a skip would
    let broken HTML land silently, so there the missing tool is an error.
    """
    if available:
        return
    message = f"{tool_name} is not available ({hint})"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {message}", pytrace=False)
    pytest.skip(message)


# --------------------------------------------------------------------------------------------
# W3C Nu HTML checker
# --------------------------------------------------------------------------------------------

# Stay well below Linux's limit on one exec's arguments; beyond it we start another JVM.
_MAX_ARGS_CHARS = 500_000


def _html_files(folder: Path, css: bool) -> list[Path]:
    suffixes = {".html", ".htm"} | ({".css"} if css else set())
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in suffixes and p.is_file())


def vnu_errors(
    paths_or_folder: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    css: bool = False,
    ignore: Iterable[str] = (),
    timeout: float = 600,
) -> list[dict[str, Any]]:
    """Validate HTML files with the Nu checker; return its errors (warnings are not returned).

    ``paths_or_folder`` is one file or folder, or many. Folders are searched recursively for
    ``*.html``/``*.htm`` (and ``*.css`` with ``css=True``, checked as CSS). All files go to a
    single ``java -jar vnu.jar`` run -- one JVM start (~1.5 s) instead of one per file.
    ``ignore`` holds regular expressions (``re.search``) of messages to drop.

    Each error is a dict: ``file`` (absolute path), ``line``, ``column``, ``message``,
    ``extract`` and ``type`` (``"error"``, or ``"non-document-error"`` when vnu could not read
    a file). Errors are sorted by file and line.
    """
    if isinstance(paths_or_folder, (str, os.PathLike)):
        paths_or_folder = [paths_or_folder]
    files: list[Path] = []
    for item in paths_or_folder:
        path = Path(item).resolve()
        if path.is_dir():
            files.extend(_html_files(path, css))
        elif path.exists():
            files.append(path)
        else:
            raise FileNotFoundError(path)
    if not files:
        return []
    java = shutil.which("java")
    if java is None or not vnu_jar().is_file():
        raise RuntimeError("vnu needs java on PATH and node_modules/vnu-jar (npm ci)")
    command = [java, "-jar", str(vnu_jar()), "--format", "json", "--errors-only", "--stdout",
               "--exit-zero-always"]
    if css:
        command.append("--also-check-css")
    ignored = [re.compile(p) for p in ignore]

    chunks: list[list[str]] = [[]]
    size = 0
    for file in map(str, files):
        if chunks[-1] and size + len(file) + 1 > _MAX_ARGS_CHARS:
            chunks.append([])
            size = 0
        chunks[-1].append(file)
        size += len(file) + 1

    errors: list[dict[str, Any]] = []
    for chunk in chunks:
        run = subprocess.run(command + chunk, capture_output=True, text=True, timeout=timeout)
        try:
            report = json.loads(run.stdout)
        except json.JSONDecodeError as exc:
            raise RuntimeError(
                f"vnu printed no JSON (exit {run.returncode}): {run.stdout[:500]} {run.stderr[:2000]}"
            ) from exc
        for msg in report.get("messages", []):
            if msg.get("type") not in ("error", "non-document-error"):
                continue
            if any(p.search(msg.get("message", "")) for p in ignored):
                continue
            url = msg.get("url", "")
            errors.append({
                "file": urllib.request.url2pathname(urlsplit(url).path) if url else "",
                "line": msg.get("lastLine", msg.get("firstLine")),
                "column": msg.get("firstColumn", msg.get("lastColumn")),
                "message": msg.get("message", ""),
                "extract": msg.get("extract", ""),
                "type": msg["type"],
            })
    errors.sort(key=lambda e: (e["file"], e["line"] or 0, e["column"] or 0))
    return errors


# --------------------------------------------------------------------------------------------
# A loopback HTTP server for the output folder
# --------------------------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib's name
        pass


@contextlib.contextmanager
def serve(folder: str | os.PathLike) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) for the ``with`` block; yields the base URL.

    ``with serve("public") as base: driver.get(base + "nam-dinh/")``. Missing paths get the
    standard library's plain 404, not the site's ``404.html``.
    """
    folder = os.fspath(Path(folder).resolve())
    if not os.path.isdir(folder):
        raise FileNotFoundError(folder)
    handler = functools.partial(_QuietHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name="htmlcheck-serve", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --------------------------------------------------------------------------------------------
# Headless Chromium and axe-core
# --------------------------------------------------------------------------------------------


@contextlib.contextmanager
def browser(width: int = DESKTOP[0], height: int = DESKTOP[1]) -> Iterator[Any]:
    """A Selenium Chrome driver on Debian's headless Chromium, closed when the block ends.

    Uses ``/usr/bin/chromedriver`` explicitly and ``SE_AVOID_STATS=true``/``SE_OFFLINE=true``,
    so Selenium Manager neither downloads anything nor reports statistics; a fresh temporary
    profile is made and removed. Change the size later with :func:`set_viewport`.
    """
    os.environ["SE_AVOID_STATS"] = "true"
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="htmlcheck-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium_path()
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    driver = None
    try:
        driver = webdriver.Chrome(service=Service(chromedriver_path()), options=options)
        driver.set_page_load_timeout(60)
        driver.set_script_timeout(120)
        yield driver
    finally:
        if driver is not None:
            driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


_shared: contextlib.ExitStack | None = None
_shared_driver: Any = None
_shared_lock = threading.Lock()


def shared_browser() -> Any:
    """One :func:`browser` for the whole test session, started on first use, quit at exit."""
    global _shared, _shared_driver
    with _shared_lock:
        if _shared_driver is None:
            stack = contextlib.ExitStack()
            _shared_driver = stack.enter_context(browser())
            _shared = stack
            atexit.register(close_shared_browser)
        return _shared_driver


def close_shared_browser() -> None:
    global _shared, _shared_driver
    with _shared_lock:
        if _shared is not None:
            _shared.close()
        _shared, _shared_driver = None, None


@pytest.fixture(scope="session")
def chrome() -> Any:
    """Pytest fixture: the session-wide headless Chromium (skips, or fails under CI, without it).

    Import it into a test module (``from htmlcheck import chrome``) or into ``conftest.py``.
    Every import shares the same browser through :func:`shared_browser`.
    """
    require("chromium", have_chromium(), "apt-get install chromium chromium-driver")
    return shared_browser()


def set_viewport(driver: Any, width: int, height: int) -> None:
    """Make the page viewport exactly ``width`` x ``height`` CSS pixels.

    Resizing the window alone leaves the viewport smaller than the window (and Chromium keeps
    windows at least 500 px wide), so the size is also forced through the DevTools protocol;
    widths under 600 px are emulated as a phone (``mobile``: meta viewport is honoured).
    """
    driver.set_window_size(max(width, 500), height + 150)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600,
    })


@functools.lru_cache(maxsize=4)
def _axe_source(path: Path, mtime: float) -> str:
    return path.read_text(encoding="utf-8")


_AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(r => done({violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, tags: v.tags,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, arguments[1]).map(n => n.target.map(
          t => Array.isArray(t) ? t.join(' >>> ') : t).join(' '))}))}))
  .catch(e => done({error: String(e && e.stack || e)}));
"""


def _ensure_ok(url: str) -> None:
    """For pages on our loopback server, fail loudly on a 404 instead of auditing the error page."""
    parts = urlsplit(url)
    if parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost"):
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read(0)
        except urllib.error.HTTPError as exc:
            raise AssertionError(f"{url} answered HTTP {exc.code}; nothing to audit") from exc


def axe_violations(
    driver: Any,
    url: str,
    width: int = DESKTOP[0],
    height: int | None = None,
    *,
    tags: Iterable[str] = WCAG_TAGS,
    max_targets: int = 3,
) -> list[dict[str, Any]]:
    """Load ``url`` at the given viewport width and return axe-core's WCAG violations.

    ``height`` defaults to 800 for widths under 600 (phone) and 900 otherwise. axe-core is
    injected through WebDriver (so a page's Content-Security-Policy does not stop it) and run
    with ``tags`` (WCAG 2.0 and 2.1, A and AA by default). Each violation is a dict with
    ``id``, ``impact``, ``help``, ``helpUrl``, ``tags``, ``nodes`` (how many elements fail),
    ``targets`` (CSS selectors of the first ``max_targets`` of them), ``url`` and ``width``.
    """
    require("axe-core", have_axe(), "npm ci")
    if height is None:
        height = PHONE[1] if width < 600 else DESKTOP[1]
    _ensure_ok(url)
    set_viewport(driver, width, height)
    driver.get(url)
    script = axe_script()
    driver.execute_script(_axe_source(script, script.stat().st_mtime))
    result = driver.execute_async_script(_AXE_RUN, list(tags), max_targets)
    if not isinstance(result, dict) or "error" in result:
        raise RuntimeError(f"axe.run failed on {url}: {result!r}")
    return [dict(v, url=url, width=width) for v in result["violations"]]


def format_violations(violations: Iterable[dict[str, Any]]) -> str:
    """Readable one-line-per-violation text for assertion messages."""
    return "\n".join(
        f"{v.get('url', '')} @{v.get('width', '?')}px: {v['id']} ({v['impact']}) {v['help']} "
        f"-- {v['nodes']} element(s), e.g. {', '.join(v['targets'])}"
        for v in violations
    )


# --------------------------------------------------------------------------------------------
# Links inside the output folder
# --------------------------------------------------------------------------------------------


class BrokenLink(NamedTuple):
    """``page`` (path relative to the checked folder, with ``/``) links to ``href``, which is missing."""

    page: str
    href: str


class Problem(NamedTuple):
    """A problem found in ``file`` (path relative to the checked folder, with ``/``)."""

    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


# Attributes that hold one URL, by element; srcset is handled separately.
_URL_ATTRS = {
    "a": ("href",), "area": ("href",), "link": ("href",),
    "img": ("src",), "script": ("src",), "iframe": ("src",), "embed": ("src",),
    "audio": ("src",), "video": ("src", "poster"), "source": ("src",), "track": ("src",),
    "input": ("src",), "object": ("data",),
}
# <link rel> values whose href the page loads (as opposed to canonical/alternate links).
_LOADED_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "prefetch",
                "modulepreload", "manifest", "mask-icon"}


def srcset_urls(srcset: str) -> list[str]:
    """The URLs of a ``srcset`` attribute (descriptors such as ``2x``/``480w`` dropped)."""
    urls, pos, n = [], 0, len(srcset)
    while pos < n:
        while pos < n and (srcset[pos].isspace() or srcset[pos] == ","):
            pos += 1
        start = pos
        while pos < n and not srcset[pos].isspace():
            pos += 1
        url = srcset[start:pos]
        if url.endswith(","):
            url = url.rstrip(",")
        else:  # skip the descriptors up to the next comma outside parentheses
            depth = 0
            while pos < n and not (srcset[pos] == "," and depth == 0):
                depth += {"(": 1, ")": -1}.get(srcset[pos], 0)
                pos += 1
        if url:
            urls.append(url)
    return urls


class _Page(NamedTuple):
    urls: list[tuple[str, str, str]]  # (tag, attribute, url)
    ids: set[str]
    base: str | None
    inline: list[str]  # inline script/style findings


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()
        self.base: str | None = None
        self.inline: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        if tag == "base" and "href" in values and self.base is None:
            self.base = values["href"].strip()
        # <link> is labelled with its rel ("link[stylesheet]") for policy_problems.
        label = f"link[{values.get('rel', '').lower()}]" if tag == "link" else tag
        for attr in _URL_ATTRS.get(tag, ()):
            if attr in values:
                self.urls.append((label, attr, values[attr].strip()))
        if tag in ("img", "source") and "srcset" in values:
            self.urls.extend((label, "srcset", u) for u in srcset_urls(values["srcset"]))
        if tag == "link" and "imagesrcset" in values:
            self.urls.extend((label, "imagesrcset", u) for u in srcset_urls(values["imagesrcset"]))
        # Inline code, which the site's Content-Security-Policy must not need.
        if tag == "script" and "src" not in values:
            kind = values.get("type", "").lower()
            if kind not in ("application/ld+json", "application/json", "importmap"):
                self.inline.append("inline <script>")
        if tag == "style":
            self.inline.append("inline <style> element")
        if "style" in values:
            self.inline.append(f"style attribute on <{tag}>")
        for name in values:
            if name.startswith("on"):
                self.inline.append(f"event handler {name}= on <{tag}>")
        for attr in ("href", "src", "action", "formaction"):
            if values.get(attr, "").strip().lower().startswith("javascript:"):
                self.inline.append(f"javascript: URL in <{tag} {attr}>")


def _parse_page(path: Path) -> _Page:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return _Page(parser.urls, parser.ids, parser.base, parser.inline)


def _html_pages(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise FileNotFoundError(folder)
    pages = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".html", ".htm") and p.is_file())
    if not pages:
        raise ValueError(f"no .html files under {folder}: wrong folder?")
    return pages


#: Where the checked folder is published: one base URL for the whole folder
#: (``"https://namdinh.gov.vn/"``), or base URL -> sub-folder for units that have their own
#: host (``{"https://namdinh.gov.vn/": "", "https://haihau.namdinh.gov.vn/": "nam-dinh/hai-hau"}``).
BaseURLs = str | Mapping[str, str] | None


def _url_key(url: str) -> str:
    """``url`` with scheme and host lower-cased and no query/fragment, for prefix matching."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path or '/'}"


def _norm_bases(base_url: BaseURLs) -> list[tuple[str, str]]:
    """[(URL prefix ending in /, folder prefix ending in / or "")], longest prefix first."""
    if not base_url:
        return []
    pairs = {base_url: ""} if isinstance(base_url, str) else dict(base_url)
    bases = []
    for url, sub in pairs.items():
        key = _url_key(url)
        sub = sub.strip("/")
        bases.append((key if key.endswith("/") else key + "/", sub + "/" if sub else ""))
    return sorted(bases, key=lambda pair: -len(pair[0]))


def _describe_bases(bases: list[tuple[str, str]]) -> str:
    return " or ".join(url for url, _ in bases) or "(no base URL given)"


def _internal_path(url: str, page_rel: str, bases: list[tuple[str, str]]) -> tuple[str, str] | None:
    """Map ``url`` (as written in ``page_rel``) to (folder-relative path, fragment), or None.

    None means the URL is not ours to check: another host, mailto:, tel:, data:, ...
    The returned path keeps a trailing ``/`` for folder links and is ``..``-prefixed when the
    link climbs out of the checked folder.
    """
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        absolute = url if parts.scheme else "https:" + url
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https"):
            return None
        key = _url_key(absolute)
        for prefix, sub in bases:
            if key.startswith(prefix) or key + "/" == prefix:
                path = "/" + sub + key[len(prefix):]
                break
        else:
            return None
    else:
        path = parts.path
    path = unquote(path)
    if path == "":  # "?query" or "" alone: the page itself
        return page_rel, unquote(parts.fragment)
    if path.startswith("/"):  # root-relative; like a server, "/.." stays at the root
        normal = posixpath.normpath(path).lstrip("/")
    else:  # relative; keeps a leading ".." when it climbs out of the folder
        normal = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), path))
    if normal == ".":
        normal = ""
    folder_link = path.endswith("/") or path in (".", "..") or path.endswith(("/.", "/.."))
    if folder_link and normal and not normal.endswith("/"):
        normal += "/"
    return normal, unquote(parts.fragment)


def _target_file(folder: Path, rel: str) -> Path | None:
    """The file served for folder-relative ``rel`` (``dir/`` -> ``dir/index.html``), or None."""
    if rel.startswith("../") or rel == "..":
        return None
    path = folder / rel if rel else folder
    if rel == "" or rel.endswith("/"):
        index = path / "index.html"
        return index if index.is_file() else None
    if path.is_file():
        return path
    if path.is_dir() and (path / "index.html").is_file():  # servers redirect dir -> dir/
        return path / "index.html"
    return None


def broken_links(
    folder: str | os.PathLike,
    *,
    base_url: BaseURLs = None,
    check_fragments: bool = True,
) -> list[BrokenLink]:
    """Every internal link or resource in the ``.html`` files under ``folder`` that is missing.

    Checked: ``href`` of ``a``/``area``/``link``, ``src`` of images, scripts, frames and media,
    ``srcset``/``imagesrcset``, ``poster`` and ``object data``. Relative URLs resolve against
    the page (or its ``<base href>``), root-relative ones (``/nam-dinh/``) against ``folder``.
    Absolute ``http(s)`` URLs are checked only when they start with a ``base_url`` (see
    :data:`BaseURLs`; e.g. the canonical ``https://namdinh.gov.vn/nam-dinh/``); other hosts,
    ``mailto:``, ``tel:``, ``data:`` and the like are ignored. A link to a folder needs its
    ``index.html``; ``?query`` is ignored.

    With ``check_fragments`` the ``#id`` of a link to an HTML page must be an ``id`` (or
    ``<a name>``) there -- fragment-only links (``#noi-dung``) are checked against the page
    itself. ``#top`` and text fragments (``#:~:text=``) are always accepted.

    Returns sorted ``(page, href)`` pairs, ``page`` relative to ``folder``.
    Raises ``ValueError`` when ``folder`` has no ``.html`` file at all.
    """
    root = Path(folder).resolve()
    bases = _norm_bases(base_url)
    broken: set[BrokenLink] = set()
    parsed: dict[Path, _Page] = {}
    targets: dict[str, Path | None] = {}

    def _page(path: Path) -> _Page:
        if path not in parsed:
            parsed[path] = _parse_page(path)
        return parsed[path]

    for page_path in _html_pages(root):
        page_rel = page_path.relative_to(root).as_posix()
        page = _page(page_path)
        base_rel = page_rel
        if page.base:
            mapped = _internal_path(urljoin("/" + page_rel, page.base), page_rel, bases)
            if mapped is not None:
                base_rel = mapped[0] + ("index.html" if mapped[0].endswith("/") or not mapped[0] else "")
        for _tag, _attr, href in page.urls:
            if not href or href == "#":
                continue
            if href.startswith("#"):
                fragment = unquote(href[1:])
                if check_fragments and not _fragment_ok(fragment, page.ids):
                    broken.add(BrokenLink(page_rel, href))
                continue
            mapped = _internal_path(href, base_rel, bases)
            if mapped is None:
                continue
            rel, fragment = mapped
            if rel not in targets:
                targets[rel] = _target_file(root, rel)
            target = targets[rel]
            if target is None:
                broken.add(BrokenLink(page_rel, href))
            elif (check_fragments and fragment and target.suffix.lower() in (".html", ".htm")
                  and not _fragment_ok(fragment, _page(target).ids)):
                broken.add(BrokenLink(page_rel, href))
    return sorted(broken)


def _fragment_ok(fragment: str, ids: set[str]) -> bool:
    return fragment in ids or fragment.lower() == "top" or fragment.startswith(":~:")


def policy_problems(folder: str | os.PathLike, *, base_url: BaseURLs = None) -> list[Problem]:
    """portalgen's page policy: no inline script/style and nothing loaded from another host.

    Reports ``<script>`` without ``src`` (JSON data blocks allowed), ``<style>`` elements,
    ``style=`` and ``on*=`` attributes, ``javascript:`` URLs, and any image, script, frame,
    media or loaded ``<link>`` (stylesheet, icon, preload, manifest...) from an absolute URL
    that is not under a ``base_url`` -- a CDN, a web font service, an analytics host.
    """
    root = Path(folder).resolve()
    bases = _norm_bases(base_url)
    problems: list[Problem] = []
    for page_path in _html_pages(root):
        page_rel = page_path.relative_to(root).as_posix()
        page = _parse_page(page_path)
        problems.extend(Problem(page_rel, finding) for finding in page.inline)
        for tag, attr, url in page.urls:
            if tag == "a" or tag == "area":
                continue
            if tag.startswith("link[") and not (set(tag[5:-1].split()) & _LOADED_RELS):
                continue
            parts = urlsplit(url)
            absolute = parts.scheme in ("http", "https") or (not parts.scheme and parts.netloc)
            if absolute and _internal_path(url, page_rel, bases) is None:
                problems.append(Problem(page_rel, f"<{tag} {attr}> loads from another host: {url}"))
    return problems


# --------------------------------------------------------------------------------------------
# Feeds and sitemaps
# --------------------------------------------------------------------------------------------

_FEED_VERSIONS = {"rss.xml": ("rss20",), "atom.xml": ("atom10",)}


def feed_problems(
    folder: str | os.PathLike,
    *,
    base_url: BaseURLs = None,
    names: Iterable[str] = ("rss.xml", "atom.xml"),
    require_feeds: bool = True,
) -> list[Problem]:
    """Check every ``rss.xml`` / ``atom.xml`` under ``folder`` with ``feedparser``.

    A feed must parse cleanly (``bozo == 0``: well-formed XML, known encoding), be of the kind
    its name says (``rss.xml`` is RSS 2.0, ``atom.xml`` is Atom 1.0), have a title, and have at
    least one entry; every entry needs a title and an absolute ``http(s)`` link. Links under
    a ``base_url`` must map to a file in ``folder``. With ``require_feeds`` finding no feed at
    all is itself a problem.
    """
    import feedparser

    root = Path(folder).resolve()
    bases = _norm_bases(base_url)
    names = tuple(names)
    files = sorted(p for p in root.rglob("*") if p.name in names and p.is_file())
    if not files and require_feeds:
        return [Problem(".", f"no {' / '.join(names)} under {root}")]
    problems: list[Problem] = []
    for path in files:
        rel = path.relative_to(root).as_posix()

        def report(message: str, rel: str = rel) -> None:
            problems.append(Problem(rel, message))

        # Bytes, never a path string: feedparser would fetch a string that looks like a URL.
        feed = feedparser.parse(path.read_bytes())
        if feed.bozo:
            report(f"does not parse cleanly: {feed.get('bozo_exception')!r}")
            continue
        wanted = _FEED_VERSIONS.get(path.name)
        if wanted and feed.version not in wanted:
            report(f"is {feed.version or 'not a known feed format'}, expected {' or '.join(wanted)}")
        if not feed.feed.get("title"):
            report("feed has no title")
        if not feed.entries:
            report("feed has no entries")
        for number, entry in enumerate(feed.entries, 1):
            link = entry.get("link", "")
            label = f"entry {number} ({entry.get('title', '')!r})"
            if not entry.get("title"):
                report(f"{label} has no title")
            if not link:
                report(f"{label} has no link")
            elif urlsplit(link).scheme not in ("http", "https"):
                report(f"{label} link is not an absolute http(s) URL: {link}")
            else:
                mapped = _internal_path(link, "", bases)
                if mapped is not None and _target_file(root, mapped[0]) is None:
                    report(f"{label} links to a missing page: {link}")
    return problems


_W3C_DATETIME = re.compile(
    r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$"
)


def sitemap_problems(
    folder: str | os.PathLike,
    base_url: BaseURLs,
    *,
    pattern: str = "sitemap*.xml",
    require_sitemaps: bool = True,
) -> list[Problem]:
    """Check every ``sitemap*.xml`` under ``folder`` (unit sitemaps and the root index).

    Each must be well-formed XML whose root is ``urlset`` or ``sitemapindex`` in the sitemaps
    0.9 namespace, with at most 50,000 ``<loc>``s. Every ``<loc>`` must start with a
    ``base_url`` (where ``folder`` is published, see :data:`BaseURLs`) and, with that prefix
    replaced by its folder, map to a file in ``folder`` (``.../`` -> ``.../index.html``); a
    ``sitemapindex`` must point at sitemap files. As the protocol requires, a sitemap lists only
    URLs under its own folder.
    ``<lastmod>`` must be a W3C datetime and no ``<loc>`` may repeat.
    """
    root = Path(folder).resolve()
    bases = _norm_bases(base_url)
    if not bases:
        raise ValueError("sitemap_problems needs the base URL(s) where the folder is published")
    files = sorted(p for p in root.rglob(pattern) if p.is_file())
    if not files and require_sitemaps:
        return [Problem(".", f"no {pattern} under {root}")]
    ns = f"{{{SITEMAP_NS}}}"
    problems: list[Problem] = []
    for path in files:
        rel = path.relative_to(root).as_posix()
        try:
            tree = ET.parse(path)
        except ET.ParseError as exc:
            problems.append(Problem(rel, f"not well-formed XML: {exc}"))
            continue
        top = tree.getroot()
        if top.tag == f"{ns}urlset":
            item = "url"
        elif top.tag == f"{ns}sitemapindex":
            item = "sitemap"
        else:
            problems.append(Problem(rel, f"root element is {top.tag}, not urlset or sitemapindex in {SITEMAP_NS}"))
            continue
        scope = posixpath.dirname(rel)
        scope = scope + "/" if scope else ""
        entries = top.findall(f"{ns}{item}")
        if not entries:
            problems.append(Problem(rel, f"has no <{item}> entries"))
        if len(entries) > 50_000:
            problems.append(Problem(rel, f"has {len(entries)} entries; the limit is 50,000"))
        seen: set[str] = set()
        for entry in entries:
            loc = (entry.findtext(f"{ns}loc") or "").strip()
            if loc in seen:
                problems.append(Problem(rel, f"<loc> {loc} is listed more than once"))
            seen.add(loc)
            lastmod = entry.findtext(f"{ns}lastmod")
            if lastmod is not None and not _W3C_DATETIME.match(lastmod.strip()):
                problems.append(Problem(rel, f"<lastmod>{lastmod}</lastmod> of {loc} is not a W3C datetime"))
            if not loc:
                problems.append(Problem(rel, f"<{item}> without <loc>"))
                continue
            mapped = _internal_path(loc, "", bases)
            if mapped is None:
                problems.append(Problem(rel, f"<loc> {loc} is not under {_describe_bases(bases)}"))
                continue
            target_rel = mapped[0]
            if not target_rel.startswith(scope):
                problems.append(Problem(rel, f"<loc> {loc} is outside the sitemap's folder /{scope}"))
            target = _target_file(root, target_rel)
            if target is None:
                problems.append(Problem(rel, f"<loc> {loc} has no file in the folder"))
            elif item == "sitemap" and target.suffix != ".xml":
                problems.append(Problem(rel, f"<loc> {loc} in a sitemap index is not a sitemap"))
    return problems
