"""Legal documents (``documents/``): one YAML entry per document of the register, its PDF or Word
files beside it; listed newest first, with lists by type, issuer, field and year."""

from __future__ import annotations

from typing import Any, Callable

from .. import urls, vn
from ..model import Document
from .base import ContentType, FileField, SearchRecord, Step

DOCUMENTS_PER_PAGE = 30
FACET_FIELDS = ("type", "issuer", "field", "year")


def newest_first(documents: tuple[Document, ...]) -> list[Document]:
    """Documents by issue date, newest first."""
    return sorted(documents, key=lambda d: (d.issue_date, d.slug), reverse=True)


def document_row(b: Any, here: str, doc: Document) -> dict[str, Any]:
    """What a list shows of a document."""
    return {"number": doc.number, "href": b.link(here, urls.item(urls.DOCUMENTS, doc.slug)), "type": doc.type,
            "issuer": doc.issuer, "date": vn.format_date(doc.issue_date), "datetime": doc.issue_date.isoformat(),
            "summary": doc.summary, "status": doc.status}


def facet_value(doc: Document, facet: str) -> str | None:
    return str(doc.issue_date.year) if facet == "year" else getattr(doc, facet)


def _plan(b: Any, _start: int = 0, _stop: int | None = None) -> None:
    t = b.t("vi")
    docs = newest_first(b.site.content.documents)
    # One list page per facet *address*: values that differ only in case or tone marks share it.
    facet_values: dict[str, list[tuple[str, str]]] = {}
    for facet in FACET_FIELDS:
        by_slug: dict[str, str] = {}
        for value in sorted((v for v in (facet_value(d, facet) for d in docs) if v), key=vn.sort_key):
            by_slug.setdefault(urls.document_facet(facet, value), value)
        ordered = sorted(by_slug.items(), key=lambda kv: vn.sort_key(kv[1]), reverse=facet == "year")
        facet_values[facet] = ordered
    labels = {"type": t["by_type"], "issuer": t["by_issuer"], "field": t["by_field"], "year": t["doc_year"]}

    def facets(here: str) -> dict:
        groups = [{"label": labels[f], "values": [{"label": label, "href": b.link(here, address),
                                                   "current": here.startswith(address)}
                                                  for address, label in values]}
                  for f, values in facet_values.items() if values]
        return {"facets": groups, "all_href": b.link(here, urls.DOCUMENTS)}

    def row(here: str, doc: Document) -> dict[str, Any]:
        return document_row(b, here, doc)

    b.paginated(urls.DOCUMENTS, docs, DOCUMENTS_PER_PAGE, t["documents"], [(t["documents"], urls.DOCUMENTS)],
                "documents_list.html", row, facets)
    for facet, values in facet_values.items():
        for base, value in values:
            items = [d for d in docs
                     if (found := facet_value(d, facet)) and urls.document_facet(facet, found) == base]
            b.paginated(base, items, DOCUMENTS_PER_PAGE, f"{t['documents']}: {value}",
                        [(t["documents"], urls.DOCUMENTS), (value, base)], "documents_list.html", row, facets)
    for doc in docs:
        _item(b, t, doc)


def _item(b: Any, t: Any, doc: Document) -> None:
    here = urls.item(urls.DOCUMENTS, doc.slug)
    context = b.layout(here, f"{doc.type} {doc.number}", trail=[(t["documents"], urls.DOCUMENTS), (doc.number, here)],
                       description=doc.summary, json_ld=[{
                           "@context": "https://schema.org", "@type": "Legislation", "name": doc.summary,
                           "legislationIdentifier": doc.number, "legislationType": doc.type,
                           "legislationDate": doc.issue_date.isoformat(),
                           "legislationPassedBy": {"@type": "GovernmentOrganization", "name": doc.issuer},
                           **({"legislationLegalForce": "InForce"} if doc.status == "Còn hiệu lực" else {})}])
    context.update({"doc": {
        "number": doc.number, "type": doc.type, "issuer": doc.issuer, "summary": doc.summary,
        "issue_date": vn.format_date(doc.issue_date),
        "effective_date": vn.format_date(doc.effective_date) if doc.effective_date else None,
        "expiry_date": vn.format_date(doc.expiry_date) if doc.expiry_date else None,
        "signer": ", ".join(x for x in (doc.signer_position, doc.signer) if x) or None,
        "field": doc.field, "status": doc.status, "normative": doc.normative,
        "replaces": list(doc.replaces), "replaced_by": doc.replaced_by,
        "type_href": b.link(here, urls.document_facet("type", doc.type)),
        "issuer_href": b.link(here, urls.document_facet("issuer", doc.issuer))},
        "files": b.file_list(here, doc.path, doc.files, here)})
    b.add(here, "document_item.html", context)


def _reserved(slug: str) -> str | None:
    if (slug.startswith("trang-") and slug[6:].isdigit()) or slug in urls.FACETS.values():
        return f"{urls.DOCUMENTS}{slug}/"
    return None


def _rules(items: tuple[Document, ...], at: Any, _config: Any) -> list:
    """Document numbers are unique in a unit (compared without case, tone marks or spaces)."""
    problems = []
    seen: dict[str, str] = {}
    for doc in items:
        key = vn.fold(doc.number).replace(" ", "")
        if key in seen:
            problems.append(at("DOCUMENT_NUMBER_DUPLICATE", doc.path, "/number", number=doc.number, other=seen[key]))
        else:
            seen[key] = doc.path
    return problems


def _search(site: Any, _text_of: Callable[[str], str], files_text: Callable, wanted: Callable[[str], bool],
            _memo: Any = None) -> list[SearchRecord]:
    records = []
    for doc in site.content.documents:
        path = urls.item(urls.DOCUMENTS, doc.slug)
        records.append(SearchRecord(
            site.path, path, "document", f"{doc.type} {doc.number}", doc.issue_date.isoformat(), doc.summary,
            " ".join(["văn bản", doc.summary, doc.issuer, doc.field or "", doc.signer or ""]) if wanted(path) else "",
            number=doc.number, files=" ".join(files_text(doc, doc.files)) if wanted(path) else "",
            facets={"t": doc.type, "i": doc.issuer, **({"f": doc.field} if doc.field else {}),
                    "y": str(doc.issue_date.year)}))
    return records


TYPE = ContentType(
    kind="document", folder="documents", fmt="yaml", model=Document, title_field="summary", identifier="number",
    label="documents", address=urls.DOCUMENTS, steps=(Step("documents", _plan),),
    files=lambda doc: [FileField(ref.file, False, f"/files/{i}/file") for i, ref in enumerate(doc.files)],
    date_order=(("issue_date", "effective_date", False), ("effective_date", "expiry_date", True),
                ("issue_date", "published", False)),
    past_dates=("issue_date", "published"), reserved=_reserved, rules=_rules,
    updated=lambda doc, _now: doc.published or doc.issue_date,
    search=_search, searchable=lambda site: len(site.content.documents),
    starts_with=lambda start: {"issuer": start.agency, "issue_date": start.today, "published": start.today})
