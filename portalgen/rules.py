"""Cross-record rules: what a schema alone cannot see.

Unit codes and levels, unique slugs, dates in a sensible order, schedules inside their week,
approval of published news, and every referenced file present, inside its unit and of the type
its name claims.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import Path
from typing import Callable, Iterable, Mapping

from . import vn
from .assets import image_problem, is_image
from .attachments import inspect
from .body_lint import lint_body
from .cache import Cache
from .config import Config
from .content_types import REGISTRY, FileField
from .content_types.procedure import duplicate_codes
from .files import Reference, check_reference, hosting_refusal, new_name
from .load import FieldBroken, Partial, Portal
from .markdown_parsers import MarkdownUnreadable
from .markup import Reference as BodyReference
from .markup import local_file, references
from .model import UnitContent
from .portal_links import check_links
from .problems import Problem, problem
from .rich_fields import local_file_problems
from .sources import Record, owner_of
from .yamlio import pointer_to_field


class _Locator:
    """Lines and columns of fields, from the records the model was built from."""

    def __init__(self, records: Mapping[str, Record]) -> None:
        self.records = records

    def __call__(self, code: str, path: str, pointer: str = "", /, **args) -> Problem:
        record = self.records.get(path)
        line, col = record.at(pointer) if record else (None, None)
        return problem(code, path, line, col, field=pointer_to_field(pointer), **args)


class _Inspector:
    """Looks inside referenced files once per run: images decodable and of sane size, PDFs
    readable, unencrypted and with text, office packages intact."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache
        self.seen: dict[Path, list[tuple[str, dict]]] = {}

    def __call__(self, path: Path, kind: str) -> list[tuple[str, dict]]:
        if path not in self.seen:
            self.seen[path] = self._inspect(path, kind)
        return self.seen[path]

    def _inspect(self, path: Path, kind: str) -> list[tuple[str, dict]]:
        data = path.read_bytes()
        if is_image(path.name):
            problem_found = self.cache.json("image-check", data, "", lambda: image_problem(data))
            if problem_found is None:
                return []
            reason, detail = problem_found
            if reason == "too-large":
                return [("IMAGE_TOO_LARGE", {"detail": detail})]
            return [("FILE_CORRUPT", {"detail": "image"})]
        return inspect(data, kind, self.cache)


def check_rules(root: Path, portal: Portal, records: Mapping[str, Record],
                catalog_levels: Iterable[str], now: dt.datetime, cache: Cache) -> list[Problem]:
    """Every cross-record problem of a portal."""
    at = _Locator(records)
    inspector = _Inspector(cache)
    problems = _unit_tree(portal, at)
    problems += _deploy_names(portal, at)
    problems += _catalog(portal, catalog_levels, at)
    for content in portal.units:
        problems += _unit_content(root, portal.config, content, at, inspector)
        problems += _past_dates(content, at, now.date())
    unit_paths = {path.removesuffix("/unit.yaml") for path in records if path.endswith("/unit.yaml")}
    bodies, unreadable = _read_bodies(records)
    problems += unreadable
    problems += _markdown_bodies(root, portal.config, records, bodies, unit_paths, inspector)
    problems += check_links(portal, records, bodies, now)
    return problems


def _deploy_names(portal: Portal, at: _Locator) -> list[Problem]:
    """Each unit's deploy targets have distinct names (``deploy --target NAME`` picks one)."""
    problems = []
    for content in portal.units:
        seen: set[str] = set()
        for index, target in enumerate(content.unit.deploy):
            if target.name in seen:
                problems.append(at("DEPLOY_TARGET_DUPLICATE", f"{content.unit.path}/unit.yaml",
                                   f"/deploy/{index}/name", name=target.name))
            seen.add(target.name)
    return problems


