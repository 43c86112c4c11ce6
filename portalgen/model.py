"""The content model: one frozen dataclass per content type.

Field names follow the JSON Schemas in ``content-schema/`` exactly (a test holds the two
together); the few fields that do not come from the file (where it was read from, its slug, its
Markdown body) are listed in ``PROVENANCE``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Mapping

PROVENANCE = frozenset({"path", "slug", "body", "lang", "parent"})


@dataclass(frozen=True)
class FileRef:
    file: str
    title: str | None = None


@dataclass(frozen=True)
class Image:
    src: str
    alt: str
    caption: str | None = None


@dataclass(frozen=True)
class Link:
    """A link every page of a site shows (national and provincial public-service portals, the
    feedback system, campaigns): ``portal.yaml`` for every unit, ``unit.yaml`` for one; with an
    image, the home page shows it as a banner."""

    title: str
    url: str
    image: Image | None = None


@dataclass(frozen=True)
class QuickLink:
    """A link of the home page's quick links (``quick_links`` in ``portal.yaml`` and ``unit.yaml``)."""

    title: str
    url: str


@dataclass(frozen=True)
class Person:
    name: str
    position: str
    unit: str | None = None
    responsibilities: str | None = None
    phone: str | None = None
    email: str | None = None
    position_en: str | None = None


@dataclass(frozen=True)
class Editor:
    name: str
    role: str | None = None
    email: str | None = None
    git: str | None = None


@dataclass(frozen=True)
class Responsible:
    name: str
    position: str
    position_en: str | None = None


@dataclass(frozen=True)
class Contacts:
    """A unit's contacts; the address, phone and e-mail the law requires are obligations (a new
    unit has none yet), so any of them may be missing."""

    address: str | None = None
    phone: str | None = None
    email: str | None = None
    address_en: str | None = None
    fax: str | None = None
    working_hours: str | None = None


@dataclass(frozen=True)
class DeployTarget:
    """Where ``portalgen deploy`` publishes a site; secrets only by environment-variable name."""

    name: str
    protocol: str
    folder: str
    host: str | None = None
    port: int | None = None
    user: str | None = None
    password_env: str | None = None
    key_env: str | None = None
    host_key: str | None = None
    ca_file: str | None = None


@dataclass(frozen=True)
class Unit:
    path: str
    parent: str | None
    code: str
    name: str
    type: str
    level: str
    agency: str
    contacts: Contacts = Contacts()
    name_en: str | None = None
    agency_en: str | None = None
    description: str | None = None
    base_url: str | None = None
    leaders: tuple[Person, ...] = ()
    focal_officials: tuple[Person, ...] = ()
    spokesperson: Person | None = None
    responsible: Responsible | None = None
    editors: tuple[Editor, ...] = ()
    deploy: tuple[DeployTarget, ...] = ()
    logo: Image | None = None
    links: tuple[Link, ...] = ()
    quick_links: tuple[QuickLink, ...] = ()


@dataclass(frozen=True)
class NewsItem:
    path: str
    slug: str
    body: str
    title: str
    date: dt.datetime
    summary: str
    category: str
    author: str
    status: str
    tags: tuple[str, ...] = ()
    source: str | None = None
    approved_by: str | None = None
    publish_at: dt.datetime | None = None
    expire_at: dt.datetime | None = None
    featured: bool = False
    image: Image | None = None
    attachments: tuple[FileRef, ...] = ()


@dataclass(frozen=True)
class Page:
    path: str
    slug: str
    body: str
    lang: str
    title: str
    kind: str
    summary: str | None = None
    order: int = 0
    updated: dt.date | None = None


@dataclass(frozen=True)
class Document:
    path: str
    slug: str
    number: str
    type: str
    issuer: str
    issue_date: dt.date
    summary: str
    files: tuple[FileRef, ...]
    effective_date: dt.date | None = None
    expiry_date: dt.date | None = None
    signer: str | None = None
    signer_position: str | None = None
    field: str | None = None
    status: str | None = None
    normative: bool = False
    replaces: tuple[str, ...] = ()
    replaced_by: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True)
