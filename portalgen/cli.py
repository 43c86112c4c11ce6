"""The command line: the only module that prints and the only click import."""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import NoReturn
from zoneinfo import ZoneInfo

import click

from . import (
    __version__,
    authoring,
    codeowners,
    dashboard,
    dashboard_view,
    editorconfig,
    gitdates,
    history,
    scaffold,
    shards,
)
from .build import build_portal
from .cache import Cache
from .check import check_loaded, check_portal
from .command_help import HELP
from .deploy.current import stale_reason
from .deploy.run import Options, Outcome, built_files, changed_output, published_paths
from .deploy.run import deploy as run_deploy
from .deploy.targets import Target, unit_targets
from .failures import UsageFailure
from .importing import docx, draft
from .load import load_portal
from .phrases import PHRASES
from .problems import Problem, problem
from .report import RENDERERS
from .resolve import next_change
from .speech import LANGS, Lang, decimal, file_size
from .themes import load_theme
from .writer import manifest_path, write_output

TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_DEPLOY_FAILED = 0, 1, 2, 3


def _now(value: str | None, option: str = "--now") -> dt.datetime:
    """The build moment: ``--now`` (or another date ``option``), else ``SOURCE_DATE_EPOCH``, else the
    clock — in Vietnamese time, naive."""
    if value:
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            raise UsageFailure("DATE_INVALID", option=option, value=value) from None
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(TIMEZONE).replace(tzinfo=None)
        return parsed
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), TIMEZONE) if epoch and epoch.isdigit() else dt.datetime.now(TIMEZONE)
    return moment.replace(tzinfo=None)


def _portal_dir(value: str) -> Path:
    """The PORTAL_DIR argument, refused when it is not a folder."""
    path = Path(value)
    if not path.is_dir():
        raise UsageFailure("PORTAL_NOT_FOLDER", value=value)
    return path


def _shard_option(value: str | None, unit: str | None) -> tuple[int, int] | None:
    """``--shard K/N`` as (K, N), checked."""
    if value is None:
        return None
    try:
        k, n = (int(x) for x in value.split("/"))
    except ValueError:
        k = n = 0
    if not 1 <= k <= n:
        raise UsageFailure("SHARD_INVALID", value=value)
    if unit is not None:
        raise UsageFailure("SHARD_WITH_UNIT")
    return k, n


def _unit_option(root: Path, unit: str | None) -> str | None:
    """The ``--unit`` folder, normalised (``./nam-dinh/`` → ``nam-dinh``) and checked: a usage
    failure when it holds no unit or leaves the portal."""
    if unit is not None:
        unit = os.path.normpath(unit).replace(os.sep, "/").strip("/")
    if unit is not None and (unit.startswith("..") or unit == "." or not (root / unit / "unit.yaml").is_file()):
        raise UsageFailure("UNIT_NOT_FOUND", unit=unit)
    return unit


def _output_folder(output: str) -> Path:
    """The ``-o`` folder, refused when it is an existing file."""
    out = Path(output)
    if out.exists() and not out.is_dir():
        raise UsageFailure("OUTPUT_IS_FILE", output=output)
    return out


def _output_unwritable(output: str, error: OSError) -> UsageFailure:
    """An output that cannot be written (the previous output is untouched)."""
    return UsageFailure("OUTPUT_UNWRITABLE", output=output, reason=error.strerror or str(error))


def _relative_to_cwd(root: Path) -> str:
    """The portal folder as CI annotations need it: relative to the working folder ('' for '.')."""
    relative = os.path.relpath(root).replace(os.sep, "/")
    return "" if relative == "." else relative


HELP_LANG = "portalgen.help_lang"  # ctx.meta: the language of --help, found before click prints it


def _default_lang(ctx: click.Context) -> Lang:
    """The language when a command has no ``--lang``: the group's ``--lang``, else ``PORTALGEN_LANG``, else
    Vietnamese."""
    parent = ctx.parent
    while parent is not None:
        if parent.params.get("lang") in LANGS:
            return parent.params["lang"]
        parent = parent.parent
    env = os.environ.get("PORTALGEN_LANG", "").strip().lower()
    return next((lang for lang in LANGS if lang == env), "vi")


