"""Every ```yaml example in README.md and docs/ (the command pages in docs/commands/ included) parses with
portalgen's own YAML loader."""

from __future__ import annotations

import re

import pytest

from portalgen.yamlio import parse_yaml

from conftest import PROJECT

BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.S | re.M)
DOCS = [PROJECT / "README.md", *sorted((PROJECT / "docs").rglob("*.md"))]
EXAMPLES = [(path.relative_to(PROJECT).as_posix(), text[:match.start()].count("\n") + 2, match[1])
            for path in DOCS for text in [path.read_text(encoding="utf-8")] for match in BLOCK.finditer(text)]


def test_there_are_examples_to_check():
    # The examples the README used to hold: portal.yaml (policy, dashboard, deploy, cms), unit.yaml, CI jobs.
    names = {name for name, _, _ in EXAMPLES}
    assert {"docs/portal-layout.md", "docs/ci.md", "docs/commands/deploy.md", "docs/commands/report.md"} <= names


@pytest.mark.parametrize("name, line, block", EXAMPLES, ids=[f"{n}:{ln}" for n, ln, _ in EXAMPLES])
def test_yaml_example_parses(name, line, block):
    parsed = parse_yaml(block)
    assert not parsed.issues, f"{name}:{line}: {parsed.issues}"
