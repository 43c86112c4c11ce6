"""The web editor: a Decap CMS configuration generated from ``content-schema/`` and the unit tree.

Each content section of each unit becomes a folder collection (Markdown with front matter, or
YAML), with the fields of its JSON Schema as Decap widgets (titles as labels, descriptions as
hints, enums as selects, dates as date pickers, lists and groups as list and object widgets).
Uploaded files go beside the item that uses them, inside the unit's folder, as ``check`` wants.
When ``portal.yaml`` has a ``cms`` section, the build writes ``admin/`` into each top unit's site:
the page, this configuration and the Decap script the portal keeps in its repository (nothing is
loaded from another host).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from . import schema
from .content_types import REGISTRY, WEB_EDITOR, ContentType
from .deploy.htaccess import admin_htaccess
from .policy import origin
from .resolve import SiteTree

ADMIN = WEB_EDITOR
SCRIPT_NAME = "decap-cms.js"
DEFAULT_FOLDER = "sites"
MEDIA_FOLDER = "_media"  # the shared media library of a top unit; ignored by portalgen (leading "_")
#: Decap's date formats (moment.js tokens) for portalgen's date formats.
DATE_FORMATS = {"date": ("YYYY-MM-DD", False), "date-or-datetime": ("YYYY-MM-DD HH:mm", "HH:mm")}
LONG_TEXT = 300  # strings that may be longer than this get a multi-line box
TRANSLATED_LABEL = "Trang tiếng Anh"  # the collection of a section's English sub-folder


def _upload_widgets() -> dict[frozenset[str], tuple[str, str]]:
    """Groups of the common schema whose one field is a file to upload: (field, widget) by the
    group's field names (``file_ref`` → file, ``image`` → image)."""
    common = schema.load_schemas()["common"]["$defs"]
    return {frozenset(common["file_ref"]["properties"]): ("file", "file"),
            frozenset(common["image"]["properties"]): ("src", "image")}


def field(name: str, node: dict, required: bool, upload: str | None = None) -> dict[str, Any] | None:
    """One Decap field from a JSON Schema property (None for a free-form map Decap cannot edit)."""
    out: dict[str, Any] = {"label": node.get("title", name), "name": name, "required": required}
    if node.get("description"):
        out["hint"] = node["description"]
    kind = node.get("type")
    if upload:
        out["widget"] = upload
    elif kind == "string" and "enum" in node:
        out.update(widget="select", options=[str(v) for v in node["enum"]])
    elif kind == "string" and node.get("format") in DATE_FORMATS:
        stored, time_format = DATE_FORMATS[node["format"]]
        out.update(widget="datetime", format=stored, date_format="DD/MM/YYYY", time_format=time_format)
    elif kind == "string":
        out["widget"] = "text" if node.get("maxLength", 0) > LONG_TEXT and "pattern" not in node else "string"
        if "pattern" in node:
            out["pattern"] = [node["pattern"], f"Sai dạng: {node.get('description', '')}".strip()]
    elif kind in ("integer", "number"):
        out.update(widget="number", value_type="int" if kind == "integer" else "float")
        out.update({decap: node[key] for key, decap in (("minimum", "min"), ("maximum", "max")) if key in node})
    elif kind == "boolean":
        out["widget"] = "boolean"
    elif kind == "array":
        items = node.get("items") or {}
        out["widget"] = "list"
        if items.get("type") == "object":
            out["fields"] = fields(items)
        else:
            out["field"] = field(name, {**items, "title": node.get("title", name)}, True)
            out["field"].pop("hint", None)
    elif kind == "object" and node.get("properties"):
        out.update(widget="object", fields=fields(node))
    else:
        return None
    return out


def fields(node: dict) -> list[dict[str, Any]]:
    """The Decap fields of an object schema, in the schema's order."""
    upload = _upload_widgets().get(frozenset(node.get("properties", {})))
    out = []
    for name, sub in node.get("properties", {}).items():
        made = field(name, sub, name in node.get("required", []), upload[1] if upload and upload[0] == name else None)
        if made is not None:
            out.append(made)
    return out


@functools.cache
def content_fields(kind: str, markdown: bool) -> list[dict[str, Any]]:
    """Every field of a content type, plus the Markdown body for Markdown types.  The same list
    object each time, so ``config.yml`` writes it once and refers to it (YAML anchors)."""
    out = fields(schema.validator(kind).schema)
    if markdown:
        out.append({"label": "Nội dung", "name": "body", "widget": "markdown", "required": False,
                    "hint": "Nội dung bài (Markdown)."})
    return out


