"""Images and files on pages: responsive images with their variants, Markdown bodies with the
files they link published beside the page, attachment lists with Word files shown as HTML
(:class:`Media`, a part of the page builder).  Every file a page points to is scheduled in the
plan's copies; nothing is read here but image sizes and file metadata, through the callables
the plan is given."""

from __future__ import annotations

import posixpath
import re
from html import escape
from typing import Any, Callable, Mapping
from urllib.parse import quote

from ..assets import variant_widths
from ..files import FORMATS, publishable
from ..markup import local_file, published_references, render_markdown
from .plan import SitePlan

#: An ``img`` tag of sanitised HTML (its attribute values always in double quotes, which may hold ``>``).
_IMG_TAG = re.compile(r'<img\b(?:"[^"]*"|[^">])*>')
#: What stays as it is in a published file's name in a link; everything else (``:``, ``#``, ``?``,
#: ``%``, spaces, letters outside ASCII…) is percent-encoded.
_FILE_NAME_SAFE = "/~.,;@!$'()*&=+"
#: How wide images are shown, for the browser to pick a variant.
BODY_SIZES = "(min-width: 60rem) 46rem, 100vw"
CARD_SIZES = "(min-width: 60rem) 22rem, (min-width: 40rem) 50vw, 100vw"
#: Thumbnails beside the text of a news list (``pg-cards--list``).
THUMB_SIZES = "(min-width: 40rem) 12rem, 6rem"
DEFAULT_WIDTH = 960


def picture_html(image: Mapping[str, Any], lazy: bool = True) -> str:
    """``<picture>`` markup for an image view: WebP sources, the original format as fallback."""
    parts = ["<picture>"]
    if image["webp_srcset"]:
        parts.append(f'<source type="image/webp" srcset="{escape(image["webp_srcset"])}" '
                     f'sizes="{escape(image["sizes"])}">')
    attrs = [f'src="{escape(image["src"])}"', f'alt="{escape(image["alt"])}"']
    if image["srcset"]:
        attrs += [f'srcset="{escape(image["srcset"])}"', f'sizes="{escape(image["sizes"])}"']
    if image["width"]:
        attrs += [f'width="{image["width"]}"', f'height="{image["height"]}"']
    if lazy:
        attrs.append('loading="lazy"')
    parts.append(f'<img class="pg-image" {" ".join(attrs)}>')
    parts.append("</picture>")
    return "".join(parts)



