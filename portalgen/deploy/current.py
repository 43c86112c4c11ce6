"""Is an output folder the build of the current portal at a given moment? (so deploy never
publishes an out-of-date build).

A build records beside its output the fingerprint of its inputs and the window of time its output
holds for (:mod:`portalgen.buildstate`); parts joined by ``portalgen join-shards`` keep every
part's record (:mod:`portalgen.shards`). The fingerprint is recomputed exactly as
:func:`portalgen.build.build_portal` computes it, for the options a build may have had.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterator

from ..buildstate import BuildWindow, build_options, fingerprint, load_state
from ..shards import joined_records

#: The default cache folder of ``portalgen build``, left out of the fingerprint like the build does.
DEFAULT_CACHE = Path(".portalgen-cache")


def stale_reason(root: Path, out: Path, now: dt.datetime, unit: str | None = None) -> tuple[str, str] | None:
    """None when ``out`` is the build of the portal in ``root`` at ``now``; else why not, as
    (Vietnamese, English) text. ``unit`` admits a build made with the same ``--unit``."""
    joined = joined_records(out)
    if joined is not None:
        states: list[BuildWindow] = joined
        shards: list[tuple[int, int] | None] = [(k, len(joined)) for k in range(1, len(joined) + 1)]
    else:
        recorded = load_state(out)
        if recorded is None:
            return ("không có bản ghi lần dựng bên cạnh thư mục (dựng bằng phiên bản cũ, hoặc bản ghi bị mất khi chép)",
                    "there is no build record beside the folder (an older version built it, or it was lost in a copy)")
        states, shards = [recorded], [None]
    wanted = {s.key for s in states}
    for key in _keys(root, out, shards, unit):
        wanted.discard(key)
        if not wanted:
            break
    if wanted:
        return ("nội dung, giao diện, phiên bản portalgen hoặc tùy chọn đã khác từ lần dựng đó",
                "the content, theme, portalgen version or options changed since that build")
    for state in states:
        if not state.holds(state.key, now):
            until = f" đến {state.valid_until}" if state.valid_until else ""
            until_en = f" until {state.valid_until}" if state.valid_until else ""
            return (f"lần dựng đó chỉ đúng từ {state.valid_from}{until} trong ngày {state.day} "
                    f"(có nội dung đến hạn đăng, hết hạn, hoặc sang ngày mới)",
                    f"that build holds only from {state.valid_from}{until_en} on {state.day} "
                    f"(content became due or expired, or a new day began)")
    return None


def _keys(root: Path, out: Path, shards: list[tuple[int, int] | None], unit: str | None) -> Iterator[str]:
    """The fingerprints a build of ``root`` into ``out`` would have, for each plausible option."""
    skip = [out, DEFAULT_CACHE]
    stats: dict = {}
    for shard in shards:
        for strict in (False, True):
            for which in dict.fromkeys([None, unit]):
                key, stats = fingerprint(root, skip, build_options(root, strict, which, shard), stats)
                yield key