def _collection(name: str, label: str, folder: str, content_type: ContentType, nested: bool) -> dict[str, Any]:
    """One collection of a content type's files; Decap names a new entry after the type's
    identifier (a ``title`` field is Decap's default)."""
    markdown = content_type.fmt == "md"
    out: dict[str, Any] = {
        "name": name, "label": label, "folder": folder, "create": True, "delete": False,
        "extension": "md" if markdown else "yaml", "format": "frontmatter" if markdown else "yml"}
    if content_type.identifier != "title":
        out["identifier_field"] = content_type.identifier
        out["slug"] = "{{" + content_type.identifier + "}}"
    if nested:
        out["path"] = "{{year}}/{{slug}}"
    out.update(media_folder="", public_folder="", fields=content_fields(content_type.kind, markdown))
    return out


def _name(unit_path: str, section: str) -> str:
    return "__".join([*unit_path.split("/"), section])


def collections(prefix: str, units: Iterable[tuple[str, str]], levels: Iterable[tuple[str, str]]) -> list[dict]:
    """The collections: one per unit and section, the units' own files, the catalog per level.

    ``prefix`` is the portal folder in the repository (``sites/``), ``units`` (path, name) pairs
    in path order, ``levels`` (key, title) pairs.
    """
    units = list(units)
    schemas = schema.load_schemas()
    out: list[dict] = [{
        "name": "don-vi", "label": "Thông tin đơn vị", "delete": False, "format": "yml",
        "files": [{"name": path.replace("/", "__"), "label": name, "file": f"{prefix}{path}/unit.yaml",
                   "fields": content_fields("unit", False)} for path, name in units]}]
    for path, name in units:
        for section in REGISTRY:
            out.append(_collection(_name(path, section.folder), f"{name} › {schemas[section.kind]['title']}",
                                   f"{prefix}{path}/{section.folder}", section, nested=section.nested))
            if section.translated:
                out.append(_collection(_name(path, f"{section.folder}-en"), f"{name} › {TRANSLATED_LABEL}",
                                       f"{prefix}{path}/{section.folder}/en", section, nested=False))
    for key, title in levels:
        out.append(_collection(f"catalog__{key}", f"Thủ tục dùng chung › {title}",
                               f"{prefix}catalog/procedures/{key}", REGISTRY.kind("procedure"), nested=False))
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


def config(cms: Mapping[str, Any], top: str, units: Iterable[tuple[str, str]],
           levels: Iterable[tuple[str, str]], site_url: str) -> dict[str, Any]:
    """The whole Decap configuration of one top unit's admin page."""
    prefix = repo_prefix(cms)
    out: dict[str, Any] = {"backend": backend(cms), "locale": "vi", "site_url": site_url}
    if cms.get("editorial_workflow", True):
        out["publish_mode"] = "editorial_workflow"
    out.update(media_folder=f"{prefix}{top}/{MEDIA_FOLDER}", public_folder=f"/{MEDIA_FOLDER}",
               slug={"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
               collections=collections(prefix, units, levels))
    return out


def config_yaml(data: Mapping[str, Any]) -> bytes:
    """The configuration as ``config.yml``."""
    header = "# Tạo tự động bởi portalgen từ content-schema/ và portal.yaml; đừng sửa tay.\n"
    return (header + yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False, width=120)).encode("utf-8")


def admin_page(portal_name: str) -> bytes:
    """``admin/index.html``: loads the Decap script kept beside it."""
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Quản trị nội dung – {_escape(portal_name)}</title>
</head>
<body>
<noscript><p>Trang quản trị nội dung cần bật JavaScript.</p></noscript>
<script src="{SCRIPT_NAME}"></script>
</body>
</html>
""".encode("utf-8")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def admin_files(cms: Mapping[str, Any] | None, script: bytes, top: str, units: Iterable[tuple[str, str]],
                levels: Iterable[tuple[str, str]], site_url: str, portal_name: str) -> dict[str, bytes]:
    """The admin folder of one top unit's site (output paths → bytes); nothing without ``cms``."""
    if cms is None:
        return {}
    prefix = f"{top}/{ADMIN}"
    return {prefix + ".htaccess": admin_htaccess(git_origins(cms)),
            prefix + "index.html": admin_page(portal_name),
            prefix + "config.yml": config_yaml(config(cms, top, units, levels, site_url)),
            prefix + SCRIPT_NAME: script}


def site_admin(root: Path, tree: SiteTree, path: str) -> dict[str, bytes]:
    """The admin folder of a site when ``portal.yaml`` has ``cms`` and the site is a top unit."""
    cms = tree.config.cms
    site = tree.sites[path]
    if cms is None or site.parent is not None:
        return {}
    units = [(p, tree.sites[p].unit.name) for p in sorted(tree.sites) if p == path or p.startswith(path + "/")]
    levels = [(level.key, level.title) for level in tree.config.levels]
    script = (root / cms["script"]).read_bytes()
    return admin_files(cms, script, path, units, levels, site.url, tree.config.name)