def _unit_tree(portal: Portal, at: _Locator) -> list[Problem]:
    config = portal.config
    problems = []
    by_code: dict[str, str] = {}
    levels = {u.unit.path: u.unit.level for u in portal.units}
    allowed_levels = [lv.key for lv in config.levels]
    page_slugs = {u.unit.path: {p.slug for p in u.pages if p.lang == "vi"} for u in portal.units}
    for content in portal.units:
        unit = content.unit
        path = f"{unit.path}/unit.yaml"
        name = unit.path.rsplit("/", 1)[-1]
        editor = config.cms is not None and unit.parent is not None
        clash = REGISTRY.reserved_address(None, name, editor=editor) or (
            f"{name}/" if unit.parent and name in page_slugs.get(unit.parent, ()) else None)
        if clash:
            problems.append(at("SLUG_RESERVED", path, slug=name, address=clash))
        problems += _hosted_name(at, path, name)
        if unit.code in by_code:
            problems.append(at("UNIT_CODE_DUPLICATE", path, "/code", code=unit.code, other=by_code[unit.code]))
        else:
            by_code[unit.code] = f"{unit.name} ({unit.path})"
        level = config.level(unit.level)
        if level is None:
            guess = vn.suggest(unit.level, allowed_levels)
            problems.append(at("UNIT_LEVEL_UNKNOWN", path, "/level", level=unit.level,
                               allowed=", ".join(allowed_levels),
                               suggestion_vi=f" Có phải ý bạn là “{guess}”?" if guess else "",
                               suggestion_en=f" Did you mean \"{guess}\"?" if guess else ""))
            continue
        if len(unit.code) != level.code_digits:
            problems.append(at("UNIT_CODE_FORM", path, "/code", code=unit.code, level=level.title.lower(),
                               level_en=level.title_en.lower(), digits=level.code_digits,
                               example="0" * (level.code_digits - 1) + "1"))
        if unit.type not in level.unit_types:
            problems.append(at("UNIT_TYPE_LEVEL", path, "/type", type=unit.type, level=level.title.lower(),
                               level_en=level.title_en.lower(), allowed=", ".join(level.unit_types)))
        index = config.level_index(unit.level)
        if unit.parent and unit.parent not in levels:
            continue  # the parent's unit.yaml has errors of its own: its children's order cannot be judged
        parent_level = levels.get(unit.parent) if unit.parent else None
        expected_index = config.level_index(parent_level) + 1 if parent_level else 0
        if parent_level is not None and config.level(parent_level) is None:
            continue
        if index != expected_index and expected_index < len(config.levels):
            expected = config.levels[expected_index]
            parent = config.level(parent_level) if parent_level else None
            problems.append(at("UNIT_LEVEL_ORDER", path, "/level", level=level.title.lower(),
                               level_en=level.title_en.lower(),
                               parent_level=parent.title.lower() if parent else "gốc (không có cấp trên)",
                               parent_level_en=parent.title_en.lower() if parent else "root",
                               expected=f"Đơn vị ở vị trí này phải là {expected.title.lower()}.",
                               expected_en=f"A unit here must be a {expected.title_en.lower()} unit."))
        elif expected_index >= len(config.levels):
            problems.append(at("UNIT_LEVEL_ORDER", path, "/level", level=level.title.lower(),
                               level_en=level.title_en.lower(), parent_level=config.levels[-1].title.lower(),
                               parent_level_en=config.levels[-1].title_en.lower(),
                               expected=f"{config.levels[-1].title} là cấp thấp nhất, không có đơn vị cấp dưới.",
                               expected_en=f"{config.levels[-1].title_en} is the lowest level; it has no units below."))
    return problems


def _catalog(portal: Portal, catalog_levels: Iterable[str], at: _Locator) -> list[Problem]:
    problems = []
    keys = [lv.key for lv in portal.config.levels]
    for level in sorted(catalog_levels):
        if level not in keys:
            guess = vn.suggest(level, keys)
            problems.append(problem("CATALOG_LEVEL_UNKNOWN", f"catalog/procedures/{level}", level=level,
                                    allowed=", ".join(keys),
                                    suggestion_vi=f" Có phải ý bạn là “{guess}”?" if guess else "",
                                    suggestion_en=f" Did you mean \"{guess}\"?" if guess else ""))
    for procedures in portal.catalog.values():
        problems += duplicate_codes(procedures, at)
    return problems


def _unit_content(root: Path, config: Config, content: UnitContent, at: _Locator,
                  inspector: _Inspector) -> list[Problem]:
    """The rules of each section's content type, then the rules every type shares."""
    problems = _slugs(content, at, editor=config.cms is not None)
    for content_type in REGISTRY:
        items = content.sections[content_type.folder]
        problems += content_type.rules(items, at, config)
        problems += local_file_problems(content_type.folder, items, at)
        for item in items:
            for earlier, later, strict in content_type.date_order:
                problems += _order(at, item, earlier, later, strict)
    problems += _references(root, config, content, at, inspector)
    return problems


