"""The HTML harness (tests/htmlcheck.py) must be able to fail: it is run on a good and a bad sample.

tests/fixtures/html-samples/good/ is a tiny valid, accessible site; bad/ plants one defect of
each kind (img without alt, missing link target, missing #fragment, duplicate id, obsolete
<center>, low-contrast text from the linked CSS, broken feed, sitemap entry without a page).
The Nu checker and browser tests skip locally without the tools and fail under CI=true.
"""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from htmlcheck import (  # noqa: F401 - chrome is a fixture
    DESKTOP,
    PHONE,
    BrokenLink,
    axe_violations,
    broken_links,
    chrome,
    feed_problems,
    format_violations,
    have_axe,
    have_chromium,
    have_vnu,
    policy_problems,
    require,
    serve,
    sitemap_problems,
    srcset_urls,
    vnu_errors,
)

SAMPLES = Path(__file__).parent / "fixtures" / "html-samples"
GOOD = SAMPLES / "good"
BAD = SAMPLES / "bad"
BASE = "https://mau.example/"  # where the samples would be published


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def page(body: str, head: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>t</title>{head}</head>'
            f"<body>{body}</body></html>")


# ------------------------------------------------------------------ require() and the probes


def test_require_passes_when_available(monkeypatch):
    monkeypatch.setenv("CI", "true")
    require("anything", True)


def test_require_skips_locally(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="chromium is not available"):
        require("chromium", False)


def test_require_fails_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true and vnu is not available"):
        require("vnu", False)


