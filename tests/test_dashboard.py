"""The compliance dashboard: ``portalgen report``, its exports and trend, git dates, the page in
the top unit's site, and outside judges (Nu checker, axe-core) on the page."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess

import pytest

from portalgen import gitdates, history
from portalgen.dashboard import UnitReport
from portalgen.dashboard_view import chart

from conftest import DEMO_NOW, run
from htmlcheck import (
    axe_violations,
    format_violations,
    have_axe,
    have_chromium,
    have_vnu,
    policy_problems,
    require,
    serve,
    vnu_errors,
)
from portal_builder import demo_with_gaps, portal_2025, write


@pytest.fixture(scope="module")
def gaps(tmp_path_factory):
    return demo_with_gaps(tmp_path_factory.mktemp("gaps") / "sites")


@pytest.fixture(scope="module")
def report(gaps, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "bang-theo-doi"
    result = run("report", str(gaps), "-o", str(out), "--now", DEMO_NOW)
    assert result.exit_code == 0, result.output
    return out


def _units(out) -> dict:
    return {u["path"]: u for u in json.loads((out / "bang-theo-doi.json").read_text(encoding="utf-8"))["units"]}


def _state(unit: dict, obligation: str) -> str:
    return next(s["state"] for s in unit["states"] if s["id"] == obligation)


def test_dashboard_shows_a_missing_obligation_and_stale_news(report):
    units = _units(report)
    assert _state(units["nam-dinh/my-loc/my-ha"], "english-contact") == "missing"
    assert _state(units["nam-dinh/hai-hau/hai-minh"], "news-fresh") == "stale"
    assert units["nam-dinh/hai-hau/hai-minh"]["sections"]["news"]["content"] == "2026-10-15"
    assert _state(units["nam-dinh"], "news-fresh") == "present"
    assert units["nam-dinh"]["score"] == 100
    assert units["nam-dinh/my-loc/my-ha"]["score"] < 100 and units["nam-dinh/hai-hau/hai-minh"]["score"] < 100
    page = (report / "index.html").read_text(encoding="utf-8")
    assert "Xã Hải Minh" in page and "Chưa cập nhật" in page and "Thiếu" in page
    assert 'name="robots" content="noindex"' in page


def test_worst_units_come_first_and_every_unit_has_a_chart_with_a_text_alternative(report):
    page = (report / "index.html").read_text(encoding="utf-8")
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    order = [name for name in ("Xã Mỹ Hà", "Xã Hải Minh", "Tỉnh Nam Định") if name in body]
    assert sorted(order, key=body.index)[-1] == "Tỉnh Nam Định"
    assert page.count('role="img" aria-label="Số mục') == 2 * 7


def test_csv_export_has_one_row_per_unit_and_readable_states(report):
    data = (report / "bang-theo-doi.csv").read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert len(body) == 7
    row = dict(zip(header, next(r for r in body if r[0] == "nam-dinh/my-loc/my-ha")))
    assert row["english-contact"] == "Thiếu" and row["Thiếu"] == "1"


def test_report_is_deterministic_and_the_history_keeps_one_run_per_day(gaps, tmp_path):
    out = tmp_path / "r"
    for _ in range(2):
        assert run("report", str(gaps), "-o", str(out), "--now", DEMO_NOW).exit_code == 0
    first = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert run("report", str(gaps), "-o", str(out), "--now", DEMO_NOW).exit_code == 0
    assert first == {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    runs = json.loads(first["lich-su.json"])["runs"]
    assert [r["date"] for r in runs] == ["2026-11-27"]


def test_trend_shows_what_improved_or_worsened_since_the_last_run(tmp_path):
    root = demo_with_gaps(tmp_path / "sites")
    out = tmp_path / "r"
    assert run("report", str(root), "-o", str(out), "--now", "2026-11-20").exit_code == 0
    (root / "nam-dinh/pages/en/contact.md").unlink()
    result = run("report", str(root), "-o", str(out), "--now", DEMO_NOW)
    assert "So với ngày 2026-11-20" in result.output
    units = _units(out)
    assert units["nam-dinh"]["score_before"] == 100 and units["nam-dinh"]["score"] < 100
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "So với lần theo dõi ngày 20/11/2026" in page and "pg-dash-change--worse" in page


def test_history_is_capped_and_a_damaged_file_is_refused_with_advice(tmp_path, gaps):
    board_runs = [{"date": f"2026-{m:02d}-{d:02d}", "units": {}} for m in range(1, 4) for d in range(1, 29)]
    assert len(board_runs) > history.KEEP
    out = tmp_path / "r"
    out.mkdir()
    (out / history.FILE_NAME).write_text(json.dumps({"format": 1, "runs": board_runs}), encoding="utf-8")
    assert run("report", str(gaps), "-o", str(out), "--now", DEMO_NOW).exit_code == 0
    runs = json.loads((out / history.FILE_NAME).read_text(encoding="utf-8"))["runs"]
    assert len(runs) == history.KEEP and runs[-1]["date"] == "2026-11-27"
    (out / history.FILE_NAME).write_text("{not json", encoding="utf-8")
    result = run("report", str(gaps), "-o", str(out), "--now", DEMO_NOW)
    assert result.exit_code == 2
    assert "lich-su.json" in result.output and "chuyển tệp đi nơi khác" in result.output


def test_report_on_a_folder_without_portal_yaml_is_a_usage_error(tmp_path):
    result = run("report", str(tmp_path), "-o", str(tmp_path / "r"))
    assert result.exit_code == 2 and "portal.yaml" in result.output


def test_chart_bars_scale_to_the_busiest_month():
    unit = UnitReport("a", "A", "commune", None, (), (), 0, 0, 0, (0, 2, 4))
    drawn = chart(unit, ("2026-09", "2026-10", "2026-11"), "label", (6, 2, 24))
    assert [b["height"] for b in drawn["bars"]] == [0, 12, 23]
    assert drawn["width"] == 22 and drawn["bars"][2]["month"] == "11/26"


def _git(root, *args, date="2026-11-01T10:00:00+07:00"):
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_git_history_gives_the_last_change_of_each_section(tmp_path):
    repo = tmp_path / "repo"
    root = portal_2025(repo / "sites")
    assert gitdates.last_changes(root) == {}
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "first")
    write(root, "tinh-a/xa-b/news/2026/hoi-nghi.md",
          (root / "tinh-a/xa-b/news/2026/hoi-nghi.md").read_text(encoding="utf-8") + "\nThêm một đoạn.\n")
    _git(repo, "commit", "-qam", "edit", date="2026-11-20T23:30:00+00:00")
    changes = gitdates.last_changes(root)
    assert changes["tinh-a/xa-b/news/2026/hoi-nghi.md"] == dt.date(2026, 11, 21)  # 06:30 in Vietnam
    assert changes["tinh-a/news/2026/hoi-nghi.md"] == dt.date(2026, 11, 1)
    sections = gitdates.by_section(changes, ["tinh-a", "tinh-a/xa-b"], ["news", "pages"])
    assert sections[("tinh-a/xa-b", "news")] == dt.date(2026, 11, 21)
    assert sections[("tinh-a", "news")] == dt.date(2026, 11, 1)
    out = tmp_path / "r"
    assert run("report", str(root), "-o", str(out), "--now", DEMO_NOW).exit_code == 0
    unit = _units(out)["tinh-a/xa-b"]
    assert unit["sections"]["news"]["git"] == "2026-11-21"
    assert "theo lịch sử git" in (out / "index.html").read_text(encoding="utf-8")


def _enable(root, linked: bool) -> None:
    text = (root / "portal.yaml").read_text(encoding="utf-8")
    write(root, "portal.yaml", text + f"dashboard: {{enabled: true, linked: {str(linked).lower()}}}\n")


def test_build_adds_the_page_to_the_top_site_only_when_enabled_and_links_it_only_when_configured(tmp_path):
    root = portal_2025(tmp_path / "sites")
    out = tmp_path / "public"
    assert run("build", str(root), "-o", str(out), "--now", DEMO_NOW, "--no-cache").exit_code == 0
    assert not (out / "tinh-a/bang-theo-doi").exists()
    _enable(root, linked=False)
    assert run("build", str(root), "-o", str(out), "--now", DEMO_NOW, "--no-cache").exit_code == 0
    page = (out / "tinh-a/bang-theo-doi/index.html").read_text(encoding="utf-8")
    assert "Xã B" in page and 'content="noindex"' in page and 'href="../assets/portalgen.' in page
    assert (out / "tinh-a/bang-theo-doi/bang-theo-doi.csv").is_file()
    assert not (out / "tinh-a/xa-b/bang-theo-doi").exists()
    assert "bang-theo-doi/" not in (out / "tinh-a/index.html").read_text(encoding="utf-8")
    write(root, "portal.yaml",
          (root / "portal.yaml").read_text(encoding="utf-8").replace("linked: false", "linked: true"))
    assert run("build", str(root), "-o", str(out), "--now", DEMO_NOW, "--no-cache").exit_code == 0
    assert 'href="bang-theo-doi/"' in (out / "tinh-a/index.html").read_text(encoding="utf-8")
    assert "noindex" not in (out / "tinh-a/bang-theo-doi/index.html").read_text(encoding="utf-8")
    assert "bang-theo-doi/" not in (out / "tinh-a/xa-b/index.html").read_text(encoding="utf-8")


def test_shards_hold_the_page_once(tmp_path):
    root = portal_2025(tmp_path / "sites")
    _enable(root, linked=False)
    found = []
    for k in (1, 2):
        out = tmp_path / f"part-{k}"
        result = run("build", str(root), "-o", str(out), "--now", DEMO_NOW, "--no-cache", "--shard", f"{k}/2")
        assert result.exit_code == 0
        found += [k for _ in (out / "tinh-a/bang-theo-doi").glob("index.html")]
    assert found == [1]


def test_an_unknown_dashboard_setting_is_a_configuration_error(tmp_path):
    root = portal_2025(tmp_path / "sites")
    write(root, "portal.yaml", (root / "portal.yaml").read_text(encoding="utf-8") + "dashboard: {shown: true}\n")
    result = run("check", str(root), "--now", DEMO_NOW)
    assert result.exit_code == 2 and "dashboard" in result.output


def test_report_page_passes_the_nu_checker_and_policy(report):
    require("vnu", have_vnu())
    errors = vnu_errors(report)
    assert errors == [], "\n".join(f"{e['file']}:{e.get('line')}: {e['message']}" for e in errors[:30])
    assert policy_problems(report) == []


@pytest.mark.parametrize("width", [360, 1280])
def test_report_page_is_accessible_and_its_filters_and_sorting_work(report, chrome, width):
    require("chromium", have_chromium())
    require("axe-core", have_axe())
    with serve(report) as base:
        violations = axe_violations(chrome, base + "index.html?cap=commune", width=width)
        assert not violations, format_violations(violations)
        shown = chrome.execute_script(
            "return Array.from(document.querySelectorAll('[data-dash-table] tbody tr'))"
            ".filter(r => !r.hidden).map(r => r.dataset.level)")
        assert shown and set(shown) == {"commune"}
        assert "Đang hiện 4 đơn vị." in chrome.execute_script(
            "return document.querySelector('[data-dash-count]').textContent")
        chrome.execute_script("document.querySelectorAll('[data-dash-table] thead th button')[3].click()")
        scores = chrome.execute_script(
            "return Array.from(document.querySelectorAll('[data-dash-table] tbody tr'))"
            ".map(r => Number(r.cells[3].dataset.value))")
        assert scores == sorted(scores, reverse=True) and scores != sorted(scores)
        assert chrome.execute_script("return document.querySelectorAll('[aria-sort=descending]').length") == 1