class ProcedureMethod:
    method: str
    processing_time: str | None = None
    fee: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class DossierItem:
    name: str
    copies: int | None = None
    original: bool = False
    form: str | None = None


@dataclass(frozen=True)
class Procedure:
    path: str
    slug: str
    code: str
    name: str
    field: str
    steps: tuple[str, ...]
    processing_time: str
    agency: str
    implementing_level: str | None = None
    methods: tuple[ProcedureMethod, ...] = ()
    dossier: tuple[DossierItem, ...] = ()
    applicants: str | None = None
    agency_address: str | None = None
    result: str | None = None
    requirements: str | None = None
    fees: str | None = None
    legal_basis: tuple[str, ...] = ()
    decision: str | None = None
    online_level: str | None = None
    online_url: str | None = None


@dataclass(frozen=True)
class ScheduleEntry:
    date: dt.date
    session: str
    leader: str
    content: str
    time: str | None = None
    place: str | None = None
    participants: str | None = None
    prepared_by: str | None = None


@dataclass(frozen=True)
class Schedule:
    path: str
    slug: str
    week: str
    entries: tuple[ScheduleEntry, ...]
    note: str | None = None


@dataclass(frozen=True)
class Consultation:
    path: str
    slug: str
    body: str
    title: str
    summary: str
    lead_agency: str
    opens: dt.date
    closes: dt.date
    files: tuple[FileRef, ...]
    document_type: str | None = None
    comment_email: str | None = None
    comment_address: str | None = None


@dataclass(frozen=True)
class Procurement:
    path: str
    slug: str
    body: str
    title: str
    date: dt.date
    kind: str
    investor: str
    package: str | None = None
    budget: str | None = None
    deadline: dt.datetime | None = None
    summary: str | None = None
    files: tuple[FileRef, ...] = ()


@dataclass(frozen=True)
class Question:
    path: str
    slug: str
    asked: dt.date
    question: str
    field: str | None = None
    answer: str | None = None
    answered: dt.date | None = None
    answered_by: str | None = None


@dataclass(frozen=True)
class Plan:
    """A strategy, programme, plan, master plan, annual work plan or results report."""

    path: str
    slug: str
    body: str
    title: str
    kind: str
    issue_date: dt.date
    published: dt.date
    summary: str
    year: int | None = None
    number: str | None = None
    issuer: str | None = None
    files: tuple[FileRef, ...] = ()


@dataclass(frozen=True)
class Budget:
    """A budget disclosure: an estimate, the execution of a period, or the final accounts, with its forms."""

    path: str
    slug: str
    body: str
    title: str
    kind: str
    year: int
    published: dt.date
    files: tuple[FileRef, ...]
    quarter: int | None = None
    number: str | None = None
    issue_date: dt.date | None = None
    summary: str | None = None


@dataclass(frozen=True)
class Disclosure:
    """Information made public: law dissemination, answers to petitions, commendations, sanctions,
    statistics, the list of public information, what a commune must disclose…"""

    path: str
    slug: str
    body: str
    title: str
    kind: str
    published: dt.date
    summary: str
    number: str | None = None
    issuer: str | None = None
    issue_date: dt.date | None = None
    files: tuple[FileRef, ...] = ()


@dataclass(frozen=True)
class MediaItem:
    """A photo album, or a video: a file on the site with its poster and captions, or a link."""

    path: str
    slug: str
    body: str
    title: str
    kind: str
    date: dt.date
    summary: str | None = None
    images: tuple[Image, ...] = ()
    video: str | None = None
    captions: str | None = None
    poster: Image | None = None
    link: str | None = None
    transcript: str | None = None


@dataclass(frozen=True)
class UnitContent:
    """A unit with all its own content: each section's items (by folder, see
    :mod:`portalgen.content_types`) sorted by path, readable as attributes (``content.news``)."""

    unit: Unit
    sections: Mapping[str, tuple] = dataclasses.field(default_factory=dict)

    def __getattr__(self, name: str) -> tuple:
        try:
            return self.__dict__["sections"][name]
        except KeyError:
            raise AttributeError(name) from None
