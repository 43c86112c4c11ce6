"""The command line: the only module that prints and the only click import (a package: the
group and what every command shares in :mod:`.base`, the commands by what they work on, each
module imported when one of its commands runs)."""

from __future__ import annotations

import atexit
import os
import sys
import threading

from .base import main

__all__ = ["main", "run"]


def run() -> None:
    """The ``portalgen`` program: :func:`main`, then the process ends as soon as its output is
    flushed and its exit handlers have run, without freeing its objects one by one (a build of a
    large portal holds millions: a tenth of a second and more).  With another thread still
    running, it ends the usual way."""
    try:
        main()
        code: object = 0
    except SystemExit as stop:
        code = stop.code
    if threading.active_count() > 1:
        raise SystemExit(code)
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)
