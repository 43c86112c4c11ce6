"""The web editor (Decap CMS): configuration generated from the schemas, admin/ in the build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from portalgen import decap, schema
from portalgen.content_types import REGISTRY
from portalgen.sources import read_portal

from conftest import PROJECT, run
from htmlcheck import have_vnu, require, vnu_errors

NOW = "2026-11-27"
SCRIPT = b"/* decap-cms.js stand-in for tests */\n"
CMS = """
cms:
  backend: gitlab
  repo: ubnd-namdinh/cong-thong-tin
  base_url: https://git.namdinh.gov.vn
  api_root: https://git.namdinh.gov.vn/api/v4
  auth_type: pkce
  app_id: portalgen-test
  script: vendor/decap-cms.js
"""

#: The part of Decap CMS's configuration that portalgen writes, after Decap's documentation
#: (configuration options, collection types, widgets): anything else, a misspelt option or a
#: widget option on the wrong widget, fails.
WIDGET_OPTIONS = {
    "string": set(), "text": set(), "markdown": set(), "boolean": set(), "file": set(), "image": set(),
    "datetime": {"format", "date_format", "time_format"}, "select": {"options"},
    "number": {"value_type", "min", "max"}, "list": {"field", "fields"}, "object": {"fields"},
}
DECAP_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["backend", "media_folder", "collections"],
    "additionalProperties": False,
    "properties": {
        "backend": {"type": "object", "required": ["name"], "additionalProperties": False, "properties": {
            "name": {"enum": ["git-gateway", "github", "gitlab", "gitea"]},
            "repo": {"type": "string", "pattern": "^[^/]+(/[^/]+)+$"}, "branch": {"type": "string"},
            "base_url": {"type": "string"}, "api_root": {"type": "string"}, "auth_endpoint": {"type": "string"},
            "app_id": {"type": "string"}, "auth_type": {"enum": ["pkce", "implicit"]}}},
        "publish_mode": {"enum": ["simple", "editorial_workflow"]},
        "locale": {"type": "string"}, "site_url": {"type": "string"},
        "media_folder": {"type": "string"}, "public_folder": {"type": "string"},
        "slug": {"type": "object", "additionalProperties": False, "properties": {
            "encoding": {"enum": ["unicode", "ascii"]}, "clean_accents": {"type": "boolean"},
            "sanitize_replacement": {"type": "string"}}},
        "collections": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/collection"}},
    },
    "$defs": {
        "name": {"type": "string", "pattern": "^[A-Za-z0-9_-]+$"},
        "collection": {"oneOf": [
            {"type": "object", "required": ["name", "label", "folder", "fields"], "additionalProperties": False,
             "properties": {
                 "name": {"$ref": "#/$defs/name"}, "label": {"type": "string"}, "folder": {"type": "string"},
                 "create": {"type": "boolean"}, "delete": {"type": "boolean"},
                 "extension": {"enum": ["md", "yaml", "yml"]},
                 "format": {"enum": ["frontmatter", "yaml-frontmatter", "yml", "yaml"]},
                 "identifier_field": {"type": "string"}, "slug": {"type": "string"}, "path": {"type": "string"},
                 "media_folder": {"type": "string"}, "public_folder": {"type": "string"},
                 "fields": {"$ref": "#/$defs/fields"}}},
            {"type": "object", "required": ["name", "label", "files"], "additionalProperties": False,
             "properties": {
                 "name": {"$ref": "#/$defs/name"}, "label": {"type": "string"}, "delete": {"type": "boolean"},
                 "format": {"enum": ["yml", "yaml"]},
                 "files": {"type": "array", "minItems": 1, "items": {
                     "type": "object", "required": ["name", "label", "file", "fields"], "additionalProperties": False,
                     "properties": {"name": {"$ref": "#/$defs/name"}, "label": {"type": "string"},
                                    "file": {"type": "string"}, "fields": {"$ref": "#/$defs/fields"}}}}}},
        ]},
        "fields": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/field"}},
        "field": {
            "type": "object", "required": ["label", "name", "widget"],
            "properties": {
                "label": {"type": "string", "minLength": 1}, "name": {"type": "string", "pattern": "^[a-z_]+$"},
                "widget": {"enum": sorted(WIDGET_OPTIONS)}, "required": {"type": "boolean"},
                "hint": {"type": "string"},
                "pattern": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "string"}],
                            "minItems": 2, "maxItems": 2},
                "options": {"type": "array", "minItems": 1, "items": {"type": "string"}},
                "format": {"type": "string"}, "date_format": {"type": "string"},
                "time_format": {"anyOf": [{"type": "string"}, {"const": False}]},
                "value_type": {"enum": ["int", "float"]}, "min": {"type": "number"}, "max": {"type": "number"},
                "field": {"$ref": "#/$defs/field"}, "fields": {"$ref": "#/$defs/fields"}},
            "additionalProperties": False,
            "allOf": [
                {"if": {"properties": {"widget": {"const": w}}},
                 "then": {"propertyNames": {"enum": ["label", "name", "widget", "required", "hint",
                                                     *(["pattern"] if w == "string" else []), *sorted(options)]}}}
                for w, options in WIDGET_OPTIONS.items()
            ] + [
                {"if": {"properties": {"widget": {"const": "select"}}}, "then": {"required": ["options"]}},
                {"if": {"properties": {"widget": {"const": "object"}}}, "then": {"required": ["fields"]}},
                {"if": {"properties": {"widget": {"const": "list"}}},
                 "then": {"oneOf": [{"required": ["field"]}, {"required": ["fields"]}]}},
            ],
        },
    },
}


def _enabled(folder: Path) -> Path:
    """The demo portal with the web editor enabled, in ``folder``."""
    root = folder / "sites"
    shutil.copytree(PROJECT / "sites", root)
    (root / "vendor").mkdir()
    (root / "vendor/decap-cms.js").write_bytes(SCRIPT)
    with open(root / "portal.yaml", "a", encoding="utf-8") as handle:
        handle.write(CMS)
    return root


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    return _enabled(tmp_path)


@pytest.fixture(scope="module")
def enabled(tmp_path_factory) -> Path:
    return _enabled(tmp_path_factory.mktemp("decap"))


@pytest.fixture(scope="module")
def built(enabled: Path) -> Path:
    out = enabled.parent / "public"
    result = run("build", str(enabled), "-o", str(out), "--now", NOW, "--no-cache")
    assert result.exit_code == 0, result.output
    return out


def _config(built: Path) -> dict:
    return yaml.safe_load((built / "nam-dinh/admin/config.yml").read_text(encoding="utf-8"))


def test_config_validates_against_decap_schema(built: Path) -> None:
    Draft202012Validator.check_schema(DECAP_SCHEMA)
    config = _config(built)
    errors = sorted(Draft202012Validator(DECAP_SCHEMA).iter_errors(config), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    assert config["publish_mode"] == "editorial_workflow" and config["locale"] == "vi"
    assert config["backend"] == {"name": "gitlab", "repo": "ubnd-namdinh/cong-thong-tin",
                                 "base_url": "https://git.namdinh.gov.vn",
                                 "api_root": "https://git.namdinh.gov.vn/api/v4", "app_id": "portalgen-test",
                                 "auth_type": "pkce", "branch": "main"}
    names = [c["name"] for c in config["collections"]]
    assert len(names) == len(set(names))


def test_collections_match_the_content_folders(built: Path, enabled: Path) -> None:
    config = _config(built)
    folders = {c["folder"]: c for c in config["collections"] if "folder" in c}
    files = read_portal(enabled)
    expected = {f"sites/{u.path}/{s.folder}" for u in files.units for s in REGISTRY}
    expected |= {f"sites/{u.path}/pages/en" for u in files.units}
    expected |= {f"sites/catalog/procedures/{level}" for level in ("province", "district", "commune")}
    assert set(folders) == expected
    for unit in files.units:  # every file of the demo is in the collection of its folder, in its format
        for section, records in unit.items.items():
            for record in records:
                rel = record.path[len(unit.path) + len(section) + 2:]
                folder = f"sites/{unit.path}/{section}"
                if section == "pages" and rel.startswith("en/"):
                    folder, rel = folder + "/en", rel[3:]
                collection = folders[folder]
                depth = collection.get("path", "{{slug}}").count("/") + 1
                assert rel.count("/") + 1 in (depth, depth + 1) if rel.endswith("/index.md") else \
                    rel.count("/") + 1 == depth, record.path
                assert record.path.endswith("." + collection["extension"]), record.path
                assert collection["format"] == ("frontmatter" if REGISTRY.folders()[section].fmt == "md" else "yml")
                assert collection["media_folder"] == "" and collection["public_folder"] == ""
    units = config["collections"][0]["files"]
    assert [f["file"] for f in units] == [f"sites/{u.path}/unit.yaml" for u in files.units]


def _compare(fields: list[dict], node: dict, where: str) -> None:
    """Decap fields equal the JSON Schema's properties: names, order, required, kinds, nesting."""
    props = node.get("properties", {})
    assert [f["name"] for f in fields] == list(props), where
    for f in fields:
        sub = props[f["name"]]
        at = f"{where}.{f['name']}"
        assert f["required"] == (f["name"] in node.get("required", [])), at
        assert f["label"] == sub["title"], at
        if "enum" in sub:
            assert f["widget"] == "select" and f["options"] == sub["enum"], at
        elif sub.get("format") in ("date", "date-or-datetime"):
            assert f["widget"] == "datetime", at
        elif sub.get("type") == "object":
            assert f["widget"] == "object", at
            _compare(f["fields"], sub, at)
        elif sub.get("type") == "array":
            assert f["widget"] == "list", at
            if sub["items"].get("type") == "object":
                _compare(f["fields"], sub["items"], at + "[]")
            else:
                assert f["field"]["widget"] in ("string", "text"), at
        else:
            expected = {"string": {"string", "text", "file", "image"}, "integer": {"number"},
                        "number": {"number"}, "boolean": {"boolean"}}[sub["type"]]
            assert f["widget"] in expected, at


