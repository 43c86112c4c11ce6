"""The ready-to-copy CI definitions in ``docs/ci/`` run here: their YAML is parsed and the shell
lines of every job (``run:`` on GitHub Actions, ``before_script``/``script`` on GitLab CI) are
run in order, in a temporary copy of a small portal, with this checkout's ``portalgen`` on PATH.

What a CI service does itself is emulated in a few lines: job conditions (``if:``, ``rules:``),
``needs``, the build matrix / ``parallel:``, step and job outputs, dotenv reports, and sharing
files between jobs (one working folder stands for artifacts and caches).  Lines that would fetch
packages (``pip install portalgen``) are skipped: the package under test is already installed.
``portalgen deploy`` runs for real, to a folder target (the other protocols have their own
tests): the build and the deploy run in one job (no output moves between jobs as artifacts), the
output must be the full build, and deploy must accept it as the build of the current content.
The clock is fixed: a ``date`` shim for the shell and ``SOURCE_DATE_EPOCH`` for portalgen.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT, run
from portal_builder import portal_2025

SKIPPED = ("pip install",)
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture
def workdir(tmp_path):
    """A repository folder with the portal in ``sites/`` (one unit lacks its English contact page)."""
    root = portal_2025(tmp_path / "repo" / "sites")
    (root / "tinh-a/xa-b/pages/en/contact.md").unlink()
    portal = root / "portal.yaml"
    portal.write_text(portal.read_text(encoding="utf-8") + "\ndeploy:\n  - units: ['*']\n    target: "
                      f"{{name: web, protocol: folder, folder: '{tmp_path}/web/{{slug}}'}}\n", encoding="utf-8")
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "date").write_text(f"#!/bin/sh\necho {NOW.isoformat(timespec='minutes')}\n", encoding="utf-8")
    (shim / "date").chmod(0o755)
    return tmp_path / "repo", shim


def _env(shim: Path, extra: dict[str, str]) -> dict[str, str]:
    path = os.pathsep.join([str(shim), str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return {**os.environ, "PATH": path, "SOURCE_DATE_EPOCH": str(int(NOW.timestamp())), "CI": "",
            **{k: str(v) for k, v in extra.items()}}


def _shell(lines: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    kept = "\n".join(line for line in lines.splitlines() if not line.strip().startswith(SKIPPED))
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", kept], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def _full_build(repo: Path, tmp: Path) -> dict[str, bytes]:
    out = tmp / "full"
    assert run("build", str(repo / "sites"), "-o", str(out), "--now", NOW.isoformat(), "--no-cache").exit_code == 0
    return _tree(out)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _published(folder: Path) -> dict[str, bytes]:
    """What a deploy target folder holds, without deploy's own manifest."""
    return {p: d for p, d in _tree(folder).items() if p != ".portalgen-deploy.json"}


# --- GitHub Actions --------------------------------------------------------------------------

_CONDITION = re.compile(r"^([\w.]+) (==|!=) '([^']*)'$")
_EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")


def _github_true(condition: str | None, context: dict[str, str]) -> bool:
    if condition is None:
        return True
    match = _CONDITION.match(condition)
    assert match, f"the test understands only `name == 'value'` conditions: {condition}"
    equal = context.get(match[1], "") == match[3]
    return equal if match[2] == "==" else not equal


def _github_env(mapping: dict | None, context: dict[str, str]) -> dict[str, str]:
    return {k: _EXPRESSION.sub(lambda m: context[m[1]], str(v)) for k, v in (mapping or {}).items()}


