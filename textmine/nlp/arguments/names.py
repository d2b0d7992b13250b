"""One name per speaker across a corpus: "Lember" and "Veiko Lember" are one critic.

Why corpus-wide: within a post the component already gives a surname its full form
(:func:`textmine.nlp.arguments.attribution._full_name`), but a post that names only "Lember" cannot
know the first name another post gives. A short name is merged into the one longer name of the
corpus that ends with it (or contains all its words); where two longer names qualify ("Sabine
Winter", "Tom Winter") the short name stays as it is, since the corpus does not make it unambiguous.
"""
from __future__ import annotations

from collections.abc import Iterable

#: Speakers that are no names: never merged.
_NOT_NAMES = frozenset({"author", "unspecified", "unknown"})


def _words(name: str) -> list[str]:
    return name.casefold().split()


def merged_names(names: Iterable[str | None]) -> dict[str, str]:
    """``{name: the corpus's one longer form of it}`` for the names that the corpus makes unambiguous."""
    distinct = sorted({n.strip() for n in names if n and n.strip() and n.strip().casefold() not in _NOT_NAMES})
    longer_forms: dict[str, set[str]] = {}
    for short in distinct:
        words = _words(short)
        for long in distinct:
            other = _words(long)
            if len(other) <= len(words):
                continue
            if other[-len(words):] == words or (len(words) > 1 and set(words) <= set(other)):
                longer_forms.setdefault(short, set()).add(long)
    merged: dict[str, str] = {}
    for short, forms in longer_forms.items():
        # "Lember" -> {"Veiko Lember", "Prof. Veiko Lember"}: the longest one when the others are its parts
        longest = max(forms, key=lambda f: (len(_words(f)), f))
        if all(set(_words(f)) <= set(_words(longest)) for f in forms):
            merged[short] = longest
    return merged