def test_probes_see_missing_tools(monkeypatch, tmp_path):
    monkeypatch.setenv("HTMLCHECK_CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setenv("HTMLCHECK_NODE_MODULES", str(tmp_path))
    assert not have_chromium()
    assert not have_axe()
    assert not have_vnu()
    monkeypatch.delenv("HTMLCHECK_NODE_MODULES")
    monkeypatch.setenv("PATH", str(tmp_path))  # no java
    assert not have_vnu()


# ------------------------------------------------------------------ links


def test_good_sample_has_no_broken_links():
    assert broken_links(GOOD, base_url=BASE) == []


def test_bad_sample_broken_links_are_found():
    assert broken_links(BAD, base_url=BASE) == [
        BrokenLink("index.html", "#muc-khong-co"),
        BrokenLink("index.html", "tin-tuc/khong-ton-tai/"),
    ]


def test_link_resolution(tmp_path):
    write(tmp_path, {
        "index.html": page(
            '<a href="nam-dinh/">ok</a><a href="/nam-dinh/my-loc/">ok</a><a href="nam-dinh">ok, redirected</a>'
            '<a href="nam-dinh/my-loc/#tin">ok</a><a href="nam-dinh/my-loc/#khong">missing id</a>'
            '<a href="khong-co/">missing folder</a><a href="trong/">folder without index.html</a>'
            '<a href="https://mau.example/nam-dinh/">ok</a><a href="https://mau.example/khong/">missing</a>'
            '<a href="https://other.example/khong/">other host</a><a href="//cdn.example/x.js">other host</a>'
            '<a href="mailto:a@b.vn">m</a><a href="tel:+84">t</a><a href="#">top</a><a href="#top">top</a>'
            '<a href="tai-lieu/bao%20cao.pdf">ok, percent-encoded</a><a href="tai-lieu/bao%20cao.pdf#page=2">ok</a>'
            '<a href="?trang=2">ok, the page itself</a><a href="../ngoai/">outside the folder</a>'
            '<img alt="" src="anh.png" srcset="anh.png 1x, anh-2x.png 2x">'
        ),
        "nam-dinh/index.html": page(
            '<a href="my-loc/">ok</a><a href="../">ok</a><a href="/">ok</a><a href="../../">outside</a>'),
        "nam-dinh/my-loc/index.html": page(
            '<h2 id="tin">Tin</h2><a href="../../index.html">ok</a><a href="../../nam-dinh">ok</a>'),
        "trong/ghi-chu.txt": "x",
        "tai-lieu/bao cao.pdf": "%PDF",
        "anh.png": "png",
    })
    assert broken_links(tmp_path, base_url="https://mau.example") == [
        BrokenLink("index.html", "../ngoai/"),
        BrokenLink("index.html", "anh-2x.png"),
        BrokenLink("index.html", "https://mau.example/khong/"),
        BrokenLink("index.html", "khong-co/"),
        BrokenLink("index.html", "nam-dinh/my-loc/#khong"),
        BrokenLink("index.html", "trong/"),
        BrokenLink("nam-dinh/index.html", "../../"),
    ]
    # Without a base URL absolute links are never checked; fragments can be switched off.
    assert BrokenLink("index.html", "https://mau.example/khong/") not in broken_links(tmp_path)
    assert BrokenLink("index.html", "nam-dinh/my-loc/#khong") not in broken_links(tmp_path, check_fragments=False)


def test_units_with_their_own_host(tmp_path):
    """A unit published on its own host maps to its sub-folder (base URL -> folder)."""
    bases = {"https://namdinh.gov.vn/": "", "https://HaiHau.namdinh.gov.vn": "nam-dinh/hai-hau/"}
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    write(tmp_path, {
        "nam-dinh/index.html": page(
            '<a href="https://haihau.namdinh.gov.vn/">ok</a><a href="https://haihau.namdinh.gov.vn/khong/">missing</a>'
            '<a href="https://namdinh.gov.vn/nam-dinh/hai-hau/">ok</a><a href="https://dichvucong.gov.vn/">other</a>'),
        "nam-dinh/hai-hau/index.html": page('<a href="../">ok</a>'),
        "sitemap.xml": f'<sitemapindex {ns}><sitemap><loc>https://namdinh.gov.vn/nam-dinh/sitemap.xml</loc></sitemap>'
                       f'<sitemap><loc>https://haihau.namdinh.gov.vn/sitemap.xml</loc></sitemap></sitemapindex>',
        "nam-dinh/sitemap.xml": f'<urlset {ns}><url><loc>https://namdinh.gov.vn/nam-dinh/</loc></url></urlset>',
        "nam-dinh/hai-hau/sitemap.xml": f'<urlset {ns}><url><loc>https://haihau.namdinh.gov.vn/</loc></url>'
                                        f'<url><loc>https://namdinh.gov.vn/nam-dinh/</loc></url></urlset>',
    })
    assert broken_links(tmp_path, base_url=bases) == [
        BrokenLink("nam-dinh/index.html", "https://haihau.namdinh.gov.vn/khong/"),
    ]
    assert [str(p) for p in sitemap_problems(tmp_path, bases)] == [
        "nam-dinh/hai-hau/sitemap.xml: <loc> https://namdinh.gov.vn/nam-dinh/ is outside the sitemap's folder "
        "/nam-dinh/hai-hau/",
    ]


def test_broken_links_refuses_a_folder_without_pages(tmp_path):
    with pytest.raises(ValueError, match="no .html files"):
        broken_links(tmp_path)


def test_srcset_urls():
    assert srcset_urls("a.png 1x, b.png 2x") == ["a.png", "b.png"]
    assert srcset_urls(" a.png 1x,b.png 480w,c.png") == ["a.png", "b.png", "c.png"]
    assert srcset_urls("a,1.png 1x, b.png") == ["a,1.png", "b.png"]
    assert srcset_urls("a.png,b.png 2x") == ["a.png,b.png"]  # as the HTML spec parses it


def test_policy_good_sample_is_clean():
    assert policy_problems(GOOD, base_url=BASE) == []


def test_policy_finds_inline_code_and_cdn(tmp_path):
    write(tmp_path, {"index.html": page(
        '<p style="color:red" onclick="x()">x</p><script>alert(1)</script>'
        '<script type="application/ld+json">{}</script><a href="javascript:void(0)">j</a>'
        '<img alt="" src="https://cdn.example/logo.png"><a href="https://chinhphu.vn/">link is fine</a>',
        head='<style>p{}</style><link rel="stylesheet" href="https://cdn.example/bootstrap.css">'
             '<link rel="canonical" href="https://mau.example/">',
    )})
    found = [p.message for p in policy_problems(tmp_path, base_url=BASE)]
    assert found == [
        "inline <style> element",
        "style attribute on <p>",
        "event handler onclick= on <p>",
        "inline <script>",
        "javascript: URL in <a href>",
        "<link[stylesheet] href> loads from another host: https://cdn.example/bootstrap.css",
        "<img src> loads from another host: https://cdn.example/logo.png",
    ]


# ------------------------------------------------------------------ feeds and sitemaps


def test_good_feeds_and_sitemap_are_clean():
    assert feed_problems(GOOD, base_url=BASE) == []
    assert sitemap_problems(GOOD, BASE) == []


def test_bad_feed_and_sitemap_are_found():
    feeds = feed_problems(BAD, base_url=BASE)
    assert [p.file for p in feeds] == ["rss.xml"]
    assert "does not parse cleanly" in feeds[0].message
    assert [str(p) for p in sitemap_problems(BAD, BASE)] == [
        "sitemap.xml: <loc> https://mau.example/tin-tuc/khong-ton-tai/ has no file in the folder",
    ]


def test_feed_checks(tmp_path):
    write(tmp_path, {
        "a/rss.xml": '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://mau.example/</link>'
                     '<description>d</description><item><title>x</title><link>/tin/x/</link></item></channel></rss>',
        "b/rss.xml": '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://mau.example/</link>'
                     '<description>d</description></channel></rss>',
        "c/atom.xml": '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://mau.example/</link>'
                      '<description>d</description><item><title>x</title><link>https://mau.example/c/khong/</link></item>'
                      '</channel></rss>',
    })
    assert [str(p) for p in feed_problems(tmp_path, base_url=BASE)] == [
        "a/rss.xml: entry 1 ('x') link is not an absolute http(s) URL: /tin/x/",
        "b/rss.xml: feed has no entries",
        "c/atom.xml: is rss20, expected atom10",
        "c/atom.xml: entry 1 ('x') links to a missing page: https://mau.example/c/khong/",
    ]
    assert feed_problems(tmp_path / "a" / "khong-co-gi", require_feeds=True)[0].message.startswith("no rss.xml")


def test_sitemap_checks(tmp_path):
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    write(tmp_path, {
        "sitemap.xml": f'<sitemapindex {ns}><sitemap><loc>https://mau.example/nam-dinh/sitemap.xml</loc></sitemap>'
                       f'<sitemap><loc>https://mau.example/ha-nam/sitemap.xml</loc></sitemap></sitemapindex>',
        "index.html": page("x"),
        "nam-dinh/index.html": page("x"),
        "nam-dinh/sitemap.xml": f'<urlset {ns}><url><loc>https://mau.example/nam-dinh/</loc><lastmod>2026-11-27</lastmod></url>'
                                f'<url><loc>https://mau.example/</loc></url>'
                                f'<url><loc>https://mau.example/nam-dinh/</loc><lastmod>27/11/2026</lastmod></url>'
                                f'<url><loc>http://mau.example/nam-dinh/</loc></url></urlset>',
        "thai-binh/sitemap.xml": '<urlset xmlns="http://www.google.com/schemas/sitemap/0.84"/>',
        "bac-ninh/sitemap.xml": f"<urlset {ns}><url><loc>x</url></urlset>",
    })
    assert [str(p) for p in sitemap_problems(tmp_path, "https://mau.example")] == [
        "bac-ninh/sitemap.xml: not well-formed XML: mismatched tag: line 1, column 73",
        "nam-dinh/sitemap.xml: <loc> https://mau.example/ is outside the sitemap's folder /nam-dinh/",
        "nam-dinh/sitemap.xml: <loc> https://mau.example/nam-dinh/ is listed more than once",
        "nam-dinh/sitemap.xml: <lastmod>27/11/2026</lastmod> of https://mau.example/nam-dinh/ is not a W3C datetime",
        "nam-dinh/sitemap.xml: <loc> http://mau.example/nam-dinh/ is not under https://mau.example/",
        "sitemap.xml: <loc> https://mau.example/ha-nam/sitemap.xml has no file in the folder",
        "thai-binh/sitemap.xml: root element is {http://www.google.com/schemas/sitemap/0.84}urlset, "
        "not urlset or sitemapindex in http://www.sitemaps.org/schemas/sitemap/0.9",
    ]


# ------------------------------------------------------------------ the loopback server


def test_serve_serves_the_folder():
    with serve(GOOD) as base:
        assert base.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(base + "sub/") as response:
            assert "Tin tức" in response.read().decode("utf-8")
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "khong-co/")
        assert missing.value.code == 404


