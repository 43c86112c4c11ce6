"""``portalgen deploy`` against the servers shared hosts run, installed from Debian packages and started
here on 127.0.0.1: ProFTPD (a full disk, refused deletions, a CP1258 file system, ``AllowOverwrite
off``) and OpenSSH (a chrooted ``internal-sftp`` on a full disk, rsync with a wrong key or host key).
Each test publishes a small site of its own straight through ``deploy_target``."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from portalgen.deploy.credentials import Credentials
from portalgen.deploy.links import links
from portalgen.deploy.local import RsyncTransport
from portalgen.deploy.plan import MANIFEST, TEMP_SUFFIX, make_plan, manifest_bytes
from portalgen.deploy.run import Options, Outcome, deploy_target
from portalgen.deploy.sftp import SftpTransport, swap
from portalgen.deploy.targets import Target
from portalgen.model import DeployTarget
from portalgen.problems import Source

from deploy_servers import NOBODY, can_mount, proftpd_server, remote_home, ssh_key, sshd_server
from htmlcheck import require

PASSWORD = "mat-khau-proftpd-5K"
ENV = {"TEST_PASSWORD": PASSWORD}


def _tools(*names: str, disk: bool = False) -> None:
    """Skip (fail under CI=true) without the servers or root (they switch to nobody); skip, even
    under CI, where a full disk cannot be made (no right to mount a tmpfs)."""
    for name in names:
        require(name, shutil.which(name) is not None or Path(f"/usr/sbin/{name}").exists(),
                "apt-get install proftpd-core openssh-server (.ci/install-test-tools)")
    require("root", os.geteuid() == 0, "the servers start as root and serve as nobody")
    if disk and not can_mount():
        # Not a tool to install: a container without the right to mount cannot give a small disk,
        # so this skips under CI too (the rest of the deploy tests still run there).
        pytest.skip("a full disk is a small tmpfs, and this container may not mount one")


def _site(out: Path, files: dict[str, bytes]) -> dict[str, str]:
    """Writes a small site into ``out/u`` and returns its files (path → SHA-256)."""
    for path, data in files.items():
        (out / "u" / path).parent.mkdir(parents=True, exist_ok=True)
        (out / "u" / path).write_bytes(data)
    return {p: hashlib.sha256(d).hexdigest() for p, d in files.items()}


def _target(protocol: str, port: int, **fields) -> Target:
    spec = DeployTarget(name="chinh", protocol=protocol, folder="/site", host="127.0.0.1", port=port, **fields)
    return Target("u", spec, Source("u/unit.yaml", 3, 5), "deploy[0]")


def _deploy(out: Path, target: Target, files: dict[str, str], env: dict[str, str] = ENV,
            pauses: list[float] | None = None) -> Outcome:
    return deploy_target(out, target, files, Options(retries=2, backoff=1, batch=10), env,
                         sleep=(pauses if pauses is not None else []).append)


def _true_to_the_site(site: Path, files: dict[str, str]) -> dict[str, str]:
    """Asserts no file under its real name differs from the site and the manifest lists only files
    in place; returns the manifest."""
    listed = json.loads((site / MANIFEST).read_bytes())["files"] if (site / MANIFEST).exists() else {}
    for path in site.rglob("*"):
        name = path.relative_to(site).as_posix()
        if path.is_file() and name != MANIFEST and not path.name.endswith(TEMP_SUFFIX):
            assert hashlib.sha256(path.read_bytes()).hexdigest() == files[name], name
    for name, digest in listed.items():
        assert hashlib.sha256((site / name).read_bytes()).hexdigest() == digest, name
    return listed


def _big_site(out: Path) -> dict[str, str]:
    """60 files of 12 KB: more than the 300 KB disk of the full-disk tests holds."""
    return _site(out, {f"tin-tuc/bai-{k:02}/index.html": bytes([65 + k % 26]) * 12_000 for k in range(60)})


# --- a full disk ------------------------------------------------------------------------------------

def test_a_full_disk_on_ftp_fails_at_once_with_the_servers_words_and_publishes_nothing_partial(tmp_path):
    _tools("proftpd", "openssl", disk=True)
    files = _big_site(tmp_path / "out")
    with remote_home("300k") as home, proftpd_server(tmp_path / "ftpd", home, "donvi", PASSWORD) as server:
        pauses: list[float] = []
        done = _deploy(tmp_path / "out", _target("ftp", server.port, user="donvi", password_env="TEST_PASSWORD"),
                       files, pauses=pauses)
        assert done.problem is not None and done.problem.code == "DEPLOY_REMOTE_ERROR"
        assert re.search(r": 45[12] Transfer aborted", done.problem.message("en"))  # the server's own words
        assert pauses == []  # a permanent error is not retried
        assert 0 < done.uploaded < len(files)
        listed = _true_to_the_site(server.root, files)
        assert len(listed) == done.uploaded
        assert not [p for p in server.root.rglob("*") if p.name.endswith(TEMP_SUFFIX)]  # partial uploads removed


def test_a_file_larger_than_the_free_space_on_ftp_is_a_refusal_not_a_broken_link(tmp_path):
    _tools("proftpd", "openssl", disk=True)
    files = _site(tmp_path / "out", {"tai-lieu/bao-cao.pdf": b"%PDF" * 500_000, "index.html": b"x"})
    with remote_home("300k") as home, proftpd_server(tmp_path / "ftpd", home, "donvi", PASSWORD) as server:
        pauses: list[float] = []
        done = _deploy(tmp_path / "out", _target("ftp", server.port, user="donvi", password_env="TEST_PASSWORD"),
                       files, pauses=pauses)
        assert done.problem is not None and done.problem.code == "DEPLOY_REMOTE_ERROR", done.problem
        assert re.search(r": 45[12] Transfer aborted", done.problem.message("en")) and pauses == []
        assert not (server.root / "tai-lieu/bao-cao.pdf").exists() and done.uploaded == 0
        assert not [p for p in server.root.rglob("*") if p.name.endswith(TEMP_SUFFIX)]


def test_a_full_disk_on_sftp_is_a_failed_deploy_and_no_partial_file_takes_a_real_name(tmp_path):
    _tools("sshd", "ssh-keygen", disk=True)
    files = _big_site(tmp_path / "out")
    key, public = ssh_key(tmp_path / "key")
    with remote_home("300k") as home, sshd_server(tmp_path / "sshd", home, public) as (server, host_key):
        done = _deploy(tmp_path / "out", _target("sftp", server.port, user="nobody", key_env="TEST_KEY",
                                                 host_key=host_key), files, env={"TEST_KEY": key})
        assert done.problem is not None and done.problem.code == "DEPLOY_REMOTE_ERROR", done
        assert 0 < done.uploaded < len(files)
        listed = _true_to_the_site(server.root, files)
        assert len(listed) == done.uploaded
        assert not [p for p in server.root.rglob("*") if p.name.endswith(TEMP_SUFFIX)]  # partial uploads removed


# --- a deletion the server refuses ------------------------------------------------------------------

@contextmanager
def _host(kind: str, tmp_path: Path) -> Iterator[tuple[Path, Target, dict[str, str]]]:
    """A ProFTPD ("ftp") or chrooted internal-sftp ("sftp") host: its site folder, target, secrets."""
    with remote_home() as home:
        if kind == "ftp":
            with proftpd_server(tmp_path / "ftpd", home, "donvi", PASSWORD) as server:
                yield server.root, _target("ftp", server.port, user="donvi", password_env="TEST_PASSWORD"), ENV
        else:
            key, public = ssh_key(tmp_path / "key")
            with sshd_server(tmp_path / "sshd", home, public) as (server, host_key):
                yield server.root, _target("sftp", server.port, user="nobody", key_env="TEST_KEY",
                                           host_key=host_key), {"TEST_KEY": key}


@pytest.mark.parametrize("kind", ["ftp", "sftp"])
def test_a_refused_deletion_is_a_failure_and_stays_in_the_manifest_until_it_succeeds(tmp_path, kind):
    _tools(*(("proftpd", "openssl") if kind == "ftp" else ("sshd", "ssh-keygen")))
    files = _site(tmp_path / "out", {"index.html": b"<a href='tin/'>tin</a>", "tin/index.html": b"tin"})
    with _host(kind, tmp_path) as (root, target, env):
        assert _deploy(tmp_path / "out", target, files, env).problem is None
        old = {"cu/bai-a.html": b"a", "cu/bai-b.html": b"b", "bai-c.html": b"c"}  # pages the site no longer has
        for name, data in old.items():
            (root / name).parent.mkdir(exist_ok=True)
            (root / name).write_bytes(data)
            for path in (root / name, root / name.split("/")[0]):
                os.chown(path, NOBODY, NOBODY)
        remote = {**files, **{p: hashlib.sha256(d).hexdigest() for p, d in old.items()}}
        (root / MANIFEST).write_bytes(manifest_bytes(remote))
        (root / "cu").chmod(0o555)  # the host lets the account write files but not delete these

        done = _deploy(tmp_path / "out", target, files, env)
        assert done.problem is not None and done.problem.code == "DEPLOY_DELETE_REFUSED"
        assert "2 old files" in done.problem.message("en") and "ermission denied" in done.problem.message("en")
        assert done.deleted == 1 and not (root / "bai-c.html").exists()
        listed = json.loads((root / MANIFEST).read_bytes())["files"]
        assert set(listed) == set(files) | {"cu/bai-a.html", "cu/bai-b.html"}  # kept: the next run tries again

        (root / "cu").chmod(0o755)
        again = _deploy(tmp_path / "out", target, files, env)
        assert again.problem is None and again.deleted == 2
        assert set(json.loads((root / MANIFEST).read_bytes())["files"]) == set(files)


# --- rsync over ssh with the wrong key or host key ----------------------------------------------------

def test_rsync_with_a_wrong_key_or_host_key_is_a_login_failure_and_not_retried(tmp_path):
    _tools("sshd", "ssh-keygen", "rsync")
    files = _site(tmp_path / "out", {"index.html": b"trang chu"})
    key, public = ssh_key(tmp_path / "key")
    other, other_public = ssh_key(tmp_path / "other")
    with remote_home() as home, sshd_server(tmp_path / "sshd", home, public) as (server, host_key):
        for given, server_key, said in ((other, host_key, "Permission denied"),
                                        (key, " ".join(other_public.split()[:2]), "Host key verification failed")):
            pauses: list[float] = []
            done = _deploy(tmp_path / "out", _target("rsync", server.port, user="nobody", key_env="TEST_KEY",
                                                     host_key=server_key), files, {"TEST_KEY": given}, pauses)
            assert done.problem is not None and done.problem.code == "DEPLOY_LOGIN_FAILED", done.problem
            assert said in done.problem.message("en") and pauses == []
        assert not any(server.root.iterdir())


# --- the order of a deploy that adds pages --------------------------------------------------------------

def _page(*targets: str) -> bytes:
    return ("<!doctype html><link rel=stylesheet href='/assets/site.2222222222.css'>"
            "<link rel=alternate href='/rss.xml'>" + "".join(f"<a href='{t}'>x</a>" for t in targets)).encode()


def test_a_deploy_that_adds_pages_puts_every_link_target_in_place_before_the_pages_linking_to_it(tmp_path):
    _tools("proftpd", "openssl")
    before = {"index.html": _page("gioi-thieu/"), "gioi-thieu/index.html": _page("../"),
              "assets/site.1111111111.css": b"a{}", "rss.xml": b"<rss><link>https://x.gov.vn/</link></rss>"}
    after = {  # a new stylesheet, a new category with two articles linking to each other, a new home and feed
        **before, "assets/site.2222222222.css": b"b{}", "assets/anh.jpg": b"jpg",
        "index.html": _page("gioi-thieu/", "tin-tuc/", "tin-tuc/bai-a/", "tin-tuc/bai-b/"),
        "tin-tuc/index.html": _page("../", "bai-a/", "bai-b/"),
        "tin-tuc/bai-a/index.html": _page("../../", "../", "../bai-b/", "/assets/anh.jpg"),
        "tin-tuc/bai-b/index.html": _page("../../", "../", "../bai-a/"),
        "rss.xml": b"<rss><link>https://x.gov.vn/</link><item><link>https://x.gov.vn/tin-tuc/bai-a/</link></item>"
                   b"<item><link>https://x.gov.vn/tin-tuc/bai-b/</link></item></rss>",
        "sitemap.xml": b"<urlset><url><loc>https://x.gov.vn/tin-tuc/</loc></url></urlset>", "robots.txt": b"x"}
    with remote_home() as home, proftpd_server(tmp_path / "ftpd", home, "donvi", PASSWORD) as server:
        target = _target("ftp", server.port, user="donvi", password_env="TEST_PASSWORD")
        assert _deploy(tmp_path / "old", target, _site(tmp_path / "old", before)).problem is None
        (tmp_path / "ftpd/commands.log").write_text("", encoding="utf-8")
        done = _deploy(tmp_path / "new", target, _site(tmp_path / "new", after))
        assert done.problem is None
        log = (tmp_path / "ftpd/commands.log").read_text(encoding="utf-8").splitlines()
        placed = [line.split()[1].removeprefix("/site/") for line in log
                  if line.startswith("RNTO") and " 250" in line and MANIFEST not in line]
    new = [p for p in placed if p not in before]
    assert set(new) == set(after) - set(before)
    position = placed.index
    assert position("assets/site.2222222222.css") < position("tin-tuc/bai-b/index.html")
    assert position("assets/anh.jpg") < position("tin-tuc/bai-a/index.html")
    # the two articles link to each other: one of them necessarily comes first; everything else waits
    assert max(position("tin-tuc/bai-a/index.html"), position("tin-tuc/bai-b/index.html")) \
        < position("tin-tuc/index.html") < position("index.html") < position("rss.xml")
    assert position("tin-tuc/index.html") < position("sitemap.xml")
    assert all(position("robots.txt") > position(p) for p in placed if p.endswith(".html"))


def test_links_are_read_from_pages_and_feeds_and_rounds_never_hold_a_page_with_a_new_file_it_needs():
    files = {"index.html", "tin-tuc/index.html", "tin-tuc/bai/index.html", "assets/a.1234567890.css", "tep/đơn.pdf"}
    page = b"<a href='../'>x</a><link href=\"../assets/a.1234567890.css\"><a href='/tin-tuc/bai/#top'>" \
           b"<a href='https://dichvucong.gov.vn/'><a href='../../../khac/'><img src='../tep/%C4%91%C6%A1n.pdf'>"
    assert links("tin-tuc/index.html", page, files) == {"index.html", "assets/a.1234567890.css",
                                                         "tin-tuc/bai/index.html", "tep/đơn.pdf"}
    assert links("a.css", page, files) == frozenset()
    needs = {"index.html": {"assets/a.1234567890.css", "tin-tuc/index.html"},
             "tin-tuc/index.html": {"assets/a.1234567890.css"}}
    plan = make_plan(dict.fromkeys(["404.html", "index.html", "tin-tuc/index.html", "assets/a.1234567890.css"], "x"),
                     {}, needs)
    assert plan.rounds == (("assets/a.1234567890.css", "404.html"), ("tin-tuc/index.html",), ("index.html",))


# --- a server whose file system is not UTF-8 ------------------------------------------------------------

def test_a_server_that_does_not_keep_vietnamese_file_names_fails_clearly_and_publishes_no_broken_link(tmp_path):
    _tools("proftpd", "openssl")
    name = "van-ban/quyết-định-số-12.pdf"
    files = _site(tmp_path / "out", {name: b"%PDF", "van-ban/index.html": b"<a href='quy%E1%BA%BFt'>QD</a>",
                                     "index.html": b"<a href='van-ban/'>x</a>"})
    with remote_home() as home, proftpd_server(tmp_path / "utf8", home, "donvi", PASSWORD) as server:
        done = _deploy(tmp_path / "out", _target("ftp", server.port, user="donvi", password_env="TEST_PASSWORD"),
                       files)
        assert done.problem is None
        assert (server.root / name).read_bytes() == b"%PDF"  # the name on disk is the UTF-8 one

    with remote_home() as home, proftpd_server(tmp_path / "cp1258", home, "donvi", PASSWORD,
                                               encoding="CP1258") as server:
        done = _deploy(tmp_path / "out", _target("ftp", server.port, user="donvi", password_env="TEST_PASSWORD"),
                       files)
        assert done.problem is not None and done.problem.code == "DEPLOY_NAMES_MANGLED"
        assert name in done.problem.message("vi") and "UTF-8" in done.problem.hint("en")
        assert [p.name for p in (server.root / "van-ban").iterdir()] == []  # the mangled file was taken away
        assert name not in _true_to_the_site(server.root, files)
        assert not (server.root / "index.html").exists()  # nothing links to it


# --- a server that will not overwrite ---------------------------------------------------------------------

def test_a_server_that_will_not_overwrite_gets_its_pages_replaced_without_deleting_them_first(tmp_path):
    _tools("proftpd", "openssl")
    first = {"index.html": b"<a href='tin/'>cu</a>", "tin/index.html": b"tin cu", "assets/a.1111111111.css": b"a"}
    second = {**first, "index.html": b"<a href='tin/'>moi</a>", "tin/index.html": b"tin moi"}
    with remote_home() as home, proftpd_server(tmp_path / "ftpd", home, "donvi", PASSWORD, overwrite=False) as server:
        target = _target("ftp", server.port, user="donvi", password_env="TEST_PASSWORD")
        assert _deploy(tmp_path / "old", target, _site(tmp_path / "old", first)).problem is None
        stale = server.root / "tin" / ".index.html.portalgen-tmp"  # left by an interrupted run
        stale.write_bytes(b"nua chung")
        os.chown(stale, NOBODY, NOBODY)
        (tmp_path / "ftpd/commands.log").write_text("", encoding="utf-8")
        files = _site(tmp_path / "new", second)
        done = _deploy(tmp_path / "new", target, files)
        assert done.problem is None, done.problem
        assert _true_to_the_site(server.root, files) == files
        assert {p.relative_to(server.root).as_posix() for p in server.root.rglob("*") if p.is_file()} \
            == set(second) | {MANIFEST}
        log = (tmp_path / "ftpd/commands.log").read_text(encoding="utf-8")
        assert "DELE /site/index.html " not in log and "DELE /site/tin/index.html " not in log


def test_sftp_replaces_a_file_where_plain_rename_will_not_overwrite(tmp_path):
    _tools("sshd", "ssh-keygen")
    with _host("sftp", tmp_path) as (root, target, env):
        transport = SftpTransport(target, Credentials(key=env["TEST_KEY"]))
        transport.connect()
        try:
            assert transport.sftp is not None
            for name, data in (("index.html", b"cu"), (".index.html.portalgen-tmp", b"moi")):
                with transport.sftp.open(f"/site/{name}", "wb") as handle:
                    handle.write(data)
            with pytest.raises(OSError):  # OpenSSH's plain rename refuses an existing name
                transport.sftp.rename("/site/.index.html.portalgen-tmp", "/site/index.html")
            swap(transport.sftp, "/site/.index.html.portalgen-tmp", "/site/index.html")
        finally:
            transport.close()
        assert sorted(p.name for p in root.iterdir()) == ["index.html"]
        assert (root / "index.html").read_bytes() == b"moi"


def test_rsync_never_puts_a_page_in_place_in_the_same_transfer_as_a_new_file_it_links_to(tmp_path, monkeypatch):
    require("rsync", shutil.which("rsync") is not None, "apt-get install rsync (.ci/install-test-tools)")
    files = _site(tmp_path / "out", {
        "index.html": _page("tin-tuc/"), "404.html": _page("./"), "assets/site.2222222222.css": b"b{}",
        "tin-tuc/index.html": _page("../", "bai/"), "tin-tuc/bai/index.html": _page("../", "../../"),
        "rss.xml": b"<rss><item><link>https://x.gov.vn/tin-tuc/bai/</link></item></rss>"})
    transfers: list[list[str]] = []
    original = RsyncTransport.put_many

    def recording(self, items):
        transfers.append([p for p, _ in items])
        original(self, items)

    monkeypatch.setattr(RsyncTransport, "put_many", recording)
    done = deploy_target(tmp_path / "out", Target("u", DeployTarget(name="chinh", protocol="rsync",
                                                                    folder=str(tmp_path / "www")),
                                                  Source("u/unit.yaml"), "deploy[0]"),
                         files, Options(batch=50), {})
    assert done.problem is None
    assert _true_to_the_site(tmp_path / "www", files) == files
    which = {p: k for k, transfer in enumerate(transfers) for p in transfer if p != MANIFEST}
    assert which["assets/site.2222222222.css"] < which["404.html"]
    assert which["tin-tuc/bai/index.html"] < which["tin-tuc/index.html"] < which["index.html"]
    assert which["tin-tuc/bai/index.html"] < which["rss.xml"]


def test_new_articles_linking_to_each_other_share_a_group_and_the_list_comes_after_them():
    articles = [f"tin-tuc/bai-{k:03}/index.html" for k in range(300)]
    needs: dict[str, set[str]] = {p: {"index.html", "tin-tuc/index.html"} for p in articles}  # links up
    for before, after in zip(articles, articles[1:]):  # "previous" and "next"
        needs[before].add(after)
        needs[after].add(before)
    needs["tin-tuc/index.html"] = set(articles[:20])
    needs["index.html"] = {"tin-tuc/index.html"}
    plan = make_plan(dict.fromkeys([*articles, "tin-tuc/index.html", "index.html"], "x"), {}, needs)
    assert len(plan.rounds) <= 5  # rsync: a few transfers, not one per article
    where = {p: k for k, group in enumerate(plan.rounds) for p in group}
    assert all(where[a] < where["tin-tuc/index.html"] for a in articles[:20])
    assert where["tin-tuc/index.html"] < where["index.html"]
