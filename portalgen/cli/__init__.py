"""The command line: the only module that prints and the only click import (a package: the
group and what every command shares in :mod:`.base`, the commands by what they work on)."""

from . import editing, publishing, site
from .base import main

__all__ = ["editing", "main", "publishing", "site"]
