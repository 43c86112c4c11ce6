"""Static search for Vietnamese: records, the tokeniser and a sharded index on plain files.

The index of a site is a folder of small JSON files under ``tim-kiem/chi-muc/``:

- ``meta.json``: counts, shard counts, unit names, facet values, the true counts of the common
  terms whose postings were cut to the best ``MAX_POSTINGS``;
- ``t/<n>.json``: postings of the terms whose hash falls in shard ``n``.  Terms are *folded*
  (no tone marks, đ → d, lower case) so "thu tuc" finds "thủ tục"; the toned forms are indexed
  too, under ``=`` + the toned term, so results with the exact tones typed rank first.  Document
  numbers are whole terms (``#15/2026/qd-ubnd``) and facets are terms (``@k:news``, ``@u:3``,
  ``@t:quyet-dinh``…), so filters are intersections like words;
- ``d/<n>.json``: what a result shows (type, title, address, date, unit, excerpt), in blocks of
  ``DOCS_PER_SHARD`` records, numbered from the oldest so "sort by date" is "sort by number" and
  a new item is appended;
- ``x/<n>.json``: passages of each item's text and attachments (:func:`passages`), in blocks of
  ``TEXTS_PER_SHARD``, from which a result's excerpt is taken where the query's words are.

A term's score in an item weighs where the term is (:func:`_weights`): a unit's name, titles and
numbers most, then summaries, bodies, attachments; a long field weighs less per word, and the sum
saturates, so a long attachment does not outrank the item that is about the query.  Pairs of
neighbouring words are terms too (``"khai sinh"``), so a phrase ranks above scattered words.

A query fetches ``meta.json``, one term shard per word and one document shard per result shown:
tens of kilobytes, whatever the size of the portal.  The browser side is
``themes/default/static/portalgen-search.js``; both sides share the folding rules and the FNV-1a
hash below (a test runs the script against this module).
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import hashlib
import json
import math
import operator
import posixpath
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain, compress, repeat
from typing import Callable, Iterable, Mapping, Sequence

from . import urls, vn
from .content_types import REGISTRY, SearchRecord
from .markup import text_of

INDEX_DIR = urls.SEARCH + "chi-muc/"
DOCS_PER_SHARD = 20
TEXTS_PER_SHARD = 5
TARGET_POSTINGS_PER_SHARD = 2_500
MAX_TERM_SHARDS = 4_096
EXCERPT = 180
#: What one occurrence of a word weighs in each field of a record, for a field of the typical
#: number of words after it; the name of a unit is the title of its home page's record.
NAME_WEIGHT, TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT, FILES_WEIGHT = 6.0, 4.0, 2.0, 1.0, 0.4
TITLE_WORDS, SUMMARY_WORDS, BODY_WORDS, FILES_WORDS = 8, 30, 300, 1_000
#: The name of a kind of item, found in each of its items like a word of their title ("thu tuc").
KIND_WORDS = {"news": "tin tức", "document": "văn bản", "procedure": "thủ tục hành chính"}
#: How much a field's length counts (0: not at all, 1: weight in inverse proportion to it): fully
#: for a title (a short title that the query covers is the best match), less for a long text.
TITLE_LENGTH_SHARE, LENGTH_SHARE = 1.0, 0.75
#: A term's summed weight ``w`` gives the score ``255 · w / (w + SATURATION)`` (1 at least).
SATURATION = 8
#: Characters of an item's text and attachments kept for excerpts, and of one passage.
PASSAGES, PASSAGE = 800, 200
#: A term in more than this many items keeps only its best-scoring postings (its true count is
#: in ``meta.json`` for ranking), so a query for common words stays small.
MAX_POSTINGS = 2_000
KINDS = ("news", "document", "procedure", "page")

_WORD = re.compile(r"[a-z0-9]+")
#: A document number: digits, then parts joined by ``/``, ``-`` or ``.`` with at least one ``/``;
#: the runs of letters and digits are possessive (what follows each starts with a separator, so
#: giving characters back never finds another match).
_NUMBER = re.compile(r"\b\d[A-Za-z0-9]*+(?:[/\-.][0-9A-Za-zÀ-ỹĐđ]++)*/[0-9A-Za-zÀ-ỹĐđ][0-9A-Za-zÀ-ỹĐđ/\-.]*+")
_TONED_WORD = re.compile(r"\w+")


@functools.cache
def _fold_table() -> dict[int, str | None]:
    """What :func:`fold` maps each character to (made when first asked: a build that counts no
    term, a CI commit's main process, never needs it)."""
    table: dict[int, str | None] = {ord("đ"): "d", ord("Đ"): "d"}
    for code in range(0x00C0, 0x2000):
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        if unicodedata.combining(char):
            table[code] = None
        elif base != char and base.isascii():
            table[code] = base
    return table


def fold(text: str) -> str:
    """Lower case, no tone marks, đ → d: the form every term is indexed and looked up by."""
    return unicodedata.normalize("NFC", text).translate(_fold_table()).lower()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def toned_words(text: str) -> list[str]:
    """Lower-case words as written (tones kept), only those that differ from their folded form."""
    result, table = [], _fold_table()
    for word in _TONED_WORD.findall(unicodedata.normalize("NFC", text).lower()):
        folded = word.translate(table)
        if folded != word and _WORD.fullmatch(folded):
            result.append(word)
    return result


#: A word longer than this holds no document number (the longest real ones are about 40 long);
#: the expression above is not tried on it, so a hostile word cannot make it slow.
LONGEST_NUMBER_WORD = 120


def numbers(text: str) -> list[str]:
    """Document numbers and symbols (``42/2022/NĐ-CP``) as folded whole terms."""
    return ["#" + fold(n).rstrip(".-/") for word in text.split()
            if "/" in word and len(word) <= LONGEST_NUMBER_WORD for n in _NUMBER.findall(word)]


def term_hash(term: str) -> int:
    """FNV-1a (32 bit) over the UTF-8 bytes of a term; the browser computes the same."""
    value = 0x811C9DC5
    for byte in term.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[:EXCERPT].rsplit(" ", 1)[0] + "…"


def _word_counts(text: str) -> Counter:
    """The folded words of a text, and its toned words under ``=``, each with how often it occurs
    (each word's terms come from the memo of :func:`_word_terms`)."""
    return Counter(_text_terms(text))


def _text_terms(text: str) -> list[str]:
    """The terms of a text's words in order: each folded word, followed by ``=`` its toned form."""
    tokens = _TONED_WORD.findall(unicodedata.normalize("NFC", text).lower())
    return list(chain.from_iterable(map(_word_terms, tokens)))


def _folded_words(text: str) -> list[str]:
    """:func:`words`, by the memo of :func:`_word_terms`."""
    return [term for term in _text_terms(text) if term[0] != "="]


@functools.lru_cache(maxsize=1 << 17)
def _word_terms(token: str) -> tuple[str, ...]:
    """The index terms of one lower-case word: its folded form (and ``=`` toned form), or the
    ASCII pieces of a word with other letters."""
    folded = token.translate(_fold_table())
    if _WORD.fullmatch(folded):
        return (folded,) if folded == token else (folded, "=" + token)
    return tuple(_WORD.findall(folded))


def _fields(record: SearchRecord) -> tuple[tuple[str, float, int, float, bool], ...]:
    """The fields of a record: text, weight, typical number of words, how much its length counts,
    whether pairs of words count."""
    return ((record.title, NAME_WEIGHT if record.path == "" else TITLE_WEIGHT, TITLE_WORDS, TITLE_LENGTH_SHARE, True),
            (KIND_WORDS.get(record.kind, ""), TITLE_WEIGHT, TITLE_WORDS, LENGTH_SHARE, True),
            (record.excerpt, SUMMARY_WEIGHT, SUMMARY_WORDS, LENGTH_SHARE, True),
            (record.text, BODY_WEIGHT, BODY_WORDS, LENGTH_SHARE, False),
            (record.files, FILES_WEIGHT, FILES_WORDS, LENGTH_SHARE, False))


def _weights(record: SearchRecord) -> dict[str, float]:
    """Each term of a record with its weight: per occurrence, its field's weight, less for a field
    longer than typical; pairs of neighbouring words (``"khai sinh"``) of the title, the kind's name
    and the summary; document numbers as heavy as a title."""
    weights: dict[str, float] = defaultdict(float)
    for text, weight, typical, share, pairs in _fields(record):
        if not text:
            continue
        terms = [term for _, some in _sentences(text) for term in some]
        folded = [term for term in terms if term[0] != "="]
        each = weight / (1 - share + share * _rounded(len(folded)) / typical)
        for term, count in Counter(terms).items():
            weights[term] += count * each
        if pairs:
            for pair in map(" ".join, zip(folded, folded[1:])):
                weights[pair] += each
    for number in numbers(f"{record.number} {record.title}") + numbers(record.text[:2000]):
        weights[number] += TITLE_WEIGHT
    return weights


def _rounded(length: int) -> float:
    """A field's number of words to a power of √2: a small edit seldom changes it, so it seldom
    changes the scores of the field's other words (and the index files that hold them)."""
    return 2 ** (round(2 * math.log2(max(1, length))) / 2)


_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\s*\n\s*")


@functools.lru_cache(maxsize=8)
def _sentences(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A text's sentences (NFC) with their terms (:func:`_text_terms`): kept for the few texts in
    use, whose terms are counted and then passages chosen."""
    return tuple((sentence, tuple(chain.from_iterable(map(_word_terms, _TONED_WORD.findall(sentence.lower())))))
                 for sentence in _SENTENCE_END.split(unicodedata.normalize("NFC", text)) if sentence)


def passages(record: SearchRecord) -> tuple[str, ...]:
    """Sentences of an item's text and attachments that hold words its title, summary and earlier
    sentences do not, up to ``PASSAGES`` characters, in text order: where a result's excerpt can
    show a hit.  When they are longer, those densest in names, acronyms and numbers are kept,
    then those with most new words."""
    known = set(_folded_words(record.title)) | set(_folded_words(record.excerpt))
    found: list[tuple[str, list[str]]] = []  # each sentence with new words, and those words
    for sentence, terms in chain(_sentences(record.text), _sentences(record.files)):
        words_in = [term for term in terms if term[0] != "="]
        new = [word for word in dict.fromkeys(words_in) if word not in known]
        if new:
            found.append((" ".join(sentence.split()), new))
            known.update(words_in)
    pieces = [_around(sentence, new[0]) for sentence, new in found]
    if sum(map(len, pieces)) <= PASSAGES:
        return tuple(pieces)
    ranked = sorted((-len(_DISTINCT.findall(piece)) / len(piece), -len(new), place, piece)
                    for place, ((_, new), piece) in enumerate(zip(found, pieces)))
    chosen, size = [], 0
    for _, _, place, piece in ranked:
        if size + len(piece) <= PASSAGES:
            chosen.append((place, piece))
            size += len(piece)
    return tuple(piece for _, piece in sorted(chosen))


#: A word that names something: a capital letter first, or a digit in it.
_DISTINCT = re.compile(r"\b(?:[A-ZÀ-ỸĐ]\w*|\w*\d\w*)")


def _around(sentence: str, word: str) -> str:
    """At most about ``PASSAGE`` characters of a sentence, from a little before ``word``."""
    if len(sentence) <= PASSAGE:
        return sentence
    found = re.search(rf"\b{word}\b", fold(sentence))
    at = max(0, found.start() - PASSAGE // 3) if found else 0
    start = sentence.rfind(" ", 0, at) + 1 if at else 0
    piece = sentence[start:start + PASSAGE]
    if start + PASSAGE < len(sentence):
        piece = piece.rsplit(" ", 1)[0] + "…"
    return ("…" if start else "") + piece


@dataclass(frozen=True)
class UnitEntry:
    path: str
    name: str


def build_index(records: Iterable[SearchRecord], units: list[UnitEntry], search_page: str,
                link: Callable[[SearchRecord], str]) -> dict[str, bytes]:
    """The index files of one search page (file name under ``INDEX_DIR`` → bytes).

    ``link(record)`` gives the address of a record's page relative to the search page.
    """
    return SearchIndex(units, search_page, incremental=False).update(records, link)


_ITEM_ORDER = operator.attrgetter("date", "kind", "path", "unit")
#: A rebuild that changes more items than this writes the whole index again.
INCREMENTAL_UP_TO = 200
#: Up to how many items' terms are read from a kept index's postings by bisection.
FEW_ITEMS = 16
#: From how many postings written at once the index's JSON is made with NumPy (its import, 45 ms,
#: costs what 300,000 postings cost without it).
BULK_POSTINGS = 300_000


class SearchIndex:
    """The index of one search page, kept between the builds of one process (``portalgen serve``).

    Items are numbered from the oldest, so an edited item keeps its number and a new one is
    appended: :meth:`update` then changes only the postings of the terms the changed items had or
    have, and writes only the shards holding those terms and those items.  Anything else (an item
    removed, or dated elsewhere) makes it index everything again; both ways give the same bytes.
    """

    def __init__(self, units: list[UnitEntry], search_page: str, incremental: bool = True) -> None:
        """``incremental``: keep each item's terms, for later updates (else an update redoes all)."""
        self.units, self.search_page, self.incremental = list(units), search_page, incremental
        self.unit_index = {unit.path: number for number, unit in enumerate(units)}
        self.ordered: list[SearchRecord] = []
        self.links: list[str] = []
        self.doc_terms: list[DocTerms] | None = []  # per item: term → score; None: read from the postings
        self.passages: list[tuple[str, ...]] = []  # per item: see passages()
        self.postings: dict[str, array] = {}       # term → item number × 256 + score, by item number
        self.shards = 0
        self.shard_terms: dict[int, set[str]] = {}
        self.common: dict[str, int] = {}
        self.files: dict[str, bytes] = {}
        self.stored = False  # read from a cache folder: records' texts are hashes

    def __getstate__(self) -> dict[str, object]:
        """The index as a cache folder keeps it (:mod:`portalgen.searchstore`): its records' texts
        by their hash (the text of an item is needed again only when it changes, and the new
        record brings it), and not each item's terms, which the postings hold too
        (:meth:`_terms_of`): at 5,000 articles 35 MB instead of 68."""
        state = dict(vars(self))
        state["ordered"] = [stored_record(record) for record in self.ordered]
        state["doc_terms"] = None
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        vars(self).update(state)
        self.stored = True

    @classmethod
    def kept_from(cls, state: dict[str, object]) -> "SearchIndex":
        """The index whose kept state (:meth:`__getstate__`) is ``state``."""
        index = cls.__new__(cls)
        index.__setstate__(dict(state))
        return index

    def _same_records(self, ordered: list[SearchRecord]) -> list[SearchRecord]:
        """``ordered`` as it compares with :attr:`ordered`: as kept (texts by their hash) when the
        index was read from a cache folder."""
        return [stored_record(record) for record in ordered] if self.stored else ordered

    def update(self, records: Iterable[SearchRecord], link: Callable[[SearchRecord], str],
               computed: list["Postings"] | None = None) -> dict[str, bytes]:
        """The index files for ``records`` now (file name under ``INDEX_DIR`` → bytes).

        ``computed``: the postings of every item, in parts made by :meth:`part` (in other
        processes) from ``ordered_records(records)``; the records themselves then need no text.
        A :class:`StoredRecord` (an unchanged item's record as kept, without its text) may stand
        for an item this index holds as it is; :class:`TextsNeeded` is raised, the index
        unchanged, when such an item's terms are to be counted after all."""
        ordered = self.ordered_records(records)
        links = [link(record) for record in ordered]
        if computed is not None:
            assert not self.incremental, "an incremental index keeps each item's terms"
            return self._everything(ordered, links, computed)
        old, same = self.ordered, self._same_records(ordered)  # a memo's records: compared by identity first
        kept = len(old) <= len(ordered) and all(a is b or _ITEM_ORDER(a) == _ITEM_ORDER(b)
                                                for a, b in zip(old, same))
        changed = [n for n in range(len(old)) if old[n] is not same[n] and old[n] != same[n]] \
            if kept and self.files and self.incremental else None
        if changed is None or len(changed) + len(ordered) - len(old) > INCREMENTAL_UP_TO:
            if self.incremental and self.files and (self.doc_terms is None or len(self.doc_terms) == len(old)):
                return self._renumbered(ordered, same, links)
            _texts_needed(ordered)
            return self._everything(ordered, links)
        changed += range(len(old), len(ordered))
        _texts_needed(ordered[doc] for doc in changed)
        previous = self._terms_of(doc for doc in changed if doc < len(old))
        if self.doc_terms is not None:
            self.doc_terms += [{} for _ in range(len(ordered) - len(old))]
        self.passages += [() for _ in range(len(ordered) - len(old))]
        self.stored = any(isinstance(record, StoredRecord) for record in ordered)
        terms: set[str] = set()
        for doc in changed:
            before, after = previous.get(doc, {}), self._doc_terms(ordered[doc])
            for term in before.keys() | after.keys():
                if before.get(term) != after.get(term):
                    _replace_posting(self.postings, term, doc, after.get(term))
                    terms.add(term)
            if self.doc_terms is not None:
                self.doc_terms[doc] = after
            self.passages[doc] = passages(ordered[doc])
        docs = {doc // DOCS_PER_SHARD for doc in changed}
        docs |= {doc // DOCS_PER_SHARD for doc in range(len(ordered))
                 if doc >= len(old) or links[doc] != self.links[doc]}
        self.ordered, self.links = ordered, links
        texts = {doc // TEXTS_PER_SHARD for doc in changed}
        return self._write(terms, docs, texts)  # every term shard again when their number changes

    def keep_terms(self, counted: list["Postings"]) -> None:
        """After an update from ``counted`` parts that kept their items' terms (:meth:`part`):
        keep them, so that the next update changes only what changed."""
        self.doc_terms = [terms for part in counted for terms in part.doc_terms]
        self.incremental = len(self.doc_terms) == len(self.ordered)

    @staticmethod
    def ordered_records(records: Iterable[SearchRecord]) -> list[SearchRecord]:
        """Records in item-number order: oldest first, so a new item is appended; a catalog item
        every unit shares is one record (:func:`shared_once`)."""
        return sorted(shared_once(records), key=_ITEM_ORDER)

    def part(self, ordered: list[SearchRecord], first: int) -> "Postings":
        """The postings of the items numbered ``first``, ``first + 1``… (``ordered``: their
        records, with text), for :meth:`update` in another process (with each item's terms when
        this index is incremental)."""
        counted = Postings.of(*self._postings_of(ordered, first))
        return dataclasses.replace(counted, doc_terms=self.doc_terms or []) if self.incremental else counted

    def _postings_of(self, ordered: list[SearchRecord],
                     first: int = 0) -> tuple[dict[str, array], list[tuple[str, ...]]]:
        """The postings and the passages of the items numbered ``first``… (each text read once)."""
        postings: dict[str, array] = defaultdict(lambda: array("I"))
        kept = []
        for doc, record in enumerate(ordered, first):
            terms = self._doc_terms(record)
            kept.append(passages(record))
            if self.incremental and self.doc_terms is not None:
                self.doc_terms.append(terms)
            shifted = doc << 8
            for term, score in terms.items():
                postings[term].append(shifted | score)
        return dict(postings), kept

    def _renumbered(self, ordered: list[SearchRecord], same: list[SearchRecord], links: list[str]) -> dict[str, bytes]:
        """The whole index again for items numbered anew (one added or removed among older ones,
        many changed): each unchanged item's terms and passages are taken from before, only the
        others' counted; the postings are made from them — the bytes of :meth:`_everything`.
        ``same``: the records as they compare with :attr:`ordered` (:meth:`_same_records`)."""
        before = {_identity(record): number for number, record in enumerate(self.ordered)}
        numbers = [before.get(_identity(compared)) for compared in same]  # each item's number before, or None
        _texts_needed(record for record, number in zip(ordered, numbers) if number is None)
        counted = {doc: self._doc_terms(record) for doc, (record, number) in enumerate(zip(ordered, numbers))
                   if number is None}
        kept = [passages(record) if number is None else self.passages[number]
                for record, number in zip(ordered, numbers)]
        moved = _moves(numbers, len(self.ordered))
        if moved is not None and len(counted) <= INCREMENTAL_UP_TO:
            return self._moved(ordered, links, numbers, moved, counted, kept)
        held = self._terms_of(range(len(self.ordered)))
        doc_terms = [counted[doc] if number is None else held[number] for doc, number in enumerate(numbers)]
        postings: dict[str, array] = defaultdict(lambda: array("I"))
        for doc, terms in enumerate(doc_terms):
            shifted = doc << 8
            for term, score in terms.items():
                postings[term].append(shifted | score)
        self.postings = dict(postings)
        self.ordered, self.links, self.doc_terms, self.passages = ordered, links, doc_terms, kept
        self.stored = any(isinstance(record, StoredRecord) for record in ordered)
        self.files, self.common, self.shards = {}, {}, 0
        return self._write(set(self.postings), set(range(-(-len(ordered) // DOCS_PER_SHARD))),
                           set(range(-(-len(ordered) // TEXTS_PER_SHARD))))

    def _moved(self, ordered: list[SearchRecord], links: list[str], numbers: list[int | None],
               moved: list[tuple[int, int, int]], counted: dict[int, DocTerms],
               kept: list[tuple[str, ...]]) -> dict[str, bytes]:
        """:meth:`_renumbered` when the kept items moved by ``moved`` (:func:`_moves`) and few are
        new (``counted``: their terms, by number): the items before the first that moved keep
        their numbers, so only the terms of the items from there on (as they were and as they
        are) and the blocks from there on are written again — an article dated today, or deleted
        among the last ones, does not write every shard again."""
        first = next((doc for doc, number in enumerate(numbers) if number != doc), len(numbers))
        below = first << 8  # a term whose postings all are below changes only if a new item has it
        terms = {term for term, packed in self.postings.items() if packed[-1] >= below}
        self.postings = _shifted(self.postings, moved, first)
        for doc, doc_terms in counted.items():
            for term, score in doc_terms.items():
                _replace_posting(self.postings, term, doc, score)
                terms.add(term)
        end = max(len(ordered), len(self.ordered))
        docs = {doc // DOCS_PER_SHARD for doc in range(first) if links[doc] != self.links[doc]}
        docs.update(range(first // DOCS_PER_SHARD, -(-end // DOCS_PER_SHARD)))
        if self.doc_terms is not None:
            self.doc_terms = [counted[doc] if number is None else self.doc_terms[number]
                              for doc, number in enumerate(numbers)]
        self.ordered, self.links, self.passages = ordered, links, kept
        self.stored = any(isinstance(record, StoredRecord) for record in ordered)
        return self._write(terms, docs, set(range(first // TEXTS_PER_SHARD, -(-end // TEXTS_PER_SHARD))))

    def _terms_of(self, docs: Iterable[int]) -> dict[int, DocTerms]:
        """The terms of the items numbered ``docs`` as this index holds them: kept, or read from
        the postings (a kept index does not keep them apart: a bisection per term for a few
        items, one pass over every posting for many)."""
        wanted = list(docs)
        if self.doc_terms is not None:
            return {doc: self.doc_terms[doc] for doc in wanted}
        found: dict[int, DocTerms] = {doc: {} for doc in wanted}
        if len(wanted) <= FEW_ITEMS:
            for term, packed in self.postings.items():
                for doc in wanted:
                    at = bisect.bisect_left(packed, doc << 8)
                    if at < len(packed) and packed[at] >> 8 == doc:
                        found[doc][term] = packed[at] & 255
            return found
        for term, packed in self.postings.items():
            for posting in packed:
                terms = found.get(posting >> 8)
                if terms is not None:
                    terms[term] = posting & 255
        return found

    def _everything(self, ordered: list[SearchRecord], links: list[str],
                    computed: list["Postings"] | None = None) -> dict[str, bytes]:
        self.ordered, self.links, self.doc_terms = ordered, links, []
        self.stored = any(isinstance(record, StoredRecord) for record in ordered)
        if computed is None:
            self.postings, self.passages = self._postings_of(ordered)
            if not self.incremental:  # the words and passages are all the texts were needed for
                self.ordered = [dataclasses.replace(record, text="", files="") for record in ordered]
        else:
            self.postings = Postings.merged(computed)
            self.passages = [kept for part in computed for kept in part.passages]
        self.files, self.common, self.shards = {}, {}, 0
        return self._write(set(self.postings), set(range(-(-len(ordered) // DOCS_PER_SHARD))),
                           set(range(-(-len(ordered) // TEXTS_PER_SHARD))))

    def _doc_terms(self, record: SearchRecord) -> dict[str, int]:
        scores = {term: max(1, round(255 * weight / (weight + SATURATION)))
                  for term, weight in _weights(record).items()}
        scores[f"@k:{record.kind}"] = 1
        for unit in (record.unit, *record.also):
            scores[f"@u:{self.unit_index[unit]}"] = 1
        for name, value in record.facets.items():
            scores[f"@{name}:{vn.slugify(value) or 'khac'}"] = 1
        return scores

    def _shard_count(self) -> int:
        size = sum(min(len(p), MAX_POSTINGS) if not term.startswith(("@", "#")) else len(p)
                   for term, p in self.postings.items())
        return min(MAX_TERM_SHARDS, max(1, 2 ** math.ceil(math.log2(max(1, size / TARGET_POSTINGS_PER_SHARD)))))

    def _write(self, terms: set[str], docs: set[int], texts: set[int]) -> dict[str, bytes]:
        """Write again the shards of ``terms``, the item blocks ``docs``, the passage blocks
        ``texts``, and meta.json."""
        shards = self._shard_count()
        before = dict(self.shard_terms)  # each shard's terms as its file was written
        if shards != self.shards:
            self.shards, terms = shards, set(self.postings) | terms
            self.shard_terms = defaultdict(set)
            for term in self.postings:
                self.shard_terms[term_hash(term) % shards].add(term)
            self.files = {name: data for name, data in self.files.items() if not name.startswith("t/")}
        else:
            for term in terms:  # each shard's terms a new set when they change (see _replace_posting)
                number, present = term_hash(term) % shards, term in self.postings
                held = self.shard_terms.get(number, set())
                if (term in held) != present:
                    self.shard_terms[number] = held | {term} if present else held - {term}
        for term in terms:
            self.common.pop(term, None)
            packed = self.postings.get(term)
            if packed is not None and len(packed) > MAX_POSTINGS and not term.startswith(("@", "#")):
                self.common[term] = len(packed)
        bulk = sum(len(self.postings.get(term, ())) for term in terms) >= BULK_POSTINGS
        for number in sorted({term_hash(term) % shards for term in terms}):
            name, listed = f"t/{number}.json", sorted(self.shard_terms.get(number, ()))
            if not listed:
                self.files.pop(name, None)
                continue
            written = _entries(self.files.get(name), before.get(number, ()))  # the unchanged terms' as they are
            self.files[name] = b"{" + b",".join(
                written[term] if term in written and term not in terms else self._entry(term, bulk)
                for term in listed) + b"}"
        for block in sorted(docs):
            start = block * DOCS_PER_SHARD
            rows = [[r.kind, self._units_of(r), r.title, self.links[start + i], r.date, _excerpt(r.excerpt), r.number]
                    for i, r in enumerate(self.ordered[start:start + DOCS_PER_SHARD])]
            if rows:
                self.files[f"d/{block}.json"] = _json(rows)
            else:
                self.files.pop(f"d/{block}.json", None)
        for block in sorted(texts):
            kept = [list(item) for item in self.passages[block * TEXTS_PER_SHARD:(block + 1) * TEXTS_PER_SHARD]]
            if kept:
                self.files[f"x/{block}.json"] = _json(kept)
            else:
                self.files.pop(f"x/{block}.json", None)
        facet_values: dict[str, dict[str, str]] = defaultdict(dict)
        for record in self.ordered:
            if record.facets:
                for name, value in sorted(record.facets.items()):
                    facet_values[name][vn.slugify(value) or "khac"] = value
        self.files["meta.json"] = _json({
            "version": 1, "count": len(self.ordered), "termShards": shards, "docsPerShard": DOCS_PER_SHARD,
            "textsPerShard": TEXTS_PER_SHARD,
            "units": [u.name for u in self.units], "common": self.common,
            "facets": {name: sorted(values.items(), key=lambda kv: vn.sort_key(kv[1]), reverse=name == "y")
                       for name, values in sorted(facet_values.items())},
            "page": self.search_page})
        return dict(self.files)

    def _units_of(self, record: SearchRecord) -> int | list[int]:
        """The unit of a result: its number, or the numbers of all the units a shared item applies to."""
        if record.also:
            return [self.unit_index[unit] for unit in (record.unit, *record.also)]
        return self.unit_index[record.unit]

    def _entry(self, term: str, bulk: bool = False) -> bytes:
        """A term's entry in its shard's JSON: ``"term":[…]`` (``bulk``: one of many postings
        written, by :func:`_postings_values`)."""
        keep = MAX_POSTINGS if term in self.common else None
        values = _postings_values(self.postings[term], keep) if bulk else self._postings_json(term)
        return _json({term: values})[1:-1]

    def _postings_json(self, term: str) -> list[int]:
        """A term's postings as [gap, score, gap, score…]; a common word keeps only its best."""
        packed: Sequence[int] = self.postings[term]
        scores = list(map(operator.and_, packed, repeat(255)))
        if term in self.common:
            packed, scores = _best(packed, scores, MAX_POSTINGS)
        docs = list(map(operator.rshift, packed, repeat(8)))
        values = scores + scores
        values[0::2] = map(operator.sub, docs, chain((0,), docs))  # item numbers as gaps: shorter JSON
        values[1::2] = scores
        return values


@dataclass(frozen=True)
class Postings:
    """The postings of some consecutive items, as one process hands them to another: the terms in
    the order the items first have them, and their postings one after another in ``packed``,
    the term number ``n``'s ending at ``ends[n]``."""

    terms: list[str]
    ends: array
    packed: array
    passages: list[tuple[str, ...]]  # of each item
    doc_terms: list["DocTerms"] = dataclasses.field(default_factory=list)  # of each item, when kept

    @staticmethod
    def of(postings: Mapping[str, array], passages: list[tuple[str, ...]]) -> "Postings":
        ends, packed = array("L"), array("I")
        for values in postings.values():
            packed.extend(values)
            ends.append(len(packed))
        return Postings(list(postings), ends, packed, passages)

    @staticmethod
    def merged(parts: list["Postings"]) -> dict[str, array]:
        """Term → postings of the items of ``parts`` (in item order), terms in first-seen order."""
        merged: dict[str, array] = {}
        for part in parts:
            start, packed = 0, part.packed
            for term, end in zip(part.terms, part.ends):
                known = merged.get(term)
                if known is None:
                    merged[term] = packed[start:end]
                else:
                    known.extend(packed[start:end])
                start = end
        return merged


#: An item's terms: term → score.
DocTerms = dict[str, int]


@dataclass(frozen=True)
class StoredRecord(SearchRecord):
    """A record as a kept index holds it (:func:`stored_record`): its texts by their hash, so it
    shows and orders its item but has no words to count."""


class TextsNeeded(Exception):
    """An update was to count the terms of an item given as a :class:`StoredRecord`: give its
    whole record."""


def stored_record(record: SearchRecord) -> StoredRecord:
    """A record as a kept index holds it: its text and its attachments' text by their hash."""
    if isinstance(record, StoredRecord):
        return record
    values = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
    return StoredRecord(**{**values, "text": _text_hash(record.text), "files": _text_hash(record.files)})


def _texts_needed(records: Iterable[SearchRecord]) -> None:
    if any(isinstance(record, StoredRecord) for record in records):
        raise TextsNeeded


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32] if text else ""


def _identity(record: SearchRecord) -> tuple:
    """Everything a record holds, as a value that can be looked up (its facets are a mapping)."""
    return (record.unit, record.path, record.kind, record.title, record.date, record.excerpt, record.text,
            record.number, tuple(sorted(record.facets.items())), record.files, record.shared, record.also)


def shared_once(records: Iterable[SearchRecord]) -> list[SearchRecord]:
    """The records, a catalog item that several units show being one: the first unit's (in path
    order), naming the others in ``also``."""
    alone: list[SearchRecord] = []
    shared: dict[str, list[SearchRecord]] = defaultdict(list)
    for record in records:
        (shared[record.shared] if record.shared else alone).append(record)
    for group in shared.values():
        group.sort(key=operator.attrgetter("unit"))
        alone.append(dataclasses.replace(group[0], also=tuple(record.unit for record in group[1:])))
    return alone


def _best(packed: Sequence[int], scores: list[int], keep: int) -> tuple[list[int], list[int]]:
    """The ``keep`` postings with the best scores, the newest (highest item number) first among
    equals, still in item order; ``scores``: each posting's score."""
    if keep >= len(scores):
        return list(packed), scores
    above, threshold = 0, 255
    for threshold, count in sorted(Counter(scores).items(), reverse=True):
        if above + count >= keep:
            break
        above += count
    # every posting scored above the threshold, and the newest ones scored at it
    at_threshold = list(compress(range(len(scores)), map(operator.eq, scores, repeat(threshold))))
    newest = at_threshold[-(keep - above)] if keep > above else len(scores)
    chosen = list(map(operator.gt, scores, repeat(threshold)))
    chosen[newest:] = map(operator.ge, scores[newest:], repeat(threshold))
    return list(compress(packed, chosen)), list(compress(scores, chosen))


def _postings_values(packed: array, keep: int | None) -> list[int]:
    """What :meth:`SearchIndex._postings_json` makes of ``packed`` (with ``keep``: only the best
    that many), with NumPy: ten times faster on a common word's thousands of postings, worth
    importing it when a build writes hundreds of thousands of postings (:data:`BULK_POSTINGS`)."""
    import numpy

    postings = numpy.frombuffer(packed, dtype=f"u{packed.itemsize}")
    scores = postings & 255
    if keep is not None and len(postings) > keep:
        counts = numpy.bincount(scores, minlength=257)  # (none scored 256)
        at_least = numpy.cumsum(counts[::-1])[::-1]  # [s]: how many scored s or more
        threshold = int(numpy.flatnonzero(at_least >= keep)[-1])
        chosen = scores > threshold  # and the newest scored at the threshold, as many as there is room for
        chosen[numpy.flatnonzero(scores == threshold)[int(at_least[threshold + 1]) - keep:]] = True
        postings, scores = postings[chosen], scores[chosen]
    docs = (postings >> 8).astype(numpy.int64)
    values = numpy.empty(2 * len(postings), dtype=numpy.int64)
    values[0::2] = numpy.diff(docs, prepend=0)
    values[1::2] = scores
    return values.tolist()


def _moves(numbers: list[int | None], before: int) -> list[tuple[int, int, int]] | None:
    """How items numbered anew moved, as runs ``(first, end, shift)``: the items numbered
    ``first``…``end - 1`` before are now numbered ``shift`` more (items gone are in no run);
    ``numbers``: each item's number before (None: a new item).  None when the kept items changed
    their order (then the postings are made again)."""
    runs: list[tuple[int, int, int]] = []
    last = -1
    for now, number in enumerate(numbers):
        if number is None:
            continue
        if number <= last or number >= before:
            return None
        shift = now - number
        if runs and runs[-1][1] == number and runs[-1][2] == shift:
            runs[-1] = (runs[-1][0], number + 1, shift)
        else:
            runs.append((number, number + 1, shift))
        last = number
    return runs


def _shifted(postings: Mapping[str, array], runs: list[tuple[int, int, int]], first: int = 0) -> dict[str, array]:
    """The postings of the items kept, renumbered by ``runs`` (:func:`_moves`); a term no kept
    item has is left out.  The items numbered below ``first`` keep their numbers: a term only
    they have keeps its postings (the same list)."""
    shifted: dict[str, array] = {}
    below = first << 8
    for term, packed in postings.items():
        if packed[-1] < below:
            shifted[term] = packed
            continue
        moved = array("I")
        for first, end, shift in runs:
            low, high = bisect.bisect_left(packed, first << 8), bisect.bisect_left(packed, end << 8)
            if low < high:
                part = packed[low:high]
                moved.extend(part if shift == 0 else map(operator.add, part, repeat(shift << 8)))
        if moved:
            shifted[term] = moved
    return shifted


def _replace_posting(postings: dict[str, array], term: str, doc: int, score: int | None) -> None:
    """Set (or with None remove) the posting of item ``doc`` in a term's list, kept in item order;
    the list is a new one (a kept index writes the lists that are not the ones it read)."""
    found = postings.get(term)
    if found is None:
        if score is not None:
            postings[term] = array("I", [doc << 8 | score])
        return
    packed = postings[term] = array("I", found)
    place = bisect.bisect_left(packed, doc << 8)
    if place < len(packed) and packed[place] >> 8 == doc:
        if score is None:
            del packed[place]
        else:
            packed[place] = doc << 8 | score
    elif score is not None:
        packed.insert(place, doc << 8 | score)
    if not packed:
        del postings[term]


def _entries(shard: bytes | None, terms: Iterable[str]) -> dict[str, bytes]:
    """Each entry (``"term":[…]``) of a term shard's JSON as written by :meth:`SearchIndex._write`,
    by term; ``terms``: the shard's terms then (none when the shard is not written or is not that).
    An entry's value is a list of numbers, so ``],"`` is where one ends and the next begins (in
    a JSON string a quote is always escaped)."""
    terms = sorted(terms)
    if shard is None or not terms:
        return {}
    parts = shard[1:-1].split(b'],"')
    if len(parts) != len(terms):
        return {}
    last = len(parts) - 1
    return {term: (b'"' if n else b"") + part + (b"]" if n < last else b"")
            for n, (term, part) in enumerate(zip(terms, parts))}


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def searchable(site) -> int:
    """How many records :func:`site_records` gives for a site, without making them."""
    return 1 + sum(content_type.searchable(site) for content_type in REGISTRY)


def site_records(site, attachment_text: Callable[[str], str], text_of: Callable[[str], str] = text_of,
                 news: tuple[dict, dict] | None = None,
                 with_text: Callable[[str], bool] | None = None) -> list[SearchRecord]:
    """The searchable items of one unit's site as published (``site``: a resolved ``Site``), as
    each content type makes them.

    ``attachment_text(portal_path)`` gives the extracted text of a PDF or Word file ('' otherwise),
    ``text_of(body)`` the text of a Markdown body; ``news``: the records of news items made by the
    previous build of this process, and where to keep this build's (by site and item);
    ``with_text(path)``: whether the text of the record at ``path`` is wanted (else it is left
    empty, which is enough to order the records and show them).
    """
    wanted = with_text or (lambda path: True)

    def files(item, refs) -> list[str]:
        return [attachment_text(_beside(item.path, f.file)) for f in refs]

    records = [unit_record(site)]
    for content_type in REGISTRY:
        if content_type.search is not None:
            records += content_type.search(site, text_of, files, wanted, news)
    return records


def unit_record(site) -> SearchRecord:
    """The record of a unit's home page: its name as the title (the heaviest words of all), its
    agency, description, address and leaders as the text."""
    unit = site.unit
    people = [f"{person.name} {person.position}" for person in unit.leaders]
    return SearchRecord(site.path, "", "page", unit.name, "", unit.description or unit.agency,
                        " ".join([unit.agency, unit.description or "", unit.contacts.address or "", *people]))


def _beside(item_path: str, ref: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(item_path), ref))
