"""Which module may import which: the layers of docs/architecture.md, and no import cycle.

Each module of ``portalgen`` belongs to one layer; a module imports only from its own layer or
the layers below it (imports inside functions included), and no two modules import each other,
directly or not.  A new module must be placed in a layer here (the test names it otherwise).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "portalgen"

#: The layers, lowest first: module names relative to ``portalgen`` (``pkg.*``: every module of a package).
LAYERS: list[tuple[str, set[str]]] = [
    ("foundations", {"__init__", "vn", "yamlio", "messages", "problems", "speech", "phrases", "command_help",
                     "failures", "units", "urls", "policy", "model", "writer", "cache", "gitdates", "markdown_parsers",
                     "decap_package", "decap_locale", "markup", "rich_fields", "files", "imagesize", "webvtt",
                     "parallel", "dates", "stablekey", "keptfiles"}),
    ("content types", {"content_types.*"}),
    ("reading", {"sources", "schema", "config", "load"}),
    ("checking", {"attachments", "ocr", "assets", "rules", "compliance", "theme_check", "check", "report",
                  "body_lint", "portal_links", "isolation", "lastgood"}),
    ("resolving", {"resolve"}),
    ("planning and rendering a page", {"context.*", "themes", "search", "outputs", "published"}),
    ("a site's other outputs", {"site_search", "decap", "dashboard", "history", "dashboard_view", "deploy.htaccess",
                                "site_outputs"}),
    ("the build", {"sitestore", "searchstore", "render", "pagestore", "loadstore", "buildstate", "build"}),
    ("tools around the build", {"local_editor", "serve", "deploy.*", "shards", "authoring", "scaffold", "newportal",
                                "importing.*", "editorconfig", "codeowners"}),
    ("the command line", {"cli.*"}),
]
#: Modules the build core (what every build runs) never names: it reaches them through the list of
#: a site's outputs (``site_outputs.OUTPUTS``).
OPTIONAL = {"decap", "dashboard_view", "deploy.htaccess", "outputs", "site_search", "history"}
CORE = {"build", "render"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path, modules: set[str]) -> set[str]:
    """The portalgen modules a module imports (a package's ``__init__`` stands for the package)."""
    package = name.split(".")[:-1]  # the package a relative import starts from
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1] if node.level > 1 else package
                target = [*base, *(node.module.split(".") if node.module else [])]
            elif node.module and node.module.startswith("portalgen"):
                target = node.module.split(".")[1:]
            else:
                continue
            for alias in node.names:
                candidates = [".".join([*target, alias.name]), ".".join(target), ".".join([*target, "__init__"])]
                found.add(next((c for c in candidates if c in modules), ".".join(target)))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("portalgen."):
                    found.add(alias.name[len("portalgen."):])
    found.discard(name)
    return {m for m in found if m in modules or m + ".__init__" in modules}


def _layer(name: str) -> int | None:
    short = name.removesuffix(".__init__")
    for number, (_, members) in enumerate(LAYERS):
        for member in members:
            if member.endswith(".*") and (short == member[:-2] or short.startswith(member[:-1])):
                return number
            if member == short:
                return number
    return None


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    names = set(modules)
    return {name: {m if m in names else m + ".__init__" for m in _imports(name, path, names)}
            for name, path in modules.items()}


def test_every_module_has_a_layer() -> None:
    assert [name for name in _graph() if _layer(name) is None] == []


def test_modules_import_only_from_their_layer_or_below() -> None:
    wrong = [f"{name} ({LAYERS[_layer(name)][0]}) imports {other} ({LAYERS[_layer(other)][0]})"
             for name, imported in _graph().items() for other in sorted(imported)
             if _layer(name) is not None and _layer(other) is not None and _layer(other) > _layer(name)]
    assert wrong == []


def test_no_import_cycle() -> None:
    graph = _graph()
    cycles = []
    for start in graph:  # a module that reaches itself
        seen, todo = set(), list(graph[start])
        while todo:
            current = todo.pop()
            if current == start:
                cycles.append(start)
                break
            if current not in seen:
                seen.add(current)
                todo += graph.get(current, ())
    assert cycles == []


def test_the_build_core_names_no_optional_output() -> None:
    graph = _graph()
    assert {name: sorted(graph[name] & OPTIONAL) for name in CORE if graph[name] & OPTIONAL} == {}
