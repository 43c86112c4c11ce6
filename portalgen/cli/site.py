"""The commands on a portal and its sites: ``check``, ``build``, ``serve``, ``report``, ``next-change``.

Each command imports the machinery it runs when it runs: ``build`` with nothing to do (the output
holds for these inputs, :func:`portalgen.buildstate.reused_build`) imports none of it."""

from __future__ import annotations

import datetime as dt
import functools
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

import click

from .. import buildstate
from ..cache import Cache
from ..failures import UsageFailure
from ..phrases import PHRASES
from ..problems import Severity
from ..report import RENDERERS, render
from ..speech import decimal
from ..writer import write_output
from .base import (
    EXIT_HELD,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    build_output,
    lang_option,
    main,
    option,
    output_folder,
    output_unwritable,
    parse_now,
    portal_folder,
    relative_to_cwd,
    shard_option,
    unit_option,
)


@main.command(code="CHECK")
@click.argument("portal_dir", default="sites", required=False)
@option("--unit", "unit", metavar="PATH", code="CHECK_UNIT")
@option("--now", "now", metavar="DATE", code="CHECK_NOW")
@lang_option()
@option("--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="text", show_default=True,
         code="CHECK_FORMAT")
@option("--strict", is_flag=True, code="CHECK_STRICT")
@option("--errors-only", is_flag=True, code="REPORT_ERRORS_ONLY")
@option("--summary", is_flag=True, code="REPORT_SUMMARY")
@option("--cache", "cache_dir", default=None, metavar="DIR", code="OPTION_CACHE_REUSE")
def check(portal_dir: str, unit: str | None, now: str | None, lang: str, fmt: str, strict: bool,
          errors_only: bool, summary: bool, cache_dir: str | None) -> None:
    """``portalgen check``: check every unit's content (its help: ``HELP["CHECK"]``)."""
    from ..check import check_portal

    root = portal_folder(portal_dir)
    moment = parse_now(now)
    unit = unit_option(root, unit)
    result = check_portal(root, moment, unit=unit, strict=strict, cache=Cache(Path(cache_dir) if cache_dir else None))
    prefix = "" if fmt == "text" else relative_to_cwd(root)
    click.echo(render(fmt, result, lang, prefix, errors_only=errors_only, summary=summary), nl=False)
    if result.config_failed:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_PROBLEMS if result.failed else EXIT_OK)


