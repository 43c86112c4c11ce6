"""Lighthouse on phones and desktops through a real Apache serving the build as shared hosting
does (the sites' own ``.htaccess``): performance ≥ 95, accessibility, best practices and SEO 100,
no layout shift, on the home, news list, article, document register, document, procedure,
schedule and search pages of a province and of a commune. One Lighthouse run per page and form
factor (32 runs, about 10 s each on 2 cores); the scores are written to
``$PORTALGEN_ARTEFACTS/lighthouse.json`` when that is set."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from apache_server import apache, free_port, have_apache

from conftest import run
from htmlcheck import CHROMIUM_FLAGS, PROJECT, chromium_path, node_modules, require
from portal_builder import page_types, portal_with_identity

NOW = "2026-11-27"
KINDS = ("home", "news", "news-item", "documents", "documents-item", "procedures-item", "schedule", "search")
FORM_FACTORS = ("mobile", "desktop")


def test_lighthouse_through_apache(tmp_path):
    require("apache2", have_apache(), "apt-get install apache2")
    require("lighthouse", (node_modules() / "lighthouse/package.json").is_file() and shutil.which("node") is not None,
            "npm ci --ignore-scripts")
    require("chromium", os.access(chromium_path(), os.X_OK), "apt-get install chromium")
    port = free_port()
    portal = portal_with_identity(tmp_path / "portal", base_url=f"http://127.0.0.1:{port}/")
    out = tmp_path / "public"
    result = run("build", str(portal), "-o", str(out), "--now", NOW)
    assert result.exit_code == 0, result.output
    pages = {name: path for name, path in page_types(out).items() if name.split(":")[1] in KINDS}
    assert len(pages) == 2 * len(KINDS), pages
    with apache(out, port) as base:
        job = {"chrome": chromium_path(), "flags": list(CHROMIUM_FLAGS),
               "pages": [{"url": base + path, "formFactor": form} for path in pages.values() for form in FORM_FACTORS]}
        (tmp_path / "job.json").write_text(json.dumps(job), encoding="utf-8")
        done = subprocess.run(["node", str(PROJECT / "tests/lighthouse_run.mjs"), str(tmp_path / "job.json")],
                              capture_output=True, text=True, timeout=1200, cwd=PROJECT)
    assert done.returncode == 0, done.stderr[-3000:]
    reports = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    artefacts = os.environ.get("PORTALGEN_ARTEFACTS")
    if artefacts:
        Path(artefacts).mkdir(parents=True, exist_ok=True)
        (Path(artefacts) / "lighthouse.json").write_text(json.dumps(reports, indent=1), encoding="utf-8")
    assert len(reports) == len(job["pages"])
    failures = [report for report in reports if report["runtimeError"] or report["cls"] != 0
                or report["scores"]["performance"] < 0.95
                or any(report["scores"][c] != 1 for c in ("accessibility", "best-practices", "seo"))]
    assert failures == [], json.dumps(failures, indent=1, ensure_ascii=False)
