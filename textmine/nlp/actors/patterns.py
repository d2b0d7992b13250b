"""Character-level finders for actor mentions, without spaCy.

They work on the post text, not on tokens, so that they give the same answer whatever the
tokenizer does with "Nutzer/innen" or "O’Brien/Evans". Each finder yields ``Candidate`` records;
``textmine.nlp.actors.component`` resolves overlaps and turns them into spans.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from textmine.nlp.common.bibliography import heading_line_regex
from textmine.nlp.common.names import LOWER, UPPER, strip_genitive
from textmine.nlp.actors.canonical import (
    LEXICON_DIR,
    attributive_adjective,
    PAIR,
    fold_gender,
    load_stopwords,
    match_collective,
    pair_word,
    read_rows,
    read_words,
)

GAZETTEER_FILE = LEXICON_DIR / "gazetteer.tsv"
ORG_PATTERNS_FILE = LEXICON_DIR / "org_patterns.tsv"
FIRST_NAMES_FILE = LEXICON_DIR / "first_names.txt"
LEARNT_MENTIONS_FILE = LEXICON_DIR / "learnt_mentions.tsv"
LEARNT_NOT_ACTORS_FILE = LEXICON_DIR / "learnt_not_actors.tsv"
LEARNT_NOT_ACRONYMS_FILE = LEXICON_DIR / "learnt_not_acronyms.txt"

#: One-word ministry names: "Bundesgesundheitsministerium", "Familienministerium".
MINISTRY_WORD = re.compile(rf"[{UPPER}][{LOWER}]+ministerium")
#: Lower numbers win when two candidates of the same length overlap.
PRIORITY = {"gazetteer": 0, "pattern": 1, "learnt": 2, "person": 3, "ner": 4, "collective": 5, "acronym": 6}

#: A surname: "Lember", "O’Brien", "Müller-Lüdenscheidt".
SURNAME = rf"(?:[{UPPER}][{LOWER}]?[’'])?[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?"
#: A capitalised name word inside an organisation name.
NAME_WORD = rf"[{UPPER}0-9][\w&’'.\-]*[\w]"
#: Inflected forms of a leading adjective in a gazetteer alias: "Deutscher" -> "Deutsche", "Deutschen" …
GAZETTEER_ADJECTIVE = re.compile(r"^(?P<stem>[A-ZÄÖÜ][a-zäöüß]*(?:isch|sch|lich|ig|al|iv|är|ell|frei|neu))(?:e|er|es|en|em)$")
#: Determiners and possessives look like adjectives but never start a name ("Stiftung eine Rolle").
DETERMINER = r"(?:ein|kein|dies|jed|mein|dein|sein|ihr|unser|euer|eur|all|viel|einig|manch|solch|welch|beid|ander)e[nmrs]?"
ADJECTIVE = rf"(?!{DETERMINER}\b)[{LOWER}]+(?:e|en|er|es)"
#: Space inside one name: a line break ends it ("Stiftung\nDie Förderpolitik").
NAME_SPACE = r"[ \u00a0]+"
#: A capitalised word, with a gender-inclusive ending if it has one ("Nutzer/-innen").
WORD = re.compile(rf"(?<![\w\-/*:])[{UPPER}][\w\-]*?(?:(?:/-?|[*:])in(?:nen)?)?(?![\w\-])")
OPEN_QUOTES = "„“\"»‚"
CLOSE_QUOTES = "“”\"«‘"


@dataclass(frozen=True)
class Candidate:
    """One actor mention found in the text."""

    start: int
    end: int
    canonical: str
    actor_type: str
    sector: str
    source: str  # a key of PRIORITY


@dataclass(frozen=True)
class NamedEntry:
    canonical: str
    actor_type: str
    sector: str


@functools.lru_cache(maxsize=4)
def load_gazetteer(path: Path = GAZETTEER_FILE) -> tuple[dict[str, NamedEntry], re.Pattern[str] | None]:
    """Alias -> entry, and one regex that finds every alias (longest first) with a genitive "s"."""
    aliases: dict[str, NamedEntry] = {}
    for row in read_rows(path):
        if len(row) < 3:
            continue
        canonical, actor_type, sector = row[:3]
        entry = NamedEntry(canonical, actor_type, sector)
        for alias in [canonical, *(row[3].split("|") if len(row) > 3 else [])]:
            for form in inflected_aliases(alias.strip()):
                aliases.setdefault(form, entry)
    if not aliases:
        return aliases, None
    alternatives = "|".join(re.escape(alias) for alias in sorted(aliases, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w.\-/])(?P<alias>{alternatives})(?:es|s|’s|'s)?(?![\w]|[.\-/][\w])")
    return aliases, pattern


def inflected_aliases(alias: str) -> list[str]:
    """The alias and its case forms when it starts with an adjective ("Deutscher Städtetag" ->
    "Deutsche Städtetag", "Deutschen Städtetag" …): names are inflected after articles."""
    if not alias:
        return []
    first, _, rest = alias.partition(" ")
    match = GAZETTEER_ADJECTIVE.match(first)
    if match is None or not rest:
        return [alias]
    stem = match.group("stem")
    return [alias] + [f"{stem}{ending} {rest}" for ending in ("e", "er", "es", "en", "em") if f"{stem}{ending}" != first]


LEARNT_FIRST_NAMES_FILE = LEXICON_DIR / "learnt_first_names.txt"


@functools.lru_cache(maxsize=4)
def load_first_names(path: Path = FIRST_NAMES_FILE, learnt: Path | None = LEARNT_FIRST_NAMES_FILE) -> frozenset[str]:
    """The hand list and the first names derived from person names of the training data."""
    names = set(read_words(path))
    if learnt is not None and learnt.exists():
        names |= set(read_words(learnt)) - set(load_stopwords())
    return frozenset(names)


@functools.lru_cache(maxsize=4)
def load_org_patterns(path: Path = ORG_PATTERNS_FILE) -> tuple[tuple[re.Pattern[str], str, str, str], ...]:
    """(regex, kind, sector, lower-cased keyword) for each keyword of the organisation-pattern file."""
    compiled = []
    name_seq = rf"(?:{ADJECTIVE}{NAME_SPACE})?{NAME_WORD}"
    for row in read_rows(path):
        if len(row) < 3:
            continue
        keyword, kind, sector = row[:3]
        kw = re.escape(keyword)
        if kind == "quoted":
            regex = rf"(?<![\w\-]){kw}(?:e?s)?\s*[{OPEN_QUOTES}][^{CLOSE_QUOTES}\n]{{2,80}}?[{CLOSE_QUOTES}]"
        elif kind == "named":
            regex = rf"(?<![\w\-]){kw}{NAME_SPACE}{name_seq}(?:{NAME_SPACE}{NAME_WORD}){{0,2}}"
        elif kind == "compound":
            # "Wohnungsbaugenossenschaft Musterstadt", "Sportverein Grün-Weiß".
            regex = rf"(?<![\w\-])[{UPPER}][\w\-]*?{kw}{NAME_SPACE}{name_seq}(?:{NAME_SPACE}{NAME_WORD}){{0,2}}"
        elif kind == "of":
            head = rf"(?:[{UPPER}][\w\-]*?{kw}|{re.escape(keyword[:1].upper() + keyword[1:])})"
            # Only capitalised words, adjectives and connectors: "… für Arbeit und Soziales" stops
            # before "die Arbeit der Tafeln"; an article only right after a preposition ("für die …").
            article = r"(?:(?:die|das|den|dem)\s+)?"
            joiner = rf"(?:,\s+|\s+und\s+|\s+(?:für|der|des|im|in)\s+{article})"
            regex = rf"(?<![\w\-]){head}\s+(?:für|der|des|gegen|zur|zum)\s+{article}{name_seq}(?:{joiner}{name_seq}){{0,4}}"
        elif kind == "suffix":
            tail = rf"{kw}(?!\w)" if keyword.endswith(".") else rf"{kw}\b"
            regex = rf"(?<![\w\-])(?:{NAME_WORD}[ \-]){{1,4}}{tail}"
        else:
            raise ValueError(f"{path.name}: unknown pattern kind {kind!r} for {keyword!r}")
        compiled.append((re.compile(regex), kind, sector, keyword.lower()))
    return tuple(compiled)


def bibliography_zones(text: str) -> list[tuple[int, int]]:
    """Character ranges of a "Literatur:" section: from its heading to the end of the text."""
    match = heading_line_regex().search(text)
    return [(match.start(), len(text))] if match else []


def in_zones(start: int, end: int, zones: Iterable[tuple[int, int]]) -> bool:
    return any(start < zone_end and end > zone_start for zone_start, zone_end in zones)


def find_gazetteer(text: str) -> Iterator[Candidate]:
    aliases, pattern = load_gazetteer()
    if pattern is None:
        return
    learnt, _ = load_learnt_mentions()
    for match in pattern.finditer(text):
        entry = aliases[match.group("alias")]
        # The canonical form the training annotation gives this very form ("dpa", not "Deutsche Presse-Agentur").
        taught = learnt.get(match.group("alias"))
        if taught is not None and taught.actor_type == entry.actor_type:
            entry = taught
        elif MINISTRY_WORD.fullmatch(match.group("alias")):
            # A ministry is named as the post writes it ("Bundesinnenministerium", "Finanzministerium").
            entry = NamedEntry(match.group("alias"), entry.actor_type, entry.sector)
        yield Candidate(match.start(), match.end(), entry.canonical, entry.actor_type, entry.sector, "gazetteer")


@functools.lru_cache(maxsize=2)
def _prefix_pattern() -> re.Pattern[str] | None:
    aliases, _ = load_gazetteer()
    names = sorted((a for a, e in aliases.items() if e.actor_type == "organisation" and len(a) > 1), key=len, reverse=True)
    if not names:
        return None
    return re.compile(rf"(?<![\w.\-/])(?P<alias>{'|'.join(re.escape(name) for name in names)})-(?=[{UPPER}])")


def find_compound_prefixes(text: str) -> Iterator[Candidate]:
    """Organisations named as the first part of a compound: "Caritas-Präsidentin", "AWO-Chef",
    "EU-Verordnung" name the Caritas, the AWO, the EU (the annotation counts the name there)."""
    pattern = _prefix_pattern()
    if pattern is None:
        return
    aliases, _ = load_gazetteer()
    for match in pattern.finditer(text):
        entry = aliases[match.group("alias")]
        yield Candidate(match.start(), match.end("alias"), entry.canonical, entry.actor_type, entry.sector, "gazetteer")


@functools.lru_cache(maxsize=4)
def load_learnt_mentions(path: Path = LEARNT_MENTIONS_FILE) -> tuple[dict[str, NamedEntry], re.Pattern[str] | None]:
    """Surface forms the training annotation marks as actors (``scripts/derive_actor_lexicons.py``).

    A single-word collective form that the collective lexicon already knows is left to it (its
    canonical form and sector rule); one whose canonical form is not a form of the word is dropped."""
    entries: dict[str, NamedEntry] = {}
    if not path.exists():
        return entries, None
    for row in read_rows(path):
        if len(row) < 4 or row[0] == "surface":
            continue
        surface, canonical, actor_type, sector = row[:4]
        if actor_type == "collective" and " " not in surface:
            if match_collective(surface) is not None or canonical[:3].lower() not in fold_gender(surface).lower():
                continue
        entries[surface] = NamedEntry(canonical, actor_type, sector)
    if not entries:
        return entries, None
    alternatives = "|".join(re.escape(surface) for surface in sorted(entries, key=len, reverse=True))
    return entries, re.compile(rf"(?<![\w.\-/*:])(?P<alias>{alternatives})(?:s|’s|'s)?(?![\w*:/]|[.\-][\w])")


@functools.lru_cache(maxsize=4)
def load_not_actors(path: Path = LEARNT_NOT_ACTORS_FILE) -> frozenset[str]:
    """Canonical forms the rules find but the training annotation rarely marks as actors."""
    if not path.exists():
        return frozenset()
    return frozenset(row[0] for row in read_rows(path) if row and row[0] != "canonical")


def find_learnt(text: str) -> Iterator[Candidate]:
    entries, pattern = load_learnt_mentions()
    if pattern is None:
        return
    for match in pattern.finditer(text):
        entry = entries[match.group("alias")]
        if entry.actor_type == "collective" and match.end() > match.end("alias"):
            continue  # a genitive "s" only on names
        yield Candidate(match.start(), match.end(), entry.canonical, entry.actor_type, entry.sector, "learnt")


def find_org_patterns(text: str) -> Iterator[Candidate]:
    stopwords = load_stopwords()
    lowered = text.lower()
    for regex, kind, sector, keyword in load_org_patterns():
        if keyword not in lowered:
            continue  # every match contains its keyword: a substring test is far cheaper than the scan
        for match in regex.finditer(text):
            start, end = match.start(), match.end()
            if kind == "suffix":
                # Drop leading function words ("Die Tafel Musterstadt e.V." -> "Tafel Musterstadt e.V.").
                words = match.group(0).split(" ")
                while words and words[0] in stopwords:
                    start += len(words[0]) + 1
                    words.pop(0)
                if len(words) < 2:
                    continue
            elif kind in ("named", "compound"):
                words = match.group(0).split()
                # Trailing function words and years ("Tafel Deutschland 2023" in a citation) are no part of the name.
                while len(words) > 1 and (words[-1].rstrip(".,") in stopwords or words[-1].rstrip(".,").isdigit()):
                    end -= len(words[-1]) + 1
                    words.pop()
                if len(words) < 2:
                    continue
            canonical = _normalise_quotes(text[start:end])
            if kind == "quoted":
                canonical = _drop_genitive(canonical)
            yield Candidate(start, end, canonical, "organisation", sector, "pattern")


def _drop_genitive(name: str) -> str:
    # "Netzwerks „X“" -> "Netzwerk „X“": the keyword is named in the nominative.
    keyword, _, rest = name.partition(" ")
    for ending in ("es", "s"):
        if keyword.endswith(ending) and keyword[: -len(ending)] in _quoted_keywords():
            return f"{keyword[: -len(ending)]} {rest}"
    return name


@functools.lru_cache(maxsize=1)
def _quoted_keywords() -> frozenset[str]:
    return frozenset(row[0] for row in read_rows(ORG_PATTERNS_FILE) if len(row) > 1 and row[1] == "quoted")


def _normalise_quotes(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip()
    name = re.sub(rf"\s*[{OPEN_QUOTES}]([^{CLOSE_QUOTES}]+)[{CLOSE_QUOTES}]$", r" „\1“", name)
    return name


def find_collectives(text: str, not_actors: frozenset[str] | None = None) -> Iterator[Candidate]:
    """Collective actors: gender pairs ("Bürgerinnen und Bürger") and single words, less the
    canonical forms in ``not_actors`` (default: the learnt list)."""
    for match in PAIR.finditer(text):
        hit = match_collective(pair_word(match))
        if hit is not None:
            yield Candidate(match.start(), match.end(), hit.canonical, "collective", hit.sector, "collective")
    stop_phrases = {phrase for phrase in load_stopwords() if " " in phrase}
    not_actors = load_not_actors() if not_actors is None else not_actors
    for match in WORD.finditer(text):
        word = match.group(0)
        hit = match_collective(word)
        if hit is None or hit.canonical in not_actors or _previous_word(text, match.start()) + " " + word in stop_phrases:
            continue
        if hit.word_class == "adj" and _used_as_adjective(text, match.end()):
            continue
        start, canonical = match.start(), hit.canonical
        if hit.word_class == "noun" and " " not in canonical:
            attributed = attributive_adjective(text, start, canonical, hit.person)
            if attributed is not None:
                start, canonical = attributed
        yield Candidate(start, match.end(), canonical, "collective", hit.sector, "collective")


def _previous_word(text: str, start: int) -> str:
    words = text[max(0, start - 40) : start].split()
    return words[-1] if words else ""


def _used_as_adjective(text: str, end: int) -> bool:
    # "Freiwillige Helfer": a nominalised-adjective form directly before a capitalised noun.
    following = text[end : end + 2]
    return len(following) == 2 and following[0] == " " and following[1].isupper()


def find_abbreviations(text: str, found: Iterable[Candidate]) -> Iterator[Candidate]:
    """Later mentions of an abbreviation introduced in parentheses after an organisation:
    "Deutscher Städtetag (DST) … der DST" -> both the Deutscher Städtetag."""
    known: dict[str, Candidate] = {}
    defined_at: set[int] = set()
    for candidate in found:
        if candidate.actor_type != "organisation":
            continue
        match = ABBREVIATION.match(text, candidate.end)
        if match is not None and match.group("abbr") not in known:
            known[match.group("abbr")] = candidate
            defined_at.add(match.start("abbr"))
    if not known:
        return
    aliases, _ = load_gazetteer()
    names = sorted((abbr for abbr in known if abbr not in aliases), key=len, reverse=True)
    if not names:
        return
    regex = re.compile(rf"(?<![\w\-])(?:{'|'.join(re.escape(name) for name in names)})(?:s)?(?![\w\-])")
    for match in regex.finditer(text):
        if match.start() in defined_at:
            continue
        source = known[match.group(0) if match.group(0) in known else match.group(0)[:-1]]
        yield Candidate(match.start(), match.end(), source.canonical, "organisation", source.sector, "pattern")


#: An acronym: "DZI", "GIZ", "VdK", "BAGFW" (2–7 letters, capitals with at most one lower-case
#: letter inside), with a genitive "s".
ACRONYM = re.compile(r"(?<![\w\-./@])(?P<name>[A-ZÄÖÜ](?:[A-ZÄÖÜ]{1,6}|[a-zäöü][A-ZÄÖÜ]{1,5}|[A-ZÄÖÜ]{1,5}[a-zäöü][A-ZÄÖÜ]))s?(?![\w\-]|\.\w)")
ROMAN = re.compile(r"[IVXLC]+")
#: Laws and regulations: "KJHG", "SGB", "DSGVO", "BGB".
LAW_ACRONYM = re.compile(r"[A-ZÄÖÜ]{1,}(?:G|GB|VO|O)")


@functools.lru_cache(maxsize=2)
def load_not_acronyms(path: Path = LEARNT_NOT_ACRONYMS_FILE) -> frozenset[str]:
    """Acronyms the training annotation never marks as actors ("SGB", "KI", "NRW", "PDF")."""
    return frozenset(read_words(path)) if path.exists() else frozenset()


def find_acronyms(text: str, found: Iterable[Candidate] = ()) -> Iterator[Candidate]:
    """Organisations written as acronyms ("DZI", "GIZ", "VdK"): an acronym outside upper-case
    headings that is no law, roman numeral or learnt non-actor ("SGB", "KI", "NRW"), and not the
    definition "(DST)" right after a name that ``find_abbreviations`` already links."""
    not_acronyms = load_not_acronyms()
    stopwords = load_stopwords()
    definitions = set()
    for candidate in found:
        defined = ABBREVIATION.match(text, candidate.end) if candidate.actor_type == "organisation" else None
        if defined is not None:
            definitions.add(defined.start("abbr"))
    capital_lines: dict[int, bool] = {}  # line start -> written mostly in capitals
    for match in ACRONYM.finditer(text):
        name = match.group("name")
        if match.start() in definitions:
            continue
        if name in not_acronyms or name in stopwords or name.capitalize() in stopwords or ROMAN.fullmatch(name):
            continue
        if LAW_ACRONYM.fullmatch(name) and len(name) > 2:
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        if line_start not in capital_lines:
            line_end = text.find("\n", match.end())
            letters = [c for c in text[line_start : line_end if line_end >= 0 else len(text)] if c.isalpha()]
            capital_lines[line_start] = sum(c.isupper() for c in letters) * 2 > len(letters)
        if capital_lines[line_start]:
            continue  # a heading in capitals: its words are no acronyms
        yield Candidate(match.start(), match.end(), name, "organisation", "unknown", "acronym")


def corporate_author(name: str, first_names: Iterable[str] = ()) -> NamedEntry | None:
    """The organisation a cited "author" is, or ``None`` for a person: "Tafel Deutschland",
    "Forschungsverbund Jugendhilfe", "OECD", "DJI" are organisations."""
    name = name.strip()
    words = name.split()
    if not words:
        return None
    aliases, _ = load_gazetteer()
    entry = aliases.get(name) or aliases.get(strip_genitive(name, aliases))
    if entry is not None:
        return entry if entry.actor_type == "organisation" else None
    for candidate in find_org_patterns(name):
        return NamedEntry(name, "organisation", candidate.sector)
    for word in words:
        hit = match_collective(word)
        if hit is not None and hit.word_class == "noun" and not hit.person:
            return NamedEntry(name, "organisation", hit.sector)
    if re.fullmatch(r"[A-ZÄÖÜ][A-ZÄÖÜ0-9&]{1,7}", name):
        return NamedEntry(name, "organisation", "unknown")
    capitalised = [word for word in words if word[:1].isupper()]
    if len(capitalised) >= 2 and words[0] not in set(first_names) and len(capitalised) == len(words):
        return NamedEntry(name, "organisation", "unknown")
    return None


def is_role_word(word: str) -> bool:
    """A noun for a person's role or profession ("Sozialpädagogin", "Armutsforscher")."""
    hit = match_collective(word)
    return hit is not None and hit.person


