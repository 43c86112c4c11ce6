"""Every page carries its own Content-Security-Policy: a host that ignores ``.htaccess`` still
serves the portal under the policy (``policy.py``), and the theme works under it.

The pages are served by a plain server that sends no security header, and opened in Chromium;
a listener installed before any page script records every policy violation.
"""

from __future__ import annotations

import re
import shutil

import pytest

from portalgen import policy

from htmlcheck import have_chromium, require, serve

#: One page of each kind of script use: the home (the theme's script), the search page (its own
#: script and index fetch), a document with pictures from another site of the portal, the dashboard.
PAGES = ["nam-dinh/", "nam-dinh/tim-kiem/?q=thu+tuc+khai+sinh", "nam-dinh/my-loc/my-tan/", "nam-dinh/bang-theo-doi/",
         "nam-dinh/van-ban/kh-245-2026/"]
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI));
"""


@pytest.fixture
def recording(chrome):
    """The shared browser, recording policy violations on every page it opens in the test."""
    require("chromium", have_chromium(), "apt-get install chromium chromium-driver")
    added = chrome.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS})
    yield chrome
    chrome.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]})


def _meta_policy(html: str) -> str:
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert found, "the page carries no Content-Security-Policy of its own"
    return found.group(1).replace("&#39;", "'")


def test_every_page_carries_the_policy_without_what_meta_cannot_hold(three_level):
    pages = sorted(three_level.rglob("*.html"))
    assert pages
    for page in pages:
        if "admin" in page.relative_to(three_level).parts:
            continue  # the web editor has a policy of its own (Decap CMS inserts styles)
        meta = _meta_policy(page.read_text(encoding="utf-8"))
        assert meta.startswith(policy.CSP.replace("; frame-ancestors 'none'", "")), page
        assert "frame-ancestors" not in meta, page
    home = _meta_policy((three_level / "nam-dinh/index.html").read_text(encoding="utf-8"))
    assert home.endswith("img-src 'self' https://haihau.namdinh.gov.vn")  # a unit with its own address


def test_the_theme_runs_under_its_own_policy_on_a_host_without_headers(three_level, recording):
    with serve(three_level) as base:
        for page in PAGES:
            recording.get(base + page)
            assert recording.execute_script("return document.readyState") == "complete"
            assert recording.execute_script("return window.__violations") == [], page


def test_a_script_that_reached_a_page_does_not_run_without_the_server_policy(three_level, tmp_path, recording):
    out = tmp_path / "public"
    shutil.copytree(three_level / "nam-dinh", out / "nam-dinh")
    page = out / "nam-dinh/index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</body>", "<script>document.title = 'injected'</script>"
                                 "<img src=x onerror=\"document.body.dataset.hit = 1\" alt=\"\"></body>"),
                    encoding="utf-8")
    with serve(out) as base:
        recording.get(base + "nam-dinh/")
        assert recording.execute_script("return document.readyState") == "complete"
        assert recording.title != "injected"
        assert recording.execute_script("return document.body.dataset.hit") is None
        assert any(v.startswith("script-src") for v in recording.execute_script("return window.__violations"))
