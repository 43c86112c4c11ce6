"""Mandatory content: does each unit publish what its level must, fresh enough and on time?

The obligations come from the regime chosen in ``portal.yaml`` (``content-schema/requirements``);
this module only knows how to evaluate each kind of rule.  Unmet obligations are warnings
attached to the unit's ``unit.yaml`` (or to the late item).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, TypedDict

from . import vn
from .config import Config, Obligation
from .content_types.budget import period_end, quarter_end
from .content_types.news import is_published
from .load import FieldBroken, Partial, Portal
from .model import UnitContent
from .problems import Problem, problem


@dataclass(frozen=True)
class Context:
    config: Config
    content: UnitContent
    inherited_procedures: frozenset[str]
    now: dt.datetime

    @property
    def today(self) -> dt.date:
        return self.now.date()


def check_compliance(portal: Portal, now: dt.datetime, partial: Iterable[Partial] = ()) -> list[Problem]:
    """Unmet obligations of every unit at ``now``; one that a file with errors (``partial``) would
    meet once fixed says so (``COMPLIANCE_FILE_INVALID``) rather than that the content is missing."""
    held: dict[str, list[Partial]] = {}
    for item in partial:
        held.setdefault(item.unit, []).append(item)
    problems = []
    for content in portal.units:
        for obligation, found in evaluate_unit(portal, content, now):
            invalid = _invalid_files(held.get(content.unit.path, []), obligation, now) if found else []
            problems += [_not_counted(p, obligation, invalid, content.unit.path)
                         if invalid and p.code in ("COMPLIANCE_MISSING", "COMPLIANCE_STALE") else p for p in found]
    return problems


def _invalid_files(held: list[Partial], obligation: Obligation, now: dt.datetime) -> list[str]:
    """The files of a unit (``held``: kept out for their errors) that the obligation would count."""
    section = obligation.params.get("section")
    week = vn.week_of(now.date()) if obligation.rule == "current-week" else None
    return sorted(p.path for p in held if p.folder == section
                  and (week is None or vn.week_of_file(p.slug) == week) and _may_count(p, obligation, now))


def _may_count(item: Any, obligation: Obligation, now: dt.datetime) -> bool:
    """Whether the item's readable fields let it count (a broken field might, once fixed)."""
    try:
        if obligation.params["section"] == "news" and not is_published(item, now):
            return False
        date = date_of(item) if obligation.rule == "freshness" else None
        if date is not None and not 0 <= (now.date() - date).days <= obligation.params["max_age_days"]:
            return False
        return all(matches(getattr(item, key), value) for key, value in obligation.params.get("where", {}).items())
    except FieldBroken:
        return True


def _not_counted(found: Problem, obligation: Obligation, invalid: list[str], unit: str) -> Problem:
    more = len(invalid) - 1
    return problem("COMPLIANCE_FILE_INVALID", found.source.path, found.source.line, field=found.field,
                   file=invalid[0].removeprefix(f"{unit}/"), **_args(obligation),
                   more_vi=f" (và {more} tệp khác cũng vậy)" if more else "",
                   more_en={0: "", 1: " (nor does 1 other file)"}.get(more, f" (nor do {more} other files)"))


def evaluate_unit(portal: Portal, content: UnitContent, now: dt.datetime) -> list[tuple[Obligation, list[Problem]]]:
    """Each obligation that applies to the unit's level, with its problems at ``now`` (none: met)."""
    inherited = frozenset(p.code for p in portal.catalog.get(content.unit.level, ()))
    context = Context(portal.config, content, inherited, now)
    return [(obligation, list(RULES[obligation.rule](context, obligation)))
            for obligation in portal.config.regime.obligations
            if not obligation.levels or content.unit.level in obligation.levels]


class _Args(TypedDict):
    obligation_title: str
    obligation_title_en: str
    basis: str


class _Action(TypedDict):
    action_vi: str
    action_en: str


def _args(obligation: Obligation) -> _Args:
    return {"obligation_title": obligation.title, "obligation_title_en": obligation.title_en,
            "basis": obligation.basis}


def _unit_file(context: Context) -> str:
    return f"{context.content.unit.path}/unit.yaml"


