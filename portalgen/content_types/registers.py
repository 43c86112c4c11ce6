"""What the register-like sections share (plans, budget disclosures, other disclosures): a list
page, newest first, and one page per item with its facts, its text and its files, made from the
``register_list.html`` and ``register_item.html`` templates."""

from __future__ import annotations

from typing import Any, Callable

from .. import urls, vn
from .base import FileField, SearchRecord


def plan_register(b: Any, address: str, label: str, items: tuple,
                  facts: Callable[[Any, Any], list[tuple[str, Any]]]) -> None:
    """The section's pages: ``facts(t, item)`` gives the (label, value) rows of an item's summary."""
    if not items:
        return
    t = b.t("vi")
    ordered = sorted(items, key=lambda i: (i.published, i.slug), reverse=True)

    def card(here: str, item: Any) -> dict[str, Any]:
        return {"title": item.title, "href": b.link(here, urls.item(address, item.slug)),
                "kind": t[f"kind_{item.kind}"], "date": vn.format_date(item.published),
                "datetime": item.published.isoformat(), "summary": item.summary}

    context = b.layout(address, t[label], trail=[(t[label], address)])
    context.update({"heading": t[label], "items": [card(address, i) for i in ordered]})
    b.add(address, "register_list.html", context)
    for item in ordered:
        page = urls.item(address, item.slug)
        context = b.layout(page, item.title, trail=[(t[label], address), (item.title, page)],
                           description=item.summary)
        context.update({"item": card(page, item), "facts": [(name, value) for name, value in facts(t, item) if value],
                        "body": b.body(item.path, item.body, page),
                        "files": b.file_list(page, item.path, item.files, page)})
        b.add(page, "register_item.html", context)


def search_register(site: Any, address: str, items: tuple, text_of: Callable[[str], str], files_text: Callable,
                    wanted: Callable[[str], bool], number: Callable[[Any], str | None]) -> list[SearchRecord]:
    """Search records of a register-like section: title, summary, text and files' text."""
    records = []
    for item in items:
        path = urls.item(address, item.slug)
        records.append(SearchRecord(
            site.path, path, "page", item.title, item.published.isoformat(), item.summary or "",
            " ".join([item.summary or "", text_of(item.body)]) if wanted(path) else "", number=number(item) or "",
            files=" ".join(files_text(item, item.files)) if wanted(path) else ""))
    return records


def file_fields(item: Any) -> list[FileField]:
    """An item's ``files`` as the fields to check and publish."""
    return [FileField(ref.file, False, f"/files/{i}/file") for i, ref in enumerate(item.files)]
