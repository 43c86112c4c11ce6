"""portalgen serve: a real server on 127.0.0.1 that rebuilds on change and keeps the last good site."""

from __future__ import annotations

import datetime as dt
import json
import time
import urllib.request
from pathlib import Path

import pytest

from portalgen.cache import Cache
from portalgen.serve import PortalServer

from portal_builder import NEWS, portal_2025, write

NOW = dt.datetime(2026, 11, 27, 9, 0)


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for_version(server: PortalServer, after: int) -> dict:
    for _ in range(100):
        status = json.loads(fetch(server.url + "__portalgen/status.json"))
        if status["version"] > after:
            return status
        time.sleep(0.1)
    raise AssertionError("no rebuild within 10 s")


@pytest.fixture
def server(tmp_path):
    root = portal_2025(tmp_path / "portal")
    running = PortalServer(root, tmp_path / "out", 0, lambda: NOW, cache=Cache())
    running.start()
    yield running
    running.stop()


def test_serves_every_unit_with_the_reload_script_only_when_serving(server):
    home = fetch(server.url + "tinh-a/")
    commune = fetch(server.url + "tinh-a/xa-b/tin-tuc/hoi-nghi/")
    assert '<script src="/__portalgen/reload.js" defer></script></body>' in home
    assert "Hội nghị triển khai nhiệm vụ tháng 12" in commune
    assert "__portalgen" not in (server.out / "tinh-a/index.html").read_text(encoding="utf-8")
    assert "window.location.reload" in fetch(server.url + "__portalgen/reload.js")


def test_an_edit_is_rebuilt_and_an_error_keeps_the_last_good_site(server):
    version = json.loads(fetch(server.url + "__portalgen/status.json"))["version"]
    write(server.root, "tinh-a/news/2026/hoi-nghi.md", NEWS.replace("Hội nghị triển khai", "Hội nghị sơ kết"))
    status = wait_for_version(server, version)
    assert status["problems"] == []
    assert "Hội nghị sơ kết nhiệm vụ tháng 12" in fetch(server.url + "tinh-a/tin-tuc/hoi-nghi/")

    write(server.root, "tinh-a/news/2026/hoi-nghi.md", NEWS.replace("date: 2026-11-25", "date: 2026-13-45"))
    status = wait_for_version(server, status["version"])
    assert [p["code"] for p in status["problems"]] == ["DATE_INVALID"]
    assert "Hội nghị sơ kết nhiệm vụ tháng 12" in fetch(server.url + "tinh-a/tin-tuc/hoi-nghi/")

    write(server.root, "tinh-a/news/2026/hoi-nghi.md", NEWS)
    status = wait_for_version(server, status["version"])
    assert status["problems"] == []
    assert "Hội nghị triển khai nhiệm vụ tháng 12" in fetch(server.url + "tinh-a/tin-tuc/hoi-nghi/")


def test_the_page_shows_problems_over_it_and_reloads_when_fixed(server, chrome):
    from htmlcheck import have_chromium, require

    require("chromium", have_chromium())
    chrome.get(server.url + "tinh-a/tin-tuc/hoi-nghi/")
    time.sleep(1.5)
    write(server.root, "tinh-a/news/2026/hoi-nghi.md", NEWS.replace("date: 2026-11-25", "date: 2026-13-45"))
    overlay = ""
    for _ in range(80):
        overlay = chrome.execute_script("var box = document.querySelector('[role=alert][aria-label=portalgen]');"
                                        "return box ? box.textContent : '';")
        if overlay:
            break
        time.sleep(0.1)
    assert "DATE_INVALID" in overlay and "hoi-nghi.md" in overlay
    write(server.root, "tinh-a/news/2026/hoi-nghi.md", NEWS.replace("Hội nghị triển khai", "Hội nghị đã sửa"))
    for _ in range(80):
        if "Hội nghị đã sửa" in chrome.execute_script("return document.title"):
            break
        time.sleep(0.1)
    assert "Hội nghị đã sửa" in chrome.execute_script("return document.title")
    assert not chrome.execute_script("return document.querySelector('[role=alert][aria-label=portalgen]')")


