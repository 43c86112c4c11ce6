"""``portalgen deploy`` against real servers on 127.0.0.1: FTP and FTPS (pyftpdlib), SFTP
(asyncssh), rsync and a plain folder, with the demo portal; plus the pure planning, the
configuration checks, the connection cut in the middle of an upload, and the server configuration."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from portalgen import policy
from portalgen.cli import main
from portalgen.deploy import htaccess
from portalgen.deploy.plan import MANIFEST, TEMP_SUFFIX, make_plan, manifest_bytes, parse_manifest, safe_path
from portalgen.deploy.run import Options, built_files, deploy
from portalgen.deploy.targets import matches, unit_targets
from portalgen.load import load_portal

from conftest import DEMO_NOW, PROJECT, THREE_LEVEL, run
from deploy_servers import ftp_server, self_signed_certificate, sftp_server
from htmlcheck import require

PASSWORDS = {"TEST_FTPS_PASSWORD": "mat-khau-ftps-7Q", "TEST_FTP_PASSWORD": "mat-khau-ftp-9Z",
             "TEST_SFTP_PASSWORD": "mat-khau-sftp-3X"}
EDITED = "nam-dinh/news/2026/hoi-nghi-xuc-tien-dau-tu-khu-kinh-te-ninh-co.md"
REMOVED = "nam-dinh/news/2026/phat-dong-thang-hanh-dong-vi-binh-dang-gioi.md"
FOREIGN = {"google1234abcd.html": b"google-site-verification", "assets/ban-do.txt": b"not portalgen's"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The demo portal and its output, built once; tests work on copies."""
    base = tmp_path_factory.mktemp("deploy-demo")
    shutil.copytree(THREE_LEVEL, base / "sites")
    result = run("build", str(base / "sites"), "-o", str(base / "public"), "--now", DEMO_NOW,
                 "--cache", str(base / "cache"))
    assert result.exit_code == 0, result.output
    return base


class World:
    """A copy of the built demo in ``root`` with deploy targets pointing at local servers."""

    def __init__(self, built: Path, root: Path) -> None:
        self.root, self.built = root, built
        shutil.copytree(built / "sites", root / "sites")
        shutil.copytree(built / "public", root / "public")
        for record in (".public.portalgen-manifest.json", ".public.portalgen-build.json"):
            shutil.copy(built / record, root / record)

    def add(self, unit: str, text: str) -> None:
        path = self.root / "sites" / unit / ("unit.yaml" if unit else "portal.yaml")
        path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")

    def build(self) -> dict[str, str]:
        result = run("build", str(self.root / "sites"), "-o", str(self.root / "public"), "--now", DEMO_NOW,
                     "--cache", str(self.built / "cache"))
        assert result.exit_code == 0, result.output
        return built_files(self.root / "public")

    def deploy(self, *args: str, env: dict | None = None):
        return CliRunner().invoke(main, ["deploy", str(self.root / "sites"), "-o", str(self.root / "public"),
                                         "--now", DEMO_NOW, *args], env=env or PASSWORDS, catch_exceptions=False)

    def site(self, unit: str, excluded: tuple[str, ...]) -> dict[str, bytes]:
        """What a target covering ``unit`` minus the ``excluded`` sub-units must hold."""
        folder = self.root / "public" / unit
        files = built_files(self.root / "public")
        return {p[len(unit) + 1:]: (folder / p[len(unit) + 1:]).read_bytes() for p in files
                if p.startswith(unit + "/") and not any(p.startswith(f"{unit}/{e}/") for e in excluded)}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def published(folder: Path) -> dict[str, bytes]:
    """The files under their real names, without the manifest and the files put there by others."""
    return {p: d for p, d in snapshot(folder).items() if p != MANIFEST and p not in FOREIGN}


# --- the whole portal to five kinds of target ----------------------------------------------------------

#: unit → (folder of its target under the test's root, sub-units published by their own targets)
LAYOUT = {
    "nam-dinh": ("ftps", ("my-loc", "hai-hau")),
    "nam-dinh/my-loc": ("ftp/site", ("my-tan", "my-ha")),
    "nam-dinh/my-loc/my-tan": ("folder/13723", ()),
    "nam-dinh/my-loc/my-ha": ("folder/13711", ()),
    "nam-dinh/hai-hau": ("sftp/hai-hau", ("hai-minh", "hai-duong")),
    "nam-dinh/hai-hau/hai-minh": ("rsync/hai-minh", ()),
    "nam-dinh/hai-hau/hai-duong": ("rsync/hai-duong", ()),
}


