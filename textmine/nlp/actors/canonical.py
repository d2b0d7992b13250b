"""Canonical forms of actor words, without spaCy: gender folding, plural/case folding, compound heads.

German names its collective actors with inflected, gendered and compounded nouns
("Wohlfahrtsverbänden", "Nutzer/innen", "Plattformkonzerne"); a researcher counting actors needs
one canonical singular per actor ("Wohlfahrtsverband", "Nutzer", "Plattformkonzern"). The word
lists live in ``data/lexicons/actors/collectives.tsv`` so that users can extend them.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from textmine import resources
from textmine.nlp.common.names import LOWER, UPPER

LEXICON_DIR = resources.lexicon_dir("actors")
COLLECTIVES_FILE = LEXICON_DIR / "collectives.tsv"
STOPWORDS_FILE = LEXICON_DIR / "stopwords.txt"
LEARNT_COLLECTIVES_FILE = LEXICON_DIR / "learnt_collectives.tsv"
ADJECTIVES_OUT_FILE = LEXICON_DIR / "adjectives_not_in_name.txt"

#: Gender-inclusive endings: "/innen", "/-innen", "*innen", ":innen", "_innen", "/in", "Innen", "In".
GENDER_ENDING = re.compile(r"(?:[/*:_]-?|/-)in(?:nen)?$|(?<=[a-zäöüß])In(?:nen)?$")
#: Minimum length of the modifier of a compound ("Pflege" in "Pflegekasse").
MIN_PREFIX = 3


@dataclass(frozen=True)
class Collective:
    """One entry of the collective lexicon."""

    lemma: str
    sector: str
    head: bool
    gendered: bool = False


def read_rows(path: Path) -> list[list[str]]:
    """Tab-separated rows of a lexicon file, without comments, blank lines and the header."""
    rows = resources.read_table(path)
    return rows[1:] if rows and rows[0][0] in {"lemma", "canonical", "keyword"} else rows


def read_words(path: Path) -> list[str]:
    """One word per line, comments and blank lines dropped."""
    return resources.read_lines(path)


def fold_gender(word: str) -> str:
    """Strip a gender-inclusive ending: "Nutzer/innen", "NutzerInnen", "Nutzer*in" -> "Nutzer"."""
    return GENDER_ENDING.sub("", word)


def _noun_forms(lemma: str, plural: str, gendered: bool) -> set[str]:
    forms = {lemma, lemma + "s", lemma + "es", lemma + "n" if lemma.endswith("e") else lemma + "en"}
    if plural != "-":
        forms |= {plural, plural if plural.endswith(("n", "s")) else plural + "n"}
    if gendered:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms |= {stem + "in", stem + "innen"}
    if lemma.endswith("e") and plural == "-":
        forms.discard(lemma + "es")
    return forms


def _adjective_forms(lemma: str) -> set[str]:
    # Nominalised adjectives: "Ehrenamtliche", "Ehrenamtlichen", "Ehrenamtlicher".
    return {lemma, lemma + "n", lemma + "r", lemma + "m", lemma + "s"}


@functools.lru_cache(maxsize=4)
def load_collectives(path: Path = COLLECTIVES_FILE, learnt: Path | None = LEARNT_COLLECTIVES_FILE) -> dict[str, tuple[Collective, str]]:
    """Lower-cased word form -> (entry, word class) for every form of every lexicon entry; the hand
    lexicon first, then the nouns learnt from the training annotation (only their listed forms:
    "Länder" is an actor far more often than "Land")."""
    forms: dict[str, tuple[Collective, str]] = {}
    tables = [(path, False)] + ([(learnt, True)] if learnt is not None and learnt.exists() else [])
    for table, listed_only in tables:
        for row in read_rows(table):
            lemma, plural, sector, gendered, head, word_class, extra = (row + ["n", "n", "noun", ""])[:7]
            entry = Collective(lemma=lemma, sector=sector, head=head == "y", gendered=gendered == "y" or word_class == "adj")
            words = {form.strip() for form in extra.split("|") if form.strip()}
            if not listed_only:
                words |= _adjective_forms(lemma) if word_class == "adj" else _noun_forms(lemma, plural, gendered == "y")
            for word in words:
                forms.setdefault(word.lower(), (entry, word_class))
    return forms


@functools.lru_cache(maxsize=4)
def load_stopwords(path: Path = STOPWORDS_FILE) -> frozenset[str]:
    """Words that are never actors (and never parts of person names)."""
    return frozenset(read_words(path))


@dataclass(frozen=True)
class CollectiveMatch:
    """A word recognised as a collective actor."""

    canonical: str
    sector: str
    word_class: str  # "noun" or "adj"
    compound: bool
    person: bool = False  # a noun for people ("Forscherin", "Vorsitzende"), which can be a role before a name


def match_collective(word: str, forms: dict[str, tuple[Collective, str]] | None = None, stopwords: frozenset[str] | None = None) -> CollectiveMatch | None:
    """The collective actor a single (possibly gendered or compound) word names, or ``None``.

    >>> match_collective("Wohlfahrtsverbänden").canonical
    'Wohlfahrtsverband'
    """
    forms = load_collectives() if forms is None else forms
    stopwords = load_stopwords() if stopwords is None else stopwords
    if not word or not word[0].isupper():
        return None
    folded = fold_gender(word)
    if folded in stopwords or word in stopwords:
        return None
    lower = folded.lower()
    hit = forms.get(lower)
    if hit is not None:
        entry, word_class = hit
        return CollectiveMatch(entry.lemma, entry.sector, word_class, compound=False, person=entry.gendered)
    if "-" in folded:
        # Hyphenated compound: the last part is the head ("Caritas-Einrichtungen").
        prefix, _, last = folded.rpartition("-")
        inner = match_collective(last[:1].upper() + last[1:], forms, stopwords)
        if inner is None or inner.word_class != "noun" or not _is_head(inner.canonical, forms):
            return None
        return CollectiveMatch(f"{prefix}-{inner.canonical}", inner.sector, "noun", compound=True, person=inner.person)
    for cut in range(MIN_PREFIX, len(lower) - 2):
        hit = forms.get(lower[cut:])
        if hit is None:
            continue
        entry, word_class = hit
        if not entry.head or (word_class == "adj" and lower[cut:] == entry.lemma.lower() + "s"):
            continue
        canonical = folded[:cut] + entry.lemma.lower()
        if canonical in stopwords:
            return None
        return CollectiveMatch(canonical, entry.sector, word_class, compound=True, person=entry.gendered)
    return None


def _is_head(lemma: str, forms: dict[str, tuple[Collective, str]]) -> bool:
    hit = forms.get(lemma.lower())
    return hit is not None and hit[0].head


#: "Nutzerinnen und Nutzer", "Bürger und Bürgerinnen", "Kolleginnen und Kollegen", and the
#: elliptic "Quartiersmanagerinnen und -manager".
PAIR = re.compile(
    rf"(?<![\w\-])([{UPPER}][{LOWER}]+?)innen\s+(?:und|oder|bzw\.|&)\s+(?:(\1[{LOWER}]{{0,2}})|-([{LOWER}]{{2,}}))(?![\w\-])"
    rf"|(?<![\w\-])([{UPPER}][{LOWER}]+?)(?:en|n|e)?\s+(?:und|oder|bzw\.|&)\s+(\4innen)(?![\w\-])"
)


def pair_word(match: re.Match[str]) -> str | None:
    """The masculine word of a gender pair match: "Nutzerinnen und Nutzer" -> "Nutzer".

    ``None`` for an ellipsis whose tail does not end the stem ("Managerinnen und -leiter").
    """
    if match.group(2):
        return match.group(2)
    tail = match.group(3)
    if tail:
        stem = match.group(1)
        for ending in ("", "n", "en", "e"):
            base = tail[: len(tail) - len(ending)] if ending and tail.endswith(ending) else tail
            if (not ending or tail.endswith(ending)) and stem.lower().endswith(base):
                return stem + tail[len(base):]
        return None
    return match.group(0).split()[0]


# --- attributive adjectives ------------------------------------------------------------------

#: A lower-case inflected adjective, optionally after an uninflected adverb ("politisch engagierte").
ATTRIBUTIVE = re.compile(rf"(?:(?P<adverb>[{LOWER}]+(?:isch|lich|ig|al))[ \u00a0])?(?P<adjective>[{LOWER}][{LOWER}\-]*?)(?P<ending>en|em|es|er|e)[ \u00a0]$")
#: Endings of feminine and neuter nouns; every other noun is taken as masculine ("Akteur", "Verein").
FEMININE = ("ung", "heit", "keit", "schaft", "ion", "tät", "ie", "ei", "ik", "kraft", "ur", "enz", "anz", "e")
NEUTER = ("um", "ment", "nis", "tum", "chen", "lein", "werk", "haus", "heim", "institut", "unternehmen",
          "amt", "gericht", "büro", "team", "mitglied", "kind", "land", "gremium", "parlament", "forum",
          "portal", "komitee", "medium", "kollektiv", "bündnis", "netzwerk", "zentrum", "projekt", "volk")
#: Masculine nouns in -e: persons ("Experte", "Kollege", "Psychologe", "Kunde").
MASCULINE_E = ("oge", "ege", "ekte", "erte", "unde", "atte", "ant", "ate", "ose", "ire", "zeuge", "kunde", "junge")
#: Endings of classifying (relational) adjectives, which name a kind of group ("gemeinnützig",
#: "zivilgesellschaftlich", "kommunal", "karitativ"); other adjectives describe ("kleine", "forderte").
CLASSIFYING = ("isch", "lich", "ig", "al", "ar", "iv", "är")
DETERMINER_STEMS = frozenset({"ein", "kein", "dies", "jed", "mein", "dein", "sein", "ihr", "unser", "euer", "welch",
                              "der", "die", "das", "den", "dem", "jen", "deren", "dess"})


def noun_gender(lemma: str, person: bool = False) -> str:
    """ "m", "f" or "n" for a collective's lemma, from its ending (persons: masculine)."""
    lower = lemma.lower()
    if person:
        return "m"
    if lower.endswith(NEUTER):
        return "n"
    if lower.endswith(MASCULINE_E):
        return "m"
    return "f" if lower.endswith(FEMININE) else "m"


