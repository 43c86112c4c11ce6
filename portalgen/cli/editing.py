"""The commands that write content: ``init`` (a new portal), ``import docx``, ``new``, ``editor-config``,
``codeowners``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import (
    authoring,
    codeowners,
    editorconfig,
    newportal,
    scaffold,
    units,
)
from ..failures import UsageFailure
from ..importing import docx, draft, official_pdf, register
from ..importing.official import Official
from ..phrases import PHRASES
from .base import (
    EXIT_OK,
    EXIT_PROBLEMS,
    lang_option,
    main,
    option,
    parse_now,
    portal_folder,
)


@main.group("import", code="IMPORT")
@lang_option("OPTION_LANG_ALL")
def import_group(lang: str) -> None:
    """``portalgen import``: import content from other files (its help: ``HELP["IMPORT"]``)."""


@import_group.command("docx", code="IMPORT_DOCX")
@click.argument("file", metavar="FILE")
@option("--unit", "unit_dir", required=True, metavar="DIR", code="IMPORT_DOCX_UNIT")
@option("--as", "kind", type=click.Choice((*draft.KINDS, "document")), default="news", show_default=True,
        metavar="KIND", code="IMPORT_DOCX_AS")
@option("--now", "now", metavar="DATE", code="IMPORT_DOCX_NOW")
@option("--slug", "slug", metavar="SLUG", code="IMPORT_DOCX_SLUG")
@lang_option()
def import_docx(file: str, unit_dir: str, kind: str, now: str | None, slug: str | None, lang: str) -> None:
    """``portalgen import docx``: turn a Word file into a draft (its help: ``HELP["IMPORT_DOCX"]``)."""
    moment = parse_now(now)
    unit = Path(unit_dir)
    authoring.require_unit(unit)
    data = docx.read_docx(Path(file))
    imported = docx.convert_docx(data)
    if kind == "document":
        _enter_document(imported.official, Path(file), data, unit, slug, lang)
    planned = draft.plan_draft(imported, unit, kind, moment.date(), slug=slug)
    draft.write_draft(planned)
    click.echo(draft.format_report(imported, planned, Path(file).name, lang), nl=False)
    sys.exit(EXIT_OK)


@import_group.command("pdf", code="IMPORT_PDF")
@click.argument("file", metavar="FILE")
@option("--unit", "unit_dir", required=True, metavar="DIR", code="IMPORT_PDF_UNIT")
@option("--slug", "slug", metavar="SLUG", code="IMPORT_PDF_SLUG")
@lang_option()
def import_pdf(file: str, unit_dir: str, slug: str | None, lang: str) -> None:
    """``portalgen import pdf``: enter a PDF document in the register (its help: ``HELP["IMPORT_PDF"]``)."""
    unit = Path(unit_dir)
    authoring.require_unit(unit)
    data = official_pdf.read_pdf(Path(file))
    official = official_pdf.read_official(official_pdf.page_lines(data, Path(file).name))
    _enter_document(official, Path(file), data, unit, slug, lang)


def _enter_document(official: Official | None, source: Path, data: bytes, unit: Path, slug: str | None,
                    lang: str) -> None:
    """Write a register entry with the file beside it, print the report and exit."""
    entry = register.plan_entry(official, source, unit, slug=slug)
    register.write_entry(entry, data)
    click.echo(register.format_report(entry, source.name, lang), nl=False)
    sys.exit(EXIT_OK)


def _pairs(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """``--set field=value`` options as pairs; a usage failure for one without ``=``."""
    pairs = []
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name.strip():
            raise UsageFailure("NEW_SET_FORM", value=value)
        pairs.append((name.strip(), text))
    return tuple(pairs)


@main.command("new", code="NEW")
@click.argument("kind", type=click.Choice(scaffold.KINDS), metavar="TYPE")
@option("--unit", "unit_dir", required=True, metavar="DIR", code="NEW_UNIT")
@option("--title", "title", metavar="TEXT", code="NEW_TITLE")
@option("--set", "values", multiple=True, metavar="FIELD=VALUE", code="NEW_SET")
@option("--file", "files", multiple=True, metavar="FILE", code="NEW_FILE")
@option("--slug", "slug", metavar="SLUG", code="NEW_SLUG")
@option("--now", "now", metavar="DATE", code="NEW_NOW")
@lang_option()
def new(kind: str, unit_dir: str, title: str | None, values: tuple[str, ...], files: tuple[str, ...],
        slug: str | None, now: str | None, lang: str) -> None:
    """``portalgen new``: create a new content file (its help: ``HELP["NEW"]``)."""
    request = scaffold.Request(kind=kind, unit_dir=Path(unit_dir), now=parse_now(now), title=title, slug=slug,
                               values=_pairs(values), files=tuple(Path(f) for f in files))
    written = scaffold.write(scaffold.plan(request))
    click.echo(PHRASES.say("NEW_CREATED", lang, path=written))
    sys.exit(EXIT_OK)


@main.command("editor-config", code="EDITOR_CONFIG")
@click.argument("portal_dir", default="sites", required=False)
@option("--workspace", default=".", show_default=True, metavar="DIR", code="EDITOR_CONFIG_WORKSPACE")
@option("--check", "check_only", is_flag=True, code="EDITOR_CONFIG_CHECK")
@lang_option()
def editor_config(portal_dir: str, workspace: str, check_only: bool, lang: str) -> None:
    """``portalgen editor-config``: VS Code settings (its help: ``HELP["EDITOR_CONFIG"]``)."""
    root, folder = portal_folder(portal_dir), Path(workspace)
    wanted = editorconfig.generate(root, folder)
    if check_only:
        outdated = editorconfig.stale(folder, wanted)
        if outdated:
            click.echo(PHRASES.say("EDITOR_CONFIG_STALE", lang, files=", ".join(outdated)))
            sys.exit(EXIT_PROBLEMS)
        click.echo(PHRASES.say("EDITOR_CONFIG_CURRENT", lang))
        sys.exit(EXIT_OK)
    changed = editorconfig.write(folder, wanted)
    click.echo(PHRASES.say("EDITOR_CONFIG_WRITTEN", lang, count=len(changed), files=", ".join(changed)) if changed
               else PHRASES.say("EDITOR_CONFIG_UNCHANGED", lang))
    sys.exit(EXIT_OK)


@main.command("codeowners", code="CODEOWNERS")
@click.argument("portal_dir", default="sites", required=False)
@option("--root", "repo_root", default=".", show_default=True, metavar="DIR", code="CODEOWNERS_ROOT")
@option("-o", "--output", "output", default=None, metavar="FILE", code="CODEOWNERS_OUTPUT")
@option("--check", "check_only", is_flag=True, code="CODEOWNERS_CHECK")
@lang_option()
def codeowners_command(portal_dir: str, repo_root: str, output: str | None, check_only: bool, lang: str) -> None:
    """``portalgen codeowners``: the CODEOWNERS file (its help: ``HELP["CODEOWNERS"]``)."""
    root, repo = portal_folder(portal_dir), Path(repo_root)
    try:
        text = codeowners.render(codeowners.rules(root, repo))
    except ValueError:
        raise UsageFailure("PORTAL_OUTSIDE_ROOT", portal=root, root=repo) from None
    target = Path(output) if output else repo / "CODEOWNERS"
    if check_only:
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current != text:
            click.echo(PHRASES.say("CODEOWNERS_STALE", lang, path=target))
            sys.exit(EXIT_PROBLEMS)
        click.echo(PHRASES.say("CODEOWNERS_CURRENT", lang, path=target))
        sys.exit(EXIT_OK)
    written = codeowners.write(target, text)
    click.echo(PHRASES.say("CODEOWNERS_WRITTEN" if written else "CODEOWNERS_UNCHANGED", lang, path=target))
    sys.exit(EXIT_OK)


@main.command("init", code="INIT")
@click.argument("folder", default="sites", required=False, metavar="[DIR]")
@option("--province", "province", metavar="PROVINCE", code="INIT_PROVINCE")
@option("--units", "units_file", metavar="FILE.csv", code="INIT_UNITS")
@option("--name", "name", metavar="TEXT", code="INIT_NAME")
@option("--base-url", "base_url", metavar="URL", code="INIT_BASE_URL")
@lang_option()
def init(folder: str, province: str | None, units_file: str | None, name: str | None, base_url: str | None,
         lang: str) -> None:
    """``portalgen init``: a new portal for a province (its help: ``HELP["INIT"]``)."""
    if (province is None) == (units_file is None):
        raise UsageFailure("INIT_SOURCE")
    entries = (newportal.from_province(units.find_province(province)) if province is not None
               else newportal.read_csv(Path(str(units_file))))
    planned = newportal.plan(Path(folder), entries, name=name, base_url=base_url)
    newportal.write(planned)
    click.echo(PHRASES.say("INIT_CREATED", lang, folder=folder, count=planned.unit_count))
    sys.exit(EXIT_OK)