# ------------------------------------------------------------------ W3C Nu checker


@pytest.fixture(scope="module")
def nu_errors() -> dict[str, list[dict]]:
    """One vnu run (one JVM) over both samples, CSS included; errors grouped by file."""
    require("vnu (java + node_modules/vnu-jar)", have_vnu())
    grouped: dict[str, list[dict]] = {}
    for error in vnu_errors(SAMPLES, css=True):
        grouped.setdefault(Path(error["file"]).relative_to(SAMPLES).as_posix(), []).append(error)
    return grouped


def test_vnu_passes_the_good_sample(nu_errors):
    assert not any(page.startswith("good/") for page in nu_errors), nu_errors


def test_vnu_fails_the_bad_sample(nu_errors):
    messages = [e["message"] for e in nu_errors["bad/index.html"]]
    assert any("“center” element is obsolete" in m for m in messages), messages
    assert any("Duplicate ID “tieu-de”" in m for m in messages), messages
    assert any("“img” element must have an “alt” attribute" in m for m in messages), messages
    assert all(e["line"] for e in nu_errors["bad/index.html"])
    assert [e["message"] for e in nu_errors["bad/style.css"]] == [
        "CSS: “colr”: Property “colr” doesn't exist.",
    ]


def test_vnu_report_parsing_and_ignore(monkeypatch, tmp_path):
    """Without running Java: how vnu's JSON becomes the returned errors."""
    import htmlcheck

    write(tmp_path, {"a.html": page("x"), "b/c.html": page("y"), "b/d.css": "p{}", "b/e.txt": "z"})
    a, c = (tmp_path / "a.html").as_uri(), (tmp_path / "b/c.html").as_uri()
    report = {"messages": [
        {"type": "error", "url": c, "lastLine": 3, "firstColumn": 2, "message": "Stray end tag “p”."},
        {"type": "info", "subType": "warning", "url": a, "lastLine": 1, "message": "w"},
        {"type": "error", "url": a, "lastLine": 9, "message": "Bad value “x” for attribute “lang”."},
        {"type": "non-document-error", "url": a, "message": "IO error"},
    ]}
    calls = []

    def fake_run(command, **kwargs):
        calls.append(command)
        return subprocess.CompletedProcess(command, 0, stdout=json.dumps(report), stderr="")

    monkeypatch.setattr(htmlcheck, "vnu_jar", lambda: tmp_path / "b/e.txt")  # any existing file
    monkeypatch.setattr(htmlcheck.shutil, "which", lambda name: "/usr/bin/java")
    monkeypatch.setattr(htmlcheck.subprocess, "run", fake_run)
    found = vnu_errors(tmp_path, ignore=[r"attribute “lang”"])
    assert len(calls) == 1 and calls[0][-2:] == [str(tmp_path / "a.html"), str(tmp_path / "b/c.html")]
    assert [(Path(e["file"]).name, e["line"], e["type"], e["message"]) for e in found] == [
        ("a.html", None, "non-document-error", "IO error"),
        ("c.html", 3, "error", "Stray end tag “p”."),
    ]
    vnu_errors(tmp_path, css=True)
    assert "--also-check-css" in calls[-1] and calls[-1][-1] == str(tmp_path / "b/d.css")


