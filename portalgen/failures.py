"""Input a command cannot use (not content: a Word file, an existing target, a settings file…)."""

from __future__ import annotations

from typing import Any

from .phrases import PHRASES


class UsageFailure(Exception):
    """Why a command stops before doing its work: a code of :data:`portalgen.phrases.PHRASES` and
    its arguments.  The command line says it in the chosen ``--lang`` and exits with code 2."""

    def __init__(self, code: str, **args: Any) -> None:
        if code not in PHRASES:
            raise KeyError(code)
        super().__init__(code)
        self.code = code
        self.fields = args

    def text(self, lang: str) -> str:
        """The failure in ``lang``."""
        return PHRASES.say(self.code, lang, **self.fields)

    def __str__(self) -> str:
        return self.text("en")
