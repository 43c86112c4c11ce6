#!/usr/bin/env python3
"""Build the nationwide generated portal: time, memory, a no-op rebuild and ``--shard K/N`` parts.

The portal is the one ``check_benchmark.py`` checks (``generate_portal.py``: the 34 provinces and
3,321 communes of ../shared/data, each unit with realistic content that meets every obligation).
Each run is a subprocess measured like ``build_benchmark.py`` does (wall time, CPU time of the
process and its workers, peak memory as the largest of ru_maxrss and the sampled PSS of the
process tree):

1. cold: ``portalgen build --no-cache`` into a fresh folder;
2. no-op: the same build again into the same output (nothing may be written);
3. ``--shard K/N`` for K = 1…N, each cold into its own folder, as N CI runners would. The union
   of the parts' manifests (path → content hash) must equal the full build's manifest.

    python benchmarks/national_build.py                 # the whole country, 4 shards
    python benchmarks/national_build.py --size quick    # 2 provinces × 50 communes, a smoke run
    python benchmarks/national_build.py --shards 2 --keep --results out.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import check_benchmark as checks  # noqa: E402
import generate_portal as gen  # noqa: E402
from build_benchmark import measure  # noqa: E402


@dataclass
class Run:
    label: str
    wall: float
    cpu: float
    peak_mb: float
    summary: str
    exit_code: int


def build(command: list[str], portal: Path, out: Path, now: str, log: Path, *extra: str) -> Run:
    wall, cpu, maxrss, tree, code, text = measure([*command, "build", str(portal), "-o", str(out), "--now", now,
                                                  *extra], log)
    summary = next((line for line in text.splitlines() if line.startswith(("Built", "Đã dựng"))), text[-300:])
    return Run(" ".join(extra) or "build", wall, cpu, max(maxrss, tree), summary.strip(), code)


def manifest(out: Path) -> dict[str, str]:
    return json.loads((out.parent / f".{out.name}.portalgen-manifest.json").read_text(encoding="utf-8"))["files"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=list(checks.SIZES), default="national")
    parser.add_argument("--shards", type=int, default=4, metavar="N")
    parser.add_argument("--now", default=gen.DEFAULT_NOW.isoformat(), metavar="DATE")
    parser.add_argument("--out", type=Path, help="folder for the portal and outputs (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the generated portal and the outputs")
    parser.add_argument("--reuse", action="store_true", help="reuse a portal generated earlier with the same settings")
    parser.add_argument("--portalgen", metavar="PATH", help="the portalgen executable (default: the project's .venv)")
    parser.add_argument("--results", type=Path, metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    args.news_per_unit, args.documents_per_unit = gen.DEFAULT_NEWS, gen.DEFAULT_DOCUMENTS
    args.seed, args.data = gen.DEFAULT_SEED, gen.DEFAULT_DATA
    command = checks.find_portalgen(args.portalgen)
    base = args.out or Path(tempfile.mkdtemp(prefix="portalgen-national-"))
    base.mkdir(parents=True, exist_ok=True)
    print(f"{checks.machine()}\n{checks.portalgen_version(command)}, commit {checks.project_commit()}\n", flush=True)
    stats, reused = checks.prepare(args.size, base / args.size, args)
    portal = base / args.size
    print(f"[{args.size}] {'reused' if reused else 'generated'}: {stats.units:,} units, {stats.files:,} files, "
          f"{stats.bytes / 1e6:.1f} MB", flush=True)
    runs: list[Run] = []
    full = base / "public"
    for out in [full, *(base / f"part-{k}" for k in range(1, args.shards + 1))]:
        shutil.rmtree(out, ignore_errors=True)
        for path in out.parent.glob(f".{out.name}.*"):
            path.unlink()
    cache = base / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    runs.append(build(command, portal, full, args.now, base / "cold.log", "--no-cache"))
    runs.append(build(command, portal, full, args.now, base / "noop.log", "--cache", str(cache)))
    for k in range(1, args.shards + 1):
        runs.append(build(command, portal, base / f"part-{k}", args.now, base / f"part-{k}.log",
                          "--no-cache", "--shard", f"{k}/{args.shards}"))
    labels = ["cold (--no-cache)", "no-op rebuild"] + \
             [f"shard {k}/{args.shards} (--no-cache)" for k in range(1, args.shards + 1)]
    print("\n| run | wall s | CPU s | peak MB | exit | portalgen says |\n|---|---:|---:|---:|---:|---|")
    for label, run in zip(labels, runs):
        print(f"| {label} | {run.wall:.1f} | {run.cpu:.1f} | {run.peak_mb:,.0f} | {run.exit_code} | {run.summary} |")
    union: dict[str, str] = {}
    for k in range(1, args.shards + 1):
        part = manifest(base / f"part-{k}")
        overlap = union.keys() & part.keys()
        union.update(part)
        if overlap:
            print(f"shards overlap: {len(overlap)} files, e.g. {sorted(overlap)[:3]}")
    identical = union == manifest(full)
    slowest = max(run.wall for run in runs[2:]) if args.shards else 0.0
    print(f"\nunion of the {args.shards} shards equals the full build: {identical} ({len(union):,} files); "
          f"slowest shard {slowest:.1f} s = {slowest / runs[0].wall:.2f} × the full cold build")
    if args.results:
        args.results.write_text(json.dumps({"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                                            "machine": checks.machine(), "commit": checks.project_commit(),
                                            "units": stats.units, "files": stats.files,
                                            "runs": [dict(asdict(r), label=label) for label, r in zip(labels, runs)],
                                            "shards_union_identical": identical}, indent=2), encoding="utf-8")
    if not args.keep and not args.out:
        shutil.rmtree(base, ignore_errors=True)
    return 0 if identical and all(run.exit_code == 0 for run in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
