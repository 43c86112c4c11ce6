"""The benchmarks' corpora stay valid portals as portalgen changes: a small national portal and a
small news corpus pass ``portalgen check`` with no error and no warning."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from portalgen.check import check_portal

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import generate_portal  # noqa: E402
import news_corpus  # noqa: E402

NOW = dt.datetime(2026, 11, 27, 9, 0)


@pytest.mark.skipif(not Path(generate_portal.DEFAULT_DATA).is_file(),
                    reason="the official list of units (dvhcvn merges.json) is not on this machine")
def test_the_national_generator_writes_a_clean_portal(tmp_path: Path) -> None:
    root = tmp_path / "portal"
    generate_portal.generate(root, provinces=1, communes_per_province=4, news_per_unit=2)
    result = check_portal(root, NOW)
    assert [p.code for p in result.problems] == []


def test_the_news_corpus_is_a_clean_portal(tmp_path: Path) -> None:
    news_corpus.generate(tmp_path / "corpus", 30)
    root = next(path.parent for path in (tmp_path / "corpus").rglob("portal.yaml"))
    result = check_portal(root, NOW)
    assert [p.code for p in result.problems] == []
