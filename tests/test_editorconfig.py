"""``portalgen editor-config``: the VS Code YAML mapping is well formed, complete and correct."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, Draft202012Validator

from portalgen import editorconfig
from portalgen.sources import read_portal
from portalgen.yamlio import parse_yaml

from conftest import THREE_LEVEL, run

#: The structure of the settings the YAML extension reads (its ``yaml.schemas`` contribution:
#: schema URL or path → one glob or a list of globs), and the extensions file.
SETTINGS_SCHEMA = {
    "type": "object",
    "required": ["yaml.schemas"],
    "properties": {"yaml.schemas": {
        "type": "object", "minProperties": 1,
        "propertyNames": {"pattern": r"^\./\.vscode/portalgen-schemas/[a-z]+\.json$"},
        "additionalProperties": {"type": "array", "minItems": 1, "uniqueItems": True,
                                 "items": {"type": "string", "pattern": r"^[^/\\][^\\]*\.ya?ml$"}}}},
}
EXTENSIONS_SCHEMA = {"type": "object", "required": ["recommendations"], "properties": {
    "recommendations": {"type": "array", "items": {"type": "string", "pattern": r"^[a-z0-9-]+\.[a-z0-9-]+$"},
                        "uniqueItems": True}}}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(THREE_LEVEL, tmp_path / "sites")
    result = run("editor-config", str(tmp_path / "sites"), "--workspace", str(tmp_path))
    assert result.exit_code == 0, result.output
    return tmp_path


def _kinds_by_file(root: Path, prefix: str) -> dict[str, str]:
    portal = read_portal(root)
    kinds = {f"{prefix}portal.yaml": "portal"}
    for unit in portal.units:
        kinds[f"{prefix}{unit.record.path}"] = "unit"
        kinds.update({f"{prefix}{r.path}": r.kind for rs in unit.items.values() for r in rs})
    kinds.update({f"{prefix}{r.path}": r.kind for rs in portal.catalog.values() for r in rs})
    return kinds


def test_settings_are_well_formed(workspace: Path) -> None:
    settings = json.loads((workspace / ".vscode/settings.json").read_text(encoding="utf-8"))
    Draft202012Validator(SETTINGS_SCHEMA).validate(settings)
    Draft202012Validator(EXTENSIONS_SCHEMA).validate(
        json.loads((workspace / ".vscode/extensions.json").read_text(encoding="utf-8")))
    assert "redhat.vscode-yaml" in (workspace / ".vscode/extensions.json").read_text(encoding="utf-8")


def test_every_yaml_file_maps_to_its_own_schema(workspace: Path) -> None:
    settings = json.loads((workspace / ".vscode/settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    kinds = _kinds_by_file(workspace / "sites", "sites/")
    yaml_files = {path for path in kinds if path.endswith((".yaml", ".yml"))}
    mapped: dict[str, str] = {}
    for schema_path, globs in settings.items():
        kind = Path(schema_path).stem
        schema_file = workspace / schema_path
        assert schema_file.is_file(), schema_path
        matched = {p.relative_to(workspace).as_posix() for g in globs for p in workspace.glob(g)}
        assert matched, f"{kind}: no demo file matches {globs}"
        for path in matched:
            assert kinds.get(path) == kind, f"{path} is mapped to {kind}"
            mapped[path] = kind
        validator = Draft7Validator(json.loads(schema_file.read_text(encoding="utf-8")))
        Draft7Validator.check_schema(validator.schema)
        for path in matched:  # the demo is valid, so the editor must not flag it
            data = parse_yaml((workspace / path).read_text(encoding="utf-8")).data
            assert not list(validator.iter_errors(data)), path
    assert set(mapped) == yaml_files, "YAML content files without a schema"
    assert not any(path.endswith(".md") for path in mapped)


def test_editor_schema_keeps_the_rules() -> None:
    faq = Draft7Validator(editorconfig.editor_schema("faq"))
    assert not list(faq.iter_errors({"asked": "2026-11-27", "question": "Hỏi?"}))
    errors = [e.message for e in faq.iter_errors({"asked": "2026-11-27", "question": "Hỏi?", "answer": "Đáp."})]
    assert any("answered" in m for m in errors)
    news = Draft7Validator(editorconfig.editor_schema("unit"))
    assert any("tittle" in e.message for e in news.iter_errors({"tittle": "x"}))
    assert "$id" not in json.dumps(editorconfig.editor_schema("portal"))


def test_merge_check_and_errors(tmp_path: Path) -> None:
    shutil.copytree(THREE_LEVEL, tmp_path / "sites")
    (tmp_path / ".vscode").mkdir()
    (tmp_path / ".vscode/settings.json").write_text('{"editor.wordWrap": "on"}', encoding="utf-8")
    (tmp_path / ".vscode/extensions.json").write_text('{"recommendations": ["yzhang.markdown-all-in-one"]}')
    args = ("editor-config", str(tmp_path / "sites"), "--workspace", str(tmp_path))
    assert run(*args, "--check").exit_code == 1
    assert run(*args).exit_code == 0
    settings = json.loads((tmp_path / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["editor.wordWrap"] == "on" and "yaml.schemas" in settings
    recommended = json.loads((tmp_path / ".vscode/extensions.json").read_text())["recommendations"]
    assert recommended == ["yzhang.markdown-all-in-one", "redhat.vscode-yaml"]
    before = (tmp_path / ".vscode/settings.json").read_bytes()
    result = run(*args)
    assert result.exit_code == 0 and "0" in result.output
    assert (tmp_path / ".vscode/settings.json").read_bytes() == before
    assert run(*args, "--check").exit_code == 0
    (tmp_path / ".vscode/settings.json").write_text("{// comment\n}", encoding="utf-8")
    result = run(*args)
    assert result.exit_code == 2 and "JSON" in result.output and "Traceback" not in result.output
    result = run("editor-config", str(tmp_path / "sites"), "--workspace", str(tmp_path / "sites" / "nam-dinh"))
    assert result.exit_code == 2 and "không nằm trong" in result.output


def test_portal_at_workspace_root() -> None:
    patterns = editorconfig.file_patterns("")
    assert patterns["portal"] == ["portal.yaml"] and patterns["unit"] == ["**/unit.yaml"]
