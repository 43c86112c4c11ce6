"""``portalgen editor-config``: VS Code settings that give editors completion and inline errors.

The YAML extension (redhat.vscode-yaml) validates a YAML file against the JSON Schema its
``yaml.schemas`` setting maps it to.  The mapping, and a self-contained copy of each schema in the
form that extension reads (JSON Schema draft-07, no references to other files), come from
``content-schema/`` and from where :mod:`sources` looks for each content type.  Markdown front
matter is not YAML to the extension, so news, pages, consultations and procurement are not mapped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import schema
from .content_types import REGISTRY
from .failures import UsageFailure
from .sources import YAML_SUFFIXES

EXTENSION = "redhat.vscode-yaml"
SCHEMA_FOLDER = ".vscode/portalgen-schemas"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def file_patterns(portal: str) -> dict[str, list[str]]:
    """Glob patterns (relative to the workspace) of every YAML content file, by content type.

    ``portal`` is the portal folder relative to the workspace ('' when it is the workspace).
    """
    prefix = f"{portal.strip('/')}/" if portal.strip("/. ") else ""
    patterns = {"portal": [f"{prefix}portal.yaml"], "unit": [f"{prefix}**/unit.yaml"]}
    for section in REGISTRY:
        if section.fmt == "yaml":
            patterns[section.kind] = [f"{prefix}**/{section.folder}/**/*{suffix}" for suffix in YAML_SUFFIXES]
    return dict(sorted(patterns.items()))


def _draft07(node: Any) -> Any:
    """A 2020-12 schema (references already inlined) in draft-07 terms."""
    if isinstance(node, list):
        return [_draft07(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "$id":
            continue
        if key == "dependentRequired":
            out["dependencies"] = value
        elif key in ("enum", "required", "const"):
            out[key] = value
        else:
            out[key] = _draft07(value)
    return out


def editor_schema(kind: str) -> dict:
    """One content type's schema, self-contained and in draft-07 form."""
    converted = _draft07(schema.validator(kind).schema)
    converted["$schema"] = DRAFT_07
    return converted


def _dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def read_current(workspace: Path, rel: str) -> dict:
    """An existing settings file's data ({} when absent), so other settings are kept."""
    path = workspace / rel
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UsageFailure("SETTINGS_UNREADABLE", path=path, reason=exc) from None
    if not isinstance(data, dict):
        raise UsageFailure("SETTINGS_NOT_OBJECT", path=path)
    return data


def files(portal: str, settings: dict | None = None, extensions: dict | None = None) -> dict[str, bytes]:
    """Every file to write, by path relative to the workspace: the settings (other settings kept,
    ``yaml.schemas`` replaced), the recommended extension added, and the schema copies."""
    patterns = file_patterns(portal)
    settings = {**(settings or {}),
                "yaml.schemas": {f"./{SCHEMA_FOLDER}/{kind}.json": globs for kind, globs in patterns.items()}}
    extensions = dict(extensions or {})
    recommended = [r for r in extensions.get("recommendations") or [] if r != EXTENSION]
    extensions["recommendations"] = [*recommended, EXTENSION]
    out = {".vscode/settings.json": _dump(settings), ".vscode/extensions.json": _dump(extensions)}
    for kind in patterns:
        out[f"{SCHEMA_FOLDER}/{kind}.json"] = _dump(editor_schema(kind))
    return out


def generate(portal_dir: Path, workspace: Path) -> dict[str, bytes]:
    """The files for a workspace holding the portal folder, existing settings merged."""
    try:
        portal = portal_dir.resolve().relative_to(workspace.resolve()).as_posix()
    except ValueError:
        raise UsageFailure("PORTAL_OUTSIDE_WORKSPACE", portal=portal_dir, workspace=workspace) from None
    return files(portal, read_current(workspace, ".vscode/settings.json"),
                 read_current(workspace, ".vscode/extensions.json"))


def stale(workspace: Path, wanted: dict[str, bytes]) -> list[str]:
    """The files that are missing or differ from what would be written."""
    return [rel for rel, data in wanted.items()
            if not (workspace / rel).is_file() or (workspace / rel).read_bytes() != data]


def write(workspace: Path, wanted: dict[str, bytes]) -> list[str]:
    """Write the files that changed; returns their paths."""
    changed = stale(workspace, wanted)
    for rel in changed:
        target = workspace / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(wanted[rel])
    return changed
