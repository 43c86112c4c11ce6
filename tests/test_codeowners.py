"""``portalgen codeowners``: each unit's board owns its folder, children after parents."""

from __future__ import annotations

import fnmatch
import shutil
from pathlib import Path

from portalgen import codeowners
from portalgen.sources import read_portal

from conftest import THREE_LEVEL, run
from portal_builder import portal_2025


def _owners_of(text: str, path: str) -> list[str]:
    """The owners of a repository path under CODEOWNERS rules: the last matching line wins."""
    owners: list[str] = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            pattern, *names = line.split()
            prefix = pattern.lstrip("/")
            if (pattern.endswith("/") and path.startswith(prefix)) or fnmatch.fnmatch(path, prefix):
                owners = names
    return owners


def test_demo_boards_own_their_folders(tmp_path: Path) -> None:
    shutil.copytree(THREE_LEVEL, tmp_path / "sites")
    result = run("codeowners", str(tmp_path / "sites"), "--root", str(tmp_path))
    assert result.exit_code == 0, result.output
    text = (tmp_path / "CODEOWNERS").read_text(encoding="utf-8")
    portal = read_portal(tmp_path / "sites")
    for unit in portal.units:
        expected = codeowners.owners_of(unit.record.data["editors"])
        assert expected, unit.path
        assert _owners_of(text, f"sites/{unit.path}/news/2026/tin.md") == list(expected), unit.path
    province = codeowners.owners_of(portal.units[0].record.data["editors"])
    assert _owners_of(text, "sites/portal.yaml") == list(province)
    assert _owners_of(text, "sites/catalog/procedures/commune/dang-ky-khai-sinh.yaml") == list(province)
    assert all(line.startswith(("#", "/sites/", "* ")) for line in text.splitlines())
    # what no unit owns (CI definitions with the deploy secrets, the web editor's script) is the
    # top boards'
    assert _owners_of(text, ".github/workflows/portal.yml") == list(province)
    assert _owners_of(text, "sites/vendor/decap-cms.js") == list(province)


def test_owners_accounts_emails_and_inheritance(tmp_path: Path) -> None:
    root = portal_2025(tmp_path)
    unit_yaml = root / "tinh-a/unit.yaml"
    unit_yaml.write_text(unit_yaml.read_text(encoding="utf-8") + "editors:\n  - name: A\n    git: tinh-a/ban-bien-tap\n"
                         "  - name: B\n    email: b@tinh-a.gov.vn\n  - name: C\n", encoding="utf-8")
    child = root / "tinh-a/xa-b/unit.yaml"
    child.write_text(child.read_text(encoding="utf-8") + "editors:\n  - name: D\n    git: \"@xa-b\"\n",
                     encoding="utf-8")
    text = codeowners.render(codeowners.rules(root, root))
    assert "/tinh-a/ @tinh-a/ban-bien-tap b@tinh-a.gov.vn\n" in text
    assert text.index("/tinh-a/ ") < text.index("/tinh-a/xa-b/ @xa-b\n")
    assert _owners_of(text, "tinh-a/phuong-c/unit.yaml") == ["@tinh-a/ban-bien-tap", "b@tinh-a.gov.vn"]
    assert codeowners.render(codeowners.rules(root, root)) == text


def test_check_and_output(tmp_path: Path) -> None:
    shutil.copytree(THREE_LEVEL, tmp_path / "sites")
    args = ("codeowners", str(tmp_path / "sites"), "--root", str(tmp_path), "-o", str(tmp_path / ".github/CODEOWNERS"))
    assert run(*args, "--check").exit_code == 1
    assert run(*args).exit_code == 0
    assert run(*args, "--check").exit_code == 0
    result = run(*args, "--lang", "en")
    assert result.exit_code == 0 and "unchanged" in result.output
    editors = tmp_path / "sites/nam-dinh/my-loc/my-ha/unit.yaml"
    editors.write_text(editors.read_text(encoding="utf-8").replace("@vuthilan-mh", "@nguoi-moi"), encoding="utf-8")
    assert run(*args, "--check").exit_code == 1
    result = run("codeowners", str(tmp_path / "sites"), "--root", str(tmp_path / "sites/nam-dinh"))
    assert result.exit_code == 2 and "không nằm trong" in result.output
