#!/usr/bin/env python3
"""Time ``portalgen check`` on generated portals of several sizes.

Generates each portal with ``generate_portal.py`` (real 2025 units, synthetic content that meets
every ``nd42-2022`` obligation), runs ``portalgen check PORTAL --now DATE --format json`` in a
subprocess and reports wall time, CPU time and peak memory of that subprocess, with the unit,
file, error and warning counts read from the JSON summary.

    python benchmarks/check_benchmark.py              # Hà Nội (127 units), then all 3,355 units
    python benchmarks/check_benchmark.py --quick      # 2 provinces × 50 communes, a smoke run
    python benchmarks/check_benchmark.py --keep       # keep the portals in benchmarks/out/
    python benchmarks/check_benchmark.py --profile    # also profile the largest check (cProfile)
    python benchmarks/check_benchmark.py --snapshot HEAD  # check a fixed commit, not the working tree

Sizes can be picked with ``--size`` (repeatable): quick, province, national.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))

import generate_portal as gen  # noqa: E402  (needs the path above)
from build_benchmark import LAUNCHER  # noqa: E402 - beside this script

#: name → (provinces, communes per province, description); None means all.
SIZES: dict[str, tuple[int | None, int | None, str]] = {
    "quick": (2, 50, "2 provinces × 50 communes"),
    "province": (1, None, "1 province (Hà Nội) with all its communes"),
    "national": (None, None, "34 provinces, 3,321 communes"),
}
DEFAULT_SIZES = ("province", "national")


@dataclass
class Result:
    size: str
    description: str
    units: int
    files: int            # content files the checker read (its JSON summary)
    files_on_disk: int    # every file generated, attachments and images included
    megabytes: float
    generate_seconds: float
    seconds: float        # wall time of the check (median of the repeats)
    cpu_seconds: float    # user + system time of the check process (median run)
    peak_mb: float        # peak resident memory of the check process (largest of the repeats)
    errors: int
    warnings: int
    exit_code: int
    runs: list[float]

    @property
    def files_per_second(self) -> float:
        return self.files / self.seconds if self.seconds else 0.0


def find_portalgen(explicit: str | None) -> list[str]:
    if explicit:
        return [explicit]
    venv = PROJECT / ".venv" / "bin" / "portalgen"
    if venv.exists():
        return [str(venv)]
    found = shutil.which("portalgen")
    if found:
        return [found]
    sys.exit("portalgen not found: run `make -C %s install` or pass --portalgen PATH" % PROJECT)


def python_of(portalgen: list[str]) -> str:
    """The interpreter that runs portalgen (for running it under cProfile)."""
    if len(portalgen) > 1:
        return portalgen[0]
    candidate = Path(portalgen[0]).parent / "python"
    return str(candidate) if candidate.exists() else sys.executable


def snapshot(rev: str, base: Path, portalgen: list[str]) -> list[str]:
    """Extract ``portalgen/`` and ``content-schema/`` of a commit and return a command running them.

    Other people edit the working tree while a long benchmark runs; a snapshot of a commit keeps
    the code under test fixed (and names it).  ``git archive`` only reads the repository.
    """
    import io
    import tarfile

    archive = subprocess.run(["git", "-C", str(PROJECT), "archive", "--format=tar", rev, "portalgen",
                              "content-schema"], capture_output=True, check=False)
    if archive.returncode:
        sys.exit(f"git archive {rev} failed: {archive.stderr.decode(errors='replace').strip()}")
    target = base / f"snapshot-{rev.replace('/', '-')}"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    # The launcher's folder comes first on sys.path, ahead of the editable install's finder.
    launcher = target / "run_portalgen.py"
    launcher.write_text(LAUNCHER, encoding="utf-8")
    return [python_of(portalgen), str(launcher)]


def run_check(command: list[str], portal: Path, now: str, output: Path) -> tuple[float, float, float, int]:
    """Run one check; wall seconds, CPU seconds, peak RSS in MB and exit code of that process.

    ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` is the largest peak of *all* children waited for so
    far, so a small portal checked after a big one would inherit the big one's figure.
    ``os.wait4`` returns the same ``struct rusage`` for the one child it reaps, which is what
    is reported; RUSAGE_CHILDREN is still read as a cross-check.
    """
    with open(output, "wb") as out, open(output.with_suffix(".stderr"), "wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen([*command, "check", str(portal), "--now", now, "--format", "json"],
                                   stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    if children.ru_maxrss < usage.ru_maxrss:  # cannot happen on Linux; flag it if it does
        print(f"note: RUSAGE_CHILDREN peak {children.ru_maxrss} KB < wait4 peak {usage.ru_maxrss} KB")
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024, process.returncode


def read_summary(output: Path) -> dict:
    try:
        return json.loads(output.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        stderr = output.with_suffix(".stderr")
        detail = stderr.read_text(encoding="utf-8", errors="replace")[-2000:] if stderr.exists() else ""
        sys.exit(f"could not read the check's JSON output {output}: {exc}\n{detail}")


def prepare(size: str, folder: Path, args: argparse.Namespace) -> tuple[gen.Stats, bool]:
    """Generate the portal of one size into ``folder`` (or reuse it when asked and unchanged)."""
    provinces, communes, _ = SIZES[size]
    params = {"provinces": provinces, "communes_per_province": communes, "news_per_unit": args.news_per_unit,
              "documents_per_unit": args.documents_per_unit, "now": args.now, "seed": args.seed,
              "data": str(args.data), "generator": (HERE / "generate_portal.py").stat().st_mtime_ns}
    stamp = folder.with_name(folder.name + ".params.json")
    if args.reuse and stamp.is_file() and (folder / "portal.yaml").is_file():
        saved = json.loads(stamp.read_text(encoding="utf-8"))
        if saved.get("params") == params:
            return gen.Stats(**saved["stats"]), True
    stats = gen.generate(folder, provinces, communes, args.news_per_unit, args.documents_per_unit,
                         dt.date.fromisoformat(args.now), args.data, args.seed, clean=True)
    stamp.write_text(json.dumps({"params": params, "stats": asdict(stats)}, indent=2), encoding="utf-8")
    return stats, False


def benchmark(size: str, base: Path, command: list[str], args: argparse.Namespace) -> Result:
    folder = base / size
    print(f"[{size}] generating {SIZES[size][2]} into {folder} …", flush=True)
    stats, reused = prepare(size, folder, args)
    print(f"[{size}] {'reused' if reused else 'generated'}: {stats.units:,} units, {stats.files:,} files, "
          f"{stats.bytes / 1e6:.1f} MB" + ("" if reused else f" in {stats.seconds:.1f} s"), flush=True)
    runs, cpus, peaks = [], [], []
    summary: dict = {}
    code = 0
    for attempt in range(args.repeat):
        output = base / f"{size}.check.json"
        wall, cpu, peak, code = run_check(command, folder, args.check_now or args.now, output)
        summary = read_summary(output)["summary"]
        runs.append(wall)
        cpus.append(cpu)
        peaks.append(peak)
        print(f"[{size}] check run {attempt + 1}/{args.repeat}: {wall:.2f} s wall, {cpu:.2f} s CPU, "
              f"{peak:.0f} MB peak, exit {code}", flush=True)
    median = statistics.median(runs)
    return Result(size=size, description=SIZES[size][2], units=summary["units"], files=summary["files"],
                  files_on_disk=stats.files, megabytes=stats.bytes / 1e6,
                  generate_seconds=0.0 if reused else stats.seconds, seconds=median,
                  cpu_seconds=cpus[runs.index(sorted(runs)[len(runs) // 2])], peak_mb=max(peaks),
                  errors=summary["errors"], warnings=summary["warnings"], exit_code=code, runs=runs)


def profile(size: str, base: Path, command: list[str], args: argparse.Namespace, top: int = 25) -> None:
    """Run the check once more under cProfile and print where the time goes."""
    import pstats

    out = base / f"{size}.prof"
    print(f"\n[{size}] profiling the check with cProfile (expect about 2× slower) …", flush=True)
    started = time.perf_counter()
    subprocess.run([python_of(command), "-m", "cProfile", "-o", str(out), command[-1], "check",
                    str(base / size), "--now", args.check_now or args.now, "--format", "json"],
                   stdout=subprocess.DEVNULL, check=False)
    print(f"[{size}] profiled run: {time.perf_counter() - started:.1f} s; profile saved to {out}")
    for key in ("tottime", "cumulative"):
        print(f"\n--- top {top} by {key} ---")
        stats = pstats.Stats(str(out))
        stats.strip_dirs().sort_stats(key).print_stats(top)


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs ({cpu}), "
            f"Python {platform.python_version()}")


def project_commit(rev: str | None = None) -> str:
    """The checked-out commit of the project (with "+dirty" when portalgen/ has local changes)."""
    if rev:
        found = subprocess.run(["git", "-C", str(PROJECT), "rev-parse", "--short", rev], capture_output=True,
                               text=True, timeout=30).stdout.strip()
        return f"{found or rev} (snapshot)"
    try:
        head = subprocess.run(["git", "-C", str(PROJECT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, timeout=30).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(PROJECT), "status", "--porcelain", "--", "portalgen",
                                "content-schema"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return (head or "unknown") + ("+dirty" if dirty else "")


def portalgen_version(command: list[str]) -> str:
    try:
        return subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "portalgen (version unknown)"


def print_table(results: list[Result]) -> None:
    headers = ["size", "units", "files", "seconds", "files/s", "CPU s", "peak MB", "errors", "warnings"]
    rows = [[r.size, f"{r.units:,}", f"{r.files:,}", f"{r.seconds:.2f}", f"{r.files_per_second:,.0f}",
             f"{r.cpu_seconds:.2f}", f"{r.peak_mb:,.0f}", f"{r.errors:,}", f"{r.warnings:,}"] for r in results]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in
                                 enumerate(zip(cells, widths))) + " |"

    print(line(headers))
    print("|" + "|".join(("-" * (w + 1) + ":") if i else ("-" * (w + 2)) for i, w in enumerate(widths)) + "|")
    for row in rows:
        print(line(row))
    print("\nfiles: YAML/Markdown files the checker read (its JSON summary); files/s = files ÷ seconds.")
    print("seconds: wall time of `portalgen check … --format json` (median of runs); "
          "peak MB: max resident set of that process.")
    for r in results:
        print(f"  {r.size}: {r.description}; {r.files_on_disk:,} files on disk ({r.megabytes:.1f} MB)"
              + (f", generated in {r.generate_seconds:.1f} s" if r.generate_seconds else " (reused)")
              + (f"; runs: {', '.join(f'{s:.2f}' for s in r.runs)} s" if len(r.runs) > 1 else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="only the quick size (2 provinces × 50 communes)")
    parser.add_argument("--size", action="append", choices=list(SIZES),
                        help=f"size to run (repeatable; default: {', '.join(DEFAULT_SIZES)})")
    parser.add_argument("--keep", action="store_true",
                        help="generate into benchmarks/out/ and keep the portals (default: a temporary folder)")
    parser.add_argument("--reuse", action="store_true",
                        help="with --keep: reuse a portal already generated with the same parameters")
    parser.add_argument("--out", type=Path, help="folder for the portals (implies --keep)")
    parser.add_argument("--repeat", type=int, default=1, metavar="N", help="check runs per size (median reported)")
    parser.add_argument("--profile", action="store_true", help="profile the largest check with cProfile")
    parser.add_argument("--now", default=gen.DEFAULT_NOW.isoformat(), metavar="DATE",
                        help="build date passed to the generator and the checker (default %(default)s)")
    parser.add_argument("--check-now", metavar="DATE",
                        help="date passed to the checker only (default: --now); a later date makes content "
                             "stale, to time a check that reports thousands of warnings")
    parser.add_argument("--news-per-unit", type=int, default=gen.DEFAULT_NEWS, metavar="K")
    parser.add_argument("--documents-per-unit", type=int, default=gen.DEFAULT_DOCUMENTS, metavar="D")
    parser.add_argument("--seed", type=int, default=gen.DEFAULT_SEED)
    parser.add_argument("--data", type=Path, default=gen.DEFAULT_DATA, metavar="PATH",
                        help="dvhcvn merges.json (default: $PORTALGEN_DVHCVN or %(default)s)")
    parser.add_argument("--portalgen", metavar="PATH", help="the portalgen executable (default: the project's .venv)")
    parser.add_argument("--snapshot", metavar="REV",
                        help="check with portalgen/ and content-schema/ as of this commit (e.g. HEAD), "
                             "extracted with git archive, instead of the working tree")
    parser.add_argument("--results", type=Path, metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        parser.error(f"data file not found: {args.data} (see --data)")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    sizes = ["quick"] if args.quick else (args.size or list(DEFAULT_SIZES))
    sizes = sorted(dict.fromkeys(sizes), key=list(SIZES).index)
    command = find_portalgen(args.portalgen)
    keep = args.keep or args.out is not None
    base = (args.out or HERE / "out") if keep else Path(tempfile.mkdtemp(prefix="portalgen-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    if args.snapshot:
        command = snapshot(args.snapshot, base, command)
    commit = project_commit(args.snapshot)

    started = dt.datetime.now().astimezone()
    print(f"portalgen check benchmark — {started:%Y-%m-%d %H:%M %Z}")
    check_now = args.check_now or args.now
    print(f"{machine()}; {portalgen_version(command)} at commit {commit}; content for {args.now}, "
          f"checked --now {check_now}\n")
    results: list[Result] = []
    try:
        for size in sizes:
            results.append(benchmark(size, base, command, args))
        print()
        print_table(results)
        if args.profile:
            profile(sizes[-1], base, command, args)
    finally:
        if not keep:
            shutil.rmtree(base, ignore_errors=True)
        else:
            print(f"\nportals kept in {base}")
    if args.results:
        args.results.write_text(json.dumps({
            "date": started.isoformat(timespec="seconds"), "machine": machine(),
            "portalgen": portalgen_version(command), "commit": commit, "now": args.now,
            "check_now": args.check_now or args.now,
            "results": [{**asdict(r), "files_per_second": r.files_per_second} for r in results],
        }, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    bad = [r for r in results if r.errors or r.exit_code not in (0, 1)]
    if bad:
        print("\nWARNING: the generated content should check clean; errors in: "
              + ", ".join(f"{r.size} ({r.errors} errors, exit {r.exit_code})" for r in bad), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
