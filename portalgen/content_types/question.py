"""Citizens' questions and answers (``questions/``): one YAML file each; the answered ones are
published on one page, newest answer first, and each is found by the search at its place on it."""

from __future__ import annotations

from typing import Any, Callable

from .. import urls, vn
from ..model import Question
from ..rich_fields import render_field
from .base import ContentType, SearchRecord, Step


def _plan(b: Any, _start: int = 0, _stop: int | None = None) -> None:
    if not b.site.questions:
        return
    t = b.t("vi")
    here = urls.QUESTIONS
    context = b.layout(here, t["questions"], trail=[(t["questions"], here)])
    context.update({"items": [{"id": q.slug, "question": q.question, "answer": render_field(q.answer or "", q.slug),
                               "field": q.field, "asked": vn.format_date(q.asked),
                               "answered": vn.format_date(q.answered), "answered_by": q.answered_by}
                              for q in b.site.questions]})
    b.add(here, "questions.html", context)


def _search(site: Any, text_of: Callable[[str], str], _files_text: Callable, wanted: Callable[[str], bool],
            _memo: Any = None) -> list[SearchRecord]:
    """One record per published question, pointing at its answer on the questions page."""
    records = []
    for q in site.questions:
        path = f"{urls.QUESTIONS}#{q.slug}"
        answer = text_of(q.answer or "")
        date = (q.answered or q.asked).isoformat()
        records.append(SearchRecord(site.path, path, "page", " ".join(q.question.split()), date, answer,
                                    " ".join([q.field or "", answer, q.answered_by or ""]) if wanted(path) else ""))
    return records


TYPE = ContentType(
    menu_group="menu_participation",
    kind="faq", folder="questions", fmt="yaml", model=Question, title_field="question", identifier="question",
    label="questions", address=urls.QUESTIONS, listed=lambda site: bool(site.questions),
    steps=(Step("questions", _plan),), date_order=(("asked", "answered", False),), past_dates=("asked", "answered"),
    updated=lambda q, _now: q.answered or q.asked, search=_search, searchable=lambda site: len(site.questions),
    starts_with=lambda start: {"asked": start.today})
