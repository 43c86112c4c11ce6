"""Pure functions from the site tree to the pages of one unit's site.

Each page is a :class:`PageSpec`: its site path, the template that renders it and a plain
context with everything the template shows already computed (texts, formatted dates, relative
links).  No I/O here except reading image sizes and attachment metadata through the callables
:func:`plan_part` is given, which are functions of file bytes.

The package: :mod:`.plan` (the plan's data, its parts, :class:`PlanMemo`), :mod:`.builder` (the
page builder, with :mod:`.layout`, :mod:`.media` and :mod:`.keys`), :mod:`.site_pages` (home,
sitemap, search…); each content type plans its own section's pages
(:mod:`portalgen.content_types`).
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from ..content_types import REGISTRY, Step
from ..resolve import Site, SiteTree
from . import site_pages
from .builder import Builder
from .plan import FileCopy, PageKeys, PageSpec, PlanMemo, PlanPart, SitePlan

__all__ = ["FileCopy", "PageKeys", "PageSpec", "PlanMemo", "PlanPart", "SitePlan", "plan_part", "plan_parts",
           "steps"]


def steps() -> dict[str, Step]:
    """The steps that plan a site, in the order of its pages: the home page, each content type's
    sections, then the site's other pages."""
    found = [Step("home", site_pages.home), *(step for section in REGISTRY for step in section.steps),
             Step("english-home", site_pages.english_home), Step("children", site_pages.children_page),
             Step("sitemap", site_pages.sitemap), Step("search", site_pages.search),
             Step("not-found", site_pages.not_found)]
    return {step.name: step for step in found}


def plan_parts(site: Site) -> list[PlanPart]:
    """A site's plan cut into parts that can run in any process, in the order of its pages."""
    parts = []
    for step in steps().values():
        if step.count is not None and step.per_part:
            parts += [PlanPart(step.name, start, start + step.per_part)
                      for start in range(0, step.count(site), step.per_part)]
        else:
            parts.append(PlanPart(step.name))
    return parts


def plan_part(tree: SiteTree, site: Site, part: PlanPart, texts: Mapping[str, Mapping[str, str]],
              assets: Mapping[str, str], image_size: Callable[[str], tuple[int, int] | None],
              file_info: Callable[[str, str | None], Any], keys: PageKeys | None = None,
              memo: PlanMemo | None = None) -> SitePlan:
    """The pages and files of one part of a unit's site.

    ``image_size`` and ``file_info`` read a portal file's dimensions and download metadata; with
    ``keys``, news articles and news lists made from the same as in the previous build are not
    planned again but listed in ``SitePlan.reused``; ``memo`` keeps what parts share (one per
    job, or per session).
    """
    builder = Builder(tree, site, texts, assets, image_size, file_info, keys, memo or PlanMemo())
    steps()[part.step].plan(builder, part.start, part.stop)
    return builder.plan
