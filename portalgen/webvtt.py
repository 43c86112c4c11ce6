"""Captions files (WebVTT, https://www.w3.org/TR/webvtt1/): whether a browser will show them.

Checks what makes a ``<track>`` silently show nothing: the ``WEBVTT`` signature on the first
line, the text being UTF-8, each cue's timing line (``00:01.000 --> 00:04.500``, end after start,
cues in order of their start) and at least one cue with text."""

from __future__ import annotations

import re

#: ``hh:mm:ss.ttt`` (hours optional, at least two digits) or ``mm:ss.ttt``.
_TIME = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIME}[ \t]+-->[ \t]+{_TIME}(?:[ \t].*)?$")


def _seconds(hours: str | None, minutes: str, seconds: str, millis: str) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def problems(data: bytes) -> list[tuple[str, dict[str, str]]]:
    """What stops a captions file from showing: ``(code, args)`` pairs, ``line`` its line in the file."""
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as failure:
        return [("CAPTIONS_NOT_UTF8", {"offset": str(failure.start)})]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not re.fullmatch(r"WEBVTT(?:[ \t].*)?", lines[0]):
        return [("CAPTIONS_HEADER", {"found": lines[0][:40]})]
    found: list[tuple[str, dict[str, str]]] = []
    cues, previous = 0, -1.0
    for number, line in enumerate(lines[1:], start=2):
        if "-->" not in line:
            continue
        match = _TIMING.match(line.strip())
        if match is None:
            found.append(("CAPTIONS_TIMING", {"line": str(number), "text": line.strip()[:60]}))
            continue
        start, end = _seconds(*match.groups()[:4]), _seconds(*match.groups()[4:])
        if end <= start or start < previous:
            found.append(("CAPTIONS_ORDER", {"line": str(number), "text": line.strip()[:60]}))
        previous = max(previous, start)
        following = lines[number] if number < len(lines) else ""
        cues += bool(following.strip())
    if not found and not cues:
        found.append(("CAPTIONS_EMPTY", {}))
    return found
