"""What one unit's data may write into server configuration and exports: addresses are parsed
(schema pattern and ``urls.is_public_url``), ``.htaccess`` admits only plain origins, CODEOWNERS
only slug folders and plain owners, the dashboard's CSV no formula."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from portalgen import codeowners, dashboard_view, urls
from portalgen.deploy.htaccess import admin_htaccess, htaccess
from portalgen.sources import read_portal

from conftest import PROJECT, run
from portal_builder import portal_2025, unit, write

NOW = "2026-11-27"

#: Addresses that must never reach a server configuration.
HOSTILE = [
    'https://x.example.gov.vn"/',  # a quote ends the Header's value: HTTP 500 on every site
    'https://x.example.gov.vn"env=X',  # ... or makes the CSP conditional: no CSP at all
    'https://x.example.gov.vn"\nHeader unset Content-Security-Policy\n#',
    "https://x.example.gov.vn\\/",
    "https://x.example.gov.vn/ a",
    "https://user:pass@x.example.gov.vn/",
    "https://x.example.gov.vn\r/",
    "https://x.example.gov.vn\t/",
    "https://x.example.gov.vn\x00/",
    "https://x.example.gov.vn'/",
    "https://x.example.gov.vn:99999/",
    "https://x.example.gov.vn:65536/",
    "https://x.example.gov.vn:0/",
    "https://-x.example.gov.vn/",
    "https://[::1/",
    "javascript://x.example.gov.vn/",
    "ftp://x.example.gov.vn/",
]
GOOD = ["https://haihau.namdinh.gov.vn/", "http://localhost:8000/", "https://a.vn", "https://xn--hi-7ia.vn/tin-tuc/",
        "https://thu-nghiem.example.gov.vn/tinh-a/?a=b#c", "https://a.vn/%C3%A1/",
        "https://a.vn:65535/", "https://a.vn:1/"]

SITES = ["https://thu-nghiem.example.gov.vn/", "https://thu-nghiem.example.gov.vn/tinh-a/",
         "https://xa-b.example.gov.vn/"]

def url_pattern() -> str:
    """The schema's pattern of an address."""
    return json.loads((PROJECT / "content-schema/common.json").read_text(encoding="utf-8"))["$defs"]["url"]["pattern"]


DIRECTIVE = re.compile(r"(#.*|</?[A-Za-z]+( [^\n]*)?>|[A-Za-z]+( [^\n]*)?)")


def parsable(text: str) -> None:
    """One directive per line, every quoted value closed, no control character."""
    assert text.endswith("\n")
    for line in text[:-1].split("\n"):
        assert not re.search(r"[\x00-\x1f\x7f]", line), repr(line)
        body = line.strip()
        assert DIRECTIVE.fullmatch(body), repr(line)
        if not body.startswith("#"):
            assert len(re.findall(r'(?<!\\)"', body)) % 2 == 0, repr(line)


@pytest.mark.parametrize("url", GOOD)
def test_public_urls_are_accepted_by_the_pattern_and_the_code(url):
    pattern = url_pattern()
    assert re.fullmatch(pattern, url) and urls.is_public_url(url)


@pytest.mark.parametrize("url", HOSTILE)
def test_hostile_urls_are_refused_by_the_pattern_and_the_code(url):
    pattern = url_pattern()
    assert not re.search(pattern, url)
    assert not urls.is_public_url(url)


@pytest.mark.parametrize("url", HOSTILE)
def test_a_hostile_origin_never_changes_another_sites_htaccess(url):
    for site in SITES:
        clean = htaccess(site, SITES)
        assert htaccess(site, [*SITES, url]) == clean
        parsable(clean.decode("utf-8"))
    # the unit's own file stays parsable too (its 404 path escaped)
    parsable(htaccess(url, [*SITES, url]).decode("utf-8"))
    assert admin_htaccess(["https://git.namdinh.gov.vn", url]) == admin_htaccess(["https://git.namdinh.gov.vn"])


@pytest.mark.parametrize("url", [u for u in HOSTILE if "\x00" not in u])
def test_check_refuses_a_hostile_base_url_in_unit_yaml_with_file_line_and_field(tmp_path: Path, url):
    root = portal_2025(tmp_path / "sites")
    path = root / "tinh-a/xa-b/unit.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"base_url: {json.dumps(url)}\n", encoding="utf-8")
    for lang in ("vi", "en"):
        result = run("check", str(root), "--now", NOW, "--format", "json", "--lang", lang)
        assert result.exit_code == 1, result.output
        found = [p for p in json.loads(result.output)["problems"] if p["code"] == "FIELD_PATTERN"]
        assert found and found[0]["file"] == "tinh-a/xa-b/unit.yaml" and found[0]["field"] == "base_url", found
        assert found[0]["line"] == len(path.read_text(encoding="utf-8").splitlines())
    # The unit is held back (it never had a good site); the others are built, and no server
    # configuration names the hostile address.
    assert run("build", str(root), "-o", str(tmp_path / "out"), "--now", NOW).exit_code == 4
    assert not (tmp_path / "out" / "tinh-a" / "xa-b").exists()
    written = [f.read_text(encoding="utf-8") for f in (tmp_path / "out").rglob(".htaccess")]
    assert written and not any("x.example.gov.vn" in text for text in written)