_ACTIONS = {
    "news": ("Đăng tin mới trong thư mục news/.", "Publish a news item in news/."),
    "pages": ("Thêm trang trong thư mục pages/ (trang tiếng Anh trong pages/en/) với kind phù hợp.",
              "Add a page in pages/ (English pages in pages/en/) with the right kind."),
    "documents": ("Thêm văn bản vào thư mục documents/.", "Add documents in documents/."),
    "procedures": ("Thêm thủ tục vào procedures/ hoặc vào catalog/procedures/ của cấp này.",
                   "Add procedures in procedures/ or in this level's catalog/procedures/."),
    "schedule": ("Thêm tệp lịch công tác của tuần trong thư mục schedule/.",
                 "Add this week's schedule file in schedule/."),
    "consultations": ("Đăng dự thảo lấy ý kiến trong thư mục consultations/.",
                      "Publish drafts for comment in consultations/."),
    "procurement": ("Đăng thông tin đấu thầu trong thư mục procurement/.",
                    "Publish procurement notices in procurement/."),
    "plans": ("Đăng chiến lược, chương trình, kế hoạch trong thư mục plans/ với kind phù hợp.",
              "Publish strategies, programmes and plans in plans/ with the right kind."),
    "budget": ("Đăng báo cáo công khai ngân sách kèm biểu mẫu trong thư mục budget/.",
               "Publish the budget disclosure with its forms in budget/."),
    "disclosures": ("Đăng thông tin công khai trong thư mục disclosures/ với kind phù hợp.",
                    "Publish the information in disclosures/ with the right kind."),
    "media": ("Đăng album ảnh hoặc video trong thư mục media/.", "Publish an album or a video in media/."),
    "late": ("Đăng sớm hơn, trong thời hạn kể từ ngày ban hành.",
             "Publish sooner, within the time allowed after issue."),
    "late-budget": ("Công khai báo cáo ngân sách trong thời hạn; cảnh báo này hết sau {window} ngày kể từ hạn.",
                    "Publish budget reports in time; this warning ends {window} days after the due date."),
    "questions": ("Trả lời câu hỏi đúng hạn: thêm answer, answered, answered_by.",
                  "Answer in time: add answer, answered, answered_by."),
    "late-answer": ("Câu hỏi đã được trả lời muộn; hãy trả lời các câu hỏi mới đúng hạn. Cảnh báo này hết sau "
                    "{window} ngày kể từ hạn trả lời.",
                    "The answer came late; answer new questions in time. This warning ends {window} days after "
                    "the due date."),
    "unit": ("Bổ sung vào unit.yaml.", "Add it to unit.yaml."),
}


def _action(section: str, **values: object) -> _Action:
    vi, en = _ACTIONS[section]
    return {"action_vi": vi.format(**values), "action_en": en.format(**values)}


def _recent(due: dt.date, context: Context, obligation: Obligation) -> bool:
    """Late items are judged only while their due date lies within the obligation's window."""
    return (context.today - due).days <= obligation.params.get("window_days", 90)


def _items(context: Context, obligation: Obligation) -> tuple:
    section = obligation.params["section"]
    items = getattr(context.content, section)
    if section == "news":
        items = tuple(i for i in items if is_published(i, context.now))
    where = obligation.params.get("where", {})
    return tuple(i for i in items if all(matches(getattr(i, key, None), value) for key, value in where.items()))


def matches(found: Any, wanted: Any) -> bool:
    """Whether a field's value meets a ``where`` condition: equal to it, or one of a list."""
    return found in wanted if isinstance(wanted, list) else found == wanted


def _unit_field(context: Context, obligation: Obligation) -> Iterator[Problem]:
    name = obligation.params["field"]
    value: Any = context.content.unit
    for part in name.split("."):  # a field of a group: contacts.phone
        value = getattr(value, part, None)
    found = len(value) if isinstance(value, tuple) else int(bool(value))  # text, a person or a list
    minimum = obligation.params.get("min", 1)
    if found < minimum:
        yield problem("COMPLIANCE_MISSING", _unit_file(context), 1, field=name, found=found, minimum=minimum,
                      **_args(obligation), **_action("unit"))


def _count(context: Context, obligation: Obligation) -> Iterator[Problem]:
    items = _items(context, obligation)
    found = len(items)
    if obligation.params["section"] == "procedures":
        found = len(context.inherited_procedures | {p.code for p in items})
    minimum = obligation.params.get("min", 1)
    if found < minimum:
        yield problem("COMPLIANCE_MISSING", _unit_file(context), 1, field=obligation.params["section"],
                      found=found, minimum=minimum, **_args(obligation), **_action(obligation.params["section"]))


