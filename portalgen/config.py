"""``portal.yaml`` and the chosen content regime → a frozen :class:`Config`.

Problems here are configuration errors: the CLI stops with exit code 2.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from . import schema, urls, vn
from .decap_package import find_script
from .files import Reference, check_reference
from .model import DeployTarget, Image, Link, QuickLink
from .problems import Problem, Severity, problem
from .sources import Record, read_yaml_record
from .yamlio import pointer_to_field

DEFAULT_NATIONAL_PORTAL = "https://dichvucong.gov.vn/"
DEFAULT_ATTACHMENT_MB = 20
DEFAULT_IMAGE_MB = 5
DEFAULT_VIDEO_MB = 100


@dataclass(frozen=True)
class Level:
    key: str
    title: str
    title_en: str
    code_digits: int
    unit_types: tuple[str, ...]


@dataclass(frozen=True)
class Obligation:
    """One rule of a regime, with its parameters after the portal's overrides."""

    id: str
    title: str
    title_en: str
    basis: str
    rule: str
    levels: tuple[str, ...]
    params: Mapping[str, Any]


@dataclass(frozen=True)
class Regime:
    key: str
    title: str
    obligations: tuple[Obligation, ...]
    title_en: str = ""


@dataclass(frozen=True)
class Dashboard:
    """``dashboard`` in ``portal.yaml``: whether the build adds the compliance dashboard page to the
    top unit's site, and whether the main navigation links it."""

    enabled: bool = False
    linked: bool = False


@dataclass(frozen=True)
class OcrOptions:
    """``ocr`` in ``portal.yaml``: whether the build reads the text of scanned PDFs with Tesseract,
    in which language, at which resolution, how many pages of a document at most, and how many
    seconds one page may take."""

    enabled: bool = False
    language: str = "vie"
    max_pages: int = 50
    dpi: int = 200
    timeout: int = 120


@dataclass(frozen=True)
class DeployRule:
    """A deploy target for the units of some levels or matching some path patterns."""

    target: DeployTarget
    levels: tuple[str, ...] = ()
    units: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    name: str
    base_url: str
    levels: tuple[Level, ...]
    news_categories: Mapping[str, str]
    regime: Regime
    require_approval: bool
    attachment_bytes: int
    image_bytes: int
    holidays: frozenset[dt.date]
    national_portal_url: str
    dashboard: Dashboard = Dashboard()
    cms: Mapping[str, Any] | None = None  # the web editor's settings (``cms`` in portal.yaml)
    deploy: tuple[DeployRule, ...] = ()
    ocr: OcrOptions = OcrOptions()
    links: tuple[Link, ...] = ()  # shown on every unit's site, before the unit's own
    logo: Image | None = None  # every unit's that has none of its own
    quick_links: tuple[QuickLink, ...] = ()  # on every unit's home page, before the unit's own
    video_bytes: int = DEFAULT_VIDEO_MB * 1024 * 1024  # ``limits.video_mb``

    def level(self, key: str) -> Level | None:
        return next((lvl for lvl in self.levels if lvl.key == key), None)

    def level_index(self, key: str) -> int:
        return next((i for i, lvl in enumerate(self.levels) if lvl.key == key), -1)


def regime_names() -> list[str]:
    folder = schema.schema_root() / "requirements"
    return sorted(entry.name[:-5] for entry in folder.iterdir() if entry.name.endswith(".yaml"))


