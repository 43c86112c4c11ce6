"""News articles (``news/``): Markdown with front matter, one file or a bundle folder per article,
published at their date or ``publish_at`` until ``expire_at``; listed newest first by category,
tag and year, each article with its related news."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from .. import urls, vn
from ..model import NewsItem
from .base import ContentType, FileField, SearchRecord, Step

NEWS_PER_PAGE = 20
RELATED = 4
#: News articles planned together: the parts of a large site can be planned in parallel.
NEWS_ITEMS_PER_PART = 500


def is_published(item: NewsItem, now: dt.datetime) -> bool:
    """Whether a news item is on the site at ``now``: published, due and not expired."""
    if item.status != "published":
        return False
    if item.publish_at is not None and item.publish_at > now:
        return False
    return item.expire_at is None or item.expire_at > now


def news_date(item: NewsItem) -> dt.datetime:
    """The date a news item shows: when it went up (publish_at) or its own date, whichever is later."""
    return max(item.date, item.publish_at) if item.publish_at else item.date


def news_card(b: Any, here: str, item: NewsItem, thumbnail: bool = False) -> dict[str, Any]:
    """What a list shows of an article: title, date, summary, category and image (a thumbnail
    beside the text in lists, else as wide as the card)."""
    when = news_date(item)
    card = {"title": item.title, "href": b.link(here, urls.item(urls.NEWS, item.slug)),
            "date": vn.format_date(when.date()), "datetime": when.date().isoformat(), "summary": item.summary,
            "category": b.tree.config.news_categories.get(item.category, item.category),
            "category_href": b.link(here, urls.news_category(item.category)), "image": None}
    if item.image:
        card["image"] = b.image(here, item.path, item.image.src, urls.item(urls.NEWS, item.slug), item.image.alt,
                                sizes=b.THUMB_SIZES if thumbnail else b.CARD_SIZES)
    return card


def card_content(item: NewsItem) -> tuple:
    """What :func:`news_card` shows of an item, besides its image file."""
    return (item.path, item.title, item.slug, news_date(item), item.summary, item.category, item.image)


# --- lists --------------------------------------------------------------------------------------

def _plan_lists(b: Any, _start: int = 0, _stop: int | None = None) -> None:
    """The news index, category and year archives, paginated."""
    t = b.t("vi")
    news = list(b.site.news)
    categories = b.tree.config.news_categories
    by_category: dict[str, list[NewsItem]] = {}
    by_year: dict[int, list[NewsItem]] = {}
    for item in news:  # one pass, each list newest first as the site's news
        by_category.setdefault(item.category, []).append(item)
        by_year.setdefault(news_date(item).year, []).append(item)

    years = sorted(by_year, reverse=True)
    used = [k for k in categories if k in by_category]

    def facets(here: str) -> dict:
        return {"categories": [{"label": categories[k], "href": b.link(here, urls.news_category(k))} for k in used],
                "years": [{"label": str(y), "href": b.link(here, urls.news_year(y))} for y in years],
                "rss": b.link(here, urls.RSS)}

    def row(here: str, item: NewsItem) -> dict[str, Any]:
        return news_card(b, here, item, thumbnail=True)

    shown = (tuple(used), tuple(years))
    b.paginated(urls.NEWS, news, NEWS_PER_PAGE, t["news"], [(t["news"], urls.NEWS)], "news_list.html", row, facets,
                b.card_key, shown)
    for key in used:
        base, label = urls.news_category(key), categories[key]
        b.paginated(base, by_category[key], NEWS_PER_PAGE, label, [(t["news"], urls.NEWS), (label, base)],
                    "news_list.html", row, facets, b.card_key, shown)
    for year, items in sorted(by_year.items()):
        base = urls.news_year(year)
        label = t["archive_year"].format(year=year)
        b.paginated(base, items, NEWS_PER_PAGE, f"{t['news']} – {label}",
                    [(t["news"], urls.NEWS), (label, base)], "news_list.html", row, facets, b.card_key, shown)


# --- articles and their related news -------------------------------------------------------------

Numbers = tuple[list[int], Mapping[int, int]]  # the numbers of a list's items, and number → place in it


@dataclass(frozen=True)
class Groups:
    """A site's news lists by category and by tag, as item numbers (places in the site's news,
    newest first), and the related items' numbers found so far.  All of it depends only on the
    news's *shape* — each item's category and tags, in order — so a rebuild after an edit that
    keeps the shape (a body, a title) reuses it."""

    by_category: Mapping[str, Numbers]
    by_tag: Mapping[str, Numbers]
    related: dict[int, tuple[int, ...]]  # item number → its related items' numbers, as found


def groups_of(news: tuple[NewsItem, ...]) -> tuple[tuple, Callable[[], Groups]]:
    """The shape of a site's news, and how to group it (see :class:`Groups`)."""
    shape = tuple((item.category, item.tags) for item in news)

    def group() -> Groups:
        by_category: dict[str, list[int]] = {}
        by_tag: dict[str, list[int]] = {}
        for number, (category, tags) in enumerate(shape):
            by_category.setdefault(category, []).append(number)
            for tag in tags:
                by_tag.setdefault(tag, []).append(number)
        return Groups({name: _numbered(numbers) for name, numbers in by_category.items()},
                      {name: _numbered(numbers) for name, numbers in by_tag.items()}, {})

    return shape, group


