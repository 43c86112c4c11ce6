"""The output folder is the only place a build or a join writes or deletes: a manifest naming other
paths is no manifest, an output that overlaps the portal or holds a link is refused, a file put in
the output by hand is never overwritten, and no special file of the portal makes a build hang."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from portalgen import buildstate
from portalgen.writer import manifest_path, safe_output_path, write_output

from conftest import run
from portal_builder import portal_2025

NOW = "2026-11-27"


@pytest.fixture
def portal(tmp_path):
    return portal_2025(tmp_path / "portal")


def _said(result) -> str:
    return result.output + (getattr(result, "stderr", "") if result.stderr_bytes is not None else "")


def _build(portal: Path, out: Path, *more: str):
    return run("build", str(portal), "-o", str(out), "--now", NOW, "--no-cache", "--jobs", "1", *more)


@pytest.mark.parametrize("path", ["../victim.txt", "/VICTIM", "a/../../victim.txt", "a\\..\\..\\victim.txt",
                                  "./victim.txt", "", "a//b"])
def test_a_manifest_path_outside_the_output_is_refused(tmp_path, path):
    victim = tmp_path / "victim.txt"
    absolute = path.replace("/VICTIM", str(victim))
    assert not safe_output_path(tmp_path / "public", absolute)


def test_a_manifest_path_through_a_link_out_of_the_output_is_refused(tmp_path):
    out = tmp_path / "public"
    out.mkdir()
    (out / "away").symlink_to(tmp_path)
    assert not safe_output_path(out, "away/victim.txt")
    assert safe_output_path(out, "nam-dinh/index.html")


@pytest.mark.parametrize("entry", ["../victim.txt", "ABSOLUTE"])
def test_a_build_deletes_nothing_a_forged_manifest_names_outside_the_output(portal, tmp_path, entry):
    out = tmp_path / "public"
    assert _build(portal, out).exit_code == 0
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    name = str(victim) if entry == "ABSOLUTE" else entry
    data = json.loads(manifest_path(out).read_text(encoding="utf-8"))
    data["files"][name] = "0" * 64
    data["stamps"][name] = [7, 0]
    manifest_path(out).write_text(json.dumps(data), encoding="utf-8")
    result = _build(portal, out, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert "is ignored; this build removes no old file" in _said(result)
    assert name not in json.loads(manifest_path(out).read_text(encoding="utf-8"))["files"]


def test_the_writer_deletes_nothing_a_forged_manifest_names_outside_the_output(tmp_path):
    out = tmp_path / "public"
    write_output(out, {"a.txt": b"a"})
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    manifest_path(out).write_text(json.dumps({"files": {"../victim.txt": "0" * 64, "a.txt": "0" * 64}}),
                                  encoding="utf-8")
    write_output(out, {})
    assert victim.exists()


def test_join_shards_deletes_nothing_a_forged_manifest_names_outside_the_output(portal, tmp_path):
    part = tmp_path / "part-1"
    assert _build(portal, part).exit_code == 0
    out = tmp_path / "public"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    manifest_path(out).write_text(json.dumps({"files": {"../victim.txt": "0" * 64, str(victim): "0" * 64}}),
                                  encoding="utf-8")
    result = run("join-shards", "-o", str(out), str(part))
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_join_shards_refuses_a_part_whose_manifest_names_a_path_outside_it(portal, tmp_path):
    part = tmp_path / "part-1"
    assert _build(portal, part).exit_code == 0
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    data = json.loads(manifest_path(part).read_text(encoding="utf-8"))
    data["files"]["../secret.txt"] = "0" * 64
    manifest_path(part).write_text(json.dumps(data), encoding="utf-8")
    result = run("join-shards", "--lang", "en", "-o", str(tmp_path / "public"), str(part))
    assert result.exit_code == 2
    assert "outside its folder" in _said(result)
    assert not (tmp_path / "secret.txt.join-tmp").exists() and not (tmp_path / "public").exists()


def _refused(result, lang_text: str) -> None:
    said = _said(result)
    assert result.exit_code == 2, said
    assert said.startswith("portalgen: ") and lang_text in said, said


@pytest.mark.parametrize("command", ["build", "join-shards"])
def test_an_empty_output_is_refused(portal, command):
    args = [str(portal)] if command == "build" else ["part-1"]
    _refused(run(command, *args, "-o", "", "--lang", "en"), "name the output folder")


def test_the_working_folder_as_output_is_refused(portal, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _refused(run("build", str(portal), "-o", ".", "--now", NOW, "--lang", "en"), "is the working folder")
    _refused(run("join-shards", "-o", ".", "part-1", "--lang", "en"), "is the working folder")
    assert not any(tmp_path.glob(".*.portalgen-*"))


@pytest.mark.parametrize("where", ["portal", "inside", "holding"])
def test_an_output_overlapping_the_portal_is_refused(portal, where):
    out = {"portal": portal, "inside": portal / "tinh-a" / "public", "holding": portal.parent}[where]
    before = sorted(p for p in portal.parent.rglob("*"))
    _refused(run("build", str(portal), "-o", str(out), "--now", NOW, "--lang", "en"), "choose an output folder outside")
    _refused(run("build", str(portal), "-o", str(out), "--now", NOW), "hãy chọn thư mục kết quả")
    assert sorted(p for p in portal.parent.rglob("*")) == before


@pytest.mark.parametrize("command", ["build", "join-shards"])
def test_an_output_that_is_or_holds_a_link_is_refused(portal, tmp_path, command):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    args = [str(portal), "--now", NOW] if command == "build" else [str(tmp_path / "part-1")]
    link = tmp_path / "public"
    link.symlink_to(elsewhere, target_is_directory=True)
    _refused(run(command, *args, "-o", str(link), "--lang", "en"), "is a symbolic link")
    link.unlink()
    (link / "nam-dinh").mkdir(parents=True)
    (link / "nam-dinh" / "robots.txt").symlink_to(elsewhere / "robots.txt")
    _refused(run(command, *args, "-o", str(link), "--lang", "en"), "is a symbolic link")
    assert not any(elsewhere.iterdir())


def test_a_file_put_in_the_output_by_hand_is_not_overwritten(portal, tmp_path):
    out = tmp_path / "public"
    assert _build(portal, out).exit_code == 0
    robots = next(out.rglob("robots.txt"))
    relative = robots.relative_to(out).as_posix()
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "public").mkdir()
    mine = b"User-agent: *\nDisallow: /noi-bo/\n"
    (fresh / "public" / relative).parent.mkdir(parents=True, exist_ok=True)
    (fresh / "public" / relative).write_bytes(mine)
    for _ in range(2):  # and the next build keeps it too
        result = _build(portal, fresh / "public", "--lang", "en")
        assert result.exit_code == 0, result.output
        assert (fresh / "public" / relative).read_bytes() == mine
        assert f"Kept “{fresh / 'public' / relative}”" in _said(result)
    assert relative not in json.loads(manifest_path(fresh / "public").read_text(encoding="utf-8"))["files"]
    (fresh / "public" / relative).unlink()  # removed by hand: the build writes its own again
    assert _build(portal, fresh / "public").exit_code == 0
    assert (fresh / "public" / relative).read_bytes() == robots.read_bytes()


def test_a_file_by_hand_with_the_built_bytes_is_taken_over(tmp_path):
    out = tmp_path / "public"
    out.mkdir()
    (out / "a.txt").write_bytes(b"a")
    (out / "b.txt").write_bytes(b"mine")
    summary = write_output(out, {"a.txt": b"a", "b.txt": b"b"})
    assert summary.kept == ("b.txt",)
    assert (out / "b.txt").read_bytes() == b"mine"
    assert set(json.loads(manifest_path(out).read_text(encoding="utf-8"))["files"]) == {"a.txt"}


def _special_portal(portal: Path) -> None:
    os.mkfifo(portal / "tinh-a" / "fifo")
    (portal / "tinh-a" / "news" / "zero.md").symlink_to("/dev/zero")


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="POSIX special files")
def test_the_fingerprint_opens_no_fifo_or_device(portal):
    _special_portal(portal)
    code = ("import sys; from pathlib import Path; from portalgen import buildstate; "
            "print(buildstate.fingerprint(Path(sys.argv[1]), [], {}, {})[0])")
    done = subprocess.run([sys.executable, "-c", code, str(portal)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    _, stats = buildstate.fingerprint(portal, [], {}, {})
    assert stats["portal/tinh-a/fifo"][2].startswith("special:")


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="POSIX special files")
@pytest.mark.parametrize("command", ["check", "build"])
def test_a_fifo_or_a_link_to_a_device_in_the_portal_does_not_hang(portal, tmp_path, command):
    _special_portal(portal)
    args = [str(portal), "--now", NOW] + (["-o", str(tmp_path / "public"), "--jobs", "1"] if command == "build" else [])
    portalgen = Path(sys.executable).parent / "portalgen"
    done = subprocess.run([str(portalgen), command, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1, 4), done.stderr


def test_join_shards_does_not_overwrite_a_file_put_in_the_output_by_hand(portal, tmp_path):
    part = tmp_path / "part-1"
    assert _build(portal, part).exit_code == 0
    relative = next(part.rglob("robots.txt")).relative_to(part).as_posix()
    out = tmp_path / "public"
    (out / relative).parent.mkdir(parents=True)
    (out / relative).write_bytes(b"mine\n")
    result = run("join-shards", "--lang", "en", "-o", str(out), str(part))
    assert result.exit_code == 0, _said(result)
    assert (out / relative).read_bytes() == b"mine\n"
    assert "Kept" in _said(result)
    assert relative not in json.loads(manifest_path(out).read_text(encoding="utf-8"))["files"]


KILLED_BUILD = """
import os, signal, sys
from portalgen import writer
from portalgen.cli import main

