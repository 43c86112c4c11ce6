"""How well and how fast portalgen's OCR reads scanned PDFs: character accuracy against a typed
text, and pages per second.

    python benchmarks/ocr_accuracy.py scan.pdf typed.txt [--pages N] [--dpi 200] [--language vie] [--jobs 1]

``typed.txt`` holds the exact text of the pages read (the official typed version, or a careful
transcription).  Accuracy is 1 - (Levenshtein distance / length of the typed text), both texts in
NFC with every run of white space made one space, so layout (line breaks, columns) does not count
but every wrong, missing or extra letter or tone mark does.  Nothing is cached: every page is
rendered and read again.  See docs/ocr.md for the figures.
"""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
from pathlib import Path


def normalised(text: str) -> str:
    """NFC text with runs of white space made one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def distance(left: str, right: str) -> int:
    """The Levenshtein distance (insertions, deletions, substitutions) between two texts."""
    if len(left) < len(right):
        left, right = right, left
    previous = list(range(len(right) + 1))
    for i, a in enumerate(left, start=1):
        current = [i]
        for j, b in enumerate(right, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]


def character_accuracy(read: str, typed: str) -> float:
    """1 - edit distance / typed length, on :func:`normalised` texts (0 when worse than nothing)."""
    read, typed = normalised(read), normalised(typed)
    return max(0.0, 1 - distance(read, typed) / max(1, len(typed)))


def main(argv: list[str]) -> int:
    from portalgen.config import OcrOptions
    from portalgen.ocr import recognise

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("typed", type=Path)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--language", default="vie")
    parser.add_argument("--jobs", type=int, default=1, help="pages read in parallel processes")
    parser.add_argument("--show", action="store_true", help="print the text read")
    args = parser.parse_args(argv)
    options = OcrOptions(enabled=True, language=args.language, max_pages=args.pages, dpi=args.dpi)
    start = time.perf_counter()
    result = recognise(str(args.pdf), options, args.jobs)
    seconds = time.perf_counter() - start
    read = "\n\n".join(result["pages"])
    if args.show:
        print(read)
    pages = len(result["pages"])
    accuracy = character_accuracy(read, args.typed.read_text(encoding="utf-8"))
    print(f"{args.pdf.name}: {pages} of {result['total']} pages in {seconds:.1f} s "
          f"({pages / seconds:.2f} pages/s), character accuracy {accuracy:.2%}"
          + (f", error {result['error']}" if result["error"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
