#!/usr/bin/env python3
"""How well the search ranks: mean reciprocal rank and precision at 5 over judged queries.

The queries and the pages that best answer them are in ``search_queries.yaml``. The script
builds the demo portal (``sites/``, ``--now 2026-11-27``), serves it and types each query into
the search page in headless Chromium, so the figures are those of what a visitor gets: the
site's own ``portalgen-search.js`` over the built index. Per query it reads the ten results shown.

- reciprocal rank: 1 / the rank of the first result that is one of the query's best pages
  (0 when none is in the ten shown);
- precision at 5: the share of the first five results that are best pages, out of
  ``min(5, number of best pages)``; a best page counts once (a catalog procedure shown once per
  unit fills five places but answers once).

    python benchmarks/search_quality.py               # the figures, and the queries that miss
    python benchmarks/search_quality.py --show 3      # also the first 3 results of every query
"""

from __future__ import annotations

import argparse
import fnmatch
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import yaml

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
QUERIES = HERE / "search_queries.yaml"
DEMO_NOW = "2026-11-27"


@dataclass(frozen=True)
class Query:
    q: str
    page: str
    best: tuple[str, ...]


@dataclass(frozen=True)
class Judged:
    query: Query
    shown: tuple[str, ...]  # portal paths of the results shown, in order

    @property
    def reciprocal_rank(self) -> float:
        return next((1 / rank for rank, path in enumerate(self.shown, 1) if _best_of(self.query, path)), 0.0)

    @property
    def precision_at_5(self) -> float:
        answered = {_best_of(self.query, path) for path in self.shown[:5]} - {None}
        return len(answered) / min(5, len(self.query.best))


def _best_of(query: Query, path: str) -> str | None:
    """The best page of ``query`` that ``path`` is (None: it is not one)."""
    return next((best for best in query.best if fnmatch.fnmatchcase(path, best)), None)


def load(path: Path = QUERIES) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(str(item["q"]), item.get("page", data["page"]), tuple(item["best"])) for item in data["queries"]]


def domains(sites: Path) -> dict[str, str]:
    """Host of a unit with its own domain → its folder in the portal."""
    found = {}
    for unit in sites.rglob("unit.yaml"):
        base = (yaml.safe_load(unit.read_text(encoding="utf-8")) or {}).get("base_url")
        if base:
            found[urlsplit(base).netloc] = unit.parent.relative_to(sites).as_posix() + "/"
    return found


def run(driver, base: str, queries: list[Query], hosts: dict[str, str]) -> list[Judged]:
    """Type each query into its search page and read the results shown."""
    judged = []
    for query in queries:
        page = f"{base}{query.page}/tim-kiem/"
        driver.get(f"{page}?{urlencode({'q': query.q})}")
        hrefs: list[str] = []
        for _ in range(200):
            status, hrefs = driver.execute_script(
                "return [document.querySelector('.pg-search__status').textContent,"
                " Array.from(document.querySelectorAll('.pg-result h2 a')).map(function (a) { return a.href; })]")
            if status and "Đang tìm" not in status and (hrefs or "Không tìm thấy" in status):
                break
            time.sleep(0.02)
        judged.append(Judged(query, tuple(_portal_path(urljoin(page, href), base, hosts) for href in hrefs)))
    return judged


def _portal_path(url: str, base: str, hosts: dict[str, str]) -> str:
    if url.startswith(base):
        return url[len(base):]
    parts = urlsplit(url)
    return hosts.get(parts.netloc, parts.netloc + "/") + parts.path.lstrip("/")


def figures(judged: list[Judged]) -> tuple[float, float]:
    """Mean reciprocal rank and mean precision at 5."""
    return (sum(j.reciprocal_rank for j in judged) / len(judged), sum(j.precision_at_5 for j in judged) / len(judged))


def build_demo(out: Path) -> None:
    subprocess.run([sys.executable, "-c", "from portalgen.cli import main; main()", "build", str(PROJECT / "sites"),
                    "-o", str(out), "--now", DEMO_NOW, "--no-cache"], check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--show", type=int, default=0, help="print this many results of every query")
    parser.add_argument("--built", type=Path, help="an already built demo portal (else it is built)")
    args = parser.parse_args()
    sys.path.insert(0, str(PROJECT / "tests"))
    from htmlcheck import browser, serve

    queries = load()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.built or Path(tmp) / "public"
        if args.built is None:
            build_demo(out)
        with serve(out) as base, browser() as driver:
            judged = run(driver, base, queries, domains(PROJECT / "sites"))
    for j in judged:
        if args.show or j.reciprocal_rank < 1:
            print(f"{j.reciprocal_rank:4.2f} {j.precision_at_5:4.2f}  {j.query.q}  [{j.query.page}]")
            for path in j.shown[:max(args.show, 3)]:
                print(f"           {'*' if _best_of(j.query, path) else ' '} {path}")
    mrr, p5 = figures(judged)
    print(f"{len(judged)} queries: MRR {mrr:.3f}, P@5 {p5:.3f}")


if __name__ == "__main__":
    main()