@pytest.fixture
def world(built, tmp_path):
    require("rsync", shutil.which("rsync") is not None, "apt-get install rsync (.ci/install-test-tools)")
    world = World(built, tmp_path)
    cert = self_signed_certificate(tmp_path)
    with ftp_server(tmp_path / "ftps", "namdinh", PASSWORDS["TEST_FTPS_PASSWORD"], cert) as ftps, \
            ftp_server(tmp_path / "ftp", "myloc", PASSWORDS["TEST_FTP_PASSWORD"]) as ftp, \
            sftp_server(tmp_path / "sftp", "haihau", PASSWORDS["TEST_SFTP_PASSWORD"]) as (sftp, host_key):
        world.add("nam-dinh", f"deploy:\n  - name: chinh\n    protocol: ftps\n    host: 127.0.0.1\n"
                              f"    port: {ftps.port}\n    user: namdinh\n    folder: /\n"
                              f"    password_env: TEST_FTPS_PASSWORD\n    ca_file: {cert}\n")
        world.add("nam-dinh/my-loc", f"deploy:\n  - name: chinh\n    protocol: ftp\n    host: 127.0.0.1\n"
                                     f"    port: {ftp.port}\n    user: myloc\n    folder: /site\n"
                                     f"    password_env: TEST_FTP_PASSWORD\n")
        world.add("nam-dinh/hai-hau", f"deploy:\n  - name: chinh\n    protocol: sftp\n    host: 127.0.0.1\n"
                                      f"    port: {sftp.port}\n    user: haihau\n    folder: /{{slug}}/\n"
                                      f"    password_env: TEST_SFTP_PASSWORD\n    host_key: {host_key}\n")
        world.add("", f"deploy:\n  - units: [nam-dinh/hai-hau/*]\n    target:\n      name: chinh\n"
                      f"      protocol: rsync\n      folder: {tmp_path}/rsync/{{slug}}\n"
                      f"  - levels: [commune]\n    target:\n      name: chinh\n      protocol: folder\n"
                      f"      folder: {tmp_path}/folder/{{code}}\n")
        world.servers = {"ftp": ftp}
        world.build()  # the targets are part of the content: deploy wants the build of the current content
        yield world


def _expected(world: World) -> dict[str, dict[str, bytes]]:
    return {unit: world.site(unit, excluded) for unit, (_, excluded) in LAYOUT.items()}


def _remote(world: World) -> dict[str, dict[str, bytes]]:
    return {unit: published(world.root / folder) for unit, (folder, _) in LAYOUT.items()}


def _line(output: str, unit: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(f"{unit} → "))


