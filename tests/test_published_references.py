"""What raw HTML and odd file names in content can make the build publish: exactly what ``check``
judged and accepted, never a page, script, server configuration or a file of another unit."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from PIL import Image

from portalgen import files, markup
from portalgen.context.media import Media

from conftest import run
from portal_builder import NEWS, make_pdf, portal_2025, write

NOW = "2026-11-27"
FOLDER = "tinh-a/news/2026/hoi-nghi"


@pytest.fixture
def portal(tmp_path):
    return portal_2025(tmp_path / "portal")


def codes(portal) -> list[str]:
    result = run("check", str(portal), "--now", NOW, "--format", "json")
    return [p["code"] for p in json.loads(result.output)["problems"]]


def news_with(portal, body: str, front: str = "", folder: str = FOLDER) -> None:
    text = NEWS.replace("---\nSáng", front + "---\nSáng") + "\n" + body + "\n"
    write(portal, f"{folder}/index.md", text)
    (portal / f"{folder}.md").unlink(missing_ok=True)


def hostile_files(portal, folder: str = FOLDER) -> None:
    write(portal, f"{folder}/trang.html", "<!doctype html><script src=ma.js></script>")
    write(portal, f"{folder}/ma.js", "alert(document.cookie)")
    write(portal, f"{folder}/.htaccess", "AddHandler php-script .png")
    write(portal, f"{folder}/x.php", "<?php system($_GET['c']);")
    Image.new("RGB", (8, 8)).save(portal / f"{folder}/anh.png")


# --- check judges what the sanitiser publishes -------------------------------------------------

@pytest.mark.parametrize("html, target", [
    ('<img src="trang.html" src="anh.png" alt="Ảnh">', "trang.html"),      # the first attribute counts
    ('<div><img/src="x.php" alt="Ảnh"></div>', "x.php"),                  # a slash separates attributes
    ('<p>\n<img\nsrc=".htaccess"\nalt="Ảnh">\n</p>', ".htaccess"),
    ('<a href="ma.js" href="anh.png">mã</a>', "ma.js"),
    ('<div>\n<a/href="trang.html">trang</a>\n</div>', "trang.html"),
    ('<img/src="x.php" alt="Ảnh">', None),                                # not HTML: Markdown shows it as text
])
def test_check_reads_raw_html_as_the_sanitiser_does(html, target):
    found = [ref.target for ref in markup.references("Đoạn mở đầu.\n\n" + html + "\n")]
    assert target is None or target in found
    published = [t for _line, _image, t, _alt in markup.published_references(markup.render_markdown(html).html)]
    assert set(published) <= set(found)


@pytest.mark.parametrize("body", [
    '<img src="trang.html" src="anh.png" alt="Ảnh">',
    '<p><img/src="x.php" alt="Ảnh"></p>',
    '<img src=".htaccess" alt="Ảnh">',
    '<a href="ma.js" href="anh.png">mã</a>',
    '<div><img/src="trang.html"/alt="Ảnh"></div>',
])
def test_raw_html_pointing_at_executable_files_is_refused(portal, body):
    news_with(portal, body)
    hostile_files(portal)
    found = codes(portal)
    assert {"FILE_TYPE_UNSUPPORTED", "FILE_OUTSIDE_UNIT"} & set(found), found


def test_a_commune_cannot_publish_its_parent_units_files(portal, tmp_path):
    write(portal, "tinh-a/consultations/du-thao-mat.pdf", make_pdf("du thao mat"))
    folder = "tinh-a/xa-b/news/2026/hoi-nghi"
    news_with(portal, '<a href="../../../../consultations/du-thao-mat.pdf">dự thảo</a> '
                      '\n\n<p><img/src="../../../../../../../../../../x.png" alt="Ảnh"></p>', folder=folder)
    assert codes(portal).count("FILE_OUTSIDE_UNIT") == 2
    assert run("build", str(portal), "-o", str(tmp_path / "out"), "--now", NOW, "--no-cache").exit_code != 0
    assert not list((tmp_path / "out").rglob("du-thao-mat.pdf"))


# --- names with a colon ---------------------------------------------------------------------------

def test_a_colon_anywhere_in_a_file_name_is_refused(portal):
    write(portal, f"{FOLDER}/javascript:alert(1).pdf", make_pdf())
    news_with(portal, "[tệp](<./javascript:alert(1).pdf>)",
              front="attachments:\n  - file: ./javascript:alert(1).pdf\n    title: Tệp\n")
    assert codes(portal).count("FILE_OUTSIDE_UNIT") >= 2
    for ref in ("./javascript:x.pdf", "a/b:c.pdf", "javascript:x.pdf"):
        assert files.resolve_reference(ref, f"{FOLDER}/index.md", "tinh-a") is None


# --- the planner: defence in depth ----------------------------------------------------------------

class _Plan:
    def __init__(self) -> None:
        self.copied: dict[str, str] = {}

    def copy(self, site_path: str, source: str, variant: str = "") -> None:
        self.copied[site_path + ("@" + variant if variant else "")] = source


class _Media(Media):
    def __init__(self) -> None:
        self.plan = _Plan()  # type: ignore[assignment]
        self.tree = SimpleNamespace(sites={"": None, "tinh-a": None, "tinh-a/xa-b": None})
        self.image_size = lambda source: None
        self.file_info = lambda source, title: None

    def link(self, here: str, to: str) -> str:
        return to


@pytest.mark.parametrize("body", [
    '<img src="trang.html" src="anh.png" alt="a">', '<img/src="x.php" alt="a">', '<img src=".htaccess" alt="a">',
    '<a href="ma.js">a</a> <a href="trang.html">b</a> <a href=".htaccess">c</a> <a href="x.php">d</a>',
    '<a href=".an/bao-cao.pdf">a</a> <img src=".an.png" alt="a">', '<a href="./javascript:x.pdf">a</a>',
    '<img src="../../../../../../../../anh.png" alt="a">', '<a href="../../../consultations/du-thao.pdf">a</a>',
    '<img src="bao-cao.pdf" alt="a">',
])
def test_the_planner_never_copies_what_check_refuses_by_name(body):
    media = _Media()
    media.body("tinh-a/xa-b/news/2026/hoi-nghi/index.md", body, "tin-tuc/hoi-nghi/")
    assert media.plan.copied == {}  # type: ignore[attr-defined]


def test_the_planner_copies_accepted_files():
    media = _Media()
    media.body(f"{FOLDER}/index.md", '<a href="bao-cao.pdf">a</a> <img src="anh.png" alt="a">', "tin-tuc/hoi-nghi/")
    assert media.plan.copied == {"tin-tuc/hoi-nghi/bao-cao.pdf": f"{FOLDER}/bao-cao.pdf",  # type: ignore[attr-defined]
                                 "tin-tuc/hoi-nghi/anh.png": f"{FOLDER}/anh.png"}


def test_publishable_refuses_by_name():
    assert files.publishable("anh.png", f"{FOLDER}/index.md", "tinh-a", image=True) == f"{FOLDER}/anh.png"
    assert files.publishable("bao-cao.pdf", f"{FOLDER}/index.md", "tinh-a", image=True) is None
    for ref in ("trang.html", "ma.js", ".htaccess", "x.php", "a.svg", ".an/a.pdf", "../../../../x.pdf", "a:b.pdf"):
        assert files.publishable(ref, f"{FOLDER}/index.md", "tinh-a", image=False) is None, ref


# --- attribute values written after sanitising ------------------------------------------------

def test_file_links_are_percent_encoded():
    media = _Media()
    assert media.file_link("tin-tuc/a/", 'tin-tuc/a/x:y#z?"%.pdf') == "tin-tuc/a/x%3Ay%23z%3F%22%25.pdf"


def test_word_image_links_are_escaped():
    media = _Media()
    info = SimpleNamespace(html='<p><img src="@image-1" alt="a"></p>', images=[("image/png", "a", 10, 5)])
    html = media._docx_images("tin-tuc/a/", info, f"{FOLDER}/x.docx", 'tin-tuc/a/t" onerror="alert(1).docx')
    assert '" onerror' not in html and 'src="tin-tuc/a/t%22%20onerror' in html


def test_a_quote_in_a_word_attachments_name_never_injects_an_attribute(portal, tmp_path):
    import shutil
    from pathlib import Path

    from test_hostile_content import build
    name = 'bien-ban"onerror="alert(1)"x.docx'
    news_with(portal, "")
    shutil.copy(Path(__file__).parent / "fixtures/docx/bai-viet.docx", portal / FOLDER / name)
    write(portal, f"{FOLDER}/index.md", (portal / FOLDER / "index.md").read_text(encoding="utf-8").replace(
        "---\nSáng", f"attachments:\n  - file: '{name}'\n    title: Biên bản\n---\nSáng"))
    assert build(portal, tmp_path / "out").exit_code == 0
    page = (tmp_path / "out/tinh-a/tin-tuc/hoi-nghi/index.html").read_text(encoding="utf-8")
    assert "-anh-1.png" in page  # the Word file is shown with its image
    assert '"onerror="alert' not in page