def test_fields_match_the_json_schemas(built: Path) -> None:
    config = _config(built)
    kinds = dict(REGISTRY.folders())
    for collection in config["collections"]:
        if "files" in collection:
            for entry in collection["files"]:
                _compare(entry["fields"], schema.validator("unit").schema, entry["name"])
            continue
        folder = collection["folder"]
        section = kinds["procedures" if folder.startswith("sites/catalog/") else
                        "pages" if folder.endswith("/pages/en") else folder.rsplit("/", 1)[-1]]
        fields = collection["fields"]
        if section.fmt == "md":
            assert fields[-1] == {"label": "Nội dung", "name": "body", "widget": "markdown", "required": False,
                                  "hint": "Nội dung bài (Markdown)."}
            fields = fields[:-1]
        _compare(fields, schema.validator(section.kind).schema, collection["name"])
        names = [f["name"] for f in collection["fields"]]
        assert collection.get("identifier_field", "title") in names, collection["name"]
    news = next(c for c in config["collections"] if c.get("folder") == "sites/nam-dinh/news")
    assert news["path"] == "{{year}}/{{slug}}"
    attachments = next(f for f in news["fields"] if f["name"] == "attachments")
    assert [f["widget"] for f in attachments["fields"]] == ["file", "string"]
    image = next(f for f in news["fields"] if f["name"] == "image")
    assert [f["widget"] for f in image["fields"]] == ["image", "string", "string"]
    date = next(f for f in news["fields"] if f["name"] == "date")
    assert date["format"] == "YYYY-MM-DD HH:mm"


