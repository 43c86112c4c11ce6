"""The web editor: a Decap CMS configuration generated from ``content-schema/`` and the unit tree.

Each content section of a unit becomes a folder collection (Markdown with front matter, or
YAML), with the fields of its JSON Schema as Decap widgets (titles as labels, descriptions as
hints, enums as selects, dates as date pickers, lists and groups as list and object widgets).
Uploaded files go beside the item that uses them, inside the unit's folder, as ``check`` wants.
When ``portal.yaml`` has a ``cms`` section, the build writes ``admin/`` into every unit's site:
the page and a configuration that lists that unit's content only, and, once per host, the Decap
script of the pinned npm package (nothing is loaded from another host).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from . import decap_locale, decap_package, schema, urls
from .config import Config
from .content_types import REGISTRY, WEB_EDITOR, ContentType
from .deploy.htaccess import admin_htaccess
from .policy import origin
from .resolve import SiteTree

ADMIN = WEB_EDITOR
SCRIPT_NAME = decap_package.SCRIPT_NAME
#: The script portalgen adds beside Decap's: the Vietnamese strings Decap lacks, the preview's styles.
HELPER_NAME = "portalgen-cms.js"
#: The page listing the editors of a site's units (``admin/don-vi/``).
UNITS_PAGE = "don-vi/"
DEFAULT_FOLDER = "sites"
MEDIA_FOLDER = "_media"  # the unit's media library, which the forms do not use; ignored by portalgen (leading "_")
#: Decap's date formats (moment.js tokens) for portalgen's date formats.
DATE_FORMATS = {"date": ("YYYY-MM-DD", False), "date-or-datetime": ("YYYY-MM-DD HH:mm", "HH:mm")}
LONG_TEXT = 300  # strings that may be longer than this get a multi-line box
TRANSLATED_LABEL = "Trang tiếng Anh"  # the collection of a section's English sub-folder
UNIT_LABEL = "Thông tin đơn vị"
#: Where a new bundled item goes (``news/2026/<slug>/index.md``): Decap lists a folder collection
#: down to this depth, so the items of one file (``news/2026/<slug>.md``) are listed too.
BUNDLE_PATH = "{{year}}/{{slug}}/index"
#: A document is named after its number and the year it was issued (numbers restart every year).
DOCUMENT_SLUG = "{{number}}-{{fields.issue_date | date('YYYY')}}"

#: Labels of coded choices whose schema description does not list them (``code: label; …``).
ENUM_LABELS: dict[str, dict[str, str]] = {
    "unit/type": {"tinh": "Tỉnh", "thanh-pho-truc-thuoc-trung-uong": "Thành phố trực thuộc Trung ương",
                  "huyen": "Huyện", "quan": "Quận", "thi-xa": "Thị xã", "thanh-pho-thuoc-tinh": "Thành phố thuộc tỉnh",
                  "xa": "Xã", "phuong": "Phường", "thi-tran": "Thị trấn", "dac-khu": "Đặc khu"},
    "procurement/kind": {"ke-hoach-lua-chon-nha-thau": "Kế hoạch lựa chọn nhà thầu",
                         "thong-bao-moi-thau": "Thông báo mời thầu",
                         "ket-qua-lua-chon-nha-thau": "Kết quả lựa chọn nhà thầu",
                         "du-an-dau-tu": "Dự án đầu tư", "khac": "Thông báo khác"},
}
#: Hints written for the form where the schema's description is written for YAML (quotes,
#: ``true``, codes declared in portal.yaml, file paths), by content type and field path.
FORM_HINTS: dict[str, str] = {
    "unit/code": ("Mã theo danh mục hành chính Việt Nam: tỉnh 2 chữ số, xã, phường 5 chữ số (cấp huyện, ở cổng ba"
                  " cấp trước ngày 01/7/2025: 3 chữ số), ví dụ 14215."),
    "unit/level": "Cấp hành chính của đơn vị.",
    "unit/deploy": "Nơi đăng trang của đơn vị, do quản trị cổng điền; biên tập viên không sửa ô này.",
    "news/category": "Chuyên mục của bài, trong danh sách chuyên mục của cổng.",
    "news/status": "Bài chỉ hiện trên cổng khi Trạng thái là “Đã duyệt để đăng” và có Người duyệt. "
                   "Nút “Công bố” của trang quản trị chỉ đưa bài vào kho nội dung.",
    "news/approved_by": "Bắt buộc khi Trạng thái là “Đã duyệt để đăng”: họ tên, chức vụ người duyệt đăng tin.",
    "news/featured": "Bật để đưa tin lên khu tin nổi bật của trang chủ.",
    "news/image": "Không bắt buộc. Nếu có ảnh, cần cả tệp ảnh và mô tả ảnh.",
    "document/normative": "Bật nếu là văn bản quy phạm pháp luật.",
    "procedure/dossier/original": "Bật nếu phải nộp bản chính.",
    "schedule/week": "Tuần theo ISO: năm, chữ W hoa, số tuần hai chữ số, ví dụ 2026-W49.",
    "media/video": "Tải tệp video .mp4 hoặc .webm lên (không bắt buộc nếu có Liên kết video).",
    "media/captions": "Tải tệp phụ đề tiếng Việt .vtt (WebVTT) lên; bắt buộc khi có tệp video.",
    "file": "Tải tệp lên; tệp được lưu cạnh bài, trong thư mục của đơn vị.",
    "image": "Tải ảnh lên; ảnh được lưu cạnh bài, trong thư mục của đơn vị.",
}
#: Text fields that name a file to upload (a video and its captions), by content type and field path.
UPLOADS = {"media/video": "file", "media/captions": "file"}
#: A field's default in the form: a new news item starts as a draft.
DEFAULTS = {"news/status": "draft"}
_EXAMPLE = re.compile(r",? (?:ví dụ|dạng) [^.;]*")
_CODED = re.compile(r"([a-z0-9-]+): ([^;]+?)(?:;|\.?$)")


@dataclass(frozen=True)
class Lists:
    """The portal's own lists a form offers as choices: news categories (code, label), levels
    (key, title) and the unit types of those levels."""

    categories: tuple[tuple[str, str], ...] = ()
    levels: tuple[tuple[str, str], ...] = ()
    unit_types: tuple[str, ...] = ()


def lists_of(config: Config) -> Lists:
    """The choices of a portal's configuration."""
    types = [t for level in config.levels for t in level.unit_types]
    return Lists(tuple(config.news_categories.items()), tuple((lv.key, lv.title) for lv in config.levels),
                 tuple(dict.fromkeys(types)))


