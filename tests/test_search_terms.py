"""Search terms: the memoised counting gives exactly the terms of the plain word-by-word definition."""

from __future__ import annotations

import unicodedata
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from portalgen.search import _FOLD, _TONED_WORD, _WORD, _count_words


def word_by_word(text: str, weight: int) -> Counter:
    """The plain definition: each word folded; a word that folds to letters and digits counts
    once (and, written with marks, once more under ``=``), any other word by its ASCII pieces."""
    counts: Counter = Counter()
    for token in _TONED_WORD.findall(unicodedata.normalize("NFC", text).lower()):
        folded = token.translate(_FOLD)
        if _WORD.fullmatch(folded):
            counts[folded] += weight
            if folded != token:
                counts["=" + token] += weight
        else:
            for piece in _WORD.findall(folded):
                counts[piece] += weight
    return counts


alphabet = st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĐÊƯz019_- .,/\n")
                           + ["à", "ả", "ã", "á", "ạ", "ệ", "Ữ", "ồ", "\u0301", "\u0323", "x\u0301", "ß", "é", "ñ",
                              "²", "١", "中", "ǅ", "Å", "ﬁ", "İ", "\u00a0"])


@settings(max_examples=600, deadline=None)
@given(st.lists(alphabet, max_size=60).map("".join), st.integers(1, 3))
def test_memoised_counting_equals_the_plain_definition(text, weight):
    counts: dict[str, int] = {}
    _count_words(text, weight, counts)
    assert counts == dict(word_by_word(text, weight))