def test_admin_only_in_top_sites_and_only_when_enabled(built: Path, demo: Path) -> None:
    assert sorted(p.relative_to(built).as_posix() for p in built.rglob("admin/*")) == [
        "nam-dinh/admin/.htaccess", "nam-dinh/admin/config.yml", "nam-dinh/admin/decap-cms.js",
        "nam-dinh/admin/index.html"]
    assert (built / "nam-dinh/admin/decap-cms.js").read_bytes() == SCRIPT
    assert not list(demo.rglob("admin"))
    page = (built / "nam-dinh/admin/index.html").read_text(encoding="utf-8")
    assert '<script src="decap-cms.js"></script>' in page and "http" not in page
    assert "admin" not in (built / "nam-dinh/sitemap.xml").read_text(encoding="utf-8")


def test_admin_folder_ships_the_editor_policy_for_apache(built: Path) -> None:
    text = (built / "nam-dinh/admin/.htaccess").read_text(encoding="utf-8")
    policy = re.search(r'Content-Security-Policy "([^"]+)"', text)[1]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "connect-src 'self' https://git.namdinh.gov.vn;" in policy
    assert "img-src 'self' data: blob: https://git.namdinh.gov.vn;" in policy
    site = (built / "nam-dinh/.htaccess").read_text(encoding="utf-8")
    assert "style-src 'self';" in site  # the rest of the site keeps the strict policy