def _upload_widgets() -> dict[frozenset[str], tuple[str, str]]:
    """Groups of the common schema whose one field is a file to upload: (field, widget) by the
    group's field names (``file_ref`` → file, ``image`` → image)."""
    common = schema.load_schemas()["common"]["$defs"]
    return {frozenset(common["file_ref"]["properties"]): ("file", "file"),
            frozenset(common["image"]["properties"]): ("src", "image")}


def _labels(where: str, node: dict) -> dict[str, str] | None:
    """The labels of a coded choice: from the table, or from a description ``code: label; …``
    that names every code."""
    values = [str(v) for v in node["enum"]]
    if where in ENUM_LABELS:
        return ENUM_LABELS[where]
    found = {m[1]: m[2].strip() for m in _CODED.finditer(node.get("description", ""))}
    return {v: found[v][:1].upper() + found[v][1:] for v in values} if all(v in found for v in values) else None


def _options(values: Iterable[str], labels: Mapping[str, str] | None) -> list[Any]:
    return [{"label": labels.get(v, v), "value": v} if labels else v for v in values]


def _hint(where: str, node: dict, widget: str, labelled: bool) -> str | None:
    """The hint under a field: written for the form; a date picker needs no example of the format,
    a labelled choice no list of codes."""
    if where in FORM_HINTS:
        return FORM_HINTS[where]
    if widget in ("file", "image"):
        return FORM_HINTS[widget]
    text = node.get("description")
    if not text or labelled:
        return None
    if widget == "datetime":
        text = _EXAMPLE.sub("", text).rstrip(".") + "."
    return text


