"""One way to speak: the catalogues of command texts and import notes, and usage failures said in
the chosen ``--lang`` only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from portalgen.command_help import HELP
from portalgen.failures import UsageFailure
from portalgen.importing.notes import MUST_FIX, NOTES
from portalgen.phrases import PHRASES
from portalgen.speech import Catalogue, Text, decimal, fields, join

from conftest import PROJECT, VIETNAMESE, run, vietnamese_letters
from portal_builder import portal_2025, write

CATALOGUES = {"phrases": PHRASES, "import notes": NOTES, "command help": HELP}
SOURCES = {path: path.read_text(encoding="utf-8") for path in (PROJECT / "portalgen").rglob("*.py")}


@pytest.mark.parametrize("name", CATALOGUES)
def test_every_code_has_vietnamese_and_english_with_the_same_fields(name):
    catalogue = CATALOGUES[name]
    assert len(catalogue) > 0
    for code, text in catalogue.items():
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", code), code
        assert text.vi.strip() and text.en.strip(), code
        assert fields(text.vi) == fields(text.en), code
        assert not vietnamese_letters(text.en), (code, text.en)
        assert VIETNAMESE.search(text.vi), (code, text.vi)


def test_a_catalogue_refuses_texts_whose_languages_take_different_fields():
    with pytest.raises(ValueError, match="BROKEN"):
        Catalogue("test", {"BROKEN": Text("Tệp “{path}”.", "The file {name}.")})
    assert fields("{when:%d/%m/%Y} {count} {{literal}}") == {"when", "count"}


def test_texts_are_said_in_one_language_with_phrases_and_numbers_in_that_language():
    size = Text("{count} tệp, {seconds} giây{more}", "{count} files, {seconds} s{more}")
    more = PHRASES["NEW_OR_WEEK"]
    assert size.say("vi", count=3, seconds=decimal(1.25), more=more) == "3 tệp, 1,2 giây hoặc --set week=…"
    assert size.say("en", count=3, seconds=decimal(1.25), more=more) == "3 files, 1.2 s or --set week=…"
    assert join(["--set a=…", Text("b (bắt buộc)", "b"), ""]) == Text("--set a=… b (bắt buộc)", "--set a=… b")
    assert Text("{x}", "{x}").fill(x="{not a field}") == Text("{not a field}", "{not a field}")


def test_every_code_is_said_somewhere_and_every_code_said_exists():
    code = r"[A-Z][A-Z0-9_]+"
    said, literals = set(), set()
    for text in SOURCES.values():
        said |= set(re.findall(rf'(?:UsageFailure|say|note)\(\s*"({code})"', text))
        said |= set(re.findall(rf'PHRASES\["({code})"\]', text))
        literals |= set(re.findall(rf'"({code})"', text))
    assert not {c for c in said if c not in PHRASES and c not in NOTES}
    dynamic = ("CONVERSION_", "IMPORT_BLANK_")
    assert not {c for c in [*PHRASES, *NOTES] if c not in literals and not c.startswith(dynamic)}
    assert MUST_FIX <= set(NOTES)


def test_a_usage_failure_checks_its_code_and_says_itself_in_either_language():
    with pytest.raises(KeyError):
        UsageFailure("NO_SUCH_CODE")
    failure = UsageFailure("FOLDER_MISSING", folder="x")
    assert failure.text("vi") == "Không có thư mục “x”."
    assert failure.text("en") == str(failure) == 'There is no folder "x".'


def test_the_command_line_has_no_language_branches():
    cli = "".join(text for path, text in SOURCES.items() if path.parent == PROJECT / "portalgen/cli")
    assert not re.search(r"""lang\s*[!=]=\s*["'](?:en|vi)["']""", cli)
    assert "BadParameter" not in cli and "CommandFailure" not in "".join(SOURCES.values())


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    return portal_2025(tmp_path_factory.mktemp("speech") / "portal")


def _usage_cases(portal: Path, tmp: Path) -> list[list[str]]:
    afile = write(tmp, "afile", "x")
    unit = str(portal / "tinh-a/xa-b")
    return [
        ["check", str(portal), "--now", "yesterday"],
        ["check", str(tmp / "missing")],
        ["check", str(portal), "--unit", "tinh-a/missing"],
        ["build", str(portal), "--shard", "5/2"],
        ["build", str(portal), "--shard", "1/2", "--unit", "tinh-a"],
        ["build", str(portal), "-o", str(afile), "--now", "2026-11-27"],
        ["build", str(portal), "-o", str(afile / "out"), "--now", "2026-11-27"],
        ["next-change", str(portal), "--since", "last week"],
        ["new", "news", "--unit", unit, "--title", "X", "--set", "order"],
        ["new", "news", "--unit", unit, "--title", "X", "--set", "nope=1"],
        ["new", "news", "--unit", str(tmp / "missing"), "--title", "X"],
        ["new", "document", "--unit", unit, "--title", "X"],
        ["new", "news", "--unit", unit, "--title", "X", "--slug", "Not A Slug"],
        ["import", "docx", str(tmp / "missing.docx"), "--unit", unit],
        ["import", "docx", str(afile), "--unit", str(portal / "tinh-a/news")],
        ["editor-config", str(portal), "--workspace", str(tmp / "elsewhere")],
        ["codeowners", str(portal), "--root", str(tmp / "elsewhere")],
        ["join-shards", "-o", str(tmp / "joined"), str(tmp)],
    ]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_usage_failures_exit_2_with_one_line_in_the_chosen_language(portal, tmp_path, lang):
    (tmp_path / "elsewhere").mkdir()
    for args in _usage_cases(portal, tmp_path):
        result = run(*args, "--lang", lang)
        assert result.exit_code == 2, (args, result.output)
        lines = result.output.splitlines()
        assert len(lines) == 1 and lines[0].startswith("portalgen: "), (args, result.output)
        if lang == "en":
            assert not vietnamese_letters(result.output), (args, result.output)
        else:
            assert VIETNAMESE.search(result.output), (args, result.output)