# ------------------------------------------------------------------ axe-core in Chromium


@pytest.fixture(scope="module")
def samples_url() -> str:
    with serve(SAMPLES) as base:
        yield base


@pytest.fixture(scope="module")
def browser_with_axe(chrome):  # noqa: F811 - the imported fixture
    require("axe-core (node_modules/axe-core)", have_axe())
    return chrome


@pytest.mark.parametrize("width", [PHONE[0], DESKTOP[0]], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["good/", "good/sub/"])
def test_axe_passes_the_good_sample(browser_with_axe, samples_url, path, width):
    violations = axe_violations(browser_with_axe, samples_url + path, width)
    assert violations == [], format_violations(violations)
    assert browser_with_axe.execute_script("return window.innerWidth") == width


@pytest.mark.parametrize("width", [PHONE[0], DESKTOP[0]], ids=["phone", "desktop"])
def test_axe_fails_the_bad_sample(browser_with_axe, samples_url, width):
    violations = axe_violations(browser_with_axe, samples_url + "bad/", width)
    by_id = {v["id"]: v for v in violations}
    assert {"image-alt", "color-contrast"} <= set(by_id), format_violations(violations)
    assert by_id["image-alt"]["impact"] == "critical"
    assert by_id["image-alt"]["targets"] == ["img"]
    assert by_id["color-contrast"]["targets"] == [".mo"]


def test_axe_refuses_a_missing_page(browser_with_axe, samples_url):
    with pytest.raises(AssertionError, match="HTTP 404"):
        axe_violations(browser_with_axe, samples_url + "khong-co/", DESKTOP[0])