def field(name: str, node: dict, required: bool, upload: str | None = None, where: str = "",
          lists: Lists = Lists()) -> dict[str, Any] | None:
    """One Decap field from a JSON Schema property (None for a free-form map Decap cannot edit);
    ``where`` is its path (``news/image/src``), ``lists`` the portal's choices."""
    where = where or name
    out: dict[str, Any] = {"label": node.get("title", name), "name": name, "required": required}
    kind = node.get("type")
    labelled = False
    if upload:
        out["widget"] = upload
    elif where == "news/category" and lists.categories:
        out.update(widget="select", options=_options((k for k, _ in lists.categories), dict(lists.categories)))
    elif where == "unit/level" and lists.levels:
        out.update(widget="select", options=_options((k for k, _ in lists.levels), dict(lists.levels)))
    elif kind == "string" and "enum" in node:
        labels = _labels(where, node)
        values = [str(v) for v in node["enum"]]
        if where == "unit/type" and lists.unit_types:
            values = [v for v in values if v in lists.unit_types]
        labelled = labels is not None
        out.update(widget="select", options=_options(values, labels))
    elif kind == "string" and node.get("format") in DATE_FORMATS:
        stored, time_format = DATE_FORMATS[node["format"]]
        out.update(widget="datetime", format=stored, date_format="DD/MM/YYYY", time_format=time_format)
    elif kind == "string":
        out["widget"] = "text" if node.get("maxLength", 0) > LONG_TEXT and "pattern" not in node else "string"
        if "pattern" in node:
            shape = FORM_HINTS.get(where, node.get("description", ""))
            out["pattern"] = [node["pattern"], f"Sai dạng: {shape}".strip()]
    elif kind in ("integer", "number"):
        out.update(widget="number", value_type="int" if kind == "integer" else "float")
        out.update({decap: node[key] for key, decap in (("minimum", "min"), ("maximum", "max")) if key in node})
    elif kind == "boolean":
        out["widget"] = "boolean"
    elif kind == "array":
        items = node.get("items") or {}
        out["widget"] = "list"
        if items.get("type") == "object":
            out["fields"] = fields(items, where, lists)
            if items.get("title"):
                out["label_singular"] = items["title"]  # the add button: "Thêm Mục lịch"
        else:
            out["field"] = field(name, {**items, "title": node.get("title", name)}, True, None, where, lists)
            out["field"].pop("hint", None)
    elif kind == "object" and node.get("properties"):
        # Decap checks the fields of a group even when the group is left empty: an optional
        # group's fields are optional in the form, its hint says which go together.
        out.update(widget="object", fields=fields(node, where, lists, optional=not required))
    else:
        return None
    hint = _hint(where, node, out["widget"], labelled)
    if hint:
        out["hint"] = hint
    if where in DEFAULTS:
        out["default"] = DEFAULTS[where]
    return {key: out[key] for key in sorted(out, key=_FIELD_ORDER.index)}


_FIELD_ORDER = ["label", "label_singular", "name", "widget", "required", "hint", "default", "options", "pattern",
                "format", "date_format", "time_format", "value_type", "min", "max", "field", "fields"]


def fields(node: dict, where: str = "", lists: Lists = Lists(), optional: bool = False) -> list[dict[str, Any]]:
    """The Decap fields of an object schema, in the schema's order; ``optional``: none required."""
    upload = _upload_widgets().get(frozenset(node.get("properties", {})))
    out = []
    for name, sub in node.get("properties", {}).items():
        path = f"{where}/{name}" if where else name
        made = field(name, sub, not optional and name in node.get("required", []),
                     upload[1] if upload and upload[0] == name else UPLOADS.get(path), path, lists)
        if made is not None:
            out.append(made)
    return out


@functools.cache
def content_fields(kind: str, markdown: bool, lists: Lists = Lists()) -> list[dict[str, Any]]:
    """Every field of a content type, plus the Markdown body for Markdown types.  The same list
    object each time, so ``config.yml`` writes it once and refers to it (YAML anchors)."""
    out = fields(schema.validator(kind).schema, kind, lists)
    if markdown:
        out.append({"label": "Nội dung", "name": "body", "widget": "markdown", "required": False,
                    "hint": "Nội dung bài."})
    return out


