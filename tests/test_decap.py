"""The web editor (Decap CMS): configuration generated from the schemas, admin/ in the build."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from portalgen import decap, decap_package, schema
from portalgen.content_types import REGISTRY
from portalgen.load import load_portal
from portalgen.resolve import resolve
from portalgen.sources import read_portal

import portal_builder
from conftest import THREE_LEVEL, run
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
    "datetime": {"format", "date_format", "time_format"}, "select": {"options", "default"},
    "number": {"value_type", "min", "max"}, "list": {"field", "fields", "label_singular"}, "object": {"fields"},
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
        "locale": {"type": "string"}, "site_url": {"type": "string"}, "local_backend": {"type": "boolean"},
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
                "options": {"type": "array", "minItems": 1, "items": {"anyOf": [
                    {"type": "string"},
                    {"type": "object", "required": ["label", "value"], "additionalProperties": False,
                     "properties": {"label": {"type": "string"}, "value": {"type": "string"}}}]}},
                "default": {"type": "string"},
                "format": {"type": "string"}, "date_format": {"type": "string"},
                "time_format": {"anyOf": [{"type": "string"}, {"const": False}]},
                "label_singular": {"type": "string"}, "value_type": {"enum": ["int", "float"]},
                "min": {"type": "number"}, "max": {"type": "number"},
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
    shutil.copytree(THREE_LEVEL, root)
    (root / "vendor").mkdir()
    (root / "vendor/decap-cms.js").write_bytes(SCRIPT)
    config = root / "portal.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[:text.index("\ncms:")] + CMS, encoding="utf-8")
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


def _config(built: Path, unit: str = "nam-dinh") -> dict:
    return yaml.safe_load((built / unit / "admin/config.yml").read_text(encoding="utf-8"))


UNITS = ["nam-dinh", "nam-dinh/hai-hau", "nam-dinh/hai-hau/hai-duong", "nam-dinh/hai-hau/hai-minh",
         "nam-dinh/my-loc", "nam-dinh/my-loc/my-ha", "nam-dinh/my-loc/my-tan"]


@pytest.mark.parametrize("unit", UNITS)
def test_config_validates_against_decap_schema(built: Path, unit: str) -> None:
    Draft202012Validator.check_schema(DECAP_SCHEMA)
    config = _config(built, unit)
    errors = sorted(Draft202012Validator(DECAP_SCHEMA).iter_errors(config), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    assert config["publish_mode"] == "editorial_workflow" and config["locale"] == "vi"
    assert config["backend"] == {"name": "gitlab", "repo": "ubnd-namdinh/cong-thong-tin",
                                 "base_url": "https://git.namdinh.gov.vn",
                                 "api_root": "https://git.namdinh.gov.vn/api/v4", "app_id": "portalgen-test",
                                 "auth_type": "pkce", "branch": "main"}
    names = [c["name"] for c in config["collections"]]
    assert len(names) == len(set(names))
    assert "local_backend" not in config


def _section(folder: str):
    return REGISTRY.folders()["procedures" if "/catalog/" in f"/{folder}" else
                              "pages" if folder.endswith("/pages/en") else folder.rsplit("/", 1)[-1]]


def test_each_unit_lists_only_its_own_content(built: Path, enabled: Path) -> None:
    files = read_portal(enabled)
    for unit in files.units:
        config = _config(built, unit.path)
        folders = {c["folder"]: c for c in config["collections"] if "folder" in c}
        expected = {f"sites/{unit.path}/{s.folder}" for s in REGISTRY} | {f"sites/{unit.path}/pages/en"}
        if unit.parent is None:  # the province keeps the procedures every unit of a level shares
            expected |= {f"sites/catalog/procedures/{level}" for level in ("province", "district", "commune")}
        assert set(folders) == expected, unit.path
        assert [f["file"] for f in config["collections"][0]["files"]] == [f"sites/{unit.path}/unit.yaml"]
        for section, records in unit.items.items():  # every file is listed: in its collection's depth, format
            for record in records:
                rel = record.path[len(unit.path) + len(section) + 2:]
                folder = f"sites/{unit.path}/{section}"
                if section == "pages" and rel.startswith("en/"):
                    folder, rel = folder + "/en", rel[3:]
                collection = folders[folder]
                assert rel.count("/") + 1 <= collection.get("path", "{{slug}}").count("/") + 1, record.path
                assert record.path.endswith("." + collection["extension"]), record.path
                assert collection["format"] == ("frontmatter" if _section(folder).fmt == "md" else "yml")
                assert collection["media_folder"] == "" and collection["public_folder"] == ""


def _values(options: list) -> list[str]:
    return [o["value"] if isinstance(o, dict) else o for o in options]


def _compare(fields: list[dict], node: dict, where: str, required: bool = True) -> None:
    """Decap fields equal the JSON Schema's properties: names, order, required, kinds, nesting."""
    props = node.get("properties", {})
    assert [f["name"] for f in fields] == list(props), where
    for f in fields:
        sub = props[f["name"]]
        at = f"{where}.{f['name']}"
        assert f["required"] == (required and f["name"] in node.get("required", [])), at
        assert f["label"] == sub["title"], at
        if "enum" in sub:
            assert f["widget"] == "select" and set(_values(f["options"])) <= set(sub["enum"]), at
        elif sub.get("format") in ("date", "date-or-datetime"):
            assert f["widget"] == "datetime", at
        elif sub.get("type") == "object":
            assert f["widget"] == "object", at
            _compare(f["fields"], sub, at, f["required"])
        elif sub.get("type") == "array":
            assert f["widget"] == "list", at
            if sub["items"].get("type") == "object":
                _compare(f["fields"], sub["items"], at + "[]")
            else:
                assert f["field"]["widget"] in ("string", "text"), at
        else:
            expected = {"string": {"string", "text", "file", "image", "select"}, "integer": {"number"},
                        "number": {"number"}, "boolean": {"boolean"}}[sub["type"]]
            assert f["widget"] in expected, at


