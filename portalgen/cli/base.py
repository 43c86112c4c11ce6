"""The command line's shared parts: the ``portalgen`` group, commands that speak in their
``--lang`` (help included), and the options every command reads the same way."""

from __future__ import annotations

import datetime as dt
import importlib
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from .. import (
    __version__,
    writer,
)
from ..command_help import HELP
from ..failures import UsageFailure
from ..phrases import PHRASES
from ..speech import LANGS, Lang

TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_DEPLOY_FAILED = 0, 1, 2, 3
#: a build (or deploy) that published everything valid and held back what has errors
EXIT_HELD = 4


def parse_now(value: str | None, option: str = "--now") -> dt.datetime:
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


def portal_folder(value: str) -> Path:
    """The PORTAL_DIR argument, refused when it is not a folder or is the root of the file system
    (which holds no portal and whose walk meets folders no one may read)."""
    path = Path(value)
    if not path.is_dir():
        raise UsageFailure("PORTAL_NOT_FOLDER", value=value)
    real = Path(os.path.realpath(path))
    if real == Path(real.anchor):
        raise UsageFailure("PORTAL_IS_ROOT", value=value)
    return path


def shard_option(value: str | None, unit: str | None) -> tuple[int, int] | None:
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


def unit_option(root: Path, unit: str | None) -> str | None:
    """The ``--unit`` folder, normalised (``./nam-dinh/`` → ``nam-dinh``) and checked: a usage
    failure when it holds no unit or leaves the portal."""
    if unit is not None:
        unit = os.path.normpath(unit).replace(os.sep, "/").strip("/")
    if unit is not None and (unit.startswith("..") or unit == "." or not (root / unit / "unit.yaml").is_file()):
        raise UsageFailure("UNIT_NOT_FOUND", unit=unit)
    return unit


def output_folder(output: str) -> Path:
    """The ``-o`` folder, refused when it is an existing file."""
    out = Path(output)
    if out.exists() and not out.is_dir():
        raise UsageFailure("OUTPUT_IS_FILE", output=output)
    return out


def build_output(output: str, root: Path | None, lang: str) -> Path:
    """The ``-o`` folder of a build or a join, refused when it is empty, an existing file, the
    working folder, the portal folder (``root``), inside it or holding it, or is or holds a
    symbolic link: a build removes from its output what it wrote before and writes there, so it
    must be a real folder of its own.  Says (in ``lang``) a note when the manifest beside it names
    paths outside it (it is then ignored: nothing is removed)."""
    if not output.strip():
        raise UsageFailure("OUTPUT_EMPTY")
    out = Path(output)
    link = _link_in(out)
    if link is not None:
        raise UsageFailure("OUTPUT_IS_LINK", output=output, link=link)
    if out.exists() and not out.is_dir():
        raise UsageFailure("OUTPUT_IS_FILE", output=output)
    real = Path(os.path.realpath(out))
    if real == Path(os.path.realpath(os.getcwd())) or real == Path(real.anchor):
        raise UsageFailure("OUTPUT_IS_WORKING_FOLDER", output=output)
    if root is not None:
        portal = Path(os.path.realpath(root))
        if real == portal or portal in real.parents or real in portal.parents:
            raise UsageFailure("OUTPUT_OVERLAPS_PORTAL", output=output, portal=root)
    if writer.manifest_refused(out):
        click.echo(PHRASES.say("MANIFEST_IGNORED", lang, manifest=writer.manifest_path(out)), err=True)
    return out


def _link_in(out: Path) -> Path | None:
    """The output folder itself, or the first thing inside it, that is a symbolic link; None if none."""
    if out.is_symlink():
        return out
    if not out.is_dir():
        return None
    folders = [os.fspath(out)]
    while folders:
        try:
            with os.scandir(folders.pop()) as listing:
                for entry in listing:
                    if entry.is_symlink():
                        return Path(entry.path)
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
        except OSError:
            continue
    return None


def output_unwritable(output: str, error: OSError) -> UsageFailure:
    """An output that cannot be written (the previous output is untouched)."""
    return UsageFailure("OUTPUT_UNWRITABLE", output=output, reason=error.strerror or str(error))


def relative_to_cwd(root: Path) -> str:
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


def option(*decls: str, code: str, **kwargs):
    """``click.option`` with its help from :data:`HELP`."""
    return click.option(*decls, cls=_Option, code=code, **kwargs)


def lang_option(code: str = "OPTION_LANG"):
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


#: The module of ``portalgen.cli`` that defines each command, imported when the command is asked
#: for (``build`` with nothing to do then starts without the rest; tests/test_cli_help.py holds
#: this table to the commands the modules define).
COMMAND_MODULES = {
    "check": "site", "build": "site", "serve": "site", "report": "site", "next-change": "site",
    "import": "editing", "new": "editing", "editor-config": "editing", "codeowners": "editing", "init": "editing",
    "deploy": "publishing", "join-shards": "publishing",
}


class _Group(_Helped, click.Group):
    """Commands and sub-groups (``import``) made of :class:`_Command`; the top group's commands are
    defined in the modules of :data:`COMMAND_MODULES`, imported on demand."""

    command_class = _Command
    group_class = type

    def __init__(self, *args, code: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.code = code

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and self.name == "main" and cmd_name in COMMAND_MODULES:
            importlib.import_module(f"{__package__}.{COMMAND_MODULES[cmd_name]}")
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        if self.name == "main":
            return sorted(COMMAND_MODULES)
        return super().list_commands(ctx)


@click.group(cls=_Group, code="PORTALGEN", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="portalgen", cls=_Option, code="OPTION_VERSION")
@lang_option("OPTION_LANG_ALL")
def main(lang: str) -> None:
    """``portalgen``: the group of every command (its help: ``HELP["PORTALGEN"]``)."""