def run_github(workflow: dict, event: str, repo: Path, shim: Path,
               failing: bool = False) -> dict[str, list[subprocess.CompletedProcess]]:
    """Run every job of the workflow for ``event``; returns the finished shell steps per job
    (``failing``: a step may fail, which ends its job, as the service does)."""
    context = {"github.event_name": event, "github.run_id": "1", "github.ref": "refs/heads/main"}
    done: dict[str, list] = {}
    skipped: set[str] = set()
    for name, job in workflow["jobs"].items():
        needs = job.get("needs", [])
        needs = [needs] if isinstance(needs, str) else needs
        if any(n in skipped for n in needs) or not _github_true(job.get("if"), context):
            skipped.add(name)
            continue
        matrix = job.get("strategy", {}).get("matrix", {})
        combos = [{f"matrix.{k}": str(v)} for k, values in matrix.items() for v in values] or [{}]
        done[name] = []
        for combo in combos:
            local = {**context, **combo}
            env = {**_github_env(workflow.get("env"), local), **_github_env(job.get("env"), local)}
            for step in job["steps"]:
                if "run" not in step:
                    continue
                assert "${{" not in step["run"], f"{name}: expressions belong in env:, not in run:"
                output = repo / ".github-output"
                output.write_text("", encoding="utf-8")
                result = _shell(step["run"], repo, _env(shim, {**env, **_github_env(step.get("env"), local),
                                                               "GITHUB_OUTPUT": str(output)}))
                assert failing or result.returncode == 0, f"{name}: {step['run']}\n{result.stdout}\n{result.stderr}"
                done[name].append(result)
                if result.returncode != 0:
                    skipped.add(name)
                    break
                for line in output.read_text(encoding="utf-8").splitlines():
                    key, _, value = line.partition("=")
                    local[f"steps.{step.get('id')}.outputs.{key}"] = value
            for key, value in job.get("outputs", {}).items():
                context[f"needs.{name}.outputs.{key}"] = _EXPRESSION.sub(lambda m: local.get(m[1], ""), value)
    return done


