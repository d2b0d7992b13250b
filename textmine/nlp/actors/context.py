"""Context rules applied after overlap resolution: what the words around a mention say about it.

* A person's sector is that of the affiliation named beside them in the same sentence ("Ulrich
  Lilie, Präsident der Diakonie" -> civil_society; "Bundesminister Jens Spahn" -> state), unless a
  citation already made them science; every mention of one canonical person gets one sector.
* A person or organisation no rule gives a sector takes the sector that the words around their
  mentions (and an organisation's own name words) make most likely (multinomial naive Bayes, counts
  learnt from the training annotation by ``scripts/derive_actor_lexicons.py`` into
  ``person_sector_words.tsv`` and ``organisation_sector_words.tsv``): the annotators give almost
  every actor a sector (persons: science for two in five), so "unknown" is nearly always wrong.
* Generic German federal names ("Innenministerium", "Bundesregierung") stay the German federal
  institution only in posts about Germany: in a post about Austria or Switzerland
  (``national_scope.tsv``) or after a regional adjective ("das bayerische Innenministerium")
  the name as written is the canonical form.
* Ambiguous names (``ambiguous.tsv``: "Bild", "Grüne", "Linke", "Union") are actors only where the
  context supports them: the statistical NER marks them as a name, or a cue word of the entry
  stands right before them ("die Grünen", "laut Bild").
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from textmine.nlp.actors.canonical import LEXICON_DIR, match_collective, read_rows
from textmine.nlp.actors.patterns import Candidate, load_gazetteer

AMBIGUOUS_FILE = LEXICON_DIR / "ambiguous.tsv"
PERSON_SECTOR_FILE = LEXICON_DIR / "person_sector_words.tsv"
ORGANISATION_SECTOR_FILE = LEXICON_DIR / "organisation_sector_words.tsv"
#: The sector model of each actor type (organisations: context and the words of the name).
SECTOR_FILES = {"person": PERSON_SECTOR_FILE, "organisation": ORGANISATION_SECTOR_FILE}
NATIONAL_SCOPE_FILE = LEXICON_DIR / "national_scope.tsv"
#: "bayerische", "österreichischen", "Wiener", "NRW-": a regional or foreign qualifier before a name.
REGIONAL_QUALIFIER = re.compile(r"(?:[a-zäöü]+(?:isch|sch)e[nmrs]?|[A-ZÄÖÜ][a-zäöü]+er|[A-ZÄÖÜ]{2,}-?)$")
#: Characters that end a sentence for the purpose of affiliation context.
SENTENCE_END = re.compile(r"[.!?]\s|\n")
#: How far (characters) an affiliation may stand from the person.
AFFILIATION_WINDOW = 120
QUOTES = "„“”\"»«‚‘’"


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in SENTENCE_END.finditer(text, max(0, start - 400), start)), default=0)
    right_match = SENTENCE_END.search(text, end)
    return left, right_match.start() if right_match else len(text)


def _affiliation_sector(candidate: Candidate) -> str | None:
    prefix, dash, _ = candidate.canonical.partition("-")
    if dash and candidate.actor_type == "collective":
        # "Caritas-Präsidentin", "CDU-Politiker", "Verdi-Chef": the organisation in the role word.
        entry = load_gazetteer()[0].get(prefix)
        if entry is not None and entry.actor_type == "organisation" and entry.sector != "unknown":
            return entry.sector
    if candidate.sector == "unknown":
        return None
    if candidate.actor_type == "organisation":
        return candidate.sector
    if candidate.actor_type == "collective":
        hit = match_collective(candidate.canonical)
        if hit is not None and hit.person:
            return candidate.sector
    return None


def _role_sector(text: str, start: int) -> str | None:
    """The sector the word right before a name gives: "Caritas-Präsidentin" (the organisation in
    it), "Bürgermeister", "Soziologin" (the role noun's sector)."""
    before = text[max(0, start - 60) : start]
    if not before.endswith(" "):
        return None
    words = before.split()
    if not words:
        return None
    word = words[-1].strip(",;:()„“\"")
    prefix, dash, _ = word.partition("-")
    if dash:
        entry = load_gazetteer()[0].get(prefix)
        if entry is not None and entry.actor_type == "organisation" and entry.sector != "unknown":
            return entry.sector
    hit = match_collective(word)
    if hit is not None and hit.person and hit.sector != "unknown":
        return hit.sector
    return None


def person_sectors(text: str, candidates: list[Candidate], roles: list[Candidate] = ()) -> list[Candidate]:
    """Persons of unknown sector take the sector of the nearest affiliation in their sentence;
    ``roles`` are role-noun candidates dropped before names ("Bundesminister Jens Spahn")."""
    context = [c for c in list(candidates) + list(roles) if _affiliation_sector(c) is not None]
    votes: dict[str, Counter[str]] = {}
    for person in candidates:
        if person.actor_type != "person" or person.sector != "unknown":
            continue
        role = _role_sector(text, person.start)
        if role is not None:
            votes.setdefault(person.canonical, Counter())[role] += 2
            continue
        left, right = _sentence_bounds(text, person.start, person.end)
        best: tuple[int, str] | None = None
        for other in context:
            if other.start < left or other.end > right:
                continue
            distance = person.start - other.end if other.end <= person.start else other.start - person.end
            if distance < 0 or distance > AFFILIATION_WINDOW:
                continue
            if best is None or distance < best[0]:
                best = (distance, _affiliation_sector(other))
        if best is not None:
            votes.setdefault(person.canonical, Counter())[best[1]] += 1
    result = []
    for candidate in candidates:
        if candidate.actor_type == "person" and candidate.sector == "unknown" and candidate.canonical in votes:
            candidate = replace(candidate, sector=votes[candidate.canonical].most_common(1)[0][0])
        result.append(candidate)
    return result


#: Words of a person's context: letters first, at least three characters.
CONTEXT_WORD = re.compile(r"[^\W\d_][\w\-]{2,}")
#: An author-year citation anywhere in the post ("(Schmidt 2020", "(vgl. Lember et al. 2019").
CITATION_CUE = re.compile(r"\(\s*(?:vgl\.\s*)?[A-ZÄÖÜ][\w\-]+(?:\s+et al\.)?,?\s+\d{4}")
#: Context of a mention: this many words on each side, within this many characters.
CONTEXT_WORDS, CONTEXT_CHARS = 12, 150


def sector_features(text: str, spans: list[tuple[int, int]], actor_type: str, canonical: str) -> set[str]:
    """The features of the sector model (shared with the script that learns the counts): the context
    of ``person_context``, for organisations also ``name:`` + each lower-cased word of the name."""
    features = person_context(text, spans)
    if actor_type == "organisation":
        features |= {"name:" + word.lower() for word in canonical.replace("-", " ").split()}
    return features


def person_context(text: str, spans: list[tuple[int, int]]) -> set[str]:
    """The lower-cased words around each mention and ``__citation__`` when the post cites author-year."""
    features: set[str] = set()
    for start, end in spans:
        left = CONTEXT_WORD.findall(text[max(0, start - CONTEXT_CHARS) : start])[-CONTEXT_WORDS:]
        right = CONTEXT_WORD.findall(text[end : end + CONTEXT_CHARS])[:CONTEXT_WORDS]
        features.update(word.lower() for word in left + right)
    if CITATION_CUE.search(text):
        features.add("__citation__")
    return features


@functools.lru_cache(maxsize=4)
def load_sector_model(path: Path = PERSON_SECTOR_FILE) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """(sector -> log prior, word -> sector -> log likelihood), add-one smoothed, from the counts file
    (rows ``word, sector, count``; the word ``__actors__`` holds the number of actors per sector)."""
    if not path.exists():
        return {}, {}
    persons: Counter[str] = Counter()
    counts: dict[str, Counter[str]] = {}
    for row in read_rows(path):
        if len(row) < 3 or row[0] == "word":
            continue
        word, sector, count = row[0], row[1], int(row[2])
        if word == "__actors__":
            persons[sector] += count
        else:
            counts.setdefault(word, Counter())[sector] += count
    totals = Counter()
    for by_sector in counts.values():
        totals.update(by_sector)
    size, all_persons = len(counts), sum(persons.values())
    priors = {sector: math.log(n / all_persons) for sector, n in persons.items()}
    likelihood = {word: {sector: math.log((by_sector[sector] + 1) / (totals[sector] + size)) for sector in priors}
                  for word, by_sector in counts.items()}
    return priors, likelihood


def likely_person_sector(features: set[str], actor_type: str = "person") -> str | None:
    priors, likelihood = load_sector_model(SECTOR_FILES[actor_type])
    if not priors:
        return None
    scores = dict(priors)
    for word in features & likelihood.keys():
        for sector, value in likelihood[word].items():
            scores[sector] += value
    return max(scores, key=scores.__getitem__)


def guess_person_sectors(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Persons and organisations still of unknown sector take the sector their context (and an
    organisation's name) makes most likely; every mention of one actor gets the same."""
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for candidate in candidates:
        if candidate.actor_type in SECTOR_FILES and candidate.sector == "unknown":
            spans.setdefault((candidate.actor_type, candidate.canonical), []).append((candidate.start, candidate.end))
    if not spans:
        return candidates
    guesses = {key: likely_person_sector(sector_features(text, where, *key), key[0]) for key, where in spans.items()}
    result = []
    for candidate in candidates:
        guess = guesses.get((candidate.actor_type, candidate.canonical))
        result.append(replace(candidate, sector=guess) if guess and candidate.sector == "unknown" else candidate)
    return result


@functools.lru_cache(maxsize=4)
def load_ambiguous(path: Path = AMBIGUOUS_FILE) -> dict[str, tuple[str, ...]]:
    """Name -> cue words that make it the actor when they stand right before it."""
    table: dict[str, tuple[str, ...]] = {}
    if not path.exists():
        return table
    for row in read_rows(path):
        if row and row[0] != "name":
            table[row[0]] = tuple(cue.strip() for cue in (row[1] if len(row) > 1 else "").split("|") if cue.strip())
    return table


def keep_ambiguous(text: str, candidate: Candidate, ner_spans: set[tuple[int, int]] | None) -> bool:
    """False for an ambiguous name without supporting context ("im Grünen", "ein Bild")."""
    table = load_ambiguous()
    surface = text[candidate.start : candidate.end]
    name = next((n for n in table if surface == n or (surface.startswith(n) and len(surface) - len(n) <= 2)), None)
    if name is None:
        return True
    if ner_spans is not None and any(s <= candidate.start and candidate.end <= e for s, e in ner_spans):
        return True
    opening = text[candidate.start - 1 : candidate.start]
    closing = text[candidate.end : candidate.end + 1]
    if (opening and closing and opening in QUOTES and closing in QUOTES) or (opening == "(" and closing in ")/,"):
        return True  # „Bild“ quoted as a title, "Lisa Paus (Grüne)" as a party
    before = text[max(0, candidate.start - 30) : candidate.start].split()
    previous = before[-1].lower() if before else ""
    return previous in table[name]


@functools.lru_cache(maxsize=4)
def load_national_cues(path: Path = NATIONAL_SCOPE_FILE) -> dict[str, tuple[str, ...]]:
    cues: dict[str, list[str]] = {}
    if path.exists():
        for row in read_rows(path):
            if len(row) >= 2 and row[0] != "country":
                cues.setdefault(row[0], []).append(row[1])
    return {country: tuple(words) for country, words in cues.items()}


def national_scope(text: str) -> str:
    """"AT", "CH" or "DE": the country whose cue words the post names most (ties: DE)."""
    counts = {country: sum(len(re.findall(rf"(?<!\w){re.escape(cue)}", text)) for cue in cues)
              for country, cues in load_national_cues().items()}
    foreign = max((c for c in counts if c != "DE"), key=lambda c: counts[c], default=None)
    if foreign is not None and counts[foreign] >= 2 and counts[foreign] > counts.get("DE", 0):
        return foreign
    return "DE"


#: How a German federal name is qualified in a post about another country.
COUNTRY_QUALIFIER = {"AT": "österreichische", "CH": "Schweizer"}
MINISTRY = re.compile(r"[A-ZÄÖÜ][a-zäöüß]*ministerium")


def _federal(candidate: Candidate) -> bool:
    return candidate.source == "gazetteer" and (candidate.canonical.startswith("Bundes")
                                                or MINISTRY.fullmatch(candidate.canonical) is not None)


def localise_federal(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """German federal names ("Innenministerium", "Bundesregierung") in a post about Austria or
    Switzerland become that country's ("österreichische Bundesregierung"); a generic name after a
    regional qualifier becomes the regional one ("bayerische Innenministerium")."""
    scope: str | None = None
    result = []
    for candidate in candidates:
        surface = text[candidate.start : candidate.end]
        if _federal(candidate) and not surface.isupper():
            if scope is None:
                scope = national_scope(text)
            previous = text[max(0, candidate.start - 30) : candidate.start].split()
            qualifier = previous[-1] if previous and REGIONAL_QUALIFIER.search(previous[-1]) else None
            generic = not surface.startswith("Bundes")
            name = surface[:-1] if surface.endswith("s") and not candidate.canonical.endswith("s") else surface
            if qualifier is not None and (generic or scope != "DE"):
                candidate = replace(candidate, canonical=f"{qualifier} {name}")
            elif scope != "DE":
                candidate = replace(candidate, canonical=f"{COUNTRY_QUALIFIER[scope]} {name}")
        result.append(candidate)
    return result


def resolve_bare_heads(candidates: list[Candidate]) -> list[Candidate]:
    """ "Wohlfahrtsverbände … die Verbände": a bare collective noun takes the canonical form of the
    one compound with that head named earlier in the same post and at least as often (as surnames
    take the full name); a post that speaks of "Vereine" in general and one "Ortsverein" keeps both."""
    compounds: dict[str, set[Candidate]] = {}
    for candidate in candidates:
        if candidate.actor_type == "collective" and " " not in candidate.canonical:
            compounds.setdefault(candidate.canonical, set()).add(candidate)
    result = []
    for candidate in candidates:
        if candidate.actor_type == "collective" and candidate.canonical in compounds:
            head = candidate.canonical.lower()
            longer = {c for c in compounds if c != candidate.canonical and len(c) > len(head) + 2
                      and c.lower().endswith(head) and c[:1].isupper()}
            if len(longer) == 1:
                (compound,) = longer
                first = min(c.start for c in compounds[compound])
                if first > candidate.start or len(compounds[compound]) < len(compounds[candidate.canonical]):
                    result.append(candidate)
                    continue
                sector = next(iter(compounds[compound])).sector
                candidate = replace(candidate, canonical=compound, sector=sector)
        result.append(candidate)
    return result