def test_deploy_uploads_changes_only_and_never_touches_other_files(world):
    root_ftps = world.root / "ftps"
    for name, data in FOREIGN.items():
        (root_ftps / name).parent.mkdir(parents=True, exist_ok=True)
        (root_ftps / name).write_bytes(data)

    first = world.deploy()
    assert first.exit_code == 0, first.output
    assert _remote(world) == _expected(world)
    for unit, site in _expected(world).items():
        assert f": {len(site)} tải lên, 0 xóa, 0 không đổi" in _line(first.output, unit)
    manifest = json.loads((root_ftps / MANIFEST).read_bytes())["files"]
    assert set(manifest) == set(_expected(world)["nam-dinh"])
    assert not any(p.name.endswith(TEMP_SUFFIX) for p in world.root.rglob("*"))
    assert all(pw not in first.output for pw in PASSWORDS.values())

    before = {unit: snapshot(world.root / folder) for unit, (folder, _) in LAYOUT.items()}
    second = world.deploy()
    assert second.exit_code == 0, second.output
    for unit, site in _expected(world).items():
        assert f": 0 tải lên, 0 xóa, {len(site)} không đổi" in _line(second.output, unit)
    assert {unit: snapshot(world.root / folder) for unit, (folder, _) in LAYOUT.items()} == before

    old = built_files(world.root / "public")
    article = world.root / "sites" / EDITED
    article.write_text(article.read_text(encoding="utf-8") + "\nĐã cập nhật số liệu mới nhất.\n", encoding="utf-8")
    new = world.build()
    changed = {p for p in new if old.get(p) != new[p]}
    assert changed
    remote_before = _remote(world)
    dry = world.deploy("--dry-run")
    assert dry.exit_code == 0, dry.output
    assert _remote(world) == remote_before
    assert "chạy thử: không thay đổi gì" in dry.output
    in_province = {p for p in changed if p.startswith("nam-dinh/") and p.count("/") >= 1
                   and not p.startswith(("nam-dinh/my-loc/", "nam-dinh/hai-hau/"))}
    for path in in_province:
        assert f"  + {path[len('nam-dinh/'):]}" in dry.output
    edited = world.deploy()
    assert edited.exit_code == 0, edited.output
    assert _remote(world) == _expected(world)
    for unit in LAYOUT:
        moved = sum(1 for p in changed if p.startswith(unit + "/") and not any(
            p.startswith(f"{unit}/{e}/") for e in LAYOUT[unit][1]))
        assert f": {moved} tải lên, 0 xóa" in _line(edited.output, unit)

    (world.root / "sites" / REMOVED).unlink()
    world.build()
    gone = "tin-tuc/phat-dong-thang-hanh-dong-vi-binh-dang-gioi/"
    assert (root_ftps / gone / "index.html").exists()
    refused = world.deploy("--max-deletes", "0")
    assert refused.exit_code == 3, refused.output
    assert "DEPLOY_TOO_MANY_DELETES" in refused.output
    assert (root_ftps / gone / "index.html").exists()
    removed = world.deploy("--force")
    assert removed.exit_code == 0, removed.output
    assert _remote(world) == _expected(world)
    assert not (root_ftps / gone).exists()
    assert re.search(r"nam-dinh → \S+ \(chinh\): \d+ tải lên, [1-9]\d* xóa", removed.output)
    for name, data in FOREIGN.items():
        assert (root_ftps / name).read_bytes() == data


def test_a_failing_target_does_not_stop_the_others_and_secrets_are_never_printed(world):
    env = {k: v for k, v in PASSWORDS.items() if k != "TEST_SFTP_PASSWORD"}
    result = world.deploy("--lang", "en", env={**env, "TEST_SFTP_PASSWORD": ""})
    assert result.exit_code == 3, result.output
    assert "nam-dinh/hai-hau/unit.yaml:" in result.output
    assert "DEPLOY_SECRET_MISSING" in result.output and "TEST_SFTP_PASSWORD" in result.output
    assert "7 targets: 6 done, 1 failed." in result.output
    assert published(world.root / "ftps") == world.site("nam-dinh", ("my-loc", "hai-hau"))
    assert all(pw not in result.output for pw in PASSWORDS.values())


def test_deploy_one_unit_and_one_target_name(world):
    result = world.deploy("--unit", "nam-dinh/my-loc/my-tan", "--target", "chinh")
    assert result.exit_code == 0, result.output
    assert "1 nơi đăng: 1 xong, 0 lỗi." in result.output
    assert published(world.root / "folder/13723") == world.site("nam-dinh/my-loc/my-tan", ())
    assert not (world.root / "ftps" / MANIFEST).exists()
    unknown = world.deploy("--target", "thu-nghiem")
    assert unknown.exit_code == 2
    assert "Không đơn vị nào có nơi đăng trang tên “thu-nghiem”" in unknown.output
    assert "chinh" in unknown.output


# --- a connection cut in the middle of an upload ------------------------------------------------------

def _ftp_target(world: World):
    loaded = load_portal(world.root / "sites")
    every = unit_targets(loaded.portal, loaded.records)
    return [t for t in every if t.unit == "nam-dinh/my-loc"], every


def _consistent(world: World) -> None:
    """No file under its real name differs from the site; the manifest lists only files in place."""
    expected = world.site("nam-dinh/my-loc", ("my-tan", "my-ha"))
    remote = snapshot(world.root / "ftp/site")
    real = {p: d for p, d in remote.items() if not p.rsplit("/", 1)[-1].endswith(TEMP_SUFFIX) and p != MANIFEST}
    assert all(expected[p] == d for p, d in real.items())
    listed = parse_manifest(remote.get(MANIFEST))
    assert all(hashlib.sha256(real[p]).hexdigest() == digest for p, digest in listed.items())