def _slugs(content: UnitContent, at: _Locator, *, editor: bool) -> list[Problem]:
    """Slugs unique per section and language, never an address the site already has (``editor``:
    the web editor's, in a top unit's site)."""
    problems = []
    for content_type in REGISTRY:
        if not content_type.unique_slugs:
            continue
        seen: dict[tuple[str, str], str] = {}
        for item in content.sections[content_type.folder]:
            lang = getattr(item, "lang", "vi")
            clash = REGISTRY.reserved_address(content_type, item.slug, editor=editor) if lang == "vi" else None
            if clash:
                problems.append(at("SLUG_RESERVED", item.path, slug=item.slug, address=clash))
            folder, name = posixpath.split(item.path)
            problems += _hosted_name(at, item.path, posixpath.basename(folder) if name == "index.md" else name)
            key = (lang, item.slug)
            if key in seen:
                problems.append(at("SLUG_DUPLICATE", item.path, section=content_type.folder, slug=item.slug,
                                   other=seen[key]))
            else:
                seen[key] = item.path
    return problems


def _hosted_name(at: _Locator, path: str, name: str) -> list[Problem]:
    """A warning when the name of a content file or folder, which becomes a folder of the site
    (``con.md`` → ``con/``), is one Windows hosts and FTP servers refuse."""
    refusal = hosting_refusal(name)
    if refusal is None:
        return []
    return [at("FILE_NAME_HOSTING", path, name=name, reason=refusal[0], reason_en=refusal[1],
               suggestion=new_name(name))]


_TITLES = {
    "issue_date": ("Ngày ban hành", "The issue date"), "effective_date": ("Ngày có hiệu lực", "The effective date"),
    "expiry_date": ("Ngày hết hiệu lực", "The expiry date"), "opens": ("Ngày bắt đầu lấy ý kiến", "The opening date"),
    "closes": ("Ngày kết thúc lấy ý kiến", "The closing date"), "publish_at": ("Ngày bắt đầu đăng", "publish_at"),
    "expire_at": ("Ngày hết hạn đăng", "expire_at"), "asked": ("Ngày hỏi", "The question date"),
    "answered": ("Ngày trả lời", "The answer date"), "date": ("Ngày đăng", "The date"),
    "published": ("Ngày đăng tải", "The publication date"),
}


def _order(at: _Locator, item, earlier: str, later: str, strict: bool) -> list[Problem]:
    first, second = getattr(item, earlier), getattr(item, later)
    if first is None or second is None:
        return []
    if second > first or (not strict and second == first):
        return []
    return [at("DATE_ORDER", item.path, f"/{later}", later=_show(second), earlier=_show(first),
               later_en=_show(second, "en"), earlier_en=_show(first, "en"),
               later_title=_TITLES[later][0], later_title_en=_TITLES[later][1],
               earlier_title=_TITLES[earlier][0].lower(), earlier_title_en=_TITLES[earlier][1].lower(),
               relation_vi="phải sau" if strict else "không được trước",
               relation_en="after" if strict else "on or after")]


def _show(value: dt.date, lang: str = "vi") -> str:
    if isinstance(value, dt.datetime):
        if lang == "en":
            return value.strftime("%Y-%m-%d" if value.time() == dt.time() else "%Y-%m-%d %H:%M")
        return vn.format_datetime(value)
    return value.isoformat() if lang == "en" else vn.format_date(value)


def _past_dates(content: UnitContent, at: _Locator, today: dt.date) -> list[Problem]:
    """Dates that record what has already happened cannot lie after the build date."""
    return [found for content_type in REGISTRY for item in content.sections[content_type.folder]
            for name in content_type.past_dates for found in _past_date(item, name, at, today)]


def _past_date(item, name: str, at: _Locator, today: dt.date) -> list[Problem]:
    value = getattr(item, name)
    if value is None or value <= today:
        return []
    return [at("DATE_IN_FUTURE", item.path, f"/{name}", title=_TITLES[name][0], title_en=_TITLES[name][1],
               value=vn.format_date(value), value_en=value.isoformat(), today=vn.format_date(today),
               today_en=today.isoformat())]


def _references(root: Path, config: Config, content: UnitContent, at: _Locator,
                inspector: _Inspector) -> list[Problem]:
    unit_path = content.unit.path
    problems = []
    for found, path in _front_matter_refs(content):
        record = at.records.get(path)
        line, col = record.at(found.pointer) if record else (None, None)
        reference = Reference(found.ref, path, line, col, pointer_to_field(found.pointer))
        problems += check_reference(root, unit_path, reference, image=found.image, media=found.media,
                                    max_bytes=_limit(config, found), inspect=inspector)
    return problems


