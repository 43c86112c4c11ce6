"""The web editor as a clerk uses it: Decap CMS (the pinned npm package) and its local proxy
(``decap-server``) behind ``portalgen serve --editor``, in headless Chromium, against a git copy
of the demo portal, with the generated configuration and the admin folder's own policy.

Through the forms the test writes a text-only news item, a news item with a photo (a bundle), a
week's schedule and a document with its PDF, and edits a bundled article and a document; every
saved file passes ``portalgen check`` and the built site shows it; the page logs no error and
breaks no rule of its policy.  With ``PORTALGEN_SCREENSHOTS=1`` it also writes the screenshots of
the editors' quick start (``docs/images/cms/``).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from portalgen import local_editor
from portalgen.cache import Cache
from portalgen.serve import PortalServer, admin_policy, editor_config

from conftest import PROJECT, THREE_LEVEL, run, run_json
from htmlcheck import browser, have_chromium, require, set_viewport
from portal_builder import make_pdf, portal_2025

SHOTS = PROJECT / "docs/images/cms"
#: Collects what the page reports as wrong: console errors, uncaught errors, policy violations.
WATCH = """window.__problems = [];
var shown = console.error;
console.error = function () {
  window.__problems.push(Array.prototype.map.call(arguments, String).join(" ")); shown.apply(console, arguments);
};
window.addEventListener("error", function (e) { window.__problems.push("error: " + e.message); });
document.addEventListener("securitypolicyviolation", function (e) {
  window.__problems.push("policy: " + e.violatedDirective + " " + e.blockedURI);
});"""


def test_the_served_config_points_at_the_local_backend(tmp_path: Path) -> None:
    data = b"# header\nbackend:\n  name: gitlab\nlocal_backend: true\ncollections: []\n"
    served = editor_config(data, "http://127.0.0.1:8000/api/v1").decode()
    assert served.endswith("local_backend:\n  url: http://127.0.0.1:8000/api/v1\n")
    assert served.count("local_backend") == 1
    (tmp_path / ".htaccess").write_text('  Header always set Content-Security-Policy "default-src \'self\'"\n')
    assert admin_policy(tmp_path) == "default-src 'self'"
    assert local_editor.repository_root(tmp_path / "sites", {"folder": "sites"}) == tmp_path.resolve()
    assert local_editor.repository_root(tmp_path, {"folder": "."}) == tmp_path.resolve()


@pytest.fixture(scope="module")
def editor(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """``serve --editor`` on a git copy of the demo portal: (the province's editor, portal folder)."""
    require("chromium", have_chromium(), "apt-get install chromium chromium-driver")
    require("decap-server", bool(shutil.which("node")) and local_editor.find_proxy(PROJECT) is not None,
            "install Node.js and run npm ci")
    repo = tmp_path_factory.mktemp("editor") / "repo"
    shutil.copytree(THREE_LEVEL, repo / "sites")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "demo"], cwd=repo, check=True)
    root = repo / "sites"
    port = local_editor.free_port()
    proxy = local_editor.start_proxy(root, local_editor.portal_cms(root), port)
    server = PortalServer(root, repo.parent / "out", 0, dt.datetime.now, cache=Cache(repo.parent / "cache"),
                          proxy_port=port)
    try:
        server.start()
        yield server.url + "nam-dinh/admin/", root
    finally:
        server.stop()
        local_editor.stop_proxy(proxy)