def _status(url: str, host: str | None = None) -> tuple[int, str]:
    """The status of a GET (redirects not followed) and its Location, with ``host`` as the Host header."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    connection.putrequest("GET", parts.path or "/", skip_host=host is not None)
    if host is not None:
        connection.putheader("Host", host)
    connection.endheaders()
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, response.getheader("Location") or ""


def test_only_its_own_host_names_are_answered(server):
    port = server.httpd.server_address[1]
    for own in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
        assert _status(server.url + "tinh-a/", own)[0] == 200, own
    for other in ("attacker.example", f"attacker.example:{port}", f"127.0.0.1:{port + 1}", ""):
        assert _status(server.url + "tinh-a/", other)[0] == 421, other  # a DNS rebinding attack's page
        assert _status(server.url + "__portalgen/status.json", other)[0] == 421, other


def test_no_folder_is_listed_and_the_root_leads_to_the_top_unit(server):
    assert _status(server.url) == (302, "/tinh-a/")
    assert _status(server.url + "tinh-a/assets/")[0] == 404
    assert (server.out / "tinh-a/assets").is_dir()


def test_an_error_brings_one_rebuild_not_a_loop(server):
    """A rebuild's own reads of the portal are no change: after an edit into an error and back,
    the server rebuilds once per edit and then stays idle."""
    version = json.loads(fetch(server.url + "__portalgen/status.json"))["version"]
    write(server.root, "tinh-a/news/2026/hoi-nghi.md", NEWS.replace("date: 2026-11-25", "date: 2026-13-45"))
    status = wait_for_version(server, version)
    assert [p["code"] for p in status["problems"]] == ["DATE_INVALID"]
    time.sleep(2)  # several rebuilds a second when reads counted as changes
    idle = json.loads(fetch(server.url + "__portalgen/status.json"))["version"]
    assert idle == status["version"]
    write(server.root, "tinh-a/news/2026/hoi-nghi.md", NEWS)
    status = wait_for_version(server, idle)
    time.sleep(2)
    assert json.loads(fetch(server.url + "__portalgen/status.json"))["version"] == status["version"]
    assert status["version"] - version <= 3  # an editor's save may come as two events


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM"])
def test_ctrl_c_and_sigterm_stop_the_server_and_remove_its_folder(tmp_path, signal_name):
    import os
    import signal
    import subprocess
    import sys

    root = portal_2025(tmp_path / "portal")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    # Started as from a terminal, where Ctrl-C reaches it: a process that ignores SIGINT (as a test
    # runner's worker may) passes that on to its children, and Python then leaves it ignored.
    as_in_a_terminal = ("import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
                        "os.execv(sys.argv[1], sys.argv[1:])")
    process = subprocess.Popen(
        [sys.executable, "-c", as_in_a_terminal, str(Path(sys.executable).parent / "portalgen"), "serve", str(root),
         "--port", "0", "--now", "2026-11-27", "--cache", str(tmp_path / "cache")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "TMPDIR": str(temporary), "PYTHONFAULTHANDLER": "1"})
    try:
        started = ""
        for line in process.stdout:
            if "http://127.0.0.1:" in line:
                started = line
                break
        assert started, process.stderr.read()
        url = "http://" + started.split("http://", 1)[1].split()[0]
        assert "Tỉnh A" in fetch(url)
        assert [p.name for p in temporary.iterdir()][0].startswith("portalgen-serve-")
        process.send_signal(getattr(signal, signal_name))
        try:
            code = process.wait(timeout=30)  # a second or two; much more only on a starved machine
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGABRT)  # the faulthandler prints where every thread stands
            pytest.fail(f"the server did not stop; its threads:\n{process.communicate(timeout=10)[1][-6000:]}")
        assert code == 0
    finally:
        process.kill()
    assert list(temporary.iterdir()) == []
