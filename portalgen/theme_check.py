"""The portal's theme overrides, judged before they are used, and the sandbox every template runs in.

A portal may override templates, static files and strings in its own ``themes/default/``.  The
province's board writes them, so they are checked like content: no link or special file (a link
would publish its target), every file and folder readable, each template compiles, strings and
settings have the theme's form.  Templates (the built-in ones too) run in Jinja's immutable
sandbox: no attribute of Python's internals, no call that changes data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable

import jinja2
from jinja2 import meta, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .content_types import REGISTRY
from .problems import Problem, problem
from .sources import Record, read_text, read_yaml_record
from .yamlio import parse_yaml

THEME = "default"
OVERRIDES = f"themes/{THEME}"  # the portal's overrides, relative to the portal folder
TEMPLATES = f"{OVERRIDES}/templates/"
STATIC = f"{OVERRIDES}/static/"
LANGUAGES = ("vi", "en")
# the forms a value of an override's YAML file may have: (Vietnamese, English)
_STRING = ("một nhóm bản dịch {vi: \"…\", en: \"…\"}", "a group of translations {vi: \"…\", en: \"…\"}")
_TEXT = ("một đoạn chữ", "text")
_ASSETS = ("một nhóm “tên: tệp trong static/”", "a group of \"name: file in static/\"")


def builtin_theme_root() -> Path:
    """The theme shipped with portalgen: the checkout's ``themes/default``, or the installed copy."""
    checkout = Path(__file__).resolve().parent.parent / "themes" / THEME
    return checkout if checkout.is_dir() else Path(__file__).resolve().parent / "themes" / THEME


class ThemeFailure(Exception):
    """A theme that cannot be used (an override with an error, a template that failed): why."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__(problems)
        self.problems = problems


class _Environment(ImmutableSandboxedEnvironment):
    """Jinja as portalgen uses it: sandboxed, and the contexts are mappings, so ``{{ site.name }}``
    reads the key first (Jinja's own lookup tries an attribute, and fails, first); other objects
    as the sandbox allows."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict or type(obj) is MappingProxyType:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def environment(loader: jinja2.BaseLoader | None = None,
                compiled: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """The sandboxed environment templates are checked and rendered in (``compiled``: where the
    compiled templates are kept, each checked against its source)."""
    # no auto_reload: a template that changes is a new theme (a new build, or a new session epoch)
    return _Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                        lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False,
                        bytecode_cache=compiled)


@dataclass(frozen=True)
class _Template:
    """An override template that compiles: its name in the lookup chain and its syntax tree."""

    name: str
    tree: nodes.Template


def check_theme(root: Path) -> list[Problem]:
    """Every problem of the portal's theme overrides (none when it has none)."""
    problems: list[Problem] = []
    files = _override_files(root, problems)
    env = environment()
    templates = [t for t in (_template(root, rel, env, problems) for rel in files if rel.startswith(TEMPLATES))
                 if t is not None]
    if templates:
        problems += _unused_templates(templates)
    for rel in files:
        if rel == f"{OVERRIDES}/messages.yaml":
            _strings(read_yaml_record(root, rel, "theme", problems), _string_keys(templates), problems)
        elif rel == f"{OVERRIDES}/theme.yaml":
            _settings(read_yaml_record(root, rel, "theme", problems), _static_names(files), problems)
        elif not rel.startswith(TEMPLATES):
            _readable(root, rel, problems)
    return problems


def _override_files(root: Path, problems: list[Problem]) -> list[str]:
    """The regular files of the overrides (paths relative to the portal) in name order; a link or
    special file on the way is a problem, never followed."""
    for rel in ("themes", OVERRIDES):
        if (root / rel).is_symlink():
            problems.append(problem("THEME_LINK", rel, file=rel))
            return []
        if not (root / rel).is_dir():
            return []
    files: list[str] = []
    _walk(root, OVERRIDES, files, problems)
    return files


def _walk(root: Path, rel: str, files: list[str], problems: list[Problem]) -> None:
    """Add the regular files under the folder ``rel`` to ``files``."""
    try:
        with os.scandir(root / rel) as found:
            entries = sorted(found, key=lambda e: e.name)
    except OSError as exc:
        problems.append(problem("FILE_UNREADABLE", rel, reason=exc.strerror or type(exc).__name__))
        return
    for entry in entries:
        child = f"{rel}/{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            _walk(root, child, files, problems)
        elif entry.is_file(follow_symlinks=False):
            files.append(child)
        else:
            problems.append(problem("THEME_LINK", child, file=child))