def test_a_cut_connection_leaves_the_site_consistent_and_the_next_run_completes_it(world):
    chosen, every = _ftp_target(world)
    built = built_files(world.root / "public")
    cut = world.servers["ftp"].cut
    cut.after, cut.down = 150_000, 1
    options = Options(retries=1, backoff=0, batch=2)
    [failed] = deploy(world.root / "public", chosen, every, built, options, PASSWORDS, sleep=lambda _: None)
    assert failed.problem is not None and failed.problem.code == "DEPLOY_CONNECT_FAILED"
    assert 0 < failed.uploaded < len(failed.plan.uploads)
    assert any(p.name.endswith(TEMP_SUFFIX) for p in (world.root / "ftp/site").rglob("*"))
    _consistent(world)

    [resumed] = deploy(world.root / "public", chosen, every, built, options, PASSWORDS, sleep=lambda _: None)
    assert resumed.problem is None
    assert 0 < resumed.uploaded < len(failed.plan.uploads)  # what the checkpoints recorded is not sent again
    assert published(world.root / "ftp/site") == {
        p: d for p, d in world.site("nam-dinh/my-loc", ("my-tan", "my-ha")).items()}
    _consistent(world)


def test_a_cut_connection_is_retried_within_the_run(world):
    chosen, every = _ftp_target(world)
    cut = world.servers["ftp"].cut
    cut.after = 40_000
    pauses = []
    [done] = deploy(world.root / "public", chosen, every, built_files(world.root / "public"),
                    Options(retries=3, backoff=0.5), PASSWORDS, sleep=pauses.append)
    assert done.problem is None
    assert pauses == [0.5]
    assert published(world.root / "ftp/site") == world.site("nam-dinh/my-loc", ("my-tan", "my-ha"))


def test_wrong_password_refused_write_changed_output_and_missing_rsync_are_reported(world):
    page = world.root / "public/nam-dinh/my-loc/my-tan/index.html"
    original = page.read_bytes()
    page.write_bytes(original + b"<!-- sua tay -->")
    result = world.deploy()
    assert result.exit_code == 2 and "DEPLOY_OUTPUT_CHANGED" in result.output
    assert "nam-dinh/my-loc/my-tan/index.html" in result.output and "Chạy lại portalgen build" in result.output
    assert not any(snapshot(world.root / folder) for folder, _ in LAYOUT.values())  # checked before any upload
    page.write_bytes(original)

    result = world.deploy("--lang", "en", env={**PASSWORDS, "TEST_FTP_PASSWORD": "sai"})
    assert result.exit_code == 3
    assert "DEPLOY_LOGIN_FAILED" in result.output and "nam-dinh/my-loc/unit.yaml:" in result.output

    result = world.deploy("--unit", "nam-dinh/hai-hau/hai-minh", env={**PASSWORDS, "PATH": ""})
    assert result.exit_code == 3 and "DEPLOY_TOOL_MISSING" in result.output

    shutil.rmtree(world.root / "folder/13711")
    (world.root / "folder/13711").write_text("a file where a folder should be", encoding="utf-8")
    result = world.deploy("--unit", "nam-dinh/my-loc/my-ha")
    assert result.exit_code == 3 and "DEPLOY_REMOTE_ERROR" in result.output


# --- refusals before anything is sent -----------------------------------------------------------------

def test_deploy_needs_a_build_and_no_portal_wide_error(built, tmp_path):
    world = World(built, tmp_path)
    (tmp_path / ".public.portalgen-manifest.json").unlink()
    result = world.deploy()
    assert result.exit_code == 2
    assert "chưa có kết quả dựng trang thành công" in result.output
    theme = tmp_path / "sites/themes/default/templates/base.html"
    theme.parent.mkdir(parents=True, exist_ok=True)
    theme.write_text("{% block %}\n", encoding="utf-8")  # an error in the theme stops build and deploy
    result = world.deploy()
    assert result.exit_code == 1
    assert "Không đăng trang: nội dung còn lỗi" in result.output


def test_deploy_refuses_a_build_of_other_content_or_of_another_moment(built, tmp_path):
    world = World(built, tmp_path)
    world.add("nam-dinh/my-loc/my-tan", f"deploy:\n  - {{name: chinh, protocol: folder, folder: {tmp_path}/dich}}\n")
    world.build()
    assert world.deploy().exit_code == 0
    late = world.deploy("--now", "2026-12-02")  # content became due since the build
    assert late.exit_code == 2 and "DEPLOY_OUTPUT_STALE" in late.output
    assert "không phải kết quả dựng của nội dung hiện tại" in late.output and "2026-11-27" in late.output
    news = tmp_path / "sites" / EDITED
    news.write_text(news.read_text(encoding="utf-8").replace("title: Hội", "title: Tin mới, Hội", 1), encoding="utf-8")
    edited = world.deploy("--lang", "en")
    assert edited.exit_code == 2
    assert "is not the build of the current content" in edited.output and "portalgen build" in edited.output
    world.build()
    assert world.deploy().exit_code == 0


