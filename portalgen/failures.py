"""Input a command cannot use (not content: a Word file, an existing target, a settings file…)."""

from __future__ import annotations


class CommandFailure(Exception):
    """Why a command stops, in Vietnamese and English; the command line exits with code 2."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(en)
        self.vi = vi
        self.en = en

    def message(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi
