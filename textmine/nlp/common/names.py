"""Letters of names and the genitive of names, for every component that finds names in text."""
from __future__ import annotations

from typing import Iterable


def _letters(upper: bool) -> str:
    # Latin-1, Latin Extended-A and Romanian comma letters: "Aydın", "Özdemir", "Łukasz", "Ștefan".
    chars = [chr(code) for code in [*range(0xC0, 0x180), *range(0x218, 0x21C)]]
    return "".join(c for c in chars if c.isalpha() and (c.isupper() if upper else c.islower()))


#: Upper- and lower-case letters for regex character classes (``rf"[{UPPER}][{LOWER}]+"``),
#: Unicode-aware beyond German, so that "Łukasz" or "Ștefan" start a name as "Özdemir" does.
UPPER = "A-Z" + _letters(True)
LOWER = "a-z" + _letters(False)

#: Genitive endings of names, longest first: "Putnam’s", "Putnam's", "Putnams".
GENITIVE_ENDINGS = ("’s", "'s", "s")


def strip_genitive(word: str, known: Iterable[str], *, keep: Iterable[str] = (), guess: bool = False) -> str:
    """``word`` without its genitive ending ("Lembers", "Putnam’s" -> "Lember", "Putnam").

    An ending goes when the rest is a ``known`` name; ``word`` itself known, or in ``keep`` (surnames
    that end in "s": "Evans", "Haas"), stays. With ``guess`` a final "s" also goes from an unknown
    name of four or more letters unless a sibilant or a vowel precedes it ("Putnams" -> "Putnam",
    "Haas", "Rosa", "Marx" stay): the citation parser's rule where no full name is known yet."""
    if guess and len(word) < 4:
        return word
    if word in known or word in keep:
        return word
    for ending in GENITIVE_ENDINGS:
        if word.endswith(ending) and word[: -len(ending)] in known:
            return word[: -len(ending)]
    if not guess or not word.endswith("s"):
        return word
    stem = word[:-1]
    return word if stem[-1] in "sxzßaeiouäöüy'’" else stem