@pytest.fixture(scope="module")
def github():
    workflow = yaml.safe_load((PROJECT / "docs/ci/github-actions.yml").read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads the key `on` as true
    return workflow


def test_github_pull_request_checks_with_annotations(github, workdir):
    repo, shim = workdir
    done = run_github(github, "pull_request", repo, shim)
    assert list(done) == ["check"]
    annotations = done["check"][-1].stdout
    assert "::warning file=sites/tinh-a/xa-b/unit.yaml,line=1,title=COMPLIANCE_MISSING::" in annotations


def test_github_main_builds_and_deploys_in_one_job_and_the_schedule_waits_for_due_content(
        github, workdir, tmp_path):
    repo, shim = workdir
    done = run_github(github, "push", repo, shim)
    assert list(done) == ["due", "publish"]
    assert not any("upload-artifact" in str(step.get("uses")) and "public" in str(step.get("with"))
                   for job in github["jobs"].values() for step in job["steps"])  # no output moves between jobs
    assert _tree(repo / "public") == _full_build(repo, tmp_path)
    assert "1 nơi đăng: 1 xong, 0 lỗi." in "".join(r.stdout for r in done["publish"])
    assert _published(tmp_path / "web/tinh-a") == _tree(repo / "public/tinh-a")
    assert (repo / ".portalgen-state/bang-theo-doi/index.html").is_file()
    assert (repo / ".portalgen-state/built-at").read_text(encoding="utf-8").strip() == "2026-11-27T10:00+07:00"
    assert list(run_github(github, "schedule", repo, shim)) == ["due"]   # nothing due since that build
    (repo / ".portalgen-state/built-at").write_text("2026-11-19T10:00+07:00\n", encoding="utf-8")
    assert list(run_github(github, "schedule", repo, shim)) == ["due", "publish"]


def _mistake(repo: Path) -> None:
    """A commune's draft with an error: the rest is deployed, the run is marked failed."""
    draft = (repo / "sites/tinh-a/xa-b/news/2026/hoi-nghi.md").read_text(encoding="utf-8")
    (repo / "sites/tinh-a/xa-b/news/2026/nhap.md").write_text(
        draft.replace("status: published", "status: draft").replace("date: 2026-11-25", "date: 2026-13-45"),
        encoding="utf-8")


def test_github_main_deploys_what_is_valid_and_marks_the_run_failed_when_files_are_held_back(
        github, workdir, tmp_path):
    repo, shim = workdir
    _mistake(repo)
    done = run_github(github, "push", repo, shim, failing=True)
    assert list(done) == ["due", "publish"]
    assert all(r.returncode == 0 for r in done["due"] + done["publish"][:-1])
    assert done["publish"][-1].returncode != 0   # the last step: files were held back
    assert "HELD_ITEM_NEW" in "".join(r.stdout for r in done["publish"])
    assert _published(tmp_path / "web/tinh-a") == _tree(repo / "public/tinh-a")
    assert (tmp_path / "web/tinh-a/xa-b/index.html").is_file()
    assert (repo / ".portalgen-state/bang-theo-doi/index.html").is_file()


# --- GitLab CI -------------------------------------------------------------------------------

_RULE = re.compile(r'^\$(\w+) == (?:\$(\w+)|"([^"]*)")$')


def _gitlab_true(job: dict, variables: dict[str, str]) -> bool:
    for rule in job.get("rules", [{}]):
        condition = rule.get("if")
        if condition is None:
            return True
        match = _RULE.match(condition)
        assert match, f"the test understands only `$A == $B` or `$A == \"value\"` rules: {condition}"
        if variables.get(match[1], "") == (variables.get(match[2], "") if match[2] else match[3]):
            return True
    return False


def run_gitlab(pipeline: dict, source: str, repo: Path, shim: Path,
               failing: bool = False) -> dict[str, list[subprocess.CompletedProcess]]:
    variables = {"CI_PIPELINE_SOURCE": source, "CI_COMMIT_BRANCH": "" if source == "merge_request_event" else "main",
                 "CI_DEFAULT_BRANCH": "main", "CI_PROJECT_DIR": str(repo), **pipeline.get("variables", {})}
    before = pipeline.get("default", {}).get("before_script", [])
    jobs = {k: v for k, v in pipeline.items() if isinstance(v, dict) and "script" in v}
    done: dict[str, list] = {}
    for stage in pipeline["stages"]:
        for name, job in jobs.items():
            if job.get("stage") != stage or not _gitlab_true(job, variables):
                continue
            done[name] = []
            total = int(job.get("parallel", 1))
            for index in range(1, total + 1):
                node = {"CI_NODE_INDEX": str(index), "CI_NODE_TOTAL": str(total)} if "parallel" in job else {}
                result = _shell("\n".join([*before, *job["script"]]), repo, _env(shim, {**variables, **node}))
                assert failing or result.returncode == 0, f"{name}:\n{result.stdout}\n{result.stderr}"
                done[name].append(result)
            dotenv = job.get("artifacts", {}).get("reports", {}).get("dotenv")
            if dotenv:
                for line in (repo / dotenv).read_text(encoding="utf-8").splitlines():
                    key, _, value = line.partition("=")
                    variables[key] = value
    return done


@pytest.fixture(scope="module")
def gitlab():
    return yaml.safe_load((PROJECT / "docs/ci/gitlab-ci.yml").read_text(encoding="utf-8"))


def test_gitlab_merge_request_writes_a_code_quality_report(gitlab, workdir):
    repo, shim = workdir
    assert list(run_gitlab(gitlab, "merge_request_event", repo, shim)) == ["check"]
    issues = json.loads((repo / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert {"path": "sites/tinh-a/xa-b/unit.yaml", "lines": {"begin": 1}} in [i["location"] for i in issues]


def test_gitlab_main_builds_and_deploys_in_one_job_and_the_schedule_waits_for_due_content(gitlab, workdir, tmp_path):
    repo, shim = workdir
    done = run_gitlab(gitlab, "push", repo, shim)
    assert list(done) == ["due", "publish"]
    assert not any("public" in str(job.get("artifacts", {}).get("paths")) for job in gitlab.values()
                   if isinstance(job, dict))  # no output moves between jobs
    assert _tree(repo / "public") == _full_build(repo, tmp_path)
    assert "1 nơi đăng: 1 xong, 0 lỗi." in "".join(r.stdout for r in done["publish"])
    assert _published(tmp_path / "web/tinh-a") == _tree(repo / "public/tinh-a")
    assert (repo / "bang-theo-doi/index.html").is_file()
    done = run_gitlab(gitlab, "schedule", repo, shim)
    assert all("Nothing due." in r.stdout for r in done["publish"])


def test_gitlab_main_deploys_what_is_valid_and_fails_the_job_when_files_are_held_back(gitlab, workdir, tmp_path):
    repo, shim = workdir
    _mistake(repo)
    done = run_gitlab(gitlab, "push", repo, shim, failing=True)
    assert list(done) == ["due", "publish"]
    assert done["publish"][0].returncode == 4
    assert _published(tmp_path / "web/tinh-a") == _tree(repo / "public/tinh-a")
    assert (repo / "bang-theo-doi/index.html").is_file()