@main.command(code="BUILD")
@click.argument("portal_dir", default="sites", required=False)
@option("-o", "--output", "output", default="public", show_default=True, metavar="OUT", code="BUILD_OUTPUT")
@option("--unit", "unit", metavar="PATH", code="BUILD_UNIT")
@option("--now", "now", metavar="DATE", code="BUILD_NOW")
@lang_option()
@option("--strict", is_flag=True, code="BUILD_STRICT")
@option("--errors-only", is_flag=True, code="REPORT_ERRORS_ONLY")
@option("--summary", is_flag=True, code="REPORT_SUMMARY")
@option("--cache", "cache_dir", default=".portalgen-cache", show_default=True, metavar="DIR", code="BUILD_CACHE")
@option("--no-cache", is_flag=True, code="BUILD_NO_CACHE")
@option("--jobs", type=click.IntRange(1, 64), default=None, metavar="N", code="BUILD_JOBS")
@option("--shard", metavar="K/N", default=None, code="BUILD_SHARD")
def build(portal_dir: str, output: str, unit: str | None, now: str | None, lang: str, strict: bool,
          errors_only: bool, summary: bool, cache_dir: str, no_cache: bool, jobs: int | None,
          shard: str | None) -> None:
    """``portalgen build``: check, then build every unit's site (its help: ``HELP["BUILD"]``)."""
    root = portal_folder(portal_dir)
    moment = parse_now(now)
    unit = unit_option(root, unit)
    part = shard_option(shard, unit)
    progress = _progress(lang)
    cache = Cache(None if no_cache else Path(cache_dir))
    out = build_output(output, root, lang)
    started = time.perf_counter()
    result = None if no_cache else buildstate.reused_build(
        root, out, moment, buildstate.not_inputs(out, cache.folder.parent if cache.folder else None),
        buildstate.build_options(root, strict, unit, part), started)
    if result is None:
        from ..build import build_portal  # the build's machinery: only when there is something to build

        try:
            result = build_portal(root, out, moment, unit=unit, strict=strict, cache=cache, jobs=jobs,
                                  shard=part, progress=progress, reuse=not no_cache)
        except OSError as error:
            raise output_unwritable(output, error) from None
    click.echo("\r\033[K" if sys.stderr.isatty() else "", err=True, nl=False)
    report = functools.partial(render, "text", result.check, lang, errors_only=errors_only, summary=summary)
    if not result.built:
        click.echo(report(), nl=False)
        click.echo(PHRASES.say("BUILD_STOPPED", lang), err=True)
        sys.exit(EXIT_USAGE if result.check.config_failed else EXIT_PROBLEMS)
    if result.check.problems:
        click.echo(report(), nl=False)
    written = result.written
    assert written is not None  # the build was written
    for path in written.kept:
        click.echo(PHRASES.say("OUTPUT_KEPT", lang, path=out / path), err=True)
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
    if result.check.count(Severity.ERROR):
        codes = [p.code for p in result.check.problems]
        click.echo(PHRASES.say("BUILD_HELD", lang, items=sum(c.startswith("HELD_ITEM_") for c in codes),
                               units=sum(c.startswith("HELD_UNIT_") for c in codes)), err=True)
        sys.exit(EXIT_HELD)
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
@option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, code="SERVE_PORT")
@option("--unit", "unit", metavar="PATH", code="SERVE_UNIT")
@option("--now", "now", metavar="DATE", code="SERVE_NOW")
@lang_option()
@option("--cache", "cache_dir", default=".portalgen-cache", show_default=True, metavar="DIR", code="SERVE_CACHE")
@option("--errors-only", is_flag=True, code="REPORT_ERRORS_ONLY")
@option("--summary", is_flag=True, code="REPORT_SUMMARY")
@option("--editor", is_flag=True, code="SERVE_EDITOR")
def serve(portal_dir: str, port: int, unit: str | None, now: str | None, lang: str, cache_dir: str,
          errors_only: bool, summary: bool, editor: bool) -> None:
    """``portalgen serve``: preview with live reload (its help: ``HELP["SERVE"]``)."""
    from .. import local_editor
    from ..serve import PortalServer

    root = portal_folder(portal_dir)
    unit = unit_option(root, unit)
    fixed = parse_now(now) if now else None
    proxy_port = local_editor.free_port() if editor else None
    proxy = local_editor.start_proxy(root, local_editor.portal_cms(root), proxy_port) if proxy_port else None
    folder = Path(tempfile.mkdtemp(prefix="portalgen-serve-"))  # the output, its staging and manifest
    out = folder / "site"
    report = functools.partial(_report_build, lang=lang, errors_only=errors_only, summary=summary)
    try:
        server = PortalServer(root, out, port, lambda: fixed or parse_now(None), cache=Cache(Path(cache_dir)),
                              unit=unit, lang=lang, report=report, proxy_port=proxy_port)
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        if proxy is not None:
            local_editor.stop_proxy(proxy)
        raise UsageFailure("SERVE_NO_PORT", port=port, reason=exc.strerror or exc) from None
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.start()
        home = f"{server.url}{server.home + '/' if server.home else ''}"
        click.echo(PHRASES.say("SERVE_STARTED", lang, url=home))
        if proxy is not None:
            click.echo(PHRASES.say("SERVE_EDITOR_STARTED", lang, url=home + "admin/"))
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        if proxy is not None:
            local_editor.stop_proxy(proxy)
        shutil.rmtree(folder, ignore_errors=True)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _report_build(result, lang: str, errors_only: bool = False, summary: bool = False) -> None:
    """One build of the preview server, in the terminal."""
    stamp = dt.datetime.now().strftime("%H:%M:%S")
    if not result.built:
        click.echo(f"[{stamp}] " + render("text", result.check, lang, errors_only=errors_only, summary=summary),
                   nl=False)
        return
    errors = sum(1 for p in result.check.problems if p.severity.label == "error")
    line = PHRASES.say("SERVE_BUILT_WITH_ERRORS" if errors else "SERVE_BUILT", lang, units=result.units,
                       written=result.written.written, seconds=decimal(result.seconds), errors=errors)
    click.echo(f"[{stamp}] {line}")


@main.command(code="REPORT")
@click.argument("portal_dir", default="sites", required=False)
@option("-o", "--output", "output", default="bang-theo-doi", show_default=True, metavar="DIR", code="REPORT_OUTPUT")
@option("--now", "now", metavar="DATE", code="REPORT_NOW")
@lang_option("OPTION_LANG_REPORT")
@option("--cache", "cache_dir", default=None, metavar="DIR", code="OPTION_CACHE_REUSE")
def report(portal_dir: str, output: str, now: str | None, lang: str, cache_dir: str | None) -> None:
    """``portalgen report``: the compliance dashboard (its help: ``HELP["REPORT"]``)."""
    from .. import dashboard, dashboard_view, gitdates, history
    from ..build import with_problems
    from ..check import check_loaded
    from ..load import load_portal
    from ..theme_check import ThemeFailure
    from ..themes import load_theme

    root = portal_folder(portal_dir)
    moment = parse_now(now)
    out = output_folder(output)
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
    try:
        files = dashboard_view.report_files(board, trend, load_theme(root), lang)
    except ThemeFailure as failure:
        click.echo(RENDERERS["text"](with_problems(result, failure.problems), lang), nl=False)
        sys.exit(EXIT_PROBLEMS)
    files[history.FILE_NAME] = history.record(runs, board)
    try:
        write_output(out, files, adopt={history.FILE_NAME})  # the history it read, continued
    except OSError as error:
        raise output_unwritable(output, error) from None
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
@option("--now", "now", metavar="DATE", code="NEXT_CHANGE_NOW")
@option("--since", "since", metavar="DATE", code="NEXT_CHANGE_SINCE")
@lang_option()
def next_change_command(portal_dir: str, now: str | None, since: str | None, lang: str) -> None:
    """``portalgen next-change``: when the output changes next (its help: ``HELP["NEXT_CHANGE"]``)."""
    from ..check import check_loaded
    from ..load import load_portal
    from ..resolve import next_change

    root = portal_folder(portal_dir)
    moment = parse_now(now)
    start = parse_now(since, "--since") if since else moment
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
