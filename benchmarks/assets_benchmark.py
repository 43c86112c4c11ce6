#!/usr/bin/env python3
"""Time the processing of photos and PDFs by ``portalgen build``, cold and warm.

Generates a portal (one province, post-2025 levels) whose news items carry N photos (JPEG,
2000×1333, with EXIF orientation and GPS tags, like a phone's) and whose documents carry M
multi-page PDFs with a text layer, then runs ``portalgen build`` three times in subprocesses:

- cold: empty cache folder — every image variant (480/960/1600 px, JPEG + WebP) is computed in
  parallel processes, every PDF is read for its pages and text;
- warm: the same cache kept, a fresh output folder — no conversion may run;
- no-op: the same output folder again — no file may be written.

It prints wall time, CPU time and peak memory for each run and the conversions reported.

    python benchmarks/assets_benchmark.py                   # 500 photos, 200 PDFs
    python benchmarks/assets_benchmark.py --photos 50 --pdfs 20   # a smoke run
"""

from __future__ import annotations

import argparse
import io
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(PROJECT / "tests"))

from portal_builder import make_pdf, portal_2025, write  # noqa: E402

NOW = "2026-11-27"
PHOTOS_PER_ITEM = 5


def photo(seed: int) -> bytes:
    """A 2000×1333 JPEG with shapes (so it compresses like a photo), EXIF orientation and GPS."""
    rng = random.Random(seed)
    image = Image.new("RGB", (2000, 1333), tuple(rng.randrange(40, 200) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        x, y = rng.randrange(2000), rng.randrange(1333)
        draw.ellipse((x, y, x + rng.randrange(20, 400), y + rng.randrange(20, 300)),
                     fill=tuple(rng.randrange(256) for _ in range(3)))
    exif = Image.Exif()
    exif[0x0112] = rng.choice((1, 6, 8))
    exif[0x8825] = {1: "N", 2: (20.0, 25.0, 12.0), 3: "E", 4: (106.0, 10.0, 30.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88, exif=exif)
    return out.getvalue()


def generate(root: Path, photos: int, pdfs: int) -> None:
    portal_2025(root)
    for item in range((photos + PHOTOS_PER_ITEM - 1) // PHOTOS_PER_ITEM):
        names = [f"anh-{item}-{k}.jpg" for k in range(PHOTOS_PER_ITEM) if item * PHOTOS_PER_ITEM + k < photos]
        for k, name in enumerate(names):
            write(root, f"tinh-a/news/2026/bai-{item}/{name}", photo(item * 100 + k))
        body = "\n\n".join(f"![Ảnh hoạt động số {k + 1}]({name})" for k, name in enumerate(names))
        write(root, f"tinh-a/news/2026/bai-{item}/index.md",
              f"---\ntitle: Bài ảnh số {item}\ndate: 2026-11-{1 + item % 26:02d}\nsummary: Phóng sự ảnh.\n"
              f"category: tin-hoat-dong\nauthor: Văn phòng\nstatus: published\napproved_by: Chánh Văn phòng\n"
              f"image: {{src: {names[0]}, alt: Ảnh đại diện}}\n---\n{body}\n")
    for number in range(pdfs):
        write(root, f"tinh-a/documents/qd-{number}.pdf",
              make_pdf(f"Quyet dinh so {number}/QD-UBND ve viec thu nghiem so {number}.", pages=1 + number % 8))
        write(root, f"tinh-a/documents/qd-{number}.yaml",
              f"number: {number}/QĐ-UBND\ntype: Quyết định\nissuer: UBND tỉnh A\nissue_date: 2026-11-02\n"
              f"summary: Quyết định thử nghiệm số {number}.\nfiles:\n  - file: qd-{number}.pdf\n")


def run(args: list[str]) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds, peak MB (of this child and its own children) and output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stdout}\n{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024, result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=500)
    parser.add_argument("--pdfs", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    options = parser.parse_args()
    portalgen = str(Path(sys.executable).with_name("portalgen"))
    work = Path(tempfile.mkdtemp(prefix="portalgen-assets-"))
    try:
        started = time.perf_counter()
        generate(work / "portal", options.photos, options.pdfs)
        print(f"Corpus: {options.photos} photos (2000×1333 JPEG, EXIF orientation + GPS), {options.pdfs} PDFs "
              f"(1–8 pages); generated in {time.perf_counter() - started:.1f} s; {os.cpu_count()} cores, "
              f"--jobs {options.jobs}")
        base = [portalgen, "build", str(work / "portal"), "--now", NOW, "--cache", str(work / "cache"),
                "--jobs", str(options.jobs), "--lang", "en"]
        rows = []
        for label, out in (("cold (empty cache)", "a"), ("warm (kept cache, new output)", "b"),
                           ("no-op rebuild (same output)", "b")):
            wall, cpu, peak, output = run(base + ["-o", str(work / out)])
            summary = next(line for line in output.splitlines() if line.startswith("Built"))
            converted = next((line for line in output.splitlines() if line.startswith("Converted")), "Converted: none.")
            rows.append((label, wall, cpu, peak, summary, converted))
        print(f"\n{'run':32} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}")
        for label, wall, cpu, peak, summary, converted in rows:
            print(f"{label:32} {wall:8.2f} {cpu:8.2f} {peak:8.0f}")
            print(f"    {summary}\n    {converted}")
        cold, warm = rows[0][1], rows[1][1]
        print(f"\nphotos per second, cold: {options.photos / cold:.1f}; "
              f"warm build is {warm / cold:.2f} × the cold time")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