def _numbered(numbers: list[int]) -> Numbers:
    return numbers, {number: place for place, number in enumerate(numbers)}


def _plan_items(b: Any, start: int = 0, stop: int | None = None) -> None:
    """The pages of the news articles ``start:stop`` (newest first), with their related news."""
    news = b.site.news
    grouped = b.memo.groups(news)
    known = grouped.related
    for number in range(start, len(news) if stop is None else min(stop, len(news))):
        item = news[number]
        found = known.get(number)
        if found is None:
            lists = [grouped.by_category[item.category]] + [grouped.by_tag[tag] for tag in dict.fromkeys(item.tags)]
            found = known[number] = _related(number, lists)
        related = tuple(map(news.__getitem__, found))
        key = b.kept_article(urls.item(urls.NEWS, item.slug), item, related) if b.keys is not None else None
        if b.keys is None or key is not None:
            _article(b, item, related, key)


def _related(mine: int, lists: list[Numbers]) -> tuple[int, ...]:
    """The numbers of the items sharing item ``mine``'s category or a tag, nearest in time: in
    each of its lists (newest first) the few just before and after it.  A new item so changes the
    related news of only the items next to it, not of its whole category."""
    # nearest first, the newer (earlier in the list) of two as near: rank 2 × distance, less 1 when newer
    nearest: dict[int, int] = {}
    for numbers, places in lists:
        place = places[mine]
        for at in numbers[max(0, place - RELATED):place + RELATED + 1]:
            if at != mine:
                nearest[2 * (at - mine) if at > mine else 2 * (mine - at) - 1] = at
    return tuple(nearest[rank] for rank in sorted(nearest)[:RELATED])


def _article(b: Any, item: NewsItem, related: tuple[NewsItem, ...], key: int | None = None) -> None:
    t = b.t("vi")
    here = urls.item(urls.NEWS, item.slug)
    when = news_date(item)
    context = b.layout(here, item.title, trail=[(t["news"], urls.NEWS), (item.title, here)],
                       description=item.summary, json_ld=[{
                           "@context": "https://schema.org", "@type": "NewsArticle", "headline": item.title,
                           "datePublished": when.isoformat(), "author": {"@type": "Person", "name": item.author},
                           "publisher": {"@type": "GovernmentOrganization", "name": b.site.unit.agency},
                           "description": item.summary, "mainEntityOfPage": b.absolute(here)}])
    context.update({
        "item": {"title": item.title, "summary": item.summary, "date": vn.format_long_date(when.date()),
                 "datetime": when.isoformat(), "time": vn.format_datetime(when), "author": item.author,
                 "approved_by": item.approved_by, "source": item.source, "tags": list(item.tags),
                 "category": b.tree.config.news_categories.get(item.category, item.category),
                 "category_href": b.link(here, urls.news_category(item.category))},
        "image": b.image(here, item.path, item.image.src, here, item.image.alt, item.image.caption, lazy=False)
        if item.image else None,
        "body": b.body(item.path, item.body, here),
        "attachments": b.file_list(here, item.path, item.attachments, here),
        "related": [news_card(b, here, n) for n in related],
    })
    b.add(here, "news_item.html", context, key)