def test_admin_page_passes_the_nu_html_checker(built: Path) -> None:
    require("vnu", have_vnu())
    assert vnu_errors(built / "nam-dinh/admin/index.html") == []


def test_same_input_same_config(enabled: Path, tmp_path: Path, built: Path) -> None:
    again = tmp_path / "again"
    assert run("build", str(enabled), "-o", str(again), "--now", NOW, "--no-cache").exit_code == 0
    for name in ("config.yml", "index.html"):
        assert (again / "nam-dinh/admin" / name).read_bytes() == (built / "nam-dinh/admin" / name).read_bytes()


@pytest.mark.parametrize("change, code", [
    (("script: vendor/decap-cms.js", "script: vendor/khong-co.js"), "CMS_SCRIPT_MISSING"),
    (("script: vendor/decap-cms.js", "script: ../decap-cms.js"), "CMS_SCRIPT_MISSING"),
    (("  repo: ubnd-namdinh/cong-thong-tin\n", ""), "FIELD_MISSING"),
    (("backend: gitlab", "backend: bitbucket"), "FIELD_ENUM"),
])
def test_configuration_errors(change: tuple[str, str], code: str, portal: Path, tmp_path: Path) -> None:
    (tmp_path / "decap-cms.js").write_bytes(SCRIPT)
    config = portal / "portal.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    result = run("check", str(portal), "--now", NOW)
    assert result.exit_code == 2, result.output
    assert code in result.output and "portal.yaml:" in result.output and "Traceback" not in result.output


def test_git_gateway_needs_no_repo(portal: Path) -> None:
    config = portal / "portal.yaml"
    text = config.read_text(encoding="utf-8").replace("backend: gitlab", "backend: git-gateway")
    config.write_text(text.replace("  repo: ubnd-namdinh/cong-thong-tin\n", ""), encoding="utf-8")
    assert run("check", str(portal), "--now", NOW).exit_code == 0


def test_folder_setting_and_simple_workflow() -> None:
    cms = {"backend": "github", "repo": "a/b", "script": "x.js", "folder": ".", "editorial_workflow": False}
    config = decap.config(cms, "tinh", [("tinh", "Tỉnh")], [("province", "Cấp tỉnh")], "https://x/")
    assert "publish_mode" not in config
    assert config["collections"][1]["folder"] == "tinh/news"
    assert config["media_folder"] == "tinh/_media"
