"""Administrative procedures (``procedures/``, and ``catalog/procedures/<level>/`` for those every
unit of a level shares): one YAML file each; listed by field, each with its own page."""

from __future__ import annotations

from typing import Any, Callable

from .. import urls, vn
from ..model import Procedure
from ..rich_fields import render_field
from .base import ContentType, SearchRecord, Step


def _plan(b: Any, _start: int = 0, _stop: int | None = None) -> None:
    t = b.t("vi")
    here = urls.PROCEDURES
    groups: dict[str, list[Procedure]] = {}
    for procedure in b.site.procedures:
        groups.setdefault(procedure.field, []).append(procedure)
    context = b.layout(here, t["procedures"], trail=[(t["procedures"], here)])
    context.update({"groups": [{"field": name, "id": vn.slugify(name) or "khac", "items": [
        {"name": p.name, "code": p.code, "href": b.link(here, urls.item(urls.PROCEDURES, p.slug)),
         "online": t.get(f"online_{p.online_level}") if p.online_level else None} for p in items]}
        for name, items in groups.items()],
        "national": {"label": t["national_portal"], "href": b.tree.config.national_portal_url}})
    b.add(here, "procedures_list.html", context)
    for p in b.site.procedures:
        _item(b, t, here, p)


def _item(b: Any, t: Any, here: str, p: Procedure) -> None:
    page = urls.item(urls.PROCEDURES, p.slug)
    context = b.layout(page, p.name, trail=[(t["procedures"], here), (p.name, page)], json_ld=[{
        "@context": "https://schema.org", "@type": "GovernmentService", "name": p.name, "identifier": p.code,
        "serviceType": p.field, "provider": {"@type": "GovernmentOrganization", "name": p.agency},
        **({"availableChannel": {"@type": "ServiceChannel", "serviceUrl": p.online_url}} if p.online_url else {})}])
    context.update({"p": {
        "name": p.name, "code": p.code, "field": p.field, "implementing_level": p.implementing_level,
        "steps": list(p.steps), "processing_time": p.processing_time, "applicants": p.applicants,
        "agency": p.agency, "agency_address": p.agency_address, "result": p.result,
        "requirements": render_field(p.requirements, "yeu-cau") if p.requirements else None,
        "fees": p.fees, "legal_basis": list(p.legal_basis),
        "decision": p.decision, "online_url": p.online_url,
        "online_level": t.get(f"online_{p.online_level}") if p.online_level else None,
        "methods": [{"method": t[f"method_{m.method}"], "processing_time": m.processing_time, "fee": m.fee,
                     "note": m.note} for m in p.methods],
        "dossier": [{"name": d.name, "copies": d.copies, "original": d.original, "form": d.form}
                    for d in p.dossier]}})
    b.add(page, "procedure_item.html", context)


def duplicate_codes(procedures: tuple[Procedure, ...], at: Any, _config: Any = None) -> list:
    """Procedure codes are unique in a unit, and in each level of the catalog."""
    problems = []
    seen: dict[str, str] = {}
    for procedure in procedures:
        if procedure.code in seen:
            problems.append(at("PROCEDURE_CODE_DUPLICATE", procedure.path, "/code", code=procedure.code,
                               other=seen[procedure.code]))
        else:
            seen[procedure.code] = procedure.path
    return problems


def _search(site: Any, _text_of: Callable[[str], str], _files_text: Callable, wanted: Callable[[str], bool],
            _memo: Any = None) -> list[SearchRecord]:
    records = []
    for procedure in site.procedures:
        path = urls.item(urls.PROCEDURES, procedure.slug)
        records.append(SearchRecord(
            site.path, path, "procedure", procedure.name, "", procedure.field,
            " ".join(["thủ tục hành chính", procedure.code, procedure.field, procedure.agency, *procedure.steps,
                      procedure.applicants or "", procedure.result or ""]) if wanted(path) else "",
            number=procedure.code, shared=procedure.path if procedure.path.startswith("catalog/") else ""))
    return records


TYPE = ContentType(
    kind="procedure", folder="procedures", fmt="yaml", model=Procedure, title_field="name", identifier="name",
    label="procedures", address=urls.PROCEDURES, steps=(Step("procedures", _plan),), rules=duplicate_codes,
    search=_search, searchable=lambda site: len(site.procedures),
    starts_with=lambda start: {"agency": start.agency, "implementing_level": start.level_title})