class Media:
    """Files and images of pages; the builder sets the attributes below."""

    plan: SitePlan
    tree: Any
    image_size: Callable[[str], tuple[int, int] | None]
    file_info: Callable[[str, str | None], Any]

    def link(self, here: str, to: str) -> str:
        raise NotImplementedError

    def file_link(self, here: str, site_path: str) -> str:
        """A link to a published file, every character of its name that could be read as
        something else (``javascript:``, ``#``, ``?``, ``%``) percent-encoded."""
        return self.link(here, quote(site_path, safe=_FILE_NAME_SAFE))

    def _unit_of(self, path: str) -> str:
        """The unit whose own folder holds ``path``."""
        candidate = path
        while candidate not in self.tree.sites:
            if "/" not in candidate:
                return ""
            candidate = candidate.rsplit("/", 1)[0]
        return candidate

    def publish_file(self, item_source: str, ref: str, item_dir: str, image: bool = False,
                     media: bool = False) -> str | None:
        """Copy a file referenced by an item into the item's folder; returns its site path, or None
        for a file ``check`` refuses by its name (outside the unit, hidden, a colon, a type not
        accepted; ``media``: a video or its captions): defence in depth, such a file is never copied."""
        source = publishable(ref, item_source, self._unit_of(item_source), image=image, media=media)
        if source is None:
            return None
        target = posixpath.normpath(posixpath.join(item_dir, ref))
        self.plan.copy(target, source)
        return target

    def image(self, here: str, item_source: str, ref: str, item_dir: str, alt: str, caption: str | None = None,
              sizes: str = BODY_SIZES, lazy: bool = True) -> dict[str, Any]:
        """An image view with its responsive variants (scheduled for publication) and markup."""
        source = posixpath.normpath(posixpath.join(posixpath.dirname(item_source), ref))
        target = self.publish_file(item_source, ref, item_dir, image=True)
        if target is None:
            return {"src": "", "alt": alt, "caption": caption, "width": None, "height": None, "srcset": "",
                    "webp_srcset": "", "sizes": sizes, "html": ""}
        view: dict[str, Any] = {"src": self.file_link(here, target), "alt": alt, "caption": caption, "width": None,
                                "height": None, "srcset": "", "webp_srcset": "", "sizes": sizes}
        size = self.image_size(source)
        if size is not None:
            width, height = size
            stem, written = posixpath.splitext(target)
            extension = written.lower()
            widths = variant_widths(width) if extension != ".gif" else (width,)

            def name(w: int, webp: bool) -> str:
                """``anh.jpg`` → ``anh.w480.jpg``, ``anh.w480.jpg.webp``, ``anh.jpg.webp``: names no
                other file of the folder can have by accident, the extension in the case the
                original is published with (``IMG_1234.JPG`` → ``IMG_1234.w480.JPG``)."""
                return f"{stem}{'' if w == width else f'.w{w}'}{written}{'.webp' if webp else ''}"

            for w in widths:
                if w != width:
                    self.plan.copy(name(w, False), source, f"w{w}")
                if extension not in (".gif", ".webp"):
                    self.plan.copy(name(w, True), source, "webp" if w == width else f"w{w}.webp")
            default = max((w for w in widths if w <= DEFAULT_WIDTH), default=widths[0])
            view.update({
                "width": width, "height": height, "src": self.file_link(here, name(default, False)),
                "srcset": ", ".join(f"{self.file_link(here, name(w, False))} {w}w" for w in widths)
                if len(widths) > 1 else "",
                "webp_srcset": ", ".join(f"{self.file_link(here, name(w, True))} {w}w" for w in widths)
                if extension not in (".gif", ".webp") else ""})
        view["html"] = picture_html(view, lazy)
        return view

    def body(self, item_source: str, body: str, item_dir: str) -> dict[str, Any]:
        """Rendered Markdown with local files published beside the page and images made responsive."""
        rendered = render_markdown(body)

        # The files are read from the published HTML as check reads it (markup.published_references).
        for _line, image, url, _alt in published_references(rendered.html):
            target = local_file(url)
            if not image and target and posixpath.splitext(target)[1].lower() in FORMATS \
                    and not target.endswith("/"):
                self.publish_file(item_source, target, item_dir)

        def responsive(match: re.Match) -> str:
            found = published_references(match.group(0))
            src = local_file(found[0][2]) if found else None
            if src is None:
                return match.group(0)
            view = self.image(item_dir, item_source, src, item_dir, found[0][3] or "")
            return view["html"] or match.group(0)

        html = _IMG_TAG.sub(responsive, rendered.html)
        return {"html": html, "headings": [{"id": i, "text": text} for i, text in rendered.headings]}

    def file_list(self, here: str, item_source: str, refs, item_dir: str) -> list[dict[str, Any]]:
        """Attachments with name, type and size; Word files also as HTML, with their images."""
        result = []
        for ref in refs:
            target = self.publish_file(item_source, ref.file, item_dir)
            if target is None:
                continue
            source = posixpath.normpath(posixpath.join(posixpath.dirname(item_source), ref.file))
            info = self.file_info(source, ref.title)
            entry = {"href": self.file_link(here, target), "name": info.name, "type": info.type_label,
                     "size": info.size, "file": posixpath.basename(ref.file), "pages": info.pages,
                     "scanned": info.scanned, "html": None,
                     "machine_text": [part for part in info.machine_text.split("\n\n") if part]}
            if info.html:
                entry["html"] = self._docx_images(here, info, source, target)
            result.append(entry)
        return result

    def _docx_images(self, here: str, info, source: str, target: str) -> str:
        """Publish the images of a converted Word file beside it and point the HTML at them."""
        html = info.html
        stem = posixpath.splitext(target)[0]
        for number, (content_type, _alt, width, height) in enumerate(info.images, start=1):
            extension = _WEB_IMAGE_TYPES.get(content_type)
            marker = f'src="@image-{number}"'
            if extension is None or not width:
                html = re.sub(rf'<img [^>]*{re.escape(marker)}[^>]*>', "", html)
                continue
            image_path = f"{stem}-anh-{number}{extension}"
            self.plan.copy(image_path, source, f"docx-image-{number}")
            html = html.replace(marker, f'src="{escape(self.file_link(here, image_path))}" width="{int(width)}" '
                                        f'height="{int(height)}" loading="lazy"')
        return html


_WEB_IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif"}
