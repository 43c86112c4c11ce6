"""The content-type registry: every type a unit's folder may hold, each declared in one module
(see :class:`ContentType`).  Every stage that needs to know the sections reads it: the walk of
the portal, the schemas and the model, the rules, the page planners, the search index, the
dashboard, the web editor, ``portalgen new``.

Adding a content type is one module here (a ``TYPE`` and the functions it names), its schema in
``content-schema/``, its templates and its theme messages; ``docs/architecture.md`` has the recipe.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from .. import urls
from . import (
    budget,
    consultation,
    disclosure,
    document,
    media,
    news,
    page,
    plan,
    procedure,
    procurement,
    question,
    schedule,
)
from .base import ContentType, FileField, SearchRecord, Step

__all__ = ["REGISTRY", "WEB_EDITOR", "ContentType", "FileField", "Registry", "SearchRecord", "Step"]

#: Site paths of the pages every site has besides its sections' (children, sitemap, English home…).
GENERATED = (urls.CHILDREN, urls.SITEMAP, urls.ENGLISH, urls.DATA, urls.ASSETS, urls.SEARCH, urls.DASHBOARD)
#: The web editor's folder in the site of each top unit, when ``portal.yaml`` has ``cms``.
WEB_EDITOR = "admin/"


class Registry:
    """The content types in the order of a unit's sections (folders, web editor, dashboard)."""

    def __init__(self, types: Iterable[ContentType]) -> None:
        self._types: list[ContentType] = []
        self._by_folder: dict[str, ContentType] = {}
        self._by_kind: dict[str, ContentType] = {}
        for content_type in types:
            self.add(content_type)

    def add(self, content_type: ContentType) -> None:
        """Register a content type after the others; its folder and kind must be new."""
        if content_type.folder in self._by_folder or content_type.kind in self._by_kind:
            raise ValueError(f"content type {content_type.kind!r} ({content_type.folder}/) is already registered")
        self._types.append(content_type)
        self._by_folder[content_type.folder] = content_type
        self._by_kind[content_type.kind] = content_type

    def __iter__(self) -> Iterator[ContentType]:
        return iter(tuple(self._types))

    def folders(self) -> dict[str, ContentType]:
        """Section folder → its content type, in section order."""
        return self._by_folder

    def folder(self, name: str) -> ContentType | None:
        return self._by_folder.get(name)

    def kind(self, name: str) -> ContentType:
        return self._by_kind[name]

    def kinds(self) -> tuple[str, ...]:
        return tuple(self._by_kind)

    def reserved_address(self, content_type: ContentType | None, slug: str, *, editor: bool = False) -> str | None:
        """The generated address a slug would clash with, or None.  ``content_type`` None: a
        child unit's folder name (it too lives at the site's root); ``editor``: the site has the
        web editor (:data:`WEB_EDITOR`)."""
        if content_type is None or content_type.address is None:
            generated = (*GENERATED, *(t.address for t in self._types if t.address), *((WEB_EDITOR,) if editor else ()))
            taken = {address.strip("/") for address in generated}
            return slug + "/" if slug in taken else None
        return content_type.reserved(slug)


REGISTRY = Registry([news.TYPE, page.TYPE, document.TYPE, procedure.TYPE, schedule.TYPE, consultation.TYPE,
                     procurement.TYPE, question.TYPE, plan.TYPE, budget.TYPE, disclosure.TYPE, media.TYPE])