def _collection(name: str, label: str, folder: str, content_type: ContentType, nested: bool,
                lists: Lists) -> dict[str, Any]:
    """One collection of a content type's files; Decap names a new entry after the type's
    identifier (a ``title`` field is Decap's default).  Uploads go beside the item: a bundled
    item's folder, or the folder of its file."""
    markdown = content_type.fmt == "md"
    out: dict[str, Any] = {
        "name": name, "label": label, "folder": folder, "create": True, "delete": False,
        "extension": "md" if markdown else "yaml", "format": "frontmatter" if markdown else "yml"}
    if content_type.identifier != "title":
        out["identifier_field"] = content_type.identifier
        out["slug"] = DOCUMENT_SLUG if content_type.kind == "document" else "{{" + content_type.identifier + "}}"
    if nested:
        out["path"] = BUNDLE_PATH
    out.update(media_folder="", public_folder="", fields=content_fields(content_type.kind, markdown, lists))
    return out


def collections(prefix: str, path: str, name: str, levels: Iterable[tuple[str, str]],
                lists: Lists = Lists()) -> list[dict]:
    """The collections of one unit's editor: the unit's ``unit.yaml``, one per section of the
    unit (and its English pages), and for a top unit the catalog procedures of each level.

    ``prefix`` is the portal folder in the repository (``sites/``), ``path`` and ``name`` the
    unit's, ``levels`` (key, title) pairs, or none for a unit below the top.
    """
    schemas = schema.load_schemas()
    out: list[dict] = [{
        "name": "don-vi", "label": UNIT_LABEL, "delete": False, "format": "yml",
        "files": [{"name": "unit", "label": name, "file": f"{prefix}{path}/unit.yaml",
                   "fields": content_fields("unit", False, lists)}]}]
    for section in REGISTRY:
        out.append(_collection(section.folder, schemas[section.kind]["title"], f"{prefix}{path}/{section.folder}",
                               section, section.nested, lists))
        if section.translated:
            out.append(_collection(f"{section.folder}-en", TRANSLATED_LABEL, f"{prefix}{path}/{section.folder}/en",
                                   section, False, lists))
    for key, title in levels:
        out.append(_collection(f"catalog__{key}", f"Thủ tục dùng chung › {title}",
                               f"{prefix}catalog/procedures/{key}", REGISTRY.kind("procedure"), False, lists))
    return out


def repo_prefix(cms: Mapping[str, Any]) -> str:
    """The portal folder inside the repository, as a prefix: ``sites/`` ('' at the root)."""
    folder = str(cms.get("folder", DEFAULT_FOLDER)).strip("/")
    return "" if folder in ("", ".") else folder + "/"


def backend(cms: Mapping[str, Any]) -> dict[str, Any]:
    """Decap's ``backend`` section from ``portal.yaml``'s ``cms``."""
    out: dict[str, Any] = {"name": cms["backend"]}
    for key in ("repo", "branch", "base_url", "api_root", "auth_endpoint", "app_id", "auth_type"):
        if key in cms:
            out[key] = cms[key]
    out.setdefault("branch", "main")
    return out


#: Where each backend's API and files live when ``portal.yaml`` names no ``base_url``/``api_root``.
DEFAULT_GIT_ORIGINS = {"github": ["https://api.github.com", "https://raw.githubusercontent.com"],
                       "gitlab": ["https://gitlab.com"]}


def git_origins(cms: Mapping[str, Any]) -> list[str]:
    """The origins the editor talks to: ``base_url``, ``api_root``, ``auth_endpoint`` (when they are
    addresses), else the backend's public service."""
    found = [origin(str(cms[k])) for k in ("base_url", "api_root", "auth_endpoint")
             if str(cms.get(k, "")).startswith(("https://", "http://"))]
    return sorted(set(found)) or DEFAULT_GIT_ORIGINS.get(str(cms.get("backend")), [])


def config(cms: Mapping[str, Any], path: str, name: str, levels: Iterable[tuple[str, str]], site_url: str,
           lists: Lists = Lists()) -> dict[str, Any]:
    """The Decap configuration of one unit's editor: that unit's content only (``levels``: the
    catalog's levels for a top unit, none below it)."""
    prefix = repo_prefix(cms)
    out: dict[str, Any] = {"backend": backend(cms), "locale": "vi", "site_url": site_url}
    if cms.get("local_backend"):
        out["local_backend"] = True
    if cms.get("editorial_workflow", True):
        out["publish_mode"] = "editorial_workflow"
    out.update(media_folder=f"{prefix}{path}/{MEDIA_FOLDER}", public_folder=f"/{MEDIA_FOLDER}",
               slug={"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
               collections=collections(prefix, path, name, levels, lists))
    return out


def config_yaml(data: Mapping[str, Any]) -> bytes:
    """The configuration as ``config.yml``."""
    header = "# Tạo tự động bởi portalgen từ content-schema/ và portal.yaml; đừng sửa tay.\n"
    return (header + yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False, width=120)).encode("utf-8")