def load_config(root: Path, record: Record | None = None) -> tuple[Config | None, list[Problem]]:
    """Read and check ``portal.yaml``; the config is None when it has errors."""
    problems: list[Problem] = []
    if not (root / "portal.yaml").is_file():
        return None, [problem("CONFIG_MISSING", "portal.yaml")]
    if record is None:
        record = read_yaml_record(root, "portal.yaml", "portal", problems)
    problems += schema.validate(record)
    if record.data is None or any(p.severity == Severity.ERROR for p in problems):
        return None, problems
    data = record.data
    levels = tuple(Level(key=lv["key"], title=lv["title"], title_en=lv.get("title_en", lv["key"]),
                         code_digits=lv["code_digits"], unit_types=tuple(lv["unit_types"]))
                   for lv in data["levels"])
    problems += _check_levels(record, levels)
    problems += _check_deploy_levels(record, data.get("deploy", []), [lv.key for lv in levels])
    regime, regime_problems = _load_regime(record, data)
    problems += regime_problems
    problems += _check_cms(root, record)
    problems += check_urls(record, URL_FIELDS)
    problems += _check_images(root, record, data)
    if regime is None or problems and any(p.severity == Severity.ERROR for p in problems):
        return None, problems
    policy = data.get("policy", {})
    limits = data.get("limits", {})
    config = Config(
        name=data["name"], base_url=data["base_url"], levels=levels,
        news_categories=MappingProxyType(dict(data["news_categories"])), regime=regime,
        require_approval=policy.get("require_approval", True),
        attachment_bytes=int(limits.get("attachment_mb", DEFAULT_ATTACHMENT_MB) * 1024 * 1024),
        image_bytes=int(limits.get("image_mb", DEFAULT_IMAGE_MB) * 1024 * 1024),
        video_bytes=int(limits.get("video_mb", DEFAULT_VIDEO_MB) * 1024 * 1024),
        # the schema has checked every holiday's date, so none is dropped
        holidays=frozenset(d for d in map(schema.parse_date, data.get("holidays", [])) if d is not None),
        national_portal_url=data.get("national_portal_url", DEFAULT_NATIONAL_PORTAL),
        dashboard=Dashboard(**data.get("dashboard", {})),
        cms=MappingProxyType(dict(data["cms"])) if "cms" in data else None,
        deploy=tuple(schema.build(DeployRule, rule) for rule in data.get("deploy", [])),
        ocr=OcrOptions(**data.get("ocr", {})),
        links=tuple(schema.build(Link, link) for link in data.get("links", [])),
        logo=schema.build(Image, data["logo"]) if "logo" in data else None,
        quick_links=tuple(schema.build(QuickLink, link) for link in data.get("quick_links", [])))
    return config, problems


#: The fields of portal.yaml holding an address (JSON pointers), checked by ``check_urls``; an
#: address in ``auth_endpoint`` (else a path on the login server) reaches the editor's .htaccess.
URL_FIELDS = ("/base_url", "/national_portal_url", "/cms/base_url", "/cms/api_root", "/cms/auth_endpoint")


