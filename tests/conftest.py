"""Shared test helpers: running the CLI, golden files (``pytest --update-golden`` rewrites them)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from portalgen.cli import main

from htmlcheck import chrome  # noqa: E402,F401 - the session's browser, a fixture for every test module

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"
PROJECT = TESTS.parent
#: The bundled demo portal: a current province (province › commune, since 1 July 2025).
DEMO = PROJECT / "sites"
#: The portal in the structure before 1 July 2025 (province › district › commune), for tests.
THREE_LEVEL = FIXTURES / "three-level"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files from the current output")


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare text with a golden file, or rewrite it under --update-golden."""
    update = request.config.getoption("--update-golden")

    def compare(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.write_text(text, encoding="utf-8")
        assert path.exists(), f"missing golden file {path}; run pytest --update-golden"
        assert text == path.read_text(encoding="utf-8")

    return compare


VIETNAMESE = re.compile("[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE)


def vietnamese_letters(text: str) -> list[str]:
    """Letters outside ASCII: in these texts, Vietnamese ones (quotes, dashes and arrows are not letters)."""
    return [c for c in text if not c.isascii() and c.isalpha()]


def run(*args: str):
    """Run ``portalgen`` in-process; returns click's Result (exit_code, output)."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def run_json(*args: str) -> dict:
    result = run(*args, "--format", "json")
    return json.loads(result.output)


DEMO_NOW = "2026-11-27"


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """The demo portal built once per test session (output folder)."""
    out = tmp_path_factory.mktemp("demo") / "public"
    result = run("build", str(DEMO), "-o", str(out), "--now", DEMO_NOW, "--no-cache")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def three_level(tmp_path_factory):
    """The three-level fixture portal built once per test session (output folder)."""
    out = tmp_path_factory.mktemp("three-level") / "public"
    result = run("build", str(THREE_LEVEL), "-o", str(out), "--now", DEMO_NOW, "--no-cache")
    assert result.exit_code == 0, result.output
    return out