def names_after_roles(text: str, first_names: Iterable[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of surnames right after a singular role noun: "Armutsforscherin Schmidt sagt"."""
    first_names = set(first_names)
    stopwords = load_stopwords()
    aliases, _ = load_gazetteer()
    for match in ROLE_NAME.finditer(text):
        role, name = match.group("role"), match.group("name")
        if name in stopwords or name in first_names or name in aliases or match_collective(name) is not None:
            continue
        hit = match_collective(role)
        if hit is None or not hit.person or fold_gender(role) != role:
            continue
        feminine = role.endswith("in") and not role.endswith(("ein", "ain"))
        singular = role.lower() == hit.canonical.lower() and hit.sector != "citizens" and not name.endswith("s")
        if feminine or singular:
            yield match.start("name"), match.end("name")


# --- persons ---------------------------------------------------------------------------------

FULL_NAME = re.compile(rf"(?<![\w\-])(?P<first>[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?)\s+(?P<last>(?:(?:von|van|de|zu|van der|von der)\s+)?{SURNAME})(?![\w\-’'])")
TITLED_NAME = re.compile(rf"(?<![\w\-])(?:Prof\.\s*|Dr\.\s*|Frau\s+|Herr(?:n)?\s+)+(?P<last>(?:[{UPPER}][{LOWER}]+\s+)?{SURNAME})(?![\w\-])")
#: "(DST)" right after an organisation name: an abbreviation defined for the rest of the post.
ABBREVIATION = re.compile(r"\s*\((?P<abbr>[A-ZÄÖÜ][A-Za-zÄÖÜäöü&\-]{0,8}[A-ZÄÖÜ])\)")
#: A role noun and a surname followed by a verb or punctuation: "Sozialarbeiterin Yılmaz sagt".
ROLE_NAME = re.compile(rf"(?<![\w\-])(?P<role>[{UPPER}][{LOWER}\-]+)\s+(?P<name>{SURNAME})(?=[,.;:!?)]|\s+[{LOWER}]|\s*$)")


def title_word_before(text: str, start: int, first_names: Iterable[str]) -> bool:
    """True when a capitalised word that is no first name stands right before ``start``: "Smart City
    (2017)" cites a title, not a person "City"."""
    previous = _previous_word(text, start)
    if not previous or not text[:start].endswith(" ") or not previous[0].isupper():
        return False
    return previous not in load_stopwords() and previous not in first_names and previous[-1] not in ".:!?"


def surname_pattern(surnames: Iterable[str]) -> re.Pattern[str] | None:
    """A regex for later surname-only mentions of known persons (genitive "s" allowed)."""
    names = sorted({name for name in surnames if name}, key=len, reverse=True)
    if not names:
        return None
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"(?<![\w\-’'])(?P<name>{alternatives})(?:s|’s|'s)?(?![\w’'])")


__all__ = [
    "Candidate",
    "PRIORITY",
    "bibliography_zones",
    "find_collectives",
    "find_gazetteer",
    "find_org_patterns",
    "fold_gender",
    "in_zones",
    "load_first_names",
    "strip_genitive",
    "surname_pattern",
]
