"""Time ``portalgen serve``'s rebuilds after edits: the preview server's own build and rebuild.

Run by ``build_benchmark.py`` in a subprocess of its own:

    python benchmarks/preview_edits.py PORTAL OUT --now 2026-11-27 --edit PATH:KIND ...

It starts the preview server (``PortalServer``: the first build, with every core, then its
session), then for each ``--edit`` changes the file (``body``: a paragraph appended; ``title``: the
title extended) and calls the server's rebuild, exactly what the server does when its watcher
sees the change. It prints one JSON line per build: seconds, files written, and the output
folder's path for the caller to compare with a clean build. The edits stay in the portal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import time
from pathlib import Path

from portalgen.cache import Cache
from portalgen.serve import PortalServer

PARAGRAPH = "\nBài viết được cập nhật thêm thông tin từ Văn phòng Ủy ban nhân dân tỉnh.\n"


def edit(path: Path, kind: str) -> None:
    text = path.read_text(encoding="utf-8")
    if kind == "body":
        text += PARAGRAPH
    else:
        text, count = re.subn(r"^title: (.*)$", lambda m: f"title: {m.group(1).rstrip(chr(34))} (cập nhật)"
                              + ('"' if m.group(1).endswith('"') else ""), text, count=1, flags=re.MULTILINE)
        assert count == 1, path
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("portal", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--now", default="2026-11-27")
    parser.add_argument("--edit", action="append", default=[], metavar="PATH:KIND")
    options = parser.parse_args()
    moment = dt.datetime.fromisoformat(options.now)
    server = PortalServer(options.portal, options.out, 0, lambda: moment, cache=Cache())
    started = time.perf_counter()
    first = server.rebuild(jobs=None)
    print(json.dumps({"label": "first build", "seconds": time.perf_counter() - started,
                      "written": first.written.written if first.written else None}), flush=True)
    for spec in options.edit:
        name, kind = spec.rsplit(":", 1)
        edit(Path(name), kind)
        started = time.perf_counter()
        result = server.rebuild()
        print(json.dumps({"label": f"{kind} edited", "seconds": time.perf_counter() - started,
                          "written": result.written.written if result.written else None,
                          "failed": result.check.failed}), flush=True)
    server.httpd.server_close()


if __name__ == "__main__":
    main()