def test_check_reports_bad_deploy_configuration(built, tmp_path):
    world = World(built, tmp_path)
    world.add("nam-dinh/my-loc", "deploy:\n  - {name: chinh, protocol: ftpes, host: ftp.example.vn, folder: /}\n"
                                 "  - {name: chinh, protocol: ftp, folder: /, password: lo-ra}\n")
    report = json.loads(run("check", str(tmp_path / "sites"), "--now", DEMO_NOW, "--format", "json").output)
    found = {(p["code"], p["field"]) for p in report["problems"] if p["unit"] == "nam-dinh/my-loc"}
    assert ("FIELD_ENUM", "deploy[0].protocol") in found
    assert ("FIELD_UNKNOWN", "deploy[1].password") in found
    assert ("FIELD_MISSING", "deploy[1].host") in found
    enum = next(p for p in report["problems"] if p["code"] == "FIELD_ENUM")
    assert "ftps" in enum["message"] + enum["hint"]

    shutil.copy(built / "sites/nam-dinh/my-loc/unit.yaml", tmp_path / "sites/nam-dinh/my-loc/unit.yaml")
    world.add("nam-dinh/my-loc", "deploy:\n  - {name: chinh, protocol: folder, folder: /tmp/a}\n"
                                 "  - {name: chinh, protocol: folder, folder: /tmp/b}\n")
    result = run("check", str(tmp_path / "sites"), "--now", DEMO_NOW)
    assert result.exit_code == 1
    assert "nam-dinh/my-loc/unit.yaml:" in result.output and "DEPLOY_TARGET_DUPLICATE" in result.output

    world.add("", "deploy:\n  - levels: [comune]\n    target: {name: chinh, protocol: folder, folder: /tmp/x}\n")
    result = run("check", str(tmp_path / "sites"), "--now", DEMO_NOW)
    assert result.exit_code == 2
    assert "DEPLOY_LEVEL_UNKNOWN" in result.output and "commune" in result.output


def test_an_unreachable_ftp_server_fails_its_target_after_the_retries(built, tmp_path):
    world = World(built, tmp_path)
    world.add("nam-dinh/my-loc", "deploy:\n  - {name: h, protocol: ftp, host: 127.0.0.1, port: 1, folder: /x/, "
                                 "password_env: SOME_PW}\n"
                                 "  - {name: s, protocol: ftps, host: 127.0.0.1, port: 1, folder: /x/, "
                                 "password_env: SOME_PW, ca_file: khong-co.pem}\n")
    loaded = load_portal(tmp_path / "sites")
    every = unit_targets(loaded.portal, loaded.records)
    chosen = [t for t in every if t.unit == "nam-dinh/my-loc"]
    pauses: list[float] = []
    ftp, ftps = deploy(tmp_path / "public", chosen, every, built_files(tmp_path / "public"),
                       Options(retries=2, backoff=0.25), {"SOME_PW": "x"}, sleep=pauses.append)
    assert ftp.problem is not None and ftp.problem.code == "DEPLOY_CONNECT_FAILED"
    assert "3" in ftp.problem.message("en") and pauses == [0.25, 0.5]
    assert ftps.problem is not None and ftps.problem.code == "DEPLOY_CA_FILE_MISSING"
    assert ftps.problem.source.path == "nam-dinh/my-loc/unit.yaml" and ftps.problem.source.line
    assert ftps.problem.field == "deploy[1].ca_file" and "khong-co.pem" in ftps.problem.message("vi")


# --- pure parts ---------------------------------------------------------------------------------------

def test_plan_orders_assets_pages_feeds_and_deletes_only_what_it_uploaded():
    local = {"index.html": "a", "assets/site.1a2b3c4d5e.css": "b", "rss.xml": "c", "tin-tuc/x/anh.jpg": "d",
             "sitemap.xml": "e"}
    remote = {"index.html": "old", "sitemap.xml": "e", "tin-tuc/y/index.html": "f", "tin-tuc/y/anh.jpg": "g"}
    plan = make_plan(local, remote)
    assert plan.uploads == ("assets/site.1a2b3c4d5e.css", "tin-tuc/x/anh.jpg", "index.html", "rss.xml")
    assert plan.deletes == ("tin-tuc/y/index.html", "tin-tuc/y/anh.jpg")
    assert plan.unchanged == ("sitemap.xml",)