def _read_bodies(records: Mapping[str, Record]) -> tuple[dict[str, tuple[BodyReference, ...]], list[Problem]]:
    """The references of every Markdown body that can be read; each body no parser can read is a
    problem naming its file (and is left out of the other checks of bodies)."""
    bodies, problems = {}, []
    for path, record in records.items():
        if record.body:
            try:
                bodies[path] = references(record.body)
            except MarkdownUnreadable as failure:
                problems.append(problem("MARKDOWN_UNREADABLE", path, record.body_line, reason=str(failure)))
    return bodies, problems


def _markdown_bodies(root: Path, config: Config, records: Mapping[str, Record],
                     bodies: Mapping[str, tuple[BodyReference, ...]], unit_paths: set[str],
                     inspector: _Inspector) -> list[Problem]:
    """Images and file links in every Markdown body, even when its front matter has errors."""
    problems = []
    for record in records.values():
        if record.path in bodies:
            unit_path = owner_of(record.path, unit_paths)
            problems += _body_refs(root, config, unit_path, record.path, bodies[record.path], record.body_line,
                                   inspector)
            problems += lint_body(record.path, record.body, record.body_line)
    return problems


def _front_matter_refs(content: UnitContent):
    """(the file's field, path of the file naming it) of every file an item or the unit's own
    ``unit.yaml`` (its logo, its banners) names."""
    unit = content.unit
    unit_file = posixpath.join(unit.path, "unit.yaml")
    if unit.logo:
        yield FileField(unit.logo.src, True, "/logo/src"), unit_file
    for index, link in enumerate(unit.links):
        if link.image:
            yield FileField(link.image.src, True, f"/links/{index}/image/src"), unit_file
    for content_type in REGISTRY:
        for item in content.sections[content_type.folder]:
            for found in content_type.files(item):
                yield found, item.path


def _limit(config: Config, found: FileField) -> int:
    """The size limit of a referenced file: image, video (its captions: attachment) or attachment."""
    if found.image:
        return config.image_bytes
    return config.video_bytes if found.media and not found.ref.lower().endswith(".vtt") else config.attachment_bytes


def _body_refs(root: Path, config: Config, unit_path: str, path: str, refs: tuple[BodyReference, ...],
               first_line: int, inspector: _Inspector) -> list[Problem]:
    """Every image, and every link to a file (a name with an extension), in a Markdown body must
    be an accepted file inside the unit: the build publishes exactly these."""
    problems = []
    for ref in refs:
        target, number = local_file(ref.target), first_line + ref.line - 1
        if target is None:
            continue
        if ref.image:
            if not (ref.alt or "").strip():
                problems.append(problem("IMAGE_ALT_MISSING", path, number, file=target))
            problems += check_reference(root, unit_path, Reference(target, path, number, None, ""),
                                        image=True, max_bytes=config.image_bytes, inspect=inspector)
        elif not target.endswith("/") and posixpath.splitext(target)[1]:
            problems += check_reference(root, unit_path, Reference(target, path, number, None, ""),
                                        image=False, max_bytes=config.attachment_bytes, inspect=inspector)
    return problems


def check_partial(root: Path, config: Config, partial: Iterable[Partial], records: Mapping[str, Record],
                  now: dt.datetime, cache: Cache) -> list[Problem]:
    """The rules of each record kept aside with schema errors (or in a unit whose unit.yaml has
    errors) that read none of its broken fields: its content type's rules, date order, past dates
    and referenced files, so that one check reports them with the schema errors."""
    at = _Locator(records)
    inspector = _Inspector(cache)
    problems: list[Problem] = []
    folders = REGISTRY.folders()
    for held in sorted(partial, key=lambda p: p.path):
        content_type = folders[held.folder]
        problems += _unbroken(lambda: content_type.rules((held,), at, config))
        for earlier, later, strict in content_type.date_order:
            problems += _unbroken(lambda: _order(at, held, earlier, later, strict))
        for name in content_type.past_dates:
            problems += _unbroken(lambda: _past_date(held, name, at, now.date()))
        for found in _unbroken(lambda: content_type.files(held)) if held.unit else ():  # not the catalog's
            line, col = at.records[held.path].at(found.pointer) if held.path in at.records else (None, None)
            reference = Reference(found.ref, held.path, line, col, pointer_to_field(found.pointer))
            problems += check_reference(root, held.unit, reference, image=found.image, media=found.media,
                                        max_bytes=_limit(config, found), inspect=inspector)
    return problems


def _unbroken(rule: Callable[[], Iterable]) -> list:
    """What a rule finds on a partial record; nothing when it reads a broken field."""
    try:
        return list(rule())
    except FieldBroken:
        return []