class Clerk:
    """What a clerk does in the editor, by what the page shows (labels and button texts)."""

    def __init__(self, driver: Any, home: str) -> None:
        self.driver, self.home, self.problems, self.route = driver, home, [], ""

    def open(self, route: str, showing: str = "") -> None:
        """Go to a page of the editor, loaded afresh; wait until it shows ``showing``."""
        self.problems += [f"{self.route}: {p}" for p in self.driver.execute_script("return window.__problems || []")]
        self.route = route
        self.driver.get("about:blank")
        self.driver.get(self.home + route)
        self.wait(lambda: self.driver.execute_script("return !!document.querySelector('label, button')"))
        self.wait(lambda: showing in self.driver.page_source)
        time.sleep(0.5)

    def wait(self, condition: Callable[[], Any], seconds: float = 30) -> Any:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                found = condition()
            except Exception:  # noqa: BLE001 - the page is still being drawn
                found = None
            if found:
                return found
            time.sleep(0.2)
        raise AssertionError(f"the editor did not get there in {seconds} s")

    def field(self, label: str, index: int = 0) -> Any:
        """The input of the field labelled ``label`` (its ``index``-th one)."""
        return self.wait(lambda: self.driver.execute_script(
            "var want = arguments[0], n = arguments[1];"
            "var found = Array.from(document.querySelectorAll('label')).filter(function (l) {"
            "  return l.textContent.replace(' (không bắt buộc)', '').trim() === want; });"
            "return found.length > n ? document.getElementById(found[n].htmlFor) : null;",
            label, index))

    def type(self, label: str, text: str, replace: bool = False) -> None:
        from selenium.webdriver.common.keys import Keys

        box = self.field(label)
        if replace:
            box.send_keys(Keys.CONTROL, "a")
            box.send_keys(Keys.DELETE)
        box.send_keys(text)

    def choose(self, label: str, option: str) -> None:
        from selenium.webdriver.common.keys import Keys

        self.field(label).send_keys(option + Keys.ENTER)

    def button(self, text: str, index: int = 0) -> Any:
        from selenium.webdriver.common.by import By

        return self.wait(lambda: self.driver.find_elements(By.XPATH, f"//button[normalize-space()='{text}']")[index])

    def now(self, index: int = 0) -> None:
        self.button("Ngay lúc này", index).click()

    def upload(self, chooser: str, path: Path) -> None:
        """Upload a file from a file or image field's chooser, and take it."""
        from selenium.webdriver.common.by import By

        self.button(chooser).click()
        self.wait(lambda: self.driver.find_element(By.CSS_SELECTOR, "input[type=file]")).send_keys(str(path))
        self.wait(lambda: path.name in self.driver.page_source)
        self.button("Lấy những cái đã chọn").click()

    def publish(self, shot: Callable[[str], None] = lambda _: None) -> None:
        from selenium.webdriver.common.by import By

        self.wait(lambda: self.driver.find_element(
            By.XPATH, "//*[normalize-space()='Công bố' and (self::button or @role='button')]")).click()
        shot("05-cong-bo")
        self.wait(lambda: self.driver.find_element(By.XPATH, "//*[normalize-space()='Công bố ngay']")).click()


def _saved(path: Path, text: str) -> Callable[[], bool]:
    """Whether ``path`` holds ``text`` (YAML may fold a long line)."""
    return lambda: path.is_file() and text in " ".join(path.read_text(encoding="utf-8").split())


def test_a_clerk_publishes_through_the_editor(editor: tuple[str, Path], tmp_path: Path) -> None:
    with browser(1280, 800) as chrome:
        chrome.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
        set_viewport(chrome, 1280, 800)
        _publish_six_items(chrome, *editor, tmp_path)