def _help_lang(ctx: click.Context | None) -> Lang:
    """The language of ``--help`` (Vietnamese outside a command)."""
    return ctx.meta.get(HELP_LANG, "vi") if ctx is not None else "vi"


def _help_text(code: str, ctx: click.Context | None) -> str:
    return HELP[code].pick(_help_lang(ctx))


class _Option(click.Option):
    """An option whose help is :data:`HELP` ``[code]``, in the language of ``--help``."""

    def __init__(self, *args, code: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.code = code

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        self.help = _help_text(self.code, ctx)
        return super().get_help_record(ctx)


class _LangOption(_Option):
    """``--lang vi|en``: its default is the group's ``--lang``, else ``PORTALGEN_LANG``, else ``vi``."""

    def get_default(self, ctx: click.Context, call: bool = True):
        return _default_lang(ctx)


def _option(*decls: str, code: str, **kwargs):
    """``click.option`` with its help from :data:`HELP`."""
    return click.option(*decls, cls=_Option, code=code, **kwargs)


def _lang_option(code: str = "OPTION_LANG"):
    """``--lang vi|en``: the language of everything the command says, its help included."""
    return click.option("--lang", cls=_LangOption, code=code, type=click.Choice(LANGS), show_default=True)


class _Helped:
    """A command or group whose help comes from :data:`HELP` (``code``, ``code_SHORT``) in the language of
    ``--lang`` anywhere on its command line, else the default language (:func:`_default_lang`).

    click prints ``--help`` while it parses, before ``--lang`` has a value, so the language is read
    from the arguments first (with the command's own parser) and kept in ``ctx.meta``."""

    code: str

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta[HELP_LANG] = _lang_in(self, ctx, args) or _default_lang(ctx)  # type: ignore[arg-type]
        return super().parse_args(ctx, args)  # type: ignore[misc]

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(_help_text(self.code, ctx))

    def get_short_help_str(self, limit: int = 45) -> str:
        return _help_text(self.code + "_SHORT", click.get_current_context(silent=True))

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _help_text("OPTION_HELP", ctx)
        return option


def _lang_in(command: click.Command, ctx: click.Context, args: list[str]) -> Lang | None:
    """The value of ``--lang`` among a command's arguments, if it has one and it is a language."""
    if not any(param.name == "lang" for param in command.params):
        return None
    try:
        opts, _, _ = command.make_parser(ctx).parse_args(args=list(args))
    except click.UsageError:
        return None
    value = opts.get("lang")
    return next((lang for lang in LANGS if lang == value), None)


class _Command(_Helped, click.Command):
    """A command that says its usage failures in its ``--lang``: ``portalgen: …`` on stderr, exit code 2."""

    def __init__(self, *args, code: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.code = code

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UsageFailure as failure:
            click.echo(f"portalgen: {failure.text(ctx.params.get('lang', 'vi'))}", err=True)
            ctx.exit(EXIT_USAGE)


class _Group(_Helped, click.Group):
    """Commands and sub-groups (``import``) made of :class:`_Command`."""

    command_class = _Command
    group_class = type

    def __init__(self, *args, code: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.code = code


@click.group(cls=_Group, code="PORTALGEN", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="portalgen", cls=_Option, code="OPTION_VERSION")
@_lang_option("OPTION_LANG_ALL")
def main(lang: str) -> None:
    """``portalgen``: the group of every command (its help: ``HELP["PORTALGEN"]``)."""


@main.command(code="CHECK")
@click.argument("portal_dir", default="sites", required=False)
@_option("--unit", "unit", metavar="PATH", code="CHECK_UNIT")
@_option("--now", "now", metavar="DATE", code="CHECK_NOW")
@_lang_option()
@_option("--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="text", show_default=True,
         code="CHECK_FORMAT")
@_option("--strict", is_flag=True, code="CHECK_STRICT")
@_option("--cache", "cache_dir", default=None, metavar="DIR", code="OPTION_CACHE_REUSE")
def check(portal_dir: str, unit: str | None, now: str | None, lang: str, fmt: str, strict: bool,
          cache_dir: str | None) -> None:
    """``portalgen check``: check every unit's content (its help: ``HELP["CHECK"]``)."""
    root = _portal_dir(portal_dir)
    moment = _now(now)
    unit = _unit_option(root, unit)
    result = check_portal(root, moment, unit=unit, strict=strict, cache=Cache(Path(cache_dir) if cache_dir else None))
    prefix = "" if fmt == "text" else _relative_to_cwd(root)
    click.echo(RENDERERS[fmt](result, lang, prefix), nl=False)
    if result.config_failed:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_PROBLEMS if result.failed else EXIT_OK)


@main.command(code="BUILD")
@click.argument("portal_dir", default="sites", required=False)
@_option("-o", "--output", "output", default="public", show_default=True, metavar="OUT", code="BUILD_OUTPUT")
@_option("--unit", "unit", metavar="PATH", code="BUILD_UNIT")
@_option("--now", "now", metavar="DATE", code="BUILD_NOW")
@_lang_option()
@_option("--strict", is_flag=True, code="BUILD_STRICT")
@_option("--cache", "cache_dir", default=".portalgen-cache", show_default=True, metavar="DIR", code="BUILD_CACHE")
@_option("--no-cache", is_flag=True, code="BUILD_NO_CACHE")
@_option("--jobs", type=click.IntRange(1, 64), default=None, metavar="N", code="BUILD_JOBS")
@_option("--shard", metavar="K/N", default=None, code="BUILD_SHARD")
def build(portal_dir: str, output: str, unit: str | None, now: str | None, lang: str, strict: bool,
          cache_dir: str, no_cache: bool, jobs: int | None, shard: str | None) -> None:
    """``portalgen build``: check, then build every unit's site (its help: ``HELP["BUILD"]``)."""
    root = _portal_dir(portal_dir)
    moment = _now(now)
    unit = _unit_option(root, unit)
    part = _shard_option(shard, unit)
    progress = _progress(lang)
    cache = Cache(None if no_cache else Path(cache_dir))
    out = _output_folder(output)
    try:
        result = build_portal(root, out, moment, unit=unit, strict=strict, cache=cache, jobs=jobs,
                              shard=part, progress=progress, reuse=not no_cache)
    except OSError as error:
        raise _output_unwritable(output, error) from None
    click.echo("\r\033[K" if sys.stderr.isatty() else "", err=True, nl=False)
    if not result.built:
        click.echo(RENDERERS["text"](result.check, lang), nl=False)
        click.echo(PHRASES.say("BUILD_STOPPED", lang), err=True)
        sys.exit(EXIT_USAGE if result.check.config_failed else EXIT_PROBLEMS)
    if result.check.problems:
        click.echo(RENDERERS["text"](result.check, lang), nl=False)
    written = result.written
    assert written is not None  # the build was written
    click.echo(PHRASES.say("BUILD_DONE", lang, units=result.units, pages=result.pages, files=result.files,
                           written=written.written, deleted=written.deleted, output=output,
                           seconds=decimal(result.seconds)))
    if result.reused:
        click.echo(PHRASES.say("BUILD_REUSED", lang))
    if result.conversions:
        done = ", ".join(_conversion(kind, count, lang) for kind, count in sorted(result.conversions.items()))
        click.echo(PHRASES.say("BUILD_CONVERTED", lang, done=done))
    if result.next_change:
        click.echo(PHRASES.say("BUILD_NEXT_CHANGE", lang, when=result.next_change))
    sys.exit(EXIT_OK)


def _conversion(kind: str, count: int, lang: str) -> str:
    """``12 tệp PDF``: how many conversions of one kind (``image-size``…) a build ran."""
    code = "CONVERSION_" + kind.upper().replace("-", "_")
    return PHRASES.say(code, lang, count=count) if code in PHRASES else f"{count} {kind}"


def _progress(lang: str):
    """A one-line progress display on a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        return lambda _: None

    def show(unit_path: str) -> None:
        click.echo("\r\033[K" + PHRASES.say("BUILD_PROGRESS", lang, unit=unit_path), err=True, nl=False)

    return show


@main.command(code="SERVE")
@click.argument("portal_dir", default="sites", required=False)
@_option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, code="SERVE_PORT")
@_option("--unit", "unit", metavar="PATH", code="SERVE_UNIT")
@_option("--now", "now", metavar="DATE", code="SERVE_NOW")
@_lang_option()
@_option("--cache", "cache_dir", default=".portalgen-cache", show_default=True, metavar="DIR", code="SERVE_CACHE")
def serve(portal_dir: str, port: int, unit: str | None, now: str | None, lang: str, cache_dir: str) -> None:
    """``portalgen serve``: preview with live reload (its help: ``HELP["SERVE"]``)."""
    from .serve import PortalServer

    root = _portal_dir(portal_dir)
    unit = _unit_option(root, unit)
    fixed = _now(now) if now else None
    out = Path(tempfile.mkdtemp(prefix="portalgen-serve-"))
    try:
        server = PortalServer(root, out, port, lambda: fixed or _now(None), cache=Cache(Path(cache_dir)),
                              unit=unit, lang=lang, report=functools.partial(_report_build, lang=lang))
    except OSError as exc:
        shutil.rmtree(out, ignore_errors=True)
        raise UsageFailure("SERVE_NO_PORT", port=port, reason=exc.strerror or exc) from None
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.start()
        first = unit or next((p.name for p in sorted(root.iterdir()) if (p / "unit.yaml").is_file()), "")
        click.echo(PHRASES.say("SERVE_STARTED", lang, url=f"{server.url}{first + '/' if first else ''}"))
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        shutil.rmtree(out, ignore_errors=True)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _report_build(result, lang: str) -> None:
    """One build of the preview server, in the terminal."""
    stamp = dt.datetime.now().strftime("%H:%M:%S")
    if not result.built:
        click.echo(f"[{stamp}] " + RENDERERS["text"](result.check, lang), nl=False)
        return
    errors = sum(1 for p in result.check.problems if p.severity.label == "error")
    line = PHRASES.say("SERVE_BUILT_WITH_ERRORS" if errors else "SERVE_BUILT", lang, units=result.units,
                       written=result.written.written, seconds=decimal(result.seconds), errors=errors)
    click.echo(f"[{stamp}] {line}")


@main.group("import", code="IMPORT")
@_lang_option("OPTION_LANG_ALL")
def import_group(lang: str) -> None:
    """``portalgen import``: import content from other files (its help: ``HELP["IMPORT"]``)."""


@import_group.command("docx", code="IMPORT_DOCX")
@click.argument("file", metavar="FILE")
@_option("--unit", "unit_dir", required=True, metavar="DIR", code="IMPORT_DOCX_UNIT")
@_option("--as", "kind", type=click.Choice(draft.KINDS), default="news", show_default=True, code="IMPORT_DOCX_AS")
@_option("--now", "now", metavar="DATE", code="IMPORT_DOCX_NOW")
@_option("--slug", "slug", metavar="SLUG", code="IMPORT_DOCX_SLUG")
@_lang_option()
def import_docx(file: str, unit_dir: str, kind: str, now: str | None, slug: str | None, lang: str) -> None:
    """``portalgen import docx``: turn a Word file into a draft (its help: ``HELP["IMPORT_DOCX"]``)."""
    moment = _now(now)
    unit = Path(unit_dir)
    authoring.require_unit(unit)
    imported = docx.convert_docx(docx.read_docx(Path(file)))
    planned = draft.plan_draft(imported, unit, kind, moment.date(), slug=slug)
    draft.write_draft(planned)
    click.echo(draft.format_report(imported, planned, Path(file).name, lang), nl=False)
    sys.exit(EXIT_OK)


@main.command(code="REPORT")
@click.argument("portal_dir", default="sites", required=False)
@_option("-o", "--output", "output", default="bang-theo-doi", show_default=True, metavar="DIR", code="REPORT_OUTPUT")
@_option("--now", "now", metavar="DATE", code="REPORT_NOW")
@_lang_option("OPTION_LANG_REPORT")
@_option("--cache", "cache_dir", default=None, metavar="DIR", code="OPTION_CACHE_REUSE")
def report(portal_dir: str, output: str, now: str | None, lang: str, cache_dir: str | None) -> None:
    """``portalgen report``: the compliance dashboard (its help: ``HELP["REPORT"]``)."""
    root = _portal_dir(portal_dir)
    moment = _now(now)
    out = _output_folder(output)
    loaded = load_portal(root)
    result = check_loaded(loaded, moment, cache=Cache(Path(cache_dir) if cache_dir else None))
    if result.config_failed or loaded.portal is None:
        click.echo(RENDERERS["text"](result, lang), nl=False)
        sys.exit(EXIT_USAGE)
    history_file = out / history.FILE_NAME
    try:
        runs = history.read_runs(history_file.read_bytes() if history_file.is_file() else None)
    except history.HistoryInvalid:
        raise UsageFailure("HISTORY_INVALID", path=history_file) from None
    board = dashboard.evaluate(loaded.portal, result, moment, gitdates.last_changes(root))
    trend = history.trend(runs, board)
    files = dashboard_view.report_files(board, trend, load_theme(root), lang)
    files[history.FILE_NAME] = history.record(runs, board)
    try:
        write_output(out, files)
    except OSError as error:
        raise _output_unwritable(output, error) from None
    click.echo(_report_summary(board, trend, out, lang))
    sys.exit(EXIT_OK)


def _report_summary(board, trend, out: Path, lang: str) -> str:
    units = board.units
    scores = [u.score for u in units]
    average = (sum(scores) + len(scores) // 2) // len(scores) if scores else 100
    missing = sum(1 for u in units if u.count("missing"))
    stale = sum(1 for u in units if u.count("stale"))
    line = PHRASES.say("REPORT_SUMMARY", lang, units=len(units), average=average, missing=missing, stale=stale,
                       page=out / "index.html")
    if trend.since:
        line += "\n" + PHRASES.say("REPORT_TREND", lang, since=trend.since, better=trend.count("better"),
                                   worse=trend.count("worse"), same=trend.count("same"))
    return line


@main.command("next-change", code="NEXT_CHANGE")
@click.argument("portal_dir", default="sites", required=False)
@_option("--now", "now", metavar="DATE", code="NEXT_CHANGE_NOW")
@_option("--since", "since", metavar="DATE", code="NEXT_CHANGE_SINCE")
@_lang_option()
def next_change_command(portal_dir: str, now: str | None, since: str | None, lang: str) -> None:
    """``portalgen next-change``: when the output changes next (its help: ``HELP["NEXT_CHANGE"]``)."""
    root = _portal_dir(portal_dir)
    moment = _now(now)
    start = _now(since, "--since") if since else moment
    loaded = load_portal(root)
    if loaded.portal is None:
        click.echo(RENDERERS["text"](check_loaded(loaded, moment), lang), nl=False)
        sys.exit(EXIT_USAGE)
    upcoming = next_change(loaded.portal, start)
    if upcoming is not None:
        click.echo(upcoming.isoformat(timespec="minutes"))
    due = upcoming is not None and upcoming <= moment
    text = PHRASES.say("NEXT_CHANGE", lang, when=upcoming) if upcoming else PHRASES.say("NEXT_CHANGE_NONE", lang)
    if since:
        text += " " + PHRASES.say("NEXT_CHANGE_DUE" if due else "NEXT_CHANGE_NOT_DUE", lang)
    click.echo(text, err=True)
    sys.exit(EXIT_OK if since is None or due else EXIT_PROBLEMS)


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
@_option("--unit", "unit_dir", required=True, metavar="DIR", code="NEW_UNIT")
@_option("--title", "title", metavar="TEXT", code="NEW_TITLE")
@_option("--set", "values", multiple=True, metavar="FIELD=VALUE", code="NEW_SET")
@_option("--file", "files", multiple=True, metavar="FILE", code="NEW_FILE")
@_option("--slug", "slug", metavar="SLUG", code="NEW_SLUG")
@_option("--now", "now", metavar="DATE", code="NEW_NOW")
@_lang_option()
def new(kind: str, unit_dir: str, title: str | None, values: tuple[str, ...], files: tuple[str, ...],
        slug: str | None, now: str | None, lang: str) -> None:
    """``portalgen new``: create a new content file (its help: ``HELP["NEW"]``)."""
    request = scaffold.Request(kind=kind, unit_dir=Path(unit_dir), now=_now(now), title=title, slug=slug,
                               values=_pairs(values), files=tuple(Path(f) for f in files))
    written = scaffold.write(scaffold.plan(request))
    click.echo(PHRASES.say("NEW_CREATED", lang, path=written))
    sys.exit(EXIT_OK)


@main.command("editor-config", code="EDITOR_CONFIG")
@click.argument("portal_dir", default="sites", required=False)
@_option("--workspace", default=".", show_default=True, metavar="DIR", code="EDITOR_CONFIG_WORKSPACE")
@_option("--check", "check_only", is_flag=True, code="EDITOR_CONFIG_CHECK")
@_lang_option()
def editor_config(portal_dir: str, workspace: str, check_only: bool, lang: str) -> None:
    """``portalgen editor-config``: VS Code settings (its help: ``HELP["EDITOR_CONFIG"]``)."""
    root, folder = _portal_dir(portal_dir), Path(workspace)
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
@_option("--root", "repo_root", default=".", show_default=True, metavar="DIR", code="CODEOWNERS_ROOT")
@_option("-o", "--output", "output", default=None, metavar="FILE", code="CODEOWNERS_OUTPUT")
@_option("--check", "check_only", is_flag=True, code="CODEOWNERS_CHECK")
@_lang_option()
def codeowners_command(portal_dir: str, repo_root: str, output: str | None, check_only: bool, lang: str) -> None:
    """``portalgen codeowners``: the CODEOWNERS file (its help: ``HELP["CODEOWNERS"]``)."""
    root, repo = _portal_dir(portal_dir), Path(repo_root)
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


@main.command(code="DEPLOY")
@click.argument("portal_dir", default="sites", required=False)
@_option("-o", "--output", "output", default="public", show_default=True, metavar="OUT", code="DEPLOY_OUTPUT")
@_option("--unit", "unit", metavar="PATH", code="DEPLOY_UNIT")
@_option("--target", "target_name", metavar="NAME", code="DEPLOY_TARGET")
@_option("--dry-run", is_flag=True, code="DEPLOY_DRY_RUN")
@_option("--max-deletes", type=click.IntRange(0), default=100, show_default=True, metavar="N",
         code="DEPLOY_MAX_DELETES")
@_option("--force", is_flag=True, code="DEPLOY_FORCE")
@_option("--jobs", type=click.IntRange(1, 64), default=4, show_default=True, metavar="N", code="DEPLOY_JOBS")
@_option("--now", "now", metavar="DATE", code="DEPLOY_NOW")
@_lang_option()
def deploy(portal_dir: str, output: str, unit: str | None, target_name: str | None, dry_run: bool,
           max_deletes: int, force: bool, jobs: int, now: str | None, lang: str) -> None:
    """``portalgen deploy``: publish the built sites (its help: ``HELP["DEPLOY"]``)."""
    root = _portal_dir(portal_dir)
    moment = _now(now)
    unit = _unit_option(root, unit)
    loaded = load_portal(root)
    result = check_loaded(loaded, moment)
    if result.failed:
        click.echo(RENDERERS["text"](result, lang), nl=False)
        click.echo(PHRASES.say("DEPLOY_REFUSED", lang), err=True)
        sys.exit(EXIT_USAGE if result.config_failed else EXIT_PROBLEMS)
    out = Path(output)
    built = built_files(out)
    if built is None:
        _deploy_usage(problem("DEPLOY_NOT_BUILT", output, output=output, manifest=manifest_path(out).name), lang)
    stale = stale_reason(root, out, moment, unit)
    if stale is not None:
        _deploy_usage(problem("DEPLOY_OUTPUT_STALE", output, output=output, now=moment.isoformat(timespec="minutes"),
                              detail_vi=stale[0], detail_en=stale[1]), lang)
    assert loaded.portal is not None  # a portal that cannot be read fails the check
    every = unit_targets(loaded.portal, loaded.records)
    chosen = [t for t in every if (target_name is None or t.name == target_name) and (unit is None or t.unit == unit)]
    if not chosen:
        names = ", ".join(sorted({t.name for t in every})) or "—"
        _deploy_usage(problem("DEPLOY_NO_TARGET", "portal.yaml",
                              which_vi=f" tên “{target_name}”" if target_name else "",
                              which_en=f" named \"{target_name}\"" if target_name else "", available=names), lang)
    changed = changed_output(out, built, published_paths(chosen, every, built))
    if changed is not None:
        _deploy_usage(problem("DEPLOY_OUTPUT_CHANGED", str(out / changed), file=changed), lang)
    options = Options(dry_run=dry_run, max_deletes=max_deletes, force=force, jobs=jobs)
    outcomes = run_deploy(out, chosen, every, built, options, os.environ, progress=_deploy_progress(lang))
    click.echo("\r\033[K" if sys.stderr.isatty() else "", err=True, nl=False)
    for outcome in outcomes:
        click.echo(_deploy_line(outcome, lang, dry_run))
        if dry_run and outcome.plan and not outcome.problem:
            for path in outcome.plan.uploads:
                click.echo(f"  + {path}")
            for path in outcome.plan.deletes:
                click.echo(f"  - {path}")
        if outcome.problem:
            found = outcome.problem
            click.echo(f"  {found.source.render()}: {found.severity.label} {found.code}: {found.message(lang)}")
            click.echo("      " + PHRASES.say("HINT", lang, hint=found.hint(lang)))
    failed = sum(1 for o in outcomes if o.problem)
    click.echo(PHRASES.say("DEPLOY_SUMMARY_DRY_RUN" if dry_run else "DEPLOY_SUMMARY", lang, targets=len(outcomes),
                           done=len(outcomes) - failed, failed=failed))
    sys.exit(EXIT_DEPLOY_FAILED if failed else EXIT_OK)


def _deploy_usage(found: Problem, lang: str) -> NoReturn:
    """A deploy that cannot start: the problem with its hint, exit 2."""
    hint = PHRASES.say("HINT", lang, hint=found.hint(lang))
    click.echo(f"portalgen: {found.code}: {found.message(lang)}\n    {hint}", err=True)
    sys.exit(EXIT_USAGE)


def _deploy_progress(lang: str):
    """One progress line per running target on a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        return lambda *_: None
    def show(target: Target, done: int, total: int) -> None:
        click.echo("\r\033[K" + PHRASES.say("DEPLOY_PROGRESS", lang, unit=target.unit, target=target.name, done=done,
                                             total=total), err=True, nl=False)

    return show


def _deploy_line(outcome: Outcome, lang: str, dry_run: bool) -> str:
    """The summary of one target: uploaded, deleted, unchanged, bytes, time — or that it failed."""
    target = outcome.target
    head = f"{target.unit} → {target.account} ({target.name})"
    if outcome.problem and not outcome.plan:
        return PHRASES.say("DEPLOY_TARGET_FAILED", lang, target=head)
    plan = outcome.plan
    assert plan is not None
    if dry_run:
        return PHRASES.say("DEPLOY_TARGET_PLAN", lang, target=head, uploads=len(plan.uploads),
                           deletes=len(plan.deletes), unchanged=outcome.unchanged)
    return PHRASES.say("DEPLOY_TARGET_DONE_FAILED" if outcome.problem else "DEPLOY_TARGET_DONE", lang, target=head,
                       uploaded=outcome.uploaded, deleted=outcome.deleted, unchanged=outcome.unchanged,
                       size=file_size(outcome.bytes), seconds=decimal(outcome.seconds))


@main.command("join-shards", code="JOIN_SHARDS")
@click.argument("parts", nargs=-1, required=True, metavar="PART...")
@_option("-o", "--output", "output", default="public", show_default=True, metavar="OUT", code="JOIN_SHARDS_OUTPUT")
@_lang_option()
def join_shards(parts: tuple[str, ...], output: str, lang: str) -> None:
    """``portalgen join-shards``: join build parts (its help: ``HELP["JOIN_SHARDS"]``)."""
    out = Path(output)
    try:
        joined = shards.join_parts(out, [Path(p) for p in parts])
    except OSError as exc:
        raise UsageFailure("FILE_FAILED", path=exc.filename or output, reason=exc.strerror or exc) from None
    click.echo(PHRASES.say("JOIN_DONE", lang, parts=joined.parts, files=joined.files, copied=joined.copied,
                           removed=joined.removed, output=output))
    sys.exit(EXIT_OK)
