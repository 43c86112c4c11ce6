"""One way to speak: every sentence a command says comes from a catalogue, in Vietnamese and English.

A :class:`Text` is one sentence in both languages, as ``str.format`` templates with the same
fields; a :class:`Catalogue` keys texts by a stable code and checks, when it is made, that both
languages of every entry take the same fields.  ``catalogue.say(code, lang, **args)`` gives the
sentence in one language only.  An argument may itself be a :class:`Text` (a phrase that differs
by language, e.g. a decimal number): it is said in the same language.

The problem catalogue (:mod:`portalgen.messages`) and the theme's strings are separate: they
describe content and build the sites; these are what the commands say.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .vn import format_size

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")


def fields(template: str) -> frozenset[str]:
    """The names of the ``str.format`` fields of a template (``{name}``, ``{when:%d/%m/%Y}`` → name)."""
    return frozenset(name.split(".")[0].split("[")[0]
                     for _, name, _, _ in string.Formatter().parse(template) if name is not None)


@dataclass(frozen=True)
class Text:
    """One sentence in Vietnamese and English (``str.format`` templates with the same fields)."""

    vi: str
    en: str

    def pick(self, lang: str) -> str:
        """The string in ``lang`` (English for ``"en"``, else Vietnamese)."""
        return self.en if lang == "en" else self.vi

    def say(self, lang: str, **args: Any) -> str:
        """The sentence in ``lang`` with its fields filled; :class:`Text` arguments in the same language."""
        return self.pick(lang).format(**{key: _in(lang, value) for key, value in args.items()})

    def fill(self, **args: Any) -> Text:
        """The sentence with its fields filled in both languages (a phrase to pass to another text)."""
        return Text(self.say("vi", **args), self.say("en", **args))


def join(parts: Iterable[str | Text], separator: str = " ") -> Text:
    """Phrases joined in each language (a string is the same in both); empty parts are left out."""
    parts = list(parts)
    vi, en = (separator.join(said for said in (_in(lang, part) for part in parts) if said) for lang in LANGS)
    return Text(vi, en)


def _in(lang: str, value: Any) -> Any:
    """An argument as said in ``lang``: a :class:`Text` picks its language, anything else is itself."""
    return value.pick(lang) if isinstance(value, Text) else value


def decimal(value: float, places: int = 1) -> Text:
    """A number as each language writes it: ``1,5`` in Vietnamese, ``1.5`` in English."""
    written = f"{value:.{places}f}"
    return Text(written.replace(".", ","), written)


def file_size(size: int) -> Text:
    """A file size as each language writes it: ``1,2 MB`` in Vietnamese, ``1.2 MB`` in English."""
    written = format_size(size)
    return Text(written, written.replace(",", "."))


@dataclass(frozen=True)
class Catalogue(Mapping[str, Text]):
    """Texts by code.  Made only with entries whose two languages take the same fields."""

    name: str
    texts: Mapping[str, Text]

    def __post_init__(self) -> None:
        for code, text in self.texts.items():
            if fields(text.vi) != fields(text.en):
                raise ValueError(f"{self.name} {code}: the vi and en texts take different fields "
                                 f"({sorted(fields(text.vi))} ≠ {sorted(fields(text.en))})")

    def __getitem__(self, code: str) -> Text:
        return self.texts[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self.texts)

    def __len__(self) -> int:
        return len(self.texts)

    def say(self, code: str, lang: str, **args: Any) -> str:
        """The text ``code`` in ``lang``, its fields filled from ``args``."""
        return self.texts[code].say(lang, **args)