def _freshness(context: Context, obligation: Obligation) -> Iterator[Problem]:
    section = obligation.params["section"]
    limit = obligation.params["max_age_days"]
    found = [date_of(item) for item in _items(context, obligation)]
    dates = [d for d in found if d is not None and d <= context.today]
    if not dates:
        yield problem("COMPLIANCE_MISSING", _unit_file(context), 1, field=section, found=0, minimum=1,
                      **_args(obligation), **_action(section))
        return
    newest = max(dates)
    age = (context.today - newest).days
    if age > limit:
        yield problem("COMPLIANCE_STALE", _unit_file(context), 1, field=section,
                      detail_vi=f"mục mới nhất ngày {vn.format_date(newest)}, đã {age} ngày; yêu cầu {limit} ngày",
                      detail_en=f"newest item {newest.isoformat()}, {age} days old; at most {limit} days",
                      **_args(obligation), **_action(section))


def date_of(item) -> dt.date | None:
    for name in ("publish_at", "date", "published", "issue_date", "opens", "updated"):
        value = getattr(item, name, None)
        if value is not None:
            return value.date() if isinstance(value, dt.datetime) else value
    return None


def _current_week(context: Context, obligation: Obligation) -> Iterator[Problem]:
    week = vn.week_of(context.today)
    if not any(s.week == week for s in _items(context, obligation)):
        yield problem("COMPLIANCE_STALE", _unit_file(context), 1, field="schedule",
                      detail_vi=f"chưa có lịch tuần {week}, tệp schedule/{week}.yaml",
                      detail_en=f"no schedule for week {week}, file schedule/{week}.yaml",
                      **_args(obligation), **_action("schedule"))


def _answer_deadline(context: Context, obligation: Obligation) -> Iterator[Problem]:
    days = obligation.params["working_days"]
    for question in _items(context, obligation):
        due = vn.add_working_days(question.asked, days, context.config.holidays)
        answered = question.answered
        late_answer = answered is not None and answered > due and _recent(due, context, obligation)
        if (answered is None and context.today > due) or late_answer:
            state_vi = f"trả lời ngày {vn.format_date(answered)}" if answered else "chưa trả lời"
            state_en = f"answered {answered.isoformat()}" if answered else "not answered"
            yield problem("COMPLIANCE_LATE", question.path, 1, field="answered",
                          detail_vi=f"hỏi ngày {vn.format_date(question.asked)}, hạn {vn.format_date(due)}, {state_vi}",
                          detail_en=f"asked {question.asked.isoformat()}, due {due.isoformat()}, {state_en}",
                          **_args(obligation),
                          **(_action("late-answer", window=obligation.params.get("window_days", 90))
                             if answered else _action("questions")))


def _publish_deadline(context: Context, obligation: Obligation) -> Iterator[Problem]:
    days = obligation.params["working_days"]
    for doc in _items(context, obligation):
        if doc.published is None or doc.issue_date is None:
            continue
        due = vn.add_working_days(doc.issue_date, days, context.config.holidays)
        if doc.published > due and _recent(due, context, obligation):
            yield problem("COMPLIANCE_LATE", doc.path, 1, field="published",
                          detail_vi=f"ban hành {vn.format_date(doc.issue_date)}, hạn đăng {vn.format_date(due)}, "
                                    f"đăng ngày {vn.format_date(doc.published)}",
                          detail_en=f"issued {doc.issue_date.isoformat()}, due {due.isoformat()}, "
                                    f"published {doc.published.isoformat()}",
                          **_args(obligation),
                          **({"action_vi": "Đăng văn bản sớm hơn sau khi ban hành.",
                              "action_en": "Publish documents sooner after they are issued."}
                             if obligation.params["section"] == "documents" else _action("late")))