@pytest.mark.parametrize(("field", "value"), [
    ("base_url", 'https://thu-nghiem.example.gov.vn"env=X'),
    ("national_portal_url", "https://dichvucong.gov.vn:99999/"),
    ("cms", {"backend": "gitlab", "repo": "a/b", "script": "decap-cms.js", "base_url": 'https://git.example.gov.vn"/'}),
    ("cms", {"backend": "gitlab", "repo": "a/b", "script": "decap-cms.js", "auth_endpoint": 'https://git.example.gov.vn"/oauth'}),
])
def test_check_refuses_a_hostile_address_in_portal_yaml(tmp_path: Path, field, value):
    root = portal_2025(tmp_path / "sites")
    text = (root / "portal.yaml").read_text(encoding="utf-8")
    if field == "base_url":
        text = text.replace("base_url: https://thu-nghiem.example.gov.vn/", f"base_url: {json.dumps(value)}")
    else:
        text += f"{field}: {json.dumps(value)}\n"
    write(root, "portal.yaml", text)
    write(root, "decap-cms.js", "// Decap CMS\n")
    result = run("check", str(root), "--now", NOW, "--lang", "en")
    assert result.exit_code == 2, result.output
    assert "FIELD_PATTERN" in result.output and "portal.yaml" in result.output, result.output


def test_codeowners_skips_a_folder_that_is_not_a_slug_and_an_owner_with_a_new_line(tmp_path: Path):
    root = portal_2025(tmp_path / "sites")
    hostile = "tinh-a/xa-d\n* @ke-gian"
    unit(root, hostile, "14234", "Xã D", "xa", "commune")
    unit_yaml = root / hostile / "unit.yaml"
    unit_yaml.write_text(unit_yaml.read_text(encoding="utf-8") + "editors:\n  - name: D\n    git: ke-gian\n",
                         encoding="utf-8")
    xa_b = root / "tinh-a/xa-b/unit.yaml"
    xa_b.write_text(xa_b.read_text(encoding="utf-8") + 'editors:\n  - name: B\n    git: "xa-b\\n* @ke-gian"\n'
                    "  - name: C\n    git: xa-b-that\n", encoding="utf-8")
    text = codeowners.render(codeowners.rules(root, tmp_path))
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f]", text)
    rules = [line for line in text.splitlines() if not line.startswith("#")]
    rule = re.compile(r"(\*|/[a-z0-9/._-]+) (@[\w./-]+|[\w.+-]+@[\w.-]+)( \S+)*")
    assert rules and all(rule.fullmatch(line) for line in rules), rules
    assert "@ke-gian" not in "\n".join(rules)
    assert "/sites/tinh-a/xa-b/ @xa-b-that" in rules
    refused = [p.source.path for p in read_portal(root).problems if p.code == "FILE_NAME_CONTROL"]
    assert refused == ["tinh-a/xa-d\\n* @ke-gian"]  # never read as a unit: check names it (test_bad_names)
    result = run("codeowners", str(root), "--root", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "CODEOWNERS").read_text(encoding="utf-8") == text


@pytest.mark.parametrize("value", ["=HYPERLINK(\"https://ke-gian.vn\",\"Xem\")", "+1+1", "-2+3", "@SUM(A1)",
                                   "\t=1", "\r=1"])
def test_csv_cells_that_start_like_a_formula_are_text(value):
    cell = dashboard_view.cell
    assert cell(value) == "'" + value
    assert cell("Xã B") == "Xã B" and cell(-3) == -3 and cell("") == ""


def test_dashboard_csv_never_starts_a_cell_with_a_formula(tmp_path: Path):
    root = portal_2025(tmp_path / "sites")
    path = root / "tinh-a/xa-b/unit.yaml"
    formula = 'name: "=HYPERLINK(\\"https://ke-gian.vn\\",\\"Xã B\\")"'
    path.write_text(path.read_text(encoding="utf-8").replace("name: Xã B", formula), encoding="utf-8")
    result = run("report", str(root), "-o", str(tmp_path / "out"), "--now", NOW)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO((tmp_path / "out/bang-theo-doi.csv").read_bytes().decode("utf-8-sig"))))
    assert any(row[1] == "'=HYPERLINK(\"https://ke-gian.vn\",\"Xã B\")" for row in rows)
    assert not any(c[:1] in ("=", "+", "-", "@", "\t", "\r") for row in rows for c in row)


def test_every_htaccess_of_the_demo_is_parsable(three_level):
    written = sorted(three_level.rglob(".htaccess"))
    assert len(written) == 14  # one per site of the fixture, one per site's web editor (admin/)
    for path in written:
        parsable(path.read_text(encoding="utf-8"))
