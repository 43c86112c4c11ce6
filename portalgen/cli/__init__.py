"""The command line: the only module that prints and the only click import (a package: the
group and what every command shares in :mod:`.base`, the commands by what they work on, each
module imported when one of its commands runs)."""

from .base import main

__all__ = ["main"]