def _template(root: Path, rel: str, env: jinja2.Environment, problems: list[Problem]) -> _Template | None:
    """An override template read and compiled; a problem when it cannot be."""
    text = read_text(root, rel, problems)
    if text is None:
        return None
    name = rel.removeprefix(TEMPLATES)
    try:
        tree = env.parse(text, name, rel)
        env.compile(tree, name, rel)
    except jinja2.TemplateSyntaxError as exc:
        problems.append(problem("THEME_TEMPLATE_SYNTAX", rel, exc.lineno, template=name,
                                detail=(exc.message or str(exc)).rstrip(".")))
        return None
    return _Template(name, tree)


def _unused_templates(templates: list[_Template]) -> list[Problem]:
    """A warning for each override template that is neither a built-in one nor included by another."""
    folder = builtin_theme_root() / "templates"
    known = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    known |= {name for kind in REGISTRY for name in kind.templates}
    known |= {name for t in templates for name in meta.find_referenced_templates(t.tree) if name}
    return [problem("THEME_TEMPLATE_UNUSED", TEMPLATES + t.name, template=t.name)
            for t in templates if t.name not in known]


def _string_keys(templates: Iterable[_Template]) -> set[str]:
    """The names the override templates read from a mapping (``t.name``, ``t["name"]``)."""
    keys = {node.attr for t in templates for node in t.tree.find_all(nodes.Getattr)}
    return keys | {node.arg.value for t in templates for node in t.tree.find_all(nodes.Getitem)
                   if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str)}


def _strings(record: Record, used: set[str], problems: list[Problem]) -> None:
    """Each overridden string: known to the theme (or read by an override template, or naming a content
    type's section), in every language, as text."""
    if not isinstance(record.data, dict):
        return  # reported by the reader
    known = _builtin_yaml("messages.yaml").keys() | used | {kind.label for kind in REGISTRY}
    for key, value in record.data.items():
        at = record.at(_pointer(key))
        if key not in known:
            problems.append(problem("THEME_STRING_UNKNOWN", record.path, *at, field=key))
        if not isinstance(value, dict):
            problems.append(_type(record, (key,), _STRING))
            continue
        for lang in LANGUAGES:
            if lang not in value:
                problems.append(problem("THEME_STRING_LANGUAGE_MISSING", record.path, *at, field=key, language=lang))
            elif not isinstance(value[lang], str):
                problems.append(_type(record, (key, lang), _TEXT))
        problems += [problem("THEME_STRING_UNKNOWN", record.path, *record.at(_pointer(key, lang)),
                             field=f"{key}.{lang}") for lang in value if lang not in LANGUAGES]


def _settings(record: Record, static: set[str], problems: list[Problem]) -> None:
    """The overridden ``assets`` of ``theme.yaml``: names of static files of the theme."""
    if not isinstance(record.data, dict):
        return  # reported by the reader
    assets = record.data.get("assets", {})
    if not isinstance(assets, dict):
        problems.append(_type(record, ("assets",), _ASSETS))
        return
    for name, file_name in assets.items():
        if not isinstance(file_name, str):
            problems.append(_type(record, ("assets", name), _TEXT))
        elif file_name not in static:
            problems.append(problem("THEME_ASSET_MISSING", record.path, *record.at(_pointer("assets", name)),
                                    field=f"assets.{name}", file=file_name))


def _static_names(files: Iterable[str]) -> set[str]:
    """The static files of the theme (the overrides' and the built-in ones), by name under ``static/``."""
    folder = builtin_theme_root() / "static"
    names = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    return names | {rel.removeprefix(STATIC) for rel in files if rel.startswith(STATIC)}


def _readable(root: Path, rel: str, problems: list[Problem]) -> None:
    """A problem when an override file cannot be read."""
    try:
        (root / rel).read_bytes()
    except OSError as exc:
        problems.append(problem("FILE_UNREADABLE", rel, reason=exc.strerror or type(exc).__name__))


def _type(record: Record, keys: tuple[str, ...], expected: tuple[str, str]) -> Problem:
    """A value of the wrong form in an override's YAML file: what it should be, in Vietnamese and English."""
    return problem("THEME_VALUE_TYPE", record.path, *record.at(_pointer(*keys)), field=".".join(keys),
                   expected=expected[0], expected_en=expected[1])


def _pointer(*keys: str) -> str:
    """The JSON pointer of a field (``/assets/css``)."""
    return "".join("/" + key.replace("~", "~0").replace("/", "~1") for key in keys)


def _builtin_yaml(name: str) -> dict:
    """A YAML file of the built-in theme."""
    return read_theme_yaml(builtin_theme_root() / name)


def read_theme_yaml(path: Path) -> dict:
    """A theme's YAML file as a mapping (empty when there is none)."""
    if not path.is_file():
        return {}
    parsed = parse_yaml(path.read_text(encoding="utf-8"))
    return parsed.data if isinstance(parsed.data, dict) else {}