def admin_page(portal_name: str, unit_name: str, scripts: str, preview_style: str, units: bool) -> bytes:
    """``admin/index.html``: loads Decap and portalgen's helper from ``scripts`` (the folder of
    the copy this site uses), names the theme's styles for the preview pane, and links to the
    editors of the unit's own units when it has some."""
    nav = (f'<nav aria-label="Đơn vị trực thuộc"><a href="{UNITS_PAGE}">Trang quản trị của các đơn vị '
           f'trực thuộc</a></nav>\n') if units else ""
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="portalgen-preview-style" content="{_escape(preview_style)}">
<title>Quản trị nội dung – {_escape(unit_name)} – {_escape(portal_name)}</title>
</head>
<body>
{nav}<noscript><p>Trang quản trị nội dung cần bật JavaScript.</p></noscript>
<script src="{_escape(scripts)}{SCRIPT_NAME}"></script>
<script src="{_escape(scripts)}{HELPER_NAME}"></script>
</body>
</html>
""".encode("utf-8")


def units_page(unit_name: str, links: Iterable[tuple[str, str]]) -> bytes:
    """``admin/don-vi/index.html``: the editors of a unit's units, (name, address) in path order."""
    items = "".join(f'<li><a href="{_escape(href)}">{_escape(name)}</a></li>\n' for name, href in links)
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Trang quản trị của các đơn vị trực thuộc – {_escape(unit_name)}</title>
</head>
<body>
<main>
<h1>Trang quản trị của các đơn vị trực thuộc {_escape(unit_name)}</h1>
<p><a href="../">Trở lại trang quản trị của {_escape(unit_name)}</a></p>
<ul>
{items}</ul>
</main>
</body>
</html>
""".encode("utf-8")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def script_holder(tree: SiteTree, path: str) -> str:
    """The site whose ``admin/`` holds the copy of Decap a site uses: its own, or for a site on the
    portal's shared host, the topmost site above it on that host (one copy per host)."""
    site = tree.sites[path]
    if not site.shared_host:
        return path
    return next((a for a in site.ancestors if tree.sites[a].shared_host), path)  # the root first


def site_admin(root: Path, tree: SiteTree, path: str, preview_style: str) -> dict[str, bytes]:
    """The ``admin/`` folder of a site when ``portal.yaml`` has ``cms`` (output paths → bytes):
    the unit's own editor; Decap's script only in the site that holds the host's copy;
    ``preview_style`` is the theme's stylesheet (site path)."""
    cms = tree.config.cms
    if cms is None:
        return {}
    site = tree.sites[path]
    prefix = f"{path}/{ADMIN}"
    holder = script_holder(tree, path)
    scripts = tree.link(path, ADMIN, holder, ADMIN)
    units = [p for p in sorted(tree.sites) if p.startswith(path + "/")]
    levels = [(level.key, level.title) for level in tree.config.levels] if site.parent is None else []
    data = config(cms, path, site.unit.name, levels, site.url, lists_of(tree.config))
    files = {prefix + ".htaccess": admin_htaccess(git_origins(cms)),
             prefix + "index.html": admin_page(tree.config.name, site.unit.name, scripts,
                                               urls.relative(ADMIN, preview_style), bool(units)),
             prefix + "config.yml": config_yaml(data)}
    if units:
        links = [(tree.sites[p].unit.name, tree.link(path, ADMIN + UNITS_PAGE, p, ADMIN)) for p in units]
        files[prefix + UNITS_PAGE + "index.html"] = units_page(site.unit.name, links)
    script = decap_package.find_script(root, cms) if holder == path else None
    if script is not None:
        files.update({prefix + name: data for name, data in decap_package.script_files(script).items()})
        files[prefix + HELPER_NAME] = decap_locale.helper_script()
    return files
