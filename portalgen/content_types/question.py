"""Citizens' questions and answers (``questions/``): one YAML file each; the answered ones are
published on one page, newest answer first."""

from __future__ import annotations

from typing import Any

from .. import urls, vn
from ..model import Question
from ..rich_fields import render_field
from .base import ContentType, Step


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


TYPE = ContentType(
    kind="faq", folder="questions", fmt="yaml", model=Question, title_field="question", identifier="question",
    label="questions", address=urls.QUESTIONS, listed=lambda site: bool(site.questions),
    steps=(Step("questions", _plan),), date_order=(("asked", "answered", False),), past_dates=("asked", "answered"),
    updated=lambda q, _now: q.answered or q.asked, starts_with=lambda start: {"asked": start.today})
