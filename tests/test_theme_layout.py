"""The default theme on a phone (375 px) and a desktop (1366 px), on a portal of its own (a
province and two communes): nothing moves while a page loads, the menu and the register's filters
are closed on phones without script, tables read as stacked rows, the home page shows today's
and the next working day's schedule with quick links high, the logo and links come from
``portal.yaml`` and ``unit.yaml``, the reader tools work and are remembered, axe finds nothing.
Screenshots of every page type at both widths go to ``$PORTALGEN_ARTEFACTS/screenshots`` (else
the test's temporary folder), to be looked at, not compared."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import run
from htmlcheck import axe_violations, format_violations, have_vnu, require, serve, set_viewport, vnu_errors
from portal_builder import page_types, portal_with_identity

NOW = "2026-11-27"  # a Friday: the next working day is Monday 30/11
WIDTHS = (375, 1366)
#: Whether the element a selector finds is shown (``visibility: hidden`` counts as not shown).
SHOWN = "return document.querySelector(arguments[0]).checkVisibility({visibilityProperty: true})"
#: Layout shifts observed since the page started loading, as Lighthouse sums them.
CLS = """const done = arguments[arguments.length - 1]; let total = 0;
new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
  .observe({type: 'layout-shift', buffered: true});
setTimeout(() => done(total), 600);"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("theme") / "public"
    portal = portal_with_identity(tmp_path_factory.mktemp("theme-portal"))
    result = run("build", str(portal), "-o", str(out), "--now", NOW)
    assert result.exit_code == 0, result.output
    return out


def test_logo_links_and_banners_come_from_the_portal_and_the_unit(site):
    home = (site / "tinh-a/index.html").read_text(encoding="utf-8")
    assert re.search(r'<img class="pg-header__logo" src="hinh-anh/bieu-trung\.png" alt="" width="160"', home)
    assert (site / "tinh-a/hinh-anh/bieu-trung.png").is_file()
    footer = home[home.index('id="pg-footer-links"'):]
    assert footer.index("Cổng Dịch vụ công quốc gia") < footer.index("phản ánh, kiến nghị") \
        < footer.index("Cổng Dịch vụ công tỉnh A")
    assert 'alt="Cổng Dịch vụ công tỉnh A"' in home
    quick = home[home.index('id="truy-cap-nhanh"'):home.index('class="pg-banners"')]
    assert quick.index("Lịch công tác") < quick.index("Tra cứu hồ sơ") < quick.index("Đường dây nóng")
    commune = (site / "tinh-a/xa-b/index.html").read_text(encoding="utf-8")
    assert "phản ánh, kiến nghị" in commune and "Cổng Dịch vụ công tỉnh A" not in commune
    assert '<img class="pg-header__logo" src="hinh-anh/quoc-huy.png" alt="" width="120"' in commune
    assert 'alt="Gửi phản ánh, kiến nghị"' in commune and "★" not in commune
    assert "Tra cứu hồ sơ" in commune and "Đường dây nóng" not in commune
    assert (site / "tinh-a/xa-b/hinh-anh/banner-pakn.png").is_file()


def test_the_home_page_shows_today_and_the_next_working_day(site):
    home = (site / "tinh-a/index.html").read_text(encoding="utf-8")
    schedule = home[home.index('id="lich-hom-nay"'):home.index('id="tin-moi"')]
    assert "Tiếp công dân định kỳ" in schedule and "Giao ban đầu tuần" in schedule
    assert "Họp hôm qua" not in schedule and "Kiểm tra đê" not in schedule and "Họp chuyên đề" not in schedule


@pytest.mark.parametrize("image, where, code", [("tinh-a/bieu-trung.png", r"tinh-a/unit\.yaml:\d+:8", 1),
                                                ("banner-pakn.png", r"portal\.yaml:\d+:\d+", 2)])