def test_fields_match_the_json_schemas(built: Path) -> None:
    config = _config(built)
    for collection in config["collections"]:
        if "files" in collection:
            for entry in collection["files"]:
                _compare(entry["fields"], schema.validator("unit").schema, entry["name"])
            continue
        section = _section(collection["folder"])
        fields = collection["fields"]
        if section.fmt == "md":
            assert fields[-1] == {"label": "Nội dung", "name": "body", "widget": "markdown", "required": False,
                                  "hint": "Nội dung bài."}
            fields = fields[:-1]
        _compare(fields, schema.validator(section.kind).schema, collection["name"])
        names = [f["name"] for f in collection["fields"]]
        assert collection.get("identifier_field", "title") in names, collection["name"]
    news = next(c for c in config["collections"] if c.get("folder") == "sites/nam-dinh/news")
    assert news["path"] == "{{year}}/{{slug}}/index"  # a new item is a bundle: its uploads beside it
    attachments = next(f for f in news["fields"] if f["name"] == "attachments")
    assert [f["widget"] for f in attachments["fields"]] == ["file", "string"]
    date = next(f for f in news["fields"] if f["name"] == "date")
    assert date["format"] == "YYYY-MM-DD HH:mm" and "2026" not in date["hint"]


def _field(config: dict, collection: str, *names: str) -> dict:
    fields = next(c for c in config["collections"] if c["name"] == collection)["fields"]
    for name in names:
        found = next(f for f in fields if f["name"] == name)
        fields = found.get("fields", [])
    return found


def test_an_optional_group_can_be_left_empty(built: Path) -> None:
    image = _field(_config(built), "news", "image")
    assert image["required"] is False and [f["required"] for f in image["fields"]] == [False, False, False]
    assert "cả tệp ảnh và mô tả ảnh" in image["hint"]
    files = _field(_config(built), "documents", "files")  # a list's items keep their required fields
    assert [f["required"] for f in files["fields"]] == [True, False]


def test_choices_come_from_the_portals_lists_with_vietnamese_labels(built: Path) -> None:
    config = _config(built, "nam-dinh/my-loc/my-tan")
    category = _field(config, "news", "category")
    assert category["widget"] == "select" and category["options"][0] == {"label": "Tin hoạt động",
                                                                          "value": "tin-hoat-dong"}
    assert len(category["options"]) == 6
    session = _field(config, "schedule", "entries", "session")
    assert session["options"] == [{"label": "Sáng", "value": "sang"}, {"label": "Chiều", "value": "chieu"},
                                  {"label": "Tối", "value": "toi"}, {"label": "Cả ngày", "value": "ca-ngay"}]
    assert "hint" not in session  # the codes need no explaining once the labels show
    status = _field(config, "news", "status")
    assert status["options"][2] == {"label": "Đã duyệt để đăng", "value": "published"}
    assert status["default"] == "draft" and "Người duyệt" in status["hint"]
    assert "Đã duyệt để đăng" in _field(config, "news", "approved_by")["hint"]
    unit = config["collections"][0]["files"][0]["fields"]
    level = next(f for f in unit if f["name"] == "level")
    assert level["options"] == [{"label": "Cấp tỉnh", "value": "province"}, {"label": "Cấp huyện", "value": "district"},
                                {"label": "Cấp xã", "value": "commune"}]
    kind = next(f for f in unit if f["name"] == "type")
    assert {"label": "Thị trấn", "value": "thi-tran"} in kind["options"] and "dac-khu" not in _values(kind["options"])