def _shown(value: str) -> str:
    """A value as a message shows it: control characters (a new line…) written as escapes."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in value)


def check_urls(record: Record, pointers: tuple[str, ...]) -> list[Problem]:
    """Every address among ``pointers`` that is not a public URL (``urls.is_public_url``: http or
    https, a host name, an optional port from 1 to 65535, no user name, no quote, backslash, space
    or control character) is a ``FIELD_PATTERN`` at its line: these addresses are written into
    the sites' server configuration (``.htaccess``), so the schema's pattern is checked again here,
    whole, with the limit a pattern cannot say (the host name's length)."""
    problems = []
    for pointer in pointers:
        node: Any = record.data
        for key in pointer.strip("/").split("/"):
            node = node.get(key) if isinstance(node, dict) else None
        if node is None or (pointer.endswith("auth_endpoint") and not str(node).startswith(("http://", "https://"))):
            continue
        if not urls.is_public_url(node):
            path = pointer.strip("/").split("/")
            line, col = record.at(pointer)
            problems.append(problem("FIELD_PATTERN", record.path, line, col, field=".".join(path),
                                    value=_shown(str(node)), **schema._describe(record.kind, path)))
    return problems


def _check_images(root: Path, record: Record, data: dict) -> list[Problem]:
    """The logo and banner images portal.yaml names: accepted image files of the portal folder
    (beside portal.yaml or below it), no larger than the portal's image limit."""
    limit = int(data.get("limits", {}).get("image_mb", DEFAULT_IMAGE_MB) * 1024 * 1024)
    found = [(data["logo"]["src"], "/logo/src")] if "logo" in data else []
    found += [(link["image"]["src"], f"/links/{index}/image/src")
              for index, link in enumerate(data.get("links", [])) if "image" in link]
    problems = []
    for ref, pointer in found:
        line, col = record.at(pointer)
        reference = Reference(ref, record.path, line, col, pointer_to_field(pointer))
        problems += check_reference(root, "", reference, image=True, max_bytes=limit)
    return problems


def _check_cms(root: Path, record: Record) -> list[Problem]:
    """The Decap script: ``cms.script`` must be a file inside the portal folder; without it, the
    npm package ``decap-cms`` must be installed (``npm ci``)."""
    cms = record.data.get("cms")
    if not isinstance(cms, dict) or find_script(root, cms) is not None:
        return []
    if "script" not in cms:
        line, col = record.at("/cms")
        return [problem("CMS_PACKAGE_MISSING", record.path, line, col, field="cms")]
    line, col = record.at("/cms/script")
    return [problem("CMS_SCRIPT_MISSING", record.path, line, col, field="cms.script", script=cms["script"])]


def _check_levels(record: Record, levels: tuple[Level, ...]) -> list[Problem]:
    problems = []
    keys = [lv.key for lv in levels]
    line, _ = record.at("/levels")
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        problems.append(problem("LEVELS_INVALID", record.path, line, field="levels", detail=f"“{key}” lặp lại"))
    types = [t for lv in levels for t in lv.unit_types]
    for unit_type in sorted({t for t in types if types.count(t) > 1}):
        problems.append(problem("LEVELS_INVALID", record.path, line, field="levels",
                                detail=f"loại đơn vị “{unit_type}” thuộc nhiều cấp"))
    return problems


def _check_deploy_levels(record: Record, rules: list[dict], keys: list[str]) -> list[Problem]:
    problems = []
    for i, rule in enumerate(rules):
        for j, level in enumerate(rule.get("levels", [])):
            if level not in keys:
                guess = vn.suggest(level, keys)
                line, col = record.at(f"/deploy/{i}/levels/{j}")
                problems.append(problem("DEPLOY_LEVEL_UNKNOWN", record.path, line, col,
                                        field=f"deploy[{i}].levels[{j}]", level=level, available=", ".join(keys),
                                        suggestion_vi=f" Có phải ý bạn là “{guess}”?" if guess else "",
                                        suggestion_en=f" Did you mean \"{guess}\"?" if guess else ""))
    return problems


def _load_regime(record: Record, data: dict) -> tuple[Regime | None, list[Problem]]:
    key = data["regime"]
    available = regime_names()
    line, col = record.at("/regime")
    if key not in available:
        return None, [problem("REGIME_UNKNOWN", record.path, line, col, field="regime", regime=key,
                              available=", ".join(available))]
    policy_root = schema.schema_root() / "requirements"
    problems: list[Problem] = []
    regime_record = _read_packaged_yaml(policy_root / f"{key}.yaml", f"content-schema/requirements/{key}.yaml")
    problems += schema.validate(regime_record)
    if problems or regime_record.data is None:
        return None, problems
    policy = data.get("policy", {})
    disabled = set(policy.get("disabled", []))
    overrides = policy.get("overrides", {})
    ids = [ob["id"] for ob in regime_record.data["obligations"]]
    for name, pointer in [(n, "/policy/disabled") for n in sorted(disabled)] + \
                         [(n, f"/policy/overrides/{n}") for n in sorted(overrides)]:
        if name not in ids:
            guess = vn.suggest(name, ids)
            pline, pcol = record.at(pointer)
            problems.append(problem("POLICY_UNKNOWN_OBLIGATION", record.path, pline, pcol,
                                    field=pointer[1:].replace("/", "."), obligation=name, regime=key,
                                    available=", ".join(ids),
                                    suggestion_vi=f" Có phải ý bạn là “{guess}”?" if guess else "",
                                    suggestion_en=f" Did you mean \"{guess}\"?" if guess else ""))
    obligations = []
    for ob in regime_record.data["obligations"]:
        if ob["id"] in disabled:
            continue
        if ob["id"] in overrides:
            problems += _check_override(record, regime_record.data, ob, overrides[ob["id"]])
        params = {k: v for k, v in ob.items() if k not in ("id", "title", "title_en", "basis", "rule", "levels")}
        params.update(overrides.get(ob["id"], {}))
        obligations.append(Obligation(
            id=ob["id"], title=ob["title"], title_en=ob.get("title_en", ob["title"]), basis=ob.get("basis", ""),
            rule=ob["rule"], levels=tuple(params.pop("levels", ob.get("levels", ()))),
            params=MappingProxyType(params)))
    return Regime(key=key, title=regime_record.data["title"], obligations=tuple(obligations),
                  title_en=regime_record.data.get("title_en", regime_record.data["title"])), problems


def _check_override(record: Record, regime: dict, obligation: dict, override: dict) -> list[Problem]:
    """Validate an obligation with the portal's override applied; problems point into portal.yaml."""
    base = f"/policy/overrides/{obligation['id']}"
    merged = {**obligation, **override}
    positions = {"/obligations/0": record.at(base)}
    positions.update({f"/obligations/0/{key}": record.at(f"{base}/{key}") for key in override})
    probe = Record(kind="requirements", path=record.path, positions=positions,
                   data={"regime": regime["regime"], "title": regime["title"], "obligations": [merged]})
    prefix = f"policy.overrides.{obligation['id']}"
    return [dataclasses.replace(p, field=p.field.replace("obligations[0]", prefix, 1))
            for p in schema.validate(probe)]


def _read_packaged_yaml(resource, shown_path: str) -> Record:
    from .yamlio import parse_yaml

    parsed = parse_yaml(resource.read_text(encoding="utf-8"))
    return Record(kind="requirements", path=shown_path, data=parsed.data, positions=parsed.positions, raw=parsed.raw)