def test_a_logo_or_banner_that_is_missing_is_a_problem_of_the_file_naming_it(tmp_path, image, where, code):
    """A unit's stops that unit (exit 1); the portal's is an error of the configuration (exit 2)."""
    portal = portal_with_identity(tmp_path / "portal")
    (portal / image).unlink()
    result = run("check", str(portal), "--lang", "en")
    assert result.exit_code == code
    name = re.escape(image.rsplit("/", 1)[-1])
    assert re.search(where + r": error FILE_MISSING: The file \"" + name, result.output), result.output


def test_menu_and_filters_are_closed_in_the_html(site):
    for page in ("tinh-a/index.html", "tinh-a/van-ban/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "<details open" not in html and ' open>' not in html


def test_pages_do_not_move_and_read_well_at_both_widths(site, chrome, tmp_path):
    shots = Path(os.environ.get("PORTALGEN_ARTEFACTS") or tmp_path) / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    pages = page_types(site)
    assert len(pages) >= 14, pages
    pages["tinh-a:search-results"] = "tinh-a/tim-kiem/?q=h%E1%BB%99i%20ngh%E1%BB%8B"
    with serve(site) as base:
        for width in WIDTHS:
            set_viewport(chrome, width, 800)
            for name, path in pages.items():
                chrome.get(base + path)
                shift = chrome.execute_async_script(CLS)
                assert shift == 0, (name, width, shift)
                assert chrome.execute_script("return document.documentElement.scrollWidth") <= width, (name, width)
                height = chrome.execute_script("return document.documentElement.scrollHeight")
                set_viewport(chrome, width, min(height, 6000))
                chrome.save_screenshot(str(shots / f"{name.replace('/', '_').replace(':', '__')}-{width}.png"))
                set_viewport(chrome, width, 800)
            chrome.get(base + "tinh-a/van-ban/")
            menu_shown = chrome.execute_script(SHOWN, ".pg-nav__link")
            filters_shown = chrome.execute_script(SHOWN, ".pg-grid__side .pg-links a")
            cell = chrome.execute_script("return getComputedStyle(document.querySelector('.pg-documents td')).display")
            assert (menu_shown, filters_shown, cell) == ((False, False, "block") if width < 400
                                                         else (True, True, "table-cell")), width
            if width > 1000:
                tops = chrome.execute_script("return [...document.querySelectorAll('.pg-nav__link')]"
                                             ".map(a => Math.round(a.getBoundingClientRect().top))")
                assert len(set(tops)) == 1, tops
            for path in ("tinh-a/", "tinh-a/van-ban/", "tinh-a/lich-cong-tac/"):
                violations = axe_violations(chrome, base + path, width=width)
                assert violations == [], format_violations(violations)


def test_menu_groups_open_under_their_entry_and_close_with_escape_or_a_click_elsewhere(demo, chrome):
    """The demo province's menu: four disclosure sections under "Công khai", the draft
    consultations and questions under "Tương tác", one line on a desktop; a group opens with the
    keyboard under its entry, Escape closes it and gives the focus back, opening one closes the
    other, a click elsewhere closes it; on a phone the groups open within the menu."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    opened = "return [...document.querySelectorAll('.pg-nav__sub')].map(d => d.open)"
    shown_links = ("return [...document.querySelectorAll('.pg-nav__sub a')]"
                   ".filter(a => a.checkVisibility({visibilityProperty: true})).map(a => a.textContent)")
    with serve(demo) as base:
        set_viewport(chrome, 1366, 800)
        chrome.get(base + "ninh-binh/")
        tops = chrome.execute_script("return [...document.querySelectorAll('.pg-nav__link')]"
                                     ".map(a => Math.round(a.getBoundingClientRect().top))")
        assert len(set(tops)) == 1, tops
        groups = chrome.find_elements(By.CSS_SELECTOR, ".pg-nav__sub > summary")
        assert [g.get_attribute("textContent") for g in groups] == ["Tương tác", "Công khai"]
        assert chrome.execute_script(shown_links) == []
        groups[1].send_keys(Keys.ENTER)
        assert chrome.execute_script(shown_links) == [
            "Đấu thầu, mua sắm công", "Chiến lược, kế hoạch", "Công khai ngân sách", "Thông tin công khai"]
        assert chrome.execute_script("const s = document.querySelectorAll('.pg-nav__sub')[1];"
                                     "return s.querySelector('ul').getBoundingClientRect().top"
                                     " >= s.querySelector('summary').getBoundingClientRect().bottom - 1")
        groups[0].send_keys(Keys.ENTER)
        assert chrome.execute_script(opened) == [True, False]
        chrome.switch_to.active_element.send_keys(Keys.ESCAPE)
        assert chrome.execute_script(opened) == [False, False]
        assert chrome.switch_to.active_element.get_attribute("textContent") == "Tương tác"
        groups[1].send_keys(Keys.ENTER)
        chrome.find_element(By.CSS_SELECTOR, "main h2").click()
        assert chrome.execute_script(opened) == [False, False]
        chrome.get(base + "ninh-binh/ke-hoach/")
        current = chrome.find_element(By.CSS_SELECTOR, ".pg-nav__link--current")
        assert current.get_attribute("textContent") == "Công khai"
        assert chrome.find_element(By.CSS_SELECTOR, '.pg-nav__sub a[aria-current="page"]') \
            .get_attribute("href").endswith("/ke-hoach/")
        set_viewport(chrome, 375, 800)
        chrome.get(base + "ninh-binh/")
        chrome.find_element(By.CSS_SELECTOR, ".pg-nav__toggle").click()
        chrome.find_elements(By.CSS_SELECTOR, ".pg-nav__sub > summary")[1].click()
        assert "Công khai ngân sách" in chrome.execute_script(shown_links)
        assert chrome.execute_script("return document.documentElement.scrollWidth") <= 375
        violations = axe_violations(chrome, base + "ninh-binh/ke-hoach/", width=375)
        assert violations == [], format_violations(violations)


def test_quick_links_come_before_the_news_on_a_phone(site, chrome):
    with serve(site) as base:
        set_viewport(chrome, 375, 800)
        chrome.get(base + "tinh-a/")
        quick, news = chrome.execute_script(
            "return ['#truy-cap-nhanh', '#tin-moi'].map(s => document.querySelector(s).getBoundingClientRect().top)")
    assert quick < 800 < news


def test_text_size_and_contrast_are_remembered_and_stay_accessible(site, chrome):
    with serve(site) as base:
        set_viewport(chrome, 375, 800)
        chrome.get(base + "tinh-a/")
        chrome.execute_script("localStorage.clear()")
        chrome.get(base + "tinh-a/")
        chrome.find_element("css selector", "[data-pg-size='1']").click()
        chrome.find_element("css selector", "[data-pg-contrast]").click()
        chrome.get(base + "tinh-a/van-ban/")
        size, classes, pressed = chrome.execute_script(
            "return [getComputedStyle(document.documentElement).fontSize, document.documentElement.className,"
            " document.querySelector('[data-pg-contrast]').getAttribute('aria-pressed')]")
        assert (size, "pg-contrast" in classes, pressed) == ("18px", True, "true")
        violations = axe_violations(chrome, base + "tinh-a/van-ban/", width=375)
        chrome.execute_script("localStorage.clear()")
    assert violations == [], format_violations(violations)


def test_item_pages_have_a_print_button_and_print_without_the_header_tools(site, chrome):
    with serve(site) as base:
        set_viewport(chrome, 1366, 800)
        for name, path in page_types(site).items():
            if name.endswith("-item"):
                chrome.get(base + path)
                assert chrome.execute_script(SHOWN, ".pg-print"), path
        chrome.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            shown = [chrome.execute_script(SHOWN, selector)
                     for selector in (".pg-header__search", ".pg-tools", ".pg-nav", ".pg-actions")]
        finally:
            chrome.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert shown == [False] * 4


def test_the_pages_are_valid_html(site):
    require("vnu", have_vnu())
    assert vnu_errors(site) == []


def test_the_dark_scheme_follows_the_device_and_stays_accessible(site, chrome):
    with serve(site) as base:
        set_viewport(chrome, 1366, 800)
        chrome.execute_cdp_cmd("Emulation.setEmulatedMedia",
                               {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        try:
            chrome.get(base + "tinh-a/tin-tuc/hoi-nghi/")
            background = chrome.execute_script("return getComputedStyle(document.body).backgroundColor")
            violations = axe_violations(chrome, base + "tinh-a/tin-tuc/hoi-nghi/", width=1366)
        finally:
            chrome.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    assert background == "rgb(20, 20, 20)"
    assert violations == [], format_violations(violations)


#: A browser with one Vietnamese voice that records what it is asked to say (headless Chromium has none).
VOICE = """window.spoken = [];
Object.defineProperty(window, 'speechSynthesis', {value: {
  getVoices: () => [{lang: 'vi-VN', name: 'Tiếng Việt'}], speak: u => window.spoken.push(u.text),
  cancel: () => window.spoken.push('(dừng)'), addEventListener: () => {}}});
window.SpeechSynthesisUtterance = function (text) { this.text = text; };"""


def test_read_aloud_shows_with_a_voice_of_the_page_language_and_reads_the_article(site, chrome):
    with serve(site) as base:
        set_viewport(chrome, 1366, 800)
        chrome.get(base + "tinh-a/tin-tuc/hoi-nghi/")
        assert not chrome.execute_script(SHOWN, ".pg-speak")
        script = chrome.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": VOICE})
        try:
            chrome.get(base + "tinh-a/tin-tuc/hoi-nghi/")
            button = chrome.find_element("css selector", ".pg-speak")
            assert button.is_displayed()
            button.click()
            spoken, pressed = chrome.execute_script("return [window.spoken, arguments[0].getAttribute('aria-pressed')]",
                                                    button)
            button.click()
            stopped = chrome.execute_script("return [window.spoken.at(-1), arguments[0].getAttribute('aria-pressed')]",
                                            button)
        finally:
            chrome.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})
    assert spoken[0] == "Hội nghị triển khai nhiệm vụ tháng 12"
    assert "Sáng 25/11, Ủy ban nhân dân tổ chức hội nghị." in spoken
    assert pressed == "true" and stopped == ["(dừng)", "false"]


def test_on_wide_screens_the_menu_is_in_the_accessibility_tree_and_the_tab_order(site, chrome):
    from selenium.webdriver.common.keys import Keys

    with serve(site) as base:
        set_viewport(chrome, 1366, 800)
        chrome.get(base + "tinh-a/van-ban/")
        nodes = chrome.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"]
        links = {node.get("name", {}).get("value") for node in nodes
                 if not node.get("ignored") and node.get("role", {}).get("value") == "link"}
        focused = []
        for _ in range(12):
            chrome.switch_to.active_element.send_keys(Keys.TAB)
            focused.append(chrome.execute_script("return document.activeElement.textContent.trim()"))
    assert {"Giới thiệu", "Tin tức", "UBND", "Quyết định"} <= links, links  # the menu and the filters
    assert "Giới thiệu" in focused, focused


def test_the_next_working_day_skips_weekends_holidays_and_the_end_of_the_calendar():
    import datetime as dt

    from portalgen.content_types.schedule import next_working_day

    friday = dt.date(2026, 11, 27)
    assert next_working_day(friday, frozenset()) == dt.date(2026, 11, 30)
    assert next_working_day(friday, frozenset({dt.date(2026, 11, 30)})) == dt.date(2026, 12, 1)
    assert next_working_day(dt.date(2026, 11, 24), frozenset()) == dt.date(2026, 11, 25)
    assert next_working_day(dt.date.max, frozenset()) is None
