"""One name per person across a corpus: "Lember" in one post and "Veiko Lember" in another are one
critic, holder or actor in the listings, the report and the discourse networks.

Within a post the actor component already gives a surname the fullest name the post has. Across
posts a short form ("Lember", "Prof. Lember", "Verbandspräsidentin Bentele", "Sherry Arnstein")
joins the full name of the corpus it agrees with: same surname, and every other word either one of
the full name's given names (an initial matches a given name with that letter) or a title or role
noun. Where the corpus knows two people who fit (Anna Müller, Bernd Müller), "Müller" stays as
written. Pure functions over analysis records; the stored records are never changed.
"""
from __future__ import annotations

import copy
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textmine.nlp.actors.patterns import is_role_word, load_first_names

#: Words before a surname that name no given name.
_TITLES = frozenset({"Prof.", "Dr.", "Professor", "Professorin", "Frau", "Herr", "Herrn", "med.", "phil.", "rer.", "pol."})
#: Unknown words at least this long before a surname are role nouns, not given names.
_MIN_ROLE_LENGTH = 12
#: Lower-case parts of a surname ("Hiltrud von Spiegel").
_PARTICLES = frozenset({"von", "van", "de", "der", "den", "zu", "vom", "zur", "di", "da", "du", "la", "le"})
_INITIAL = re.compile(r"^[^\W\d_]\.$")
#: A capitalised name word ("Karsten", "Müller-Lüdenscheidt", "O'Neill").
_NAME_WORD = re.compile(r"^[^\W\d_a-zäöüß][^\W\d_]*(?:['’-][^\W\d_]+)*$")


@dataclass(frozen=True)
class _Name:
    given: tuple[str, ...]
    surname: str

    @property
    def canonical(self) -> str:
        return " ".join((*self.given, self.surname))


def _is_role(word: str, first_names: frozenset[str]) -> bool:
    """A title or role noun before a name: one the actor lexicon knows, or a word that is no first
    name and is long or hyphenated as German compounds are ("Verbandspräsidentin", "Grünen-Chefin";
    first names are rarely longer than 11 letters)."""
    if word in _TITLES or is_role_word(word):
        return True
    if word in first_names or _INITIAL.match(word):
        return False
    return len(word) >= _MIN_ROLE_LENGTH or ("-" in word and not all(p in first_names for p in word.split("-")))


def _split(name: str, first_names: frozenset[str]) -> _Name | None:
    """Given names and surname of a person name; titles and leading role nouns are dropped
    ("Stiftungsberater Karsten Timmer" → (Karsten,), Timmer)."""
    words = name.split()
    if not words or not words[-1][:1].isupper() or not all(
            w in _PARTICLES or w in _TITLES or _INITIAL.match(w) or _NAME_WORD.match(w) for w in words):
        return None
    start = len(words) - 1
    while start > 0 and words[start - 1] in _PARTICLES:
        start -= 1
    before = [w for w in words[:start] if not _is_role(w, first_names)]
    known = [k for k, w in enumerate(before) if w in first_names or _INITIAL.match(w)]
    given = before[known[0]:] if known else [w for w in before if w[:1].isupper()]
    return _Name(tuple(given), " ".join(words[start:]))


def _agrees(short: _Name, full: _Name, first_names: frozenset[str], given_of_surname: set[str]) -> bool:
    """Whether ``short`` can name the person ``full`` names: same surname, and each of its other
    words a given name of ``full``, an initial of one, or a word that is nobody's given name (a
    role noun the actor lexicon does not know: "Verbandspräsidentin Bentele")."""
    if short.surname != full.surname:
        return False
    for word in short.given:
        if _INITIAL.match(word):
            if not any(g[:1] == word[:1] for g in full.given):
                return False
        elif word not in full.given and (word in first_names or word in given_of_surname):
            return False
    return True


def person_names(records: Iterable[Mapping]) -> dict[str, str]:
    """Map each person name of the corpus to the one full name it stands for (only names that
    change). The full name is the fullest (then most frequent) spelling, without titles or roles."""
    first_names = load_first_names()
    counts: Counter[str] = Counter()
    names: set[str] = set()
    for record in records:
        for actor in record.get("actors", ()):
            if actor.get("type") == "person" and actor.get("canonical"):
                counts[actor["canonical"]] += 1
        for group, key in (("claims", "holder"), ("critiques", "critic"), ("critiques", "target")):
            for item in record.get(group, ()):
                if item.get(key):
                    names.add(item[key])
    fulls: dict[str, list[_Name]] = defaultdict(list)
    weight: Counter[_Name] = Counter()
    speakers = {name: 0 for name in names - set(counts)}
    for name, n in [*counts.items(), *speakers.items()]:
        split = _split(name, first_names)
        # an actor typed person, or a speaker whose name starts with a known first name
        if split and any(not _INITIAL.match(g) for g in split.given) and (
                name in counts or (split.given and split.given[0] in first_names)):
            if split not in fulls[split.surname]:
                fulls[split.surname].append(split)
            weight[split] += n
    given_of = {surname: {g for full in group for g in full.given} for surname, group in fulls.items()}
    mapping: dict[str, str] = {}
    for name in set(counts) | names:
        short = _split(name, first_names)
        if short is None or short.surname not in fulls:
            continue
        given = given_of[short.surname]
        fits = [full for full in fulls[short.surname] if _agrees(short, full, first_names, given)]
        if not fits:
            continue
        best = max(fits, key=lambda full: (len(full.given), weight[full]))
        # every full name that fits must be a spelling of the chosen person ("Sherry R. Arnstein")
        if all(_agrees(full, best, first_names, given) or _agrees(best, full, first_names, given) for full in fits):
            if best.canonical != name:
                mapping[name] = best.canonical
    return mapping


def merge_names(record: Mapping, names: Mapping[str, str]) -> dict:
    """A copy of ``record`` with person names replaced by their corpus-wide full name."""
    merged = copy.deepcopy(dict(record))
    if not names:
        return merged
    for actor in merged.get("actors", ()):
        if actor.get("type") == "person" and actor.get("canonical") in names:
            actor["canonical"] = names[actor["canonical"]]
    for group, key in (("claims", "holder"), ("critiques", "critic"), ("critiques", "target")):
        for item in merged.get(group, ()):
            if item.get(key) in names:
                item[key] = names[item[key]]
    return merged