def _publish_six_items(chrome: Any, home: str, root: Path, tmp_path: Path) -> None:
    shots = os.environ.get("PORTALGEN_SCREENSHOTS") == "1"

    def shot(name: str) -> None:
        if shots:
            SHOTS.mkdir(parents=True, exist_ok=True)
            time.sleep(0.5)
            chrome.save_screenshot(str(SHOTS / f"{name}.png"))

    clerk = Clerk(chrome, home)
    today = dt.date.today()
    week = f"{today.isocalendar()[0]}-W{today.isocalendar()[1]:02d}"
    news, documents = root / f"nam-dinh/news/{today.year}", root / "nam-dinh/documents"
    photo, pdf = tmp_path / "hoi-nghi-so-ket.jpg", tmp_path / "qd-99-2026.pdf"
    from PIL import Image

    Image.new("RGB", (1200, 800), (30, 120, 200)).save(photo, quality=85)
    pdf.write_bytes(make_pdf("Quyet dinh so 99/2026/QD-UBND ve thu nghiem trang quan tri."))

    # 1. Log in (the local backend needs no account) and open the news.
    clerk.open("", "Đăng nhập")
    shot("01-dang-nhap")
    clerk.button("Đăng nhập").click()
    clerk.wait(lambda: "Tin tức" in chrome.page_source)
    clerk.open("#/collections/news", "Trang trọng Lễ hội Đền Trần")  # a bundle is listed
    shot("02-tin-tuc")

    # 2. A text-only notice: no photo, published with its approver.
    clerk.open("#/collections/news/new")
    clerk.type("Tiêu đề", "Thông báo lịch tiếp công dân tháng 12")
    clerk.now()
    clerk.type("Tóm tắt", "UBND tỉnh thông báo lịch tiếp công dân định kỳ tháng 12.")
    clerk.choose("Chuyên mục", "Thông báo")
    clerk.type("Tác giả", "Văn phòng UBND tỉnh")
    shot("03-bai-moi")
    clerk.choose("Trạng thái", "Đã duyệt để đăng")
    clerk.type("Người duyệt", "Nguyễn Văn Hùng, Chánh Văn phòng UBND tỉnh")
    chrome.execute_script("arguments[0].scrollIntoView({block: 'center'})", clerk.field("Trạng thái"))
    shot("04-trang-thai")
    clerk.publish(shot)
    notice = news / "thong-bao-lich-tiep-cong-dan-thang-12/index.md"
    clerk.wait(_saved(notice, "approved_by: Nguyễn Văn Hùng"))

    # 3. A news item with a photo: a bundle, the photo beside its index.md.
    clerk.open("#/collections/news/new")
    clerk.type("Tiêu đề", "Hội nghị sơ kết công tác cải cách hành chính")
    clerk.now()
    clerk.type("Tóm tắt", "UBND tỉnh sơ kết công tác cải cách hành chính.")
    clerk.choose("Chuyên mục", "Cải cách hành chính")
    clerk.type("Tác giả", "Văn phòng UBND tỉnh")
    clerk.choose("Trạng thái", "Đã duyệt để đăng")
    clerk.type("Người duyệt", "Nguyễn Văn Hùng, Chánh Văn phòng UBND tỉnh")
    clerk.upload("Chọn một hình", photo)
    clerk.type("Mô tả ảnh", "Toàn cảnh hội nghị sơ kết tại hội trường UBND tỉnh.")
    clerk.publish()
    bundle = news / "hoi-nghi-so-ket-cong-tac-cai-cach-hanh-chinh"
    clerk.wait(_saved(bundle / "index.md", "src: hoi-nghi-so-ket.jpg"))
    assert (bundle / photo.name).read_bytes() == photo.read_bytes()

    # 4. This week's schedule.
    clerk.open("#/collections/schedule/new")
    clerk.type("Tuần", week)
    clerk.button("Thêm mục lịch").click()
    clerk.now()
    clerk.choose("Buổi", "Sáng")
    clerk.type("Lãnh đạo", "Chủ tịch UBND tỉnh Trần Văn Khánh")
    clerk.type("Nội dung", "Giao ban lãnh đạo UBND tỉnh đầu tuần")
    clerk.publish()
    schedule = root / f"nam-dinh/schedule/{week.lower()}.yaml"
    clerk.wait(_saved(schedule, "Giao ban lãnh đạo"))

    # 5. A document with its PDF.
    clerk.open("#/collections/documents/new")
    clerk.type("Số, ký hiệu", "99/2026/QĐ-UBND")
    clerk.choose("Hình thức văn bản", "Quyết định")
    clerk.type("Cơ quan ban hành", "UBND tỉnh Nam Định")
    clerk.now()
    clerk.type("Trích yếu", "Quyết định thử nghiệm đăng văn bản từ trang quản trị.")
    clerk.button("Thêm tệp đính kèm").click()
    clerk.upload("Chọn một tập tin", pdf)
    clerk.type("Tên hiển thị", "Toàn văn quyết định")
    clerk.publish()
    document = documents / f"99-2026-qd-ubnd-{today.year}.yaml"
    clerk.wait(_saved(document, "file: qd-99-2026.pdf"))
    assert (documents / pdf.name).read_bytes() == pdf.read_bytes()

    # 6. Edit a bundled article and a document that were written by hand.
    clerk.open("#/collections/news/entries/2026/le-hoi-den-tran-thang-tam/index", "Hưng Đạo Đại vương")
    clerk.type("Tóm tắt", "Lễ hội Đền Trần tháng Tám năm 2026 diễn ra trang trọng (đã sửa trên web).", replace=True)
    clerk.publish()
    article = news.parent / "2026/le-hoi-den-tran-thang-tam/index.md"
    clerk.wait(_saved(article, "(đã sửa trên web)"))
    assert "src: le-hoi-den-tran.jpg" in article.read_text(encoding="utf-8")
    clerk.open("#/collections/documents/entries/qd-15-2026", "Ban hành Quy chế quản lý")
    clerk.type("Trích yếu", "Ban hành Quy chế quản lý Cổng thông tin điện tử tỉnh (đã sửa trên web).", replace=True)
    clerk.publish()
    clerk.wait(_saved(documents / "qd-15-2026.yaml", "(đã sửa trên web)"))

    clerk.open("#/collections/news", "Thông báo lịch tiếp công dân tháng 12")
    assert clerk.problems == []

    saved = [notice, bundle / "index.md", schedule, document, article, documents / "qd-15-2026.yaml"]
    report = run_json("check", str(root))
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    assert errors == [], errors
    assert all(p.is_file() for p in saved)

    out = tmp_path / "public"
    result = run("build", str(root), "-o", str(out), "--no-cache")
    assert result.exit_code == 0, result.output
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (out / "nam-dinh").rglob("index.html")
                      if "/admin/" not in p.as_posix())
    for shown in ("Thông báo lịch tiếp công dân tháng 12", "Hội nghị sơ kết công tác cải cách hành chính",
                  "Giao ban lãnh đạo UBND tỉnh đầu tuần", "99/2026/QĐ-UBND", "(đã sửa trên web)"):
        assert shown in pages, shown
    assert list(out.rglob(photo.stem + "*")) and list(out.rglob("qd-99-2026*.pdf"))


def test_serve_editor_needs_the_cms_section(tmp_path: Path) -> None:
    root = portal_2025(tmp_path / "sites")
    result = run("serve", str(root), "--editor", "--port", "0")
    assert result.exit_code == 2 and "--editor" in result.output and "cms" in result.output
    assert "Traceback" not in result.output


def test_the_preview_says_when_the_local_backend_is_gone(tmp_path: Path) -> None:
    import urllib.error
    import urllib.request

    root = portal_2025(tmp_path / "sites")
    server = PortalServer(root, tmp_path / "out", 0, lambda: dt.datetime(2026, 11, 27),
                          cache=Cache(tmp_path / "cache"), proxy_port=local_editor.free_port())
    server.start()
    try:
        request = urllib.request.Request(server.url + "api/v1", data=b'{"action": "info"}', method="POST")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 502
        with pytest.raises(urllib.error.HTTPError) as elsewhere:
            urllib.request.urlopen(urllib.request.Request(server.url + "api/v2", data=b"{}"), timeout=10)
        assert elsewhere.value.code == 404
    finally:
        server.stop()
