"""``portalgen next-change``: the next moment the built output changes, and whether one is due."""

from __future__ import annotations

from conftest import run
from portal_builder import CONSULTATION, NEWS, portal_2025, write


def _scheduled(root):
    """Future publish_at and expire_at, a consultation that opens later, a draft that never counts."""
    portal_2025(root)
    write(root, "tinh-a/consultations/du-thao.md",
          CONSULTATION.replace("opens: 2026-11-10", "opens: 2026-11-01")
          .replace("closes: 2026-12-10", "closes: 2026-11-20"))
    write(root, "tinh-a/news/2026/sap-dang.md",
          NEWS.replace("date: 2026-11-25", "date: 2026-11-25\npublish_at: 2026-11-26 08:00"))
    write(root, "tinh-a/news/2026/het-han.md",
          NEWS.replace("date: 2026-11-25", "date: 2026-11-24\nexpire_at: 2026-11-25 17:00"))
    write(root, "tinh-a/news/2026/nhap.md",
          NEWS.replace("date: 2026-11-25", "date: 2026-11-25\npublish_at: 2026-11-25 12:00")
          .replace("status: published", "status: draft"))
    write(root, "tinh-a/xa-b/consultations/du-thao.md",
          CONSULTATION.replace("opens: 2026-11-10", "opens: 2026-11-27")
          .replace("closes: 2026-12-10", "closes: 2026-12-20"))
    write(root, "tinh-a/xa-b/consultations/du-thao.pdf", (root / "tinh-a/consultations/du-thao.pdf").read_bytes())
    return root


def _next(root, now, *extra):
    result = run("next-change", str(root), "--now", now, *extra)
    return result.exit_code, result.stdout.strip()


def test_each_kind_of_scheduled_change_is_found_in_order(tmp_path):
    root = _scheduled(tmp_path / "sites")
    moments = ["2026-11-25T09:00"]
    for _ in range(6):
        code, printed = _next(root, moments[-1])
        assert code == 0
        moments.append(printed)
    assert moments[1:] == ["2026-11-25T17:00",   # expire_at
                           "2026-11-26T08:00",   # publish_at
                           "2026-11-27T00:00",   # a consultation opens
                           "2026-11-28T00:00",   # while open, its days left change every midnight
                           "2026-11-29T00:00",
                           "2026-11-30T00:00"]
    assert _next(root, "2026-12-20T09:00")[1] == "2026-12-21T00:00"  # the consultation closes (end of its last day)
    assert _next(root, "2026-12-21T09:00")[1] == "2026-12-28T00:00"  # then only the weeks of the schedule


def test_a_portal_without_scheduled_content_changes_with_the_week(tmp_path):
    root = portal_2025(tmp_path / "sites")
    write(root, "tinh-a/consultations/du-thao.md",
          CONSULTATION.replace("opens: 2026-11-10", "opens: 2026-11-01")
          .replace("closes: 2026-12-10", "closes: 2026-11-20"))
    assert _next(root, "2026-11-25T09:00") == (0, "2026-11-30T00:00")


def test_the_output_changes_exactly_at_the_printed_moment(tmp_path):
    root = _scheduled(tmp_path / "sites")
    out = tmp_path / "public"
    assert run("build", str(root), "-o", str(out), "--now", "2026-11-25T17:00", "--no-cache").exit_code == 0
    before = run("build", str(root), "-o", str(out), "--now", "2026-11-26T07:59", "--no-cache")
    assert "(0 tệp ghi mới, 0 tệp xóa)" in before.output
    at = run("build", str(root), "-o", str(out), "--now", "2026-11-26T08:00", "--no-cache")
    assert "(0 tệp ghi mới" not in at.output and (out / "tinh-a/tin-tuc/sap-dang/index.html").is_file()


def test_since_says_whether_a_rebuild_is_due(tmp_path):
    root = _scheduled(tmp_path / "sites")
    assert _next(root, "2026-11-25T16:59", "--since", "2026-11-25T09:00") == (1, "2026-11-25T17:00")
    assert _next(root, "2026-11-25T17:00", "--since", "2026-11-25T09:00") == (0, "2026-11-25T17:00")
    result = run("next-change", str(root), "--now", "2026-11-25T16:59", "--since", "2026-11-25T09:00", "--lang", "en")
    assert "Nothing due since the last build." in result.stderr


def test_bad_dates_and_configuration_are_usage_errors(tmp_path):
    root = _scheduled(tmp_path / "sites")
    result = run("next-change", str(root), "--since", "hôm qua")
    assert result.exit_code == 2 and "--since" in result.output
    (root / "portal.yaml").unlink()
    assert run("next-change", str(root)).exit_code == 2


def test_the_home_page_changes_at_midnight_while_a_schedule_lists_days_to_come(tmp_path):
    root = portal_2025(tmp_path / "sites")
    write(root, "tinh-a/consultations/du-thao.md",
          CONSULTATION.replace("opens: 2026-11-10", "opens: 2026-11-01")
          .replace("closes: 2026-12-10", "closes: 2026-11-20"))
    write(root, "tinh-a/schedule/2026-W49.yaml", "week: 2026-W49\nentries:\n  - date: 2026-11-30\n    session: sang\n"
                                                  "    leader: Chủ tịch\n    content: Giao ban\n")
    assert _next(root, "2026-11-25T09:00") == (0, "2026-11-26T00:00")  # today's and the next day's schedule
    assert _next(root, "2026-11-30T09:00") == (0, "2026-12-01T00:00")
    assert _next(root, "2026-12-01T09:00") == (0, "2026-12-07T00:00")  # nothing to come: only the weeks
