"""The parts every page of a site shares: links within and between sites, the menu, the
breadcrumbs, the head and footer (:class:`Layout`, a part of the page builder)."""

from __future__ import annotations

from typing import Any, Iterable, Mapping
from urllib.parse import quote

from .. import urls
from ..content_types import REGISTRY
from ..model import Link, Page, Responsible
from ..resolve import Site, SiteTree
from . import identity

#: The longest title a page's ``<title>`` and a breadcrumb show, in characters (longer ones end in "…").
TITLE_CHARS = 70
CRUMB_CHARS = 60


def shorten(text: str, limit: int) -> str:
    """``text`` cut at the last space before ``limit`` characters, with "…"; as it is when short enough."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:–-") + "…"


class Layout:
    """Links and the shared parts of a site's pages; the builder (:class:`~.builder.Builder`) sets
    the attributes below."""

    tree: SiteTree
    site: Site
    assets: Mapping[str, str]
    pages_by_kind: dict[tuple[str, str], Page]
    #: The Content-Security-Policy of the site's pages, as their ``<meta>`` carries it.
    page_policy: str
    #: An image view with its variants scheduled for publication (:meth:`~.media.Media.image`).
    image: identity.ImageView

    def t(self, lang: str) -> Mapping[str, str]:
        """The theme's strings in a language."""
        raise NotImplementedError

    def link(self, here: str, to: str) -> str:
        """A link to a page of this site: relative, or absolute on pages served at any address;
        file names are percent-encoded (``ảnh đẹp.jpg`` → ``%E1%BA%A3nh%20%C4%91%E1%BA%B9p.jpg``)."""
        link = self.absolute(to) if here == urls.NOT_FOUND else urls.relative(here, to)
        return link if link.isascii() and " " not in link else quote(link, safe="/:#?&=+~.,;@!$'()*")

    def link_to(self, here: str, unit_path: str, to: str = "") -> str:
        """A link to a page of another unit's site (or of this one)."""
        if here == urls.NOT_FOUND:
            return self.tree.sites[unit_path].url + to
        return self.tree.link(self.site.path, here, unit_path, to)

    def absolute(self, site_path: str) -> str:
        return self.site.url + site_path

    def nav(self, here: str, lang: str) -> list[dict[str, Any]]:
        """The menu: home, the introduction, each section with something to show (sections of one
        menu group, when more than one has something to show, under one entry that opens a list),
        contact, dashboard. An entry is ``{label, href, current}`` or ``{label, current, links}``."""
        t = self.t(lang)
        entries: list[tuple[str, str] | tuple[str, list[tuple[str, str]]]]
        if lang == "en":
            entries = [(t["home"], urls.ENGLISH)]
            entries += [(page.title, urls.page(page.slug, "en")) for page in self.pages_in("en")]
            entries.append((t["english"], ""))
        else:
            entries = [(t["home"], "")]
            intro = self.pages_by_kind.get(("introduction", "vi")) or self.pages_by_kind.get(("organisation", "vi"))
            if intro:
                entries.append((t["introduction"], urls.page(intro.slug, "vi")))
            entries += self.section_groups()
            contact = self.pages_by_kind.get(("contact", "vi"))
            if contact:
                entries.append((t["contact"], urls.page(contact.slug, "vi")))
            if self.site.parent is None and self.tree.config.dashboard.enabled and self.tree.config.dashboard.linked:
                entries.append((t["dashboard"], urls.DASHBOARD))
        result: list[dict[str, Any]] = []
        for label, target in entries:
            if isinstance(target, list):
                links = [self._nav_link(here, link_label, link_target) for link_label, link_target in target]
                result.append({"label": label, "links": links, "current": any(link["current"] for link in links)})
            else:
                result.append(self._nav_link(here, label, target))
        return result

    def _nav_link(self, here: str, label: str, target: str) -> dict[str, Any]:
        current = here == target or (target not in ("", urls.ENGLISH) and here.startswith(target))
        return {"label": label, "href": self.link(here, target), "current": current}

    def sections(self) -> list[tuple[str, str]]:
        """(label, address) of each section of the site with something to show, in registry order."""
        t = self.t("vi")
        return [(t[section.label], section.address) for section in REGISTRY
                if section.address is not None and section.listed(self.site)]

    def section_groups(self) -> list[tuple[str, str] | tuple[str, list[tuple[str, str]]]]:
        """The menu's sections: (label, address), or (group label, [(label, address), …]) for a
        menu group with more than one section to show, placed where its first section is."""
        t = self.t("vi")
        listed = [section for section in REGISTRY if section.address is not None and section.listed(self.site)]
        members: dict[str, list[tuple[str, str]]] = {}
        for section in listed:
            if section.menu_group:
                members.setdefault(section.menu_group, []).append((t[section.label], str(section.address)))
        result: list[tuple[str, str] | tuple[str, list[tuple[str, str]]]] = []
        for section in listed:
            group = section.menu_group
            if group is None or len(members[group]) == 1:
                result.append((t[section.label], str(section.address)))
            elif members[group][0][1] == section.address:
                result.append((t[group], members[group]))
        return result

    def other_pages(self, here: str, lang: str) -> list[dict[str, str]]:
        """The footer's links to the Vietnamese pages of kind ``other`` (the English menu already
        lists every English page)."""
        if lang != "vi":
            return []
        return [{"label": page.title, "href": self.link(here, urls.page(page.slug, "vi"))}
                for page in self.pages_in("vi") if page.kind == "other"]

    def pages_in(self, lang: str) -> list[Page]:
        """The site's pages in one language, in menu order."""
        return sorted((p for p in self.site.content.pages if p.lang == lang), key=lambda p: (p.order, p.slug))

    def crumbs(self, here: str, trail: Iterable[tuple[str, str]], lang: str = "vi") -> list[dict[str, Any]]:
        """Breadcrumbs across sites: every ancestor's home, this site's home, then ``trail``."""
        items = []
        if lang == "vi":
            for ancestor in self.site.ancestors:
                unit = self.tree.sites[ancestor].unit
                items.append({"label": unit.name, "name": unit.name, "href": self.link_to(here, ancestor),
                              "url": self.tree.sites[ancestor].url})
        home = urls.ENGLISH if lang == "en" else ""
        items.append({"label": self._name(lang), "name": self._name(lang), "href": self.link(here, home),
                      "url": self.absolute(home)})
        for label, target in trail:
            items.append({"label": shorten(label, CRUMB_CHARS), "name": label, "href": self.link(here, target),
                          "url": self.absolute(target)})
        if items:
            items[-1]["href"] = None if not trail or list(trail)[-1][1] == here else items[-1]["href"]
        return items

    def _name(self, lang: str) -> str:
        unit = self.site.unit
        return (unit.name_en or unit.name) if lang == "en" else unit.name

    def layout(self, here: str, title: str, lang: str = "vi", trail: Iterable[tuple[str, str]] = (),
               description: str = "", json_ld: Iterable[Mapping[str, Any]] = ()) -> dict[str, Any]:
        """What every page shows around its own content: head, menu, breadcrumbs, footer."""
        unit = self.site.unit
        t = self.t(lang)
        trail = list(trail)
        crumbs = self.crumbs(here, trail, lang)
        parent = None
        if self.site.parent:
            parent_site = self.tree.sites[self.site.parent]
            parent = {"name": parent_site.unit.name, "href": self.link_to(here, self.site.parent)}
        responsible = unit.responsible
        breadcrumb_ld = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": i + 1, "name": c["name"],
             **({"item": c["url"]} if c["href"] else {})}
            for i, c in enumerate(crumbs)]}
        return {
            "lang": lang, "t": t, "title": shorten(title, TITLE_CHARS), "here": here,
            "description": description or (unit.description or unit.name),
            "canonical": self.absolute(here if here != urls.NOT_FOUND else ""),
            "site": {"name": self._name(lang),
                     "agency": (unit.agency_en or unit.agency) if lang == "en" else unit.agency,
                     "home": self.link(here, urls.ENGLISH if lang == "en" else ""),
                     "portal": self.tree.config.name, "logo": identity.logo(self.image, here, unit, self.tree.config)},
            "csp": self.page_policy,
            "css": self.link(here, self.assets["css"]), "js": self.link(here, self.assets["js"]),
            "icon": self.link(here, self.assets["icon"]),
            "nav": self.nav(here, lang), "crumbs": crumbs if here not in ("", urls.ENGLISH) else [],
            "parent": parent,
            "national": {"label": t["national_portal"], "href": self.tree.config.national_portal_url},
            "switch": {"label": t["english"], "title": t["english_label"],
                       "href": self.link(here, "" if lang == "en" else urls.ENGLISH),
                       "lang": "vi" if lang == "en" else "en"},
            "footer": {
                "address": (unit.contacts.address_en or unit.contacts.address) if lang == "en"
                else unit.contacts.address,
                "phone": unit.contacts.phone, "fax": unit.contacts.fax, "email": unit.contacts.email,
                "responsible": _responsible(responsible, lang) if responsible else None,
                "sitemap": self.link(here, urls.SITEMAP), "rss": self.link(here, urls.RSS),
                "data": self.link(here, urls.DATA + "tin-tuc.json"),
                "pages": self.other_pages(here, lang),
            },
            "links": identity.links(self.image, here, unit, self.tree.config,
                                    Link(t["national_portal"], self.tree.config.national_portal_url)),
            "feeds": {"rss": self.link(here, urls.RSS), "atom": self.link(here, urls.ATOM)},
            "search_href": self.link(here, urls.SEARCH) if lang == "vi" and here != urls.SEARCH else "",
            "json_ld": [breadcrumb_ld, *json_ld] if len(crumbs) > 1 else list(json_ld),
        }


def _responsible(person: Responsible, lang: str) -> dict[str, Any]:
    """The footer's person responsible: on an English page the English position, or the
    Vietnamese one marked as Vietnamese."""
    english = lang == "en"
    return {"name": person.name, "position": person.position_en if english and person.position_en else person.position,
            "position_lang": "vi" if english and not person.position_en else None}
