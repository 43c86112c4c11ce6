"""Search terms: the memoised counting gives exactly the terms of the plain word-by-word definition,
and a common term keeps the postings its ranking puts first."""

from __future__ import annotations

import unicodedata
from array import array
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from portalgen.search import _TONED_WORD, _WORD, _best, _fold_table, _word_counts


def word_by_word(text: str) -> Counter:
    """The plain definition: each word folded; a word that folds to letters and digits counts
    once (and, written with marks, once more under ``=``), any other word by its ASCII pieces."""
    counts: Counter = Counter()
    for token in _TONED_WORD.findall(unicodedata.normalize("NFC", text).lower()):
        folded = token.translate(_fold_table())
        if _WORD.fullmatch(folded):
            counts[folded] += 1
            if folded != token:
                counts["=" + token] += 1
        else:
            for piece in _WORD.findall(folded):
                counts[piece] += 1
    return counts


alphabet = st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĐÊƯz019_- .,/\n")
                           + ["à", "ả", "ã", "á", "ạ", "ệ", "Ữ", "ồ", "\u0301", "\u0323", "x\u0301", "ß", "é", "ñ",
                              "²", "١", "中", "ǅ", "Å", "ﬁ", "İ", "\u00a0"])


@settings(max_examples=600, deadline=None)
@given(st.lists(alphabet, max_size=60).map("".join))
def test_memoised_counting_equals_the_plain_definition(text):
    assert _word_counts(text) == word_by_word(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.integers(0, 255), min_size=1, max_size=80), st.integers(1, 80))
def test_best_postings_are_those_of_the_ranking(scores, keep):
    packed = array("I", [number << 8 | score for number, score in enumerate(scores)])
    ranked = sorted(packed, key=lambda p: (p & 255, p >> 8), reverse=True)[:keep]  # best score, then newest
    expected = sorted(ranked)
    kept, kept_scores = _best(packed, scores, keep)
    assert kept == expected
    assert kept_scores == [p & 255 for p in expected]
