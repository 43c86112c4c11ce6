"""Photo albums and videos (``media/``).  A video is a file on the site (``.mp4``, ``.webm``) shown
in the browser's own player with its poster and its Vietnamese captions (WebVTT, required:
WCAG 2.1 success criterion 1.2.2) and, when the editor gives one, its transcript; a video hosted
elsewhere is a link with its poster, never an embedded frame.  Album pictures go through the
same image pipeline as every other photo."""

from __future__ import annotations

import posixpath
from typing import Any, Callable
from urllib.parse import urlsplit

from .. import urls, vn
from ..model import MediaItem
from .base import ContentType, FileField, SearchRecord, Step

_VIDEO_TYPES = {".mp4": "video/mp4", ".webm": "video/webm"}


def _files(item: MediaItem) -> list[FileField]:
    found = [FileField(image.src, True, f"/images/{i}/src") for i, image in enumerate(item.images)]
    if item.poster:
        found.append(FileField(item.poster.src, True, "/poster/src"))
    found += [FileField(ref, False, f"/{name}", media=True)
              for name, ref in (("video", item.video), ("captions", item.captions)) if ref]
    return found


def _rules(items: tuple, at: Any, _config: Any) -> list:
    """A video needs a source (a file or a link), and a video file its captions file."""
    problems = []
    for item in items:
        if item.kind != "video":
            continue
        if not item.video and not item.link:
            problems.append(at("VIDEO_SOURCE_MISSING", item.path, "/kind"))
        elif item.video and not item.captions:
            problems.append(at("VIDEO_CAPTIONS_MISSING", item.path, "/video", file=item.video))
        if item.video and posixpath.splitext(item.video)[1].lower() == ".vtt":
            problems.append(at("VIDEO_TYPE", item.path, "/video", file=item.video))
        if item.captions and posixpath.splitext(item.captions)[1].lower() in _VIDEO_TYPES:
            problems.append(at("CAPTIONS_TYPE", item.path, "/captions", file=item.captions))
    return problems


def _card(b: Any, here: str, item: MediaItem) -> dict[str, Any]:
    t = b.t("vi")
    cover = item.poster or (item.images[0] if item.images else None)
    page = urls.item(urls.MEDIA, item.slug)
    return {"title": item.title, "href": b.link(here, page), "kind": t[f"kind_{item.kind}"],
            "date": vn.format_date(item.date), "datetime": item.date.isoformat(), "summary": item.summary,
            "count": len(item.images),
            "image": b.image(here, item.path, cover.src, page, cover.alt) if cover else None}


def _video(b: Any, page: str, item: MediaItem) -> dict[str, Any] | None:
    if item.kind != "video":
        return None
    poster = b.image(page, item.path, item.poster.src, page, item.poster.alt, lazy=False) if item.poster else None
    video = {"poster": poster, "source": None, "type": None, "captions": None, "link": None, "host": None}
    if item.video and item.captions:  # check refuses a video file without captions: never published
        source = b.publish_file(item.path, item.video, page, media=True)
        captions = b.publish_file(item.path, item.captions, page, media=True)
        if source and captions:
            video.update({"source": b.file_link(page, source), "captions": b.file_link(page, captions),
                          "type": _VIDEO_TYPES.get(posixpath.splitext(source)[1].lower())})
    if item.link:
        video.update({"link": item.link, "host": urlsplit(item.link).hostname or item.link})
    return video


def _plan(b: Any, _start: int = 0, _stop: int | None = None) -> None:
    items = sorted(b.site.content.media, key=lambda m: (m.date, m.slug), reverse=True)
    if not items:
        return
    t = b.t("vi")
    here = urls.MEDIA
    context = b.layout(here, t["media"], trail=[(t["media"], here)])
    context.update({"items": [_card(b, here, m) for m in items]})
    b.add(here, "media_list.html", context)
    for item in items:
        page = urls.item(urls.MEDIA, item.slug)
        context = b.layout(page, item.title, trail=[(t["media"], here), (item.title, page)],
                           description=item.summary)
        context.update({
            "item": _card(b, page, item), "body": b.body(item.path, item.body, page),
            "images": [b.image(page, item.path, image.src, page, image.alt, image.caption) for image in item.images],
            "video": _video(b, page, item),
            "transcript": [part.strip() for part in (item.transcript or "").split("\n\n") if part.strip()]})
        b.add(page, "media_item.html", context)


def _search(site: Any, text_of: Callable[[str], str], _files_text: Callable, wanted: Callable[[str], bool],
            _memo: Any = None) -> list[SearchRecord]:
    records = []
    for item in site.content.media:
        path = urls.item(urls.MEDIA, item.slug)
        words = [item.summary or "", text_of(item.body), item.transcript or "",
                 *(f"{image.alt} {image.caption or ''}" for image in item.images)]
        records.append(SearchRecord(site.path, path, "page", item.title, item.date.isoformat(), item.summary or "",
                                    " ".join(words) if wanted(path) else ""))
    return records


TYPE = ContentType(
    kind="media", folder="media", fmt="md", model=MediaItem, title_field="title", label="media", address=urls.MEDIA,
    listed=lambda site: bool(site.content.media), steps=(Step("media", _plan),), files=_files, rules=_rules,
    past_dates=("date",), updated=lambda item, _now: item.date, search=_search,
    searchable=lambda site: len(site.content.media),
    starts_with=lambda start: {"kind": "album", "date": start.today, "summary": start.title})