@functools.lru_cache(maxsize=4)
def load_adjectives_out(path: Path = ADJECTIVES_OUT_FILE) -> frozenset[str]:
    return frozenset(read_words(path)) if path.exists() else frozenset()


def attributive_adjective(text: str, start: int, lemma: str, person: bool = False) -> tuple[int, str] | None:
    """(new start, canonical) when a descriptive adjective stands right before a collective noun
    ("gemeinnützige Vereine" -> "gemeinnütziger Verein", "politisch engagierte Organisationen" ->
    "politisch engagierte Organisation"): the canonical form is the nominative singular; quantifiers,
    sizes and the other stems of ``adjectives_not_in_name.txt`` stay out."""
    match = ATTRIBUTIVE.search(text, max(0, start - 60), start)
    if match is None:
        return None
    stem = match.group("adjective")
    before = text[max(0, match.start() - 1) : match.start()]
    if before and (before.isalnum() or before in "-/"):
        return None
    if stem in DETERMINER_STEMS or stem in load_adjectives_out() or len(stem) < 3 or not stem.endswith(CLASSIFYING):
        return None
    if stem.endswith("st") and stem[:-2] in load_adjectives_out():
        return None
    ending = {"m": "er", "f": "e", "n": "es"}[noun_gender(lemma, person)]
    adverb = match.group("adverb")
    if adverb and adverb in load_adjectives_out():
        adverb = None
    adjective = f"{stem}{ending}"
    new_start = match.start("adverb") if adverb else match.start("adjective")
    return new_start, (f"{adverb} {adjective} {lemma}" if adverb else f"{adjective} {lemma}")
