"""The commands that publish a build: ``deploy``, ``join-shards``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from .. import (
    lastgood,
    shards,
)
from ..build import own_problems
from ..check import check_loaded
from ..deploy.current import stale_reason
from ..deploy.run import Options, Outcome, built_files, changed_output, published_paths
from ..deploy.run import deploy as run_deploy
from ..deploy.targets import Target, unit_targets
from ..failures import UsageFailure
from ..isolation import Decision, decide
from ..load import Portal, load_portal
from ..phrases import PHRASES
from ..problems import Problem, Severity, problem
from ..report import RENDERERS
from ..speech import decimal, file_size
from ..writer import manifest_path
from .base import (
    EXIT_DEPLOY_FAILED,
    EXIT_HELD,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    build_output,
    lang_option,
    main,
    option,
    parse_now,
    portal_folder,
    unit_option,
)


@main.command(code="DEPLOY")
@click.argument("portal_dir", default="sites", required=False)
@option("-o", "--output", "output", default="public", show_default=True, metavar="OUT", code="DEPLOY_OUTPUT")
@option("--unit", "unit", metavar="PATH", code="DEPLOY_UNIT")
@option("--target", "target_name", metavar="NAME", code="DEPLOY_TARGET")
@option("--dry-run", is_flag=True, code="DEPLOY_DRY_RUN")
@option("--max-deletes", type=click.IntRange(0), default=100, show_default=True, metavar="N",
         code="DEPLOY_MAX_DELETES")
@option("--force", is_flag=True, code="DEPLOY_FORCE")
@option("--jobs", type=click.IntRange(1, 64), default=4, show_default=True, metavar="N", code="DEPLOY_JOBS")
@option("--now", "now", metavar="DATE", code="DEPLOY_NOW")
@option("--cache", "cache_dir", default=".portalgen-cache", show_default=True, metavar="DIR", code="DEPLOY_CACHE")
@lang_option()
def deploy(portal_dir: str, output: str, unit: str | None, target_name: str | None, dry_run: bool,
           max_deletes: int, force: bool, jobs: int, now: str | None, cache_dir: str, lang: str) -> None:
    """``portalgen deploy``: publish the built sites (its help: ``HELP["DEPLOY"]``)."""
    root = portal_folder(portal_dir)
    moment = parse_now(now)
    unit = unit_option(root, unit)
    loaded = load_portal(root)
    checked = check_loaded(loaded, moment)
    result, decision = own_problems(checked, unit), decide(checked.problems, loaded.records, loaded.portal)
    if result.config_failed or decision.stops:
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
    every = unit_targets(_as_built(loaded.portal, decision, Path(cache_dir), root), loaded.records)
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
    if failed:
        sys.exit(EXIT_DEPLOY_FAILED)
    if result.count(Severity.ERROR):
        click.echo(PHRASES.say("DEPLOY_HELD", lang), err=True)
        sys.exit(EXIT_HELD)
    sys.exit(EXIT_OK)


def _as_built(portal: Portal, decision: Decision, cache_dir: Path, root: Path) -> Portal:
    """The portal with each unit the build held back as it was built: its last good version from
    the build's cache folder, so that it goes to its own targets."""
    if not decision.units:
        return portal
    held = Decision(units=decision.units)
    return lastgood.restore(portal, held, lastgood.open_store(lastgood.store_folder(cache_dir, root))).portal


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
@option("-o", "--output", "output", default="public", show_default=True, metavar="OUT", code="JOIN_SHARDS_OUTPUT")
@lang_option()
def join_shards(parts: tuple[str, ...], output: str, lang: str) -> None:
    """``portalgen join-shards``: join build parts (its help: ``HELP["JOIN_SHARDS"]``)."""
    out = build_output(output, None, lang)
    try:
        joined = shards.join_parts(out, [Path(p) for p in parts])
    except OSError as exc:
        raise UsageFailure("FILE_FAILED", path=exc.filename or output, reason=exc.strerror or exc) from None
    for path in joined.kept:
        click.echo(PHRASES.say("OUTPUT_KEPT", lang, path=out / path), err=True)
    click.echo(PHRASES.say("JOIN_DONE", lang, parts=joined.parts, files=joined.files, copied=joined.copied,
                           removed=joined.removed, output=output))
    sys.exit(EXIT_OK)
