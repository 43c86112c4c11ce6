#!/usr/bin/env python3
"""Build portalgen's static search index for 10,000 and 100,000 items and measure it.

For each size it reports the index build time, the peak memory of the build, the index size on
disk (files and bytes) and, for a set of typical queries, the bytes a visitor's browser fetches:
``meta.json``, one term shard per query term (folded words, pairs of neighbouring words, toned
words, filters) and the document and passage blocks of the first page of results — the files
``portalgen-search.js`` asks for. The corpus is synthetic Vietnamese: titles and texts drawn from the demo portal's own
sentences, with document numbers, dates over five years, units and document facets.

    python benchmarks/search_benchmark.py                 # 10,000 and 100,000 items
    python benchmarks/search_benchmark.py --sizes 2000    # a smoke run
    python benchmarks/search_benchmark.py --sizes 10000 --pagefind /tmp/pf/bin/python
        # also index the same corpus with Pagefind (installed in its own environment:
        # python3 -m venv /tmp/pf && /tmp/pf/bin/pip install 'pagefind[extended]') and print ratios
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(PROJECT))

from portalgen import search  # noqa: E402

QUERIES = ["thu tuc khai sinh", "thủ tục khai sinh", "duong giao thong", "nông thôn mới", "chuyen doi so",
           "42/2022/NĐ-CP", "quyết định phê duyệt kế hoạch", "phong chong thien tai"]
PER_PAGE = 10
TYPES = ["Quyết định", "Kế hoạch", "Thông báo", "Chỉ thị", "Công văn", "Báo cáo"]


def sentences() -> list[str]:
    """Vietnamese sentences from the demo portal's Markdown and YAML, to build realistic texts."""
    found = []
    for path in sorted((PROJECT / "sites").rglob("*")):
        if path.suffix in (".md", ".yaml"):
            text = path.read_text(encoding="utf-8")
            found += [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n", text)
                      if 40 <= len(s.strip()) <= 300 and ":" not in s[:20]
                      and not s.strip().startswith(("-", "#", "|"))]
    return sorted(set(found))


def corpus(size: int, pool: list[str], units: int) -> tuple[list[search.SearchRecord], list[search.UnitEntry]]:
    rng = random.Random(size)
    unit_list = [search.UnitEntry(f"tinh/xa-{n}" if n else "tinh", f"Xã {n}" if n else "Tỉnh") for n in range(units)]
    records = []
    for n in range(size):
        unit = unit_list[rng.randrange(units)].path
        year = 2022 + n % 5
        date = f"{year}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        text = " ".join(rng.choice(pool) for _ in range(rng.randrange(8, 25)))   # ~300 words
        kind = rng.choice(search.KINDS)
        if kind == "document":
            number = f"{n}/{year}/QĐ-UBND" if n % 3 == 0 else f"{n}/KH-UBND"
            doc_type = rng.choice(TYPES)
            records.append(search.SearchRecord(unit, f"van-ban/vb-{n}/", kind, f"{doc_type} {number}", date,
                                               text[:300], text, number=number,
                                               facets={"t": doc_type, "i": "UBND tỉnh", "y": str(year)}))
        else:
            title = rng.choice(pool)[:120]
            records.append(search.SearchRecord(unit, f"tin-tuc/bai-{n}/", kind, title, date, text[:300], text))
    records.append(search.SearchRecord("tinh", "van-ban/nd-42/", "document", "Nghị định 42/2022/NĐ-CP",
                                       "2022-06-24", "Quy định về cung cấp thông tin", "cung cấp thông tin",
                                       number="42/2022/NĐ-CP",
                                       facets={"t": "Nghị định", "i": "Chính phủ", "y": "2022"}))
    return records, unit_list