def test_hints_are_written_for_a_form(built: Path) -> None:
    text = (built / "nam-dinh/my-loc/admin/config.yml").read_text(encoding="utf-8").split("\n", 1)[1]
    for yaml_words in ("dấu nháy", "portal.yaml", "true để", "true nếu", "Đường dẫn tới tệp"):
        assert yaml_words not in text, yaml_words


def test_names_of_new_files(built: Path) -> None:
    config = _config(built)
    assert _field(config, "schedule", "week")["pattern"][0] == "^[0-9]{4}-W[0-9]{2}$"
    documents = next(c for c in config["collections"] if c["name"] == "documents")
    assert documents["slug"] == "{{number}}-{{fields.issue_date | date('YYYY')}}"


def test_every_site_has_its_editor_one_script_per_host(built: Path, three_level: Path) -> None:
    admin = sorted(p.relative_to(built).as_posix() for p in built.rglob("*")
                   if "/admin/" in p.as_posix() and not p.name.endswith(".decap-cms.js") and p.is_file())
    scripts = ["decap-cms.js", "portalgen-cms.js"]
    expected = []
    for unit in UNITS:
        names = [".htaccess", "config.yml", "index.html"]
        names += ["don-vi/index.html"] if unit in ("nam-dinh", "nam-dinh/hai-hau", "nam-dinh/my-loc") else []
        names += scripts if unit in ("nam-dinh", "nam-dinh/hai-hau") else []  # hai-hau has its own host
        expected += [f"{unit}/admin/{n}" for n in names]
    assert admin == sorted(expected)
    assert (built / "nam-dinh/admin/decap-cms.js").read_bytes() == SCRIPT
    page = (built / "nam-dinh/my-loc/my-tan/admin/index.html").read_text(encoding="utf-8")
    assert '<script src="../../../admin/decap-cms.js"></script>' in page and "http" not in page
    page = (built / "nam-dinh/hai-hau/hai-duong/admin/index.html").read_text(encoding="utf-8")
    assert '<script src="../../../admin/decap-cms.js"></script>' in page  # on the portal's host, not Hải Hậu's
    assert '<meta name="portalgen-preview-style" content="../assets/portalgen.' in page
    units = (built / "nam-dinh/admin/don-vi/index.html").read_text(encoding="utf-8")
    assert '<a href="../../my-loc/my-tan/admin/">Xã Mỹ Tân</a>' in units
    assert '<a href="https://haihau.namdinh.gov.vn/admin/">Huyện Hải Hậu</a>' in units
    helper = (built / "nam-dinh/admin/portalgen-cms.js").read_text(encoding="utf-8")
    assert '"chooseUrl": "Chèn từ địa chỉ web"' in helper and "registerPreviewStyle" in helper
    assert "admin" not in (built / "nam-dinh/sitemap.xml").read_text(encoding="utf-8")


def test_admin_folder_ships_the_editor_policy_for_apache(built: Path) -> None:
    text = (built / "nam-dinh/admin/.htaccess").read_text(encoding="utf-8")
    policy = re.search(r'Content-Security-Policy "([^"]+)"', text)[1]
    assert "script-src 'self' 'unsafe-eval';" in policy  # Decap compiles its config's schema
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "connect-src 'self' blob: https://git.namdinh.gov.vn;" in policy  # uploads are read as blobs
    assert "img-src 'self' data: blob: https://git.namdinh.gov.vn;" in policy
    assert "AddType application/yaml .yml" in text
    site = (built / "nam-dinh/.htaccess").read_text(encoding="utf-8")
    assert "style-src 'self';" in site and "unsafe-eval" not in site  # the rest of the site keeps the strict policy


def test_admin_page_passes_the_nu_html_checker(built: Path) -> None:
    require("vnu", have_vnu())
    assert vnu_errors(built / "nam-dinh/admin/index.html") == []
    assert vnu_errors(built / "nam-dinh/admin/don-vi/index.html") == []