def test_a_hostile_or_broken_manifest_never_leads_outside_the_target():
    data = manifest_bytes({"../../etc/passwd": "x", "/abs": "x", "a/./b": "x", "ok/file.html": "y",
                           MANIFEST: "z", "a\\b": "x"})
    assert parse_manifest(data) == {"ok/file.html": "y"}
    assert parse_manifest(b"{not json") == {} == parse_manifest(b'{"files": []}') == parse_manifest(None)
    assert not safe_path("") and safe_path("tin-tuc/index.html")


def test_unit_patterns_match_one_folder_name_per_star():
    assert matches("nam-dinh/hai-hau/*", "nam-dinh/hai-hau/hai-minh")
    assert not matches("nam-dinh/*", "nam-dinh/hai-hau/hai-minh")
    assert matches("nam-dinh/hai-*", "nam-dinh/hai-hau")


# --- server configuration -----------------------------------------------------------------------------

def test_every_site_ships_an_htaccess_with_its_404_page_and_the_policy(built):
    public = built / "public"
    own = (public / "nam-dinh/hai-hau/.htaccess").read_text(encoding="utf-8")
    assert "ErrorDocument 404 /404.html" in own
    shared = (public / "nam-dinh/my-loc/.htaccess").read_text(encoding="utf-8")
    assert "ErrorDocument 404 /nam-dinh/my-loc/404.html" in shared
    assert f"Content-Security-Policy \"{policy.CSP}; img-src 'self' https://haihau.namdinh.gov.vn\"" in shared
    assets = [p.name for p in (public / "nam-dinh/assets").iterdir()]
    assert assets and all(re.search(htaccess.FINGERPRINTED, name) for name in assets)


def test_nginx_example_carries_the_same_policy_and_passes_nginx_t(tmp_path):
    text = (PROJECT / "docs/nginx.conf").read_text(encoding="utf-8")
    assert policy.CSP in text
    require("nginx", shutil.which("nginx") is not None, "apt-get install nginx-light (.ci/install-test-tools)")
    conf = tmp_path / "nginx.conf"
    conf.write_text(f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
                    f"http {{\n  access_log off;\n  include {PROJECT / 'docs/nginx.conf'};\n}}\n", encoding="utf-8")
    done = subprocess.run(["nginx", "-t", "-c", str(conf), "-p", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# --- joining the parts of a build ----------------------------------------------------------------------

def _part(built: Path, folder: Path) -> Path:
    shutil.copytree(built / "public", folder)
    for record in (".public.portalgen-manifest.json", ".public.portalgen-build.json"):
        shutil.copy(built / record, folder.parent / record.replace(".public.", f".{folder.name}."))
    return folder


def test_join_shards_refuses_parts_that_disagree_or_are_no_build(built, tmp_path):
    one, two = _part(built, tmp_path / "part-1"), _part(built, tmp_path / "part-2")
    joined = run("join-shards", "-o", str(tmp_path / "public"), str(one), str(two))
    assert joined.exit_code == 0, joined.output
    assert built_files(tmp_path / "public") == built_files(built / "public")
    assert snapshot(tmp_path / "public") == snapshot(built / "public")

    page = "nam-dinh/index.html"
    (two / page).write_bytes(b"<!doctype html><title>x</title>")
    manifest = tmp_path / ".part-2.portalgen-manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["files"][page] = hashlib.sha256((two / page).read_bytes()).hexdigest()
    manifest.write_text(json.dumps(data), encoding="utf-8")
    clash = run("join-shards", "-o", str(tmp_path / "public"), str(one), str(two))
    assert clash.exit_code == 2
    assert f"Tệp “{page}” có trong cả “{one}” và “{two}” với nội dung khác nhau" in clash.output
    assert built_files(tmp_path / "public") == built_files(built / "public")  # nothing changed

    (tmp_path / ".part-2.portalgen-manifest.json").unlink()
    missing = run("join-shards", "--lang", "en", "-o", str(tmp_path / "public"), str(one), str(two))
    assert missing.exit_code == 2 and "is not a successful build" in missing.output
    assert "include-hidden-files: true" in missing.output