def query_bytes(folder: Path, meta: dict, query: str) -> tuple[int, int, int]:
    """(files, bytes, results) the browser script fetches for one query's first page."""
    number_terms = search.numbers(query)
    rest = re.sub(r"\S*/\S*", " ", query)
    folded = search.words(rest)
    terms = sorted(set(number_terms + search.words(query) + [" ".join(pair) for pair in zip(folded, folded[1:])]
                       + ["=" + w for w in search.toned_words(rest)]))
    files = {"meta.json"}
    scores: dict[int, float] = {}
    for term in terms:
        name = f"t/{search.term_hash(term) % meta['termShards']}.json"
        files.add(name)
        flat = json.loads((folder / name).read_text(encoding="utf-8")).get(term, [])
        doc = 0
        for i in range(0, len(flat), 2):
            doc += flat[i]
            if not term.startswith("=") and " " not in term:
                scores[doc] = scores.get(doc, 0) + flat[i + 1] + (1000 if term.startswith("#") else 0)
    top = sorted(scores, key=lambda d: (-scores[d], d))[:PER_PAGE]
    files |= {f"d/{d // meta['docsPerShard']}.json" for d in top}
    files |= {f"x/{d // meta.get('textsPerShard', 1)}.json" for d in top if "textsPerShard" in meta}
    return len(files), sum((folder / f).stat().st_size for f in files), len(scores)


def pagefind(python: str, records: list[search.SearchRecord], folder: Path) -> tuple[float, float, float, int]:
    """Index the same records with Pagefind's CLI: (seconds, peak MB, MB on disk, files)."""
    from html import escape

    site = folder / "site"
    for number, record in enumerate(records):
        page = site / f"p{number}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{escape(record.title)}'
                        f'</title></head><body><main data-pagefind-body><h1>{escape(record.title)}</h1>'
                        f'<p>{escape(record.text)}</p></main></body></html>', encoding="utf-8")
    started = time.perf_counter()
    process = subprocess.Popen([python, "-m", "pagefind", "--site", str(site), "--force-language", "vi"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        sys.exit(f"pagefind failed: {process.stderr.read().decode()[-2000:]}")
    index = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    return seconds, usage.ru_maxrss / 1024, sum(p.stat().st_size for p in index) / 1024 / 1024, len(index)


def measure(size: int, pool: list[str], work: Path, pagefind_python: str | None) -> None:
    records, units = corpus(size, pool, units=max(1, size // 40))
    started = time.perf_counter()
    index = search.build_index(records, units, "tim-kiem/", lambda r: "../" + r.unit + "/" + r.path)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    folder = work / f"index-{size}"
    for name, data in index.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    meta = json.loads(index["meta.json"])
    total = sum(len(d) for d in index.values())
    print(f"\n{size:,} items ({len(units):,} units): index built in {seconds:.1f} s, process peak {peak:.0f} MB so far;"
          f" {len(index):,} files, {total / 1024 / 1024:.1f} MB on disk; {meta['termShards']} term shards,"
          f" {len(meta['common'])} common terms cut to their best {search.MAX_POSTINGS:,} items")
    print(f"  {'query':34} {'files':>5} {'KB fetched':>10} {'matches':>8}")
    worst = 0
    for query in QUERIES:
        count, fetched, matches = query_bytes(folder, meta, query)
        worst = max(worst, fetched)
        print(f"  {query:34} {count:5} {fetched / 1024:10.1f} {matches:8,}")
    print(f"  largest query transfer: {worst / 1024:.0f} KB "
          "(uncompressed; servers that gzip JSON send about a quarter)")
    if pagefind_python:
        pf_seconds, pf_peak, pf_mb, pf_files = pagefind(pagefind_python, records, work / f"pagefind-{size}")
        print(f"  Pagefind on the same corpus: {pf_seconds:.1f} s, peak {pf_peak:.0f} MB, {pf_mb:.1f} MB in "
              f"{pf_files:,} files")
        print(f"  portalgen / Pagefind: build time {seconds / pf_seconds:.2f}, "
              f"index size {total / 1024 / 1024 / pf_mb:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--pagefind", metavar="PYTHON", help="a Python with pagefind[extended] installed: "
                        "index the same corpus with Pagefind too")
    options = parser.parse_args()
    pool = sentences()
    print(f"portalgen search benchmark: corpus from {len(pool):,} sentences of the demo portal; "
          f"Python {sys.version.split()[0]}")
    work = Path(tempfile.mkdtemp(prefix="portalgen-search-"))
    try:
        for size in options.sizes:
            measure(size, pool, work, options.pagefind)
        print(f"\nprocess peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