def test_same_input_same_config(enabled: Path, tmp_path: Path, built: Path) -> None:
    again = tmp_path / "again"
    assert run("build", str(enabled), "-o", str(again), "--now", NOW, "--no-cache").exit_code == 0
    for name in ("config.yml", "index.html", "portalgen-cms.js", "don-vi/index.html"):
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
    cms = {"backend": "github", "repo": "a/b", "folder": ".", "editorial_workflow": False, "local_backend": True}
    config = decap.config(cms, "tinh", "Tỉnh", [("province", "Cấp tỉnh")], "https://x/")
    assert "publish_mode" not in config and config["local_backend"] is True
    assert config["collections"][1]["folder"] == "tinh/news"
    assert config["media_folder"] == "tinh/_media"


def test_without_script_the_npm_package_is_needed(portal: Path, tmp_path: Path) -> None:
    config = portal / "portal.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("  script: vendor/decap-cms.js\n", ""),
                      encoding="utf-8")
    assert decap_package.find_script(portal, {}, cwd=tmp_path) is None
    (tmp_path / "node_modules/decap-cms/dist").mkdir(parents=True)
    (tmp_path / "node_modules/decap-cms/dist/decap-cms.js").write_bytes(SCRIPT)
    (tmp_path / "node_modules/decap-cms/dist/12.decap-cms.js").write_bytes(b"/* part */")
    found = decap_package.find_script(portal, {})
    assert found == tmp_path / "node_modules/decap-cms/dist/decap-cms.js"  # the folder above the portal
    assert list(decap_package.script_files(found)) == ["decap-cms.js", "12.decap-cms.js"]


def test_without_package_check_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _enabled(tmp_path / "x")
    config = root / "portal.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("  script: vendor/decap-cms.js\n", ""),
                      encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # no node_modules here, nor above the portal
    result = run("check", str(root), "--now", NOW)
    assert result.exit_code == 2 and "CMS_PACKAGE_MISSING" in result.output and "npm ci" in result.output
    assert "portal.yaml:" in result.output and "Traceback" not in result.output


def test_schedule_named_in_lower_case_passes_check(portal: Path) -> None:
    schedule = portal / "nam-dinh/schedule"
    (schedule / "2026-W48.yaml").rename(schedule / "2026-w48.yaml")
    result = run("check", str(portal), "--now", NOW, "--errors-only")
    assert result.exit_code == 0, result.output


def test_with_100_communes_each_editor_lists_only_its_own_sections(tmp_path: Path) -> None:
    root = portal_builder.portal_2025(tmp_path / "sites")
    communes = [f"tinh-a/xa-{n:03d}" for n in range(100)]
    for n, folder in enumerate(communes):
        portal_builder.write(root, f"{folder}/unit.yaml", portal_builder.UNIT.format(
            code=f"{20000 + n}", name=f"Xã {n:03d}", type="xa", level="commune", slug=folder.rsplit("/", 1)[1]))
    portal_builder.write(root, "vendor/decap-cms.js", SCRIPT)
    portal_builder.write(root, "portal.yaml", portal_builder.PORTAL_2025 + CMS)
    loaded = load_portal(root)
    assert loaded.portal is not None and not [p for p in loaded.problems if p.code.startswith("CMS")]
    tree = resolve(loaded.portal, dt.datetime(2026, 11, 27))
    assert len(tree.sites) == 103
    sections = len(list(REGISTRY)) + 1  # and the English pages
    for path in sorted(tree.sites):
        files = decap.site_admin(root, tree, path, "assets/portalgen.css")
        config = yaml.safe_load(files[f"{path}/admin/config.yml"])
        folders = [c["folder"] for c in config["collections"] if "folder" in c]
        own = [f for f in folders if f.startswith(f"sites/{path}/")]
        assert all(f[len(f"sites/{path}/"):].count("/") <= 1 for f in own), path  # not a unit's below
        assert len(own) == sections, path
        assert len(folders) == sections + (2 if path == "tinh-a" else 0), path  # the province's catalog
        assert [f["file"] for f in config["collections"][0]["files"]] == [f"sites/{path}/unit.yaml"]
        assert (f"{path}/admin/decap-cms.js" in files) == (path == "tinh-a")  # one copy for the shared host
    units = decap.site_admin(root, tree, "tinh-a", "assets/portalgen.css")["tinh-a/admin/don-vi/index.html"]
    assert units.count(b"<li>") == 102 and b'<a href="../../xa-042/admin/">' in units