def _yearly(context: Context, obligation: Obligation) -> Iterator[Problem]:
    """An item (``where``) of the year ``year_offset`` from the current one, once ``after_days``
    of the current year have passed: this year's work plan, last year's results report."""
    section = obligation.params["section"]
    year = context.today.year + obligation.params.get("year_offset", 0)
    if (context.today - dt.date(context.today.year, 1, 1)).days < obligation.params.get("after_days", 0):
        return
    items = _items(context, obligation)
    if any(getattr(item, "year", None) == year for item in items):
        return
    if not items:
        yield problem("COMPLIANCE_MISSING", _unit_file(context), 1, field=section, found=0, minimum=1,
                      **_args(obligation), **_action(section))
        return
    yield problem("COMPLIANCE_STALE", _unit_file(context), 1, field=section,
                  detail_vi=f"chưa có mục của năm {year}", detail_en=f"nothing for the year {year}",
                  **_args(obligation), **_action(section))


def _budget_deadline(context: Context, obligation: Obligation) -> Iterator[Problem]:
    """Budget disclosure on time (``budget.deadlines``): each report published within its days, and
    the reports already due present (the year's estimate, the last quarter's execution)."""
    items = _items(context, obligation)
    for item in items:
        due = budget_due(item, obligation)
        if due is not None and item.published > due and _recent(due, context, obligation):
            yield problem("COMPLIANCE_LATE", item.path, 1, field="published",
                          detail_vi=f"hạn công khai {vn.format_date(due)}, đăng ngày {vn.format_date(item.published)}",
                          detail_en=f"due {due.isoformat()}, published {item.published.isoformat()}",
                          **_args(obligation),
                          **_action("late-budget", window=obligation.params.get("window_days", 90)))
    for kind, year, quarter, due in _budget_reports_due(context, obligation):
        if not any(i.kind == kind and i.year == year and (quarter is None or i.quarter == quarter) for i in items):
            period_vi = f"quý {quarter}/{year}" if quarter else f"năm {year}"
            period_en = f"Q{quarter} {year}" if quarter else f"{year}"
            yield problem("COMPLIANCE_STALE", _unit_file(context), 1, field="budget",
                          detail_vi=f"chưa công khai {BUDGET_REPORTS[kind][0]} {period_vi}, hạn {vn.format_date(due)}",
                          detail_en=f"no {BUDGET_REPORTS[kind][1]} for {period_en}, due {due.isoformat()}",
                          **_args(obligation), **_action("budget"))


#: The reports whose presence is judged, by kind: their names (vi, en).
BUDGET_REPORTS = {"du-toan": ("dự toán ngân sách", "budget estimate"),
                  "thuc-hien-quy": ("tình hình thực hiện dự toán", "budget execution report")}


def budget_due(item: Any, obligation: Obligation) -> dt.date | None:
    """The last day a budget report may be published: days after the decision for an estimate and
    the final accounts, after the end of the period for the execution of a quarter or half-year."""
    days = obligation.params["days"]
    try:
        if item.kind in ("du-toan", "quyet-toan") and item.issue_date is not None:
            return item.issue_date + dt.timedelta(days=days[item.kind])
        end = period_end(item)
        return end + dt.timedelta(days=days["thuc-hien"]) if end is not None else None
    except OverflowError:  # a date at the end of the calendar has no deadline after it
        return None


def _budget_reports_due(context: Context, obligation: Obligation) -> list[tuple[str, int, int | None, dt.date]]:
    """The reports that must be out by today: this year's estimate once the estimate's days after
    the year's start have passed (the council decides it by the end of the year before), and the
    latest quarter whose execution report is due."""
    today, days = context.today, obligation.params["days"]
    due: list[tuple[str, int, int | None, dt.date]] = []
    if not dt.MINYEAR < today.year:
        return due
    estimate_due = dt.date(today.year - 1, 12, 31) + dt.timedelta(days=days["du-toan"])
    if today > estimate_due:
        due.append(("du-toan", today.year, None, estimate_due))
    quarters = [(year, q, quarter_end(year, q)) for year in (today.year - 1, today.year) for q in (1, 2, 3, 4)]
    passed = [(year, q, end + dt.timedelta(days=days["thuc-hien"])) for year, q, end in quarters if end < today]
    latest = [entry for entry in passed if entry[2] < today]
    if latest:
        year, q, when = latest[-1]
        due.append(("thuc-hien-quy", year, q, when))
    return due


RULES: dict[str, Callable[[Context, Obligation], Iterator[Problem]]] = {
    "unit-field": _unit_field, "count": _count, "freshness": _freshness, "current-week": _current_week,
    "answer-deadline": _answer_deadline, "publish-deadline": _publish_deadline, "yearly": _yearly,
    "budget-deadline": _budget_deadline,
}
