"""What a content type declares, in one place: where its files live and in which form, its model,
how it is checked beyond its schema, which pages it has and how they are planned, what it gives
the search index and the dashboard, and how a new file starts.

A content type module (``news.py``, ``document.py``…) holds one :class:`ContentType` and the
functions it names.  Those functions take what the caller hands them (a site, a page builder, a
problem locator) and import nothing above the model, so every stage can read the registry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping


@dataclass(frozen=True)
class FileField:
    """A file an item's fields point to: the reference, whether it must be an image, the JSON
    pointer of the field (for the problem's line), and whether it is a video or its captions
    (``media``: ``.mp4``, ``.webm``, ``.vtt`` only, with the video size limit)."""

    ref: str
    image: bool
    pointer: str
    media: bool = False


@dataclass(frozen=True)
class Step:
    """A step of a site's plan: ``plan(builder, start, stop)`` adds some of the site's pages.

    With ``per_part``, the step is cut into parts of that many of ``count(site)`` items, which
    can be planned in any process; else it is one part (``start=0, stop=None``)."""

    name: str
    plan: Callable[[Any, int, int | None], None]
    count: Callable[[Any], int] | None = None
    per_part: int = 0


@dataclass(frozen=True)
class SearchRecord:
    """One searchable item: where it lives (unit, portal-relative page path) and what it says.

    ``files``: the text of its attachments (weighed least); ``shared``: the catalog item it shows,
    which every unit of a level has (an index holds it once); ``also``: the other units a shared
    item applies to (set by the index)."""

    unit: str
    path: str
    kind: str
    title: str
    date: str
    excerpt: str
    text: str
    number: str = ""  # a document number or procedure code, matched whole
    facets: Mapping[str, str] = field(default_factory=dict)
    files: str = ""
    shared: str = ""
    also: tuple[str, ...] = ()


def _nothing(*_args: Any) -> tuple:
    return ()


def _always(_site: Any) -> bool:
    return True


def _no_date(_item: Any, _now: dt.datetime) -> dt.date | None:
    return None


@dataclass(frozen=True)
class ContentType:
    """A content type: everything the stages need to know of it.

    ``kind`` is its schema's name in ``content-schema/`` (and ``Record.kind``); ``folder`` the
    section folder in a unit; ``fmt`` ``"md"`` (front matter and body) or ``"yaml"``;
    ``title_field`` the field that names an item (the web editor's identifier, the name of a new
    file); ``label`` the theme message naming its section; ``address`` where its pages live in a
    site (``None``: it has no section of its own).
    """

    kind: str
    folder: str
    fmt: str
    model: type
    title_field: str
    label: str
    address: str | None = None
    #: the theme message naming the menu group its section is listed in (``None``: its own entry)
    menu_group: str | None = None
    #: its JSON Schema, when it is not ``content-schema/<kind>.json`` (a type added by a portal's tooling)
    schema: Mapping[str, Any] | None = None
    #: whether the section appears in a site's menu and sitemap page (it has something to show)
    listed: Callable[[Any], bool] = _always
    #: the steps that plan its pages, in order
    steps: tuple[Step, ...] = ()
    #: the files an item's fields point to (checked, then published beside the item)
    files: Callable[[Any], Iterable[FileField]] = _nothing
    #: pairs of date fields that must be in order: (earlier, later, strictly)
    date_order: tuple[tuple[str, str, bool], ...] = ()
    #: date fields that record what already happened (never after the build date)
    past_dates: tuple[str, ...] = ()
    #: whether a file is named after its ISO week (``2026-W48.yaml``) rather than a slug
    named_by_week: bool = False
    #: whether each item's slug (its page's address) must be unique in the unit, per language
    unique_slugs: bool = True
    #: the addresses an item's slug may not take: slug → the clashing address, or None
    reserved: Callable[[str], str | None] = lambda _slug: None
    #: the checks its items need beyond their schema: ``rules(items, at, config)`` → problems
    rules: Callable[[tuple, Any, Any], list] = lambda _items, _at, _config: []
    #: the day an item went up or last changed, as the dashboard counts it (None: not dated)
    updated: Callable[[Any, dt.datetime], dt.date | None] = _no_date
    #: the items of a site the search index holds, and how many they are
    search: Callable[..., list[SearchRecord]] | None = None
    searchable: Callable[[Any], int] = lambda _site: 0
    #: field values a new file starts with (``portalgen new``), from what the new file knows
    #: (``scaffold.Start``: now, today, title, agency, news categories, leaders, level title)
    starts_with: Callable[[Any], Mapping[str, Any]] = lambda _start: {}
    #: the field that names an item in the web editor's lists
    identifier: str = "title"
    #: whether items sit in sub-folders of the section (``news/2026/…``) in the web editor
    nested: bool = False
    #: whether the section has an English sub-folder (``pages/en/``)
    translated: bool = False
    #: the moment an item enters its section's RSS feed (``<address>rss.xml``); None: no feed of its own
    feed: Callable[[Any], dt.datetime] | None = None
    #: the templates its pages are made from, when they are not the default theme's (a type added
    #: by a portal brings its own in the portal's theme)
    templates: tuple[str, ...] = ()

    def item_address(self, slug: str) -> str:
        """The site path of an item's page."""
        return f"{self.address}{slug}/"