# --- checks, search, dashboard ------------------------------------------------------------------

def _files(item: NewsItem) -> list[FileField]:
    found = [FileField(item.image.src, True, "/image/src")] if item.image else []
    return found + [FileField(ref.file, False, f"/attachments/{i}/file") for i, ref in enumerate(item.attachments)]


def _reserved(slug: str) -> str | None:
    if (slug.startswith("trang-") and slug[6:].isdigit()) or slug in ("chuyen-muc", "nam"):
        return f"{urls.NEWS}{slug}/"
    return None


def _rules(items: tuple[NewsItem, ...], at: Any, config: Any) -> list:
    """Categories from ``portal.yaml``; approval of published news where the portal requires it."""
    problems = []
    categories = list(config.news_categories)
    for item in items:
        if item.category not in config.news_categories:
            by_title = {title: key for key, title in config.news_categories.items()}
            guess = vn.suggest(item.category, categories) or by_title.get(vn.suggest(item.category, by_title), "")
            problems.append(at("CATEGORY_UNKNOWN", item.path, "/category", value=item.category,
                               allowed=", ".join(categories),
                               suggestion_vi=f" Có phải ý bạn là “{guess}”?" if guess else "",
                               suggestion_en=f" Did you mean \"{guess}\"?" if guess else ""))
        if config.require_approval and item.status == "published" and not item.approved_by:
            problems.append(at("NEWS_NOT_APPROVED", item.path, "/status"))
    return problems


def _updated(item: NewsItem, now: dt.datetime) -> dt.date | None:
    return (item.publish_at or item.date).date() if is_published(item, now) else None


def _search(site: Any, text_of: Callable[[str], str], _files_text: Callable, wanted: Callable[[str], bool],
            memo: tuple[dict, dict] | None = None) -> list[SearchRecord]:
    """``memo``: the records made by the previous build (of this process, or kept with the load
    memo), and where to keep this build's, by site and item path, each with its item: reused for
    that very item only."""
    unit = site.path
    records = []
    for item in site.news:
        known = (memo[1].get((unit, item.path)) or memo[0].get((unit, item.path))) if memo is not None else None
        if known is None or known[0] is not item:  # (this build's: an index above the unit's made it)
            path = urls.item(urls.NEWS, item.slug)
            known = (item, SearchRecord(unit, path, "news", item.title, news_date(item).date().isoformat(),
                                        item.summary,
                                        f"tin tức {item.summary} {text_of(item.body)} {' '.join(item.tags)}"
                                        if wanted(path) else ""))
        if memo is not None:
            memo[1][(unit, item.path)] = known
        records.append(known[1])
    return records


TYPE = ContentType(
    kind="news", folder="news", fmt="md", model=NewsItem, title_field="title", label="news", address=urls.NEWS,
    steps=(Step("news-lists", _plan_lists),
           Step("news-items", _plan_items, lambda site: len(site.news), NEWS_ITEMS_PER_PART)),
    files=_files, date_order=(("publish_at", "expire_at", True),), reserved=_reserved, rules=_rules,
    updated=_updated, search=_search, searchable=lambda site: len(site.news), nested=True,
    starts_with=lambda start: {
        "date": start.today if start.now.time() == dt.time() else f"{start.now:%Y-%m-%d %H:%M}",
        "summary": start.title, "author": start.agency, "status": "draft",
        "category": next(iter(start.categories), None)})