real_replace = os.replace


def replace(source, destination):
    real_replace(source, destination)
    if ".staging" in str(source) and sys.argv[1] in str(destination):
        os.kill(os.getpid(), signal.SIGKILL)  # kill -9 in the middle of the move phase, once it is moved


writer.os.replace = replace
main(sys.argv[2:])
"""


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_build_killed_while_moving_files_is_repaired_whole_by_the_next(portal, tmp_path):
    out = tmp_path / "public"
    assert _build(portal, out).exit_code == 0
    news = portal / "tinh-a/news/2026/hoi-nghi.md"
    news.write_text(news.read_text(encoding="utf-8").replace("Hội nghị triển khai", "Hội nghị sơ kết"),
                    encoding="utf-8")
    added = portal / "tinh-a/news/2026/a-moi.md"  # its page is among the first moved (by path)
    added.write_text(news.read_text(encoding="utf-8").replace("Hội nghị sơ kết", "Tin mới"), encoding="utf-8")
    killed = subprocess.run([sys.executable, "-c", KILLED_BUILD, "a-moi", "build", str(portal), "-o", str(out),
                             "--now", NOW, "--no-cache", "--jobs", "1"], capture_output=True)
    assert killed.returncode == -9, killed.stderr.decode()
    assert "tinh-a/tin-tuc/a-moi/index.html" in _files(out)
    assert "Tin mới" not in _files(out)["tinh-a/tin-tuc/index.html"].decode()  # not moved yet: a mix

    added.unlink()  # the next commit drops the new item again
    again = _build(portal, out)
    assert again.exit_code == 0, _said(again)
    clean = tmp_path / "clean"
    assert _build(portal, clean).exit_code == 0
    assert _files(out) == _files(clean)  # nothing of the killed build left behind, nothing missing
