"""Bilingual ``--help``: every help text of every command comes from :data:`portalgen.command_help.HELP`,
in the language of ``--lang`` (anywhere on the command line), else ``PORTALGEN_LANG``, else Vietnamese."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from portalgen.cli import main
from portalgen.cli.base import COMMAND_MODULES
from portalgen.command_help import HELP

from conftest import VIETNAMESE, vietnamese_letters


def _walk(command: click.Command, path: tuple[str, ...] = ()):
    yield path, command
    if isinstance(command, click.Group):
        context = click.Context(command)
        for name in command.list_commands(context):
            found = command.get_command(context, name)
            assert found is not None, name
            yield from _walk(found, (*path, name))


COMMANDS = list(_walk(main))
IDS = [" ".join(path) or "portalgen" for path, _ in COMMANDS]


def _help(args: list[str], env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(main, args, env={"PORTALGEN_LANG": "", **(env or {})}, catch_exceptions=False)
    assert result.exit_code == 0, (args, result.output)
    return result.output


def _words(text: str) -> str:
    """Text with its whitespace collapsed, and the words click's wrapping broke after a hyphen joined again."""
    return re.sub(r"(?<=\w-) (?=\w)", "", " ".join(text.split()))


def _codes(command: click.Command) -> list[str]:
    """The codes of everything ``command --help`` prints: its help, its options', its commands' short help."""
    codes = [getattr(command, "code"), "OPTION_HELP"]
    codes += [getattr(param, "code") for param in command.params if isinstance(param, click.Option)]
    if isinstance(command, click.Group):
        codes += [getattr(sub, "code") + "_SHORT" for sub in command.commands.values()]
    return codes


def test_every_command_and_option_names_its_help_in_the_catalogue_and_every_code_is_used():
    used = set()
    for _, command in COMMANDS:
        for param in command.params:
            assert not isinstance(param, click.Argument) or getattr(param, "help", None) is None, param
        codes = _codes(command)
        assert all(code in HELP for code in codes), (command.name, [c for c in codes if c not in HELP])
        used |= set(codes)
    assert used == set(HELP)


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS], ids=IDS)
def test_the_vietnamese_help_says_what_the_catalogue_says_and_nothing_else_in_vietnamese(path):
    command = dict(COMMANDS)[path]
    output = _words(_help([*path, "--help"]))
    rest = output
    for code in _codes(command):
        said = _words(HELP[code].vi)
        assert said in output, (code, said, output)
        assert VIETNAMESE.search(said), code
        rest = rest.replace(said, "")
    assert not vietnamese_letters(rest), rest  # click's own words and the option names only


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS], ids=IDS)
@pytest.mark.parametrize("how", ["--lang en after --help", "--lang en before --help", "PORTALGEN_LANG=en"])
def test_the_english_help_is_wholly_english_whichever_way_english_is_asked_for(path, how):
    command = dict(COMMANDS)[path]
    if how == "PORTALGEN_LANG=en":
        output = _help([*path, "--help"], env={"PORTALGEN_LANG": "en"})
    elif how == "--lang en after --help":
        output = _help([*path, "--help", "--lang", "en"])
    else:
        output = _help([*path, "--lang", "en", "--help"])
    assert not vietnamese_letters(output), output
    for code in _codes(command):
        assert _words(HELP[code].en) in _words(output), code


def test_the_group_s_lang_and_an_unknown_environment_value():
    assert "Check every unit's content." in _help(["--lang", "en", "check", "--help"])
    assert "Check every unit's content." in _help(["--lang=en", "--help"])
    assert "Kiểm tra nội dung của mọi đơn vị." in _help(["--help"], env={"PORTALGEN_LANG": "fr"})
    assert "Kiểm tra nội dung của mọi đơn vị." in _help(["check", "--help", "--lang", "vi"],
                                                        env={"PORTALGEN_LANG": "en"})
    english = _help(["import", "docx", "-h"], env={"PORTALGEN_LANG": "en"})
    assert "Turn a Word file (.docx) into a draft" in english and "[default: en]" in english


def test_portalgen_lang_and_the_group_s_lang_also_choose_the_language_of_messages(tmp_path):
    missing = str(tmp_path / "missing")
    english = 'is not a folder'
    for args, env in [(["check", missing], {"PORTALGEN_LANG": "en"}), (["--lang", "en", "check", missing], {}),
                      (["check", missing, "--lang", "en"], {"PORTALGEN_LANG": "vi"})]:
        result = CliRunner().invoke(main, args, env=env)
        assert result.exit_code == 2 and english in result.output, (args, env, result.output)
    vietnamese = CliRunner().invoke(main, ["--lang", "en", "check", missing, "--lang", "vi"],
                                    env={"PORTALGEN_LANG": ""})
    assert vietnamese.exit_code == 2 and "không phải thư mục" in vietnamese.output


def test_each_command_is_defined_in_the_module_the_group_imports_for_it():
    """The group imports a command's module only when it is asked for: its table is the truth."""
    assert sorted(main.commands) == sorted(COMMAND_MODULES)  # every module imported by the walk above
    for name, command in main.commands.items():
        assert command.callback.__module__ == f"portalgen.cli.{COMMAND_MODULES[name]}", name
